"""What the benchmarks share: their own data folder and database, and timing a page against its baseline.

The scripts are run directly (``python bench/x.py``), so this module is imported as ``common`` from their folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def configure(args, *, test_environment: bool = True) -> tuple[Path, bool]:
    """Environment before Django starts: our own data folder and database, never the user's.

    ``args.home`` keeps (and reuses) a data folder; ``args.database_url`` selects an empty PostgreSQL database.
    Returns the folder and whether it is temporary. The test environment lets the test client in (ALLOWED_HOSTS)
    and keeps e-mail in memory.
    """
    home = args.home or Path(tempfile.mkdtemp(prefix="kk-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    os.environ["KERNKOMPAS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kernkompas.settings_test"
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("KERNKOMPAS_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    if test_environment:
        from django.test.utils import setup_test_environment

        setup_test_environment()
    return home, args.home is None


def timings(page, baseline, repeat: int, warmup: int) -> tuple[list[float], list[float]]:
    """Milliseconds per call of the page and of its baseline, after a warm-up. The two alternate, so a burst of
    load on the machine hits both and the ratio stays fair."""
    for _ in range(warmup):
        page()
        baseline()
    page_ms, base_ms = [], []
    for _ in range(repeat):
        for call, measured in ((page, page_ms), (baseline, base_ms)):
            started = time.perf_counter()
            call()
            measured.append((time.perf_counter() - started) * 1000)
    return page_ms, base_ms


def p(values: list[float], percent: int) -> float:
    """The ``percent`` percentile (p50, p95)."""
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
