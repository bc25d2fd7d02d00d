"""Who a participant is: their phone keeps ``kk_lab_<lab pk>`` = "<participant pk>:<secret>", signed by Django; only
the secret's sha256 is stored (``Participant.secret_hash``), so the database alone cannot make the cookie."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from kernkompas.labs.models import Lab, Participant

SALT = "kernkompas.labs"
MAX_AGE = 7 * 24 * 3600


def cookie_name(lab: Lab | int) -> str:
    return f"kk_lab_{lab if isinstance(lab, int) else lab.pk}"


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def participant_for(request, lab: Lab) -> Participant | None:
    """The participant this browser joined ``lab`` as, or None (no or a forged cookie, blocked, another lab)."""
    value = request.get_signed_cookie(cookie_name(lab), default=None, salt=SALT, max_age=MAX_AGE)
    if not value or ":" not in value:
        return None
    pk, _, secret = value.partition(":")
    if not pk.isdigit() or not secret:
        return None
    participant = Participant.objects.filter(pk=int(pk), lab=lab, is_blocked=False).first()
    if participant is None or not hmac.compare_digest(participant.secret_hash, secret_hash(secret)):
        return None
    return participant


def remember(response, participant: Participant, secret: str) -> None:
    """Set the cookie that makes this browser ``participant`` (after joining)."""
    response.set_signed_cookie(
        cookie_name(participant.lab_id),
        f"{participant.pk}:{secret}",
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
