"""The import of a footfall file: counting points by name, one row per point, resolution and start; and the
write that a counter's posts share (:mod:`.footfall_posts`)."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.core.problems import ImportRejected, Problems, check_length
from kernkompas.monitor import footfall, footfall_rules
from kernkompas.monitor.actions.runs import Source, save_run
from kernkompas.monitor.importers.records import FootfallRecord, ImportResult, PointRecord
from kernkompas.monitor.models import CountingPoint, FootfallCount, ImportKind, ImportRun, Resolution


def stored_start(start: datetime.datetime) -> datetime.datetime:
    """Footfall times are local wall-clock times; they are stored as given, labelled UTC, so every hour of a
    day (also around daylight-saving changes, and for counters in other time zones) keeps its own row."""
    if timezone.is_aware(start):
        start = timezone.make_naive(start)  # in the site's time zone
    return start.replace(tzinfo=datetime.UTC)


def import_footfall(
    gebied,
    records: list[FootfallRecord],
    points: list[PointRecord],
    *,
    by=None,
    file_name,
    sha256,
    format,
) -> ImportResult:
    """Write footfall counts of one file: counting points by name, one row per point, resolution and start."""
    _check(records, points, file_name)
    source = Source(file_name, sha256, format)
    result = ImportResult(rows=len(records))
    result.already_imported = ImportRun.objects.filter(gebied=gebied, kind=ImportKind.FOOTFALL, sha256=sha256).exists()
    with transaction.atomic():
        point_ids, new_points = _write_points(gebied, records, points)
        _write_counts(records, point_ids, result)
        save_run(gebied, ImportKind.FOOTFALL, result, source, by=by)
        record(
            by,
            "monitor.import_footfall",
            gebied,
            gemeente=gebied.kern.gemeente,
            changes={
                "file": file_name,
                "sha256": sha256,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "points_created": [p.name for p in new_points],
            },
        )
    _tell(result, records)
    return result


def _tell(result: ImportResult, records: list[FootfallRecord]) -> None:
    """What the officer should know: a file imported before, the autumn hours whose two lines were added up."""
    if result.already_imported:
        result.messages.append(_("This file was imported before for this area."))
    for day in sorted({r.start for r in records if r.clock_back}):
        result.messages.append(
            _(
                "%(hour)s happened twice because the clocks went back; the counts of both lines are added up in "
                "that hour"
            )
            % {"hour": day.strftime("%d-%m-%Y %H:%M")}
        )


def _check(records: list[FootfallRecord], points: list[PointRecord], file_name: str) -> None:
    """Raise ImportRejected with every problem of the counts and counting points (nothing is written)."""
    problems = Problems(file_name)
    if not records:
        problems.add(_("the file contains no footfall counts"))
    checks = _CountChecks(problems)
    for point in points:
        checks.named.add(point.name.strip())
        check_length(problems, CountingPoint, "name", point.name.strip(), where=point.where)
        check_length(problems, CountingPoint, "external_id", point.external_id, where=point.where)
    for r in records:
        checks.check(r)
    if problems:
        raise ImportRejected(problems.as_list())


class _CountChecks:
    """The checks of a file's counts, line by line."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.resolutions = set(Resolution.values)  # a list built anew on every access: once, not per record
        self.span = footfall_rules.accepted_span()
        self.named: set[str] = set()  # counting points whose name was measured (once each, not per count)
        self.first: dict[tuple, FootfallRecord] = {}  # (point, resolution, start) → the first line with it

    def check(self, r: FootfallRecord) -> None:
        problems = self.problems
        if r.resolution not in self.resolutions:
            problems.add(_("“%(value)s” is not hour or day") % {"value": r.resolution}, where=r.where)
        if r.value is None or r.value < 0:
            problems.add(_("the number of passers-by cannot be negative"), where=r.where)
        elif r.value > footfall_rules.MAX_VALUE:
            problems.add(footfall_rules.value_problem(r.value), where=r.where)
        wrong_time = self.span.problem(r.start) or (
            r.resolution == Resolution.HOUR and footfall_rules.skipped_problem(r.start)
        )
        if wrong_time:
            problems.add(wrong_time, where=r.where)
        name = r.point.strip()
        if not name:
            problems.add(_("the counting point is missing"), where=r.where)
        elif name not in self.named:
            self.named.add(name)
            check_length(problems, CountingPoint, "name", name, where=r.where)
        # A line may come twice (a file that repeats itself), but not with another number.
        first = self.first.setdefault((name, r.resolution, r.start), r)
        if first is not r and first.value != r.value:
            problems.add(
                _("%(point)s at %(start)s is also counted at %(other)s, with another number")
                % {"point": r.point, "start": r.start.strftime("%d-%m-%Y %H:%M"), "other": first.where},
                where=r.where,
            )


def _write_points(gebied, records, points: list[PointRecord]) -> tuple[dict[str, int], list[CountingPoint]]:
    """The counting points the file names, by name: new ones created, known ones given the location they lacked.
    Returns their ids by name and the new ones."""
    described = {p.name.strip(): p for p in points}
    known = {p.name: p for p in CountingPoint.objects.filter(gebied=gebied)}
    names = {r.point.strip() for r in records} | set(described)
    new_points = []
    for name in sorted(names - set(known)):
        info = described.get(name)
        point = CountingPoint(
            gebied=gebied,
            name=name,  # lengths checked by _check
            external_id=info.external_id if info else "",
            lat=info.lat if info else None,
            lon=info.lon if info else None,
        )
        new_points.append(point)
    CountingPoint.objects.bulk_create(new_points)
    for point in new_points:
        known[point.name] = point
    for name, info in described.items():
        point = known[name]
        if point.lat is None and info.lat is not None:
            point.lat, point.lon = info.lat, info.lon
            point.save(update_fields=["lat", "lon"])
    return {name: known[name].pk for name in names}, new_points


def _write_counts(records: list[FootfallRecord], point_ids: dict[str, int], result: ImportResult) -> None:
    """Write the counts that are new or changed, counted in ``result``: one row per point, resolution and start."""
    stored, second_times = _stored_counts(set(point_ids.values()))
    write, whole_hours, done = [], [], set()
    for r in records:
        key = (point_ids[r.point.strip()], r.resolution, stored_start(r.start))
        if key in done:
            result.unchanged += 1
            continue
        done.add(key)
        before = stored.get(key)
        if before is None and key not in second_times:
            result.created += 1
        elif before != r.value or key in second_times:
            result.updated += 1
        else:
            result.unchanged += 1
            continue
        write.append((*key, r.value))
        if key in second_times:
            # A line of a file is the whole local hour: it replaces the two times of a repeated hour a counter sent.
            whole_hours.append(key)
    upsert_footfall(write, whole_hours=whole_hours)


def _stored_counts(point_ids: set[int]) -> tuple[dict, dict]:
    """What is stored for these points by (point id, resolution, start): the counts, and apart from them the few
    of the second time the clocks showed the repeated autumn hour."""
    stored, second_times = {}, {}
    ids = list(point_ids)
    for start in range(0, len(ids), 500):
        for point_id, resolution, when, fold, value in (
            FootfallCount.objects.filter(point_id__in=ids[start : start + 500])
            .values_list("point_id", "resolution", "start", "fold", "value")
            .iterator(chunk_size=20_000)
        ):
            (second_times if fold else stored)[(point_id, resolution, when.replace(tzinfo=datetime.UTC))] = value
    return stored, second_times


def upsert_footfall(
    rows: list[tuple[int, str, datetime.datetime, int]],
    *,
    second_times: list[tuple[int, str, datetime.datetime, int]] = (),
    whole_hours: list[tuple[int, str, datetime.datetime]] = (),
) -> None:
    """Insert or update (point_id, resolution, start, value) rows: plain tuples through the cursor, because building
    a model instance per count costs more than the database's own work for a year of hourly counts.

    ``rows`` are whole hours (or days), or the first time the clocks showed a repeated autumn hour;
    ``second_times`` the second time (``fold`` 1). ``whole_hours`` (point_id, resolution, start) lose their
    second time: the value in ``rows`` is the whole hour now."""
    if not rows and not second_times and not whole_hours:
        return
    ops, quote = connection.ops, connection.ops.quote_name
    table = quote(FootfallCount._meta.db_table)
    point, resolution, start, time, value = (
        quote(name) for name in ("point_id", "resolution", "start", "fold", "value")
    )
    sql = (
        f"INSERT INTO {table} ({point}, {resolution}, {start}, {time}, {value}) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({point}, {resolution}, {start}, {time}) DO UPDATE SET {value} = excluded.{value}"
    )
    with connection.cursor() as cursor:
        for which, group in ((0, rows), (1, second_times)):
            for first in range(0, len(group), 5000):
                batch = group[first : first + 5000]
                cursor.executemany(
                    sql, [(p, res, ops.adapt_datetimefield_value(when), which, v) for p, res, when, v in batch]
                )
    for p, res, when in whole_hours:
        FootfallCount.objects.filter(point_id=p, resolution=res, start=when, fold=1).delete()
    points = {point_id for group in (rows, second_times, whole_hours) for point_id, *_rest in group}
    transaction.on_commit(lambda: footfall.touch(points))
