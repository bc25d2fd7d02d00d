"""The personal digest: when a member's digest is due, what goes into it, and the learning part's own sections.

A member chooses weekly, monthly or no digest, the learning themes she follows and a few places. Every part offers
its sections through the registry (:func:`kernkompas.core.parts.digest_sections`): this module gives learning's own
(new sessions on her themes and in her places, new recordings and materials on her themes); the Vitrine gives the
cases of her saved searches and followed themes, the Binnenstadslab newly published action plans in her places.

**Windows.** Learning's sections read the window (since, until] of the preference: since is ``last_sent_at``, which
is the moment the digest was switched on and then the moment of each digest sent. A section with windows of its
own (the Vitrine's saved searches) moves them in its ``done``, in the transaction that sends the digest.

**When it is due**, in calendar days of Europe/Brussels, so that a daily run a few seconds earlier than last time
does not push a weekly digest back by a day: weekly seven days after the last one, monthly on the same day of the
next month (the last day of a shorter month).
"""

from __future__ import annotations

import calendar
import datetime
import hmac

from django.core import signing
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kernkompas.core.parts import DigestItem, DigestPlaces, DigestSection
from kernkompas.learning.models import (
    DigestFrequency,
    DigestPreference,
    LearningTheme,
    Material,
    Session,
    SessionStatus,
    ThemeFramework,
)
from kernkompas.lib.text import fold
from kernkompas.places.models import Gemeente, Kern

#: The places a member may follow (municipalities and cores together): a digest about everything is a newsletter.
MAX_PLACES = 10
#: More new things than this in one section is cut off: the digest links to the full lists.
MAX_ITEMS_PER_SECTION = 20
OFF_SALT = "kernkompas.learning.digest-off"


# --- When a digest is due ----------------------------------------------------------------------------------------


def add_month(day: datetime.date) -> datetime.date:
    """The same day of the next month, or the last day of that month when it is shorter (31 January → 28 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def window_start(preference: DigestPreference) -> datetime.datetime:
    return preference.last_sent_at or preference.created_at


def next_due_on(preference: DigestPreference) -> datetime.date | None:
    """The local date from which the next digest is due (None for no digest)."""
    start = timezone.localtime(window_start(preference)).date()
    if preference.frequency == DigestFrequency.WEKELIJKS:
        return start + datetime.timedelta(days=7)
    if preference.frequency == DigestFrequency.MAANDELIJKS:
        return add_month(start)
    return None


def is_due(preference: DigestPreference, now: datetime.datetime) -> bool:
    due_on = next_due_on(preference)
    return due_on is not None and timezone.localtime(now).date() >= due_on


# --- The switch-off link -----------------------------------------------------------------------------------------
# A signature over the preference and its member with the site's secret key: it needs nothing stored and keeps
# working in an old message, and nobody can make one for someone else's digest.


def off_token(preference: DigestPreference) -> str:
    return signing.Signer(salt=OFF_SALT).sign(f"{preference.pk}:{preference.user_id}").rsplit(":", 1)[1]


def off_token_matches(preference: DigestPreference, token: str) -> bool:
    return bool(token) and hmac.compare_digest(off_token(preference), token)


# --- What the member follows -------------------------------------------------------------------------------------


def theme_choices():
    """The learning themes a member can follow, the default framework's first."""
    return LearningTheme.objects.select_related("framework").order_by(
        "-framework__is_default", "framework__order", "framework__name", "order", "name"
    )


def frameworks_with_themes() -> list[tuple[ThemeFramework, list[LearningTheme]]]:
    grouped: dict[int, tuple[ThemeFramework, list[LearningTheme]]] = {}
    for theme in theme_choices():
        grouped.setdefault(theme.framework_id, (theme.framework, []))[1].append(theme)
    return list(grouped.values())


def places_of(preference: DigestPreference) -> DigestPlaces:
    return DigestPlaces(
        gemeente_ids=frozenset(preference.gemeenten.values_list("pk", flat=True)),
        kern_ids=frozenset(preference.kernen.values_list("pk", flat=True)),
    )


def takes_over(user_ids) -> set[int]:
    """The registry's ``digest_takes_over``: members with a weekly or monthly digest get their alerts in it."""
    chosen = DigestPreference.objects.filter(user_id__in=list(user_ids)).exclude(frequency=DigestFrequency.UIT)
    return set(chosen.values_list("user_id", flat=True))


# --- Learning's own sections -------------------------------------------------------------------------------------


def learning_sections(user, since, until, places: DigestPlaces) -> list[DigestSection]:
    """The registry's ``digest_sections`` for learning: new sessions on her themes and in her places, new
    recordings and materials on her themes. Their window is the preference's, so they need no ``done``."""
    preference = DigestPreference.objects.filter(user=user).first()
    theme_ids = list(preference.themes.values_list("pk", flat=True)) if preference else []
    on_themes = []
    if theme_ids:
        on_themes = list(_new_sessions(since, until).filter(themes__in=theme_ids).distinct()[:MAX_ITEMS_PER_SECTION])
    in_places = _new_sessions(since, until).filter(_in_places(places)).exclude(pk__in=[s.pk for s in on_themes])
    materials = _new_materials(since, until, theme_ids)
    return [
        DigestSection(_("New sessions on your themes"), _session_items(on_themes), order=10, slug="sessions"),
        DigestSection(
            _("New sessions in your places"),
            _session_items(in_places.distinct()[:MAX_ITEMS_PER_SECTION]),
            order=11,
            slug="place-sessions",
        ),
        DigestSection(_("New recordings and materials on your themes"), materials, order=12, slug="materials"),
    ]


def _new_sessions(since, until):
    """Published, coming sessions of public programmes, first published in (since, until]. A session published
    before this part knew its publishing moment counts from when it was created."""
    published = Q(published_at__gt=since, published_at__lte=until) | Q(
        published_at__isnull=True, created_at__gt=since, created_at__lte=until
    )
    return (
        Session.objects.published()
        .filter(published, status=SessionStatus.GEPUBLICEERD, ends_at__gte=until)
        .select_related("programme")
        .order_by("starts_at", "pk")
    )


def _in_places(places: DigestPlaces) -> Q:
    """Sessions of programmes run by (or meant for the region of) her municipalities, or about her cores."""
    gemeente_ids = set(places.gemeente_ids) | set(
        Kern.objects.filter(pk__in=places.kern_ids).values_list("gemeente_id", flat=True)
    )
    if not gemeente_ids and not places.kern_ids:
        return Q(pk__in=[])
    return (
        Q(programme__gemeente__in=gemeente_ids)
        | Q(programme__regio__gemeenten__in=gemeente_ids)
        | Q(kern__in=places.kern_ids)
        | Q(gebied__kern__in=places.kern_ids)
    )


def _session_items(sessions) -> tuple[DigestItem, ...]:
    return tuple(
        DigestItem(session.title, session.get_absolute_url(), _session_summary(session)) for session in sessions
    )


def _session_summary(session: Session) -> str:
    when = formats.date_format(timezone.localtime(session.starts_at), "l j F Y, H:i")
    return f"{when} · {session.get_format_display()} · {session.programme.title}"


def _new_materials(since, until, theme_ids) -> tuple[DigestItem, ...]:
    if not theme_ids:
        return ()
    materials = (
        Material.objects.filter(
            published_at__gt=since,
            published_at__lte=until,
            is_public=True,
            themes__in=theme_ids,
            session__in=Session.objects.published(),
        )
        .select_related("session__programme")
        .distinct()
        .order_by("-published_at", "pk")[:MAX_ITEMS_PER_SECTION]
    )
    return tuple(
        DigestItem(
            f"{material.title} ({material.get_kind_display()})",
            material.url or material.session.get_absolute_url(),
            _("With the session %(session)s") % {"session": material.session.title},
        )
        for material in materials
    )


# --- When a session was first published ---------------------------------------------------------------------------


@receiver(post_save, sender=Session, dispatch_uid="learning.digest.session_published_at")
def _note_first_publishing(sender, instance: Session, **kwargs):
    # Whoever publishes a session (the staff pages, the demo, the back office), the digest needs the moment: noted
    # after the first save as published (also a save with update_fields) and kept after, so a later edit does not
    # make the session "new" again.
    if instance.status == SessionStatus.GEPUBLICEERD and instance.published_at is None:
        now = timezone.now()
        Session.objects.filter(pk=instance.pk, published_at__isnull=True).update(published_at=now)
        instance.published_at = now


def place_choices(search: str, chosen_gemeenten, chosen_kernen, limit: int = 20):
    """The municipalities and cores to offer as checkboxes: the chosen ones, then those matching ``search`` (or,
    on a platform with few places, all of them)."""
    gemeenten = Gemeente.objects.current().order_by("name_nl")
    kernen = Kern.objects.filter(gemeente__in=Gemeente.objects.current()).select_related("gemeente")
    if search:
        found_g = list(gemeenten.search(search)[:limit])
        found_k = list(kernen.filter(search_text__contains=fold(search)).order_by("name")[:limit])
    elif gemeenten.count() + kernen.count() <= 40:
        found_g, found_k = list(gemeenten), list(kernen.order_by("gemeente__name_nl", "name"))
    else:
        found_g, found_k = [], []
    shown_g = _unique([*gemeenten.filter(pk__in=chosen_gemeenten), *found_g])
    shown_k = _unique([*kernen.filter(pk__in=chosen_kernen), *found_k])
    return shown_g, shown_k


def _unique(rows: list) -> list:
    """The rows in their order, each once."""
    return list({row.pk: row for row in rows}.values())
