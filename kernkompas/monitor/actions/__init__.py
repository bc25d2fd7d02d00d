"""The Kernmonitor's state changes: one module per concept, each function a named operation that checks, writes
in one transaction and records an audit event.

- :mod:`.units` writes one count of an area (units, their states, merges and splits); :mod:`.unit_checks` is what
  the database can see in a file before anything is written (taxonomy codes, ids used twice, address keys).
- :mod:`.vacancy` derives since when a unit stands vacant; :mod:`.thresholds` opens and closes threshold
  crossings and mails them.
- :mod:`.footfall` writes the counts of a footfall file, :mod:`.footfall_posts` those an automatic counter posts
  with a key of :mod:`.counter_keys`.
- :mod:`.owner_contacts` keeps the owners a unit register names; :mod:`.back_office` and :mod:`.taxonomy` save
  what the back office edits; :mod:`.visibility` makes an area's dashboard public.
- :mod:`.runs` is what every import records about itself.
- :mod:`.vocabulary` carries out an officer's choices for the names of a file the taxonomy does not know (map to
  a known branch or make one of the municipality's own) and remembers them for its next files.

Readers in :mod:`kernkompas.monitor.importers` turn files into records; these modules write the records.
"""
