"""Logging helpers (framework-free)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quieter(name: str, level: int = logging.WARNING) -> Iterator[None]:
    """Only ``level`` and above from logger ``name`` while the block runs (e.g. Wagtail's line per saved page while
    the demo loads 45 cases); the logger's own level comes back afterwards, also after an error."""
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)
