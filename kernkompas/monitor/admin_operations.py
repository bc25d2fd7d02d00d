"""Named operations for the Kernmonitor's back-office screens: save or delete one object, with an audit event.

The views have checked permission and scope before calling them. Owner contacts are personal data: the audit
event names the fields that changed, never their values.
"""

from __future__ import annotations

from django.db import transaction

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


def _changes(form) -> dict:
    if isinstance(form.instance, OwnerContact):
        return {"fields": sorted(form.changed_data)}
    changed = {}
    for name in form.changed_data:
        value = form.cleaned_data.get(name)
        changed[name] = value if isinstance(value, int | float | bool) or value is None else str(value)[:200]
    return {"fields": changed}


def save_object(form, *, by, created: bool):
    """Save a Kernmonitor object from a back-office form and log it; return the saved object."""
    with transaction.atomic():
        instance = form.save()
        audit.record(
            by,
            f"monitor.{instance._meta.model_name}_{'created' if created else 'changed'}",
            instance,
            gemeente=gemeente_of(instance),
            changes=_changes(form),
        )
    return instance


def delete_object(instance, *, by) -> None:
    """Delete a Kernmonitor object from the back office and log it (first, while it still has a name)."""
    with transaction.atomic():
        audit.record(by, f"monitor.{instance._meta.model_name}_deleted", instance, gemeente=gemeente_of(instance))
        instance.delete()
