"""Stedelijk leren registration benchmark: 300 people register for a session with 100 places at the same moment.

Run it as ``python bench/learning_registration_bench.py`` (see bench/README.md); ``--database-url`` runs it on an
empty PostgreSQL database instead of SQLite. It is not a test: pytest does not collect it.

1. Makes a throw-away data folder, migrates, and creates (ORM, in this process) a municipality, a public programme,
   two published sessions with ``--places`` places each (one for the baseline, one for the race) and ``--people``
   members, each logged in by a session made here (no password hashing in the measurement). Members register with
   one click, so no e-mail confirmation is needed; the server's e-mail goes to its console (discarded).
2. Starts ``kernkompas serve`` (as the labs bench does: gunicorn with uvicorn workers; one process on SQLite, two on
   PostgreSQL unless ``--workers``) on that folder.
3. Baseline: every member registers for the first session one after the other (one request at a time).
   Race: every member, each with its own HTTP client and cookies, registers for the second session at the same
   instant (``--people`` requests in flight at once).
4. Checks, for both sessions, from the database: exactly ``--places`` registered and the rest on the waiting list;
   arrival numbers 1..people without gap or duplicate; the places went to arrivals 1..places and the waiting list is
   ordered by arrival; every member has exactly one registration (nobody lost or counted twice); the session's
   arrival counter equals the number of people; every request answered with the redirect of a registration.
   Prints the race's wall time against the baseline's (the ratio) and exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import socket
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from common import configure, p  # bench/common.py, beside this script

SLUGS = ("basislijn", "wedloop")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300, help="members registering (default 300)")
    parser.add_argument("--places", type=int, default=100, help="places in the session (default 100)")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: serve's default)")
    parser.add_argument("--threads", type=int, default=None, help="requests at once per process (default 32)")
    parser.add_argument("--port", type=int, default=0, help="port for the server (default: a free one)")
    parser.add_argument("--home", type=Path, default=None, help="use and keep this data folder")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database instead of SQLite")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Set-up and checks (ORM in this process) --------------------------------------------------------------------
def set_up(people: int, places: int) -> tuple[list[int], list[str]]:
    """The sessions (pks) and one logged-in Django session key per member."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.utils.module_loading import import_string

    from kernkompas.accounts.models import User
    from kernkompas.learning.models import Programme, Session, SessionStatus
    from kernkompas.testing import make_gemeente

    call_command("migrate", verbosity=0)
    gemeente = make_gemeente("99941", "Leerdorp", 21_000)
    programme = Programme.objects.create(title="Leerdorp leert", slug="leerdorp-leert", gemeente=gemeente)
    starts = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=7)
    sessions = [
        Session.objects.create(
            programme=programme,
            title=f"Sessie {slug}",
            slug=slug,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            capacity=places,
            status=SessionStatus.GEPUBLICEERD,
        ).pk
        for slug in SLUGS
    ]
    users = User.objects.bulk_create(
        [
            User(username=f"lid{number}", email=f"lid{number}@example.org", first_name=f"Lid {number}")
            for number in range(1, people + 1)
        ]
    )
    users = list(User.objects.filter(username__startswith="lid").order_by("pk"))
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    keys = []
    for user in users:
        login = store()
        login[SESSION_KEY] = str(user.pk)
        login[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        login[HASH_SESSION_KEY] = user.get_session_auth_hash()
        login.create()
        keys.append(login.session_key)
    return sessions, keys


def check(session_pk: int, people: int, places: int) -> list[str]:
    """What is wrong with the session's registrations (empty: all right); prints the counts."""
    from django.db import connection

    from kernkompas.learning.models import Registration, RegistrationStatus, Session

    connection.close()  # a fresh connection sees what the server committed
    session = Session.objects.get(pk=session_pk)
    rows = list(
        Registration.objects.filter(session=session).order_by("arrival").values_list("arrival", "status", "user_id")
    )
    statuses = Counter(status for _a, status, _u in rows)
    registered = [arrival for arrival, status, _u in rows if status == RegistrationStatus.INGESCHREVEN]
    waiting = [arrival for arrival, status, _u in rows if status == RegistrationStatus.WACHTLIJST]
    users = Counter(user for _a, _s, user in rows)
    expected_places = min(places, people)
    print(
        f"    {session.slug}: {len(registered)} registered, {len(waiting)} on the waiting list, "
        f"arrivals {rows[0][0] if rows else '-'}..{rows[-1][0] if rows else '-'}, counter {session.arrivals}, "
        f"{len(users)} distinct members"
    )
    problems = []
    if len(registered) != expected_places:
        problems.append(f"{session.slug}: {len(registered)} registered, expected {expected_places}")
    if len(waiting) != people - expected_places:
        problems.append(f"{session.slug}: {len(waiting)} waiting, expected {people - expected_places}")
    if [arrival for arrival, _s, _u in rows] != list(range(1, people + 1)):
        problems.append(f"{session.slug}: arrival numbers are not 1..{people} without gaps or duplicates")
    if registered != list(range(1, expected_places + 1)) or waiting != list(range(expected_places + 1, people + 1)):
        problems.append(f"{session.slug}: places and waiting list are not in arrival order")
    if (
        len(users) != people
        or any(count != 1 for count in users.values())
        or set(statuses) - {"ingeschreven", "wachtlijst"}
    ):
        problems.append(f"{session.slug}: someone was lost or counted twice ({dict(statuses)})")
    if session.arrivals != people:
        problems.append(f"{session.slug}: the arrival counter is {session.arrivals}, expected {people}")
    return problems


def start_server(args, home: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "kernkompas.settings",
        "KERNKOMPAS_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    command = [sys.executable, "-m", "kernkompas", "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    log = (home / "serve.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {(home / 'serve.log').read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("the server did not start within two minutes")


# --- The members --------------------------------------------------------------------------------------------------
def client_for(base: str, session_key: str):
    # import here: httpx is a test/bench dependency, not needed to read the script's help.
    import httpx

    # A CSRF secret of our own: Django accepts the unmasked 32-character secret as the token.
    token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    return httpx.AsyncClient(
        base_url=base,
        timeout=httpx.Timeout(300),
        cookies={"sessionid": session_key, "csrftoken": token},
        headers={"X-CSRFToken": token},
        limits=httpx.Limits(max_connections=1),
    )


async def register(client, path: str, started: asyncio.Event | None = None) -> tuple[int, float, int, str]:
    """POST one registration: ``(status, seconds, retries, error)``. A connection the server refused or reset before
    reading the request (the listen queue overflowing with hundreds of connects at once) is tried again: the
    registration was never received. Any other failure counts as status 0."""
    # import here: see client_for.
    import httpx

    if started is not None:
        await started.wait()
    begun = time.perf_counter()
    for attempt in range(5):
        try:
            response = await client.post(path, data={"organisation": ""})
            return response.status_code, time.perf_counter() - begun, attempt, ""
        except httpx.ConnectError:
            await asyncio.sleep(0.05 * (attempt + 1))
        except Exception as error:  # counted and reported, not raised
            return 0, time.perf_counter() - begun, attempt, type(error).__name__
    return 0, time.perf_counter() - begun, attempt, "ConnectError"


async def run(base: str, keys: list[str]) -> dict:
    paths = [f"/leren/programma/leerdorp-leert/{slug}/inschrijven/" for slug in SLUGS]
    # Warm-up: one page, so the first measured request does not pay for imports.
    async with client_for(base, keys[0]) as warm:
        await warm.get("/leren/programma/leerdorp-leert/basislijn/")
    clients = [client_for(base, key) for key in keys]
    try:
        begun = time.perf_counter()
        baseline = [await register(client, paths[0]) for client in clients]
        baseline_wall = time.perf_counter() - begun
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    # Fresh clients for the race: a connection left idle since the baseline has been closed by the server
    # (keep-alive timeout), and a request sent on it would be lost on the way, not refused by the site.
    clients = [client_for(base, key) for key in keys]
    try:
        started = asyncio.Event()
        tasks = [asyncio.create_task(register(client, paths[1], started)) for client in clients]
        await asyncio.sleep(0.5)  # every task waits at the gate
        begun = time.perf_counter()
        started.set()
        race = await asyncio.gather(*tasks)
        race_wall = time.perf_counter() - begun
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return {"baseline": baseline, "baseline_wall": baseline_wall, "race": race, "race_wall": race_wall}


def main() -> int:
    args = parse_args()
    home, temporary = configure(args, test_environment=False)
    database = "PostgreSQL" if args.database_url else "SQLite"
    sessions, keys = set_up(args.people, args.places)
    port = args.port or free_port()
    server = start_server(args, home, port)
    try:
        result = asyncio.run(run(f"http://127.0.0.1:{port}", keys))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    print(f"Stedelijk leren registration benchmark on {database}: {args.people} members, {args.places} places")
    problems = []
    for name, label in (("baseline", "baseline, one after the other"), ("race", "race, all at the same moment")):
        answers = Counter(status for status, *_rest in result[name])
        latencies = [seconds * 1000 for _status, seconds, *_rest in result[name]]
        retries = sum(retried for _status, _seconds, retried, _error in result[name])
        errors = Counter(error for *_rest, error in result[name] if error)
        wall = result[f"{name}_wall"]
        print(
            f"  {label}: {wall:.2f} s ({args.people / wall:.0f} registrations/s); answers {dict(answers)}; "
            f"latency p50 {p(latencies, 50):.0f} ms, p95 {p(latencies, 95):.0f} ms, max {max(latencies):.0f} ms; "
            f"refused connections tried again: {retries}" + (f"; errors {dict(errors)}" if errors else "")
        )
        if set(answers) != {302}:
            problems.append(f"{name}: answers other than 302")
    print(f"  ratio race / baseline: {result['race_wall'] / result['baseline_wall']:.2f}")
    print("  database:")
    for pk in sessions:
        problems += check(pk, args.people, args.places)
    if temporary:
        shutil.rmtree(home, ignore_errors=True)
    print("OK" if not problems else "FAILED: " + "; ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
