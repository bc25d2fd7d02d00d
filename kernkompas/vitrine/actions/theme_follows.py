"""Named operations on the themes a member follows ("Voor jou"): each owns its transaction and writes the audit
log."""

from __future__ import annotations

from django.db import transaction

from kernkompas.core import audit
from kernkompas.vitrine.models import ThemeFollow


def follow_theme(user, theme):
    """Follow a theme; following it twice changes nothing."""
    with transaction.atomic():
        follow, created = ThemeFollow.objects.get_or_create(user=user, theme=theme)
        if created:
            audit.record(user, "vitrine.theme_followed", theme, label=theme.name)
    return follow


def unfollow_theme(user, theme) -> bool:
    with transaction.atomic():
        deleted, _rows = ThemeFollow.objects.filter(user=user, theme=theme).delete()
        if deleted:
            audit.record(user, "vitrine.theme_unfollowed", theme, label=theme.name)
    return bool(deleted)
