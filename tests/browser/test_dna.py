"""The Kern-DNA in a real browser on the demo region: facilitator Femke starts a DNA trajectory for a core of
Maasdijk, edits a step; Ellen (gemeente Maasdijk) makes it public; a visitor reads it, with the step's notes left
out. axe on every page, at 1280 px and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser


def test_a_facilitator_starts_a_trajectory_the_municipality_publishes_it_a_visitor_reads_it(
    demo_region, browser, live_server, page, dutch, assert_accessible
):
    # Femke, from Maasdijk's workspace: "Start een DNA-traject".
    log_in(page, dutch, "femke")
    page.goto("/werkplek/maasdijk/")
    page.locator("#workspace-dna").locator("..").get_by_role("link", name="Start een DNA-traject").first.click()
    page.wait_for_url("**/dna/start/?gemeente=maasdijk")
    assert_accessible(page, "the start form")
    page.get_by_label("Kern:", exact=True).select_option(label="Kiezelberg (Maasdijk)")
    page.get_by_label("Titel:", exact=True).fill("Het DNA van Kiezelberg")
    page.get_by_label("Naar de Kern Compact (zeven stappen)").check()
    page.get_by_role("button", name="Start het traject").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het DNA van Kiezelberg")
    assert page.locator(".dna-step").count() == 7
    expect(page.get_by_text("Niet openbaar: alleen de medewerkers")).to_be_visible()
    assert_accessible(page, "a new trajectory")
    trajectory_url = page.url

    # She edits the first step: dates, status, participants and an internal note.
    page.get_by_role("link", name=re.compile(r"^Bewerken\W+Start en verkenning$")).click()
    assert_accessible(page, "the step form")
    page.get_by_label("Status:", exact=True).select_option(label="bezig")
    page.get_by_label("Begindatum").fill("2026-11-17")
    page.get_by_label("Einddatum").fill("2026-12-08")
    page.get_by_label("Deelnemers").fill("Gemeente Maasdijk, handelaarsvereniging Kiezelberg")
    page.get_by_label("Notities").fill("Kernwandeling op dinsdag, vertrek aan de kerk.")
    page.get_by_role("button", name="Stap opslaan").click()
    page.wait_for_url(trajectory_url)
    first = page.locator(".dna-step").first
    expect(first).to_contain_text("bezig")
    expect(first).to_contain_text("17 november 2026 – 8 december 2026")
    expect(first).to_contain_text("Kernwandeling op dinsdag")
    # And moves the second step up.
    page.get_by_role("button", name=re.compile(r"^Naar boven\W+Troeven in de cijfers$")).click()
    expect(page.locator(".dna-step h3").first).to_have_text("Troeven in de cijfers")

    # Ellen of Maasdijk makes it public: a page says what becomes public, then she confirms.
    page.context.clear_cookies()
    log_in(page, dutch, "ellen")
    page.goto(trajectory_url)
    page.get_by_role("link", name="Maak openbaar").click()
    assert_accessible(page, "the publish question")
    page.get_by_role("button", name="Ja, maak openbaar").click()
    page.wait_for_url(trajectory_url)
    expect(page.get_by_role("link", name="Maak niet-openbaar")).to_be_visible()

    # A visitor on a phone finds it in the list and reads it, without the notes.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto("/dna/")
    assert fits(tab)
    assert_accessible(tab, "the list of trajectories at 390 px")
    tab.get_by_role("link", name="Het DNA van Kiezelberg").click()
    tab.wait_for_url(trajectory_url)
    expect(tab.locator(".dna-step").nth(1)).to_contain_text("handelaarsvereniging Kiezelberg")
    assert tab.get_by_text("Kernwandeling op dinsdag").count() == 0
    assert tab.get_by_role("link", name=re.compile(r"^Bewerken\W+Start en verkenning$")).count() == 0
    assert fits(tab)
    assert_accessible(tab, "a public trajectory at 390 px")
    tab.goto("/plaatsen/maasdijk/kiezelberg/")
    expect(tab.locator("#dna-trajectories")).to_contain_text("Het DNA van Kiezelberg")
    context.close()

    # The forms fit a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(trajectory_url)
    assert fits(page)
    assert_accessible(page, "the trajectory for staff at 390 px")
    page.get_by_role("link", name="Voeg een stap toe").click()
    assert fits(page)
    assert_accessible(page, "the step form at 390 px")
