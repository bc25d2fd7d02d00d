"""`kernkompas import-places FILE…`: what the operator types and what it prints."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kernkompas.places.models import Gemeente, PopulationFigure
from kernkompas.places.tests.import_helpers import Files, shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return Files(shared_data())


def _run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_places", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_prints_a_summary_per_file(files):
    output = _run(files.topojson, files.mergers)

    assert output.splitlines()[:4] == [
        "belgium_municipalities.topojson — Belgian municipalities 2020 (TopoJSON, Statbel)",
        "  municipalities: 581 new, 0 changed, 0 unchanged",
        "  provinces: 10 new, 0 changed, 0 unchanged",
        "  population figures: 581 new, 0 changed, 0 unchanged",
    ]
    assert "be_municipal_mergers_2025.csv — Belgian municipal mergers (CSV)" in output


def test_a_second_run_says_that_nothing_changed(files):
    _run(files.mergers)

    output = _run(files.mergers)

    assert "  municipalities: 0 new, 0 changed, 43 unchanged" in output
    assert output.rstrip().endswith("Nothing has changed: the database already held these data.")


def test_files_are_written_in_the_order_they_need_whatever_the_command_line_order(files):
    output = _run(files.kernen, files.topojson)

    assert output.index("belgium_municipalities.topojson") < output.index("kern_wgs84.geojson")
    assert Gemeente.objects.get(code="72020").kernen.count() == 10


def test_the_year_option_dates_a_population_file_without_a_year_in_its_name(files, tmp_path):
    path = tmp_path / "bevolking.csv"
    shutil.copy(files.population_csv, path)

    _run(path, "--year", "2021")

    assert PopulationFigure.objects.filter(year=2021).count() == 581


def test_an_implausible_year_is_refused(files):
    with translation.override("en"), pytest.raises(CommandError, match="--year 21 is not a plausible year"):
        call_command("import_places", str(files.population_csv), "--year", "21")
    assert not Gemeente.objects.exists()
