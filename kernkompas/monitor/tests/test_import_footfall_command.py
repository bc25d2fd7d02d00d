"""``kernkompas import-footfall``: end to end through the engine's writer, on small files and the Auckland counts."""

from __future__ import annotations

import datetime
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kernkompas.monitor.management.commands import import_footfall
from kernkompas.monitor.models import CountingPoint, FootfallCount, ImportRun
from kernkompas.monitor.tests.test_import_footfall import AUCKLAND_TIME, corrected_auckland
from kernkompas.places.tests.import_helpers import shared_data

pytestmark = pytest.mark.django_db

AREA = "maasdijk/centrum/marktplein"


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_footfall", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _refused(*args) -> str:
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import_footfall", *[str(a) for a in args], stdout=StringIO(), stderr=StringIO())
    return str(caught.value)


def _state():
    return (
        sorted(CountingPoint.objects.values_list("name", "lat", "lon")),
        sorted(FootfallCount.objects.values_list("point__name", "resolution", "start", "value")),
        ImportRun.objects.count(),
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_file_with_locations_twice_and_a_bad_file_changes_nothing(cast, tmp_path):
    counts = _write(
        tmp_path / "tellingen.csv",
        "datum;uur;Markt;Kerkstraat\n2025-04-01;9:00-9:59;12;\n2025-04-01;10:00-10:59;14;3\n",
    )
    places = _write(tmp_path / "locaties.csv", "Address,Latitude,Longitude\nMarkt,51.05,3.72\nBrug,51.06,3.73\n")

    out, _err = _run("--dry-run", counts, "--area", AREA)
    assert "3 counts at 2 counting points from 01-04-2025 to 01-04-2025" in out
    assert _state() == ([], [], 0)

    out, err = _run(counts, "--area", AREA, "--points", places)
    assert "3 counts, 3 new, 0 changed, 0 unchanged" in out
    assert "Brug" in err  # listed in the locations, but without counts
    points, rows, runs = _state()
    assert points == [("Brug", 51.06, 3.73), ("Kerkstraat", None, None), ("Markt", 51.05, 3.72)]
    assert [(name, resolution, value) for name, resolution, _start, value in rows] == [
        ("Kerkstraat", "hour", 3),
        ("Markt", "hour", 12),
        ("Markt", "hour", 14),
    ]
    assert runs == 1
    before = _state()

    out, _err = _run(counts, "--area", AREA, "--points", places)
    assert "3 counts, 0 new, 0 changed, 3 unchanged" in out
    assert _state()[:2] == before[:2]

    bad = _write(tmp_path / "fout.csv", "datum;uur;Markt\n2025-04-01;11;13\n2025-04-01;12;-1\n")
    message = _refused(bad, "--area", AREA)
    assert "Nothing was imported" in message
    assert "fout.csv, line 3, field “Markt”: -1 is negative" in message
    assert _state()[:2] == before[:2]


def test_unknown_area_and_missing_files(cast, tmp_path):
    counts = _write(tmp_path / "tellingen.csv", "datum;Markt\n2025-04-01;12\n")
    assert "there is no such area" in _refused(counts, "--area", "maasdijk/centrum/haven")
    assert "does not exist" in _refused(tmp_path / "weg.csv", "--area", AREA)
    assert "does not exist" in _refused(counts, "--area", AREA, "--points", tmp_path / "weg.csv")


def test_the_auckland_counts_twice(cast, tmp_path, settings):
    """The real file as its line order shows it (three mislabelled dates corrected): 1.2 million counts."""
    settings.TIME_ZONE = AUCKLAND_TIME  # the file's own wall-clock time
    path = corrected_auckland(tmp_path)
    locations = shared_data() / "footfall_auckland_hotcity" / "locations.csv"
    original = shared_data() / "footfall_auckland_hotcity" / "hourly_counts.csv"

    message = _refused(original, "--area", AREA, "--no-progress")
    assert "line 52655: the counts for 03-01-2025 04:00 are already on line 52631" in message
    assert not FootfallCount.objects.exists()

    out, _err = _run(path, "--area", AREA, "--points", locations, "--no-progress")
    total = FootfallCount.objects.count()
    assert f"{total} counts, {total} new, 0 changed, 0 unchanged" in out
    assert total > 1_200_000
    assert CountingPoint.objects.count() == 21
    assert CountingPoint.objects.filter(lat__isnull=True).count() == 0
    # Stored as the wall-clock time of the file, labelled UTC (the engine's convention for local counts).
    start = datetime.datetime(2019, 1, 1, 6, tzinfo=datetime.UTC)
    quay = FootfallCount.objects.get(point__name="107 Quay Street", resolution="hour", start=start)
    assert quay.value == 94

    out, _err = _run(path, "--area", AREA, "--points", locations, "--no-progress")
    assert f"{total} counts, 0 new, 0 changed, {total} unchanged" in out
    assert FootfallCount.objects.count() == total


def test_a_long_file_shows_its_progress_and_a_short_one_does_not(cast, tmp_path, monkeypatch):
    lines = ["datum;uur;Markt"] + [f"2025-04-{1 + h // 24:02d};{h % 24}:00-{h % 24}:59;{h}" for h in range(24 * 20)]
    counts = _write(tmp_path / "tellingen.csv", "\n".join(lines) + "\n")
    err = StringIO()
    monkeypatch.setattr(sys, "stderr", err)  # tqdm and the "writing" line write to the process's stderr
    _run(counts, "--area", AREA)
    assert err.getvalue() == ""

    monkeypatch.setattr(import_footfall, "PROGRESS_FROM_BYTES", 100)
    out, _err = _run(counts, "--area", AREA, "--dry-run")
    assert "480 counts at 1 counting points" in out
    assert "reading" in err.getvalue() and "writing" not in err.getvalue()
    _run(counts, "--area", AREA)
    assert "writing 480 counts" in err.getvalue()
