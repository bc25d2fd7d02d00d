"""Footfall around the clock changes: a day is complete with the hours it has in the site's time zone."""

from __future__ import annotations

import datetime

import pytest

from kernkompas.monitor import footfall
from kernkompas.monitor.importers.records import FootfallRecord
from kernkompas.monitor.models import CountingPoint
from kernkompas.monitor.tests.test_footfall_series import hours, import_them

pytestmark = pytest.mark.django_db

D = datetime.date
SPRING, AUTUMN = D(2024, 3, 31), D(2024, 10, 27)  # last Sundays of March and October 2024
SATURDAY = D(2024, 3, 30)


@pytest.fixture(autouse=True)
def brussels(settings):
    settings.TIME_ZONE = "Europe/Brussels"


def test_the_local_hours_of_the_clock_change_days():
    assert footfall.hours_in_day(SATURDAY) == 24
    assert footfall.local_hours(SPRING) == (0, 1, *range(3, 24))  # 2:00 does not exist: clocks go to 3:00
    assert footfall.hours_in_day(SPRING) == 23
    # The repeated 2:00 in autumn is one local hour holding both counts: 24 slots.
    assert footfall.hours_in_day(AUTUMN) == 24
    assert footfall.hours_in_day(D(2024, 10, 26)) == 24


def test_the_spring_day_with_its_23_hours_is_complete_and_has_no_gap(cast):
    import_them(
        cast,
        [
            # Saturday before: hour 2 missing too, but that hour exists on a Saturday: incomplete, a gap.
            *hours("Queen St", SATURDAY, lambda h: 1, skip=(2,)),
            *hours("Queen St", SPRING, lambda h: h, skip=(2,)),  # 0 + 1 + 3 + … + 23 = 276 − 2 = 274
        ],
    )
    queen = CountingPoint.objects.get(name="Queen St")
    totals = footfall.daily_totals(queen, SATURDAY, SPRING)
    assert [(d.date, d.total, d.hours, d.expected_hours, d.complete) for d in totals] == [
        (SATURDAY, 23, 23, 24, False),
        (SPRING, 274, 23, 23, True),
    ]
    gaps = footfall.gaps(queen, SATURDAY, SPRING)
    assert [(g.start, g.end) for g in gaps] == [(datetime.datetime(2024, 3, 30, 2), datetime.datetime(2024, 3, 30, 3))]
    assert [w["mean"] for w in footfall.weekday_profile(queen, SATURDAY, SPRING)][6] == 274
    profile = footfall.hour_profile(queen, SATURDAY, SPRING)
    # Only Sunday is complete; it has no 2:00, so that hour has no mean instead of a made-up zero.
    assert (profile[1]["mean"], profile[1]["days"]) == (1, 1)
    assert (profile[2]["mean"], profile[2]["days"]) == (None, 0)
    assert (profile[3]["mean"], profile[3]["days"]) == (3, 1)


def test_the_autumn_day_is_complete_with_24_local_hours_and_not_with_23(cast):
    doubled = FootfallRecord(
        "regel 3 + regel 4", "Queen St", datetime.datetime.combine(AUTUMN, datetime.time(2)), "hour", 20, True
    )
    next_day = AUTUMN + datetime.timedelta(days=1)
    import_them(
        cast,
        [
            *hours("Queen St", AUTUMN, lambda h: 10, skip=(2,)),
            doubled,
            *hours("Queen St", next_day, lambda h: 10, skip=(5,)),  # Monday with 23 hours: incomplete
        ],
    )
    queen = CountingPoint.objects.get(name="Queen St")
    totals = footfall.daily_totals(queen, AUTUMN, next_day)
    assert [(d.date, d.total, d.hours, d.expected_hours, d.complete) for d in totals] == [
        (AUTUMN, 23 * 10 + 20, 24, 24, True),
        (next_day, 230, 23, 24, False),
    ]
    assert [(g.start, g.length) for g in footfall.gaps(queen, AUTUMN, next_day)] == [
        (datetime.datetime(2024, 10, 28, 5), 1)
    ]
