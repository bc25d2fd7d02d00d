"""The taxonomy's state changes: the default groups and branches on migrate, and an edit in the back office.

Function groups and branches are the vocabulary the register is stored in: a unit state keeps ``is_vacant`` as a
copy of its group's sector, and the stored indicators count units per group code, sector and branch code. An edit
of one of those fields (:func:`save_taxonomy_entry`) brings the register of every area that uses the group or
branch up to date in the same transaction, as an import does.
"""

from __future__ import annotations

from django.db import transaction

from kernkompas.core import audit
from kernkompas.monitor import indicators
from kernkompas.monitor.actions.back_office import action_name, changes_of, gemeente_of
from kernkompas.monitor.actions.thresholds import check_thresholds
from kernkompas.monitor.actions.vacancy import derive_vacancy
from kernkompas.monitor.models import Branch, FunctionGroup, UnitState
from kernkompas.monitor.taxonomy import DEFAULT_TAXONOMY
from kernkompas.places.models import Gebied

# The fields of the taxonomy that stored data is derived from; a new name, colour or position recomputes nothing.
DERIVED_FROM = {FunctionGroup: frozenset({"code", "sector"}), Branch: frozenset({"code", "group"})}


def ensure_default_taxonomy() -> None:
    """Create the default groups and branches that are missing; never overwrite what was edited."""
    with transaction.atomic():
        for position, (code, name, sector, colour, branches) in enumerate(DEFAULT_TAXONOMY):
            group, _created = FunctionGroup.objects.get_or_create(
                gemeente=None,
                code=code,
                defaults={"name": name, "sector": sector, "colour": colour, "position": position * 10},
            )
            for branch_code, branch_name in branches:
                Branch.objects.get_or_create(
                    gemeente=None, code=branch_code, defaults={"group": group, "name": branch_name}
                )


def save_taxonomy_entry(form, *, by, created: bool):
    """Save a function group or branch from the back office, log it, and recompute what depends on it.

    A new entry is used by nothing yet. A changed code, sector or (for a branch) group updates the states that
    use the entry, then re-derives vacancy, refreshes the stored indicators and checks the thresholds of exactly
    the areas that have such states, all in one transaction. Returns the saved entry.
    """
    with transaction.atomic():
        instance = form.save()
        changes = changes_of(form)
        if not created and DERIVED_FROM[type(instance)] & set(form.changed_data):
            changes["recomputed"] = recompute_after_taxonomy_edit(instance)
        audit.record(
            by,
            action_name(type(instance), "created" if created else "changed"),
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
        derive_vacancy(gebied)
    indicators.refresh_areas(gebied_ids)
    crossings = 0
    for gebied in Gebied.objects.filter(pk__in=gebied_ids, thresholds__is_active=True).distinct():
        crossings += check_thresholds(gebied)
    return {"areas": len(gebied_ids), "states": updated, "threshold_crossings": crossings}
