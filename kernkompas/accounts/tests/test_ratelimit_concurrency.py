"""Wrong passwords fired at the same moment, from several processes with several threads each, against the
embedded default as it runs (SQLite, data folder, real password hashing): no more get through than the limit.

Before the counters were atomic, 60 concurrent attempts from one address got 27 tries past a limit of 20.
"""

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from django.db import connections
from django.test import RequestFactory

from kernkompas.core import ratelimit
from kernkompas.core.models import RateLimitCounter
from kernkompas.core.ratelimit import rate_for
from kernkompas.testing import run_together

ATTACKER = textwrap.dedent(
    """
    import sys, threading
    import django
    django.setup()
    from django.test import Client
    from django.urls import reverse
    from kernkompas.testing import wait_for_the_others

    process, threads, aim = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    url = reverse("accounts:login")
    statuses = []
    together = threading.Barrier(threads)

    def attempt(n):
        if aim == "one-address":  # many accounts guessed from one address
            username, address = f"niemand-{process}-{n}@example.org", "203.0.113.5"
        else:  # one account guessed from many addresses
            username, address = "ellen@example.org", f"198.51.{process}.{n}"
        client = Client(HTTP_HOST="127.0.0.1")
        together.wait()
        response = client.post(url, {"username": username, "password": "raden"}, REMOTE_ADDR=address)
        statuses.append(response.status_code)

    workers = [threading.Thread(target=attempt, args=(n,)) for n in range(threads)]
    wait_for_the_others()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if len(statuses) != threads:
        sys.exit("an attempt failed; see the traceback above")
    print(" ".join(str(status) for status in statuses))
    """
)

# The site's own settings; only static files are served from the source folders, as collectstatic (which
# ``serve`` runs first) has nothing to do with the counters.
LIVE_SETTINGS = textwrap.dedent(
    """
    from kernkompas.settings import *  # noqa: F403

    STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    """
)
PROCESSES, THREADS = 3, 20  # 60 wrong passwords at once, as in the attack


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    """A data folder migrated once for this module (migrating takes a while); each test aims at its own
    addresses and accounts, so their counters do not meet."""
    home = tmp_path_factory.mktemp("home")
    (home / "live_settings.py").write_text(LIVE_SETTINGS, encoding="utf-8")
    (home / "static").mkdir()
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "live_settings",
        "PYTHONPATH": str(home),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "kernkompas", "migrate", "-v0"], env=env, check=True, timeout=600)
    return env


def fire(aim: str, env: dict, folder: Path) -> list[int]:
    commands = [[sys.executable, "-c", ATTACKER, str(n), str(THREADS), aim] for n in range(1, PROCESSES + 1)]
    folder.mkdir()
    outputs = run_together(commands, env, folder, timeout=300)
    return [int(status) for output in outputs for status in output.split()]


def test_wrong_passwords_fired_at_once_from_one_address_get_no_more_tries_than_the_limit(live_site, tmp_path):
    statuses = fire("one-address", live_site, tmp_path / "run")

    limit = rate_for("login").count
    assert statuses.count(200) == limit  # the form again, with "does not match an account"
    assert statuses.count(429) == PROCESSES * THREADS - limit


def test_wrong_passwords_fired_at_once_at_one_account_get_no_more_tries_than_its_limit(live_site, tmp_path):
    statuses = fire("one-account", live_site, tmp_path / "run")

    limit = rate_for("login_account").count
    assert statuses.count(200) == limit
    assert statuses.count(429) == PROCESSES * THREADS - limit


@pytest.mark.django_db(transaction=True)
def test_attempts_counted_by_many_threads_at_once_on_postgresql_are_all_counted():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("on the embedded SQLite default the separate-process tests above do this")
    limit = rate_for("login").count
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    together = threading.Barrier(PROCESSES * THREADS)
    let_in = []

    def one_attempt():
        together.wait()
        try:
            ratelimit.attempt(request, "login")
        except ratelimit.Limited:
            pass
        else:
            let_in.append(True)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=one_attempt) for _ in range(PROCESSES * THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(let_in) == limit
    assert RateLimitCounter.objects.get().hits == PROCESSES * THREADS
