"""The error pages in a real browser: Dutch, branded, with ways on, no serious accessibility problem, at phone
and desktop width. Before, a missing page was Django's bare English "Not Found"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_the_not_found_page_is_dutch_branded_and_accessible(browser, live_server, browser_db, assert_accessible, width):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    response = page.goto("/monitor/bestaat/niet/wel/")  # a part's page that is not there
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.get_by_role("link", name="Naar de startpagina")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    page.get_by_label("Zoek voorbeelden in de Vitrine").fill("leegstand")
    assert_accessible(page, f"the 404 page at {width} px")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(live_server.url + "/vitrine/?q=leegstand")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    context.close()
