"""Issue 9, follow-up of finding 7: a footfall file with a count in the hour the spring clock change skips.

On the last Sunday of March the clocks in Brussels go from 2:00 straight to 3:00: a count "at 2:00" that day is a
wrong date or hour, or a counter that does not know the change. The API refuses it; the file import (command line
and wizard) refuses it by the same rule, naming the file, the line and the time. The repeated autumn hour stays
as it was: its two lines add up (see test_import_footfall.py).
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.importers.footfall import read_footfall
from kernkompas.monitor.importers.records import FootfallRecord
from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount

SKIPPED = "31-03-2024 02:00 bestaat niet in Europe/Brussels: de klok werd een uur vooruitgezet"


@pytest.fixture(autouse=True)
def brussels(settings):
    settings.TIME_ZONE = "Europe/Brussels"


def _refused(path) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        read_footfall(path)
    return [str(problem) for problem in refused.value.problems]


def test_a_line_of_a_long_file_in_the_skipped_spring_hour_is_refused_with_file_line_and_time(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text(
        "telpunt;datum;uur;aantal\nMarkt;31-03-2024;1;10\nMarkt;31-03-2024;2;5\nMarkt;31-03-2024;3;7\n",
        encoding="utf-8",
    )

    assert _refused(path) == [f"telling.csv, regel 3, veld “uur”: {SKIPPED}"]


def test_a_line_of_a_wide_file_and_a_date_with_time_in_the_skipped_hour_are_refused(tmp_path):
    wide = tmp_path / "breed.csv"
    wide.write_text("datum;uur;Markt;Kerkstraat\n31-03-2024;1;4;5\n31-03-2024;2;10;20\n", encoding="utf-8")
    stamped = tmp_path / "tijdstip.csv"
    stamped.write_text("telpunt;datum;aantal\nMarkt;2024-03-31 02:00;5\nMarkt;2024-03-31 03:00;5\n", encoding="utf-8")

    assert _refused(wide) == [f"breed.csv, regel 3, veld “uur”: {SKIPPED}"]
    assert _refused(stamped) == [f"tijdstip.csv, regel 2, veld “datum”: {SKIPPED}"]


def test_the_file_and_the_api_give_the_same_reason(client, cast, tmp_path):
    CountingPoint.objects.create(gebied=cast.markt, name="Markt")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    path = tmp_path / "telling.csv"
    path.write_text("telpunt;datum;uur;aantal\nMarkt;31-03-2024;2;5\n", encoding="utf-8")

    response = client.post(
        "/api/v1/monitor/footfall",
        json.dumps({"counts": [{"point": "Markt", "start": "2024-03-31T02:00:00", "value": 5}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 400
    assert response.json()["problems"] == [f"item 1, start: {SKIPPED}"]
    assert _refused(path) == [f"telling.csv, regel 2, veld “uur”: {SKIPPED}"]


def test_the_import_command_refuses_the_file_and_writes_nothing(cast, tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text("telpunt;datum;uur;aantal\nMarkt;31-03-2024;1;10\nMarkt;31-03-2024;2;5\n", encoding="utf-8")

    with pytest.raises(CommandError, match="regel 3, veld “uur”: 31-03-2024 02:00 bestaat niet"):
        call_command("import_footfall", str(path), "--area", "maasdijk/centrum/marktplein", "--no-progress")

    assert not FootfallCount.objects.exists()


def test_the_operation_refuses_a_record_in_the_skipped_hour_from_any_caller(cast):
    records = [
        FootfallRecord(
            where="regel 2", point="Markt", start=datetime.datetime(2024, 3, 31, 1), resolution="hour", value=1
        ),
        FootfallRecord(
            where="regel 3", point="Markt", start=datetime.datetime(2024, 3, 31, 2), resolution="hour", value=2
        ),
        # A day count starts at midnight: the spring day itself is a day like any other.
        FootfallRecord(where="regel 4", point="Markt", start=datetime.datetime(2024, 3, 31), resolution="day", value=3),
    ]

    with translation.override("en"), pytest.raises(ImportRejected) as refused:
        import_footfall(cast.markt, records, [], by=cast.ellen, file_name="telling.csv", sha256="s", format="csv")

    assert [str(p) for p in refused.value.problems] == [
        "telling.csv, regel 3: 31-03-2024 02:00 does not exist in Europe/Brussels: the clocks went forward an hour"
    ]
    assert not FootfallCount.objects.exists()


def test_the_hours_around_the_skipped_one_and_a_daily_file_for_that_sunday_are_accepted(tmp_path):
    hourly = tmp_path / "uren.csv"
    hourly.write_text("telpunt;datum;uur;aantal\nMarkt;31-03-2024;1;10\nMarkt;31-03-2024;3;7\n", encoding="utf-8")
    daily = tmp_path / "dagen.csv"
    daily.write_text("telpunt;datum;aantal\nMarkt;31-03-2024;170\n", encoding="utf-8")

    assert [r.start.hour for r in read_footfall(hourly)[0]] == [1, 3]
    assert [(r.resolution, r.value) for r in read_footfall(daily)[0]] == [("day", 170)]
