"""Stedelijk leren newsletter benchmark: one issue to 50,000 subscribers through a real SMTP conversation, interrupted
at a random point and resumed.

Run it as ``python bench/learning_newsletter_bench.py`` (``--subscribers 5000`` for a quick run); ``--database-url``
runs it on an empty PostgreSQL database instead of SQLite. It is not a test: pytest does not collect it.

1. Makes a throw-away data folder, migrates, bulk-creates ``--subscribers`` confirmed subscribers and an issue with an
   introduction and eight items, and starts the send (one delivery per subscriber), all with the ORM in this process.
2. Starts an SMTP sink on loopback (aiosmtpd, in a thread of this process) that counts the messages per recipient.
3. Runs ``kernkompas send_newsletter`` in a subprocess against that sink. When the sink has counted a random number
   of messages (between 10 % and 90 %), it sends the subprocess SIGTERM: the command finishes the message in hand and
   stops. Then it runs the command again, which sends the rest. The subprocess's resident memory (``/proc``) is
   sampled against the number of messages sent, throughout both runs.
4. Measures, in the same run, the bare cost of rendering one message (``sending.build_message``: the subject, text
   and HTML of the issue for one subscriber) as many times as there are subscribers, and prints messages per second
   prepared and handed to the SMTP backend against it, and the ratio.
5. Checks, from the sink's counts, that every subscriber got exactly one message; that the database agrees (every
   delivery marked sent, the issue ``verzonden``); that the interruption happened before the end; that memory stays
   flat (the sender's RSS in the last quarter of the messages is at most ``--memory-slack`` MB above the first
   quarter). Exit code 1 when a check fails.

``--hard-kill`` sends SIGKILL instead: the command cannot finish the message in hand, and the one window that no
sender can close shows (a message the SMTP server accepted but the database had not yet marked is sent again on the
resume): at most one subscriber may get two copies, everyone else exactly one.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from common import configure  # bench/common.py, beside this script

INTRODUCTION = (
    "Welkom bij de nieuwsbrief van Stedelijk leren.\n\n"
    "Dit kwartaal stonden leegstand, openbare ruimte en branding centraal. Hieronder vind je de nieuwe voorbeelden "
    "uit de Vitrine, de komende sessies en de opnames van de vorige.\n\n"
    "Veel leesplezier, de redactie."
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=50_000, help="confirmed subscribers (default 50,000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the moment of the interruption")
    parser.add_argument("--memory-slack", type=float, default=25.0, help="MB the sender's RSS may grow (default 25)")
    parser.add_argument(
        "--hard-kill",
        action="store_true",
        help="SIGKILL instead of SIGTERM: shows the one window left (at most one subscriber gets a second copy)",
    )
    parser.add_argument("--home", type=Path, default=None, help="use and keep this data folder")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database instead of SQLite")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The SMTP sink ------------------------------------------------------------------------------------------------


class Sink:
    """Counts messages per recipient; ``times`` holds when each message arrived (this process's clock)."""

    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.counts[recipient.lower()] += 1
            self.times.append(time.perf_counter())
        return "250 OK"

    @property
    def received(self) -> int:
        return len(self.times)


def start_sink(port: int):
    # import here: aiosmtpd is a test/bench dependency, not needed to read the script's help.
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller


# --- Set-up (ORM in this process) ---------------------------------------------------------------------------------


def set_up(count: int):
    from django.core.management import call_command
    from django.db import transaction

    from kernkompas.learning import sending
    from kernkompas.learning.models import ItemKind, Newsletter, NewsletterItem, Subscriber, SubscriberStatus

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"abonnee{n:06d}@voorbeeld.be", name=f"Abonnee {n}", status=SubscriberStatus.ACTIEF)
            for n in range(count)
        ),
        batch_size=5000,
    )
    with transaction.atomic():
        newsletter = Newsletter.objects.create(title="Stedelijk leren — zomer", slug="zomer", introduction=INTRODUCTION)
        kinds = [ItemKind.CASE, ItemKind.SESSION, ItemKind.RECORDING, ItemKind.PLAN]
        for n in range(8):
            NewsletterItem.objects.create(
                newsletter=newsletter,
                kind=kinds[n % 4],
                title=f"Onderdeel {n + 1}: leegstand te lijf in de kern",
                summary="Wat de gemeente, de ondernemers en de eigenaars samen deden, en wat het opleverde.",
                url=f"/vitrine/voorbeeld-{n}/",
                order=n + 1,
            )
        written = sending.start_sending(newsletter)
    print(f"set-up: {count:,} subscribers and {written:,} deliveries in {time.perf_counter() - started:.1f} s")
    return newsletter


def render_baseline(newsletter, count: int) -> float:
    """Seconds per message to render the issue for one subscriber (no database, no SMTP)."""
    from kernkompas.learning import sending
    from kernkompas.learning.models import Subscriber

    context = sending.message_context(newsletter)
    subscriber = Subscriber(pk=1, email="abonnee000001@voorbeeld.be", name="Abonnee 1")
    started = time.perf_counter()
    for _ in range(count):
        message = sending.build_message(context, subscriber)
        message.message()  # the MIME text the backend would write to the wire
    return (time.perf_counter() - started) / count


def database_state(newsletter_pk: int) -> tuple[int, int, str]:
    from django.db import connection

    from kernkompas.learning.models import Delivery, Newsletter

    connection.close()  # a fresh connection sees what the sender committed
    sent = Delivery.objects.filter(newsletter_id=newsletter_pk).exclude(sent_at=None).count()
    unsent = Delivery.objects.filter(newsletter_id=newsletter_pk, sent_at=None).count()
    return sent, unsent, Newsletter.objects.get(pk=newsletter_pk).status


# --- The sender (a subprocess) -----------------------------------------------------------------------------------


def sender_env(args, home: Path, port: int) -> dict:
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "kernkompas.settings",
        "KERNKOMPAS_LOG_LEVEL": "WARNING",
        "KERNKOMPAS_EMAIL_HOST": "127.0.0.1",
        "KERNKOMPAS_EMAIL_PORT": str(port),
        "KERNKOMPAS_EMAIL_TLS": "false",
    }
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def run_sender(
    env: dict, sink: Sink, samples: list, *, stop_at: int | None = None, kill: int = signal.SIGTERM
) -> tuple[int, float, int]:
    """Run the command until it ends (or SIGTERM once the sink has ``stop_at`` messages): its exit code, the seconds
    from its first to its last message, and the messages it sent."""
    before = sink.received
    process = subprocess.Popen(
        [sys.executable, "-m", "kernkompas", "send_newsletter"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    signalled = False
    next_sample = 0.0
    while process.poll() is None:
        now = time.perf_counter()
        if now >= next_sample:
            rss = rss_mb(process.pid)
            if rss is not None and sink.received > before:
                samples.append((sink.received, rss))
            next_sample = now + 0.5
        if stop_at is not None and not signalled and sink.received >= stop_at:
            process.send_signal(kill)
            signalled = True
        time.sleep(0.01)
    out, err = process.communicate()
    if process.returncode:
        print(f"the sender failed ({process.returncode}):\n{out}\n{err}")
    sent = sink.received - before
    times = sink.times[before:]
    seconds = (times[-1] - times[0]) if len(times) > 1 else 0.0
    return process.returncode, seconds, sent


# --- Verdict -----------------------------------------------------------------------------------------------------


def memory_check(samples: list[tuple[int, float]], total: int, slack: float) -> tuple[bool, str]:
    first = [rss for sent, rss in samples if sent <= total / 4]
    last = [rss for sent, rss in samples if sent >= total * 3 / 4]
    if not first or not last:
        return True, "memory: too few samples to compare (run with more subscribers)"
    growth = statistics.median(last) - statistics.median(first)
    verdict = growth <= slack
    line = (
        f"memory: sender RSS median {statistics.median(first):.1f} MB in the first quarter, "
        f"{statistics.median(last):.1f} MB in the last (growth {growth:+.1f} MB, allowed {slack:.0f}): "
        f"{'PASS' if verdict else 'FAIL'}"
    )
    return verdict, line


def main() -> int:
    args = parse_args()
    home, temporary = configure(args, test_environment=False)
    rng = random.Random(args.seed)
    port = free_port()
    sink, controller = start_sink(port)
    failures: list[str] = []
    try:
        newsletter = set_up(args.subscribers)
        env = sender_env(args, home, port)
        samples: list[tuple[int, float]] = []

        stop_at = rng.randint(max(1, args.subscribers // 10), max(1, args.subscribers * 9 // 10))
        kill = signal.SIGKILL if args.hard_kill else signal.SIGTERM
        print(f"sending; {kill.name} once the sink has {stop_at:,} messages …")
        code1, seconds1, sent1 = run_sender(env, sink, samples, stop_at=stop_at, kill=kill)
        sent_db, unsent_db, status = database_state(newsletter.pk)
        print(f"interrupted run: exit {code1}, {sent1:,} messages; database: {sent_db:,} sent, {unsent_db:,} not")
        if code1 != 0 and not args.hard_kill:
            failures.append("the interrupted sender did not stop cleanly")
        if unsent_db == 0:
            failures.append("the interruption came after the last message: nothing was left to resume")
        # After SIGTERM the marks match the sink exactly; after SIGKILL one message may be accepted but not marked.
        allowed_unmarked = 1 if args.hard_kill else 0
        if not 0 <= sink.received - sent_db <= allowed_unmarked:
            failures.append(f"after {kill.name} the database marks {sent_db:,} sent but the sink has {sink.received:,}")

        code2, seconds2, sent2 = run_sender(env, sink, samples)
        sent_db, unsent_db, status = database_state(newsletter.pk)
        print(f"resumed run: exit {code2}, {sent2:,} messages; database: {sent_db:,} sent, {unsent_db:,} not, {status}")
        if code2 != 0:
            failures.append("the resumed sender failed")

        expected = {f"abonnee{n:06d}@voorbeeld.be" for n in range(args.subscribers)}
        missing = expected - set(sink.counts)
        twice = {address: n for address, n in sink.counts.items() if n != 1}
        if args.hard_kill and len(twice) <= allowed_unmarked and all(n == 2 for n in twice.values()):
            print(f"hard kill: {len(twice)} subscriber(s) got a second copy (the documented window)")
            twice = {}
        strangers = set(sink.counts) - expected
        every_one_once = not missing and not twice and not strangers
        print(
            f"sink: {sink.received:,} messages to {len(sink.counts):,} addresses; missing {len(missing):,}, "
            f"more than once {len(twice):,}: {'PASS' if every_one_once else 'FAIL'} (every subscriber exactly one)"
        )
        if not every_one_once:
            failures.append("not every subscriber got exactly one message")
        if unsent_db or sent_db != args.subscribers or status != "verzonden":
            failures.append("the database does not show the issue sent to everyone")

        print(f"rendering the baseline ({args.subscribers:,} renders of one message) …")
        render_seconds = render_baseline(newsletter, args.subscribers)
        send_seconds = (seconds1 + seconds2) / max(1, sent1 + sent2 - 2)
        print()
        print(f"prepared and handed to SMTP: {1 / send_seconds:,.0f} messages/s ({send_seconds * 1000:.2f} ms each)")
        print(f"bare rendering of one message: {1 / render_seconds:,.0f} messages/s ({render_seconds * 1000:.2f} ms)")
        print(f"ratio send / render: {send_seconds / render_seconds:.2f}×")

        print("sender RSS by messages sent:")
        step = max(1, len(samples) // 12)
        for sent, rss in samples[::step]:
            print(f"  {sent:>8,}  {rss:6.1f} MB")
        verdict, line = memory_check(samples, args.subscribers, args.memory_slack)
        print(line)
        if not verdict:
            failures.append("the sender's memory grows with the number of messages")
    finally:
        controller.stop()
        if temporary:
            shutil.rmtree(home, ignore_errors=True)
    print()
    for failure in failures:
        print(f"FAIL: {failure}")
    print("RESULT:", "FAIL" if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
