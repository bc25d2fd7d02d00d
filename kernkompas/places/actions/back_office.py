"""Named operations for places edited in the back office (Wagtail snippet screens).

They run Wagtail's own create/edit/delete action (which keeps Wagtail's history panel) and write our audit log,
in one transaction. The views have checked permission and scope before calling them.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.actions import action_registry

from kernkompas.core import audit
from kernkompas.places.models import Gebied, Gemeente, Kern, OldSlug


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


def _address_of(instance) -> tuple[str, int | None] | None:
    """(slug, parent id) of a municipality, core or area as stored now; None for other places or a new one."""
    model = type(instance)
    if model not in (Gemeente, Kern, Gebied) or instance.pk is None:
        return None
    parent = {Gemeente: None, Kern: "gemeente_id", Gebied: "kern_id"}[model]
    row = model.objects.filter(pk=instance.pk).values("slug", *([parent] if parent else [])).first()
    if row is None:
        return None
    return row["slug"], row.get(parent) if parent else None


def _owner(instance) -> dict:
    return {type(instance).__name__.lower(): instance}


def keep_old_address(instance, old: tuple[str, int | None] | None) -> None:
    """After a rename or move: remember the old slug (its address redirects to the new one), and forget a
    remembered slug that is in use again."""
    new = _address_of(instance)
    if old is None or new is None or old == new:
        return
    slug, parent_id = old
    scope = {"gemeente__isnull": False} if isinstance(instance, Gemeente) else _scope_of(instance)
    OldSlug.objects.filter(slug=new[0], parent_id=new[1], **scope).delete()
    OldSlug.objects.filter(slug=slug, parent_id=parent_id, **scope).delete()
    OldSlug.objects.create(slug=slug, parent_id=parent_id, **_owner(instance))


def _scope_of(instance) -> dict:
    return {"kern__isnull": False} if isinstance(instance, Kern) else {"gebied__isnull": False}


def save_place(form, *, by, created: bool):
    """Save a place from a back-office form and log it; return the saved object.

    A renamed (or moved) municipality, core or area keeps its old address as an ``OldSlug``, which redirects.
    """
    instance = form.instance
    with transaction.atomic():
        old_address = None if created else _address_of(instance)
        action_class = action_registry.get_action_class(type(instance), "create" if created else "edit")
        instance = action_class(instance, user=by, form=form).execute(skip_permission_checks=True)
        keep_old_address(instance, old_address)
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
