"""What every import of the Kernmonitor records about itself: the file it read, who ran it, and an ``ImportRun``."""

from __future__ import annotations

from dataclasses import dataclass

from kernkompas.monitor.importers.records import ImportResult
from kernkompas.monitor.models import ImportRun


@dataclass(frozen=True)
class Source:
    """The file an import reads: its name, fingerprint and format."""

    file_name: str
    sha256: str
    format: str


def acting_user(by):
    """The account to store as the one who did it: None for a command or a counter (no one logged in)."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def save_run(gebied, kind: str, result: ImportResult, source: Source, *, by, count=None, undo=None) -> ImportRun:
    """The ``ImportRun`` of an import into ``gebied`` (``count``: the count a units import wrote; ``undo``: what
    undoing it needs, see :mod:`kernkompas.monitor.actions.import_undo`)."""
    return ImportRun.objects.create(
        gebied=gebied,
        kind=kind,
        file_name=source.file_name[:300],
        sha256=source.sha256,
        format=source.format[:20],
        count=count,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        units_new=result.units_new,
        units_recognised=result.units_recognised,
        units_changed=result.units_changed,
        undo=undo,
        created_by=acting_user(by),
    )
