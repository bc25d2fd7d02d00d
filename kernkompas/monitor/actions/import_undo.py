"""Undoing the last units import of an area.

While it writes, an import records what undoing it needs (:class:`UndoRecord`, kept as JSON on its ``ImportRun``):
the states the count had before (when the count existed already), the units it created, the values of the units it
changed, the links and the owner contacts it added. :func:`undo_last_import` puts all of that back in one
transaction, then recomputes what follows from the states (vacancy start, indicators, threshold crossings), so the
area is exactly as it was before the import.

Only the area's last units import can be undone: a newer import clears the record of the older ones, and an undone
import keeps none. Owner contacts that the import only filled in further (an e-mail address added to a known
contact) are not put back: their earlier values are personal data, which the record does not keep.
Footfall imports cannot be undone (a corrected footfall file replaces the figures it names).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kernkompas.core.audit import record
from kernkompas.monitor import bulk, indicators
from kernkompas.monitor.actions.thresholds import check_thresholds
from kernkompas.monitor.actions.vacancy import derive_vacancy
from kernkompas.monitor.models import (
    Count,
    ImportKind,
    ImportRun,
    OwnerContact,
    Threshold,
    ThresholdCrossing,
    Unit,
    UnitLink,
    UnitState,
)

# The most rows (states, units, links, contacts) an import may touch and still be undoable: the record is JSON on
# the ImportRun (about 60 bytes a row), kept for one import per area. Larger imports say they cannot be undone.
UNDO_MAX_ROWS = 200_000
UNDO_FORMAT = 1

UNIT_FIELDS = ("external_id", "street", "house_number", "postcode", "place", "address_key", "lat", "lon", "geometry")
STATE_FIELDS = ("group_id", "branch_id", "is_vacant", "floor_area", "occupant", "is_chain", "occupied_since")
_OCCUPIED_SINCE = STATE_FIELDS.index("occupied_since")


class NothingToUndo(Exception):
    """The import is not (or no longer) the area's last one, or it cannot be undone."""


@dataclass
class UndoRecord:
    """What undoing one units import needs, collected while it writes."""

    count_id: int
    count_created: bool
    # [unit id, *STATE_FIELDS] of the count before the import; None when the import left the count's states as they
    # were (then undo leaves them too).
    states: list[list] | None = field(default_factory=list)
    units_created: list[int] = field(default_factory=list)
    units_before: list[list] = field(default_factory=list)  # [*UNIT_FIELDS, unit id] before the import changed them
    links_created: list[list[int]] = field(default_factory=list)  # [predecessor id, successor id]
    contacts_created: list[int] = field(default_factory=list)
    # [threshold id, opened count id, closed count id, value, notified at] of the area's crossings before the import,
    # so that an undo does not e-mail a crossing again that was e-mailed before.
    crossings: list[list] = field(default_factory=list)

    def rows(self) -> int:
        parts = (self.states or [], self.units_created, self.units_before, self.links_created)
        return sum(len(part) for part in parts)

    def as_json(self) -> dict | None:
        """The record as stored, or None when the import is too large to be undone."""
        if self.rows() + len(self.contacts_created) > UNDO_MAX_ROWS:
            return None
        return {
            "format": UNDO_FORMAT,
            "count": self.count_id,
            "count_created": self.count_created,
            "states": self.states,
            "units_created": self.units_created,
            "units_before": self.units_before,
            "links_created": self.links_created,
            "contacts_created": self.contacts_created,
            "crossings": self.crossings,
        }


def state_rows(states: dict) -> list[list]:
    """A count's states (unit id → the values of ``STATE_FIELDS``) as the record keeps them (dates as ISO text,
    for JSON)."""
    rows = []
    for unit_id, values in states.items():
        values = list(values)
        since = values[_OCCUPIED_SINCE]
        values[_OCCUPIED_SINCE] = since.isoformat() if since else None
        rows.append([unit_id, *values])
    return rows


def crossings_of(gebied) -> list[list]:
    """The area's threshold crossings as the record keeps them (times as ISO text, for JSON)."""
    rows = ThresholdCrossing.objects.filter(threshold__gebied=gebied).values_list(
        "threshold_id", "opened_count_id", "closed_count_id", "value", "notified_at"
    )
    return [[*row[:4], row[4].isoformat() if row[4] else None] for row in rows]


def contact_ids(unit_ids) -> set[int]:
    """The ids of the owner contacts of these units."""
    unit_ids = list(unit_ids)
    found = set()
    for start in range(0, len(unit_ids), bulk.ID_BATCH):
        batch = unit_ids[start : start + bulk.ID_BATCH]
        found.update(OwnerContact.objects.filter(unit_id__in=batch).values_list("pk", flat=True))
    return found


def forget_older_records(run: ImportRun) -> None:
    """Only the last units import of an area can be undone: the records of the ones before it go."""
    ImportRun.objects.filter(gebied_id=run.gebied_id, kind=ImportKind.UNITS, undo__isnull=False).exclude(
        pk=run.pk
    ).update(undo=None)


# --- Reading ------------------------------------------------------------------------------------------------------


def last_units_import(gebied) -> ImportRun | None:
    return ImportRun.objects.filter(gebied=gebied, kind=ImportKind.UNITS).order_by("-created_at", "-pk").first()


def undoable_import(gebied) -> ImportRun | None:
    """The area's last units import if it can be undone, else None."""
    run = last_units_import(gebied)
    if run is None or run.undone_at is not None or not run.undo:
        return None
    return run


# --- Undoing ------------------------------------------------------------------------------------------------------


def undo_last_import(gebied, run_id: int, *, by) -> ImportRun:
    """Undo the import ``run_id`` of the area, which must be its last units import; NothingToUndo otherwise."""
    with transaction.atomic():
        # The lock makes a second undo of the same import (a double click, two colleagues) wait and then find
        # nothing to undo.
        run = ImportRun.objects.select_for_update().filter(pk=run_id, gebied=gebied, kind=ImportKind.UNITS).first()
        last = undoable_import(gebied)
        if run is None or last is None or last.pk != run.pk:
            raise NothingToUndo
        data = run.undo
        count = Count.objects.filter(pk=data["count"], gebied=gebied).first()
        count_date = count.date if count else None
        _restore(gebied, data, count)
        derive_vacancy(gebied)
        indicators.refresh_area(gebied)
        _restore_crossings(gebied, data.get("crossings", []))
        # Reconciles the restored crossings with thresholds changed since the import (none, usually: then it
        # changes nothing and e-mails nobody).
        check_thresholds(gebied)
        run.undo = None
        run.undone_at = timezone.now()
        run.undone_by = by if getattr(by, "is_authenticated", False) else None
        run.save(update_fields=["undo", "undone_at", "undone_by"])
        record(
            by,
            "monitor.import_undone",
            gebied,
            gemeente=gebied.kern.gemeente,
            changes={
                "file": run.file_name,
                "import": run.pk,
                "count_date": count_date.isoformat() if count_date else None,
                "count_removed": bool(data["count_created"]),
                "states_restored": len(data["states"] or []),
                "units_removed": len(data["units_created"]),
                "units_restored": len(data["units_before"]),
                "links_removed": len(data["links_created"]),
            },
        )
    return run


def _restore(gebied, data: dict, count: Count | None) -> None:
    _remove_links(data["links_created"])
    _remove_contacts(data["contacts_created"])
    if count is not None and data["count_created"]:
        UnitState.objects.filter(count=count).delete()
        count.delete()
    elif count is not None and data["states"] is not None:
        UnitState.objects.filter(count=count).delete()
        bulk.insert(
            UnitState,
            ("count_id", "unit_id", *STATE_FIELDS, "vacant_since", "vacant_since_open"),
            [(count.pk, *_state_row(row), None, False) for row in data["states"]],
        )
    bulk.update(Unit, UNIT_FIELDS, [tuple(row) for row in data["units_before"]])
    _remove_units(gebied, data["units_created"])


def _restore_crossings(gebied, rows: list[list]) -> None:
    ThresholdCrossing.objects.filter(threshold__gebied=gebied).delete()
    thresholds = set(Threshold.objects.filter(gebied=gebied).values_list("pk", flat=True))
    counts = set(Count.objects.filter(gebied=gebied).values_list("pk", flat=True))
    ThresholdCrossing.objects.bulk_create(
        ThresholdCrossing(
            threshold_id=threshold,
            opened_count_id=opened,
            closed_count_id=closed if closed in counts else None,
            value=value,
            notified_at=datetime.datetime.fromisoformat(notified) if notified else None,
        )
        for threshold, opened, closed, value, notified in rows
        if threshold in thresholds and opened in counts
    )


def _state_row(row: list) -> list:
    unit_id, *values = row
    since = values[_OCCUPIED_SINCE]
    values[_OCCUPIED_SINCE] = datetime.date.fromisoformat(since) if since else None
    return [unit_id, *values]


def _remove_links(pairs: list[list[int]]) -> None:
    for start in range(0, len(pairs), bulk.ID_BATCH):
        query = Q()
        for predecessor, successor in pairs[start : start + bulk.ID_BATCH]:
            query |= Q(predecessor_id=predecessor, successor_id=successor)
        UnitLink.objects.filter(query).delete()


def _remove_contacts(ids: list[int]) -> None:
    for start in range(0, len(ids), bulk.ID_BATCH):
        OwnerContact.objects.filter(pk__in=ids[start : start + bulk.ID_BATCH]).delete()


def _remove_units(gebied, ids: list[int]) -> None:
    """The units the import created, unless something else refers to them now (a state in another count, a
    link)."""
    for start in range(0, len(ids), bulk.ID_BATCH):
        batch = ids[start : start + bulk.ID_BATCH]
        in_use = set(UnitState.objects.filter(unit_id__in=batch).values_list("unit_id", flat=True))
        in_use |= set(UnitLink.objects.filter(predecessor_id__in=batch).values_list("predecessor_id", flat=True))
        in_use |= set(UnitLink.objects.filter(successor_id__in=batch).values_list("successor_id", flat=True))
        Unit.objects.filter(gebied=gebied, pk__in=[pk for pk in batch if pk not in in_use]).delete()
