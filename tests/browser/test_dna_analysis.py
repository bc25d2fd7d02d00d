"""The Kern-DNA analysis page in a real browser on the demo region (with the demo's invented OpenStreetMap
figures): a visitor reads Veldrode-Dorp's candidate strengths with the peers behind them, chooses other peers, and
reads the page on a phone. axe on every page, at 1280 px and 390 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits

pytestmark = pytest.mark.browser


@pytest.fixture
def measured(demo_region):
    from kernkompas.dna.demo_figures import load_demo_figures

    assert load_demo_figures() > 5
    return demo_region


def test_a_visitor_reads_the_strengths_and_chooses_the_peers(measured, browser, live_server, page, assert_accessible):
    page.goto("/dna/kern/veldrode/dorp/analyse/")
    expect(page.get_by_role("heading", level=1)).to_have_text("De troeven volgens de cijfers: Veldrode-Dorp")
    strengths = page.locator(".dna-strengths > li")
    expect(strengths.first).to_contain_text("Erfgoed en kunst in de openbare ruimte")
    assert page.locator("svg.dna-radar[role=img] title").count() == 1
    assert page.locator("svg.dna-bars").count() == 9
    # The peers behind the first strength, each with its value.
    strengths.first.locator("summary").click()
    expect(strengths.first.locator("table tbody tr").first).to_contain_text("Veldrode-Dorp")
    assert strengths.first.locator("table tbody tr").count() >= 6
    # The radar as a table.
    page.get_by_text("Het radardiagram als tabel").click()
    expect(page.locator(".dna-chart-table table")).to_contain_text("Groen & water")
    assert_accessible(page, "the analysis page")

    # Only two cores of her own choice: too few peers, so every candidate is withheld with the reason.
    page.get_by_label("kernen die ik kies (hoogstens 300):").check()
    page.get_by_label("Zoek een kern om toe te voegen").fill("Beuken")
    page.get_by_role("button", name="Vergelijk").click()
    page.get_by_label("Beukenrode (Veldrode)").check()
    page.get_by_label("Zoek een kern om toe te voegen").fill("Kiezel")
    page.get_by_role("button", name="Vergelijk").click()
    page.get_by_label("Kiezelberg (Maasdijk)").check()
    page.get_by_role("button", name="Vergelijk").click()
    expect(page.get_by_text("Vergeleken met 2 kernen: de kernen die je koos.")).to_be_visible()
    assert "groep=keuze" in page.url  # a bookmarkable comparison
    expect(page.locator(".dna-withheld")).to_contain_text("minder dan 5 vergelijkingskernen met een waarde (2)")
    assert_accessible(page, "the analysis against two chosen cores")

    # A bad address gives a message, not an error.
    page.goto("/dna/kern/veldrode/dorp/analyse/?groep=keuze&kern=abc")
    expect(page.get_by_role("alert")).to_contain_text("is geen nummer van een kern")

    # On a phone.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto("/dna/kern/maasdijk/centrum/analyse/")
    expect(tab.get_by_role("heading", name="Kandidaat-troeven")).to_be_visible()
    assert fits(tab)
    assert_accessible(tab, "the analysis page at 390 px")
    tab.goto("/dna/kern/maasdijk/moerheide/analyse/?groep=regio")
    assert fits(tab)
    context.close()
