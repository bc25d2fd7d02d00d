"""Named operations for places edited in the back office (Wagtail snippet screens).

They run Wagtail's own create/edit/delete action (which keeps Wagtail's history panel) and write our audit log,
in one transaction. The views have checked permission and scope before calling them.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.actions import action_registry

from kernkompas.core import audit
from kernkompas.places.models import Gebied, Gemeente, Kern


def gemeente_of(instance) -> Gemeente | None:
    if isinstance(instance, Gemeente):
        return instance
    if isinstance(instance, Kern):
        return instance.gemeente
    if isinstance(instance, Gebied):
        return instance.kern.gemeente
    return None


VERBS = ("created", "changed", "deleted")


def action_name(model, verb: str) -> str:
    """The audit code of a back-office save or delete of a place ("gemeente.created")."""
    return f"{model._meta.model_name}.{verb}"


def _changes(form) -> dict:
    # Which fields changed, and their new value where it is short; a boundary is only named, not copied.
    changed = {}
    for name in form.changed_data:
        value = form.cleaned_data.get(name)
        if name == "geometry":
            changed[name] = "changed" if value else "removed"
        elif isinstance(value, str | int | float | bool) or value is None:
            changed[name] = value if not isinstance(value, str) else value[:200]
        else:
            changed[name] = str(value)[:200]
    return changed


def save_place(form, *, by, created: bool):
    """Save a place from a back-office form and log it; return the saved object."""
    instance = form.instance
    with transaction.atomic():
        action_class = action_registry.get_action_class(type(instance), "create" if created else "edit")
        instance = action_class(instance, user=by, form=form).execute(skip_permission_checks=True)
        audit.record(
            by,
            action_name(type(instance), "created" if created else "changed"),
            instance,
            gemeente=gemeente_of(instance),
            changes={"fields": _changes(form)},
        )
    return instance


def delete_place(instance, *, by) -> None:
    """Delete a place from the back office and log it (before deleting, while it still has a name)."""
    with transaction.atomic():
        audit.record(by, action_name(type(instance), "deleted"), instance, gemeente=gemeente_of(instance))
        action_registry.get_action_class(type(instance), "delete")(instance, user=by).execute(
            skip_permission_checks=True
        )
