"""``kernkompas import-units FILE --area AREA [--date YYYY-MM-DD]``: one count of an area from a file.

Names of branches or groups the taxonomy does not know are listed with a proposal; ``--map NAME=BRANCH``,
``--create-branch NAME:GROUP``, ``--create-group NAME:SECTOR`` or ``--accept-proposals`` resolve them with the
wizard's operation (:func:`kernkompas.monitor.actions.vocabulary.resolve_names`), remembered for the
municipality's next files.

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
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from kernkompas.core.problems import ImportRejected
from kernkompas.lib.text import fold
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.actions.vocabulary import NEW, Choice, ChoiceError, resolve_names
from kernkompas.monitor.import_compare import compare_with_previous
from kernkompas.monitor.importers.detect import file_format, read_osm_for, read_table_of
from kernkompas.monitor.importers.mapping import apply, parse_mapping_option, propose
from kernkompas.monitor.importers.records import ImportResult, UnitRecord
from kernkompas.monitor.importers.values import BadValue
from kernkompas.monitor.importers.values import date as parse_date
from kernkompas.monitor.models import Sector
from kernkompas.monitor.presentation.imports import result_counts_text
from kernkompas.monitor.taxonomy import name_key
from kernkompas.monitor.vocabulary import UnknownName, VocabularyReport, scan, targets_of, without_name_problems
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
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAME=BRANCH",
            help="what a name the branch list does not know means: a branch or group (code or name), e.g. "
            '"Frituur=fastservice"; repeat for more names',
        )
        parser.add_argument(
            "--create-branch",
            action="append",
            default=[],
            metavar="NAME:GROUP",
            help='make a branch of the municipality\'s own for a name, in a group, e.g. "Nachtwinkel:dagelijks"',
        )
        parser.add_argument(
            "--create-group",
            action="append",
            default=[],
            metavar="NAME:SECTOR",
            help='make a function group of the municipality\'s own for a group name, e.g. "Vrije beroepen:diensten"',
        )
        parser.add_argument(
            "--accept-proposals", action="store_true", help="take the proposal for every name not given otherwise"
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
        self.names = _NameOptions(options["map"], options["create_branch"], options["create_group"])
        self.names.accept_proposals = options["accept_proposals"]
        self.dry_run = dry_run
        gebied = find_area(area)
        count_date = self._count_date(date)
        fields = _mapping_option(mapping)
        if not file.is_file():
            raise CommandError(_("%(file)s: the file does not exist (check the name and the folder)") % {"file": file})
        fmt = file_format(file)
        show = not no_progress and file.stat().st_size >= PROGRESS_FROM_BYTES
        try:
            if dry_run:
                # The choices for unknown names must apply while the file is checked, and be forgotten after.
                with transaction.atomic():
                    records = self._read(file, fmt, gebied, fields, show=show)
                    validate_units(gebied, records, file_name=file.name)
                    transaction.set_rollback(True)
            else:
                records = self._read(file, fmt, gebied, fields, show=show)
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
        unresolved = self._resolve_names(table, fields, gebied)
        try:
            with _Bar(show, _("checking"), total=len(table.rows)) as bar:
                records = apply(table, fields, gemeente=gebied.kern.gemeente, file_name=file.name, progress=bar.to)
        except ImportRejected as exc:
            if not unresolved:
                raise
            # The names first (what to choose), then whatever else is wrong with the file.
            others = without_name_problems(exc.problems, table, fields)
            raise CommandError("\n".join([unresolved, *([ImportRejected(others).report()] if others else [])])) from exc
        if unresolved:
            raise CommandError(unresolved)
        return records

    def _resolve_names(self, table, fields: dict | None, gebied) -> str:
        """Names the taxonomy does not know: resolved with the options (and remembered); "" then, else what to
        tell the user: each open name with its proposal and the options that resolve it."""
        gemeente = gebied.kern.gemeente
        report = scan(table, fields, gemeente)
        if report.recognised:
            self.stdout.write(
                ngettext(
                    "%(n)s name recognised from your earlier choices.",
                    "%(n)s names recognised from your earlier choices.",
                    report.recognised,
                )
                % {"n": report.recognised}
            )
        try:
            choices, unresolved = self.names.choices(report, targets_of(gemeente))
        except ChoiceError as exc:
            raise CommandError(str(exc)) from exc
        for name in self.names.unused:
            # A script may pass the same options for every file: a name known by now needs no choice (a typo
            # shows here too).
            self.stderr.write(
                _("“%(name)s” is not an unknown name in this file; its option was not used") % {"name": name}
            )
        if not report.unknown:
            return ""
        if unresolved:
            return _unresolved_report(unresolved, targets_of(gemeente))
        try:
            saved = resolve_names(gemeente, choices, by=None)
        except ChoiceError as exc:
            raise CommandError(str(exc)) from exc
        message = (
            ngettext(
                "Your choice for %(n)s name is used (not saved: --dry-run).",
                "Your choices for %(n)s names are used (not saved: --dry-run).",
                len(saved),
            )
            if self.dry_run
            else ngettext(
                "Your choice for %(n)s name was saved for the next files of %(gemeente)s.",
                "Your choices for %(n)s names were saved for the next files of %(gemeente)s.",
                len(saved),
            )
        )
        self.stdout.write(message % {"n": len(saved), "gemeente": gemeente.name_nl})
        return ""

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


class _NameOptions:
    """--map, --create-branch, --create-group and --accept-proposals, matched to the names of a file."""

    def __init__(self, maps: list[str], branches: list[str], groups: list[str]):
        self.accept_proposals = False
        self.maps = [_split(text, "=", "--map", "NAME=BRANCH") for text in maps]
        self.branches = [_split(text, ":", "--create-branch", "NAME:GROUP") for text in branches]
        self.groups = [_split(text, ":", "--create-group", "NAME:SECTOR") for text in groups]
        self.unused: list[str] = []  # names given in an option that the file does not need a choice for

    def choices(self, report: VocabularyReport, targets) -> tuple[list[Choice], list[UnknownName]]:
        """The choices for the file's names, and the names no option answers."""
        given: dict[str, tuple] = {}
        for name, target in self.maps:
            given[name_key(name)] = ("map", name, target)
        for name, group in self.branches:
            given[name_key(name)] = ("branch", name, group)
        for name, sector in self.groups:
            given[name_key(name)] = ("group", name, sector)
        choices, unresolved = [], []
        for unknown in report.unknown:
            option = given.pop(name_key(unknown.text), None)
            if option is not None:
                choices.append(_choice(unknown, option, targets))
            elif self.accept_proposals and unknown.proposal:
                choices.append(Choice(unknown, unknown.proposal))
            else:
                unresolved.append(unknown)
        self.unused = [name for _kind, name, _value in given.values()]
        return choices, unresolved


def _split(text: str, sep: str, option: str, form: str) -> tuple[str, str]:
    name, found, value = text.partition(sep)
    if not found or not name.strip() or not value.strip():
        raise CommandError(_("%(option)s “%(text)s”: write %(form)s") % {"option": option, "text": text, "form": form})
    return name.strip(), value.strip()


def _choice(unknown: UnknownName, option: tuple, targets) -> Choice:
    kind, name, value = option
    if kind == "map":
        return Choice(unknown, _target(value, targets, name))
    if kind == "branch":
        group = _target(value, targets, name, groups_only=True).partition(":")[2]
        return Choice(unknown, NEW, new_name=name, new_group=group)
    sectors = {fold(str(label)): code for code, label in Sector.choices} | {code: code for code in Sector.values}
    sector = sectors.get(fold(value), value)
    return Choice(unknown, NEW, new_name=name, new_sector=sector)


def _target(text: str, targets, name: str, *, groups_only: bool = False) -> str:
    """ "b:<code>" / "g:<code>" for a branch or group given by code or name."""
    keys = [key for key in targets.names if not groups_only or key.startswith("g:")]
    for key in keys:  # a code first: "fastservice", "leegstand"
        if key.partition(":")[2] == text:
            return key
    for key in keys:
        if key == text or fold(targets.names[key]) == fold(text):
            return key
    raise ChoiceError(
        _("“%(name)s”: “%(target)s” is not a %(what)s of this municipality (use its code, e.g. %(example)s)")
        % {
            "name": name,
            "target": text,
            "what": _("function group") if groups_only else _("branch or function group"),
            "example": ", ".join(key.partition(":")[2] for key in keys[:4]),
        }
    )


def _unresolved_report(names: list[UnknownName], targets) -> str:
    lines = [
        ngettext(
            "Nothing was imported: the file uses %(n)s name that the list of branches does not know. Say what it "
            "means and run the command again:",
            "Nothing was imported: the file uses %(n)s names that the list of branches does not know. Say what "
            "each means and run the command again:",
            len(names),
        )
        % {"n": len(names)}
    ]
    for name in names:
        rows = ngettext("%(n)s row", "%(n)s rows", name.rows) % {"n": name.rows}
        proposal = name.proposal.partition(":")[2]
        if name.kind == "conflict":
            lines.append(
                _(
                    "- “%(name)s” in “%(group)s” (%(rows)s): the list of branches has it in another group. Follow the "
                    'list: --map "%(name)s=%(proposal)s"; follow the file: --create-branch "%(name)s:%(file_group)s"'
                )
                % {
                    "name": name.text,
                    "group": name.group_text,
                    "rows": rows,
                    "proposal": proposal,
                    "file_group": name.file_group,
                }
            )
            continue
        if name.kind == "group":
            how = _('--map "%(name)s=GROUP" or --create-group "%(name)s:SECTOR"') % {"name": name.text}
        else:
            how = _('--map "%(name)s=BRANCH" or --create-branch "%(name)s:%(group)s"') % {
                "name": name.text,
                "group": name.file_group or "GROUP",
            }
        if proposal:
            lines.append(
                _("- “%(name)s” (%(rows)s): proposal %(proposal)s (%(code)s); %(how)s")
                % {
                    "name": name.text,
                    "rows": rows,
                    "proposal": targets.names.get(name.proposal, proposal),
                    "code": proposal,
                    "how": how,
                }
            )
        else:
            lines.append(
                _("- “%(name)s” (%(rows)s): no similar branch found; %(how)s")
                % {"name": name.text, "rows": rows, "how": how}
            )
    lines.append(_("Or take every proposal with --accept-proposals."))
    return "\n".join(lines)


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
