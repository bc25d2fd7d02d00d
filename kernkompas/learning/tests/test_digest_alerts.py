"""The digest and the Vitrine's saved-search alerts: nobody gets two e-mails for one new case. With a digest on, the
alert job leaves the member to it; switched off, the alerts go on from where the digest stopped — every case once,
without a gap (frozen clock)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from kernkompas.core import parts
from kernkompas.learning.actions.digest import send_digests, switch_off
from kernkompas.learning.models import DigestFrequency
from kernkompas.learning.tests.test_digest_sending import (  # noqa: F401  (session_pages: an autouse fixture)
    at,
    choose,
    mails_to,
    moment,
    programme,
    session,
    session_pages,
    theme,
)
from kernkompas.vitrine.actions import saved_searches
from kernkompas.vitrine.actions.alerts import send_alerts
from kernkompas.vitrine.models import SavedSearch
from kernkompas.vitrine.tests.personal_cases import case

pytestmark = pytest.mark.django_db

BRAM = "bram@example.org"
ELLEN = "ellen@example.org"


@pytest.fixture
def data_searches(cast):
    """Bram and Ellen both saved the search "Data" with e-mail on, on Monday morning."""
    with at(0):
        return (
            saved_searches.save_search(cast.bram, "Data", "theme=data"),
            saved_searches.save_search(cast.ellen, "Data", "theme=data"),
        )


def test_with_a_digest_on_the_alert_job_skips_her_and_the_case_comes_in_the_digest(cast, data_searches):
    with at(0, hours=1):
        choose(cast.bram)
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(2):
        send_alerts()
    assert mails_to(BRAM) == []
    assert len(mails_to(ELLEN)) == 1  # the alert job still works for a member without a digest
    with at(7):
        send_digests()
    (digest,) = mails_to(BRAM)
    assert "Nieuwe voorbeelden voor je bewaarde zoekopdrachten" in digest.body
    assert "Passanten tellen" in digest.body
    assert SavedSearch.objects.get(pk=data_searches[0].pk).last_sent_at == moment(7)
    with at(8):
        send_alerts()
    assert len(mails_to(BRAM)) == 1


def test_a_case_already_alerted_before_the_digest_was_switched_on_is_not_repeated(cast, data_searches):
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(2):
        send_alerts()
    assert len(mails_to(BRAM)) == 1
    with at(3):
        choose(cast.bram)
    with at(4):
        case("Leegstandsmonitor", themes=["data"])
    with at(10):
        send_digests()
        send_alerts()
    digest = mails_to(BRAM)[1]
    assert "Leegstandsmonitor" in digest.body
    assert "Passanten tellen" not in digest.body
    assert len(mails_to(BRAM)) == 2


def test_switching_the_digest_off_hands_back_to_the_alerts_without_a_gap_or_a_repeat(cast, data_searches):
    with at(0, hours=1):
        preference = choose(cast.bram)
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(7):
        send_digests()
    with at(8):
        case("Leegstandsmonitor", themes=["data"])  # after the digest, before switching it off
    with at(9):
        switch_off(preference, by=cast.bram)
    with at(10):
        send_alerts()
    first, second = mails_to(BRAM)
    assert "Passanten tellen" in first.body and "Leegstandsmonitor" not in first.body
    assert "Leegstandsmonitor" in second.body and "Passanten tellen" not in second.body
    assert second.subject.startswith("1 nieuw voorbeeld")


def test_a_digest_without_new_cases_leaves_the_searches_windows_where_they_were(cast, data_searches):
    with at(0, hours=1):
        choose(cast.bram, themes=[theme()])
    with at(2):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(7):
        send_digests()
    assert "Leegstand te lijf" in mails_to(BRAM)[0].body
    assert SavedSearch.objects.get(pk=data_searches[0].pk).last_sent_at is None


def test_a_failed_digest_keeps_the_case_for_the_next_run_and_the_alerts_still_leave_her_alone(
    cast, data_searches, monkeypatch
):
    with at(0, hours=1):
        choose(cast.bram)
    with at(1):
        case("Passanten tellen", themes=["data"])

    def broken(message, *args, **kwargs):
        raise ConnectionError("mail server down")

    real_send = EmailMultiAlternatives.send
    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with at(7):
        assert send_digests().failed == 1
    assert SavedSearch.objects.get(pk=data_searches[0].pk).last_sent_at is None
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    with at(7, hours=1):
        send_alerts()
    assert mails_to(BRAM) == []
    with at(8):
        send_digests()
    assert "Passanten tellen" in mails_to(BRAM)[0].body


def test_searches_with_e_mail_off_stay_out_of_the_digest(cast):
    with at(0):
        saved_searches.save_search(cast.bram, "Stil", "theme=data", alerts=False)
        choose(cast.bram, DigestFrequency.WEKELIJKS)
    with at(1):
        case("Passanten tellen", themes=["data"])
    with at(7):
        send_digests()
    assert mail.outbox == []


def test_the_registry_names_the_members_whose_digest_takes_over(cast):
    choose(cast.bram, DigestFrequency.MAANDELIJKS)
    choose(cast.ellen, DigestFrequency.UIT)
    assert parts.digest_takes_over([cast.bram.pk, cast.ellen.pk, cast.sofie.pk]) == {cast.bram.pk}
    assert parts.digest_takes_over([]) == set()
