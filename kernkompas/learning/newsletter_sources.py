"""What can go into an issue of the newsletter: the suggestions an editor picks from.

Since the last issue that was sent: new Vitrine cases and newly public action plans (through the registry,
``parts.recent_cases`` / ``parts.recent_plans``: this part never imports the Vitrine or the Binnenstadslab), public
recordings of published sessions; and the sessions still to come. Each suggestion has a ``key`` ("case:12",
"session:4") so that an issue holds it once; an item copies its title, summary and link when it is added, so the
archive shows what was sent even after the source changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts
from kernkompas.learning.models import (
    ItemKind,
    Material,
    MaterialKind,
    Newsletter,
    NewsletterStatus,
    Session,
    SessionStatus,
)

#: Suggestions per kind: a quarter's worth, short enough to scan.
LIMIT = 30
SUMMARY_LENGTH = 1000


@dataclass(frozen=True)
class Suggestion:
    kind: str  # an ItemKind
    key: str
    title: str
    summary: str
    url: str
    when: object = None  # an aware datetime: a session's start, a publication's date


@dataclass
class SuggestionGroup:
    kind: str
    label: str
    suggestions: list[Suggestion]


def last_sent_at(newsletter: Newsletter | None = None):
    """When the last issue (other than this one) was sent; None before the first."""
    sent = Newsletter.objects.filter(status=NewsletterStatus.VERZONDEN).exclude(sent_at=None)
    if newsletter is not None:
        sent = sent.exclude(pk=newsletter.pk)
    return sent.order_by("-sent_at").values_list("sent_at", flat=True).first()


def public_sessions():
    """Sessions anyone may see and attend: published, in a public programme."""
    return Session.objects.published().filter(status=SessionStatus.GEPUBLICEERD).select_related("programme")


def coming_sessions(limit: int = LIMIT) -> list[Suggestion]:
    found = public_sessions().filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")[:limit]
    return [
        Suggestion(
            ItemKind.SESSION,
            f"session:{session.pk}",
            session.title,
            _clip(session.description),
            session.get_absolute_url(),
            session.starts_at,
        )
        for session in found
    ]


def recordings(since, limit: int = LIMIT) -> list[Suggestion]:
    """Public recordings of published sessions, newest first; their own link when it is a web address."""
    found = Material.objects.filter(
        kind=MaterialKind.OPNAME, is_public=True, session__in=public_sessions(), published_at__lte=timezone.now()
    ).select_related("session__programme")
    if since is not None:
        found = found.filter(published_at__gte=since)
    return [
        Suggestion(
            ItemKind.RECORDING,
            f"recording:{material.pk}",
            material.title,
            _clip(material.session.title),
            material.url if material.url.startswith(("https://", "http://")) else material.session.get_absolute_url(),
            material.published_at,
        )
        for material in found.order_by("-published_at", "-pk")[:limit]
    ]


def _from_publications(kind: str, publications) -> list[Suggestion]:
    return [Suggestion(kind, p.key, p.title, _clip(p.summary), p.url, p.published_at) for p in publications]


def suggestions(newsletter: Newsletter) -> list[SuggestionGroup]:
    """Everything an editor may add to this issue, by kind, without what it already holds."""
    since = last_sent_at(newsletter)
    taken = set(newsletter.items.exclude(source_key="").values_list("source_key", flat=True))
    # Links are written into the archive and the e-mail: in the site's first language, whoever assembles it.
    with translation.override(settings.LANGUAGE_CODE):
        groups = [
            SuggestionGroup(
                ItemKind.CASE,
                _("New Vitrine cases"),
                _from_publications(ItemKind.CASE, parts.recent_cases(since, LIMIT)),
            ),
            SuggestionGroup(ItemKind.SESSION, _("Coming sessions"), coming_sessions()),
            SuggestionGroup(ItemKind.RECORDING, _("Recordings"), recordings(since)),
            SuggestionGroup(
                ItemKind.PLAN,
                _("Newly published action plans"),
                _from_publications(ItemKind.PLAN, parts.recent_plans(since, LIMIT)),
            ),
        ]
    for group in groups:
        group.suggestions = [s for s in group.suggestions if s.key not in taken]
    return groups


def find(newsletter: Newsletter, key: str) -> Suggestion | None:
    """The suggestion with this key, if it may still be added to this issue (so a forged key adds nothing)."""
    for group in suggestions(newsletter):
        for suggestion in group.suggestions:
            if suggestion.key == key:
                return suggestion
    return None


def _clip(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"
