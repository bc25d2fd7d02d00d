"""The named operation ``import_places``: check every file completely, then write them all in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.core.problems import ImportRejected, Problem, Problems, check_length
from kernkompas.places.actions.import_write import CATEGORIES, Counts, Register
from kernkompas.places.importers import registry
from kernkompas.places.importers.base import BaseFormat, Batch, Options, read_document
from kernkompas.places.models import Gemeente, Province


@dataclass
class FileReport:
    path: Path
    format: BaseFormat
    counts: dict[str, Counts]
    skipped: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        lines = [_("%(file)s — %(format)s") % {"file": self.path.name, "format": self.format.label}]
        for category, label in CATEGORIES.items():
            counts = self.counts.get(category)
            if counts:
                lines.append("  " + _count_line(label, counts))
        for reason, number in self.skipped.items():
            lines.append("  " + _("left out (%(number)s): %(reason)s") % {"number": number, "reason": reason})
        return lines


@dataclass
class ImportReport:
    files: list[FileReport]

    @property
    def totals(self) -> dict[str, Counts]:
        totals = {category: Counts() for category in CATEGORIES}
        for report in self.files:
            for category, counts in report.counts.items():
                totals[category].add(counts)
        return totals

    @property
    def changed_anything(self) -> bool:
        return any(c.created or c.changed or c.removed for c in self.totals.values())

    def lines(self) -> list[str]:
        lines = [line for report in self.files for line in report.lines()]
        if not self.changed_anything:
            lines.append(_("Nothing has changed: the database already held these data."))
        return lines

    def audit_changes(self) -> dict:
        return {
            "files": [
                {
                    "file": report.path.name,
                    "format": report.format.key,
                    "counts": {category: c.as_dict() for category, c in report.counts.items() if c},
                }
                for report in self.files
            ],
            "totals": {category: c.as_dict() for category, c in self.totals.items() if c},
        }


def import_places(paths: Iterable[str | Path], *, year: int | None = None, by=None) -> ImportReport:
    """Import reference data from official open files (formats: :mod:`kernkompas.places.importers.registry`).

    Every file is read and checked completely first; if any has a problem, :class:`ImportRejected` lists them all
    and nothing is written. Otherwise all files are written in one transaction, in the order their formats need
    (municipalities before the cores that refer to them), with one audit event. ``year`` is the year of population
    files that do not state it. ``by`` is the user who imports (None: the system, e.g. the command line).
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("import_places needs at least one file")
    parsed, problems = _read_all(paths, Options(year=year))
    if problems:
        raise ImportRejected(problems)
    parsed.sort(key=lambda item: item[1].order)
    with transaction.atomic():
        register = Register()
        reports = []
        for path, fmt, batch in parsed:
            file_problems = Problems(path.name)
            result = register.apply(fmt, batch, file_problems)
            problems.extend(file_problems.as_list())
            reports.append(FileReport(path, fmt, result.counts, result.skipped))
        if problems:
            raise ImportRejected(problems)  # rolls the transaction back
        register.save()
        report = ImportReport(reports)
        audit.record(
            by,
            "places.imported",
            changes=report.audit_changes(),
            label=", ".join(r.path.name for r in reports)[:300],
        )
    return report


def _read_all(paths: list[Path], options: Options) -> tuple[list[tuple[Path, BaseFormat, Batch]], list[Problem]]:
    parsed, problems = [], []
    for path in paths:
        file_problems = Problems(path.name)
        document = read_document(path, file_problems)
        fmt = registry.detect(document) if not file_problems else None
        if fmt is None and not file_problems:
            file_problems.add(
                _("Kernkompas does not recognise this file. It reads: %(formats)s")
                % {"formats": "; ".join(str(f.label) for f in registry.FORMATS)}
            )
        if fmt is not None:
            batch = fmt.parse(document, options, file_problems)
            _check_lengths(batch, file_problems)
            parsed.append((path, fmt, batch))
        problems.extend(file_problems.as_list())
    return parsed, problems


def _check_lengths(batch: Batch, problems: Problems) -> None:
    """The names a file gives, against their database columns (codes are checked by their formats' patterns)."""
    for gemeente in batch.gemeenten:
        for name in ("name_nl", "name_fr"):
            check_length(problems, Gemeente, name, getattr(gemeente, name), where=gemeente.where)
    for province in batch.provinces:
        for name in ("name_nl", "name_fr"):
            check_length(problems, Province, name, getattr(province, name), where=province.where)


def _count_line(label, counts: Counts) -> str:
    line = _("%(label)s: %(created)s new, %(changed)s changed, %(unchanged)s unchanged") % {
        "label": label,
        "created": counts.created,
        "changed": counts.changed,
        "unchanged": counts.unchanged,
    }
    if counts.removed:
        line += _(", %(removed)s removed") % {"removed": counts.removed}
    return line
