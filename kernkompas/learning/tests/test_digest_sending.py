"""Sending the personal digest: weekly and monthly on the calendar, what is new since the last one, nothing twice,
nothing empty, one member's failure stops nobody else (frozen clock)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils.text import slugify

from kernkompas.core.models import AuditEvent
from kernkompas.learning.actions import digest as digest_actions
from kernkompas.learning.actions.digest import save_preference, send_digests
from kernkompas.learning.models import (
    DigestFrequency,
    DigestPreference,
    LearningTheme,
    Material,
    MaterialKind,
    Programme,
    Session,
    SessionStatus,
)

pytestmark = pytest.mark.django_db

# Monday 3 March 2025, 10:00 in Brussels.
MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def at(days: float = 0, hours: float = 0):
    return time_machine.travel(MONDAY + dt.timedelta(days=days, hours=hours), tick=False)


def moment(days: float = 0, hours: float = 0) -> dt.datetime:
    return MONDAY + dt.timedelta(days=days, hours=hours)


def theme(slug: str = "aanpak-leegstand") -> LearningTheme:
    return LearningTheme.objects.get(framework__is_default=True, slug=slug)


def programme(title: str = "Maasdijk leert", gemeente=None, *, public: bool = True) -> Programme:
    return Programme.objects.create(title=title, slug=slugify(title), gemeente=gemeente, is_public=public)


def session(prog: Programme, title: str, *, themes=(), days_ahead: int = 30, status=SessionStatus.GEPUBLICEERD):
    """A session a month ahead of the frozen moment, published now unless another status is given."""
    from django.utils import timezone

    starts = timezone.now() + dt.timedelta(days=days_ahead)
    created = Session.objects.create(
        programme=prog,
        title=title,
        slug=slugify(title),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=status,
    )
    created.themes.set(themes)
    return created


def publish(item: Session) -> None:
    item.status = SessionStatus.GEPUBLICEERD
    item.save(update_fields=["status"])


def choose(user, frequency=DigestFrequency.WEKELIJKS, *, themes=(), gemeenten=(), kernen=()) -> DigestPreference:
    chosen = {"themes": list(themes), "gemeenten": list(gemeenten), "kernen": list(kernen)}
    return save_preference(user, frequency=frequency, **chosen)


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture(autouse=True)
def session_pages(monkeypatch):
    """The session page belongs to another piece of the part: these tests do not depend on it being there."""
    monkeypatch.setattr(Session, "get_absolute_url", lambda self: f"/leren/programma/x/{self.slug}/")


@pytest.fixture
def leegstand_weekly(cast):
    """Bram chose a weekly digest on the theme "Aanpak leegstand" on Monday morning."""
    with at(0):
        return choose(cast.bram, themes=[theme()])


# --- The weekly and monthly calendar ----------------------------------------------------------------------------


def test_a_weekly_digest_comes_seven_days_after_it_was_chosen_with_the_new_sessions_on_her_themes(
    cast, leegstand_weekly
):
    with at(2):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(6, hours=12):  # Sunday evening in Brussels
        send_digests()
    assert mail.outbox == []
    with at(7, hours=-2):  # 08:00 in Brussels: the calendar day counts, not the hour of the last run
        summary = send_digests()
    assert summary.sent == 1
    (message,) = mail.outbox
    assert message.to == ["bram@example.org"]
    assert message.subject == "Je wekelijkse overzicht: 1 nieuw item"
    assert "Nieuwe sessies over jouw thema's" in message.body
    assert "Leegstand te lijf" in message.body
    assert "http://" in message.body or "https://" in message.body
    html = message.alternatives[0][0]
    assert "Leegstand te lijf" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/leren/mijn/overzicht/uit/" in message.extra_headers["List-Unsubscribe"]
    assert "/leren/mijn/overzicht/" in message.body


def test_two_runs_send_nothing_twice_and_the_next_week_holds_only_what_came_after(cast, leegstand_weekly):
    with at(2):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(7):
        send_digests()
        send_digests()
    with at(8):
        send_digests()
        session(programme("Tweede programma"), "Herbestemmen", themes=[theme()])
    with at(13):
        send_digests()
    assert len(mail.outbox) == 1
    with at(14):
        send_digests()
    assert len(mail.outbox) == 2
    assert "Herbestemmen" in mail.outbox[1].body
    assert "Leegstand te lijf" not in mail.outbox[1].body
    assert DigestPreference.objects.get(user=cast.bram).last_sent_at == moment(14)


def test_a_monthly_digest_comes_on_the_same_day_next_month_or_the_last_day_of_a_shorter_month(cast):
    thirty_first = dt.datetime(2025, 1, 31, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(thirty_first, tick=False):
        choose(cast.bram, DigestFrequency.MAANDELIJKS, themes=[theme()])
    with time_machine.travel(thirty_first + dt.timedelta(days=1), tick=False):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with time_machine.travel(dt.datetime(2025, 2, 27, 9, 0, tzinfo=dt.UTC), tick=False):
        send_digests()
    assert mail.outbox == []
    with time_machine.travel(dt.datetime(2025, 2, 28, 9, 0, tzinfo=dt.UTC), tick=False):
        send_digests()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Je maandelijkse overzicht: 1 nieuw item"
    # From 28 February the next one is due on 28 March.
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        session(programme("Tweede programma"), "Herbestemmen", themes=[theme()])
    with time_machine.travel(dt.datetime(2025, 3, 27, 9, 0, tzinfo=dt.UTC), tick=False):
        send_digests()
    assert len(mail.outbox) == 1
    with time_machine.travel(dt.datetime(2025, 3, 28, 9, 0, tzinfo=dt.UTC), tick=False):
        send_digests()
    assert len(mail.outbox) == 2


def test_an_empty_digest_is_not_sent_and_its_window_stays_until_something_new_comes(cast, leegstand_weekly):
    with at(7):
        summary = send_digests()
    assert (summary.due, summary.sent, summary.empty) == (1, 0, 1)
    assert mail.outbox == []
    assert DigestPreference.objects.get(user=cast.bram).last_sent_at == moment(0)
    with at(9):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(10):
        send_digests()
    assert len(mail.outbox) == 1
    assert "Leegstand te lijf" in mail.outbox[0].body
    assert DigestPreference.objects.get(user=cast.bram).last_sent_at == moment(10)


# --- What counts as new -------------------------------------------------------------------------------------------


def test_drafts_private_programmes_past_sessions_and_other_themes_stay_out(cast, leegstand_weekly):
    with at(1):
        session(programme(), "Concept", themes=[theme()], status=SessionStatus.CONCEPT)
        session(programme("Intern", public=False), "Intern overleg", themes=[theme()])
        session(programme("Voorbij"), "Al voorbij", themes=[theme()], days_ahead=2)
        session(programme("Ander thema"), "Over branding", themes=[theme("branding")])
        session(programme("Goed"), "Wel erin", themes=[theme()])
    with at(7):
        send_digests()
    body = mail.outbox[0].body
    assert "Wel erin" in body
    for absent in ("Concept", "Intern overleg", "Al voorbij", "Over branding"):
        assert absent not in body


def test_a_session_drafted_before_but_published_after_the_last_digest_is_new(cast):
    with at(-10):
        draft = session(programme(), "Lang voorbereid", themes=[theme()], status=SessionStatus.CONCEPT)
    with at(0):
        choose(cast.bram, themes=[theme()])
    with at(3):
        publish(draft)
        draft.title = "Lang voorbereid"
        draft.save()
    assert Session.objects.get(pk=draft.pk).published_at == moment(3)
    with at(7):
        send_digests()
    assert "Lang voorbereid" in mail.outbox[0].body
    with at(8):
        draft.refresh_from_db()
        draft.save()  # a later edit keeps the first publishing moment
    assert Session.objects.get(pk=draft.pk).published_at == moment(3)


def test_sessions_in_her_places_come_once_even_when_they_are_on_her_themes_too(cast):
    with at(0):
        choose(cast.bram, themes=[theme()], gemeenten=[cast.maasdijk])
    with at(1):
        maasdijk = programme("Maasdijk leert", cast.maasdijk)
        session(maasdijk, "Ondernemersavond", themes=[theme("samenwerking")])
        session(maasdijk, "Leegstand in Maasdijk", themes=[theme()])
        session(programme("Veldrode leert", cast.veldrode), "Alleen voor Veldrode")
    with at(7):
        send_digests()
    body = mail.outbox[0].body
    assert body.count("Leegstand in Maasdijk") == 1
    assert body.index("Nieuwe sessies over jouw thema's") < body.index("Leegstand in Maasdijk")
    assert body.index("Nieuwe sessies in jouw plaatsen") < body.index("Ondernemersavond")
    assert "Alleen voor Veldrode" not in body


def test_a_core_brings_the_sessions_of_its_municipalitys_programmes(cast):
    with at(0):
        choose(cast.bram, kernen=[cast.centrum])
    with at(1):
        session(programme("Maasdijk leert", cast.maasdijk), "Ondernemersavond")
    with at(7):
        send_digests()
    assert "Ondernemersavond" in mail.outbox[0].body


def test_new_recordings_and_materials_on_her_themes(cast, leegstand_weekly):
    with at(-20):
        earlier = session(programme(), "Leegstand te lijf", themes=[theme()], days_ahead=5)
    with at(3):
        recording = Material.objects.create(
            session=earlier, kind=MaterialKind.OPNAME, title="Opname", url="https://video.example.org/opname"
        )
        recording.themes.set([theme()])
        hidden = Material.objects.create(session=earlier, title="Alleen deelnemers", is_public=False)
        hidden.themes.set([theme()])
    with at(7):
        send_digests()
    body = mail.outbox[0].body
    assert "Nieuwe opnames en materialen over jouw thema's" in body
    assert "Opname (opname)" in body and "https://video.example.org/opname" in body
    assert "Alleen deelnemers" not in body


# --- Who gets one -------------------------------------------------------------------------------------------------


def test_inactive_members_members_without_an_address_and_digests_switched_off_are_skipped(cast):
    with at(0):
        for user in (cast.bram, cast.ellen, cast.eva):
            choose(user, themes=[theme()])
        choose(cast.anton, DigestFrequency.UIT, themes=[theme()])
        session(programme(), "Leegstand te lijf", themes=[theme()])
    cast.ellen.is_active = False
    cast.ellen.save()
    cast.eva.email = ""
    cast.eva.save()
    with at(1):
        session(programme("Tweede"), "Herbestemmen", themes=[theme()])
    with at(7):
        send_digests()
    assert [message.to for message in mail.outbox] == [["bram@example.org"]]


def test_a_failure_rolls_back_that_member_only_and_the_next_run_sends_it(cast, monkeypatch):
    with at(0):
        choose(cast.bram, themes=[theme()])
        choose(cast.ellen, themes=[theme()])
    with at(1):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    real_send = EmailMultiAlternatives.send

    def flaky(message, *args, **kwargs):
        if message.to == ["bram@example.org"]:
            raise ConnectionError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    with at(7):
        summary = send_digests()
    assert (summary.sent, summary.failed) == (1, 1)
    assert [message.to for message in mail.outbox] == [["ellen@example.org"]]
    assert DigestPreference.objects.get(user=cast.bram).last_sent_at == moment(0)
    assert not AuditEvent.objects.filter(action="learning.digest_sent", target_label=f"user #{cast.bram.pk}").exists()
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    with at(8):
        send_digests()
    assert len(mails_to("bram@example.org")) == 1
    assert "Leegstand te lijf" in mails_to("bram@example.org")[0].body


def test_a_second_run_that_read_the_same_moment_claims_nothing(cast, leegstand_weekly):
    """Two runs that started together: the one that comes second finds last_sent_at moved and sends nothing."""
    with at(2):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(7):
        assert digest_actions._send_one(leegstand_weekly.pk, moment(0), moment(7)) is True
        assert digest_actions._send_one(leegstand_weekly.pk, moment(0), moment(7)) is False
    assert len(mail.outbox) == 1


def test_the_command_reports_what_it_did_and_is_safe_to_run_daily(cast, leegstand_weekly):
    with at(2):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    out = io.StringIO()
    for day in range(3, 10):
        with at(day):
            call_command("send_digests", stdout=out)
    assert len(mail.outbox) == 1
    assert "verzonden: 1" in out.getvalue()
    sent = AuditEvent.objects.get(action="learning.digest_sent")
    assert sent.changes == {"sections": 1, "items": 1}


def test_titles_reach_the_html_part_only_escaped(cast, leegstand_weekly):
    with at(1):
        session(programme(), '<script>alert("x")</script> Leegstand', themes=[theme()])
    with at(7):
        send_digests()
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_switch_off_link_in_the_message_works_in_one_click(cast, client, leegstand_weekly):
    with at(1):
        session(programme(), "Leegstand te lijf", themes=[theme()])
    with at(7):
        send_digests()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert link in mail.outbox[0].body
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 200
    assert DigestPreference.objects.get(user=cast.bram).frequency == DigestFrequency.UIT
