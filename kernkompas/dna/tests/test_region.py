"""Complementarity in a region (issue 12): the region view and its API for every role, the scope of DNA drafts in
the warnings, bad parameters, the heat map, and ``import-places --osm`` (bad input changes nothing; a rerun
updates). Then the real places: Liechtenstein's 11 municipalities imported from the OpenStreetMap extract with the
command, counted with the lib, and compared in the region view."""

from __future__ import annotations

import datetime
import functools
import io
from pathlib import Path

import numpy as np
import pytest
import shapely
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from kernkompas.core.models import AuditEvent
from kernkompas.dna import heatmap, regions
from kernkompas.dna.models import BuildingBlock, CoreFigures, DnaVersion, FiguresSource, Trajectory
from kernkompas.lib.dna import osm, profiles
from kernkompas.lib.dna.catalogue import CATALOGUE
from kernkompas.lib.tests.dna_data import LIECHTENSTEIN, liechtenstein_pbf
from kernkompas.places.models import Country, Gemeente, Kern, KernKind, Regio
from kernkompas.places.tests.import_helpers import register_dump

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("regio")</script>'
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
# Who may see Maasdijk's DNA drafts: its staff, its facilitator and administrators.
MAASDIJK_EDITORS = {"gemeente", "begeleider", "beheerder"}
CODES = [indicator.code for indicator in CATALOGUE]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def make_kern(gemeente, code: str, name: str, slug: str, population: int = 10_000) -> Kern:
    kern = Kern(gemeente=gemeente, code=code, name=name, slug=slug, kind=KernKind.DEELKERN, population=population)
    kern.refresh_derived()
    kern.save()
    return kern


def give_figures(kern: Kern, boost: dict[str, int] | None = None, seed: int = 0) -> CoreFigures:
    """Ten to fourteen features of every indicator (varying per core, so there is spread), plus ``boost``."""
    counts = {code: 10 + (seed * 7 + column * 3) % 5 for column, code in enumerate(CODES)}
    counts.update(boost or {})
    return CoreFigures.objects.create(
        kern=kern, source=FiguresSource.OSM, measured_on=datetime.date(2026, 6, 1), counts=counts, area_km2=2.0
    )


def dna(kern: Kern, *, published: bool, blocks: dict[str, list[str]], title: str = "DNA") -> DnaVersion:
    """A trajectory of the core with one DNA version whose blocks (name → indicator codes) are given."""
    trajectory = Trajectory.objects.create(kern=kern, title=title, is_published=published)
    version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="Kern", is_published=published)
    for position, (name, codes) in enumerate(blocks.items(), start=1):
        BuildingBlock.objects.create(version=version, position=position, name=name, explanation="…", indicators=codes)
    return version


@pytest.fixture
def region(cast):
    """Testregio Kempen: Maasdijk (4 cores) and Veldrode (4 cores); seven have figures, Leegveld has none.

    Maasdijk-Centrum and Veldrode-Dorp both have many shops (a numbers warning); Kiezelberg alone has many culture
    venues (unique). DNAs: Veldrode-Dorp published on cafés and markets, Kiezelberg published on markets (a public
    warning), Maasdijk-Centrum a *draft* on cafés with the block "Geheime cafébouwsteen" (only Maasdijk's people see
    it, and with it the cafés warning)."""
    maasdijk, veldrode = cast.maasdijk, cast.veldrode
    cast.centrum.population = 10_000
    cast.centrum.save()
    kernen = {
        "centrum": cast.centrum,
        "kiezelberg": make_kern(maasdijk, "99001_2", "Kiezelberg", "kiezelberg"),
        "moerheide": make_kern(maasdijk, "99001_3", "Moerheide", "moerheide"),
        "leegveld": make_kern(maasdijk, "99001_4", "Leegveld", "leegveld"),
        "dorp": make_kern(veldrode, "99002_1", "Veldrode-Dorp", "dorp"),
        "beukenrode": make_kern(veldrode, "99002_2", "Beukenrode", "beukenrode"),
        "hoeve": make_kern(veldrode, "99002_3", "Hoeve", "hoeve"),
        "ven": make_kern(veldrode, "99002_4", "Ven", "ven"),
    }
    boosts = {
        "centrum": {"shops_per_1000": 60},
        "dorp": {"shops_per_1000": 58},
        "kiezelberg": {"culture_venues": 50},
    }
    for seed, (slug, kern) in enumerate(kernen.items()):
        if slug != "leegveld":
            give_figures(kern, boosts.get(slug), seed)
    dna(kernen["dorp"], published=True, blocks={"Gezellig dorpsplein": ["cafes_bars"], "Markt": ["markets"]})
    dna(kernen["kiezelberg"], published=True, blocks={"Weekmarkt": ["markets"]})
    dna(kernen["centrum"], published=False, blocks={"Geheime cafébouwsteen": ["cafes_bars"]})
    regio = Regio.objects.create(name="Testregio Kempen", slug="testregio-kempen")
    regio.gemeenten.add(maasdijk, veldrode)
    return regio, kernen


def region_url(regio) -> str:
    return reverse("dna:region", kwargs={"slug": regio.slug})


# --- Which cores, the report ----------------------------------------------------------------------------------------


def test_a_region_holds_its_own_cores_and_every_core_of_its_municipalities(cast, region):
    regio, kernen = region
    extra_gemeente = Gemeente.objects.create(
        code="99003", country=Country.objects.get(code="BE"), name_nl="Elders", slug="elders"
    )
    elsewhere = make_kern(extra_gemeente, "99003_1", "Elders-Centrum", "centrum")
    regio.kernen.add(elsewhere, kernen["dorp"])  # named directly, and one named twice
    found = regions.region_kernen(regio)
    assert sorted(k.pk for k in found) == sorted([*(k.pk for k in kernen.values()), elsewhere.pk])


def test_the_report_follows_the_lib_and_lists_the_cores_without_figures(region):
    _regio, kernen = region
    report = regions.complementarity_report(list(kernen.values()), AnonymousUser())
    assert [k.name for k in report.without_figures] == ["Leegveld"]
    assert "Leegveld" not in report.labels and len(report.cores) == 7
    assert np.allclose(report.similarity, report.similarity.T) and (np.diag(report.similarity) == 1).all()
    by_name = {core.kern.name: core for core in report.cores}
    assert [s.code for s in by_name["Kiezelberg"].unique] == ["culture_venues"]
    shops = [w for w in report.warnings if w.code == "shops_per_1000"]
    assert shops and {k.name for k, _z in shops[0].kernen} == {"Maasdijk-Centrum", "Veldrode-Dorp"}
    assert by_name["Maasdijk-Centrum"].overlaps[0].kernen == (kernen["dorp"],)
    for core in report.cores:
        for strength in core.strengths:
            assert strength.z >= profiles.STRENGTH_Z and strength.count >= profiles.MIN_COUNT


def test_warnings_from_building_blocks_show_only_the_dnas_the_reader_may_see(cast, region):
    _regio, kernen = region
    everyone = list(kernen.values())
    public = {w.code for w in regions.complementarity_report(everyone, AnonymousUser()).block_warnings}
    assert public == {"markets"}  # Veldrode-Dorp and Kiezelberg, both published
    for user in (cast.ellen, cast.femke, cast.anton):
        warnings = {w.code: w for w in regions.complementarity_report(everyone, user).block_warnings}
        assert set(warnings) == {"markets", "cafes_bars"}
        draft = [u for u in warnings["cafes_bars"].uses if u.draft]
        assert [(u.kern.name, u.block) for u in draft] == [("Maasdijk-Centrum", "Geheime cafébouwsteen")]
    for user in (cast.sofie, cast.bram, cast.eva):
        assert {w.code for w in regions.complementarity_report(everyone, user).block_warnings} == {"markets"}


def test_an_unpublished_trajectory_hides_its_published_version(cast, region):
    """A version marked published inside a trajectory that is not public is not public either."""
    _regio, kernen = region
    Trajectory.objects.filter(kern=kernen["kiezelberg"]).update(is_published=False)
    report = regions.complementarity_report(list(kernen.values()), cast.sofie)
    assert report.block_warnings == []


# --- The page, every role ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_every_role_reads_the_region_and_only_maasdijk_sees_its_draft(client, cast, region, who):
    regio, _kernen = region
    login(client, cast.by_role()[who])
    page = client.get(region_url(regio))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'role="img"' in text and "<table" in text
    assert "Leegveld" in text  # listed among the cores without figures
    assert "Weekmarkt" in text  # the public warning
    if who in MAASDIJK_EDITORS:
        assert "Geheime cafébouwsteen" in text
    else:
        assert "Geheime cafébouwsteen" not in text


def test_the_page_speaks_dutch_with_dutch_numbers(client, region):
    regio, _kernen = region
    text = client.get(region_url(regio)).content.decode()
    assert "Kernen van Testregio Kempen naast elkaar" in text
    assert "bij de beste 10 %" in text
    assert '<td class="number">1,00</td>' in text  # the diagonal, with a decimal comma
    assert "Alleen Kiezelberg heeft" in text


def test_the_page_links_each_core_to_its_place_page(client, cast, region):
    regio, kernen = region
    text = client.get(region_url(regio)).content.decode()
    assert kernen["kiezelberg"].get_absolute_url() in text
    assert cast.centrum.get_absolute_url() in text


def test_an_unknown_region_is_404(client):
    assert client.get(reverse("dna:region", kwargs={"slug": "nergens"})).status_code == 404


def test_names_from_the_database_are_escaped(client, cast, region):
    regio, kernen = region
    kernen["moerheide"].name = HOSTILE
    kernen["moerheide"].save()
    regio.name = HOSTILE
    regio.save()
    text = client.get(region_url(regio)).content.decode()
    assert HOSTILE not in text
    assert "&lt;script&gt;alert(&quot;regio&quot;)&lt;/script&gt;" in text or "&lt;script&gt;" in text


def test_the_dna_index_links_to_the_region_view(client):
    assert reverse("dna:regions") in client.get(reverse("dna:index")).content.decode()


# --- A chosen set ---------------------------------------------------------------------------------------------------


def test_any_set_of_cores_can_be_compared(client, region):
    _regio, kernen = region
    chosen = [kernen[s].pk for s in ("centrum", "dorp", "kiezelberg", "moerheide", "beukenrode", "hoeve", "ven")]
    page = client.get(reverse("dna:regions"), {"kern": chosen})
    assert page.status_code == 200
    report = page.context["report"]
    assert sorted(core.kern.pk for core in report.cores) == sorted(chosen)
    assert 'role="img"' in page.content.decode()


def test_the_picker_finds_cores_by_name_and_keeps_the_chosen_ones(client, region):
    regio, kernen = region
    page = client.get(reverse("dna:regions"), {"q": "beuken", "kern": [kernen["centrum"].pk]})
    assert page.status_code == 200
    assert [k.name for k in page.context["results"]] == ["Beukenrode"]
    text = page.content.decode()
    assert f'value="{kernen["centrum"].pk}" checked' in text
    assert region_url(regio) in text  # the regions to start from
    assert "report" not in page.context  # one core is not a comparison


@pytest.mark.parametrize(
    "params",
    [
        {"kern": ["abc"]},
        {"kern": ["1", "-2"]},
        {"kern": ["1e3"]},
        {"kern": ["9" * 40]},
        {"kern": [str(n) for n in range(1, 302)]},
        {"q": "x" * 101},
    ],
)
def test_bad_parameters_are_refused_with_a_message(client, region, params):
    page = client.get(reverse("dna:regions"), params)
    assert page.status_code == 400
    assert "report" not in page.context
    assert page.context["error"]


def test_cores_that_do_not_exist_are_left_out_and_said_so(client, region):
    _regio, kernen = region
    page = client.get(reverse("dna:regions"), {"kern": [kernen["centrum"].pk, kernen["dorp"].pk, 987654]})
    assert page.status_code == 200
    assert page.context["unknown"] == 1
    assert len(page.context["report"].cores) == 2


def test_a_region_over_the_limit_is_not_computed(client, region, monkeypatch):
    regio, _kernen = region
    monkeypatch.setattr(regions, "MAX_CORES", 5)
    page = client.get(region_url(regio))
    assert page.status_code == 200 and "report" not in page.context and page.context["error"]


# --- API ------------------------------------------------------------------------------------------------------------


def api_url(slug: str) -> str:
    return f"/api/v1/dna/regions/{slug}/complementarity"


@pytest.mark.parametrize("who", ROLES)
def test_the_api_gives_the_matrix_and_never_a_draft(client, cast, region, who):
    regio, kernen = region
    login(client, cast.by_role()[who])
    answer = client.get(api_url(regio.slug))
    assert answer.status_code == 200
    data = answer.json()
    matrix = np.array(data["matrix"]["similarity"])
    assert matrix.shape == (7, 7) and np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1)
    assert {w["code"] for w in data["block_warnings"]} == {"markets"}
    assert "Geheime" not in answer.content.decode()
    cores = {c["name"]: c for c in data["cores"]}
    assert cores["Leegveld"]["has_figures"] is False and cores["Leegveld"]["top"] == []
    assert cores["Kiezelberg"]["unique"] == ["culture_venues"]
    assert any(w["code"] == "shops_per_1000" for w in data["warnings"])


def test_the_api_answers_404_for_an_unknown_region_and_is_in_the_openapi_schema(client):
    assert client.get(api_url("nergens")).status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/dna/regions/{slug}/complementarity" in schema["paths"]


# --- The heat map ---------------------------------------------------------------------------------------------------


def test_the_heat_map_escapes_its_labels_and_has_a_title_and_legend():
    svg = heatmap.heatmap(
        [HOSTILE, "B"],
        [[1.0, -0.5], [-0.5, 1.0]],
        title="Titel <b>",
        desc="Beschrijving",
        low_label="verschillend",
        high_label="gelijk",
        fmt=lambda v: f"{v:.2f}",
    )
    assert HOSTILE not in svg and "&lt;script&gt;" in svg
    assert 'role="img"' in svg and "<title id=" in svg and "Titel &lt;b&gt;" in svg
    assert "verschillend" in svg and "gelijk" in svg
    assert svg.count("<rect") == 1 + 4 + len(heatmap.COLOURS)  # ground, cells, legend


def test_the_colour_scale_runs_from_purple_through_white_to_orange():
    assert heatmap.colour(-1.0) == heatmap.COLOURS[0] == "#542788"
    assert heatmap.colour(0.0) == "#f7f7f7"
    assert heatmap.colour(1.0) == heatmap.COLOURS[-1] == "#b35806"
    assert heatmap.colour(float("nan")) == "#f7f7f7"
    assert heatmap.colour(7.0) == heatmap.COLOURS[-1]


def test_a_large_set_shrinks_its_cells_and_leaves_the_numbers_to_the_table():
    n = 120
    labels = [f"Kern {i}" for i in range(n)]
    svg = heatmap.heatmap(
        labels, np.eye(n), title="t", desc="d", low_label="a", high_label="b", fmt=lambda v: f"{v:.2f}"
    )
    assert 'class="heatmap-value"' not in svg  # cells too small for numbers
    assert "<title>Kern 1 –" not in svg  # no tooltips above TOOLTIPS_UP_TO cores


# --- import-places --osm: synthetic extracts ---------------------------------------------------------------------


def osm_xml(path: Path, areas: list[dict], *, country: dict | None = None) -> Path:
    """An OSM XML extract with square boundary relations: each area gives ``id``, ``tags`` and ``square`` (west,
    south, size in degrees); ``country`` (with ``tags``) draws a level-2 boundary around all of them."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    node_id, way_id = 1, 1

    def ring(west, south, size):
        nonlocal node_id, way_id
        ids = []
        for lon, lat in ((west, south), (west + size, south), (west + size, south + size), (west, south + size)):
            lines.append(f'<node id="{node_id}" version="1" lat="{lat}" lon="{lon}"/>')
            ids.append(node_id)
            node_id += 1
        lines.append(f'<way id="{way_id}" version="1">' + "".join(f'<nd ref="{i}"/>' for i in [*ids, ids[0]]))
        lines.append("</way>")
        way_id += 1
        return way_id - 1

    def relation(rid, way, tags):
        lines.append(f'<relation id="{rid}" version="1"><member type="way" ref="{way}" role="outer"/>')
        for key, value in {"type": "boundary", "boundary": "administrative", **tags}.items():
            value = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            lines.append(f'<tag k="{key}" v="{value}"/>')
        lines.append("</relation>")

    rings = [(area, ring(*area["square"])) for area in areas]
    country_way = ring(-0.5, -0.5, 10) if country else None
    for area, way in rings:
        relation(area["id"], way, area["tags"])
    if country:
        relation(9_000_000, country_way, {"admin_level": "2", **country["tags"]})
    lines.append("</osm>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def two_villages(tmp_path, **changes) -> Path:
    first = {"name": "Oberdorf", "admin_level": "8", "population": "1234", "population:date": "2023-12-31"}
    first.update(changes)
    return osm_xml(
        tmp_path / "villages.osm",
        [
            {"id": 101, "tags": first, "square": (1.0, 1.0, 0.05)},
            {"id": 102, "tags": {"name": "Unterdorf", "admin_level": "8"}, "square": (1.1, 1.0, 0.05)},
            {"id": 103, "tags": {"name": "Buitenland", "admin_level": "8"}, "square": (20.0, 1.0, 0.05)},
        ],
        country={"tags": {"name": "Testland", "name:nl": "Proefland", "ISO3166-1": "ZZ"}},
    )


def run_osm(path, *args) -> str:
    out = io.StringIO()
    with translation.override("nl"):
        call_command("import_places", "--osm", str(path), *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_osm_boundaries_become_municipalities_with_one_core_each(tmp_path):
    path = two_villages(tmp_path)
    output = run_osm(path, "--admin-level", "8", "--country", "zz", "--regio", "Proefregio")
    assert "gemeenten: 2 nieuw" in output and "kernen: 2 nieuw" in output
    assert "overgeslagen (1)" in output  # Buitenland lies outside the country's boundary
    country = Country.objects.get(code="ZZ")
    assert country.name_nl == "Proefland"
    oberdorf = Gemeente.objects.get(code="OSM101")
    assert (oberdorf.name_nl, oberdorf.country, oberdorf.source) == ("Oberdorf", country, "OpenStreetMap")
    assert (oberdorf.population, oberdorf.population_year) == (1234, 2023)
    assert oberdorf.area_km2 == pytest.approx(5.56 * 5.56 * np.cos(np.radians(1.025)), rel=0.02)
    kern = oberdorf.kernen.get()
    assert (kern.code, kern.kind, kern.population, kern.geometry) == ("OSM101_1", "hoofdkern", 1234, oberdorf.geometry)
    assert Gemeente.objects.get(code="OSM102").population is None
    assert not Gemeente.objects.filter(code="OSM103").exists()
    assert set(Regio.objects.get(slug="proefregio").gemeenten.values_list("code", flat=True)) == {"OSM101", "OSM102"}
    assert AuditEvent.objects.filter(action="places.osm_imported").count() == 1


def test_a_second_run_updates_and_never_duplicates(tmp_path):
    run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ", "--regio", "Proefregio")
    slug = Gemeente.objects.get(code="OSM101").slug
    unchanged = run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ", "--regio", "Proefregio")
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in unchanged
    assert "Er is niets gewijzigd" in unchanged
    renamed = run_osm(
        two_villages(tmp_path, name="Oberdorf am See", population="1300"), "--admin-level", "8", "--country", "ZZ"
    )
    assert "0 nieuw, 1 gewijzigd, 1 ongewijzigd" in renamed
    oberdorf = Gemeente.objects.get(code="OSM101")
    assert (oberdorf.name_nl, oberdorf.population, oberdorf.slug) == ("Oberdorf am See", 1300, slug)
    assert (
        Gemeente.objects.filter(country__code="ZZ").count() == 2
        and Kern.objects.filter(code__startswith="OSM").count() == 2
    )


def test_a_population_entered_by_hand_stays_when_the_extract_has_none(tmp_path):
    run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ")
    Gemeente.objects.filter(code="OSM102").update(population=777)
    run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ")
    assert Gemeente.objects.get(code="OSM102").population == 777


def test_an_unreadable_population_tag_is_left_empty_and_reported(tmp_path):
    output = run_osm(two_villages(tmp_path, population="ca. 1200"), "--admin-level", "8", "--country", "ZZ")
    assert Gemeente.objects.get(code="OSM101").population is None
    assert "geen geheel getal" in output


def _refused(path, *args) -> str:
    before = register_dump()
    with pytest.raises(CommandError) as caught:
        run_osm(path, *args)
    assert register_dump() == before
    assert not Country.objects.filter(code__in=["ZZ", "QQ"]).exists() or "ZZ" in {c.code for c in Country.objects.all()}
    return str(caught.value)


@pytest.mark.parametrize(
    ("make", "args", "says"),
    [
        (lambda tmp: tmp / "missing.osm", ["--admin-level", "8", "--country", "ZZ"], "bestaat niet"),
        (lambda tmp: _text(tmp, "gemeente;code\nA;1\n"), ["--admin-level", "8", "--country", "ZZ"], "OpenStreetMap"),
        (lambda tmp: _text(tmp, ""), ["--admin-level", "8", "--country", "ZZ"], "leeg"),
        (lambda tmp: _text(tmp, "<osm><node id="), ["--admin-level", "8", "--country", "ZZ"], "leesbaar"),
        (two_villages, ["--admin-level", "99", "--country", "ZZ"], "admin_level 99"),
        (two_villages, ["--admin-level", "8", "--country", "Z1"], "Z1"),
        (two_villages, ["--admin-level", "8", "--country", "ZZZ"], "ZZZ"),
        (two_villages, ["--admin-level", "6", "--country", "ZZ"], "admin_level 6"),
        (lambda tmp: two_villages(tmp, name="X" * 200), ["--admin-level", "8", "--country", "ZZ"], "200"),
        (lambda tmp: two_villages(tmp, name=""), ["--admin-level", "8", "--country", "ZZ"], "geen naam"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(tmp_path, make, args, says):
    message = _refused(make(tmp_path), *args)
    assert "Er is niets geïmporteerd" in message
    assert says in message
    assert not Gemeente.objects.filter(code__startswith="OSM").exists()


def _text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extract.osm"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unknown_country_without_a_name_needs_country_name(tmp_path):
    path = osm_xml(
        tmp_path / "x.osm", [{"id": 5, "tags": {"name": "Eiland", "admin_level": "8"}, "square": (1, 1, 0.1)}]
    )
    message = _refused(path, "--admin-level", "8", "--country", "QQ")
    assert "--country-name" in message
    output = run_osm(path, "--admin-level", "8", "--country", "QQ", "--country-name", "Quasiland")
    assert "1 nieuw" in output and Country.objects.get(code="QQ").name_nl == "Quasiland"


def test_a_boundary_imported_for_another_country_is_not_moved(tmp_path):
    path = two_villages(tmp_path)
    run_osm(path, "--admin-level", "8", "--country", "ZZ")
    before = register_dump()
    with pytest.raises(CommandError, match="ZZ"):
        run_osm(path, "--admin-level", "8", "--country", "QQ", "--country-name", "Quasiland")
    assert register_dump() == before
    assert not Country.objects.filter(code="QQ").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--osm", "x.osm"],
        ["--osm", "x.osm", "--admin-level", "8"],
        ["--admin-level", "8", "--country", "LI"],
        ["--osm", "x.osm", "--admin-level", "8", "--country", "LI", "other.csv"],
        [],
    ],
)
def test_the_command_says_which_options_go_together(args):
    with pytest.raises(CommandError):
        call_command("import_places", *args, stdout=io.StringIO())


def test_the_official_file_import_leaves_osm_municipalities_alone(tmp_path):
    """A later Statbel/CBS import loads every municipality: it must not rename or re-slug the OSM ones."""
    from kernkompas.places.actions.imports import import_places
    from kernkompas.places.tests.import_helpers import Files, shared_data

    run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ")
    before = {g.code: (g.slug, g.name_nl, g.population) for g in Gemeente.objects.filter(country__code="ZZ")}
    import_places([Files(shared_data()).mergers])
    after = {g.code: (g.slug, g.name_nl, g.population) for g in Gemeente.objects.filter(country__code="ZZ")}
    assert after == before


def test_the_places_pages_name_a_country_beyond_belgium_and_the_netherlands(client, tmp_path):
    run_osm(two_villages(tmp_path), "--admin-level", "8", "--country", "ZZ")
    oberdorf = Gemeente.objects.get(code="OSM101")
    assert "Proefland" in client.get(oberdorf.get_absolute_url()).content.decode()
    assert "Proefland" in client.get(reverse("places:index")).content.decode()


# --- Real places: Liechtenstein ----------------------------------------------------------------------------------


@functools.cache
def liechtenstein_features() -> osm.Features:
    return osm.read_features(liechtenstein_pbf())


def count_with_the_lib(kernen: list[Kern]) -> None:
    """A tiny stand-in for the analysis part's command: OSM counts per core outline into CoreFigures."""
    shapes = {str(kern.pk): shapely.geometry.shape(kern.geometry) for kern in kernen}
    counts = osm.count_in_cores(liechtenstein_features(), shapes)
    for kern in kernen:
        CoreFigures.objects.create(
            kern=kern,
            source=FiguresSource.OSM,
            source_label="liechtenstein.osm.pbf",
            measured_on=datetime.date(2015, 6, 1),
            counts=counts[str(kern.pk)],
            area_km2=osm.area_km2(shapes[str(kern.pk)]),
        )


@pytest.fixture
def liechtenstein(db):
    output = run_osm(liechtenstein_pbf(), "--admin-level", "8", "--country", "LI", "--regio", "Liechtenstein")
    assert "gemeenten: 11 nieuw" in output
    kernen = list(Kern.objects.filter(gemeente__country__code="LI").select_related("gemeente"))
    for kern in kernen:
        # The extract has no population tags: the figures of the Amt für Statistik (typed in, see dna_data).
        kern.population = LIECHTENSTEIN[kern.name][0]
        kern.save()
    count_with_the_lib(kernen)
    return Regio.objects.get(slug="liechtenstein"), {kern.name: kern for kern in kernen}


def test_liechtenstein_imports_as_eleven_municipalities_with_their_official_area(liechtenstein):
    _regio, kernen = liechtenstein
    assert sorted(kernen) == sorted(LIECHTENSTEIN)
    for name, kern in kernen.items():
        assert kern.gemeente.area_km2 == pytest.approx(LIECHTENSTEIN[name][1], rel=0.05)
        assert kern.gemeente.country.name_nl == "Liechtenstein" and kern.gemeente.code.startswith("OSM")


def test_liechtenstein_in_the_region_api_holds_what_must_hold_for_the_real_places(client, liechtenstein):
    regio, kernen = liechtenstein
    data = client.get(api_url(regio.slug)).json()
    ids = data["matrix"]["cores"]
    matrix = np.array(data["matrix"]["similarity"])
    assert sorted(ids) == sorted(k.pk for k in kernen.values())
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1)
    assert (matrix >= -1 - 1e-9).all() and (matrix <= 1 + 1e-9).all()
    cores = {c["name"]: c for c in data["cores"]}
    counts = {k.name: CoreFigures.objects.get(kern=k).counts for k in kernen.values()}

    def most(code: str) -> str:
        ranked = sorted(counts, key=lambda name: counts[name][code], reverse=True)
        assert counts[ranked[0]][code] > counts[ranked[1]][code]  # a clear first
        return ranked[0]

    # Each of these towns' top strengths includes something it really has the most of in the region: Vaduz
    # (national museum, art museum, library) culture venues, Schaan (shopping streets) shops, Triesenberg (Malbun)
    # places to stay. (Per inhabitant tiny Schellenberg has more culture venues, but only 2: too few to count.)
    assert most("culture_venues") == "Vaduz" and "culture_venues" in [s["code"] for s in cores["Vaduz"]["top"]]
    assert most("shops_per_1000") == "Schaan" and "shops_per_1000" in cores["Schaan"]["unique"]
    assert most("accommodation") == "Triesenberg"
    assert "accommodation" in [s["code"] for s in cores["Triesenberg"]["top"]]
    assert "culture_venues" not in [s["code"] for s in cores["Schellenberg"]["top"]]
    for core in cores.values():
        for strength in core["top"]:
            assert strength["z"] >= profiles.STRENGTH_Z and strength["count"] >= profiles.MIN_COUNT
        assert set(core["unique"]) | {o["code"] for o in core["overlaps"]} == {s["code"] for s in core["top"]}
    for warning in data["warnings"]:
        assert len(warning["cores"]) >= 2 and all(c["z"] >= profiles.WARN_Z for c in warning["cores"])


def test_a_liechtenstein_core_without_figures_gets_no_strengths(client, liechtenstein):
    regio, kernen = liechtenstein
    CoreFigures.objects.filter(kern=kernen["Planken"]).delete()
    data = client.get(api_url(regio.slug)).json()
    planken = next(c for c in data["cores"] if c["name"] == "Planken")
    assert planken["has_figures"] is False and planken["top"] == [] and planken["most_similar"] == []
    assert kernen["Planken"].pk not in data["matrix"]["cores"] and len(data["matrix"]["cores"]) == 10
    page = client.get(region_url(regio)).content.decode()
    assert "Kernen zonder cijfers" in page and "Planken" in page


def test_liechtenstein_region_page_in_dutch(client, liechtenstein):
    regio, _kernen = liechtenstein
    page = client.get(region_url(regio))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vaduz" in text and "Schaan" in text and 'role="img"' in text
    assert "Alleen Schaan heeft" in text


def test_the_page_costs_the_same_number_of_queries_for_more_cores(client, cast, region):
    regio, _kernen = region
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, cast.ellen)
    client.get(region_url(regio))  # warm the session and role caches
    with CaptureQueriesContext(connection) as before:
        client.get(region_url(regio))
    for n in range(6):
        kern = make_kern(cast.veldrode, f"99002_{10 + n}", f"Extra {n}", f"extra-{n}")
        give_figures(kern, seed=n)
        dna(kern, published=True, blocks={"Extra": ["markets"]})
    with CaptureQueriesContext(connection) as after:
        page = client.get(region_url(regio))
    assert len(page.context["report"].cores) == 13
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_page_speaks_english_under_en_with_english_numbers(client, region):
    regio, _kernen = region
    text = client.get("/en" + region_url(regio)).content.decode()
    assert "Cores of Testregio Kempen side by side" in text
    assert '<td class="number">1.00</td>' in text and '<td class="number">1,00</td>' not in text
    assert "among the best 10 %" in text


def test_two_cores_say_that_they_are_too_few_for_strengths(client, region):
    _regio, kernen = region
    page = client.get(reverse("dna:regions"), {"kern": [kernen["centrum"].pk, kernen["dorp"].pk]})
    report = page.context["report"]
    assert report.too_few_for_strengths and all(not core.strengths for core in report.cores)
    assert "Maar 2 kernen hebben cijfers" in page.content.decode()
    for core in report.cores:  # "most like" only where the profiles point the same way
        assert all(value > 0 for _kern, value in core.similar)
