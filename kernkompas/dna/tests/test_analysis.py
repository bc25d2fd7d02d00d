"""The analysis behind the candidate strengths: where the figures come from (the dna-figures command, the
Kernmonitor register of public areas, the demo extract), the analysis page for every role with its peer chooser and
bad parameters, the profile API, the charts and the Dutch words of the catalogue."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from kernkompas.core.models import AuditEvent
from kernkompas.core.problems import ImportRejected
from kernkompas.dna import analysis_views, charts, profiling, vocabulary
from kernkompas.dna.actions import figures as figure_actions
from kernkompas.dna.demo_figures import DEMO_FILE, load_demo_figures
from kernkompas.dna.models import CoreFigures, FiguresSource
from kernkompas.lib.dna import profiles
from kernkompas.lib.dna.catalogue import BY_CODE, CATALOGUE, DIMENSIONS, counts_from_register
from kernkompas.lib.dna.osm_writer import write_points
from kernkompas.monitor.models import Branch, Count, FunctionGroup, Unit, UnitState
from kernkompas.places.models import Gebied, Kern, KernKind, Regio

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("dna")</script>'
MEASURED = datetime.date(2026, 10, 1)
# Restaurants of the seven peers (per core of 10,000 inhabitants): median 10 → 1.00 per 1,000.
PEER_RESTAURANTS = (10, 11, 12, 9, 10, 13, 8)
PEER_HERITAGE = (1, 0, 1, 0, 1, 0, 1)


def box(lon: float, lat: float, size: float = 0.01) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    }


def store(kern: Kern, source: str = FiguresSource.OSM, **counts) -> CoreFigures:
    return CoreFigures.objects.create(
        kern=kern, source=source, source_label="test.osm.pbf", measured_on=MEASURED, counts=counts, area_km2=1.0
    )


@pytest.fixture
def region(cast):
    """Maasdijk-Centrum with figures (restaurants far above its peers; heritage above them on 3 features only),
    seven cores of Veldrode with figures, one without, and a region holding both municipalities."""
    centrum = cast.centrum
    centrum.population = 10_000
    centrum.set_geometry(box(5.35, 51.12))
    centrum.save()
    store(centrum, restaurants=30, heritage=3, shops_per_1000=50)
    peers = []
    for number, (restaurants, heritage) in enumerate(zip(PEER_RESTAURANTS, PEER_HERITAGE, strict=True), start=1):
        kern = Kern(
            gemeente=cast.veldrode,
            code=f"99002_{number}",
            name=f"Veldkern {number}",
            slug=f"veldkern-{number}",
            kind=KernKind.DEELKERN,
            population=10_000,
        )
        kern.set_geometry(box(5.46 + number * 0.011, 51.11))
        kern.refresh_derived()
        kern.save()
        store(kern, restaurants=restaurants, heritage=heritage, shops_per_1000=40 + number)
        peers.append(kern)
    bare = Kern.objects.create(gemeente=cast.veldrode, code="99002_9", name="Zonder Cijfers", slug="zonder-cijfers")
    regio = Regio.objects.create(name="Testregio", slug="testregio")
    regio.gemeenten.add(cast.maasdijk, cast.veldrode)
    return {"centrum": centrum, "peers": peers, "bare": bare, "regio": regio}


def page_url(kern: Kern) -> str:
    return reverse("dna:analysis", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})


def nl(value: float, decimals: int = 2) -> str:
    with translation.override("nl"):
        return analysis_views.number(value, decimals)


# --- Profiling: the peers and the numbers ---------------------------------------------------------------------


def test_the_default_peers_are_the_cores_of_the_region_through_its_municipalities(region):
    peers = set(profiling.default_peers(region["centrum"]))
    assert peers == set(region["peers"])  # not the core itself, not the core without figures


def test_the_numbers_are_the_libs_numbers(region):
    centrum = region["centrum"]
    result = profiling.analyse(centrum)
    cores = [
        profiles.Core(str(k.pk), k.name, 10_000, 1.0, k.dna_figures.get().counts) for k in [centrum, *region["peers"]]
    ]
    table = profiles.ProfileTable.from_cores(cores)
    expected = profiles.compare(table, str(centrum.pk), [str(k.pk) for k in region["peers"]])
    assert [r.indicator.code for r in result.comparison.strengths] == [r.indicator.code for r in expected.strengths]
    got = {r.indicator.code: r for r in result.comparison.rows}
    for row in expected.rows:
        assert got[row.indicator.code].value == pytest.approx(row.value, nan_ok=True)
        assert got[row.indicator.code].z == pytest.approx(row.z, nan_ok=True)
    restaurants = got["restaurants"]
    assert restaurants.value == 3.0 and restaurants.peer_median == 1.0 and restaurants.percentile == 100.0
    assert restaurants.z == pytest.approx(2.0 / (1.4826 * 0.1))  # MAD of the peers: 0.1


# --- The analysis page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_every_role_reads_the_analysis_with_the_libs_numbers(client, cast, region, who):
    user = cast.by_role()[who]
    if user is not None:
        client.force_login(user)
    response = client.get(page_url(region["centrum"]))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    result = profiling.analyse(region["centrum"])
    top = result.comparison.strengths[0]
    assert top.indicator.code == "restaurants"
    strengths = text.split('id="strengths-title"')[1].split('id="dimensions-title"')[0]
    assert vocabulary.label("restaurants") in strengths or "Restaurants" in strengths
    for figure in (nl(top.value), nl(top.peer_median), nl(top.percentile, 0), "+" + nl(top.z)):
        assert figure in strengths, figure
    assert "Vergeleken met 7 kernen" in text
    # Each peer's own value behind the strength.
    assert "Veldkern 6" in strengths and nl(1.3) in strengths
    assert 'role="img"' in text and "<title" in text


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_a_core_without_figures_says_how_to_get_them_and_only_staff_see_the_command(client, cast, region, who):
    user = cast.by_role()[who]
    if user is not None:
        client.force_login(user)
    response = client.get(page_url(region["bare"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nog geen cijfers voor deze kern" in text
    staff_of_veldrode = who in ("gemeente_andere", "beheerder")
    assert ("kernkompas dna-figures" in text) == staff_of_veldrode


def test_an_unknown_core_is_404(client, cast):
    assert client.get("/dna/kern/maasdijk/bestaat-niet/analyse/").status_code == 404


def test_a_withheld_candidate_is_shown_with_its_reason(client, region):
    text = html.unescape(client.get(page_url(region["centrum"])).content.decode())
    withheld = text.split('id="withheld-title"')[1].split('id="dimensions-title"')[0]
    assert "Erfgoed en kunst in de openbare ruimte" in withheld
    assert "minder dan 5 objecten achter de waarde (3)" in withheld


def test_the_peer_chooser_takes_chosen_cores_and_regions_as_a_bookmarkable_address(client, region):
    url = page_url(region["centrum"])
    two = region["peers"][:2]
    text = client.get(url, {"groep": "keuze", "kern": [k.pk for k in two]}).content.decode()
    assert "Vergeleken met 2 kernen" in text
    # Too few peers: no strength, every candidate withheld with the reason.
    assert "minder dan 5 vergelijkingskernen met een waarde (2)" in html.unescape(text)
    text = client.get(url, {"groep": "regio", "regio": "testregio"}).content.decode()
    assert "Vergeleken met 7 kernen" in text and "Testregio" in text
    text = client.get(url, {"groep": "keuze", "q": "veldkern"}).content.decode()
    assert text.count('name="kern"') == 7  # the search offers the cores with figures


def test_the_other_peer_groups_answer_without_error(client, region):
    url = page_url(region["centrum"])
    for group in ("vergelijkbaar", "provincie", "standaard"):
        assert client.get(url, {"groep": group}).status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"groep": "keuze", "kern": ["abc", "12x"]}, "zijn geen nummers van kernen"),
        ({"groep": "keuze", "kern": ["999999"]}, "1 gekozen kern bestaat niet of heeft geen cijfers"),
        ({"groep": "keuze", "kern": [str(i) for i in range(10_000)]}, "telt hoogstens 300 kernen"),
        ({"groep": "<b>x</b>"}, "is geen vergelijkingsgroep die deze pagina kent"),
        ({"groep": "provincie"}, "hoort bij geen provincie"),
        ({"groep": "keuze", "kern": ["9" * 40]}, "is geen nummer van een kern"),
    ],
)
def test_bad_parameters_give_a_message_not_an_error(client, region, params, message):
    response = client.get(page_url(region["centrum"]), params)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert message in text
    assert "<b>x</b>" not in response.content.decode()


def test_hostile_names_reach_the_page_and_the_charts_as_text(client, region):
    peer = region["peers"][0]
    peer.name = HOSTILE
    peer.save()
    text = client.get(page_url(region["centrum"]), {"groep": "keuze", "kern": [peer.pk]}).content.decode()
    assert HOSTILE not in text and "&lt;script&gt;" in text
    svg = charts.radar([(HOSTILE, 50.0)], title=HOSTILE, value_label=HOSTILE, reference_label="x")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_trajectory_page_and_the_core_page_link_to_the_analysis(client, cast, region):
    from kernkompas.dna.actions import trajectories

    trajectory = trajectories.start_trajectory(cast.ellen, kern=region["centrum"], title="DNA", method="compact")
    trajectories.set_published(cast.ellen, trajectory, True)
    url = page_url(region["centrum"])
    assert url in client.get(trajectory.get_absolute_url()).content.decode()
    assert url in client.get(region["centrum"].get_absolute_url()).content.decode()


def test_the_page_speaks_english_under_en(client, region):
    text = client.get("/en" + page_url(region["centrum"])).content.decode()
    assert "Candidate strengths" in text and "Kandidaat-troeven" not in text


# --- The Kernmonitor register as a source -----------------------------------------------------------------------


def _units(gebied, date, n, branch_code, *, vacant=False):
    count, _ = Count.objects.get_or_create(gebied=gebied, date=date)
    branch = Branch.objects.get(code=branch_code, gemeente=None)
    group = FunctionGroup.objects.get(code="leegstand" if vacant else branch.group.code, gemeente=None)
    for i in range(n):
        unit = Unit.objects.create(gebied=gebied, street="Markt", house_number=f"{date.year}-{branch_code}-{i}")
        UnitState.objects.create(
            count=count, unit=unit, group=group, branch=None if vacant else branch, is_vacant=vacant
        )


def test_register_counts_come_from_the_latest_count_of_public_areas_only(region, cast):
    markt = cast.markt
    markt.is_public = True
    markt.save()
    hidden = Gebied.objects.create(kern=region["centrum"], name="Achterstraat", slug="achterstraat", is_public=False)
    _units(markt, datetime.date(2023, 1, 1), 40, "restaurant")  # an older count: not current
    _units(markt, datetime.date(2025, 1, 1), 12, "restaurant")
    _units(markt, datetime.date(2025, 1, 1), 3, "fastservice")
    _units(markt, datetime.date(2025, 1, 1), 5, "restaurant", vacant=True)
    _units(hidden, datetime.date(2025, 1, 1), 50, "restaurant")  # private register: never in a public profile
    figures = CoreFigures.objects.get(kern=region["centrum"], source=FiguresSource.OSM)
    figures.counts = {**figures.counts, "restaurants": 10}
    figures.save()
    table, _kernen, provenance = profiling.profile_table([region["centrum"]])
    row = table.index[str(region["centrum"].pk)]
    assert table.counts[row, table.codes.index("restaurants")] == 15  # 12 + 3 current, public, occupied
    assert table.counts[row, table.codes.index("heritage")] == 3  # not counted by the register: OpenStreetMap's
    own = provenance[str(region["centrum"].pk)]
    assert own.source_of("restaurants") == FiguresSource.KERNMONITOR
    assert own.source_of("heritage") == FiguresSource.OSM
    assert ("Marktplein" in own.sources[-1][1]) and "Achterstraat" not in own.sources[-1][1]


def test_where_both_sources_count_an_indicator_the_larger_count_is_used(region, cast):
    """Both are lower bounds: the register counts only the surveyed areas, OpenStreetMap only what was mapped."""
    cast.markt.is_public = True
    cast.markt.save()
    _units(cast.markt, datetime.date(2025, 1, 1), 4, "restaurant")
    figures = CoreFigures.objects.get(kern=region["centrum"], source=FiguresSource.OSM)
    figures.counts = {**figures.counts, "restaurants": 9}
    figures.save()
    table, _kernen, provenance = profiling.profile_table([region["centrum"]])
    row = table.index[str(region["centrum"].pk)]
    assert table.counts[row, table.codes.index("restaurants")] == 9
    assert provenance[str(region["centrum"].pk)].source_of("restaurants") == FiguresSource.OSM


def test_register_units_count_for_the_indicators_of_their_group_or_branch():
    counts = counts_from_register({("leisure", "restaurant"): 4, ("mode-luxe", "kleding"): 2, ("werken", "kantoor"): 1})
    assert counts["restaurants"] == 4 and counts["fashion_luxury"] == 2 and counts["shops_per_1000"] == 2
    assert counts["work_places"] == 1 and "heritage" not in counts
    # The catalogue counts in OpenStreetMap what the register calls the same thing (one tag table).
    assert BY_CODE["culture_venues"].matches({"amenity": "cinema"}) and BY_CODE["culture_venues"].counts_unit(
        "leisure", "cultuur"
    )


# --- The dna-figures command ------------------------------------------------------------------------------------


def _extract(path, kernen_points):
    points = []
    for (lon, lat), tags, n in kernen_points:
        points += [(lon + 0.0005 * (i % 10 + 1), lat + 0.0005 * (i // 10 + 1), tags) for i in range(n)]
    write_points(path, points, (5.0, 51.0, 6.0, 51.5))
    return path


def test_the_command_measures_every_core_in_the_extract_and_replaces_its_figures(region, tmp_path, capsys):
    centrum = region["centrum"]
    path = _extract(
        tmp_path / "klein.osm.pbf",
        [((5.35, 51.12), {"amenity": "restaurant"}, 7), ((5.35, 51.12), {"shop": "bakery"}, 2)],
    )
    call_command("dna_figures", str(path), "--gemeente", "maasdijk", "--measured-on", "2026-11-30")
    figures = CoreFigures.objects.get(kern=centrum, source=FiguresSource.OSM)
    assert figures.counts["restaurants"] == 7 and figures.counts["daily_shops"] == 2
    assert figures.source_label == "klein.osm.pbf" and figures.measured_on == datetime.date(2026, 11, 30)
    assert figures.area_km2 == pytest.approx(0.77, rel=0.05)  # 0.01° × 0.01° at 51° N
    event = AuditEvent.objects.get(action="dna.figures_measured")
    assert event.gemeente == centrum.gemeente and "replaced" in event.changes
    assert "Cijfers van 1 kern opgeslagen" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "het bestand is leeg"),
        (b"naam;aantal\nbakker;3\n", "geen OpenStreetMap-bestand"),
        (b"\x00\x00\x00\x0dOSMHeader garbage that is not a real block", "geen leesbaar OpenStreetMap-uittreksel"),
    ],
)
def test_a_bad_file_changes_nothing_and_says_what_is_wrong(region, tmp_path, content, message):
    path = tmp_path / "kapot.osm.pbf"
    path.write_bytes(content)
    before = list(CoreFigures.objects.order_by("pk").values_list("pk", "counts", "source_label"))
    with translation.override("nl"), pytest.raises(CommandError) as raised:
        call_command("dna_figures", str(path))
    assert message in str(raised.value) and "kapot.osm.pbf" in str(raised.value)
    assert list(CoreFigures.objects.order_by("pk").values_list("pk", "counts", "source_label")) == before
    assert not AuditEvent.objects.filter(action="dna.figures_measured").exists()


def test_a_chosen_core_without_outline_stops_the_whole_measurement(region, tmp_path):
    path = _extract(tmp_path / "veld.osm.pbf", [((5.47, 51.11), {"amenity": "restaurant"}, 3)])
    before = list(CoreFigures.objects.order_by("pk").values_list("pk", "counts"))
    with translation.override("nl"), pytest.raises(CommandError) as raised:
        call_command("dna_figures", str(path), "--gemeente", "veldrode")
    assert "Zonder Cijfers" in str(raised.value) and "geen omtrek" in str(raised.value)
    assert list(CoreFigures.objects.order_by("pk").values_list("pk", "counts")) == before


def test_the_command_refuses_unknown_municipalities_bad_dates_and_too_many_features(region, tmp_path):
    path = _extract(tmp_path / "a.osm.pbf", [((5.35, 51.12), {"amenity": "restaurant"}, 3)])
    with translation.override("nl"):
        with pytest.raises(CommandError, match="geen gemeente met de slug nergens"):
            call_command("dna_figures", str(path), "--gemeente", "nergens")
        with pytest.raises(CommandError, match="is geen datum"):
            call_command("dna_figures", str(path), "--measured-on", "30-11-2026")
        with pytest.raises(ImportRejected, match="meer dan 2 objecten"):
            figure_actions.measure_extract(path, [region["centrum"]], max_features=2)


# --- The demo -------------------------------------------------------------------------------------------------


def test_the_demo_measures_its_invented_extract_once_with_each_core_its_own_character(cast):
    made = {}
    for slug, gemeente, lon in (("dorp", cast.veldrode, 5.47), ("centrum", cast.maasdijk, 5.33)):
        kern = Kern.objects.filter(gemeente=gemeente, slug=slug).first() or Kern(gemeente=gemeente, slug=slug)
        kern.code, kern.name, kern.population, kern.is_demo = f"demo-{slug}", slug.title(), 9_800, True
        kern.set_geometry(box(lon, 51.12, 0.02))
        kern.save()
        made[slug] = kern
    assert load_demo_figures() == 2
    assert load_demo_figures() == 0  # idempotent
    dorp = CoreFigures.objects.get(kern=made["dorp"])
    centrum = CoreFigures.objects.get(kern=made["centrum"])
    assert dorp.source_label == DEMO_FILE and "demo" in DEMO_FILE
    assert dorp.counts["heritage"] > centrum.counts["heritage"]
    assert centrum.counts["fashion_luxury"] > dorp.counts["fashion_luxury"]


# --- The API ----------------------------------------------------------------------------------------------------


def test_the_profile_api_gives_the_pages_numbers(client, region):
    centrum = region["centrum"]
    answer = client.get(f"/api/v1/dna/profiles/{centrum.pk}").json()
    assert answer["has_figures"] and sorted(answer["peers"]) == sorted(k.pk for k in region["peers"])
    rows = {row["code"]: row for row in answer["indicators"]}
    assert rows["restaurants"]["value"] == 3.0 and rows["restaurants"]["peer_median"] == 1.0
    assert answer["strengths"][0] == {"rank": 1, "code": "restaurants", "z": pytest.approx(13.4898, rel=1e-4)}
    assert {"code": "heritage", "reason": "too_few_features"}.items() <= answer["withheld"][0].items()
    assert answer["sources"][0]["source"] == "osm"


def test_the_profile_api_takes_bounded_peers_and_says_which_are_unknown(client, region):
    centrum = region["centrum"]
    two = [k.pk for k in region["peers"][:2]]
    answer = client.get(f"/api/v1/dna/profiles/{centrum.pk}", {"peers": [*two, 999_999]}).json()
    assert sorted(answer["peers"]) == sorted(two) and answer["unknown_peers"] == [999_999]
    assert client.get(f"/api/v1/dna/profiles/{centrum.pk}", {"peers": list(range(301))}).status_code == 422
    assert client.get(f"/api/v1/dna/profiles/{centrum.pk}", {"peers": ["abc"]}).status_code == 422
    assert client.get("/api/v1/dna/profiles/999999").status_code == 404
    bare = client.get(f"/api/v1/dna/profiles/{region['bare'].pk}").json()
    assert bare["has_figures"] is False and bare["indicators"] == []


def test_the_profile_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert any(path.startswith("/api/v1/dna/profiles/") for path in schema["paths"])


# --- Charts and words -------------------------------------------------------------------------------------------


def test_the_radar_is_generic_and_marks_unknown_values():
    svg = charts.radar([("A", 0.0), ("B", 100.0), ("C", None), ("D", float("nan"))], title="T", desc="D")
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    circles = re.findall(r"<circle[^>]*>", svg)
    assert len(circles) == 4 and sum('fill="#ffffff"' in c for c in circles) == 2  # open markers: unknown
    bars = charts.percentile_bars([("x", 20.0), ("y", None)], title="T", unknown="onbekend")
    assert bars.count("<rect") == 2 and "onbekend" in bars  # the white ground and one bar


def test_every_word_of_the_catalogue_has_a_dutch_translation():
    words = [d.label for d in DIMENSIONS] + [w for i in CATALOGUE for w in (i.label, i.definition)]
    words += list(profiles.REASONS.values())
    same_in_dutch = {"Restaurants", "Water"}
    with translation.override("nl"):
        for word in words:
            assert word in same_in_dutch or translation.gettext(word) != word, word
        assert vocabulary.unit("restaurants") == "per 1.000 inwoners"


def test_the_command_on_the_real_liechtenstein_extract_gives_schaan_the_most_shops(cast):
    """The 11 municipalities of the 2015 Liechtenstein extract as cores (their admin_level 8 boundaries), measured
    with the command: the same counts as the library's own pass, and Schaan has the most shops."""
    import shapely

    from kernkompas.lib.dna import osm
    from kernkompas.lib.tests.dna_data import LIECHTENSTEIN, liechtenstein_pbf
    from kernkompas.testing import make_gemeente

    path = liechtenstein_pbf()
    areas = [area for area in osm.admin_areas(path, 8) if area.name in LIECHTENSTEIN]
    gemeente = make_gemeente("LI0001", "Liechtenstein", 37_000)
    kernen = {}
    for number, area in enumerate(areas, start=1):
        kern = Kern(gemeente=gemeente, code=f"LI_{number}", name=area.name, slug=f"li-{number}")
        kern.population = LIECHTENSTEIN[area.name][0]
        kern.set_geometry(shapely.geometry.mapping(area.geometry))
        kern.save()
        kernen[area.name] = kern
    call_command("dna_figures", str(path), "--gemeente", gemeente.slug)
    expected = osm.count_in_cores(osm.read_features(path), {area.name: area.geometry for area in areas})
    stored = {k.name: k.dna_figures.get(source=FiguresSource.OSM).counts for k in kernen.values()}
    assert stored == expected
    shops = {name: counts["shops_per_1000"] for name, counts in stored.items()}
    assert max(shops, key=shops.get) == "Schaan"
    for area in areas:  # areas of the outlines within 5 % of the official ones
        assert kernen[area.name].dna_figures.get().area_km2 == pytest.approx(LIECHTENSTEIN[area.name][1], rel=0.05)


def test_the_page_costs_the_same_queries_however_many_peers(client, cast, region):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = page_url(region["centrum"])
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"groep": "keuze", "kern": [k.pk for k in region["peers"][:2]]})
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"groep": "keuze", "kern": [k.pk for k in region["peers"]]})
    assert len(many) == len(few) <= 25
