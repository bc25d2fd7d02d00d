"""Readers of reference data (municipalities, provinces, population, mergers, cores) from official open files.

One module per file format, all with the interface of :class:`base.BaseFormat`; :mod:`.registry` lists them.
They only read and check: the named operation :func:`kernkompas.places.actions.imports.import_places`, which the
command (and later a web upload) calls, writes what they read.
"""
