"""Importing the Dutch reference data: CBS municipalities with key figures, and their provinces."""

import json

import pytest

from kernkompas.places.actions.imports import import_places
from kernkompas.places.models import Gemeente, PopulationFigure, Province
from kernkompas.places.tests.import_helpers import Files, register_dump, shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return Files(shared_data())


def test_the_cbs_file_creates_342_municipalities_with_their_2023_key_figures(files):
    report = import_places([files.cbs_2023])

    assert report.totals["gemeenten"].created == 342
    assert report.totals["figures"].created == 342
    velsen = Gemeente.objects.get(code="GM0453")
    assert (velsen.name_nl, velsen.country.code, velsen.slug) == ("Velsen", "NL", "velsen")
    assert (velsen.population, velsen.population_year, velsen.size_class) == (68_790, 2023, "50k-100k")
    assert velsen.population_figures.get(year=2023).source == "CBS"
    assert velsen.area_km2 == pytest.approx(63.17)  # from oppervlakteTotaalInHa, not computed
    assert velsen.urbanity == 2
    assert velsen.geometry["type"] in ("Polygon", "MultiPolygon")


def test_the_abroad_pseudo_municipality_is_left_out(files):
    report = import_places([files.cbs_2023])

    assert not Gemeente.objects.filter(code="GM0998").exists()
    assert sum(report.files[0].skipped.values()) == 1


def test_cbs_unknown_values_are_treated_as_not_given(files, tmp_path):
    data = json.loads(files.cbs_2023.read_text(encoding="utf-8"))
    velsen = next(f for f in data["features"] if f["properties"]["gemeentecode"] == "GM0453")
    velsen["properties"].update(aantalInwoners=-99999999, oppervlakteTotaalInHa=-99999999)
    velsen["properties"]["stedelijkheidAdressenPerKm2"] = -99999997
    path = tmp_path / "gemeenten_2023.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")

    import_places([path])

    velsen = Gemeente.objects.get(code="GM0453")
    assert not PopulationFigure.objects.filter(gemeente=velsen).exists()
    assert velsen.population is None and velsen.urbanity is None
    assert 40 < velsen.area_km2 < 63  # computed from the (land) boundary instead of CBS total area 63.17


def test_the_cbs_divisions_put_every_municipality_in_its_province(files):
    report = import_places(files.dutch)

    assert Province.objects.filter(country__code="NL").count() == 12
    assert Gemeente.objects.get(code="GM0453").province.name_nl == "Noord-Holland"
    assert Gemeente.objects.get(code="GM0014").province.name_nl == "Groningen"
    assert not Gemeente.objects.filter(country__code="NL", province__isnull=True).exists()
    # Municipalities formed after 2015 are not in the 2015 list; the province file places them by location.
    assert Gemeente.objects.get(code="GM1980").province.name_nl == "Noord-Holland"  # Dijk en Waard, 2022
    by_code, by_location = report.files[1], report.files[2]
    assert by_code.counts["gemeenten"].changed + by_location.counts["gemeenten"].changed == 342


def test_the_2015_divisions_never_bring_back_municipalities_that_merged_away(files):
    report = import_places(files.dutch)

    assert Gemeente.objects.filter(country__code="NL").count() == 342
    assert not Gemeente.objects.filter(code="GM1987").exists()  # Menterwolde, merged in 2018
    assert sum(report.files[1].skipped.values()) > 0


def test_a_second_import_of_the_dutch_files_changes_nothing(files):
    import_places(files.dutch)
    before = register_dump(with_timestamps=True)

    second = import_places(files.dutch)

    assert all(c.created == c.changed == c.removed == 0 for c in second.totals.values())
    assert register_dump(with_timestamps=True) == before
