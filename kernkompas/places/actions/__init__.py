"""The state changes of places: one module per concept, each function a named operation that owns its transaction
and writes the audit log.

- :mod:`.imports` loads reference data (municipalities, provinces, population, mergers, cores) from official open
  files: every file checked completely, then all written in one transaction; :mod:`.import_write` is its write
  step, which every format shares.
- :mod:`.back_office` saves and deletes a place edited in the back office (Wagtail snippet screens).

Readers in :mod:`kernkompas.places.importers` turn files into records; these modules write the records.
"""
