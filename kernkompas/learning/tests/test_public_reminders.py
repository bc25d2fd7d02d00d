"""Reminders the day before (``send_session_reminders``): to everyone with a place, once, with the calendar file
and a personal link that works; a second run sends nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import icalendar
import pytest
import time_machine
import vobject
from django.core import mail as outbox
from django.core.management import call_command

from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Registration, RegistrationStatus, Session
from kernkompas.learning.tests.test_public_setup import last_link, make_programme, make_session
from kernkompas.testing import make_user

START = datetime.datetime(2030, 3, 12, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def session(cast):
    with time_machine.travel(START - datetime.timedelta(days=10), tick=False):
        session = make_session(
            make_programme(cast.maasdijk), capacity=2, starts_at=START, meeting_url="https://m.example/x"
        )
        for name in ("een", "twee", "drie"):
            registrations.register_member(session, make_user(name, name.title()))
        registrations.register_guest(session, name="Onbevestigd", email="onbevestigd@example.be")
    return session


def run(**options) -> str:
    out = StringIO()
    call_command("send_session_reminders", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_the_day_before_everyone_with_a_place_gets_one_reminder_with_the_calendar_file_and_a_working_link(
    client, session
):
    outbox.outbox.clear()
    with time_machine.travel(START - datetime.timedelta(hours=23), tick=False):
        assert "2 reminder(s) sent" in run()
        assert "0 reminder(s) sent" in run()
    assert sorted(message.to[0] for message in outbox.outbox) == ["een@example.org", "twee@example.org"]
    message = outbox.outbox[0]
    assert message.subject.startswith("Herinnering: morgen")
    name, content, mimetype = message.attachments[0]
    assert name == "sessie.ics" and mimetype.startswith("text/calendar")
    content = content if isinstance(content, bytes) else content.encode()
    vobject.readOne(content.decode())
    assert len(list(icalendar.Calendar.from_ical(content).walk("VEVENT"))) == 1
    assert b"https://m.example/x" not in content
    pk, secret = last_link(message.to[0])
    assert client.get(f"/leren/inschrijving/{pk}/{secret}/").status_code == 200
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 2
    assert Session.objects.get(pk=session.pk).reminder_sent_at is not None


def test_nothing_is_sent_two_days_before_or_after_the_start(session):
    with time_machine.travel(START - datetime.timedelta(hours=25), tick=False):
        assert "0 reminder(s) sent" in run()
    with time_machine.travel(START + datetime.timedelta(minutes=1), tick=False):
        assert "0 reminder(s) sent" in run()
    assert not outbox.outbox or all("Herinnering" not in m.subject for m in outbox.outbox)


def test_someone_who_moves_up_after_the_run_gets_a_reminder_in_the_next_run(session):
    with time_machine.travel(START - datetime.timedelta(hours=23), tick=False):
        run()
        registrations.cancel(Registration.objects.get(email="een@example.org"))
        assert Registration.objects.get(email="drie@example.org").status == RegistrationStatus.INGESCHREVEN
        assert "1 reminder(s) sent" in run()


def test_a_failed_send_is_given_back_for_the_next_run(session, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def broken(self, messages):
        raise OSError("mail server down")

    with time_machine.travel(START - datetime.timedelta(hours=23), tick=False):
        monkeypatch.setattr(EmailBackend, "send_messages", broken)
        assert "0 reminder(s) sent, 2 failed" in run()
        assert not Registration.objects.filter(reminder_sent_at__isnull=False).exists()
        monkeypatch.undo()
        assert "2 reminder(s) sent" in run()


def test_a_dry_run_only_counts(session):
    with time_machine.travel(START - datetime.timedelta(hours=2), tick=False):
        assert "2 reminder(s) due" in run(dry_run=True)
    assert not Registration.objects.filter(reminder_sent_at__isnull=False).exists()
