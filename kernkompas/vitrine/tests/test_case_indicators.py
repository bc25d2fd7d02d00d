"""A case names the Kernmonitor indicators that measure its themes ("Meet dit in de Kernmonitor: leegstand, …"),
each linked to the Kernmonitor's explanation of it, asked through the registry of parts."""

from __future__ import annotations

import re

from django.utils import translation

from kernkompas.vitrine.tests.list_cases import make_case


def _html(client, case, prefix="") -> str:
    with translation.override("nl"):
        path = case.url
    response = client.get(prefix + path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_case_on_vacancy_names_the_vacancy_indicators_with_links(client, db):
    """On main, a case page did not link to the Kernmonitor at all."""
    case = make_case("heffing", "Een leegstandsheffing", ["leegstand", "beleid-visie"], [], "25k-50k", "stadskern",
                     "BE", "lt10k")  # fmt: skip
    html = _html(client, case)
    section = re.search(r'<section class="case-indicators.*?</section>', html, re.S).group(0)
    assert "Meet dit in de Kernmonitor:" in section
    assert (
        '<a href="/monitor/indicatoren/#indicator-vacancy_rate" data-indicator="vacancy_rate">leegstand</a>' in section
    )
    assert 'data-indicator="structural_vacancy">structurele leegstand</a>' in section
    # The link leads to the explanation of that indicator.
    assert 'id="indicator-vacancy_rate"' in client.get("/monitor/indicatoren/").content.decode()


def test_the_indicators_are_english_on_the_english_page(client, db):
    case = make_case("heffing", "Een leegstandsheffing", ["leegstand"], [], "25k-50k", "stadskern", "BE", "lt10k")
    html = _html(client, case, "/en")
    assert "Measure this in the Kernmonitor:" in html
    assert 'href="/en/monitor/indicatoren/#indicator-vacancy_rate" data-indicator="vacancy_rate">vacancy</a>' in html


def test_a_case_on_a_theme_no_indicator_measures_shows_no_kernmonitor_block(client, db):
    case = make_case("avondmarkt", "Een avondmarkt", ["beleving-aantrekking"], [], "25k-50k", "stadskern", "BE",
                     "lt10k")  # fmt: skip
    assert "case-indicators" not in _html(client, case)
