"""Calendar files of the learning programme (RFC 5545, written with the ``icalendar`` library): one ``.ics`` per
session and subscribable feeds per programme and per theme.

What calendar apps need to keep an event up to date: a UID that never changes (``learning-session-<pk>@<host>``),
a SEQUENCE that grows with every change of time or place (``Session.sequence``, raised by the staff's operations),
STATUS:CANCELLED when a session is cancelled (the app strikes it instead of leaving a ghost), and local times with
their TZID plus the VTIMEZONE that defines it. The meeting link is never in a calendar: it is only for registered
participants, and only shortly before the start.
"""

from __future__ import annotations

import datetime
import zoneinfo
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.learning import mail
from kernkompas.learning.models import Session, SessionFormat

PRODID = "-//Kernkompas//Stedelijk leren//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"
#: A feed holds at most this many sessions (the most recent first): calendar apps poll feeds often.
FEED_LIMIT = 500
#: The rules of Central European Time since 1996 (Brussels, Amsterdam, …) in the compact form calendar apps expect,
#: instead of a list of every transition that ends in 2038.
CET_ZONES = {"Europe/Brussels", "Europe/Amsterdam", "Europe/Luxembourg", "Europe/Paris", "Europe/Berlin"}


def _uid(session: Session) -> str:
    host = urlsplit(settings.BASE_URL).hostname or "kernkompas"
    return f"learning-session-{session.pk}@{host}"


def _location(session: Session) -> str:
    if session.format == SessionFormat.ONLINE:
        return str(_("Online"))
    if session.format == SessionFormat.HYBRIDE:
        return f"{session.location} ({_('or online')})" if session.location else str(_("Online"))
    return session.location


def _event(session: Session, zone: zoneinfo.ZoneInfo, stamp: datetime.datetime) -> icalendar.Event:
    url = mail.absolute(session.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", _uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = session.title if not session.is_cancelled else f"{_('Cancelled')}: {session.title}"
    event.add("summary", title)
    description = "\n\n".join(part for part in (session.description, url) if part)
    event.add("description", description)
    event.add("url", url)
    location = _location(session)
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _timezone(name: str) -> icalendar.Timezone:
    """The VTIMEZONE that defines the events' TZID."""
    if name not in CET_ZONES:
        return icalendar.Timezone.from_tzid(name)
    zone = icalendar.Timezone()
    zone.add("tzid", name)
    for kind, start, month, before, after, abbreviation in (
        (icalendar.TimezoneDaylight, datetime.datetime(1970, 3, 29, 2), 3, 1, 2, "CEST"),
        (icalendar.TimezoneStandard, datetime.datetime(1970, 10, 25, 3), 10, 2, 1, "CET"),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", datetime.timedelta(hours=before))
        part.add("tzoffsetto", datetime.timedelta(hours=after))
        part.add("tzname", abbreviation)
        zone.add_component(part)
    return zone


def _calendar(sessions, *, name: str = "", description: str = "") -> bytes:
    zone_name = settings.TIME_ZONE
    zone = zoneinfo.ZoneInfo(zone_name)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("x-wr-timezone", zone_name)
    if description:
        calendar.add("x-wr-caldesc", description)
    # Calendar apps that subscribe look again after this interval.
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    calendar.add_component(_timezone(zone_name))
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        calendar.add_component(_event(session, zone, stamp))
    return calendar.to_ical()


def session_ics(session: Session) -> bytes:
    """The calendar file of one session (to download, and attached to the reminder)."""
    return _calendar([session])


def feed_ics(sessions, *, name: str, description: str = "") -> bytes:
    """A subscribable feed: published (and cancelled) sessions, newest first up to :data:`FEED_LIMIT`."""
    sessions = sessions.select_related("programme").order_by("-starts_at")[:FEED_LIMIT]
    return _calendar(sessions, name=name, description=description)
