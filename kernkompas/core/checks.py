"""System checks for what the settings cannot express, run before ``serve``, ``demo``, ``migrate`` and ``check``."""

from __future__ import annotations

import sqlite3

from django.core.checks import Error, register
from django.db import connections

# The rate limits count with INSERT … ON CONFLICT … RETURNING (kernkompas.core.ratelimit), which SQLite has
# since 3.35. Django 5.2 itself runs on 3.31, so an older SQLite would only fail at the first log-in.
SQLITE_MINIMUM = (3, 35)


@register()
def sqlite_is_new_enough(app_configs=None, databases=None, **kwargs):
    uses_sqlite = any(connections[alias].vendor == "sqlite" for alias in (databases or ["default"]))
    if not uses_sqlite or sqlite3.sqlite_version_info >= SQLITE_MINIMUM:
        return []
    return [
        Error(
            f"Kernkompas needs SQLite {'.'.join(map(str, SQLITE_MINIMUM))} or newer; this Python has "
            f"{sqlite3.sqlite_version}.",
            hint="Use a Python built with a newer SQLite (Python 3.11 on Debian 12 has 3.40), or PostgreSQL "
            "through DATABASE_URL.",
            id="kernkompas.E001",
        )
    ]
