"""Binnenstadslab live benchmark: 200 phones in one lab, each with its live stream open, add notes and dots at once.

Run it as ``python bench/labs_live_bench.py`` (see bench/README.md); ``--database-url`` runs it on an empty
PostgreSQL database instead of SQLite. It is not a test: pytest does not collect it.

1. Makes a throw-away data folder, migrates, and creates a municipality and a lab in the exploring phase with four
   lenses (the ORM, in this process).
2. Starts ``kernkompas serve`` (gunicorn with uvicorn workers; default one process on SQLite, two on PostgreSQL) on
   that folder. The phones all come from 127.0.0.1; each sends its own ``X-Forwarded-For`` (the server runs with
   ``KERNKOMPAS_BEHIND_PROXY=true``) so the join's rate limit per address counts each phone on its own.
3. ``--participants`` phones (asyncio + httpx, each its own cookies): GET the join page (CSRF cookie), POST a name
   and role (the cookie ``kk_lab_<pk>``), open the participant stream ``doe-mee/<code>/live/?na=<seq>``. Then two
   rounds of notes (JSON, ``client_id``), each phone resending its first note once (a retry: must answer 200 and be
   stored once):
   - the room (the target): every phone sends ``--notes`` notes at moments spread at random over ``--spread``
     seconds (default 2 notes each over 30 s: 400 notes, about 13 a second, a room where everyone writes at once);
   - the burst: every phone sends its notes at the same instant, which measures how many notes a second the server
     accepts; its latency is printed but is queueing, not the live channel, and has no target.
   Measured per round: notes/s accepted and the latency from a note being sent (this process's clock) to its
   ``note.added`` arriving on each OTHER phone's stream: p50/p95/max over every (note, other phone) pair. Target:
   p95 < 1 s in the room round.
4. The lab opens dot-voting (ORM + the ``lab.phase`` event); every phone spends ``--dots`` dots on random notes at
   the same moment, and replays its first dot with the same nonce (must answer 200 and count once).
5. Proof nothing was lost or counted twice: every phone's stream got every other phone's notes exactly once; the
   database holds exactly participants × notes new notes and participants × dots dots. Exit code 1 when a count is
   off, a request failed, or the p95 target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from common import configure, p  # bench/common.py, beside this script

TARGET_P95_SECONDS = 1.0
LENSES = [("wonen", "Wonen"), ("werken", "Werken"), ("ontmoeten", "Ontmoeten"), ("bewegen", "Bewegen")]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=200, help="phones in the lab (default 200)")
    parser.add_argument("--notes", type=int, default=2, help="notes each phone sends (default 2)")
    parser.add_argument(
        "--spread",
        type=float,
        default=30.0,
        help="seconds over which the phones send their notes in the room round (default 30; the burst round is 0)",
    )
    parser.add_argument("--dots", type=int, default=3, help="dots each phone spends (default 3, budget 5)")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: serve's default)")
    parser.add_argument("--threads", type=int, default=None, help="requests at once per process (default 32)")
    parser.add_argument("--port", type=int, default=0, help="port for the server (default: a free one)")
    parser.add_argument("--home", type=Path, default=None, help="use and keep this data folder")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database instead of SQLite")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for every stream to catch up")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Set-up and counts (ORM in this process) --------------------------------------------------------------------
def set_up():
    import datetime as dt

    from django.core.management import call_command

    from kernkompas.labs.models import Lab, Lens, Phase
    from kernkompas.testing import make_gemeente

    call_command("migrate", verbosity=0)
    gemeente = make_gemeente("99931", "Labdorp", 12_000)
    lab = Lab.objects.create(
        gemeente=gemeente,
        title="Benchlab",
        question="Hoe maken we de binnenstad levendiger?",
        starts_at=dt.datetime.now(dt.UTC),
        code="BENCH1",
        phase=Phase.VERKENNEN,
        dots_per_participant=5,
    )
    for order, (key, title) in enumerate(LENSES, start=1):
        Lens.objects.create(lab=lab, order=order, key=key, title=title)
    return lab


def counts(lab_id: int) -> tuple[int, int, int]:
    from django.db import connection

    from kernkompas.labs.models import Note, Participant, Vote

    connection.close()  # a fresh connection sees what the server committed
    return (
        Note.objects.filter(lab_id=lab_id).count(),
        Vote.objects.filter(lab_id=lab_id).count(),
        Participant.objects.filter(lab_id=lab_id).count(),
    )


def open_voting(lab_id: int) -> None:
    from django.db import connection, transaction

    from kernkompas.labs import events
    from kernkompas.labs.models import Lab, Phase, VotingState

    with transaction.atomic():
        lab = Lab.objects.select_for_update().get(pk=lab_id)
        lab.phase, lab.voting = Phase.PRIORITEREN, VotingState.OPEN
        lab.save(update_fields=["phase", "voting"])
        events.emit(
            lab,
            "lab.phase",
            {
                "phase": lab.phase,
                "phase_label": str(lab.get_phase_display()),
                "voting": lab.voting,
                "voting_label": str(lab.get_voting_display()),
            },
        )
    connection.close()


def start_server(args, home: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "kernkompas.settings",
        "KERNKOMPAS_LOG_LEVEL": "WARNING",
        "KERNKOMPAS_BEHIND_PROXY": "true",  # each phone its own X-Forwarded-For address (the join's rate limit)
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


# --- One phone --------------------------------------------------------------------------------------------------
class Phone:
    def __init__(self, number: int, base: str, code: str, lens_ids: list[int], sent_at: dict, answered_at: dict):
        # import here: httpx is a test/bench dependency, not needed to read the script's help.
        import httpx

        self.number = number
        self.code = code
        self.lens_ids = lens_ids
        self.sent_at = sent_at  # note text → time sent, shared by all phones (one clock)
        self.answered_at = answered_at  # note text → time its 201 arrived (the note is committed by then)
        self.address = f"10.{number // 250}.{number % 250}.{1 + number % 200}"
        self.client = httpx.AsyncClient(
            base_url=base,
            timeout=httpx.Timeout(120),
            headers={"X-Forwarded-For": self.address},
            limits=httpx.Limits(max_connections=4),
        )
        self.arrived: dict[str, float] = {}  # note text → first arrival on this phone's stream
        self.duplicates = 0
        self.transport_retries = 0
        self.errors: list[str] = []
        self.notes: list[int] = []
        self.opened = asyncio.Event()
        self.stream_task: asyncio.Task | None = None
        self.seq = 0

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Accept": "application/json"}

    async def join(self) -> None:
        path = f"/binnenstadslab/doe-mee/{self.code}/"
        page = await self.client.get(path)
        found = CSRF.search(page.text)
        fields = {
            "csrfmiddlewaretoken": found.group(1) if found else self.client.cookies.get("csrftoken", ""),
            "display_name": f"Deelnemer {self.number}",
            "role": random.choice(["ondernemer", "vastgoed", "bewoner", "gemeente", "cultuur", "anders"]),
        }
        answer = await self.client.post(path, data=fields, headers={"Referer": str(self.client.base_url) + path})
        if answer.status_code not in (302, 303):
            raise RuntimeError(f"join answered {answer.status_code}: {answer.text[:300]}")
        canvas = await self.client.get(answer.headers["Location"])
        state = re.search(r'<script[^>]*id="lab-state"[^>]*>(.*?)</script>', canvas.text, re.S)
        self.seq = json.loads(state.group(1))["seq"] if state else 0

    async def follow(self) -> None:
        """Read the participant stream; reconnect with Last-Event-ID as a browser does."""
        last = str(self.seq)
        while True:
            try:
                headers = {"Accept": "text/event-stream", "Last-Event-ID": last}
                async with self.client.stream(
                    "GET", f"/binnenstadslab/doe-mee/{self.code}/live/", headers=headers
                ) as r:
                    if r.status_code != 200:
                        raise RuntimeError(f"stream answered {r.status_code}")
                    self.opened.set()
                    kind = ""
                    async for line in r.aiter_lines():
                        if line.startswith("id: "):
                            last = line[4:]
                        elif line.startswith("event: "):
                            kind = line[7:]
                        elif line.startswith("data: ") and kind == "note.added":
                            text = json.loads(line[6:])["text"]
                            if text in self.arrived:
                                self.duplicates += 1
                            else:
                                self.arrived[text] = time.perf_counter()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 — counted, then reconnect as EventSource does
                self.errors.append(f"stream: {type(exc).__name__}: {exc}")
                await asyncio.sleep(1)

    async def add_note(self, index: int, replay_of: tuple[str, str] | None = None) -> tuple[int, str, str]:
        text, client_id = replay_of or (f"bench {self.number}-{index} {uuid.uuid4().hex[:8]}", str(uuid.uuid4()))
        fields = {"lens": random.choice(self.lens_ids), "text": text, "client_id": client_id}
        if replay_of is None:
            self.sent_at[text] = time.perf_counter()
        answer = await self._post(f"/binnenstadslab/doe-mee/{self.code}/notitie/", fields)
        if replay_of is None:
            self.answered_at[text] = time.perf_counter()
        if answer.status_code in (200, 201):
            self.notes.append(answer.json()["note"]["id"])
        return answer.status_code, text, client_id

    async def vote(self, note_id: int, nonce: str) -> int:
        fields = {"note": note_id, "nonce": nonce}
        answer = await self._post(f"/binnenstadslab/doe-mee/{self.code}/stem/", fields)
        return answer.status_code

    async def _post(self, path: str, fields: dict):
        """POST as the phone's script does: a connection the server closed while idle (keep-alive) is retried with
        the same client_id or nonce, which the server stores or counts once."""
        # import here: see __init__.
        import httpx

        for attempt in range(3):
            try:
                return await self.client.post(path, data=fields, headers=self._csrf())
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.ConnectError):
                self.transport_retries += 1
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


async def note_round(args, phones, sent_at: dict, answered_at: dict, *, round_number: int, spread: float) -> dict:
    """Every phone sends ``args.notes`` notes (each at a random moment within ``spread`` seconds; 0: all at once) and
    retries its first one; then wait until every other phone's stream has them. Latency per (note, other phone)."""
    texts_before = set(sent_at)
    started = time.perf_counter()

    async def notes_of(phone: Phone):
        moments = sorted(random.uniform(0, spread) for _ in range(args.notes))
        statuses, first = [], None
        for index, moment in enumerate(moments):
            delay = started + moment - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            status, text, client_id = await phone.add_note(round_number * args.notes + index)
            statuses.append(status)
            first = first or (text, client_id)
        replay, _, _ = await phone.add_note(0, replay_of=first)
        return statuses, replay

    answered = await asyncio.gather(*(notes_of(phone) for phone in phones))
    wall = time.perf_counter() - started
    expected = set(sent_at) - texts_before
    deadline = time.perf_counter() + args.wait
    while time.perf_counter() < deadline and not all(expected <= set(ph.arrived) for ph in phones):
        await asyncio.sleep(0.2)
    latencies, after_commit, missing = [], [], 0
    own = {text: int(text.split()[1].split("-")[0]) for text in expected}
    for phone in phones:
        for text in expected:
            if own[text] == phone.number:
                continue
            if text in phone.arrived:
                latencies.append(phone.arrived[text] - sent_at[text])
                after_commit.append(max(0.0, phone.arrived[text] - answered_at[text]))
            else:
                missing += 1
    return {
        "spread": spread,
        "statuses": sorted({s for statuses, _ in answered for s in statuses}),
        "replay_statuses": sorted({replay for _, replay in answered}),
        "wall": wall,
        "per_second": len(expected) / wall if wall else 0.0,
        "latencies": latencies,
        "after_commit": after_commit,
        "missing": missing,
    }


async def run(args, base: str, code: str, lab_id: int, lens_ids: list[int]) -> dict:
    sent_at: dict[str, float] = {}
    answered_at: dict[str, float] = {}
    phones = [Phone(n, base, code, lens_ids, sent_at, answered_at) for n in range(args.participants)]
    result: dict = {}
    try:
        started = time.perf_counter()
        joined = await asyncio.gather(*(phone.join() for phone in phones), return_exceptions=True)
        failures = [j for j in joined if isinstance(j, Exception)]
        if failures:
            raise SystemExit(f"{len(failures)} phones could not join; first: {failures[0]!r}")
        result["join_seconds"] = time.perf_counter() - started
        for phone in phones:
            phone.stream_task = asyncio.create_task(phone.follow())
        await asyncio.wait_for(asyncio.gather(*(phone.opened.wait() for phone in phones)), 120)
        await asyncio.sleep(1)  # every stream subscribed on the server, past its first "retry"

        # Notes, twice. First as a room works (the target): every phone sends its notes at moments spread at random
        # over --spread seconds, then retries its first once. Then the burst: every phone at the same moment.
        result["room"] = await note_round(args, phones, sent_at, answered_at, round_number=0, spread=args.spread)
        result["burst"] = await note_round(args, phones, sent_at, answered_at, round_number=1, spread=0.0)

        # Dots: voting opens, every phone spends its dots at once and replays its first.
        await asyncio.to_thread(open_voting, lab_id)
        note_ids = sorted({n for phone in phones for n in phone.notes})
        started = time.perf_counter()

        async def dots_of(phone: Phone):
            nonces = [str(uuid.uuid4()) for _ in range(args.dots)]
            targets = [random.choice(note_ids) for _ in nonces]
            statuses = [await phone.vote(t, n) for t, n in zip(targets, nonces, strict=True)]
            return statuses, await phone.vote(targets[0], nonces[0])

        voted = await asyncio.gather(*(dots_of(phone) for phone in phones))
        result["dot_wall"] = time.perf_counter() - started
        result["dot_statuses"] = sorted({s for statuses, _ in voted for s in statuses})
        result["dot_replay_statuses"] = sorted({replay for _, replay in voted})
        result["stream_errors"] = [e for phone in phones for e in phone.errors][:5]
        result["duplicates_on_streams"] = sum(phone.duplicates for phone in phones)
        result["transport_retries"] = sum(phone.transport_retries for phone in phones)
    finally:
        for phone in phones:
            if phone.stream_task:
                phone.stream_task.cancel()
        await asyncio.gather(*(ph.stream_task for ph in phones if ph.stream_task), return_exceptions=True)
        await asyncio.gather(*(phone.client.aclose() for phone in phones), return_exceptions=True)
    return result


def main() -> int:
    args = parse_args()
    home, temporary = configure(args, test_environment=False)
    database = "PostgreSQL" if args.database_url else "SQLite"
    lab = set_up()
    lens_ids = list(lab.lenses.values_list("pk", flat=True))
    notes_before, dots_before, _ = counts(lab.pk)
    port = args.port or free_port()
    server = start_server(args, home, port)
    try:
        result = asyncio.run(run(args, f"http://127.0.0.1:{port}", lab.code, lab.pk, lens_ids))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        notes_after, dots_after, participants = counts(lab.pk)
        if temporary:
            shutil.rmtree(home, ignore_errors=True)

    sent_notes = args.participants * args.notes * 2  # two rounds
    sent_dots = args.participants * args.dots
    print(f"Binnenstadslab live benchmark on {database}: {args.participants} phones with open streams")
    print(f"  joins: {participants} in {result['join_seconds']:.1f} s")
    for name, label in (("room", "room (the target)"), ("burst", "burst (all at once)")):
        r = result[name]
        sent = args.participants * args.notes
        print(
            f"  notes, {label}: {sent} sent over {r['spread']:.0f} s, answered in {r['wall']:.2f} s "
            f"({r['per_second']:.0f} notes/s); answers {r['statuses']}, retries {r['replay_statuses']}"
        )
        if r["latencies"]:
            lat, fan = r["latencies"], r["after_commit"]
            print(
                f"    note → other phones' streams ({len(lat)} deliveries): p50 {p(lat, 50) * 1000:.0f} ms, "
                f"p95 {p(lat, 95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms; after the note's own answer "
                f"(the live channel's share): p95 {p(fan, 95) * 1000:.0f} ms; missing {r['missing']}"
            )
    print(
        f"  streams: {sum(result[n]['missing'] for n in ('room', 'burst'))} deliveries missing, "
        f"{result['duplicates_on_streams']} duplicated"
        + (f"; errors (first): {result['stream_errors']}" if result["stream_errors"] else "")
    )
    print(
        f"  dots: {sent_dots} sent in {result['dot_wall']:.2f} s; answers {result['dot_statuses']}, "
        f"replays {result['dot_replay_statuses']}; connections lost and retried: {result['transport_retries']}"
    )
    print(
        f"  database: notes +{notes_after - notes_before} (expected {sent_notes}), "
        f"dots +{dots_after - dots_before} (expected {sent_dots})"
    )
    problems = []
    if notes_after - notes_before != sent_notes:
        problems.append("note count")
    if dots_after - dots_before != sent_dots:
        problems.append("dot count")
    if any(result[n]["statuses"] != [201] or result[n]["replay_statuses"] != [200] for n in ("room", "burst")):
        problems.append("note answers")
    if result["dot_statuses"] != [201] or result["dot_replay_statuses"] != [200]:
        problems.append("dot answers")
    if result["room"]["missing"] or result["burst"]["missing"] or result["duplicates_on_streams"]:
        problems.append("stream deliveries")
    room = result["room"]["latencies"]
    if not room or p(room, 95) >= TARGET_P95_SECONDS:
        problems.append("p95 latency in the room round")
    print("OK" if not problems else f"FAILED: {', '.join(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
