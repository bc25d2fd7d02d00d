"""Sending a newsletter to every confirmed subscriber: idempotent and resumable.

**Starting** (:func:`start_sending`, inside the caller's transaction) marks the newsletter ``verzenden`` and writes
one :class:`Delivery` per confirmed subscriber, in batches (unique per newsletter and subscriber, so writing them
twice writes nothing twice). Who confirms later waits for the next issue.

**Sending** (:func:`send_pending`) walks the unsent deliveries in order, a batch at a time through one connection to
the mail backend. Each message is rendered first, then, in its own short transaction, the delivery is claimed (a row
lock that another sender skips on PostgreSQL; SQLite's immediate transactions let one writer in at a time), handed to
the backend and marked sent, and the transaction commits. So a delivery is marked sent only once the backend accepted
it, and the mark is on disk before the next message goes:

- a send that stops (SIGTERM/SIGINT to the command: it finishes the message in hand, then stops), crashes, or loses
  its mail server leaves the unsent deliveries unsent; the next run sends exactly those;
- two senders at once never send one delivery twice: the second one skips (PostgreSQL) or waits for (SQLite) a
  claimed delivery, and then finds it marked sent;
- an address the mail server refuses is marked failed (``failed_at``, ``error``) and the others go on; a server or
  connection failure stops the run with the delivery unsent, for the next run to retry;
- a subscriber who unsubscribed before their turn is skipped (marked failed with :data:`SKIPPED`, never sent).

The one window left is a hard kill (SIGKILL, power loss) in the moment between the mail server accepting a message
and the commit of its mark: that one subscriber gets the message again on the next run. No database can close it:
SMTP has no transaction shared with ours. Marking before handing over would turn it into a message never sent.

When no unsent delivery is left the newsletter becomes ``verzonden`` with its ``sent_at``. The command
``kernkompas send_newsletter`` runs every newsletter in ``verzenden`` (a scheduler may call it every minute), and the
staff's "Verzenden" button starts the same work in a background thread of the web process; only one sender runs at a
time (:func:`sender_lock`), the other returns at once.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from kernkompas.core import audit
from kernkompas.learning import mail, tokens
from kernkompas.learning.models import Delivery, Newsletter, NewsletterStatus, Subscriber, SubscriberStatus

logger = logging.getLogger(__name__)

TEMPLATE = "learning/emails/newsletter"
#: Messages handed over through one connection to the mail server.
BATCH_SIZE = 200
#: Deliveries written per INSERT when a send starts.
CREATE_BATCH_SIZE = 2000
#: The ``error`` of a delivery whose subscriber left before their turn.
SKIPPED = "afgemeld voor verzending"
#: A number no other part uses for a PostgreSQL advisory lock: "kk-news" in ASCII.
LOCK_KEY = 0x6B6B2D6E657773


# --- The message ----------------------------------------------------------------------------------------------


def message_context(newsletter: Newsletter) -> dict:
    """What every subscriber's message shares, prepared once per send (items with absolute links)."""
    items = [
        {
            "kind": item.get_kind_display(),
            "title": item.title,
            "summary": item.summary,
            "url": mail.absolute(item.url),
            "when": item.when,
        }
        for item in newsletter.items.all()
    ]
    with translation.override(settings.LANGUAGE_CODE):
        archive_url = mail.absolute(newsletter.get_absolute_url())
        signup_url = mail.absolute(reverse("learning:newsletter_signup"))
    return {"newsletter": newsletter, "items": items, "archive_url": archive_url, "signup_url": signup_url}


def unsubscribe_url(subscriber: Subscriber) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "learning:unsubscribe", kwargs={"pk": subscriber.pk, "token": tokens.unsubscribe_token(subscriber)}
        )
    return mail.absolute(path)


def build_message(context: dict, subscriber: Subscriber, *, is_test: bool = False):
    """The newsletter for one subscriber, with their own one-click unsubscribe."""
    return mail.build(
        TEMPLATE,
        {**context, "name": subscriber.name, "is_test": is_test},
        subscriber.email,
        unsubscribe_url=unsubscribe_url(subscriber),
    )


# --- Starting -------------------------------------------------------------------------------------------------


def start_sending(newsletter: Newsletter) -> int:
    """Mark the newsletter ``verzenden`` and write a delivery for every confirmed subscriber; the number written.
    Call it inside a transaction that holds the newsletter's row (``actions.newsletter.start_sending`` does)."""
    now = timezone.now()
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.VERZENDEN, send_started_at=now)
    newsletter.status, newsletter.send_started_at = NewsletterStatus.VERZENDEN, now
    written, last_id = 0, 0
    active = Subscriber.objects.filter(status=SubscriberStatus.ACTIEF).order_by("id")
    while True:
        ids = list(active.filter(id__gt=last_id).values_list("id", flat=True)[:CREATE_BATCH_SIZE])
        if not ids:
            return written
        Delivery.objects.bulk_create(
            [Delivery(newsletter_id=newsletter.pk, subscriber_id=pk) for pk in ids], ignore_conflicts=True
        )
        written, last_id = written + len(ids), ids[-1]


# --- Progress -------------------------------------------------------------------------------------------------


def pending(newsletter: Newsletter):
    return Delivery.objects.filter(newsletter=newsletter, sent_at=None, failed_at=None)


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int

    @property
    def pending(self) -> int:
        return self.total - self.sent - self.failed - self.skipped

    @property
    def percent(self) -> int:
        return 100 if not self.total else (100 * (self.total - self.pending)) // self.total


def progress(newsletter: Newsletter) -> Progress:
    counts = Delivery.objects.filter(newsletter=newsletter).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=~Q(sent_at=None)),
        failed=Count("pk", filter=Q(sent_at=None) & ~Q(failed_at=None) & ~Q(error=SKIPPED)),
        skipped=Count("pk", filter=Q(sent_at=None) & ~Q(failed_at=None) & Q(error=SKIPPED)),
    )
    return Progress(**counts)


# --- Sending --------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    stopped: bool = False  # asked to stop before the end
    finished: bool = False  # no unsent delivery left: the newsletter is sent


def _is_address_error(error: Exception) -> bool:
    """The mail server refused this one message (its address), not the run: mark it failed and go on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    # Django refuses an address it cannot write into a header (a line break in it) with a ValueError.
    return isinstance(error, ValueError)


def _claim(delivery_id: int) -> str | None:
    """Lock the delivery if it is still unsent; the status of its subscriber, or None when another sender has it
    or has sent it. Inside the caller's transaction."""
    return (
        Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk=delivery_id, sent_at=None, failed_at=None)
        .values_list("subscriber__status", flat=True)
        .first()
    )


def _deliver(row, context: dict, backend, outcome: Outcome) -> None:
    delivery_id, subscriber_id, email, name = row
    message = build_message(context, Subscriber(pk=subscriber_id, email=email, name=name))
    with transaction.atomic():
        status = _claim(delivery_id)
        if status is None:
            return
        now = timezone.now()
        if status != SubscriberStatus.ACTIEF:
            Delivery.objects.filter(pk=delivery_id).update(failed_at=now, error=SKIPPED)
            outcome.skipped += 1
            return
        try:
            accepted = backend.send_messages([message])
        except Exception as error:
            if not _is_address_error(error):
                raise  # the transaction rolls back: the delivery stays unsent for the next run
            accepted, reason = 0, str(error)
        else:
            reason = "" if accepted else "not accepted by the mail server"
        if accepted:
            Delivery.objects.filter(pk=delivery_id).update(sent_at=now)
            outcome.sent += 1
        else:
            Delivery.objects.filter(pk=delivery_id).update(failed_at=now, error=reason[:300])
            outcome.failed += 1


def send_pending(newsletter: Newsletter, *, stop: threading.Event | None = None, batch_size: int = BATCH_SIZE):
    """Hand every unsent delivery of the newsletter to the mail backend, in order; see the module's docstring.
    ``stop`` (set by a signal handler) ends the run after the message in hand. Exceptions other than a refused
    address propagate, with that delivery left unsent."""
    outcome = Outcome()
    context = message_context(newsletter)
    last_id = 0
    while not (stop and stop.is_set()):
        rows = list(
            pending(newsletter)
            .filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "subscriber_id", "subscriber__email", "subscriber__name")[:batch_size]
        )
        if not rows:
            break
        last_id = rows[-1][0]
        with get_connection() as backend:
            for row in rows:
                if stop and stop.is_set():
                    break
                _deliver(row, context, backend, outcome)
    outcome.stopped = bool(stop and stop.is_set())
    outcome.finished = _finish_if_done(newsletter)
    return outcome


def _finish_if_done(newsletter: Newsletter) -> bool:
    with transaction.atomic():
        if pending(newsletter).exists():
            return False
        done = Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.VERZENDEN).update(
            status=NewsletterStatus.VERZONDEN, sent_at=timezone.now()
        )
        if done:
            newsletter.refresh_from_db(fields=["status", "sent_at"])
            counts = progress(newsletter)
            audit.record(
                None,
                "learning.newsletter_sent",
                newsletter,
                changes={"sent": counts.sent, "failed": counts.failed, "skipped": counts.skipped},
            )
    return True


# --- One sender at a time -------------------------------------------------------------------------------------


@contextlib.contextmanager
def sender_lock():
    """Yields whether this process may send now (False while another sender runs). PostgreSQL: a session advisory
    lock, shared by every app server and released when the connection ends, even on a crash. SQLite: an exclusive
    lock on a file beside the database (the database is on this machine), released when the process ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    with _file_lock() as held:
        yield held


@contextlib.contextmanager
def _file_lock():
    try:
        # import here: fcntl exists only on Unix; elsewhere the claims alone keep each message single
        import fcntl
    except ImportError:  # Windows: no second sender is kept out; the claims still send each message once
        yield True
        return
    with open(settings.DATA_DIR / "newsletter-sender.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def send_all(stop: threading.Event | None = None) -> dict[Newsletter, Outcome] | None:
    """Send every newsletter in ``verzenden``, oldest start first; None when another sender is running."""
    with sender_lock() as held:
        if not held:
            return None
        done = {}
        for newsletter in Newsletter.objects.filter(status=NewsletterStatus.VERZENDEN).order_by("send_started_at"):
            done[newsletter] = send_pending(newsletter, stop=stop)
            if stop and stop.is_set():
                break
        return done


def send_in_background() -> threading.Thread:
    """Start sending in a thread of this (web) process. A thread that stops half-way (the process ends) leaves
    the rest to the command, which a scheduler calls."""
    thread = threading.Thread(target=_background, name="kernkompas-newsletter", daemon=True)
    thread.start()
    return thread


def _background() -> None:
    try:
        send_all()
    except Exception:
        logger.exception("Sending the newsletter stopped; `kernkompas send_newsletter` sends the rest.")
    finally:
        connection.close()
