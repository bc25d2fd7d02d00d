"""What a footfall count may be: one rule for the counts that counters post through the API, the footfall files
imported on the command line and in the wizard, and what the area dashboard reads.

When
    From 1 January 2000, 0:00 local time, up to a quarter of an hour after now. Automatic counters in Belgian and
    Dutch town centres date from the 2000s; a count before 2000 is as good as always a mistyped year (0025, 1925),
    and would only stretch the year-on-year comparison and the date arithmetic towards what a date can hold. A
    counter whose clock runs a little fast may send the hour that is just starting; a count further ahead is a
    wrong clock or a wrong year, and once stored it would move the dashboard's footfall window into the future
    and hide all real counts.
Which hour
    A local time that does not exist is refused: the hour the spring clock change skips (in Europe/Brussels
    2:00-3:00 on the last Sunday of March). A count "at 2:00" that day is a wrong date or hour, or a counter that
    does not know the change; stored, it would sit in an hour the dashboard does not have. The hour the autumn
    change repeats exists (twice) and is accepted: its two counts add up.
How many
    A whole number of passers-by from 0 to 2,147,483,647, the largest value the register's column holds in
    PostgreSQL (the embedded SQLite default is held to the same limit, so both behave alike).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.lib import clock

EARLIEST = datetime.datetime(2000, 1, 1)
AHEAD = datetime.timedelta(minutes=15)
MAX_VALUE = 2_147_483_647


def shown(moment: datetime.datetime) -> str:
    """A start as the import messages write it (31-12-2024 09:00)."""
    return moment.strftime("%d-%m-%Y %H:%M")


@dataclass(frozen=True)
class Span:
    """The starts accepted now, as local wall-clock times (naive, in the site's time zone)."""

    earliest: datetime.datetime
    latest: datetime.datetime

    def problem(self, start: datetime.datetime, given: str | None = None) -> str | None:
        """Why a count starting at ``start`` (local wall-clock time, naive) is not accepted; None when it is.

        ``given`` is how the sender wrote it, when that says more than the local time (an offset or UTC)."""
        if self.earliest <= start <= self.latest:
            return None
        values = {"start": given or shown(start), "earliest": shown(self.earliest)[:10]}
        if start < self.earliest:
            return _("%(start)s is before %(earliest)s: counts that old are not accepted (is the year right?)") % values
        return _(
            "%(start)s is in the future: a count may start at most %(minutes)s minutes after now (%(now)s); "
            "check the year and the counter's clock"
        ) % {**values, "minutes": int(AHEAD.total_seconds() // 60), "now": shown(self.latest - AHEAD)}

    def contains_year(self, year: int) -> bool:
        """Whether a start in ``year`` could be accepted: a cheap first test, before converting a time between
        time zones (which overflows at the edges of what a date can hold, years 1 and 9999)."""
        return self.earliest.year - 1 <= year <= self.latest.year + 1

    def stored(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The span as the register stores starts (local wall-clock time labelled UTC), for queries."""
        return self.earliest.replace(tzinfo=datetime.UTC), self.latest.replace(tzinfo=datetime.UTC)


def accepted_span(now: datetime.datetime | None = None) -> Span:
    """The starts accepted at ``now`` (default: the current time)."""
    local_now = timezone.localtime(now or timezone.now()).replace(tzinfo=None)
    return Span(EARLIEST, local_now + AHEAD)


def skipped_problem(start: datetime.datetime) -> str | None:
    """Why a local wall-clock ``start`` (naive) cannot be: it falls in the hour the spring clock change skips in
    the site's time zone. None when that time exists (the repeated autumn hour included)."""
    zone = settings.TIME_ZONE
    if start.minute or start.second or start.microsecond:
        exists = clock.exists(start, zone)
    else:
        # A whole hour, as nearly every count starts: the hours of its day are computed once per day, not per line.
        exists = start.hour in clock.local_hours(start.date(), zone)
    if exists:
        return None
    return _("%(start)s does not exist in %(zone)s: the clocks went forward an hour") % {
        "start": shown(start),
        "zone": zone,
    }


def value_problem(value: int, shown: str | None = None) -> str | None:
    """Why ``value`` is not a usable number of passers-by; None when it is. ``shown``: how the file wrote it."""
    if value < 0:
        return _("%(value)s is negative: a count cannot be below zero") % {"value": shown or value}
    if value > MAX_VALUE:
        return _("%(value)s is more than %(max)s, the largest count the register holds") % {
            "value": shown or value,
            "max": MAX_VALUE,
        }
    return None
