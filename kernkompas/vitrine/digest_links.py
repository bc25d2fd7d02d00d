"""The Vitrine's sections in a member's personal digest (the registry's ``digest_sections``; learning never imports
this module).

- **Your saved searches**: new cases of her saved searches with e-mail on, each search read in its own window
  (``last_sent_at``, exactly as the alert job does, through :func:`matching_new_cases`); ``done`` moves those
  windows in the transaction that sends the digest. While her digest is on the alert job leaves her to it, and when
  she switches it off the alerts go on from where the digest stopped: every case once, without a gap.
- **On the themes you follow**: new cases on her followed themes in the digest's own window, leaving out the cases
  already in the first section.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kernkompas.core.parts import DigestItem, DigestPlaces, DigestSection
from kernkompas.vitrine.actions.alerts import MAX_CASES_PER_SEARCH, matching_new_cases
from kernkompas.vitrine.models import SavedSearch
from kernkompas.vitrine.selectors import live_cases


def digest_sections(user, since, until, places: DigestPlaces) -> list[DigestSection]:
    searched, seen = _saved_search_section(user, until)
    return [searched, _followed_themes_section(user, since, until, seen)]


def _saved_search_section(user, until) -> tuple[DigestSection, set[int]]:
    # Locked like the alert job locks them, so the two never move the same windows at once.
    searches = list(SavedSearch.objects.select_for_update().filter(user=user, alerts=True).order_by("name", "pk"))
    cases, seen = [], set()
    for search in searches:
        for case in matching_new_cases(search, search.last_sent_at or search.created_at, until):
            if case.pk not in seen:
                seen.add(case.pk)
                cases.append(case)
    cases.sort(key=lambda case: case.first_published_at, reverse=True)
    search_ids = [search.pk for search in searches]

    def done(sent_until) -> None:
        SavedSearch.objects.filter(pk__in=search_ids).update(last_sent_at=sent_until)

    title = _("New examples for your saved searches")
    return DigestSection(title, _items(cases), done=done, order=20, slug="searches"), seen


def _followed_themes_section(user, since, until, seen: set[int]) -> DigestSection:
    themes = list(user.followed_themes.values_list("theme_id", flat=True))
    if not themes:
        return DigestSection(_("New examples on the themes you follow"), (), order=21, slug="themes")
    cases = (
        live_cases()
        .filter(themes__in=themes, first_published_at__gt=since, first_published_at__lte=until)
        .exclude(pk__in=seen)
        .distinct()
        .order_by("-first_published_at", "-pk")[:MAX_CASES_PER_SEARCH]
    )
    return DigestSection(_("New examples on the themes you follow"), _items(cases), order=21, slug="themes")


def _items(cases) -> tuple[DigestItem, ...]:
    return tuple(DigestItem(f"{case.title} ({case.place_name})", case.get_url() or "", case.summary) for case in cases)
