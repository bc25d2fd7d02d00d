"""Issue 9, finding 7: footfall posted in UTC lost the repeated autumn hour.

Posting follows the rule of the footfall files: the hour the clocks repeat in autumn (2:00 on 26 October 2025 in
Brussels) may come twice for a point and the two counts add up in that local hour, with a notice; any other
point and hour twice, or a third count for the repeated hour, is refused; a local time the spring change skips is
refused. Each time of the repeated hour sent with its offset is kept apart, so sending the same post again, or
the two times in two posts, stays exact.
"""

from __future__ import annotations

import datetime
import json

import pytest

from kernkompas.monitor import footfall
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount

API = "/api/v1/monitor/footfall"
AUTUMN = datetime.date(2025, 10, 26)
TWO_O_CLOCK = "2025-10-26T02:00:00"


@pytest.fixture(autouse=True)
def brussels(settings):
    settings.TIME_ZONE = "Europe/Brussels"


@pytest.fixture
def counter(cast):
    CountingPoint.objects.create(gebied=cast.markt, name="Markt Noord")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    return key


def post(client, key, *counts, language="en"):
    body = {"counts": [{"point": "Markt Noord", "start": start, "value": value} for start, value in counts]}
    return client.post(
        API,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def two_o_clock() -> int:
    """The passers-by the register holds for 2:00 on the autumn day, as the dashboard reads them."""
    (day,) = footfall.daily_totals(CountingPoint.objects.get(), AUTUMN, AUTUMN)
    return day.total


def test_two_counts_posted_in_utc_for_the_repeated_hour_add_up_with_a_notice(client, counter):
    response = post(client, counter, ("2025-10-26T00:00:00Z", 5), ("2025-10-26T01:00:00Z", 7))

    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["received"], data["created"]) == (2, 2)
    assert [(item["start"], item["status"]) for item in data["items"]] == [
        (TWO_O_CLOCK, "created"),
        (TWO_O_CLOCK, "created"),
    ]
    assert data["notices"] == [
        "Markt Noord, 26-10-2025 02:00: this hour happened twice because the clocks went back; the counts of items "
        "1 and 2 are added up in that hour"
    ]
    assert two_o_clock() == 12


def test_the_same_post_again_changes_nothing(client, counter):
    counts = (("2025-10-26T02:00:00+02:00", 5), ("2025-10-26T02:00:00+01:00", 7))
    post(client, counter, *counts)

    again = post(client, counter, *counts).json()

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert two_o_clock() == 12 and FootfallCount.objects.count() == 2


def test_the_two_times_may_come_in_two_posts_and_a_correction_replaces_only_its_own(client, counter):
    post(client, counter, ("2025-10-26T00:00:00Z", 5))
    post(client, counter, ("2025-10-26T01:00:00Z", 7))
    assert two_o_clock() == 12

    corrected = post(client, counter, ("2025-10-26T01:00:00Z", 8)).json()

    assert corrected["updated"] == 1
    assert two_o_clock() == 13


def test_two_counts_without_offset_for_the_repeated_hour_add_up_as_in_a_file(client, counter):
    response = post(client, counter, (TWO_O_CLOCK, 5), (TWO_O_CLOCK, 7))

    assert response.status_code == 200 and response.json()["notices"]
    assert two_o_clock() == 12
    assert post(client, counter, (TWO_O_CLOCK, 5), (TWO_O_CLOCK, 7)).json()["unchanged"] == 2


def test_a_third_count_for_the_repeated_hour_or_any_other_hour_twice_is_refused(client, counter):
    third = post(client, counter, (TWO_O_CLOCK, 5), ("2025-10-26T01:00:00Z", 7), ("2025-10-26T02:00:00+02:00", 1))
    twice = post(client, counter, ("2025-10-26T03:00:00", 5), ("2025-10-26T02:00:00Z", 7))
    same_time = post(client, counter, ("2025-10-26T00:00:00Z", 5), ("2025-10-26T02:00:00+02:00", 7))

    assert third.status_code == twice.status_code == same_time.status_code == 400
    assert third.json()["problems"] == [
        "item 3, start: Markt Noord already has the two counts of 26-10-2025 02:00, the hour that happened twice "
        "(items 1 and 2)"
    ]
    assert twice.json()["problems"] == ["item 2, start: Markt Noord already has a count for 26-10-2025 03:00 in item 1"]
    assert same_time.json()["problems"] == [
        "item 2, start: Markt Noord already has a count for 26-10-2025 02:00 in item 1"
    ]
    assert not FootfallCount.objects.exists()


def test_a_local_time_the_spring_change_skips_is_refused(client, counter):
    refused = post(client, counter, ("2025-03-30T02:00:00", 5))
    in_utc = post(client, counter, ("2025-03-30T01:00:00Z", 5))  # 3:00 in Brussels: that hour exists

    assert refused.status_code == 400
    assert refused.json()["problems"] == [
        "item 1, start: 30-03-2025 02:00 does not exist in Europe/Brussels: the clocks went forward an hour"
    ]
    assert in_utc.status_code == 200 and in_utc.json()["items"][0]["start"] == "2025-03-30T03:00:00"


def test_a_time_with_an_offset_must_fall_on_the_local_hour(client, counter):
    response = post(client, counter, ("2025-03-01T09:00:00+05:30", 5))

    assert response.json()["problems"] == [
        "item 1, start: 2025-03-01T09:00:00+05:30 is 01-03-2025 04:30 in Europe/Brussels, not the start of an hour "
        "there"
    ]


def test_the_repeated_hour_sent_once_without_offset_or_in_a_file_is_the_whole_hour(client, cast, counter):
    post(client, counter, ("2025-10-26T00:00:00Z", 5), ("2025-10-26T01:00:00Z", 7))

    assert post(client, counter, (TWO_O_CLOCK, 20)).json()["items"][0]["status"] == "updated"
    assert two_o_clock() == 20 and FootfallCount.objects.count() == 1

    post(client, counter, ("2025-10-26T00:00:00Z", 5), ("2025-10-26T01:00:00Z", 7))
    record = FootfallRecord("regel 2 + regel 3", "Markt Noord", datetime.datetime(2025, 10, 26, 2), "hour", 15, True)
    result = import_footfall(
        cast.markt, [record], [PointRecord("Markt Noord")], file_name="telling.csv", sha256="x", format="csv"
    )
    assert result.updated == 1
    assert two_o_clock() == 15 and FootfallCount.objects.count() == 1


def test_the_autumn_day_with_both_times_of_the_repeated_hour_is_complete_with_24_hours(client, counter):
    counts = [(f"2025-10-25T{h:02d}:00:00Z", 1) for h in range(22, 24)]
    counts += [(f"2025-10-26T{h:02d}:00:00Z", 1) for h in range(23)]  # 0:00Z … 22:00Z: 2:00 twice, then to 23:00

    assert post(client, counter, *counts).status_code == 200

    (day,) = footfall.daily_totals(CountingPoint.objects.get(), AUTUMN, AUTUMN)
    assert (day.total, day.hours, day.complete) == (25, 24, True)
