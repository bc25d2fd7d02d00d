"""``kernkompas import-footfall FILE --area AREA [--points LOCATIONS.csv] [--dry-run]``: footfall counts of an area.

The file (CSV or Excel, long or wide, hourly or daily; see :mod:`kernkompas.monitor.importers.footfall`) is read
and checked completely first; a file with problems is refused with all of them (line and column) and nothing is
written. Writing is :func:`kernkompas.monitor.actions.footfall.import_footfall`, in one transaction: counting points are
created by name, each count is stored once per point and hour (or day), and the same file again changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.importers.footfall import read_footfall, read_points
from kernkompas.monitor.importers.records import FootfallRecord, ImportResult
from kernkompas.monitor.management.commands.import_units import find_area, sha256_of

# From this size on the command shows a progress bar on stderr (smaller files are read in a blink).
PROGRESS_FROM_BYTES = 1_000_000


class Command(BaseCommand):
    help = (
        "Import footfall counts (passers-by per counting point per hour or day) of an area from a CSV or Excel "
        "(.xlsx) file, in long layout (point, date, hour, count) or wide layout (one column per counting point). "
        "The whole file is checked first: a file with problems is refused and nothing is written. AREA is "
        "municipality/core/area as in the web address (e.g. maasdijk/centrum/marktplein) or the area's number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--area", required=True, help="municipality-slug/core-slug/area-slug, or the area id")
        parser.add_argument(
            "--points",
            type=Path,
            metavar="LOCATIONS",
            help="a CSV or Excel list of the counting points with their location (name, latitude, longitude)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check the files only; write nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args, file, area, points, dry_run, no_progress, **options):
        gebied = find_area(area)
        for path in (file, points):
            if path is not None and not path.is_file():
                raise CommandError(
                    _("%(file)s: the file does not exist (check the name and the folder)") % {"file": path}
                )
        with file.open("rb") as handle:
            fmt = "xlsx" if handle.read(4) == b"PK\x03\x04" else "csv"
        show = not no_progress and file.stat().st_size >= PROGRESS_FROM_BYTES
        try:
            records, described = self._read(file, fmt, points, show=show)
            summary = _summary(records, gebied)
            if dry_run:
                self.stdout.write(
                    _(
                        "The file is fine: %(n)s counts at %(points)s counting points from %(first)s to %(last)s "
                        "for %(area)s. Nothing was written (--dry-run)."
                    )
                    % summary
                )
                return
            if show:
                sys.stderr.write(_("writing %(n)s counts…") % {"n": len(records)} + "\n")
            result = import_footfall(
                gebied, records, described, by=None, file_name=file.name, sha256=sha256_of(file), format=fmt
            )
        except ImportRejected as exc:
            raise CommandError(exc.report()) from exc
        self._report(result, summary)

    def _read(self, file: Path, fmt: str, points: Path | None, *, show: bool):
        """The counts of the file and its counting points, with the locations of the list of points (if any)."""
        located = read_points(points, file_name=points.name) if points is not None else []
        bar = _progress_bar(file, fmt, show=show)
        try:
            records, in_file = read_footfall(file, file_name=file.name, progress=bar.update if bar else None)
        finally:
            if bar is not None:
                bar.close()
        merged = {point.name: point for point in in_file}
        unmatched = [point.name for point in located if point.name not in merged]
        merged.update({point.name: point for point in located})
        if unmatched:
            self.stderr.write(
                _("These counting points of %(file)s have no counts in %(counts)s: %(names)s")
                % {"file": points.name, "counts": file.name, "names": ", ".join(unmatched)}
            )
        return records, list(merged.values())

    def _report(self, result: ImportResult, summary: dict) -> None:
        self.stdout.write(
            _(
                "Footfall for %(area)s, %(first)s to %(last)s: %(rows)s counts, %(created)s new, %(updated)s "
                "changed, %(unchanged)s unchanged."
            )
            % {
                **summary,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
        for message in result.messages:
            self.stdout.write(str(message))


def _summary(records: list[FootfallRecord], gebied) -> dict:
    """How many counts at how many points, from when to when: what the command says about the file."""
    return {
        "n": len(records),
        "points": len({r.point for r in records}),
        "first": min(r.start for r in records).strftime("%d-%m-%Y"),
        "last": max(r.start for r in records).strftime("%d-%m-%Y"),
        "area": gebied,
    }


def _progress_bar(file: Path, fmt: str, *, show: bool):
    """A tqdm bar over the lines of the file on stderr, or None without ``show`` (small files, --no-progress)."""
    if not show:
        return None
    total = None
    if fmt == "csv":
        with file.open("rb") as handle:
            total = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return tqdm(total=total, desc=_("reading"), unit=_("lines"), file=sys.stderr, mininterval=0.5)
