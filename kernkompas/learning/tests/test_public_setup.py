"""What the public part's tests share (no tests here): a programme of Maasdijk, sessions made with the ORM (the
staff's operations are another module's), and reading the personal link out of an e-mail."""

from __future__ import annotations

import datetime
import re

from django.core import mail as outbox
from django.utils import timezone

from kernkompas.learning.models import Programme, Session, SessionStatus

LINK = re.compile(r"https?://[^\s\"<>]+/leren/inschrijving/(\d+)/([^/\s\"<>]+)/")


def make_programme(gemeente=None, *, slug="maasdijk-leert", public=True) -> Programme:
    return Programme.objects.create(
        title="Maasdijk leert",
        slug=slug,
        description="Maandelijkse sessies over de binnenstad.",
        gemeente=gemeente,
        is_public=public,
    )


def make_session(
    programme, *, slug="aanpak-leegstand", capacity=None, days=7, status=SessionStatus.GEPUBLICEERD, hours=2, **extra
) -> Session:
    starts = extra.pop("starts_at", None) or timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return Session.objects.create(
        programme=programme,
        title=extra.pop("title", "Aanpak leegstand"),
        slug=slug,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        capacity=capacity,
        status=status,
        **extra,
    )


def last_link(to: str) -> tuple[int, str]:
    """``(pk, secret)`` of the personal link in the last e-mail to ``to``."""
    for message in reversed(outbox.outbox):
        if to in message.to:
            found = LINK.search(message.body)
            assert found, message.body
            return int(found.group(1)), found.group(2)
    raise AssertionError(f"no e-mail to {to}")
