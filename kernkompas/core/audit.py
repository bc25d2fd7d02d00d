"""The audit log. Named operations call :func:`record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kernkompas.core.models import AuditEvent


def record(
    actor,
    action: str,
    target: models.Model | None = None,
    *,
    gemeente=None,
    changes: dict[str, Any] | None = None,
    label: str = "",
) -> AuditEvent:
    """Write one audit event. ``actor`` may be None for changes made by the system (imports from the CLI)."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "systeem")[:200],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or (str(target) if target is not None else ""))[:300],
        gemeente=gemeente,
        changes=changes or {},
    )
