"""Saved-search alerts: one grouped e-mail per person, newest first, each new case once (frozen clock)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kernkompas.vitrine.actions import saved_searches
from kernkompas.vitrine.actions.alerts import send_alerts
from kernkompas.vitrine.models import SavedSearch
from kernkompas.vitrine.tests.personal_cases import case

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def at(hours: float):
    return time_machine.travel(MONDAY + dt.timedelta(hours=hours), tick=False)


@pytest.fixture
def searches(cast):
    with at(0):
        data = saved_searches.save_search(cast.bram, "Data", "theme=data")
        mobility = saved_searches.save_search(cast.bram, "Mobiliteit", "theme=mobiliteit")
        saved_searches.save_search(cast.bram, "Zonder meldingen", "theme=data", alerts=False)
    return data, mobility


def test_the_first_run_sends_one_mail_grouping_all_searches_newest_first(cast, searches):
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(2):
        case("Fietsstraat", themes=["mobiliteit"])
    with at(3):
        case("Leegstandsmonitor", themes=["data"])
    with at(4):
        send_alerts()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bram@example.org"]
    body = message.body
    # The search with the newest case first; within it the newest case first.
    assert body.index("== Data ==") < body.index("== Mobiliteit ==")
    assert body.index("Leegstandsmonitor") < body.index("Passanten tellen") < body.index("Fietsstraat")
    assert "Zonder meldingen" not in body
    assert "http" in body and "/vitrine/" in body
    html = message.alternatives[0][0]
    assert "Leegstandsmonitor" in html


def test_a_second_run_sends_nothing(cast, searches):
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(4):
        send_alerts()
    with at(5):
        send_alerts()
    assert len(mail.outbox) == 1


def test_a_case_published_later_goes_out_once(cast, searches):
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(4):
        send_alerts()
    with at(6):
        case("Nieuw dashboard", themes=["data"])
    with at(7):
        send_alerts()
    with at(8):
        send_alerts()
    assert len(mail.outbox) == 2
    assert "Nieuw dashboard" in mail.outbox[1].body
    assert "Passanten tellen" not in mail.outbox[1].body
    assert SavedSearch.objects.get(pk=searches[0].pk).last_sent_at == MONDAY + dt.timedelta(hours=8)


def test_cases_from_before_the_search_was_saved_are_not_sent(cast):
    with at(0):
        case("Oud nieuws", themes=["data"])
    with at(1):
        saved_searches.save_search(cast.bram, "Data", "theme=data")
    with at(2):
        send_alerts()
    assert mail.outbox == []


def test_drafts_and_non_matching_cases_are_not_sent(cast, searches):
    with at(1):
        case("Concept", themes=["data"], live=False)
        case("Over duurzaamheid", themes=["duurzaamheid"])
    with at(2):
        send_alerts()
    assert mail.outbox == []


def test_each_person_gets_their_own_mail(cast, searches):
    with at(0):
        saved_searches.save_search(cast.ellen, "Data voor Maasdijk", "theme=data")
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(2):
        call_command("send_vitrine_alerts", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["bram@example.org", "ellen@example.org"]
    assert all("Data voor Maasdijk" not in m.body for m in mail.outbox if m.to == ["bram@example.org"])


def test_a_failed_send_leaves_the_searches_to_be_tried_again(cast, searches, monkeypatch):
    with at(1):
        case("Passanten tellen", themes=["data"])

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with at(2):
        summary = send_alerts()
    assert summary.failed == 1
    assert SavedSearch.objects.get(pk=searches[0].pk).last_sent_at is None
    monkeypatch.undo()
    with at(3):
        send_alerts()
    assert len(mail.outbox) == 1 and "Passanten tellen" in mail.outbox[0].body
