"""Sending to every confirmed subscriber: one message each with its own one-click unsubscribe (headers, plain text
and HTML), a refused address that does not stop the others, a subscriber who left before their turn skipped, an
interrupted send that resumes without a second copy to anyone, a stop on request, one sender at a time, and two
senders at once on a committed database that still send each message once."""

from __future__ import annotations

import re
import smtplib
import subprocess
import sys
import textwrap
import threading

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.test import override_settings

from kernkompas.learning import sending
from kernkompas.learning.actions import newsletter as actions
from kernkompas.learning.models import Delivery, NewsletterStatus, Subscriber, SubscriberStatus
from kernkompas.testing import run_together

pytestmark = pytest.mark.django_db

HERE = "kernkompas.learning.tests.test_newsletter_sending"


@pytest.fixture(autouse=True)
def _no_thread(monkeypatch):
    monkeypatch.setattr(sending, "send_in_background", lambda: None)


def _subscribers(count: int, *, start: int = 0) -> list[Subscriber]:
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"abonnee{n}@voorbeeld.be", name=f"Abonnee {n}", status=SubscriberStatus.ACTIEF)
        for n in range(start, start + count)
    )


def _started(cast, *, title="Zomer 2026"):
    newsletter = actions.create_newsletter(cast.eva, title=title, introduction="Alinea één.\n\nAlinea <twee>.")
    actions.add_link(cast.eva, newsletter, title="Blog over leegstand", url="https://blog.example/leegstand")
    actions.start_sending(cast.eva, newsletter)
    newsletter.refresh_from_db()
    return newsletter


def _received() -> list[str]:
    return [address for message in mail.outbox for address in message.to]


class BreaksAfter(locmem.EmailBackend):
    """A mail server that accepts ``limit`` messages and then goes away (a crash, a lost connection)."""

    limit = 0
    accepted = 0

    def send_messages(self, messages):
        if BreaksAfter.accepted >= BreaksAfter.limit:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        BreaksAfter.accepted += len(messages)
        return super().send_messages(messages)


class RefusesOne(locmem.EmailBackend):
    """A mail server that refuses one address."""

    def send_messages(self, messages):
        if messages[0].to == ["abonnee2@voorbeeld.be"]:
            raise smtplib.SMTPRecipientsRefused({"abonnee2@voorbeeld.be": (550, b"No such user")})
        return super().send_messages(messages)


class StopsAfterTwo(locmem.EmailBackend):
    """Someone presses Ctrl-C (SIGINT) while the second message is being handed over."""

    stop: threading.Event | None = None

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if len(mail.outbox) == 2:
            StopsAfterTwo.stop.set()
        return sent


# --- One message each ---------------------------------------------------------------------------------------------


def test_every_confirmed_subscriber_gets_one_message_with_its_own_unsubscribe(cast):
    subscribers = _subscribers(3)
    Subscriber.objects.create(email="wacht@voorbeeld.be")  # not confirmed
    newsletter = _started(cast)
    outcome = sending.send_pending(newsletter)
    assert (outcome.sent, outcome.failed, outcome.finished) == (3, 0, True)
    assert _received() == [s.email for s in subscribers]  # in order
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZONDEN and newsletter.sent_at is not None
    assert sending.progress(newsletter) == sending.Progress(total=3, sent=3, failed=0, skipped=0)

    message, subscriber = mail.outbox[0], subscribers[0]
    unsubscribe = sending.unsubscribe_url(subscriber)
    assert unsubscribe.startswith("http") and f"/leren/nieuwsbrief/afmelden/{subscriber.pk}/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.subject == "Zomer 2026"
    # The plain-text part: readable without HTML, with the link to unsubscribe.
    assert "Beste Abonnee 0," in message.body and "Alinea <twee>." in message.body
    assert "== Blog over leegstand ==\n" in message.body and "https://blog.example/leegstand" in message.body
    assert unsubscribe in message.body and "<p>" not in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="{unsubscribe}"' in html and "Alinea &lt;twee&gt;." in html
    assert sending.unsubscribe_url(subscribers[1]) not in message.body


def test_a_second_run_sends_nothing(cast):
    _subscribers(3)
    newsletter = _started(cast)
    sending.send_pending(newsletter)
    again = sending.send_pending(newsletter)
    assert (again.sent, len(mail.outbox)) == (0, 3)


def test_an_address_the_server_refuses_is_marked_failed_and_the_others_go_on(cast):
    _subscribers(4)
    newsletter = _started(cast)
    with override_settings(EMAIL_BACKEND=f"{HERE}.RefusesOne"):
        outcome = sending.send_pending(newsletter)
    assert (outcome.sent, outcome.failed, outcome.finished) == (3, 1, True)
    failed = Delivery.objects.get(subscriber__email="abonnee2@voorbeeld.be")
    assert failed.failed_at is not None and failed.sent_at is None and "No such user" in failed.error
    assert sorted(_received()) == ["abonnee0@voorbeeld.be", "abonnee1@voorbeeld.be", "abonnee3@voorbeeld.be"]
    assert sending.progress(newsletter).failed == 1


def test_a_subscriber_who_unsubscribes_before_their_turn_is_skipped(cast, client):
    subscribers = _subscribers(3)
    newsletter = _started(cast)
    client.post(re.sub(r"^https?://[^/]+", "", sending.unsubscribe_url(subscribers[1])))
    subscribers[1].refresh_from_db()
    assert subscribers[1].status == SubscriberStatus.AFGEMELD
    outcome = sending.send_pending(newsletter)
    assert (outcome.sent, outcome.skipped, outcome.finished) == (2, 1, True)
    assert "abonnee1@voorbeeld.be" not in _received()
    assert sending.progress(newsletter) == sending.Progress(total=3, sent=2, failed=0, skipped=1)


# --- Interrupted and resumed ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("interrupt_after", [0, 1, 4, 6])
def test_an_interrupted_send_resumes_and_everyone_gets_exactly_one_message(cast, interrupt_after):
    subscribers = _subscribers(7)
    newsletter = _started(cast)
    BreaksAfter.limit, BreaksAfter.accepted = interrupt_after, 0
    with override_settings(EMAIL_BACKEND=f"{HERE}.BreaksAfter"), pytest.raises(smtplib.SMTPServerDisconnected):
        sending.send_pending(newsletter, batch_size=3)
    assert len(mail.outbox) == interrupt_after
    assert Delivery.objects.exclude(sent_at=None).count() == interrupt_after  # marked exactly what went out
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZENDEN

    outcome = sending.send_pending(newsletter, batch_size=3)
    assert outcome.sent == 7 - interrupt_after and outcome.finished
    assert sorted(_received()) == sorted(s.email for s in subscribers)  # each address exactly once
    assert len(set(_received())) == len(_received()) == 7


def test_a_stop_request_finishes_the_message_in_hand_and_the_command_sends_the_rest(cast):
    _subscribers(5)
    newsletter = _started(cast)
    stop = threading.Event()
    StopsAfterTwo.stop = stop
    with override_settings(EMAIL_BACKEND=f"{HERE}.StopsAfterTwo"):
        outcome = sending.send_pending(newsletter, stop=stop)
    assert (outcome.sent, outcome.stopped, outcome.finished) == (2, True, False)
    assert Delivery.objects.exclude(sent_at=None).count() == 2

    from io import StringIO

    out = StringIO()
    call_command("send_newsletter", stdout=out)
    assert "3 verzonden, 0 mislukt" in out.getvalue() and "naar iedereen verzonden" in out.getvalue()
    assert len(_received()) == len(set(_received())) == 5
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZONDEN


def test_the_command_with_nothing_to_send_says_so():
    from io import StringIO

    out = StringIO()
    call_command("send_newsletter", stdout=out)
    assert "Er wacht geen nieuwsbrief op verzending." in out.getvalue()


def test_a_failing_mail_server_makes_the_command_fail_with_the_rest_left_for_the_next_run(cast):
    from django.core.management.base import CommandError

    _subscribers(2)
    _started(cast)
    BreaksAfter.limit, BreaksAfter.accepted = 1, 0
    with override_settings(EMAIL_BACKEND=f"{HERE}.BreaksAfter"), pytest.raises(CommandError, match="opnieuw"):
        call_command("send_newsletter")
    assert Delivery.objects.filter(sent_at=None).count() == 1


# --- One sender at a time, and two at once ---------------------------------------------------------------------


def _hold_the_lock(holding: threading.Event, release: threading.Event) -> None:
    from django.db import connection

    try:
        with sending.sender_lock() as held:
            assert held
            holding.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.mark.usefixtures("committed_db")
def test_while_another_sender_runs_the_command_does_nothing(cast):
    _subscribers(2)
    _started(cast)
    holding, release = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_the_lock, args=(holding, release))
    other.start()
    try:
        assert holding.wait(30)
        from io import StringIO

        out = StringIO()
        call_command("send_newsletter", stdout=out)
        assert "Er loopt al een andere verzending" in out.getvalue()
        assert mail.outbox == []
    finally:
        release.set()
        other.join(30)
    assert sending.send_all() is not None and len(mail.outbox) == 2


def _send_in_thread(pk: int, errors: list) -> None:
    from django.db import connection

    from kernkompas.learning.models import Newsletter

    try:
        sending.send_pending(Newsletter.objects.get(pk=pk), batch_size=7)
    except Exception as error:  # reported to the test
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.usefixtures("committed_db")
def test_two_senders_at_once_never_send_one_message_twice(cast):
    """Past the lock (two app servers that both think they may send): the claim per delivery still holds. On
    PostgreSQL two threads (row locks, skipped); SQLite's in-memory test database cannot take two writers, so the
    embedded default has its own test below, with two processes on a database file."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two writers on SQLite: see the test with two processes below")
    subscribers = _subscribers(40)
    newsletter = _started(cast)
    errors: list = []
    threads = [threading.Thread(target=_send_in_thread, args=(newsletter.pk, errors)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(_received()) == sorted(s.email for s in subscribers)
    assert len(set(_received())) == len(_received()) == 40
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZONDEN


@pytest.mark.usefixtures("committed_db")
def test_the_send_button_sends_in_a_background_thread_of_the_web_process(cast, client, monkeypatch):
    monkeypatch.undo()  # the real thread this time
    _subscribers(3)
    newsletter = actions.create_newsletter(cast.eva, title="Herfst", introduction="Hallo.")
    client.force_login(cast.eva)
    client.post(f"/leren/beheer/nieuwsbrieven/{newsletter.pk}/verzenden/")
    for thread in threading.enumerate():
        if thread.name == "kernkompas-newsletter":
            thread.join(60)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZONDEN
    assert len(mail.outbox) == 3
    page = client.get(f"/leren/beheer/nieuwsbrieven/{newsletter.pk}/voortgang/").content.decode()
    assert "Verzonden op" in page


SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from django.db import transaction
    from kernkompas.learning import sending
    from kernkompas.learning.models import Newsletter, NewsletterItem, Subscriber, SubscriberStatus

    Subscriber.objects.bulk_create(
        Subscriber(email=f"abonnee{n}@voorbeeld.be", status=SubscriberStatus.ACTIEF) for n in range(60)
    )
    with transaction.atomic():
        newsletter = Newsletter.objects.create(title="Samen", slug="samen", introduction="Hallo.")
        NewsletterItem.objects.create(newsletter=newsletter, kind="link", title="Blog", url="https://x.example/")
        sending.start_sending(newsletter)
    print(newsletter.pk)
    """
)
SENDER = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.conf import settings
    from django.core import mail
    from kernkompas.learning import sending
    from kernkompas.learning.models import Newsletter
    from kernkompas.testing import wait_for_the_others

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    newsletter = Newsletter.objects.get(pk=int(sys.argv[1]))
    wait_for_the_others()
    sending.send_pending(newsletter, batch_size=7)
    print(" ".join(address for message in getattr(mail, "outbox", []) for address in message.to))
    """
)


def test_two_sender_processes_on_the_embedded_default_send_each_message_once(sqlite_home, tmp_path):
    """Two processes on one SQLite file, past the lock: immediate transactions let one claim at a time."""
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=sqlite_home, capture_output=True, text=True, check=True, timeout=300
    )
    pk = setup.stdout.strip()
    outputs = run_together([[sys.executable, "-c", SENDER, pk]] * 2, sqlite_home, tmp_path)
    received = [address for output in outputs for address in output.split()]
    assert sorted(received) == sorted(f"abonnee{n}@voorbeeld.be" for n in range(60))
