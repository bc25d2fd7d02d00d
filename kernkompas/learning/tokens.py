"""Secrets in links that e-mail carries (confirming and cancelling a registration, confirming a subscription).

A registration's personal link holds a random secret of which only the SHA-256 hash is stored, so a leaked database
does not open anyone's registration. Unsubscribing uses a signature over the subscriber's id and address with the
site's secret key: it needs nothing stored, never expires (a one-click unsubscribe must keep working in an old
message) and cannot be made for someone else's address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core import signing

UNSUBSCRIBE_SALT = "kernkompas.learning.unsubscribe"
CONFIRM_SALT = "kernkompas.learning.subscribe-confirm"
#: A subscription must be confirmed within a week.
CONFIRM_MAX_AGE = 7 * 24 * 3600


def new_secret() -> tuple[str, str]:
    """``(secret, hash)``: the secret goes into the link, the hash into the database."""
    secret = secrets.token_urlsafe(24)
    return secret, hash_secret(secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256((secret or "").encode()).hexdigest()


def matches(secret: str, stored_hash: str) -> bool:
    return bool(secret) and bool(stored_hash) and hmac.compare_digest(hash_secret(secret), stored_hash)


def unsubscribe_token(subscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscriber.pk}:{subscriber.email}").rsplit(":", 1)[1]


def unsubscribe_token_matches(subscriber, token: str) -> bool:
    return bool(token) and hmac.compare_digest(unsubscribe_token(subscriber), token)


def confirm_token(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{subscriber.pk}:{subscriber.email}")


def confirmed_subscriber_id(token: str) -> tuple[int, str] | None:
    """``(id, email)`` from a confirmation token, or None when it is forged or older than a week."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token or "", max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    pk, _, email = value.partition(":")
    return (int(pk), email) if pk.isdigit() else None
