"""Who a participant is: their phone keeps a signed cookie ``kk_lab_<lab pk>`` = ``"<participant pk>:<secret>"``
(salt "kernkompas.labs"); only ``sha256(secret)`` is stored (``Participant.secret_hash``). No account, no session:
someone who copies the database cannot act as a participant, and a forged or altered cookie is simply nobody."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from kernkompas.labs.models import Lab, Participant

SALT = "kernkompas.labs"
COOKIE_PREFIX = "kk_lab_"
COOKIE_AGE = 14 * 24 * 60 * 60  # long enough to come back to the report and a follow-up evening


def cookie_name(lab: Lab) -> str:
    return f"{COOKIE_PREFIX}{lab.pk}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def participant_for(request, lab: Lab) -> Participant | None:
    """The participant of ``lab`` this request's cookie names, or None (no cookie, forged, wrong secret, blocked)."""
    value = request.get_signed_cookie(cookie_name(lab), default=None, salt=SALT, max_age=COOKIE_AGE)
    if not value or ":" not in value:
        return None
    pk, secret = value.split(":", 1)
    if not pk.isdigit():
        return None
    participant = Participant.objects.filter(pk=int(pk), lab=lab).first()
    if participant is None or participant.is_blocked:
        return None
    if not hmac.compare_digest(participant.secret_hash, hash_secret(secret)):
        return None
    return participant


def remember(response, lab: Lab, participant: Participant, secret: str) -> None:
    response.set_signed_cookie(
        cookie_name(lab),
        f"{participant.pk}:{secret}",
        salt=SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
