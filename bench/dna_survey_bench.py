"""Kern-DNA survey benchmark: 200 people send the public survey form at the same moment, against the real server.

Run it as ``python bench/dna_survey_bench.py`` (see bench/README.md); ``--database-url`` runs it on an empty
PostgreSQL database instead of SQLite. It is not a test: pytest does not collect it.

1. Makes a throw-away data folder, migrates, and creates a municipality, a core, a trajectory and an open
   **Place Standard survey** (14 items on a 1–7 scale, 14 comment fields and one open question: the largest form).
2. Starts ``kernkompas serve`` (gunicorn, ``--workers`` × ``--threads``, default 2 × 4 as in production) on that
   folder. All requests come from 127.0.0.1, so the survey's rate limit per address is raised for the server with
   the environment variable ``KERNKOMPAS_SURVEY_RATELIMIT`` (settings.RATELIMITS["dna_survey"]; default 60 an hour).
   The limit is still counted for every submission (one database row update each), as in production.
3. ``--clients`` threads (default 200), each with its own connection, first GET the form (its CSRF cookie and
   one-time key), wait for each other at a barrier, and then all POST their answers (random scores, one comment)
   at the same moment. Measured: the time from the barrier until the last response (throughput = submissions / that
   time) and the p50/p95 of a submission (POST until the 302).
4. BASELINE in the same run, against the same server and with the same concurrency: the same number of threads
   GET a trivial page (the survey's thank-you page: one query, a small template) at the same moment; p95 and
   throughput. The ratio p95(submit) / p95(baseline) is printed; it has no target (a write on SQLite is serialised
   and is expected to cost more than a read), the proof that matters is the count.
5. Counts the survey's responses in the database before and after: the difference must be exactly the number of
   clients, and every POST must have answered 302. Exit code 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from common import configure, p  # bench/common.py, beside this script

RATE_FOR_BENCH = "1000000"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200, help="concurrent submissions (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--port", type=int, default=0, help="port for the server (default: a free one)")
    parser.add_argument("--home", type=Path, default=None, help="use and keep this data folder")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database instead of SQLite")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_up() -> str:
    """Migrate and make an open Place Standard survey; its token."""
    from django.core.management import call_command

    from kernkompas.dna.actions import surveys as survey_actions
    from kernkompas.dna.actions import trajectories as trajectory_actions
    from kernkompas.places.models import Kern, KernKind
    from kernkompas.testing import make_gemeente

    call_command("migrate", verbosity=0)
    gemeente = make_gemeente("99901", "Bankdorp", 12_000)
    kern = Kern(gemeente=gemeente, code="99901_1", name="Bankdorp-Centrum", slug="centrum", kind=KernKind.HOOFDKERN)
    kern.refresh_derived()
    kern.save()
    trajectory = trajectory_actions.start_trajectory(None, kern=kern, title="Bench", method="compact")
    survey = survey_actions.create_survey(None, trajectory, kind="beleving", title="Bench-enquête")
    return survey_actions.open_survey(None, survey).token


def response_count() -> int:
    from django.db import connection

    from kernkompas.dna.models import Response

    connection.close()  # a fresh connection sees what the server committed
    return Response.objects.count()


def start_server(args, home: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "kernkompas.settings",
        "KERNKOMPAS_SURVEY_RATELIMIT": RATE_FOR_BENCH,
        "KERNKOMPAS_LOG_LEVEL": "WARNING",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    command = [sys.executable, "-m", "kernkompas", "serve", "--port", str(port)]
    command += ["--workers", str(args.workers), "--threads", str(args.threads)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {server.stderr.read()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("the server did not start within two minutes")


NONCE = re.compile(r'name="nonce" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ITEMS = re.compile(r'name="(score-[a-z0-9-]+)"')


class Client(threading.Thread):
    """One person: GET the form, wait for everyone, POST the answers."""

    def __init__(self, port: int, path: str, barrier: threading.Barrier, seed: int):
        super().__init__(daemon=True)
        self.port, self.path, self.barrier = port, path, barrier
        self.rng = random.Random(seed)
        self.status: int | None = None
        self.error = ""
        self.seconds = 0.0
        self.finished_at = 0.0

    def run(self):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("GET", self.path)
            page = connection.getresponse()
            html = page.read().decode()
            cookies = "; ".join(
                value.split(";", 1)[0] for name, value in page.getheaders() if name.lower() == "set-cookie"
            )
            fields = {"csrfmiddlewaretoken": CSRF.search(html).group(1), "nonce": NONCE.search(html).group(1)}
            fields["group"] = self.rng.choice(["inwoner", "werkt", "ondernemer", "bezoeker"])
            for name in dict.fromkeys(ITEMS.findall(html)):
                fields[name] = str(self.rng.randint(1, 7))
            fields["text-vraag-1"] = self.rng.choice(["Meer groen", "Een betere bus", "Veiliger oversteken"])
            body = urllib.parse.urlencode(fields)
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies}
            try:
                self.barrier.wait(timeout=300)
            except threading.BrokenBarrierError:
                pass
            started = time.perf_counter()
            # A new connection: the server closes idle keep-alive connections after a few seconds, and the wait
            # for 200 forms is longer. (The connection's set-up is part of the measured time, as for a phone.)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("POST", self.path, body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            self.finished_at = time.perf_counter()
            self.seconds = self.finished_at - started
            self.status = answer.status
        except Exception as exc:  # noqa: BLE001 — reported and counted as a failure
            self.error = f"{type(exc).__name__}: {exc}"
            try:
                self.barrier.abort()
            except threading.BrokenBarrierError:
                pass


class Reader(threading.Thread):
    """The baseline: one GET of a trivial page, after the barrier."""

    def __init__(self, port: int, path: str, barrier: threading.Barrier):
        super().__init__(daemon=True)
        self.port, self.path, self.barrier = port, path, barrier
        self.status: int | None = None
        self.seconds = 0.0
        self.finished_at = 0.0
        self.error = ""

    def run(self):
        try:
            self.barrier.wait(timeout=300)
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("GET", self.path)
            answer = connection.getresponse()
            answer.read()
            self.finished_at = time.perf_counter()
            self.seconds = self.finished_at - started
            self.status = answer.status
        except Exception as exc:  # noqa: BLE001
            self.error = f"{type(exc).__name__}: {exc}"


def run_wave(threads, barrier) -> float:
    """Start every thread, wait for all; the wall time from the barrier's release to the last answer."""
    for thread in threads:
        thread.start()
    # The main thread is the last party: all clients are ready when it passes the barrier.
    try:
        barrier.wait(timeout=300)
    except threading.BrokenBarrierError:
        pass  # a client failed before sending: the others go now, the failure is counted
    released = time.perf_counter()
    for thread in threads:
        thread.join(timeout=600)
    return max((t.finished_at for t in threads if t.finished_at), default=released) - released


def main() -> int:
    args = parse_args()
    home, temporary = configure(args, test_environment=False)
    database = "PostgreSQL" if args.database_url else "SQLite"
    token = set_up()
    form_path = f"/dna/enquete/{token}/"
    thanks_path = f"/dna/enquete/{token}/bedankt/"
    port = args.port or free_port()
    server = start_server(args, home, port)
    try:
        # Warm up: every worker imports its templates and opens its database connection.
        for _ in range(args.workers * args.threads * 2):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", thanks_path)
            connection.getresponse().read()

        barrier = threading.Barrier(args.clients + 1)
        readers = [Reader(port, thanks_path, barrier) for _ in range(args.clients)]
        base_wall = run_wave(readers, barrier)

        before = response_count()
        barrier = threading.Barrier(args.clients + 1)
        clients = [Client(port, form_path, barrier, seed) for seed in range(args.clients)]
        wall = run_wave(clients, barrier)
        after = response_count()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if temporary:
            shutil.rmtree(home, ignore_errors=True)

    ok = [c for c in clients if c.status == 302]
    failed = [c for c in clients if c.status != 302]
    base_ok = [r for r in readers if r.status == 200]
    submit_ms = [c.seconds * 1000 for c in ok] or [0.0]
    base_ms = [r.seconds * 1000 for r in base_ok] or [0.0]
    print(f"Kern-DNA survey: {args.clients} concurrent submissions, {database}, server {args.workers} × {args.threads}")
    print(f"{'':36}{'p50 ms':>10}{'p95 ms':>10}{'wall s':>9}{'per s':>9}")
    print(
        f"{'BASELINE  GET thank-you page':36}{p(base_ms, 50):>10.1f}{p(base_ms, 95):>10.1f}"
        f"{base_wall:>9.2f}{len(base_ok) / base_wall if base_wall else 0:>9.1f}"
    )
    print(
        f"{'submit the form (POST → 302)':36}{p(submit_ms, 50):>10.1f}{p(submit_ms, 95):>10.1f}"
        f"{wall:>9.2f}{len(ok) / wall if wall else 0:>9.1f}"
    )
    ratio = p(submit_ms, 95) / p(base_ms, 95) if p(base_ms, 95) else float("nan")
    print(f"p95 submit / p95 baseline: {ratio:.1f}×")
    print(f"responses before {before}, after {after}: +{after - before} (expected +{args.clients})")
    if failed:
        reasons = sorted({c.error or f"HTTP {c.status}" for c in failed})
        print(f"{len(failed)} submissions failed: {'; '.join(reasons[:5])}")
    if len(base_ok) != len(readers):
        print(f"{len(readers) - len(base_ok)} baseline requests failed")
    stored_all = after - before == args.clients and not failed
    print(f"every submission stored exactly once: {'PASS' if stored_all else 'FAIL'}")
    return 0 if stored_all else 1


if __name__ == "__main__":
    sys.exit(main())
