"""Similar municipalities on the municipality page: who, why (in words), and how fast."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kernkompas.places.models import Province
from kernkompas.places.selectors import load_candidates, similar_gemeenten
from kernkompas.places.views import describe_reason
from kernkompas.testing import make_gemeente

MAASDIJK_EN = "/en/plaatsen/maasdijk/"


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    # A request under /en/ leaves English active in this thread; reset it so reverse() elsewhere stays Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def similar_section(html: str) -> str:
    return html.split('<section class="similar-section"', 1)[1].split("</section>", 1)[0]


def cards(html: str) -> dict[str, list[str]]:
    """Name of each similar municipality -> its reasons, in page order."""
    found = {}
    for card in similar_section(html).split('<li class="card">')[1:]:
        name = re.search(r"<h3><a [^>]+>([^<]+)</a></h3>", card).group(1)
        found[name] = re.findall(r"<li>([^<]+)</li>", card.split('<ul class="reasons">', 1)[1])
    return found


@pytest.fixture
def towns(cast):
    """Maasdijk (28,400 on 60 km²) and a handful of others in Belgium and the Netherlands."""
    make_gemeente("99003", "Zandhoven", 30_000, area_km2=62.0)
    make_gemeente("99004", "Grootstad", 250_000, area_km2=120.0)
    make_gemeente("99005", "Gehucht", 3_000, area_km2=40.0)
    make_gemeente("GM9001", "Tweelingdam", 28_400, country="NL", area_km2=60.0)
    successor = make_gemeente("99006", "Nieuwegem", 90_000, area_km2=150.0)
    make_gemeente(
        "99007", "Oudegem", 28_400, area_km2=60.0, merged_into=successor, valid_until=datetime.date(2024, 12, 31)
    )
    return cast


def test_similar_municipalities_are_shown_with_the_reason_in_words(client, towns):
    html = client.get(MAASDIJK_EN).content.decode()
    found = cards(html)
    assert "Zandhoven" in found
    assert "similar population: 28,400 against 30,000" in found["Zandhoven"]
    assert "similar density: 473 against 484 inhabitants per km²" in found["Zandhoven"]
    assert "both in the size class 25,000–50,000 inhabitants" in found["Zandhoven"]
    assert "also in Belgium" in found["Zandhoven"]


def test_the_dutch_page_writes_the_numbers_of_a_reason_in_dutch(client, towns):
    html = client.get("/plaatsen/maasdijk/").content.decode()
    reasons = " ".join(cards(html)["Zandhoven"])
    assert "28.400" in reasons and "30.000" in reasons


def test_the_municipality_itself_and_merged_municipalities_are_never_similar(client, towns):
    found = cards(client.get(MAASDIJK_EN).content.decode())
    assert "Maasdijk" not in found
    assert "Oudegem" not in found  # identical figures, but it no longer exists


def test_the_same_country_comes_first(client, towns):
    names = list(cards(client.get(MAASDIJK_EN).content.decode()))
    assert names.index("Tweelingdam") > names.index("Grootstad")  # even a city nine times larger comes first
    assert names[0] == "Zandhoven"


def test_the_method_is_explained_on_the_page_without_a_ranking(client, towns):
    section = similar_section(client.get(MAASDIJK_EN).content.decode())
    assert "Places like yours, to learn from: not a ranking." in section
    assert "score" not in section.lower()


def test_similar_municipalities_are_linked_and_mapped_as_points(client, towns):
    html = client.get(MAASDIJK_EN).content.decode()
    assert '<h3><a href="/en/plaatsen/zandhoven/">Zandhoven</a></h3>' in html
    assert 'id="similar-map-data"' in html


def test_same_province_and_same_role_are_given_as_reasons(client, cast):
    limburg = Province.objects.create(country=cast.maasdijk.country, code="70000", name_nl="Limburg")
    cast.maasdijk.province = limburg
    cast.maasdijk.save()
    cast.veldrode.province = limburg
    cast.veldrode.save()
    # Two clearly larger towns and four villages: Maasdijk and Stadskern are regional centres of Limburg.
    make_gemeente("99010", "Stadskern", 31_000, province=limburg)
    for i in range(4):
        make_gemeente(f"9902{i}", f"Dorp {i}", 4_000 + i * 100, province=limburg)
    html = client.get(MAASDIJK_EN).content.decode()
    found = cards(html)
    assert "both a regional centre in their province" in found["Stadskern"]
    assert "also in the province of Limburg" in found["Stadskern"]
    assert "<dt>Role in the province</dt><dd>regional centre</dd>" in html


def test_every_reason_code_has_a_sentence(cast):
    from kernkompas.lib.similarity import Reason

    translation.activate("en")
    cast.maasdijk.province = Province.objects.create(country=cast.maasdijk.country, code="70000", name_nl="Limburg")
    sentences = [
        describe_reason(Reason(code, target, other), cast.maasdijk)
        for code, target, other in [
            ("population", 46_598, 42_711),
            ("density", 473.3, 1_234.5),
            ("same_size_class", "25k-50k", "25k-50k"),
            ("same_role", "regional_centre", "regional_centre"),
            ("same_role", "medium", "medium"),
            ("same_role", "smaller", "smaller"),
            ("same_urbanity", 2, 2),
            ("same_province", "1", "1"),
            ("same_country", "NL", "NL"),
        ]
    ]
    assert sentences == [
        "similar population: 46,598 against 42,711",
        "similar density: 473 against 1,235 inhabitants per km²",
        "both in the size class 25,000–50,000 inhabitants",
        "both a regional centre in their province",
        "both a medium-sized municipality for their province",
        "both a smaller municipality in their province",
        "both strongly urban (CBS)",
        "also in the province of Limburg",
        "also in the Netherlands",
    ]


def test_the_reasons_read_in_dutch_with_dutch_numbers(cast):
    from kernkompas.lib.similarity import Reason

    translation.activate("nl")
    sentence = describe_reason(Reason("population", 46_598, 42_711), cast.maasdijk)
    assert "46.598" in sentence and "42.711" in sentence


def test_similar_gemeenten_selector_returns_rows_with_matches(towns):
    result = similar_gemeenten(towns.maasdijk, load_candidates(), limit=3)
    assert [item.row["name_nl"] for item in result] == ["Zandhoven", "Veldrode", "Nieuwegem"]
    assert result[0].match.reasons[0] == ("population", 28_400, 30_000)


def test_candidates_are_loaded_in_one_query_and_compared_in_python(towns, django_assert_num_queries):
    with django_assert_num_queries(1):
        candidates = load_candidates()
        similar_gemeenten(towns.maasdijk, candidates)


def test_the_page_does_not_query_more_with_more_candidates(client, towns, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        client.get(MAASDIJK_EN)
    for i in range(150):
        make_gemeente(f"97{i:03d}", f"Kandidaat {i}", 5_000 + i * 300, area_km2=20.0 + i)
    with CaptureQueriesContext(connection) as many:
        html = client.get(MAASDIJK_EN).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(cards(html)) == 6
    # A fixed number for the whole page: each part's panel adds a constant few (the Binnenstadslab's plans and labs).
    with django_assert_max_num_queries(14):  # +1: Stedelijk leren's panel
        client.get(MAASDIJK_EN)


def test_a_real_municipality_is_never_compared_with_demo_data(towns):
    make_gemeente("DEMO9", "Verzonnendorp", 28_400, area_km2=75.0, is_demo=True)
    real = [item.row["name_nl"] for item in similar_gemeenten(towns.maasdijk, load_candidates(), limit=20)]
    assert "Verzonnendorp" not in real
    demo = load_candidates(demo=True)
    assert set(demo.rows) == {"DEMO9"}
