"""Footfall series of counting points: daily totals, year on year, weekday and hour profiles, gaps.

Times are local wall-clock times of the counter, stored labelled UTC (see ``actions.footfall.stored_start``), so every
grouping here truncates in UTC and gets the local day and hour back; the two times of the hour the autumn change
repeats (two rows when a counter sent them apart) add up in that one local hour. A missing hour or day is never
filled in: a day with missing hours is marked incomplete, a day without any count is absent and listed by
:func:`gaps`, and comparisons and profiles only use complete days.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count as CountOf
from django.db.models import Min, Sum
from django.db.models.functions import ExtractHour, TruncDate

from kernkompas.lib import clock
from kernkompas.lib import indicators as calc
from kernkompas.monitor.models import CountingPoint, FootfallCount, Resolution

_VERSION_KEY = "monitor-footfall-version:{}"


def touch(point_ids) -> None:
    """Mark the counts of these counting points as changed, for whatever was cached from them (the dashboard's
    footfall summary). Called by the one place that writes counts, after its transaction commits."""
    cache.set_many({_VERSION_KEY.format(pk): uuid.uuid4().hex[:12] for pk in point_ids}, None)


def version(points) -> str:
    """The version of the counts of these points: changes whenever :func:`touch` is called for one of them."""
    keys = [_VERSION_KEY.format(point.pk) for point in points]
    found = cache.get_many(keys)
    return ".".join(found.get(key, "0") for key in keys)


UTC = datetime.UTC
HOURS_PER_DAY = 24


def local_hours(day: datetime.date) -> tuple[int, ...]:
    """The wall-clock hours (0–23) that exist on this date in the site's time zone (``settings.TIME_ZONE``).

    Usually all 24; the spring day the clocks go forward has 23 (in Europe/Brussels no 2:00). The autumn day
    the clocks go back keeps 24: its repeated hour is stored as one local hour holding both counts.
    """
    return clock.local_hours(day, settings.TIME_ZONE)


def hours_in_day(day: datetime.date) -> int:
    """How many hourly counts make this date complete: the number of its :func:`local_hours`."""
    return len(local_hours(day))


@dataclass
class DayTotal:
    date: datetime.date
    total: int
    hours: int | None  # hours with a count (hourly data, summed over the points); None for daily data only
    expected_hours: int | None
    complete: bool


@dataclass
class Gap:
    start: datetime.datetime  # local time; for daily data midnight of the first missing day
    end: datetime.datetime  # exclusive
    resolution: str  # "hour" or "day"

    @property
    def length(self) -> int:
        seconds = (self.end - self.start).total_seconds()
        return int(seconds // 3600) if self.resolution == Resolution.HOUR else int(seconds // 86400)


def _point_ids(points) -> list[int]:
    if isinstance(points, CountingPoint):
        return [points.pk]
    if isinstance(points, int):
        return [points]
    return [p if isinstance(p, int) else p.pk for p in points]


def _bounds(date_from: datetime.date, date_to: datetime.date):
    start = datetime.datetime.combine(date_from, datetime.time(), tzinfo=UTC)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time(), tzinfo=UTC)
    return start, end


def _rows(point_ids, date_from, date_to):
    start, end = _bounds(date_from, date_to)
    return FootfallCount.objects.filter(point_id__in=point_ids, start__gte=start, start__lt=end)


def daily_totals(points, date_from: datetime.date, date_to: datetime.date) -> list[DayTotal]:
    """Per day with any count: the total over the points, the hours present, and whether the day is complete.

    A day is complete when every point has all its hours (hourly counts: :func:`hours_in_day`, 24 but 23 on the
    spring clock change) or its day count (daily counts). A point with both uses its hours when they are complete,
    else its day count.
    """
    ids = _point_ids(points)
    per_point: dict[datetime.date, dict[int, dict[str, tuple[int, int]]]] = defaultdict(lambda: defaultdict(dict))
    grouped = (
        _rows(ids, date_from, date_to)
        .annotate(day=TruncDate("start", tzinfo=UTC))
        .values_list("day", "point_id", "resolution")
        # Hours, not rows: the repeated autumn hour may hold its two times in two rows (``fold``).
        .annotate(total=Sum("value"), n=CountOf("start", distinct=True))
        .order_by()
    )
    for day, point_id, resolution, total, n in grouped:
        per_point[day][point_id][resolution] = (int(total), n)
    result = []
    for day in sorted(per_point):
        expected = hours_in_day(day)
        total, hours, hourly_points, complete = 0, 0, 0, True
        for point_id in ids:
            found = per_point[day].get(point_id)
            if not found:
                complete = False
                continue
            hourly = found.get(Resolution.HOUR)
            daily = found.get(Resolution.DAY)
            if hourly and (hourly[1] >= expected or not daily):
                total += hourly[0]
                hours += hourly[1]
                hourly_points += 1
                complete = complete and hourly[1] >= expected
            else:
                total += daily[0]
        result.append(
            DayTotal(
                date=day,
                total=total,
                hours=hours if hourly_points else None,
                expected_hours=expected * hourly_points if hourly_points else None,
                complete=complete,
            )
        )
    return result


def year_on_year(points, date_from: datetime.date, date_to: datetime.date) -> dict:
    """Each complete day against the same ISO week and weekday a year earlier, when that day is complete too.

    Returns ``{"days": [{"date", "total", "previous_date", "previous_total", "change"}], "total",
    "previous_total", "change"}``; the totals are over the compared days only.
    """
    earlier_from = calc.same_day_last_year(date_from) - datetime.timedelta(days=7)
    earlier_to = calc.same_day_last_year(date_to) + datetime.timedelta(days=7)
    current = {d.date: d for d in daily_totals(points, date_from, date_to) if d.complete}
    previous = {d.date: d for d in daily_totals(points, earlier_from, earlier_to) if d.complete}
    days = []
    for day in sorted(current):
        before = previous.get(calc.same_day_last_year(day))
        if before is None:
            continue
        days.append(
            {
                "date": day,
                "total": current[day].total,
                "previous_date": before.date,
                "previous_total": before.total,
                "change": calc.change(current[day].total, before.total),
            }
        )
    total = sum(d["total"] for d in days)
    previous_total = sum(d["previous_total"] for d in days)
    return {
        "days": days,
        "total": total if days else None,
        "previous_total": previous_total if days else None,
        "change": calc.change(total, previous_total) if days else None,
    }


RECENT_WEEKS = 4


def recent_year_on_year(points, last: datetime.date, weeks: int = RECENT_WEEKS) -> dict:
    """:func:`year_on_year` over the ``weeks`` weeks that end on ``last``, with that period and, when no day
    could be compared, why: ``reason`` is ``"short"`` when the counts of these points start after the same weeks
    a year earlier (less than a year of counts), else ``"incomplete"`` (no day complete in both periods)."""
    date_from = last - datetime.timedelta(days=7 * weeks - 1)
    result = {**year_on_year(points, date_from, last), "date_from": date_from, "date_to": last, "weeks": weeks}
    result["reason"] = None
    if not result["days"]:
        first = FootfallCount.objects.filter(point_id__in=_point_ids(points)).aggregate(first=Min("start"))["first"]
        short = first is None or first.astimezone(UTC).date() > calc.same_day_last_year(last)
        result["reason"] = "short" if short else "incomplete"
    return result


def weekday_profile(points, date_from: datetime.date, date_to: datetime.date) -> list[dict]:
    """Mean daily total per ISO weekday (1 = Monday) over the complete days; ``days`` says how many."""
    sums: dict[int, list[int]] = defaultdict(list)
    for d in daily_totals(points, date_from, date_to):
        if d.complete:
            sums[d.date.isoweekday()].append(d.total)
    return [
        {"weekday": wd, "mean": (sum(sums[wd]) / len(sums[wd])) if sums[wd] else None, "days": len(sums[wd])}
        for wd in range(1, 8)
    ]


def hour_profile(points, date_from: datetime.date, date_to: datetime.date) -> list[dict]:
    """Mean count per hour of the day (0–23, summed over the points) over the days complete in hourly counts;
    ``days`` says over how many (an hour the spring clock change skips is not there that day)."""
    ids = _point_ids(points)
    complete = {d.date for d in daily_totals(points, date_from, date_to) if d.complete and d.hours}
    grouped = (
        _rows(ids, date_from, date_to)
        .filter(resolution=Resolution.HOUR)
        .annotate(day=TruncDate("start", tzinfo=UTC), hour=ExtractHour("start", tzinfo=UTC))
        .values_list("day", "hour")
        .annotate(total=Sum("value"))
        .order_by()
    )
    sums: dict[int, int] = defaultdict(int)
    for day, hour, total in grouped:
        if day in complete:
            sums[hour] += int(total)
    # An hour counts the complete days it exists on: 2:00 not on the spring day the clocks skip it.
    days = {h: sum(1 for day in complete if h in local_hours(day)) for h in range(HOURS_PER_DAY)}
    return [
        {"hour": h, "mean": (sums[h] / days[h]) if days[h] else None, "days": days[h]} for h in range(HOURS_PER_DAY)
    ]


def gaps(point, date_from: datetime.date, date_to: datetime.date) -> list[Gap]:
    """Runs of missing hours (a point with hourly counts) or days (daily counts) between the two dates.

    A point with no counts at all in the period is one gap over the whole period, in days. An hour that does not
    exist on its date in the site's time zone (the spring clock change) is no gap.
    """
    ids = _point_ids(point)
    rows = _rows(ids, date_from, date_to)
    resolution = Resolution.HOUR if rows.filter(resolution=Resolution.HOUR).exists() else Resolution.DAY
    step = datetime.timedelta(hours=1) if resolution == Resolution.HOUR else datetime.timedelta(days=1)
    present = {start.astimezone(UTC) for start in rows.filter(resolution=resolution).values_list("start", flat=True)}
    start, end = _bounds(date_from, date_to)
    result, run_start, moment = [], None, start
    while moment < end:
        if resolution == Resolution.HOUR and moment.hour not in local_hours(moment.date()):
            pass  # the clocks skip this hour: neither a count nor a gap (a gap around it runs on)
        elif moment in present:
            if run_start is not None:
                result.append(Gap(run_start.replace(tzinfo=None), moment.replace(tzinfo=None), resolution))
                run_start = None
        elif run_start is None:
            run_start = moment
        moment += step
    if run_start is not None:
        result.append(Gap(run_start.replace(tzinfo=None), end.replace(tzinfo=None), resolution))
    return result
