"""Since when a unit stands vacant, derived from the counts of its area (never typed in)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import connection

from kernkompas.monitor import bulk
from kernkompas.monitor.models import Count, UnitState


def _iso(value) -> str | None:
    """A date from the database as ISO text (SQLite returns text, PostgreSQL a date)."""
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def derive_vacancy(gebied) -> int:
    """Set ``vacant_since`` / ``vacant_since_open`` of every vacant state of the area from the counts.

    ``vacant_since`` is the date of the first count of the unbroken run of vacant states of the unit that ends in
    this count; ``vacant_since_open`` is true when that run starts at the unit's first count (the real start may be
    earlier). Non-vacant states have neither. Returns the number of states changed.
    """
    dates = {pk: day.isoformat() for pk, day in Count.objects.filter(gebied=gebied).values_list("id", "date")}
    if not dates:
        return 0
    # Few distinct starts: one UPDATE per start and batch instead of a CASE per row.
    total = 0
    for (since, is_open), pks in _changed_states(gebied, dates).items():
        day = datetime.date.fromisoformat(since) if since else None
        for start in range(0, len(pks), bulk.ID_BATCH):
            total += UnitState.objects.filter(pk__in=pks[start : start + bulk.ID_BATCH]).update(
                vacant_since=day, vacant_since_open=is_open
            )
    return total


def _changed_states(gebied, dates: dict[int, str]) -> dict[tuple[str | None, bool], list[int]]:
    """The states whose vacancy start is not what their unit's counts say, by what it should be: (ISO date of
    the start or None, whether the run starts at the unit's first count)."""
    changed: dict[tuple[str | None, bool], list[int]] = defaultdict(list)
    with connection.cursor() as cursor:
        # One pass over the area's states in unit and date order, as plain rows (no model instances).
        cursor.execute(
            "SELECT s.id, s.unit_id, s.count_id, s.is_vacant, s.vacant_since, s.vacant_since_open "
            "FROM monitor_unitstate s JOIN monitor_count c ON c.id = s.count_id "
            "WHERE c.gebied_id = %s ORDER BY s.unit_id, c.date",
            [gebied.pk],
        )
        unit, run_start, run_open, first = None, None, False, True
        for rows in iter(lambda: cursor.fetchmany(10_000), []):
            for pk, unit_id, count_id, is_vacant, since, is_open in rows:
                if unit_id != unit:
                    unit, run_start, first = unit_id, None, True
                if is_vacant:
                    if run_start is None:
                        run_start, run_open = dates[count_id], first
                    wanted = (run_start, run_open)
                else:
                    run_start = None
                    wanted = (None, False)
                first = False
                if (_iso(since), bool(is_open)) != wanted:
                    changed[wanted].append(pk)
    return changed
