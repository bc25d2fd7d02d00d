"""The import of one count of an area's units: every unit matched or created, one state per unit, merges and
splits, then what follows from the states (vacancy, indicators, thresholds), in one transaction with an audit
event. See the module docstring of :mod:`kernkompas.monitor.models`.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.lib.batch import paused_gc
from kernkompas.monitor import bulk, indicators
from kernkompas.monitor.actions.owner_contacts import upsert_owner_contacts
from kernkompas.monitor.actions.runs import acting_user
from kernkompas.monitor.actions.thresholds import check_thresholds
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.vacancy import derive_vacancy
from kernkompas.monitor.importers.records import ImportResult, UnitRecord
from kernkompas.monitor.models import Count, ImportKind, ImportRun, Sector, Unit, UnitLink, UnitState
from kernkompas.monitor.taxonomy import groups_and_branches

_UNIT_FIELDS = ("external_id", "street", "house_number", "postcode", "place", "address_key", "lat", "lon", "geometry")
_STATE_FIELDS = ("group_id", "branch_id", "is_vacant", "floor_area", "occupant", "is_chain", "occupied_since")


class _Unit:
    """A unit of the area as plain values: its pk (None until written) and the values of ``_UNIT_FIELDS``."""

    __slots__ = ("pk", "values")

    def __init__(self, pk, values):
        self.pk, self.values = pk, values

    @property
    def external_id(self) -> str:
        return self.values[0]


@paused_gc()
def import_units(gebied, records: list[UnitRecord], *, count_date, by=None, file_name, sha256, format) -> ImportResult:
    """Write one count of an area from the records of one file (see the module docstring of monitor.models).

    Units and states are read and written as plain rows (:mod:`kernkompas.monitor.bulk`): a large area has
    100,000 of each, and a model instance per row would cost more than the database's own work.
    """
    keys = validate_units(gebied, records, file_name=file_name)
    gemeente = gebied.kern.gemeente
    result = ImportResult(rows=len(records))
    result.already_imported = ImportRun.objects.filter(
        gebied=gebied, kind=ImportKind.UNITS, sha256=sha256, count__date=count_date
    ).exists()
    now = timezone.now()
    with transaction.atomic():
        # Read inside the transaction: a taxonomy edit committed meanwhile is what the states get.
        groups, branches = groups_and_branches(gemeente)
        count, count_created = Count.objects.get_or_create(
            gebied=gebied, date=count_date, defaults={"source": file_name[:300], "created_by": acting_user(by)}
        )
        by_id: dict[str, _Unit] = {}
        by_address: dict[str, _Unit] = {}
        for pk, *values in Unit.objects.filter(gebied=gebied).values_list("pk", *_UNIT_FIELDS).order_by("pk"):
            unit = _Unit(pk, values)
            if values[0]:
                by_id[values[0]] = unit
            if values[5]:
                by_address.setdefault(values[5], unit)
        # 1. Units: match by own id, else by address; new ones get their ids now and are written in bulk.
        matched: list[tuple[UnitRecord, _Unit]] = []
        new_units: list[_Unit] = []
        changed_units: dict[int, _Unit] = {}
        changed_unit_records: set[int] = set()
        used: set[int] = set()
        for r, key in zip(records, keys, strict=True):
            own_id = r.external_id.strip()
            unit = by_id.get(own_id) if own_id else None
            if unit is None and key:
                candidate = by_address.get(key)
                if candidate is not None and (not own_id or not candidate.external_id):
                    unit = candidate
            if unit is not None and id(unit) in used:
                unit = None  # another line of this file already took this unit (its old address)
            wanted = [  # lengths checked by validate_units
                own_id or (unit.external_id if unit else ""),
                r.street.strip(),
                r.house_number.strip(),
                r.postcode.strip(),
                r.place.strip(),
                key,
                r.lat,
                r.lon,
                r.geometry,
            ]
            if unit is None:
                unit = _Unit(None, wanted)
                new_units.append(unit)
                if key:
                    by_address.setdefault(key, unit)
            else:
                # Keep what the file does not say (an address-only file does not erase coordinates).
                values, dirty = unit.values, False
                for i, value in enumerate(wanted):
                    if value is not None and value != "" and values[i] != value:
                        values[i], dirty = value, True
                if dirty and unit.pk is not None:
                    changed_units[unit.pk] = unit
                    changed_unit_records.add(id(r))
            if own_id:
                by_id[own_id] = unit
            used.add(id(unit))
            matched.append((r, unit))
        for unit, pk in zip(new_units, bulk.reserve_ids(Unit, len(new_units)), strict=True):
            unit.pk = pk
        bulk.insert(
            Unit,
            ("id", "gebied_id", *_UNIT_FIELDS, "created_at"),
            [(u.pk, gebied.pk, *u.values, now) for u in new_units],
        )
        bulk.update(Unit, _UNIT_FIELDS, [(*u.values, u.pk) for u in changed_units.values()])

        # 2. States of this count: created, updated only when changed; units not in the file lose theirs.
        existing = {
            unit_id: values
            for unit_id, *values in UnitState.objects.filter(count=count).values_list("unit_id", "pk", *_STATE_FIELDS)
        }
        new_states, changed_states = [], []
        in_file = set()
        for r, unit in matched:
            group = groups[r.group]
            values = [
                group.pk,
                branches[r.branch].pk if r.branch else None,
                group.sector == Sector.LEEGSTAND,
                r.floor_area,
                (r.occupant or "").strip(),
                r.is_chain,
                r.occupied_since,
            ]
            in_file.add(unit.pk)
            state = existing.get(unit.pk)
            if state is None:
                new_states.append((count.pk, unit.pk, *values, None, False))
                result.created += 1
            elif state[1:] != values:
                changed_states.append((*values, state[0]))
                result.updated += 1
            elif id(r) in changed_unit_records:
                result.updated += 1
            else:
                result.unchanged += 1
        bulk.insert(UnitState, ("count_id", "unit_id", *_STATE_FIELDS, "vacant_since", "vacant_since_open"), new_states)
        bulk.update(UnitState, _STATE_FIELDS, changed_states)
        gone = [unit_id for unit_id in existing if unit_id not in in_file]
        removed = 0
        for start in range(0, len(gone), bulk.ID_BATCH):
            batch = gone[start : start + bulk.ID_BATCH]
            removed += UnitState.objects.filter(count=count, unit_id__in=batch).delete()[0]

        # 3. Merges and splits, owner contacts.
        links = _link_units(matched, by_id, count)
        owners = [(unit.pk, r.owner) for r, unit in matched if r.owner is not None]
        contacts = upsert_owner_contacts(owners, now, new={u.pk for u in new_units})

        # 4. What follows from the states; nothing to do when the file only repeated what was there.
        crossings = 0
        if count_created or result.created or result.updated or removed or links:
            derive_vacancy(gebied)
            indicators.refresh_area(gebied)
            crossings = check_thresholds(gebied)

        ImportRun.objects.create(
            gebied=gebied,
            kind=ImportKind.UNITS,
            file_name=file_name[:300],
            sha256=sha256,
            format=format[:20],
            count=count,
            rows=result.rows,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            created_by=acting_user(by),
        )
        record(
            by,
            "monitor.import_units",
            gebied,
            gemeente=gemeente,
            changes={
                "file": file_name,
                "sha256": sha256,
                "count_date": count_date.isoformat(),
                "count_created": count_created,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "states_removed": removed,
                "units_created": len(new_units),
                "links": links,
                "owner_contacts": contacts,
                "threshold_crossings": crossings,
            },
        )
    if removed:
        result.messages.append(
            _("%(n)s units of the earlier import for this date are not in this file and were removed from the count")
            % {"n": removed}
        )
    if result.already_imported:
        result.messages.append(_("This file was imported before for this date."))
    return result


def _link_units(matched: list[tuple[UnitRecord, _Unit]], by_id: dict[str, _Unit], count: Count) -> int:
    """UnitLinks for ``previous_ids``: several predecessors → merge; one predecessor of several units → split."""
    pairs = []
    for r, unit in matched:
        for previous in r.previous_ids:
            previous = previous.strip()
            predecessor = by_id.get(previous)
            if predecessor is not None and predecessor.pk != unit.pk:
                pairs.append((predecessor.pk, unit.pk, len([p for p in r.previous_ids if p.strip()])))
    if not pairs:
        return 0
    successors_of: dict[int, int] = defaultdict(int)
    for predecessor, _unit, _n in pairs:
        successors_of[predecessor] += 1
    existing = set(
        UnitLink.objects.filter(successor_id__in={u for _p, u, _n in pairs}).values_list(
            "predecessor_id", "successor_id"
        )
    )
    new = []
    for predecessor, unit, n in pairs:
        if (predecessor, unit) in existing:
            continue
        kind = UnitLink.Kind.SPLIT if successors_of[predecessor] > 1 and n == 1 else UnitLink.Kind.MERGE
        new.append(UnitLink(predecessor_id=predecessor, successor_id=unit, kind=kind, count=count))
        existing.add((predecessor, unit))
    UnitLink.objects.bulk_create(new, batch_size=bulk.ID_BATCH)
    return len(new)
