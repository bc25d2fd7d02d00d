"""A dashboard indicator that is weak against comparable areas says what it was compared with and links to the
Vitrine's cases on its theme for municipalities of the same size class; followed, that link lists those cases."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.presentation.panels import weak_against
from kernkompas.monitor.tests.dashboard_fixtures import SLUGS
from kernkompas.site.tests.connected import make_connected


@pytest.fixture
def world(cast):
    return make_connected(cast)


def _weak_block(html: str, code: str) -> str:
    found = re.search(rf'<div class="indicator-weak" data-weak="{code}">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def test_a_weak_vacancy_links_to_cases_on_vacancy_for_places_of_the_same_size(client, world):
    """On main, a dashboard's vacancy of 33 % against a median of 0 % in similar areas led nowhere."""
    html = client.get(reverse("monitor:gebied", kwargs=SLUGS)).content.decode()
    block = _weak_block(html, "vacancy_rate")
    assert "Zwakker dan vergelijkbare gebieden: mediaan 0,0 % (1 gebied)." in block
    link = re.search(r'<a href="([^"]+)">Voorbeelden over leegstand in kernen zoals deze \((\d+)\)</a>', block)
    assert link is not None, block
    url, count = htmllib.unescape(link.group(1)), int(link.group(2))
    assert url == "/vitrine/?theme=leegstand&size=25k-50k"
    assert count == 2  # Maasdijk's own and the tax: not the city's, not the draft, not the other theme

    listed = client.get(url).content.decode()
    assert "Eigenaars rond de tafel in Maasdijk" in listed and "Een leegstandsheffing die werkt" in listed
    assert "Een wijkwinkelcentrum opnieuw uitvinden" not in listed
    assert "Een avondmarkt op donderdag" not in listed
    assert "Geheim concept" not in listed


def test_an_indicator_that_is_not_worse_than_its_peers_has_no_weak_link(client, world):
    html = client.get(reverse("monitor:gebied", kwargs=SLUGS)).content.decode()
    # Diversity has no Vitrine theme; the number of units has no better direction.
    assert _weak_block(html, "diversity") == "" and _weak_block(html, "units") == ""
    bremhout = client.get(
        reverse("monitor:gebied", kwargs={"gemeente": "bremhout", "kern": "centrum", "gebied": "kernwinkelgebied"})
    ).content.decode()
    assert _weak_block(bremhout, "vacancy_rate") == ""  # 0 % against Marktplein's 33 %


def test_without_comparable_areas_vacancy_is_weighed_against_the_national_level():
    meta = INDICATORS["vacancy_rate"]
    assert meta.themes == ("leegstand",)
    assert weak_against("vacancy_rate", 0.12, {}, "BE")["reference"] == 0.10
    assert weak_against("vacancy_rate", 0.08, {}, "BE") is None
    assert weak_against("vacancy_rate", 0.08, {}, "NL")["reference"] == 0.07
    # A peer median decides when there is one, even if the national level would say otherwise.
    assert weak_against("vacancy_rate", 0.12, {"similar": {"n": 3, "medians": {"vacancy_rate": 0.2}}}, "BE") is None
    assert weak_against("vacancy_rate_area", 0.5, {}, "BE") is None  # no national level for floor area


def test_the_weak_link_falls_back_to_every_size_when_none_fits_and_says_so(client, world):
    world.own_case.unpublish()
    world.size_case.unpublish()
    html = client.get(reverse("monitor:gebied", kwargs=SLUGS)).content.decode()
    block = _weak_block(html, "vacancy_rate")
    assert 'href="/vitrine/?theme=leegstand">Voorbeelden over leegstand (1)</a>' in block
    assert "nog geen voor gemeenten van deze grootte: alle groottes" in block


def test_the_indicators_page_explains_each_indicator_and_links_to_its_cases(client, world):
    html = client.get(reverse("monitor:indicators")).content.decode()
    assert 'id="indicator-vacancy_rate"' in html and "Lager is beter." in html
    assert 'href="/vitrine/?theme=leegstand">3 voorbeelden hierover in de Vitrine</a>' in html
