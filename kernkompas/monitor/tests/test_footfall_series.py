"""Footfall: import (idempotent), daily totals with gaps, year on year, profiles, and the counter API operation."""

from __future__ import annotations

import datetime

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.core.problems import ImportRejected
from kernkompas.monitor import footfall
from kernkompas.monitor.actions.counter_keys import CounterKeyInvalid, create_counter_token, revoke_counter_token
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.actions.footfall_posts import FootfallPostRejected, post_footfall
from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount, ImportRun

pytestmark = pytest.mark.django_db

D = datetime.date
MON, TUE, WED, THU = D(2024, 6, 3), D(2024, 6, 4), D(2024, 6, 5), D(2024, 6, 6)
LAST_MON, LAST_THU = D(2023, 6, 5), D(2023, 6, 8)  # ISO week 23 of 2023, same weekdays


def hours(point, day, value, skip=()):
    return [
        FootfallRecord(
            where=f"regel {h}",
            point=point,
            start=datetime.datetime.combine(day, datetime.time(h)),
            resolution="hour",
            value=value(h),
        )
        for h in range(24)
        if h not in skip
    ]


def records():
    """Queen St, hourly: Monday h+1 per hour (300), Tuesday without 10:00 and 11:00 (300 − 11 − 12 = 277),
    no Wednesday at all, Thursday 10 per hour (240). A year earlier: Monday 2 per hour (48), Thursday only 12
    hours. Karangahape Rd, daily: 1000 on Monday."""
    return [
        *hours("Queen St", MON, lambda h: h + 1),
        *hours("Queen St", TUE, lambda h: h + 1, skip=(10, 11)),
        *hours("Queen St", THU, lambda h: 10),
        *hours("Queen St", LAST_MON, lambda h: 2),
        *hours("Queen St", LAST_THU, lambda h: 3, skip=range(12)),
        FootfallRecord("regel 200", "Karangahape Rd", datetime.datetime.combine(MON, datetime.time()), "day", 1000),
    ]


def import_them(cast, recs=None, sha="f1"):
    return import_footfall(
        cast.markt,
        records() if recs is None else recs,
        [PointRecord("Queen St", lat=-36.85, lon=174.76)],
        by=cast.ellen,
        file_name="telling.csv",
        sha256=sha,
        format="csv",
    )


@pytest.fixture
def points(cast):
    import_them(cast)
    return CountingPoint.objects.get(name="Queen St"), CountingPoint.objects.get(name="Karangahape Rd")


def test_import_is_idempotent_and_replaces_changed_values(cast):
    first = import_them(cast)
    n = 24 + 22 + 24 + 24 + 12 + 1
    assert (first.rows, first.created, first.updated, first.unchanged) == (n, n, 0, 0)
    queen = CountingPoint.objects.get(name="Queen St")
    assert (queen.lat, queen.lon) == (-36.85, 174.76)
    assert CountingPoint.objects.get(name="Karangahape Rd").lat is None  # not described: no location
    second = import_them(cast)
    assert (second.created, second.updated, second.unchanged, second.already_imported) == (0, 0, n, True)
    changed = records()
    changed[0].value = 99
    third = import_them(cast, changed, sha="f2")
    assert (third.created, third.updated, third.unchanged) == (0, 1, n - 1)
    assert FootfallCount.objects.count() == n
    assert ImportRun.objects.filter(kind="footfall").count() == 3
    assert AuditEvent.objects.filter(action="monitor.import_footfall").count() == 3


def test_conflicting_and_negative_counts_are_refused(cast):
    recs = records()
    recs.append(FootfallRecord("regel 300", "Queen St", recs[0].start, "hour", 5))
    recs.append(FootfallRecord("regel 301", "Queen St", recs[1].start, "hour", -1))
    with pytest.raises(ImportRejected) as caught:
        import_them(cast, recs)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "regel 300" in text and "regel 0" in text and "regel 301" in text
    assert not FootfallCount.objects.exists()


def test_daily_totals_mark_incomplete_days_and_leave_gaps(points):
    queen, _k = points
    totals = footfall.daily_totals(queen, MON, THU)
    assert [(d.date, d.total, d.hours, d.complete) for d in totals] == [
        (MON, 300, 24, True),
        (TUE, 277, 22, False),
        (THU, 240, 24, True),
    ]
    assert [(g.start, g.end, g.length) for g in footfall.gaps(queen, MON, THU)] == [
        (datetime.datetime(2024, 6, 4, 10), datetime.datetime(2024, 6, 4, 12), 2),
        (datetime.datetime(2024, 6, 5, 0), datetime.datetime(2024, 6, 6, 0), 24),
    ]


def test_daily_totals_over_several_points(points):
    queen, karangahape = points
    totals = footfall.daily_totals([queen, karangahape], MON, THU)
    # Monday: 300 + 1000, complete (24 hours of Queen St and the day count of Karangahape Rd).
    assert [(d.date, d.total, d.expected_hours, d.complete) for d in totals] == [
        (MON, 1300, 24, True),
        (TUE, 277, 24, False),
        (THU, 240, 24, False),
    ]
    assert [(g.start.date(), g.length) for g in footfall.gaps(karangahape, MON, THU)] == [(TUE, 3)]


def test_year_on_year_compares_complete_days_only(points):
    queen, _k = points
    result = footfall.year_on_year(queen, MON, THU)
    # Monday against Monday 5 June 2023 (300 vs 48); Thursday's counterpart has 12 hours only: not compared.
    assert result["days"] == [
        {"date": MON, "total": 300, "previous_date": LAST_MON, "previous_total": 48, "change": (300 - 48) / 48}
    ]
    assert (result["total"], result["previous_total"]) == (300, 48)
    assert result["change"] == pytest.approx(5.25)


def test_profiles_use_complete_days(points):
    queen, _k = points
    weekdays = footfall.weekday_profile(queen, MON, THU)
    assert [(w["weekday"], w["mean"], w["days"]) for w in weekdays] == [
        (1, 300, 1),
        (2, None, 0),
        (3, None, 0),
        (4, 240, 1),
        (5, None, 0),
        (6, None, 0),
        (7, None, 0),
    ]
    profile = footfall.hour_profile(queen, MON, THU)
    # Complete days: Monday (h + 1) and Thursday (10): mean ((h + 1) + 10) / 2.
    assert [p["mean"] for p in profile] == [((h + 1) + 10) / 2 for h in range(24)]
    assert profile[0]["days"] == 2


def test_post_footfall_is_idempotent_per_point_and_hour(cast, points):
    token, key = create_counter_token(cast.maasdijk, "Teller Markt", by=cast.ellen)
    assert CounterToken.objects.get().key_hash == CounterToken.hash_key(key)
    assert key.startswith("kk_") and token.prefix == key[3:11]
    item = {"point": "Queen St", "start": "2024-06-04T10:00:00", "value": 7}
    result = post_footfall(key, [item])
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 0, 0)
    assert result["items"] == [{"point": "Queen St", "start": "2024-06-04T10:00:00", "status": "created"}]
    again = post_footfall(key, [item])
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)
    item["value"] = 8
    replaced = post_footfall(key, [item])
    assert replaced["items"][0]["status"] == "updated"
    assert (
        FootfallCount.objects.get(
            point__name="Queen St", start=datetime.datetime(2024, 6, 4, 10, tzinfo=datetime.UTC)
        ).value
        == 8
    )
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert footfall.daily_totals(points[0], TUE, TUE)[0].hours == 23


def test_post_footfall_refuses_bad_keys_and_items(cast, points):
    token, key = create_counter_token(cast.maasdijk, "Teller Markt")
    with pytest.raises(CounterKeyInvalid):
        post_footfall("kk_wrong", [{"point": "Queen St", "start": "2024-06-04T10:00:00", "value": 1}])
    _other, other_key = create_counter_token(cast.veldrode, "Teller Veldrode")
    with pytest.raises(FootfallPostRejected) as caught:
        post_footfall(other_key, [{"point": "Queen St", "start": "2024-06-04T10:00:00", "value": 1}])
    assert "Veldrode" in str(caught.value)
    with pytest.raises(FootfallPostRejected) as caught:
        post_footfall(
            key,
            [
                {"point": "Queen St", "start": "2024-06-04T10:30:00", "value": 1},
                {"point": "Queen St", "start": "gisteren", "value": 1},
                {"point": "Queen St", "start": "2024-06-04T11:00:00", "value": -3},
            ],
        )
    assert len(caught.value.problems) == 3 and "item 1" in caught.value.problems[0]
    assert FootfallCount.objects.count() == 24 + 22 + 24 + 24 + 12 + 1  # nothing written
    revoke_counter_token(token, by=cast.ellen)
    with pytest.raises(CounterKeyInvalid):
        post_footfall(key, [{"point": "Queen St", "start": "2024-06-04T10:00:00", "value": 1}])


def test_a_correction_that_keeps_span_rows_and_total_still_refreshes_the_cached_summary(
    cast, django_capture_on_commit_callbacks
):
    from kernkompas.monitor.selectors import footfall_summary

    with django_capture_on_commit_callbacks(execute=True):
        import_them(cast)
    queen = CountingPoint.objects.get(name="Queen St")
    before = footfall_summary([queen])
    # Move 5 passers-by from 9:00 to 10:00 on Monday: same first and last hour, same rows, same total.
    moved = records()
    moved[9].value -= 5
    moved[10].value += 5
    with django_capture_on_commit_callbacks(execute=True):
        import_them(cast, moved, sha="f2")
    after = footfall_summary([queen])
    assert after["version"] != before["version"]
    assert after["hour"] != before["hour"]
    # Nothing written: the same version, so the cached summary is used.
    assert footfall_summary([queen])["version"] == after["version"]


def test_post_footfall_needs_the_same_queries_for_two_items_as_for_forty(cast, points):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _token, key = create_counter_token(cast.maasdijk, "Teller Markt", by=cast.ellen)

    def post(day, n):
        payload = [
            {"point": name, "start": f"{day}T{hour:02d}:00:00", "value": hour}
            for name in ("Queen St", "Karangahape Rd")
            for hour in range(n // 2)
        ]
        with CaptureQueriesContext(connection) as queries:
            result = post_footfall(key, payload)
        assert result["created"] + result["updated"] + result["unchanged"] == n
        return len(queries)

    assert post("2024-07-01", 2) == post("2024-07-02", 40)
    # and the stored values are found again: posting the same forty once more changes nothing
    assert (
        post_footfall(
            key, [{"point": "Queen St", "start": f"2024-07-02T{h:02d}:00:00", "value": h} for h in range(20)]
        )["unchanged"]
        == 20
    )


def test_the_import_says_when_it_added_up_the_repeated_autumn_hour(cast):
    start = datetime.datetime(2024, 10, 27, 2)
    doubled = FootfallRecord("regel 2 + regel 3", "Queen St", start, "hour", 15, clock_back=True)
    result = import_them(cast, [doubled, FootfallRecord("regel 4", "Queen St", start.replace(hour=3), "hour", 7)])
    assert result.messages == [
        "27-10-2024 02:00 kwam twee keer voor omdat de klok werd teruggezet; de tellingen van beide regels zijn in dat "
        "uur opgeteld"
    ]
    assert FootfallCount.objects.filter(value=15).count() == 1
