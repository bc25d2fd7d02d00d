"""Issue 9, finding 3: a counter key could break or hijack a public dashboard with a count at an impossible time.

A count may start from 1 January 2000 up to a quarter of an hour after now (``footfall_rules``), one rule for the
API, the footfall file on the command line and in the wizard; the dashboard reads only counts within it, so a count
stored at an extreme date before the rule existed neither takes the page down nor moves its window.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.importers.footfall import read_footfall
from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount, PendingUpload
from kernkompas.monitor.tests.test_upload_views import url

API = "/api/v1/monitor/footfall"
NOW = datetime.datetime(2025, 3, 1, 8, 50, tzinfo=datetime.UTC)  # 9:50 in Brussels


@pytest.fixture
def counter(cast):
    """Maasdijk's Marktplein, public, with one counting point and a counter key of Maasdijk."""
    cast.markt.is_public = True
    cast.markt.save()
    CountingPoint.objects.create(gebied=cast.markt, name="Markt Noord")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    return key


def post(client, key, *starts, language=None):
    counts = [{"point": "Markt Noord", "start": start, "value": 10 + i} for i, start in enumerate(starts)]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if language:
        headers["HTTP_ACCEPT_LANGUAGE"] = language
    return client.post(API, json.dumps({"counts": counts}), content_type="application/json", **headers)


# --- The API -------------------------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("start", ["9999-12-31T23:00", "2099-06-01T10:00", "2025-03-01T11:00"])
def test_a_count_in_the_future_is_refused_per_item_and_nothing_is_written(client, counter, start):
    response = post(client, counter, "2025-03-01T08:00", start, language="en")

    assert response.status_code == 400, response.content
    (problem,) = response.json()["problems"]
    assert problem.startswith("item 2, start: ")
    assert "is in the future: a count may start at most 15 minutes after now (01-03-2025 09:50)" in problem
    assert not FootfallCount.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_hour_that_is_just_starting_is_accepted_from_a_counter_whose_clock_runs_fast(client, counter):
    assert post(client, counter, "2025-03-01T10:00").status_code == 200  # 10 minutes ahead
    assert post(client, counter, "2025-03-01T10:00:00+01:00").status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("start", ["0001-01-01T00:00:00", "1999-12-31T23:00:00", "1925-03-01T09:00:00"])
def test_a_count_before_2000_is_refused(client, counter, start):
    response = post(client, counter, start, language="en")

    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"item 1, start: {start} is before 01-01-2000: counts that old are not accepted (is the year right?)"
    ]
    assert not FootfallCount.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_problem_is_in_dutch_unless_the_request_asks_for_english(client, counter):
    dutch = post(client, counter, "2099-06-01T10:00")
    english = post(client, counter, "2099-06-01T10:00", language="en-GB,en;q=0.9")

    assert dutch["Content-Language"] == "nl" and english["Content-Language"] == "en"
    assert dutch.json()["problems"][0].startswith("item 1, start: 2099-06-01T10:00:00 ligt in de toekomst")
    assert english.json()["problems"][0].startswith("item 1, start: 2099-06-01T10:00:00 is in the future")


# --- The file: command line and wizard -------------------------------------------------------------------------------


def _file(tmp_path, *dates):
    path = tmp_path / "telling.csv"
    path.write_text("telpunt;datum;uur;aantal\n" + "".join(f"Markt;{d};9;10\n" for d in dates), encoding="utf-8")
    return path


@time_machine.travel(NOW, tick=False)
def test_a_footfall_file_with_a_date_in_the_future_or_before_2000_is_refused_with_line_and_column(tmp_path):
    path = _file(tmp_path, "28-02-2025", "31-12-2099", "01-01-1925")

    with pytest.raises(ImportRejected) as refused:
        read_footfall(path)

    assert [str(p) for p in refused.value.problems] == [
        "telling.csv, regel 3, veld “datum”: 31-12-2099 09:00 ligt in de toekomst: een telling mag ten hoogste 15 "
        "minuten na nu (01-03-2025 09:50) beginnen; kijk het jaar en de klok van de teller na",
        "telling.csv, regel 4, veld “datum”: 01-01-1925 09:00 ligt vóór 01-01-2000: zo oude tellingen worden niet "
        "aanvaard (klopt het jaar?)",
    ]


def test_a_count_past_what_the_register_holds_is_a_problem_in_a_file_too(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text(f"telpunt;datum;uur;aantal\nMarkt;28-02-2025;9;2147483648\nMarkt;28-02-2025;10;{'9' * 5000}\n")

    with pytest.raises(ImportRejected) as refused:
        read_footfall(path)

    assert [str(p) for p in refused.value.problems] == [
        "telling.csv, regel 2, veld “aantal”: 2147483648 is meer dan 2147483647, de grootste telling die het "
        "register bewaart",
        "telling.csv, regel 3, veld “aantal”: 99999999999999999999… is meer dan 2147483647, de grootste telling die "
        "het register bewaart",
    ]


@time_machine.travel(NOW, tick=False)
def test_the_import_command_refuses_the_file_and_writes_nothing(cast, tmp_path):
    path = _file(tmp_path, "28-02-2025", "31-12-9999")

    with pytest.raises(CommandError, match="31-12-9999 09:00 ligt in de toekomst"):
        call_command("import_footfall", str(path), "--area", "maasdijk/centrum/marktplein", "--no-progress")

    assert not FootfallCount.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_wizard_shows_the_problem_at_its_check_step_and_imports_nothing(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MONITOR_UPLOAD_ROOT = str(tmp_path / "uploads")
    client.force_login(cast.ellen)
    content = _file(tmp_path, "31-12-2099").read_bytes()

    client.post(
        url("upload", cast.markt),
        {"kind": "footfall", "count_date": "", "file": SimpleUploadedFile("telling.csv", content, "text/csv")},
    )
    pending = PendingUpload.objects.get()
    check = client.get(url("upload_check", cast.markt, pk=pending.pk))

    assert [str(p) for p in check.context["problems"]] == [
        "telling.csv, regel 2, veld “datum”: 31-12-2099 09:00 ligt in de toekomst: een telling mag ten hoogste 15 "
        "minuten na nu (01-03-2025 09:50) beginnen; kijk het jaar en de klok van de teller na"
    ]
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert not FootfallCount.objects.exists()


# --- The dashboard ---------------------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_count_stored_at_an_extreme_date_neither_breaks_nor_moves_the_dashboard(client, counter):
    point = CountingPoint.objects.get()
    assert post(client, counter, "2025-02-27T09:00", "2025-02-28T09:00").status_code == 200
    # Stored past the rule, as a counter key could before it existed.
    for start in (datetime.datetime(9999, 12, 31, 23), datetime.datetime(2099, 1, 1), datetime.datetime(1, 1, 1)):
        FootfallCount.objects.create(point=point, resolution="hour", start=start.replace(tzinfo=datetime.UTC), value=1)

    response = client.get(
        reverse("monitor:gebied", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"})
    )

    assert response.status_code == 200
    footfall = response.context["footfall"]
    assert (footfall["date_from"], footfall["date_to"]) == (datetime.date(2025, 2, 27), datetime.date(2025, 2, 28))
