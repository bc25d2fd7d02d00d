"""The audit log. Named operations call :func:`record` inside their transaction.

Every action code a part writes ("monitor.import_units") has a readable name for the log screen, which the part
gives with :func:`describe_actions` from its ``actions/labels.py`` (imported in its ``AppConfig.ready``); the screen
asks :func:`action_label` and never shows a code. A test fails on a code that no part describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

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


# --- Readable names of the actions --------------------------------------------------------------------------------

_ACTION_LABELS: dict[str, Any] = {}

# What a back-office save or delete of an object did, with the object's kind ("maakte drempelwaarde aan").
_OBJECT_VERBS = {
    "created": _("created %(what)s"),
    "changed": _("changed %(what)s"),
    "deleted": _("deleted %(what)s"),
}


def describe_actions(labels: Mapping[str, Any]) -> None:
    """Give action codes their readable name (lazy translations, so each reader sees its own language)."""
    _ACTION_LABELS.update(labels)


def object_action_label(model: type[models.Model], verb: str):
    """The name of a back-office ``verb`` (created, changed, deleted) on ``model``, in the reader's language."""
    return lazy(lambda: str(_OBJECT_VERBS[verb]) % {"what": model._meta.verbose_name}, str)()


def action_label(code: str) -> str:
    """The readable name of an action code (the code itself only if no part described it)."""
    label = _ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def described_actions() -> frozenset[str]:
    return frozenset(_ACTION_LABELS)


describe_actions(
    {
        "personal_data.exported": _("exported personal data"),
        "personal_data.erased": _("erased personal data"),
    }
)
