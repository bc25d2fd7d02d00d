"""Served speed: the public pages as `kernkompas serve` answers them, driven by a real load tool (wrk).

For each public page (home, a municipality's and a core's page, the Vitrine list and a search, a case, a theme, an
area dashboard, a published Kernkompas and action plan, the API lists) it prints requests per second and p95 at 8
concurrent keep-alive clients, and the ratio to the empty view (``/health/``: through every middleware, no
database) measured in the same run. Then the first load of each page (HTML + CSS + JS as they travel, compressed),
300 concurrent keep-alive clients on the case page (no dropped connection, and a normal answer right after), and,
for information, how long the first visitor after a change waits (the page drawn, not from the cache).

Targets (issue 15), each a line PASS/FAIL; the exit code is 1 when one fails:
- every page ≥ 0.25× the empty view's requests per second, and p95 < 100 ms;
- every page's first load ≤ 100 KB;
- 300 clients: no connect/read/write error or time-out, no error status; afterwards a page answers within 1 s.

Set-ups:
    python bench/served_bench.py                                   # SQLite, one `kernkompas serve` (the default)
    python bench/served_bench.py --database-url postgres://postgres@127.0.0.1:5432/kk_served
    python bench/served_bench.py --database-url postgres://…/kk_served --redis-url redis://127.0.0.1:6379/5 \\
        --processes 2                                                # two servers behind one port, Redis cache

Needs ``wrk`` (Debian/Ubuntu: ``apt-get install wrk``). The demo data is loaded into a data folder of the bench's
own (``--home`` keeps and reuses it); a PostgreSQL database named in ``--database-url`` is created when missing
and filled with the demo when empty.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RATIO_TARGET = 0.25
P95_TARGET_MS = 100.0
FIRST_LOAD_TARGET = 100 * 1024
MANY_CLIENTS = 300
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("KKRESULT %d %d %d %d %d %d %d %.0f %.0f\\n", summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(95)))
end
"""

# What the bench asks the demo database for: one address of each kind of public page.
DISCOVER = r"""
import json
from django.urls import reverse
from kernkompas.places.models import Gebied, Gemeente, Kern
from kernkompas.vitrine.models import CasePage, Theme
from kernkompas.dna.models import DnaVersion
from kernkompas.labs.models import ActionPlan

gebied = Gebied.objects.filter(is_public=True).select_related("kern__gemeente").order_by("pk").first()
kern = gebied.kern
case = CasePage.objects.live().public().order_by("-view_count", "pk").first()
theme = Theme.objects.order_by("pk").first()
kompas = DnaVersion.objects.filter(is_published=True, trajectory__is_published=True).select_related(
    "trajectory__kern__gemeente").order_by("pk").first()
plan = ActionPlan.objects.filter(is_published=True).order_by("pk").first()
pages = {
    "home": reverse("site:home"),
    "places": reverse("places:index"),
    "municipality": reverse("places:gemeente", kwargs={"slug": kern.gemeente.slug}),
    "core": reverse("places:kern", kwargs={"gemeente": kern.gemeente.slug, "slug": kern.slug}),
    "vitrine": reverse("vitrine:index"),
    "vitrine search": reverse("vitrine:index") + "?q=leegstand",
    "case": case.url,
    "theme": reverse("vitrine:theme", kwargs={"slug": theme.slug}),
    "dashboard": reverse("monitor:gebied", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug,
                                                    "gebied": gebied.slug}),
    "api cases": reverse("api-v1:vitrine_cases"),
    "api areas": reverse("api-v1:monitor_areas"),
    "api plans": reverse("api-v1:labs_plans"),
}
if kompas:
    k = kompas.trajectory.kern
    pages["kernkompas"] = reverse("dna:kompas", kwargs={"gemeente": k.gemeente.slug, "kern": k.slug})
if plan:
    pages["action plan"] = reverse("labs:plan_public", kwargs={"pk": plan.pk})
print("KKPAGES " + json.dumps(pages))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/kk_served")
    parser.add_argument("--redis-url", help="Redis as the cache, e.g. redis://127.0.0.1:6379/5 (emptied first)")
    parser.add_argument("--processes", type=int, default=1, help="kernkompas serve processes on one port")
    parser.add_argument("--workers", type=int, help="worker processes per server (default: serve's own)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: serve's own)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients per page (default 8)")
    parser.add_argument("--home", type=Path, help="keep and reuse this data folder")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each line as it is measured, also into a file
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian/Ubuntu: apt-get install wrk).", file=sys.stderr)
        return 2
    home = args.home or Path(tempfile.mkdtemp(prefix="kk-served-"))
    home.mkdir(parents=True, exist_ok=True)
    env = environment(args, home)
    prepare(args, env)
    pages = discover(env)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    servers = start_servers(args, env, home, port)
    failures: list[str] = []
    try:
        wait_until_up(base, servers)
        describe(args, env, servers)
        script = home / "kkresult.lua"
        script.write_text(WRK_SCRIPT)
        failures += measure_pages(base, pages, args, script)
        failures += measure_first_loads(base, pages)
        failures += measure_many_clients(base, pages["case"], args, script)
        measure_first_visitor(base, pages)
    finally:
        stop_servers(servers)
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    print()
    print("ALL TARGETS MET" if not failures else "FAILED: " + "; ".join(failures))
    return 1 if failures else 0


# --- Set-up ----------------------------------------------------------------------------------------------------


def environment(args, home: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KERNKOMPAS_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        KERNKOMPAS_HOME=str(home),
        DJANGO_SETTINGS_MODULE="kernkompas.settings",
        PYTHONUNBUFFERED="1",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def kernkompas(*argv, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "kernkompas", *argv], env=env, cwd=REPO, **kwargs)


def prepare(args, env) -> None:
    """The demo data, once: a new data folder or an empty PostgreSQL database gets it."""
    if args.database_url:
        ensure_database(args.database_url)
    if args.redis_url:
        import redis  # noqa: PLC0415  (only this set-up needs it)

        redis.Redis.from_url(args.redis_url).flushdb()
    check = kernkompas(
        "shell",
        "-c",
        "from kernkompas.places.models import Gemeente; "
        "print('KKCOUNT', Gemeente.objects.filter(is_demo=True).count())",
        env=env,
        capture_output=True,
        text=True,
    )
    if "KKCOUNT" in check.stdout and int(check.stdout.split("KKCOUNT")[1].split()[0]) > 0:
        print("Demo data: already there.")
        return
    started = time.perf_counter()
    kernkompas("demo", "--no-serve", env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"Demo data loaded in {time.perf_counter() - started:.0f} s.")


def ensure_database(url: str) -> None:
    import psycopg  # noqa: PLC0415

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def discover(env) -> dict[str, str]:
    result = kernkompas("shell", "-c", DISCOVER, env=env, capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("KKPAGES "))
    return json.loads(line[len("KKPAGES ") :])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_servers(args, env, home: Path, port: int) -> list[subprocess.Popen]:
    argv = ["serve", "--port", str(port)]
    if args.workers:
        argv += ["--workers", str(args.workers)]
    if args.threads:
        argv += ["--threads", str(args.threads)]
    if args.processes > 1:
        argv.append("--reuse-port")
    servers = []
    for number in range(args.processes):
        log = open(home / f"serve-{number}.log", "w")  # noqa: SIM115  (closed with the process)
        extra = [] if number == 0 else ["--no-collectstatic"]
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "kernkompas", *argv, *extra],
                env=env,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        if number == 0 and args.processes > 1:
            wait_until_up(f"http://127.0.0.1:{port}", servers)
    return servers


def wait_until_up(base: str, servers, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(server.poll() is not None for server in servers):
            raise SystemExit("kernkompas serve stopped while starting; see serve-*.log in the data folder")
        try:
            with urllib.request.urlopen(base + "/health/", timeout=2) as answer:
                if answer.status == 200:
                    time.sleep(1 if len(servers) == 1 else 3)  # every worker up
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit("kernkompas serve did not answer within two minutes")


def stop_servers(servers) -> None:
    for server in servers:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
    for server in servers:
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def describe(args, env, servers) -> None:
    database = "PostgreSQL" if args.database_url else "SQLite (the embedded default)"
    cache = "Redis" if args.redis_url else "file cache + pages in each process's memory"
    shape = f"{args.workers or 'default'} worker(s) × {args.threads or 'default'} threads"
    print(
        f"\nSet-up: {len(servers)} × `kernkompas serve` ({shape}) on one port; {database}; cache: {cache}; "
        f"wrk {args.clients} keep-alive clients, {args.duration} s per page, {os.cpu_count()} CPUs."
    )


# --- Measurements ----------------------------------------------------------------------------------------------


def wrk(url: str, *, clients: int, seconds: int, script: Path, timeout: int = 2) -> dict:
    threads = min(clients, 2)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{clients}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "-s",
        str(script),
        "-H",
        "Accept-Encoding: gzip",
        "-H",
        "Accept-Language: nl",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("KKRESULT "))
    requests, duration, connect, read, write, status, timeouts, p50, p95 = (int(x) for x in line.split()[1:])
    return {
        "rps": requests / (duration / 1e6),
        "requests": requests,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": {"connect": connect, "read": read, "write": write, "status": status, "timeout": timeouts},
    }


def fetch(url: str, encoding: str = "gzip") -> tuple[int, bytes, Message]:
    """Status, body as sent and headers (looked up case-insensitively: the server sends them in lower case)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, "Accept-Language": "nl"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.read(), answer.headers


def measure_pages(base: str, pages: dict, args, script: Path) -> list[str]:
    for path in pages.values():  # the first visitor after a start fills the cache, as on a real site
        fetch(base + path)
    empty_before = wrk(base + "/health/", clients=args.clients, seconds=args.duration, script=script)
    results = {
        name: wrk(base + path, clients=args.clients, seconds=args.duration, script=script)
        for name, path in pages.items()
    }
    empty_after = wrk(base + "/health/", clients=args.clients, seconds=args.duration, script=script)
    empty = (empty_before["rps"] + empty_after["rps"]) / 2
    print(
        f"\nEmpty view /health/: {empty_before['rps']:.0f} and {empty_after['rps']:.0f} requests/s "
        f"(before and after the pages; the mean {empty:.0f} is the baseline)"
    )
    print(f"{'page':<16}{'requests/s':>11}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}  verdict   address")
    failures = []
    for name, result in results.items():
        ratio = result["rps"] / empty
        errors = sum(result["errors"].values())
        ok = ratio >= RATIO_TARGET and result["p95"] < P95_TARGET_MS and errors == 0
        print(
            f"{name:<16}{result['rps']:>11.0f}{ratio:>8.2f}{result['p50']:>9.1f}{result['p95']:>9.1f}  "
            f"{'PASS' if ok else 'FAIL':<9} {pages[name]}" + (f"  errors {result['errors']}" if errors else "")
        )
        if not ok:
            failures.append(f"{name}: {ratio:.2f}× / p95 {result['p95']:.0f} ms / {errors} errors")
    print(
        f"target: every page ≥ {RATIO_TARGET}× the empty view and p95 < {P95_TARGET_MS:.0f} ms: "
        + ("PASS" if not failures else "FAIL")
    )
    return failures


ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]+src)="(/[^"]+)"')


def measure_first_loads(base: str, pages: dict) -> list[str]:
    print(f"\nFirst load (HTML + CSS + JS as sent, compressed; target ≤ {FIRST_LOAD_TARGET // 1024} KB)")
    print(f"{'page':<16}{'HTML KB':>9}{'(plain)':>9}{'CSS+JS KB':>11}{'total KB':>10}  verdict")
    failures = []
    for name, path in pages.items():
        _status, body, headers = fetch(base + path)
        plain = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
        assets = 0
        if "html" in headers.get("Content-Type", ""):
            for asset in sorted(set(ASSET.findall(plain.decode("utf-8", "replace")))):
                assets += len(fetch(base + asset, "br, gzip")[1])
        total = len(body) + assets
        ok = total <= FIRST_LOAD_TARGET
        print(
            f"{name:<16}{len(body) / 1024:>9.1f}{len(plain) / 1024:>9.1f}{assets / 1024:>11.1f}"
            f"{total / 1024:>10.1f}  {'PASS' if ok else 'FAIL'}"
        )
        if not ok:
            failures.append(f"first load of {name}: {total / 1024:.0f} KB")
    return failures


def measure_many_clients(base: str, path: str, args, script: Path) -> list[str]:
    result = wrk(base + path, clients=MANY_CLIENTS, seconds=args.duration, script=script, timeout=10)
    started = time.perf_counter()
    status, _body, _headers = fetch(base + path)
    after_ms = (time.perf_counter() - started) * 1000
    dropped = sum(result["errors"].values())
    ok = dropped == 0 and status == 200 and after_ms < 1000
    print(
        f"\n{MANY_CLIENTS} keep-alive clients on the case page for {args.duration} s: {result['requests']} requests, "
        f"{result['rps']:.0f}/s, p95 {result['p95']:.0f} ms, errors {result['errors']}; right after, one request: "
        f"{status} in {after_ms:.0f} ms: {'PASS' if ok else 'FAIL'}"
    )
    return [] if ok else [f"{MANY_CLIENTS} clients: {result['errors']}, then {status} in {after_ms:.0f} ms"]


def measure_first_visitor(base: str, pages: dict, repeat: int = 15) -> None:
    """For information: a page drawn anew (an address nobody asked for yet, as after a change), one at a time."""
    print("\nFirst visitor after a change (page drawn, not from the cache; one request at a time), for information:")
    print(f"{'page':<16}{'p50 ms':>9}{'p95 ms':>9}")
    for name, path in pages.items():
        times = []
        for number in range(repeat):
            joiner = "&" if "?" in path else "?"
            started = time.perf_counter()
            fetch(f"{base}{path}{joiner}bench={time.time_ns()}{number}")
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        print(f"{name:<16}{statistics.median(times):>9.1f}{p95:>9.1f}")


if __name__ == "__main__":
    sys.exit(main())
