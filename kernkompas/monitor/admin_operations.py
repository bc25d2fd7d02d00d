"""Named operations for the Kernmonitor's back-office screens: save or delete one object, with an audit event.

The views have checked permission and scope before calling them. Owner contacts are personal data: the audit
event names the fields that changed, never their values.

Function groups and branches are the vocabulary the register is stored in: a unit state keeps ``is_vacant`` as a
copy of its group's sector, and the stored indicators count units per group code, sector and branch code. An edit
of one of those fields (:func:`save_taxonomy_entry`) brings the register of every area that uses the group or
branch up to date in the same transaction, as an import does.
"""

from __future__ import annotations

from django.db import models, transaction

from kernkompas.core import audit
from kernkompas.monitor import indicators, operations
from kernkompas.monitor.models import Branch, FunctionGroup, OwnerContact, UnitState
from kernkompas.places.models import Gebied

# The fields of the taxonomy that stored data is derived from; a new name, colour or position recomputes nothing.
DERIVED_FROM = {FunctionGroup: frozenset({"code", "sector"}), Branch: frozenset({"code", "group"})}


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
        changed[name] = _loggable(form.cleaned_data.get(name))
    return {"fields": changed}


def _loggable(value):
    # Chosen objects by id: the text of a chosen account (a threshold's recipients) is its e-mail address.
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple) and all(isinstance(v, models.Model) for v in value):
        return sorted(v.pk for v in value)
    return value if isinstance(value, int | float | bool) or value is None else str(value)[:200]


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


def save_taxonomy_entry(form, *, by, created: bool):
    """Save a function group or branch from the back office, log it, and recompute what depends on it.

    A new entry is used by nothing yet. A changed code, sector or (for a branch) group updates the states that
    use the entry, then re-derives vacancy, refreshes the stored indicators and checks the thresholds of exactly
    the areas that have such states, all in one transaction. Returns the saved entry.
    """
    with transaction.atomic():
        instance = form.save()
        changes = _changes(form)
        if not created and DERIVED_FROM[type(instance)] & set(form.changed_data):
            changes["recomputed"] = recompute_after_taxonomy_edit(instance)
        audit.record(
            by,
            f"monitor.{instance._meta.model_name}_{'created' if created else 'changed'}",
            instance,
            gemeente=gemeente_of(instance),
            changes=changes,
        )
    return instance


def recompute_after_taxonomy_edit(entry: FunctionGroup | Branch) -> dict:
    """Bring the register of the areas that use this group or branch in line with it; return what was done.

    The areas are found from the states that use the entry: for a municipality's own group only its own areas,
    for a default group the areas whose counts were imported with it (their municipality did not override it; the
    import picks the override). Set-based UPDATEs: an area can hold 100,000 states.
    """
    if isinstance(entry, FunctionGroup):
        states = UnitState.objects.filter(group=entry)
        vacant = entry.is_vacancy
        stale = states.exclude(is_vacant=vacant)
        values = {"is_vacant": vacant}
    else:
        # The group follows from the branch, as on import: the branch's states move with it.
        states = UnitState.objects.filter(branch=entry)
        vacant = entry.group.is_vacancy
        stale = states.exclude(group=entry.group_id, is_vacant=vacant)
        values = {"group": entry.group_id, "is_vacant": vacant}
    gebied_ids = set(states.values_list("count__gebied_id", flat=True).distinct())
    flipped_ids = set(states.exclude(is_vacant=vacant).values_list("count__gebied_id", flat=True).distinct())
    updated = stale.update(**values)
    for gebied in Gebied.objects.filter(pk__in=flipped_ids):
        operations.derive_vacancy(gebied)
    indicators.refresh_areas(gebied_ids)
    crossings = 0
    for gebied in Gebied.objects.filter(pk__in=gebied_ids, thresholds__is_active=True).distinct():
        crossings += operations.check_thresholds(gebied)
    return {"areas": len(gebied_ids), "states": updated, "threshold_crossings": crossings}
