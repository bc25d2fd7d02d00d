"""A visitor follows the chain the home page promises, in a real browser on the demo region: a municipality's page
shows its dashboards and the cases that fit it; the dashboard's weak vacancy leads to cases on vacancy for places
of the same size; a case names the Kernmonitor's indicators and links to what they mean. axe on every page."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(browser_db):
    from kernkompas.site.demo import load_demo_data

    return load_demo_data()


def test_a_visitor_follows_a_weak_indicator_to_matching_cases_and_back(page, demo, assert_accessible):
    page.goto("/")
    assert page.locator("ol.chain a").count() == 4
    assert_accessible(page, "the home page")

    # The municipality's page: its public dashboard, with vacancy, and cases for a place like it.
    page.goto("/plaatsen/maasdijk/")
    dashboards = page.locator("#monitor-dashboards")
    assert dashboards.get_by_role("link", name="Marktplein").count() == 1
    assert dashboards.get_by_text("Statiestraat").count() == 0  # not public
    assert page.locator("#vitrine-cases .place-case-list > li").count() > 0
    assert_accessible(page, "a municipality's page")

    # The dashboard: vacancy is weaker than in similar areas, and says against what.
    dashboards.get_by_role("link", name="Marktplein").click()
    page.wait_for_url("**/monitor/maasdijk/centrum/marktplein/")
    weak = page.locator('[data-weak="vacancy_rate"]')
    assert "Zwakker dan vergelijkbare gebieden" in weak.inner_text()
    link = weak.get_by_role("link", name=re.compile(r"^Voorbeelden over leegstand in kernen zoals deze \(\d+\)$"))
    count = int(re.search(r"\((\d+)\)", link.inner_text()).group(1))
    assert count > 0
    assert_accessible(page, "the area dashboard with a weak indicator")

    # Followed: the Vitrine lists exactly those cases, filtered on the theme and the size class.
    link.click()
    page.wait_for_url("**/vitrine/?theme=leegstand&size=25k-50k")
    cards = page.locator(".results .case-card")
    assert cards.count() == count
    assert page.locator("#facets input[name=theme][value=leegstand]").is_checked()
    assert_accessible(page, "the Vitrine filtered from a weak indicator")

    # A case names the indicators that measure it; the link explains the indicator.
    page.locator(".results .case-card-title a").first.click()
    page.wait_for_load_state()
    indicators = page.locator("section.case-indicators")
    assert "Meet dit in de Kernmonitor:" in indicators.inner_text()
    assert_accessible(page, "a case page with its indicators")
    indicators.locator('a[data-indicator="vacancy_rate"]').click()
    page.wait_for_url("**/monitor/indicatoren/#indicator-vacancy_rate")
    assert page.locator("#indicator-vacancy_rate").is_visible()
    assert_accessible(page, "the explanation of the indicators")


def test_the_weak_indicator_and_the_place_panels_fit_a_phone(browser, live_server, demo, assert_accessible):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    for path in ("/plaatsen/maasdijk/", "/monitor/maasdijk/centrum/marktplein/"):
        tab.goto(path)
        # Nothing pushes the page sideways.
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        assert_accessible(tab, path + " at 390 px")
    assert tab.locator('[data-weak="vacancy_rate"] a').is_visible()
    context.close()
