"""Saving and deleting the Binnenstadslab's back-office lists (canvas templates and the municipality's roles) with
an audit event. The back-office screens (``labs/viewsets.py``) have checked permission and scope before calling."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

audit.describe_actions(
    {
        "labs.canvastemplate_created": _("created a canvas template"),
        "labs.canvastemplate_changed": _("changed a canvas template"),
        "labs.canvastemplate_deleted": _("deleted a canvas template"),
        "labs.steeringrole_created": _("created a role of the municipality"),
        "labs.steeringrole_changed": _("changed a role of the municipality"),
        "labs.steeringrole_deleted": _("deleted a role of the municipality"),
    }
)


def action_name(model, verb: str) -> str:
    """The audit code of a back-office save or delete ("labs.canvastemplate_created")."""
    return f"labs.{model._meta.model_name}_{verb}"


def _loggable(value):
    if isinstance(value, models.Model):
        return value.pk
    return value if isinstance(value, int | float | bool) or value is None else str(value)[:200]


@transaction.atomic
def save_object(form, *, by, created: bool):
    """Save a canvas template or role from its back-office form and log what changed; return it."""
    instance = form.save()
    audit.record(
        by,
        action_name(type(instance), "created" if created else "changed"),
        instance,
        gemeente=instance.gemeente,
        changes={"fields": {name: _loggable(form.cleaned_data.get(name)) for name in form.changed_data}},
    )
    return instance


@transaction.atomic
def delete_object(instance, *, by) -> None:
    """Delete a canvas template or role (logged first, while it still has a name). Labs keep their own copy of a
    template's lenses; an action whose role is deleted keeps no role."""
    audit.record(by, action_name(type(instance), "deleted"), instance, gemeente=instance.gemeente)
    instance.delete()
