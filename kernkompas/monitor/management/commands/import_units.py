"""``kernkompas import-units FILE --area AREA [--date YYYY-MM-DD]``: one count of an area from a file.

The file (CSV, Excel .xlsx, GeoJSON, OpenStreetMap .osm/.osm.pbf) is read and checked completely first; a file
with problems is refused with all of them (line and column) and nothing is written. Writing is
:func:`kernkompas.monitor.actions.units.import_units`, in one transaction; importing the same file again changes
nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.import_compare import compare_with_previous
from kernkompas.monitor.importers.detect import file_format, read_osm_for, read_table_of
from kernkompas.monitor.importers.mapping import apply, parse_mapping_option, propose
from kernkompas.monitor.importers.records import ImportResult, UnitRecord
from kernkompas.monitor.importers.values import BadValue
from kernkompas.monitor.importers.values import date as parse_date
from kernkompas.monitor.presentation.imports import result_counts_text
from kernkompas.places.models import Gebied

# From this size on the command shows progress bars on stderr (smaller files are read in a blink).
PROGRESS_FROM_BYTES = 1_000_000


class Command(BaseCommand):
    help = (
        "Import one count of the units of an area from a CSV, Excel (.xlsx), GeoJSON or OpenStreetMap file. The "
        "whole file is checked first: a file with problems is refused and nothing is written. AREA is "
        "municipality/core/area as in the web address (e.g. maasdijk/centrum/marktplein) or the area's number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--area", required=True, help="municipality-slug/core-slug/area-slug, or the area id")
        parser.add_argument("--date", help="date of the count, YYYY-MM-DD (default: today, with a notice)")
        parser.add_argument(
            "--mapping",
            help='columns for fields where the automatic choice is wrong, e.g. "group=Soort,floor_area=Opp. (m2)"',
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file only; write nothing")
        parser.add_argument(
            "--bevestig",
            "--force",
            dest="confirm",
            action="store_true",
            help="import even when the file has far fewer units than the previous count or moves the vacancy sharply",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")

    def handle(self, *args, file, area, date, mapping, dry_run, no_progress, confirm, **options):
        gebied = find_area(area)
        count_date = self._count_date(date)
        fields = _mapping_option(mapping)
        if not file.is_file():
            raise CommandError(_("%(file)s: the file does not exist (check the name and the folder)") % {"file": file})
        fmt = file_format(file)
        show = not no_progress and file.stat().st_size >= PROGRESS_FROM_BYTES
        try:
            records = self._read(file, fmt, gebied, fields, show=show)
            if dry_run:
                validate_units(gebied, records, file_name=file.name)
            else:
                self._compare(gebied, records, count_date, confirm=confirm)
                if show:
                    sys.stderr.write(_("writing %(n)s units…") % {"n": len(records)} + "\n")
                result = import_units(
                    gebied,
                    records,
                    count_date=count_date,
                    by=None,
                    file_name=file.name,
                    sha256=sha256_of(file),
                    format=fmt,
                )
        except ImportRejected as exc:
            raise CommandError(exc.report()) from exc
        if dry_run:
            self.stdout.write(
                _("The file is fine: %(n)s units for %(area)s. Nothing was written (--dry-run).")
                % {"n": len(records), "area": gebied}
            )
        else:
            self._report(result, count_date, gebied)

    def _read(self, file: Path, fmt: str, gebied, fields: dict | None, *, show: bool) -> list[UnitRecord]:
        """The records of the file, read and checked on their own (ImportRejected with every problem)."""
        if fmt in ("osm", "osm.pbf"):
            records, remark = read_osm_for(file, gebied, file_name=file.name)
            if remark:
                self.stdout.write(remark)
            return records
        with _Bar(show, _("reading")) as bar:
            table = read_table_of(file, file_name=file.name, progress=bar.to)
            bar.to(len(table.rows))
        if fields is not None:  # the rest as proposed, without the columns given explicitly
            taken = set(fields.values())
            proposed = {k: v for k, v in propose(table.headers).items() if v not in taken}
            fields = {**proposed, **fields}
        with _Bar(show, _("checking"), total=len(table.rows)) as bar:
            return apply(table, fields, gemeente=gebied.kern.gemeente, file_name=file.name, progress=bar.to)

    def _report(self, result: ImportResult, count_date: datetime.date, gebied) -> None:
        self.stdout.write(
            _("Count of %(date)s for %(area)s: %(counts)s")
            % {"date": count_date.strftime("%d-%m-%Y"), "area": gebied, "counts": result_counts_text(result)}
        )
        for message in result.messages:
            self.stdout.write(str(message))

    def _compare(self, gebied, records, count_date, *, confirm: bool) -> None:
        """Refuse a file that drops many units or moves the vacancy sharply, unless --bevestig says it is right."""
        comparison = compare_with_previous(gebied, records, count_date)
        if comparison is None or not comparison.needs_confirmation:
            return
        said = " ".join([*comparison.warnings(), comparison.consequence()])
        if confirm:
            self.stderr.write(said)
            return
        raise CommandError(
            _("Nothing was imported. %(said)s If it is right, run the command again with --bevestig.") % {"said": said}
        )

    def _count_date(self, text: str | None) -> datetime.date:
        if not text:
            today = timezone.localdate()
            self.stderr.write(
                _("No --date given: the count is dated today, %(date)s. Give --date YYYY-MM-DD for another date.")
                % {"date": today.strftime("%d-%m-%Y")}
            )
            return today
        try:
            value = parse_date(text)
        except BadValue as exc:
            raise CommandError(_("--date: %(reason)s") % {"reason": exc}) from exc
        if value is None or value > timezone.localdate() + datetime.timedelta(days=1):
            raise CommandError(_("--date %(date)s lies in the future") % {"date": text})
        return value


def _mapping_option(text: str | None) -> dict | None:
    """The columns given with --mapping, by field (None without the option)."""
    if not text:
        return None
    try:
        return parse_mapping_option(text)
    except ValueError as exc:
        raise CommandError(_("--mapping: %(reason)s") % {"reason": exc}) from exc


def find_area(text: str):
    """The area named ``gemeente/kern/gebied`` (slugs) or by its id; CommandError saying what is there."""
    value = text.strip().strip("/")
    if value.isdigit():
        gebied = Gebied.objects.select_related("kern__gemeente").filter(pk=int(value)).first()
        if gebied is None:
            raise CommandError(_("There is no area with number %(id)s.") % {"id": value})
        return gebied
    parts = value.split("/")
    if len(parts) != 3 or not all(parts):
        raise CommandError(
            _("--area %(area)s: write municipality/core/area (e.g. maasdijk/centrum/marktplein) or the area's number")
            % {"area": text}
        )
    gemeente, kern, slug = parts
    gebied = (
        Gebied.objects.select_related("kern__gemeente")
        .filter(kern__gemeente__slug=gemeente, kern__slug=kern, slug=slug)
        .first()
    )
    if gebied is None:
        known = Gebied.objects.filter(kern__gemeente__slug=gemeente, kern__slug=kern).values_list("slug", flat=True)
        hint = ", ".join(sorted(known)) or _("none")
        raise CommandError(
            _("--area %(area)s: there is no such area (areas of %(gemeente)s/%(kern)s: %(known)s)")
            % {"area": text, "gemeente": gemeente, "kern": kern, "known": hint}
        )
    return gebied


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Bar:
    """A tqdm progress bar on stderr (or nothing, for small files); ``to(n)`` moves it to row n."""

    def __init__(self, show: bool, description: str, total: int | None = None):
        self.bar = None
        if show:
            self.bar = tqdm(total=total, desc=description, unit=_("rows"), file=sys.stderr, mininterval=0.5)

    def to(self, n: int) -> None:
        if self.bar is not None and n > self.bar.n:
            self.bar.update(n - self.bar.n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
        return False
