"""Saving and deleting a Kernmonitor object from the back-office screens, with an audit event.

The views have checked permission and scope before calling them. Owner contacts are personal data: the audit
event names the fields that changed, never their values.
"""

from __future__ import annotations

from django.db import models, transaction

from kernkompas.core import audit
from kernkompas.monitor.models import OwnerContact


def gemeente_of(instance):
    """The municipality an object belongs to (None for the default taxonomy)."""
    for path in ("gemeente", "gebied", "unit"):
        found = getattr(instance, path, None)
        if found is None:
            continue
        if path == "gemeente":
            return found
        if path == "gebied":
            return found.kern.gemeente
        return found.gebied.kern.gemeente
    return None


def changes_of(form) -> dict:
    """What the audit event says changed: the fields and their new values (only the fields of an owner contact)."""
    if isinstance(form.instance, OwnerContact):
        return {"fields": sorted(form.changed_data)}
    changed = {}
    for name in form.changed_data:
        changed[name] = _loggable(form.cleaned_data.get(name))
    return {"fields": changed}


def _loggable(value):
    # Chosen objects by id: the text of a chosen account (a threshold's recipients) is its e-mail address.
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple) and all(isinstance(v, models.Model) for v in value):
        return sorted(v.pk for v in value)
    return value if isinstance(value, int | float | bool) or value is None else str(value)[:200]


VERBS = ("created", "changed", "deleted")


def action_name(model, verb: str) -> str:
    """The audit code of a back-office save or delete of a Kernmonitor object ("monitor.threshold_created")."""
    return f"monitor.{model._meta.model_name}_{verb}"


def save_object(form, *, by, created: bool):
    """Save a Kernmonitor object from a back-office form and log it; return the saved object."""
    with transaction.atomic():
        instance = form.save()
        audit.record(
            by,
            action_name(type(instance), "created" if created else "changed"),
            instance,
            gemeente=gemeente_of(instance),
            changes=changes_of(form),
        )
    return instance


def delete_object(instance, *, by) -> None:
    """Delete a Kernmonitor object from the back office and log it (first, while it still has a name)."""
    with transaction.atomic():
        audit.record(by, action_name(type(instance), "deleted"), instance, gemeente=gemeente_of(instance))
        instance.delete()
