"""What the Vitrine gives the other parts through the registry (``core.parts``): cases on a theme for places of a
size class (a weak Kernmonitor indicator links to them), and the cases that fit a municipality or core on its page.

The other parts never import this module; ``VitrineConfig`` names its functions (``case_finder``, ``place_panels``).
Only published, public cases are read, through the list's own selector, so a link's count and the list it opens
always agree.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.core.parts import CaseLink, CaseLinks, Panel
from kernkompas.places.models import Gemeente, Kern, KernKind, SizeClass
from kernkompas.vitrine.models import CasePage, CoreType, Theme
from kernkompas.vitrine.selectors import CaseQuery, live_cases
from kernkompas.vitrine.selectors import find_cases as find_listed_cases

PLACE_CASES_LIMIT = 6

# The kind of core a municipality's centre is, by its size class: what a case's "type of core" is compared with.
CENTRE_TYPES = {
    SizeClass.GTE100K: (CoreType.BINNENSTAD,),
    SizeClass.K50_100: (CoreType.BINNENSTAD, CoreType.STADSKERN),
    SizeClass.K25_50: (CoreType.STADSKERN,),
    SizeClass.K10_25: (CoreType.STADSKERN, CoreType.DORPSKERN),
    SizeClass.LT10K: (CoreType.DORPSKERN,),
}
# A core that is not the main one is a village or neighbourhood centre whatever the size of its municipality.
SUB_CORE_TYPES = (CoreType.DORPSKERN, CoreType.WIJKCENTRUM)


# --- Cases on a theme (a weak indicator's link) --------------------------------------------------------------


def find_cases(themes: list[str], size_class: str = "", limit: int = 3) -> CaseLinks:
    """Cases on any of these themes for municipalities of this size class, newest first, with the list's URL.

    When no case of that size class exists, the cases on the themes of every size (``size_class`` is then "").
    """
    known = [slug for slug in themes if slug]
    sizes = [size_class] if size_class in SizeClass.values else []
    query = CaseQuery(themes=known, size_classes=sizes)
    results = find_listed_cases(query, per_page=max(1, limit), with_facets=False, html_cards=True)
    if not results.total and sizes:
        query = CaseQuery(themes=known)
        results = find_listed_cases(query, per_page=max(1, limit), with_facets=False, html_cards=True)
        sizes = []
    cases = tuple(CaseLink(case.title, case.url) for case in results.page.object_list[:limit])
    url = reverse("vitrine:index") + "?" + query.filter_urlencode()
    names = tuple(Theme.objects.filter(slug__in=known).order_by("order", "name").values_list("name", flat=True))
    return CaseLinks(url=url, count=results.total, cases=cases, size_class=sizes[0] if sizes else "", theme_names=names)


# --- Cases that fit a place (its page) -----------------------------------------------------------------------


def core_types_for(place) -> tuple[str, ...]:
    """The Vitrine's kinds of core that a municipality's centre or a core is."""
    if isinstance(place, Kern) and place.kind != KernKind.HOOFDKERN:
        return SUB_CORE_TYPES
    gemeente = place.gemeente if isinstance(place, Kern) else place
    return CENTRE_TYPES.get(gemeente.size_class, ())


def place_cases(place, limit: int = PLACE_CASES_LIMIT) -> list[dict]:
    """Cases in the municipality itself first, then cases for municipalities of its size class (those for its kind
    of core before the others), newest first within each; each with the reasons it fits."""
    gemeente = place.gemeente if isinstance(place, Kern) else place
    types = core_types_for(place)
    fits = Q(gemeenten=gemeente)
    if gemeente.size_class:
        fits |= Q(size_class=gemeente.size_class)
    candidates = (
        CasePage.objects.filter(pk__in=live_cases().filter(fits).values("pk"))
        .prefetch_related(Prefetch("gemeenten", queryset=Gemeente.objects.only("pk")))
        .order_by("-first_published_at", "-pk")
    )
    rows = []
    for case in candidates:
        own = any(g.pk == gemeente.pk for g in case.gemeenten.all())
        same_size = bool(gemeente.size_class) and case.size_class == gemeente.size_class
        same_type = case.core_type in types
        rows.append((not own, not same_type, case, _reasons(case, gemeente, own, same_size, same_type)))
    rows.sort(key=lambda row: (row[0], row[1]))  # stable: newest first within each group
    return [{"case": case, "reasons": reasons} for _own, _type, case, reasons in rows[:limit]]


def _reasons(case, gemeente, own: bool, same_size: bool, same_type: bool) -> list[str]:
    reasons = []
    if own:
        reasons.append(_("happened in %(name)s itself") % {"name": gemeente.name_nl})
    if same_size:
        reasons.append(_("fits municipalities of %(size_class)s") % {"size_class": case.get_size_class_display()})
    if same_type:
        reasons.append(_("for a %(core_type)s") % {"core_type": case.get_core_type_display()})
    return reasons


def place_panels(request, place) -> list[Panel]:
    """The place page's panel "Cases for a place like this": cases that fit it and the filtered list."""
    gemeente = place.gemeente if isinstance(place, Kern) else place
    cases = place_cases(place)
    query = CaseQuery(size_classes=[gemeente.size_class] if gemeente.size_class else [])
    size_label = SizeClass(gemeente.size_class).label if gemeente.size_class else ""
    context = {
        "cases": cases,
        "list_url": reverse("vitrine:index") + ("?" + query.filter_urlencode() if query.size_classes else ""),
        "size_label": size_label,
        "place_name": place.name if isinstance(place, Kern) else gemeente.name_nl,
    }
    return [
        Panel(
            title=_("Cases for a place like this"),
            template="vitrine/includes/place_cases.html",
            context=context,
            order=20,
            slug="vitrine-cases",
        )
    ]


# --- Cases a Binnenstadslab shows its participants (issue 13) --------------------------------------------------


def cases_by_ids(ids: list[int]) -> list[CaseLink]:
    """The live, public cases among these page ids, in the order given (drafts and other pages left out)."""
    found = {case.pk: case for case in live_cases().filter(pk__in=ids).specific()}
    return [CaseLink(found[pk].title, found[pk].url) for pk in ids if pk in found]


def search_cases(text: str, limit: int = 10) -> list[CaseLink]:
    """Live, public cases matching ``text``, best first (the Vitrine's own search)."""
    # import here: the search layer loads its vocabulary lazily; only a lab's case picker asks for it.
    from kernkompas.vitrine.search import search_case_ids

    ids = [scored.page_id for scored in search_case_ids(text)[: max(0, limit)]]
    return cases_by_ids(ids)


# --- Cases an action plan names as its inspiration --------------------------------------------------------------


def case_choices(limit: int = 200) -> list[tuple[int, str, str]]:
    """``(page_id, title, url)`` of the live, public cases, newest first (an action's "inspired by" choices)."""
    cases = live_cases().order_by("-first_published_at", "-pk")[: max(0, limit)]
    return [(case.pk, case.title, case.url) for case in cases]
