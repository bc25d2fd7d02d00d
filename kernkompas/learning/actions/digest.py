"""The personal digest's operations: saving a member's choice, switching it off from the e-mail, and sending.

Sending is idempotent: each member is one transaction that first claims her digest (moves ``last_sent_at`` from the
value it read, so a second run at the same moment finds nothing to claim), collects every part's sections for the
window, calls the sections' ``done`` (the Vitrine's saved searches move their windows), then hands the message to
the mail backend. A failure rolls that member back (her windows stay where they were, the next run tries again) and
does not stop the others. An empty digest is not sent and moves nothing: the next run looks at the same window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from kernkompas.core import audit, parts
from kernkompas.learning import digest, mail
from kernkompas.learning.models import DigestFrequency, DigestPreference

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    due: int = 0
    sent: int = 0
    empty: int = 0
    failed: int = 0


# --- The member's choice -------------------------------------------------------------------------------------------


def preference_of(user) -> DigestPreference | None:
    return DigestPreference.objects.filter(user=user).first()


def save_preference(user, *, frequency: str, themes, gemeenten, kernen) -> DigestPreference:
    """Store a member's digest choice. Switching the digest on starts its window now: the first digest holds what
    is new from the moment she asked for it (and her saved-search alerts leave their cases to it from then)."""
    with transaction.atomic():
        preference, created = DigestPreference.objects.select_for_update().get_or_create(user=user)
        switched_on = frequency != DigestFrequency.UIT and (created or preference.frequency == DigestFrequency.UIT)
        before = preference.frequency
        preference.frequency = frequency
        fields = ["frequency", "updated_at"]
        if switched_on:
            preference.last_sent_at = timezone.now()
            fields.append("last_sent_at")
        preference.save(update_fields=fields)
        preference.themes.set(themes)
        preference.gemeenten.set(gemeenten)
        preference.kernen.set(kernen)
        changes = {"frequency": [before, frequency], "themes": len(themes), "places": len(gemeenten) + len(kernen)}
        audit.record(user, "learning.digest_saved", preference, label=f"user #{user.pk}", changes=changes)
    return preference


def switch_off(preference: DigestPreference, by=None) -> DigestPreference:
    """Switch the digest off (from the link in the e-mail or the page). Her saved-search alerts take over again
    from where the digest left them."""
    with transaction.atomic():
        preference = DigestPreference.objects.select_for_update().get(pk=preference.pk)
        if preference.frequency == DigestFrequency.UIT:
            return preference
        before = preference.frequency
        preference.frequency = DigestFrequency.UIT
        preference.save(update_fields=["frequency", "updated_at"])
        audit.record(
            by,
            "learning.digest_switched_off",
            preference,
            label=f"user #{preference.user_id}",
            changes={"frequency": [before, DigestFrequency.UIT]},
        )
    return preference


# --- Sending -------------------------------------------------------------------------------------------------------


def send_digests(now=None) -> RunSummary:
    """Send every digest that is due at ``now``. Safe to run as often as you like (a daily scheduler)."""
    now = now or timezone.now()
    summary = RunSummary()
    candidates = (
        DigestPreference.objects.exclude(frequency=DigestFrequency.UIT)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .order_by("pk")
    )
    # Read up front (a few small fields each): every member below commits on her own, which a cursor still open on
    # this query would have to outlive.
    for preference in list(candidates.only("pk", "frequency", "last_sent_at", "created_at")):
        if not digest.is_due(preference, now):
            continue
        summary.due += 1
        try:
            sent = _send_one(preference.pk, preference.last_sent_at, now)
        except Exception:
            # One unreachable address or a mail server hiccup must not stop the others; her windows were rolled
            # back, so the next run tries again.
            logger.exception("The digest of preference #%s could not be sent", preference.pk)
            summary.failed += 1
            continue
        if sent:
            summary.sent += 1
        else:
            summary.empty += 1
    return summary


def _send_one(pk: int, last_sent_at, now) -> bool:
    """One member, one transaction: the message goes out, the sections' windows and ``last_sent_at`` move, or
    nothing does. Returns whether a digest was sent."""
    with transaction.atomic():
        # The claim comes first: a run that started at the same moment and got here before us has moved
        # last_sent_at, so this update finds no row (PostgreSQL re-reads the row after the other's commit; SQLite
        # lets one writer at a time in).
        rows = DigestPreference.objects.filter(pk=pk).exclude(frequency=DigestFrequency.UIT)
        rows = rows.filter(last_sent_at=last_sent_at) if last_sent_at else rows.filter(last_sent_at__isnull=True)
        if not rows.update(last_sent_at=now):
            return False
        preference = DigestPreference.objects.select_related("user").get(pk=pk)
        since = last_sent_at or preference.created_at
        with translation.override(settings.LANGUAGE_CODE):
            sections = parts.digest_sections(preference.user, since, now, digest.places_of(preference))
        if not sections:
            transaction.set_rollback(True)  # nothing new: the window stays for the next run
            return False
        message = _build_message(preference, sections, since, now)
        for section in sections:
            if section.done is not None:
                section.done(now)
        audit.record(
            None,
            "learning.digest_sent",
            preference,
            label=f"user #{preference.user_id}",
            changes={"sections": len(sections), "items": sum(len(section.items) for section in sections)},
        )
        # Last, inside the transaction: when the backend refuses the message, everything above is rolled back.
        message.send()
    return True


def _build_message(preference: DigestPreference, sections, since, until):
    with translation.override(settings.LANGUAGE_CODE):
        off_url = mail.absolute(reverse("learning:digest_off", args=[preference.pk, digest.off_token(preference)]))
        context = {
            "user": preference.user,
            "preference": preference,
            "sections": [_absolute_section(section) for section in sections],
            "total": sum(len(section.items) for section in sections),
            "since": since,
            "until": until,
            "manage_url": mail.absolute(reverse("learning:digest")),
            "off_url": off_url,
        }
    return mail.build("learning/emails/digest", context, preference.user.email, unsubscribe_url=off_url)


def _absolute_section(section: parts.DigestSection) -> dict:
    items = [item._replace(url=mail.absolute(item.url)) for item in section.items]
    return {"title": section.title, "items": items, "slug": section.slug}
