"""Helpers for work on many rows at once (imports of 100,000 units or a year of hourly counts)."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector for a bulk step, as bulk loaders do.

    Reading a large file creates millions of small objects (rows, records, values) that all stay alive until the
    step ends; the collector would scan them again and again, looking for reference cycles they do not have, and
    that costs a third of the step. Memory is still freed as usual (reference counting); cycles made meanwhile are
    collected when the collector resumes. Nested use keeps it paused until the outermost step ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
