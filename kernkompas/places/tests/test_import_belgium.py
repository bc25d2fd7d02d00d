"""Importing the Belgian reference data: municipalities 2020, population, mergers of 2025, 2025 boundaries, cores."""

import datetime
import shutil

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.places.actions.imports import import_places
from kernkompas.places.models import Gemeente, Kern, KernKind, PopulationFigure, Province
from kernkompas.places.tests.import_helpers import Files, register_dump, shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return Files(shared_data())


def test_the_topojson_creates_581_municipalities_with_provinces_and_their_2020_population(files):
    report = import_places([files.topojson])

    totals = report.totals
    assert (totals["gemeenten"].created, totals["provinces"].created, totals["figures"].created) == (581, 10, 581)
    beringen = Gemeente.objects.get(code="71004")
    assert (beringen.name_nl, beringen.province.name_nl) == ("Beringen", "Limburg")
    assert (beringen.population, beringen.population_year, beringen.size_class) == (46_598, 2020, "25k-50k")
    assert beringen.population_figures.get().population == 46_598
    assert 70 < beringen.area_km2 < 90 and beringen.geometry["type"] in ("Polygon", "MultiPolygon")
    assert 51.0 < beringen.point_lat < 51.15 and 5.1 < beringen.point_lon < 5.4
    luik = Gemeente.objects.get(code="62063")
    assert (luik.name_nl, luik.name_fr, luik.province.name_fr) == ("Luik", "Liège", "Liège")


def test_brussels_municipalities_are_in_no_province(files):
    import_places([files.topojson])

    brussels = Gemeente.objects.filter(code__startswith="21")
    assert brussels.count() == 19
    assert not brussels.filter(province__isnull=False).exists()


def test_the_population_csv_alone_creates_the_municipalities_with_the_province_of_their_code(files):
    report = import_places([files.population_csv])

    assert report.totals["gemeenten"].created == 581
    # Statbel's higher levels (country, regions, provinces incl. 20001/20002, arrondissements) are left out.
    assert sum(report.files[0].skipped.values()) == 57
    assert not Gemeente.objects.filter(code__in=["01000", "20001", "20002", "71000"]).exists()
    hove = Gemeente.objects.get(code="11021")
    assert (hove.name_nl, hove.province.code) == ("Hove", "10000")  # not "Hove (Antwerpen)"
    assert Gemeente.objects.get(code="25072").province.name_nl == "Waals-Brabant"
    assert Gemeente.objects.get(code="21004").province is None
    assert PopulationFigure.objects.get(gemeente__code="71004", year=2020).population == 46_598


def test_the_population_csv_after_the_topojson_changes_nothing(files):
    import_places([files.topojson])
    before = register_dump(with_timestamps=True)

    report = import_places([files.population_csv])

    assert report.totals["figures"].unchanged == 581
    assert report.totals["gemeenten"].changed == 0
    assert register_dump(with_timestamps=True) == before


def test_the_population_year_comes_from_the_option_or_else_from_the_file_name(files, tmp_path):
    without_year = tmp_path / "bevolking_per_gemeente.csv"
    shutil.copy(files.population_csv, without_year)

    import_places([without_year], year=2019)

    assert PopulationFigure.objects.filter(year=2019).count() == 581
    assert not PopulationFigure.objects.filter(year=2020).exists()


def test_the_mergers_keep_history_and_give_the_new_municipality_a_derived_population(files):
    import_places([files.topojson, files.mergers])

    tongeren_borgloon = Gemeente.objects.get(code="73111")
    assert tongeren_borgloon.name_nl == "Tongeren-Borgloon"
    assert tongeren_borgloon.valid_from == datetime.date(2025, 1, 1)
    assert tongeren_borgloon.is_current
    assert sorted(tongeren_borgloon.predecessors.values_list("code", flat=True)) == ["73009", "73083"]
    for old in tongeren_borgloon.predecessors.all():
        assert (old.valid_until, old.is_current) == (datetime.date(2024, 12, 31), False)
        assert old.population_figures.get(year=2020).derived is False
    figure = tongeren_borgloon.population_figures.get(year=2020)
    assert figure.derived is True
    assert figure.population == 31_142 + 11_010
    assert (tongeren_borgloon.population, tongeren_borgloon.population_year) == (42_152, 2020)
    assert Gemeente.objects.get(code="73083").population == 31_142  # the old municipality keeps its own


def test_a_municipality_that_keeps_its_code_is_not_marked_as_merged(files):
    import_places([files.topojson, files.mergers])

    antwerpen = Gemeente.objects.get(code="11002")
    assert (antwerpen.is_current, antwerpen.valid_from) == (True, None)
    assert list(antwerpen.predecessors.values_list("code", flat=True)) == ["11007"]
    # Its 2020 figure is Statbel's own, so no sum replaces it.
    assert antwerpen.population_figures.get(year=2020).derived is False
    assert antwerpen.population == 529_247


def test_a_derived_figure_never_replaces_an_official_one(files, tmp_path):
    official = tmp_path / "bevolking_2020.csv"
    official.write_text("NIS code,Woonplaats,Mannen,Vrouwen,Totaal\n73111,Tongeren-Borgloon,20000,22000,42000\n")
    import_places([official])

    import_places([files.topojson, files.mergers])

    figure = PopulationFigure.objects.get(gemeente__code="73111", year=2020)
    assert (figure.population, figure.derived) == (42_000, False)


def test_an_official_figure_replaces_a_derived_one(files, tmp_path):
    import_places([files.topojson, files.mergers])
    official = tmp_path / "bevolking_2020.csv"
    official.write_text("NIS code,Woonplaats,Mannen,Vrouwen,Totaal\n73111,Tongeren-Borgloon,20000,22000,42000\n")

    report = import_places([official])

    figure = PopulationFigure.objects.get(gemeente__code="73111", year=2020)
    assert (figure.population, figure.derived) == (42_000, False)
    assert report.totals["figures"].changed == 1


def test_the_2025_boundaries_replace_the_2020_ones_and_name_the_new_municipalities(files):
    import_places([files.topojson])
    old_beringen = Gemeente.objects.get(code="71004").geometry

    import_places([files.flanders_2025])

    beringen = Gemeente.objects.get(code="71004")
    assert beringen.geometry != old_beringen
    assert beringen.name_fr == "Beringen"  # the 2025 file has no French names: the 2020 one stays
    assert beringen.population == 46_598
    assert Gemeente.objects.get(code="73111").province.code == "70000"
    assert Gemeente.objects.filter(code__startswith="7", province__code="70000").count() >= 42


def test_the_current_municipality_gets_the_plain_slug(files):
    import_places([files.topojson, files.flanders_2025, files.mergers])

    assert Gemeente.objects.get(slug="hasselt").code == "71072"
    assert Gemeente.objects.get(code="71022").slug == "hasselt-71022"


def test_files_give_the_same_register_in_any_order(files):
    for path in files.belgian:
        import_places([path])
    forwards = register_dump()
    _empty_register()

    # The other way round: 2025 boundaries before the mergers, the mergers before the municipalities they merge.
    for path in [files.flanders_2025, files.mergers, files.population_csv, files.topojson, files.kernen]:
        import_places([path])

    assert register_dump() == forwards


def _empty_register():
    Kern.objects.all().delete()
    PopulationFigure.objects.all().delete()
    Gemeente.objects.all().delete()
    Province.objects.all().delete()


def test_lommel_has_its_cores_and_the_largest_is_the_main_core(files):
    report = import_places([files.topojson, files.kernen])

    assert report.totals["kernen"].created == 284
    assert sum(report.files[-1].skipped.values()) == 12  # the rest-of-Flanders feature and the RWM_… areas
    lommel = Gemeente.objects.get(code="72020")
    kernen = list(lommel.kernen.order_by("code"))
    assert len(kernen) == 10
    (main,) = [k for k in kernen if k.kind == KernKind.HOOFDKERN]
    assert (main.code, main.name, main.slug) == ("72020_7", "Lommel – kern 7", "lommel-kern-7")
    assert main.geometry and main.point_lat


def test_cores_of_merged_municipalities_belong_to_the_new_one_whatever_the_order(files):
    import_places([files.topojson, files.kernen])
    assert Kern.objects.get(code="73083_1").gemeente.code == "73083"

    import_places([files.mergers])

    tongeren_borgloon = Gemeente.objects.get(code="73111")
    assert tongeren_borgloon.kernen.count() == 15 + 8
    assert tongeren_borgloon.kernen.filter(kind=KernKind.HOOFDKERN).count() == 1
    assert Kern.objects.get(code="73009_2").name == "Borgloon – kern 2"
    assert not Gemeente.objects.get(code="73083").kernen.exists()


def test_a_name_someone_gave_a_core_survives_a_new_import(files):
    import_places([files.topojson, files.kernen])
    Kern.objects.filter(code="72020_7").update(name="Lommel-Centrum")

    import_places([files.kernen])

    assert Kern.objects.get(code="72020_7").name == "Lommel-Centrum"


def test_a_second_import_of_all_belgian_files_changes_nothing(files):
    first = import_places(files.belgian)
    assert first.totals["gemeenten"].created == 581 + 13
    before = register_dump(with_timestamps=True)

    second = import_places(files.belgian)

    assert all(c.created == c.changed == c.removed == 0 for c in second.totals.values())
    assert second.totals["gemeenten"].unchanged > 0
    assert register_dump(with_timestamps=True) == before


def test_each_import_writes_one_audit_event_with_the_counts(files):
    import_places([files.topojson, files.mergers])

    (event,) = AuditEvent.objects.filter(action="places.imported")
    assert event.actor is None and event.actor_label == "systeem"
    assert event.changes["totals"]["gemeenten"]["created"] == 581 + 13
    assert [f["file"] for f in event.changes["files"]] == [files.topojson.name, files.mergers.name]
