"""The public page of a municipality: key figures, history, cores, areas (public rule), regions and the map."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind, PopulationFigure, Regio
from kernkompas.testing import SQUARE_MAASDIJK, make_gemeente

MAASDIJK = "/plaatsen/maasdijk/"
MAASDIJK_EN = "/en/plaatsen/maasdijk/"


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    # A request under /en/ leaves English active in this thread; reset it so reverse() elsewhere stays Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(client, url=MAASDIJK, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def map_features(html: str, map_id: str = "gemeente-map") -> list[dict]:
    match = re.search(rf'<script id="{map_id}-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no map data for {map_id}"
    return json.loads(match.group(1))["features"]


def add_kern(gemeente, number: int, **extra) -> Kern:
    kern = Kern(
        gemeente=gemeente, code=f"{gemeente.code}_{number}", name=f"Kern {number}", slug=f"kern-{number}", **extra
    )
    kern.set_geometry({"type": "Point", "coordinates": [5.31 + number * 0.001, 51.11]})
    kern.refresh_derived()
    kern.save()
    return kern


# --- Key figures -------------------------------------------------------------------------------------------


def test_the_page_shows_the_key_figures_in_dutch_number_format(client, cast):
    html = page(client)
    assert "<h1>Maasdijk" in html
    assert "28.400" in html  # population with a Dutch thousands separator
    assert "60,0 km²" in html  # area with a decimal comma
    assert "473" in html  # density: 28,400 / 60 km²
    assert "<code>99001</code>" in html


def test_the_english_page_shows_the_same_figures_in_english_format(client, cast):
    html = page(client, MAASDIJK_EN)
    assert '<html lang="en">' in html
    assert "Key figures" in html
    assert "28,400" in html
    assert "60.0 km²" in html
    assert "1 January 2024" in html
    assert "25,000–50,000 inhabitants" in html  # the size class
    assert "Belgium" in html


def test_the_french_name_and_province_are_shown(client, cast):
    from kernkompas.places.models import Province

    province = Province.objects.create(
        country=cast.maasdijk.country, code="70000", name_nl="Limburg", name_fr="Limbourg"
    )
    cast.maasdijk.name_fr = "Maesdyck"
    cast.maasdijk.province = province
    cast.maasdijk.save()
    html = page(client, MAASDIJK_EN)
    assert '<span class="name-fr" lang="fr">Maesdyck</span>' in html
    assert "in the province of Limburg" in html
    assert '<span lang="fr">(Limbourg)</span>' in html


def test_urbanity_is_shown_when_known(client, cast):
    cast.maasdijk.urbanity = 4
    cast.maasdijk.save()
    assert "hardly urban (4)" in page(client, MAASDIJK_EN)


def test_an_unknown_population_says_unknown_instead_of_zero(client, cast):
    cast.maasdijk.population = None
    cast.maasdijk.population_year = None
    cast.maasdijk.save()
    html = page(client, MAASDIJK_EN)
    assert "unknown" in html
    assert "the population of this municipality is unknown" in html


def test_the_population_history_is_a_table_and_marks_derived_figures(client, cast):
    PopulationFigure.objects.create(gemeente=cast.maasdijk, year=2024, population=28_400, source="Statbel")
    PopulationFigure.objects.create(gemeente=cast.maasdijk, year=2023, population=28_100, derived=True)
    html = page(client, MAASDIJK_EN)
    table = html.split('<table class="population-table">', 1)[1].split("</table>", 1)[0]
    assert "<caption>Population of Maasdijk on 1 January</caption>" in table
    rows = re.findall(r"<tr><th scope=\"row\">(\d+)</th><td class=\"num\">([\d,]+)</td>(.*?)</tr>", table, re.S)
    assert [(year, population) for year, population, _ in rows] == [("2024", "28,400"), ("2023", "28,100")]
    assert "derived: sum of the predecessors" in rows[1][2]
    assert "derived" not in rows[0][2]


# --- Merger history ----------------------------------------------------------------------------------------


@pytest.fixture
def merger(cast):
    cast.maasdijk.valid_from = datetime.date(2025, 1, 1)
    cast.maasdijk.save()
    old = make_gemeente(
        "99011", "Oud Maasdijk", 20_000, merged_into=cast.maasdijk, valid_until=datetime.date(2024, 12, 31)
    )
    other = make_gemeente("99012", "Heide", 8_400, merged_into=cast.maasdijk, valid_until=datetime.date(2024, 12, 31))
    return old, other


def test_a_merged_municipality_lists_its_predecessors_with_links_and_dates(client, merger):
    html = page(client, MAASDIJK_EN)
    assert "Formed on 1 January 2025 from the merger of:" in html
    assert '<a href="/en/plaatsen/oud-maasdijk/">Oud Maasdijk</a>' in html
    assert '<a href="/en/plaatsen/heide/">Heide</a>' in html
    assert "until 31 December 2024" in html


def test_a_former_municipality_says_since_when_it_is_part_of_its_successor(client, merger):
    html = page(client, "/en/plaatsen/oud-maasdijk/")
    assert 'Since 1 January 2025 part of <a href="/en/plaatsen/maasdijk/">Maasdijk</a>.' in html
    assert 'class="status status-merged"' in html
    assert "Similar municipalities" not in html  # it no longer exists, so it is compared with nothing


def test_a_municipality_that_kept_its_code_lists_the_ones_it_absorbed(client, merger):
    # Like Antwerpen absorbing Borsbeek in 2025: the successor has no "exists since" of its own.
    merger[0].merged_into.valid_from = None
    merger[0].merged_into.save()
    html = page(client, MAASDIJK_EN)
    assert "Former municipalities that are now part of Maasdijk:" in html
    assert "Formed on" not in html
    assert 'Since 1 January 2025 part of <a href="/en/plaatsen/maasdijk/">' in page(client, "/en/plaatsen/heide/")


def test_the_dutch_page_writes_the_merger_date_in_dutch(client, merger):
    html = page(client, "/plaatsen/oud-maasdijk/")
    assert "1 januari 2025" in html


# --- Cores, regions, demo ----------------------------------------------------------------------------------


def test_the_cores_are_listed_with_links(client, cast):
    add_kern(cast.maasdijk, 2, kind=KernKind.DEELKERN, population=1_250)
    html = page(client, MAASDIJK_EN)
    assert '<a href="/en/plaatsen/maasdijk/centrum/">Maasdijk-Centrum</a>' in html
    assert '<a href="/en/plaatsen/maasdijk/kern-2/">Kern 2</a>' in html
    assert "1,250 inhabitants" in html


def test_the_regions_it_belongs_to_are_listed(client, cast):
    regio = Regio.objects.create(name="Naar de Kern 2018", slug="ndk-2018")
    regio.gemeenten.add(cast.maasdijk)
    assert "Naar de Kern 2018" in page(client)


def test_breadcrumbs_lead_back_to_the_places_overview(client, cast):
    html = page(client, MAASDIJK_EN)
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/plaatsen/"' in crumbs
    assert 'aria-current="page">Maasdijk</a>' in crumbs


def test_demo_data_carries_a_banner(client, cast):
    assert "demo-banner" not in page(client)
    cast.maasdijk.is_demo = True
    cast.maasdijk.save()
    assert '<div class="demo-banner"><p class="wrap">Demo data:' in page(client, MAASDIJK_EN)


def test_an_unknown_municipality_is_a_404(client, cast):
    assert client.get("/plaatsen/bestaat-niet/").status_code == 404
    assert client.get("/en/plaatsen/bestaat-niet/").status_code == 404


# --- Areas: only public ones, except for those who may manage the municipality -----------------------------


@pytest.fixture
def areas(cast):
    """Marktplein (the cast's area) is not public; Kerkstraat is."""
    public = Gebied(kern=cast.centrum, name="Kerkstraat", slug="kerkstraat", kind=GebiedKind.WINKELSTRAAT)
    public.is_public = True
    public.save()
    assert cast.markt.is_public is False
    return cast


@pytest.mark.parametrize("who", ["bezoeker", "lid", "gemeente_andere"])
def test_an_unpublished_area_is_hidden_from_visitors_members_and_other_municipalities(client, areas, who):
    user = areas.by_role()[who]
    html = page(client, MAASDIJK, user=user)
    assert "Kerkstraat" in html
    assert "Marktplein" not in html  # neither in the list nor in the map data
    assert "status-private" not in html
    names = [f["properties"]["name"] for f in map_features(html) if f["properties"]["role"] == "gebied"]
    assert names == []  # the areas have no geometry here; the point is that Marktplein's never reaches the page


@pytest.mark.parametrize("who", ["gemeente", "begeleider", "beheerder"])
def test_an_unpublished_area_is_shown_with_a_label_to_staff_facilitators_and_administrators(client, areas, who):
    user = areas.by_role()[who]
    html = page(client, MAASDIJK_EN, user=user)
    assert "Kerkstraat" in html
    row = html.split("Marktplein", 1)[1].split("</tr>", 1)[0]
    assert '<span class="status status-private">not public</span>' in row
    assert "You work for this municipality" in html


def test_the_unpublished_area_is_also_left_out_of_the_map_for_a_visitor(client, areas):
    areas.markt.set_geometry(SQUARE_MAASDIJK)
    areas.markt.save()
    visitor_features = map_features(page(client))
    assert "Marktplein" not in {f["properties"]["name"] for f in visitor_features}
    client.force_login(areas.ellen)
    ellen_features = map_features(page(client))
    marktplein = [f for f in ellen_features if f["properties"]["name"] == "Marktplein"]
    assert marktplein and marktplein[0]["properties"]["public"] is False


# --- The map ------------------------------------------------------------------------------------------------


def test_the_map_data_holds_the_boundary_its_cores_and_neighbours(client, cast):
    add_kern(cast.maasdijk, 2)
    html = page(client)
    features = map_features(html)
    roles = {(f["properties"]["role"], f["properties"]["name"]) for f in features}
    assert ("main", "Maasdijk") in roles
    assert ("kern", "Kern 2") in roles
    assert ("neighbour", "Veldrode") not in roles  # Veldrode's square is 3 km away: not a neighbour
    main = next(f for f in features if f["properties"]["role"] == "main")
    assert main["geometry"] == SQUARE_MAASDIJK
    assert main["properties"]["fit"] is True


def test_a_touching_municipality_is_drawn_as_a_neighbour(client, cast):
    touching = {
        "type": "Polygon",
        "coordinates": [[[5.42, 51.10], [5.44, 51.10], [5.44, 51.12], [5.42, 51.12], [5.42, 51.10]]],
    }
    make_gemeente("99003", "Buurdorp", 5_000, touching)
    features = map_features(page(client))
    neighbour = [f for f in features if f["properties"]["role"] == "neighbour"]
    assert [f["properties"]["name"] for f in neighbour] == ["Buurdorp"]
    assert neighbour[0]["properties"]["url"] == "/plaatsen/buurdorp/"


def test_the_map_is_accessible_and_uses_the_local_leaflet(client, cast):
    html = page(client)
    assert re.search(r'<div class="map" id="gemeente-map" data-map="gemeente-map-data" role="region"', html)
    assert 'aria-label="' in html.split('id="gemeente-map"', 1)[1].split(">", 1)[0]
    assert '<script src="/static/kernkompas/vendor/leaflet/leaflet.js" defer></script>' in html
    assert '<script src="/static/kernkompas/js/map.js" defer></script>' in html
    assert 'href="/static/kernkompas/vendor/leaflet/leaflet.css"' in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert "The map needs JavaScript" in page(client, MAASDIJK_EN)  # the text alternative without JavaScript


def test_no_tile_server_is_named_unless_configured(client, cast, settings):
    settings.MAP_TILE_URL = ""
    assert 'data-tile-url=""' in page(client)
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page(client)


def test_a_municipality_without_geometry_has_no_map_but_still_its_figures(client, cast):
    cast.maasdijk.set_geometry(None)
    cast.maasdijk.point_lat = cast.maasdijk.point_lon = None
    cast.maasdijk.save()
    cast.centrum.set_geometry(None)
    cast.centrum.point_lat = cast.centrum.point_lon = None
    cast.centrum.save()
    html = page(client)
    assert "gemeente-map-data" not in html
    assert "28.400" in html


# --- Speed --------------------------------------------------------------------------------------------------


def count_queries(client, url, user=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_number_of_cores_areas_and_candidates(client, cast, django_assert_max_num_queries):
    few = count_queries(client, MAASDIJK, user=cast.ellen)
    for i in range(2, 22):
        kern = add_kern(cast.maasdijk, i)
        Gebied.objects.create(kern=kern, name=f"Gebied {i}", slug=f"gebied-{i}", is_public=i % 2 == 0)
        make_gemeente(f"98{i:03d}", f"Kandidaat {i}", 20_000 + i * 500)
        PopulationFigure.objects.create(gemeente=cast.maasdijk, year=2000 + i, population=28_000 + i)
    many = count_queries(client, MAASDIJK, user=cast.ellen)
    assert many == few
    # One more since the Kern-DNA's place panel (its trajectories), two since the Binnenstadslab's (plans, labs);
    # still constant in the number of cores and areas.
    with django_assert_max_num_queries(18):  # +1: Stedelijk leren's panel
        client.get(MAASDIJK)
