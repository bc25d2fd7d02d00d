"""The Kern-DNA survey in a real browser: Femke (facilitator of Maasdijk) makes and opens a validation survey; a
visitor answers it on a 390 px phone, first with an answer missing (the form says which, in Dutch), then with the
keyboard for a building block and stars for an idea; coming back, the form says she already answered. Ellen reads the
results per group. axe on every page (no serious or critical violation), at 390 px and 1280 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def maasdijk_dna(demo_region):
    from kernkompas.dna.actions import trajectories as trajectory_actions
    from kernkompas.dna.models import BuildingBlock, DnaVersion, Idea
    from kernkompas.places.models import Kern

    kern = Kern.objects.get(gemeente__slug="maasdijk", slug="centrum")
    trajectory = trajectory_actions.start_trajectory(None, kern=kern, title="Kernkompas Maasdijk", method="compact")
    version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="Winkelen en wonen aan de Maas")
    names = ["De Markt", "Compact winkelhart", "Aan de Maas", "Station om de hoek", "Wonen boven de winkel"]
    blocks = [
        BuildingBlock.objects.create(version=version, position=n, name=name, explanation=f"Uitleg bij {name}.")
        for n, name in enumerate(names, start=1)
    ]
    Idea.objects.create(version=version, block=blocks[0], title="Marktavond in de zomer", position=0)
    return trajectory


def test_a_facilitator_opens_a_survey_a_visitor_answers_on_a_phone_the_municipality_reads_the_results(
    maasdijk_dna, browser, live_server, page, dutch, assert_accessible
):
    log_in(page, dutch, "femke")
    page.goto(maasdijk_dna.get_absolute_url())
    page.get_by_role("link", name="Nieuwe DNA-enquête").click()
    assert_accessible(page, "the new survey form")
    page.get_by_label("Titel:", exact=True).fill("Herken jij Maasdijk?")
    page.get_by_role("button", name="Maak de enquête").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herken jij Maasdijk?")
    page.get_by_role("button", name="Open de enquête").click()
    expect(page.get_by_text("De enquête is open")).to_be_visible()
    expect(page.locator(".survey-qr svg")).to_be_visible()
    assert_accessible(page, "the survey page with its QR code")
    link = page.locator(".survey-link a").get_attribute("href")

    # A visitor on a phone.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(link)
    assert fits(tab)
    assert_accessible(tab, "the survey form at 390 px")
    tab.get_by_label("Ik werk hier").check()
    for number in range(1, 6):
        block = tab.locator(f"#vraag-score-blok-{number}")
        block.get_by_label("4", exact=True).check()
    tab.get_by_role("button", name="Verstuur mijn antwoorden").click()
    # The idea has no stars yet: the form comes back, says which, and keeps the rest.
    expect(tab.get_by_role("alert")).to_contain_text("Kies een score voor “Marktavond in de zomer”.")
    expect(tab.get_by_label("Ik werk hier")).to_be_checked()
    assert fits(tab)
    assert_accessible(tab, "the survey form with an error at 390 px")
    # The keyboard works on the scale: focus the 4 of the first block, arrow right to 5.
    first = tab.locator("#vraag-score-blok-1")
    first.get_by_label("4", exact=True).focus()
    tab.keyboard.press("ArrowRight")
    expect(first.get_by_label("5 (helemaal)")).to_be_checked()
    tab.locator("fieldset.survey-stars").first.get_by_label("3 sterren").check()
    tab.get_by_label("Waar word je enthousiast van in Maasdijk-Centrum?").fill("De markt op zaterdag")
    tab.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(tab.get_by_text("Bedankt! Je antwoorden zijn bewaard.")).to_be_visible()
    assert_accessible(tab, "the thank-you page at 390 px")
    tab.goto(link)
    expect(tab.get_by_text("Je hebt deze enquête op dit toestel al ingevuld")).to_be_visible()
    context.close()

    # Ellen of Maasdijk reads the results.
    page.context.clear_cookies()
    log_in(page, dutch, "ellen")
    page.goto(maasdijk_dna.get_absolute_url())
    page.locator("#aftoetsen").locator("..").get_by_role("link", name="Herken jij Maasdijk?").click()
    page.get_by_role("link", name="Resultaten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    first_table = page.locator(".survey-table").first
    expect(first_table.locator("tbody tr").first).to_contain_text("5,00")
    expect(page.get_by_text("De markt op zaterdag")).to_be_visible()
    assert_accessible(page, "the results at 1280 px")
    page.get_by_label("Tonen").select_option(label="mensen die hier werken")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("heading", name="Gemiddelde per vraag: mensen die hier werken")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "the results at 390 px")
