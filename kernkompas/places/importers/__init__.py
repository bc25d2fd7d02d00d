"""Importers of reference data (municipalities, provinces, population, mergers, cores) from official open files.

One module per file format, all with the interface of :class:`base.BaseFormat`; :mod:`.registry` lists them,
:mod:`.write` is the shared write step and :func:`import_places` the named operation that the command (and later
a web upload) calls.
"""

from kernkompas.core.problems import ImportRejected, Problem
from kernkompas.places.importers.operation import FileReport, ImportReport, import_places

__all__ = ["FileReport", "ImportRejected", "ImportReport", "Problem", "import_places"]
