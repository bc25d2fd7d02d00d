"""Footfall counts (passers-by per counting point per hour or per day) from CSV or Excel, long or wide.

Layouts
    *Long*: one line per point and hour (or day): columns for the point (``point``, ``telpunt``, ``locatie`` …),
    the date (``date``, ``datum``), optionally the hour (``hour``, ``uur``: without one the figures are daily
    totals; a date with a time such as ``2024-05-01 09:00`` is hourly too) and the count (``count``, ``aantal``,
    ``passanten`` …).
    *Wide*: one line per date (and hour), one column per counting point, as the Auckland export has
    (``date,hour,year,<point>…``). Columns such as ``year``, ``weekday`` or ``month`` are not points.

Values
    ``;``, ``,`` or tab separated; UTF-8 (with or without BOM) or Windows-1252; whole numbers, also written
    ``94.0``, ``94,0`` or ``1.234``. An empty cell is *no data*: no record, never a zero. Negative, fractional or
    non-numeric counts are problems with line and column. Dates ``2024-12-31``, ``31-12-2024``, ``31/12/2024``;
    hours ``9``, ``9:00``, ``09:00:00``, ``9:00-9:59``, ``9-10 uur``. What a count may be (dates from 2000 up to
    now, values up to 2,147,483,647) is :mod:`kernkompas.monitor.footfall_rules`, the same rule as for the API.

Time
    Hours are local time and stay naive datetimes. A line in the hour the spring change skips (2:00 on the last
    Sunday of March in Brussels) is a problem naming the line and the time, by the API's rule. The autumn hour that
    the clocks repeat (in the site's time zone) may have two lines: their counts are added up into the one local
    hour, and the import says so. Any other point and hour twice (a copy-paste error) is a problem naming both
    lines (and, when one of them breaks the file's date order, saying that its date is probably the wrong one).
    A file whose counting day runs past midnight — the hours of one date go 6:00 … 23:00, 0:00 … 5:00, as in
    the Auckland export — has the hours after the turn on the next calendar day: within the consecutive lines
    of one date (and point), a step back of twelve hours or more (23:00 → 0:00) means the day has turned; a
    smaller step back is just a line out of order and keeps its date.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext as _

from kernkompas.core.problems import ImportRejected, Problems, check_length, limit_reason, line_place
from kernkompas.lib import clock, filelimits
from kernkompas.lib.batch import paused_gc
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.monitor import footfall_rules
from kernkompas.monitor.footfall_rules import MAX_VALUE
from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
from kernkompas.monitor.importers.tabular import read_table
from kernkompas.monitor.models import CountingPoint

POINT_HEADERS = ("point", "telpunt", "locatie", "location", "sensor", "meetpunt", "counting point", "name", "naam")
DATE_HEADERS = ("date", "datum", "dag", "day", "datetime", "timestamp", "tijdstip", "periode", "period")
HOUR_HEADERS = ("hour", "uur", "tijd", "time", "tijdvak", "interval")
COUNT_HEADERS = (
    "count",
    "aantal",
    "passanten",
    "aantal passanten",
    "aantal bezoekers",
    "bezoekers",
    "footfall",
    "value",
    "waarde",
    "telling",
    "passages",
)
LAT_HEADERS = ("latitude", "lat", "breedtegraad", "y")
LON_HEADERS = ("longitude", "lon", "lng", "lengtegraad", "x")
ID_HEADERS = ("id", "code", "external_id", "sensor_id", "telpunt_id")
# Columns of a wide file that describe the line, not a counting point.
NOT_POINTS = (
    "year",
    "jaar",
    "month",
    "maand",
    "week",
    "weekday",
    "weekdag",
    "day of week",
    "dag van de week",
    "weekend",
    "holiday",
    "feestdag",
    "remark",
    "opmerking",
    "total",
    "totaal",
)

_HOUR = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(?:(?:-|–|tot)\s*\d{1,2}(?:[:.]\d{2})?(?::\d{2})?)?\s*(?:u|uur|h)?",
    re.IGNORECASE,
)
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?")
_DATE_NL = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?")
_WHOLE = re.compile(r"-?\d+")
_WHOLE_WITH_ZEROS = re.compile(r"(-?\d+)[.,]0+")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:[.\s\u00a0]\d{3})+")


def _key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower().lstrip("\ufeff"))


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    keys = [_key(h) for h in headers]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


# --- Values ------------------------------------------------------------------------------------------------


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


TOO_MANY_DIGITS = 18  # past any count, and far below the 4,300 digits Python's int() accepts from a string


def _whole(text: str) -> int:
    """``int(text)`` of digits with an optional minus; a number with too many digits to be a count is simply one
    past the largest (int() refuses a string of more than 4,300 digits, and the exact value does not matter)."""
    if len(text.lstrip("-")) > TOO_MANY_DIGITS:
        return -(MAX_VALUE + 1) if text.startswith("-") else MAX_VALUE + 1
    return int(text)


def _shown(value) -> str:
    """A cell as a message quotes it: at most 20 characters."""
    text = _text(value)
    return text if len(text) <= 20 else text[:20] + "…"


def parse_count(value) -> int | None:
    """A whole, non-negative-or-not count from a cell; None when it is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    if _WHOLE.fullmatch(text):
        return _whole(text)
    match = _WHOLE_WITH_ZEROS.fullmatch(text)
    if match:
        return _whole(match.group(1))
    if _THOUSANDS.fullmatch(text):
        return _whole(re.sub(r"[.\s\u00a0]", "", text))
    return None


def _fast_count(value) -> int | None:
    """:func:`parse_count` with a quick path for the usual "94" and "94.0" (a million cells in a year's file)."""
    if type(value) is str and len(value) <= TOO_MANY_DIGITS:
        if value.isdigit():
            return int(value)
        if value.endswith(".0") and value[:-2].isdigit():
            return int(value[:-2])
    return parse_count(value)


def parse_date(value) -> tuple[datetime.date, int | None] | None:
    """(date, hour or None) from a cell: an Excel date, ``2024-12-31``, ``31-12-2024``, with or without a time."""
    if isinstance(value, datetime.datetime):
        if value.minute or value.second:
            return None
        return value.date(), (value.hour if value.hour or value.time() != datetime.time(0) else None)
    if isinstance(value, datetime.date):
        return value, None
    text = str(value).strip()
    match = _DATE_ISO.fullmatch(text)
    if match:
        year, month, day, hour, minute = match.groups()
    else:
        match = _DATE_NL.fullmatch(text)
        if not match:
            return None
        day, month, year, hour, minute = match.groups()
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is None:
        return date, None
    if int(minute) != 0 or int(hour) > 23:
        return None
    return date, int(hour)


def parse_hour(value) -> int | None:
    """The hour a period starts (0–23) from ``9``, ``9:00``, ``09:00:00``, ``9:00-9:59``, ``9-10 uur``."""
    if isinstance(value, datetime.time):
        return value.hour if not value.minute and not value.second else None
    if isinstance(value, datetime.datetime):
        return value.hour if not value.minute and not value.second else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 0 <= value <= 23 else None
    match = _HOUR.fullmatch(str(value).strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute:
        return None
    return hour


# --- The reader --------------------------------------------------------------------------------------------


def read_footfall(
    path: Path, *, file_name: str | None = None, progress: Callable[[int], None] | None = None
) -> tuple[list[FootfallRecord], list[PointRecord]]:
    """The counts and the counting points of a footfall file; raises :class:`ImportRejected` when it is wrong.

    ``progress`` (optional) is called now and then with the number of lines read since the last call.
    """
    path = Path(path)
    problems = Problems(file_name or path.name)
    # The same reading as a units file (encoding, delimiter, Excel, real line numbers, size limit); it raises
    # ImportRejected itself when the file cannot be read.
    table = read_table(path, file_name=problems.file)
    header = table.headers
    reader = _reader(header, problems, progress)
    lines = zip(table.line_numbers, table.rows, strict=True)
    point_col = _find(header, POINT_HEADERS)
    count_col = _find(header, COUNT_HEADERS)
    # A year of hourly counts is a million small records, none of them cyclic: the cycle collector would only
    # walk them again and again (it doubled the reading time of the Auckland file).
    try:
        with paused_gc():
            if point_col is not None and count_col is not None:
                reader.read_long(lines, point_col, count_col, _find(header, LAT_HEADERS), _find(header, LON_HEADERS))
            else:
                reader.read_wide(lines)
    except LimitExceeded as exc:
        problems.add(limit_reason(exc), where=line_place(exc.line) if exc.line else "")
        raise ImportRejected(problems.as_list()) from None
    reader.report_duplicates()
    if progress is not None and reader.pending:
        progress(reader.pending)
    if not problems and not reader.records:
        problems.add(_("the file holds no counts"))
    if problems:
        raise ImportRejected(problems.as_list())
    return reader.records, list(reader.points.values())


def _reader(header: list[str], problems: Problems, progress) -> _Reader:
    """The reader of a file with this header; ImportRejected when it is empty or has no date column."""
    if not header:
        problems.add(_("the file is empty"))
        raise ImportRejected(problems.as_list())
    date_col = _find(header, DATE_HEADERS)
    if date_col is None:
        problems.add(
            _("there is no column with the date (expected a heading such as “datum” or “date”)"), where=line_place(1)
        )
        raise ImportRejected(problems.as_list())
    return _Reader(header, date_col, _find(header, HOUR_HEADERS), problems, progress)


class _SeenLine(NamedTuple):
    """The first line of a wide file with a given date and hour, and the points it has values for (a bit per
    column)."""

    line: int
    points: int


class _Reader:
    def __init__(self, header, date_col, hour_col, problems: Problems, progress):
        self.header = header
        self.date_col = date_col
        self.hour_col = hour_col
        self.problems = problems
        self.progress = progress
        self.pending = 0
        self.records: list[FootfallRecord] = []
        self.points: dict[str, PointRecord] = {}
        self.seen: dict[tuple[str, str, datetime.datetime], int] = {}  # (point, resolution, start) → line
        self.duplicates: dict[tuple[int, int, datetime.datetime], list[str]] = {}
        # The counting day that runs past midnight: per (point or "", date) the last hour and whether it turned.
        self.turn: dict[str, tuple[tuple, int, bool]] = {}
        # Wide files: the date each line is labelled with, in file order, to tell which of two lines that claim
        # the same hour is out of place.
        self.labels: list[tuple[int, datetime.date]] = []
        self.label = None
        self.doubled: set[tuple[str, datetime.datetime]] = set()  # (point, hour) added up at the clock change
        # The records in the hour the clocks repeat, by (point, hour): the first of its two lines, found at once.
        self.repeated: dict[tuple[str, datetime.datetime], FootfallRecord] = {}
        self.is_repeated: dict[datetime.datetime, bool] = {}
        self.span = footfall_rules.accepted_span()  # from 2000 to now: the one rule for files and the API

    def _repeated_hour(self, start: datetime.datetime, resolution: str) -> bool:
        if resolution != "hour":
            return False
        known = self.is_repeated.get(start)
        if known is None:
            known = self.is_repeated[start] = clock.is_repeated(start, settings.TIME_ZONE)
        return known

    def _keep(self, record: FootfallRecord, line: int) -> None:
        """Add a record (within the file's limit of figures); index it when its hour is the repeated one."""
        if len(self.records) >= filelimits.MAX_FOOTFALL_FIGURES:
            raise LimitExceeded(
                "footfall_figures", found=len(self.records) + 1, maximum=filelimits.MAX_FOOTFALL_FIGURES, line=line
            )
        self.records.append(record)
        if self._repeated_hour(record.start, record.resolution):
            self.repeated[(record.point, record.start)] = record

    def _tick(self):
        self.pending += 1
        if self.pending >= 2000 and self.progress is not None:
            self.progress(self.pending)
            self.pending = 0

    def _when(self, cells, number: int, where: str, stream: str) -> tuple[datetime.datetime, str] | None:
        """(start, resolution) of a line; reports and returns None when the date or hour is unusable."""
        parsed = self._date(cells, where)
        if parsed is None:
            return None
        date, hour = parsed
        self.label = date
        if self.hour_col is not None:
            hour = self._hour(cells, where)
            if hour is None:
                return None
        if hour is None:
            return self._within_span(datetime.datetime.combine(date, datetime.time()), "day", where)
        date = self._counting_day(stream, date, hour)
        when = self._within_span(datetime.datetime.combine(date, datetime.time(hour)), "hour", where)
        # Within the span first: the time zone arithmetic of the next test overflows at the edges of year 1.
        skipped = when and footfall_rules.skipped_problem(when[0])  # the API's rule: the spring change skips it
        if skipped:
            hour_field = self.header[self.date_col if self.hour_col is None else self.hour_col]
            self.problems.add(skipped, where=where, field=hour_field)
            return None
        return when

    def _date(self, cells, where: str) -> tuple[datetime.date, int | None] | None:
        """The line's date (and hour, when the date cell has a time); reports and returns None when unusable."""
        raw_date = cells[self.date_col] if self.date_col < len(cells) else ""
        if not _text(raw_date):
            self.problems.add(_("the date is missing"), where=where, field=self.header[self.date_col])
            return None
        parsed = parse_date(raw_date)
        if parsed is None:
            self.problems.add(
                _("“%(value)s” is not a date (write it as 31-12-2024 or 2024-12-31)") % {"value": _text(raw_date)},
                where=where,
                field=self.header[self.date_col],
            )
        return parsed

    def _hour(self, cells, where: str) -> int | None:
        """The hour in the line's hour column; reports and returns None when it is missing or unusable."""
        raw_hour = cells[self.hour_col] if self.hour_col < len(cells) else ""
        if not _text(raw_hour):
            self.problems.add(_("the hour is missing"), where=where, field=self.header[self.hour_col])
            return None
        hour = parse_hour(raw_hour)
        if hour is None:
            self.problems.add(
                _("“%(value)s” is not an hour (write it as 9, 9:00 or 9:00-9:59)") % {"value": _text(raw_hour)},
                where=where,
                field=self.header[self.hour_col],
            )
        return hour

    def _counting_day(self, stream: str, date: datetime.date, hour: int) -> datetime.date:
        """The calendar day of an hour of a counting day that may run past midnight: the hours after the turn are
        on the next day. Within the consecutive lines of one date (and point) going back twelve hours or more is
        the turn of the day (23:00 → 0:00); a smaller step back is a line out of order and keeps its date."""
        last = self.turn.get(stream)
        turned = False
        if last is not None:
            last_date, last_hour, last_turned = last
            if last_date == date:
                turned = last_turned or last_hour - hour >= 12
        self.turn[stream] = (date, hour, turned)
        return date + datetime.timedelta(days=1) if turned else date

    def _within_span(self, start: datetime.datetime, resolution: str, where: str):
        problem = self.span.problem(start)
        if problem:
            self.problems.add(problem, where=where, field=self.header[self.date_col])
            return None
        return start, resolution

    def _bad_count(self, value, count, where, field):
        if count is None:
            self.problems.add(
                _("“%(value)s” is not a whole number of passers-by") % {"value": _shown(value)},
                where=where,
                field=field,
            )
        else:
            self.problems.add(footfall_rules.value_problem(count, shown=_shown(value)), where=where, field=field)

    def _add(self, point: str, start, resolution, value, number: int, where: str, field: str):
        count = _fast_count(value)
        if count is None or not 0 <= count <= MAX_VALUE:
            self._bad_count(value, count, where, field)
            return
        key = (point, resolution, start)
        earlier = self.seen.setdefault(key, number)
        if earlier != number:
            if not self._clock_back(point, resolution, start, count, where):
                self.duplicates.setdefault((number, earlier, start), []).append(point)
            return
        self._keep(FootfallRecord(where=where, point=point, start=start, resolution=resolution, value=count), number)

    def _clock_back(self, point: str, resolution: str, start: datetime.datetime, count: int, where: str) -> bool:
        """Add ``count`` to the earlier record of the same point and hour when that hour is the one the clocks
        repeat in autumn (in the site's time zone: 2:00 on the last Sunday of October in Belgium and the
        Netherlands); a counter that writes local time has two lines for it. False for any other repeat."""
        if (point, start) in self.doubled or not self._repeated_hour(start, resolution):
            return False
        record = self.repeated.get((point, start))
        if record is None:
            return False
        record.value += count
        record.where = f"{record.where} + {where}"
        record.clock_back = True
        self.doubled.add((point, start))
        return True

    def report_duplicates(self):
        """One problem per line that repeats an earlier line's point and hour (not one per point)."""
        misplaced = self._misplaced({line for number, earlier, _start in self.duplicates for line in (number, earlier)})
        for (number, earlier, start), fields in self.duplicates.items():
            values = {"start": start.strftime("%d-%m-%Y %H:%M"), "line": earlier, "count": len(fields)}
            if len(fields) == 1:
                message = _("counting point “%(point)s” already has a count for %(start)s on line %(line)s") % {
                    **values,
                    "point": fields[0],
                }
            else:
                message = (
                    _(
                        "the counts for %(start)s are already on line %(line)s (%(count)s counting points); "
                        "check the date and hour of both lines"
                    )
                    % values
                )
            for line in (earlier, number):
                if line in misplaced:
                    label, before, after = misplaced[line]
                    values = {"line": line, "label": label.strftime("%d-%m-%Y"), "before": before.strftime("%d-%m-%Y")}
                    if before == after:
                        hint = _("line %(line)s is dated %(label)s but lies among lines dated %(before)s") % values
                    else:
                        hint = _(
                            "line %(line)s is dated %(label)s but lies between lines dated %(before)s and %(after)s"
                        ) % {**values, "after": after.strftime("%d-%m-%Y")}
                    message += "; " + hint + ", " + _("so its date is probably wrong")
            self.problems.add(message, where=line_place(number))

    def _misplaced(self, involved: set[int]) -> dict[int, tuple[datetime.date, datetime.date, datetime.date]]:
        """Of the lines ``involved`` in a repeated hour, those whose date breaks the file's date order: dated after
        the next line not involved, or before the previous one (line → its date, the dates around it)."""
        if not involved or not self.labels:
            return {}
        found = {}
        clean = [i for i, (number, _label) in enumerate(self.labels) if number not in involved]
        positions = {number: i for i, (number, _label) in enumerate(self.labels) if number in involved}
        for number, i in positions.items():
            k = bisect.bisect(clean, i)
            if k == 0 or k == len(clean):
                continue  # at the start or end of the file there is nothing to compare with
            before, after = self.labels[clean[k - 1]][1], self.labels[clean[k]][1]
            label = self.labels[i][1]
            if before <= after and not before <= label <= after:
                found[number] = (label, before, after)
        return found

    def read_wide(self, lines):
        """One line per date (and hour), one column per counting point."""
        columns = self._point_columns()
        if not columns:
            return
        rows_seen: dict[tuple[str, datetime.datetime], _SeenLine] = {}  # (resolution, start) → first line
        for number, cells in lines:
            self._tick()
            if not any(_text(cell) for cell in cells):
                continue
            where = line_place(number)
            if len(cells) > len(self.header):
                self.problems.add(_("this line has more values than the header has columns"), where=where)
                continue
            when = self._when(cells, number, where, "")
            if when is None:
                continue
            self.labels.append((number, self.label))
            # (column, point, value) of each point with a value on this line: plain tuples, a million is common.
            filled = [(index, name, cells[index]) for index, name in columns if index < len(cells)]
            filled = [(i, n, v) for i, n, v in filled if v != "" and (type(v) is not str or v.strip())]
            filled = self._not_repeated(filled, rows_seen, number, when, where)
            if len(self.records) + len(filled) > filelimits.MAX_FOOTFALL_FIGURES:
                found = len(self.records) + len(filled)
                raise LimitExceeded(
                    "footfall_figures", found=found, maximum=filelimits.MAX_FOOTFALL_FIGURES, line=number
                )
            self._keep_wide(filled, when, where)

    def _point_columns(self) -> list[tuple[int, str]]:
        """(column index, point name) of each counting point of a wide file, registered as points; a problem when
        there is none."""
        skip = {self.date_col, self.hour_col}
        columns = [
            (index, name)
            for index, name in enumerate(self.header)
            if index not in skip and name and _key(name) not in NOT_POINTS
        ]
        where = line_place(1)
        if not columns:
            self.problems.add(
                _(
                    "no counting points found: give one column per point, or the columns point (telpunt), date "
                    "(datum), hour (uur) and count (aantal)"
                ),
                where=where,
            )
        for index, name in columns:
            # The heading is the point's name: named by its column number, not by itself.
            column = _("column %(number)s") % {"number": index + 1}
            check_length(self.problems, CountingPoint, "name", name.strip(), where=where, field=column)
            self.points.setdefault(name, PointRecord(name=name, where=where))
        return columns

    def _not_repeated(self, filled: list[tuple], rows_seen: dict, number: int, when, where: str) -> list[tuple]:
        """The cells of ``filled`` that no earlier line with the same date and hour has a value for.

        A line repeats an earlier one when its date and hour are the same: then every point that has a value on
        both lines is a duplicate (or the autumn hour the clocks repeat). Checked per line, not per cell.
        """
        start, resolution = when
        mask = 0
        for index, _name, _value in filled:
            mask |= 1 << index
        earlier = rows_seen.get((resolution, start))
        if earlier is not None:
            for index, name, value in filled:
                if earlier.points >> index & 1:
                    mask &= ~(1 << index)
                    count = _fast_count(value)
                    if count is None or not 0 <= count <= MAX_VALUE:
                        self._bad_count(value, count, where, name)
                    elif not self._clock_back(name, resolution, start, count, where):
                        self.duplicates.setdefault((number, earlier.line, start), []).append(name)
            filled = [item for item in filled if mask >> item[0] & 1]
            mask |= earlier.points
        rows_seen[(resolution, start)] = _SeenLine(earlier.line if earlier else number, mask)
        return filled

    def _keep_wide(self, filled: list[tuple], when, where: str) -> None:
        """A record for each point's count on a line of a wide file (a problem for a count that is not one)."""
        start, resolution = when
        append = self.records.append
        repeated = self._repeated_hour(start, resolution)
        for _index, name, value in filled:
            count = _fast_count(value)
            if count is None or not 0 <= count <= MAX_VALUE:
                self._bad_count(value, count, where, name)
                continue
            record = FootfallRecord(where=where, point=name, start=start, resolution=resolution, value=count)
            append(record)
            if repeated:
                self.repeated[(name, start)] = record

    def read_long(self, lines, point_col, count_col, lat_col, lon_col):
        count_field = self.header[count_col]
        for number, cells in lines:
            self._tick()
            if not any(_text(cell) for cell in cells):
                continue
            where = line_place(number)
            point = _text(cells[point_col]) if point_col < len(cells) else ""
            if not point:
                self.problems.add(_("the counting point is missing"), where=where, field=self.header[point_col])
                continue
            when = self._when(cells, number, where, point)
            if when is None:
                continue
            if point not in self.points:
                if len(self.points) >= filelimits.MAX_FOOTFALL_POINTS:
                    raise LimitExceeded(
                        "footfall_points",
                        found=len(self.points) + 1,
                        maximum=filelimits.MAX_FOOTFALL_POINTS,
                        line=number,
                    )
                check_length(self.problems, CountingPoint, "name", point, where=where, field=self.header[point_col])
                self.points[point] = PointRecord(
                    name=point, lat=self._coordinate(cells, lat_col), lon=self._coordinate(cells, lon_col), where=where
                )
            value = cells[count_col] if count_col < len(cells) else ""
            if _text(value) == "":
                continue  # no data for this hour: no record, never a zero
            self._add(point, *when, value, number, where, count_field)

    @staticmethod
    def _coordinate(cells, column) -> float | None:
        if column is None or column >= len(cells):
            return None
        try:
            return float(_text(cells[column]).replace(",", "."))
        except ValueError:
            return None


class _PointColumns(NamedTuple):
    name: int
    lat: int
    lon: int
    external_id: int | None

    @classmethod
    def of(cls, header: list[str]) -> _PointColumns:
        return cls(
            _find(header, (*POINT_HEADERS, "address", "adres")),
            _find(header, LAT_HEADERS),
            _find(header, LON_HEADERS),
            _find(header, ID_HEADERS),
        )


def read_points(path: Path, *, file_name: str | None = None) -> list[PointRecord]:
    """Counting points with their location from a list such as ``Address,Latitude,Longitude``."""
    path = Path(path)
    problems = Problems(file_name or path.name)
    table = read_table(path, file_name=problems.file)
    header = table.headers
    if not header:
        problems.add(_("the file is empty"))
        raise ImportRejected(problems.as_list())
    columns = _PointColumns.of(header)
    if columns.name is None or columns.lat is None or columns.lon is None:
        problems.add(
            _("expected the columns name (or address), latitude and longitude of each counting point"),
            where=line_place(1),
        )
        raise ImportRejected(problems.as_list())
    points: dict[str, PointRecord] = {}
    for number, cells in zip(table.line_numbers, table.rows, strict=True):
        if not any(_text(cell) for cell in cells):
            continue
        where = line_place(number)
        located = _located_point(cells, columns, header, where, problems)
        if located is None:
            continue
        name, lat, lon = located
        if name in points:
            problems.add(_("this counting point is listed twice"), where=where, field=header[columns.name])
            continue
        id_col = columns.external_id
        external_id = _text(cells[id_col]) if id_col is not None and id_col < len(cells) else ""
        check_length(problems, CountingPoint, "name", name, where=where, field=header[columns.name])
        if id_col is not None:
            check_length(problems, CountingPoint, "external_id", external_id, where=where, field=header[id_col])
        points[name] = PointRecord(name=name, lat=lat, lon=lon, external_id=external_id, where=where)
    if not problems and not points:
        problems.add(_("the file lists no counting points"))
    if problems:
        raise ImportRejected(problems.as_list())
    return list(points.values())


def _located_point(cells, columns: _PointColumns, header, where: str, problems: Problems):
    """(name, latitude, longitude) of a line of a list of counting points; None with a problem when one is missing
    or not degrees."""
    name = _text(cells[columns.name]) if columns.name < len(cells) else ""
    if not name:
        problems.add(_("the name of the counting point is missing"), where=where, field=header[columns.name])
        return None
    coordinates = []
    for column, low, high in ((columns.lat, -90, 90), (columns.lon, -180, 180)):
        text = _text(cells[column]).replace(",", ".") if column < len(cells) else ""
        try:
            value = float(text)
        except ValueError:
            problems.add(
                _("“%(value)s” is not a coordinate in degrees") % {"value": text}, where=where, field=header[column]
            )
            return None
        if not low <= value <= high:
            problems.add(
                _("%(value)s is outside %(low)s to %(high)s degrees") % {"value": text, "low": low, "high": high},
                where=where,
                field=header[column],
            )
            return None
        coordinates.append(value)
    return name, coordinates[0], coordinates[1]
