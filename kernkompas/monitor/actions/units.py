"""The import of one count of an area's units: every unit matched or created, one state per unit, merges and
splits, then what follows from the states (vacancy, indicators, thresholds), in one transaction with an audit
event. See the module docstring of :mod:`kernkompas.monitor.models`.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.lib.batch import paused_gc
from kernkompas.monitor import bulk, indicators
from kernkompas.monitor.actions import import_undo
from kernkompas.monitor.actions.import_undo import STATE_FIELDS, UNIT_FIELDS, UndoRecord
from kernkompas.monitor.actions.owner_contacts import upsert_owner_contacts
from kernkompas.monitor.actions.runs import Source, acting_user, save_run
from kernkompas.monitor.actions.thresholds import check_thresholds
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.vacancy import derive_vacancy
from kernkompas.monitor.importers.records import ImportResult, UnitRecord
from kernkompas.monitor.models import Count, ImportKind, ImportRun, Sector, Unit, UnitLink, UnitState
from kernkompas.monitor.taxonomy import groups_and_branches

# The state fields that make a recognised unit "changed" since the area's previous count (STATE_FIELDS' first four).
COMPARED_FIELDS = 4


class UnitValues(NamedTuple):
    """What a unit itself holds (the columns of ``UNIT_FIELDS``, in that order)."""

    external_id: str
    street: str
    house_number: str
    postcode: str
    place: str
    address_key: str
    lat: float | None
    lon: float | None
    geometry: dict | None

    def merged(self, wanted: UnitValues) -> UnitValues:
        """These values with what ``wanted`` says; what it leaves empty stays (an address-only file does not
        erase coordinates)."""
        return _unit_values(old if new is None or new == "" else new for old, new in zip(self, wanted, strict=True))


class StateValues(NamedTuple):
    """What a unit's state in one count holds (the columns of ``STATE_FIELDS``, in that order)."""

    group_id: int
    branch_id: int | None
    is_vacant: bool
    floor_area: int | None
    occupant: str
    is_chain: bool | None
    occupied_since: datetime.date | None


# Built in C from an iterable (tuple.__new__), without a NamedTuple's own __new__, a Python call per row: an
# import makes one of each per unit, 100,000 in a large area.
_unit_values = functools.partial(tuple.__new__, UnitValues)
_state_values = functools.partial(tuple.__new__, StateValues)


class _Unit:
    """A unit of the area while a file is matched: its pk (None until written) and its values."""

    __slots__ = ("pk", "values")

    def __init__(self, pk: int | None, values: UnitValues):
        self.pk, self.values = pk, values


@dataclass
class _Written:
    """What writing a count did, beyond the counts of records in the ImportResult."""

    count: Count
    count_created: bool
    states_removed: int = 0
    units_created: int = 0
    links: int = 0
    owner_contacts: int = 0
    threshold_crossings: int = 0
    undo: UndoRecord | None = None


@paused_gc()
def import_units(gebied, records: list[UnitRecord], *, count_date, by=None, file_name, sha256, format) -> ImportResult:
    """Write one count of an area from the records of one file (see the module docstring of monitor.models).

    Units and states are read and written as plain rows (:mod:`kernkompas.monitor.bulk`): a large area has
    100,000 of each, and a model instance per row would cost more than the database's own work.
    """
    keys = validate_units(gebied, records, file_name=file_name)
    source = Source(file_name, sha256, format)
    result = ImportResult(rows=len(records))
    result.already_imported = ImportRun.objects.filter(
        gebied=gebied, kind=ImportKind.UNITS, sha256=sha256, count__date=count_date, undone_at=None
    ).exists()
    with transaction.atomic():
        written = _write_count(gebied, records, keys, count_date, result, source=source, by=by)
        undo = written.undo.as_json()
        run = save_run(gebied, ImportKind.UNITS, result, source, by=by, count=written.count, undo=undo)
        import_undo.forget_older_records(run)
        record(
            by,
            "monitor.import_units",
            gebied,
            gemeente=gebied.kern.gemeente,
            changes=_changes(source, count_date, result, written),
        )
    if written.states_removed:
        result.messages.append(
            _("%(n)s units of the earlier import for this date are not in this file and were removed from the count")
            % {"n": written.states_removed}
        )
    if result.already_imported:
        result.messages.append(_("This file was imported before for this date."))
    if undo is None:
        result.messages.append(_("This import is too large to be undone later."))
    return result


def _write_count(gebied, records, keys, count_date, result: ImportResult, *, source: Source, by) -> _Written:
    """Units, states, links and owner contacts of the count, then what follows from them (inside the transaction)."""
    now = timezone.now()
    # Read inside the transaction: a taxonomy edit committed meanwhile is what the states get.
    taxonomy = groups_and_branches(gebied.kern.gemeente)
    count, count_created = Count.objects.get_or_create(
        gebied=gebied, date=count_date, defaults={"source": source.file_name[:300], "created_by": acting_user(by)}
    )
    written = _Written(count, count_created)
    written.undo = UndoRecord(count.pk, count_created, crossings=import_undo.crossings_of(gebied))
    # 1. Units: match by own id, else by address; new ones get their ids now and are written in bulk.
    register = _Register(gebied)
    matched = [(r, register.match(r, key)) for r, key in zip(records, keys, strict=True)]
    register.write(gebied, now)
    written.units_created = len(register.new)
    written.undo.units_created = [u.pk for u in register.new]
    written.undo.units_before = [[*values, pk] for pk, values in register.before.items()]
    result.units_new = written.units_created
    result.units_recognised = len(records) - written.units_created
    # 2. States of this count: created, updated only when changed; units not in the file lose theirs.
    wanted: dict[int, StateValues] = {}
    before: dict[int, StateValues] = {}
    written.states_removed = _write_states(count, matched, taxonomy, register.changed_records, result, wanted, before)
    states_changed = result.created or written.states_removed or any(wanted[u] != v for u, v in before.items())
    if not count_created and states_changed:
        written.undo.states = import_undo.state_rows(before)  # undo puts the count's states back
    elif not count_created:
        written.undo.states = None  # the states did not change: undo leaves them
    new_units = {u.pk for u in register.new}
    result.units_changed = _changed_since_previous(count, wanted, new_units)
    # 3. Merges and splits, owner contacts.
    links = _link_units(matched, register.by_id, count)
    written.links = len(links)
    written.undo.links_created = [[link.predecessor_id, link.successor_id] for link in links]
    owners = [(unit.pk, r.owner) for r, unit in matched if r.owner is not None]
    known = {unit_id for unit_id, _owner in owners if unit_id not in new_units}
    contacts_before = import_undo.contact_ids(known)
    written.owner_contacts = upsert_owner_contacts(owners, now, new=new_units)
    written.undo.contacts_created = sorted(import_undo.contact_ids(known) - contacts_before)
    # 4. What follows from the states; nothing to do when the file only repeated what was there.
    if count_created or result.created or result.updated or written.states_removed or written.links:
        derive_vacancy(gebied)
        indicators.refresh_area(gebied)
        written.threshold_crossings = check_thresholds(gebied)
    return written


class _Register:
    """The units of the area as a file is matched against them: by own id and by address key, the units the
    file's lines took, the new ones and the known ones the file changed."""

    def __init__(self, gebied):
        self.by_id: dict[str, _Unit] = {}
        self.by_address: dict[str, _Unit] = {}
        self.taken: set[int] = set()  # id() of the units a line of the file took
        self.new: list[_Unit] = []
        self.changed: dict[int, _Unit] = {}  # pk → unit
        self.changed_records: set[int] = set()  # id() of the records whose unit changed
        self.before: dict[int, UnitValues] = {}  # pk → the values of a changed unit before this import
        for pk, *values in Unit.objects.filter(gebied=gebied).values_list("pk", *UNIT_FIELDS).order_by("pk"):
            unit = _Unit(pk, _unit_values(values))
            if unit.values.external_id:
                self.by_id[unit.values.external_id] = unit
            if unit.values.address_key:
                self.by_address.setdefault(unit.values.address_key, unit)

    def match(self, r: UnitRecord, key: str) -> _Unit:
        """The unit of one line of the file: a known one (brought up to date) or a new one."""
        own_id = r.external_id.strip()
        unit = self._find(own_id, key)
        wanted = _unit_values(  # lengths checked by validate_units
            (
                own_id or (unit.values.external_id if unit else ""),
                r.street.strip(),
                r.house_number.strip(),
                r.postcode.strip(),
                r.place.strip(),
                key,
                r.lat,
                r.lon,
                r.geometry,
            )
        )
        if unit is None:
            unit = _Unit(None, wanted)
            self.new.append(unit)
            if key:
                self.by_address.setdefault(key, unit)
        elif wanted != unit.values and self._update(unit, wanted):
            self.changed_records.add(id(r))
        if own_id:
            self.by_id[own_id] = unit
        self.taken.add(id(unit))
        return unit

    def _find(self, own_id: str, key: str) -> _Unit | None:
        unit = self.by_id.get(own_id) if own_id else None
        if unit is None and key:
            candidate = self.by_address.get(key)
            if candidate is not None and (not own_id or not candidate.values.external_id):
                unit = candidate
        if unit is not None and id(unit) in self.taken:
            return None  # another line of this file already took this unit (its old address)
        return unit

    def _update(self, unit: _Unit, wanted: UnitValues) -> bool:
        """Bring a unit up to date; True when it was written before and changed."""
        merged = unit.values.merged(wanted)
        if merged == unit.values:
            return False
        if unit.pk is not None:
            self.before.setdefault(unit.pk, unit.values)
        unit.values = merged
        if unit.pk is None:
            return False
        self.changed[unit.pk] = unit
        return True

    def write(self, gebied, now) -> None:
        """New units get their ids now and are written in bulk, as are the changes of known ones."""
        for unit, pk in zip(self.new, bulk.reserve_ids(Unit, len(self.new)), strict=True):
            unit.pk = pk
        bulk.insert(
            Unit,
            ("id", "gebied_id", *UNIT_FIELDS, "created_at"),
            [(u.pk, gebied.pk, *u.values, now) for u in self.new],
        )
        bulk.update(Unit, UNIT_FIELDS, [(*u.values, u.pk) for u in self.changed.values()])


def _write_states(
    count, matched, taxonomy, changed_records: set[int], result: ImportResult, wanted_by_unit: dict, before: dict
) -> int:
    """The states of the count, created or updated only when changed (counted in ``result``); units not in the
    file lose theirs. ``changed_records``: id() of the records whose unit changed; ``wanted_by_unit`` receives each
    unit's new state, ``before`` the count's states as they were. Returns the states removed."""
    groups, branches = taxonomy
    stored_pks, stored = {}, {}  # unit id → the pk and the values of its state in this count
    for unit_id, pk, *values in UnitState.objects.filter(count=count).values_list("unit_id", "pk", *STATE_FIELDS):
        stored_pks[unit_id], stored[unit_id] = pk, _state_values(values)
    before.update(stored)
    new_states, changed_states = [], []
    for r, unit in matched:
        group = groups[r.group]
        wanted = _state_values(
            (
                group.id,
                branches[r.branch].id if r.branch else None,
                group.sector == Sector.LEEGSTAND,
                r.floor_area,
                (r.occupant or "").strip(),
                r.is_chain,
                r.occupied_since,
            )
        )
        wanted_by_unit[unit.pk] = wanted
        before = stored.get(unit.pk)
        if before is None:
            new_states.append((count.pk, unit.pk, *wanted, None, False))
            result.created += 1
        elif before != wanted:
            changed_states.append((*wanted, stored_pks[unit.pk]))
            result.updated += 1
        elif id(r) in changed_records:
            result.updated += 1
        else:
            result.unchanged += 1
    bulk.insert(UnitState, ("count_id", "unit_id", *STATE_FIELDS, "vacant_since", "vacant_since_open"), new_states)
    bulk.update(UnitState, STATE_FIELDS, changed_states)
    in_file = {unit.pk for _r, unit in matched}
    return _remove_states(count, [unit_id for unit_id in stored if unit_id not in in_file])


def _changed_since_previous(count: Count, wanted: dict[int, StateValues], new_units: set[int]) -> int:
    """How many recognised units have another function group, branch, vacancy or floor area than at the area's
    previous count (those without a state then are not compared)."""
    previous = Count.objects.filter(gebied_id=count.gebied_id, date__lt=count.date).order_by("-date").first()
    if previous is None:
        return 0
    compared = STATE_FIELDS[:COMPARED_FIELDS]
    changed = 0
    for unit_id, *values in UnitState.objects.filter(count=previous).values_list("unit_id", *compared):
        now = wanted.get(unit_id)
        if now is not None and unit_id not in new_units and tuple(now[:COMPARED_FIELDS]) != tuple(values):
            changed += 1
    return changed


def _remove_states(count, unit_ids: list[int]) -> int:
    removed = 0
    for start in range(0, len(unit_ids), bulk.ID_BATCH):
        batch = unit_ids[start : start + bulk.ID_BATCH]
        removed += UnitState.objects.filter(count=count, unit_id__in=batch).delete()[0]
    return removed


def _changes(source: Source, count_date, result: ImportResult, written: _Written) -> dict:
    """What the audit event of the import says."""
    return {
        "file": source.file_name,
        "sha256": source.sha256,
        "count_date": count_date.isoformat(),
        "count_created": written.count_created,
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "units_changed": result.units_changed,
        "states_removed": written.states_removed,
        "units_created": written.units_created,
        "links": written.links,
        "owner_contacts": written.owner_contacts,
        "threshold_crossings": written.threshold_crossings,
    }


class _Link(NamedTuple):
    predecessor: int
    successor: int
    predecessors: int  # how many predecessors the successor names


def _link_units(matched: list[tuple[UnitRecord, _Unit]], by_id: dict[str, _Unit], count: Count) -> list[UnitLink]:
    """UnitLinks for ``previous_ids``: several predecessors → merge; one predecessor of several units → split.
    Returns the links it made."""
    pairs = []
    for r, unit in matched:
        for previous in r.previous_ids:
            previous = previous.strip()
            predecessor = by_id.get(previous)
            if predecessor is not None and predecessor.pk != unit.pk:
                pairs.append(_Link(predecessor.pk, unit.pk, len([p for p in r.previous_ids if p.strip()])))
    if not pairs:
        return []
    successors_of: dict[int, int] = defaultdict(int)
    for pair in pairs:
        successors_of[pair.predecessor] += 1
    existing = set(
        UnitLink.objects.filter(successor_id__in={pair.successor for pair in pairs}).values_list(
            "predecessor_id", "successor_id"
        )
    )
    new = []
    for predecessor, successor, predecessors in pairs:
        if (predecessor, successor) in existing:
            continue
        split = successors_of[predecessor] > 1 and predecessors == 1
        kind = UnitLink.Kind.SPLIT if split else UnitLink.Kind.MERGE
        new.append(UnitLink(predecessor_id=predecessor, successor_id=successor, kind=kind, count=count))
        existing.add((predecessor, successor))
    UnitLink.objects.bulk_create(new, batch_size=bulk.ID_BATCH)
    return new
