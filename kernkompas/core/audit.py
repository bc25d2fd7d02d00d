"""The audit log. Named operations call :func:`record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kernkompas.core import personal_data
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
    """Write one audit event. ``actor`` may be None for changes made by the system (imports from the CLI).

    An object that describes a person (see :mod:`kernkompas.core.personal_data`) is named by type and number, never
    by the person's name or address: the log outlives their data.
    """
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    label = label or (str(target) if target is not None else "")
    changes = changes or {}
    if target is not None:
        label, changes = personal_data.for_audit(target, label, changes)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "systeem")[:200],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=label[:300],
        gemeente=gemeente,
        changes=changes,
    )
