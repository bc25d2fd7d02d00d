"""The learning part's named operations: each owns its transaction and writes the audit log."""
