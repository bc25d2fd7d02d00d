"""The action plan in a real browser: Ellen (Maasdijk) makes a plan, adds a party and an action with its funding, and
reads the plan's four steps at 1280 px and on a 390 px phone; the area approach of an area with its stakeholder map.
axe on every page (no serious or critical violation) and nothing scrolls sideways but the tables' own boxes."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser


def test_the_municipality_makes_a_plan_with_an_action_and_reads_it_on_a_phone(
    demo_region, browser, live_server, page, dutch, assert_accessible
):
    from kernkompas.labs.actions import areas as area_actions
    from kernkompas.places.models import Gebied

    log_in(page, dutch, "ellen")
    page.goto("/binnenstadslab/actieplannen/")
    assert_accessible(page, "the list of plans")
    page.get_by_role("link", name=dutch("New action plan")).click()
    page.get_by_label(dutch("title")[0].upper() + dutch("title")[1:]).fill("Centrum Maasdijk 2030")
    page.get_by_role("button", name=dutch("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centrum Maasdijk 2030")
    page.get_by_role("link", name=dutch("Add a party")).click()
    page.get_by_label("Naam").fill("Ondernemersvereniging Maasdijk")
    page.get_by_label("Soort").select_option("ondernemers")
    page.get_by_role("button", name=dutch("Save")).click()
    page.get_by_role("link", name=dutch("Add an action")).click()
    assert_accessible(page, "the action form")
    page.get_by_label("Actie:", exact=True).fill("Pop-upwinkels in lege panden")
    page.get_by_label("Trekker").select_option(label="Ondernemersvereniging Maasdijk")
    page.get_by_label("Begin:", exact=True).fill("2026-01-01")
    page.get_by_label("Deadline").fill("2025-01-01")
    page.locator("#id_financiering-0-payer").select_option("gemeente")
    page.locator("#id_financiering-0-amount").fill("12.500")
    page.get_by_role("button", name=dutch("Save")).click()
    expect(page.get_by_text(dutch("The deadline cannot be before the start."))).to_be_visible()
    page.get_by_label("Deadline").fill("2026-12-31")
    page.get_by_role("button", name=dutch("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pop-upwinkels in lege panden")
    expect(page.get_by_text("€ 12.500,00").first).to_be_visible()
    assert_accessible(page, "the action page")
    page.get_by_role("link", name="Centrum Maasdijk 2030").click()
    expect(page.get_by_role("heading", name=dutch("4. Actions"))).to_be_visible()
    assert_accessible(page, "the plan at 1280 px")
    assert fits(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert fits(page)
    assert_accessible(page, "the plan on a phone")

    gebied = Gebied.objects.filter(kern__gemeente__slug="maasdijk").first()
    area_actions.add_stakeholder(None, gebied, name="Bakkerij De Maas", kind="ondernemers", engagement="trekker")
    page.goto(f"/binnenstadslab/gebied/{gebied.pk}/")
    expect(page.get_by_text("Bakkerij De Maas", exact=True)).to_be_visible()
    assert fits(page)
    assert_accessible(page, "the area approach on a phone")
