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


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker) -> str:
    """What the migrations put into the test database (countries, Wagtail's root page and site), serialized.

    Taken before Playwright starts: from then on an event loop runs in this thread, so Django hands the tests
    a connection per async context and the one that holds pytest-django's serialized copy is out of reach.
    """
    from django.db import connection

    saved = getattr(connection, "_test_serialized_contents", None)
    if saved is None:
        with django_db_blocker.unblock():
            saved = connection.creation.serialize_db_to_string()
    return saved


@pytest.fixture
def _empty_tables(django_db_setup, django_db_blocker):
    """Empty every table before ``committed_db`` sets up, so that Django's own restore of the migrations' data
    (serialized rollback) loads into empty tables instead of colliding with rows an earlier test left (a browser
    test's connection belongs to another async context, so its teardown may leave them)."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)


@pytest.fixture
def committed_db(_empty_tables, transactional_db, django_db_serialized_rollback, migrated_data):
    """Real transactions (a live server, other threads or processes read only committed data), and the
    migrations' data back.

    Every transactional test ends by emptying the tables, which also removes what data migrations created.
    Requesting ``django_db_serialized_rollback`` makes pytest-django serialize that data when it creates the
    test database; this fixture empties the tables and loads it again, whatever ran before (Django's own
    restore cannot see it, see ``migrated_data``).
    """
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(migrated_data)
    # The rows came back with their ids; move PostgreSQL's sequences past them so new rows get fresh ids.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
