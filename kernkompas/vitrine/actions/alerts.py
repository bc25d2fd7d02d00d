"""E-mail alerts for saved searches: new live cases that match, ONE message per person for all their searches.

Each saved search remembers until when it was sent (``last_sent_at``). A run looks for live cases first published
in the window (last_sent_at, run time] — or since the search was saved — and moves ``last_sent_at`` to the run
time in the same transaction as the sending, per person. So a second run sends nothing, a failed send is retried
by the next run, and a case published later goes out exactly once. A member with a personal digest (learning,
asked through the registry) is left to it: the digest reads and moves the same windows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kernkompas.core import audit, parts
from kernkompas.vitrine.models import CasePage, SavedSearch
from kernkompas.vitrine.selectors import find_cases, parse_query

logger = logging.getLogger(__name__)

# Newest first; more new cases than this for one search in one run is not an alert but a flood.
MAX_CASES_PER_SEARCH = 20


@dataclass
class AlertGroup:
    search: SavedSearch
    cases: list[CasePage] = field(default_factory=list)


@dataclass
class RunSummary:
    people: int = 0
    emails: int = 0
    cases: int = 0
    failed: int = 0


def matching_new_cases(search: SavedSearch, since, until) -> list[CasePage]:
    """Live cases matching the search's filters, first published in (since, until], newest first."""
    query = replace(parse_query(QueryDict(search.query_string)), sort="newest", page=1)
    # The list is sorted newest first, so the first page holds every case new since the last run.
    results = find_cases(query, per_page=MAX_CASES_PER_SEARCH * 5, with_facets=False)
    found = [
        case
        for case in results.page.object_list
        if case.first_published_at is not None and since < case.first_published_at <= until
    ]
    found.sort(key=lambda case: case.first_published_at, reverse=True)
    return found[:MAX_CASES_PER_SEARCH]


def _absolute(url: str) -> str:
    return f"{settings.BASE_URL}{url}" if url.startswith("/") else url


def send_alerts(now=None) -> RunSummary:
    """Send every due alert. Safe to run as often as you like (cron, systemd timer)."""
    now = now or timezone.now()
    summary = RunSummary()
    user_ids = (
        SavedSearch.objects.filter(alerts=True, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    user_ids = list(user_ids)
    # A member with a personal digest gets her new cases in it (kernkompas.vitrine.digest_links), not twice.
    in_digest = parts.digest_takes_over(user_ids)
    for user_id in user_ids:
        if user_id in in_digest:
            continue
        summary.people += 1
        try:
            sent_cases = _send_for_user(user_id, now)
        except Exception:
            # One unreachable address or a mail server hiccup must not stop the others; this person's searches
            # were rolled back, so the next run tries again.
            logger.exception("Vitrine alerts for user #%s could not be sent", user_id)
            summary.failed += 1
            continue
        if sent_cases:
            summary.emails += 1
            summary.cases += sent_cases
    return summary


def _send_for_user(user_id: int, now) -> int:
    """One transaction per person: the mail goes out and the searches move forward together, or neither."""
    with transaction.atomic():
        searches = list(
            SavedSearch.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id, alerts=True)
            .order_by("name", "pk")
        )
        if not searches:
            return 0
        groups = []
        for search in searches:
            since = search.last_sent_at or search.created_at
            cases = matching_new_cases(search, since, now)
            if cases:
                groups.append(AlertGroup(search, cases))
        # The search with the newest case first, like the cases within each search.
        groups.sort(key=lambda group: group.cases[0].first_published_at, reverse=True)
        total = sum(len(group.cases) for group in groups)
        if total:
            _send_mail(searches[0].user, groups, total)
        SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(last_sent_at=now)
        if total:
            audit.record(
                None,
                "vitrine.alerts_sent",
                searches[0].user,
                label=f"user #{user_id}",
                changes={"searches": len(groups), "cases": total},
            )
    return total


def _send_mail(user, groups: list[AlertGroup], total: int) -> None:
    # Mails go out in Dutch, the site's first language (members do not store a language yet).
    with translation.override(settings.LANGUAGE_CODE):
        for group in groups:
            for case in group.cases:
                case.link = _absolute(case.get_url() or "")
        context = {
            "user": user,
            "groups": groups,
            "total": total,
            "manage_url": _absolute(reverse("vitrine:saved_searches")),
        }
        subject = " ".join(render_to_string("vitrine/emails/alerts_subject.txt", context).split())
        context["subject"] = subject
        body = render_to_string("vitrine/emails/alerts.txt", context)
        html = render_to_string("vitrine/emails/alerts.html", context)
    message = EmailMultiAlternatives(subject, body, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
