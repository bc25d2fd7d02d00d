"""The calendar files, read back with two independent parsers (``vobject`` and ``icalendar``): a stable UID, the
SEQUENCE, local times with their TZID and the VTIMEZONE that defines it, STATUS:CANCELLED for a cancelled session,
the URL and LOCATION, never the meeting link; feeds per programme and per theme with only published sessions."""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import pytest
import vobject
from django.urls import reverse

from kernkompas.learning.models import LearningTheme, Session, SessionStatus
from kernkompas.learning.tests.test_public_setup import make_programme, make_session

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
MEETING = "https://meet.example.org/niet-in-de-agenda"
# 18:00 UTC in winter is 19:00 in Brussels; 17:00 UTC in summer is 19:00 too.
WINTER = datetime.datetime(2030, 1, 15, 18, 0, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2030, 6, 12, 17, 0, tzinfo=datetime.UTC)


@pytest.fixture
def programme(cast):
    return make_programme(cast.maasdijk)


@pytest.fixture
def session(programme):
    session = make_session(
        programme,
        starts_at=WINTER,
        title="Aanpak leegstand; met komma's, en meer",
        location="Stadhuis, Markt 1",
        format="locatie",
        meeting_url=MEETING,
    )
    session.themes.add(LearningTheme.objects.get(slug="aanpak-leegstand"))
    return session


def fetch(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def session_ics(client, session) -> bytes:
    return fetch(client, reverse("learning:session_ics", kwargs={"programme": "maasdijk-leert", "slug": session.slug}))


def parse_both(content: bytes):
    """The calendar as vobject reads it and as icalendar reads it (each raises on a malformed file)."""
    return vobject.readOne(content.decode("utf-8")), icalendar.Calendar.from_ical(content)


def test_a_session_calendar_file_reads_the_same_in_both_parsers(client, session):
    content = session_ics(client, session)
    with_vobject, with_icalendar = parse_both(content)
    event = with_vobject.vevent
    assert event.uid.value == f"learning-session-{session.pk}@127.0.0.1"
    assert event.summary.value == "Aanpak leegstand; met komma's, en meer"
    assert event.dtstart.value == datetime.datetime(2030, 1, 15, 19, 0, tzinfo=event.dtstart.value.tzinfo)
    assert event.dtstart.value.utcoffset() == datetime.timedelta(hours=1)
    assert event.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/Brussels"]  # vobject's name for the TZID
    assert b"DTSTART;TZID=Europe/Brussels:20300115T190000" in content
    assert event.dtend.value - event.dtstart.value == datetime.timedelta(hours=2)
    assert event.location.value == "Stadhuis, Markt 1"
    assert event.url.value == "http://127.0.0.1:8000" + session.get_absolute_url()
    assert event.status.value == "CONFIRMED" and event.sequence.value == "0"
    assert with_vobject.vtimezone.tzid.value == "Europe/Brussels"

    events = list(with_icalendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["UID"]) == event.uid.value
    assert events[0].decoded("DTSTART") == WINTER
    assert events[0].decoded("DTSTART").tzinfo is not None
    assert [str(tz["TZID"]) for tz in with_icalendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert MEETING.encode() not in content and b"niet-in-de-agenda" not in content


def test_summer_time_is_read_as_two_hours_ahead_of_utc(client, programme):
    summer = make_session(programme, slug="zomer", starts_at=SUMMER)
    with_vobject, with_icalendar = parse_both(session_ics(client, summer))
    assert with_vobject.vevent.dtstart.value.utcoffset() == datetime.timedelta(hours=2)
    assert with_vobject.vevent.dtstart.value.astimezone(datetime.UTC) == SUMMER
    assert next(iter(with_icalendar.walk("VEVENT"))).decoded("DTSTART").astimezone(datetime.UTC) == SUMMER


def test_a_change_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_says_cancelled(client, session):
    before = parse_both(session_ics(client, session))[0].vevent
    Session.objects.filter(pk=session.pk).update(
        sequence=3,
        status=SessionStatus.GEANNULEERD,
        starts_at=WINTER + datetime.timedelta(hours=1),
        ends_at=WINTER + datetime.timedelta(hours=3),
    )
    with_vobject, with_icalendar = parse_both(session_ics(client, session))
    after = with_vobject.vevent
    assert after.uid.value == before.uid.value
    assert after.sequence.value == "3" and after.status.value == "CANCELLED"
    event = next(iter(with_icalendar.walk("VEVENT")))
    assert int(event["SEQUENCE"]) == 3 and str(event["STATUS"]) == "CANCELLED"


def test_an_online_session_says_online_as_its_location(client, programme):
    online = make_session(programme, slug="online", format="online", meeting_url=MEETING)
    content = session_ics(client, online)
    assert parse_both(content)[0].vevent.location.value == "Online"
    assert MEETING.encode() not in content


def test_the_programme_feed_holds_only_published_and_cancelled_sessions_with_its_name(client, programme, session):
    make_session(programme, slug="concept", title="Nog een concept", status=SessionStatus.CONCEPT)
    make_session(programme, slug="afgelast", title="Afgelast", status=SessionStatus.GEANNULEERD)
    content = fetch(client, reverse("learning:programme_ics", kwargs={"slug": programme.slug}))
    with_vobject, with_icalendar = parse_both(content)
    titles = sorted(event.summary.value for event in with_vobject.vevent_list)
    assert titles == ["Aanpak leegstand; met komma's, en meer", "Geannuleerd: Afgelast"]
    assert with_vobject.contents["x-wr-calname"][0].value == "Maasdijk leert · Stedelijk leren"
    assert str(with_icalendar["X-WR-CALNAME"]) == "Maasdijk leert · Stedelijk leren"
    assert len(list(with_icalendar.walk("VEVENT"))) == 2
    assert b"Nog een concept" not in content


def test_the_theme_feed_holds_the_published_sessions_on_that_theme(client, programme, session):
    make_session(programme, slug="ander-thema", title="Over iets anders")
    theme = LearningTheme.objects.get(slug="aanpak-leegstand")
    content = fetch(client, reverse("learning:theme_ics", kwargs={"pk": theme.pk}))
    with_vobject, with_icalendar = parse_both(content)
    assert [event.summary.value for event in with_vobject.vevent_list] == [session.title]
    assert "Aanpak leegstand" in str(with_icalendar["X-WR-CALNAME"])


def test_a_draft_or_a_programme_that_is_not_public_has_no_calendar(client, cast, programme):
    draft = make_session(programme, slug="concept", status=SessionStatus.CONCEPT)
    path = reverse("learning:session_ics", kwargs={"programme": programme.slug, "slug": draft.slug})
    assert client.get(path).status_code == 404
    client.force_login(cast.ellen)
    assert client.get(path).status_code == 404
    hidden = make_programme(cast.maasdijk, slug="intern", public=False)
    make_session(hidden, slug="intern")
    assert client.get(reverse("learning:programme_ics", kwargs={"slug": "intern"})).status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(client, programme):
    with_vobject, with_icalendar = parse_both(
        fetch(client, reverse("learning:programme_ics", kwargs={"slug": programme.slug}))
    )
    assert with_vobject.name == "VCALENDAR" and not list(with_icalendar.walk("VEVENT"))
