"""The search box on /plaatsen/: municipalities and cores by Dutch or French name, accents and case ignored."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.utils import translation

from kernkompas.places.models import Kern, KernKind
from kernkompas.places.selectors import match_rank, search_places
from kernkompas.testing import make_gemeente


@pytest.fixture
def places(db):
    luik = make_gemeente("62063", "Luik", 195_000, name_fr="Liège")
    tongeren_borgloon = make_gemeente("73111", "Tongeren-Borgloon", 42_700, valid_from=datetime.date(2025, 1, 1))
    tongeren = make_gemeente(
        "73083", "Tongeren", 31_100, merged_into=tongeren_borgloon, valid_until=datetime.date(2024, 12, 31)
    )
    borgloon = make_gemeente(
        "73009", "Borgloon", 11_000, merged_into=tongeren_borgloon, valid_until=datetime.date(2024, 12, 31)
    )
    centrum = Kern(gemeente=tongeren_borgloon, code="73083_1", name="Tongeren-Centrum", slug="tongeren-centrum")
    centrum.kind = KernKind.HOOFDKERN
    centrum.refresh_derived()
    centrum.save()
    return {"luik": luik, "tb": tongeren_borgloon, "tongeren": tongeren, "borgloon": borgloon, "centrum": centrum}


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    # A request under /en/ leaves English active in this thread; reset it so reverse() elsewhere stays Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/plaatsen/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def result_names(html: str, heading: str) -> list[str]:
    """Link texts of one result list, in page order."""
    section = html.split(f"<h3>{heading}</h3>", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


@pytest.mark.parametrize("query", ["liege", "Luik", "LIÈGE", "luik", "Liège", "  liège "])
def test_a_municipality_is_found_by_its_dutch_or_french_name_with_or_without_accents(client, places, query):
    html = search(client, query, prefix="/en")
    assert result_names(html, "Municipalities") == ["Luik"]
    assert '<span lang="fr">(Liège)</span>' in html
    assert 'href="/en/plaatsen/luik/"' in html


def test_a_core_is_found_by_its_name_and_shows_its_municipality(client, places):
    html = search(client, "centrum", prefix="/en")
    assert result_names(html, "Cores") == ["Tongeren-Centrum"]
    assert "in Tongeren-Borgloon" in html
    assert 'href="/en/plaatsen/tongeren-borgloon/tongeren-centrum/"' in html


def test_an_old_merged_municipality_is_found_after_the_current_one_with_its_end_and_successor(client, places):
    """Issue 11: "Tongeren" (ended 2024-12-31) was listed before "Tongeren-Borgloon" with no date: an exact match
    outranked the current municipality. Current ones now come first; the ended one says when and into what."""
    html = search(client, "tongeren", prefix="/en")
    assert result_names(html, "Municipalities") == ["Tongeren-Borgloon", "Tongeren"]
    merged_item = html.split('href="/en/plaatsen/tongeren/"', 1)[1].split("</li>", 1)[0]
    assert 'class="status status-merged"' in merged_item
    assert "ended on 31-12-2024, now Tongeren-Borgloon" in merged_item
    dutch = search(client, "tongeren")
    assert "opgeheven op 31-12-2024, nu Tongeren-Borgloon" in dutch
    current_item = html.split('href="/en/plaatsen/tongeren-borgloon/"', 1)[1].split("</li>", 1)[0]
    assert "status-merged" not in current_item


def test_current_municipalities_come_before_ended_ones_even_an_exact_match(client, places):
    html = search(client, "borgloon", prefix="/en")
    assert result_names(html, "Municipalities") == ["Tongeren-Borgloon", "Borgloon"]


def test_exact_and_prefix_matches_come_before_matches_inside_a_name(client, places):
    make_gemeente("99998", "Groot-Luikerwaal", 5_000)
    html = search(client, "luik", prefix="/en")
    assert result_names(html, "Municipalities") == ["Luik", "Groot-Luikerwaal"]


def test_the_rank_prefers_exact_then_start_then_word_start_then_anywhere():
    assert match_rank("luik", ["Luik", "Liège"]) == 0
    assert match_rank("liege", ["Luik", "Liège"]) == 0
    assert match_rank("tonger", ["Tongeren-Borgloon"]) == 1
    assert match_rank("borgloon", ["Tongeren-Borgloon"]) == 2
    assert match_rank("gloon", ["Tongeren-Borgloon"]) == 3


def test_a_search_without_results_says_so_and_suggests_what_to_try(client, places):
    html = search(client, "xyzzy", prefix="/en")
    assert "0 results for “xyzzy”" in html
    assert "No municipality or core has “xyzzy” in its Dutch or French name." in html
    assert "Try the name in the other language" in html


def test_the_search_is_a_plain_get_form_that_works_without_javascript(client, places):
    html = search(client, "")
    assert re.search(r'<form class="search-form" action="/plaatsen/" method="get" role="search">', html)
    assert '<label for="places-q">' in html
    assert 'name="q"' in html


def test_the_query_is_shown_escaped(client, places):
    html = search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_without_a_query_the_overview_lists_current_municipalities_by_country_and_province(client, places):
    html = search(client, "", prefix="/en")
    assert "Belgium" in html
    assert "(2 municipalities)" in html  # Luik and Tongeren-Borgloon; the merged ones are reachable by search
    assert 'href="/en/plaatsen/tongeren-borgloon/"' in html
    assert 'href="/en/plaatsen/tongeren/"' not in html
    assert "1 core" in html


def test_the_overview_uses_one_query_however_many_municipalities(client, places, django_assert_max_num_queries):
    for i in range(30):
        make_gemeente(f"9{i:04d}", f"Dorp {i}", 1_000 + i)
    with django_assert_max_num_queries(3):
        client.get("/plaatsen/")


def test_search_results_cost_a_fixed_number_of_queries(client, places, django_assert_max_num_queries):
    for i in range(30):
        make_gemeente(f"9{i:04d}", f"Tongerlo {i}", 1_000 + i)
    with django_assert_max_num_queries(3):
        html = search(client, "tonger")
    assert html.count(">Tongerlo ") == 30
    assert html.count("status status-merged") == 1  # only the old Tongeren


def test_search_places_limits_long_result_lists_and_counts_the_rest(places):
    for i in range(12):
        make_gemeente(f"9{i:04d}", f"Tongerlo {i}", 1_000 + i)
    results = search_places("tonger", limit=5)
    assert len(results.gemeenten) == 5
    assert results.more_gemeenten == 14 - 5  # Tongeren, Tongeren-Borgloon and twelve Tongerlo's
    assert results.total == 14 + 1  # and the core Tongeren-Centrum


def test_an_empty_or_punctuation_only_query_finds_nothing(places):
    assert search_places("  ").total == 0
    assert search_places("--").total == 0
