"""What every import of the Kernmonitor records about itself: who ran it."""

from __future__ import annotations


def acting_user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None
