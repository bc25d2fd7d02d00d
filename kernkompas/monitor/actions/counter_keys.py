"""Keys of the automatic footfall counters of a municipality: made (shown once, stored hashed), checked when a
counter posts, and revoked."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.monitor.actions.runs import acting_user
from kernkompas.monitor.models import CounterToken


class CounterKeyInvalid(PermissionError):
    """The counter key is unknown or revoked."""


def counter_for_key(key: str) -> CounterToken:
    """The counter key (with its municipality) a counter sends; CounterKeyInvalid when unknown or revoked."""
    token = (
        CounterToken.objects.select_related("gemeente")
        .filter(key_hash=CounterToken.hash_key(key or ""), revoked_at=None)
        .first()
    )
    if token is None:
        raise CounterKeyInvalid(_("This counter key is unknown or has been revoked."))
    return token


def create_counter_token(gemeente, name: str, by=None) -> tuple[CounterToken, str]:
    """A new key for an automatic counter of the municipality. The key is returned once and stored only hashed."""
    key = CounterToken.new_key()
    with transaction.atomic():
        token = CounterToken.objects.create(
            gemeente=gemeente,
            name=name.strip()[:100],
            prefix=key[3:11],
            key_hash=CounterToken.hash_key(key),
            created_by=acting_user(by),
        )
        record(by, "monitor.counter_token_created", token, gemeente=gemeente, changes={"name": token.name})
    return token, key


def revoke_counter_token(token: CounterToken, by=None) -> CounterToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(by, "monitor.counter_token_revoked", token, gemeente=token.gemeente)
    return token
