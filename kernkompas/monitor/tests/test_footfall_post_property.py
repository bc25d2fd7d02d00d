"""The footfall endpoint under arbitrary posts (Hypothesis): times with any offset around both clock changes and at
the edges of what a date holds, values across the integer ranges, unknown points, repeats.

For every post: never a server error; either a 4xx that says what is wrong per item and changes nothing in the
register, or a 200 after which the register holds, per point and local hour, exactly the sum of the counts sent
for it (the rule of the footfall files), and sending the same post again changes nothing.
"""

from __future__ import annotations

import datetime
import json
import zoneinfo
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount

API = "/api/v1/monitor/footfall"
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
KNOWN = ("Markt Noord", "Kerkstraat")
STORED_BEFORE = datetime.datetime(2025, 10, 26, 1, tzinfo=datetime.UTC)  # a count of Markt Noord at 1:00 local

# Moments around the clock changes of 2025 (30 March, 26 October), an ordinary hour, the edges of the accepted
# span and of what a date holds; each sent without offset or with one of these offsets.
MOMENTS = [
    datetime.datetime(2025, 3, 30, 0),
    datetime.datetime(2025, 3, 30, 1),
    datetime.datetime(2025, 3, 30, 2),
    datetime.datetime(2025, 3, 30, 3),
    datetime.datetime(2025, 10, 26, 0),
    datetime.datetime(2025, 10, 26, 1),
    datetime.datetime(2025, 10, 26, 2),
    datetime.datetime(2025, 10, 26, 3),
    datetime.datetime(2025, 10, 26, 0, 30),
    datetime.datetime(2025, 6, 1, 12),
    datetime.datetime(2025, 6, 1),
    datetime.datetime(1999, 12, 31, 23),
    datetime.datetime(2000, 1, 1, 0),
    datetime.datetime(2099, 1, 1, 0),
    datetime.datetime(9999, 12, 31, 23),
    datetime.datetime(1, 1, 1, 0),
]
OFFSETS = [None, 0, 1, 2, -5, 14, -12, 5.5]
ODD_VALUES = st.sampled_from([-1, 2**31 - 1, 2**31, 2**53, 2**63 - 1, 2**63, 2**64])


def start_strategy(moments, offsets):
    def build(moment, offset):
        if offset is not None:
            moment = moment.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=offset)))
        return moment.isoformat()

    return st.builds(build, st.sampled_from(moments), st.sampled_from(offsets))


# One item in six is anything at all (an unknown point, a day that does not start at midnight, a time off the
# hour, at the edge of what a date holds, a value past the integer ranges); the others are ordinary counts around
# the clock changes, often repeated, so that refused and stored posts are both common (see the statistics with
# pytest --hypothesis-show-statistics).
ANYTHING = st.fixed_dictionaries(
    {
        "point": st.sampled_from([*KNOWN, "Onbekend punt"]),
        "start": start_strategy(MOMENTS, OFFSETS),
        "value": st.one_of(st.integers(0, 1000), ODD_VALUES),
        "resolution": st.sampled_from(["hour", "day"]),
    }
)
ORDINARY = st.fixed_dictionaries(
    {
        "point": st.sampled_from(KNOWN),
        "start": start_strategy(MOMENTS[:8] + MOMENTS[9:10], OFFSETS[:5]),
        "value": st.integers(0, 1000),
        "resolution": st.just("hour"),
    }
)
ITEMS = st.sampled_from(range(6)).flatmap(lambda k: ANYTHING if k == 0 else ORDINARY)


@pytest.fixture(autouse=True)
def brussels(settings):
    settings.TIME_ZONE = "Europe/Brussels"


@pytest.fixture
def counter(cast):
    for name in KNOWN:
        CountingPoint.objects.create(gebied=cast.markt, name=name)
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    return key


def register() -> dict:
    return {
        (name, resolution, start, fold): value
        for name, resolution, start, fold, value in FootfallCount.objects.values_list(
            "point__name", "resolution", "start", "fold", "value"
        )
    }


def per_local_hour(rows: dict) -> dict:
    totals = defaultdict(int)
    for (name, resolution, start, _fold), value in rows.items():
        totals[(name, resolution, start.replace(tzinfo=None))] += value
    return dict(totals)


def local_start(start: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(start)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(counts=st.lists(ITEMS, min_size=1, max_size=5))
def test_a_post_is_refused_whole_or_stored_exactly_and_never_breaks(client, counter, counts):
    FootfallCount.objects.all().delete()
    FootfallCount.objects.create(
        point=CountingPoint.objects.get(name="Markt Noord"), resolution="hour", start=STORED_BEFORE, value=3
    )
    before = register()

    def send():
        return client.post(
            API,
            json.dumps({"counts": counts}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {counter}",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    response = send()
    event(f"answered {response.status_code}")  # pytest --hypothesis-show-statistics: both outcomes are reached

    assert response.status_code in (200, 400, 422), response.content
    if response.status_code != 200:
        problems = response.json()["problems"]
        assert problems and all(problem.split(",")[0].startswith(("item ", "counts")) for problem in problems)
        assert register() == before
        return
    # Stored: each point and local hour holds the sum of the counts sent for it; other hours are as they were.
    sent = defaultdict(int)
    for count in counts:
        sent[(count["point"], count["resolution"], local_start(count["start"]))] += count["value"]
    stored = per_local_hour(register())
    expected = {**per_local_hour(before), **sent}
    assert stored == expected
    assert response.json()["received"] == len(counts) == len(response.json()["items"])
    # The same post again: nothing changes.
    again = send().json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, len(counts))
    assert per_local_hour(register()) == expected
