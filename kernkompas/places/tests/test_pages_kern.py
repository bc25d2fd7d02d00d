"""The public page of a core: its municipality, map, kind, population, areas (public rule) and sibling cores."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from kernkompas.places.models import Gebied, GebiedKind, Kern, Regio

CENTRUM = "/plaatsen/maasdijk/centrum/"
CENTRUM_EN = "/en/plaatsen/maasdijk/centrum/"
CORE_SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.35, 51.13], [5.37, 51.13], [5.37, 51.15], [5.35, 51.15], [5.35, 51.13]]],
}


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    # A request under /en/ leaves English active in this thread; reset it so reverse() elsewhere stays Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(client, url=CENTRUM, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def map_features(html: str) -> list[dict]:
    match = re.search(r'<script id="kern-map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no map data"
    return json.loads(match.group(1))["features"]


def add_kern(gemeente, number: int) -> Kern:
    kern = Kern(gemeente=gemeente, code=f"{gemeente.code}_{number}", name=f"Kern {number}", slug=f"kern-{number}")
    kern.refresh_derived()
    kern.save()
    return kern


@pytest.fixture
def core(cast):
    cast.centrum.set_geometry(CORE_SQUARE)
    cast.centrum.population = 9_870
    cast.centrum.save()
    return cast


def test_the_core_page_names_its_municipality_kind_and_population(client, core):
    html = page(client, CENTRUM_EN)
    assert "<h1>Maasdijk-Centrum</h1>" in html
    assert 'Main core in <a href="/en/plaatsen/maasdijk/">Maasdijk</a>' in html
    assert "9,870" in html
    assert "28,400" in html  # the municipality's population for context
    assert "9.870" in page(client)  # Dutch thousands separator


def test_the_core_map_holds_its_boundary_and_the_municipality_as_context(client, core):
    features = map_features(page(client))
    main = [f for f in features if f["properties"]["role"] == "main"]
    assert len(main) == 1 and main[0]["geometry"] == CORE_SQUARE and main[0]["properties"]["fit"]
    context = [f for f in features if f["properties"]["role"] == "context"]
    assert context[0]["properties"]["name"] == "Maasdijk"
    assert context[0]["properties"]["fit"] is False


def test_a_core_with_only_a_point_is_drawn_as_a_point(client, core):
    core.centrum.geometry = None
    core.centrum.point_lat, core.centrum.point_lon = 51.14, 5.36
    core.centrum.save()
    main = [f for f in map_features(page(client)) if f["properties"]["role"] == "main"][0]
    assert main["geometry"] == {"type": "Point", "coordinates": [5.36, 51.14]}


def test_other_cores_of_the_same_municipality_are_listed(client, core):
    add_kern(core.maasdijk, 2)
    add_kern(core.veldrode, 1)
    html = page(client, CENTRUM_EN)
    others = html.split("Other cores of Maasdijk", 1)[1].split("</section>", 1)[0]
    assert '<a href="/en/plaatsen/maasdijk/kern-2/">Kern 2</a>' in others
    assert "Maasdijk-Centrum" not in others
    assert "veldrode" not in others


def test_the_regions_of_the_core_are_listed(client, core):
    Regio.objects.create(name="Kempen-kernen", slug="kempen").kernen.add(core.centrum)
    assert "Kempen-kernen" in page(client)


@pytest.mark.parametrize("who", ["bezoeker", "lid", "gemeente_andere", "redactie"])
def test_an_unpublished_area_of_the_core_is_hidden_from_those_who_do_not_manage_it(client, core, who):
    core.markt.set_geometry(CORE_SQUARE)
    core.markt.save()
    html = page(client, user=core.by_role()[who])
    assert "Marktplein" not in html
    assert "No public areas yet." in page(client, CENTRUM_EN)


@pytest.mark.parametrize("who", ["gemeente", "begeleider", "beheerder"])
def test_an_unpublished_area_of_the_core_is_shown_to_those_who_manage_it(client, core, who):
    Gebied.objects.create(
        kern=core.centrum, name="Kerkstraat", slug="kerkstraat", kind=GebiedKind.WINKELSTRAAT, is_public=True
    )
    html = page(client, CENTRUM_EN, user=core.by_role()[who])
    assert "Kerkstraat" in html
    assert '<span class="status status-private">not public</span>' in html.split("Marktplein", 1)[1]


def test_a_core_is_found_only_under_its_own_municipality(client, core):
    assert client.get("/plaatsen/veldrode/centrum/").status_code == 404
    assert client.get("/plaatsen/maasdijk/bestaat-niet/").status_code == 404
    assert client.get("/plaatsen/bestaat-niet/centrum/").status_code == 404


def test_a_demo_core_carries_a_banner(client, core):
    core.centrum.is_demo = True
    core.centrum.save()
    assert '<div class="demo-banner"><p class="wrap">Demo data:' in page(client, CENTRUM_EN)


def test_queries_do_not_grow_with_the_number_of_sibling_cores_and_areas(client, core, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(core.femke)
    with CaptureQueriesContext(connection) as few:
        client.get(CENTRUM)
    for i in range(2, 25):
        add_kern(core.maasdijk, i)
        Gebied.objects.create(kern=core.centrum, name=f"Straat {i}", slug=f"straat-{i}", kind=GebiedKind.WINKELSTRAAT)
    with CaptureQueriesContext(connection) as many:
        client.get(CENTRUM)
    assert len(many.captured_queries) == len(few.captured_queries)
    # 9 for the page itself (session, user and roles of the logged-in client included), 6 for the panels of the
    # other parts (the Kernmonitor's areas with their latest figures; the Vitrine's cases and page restrictions;
    # the Kern-DNA's trajectories; the Binnenstadslab's plans and labs).
    with django_assert_max_num_queries(16):  # +1: Stedelijk leren's panel
        client.get(CENTRUM)
