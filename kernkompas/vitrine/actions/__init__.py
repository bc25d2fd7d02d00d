"""The Vitrine's state changes: one module per concept, each function a named operation that owns its transaction
and writes the audit log.

- :mod:`.editorial` keeps the index page, the editors' group and the review workflow in place.
- :mod:`.case_submissions` turns a "Deel je voorbeeld" submission into a draft case for review.
- :mod:`.theme_follows`, :mod:`.case_collections` and :mod:`.saved_searches` change what a member keeps (only for
  its owner: :mod:`.ownership`); :mod:`.alerts` e-mails the new cases that match the saved searches.
- :mod:`.view_counts` counts the views of a published case.
"""
