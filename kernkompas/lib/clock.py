"""Wall-clock hours around the clock changes (daylight saving time), for counts kept in local time.

Framework-free: the callers pass the time zone (``settings.TIME_ZONE``, Europe/Brussels by default).
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo

HOURS_PER_DAY = 24


@functools.lru_cache(maxsize=4_096)
def local_hours(day: datetime.date, zone: str) -> tuple[int, ...]:
    """The wall-clock hours (0–23) that exist on this date in ``zone``: usually all 24; 23 on the spring day the
    clocks go forward (in Europe/Brussels there is no 2:00 then). The autumn day keeps 24: its repeated hour is
    one wall-clock hour."""
    tz = zoneinfo.ZoneInfo(zone)
    return tuple(h for h in range(HOURS_PER_DAY) if _exists(datetime.datetime.combine(day, datetime.time(h)), tz))


def exists(moment: datetime.datetime, zone: str) -> bool:
    """Whether this wall-clock time happens at all in ``zone`` (False in the hour the spring change skips)."""
    return _exists(moment, zoneinfo.ZoneInfo(zone))


def is_repeated(moment: datetime.datetime, zone: str) -> bool:
    """Whether this wall-clock time happens twice in ``zone`` (the hour the autumn change repeats)."""
    tz = zoneinfo.ZoneInfo(zone)
    first, second = moment.replace(tzinfo=tz, fold=0), moment.replace(tzinfo=tz, fold=1)
    return first.utcoffset() != second.utcoffset() and _exists(moment, tz)


def wall_clock(moment: datetime.datetime, zone: str) -> tuple[datetime.datetime, int | None]:
    """The wall-clock time (naive) that ``moment`` shows in ``zone``, and which time the clocks show it: 0 the first,
    1 the second time (only in the hour the autumn change repeats; 0 for every other hour).

    A naive ``moment`` is wall-clock time already; in the repeated hour it could be either time, and the second
    value is None. An aware one is converted, so ``2025-10-26T00:00Z`` and ``2025-10-26T01:00Z`` are both 2:00 in
    Brussels, the first and the second time. The moment must lie well inside years 1 to 9999 (converting the
    edges can overflow): check its bounds first.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment, (None if is_repeated(moment, zone) else 0)
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    return local.replace(tzinfo=None, fold=0), local.fold


def _exists(moment: datetime.datetime, tz: zoneinfo.ZoneInfo) -> bool:
    # A skipped time does not survive a trip through UTC; an existing one (even a repeated one) does.
    there_and_back = moment.replace(tzinfo=tz).astimezone(datetime.UTC).astimezone(tz)
    return there_and_back.replace(tzinfo=None) == moment.replace(tzinfo=None)
