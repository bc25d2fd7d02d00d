import os
import subprocess
import sys

import pytest


@pytest.fixture
def cast(db):
    """The named cast of kernkompas.testing: Ellen of Maasdijk, Bram, Sofie of Veldrode, Femke, Eva, Anton."""
    from kernkompas.testing import make_cast

    return make_cast()


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in Dutch: a request under /en/ must not leave English active for the next test."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the search vocabulary, related cases and footfall summaries of an
    earlier test must not show in a later one. (Rate-limit counters are in the database, rolled back per test.)"""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def sqlite_home(tmp_path):
    """The environment of a separate process on its own embedded SQLite database (migrated) in ``tmp_path``."""
    env = {**os.environ, "KERNKOMPAS_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "kernkompas.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "kernkompas", "migrate", "-v0"], env=env, check=True, timeout=300)
    return env
