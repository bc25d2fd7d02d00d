"""The public page of an action plan and a party member's "my actions" in a real browser: no CSP violation, axe
finds nothing serious, and the page fits at 1280 px and 390 px; a party member reports progress with the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kernkompas.labs.models import ActionPlan, PartyMember
from kernkompas.labs.tests.plan_fixtures import make_plan
from kernkompas.testing import PASSWORD, make_cast
from tests.browser.helpers import fits

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(browser_db):
    cast = make_cast()
    found = make_plan(cast)
    PartyMember.objects.create(party=found.ondernemers, user=cast.bram)
    return found


def _log_in(tab, dutch, username):
    tab.goto("/account/inloggen/")
    tab.get_by_label(dutch("E-mail address or user name")).fill(username)
    tab.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    tab.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(tab.get_by_role("button", name=dutch("Log out"))).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_public_plan_page_fits_and_is_accessible(page, plan, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/binnenstadslab/actieplannen/{plan.plan.pk}/openbaar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen naar een levendig centrum")
    expect(page.get_by_text("Drie panden zijn verhuurd aan starters.").first).to_be_visible()
    assert fits(page)
    assert_accessible(page, f"the public plan page at {width} px")
    page.goto("/binnenstadslab/actieplannen/openbaar/")
    assert fits(page)
    assert_accessible(page, f"the list of public plans at {width} px")


def test_party_member_reports_progress_at_390(page, plan, assert_accessible, dutch):
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, dutch, "bram")
    page.goto("/binnenstadslab/mijn-acties/")
    assert fits(page)
    assert_accessible(page, "my actions at 390 px")
    section = page.locator(f"#actie-{plan.action.pk}")
    section.get_by_label(dutch("What happened?")).fill("Vierde pand verhuurd")
    section.get_by_role("button", name=dutch("Save the progress")).press("Enter")
    expect(page.get_by_text(dutch("Your progress update has been saved."))).to_be_visible()
    page.goto(f"/binnenstadslab/actieplannen/{plan.plan.pk}/openbaar/")
    expect(page.get_by_text("Vierde pand verhuurd").first).to_be_visible()


def test_staff_preview_with_the_report_form_at_390(page, plan, assert_accessible, dutch):
    ActionPlan.objects.filter(pk=plan.plan.pk).update(is_published=False)
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, dutch, "ellen")
    page.goto(f"/binnenstadslab/actieplannen/{plan.plan.pk}/openbaar/")
    expect(
        page.get_by_text(
            dutch("Preview: this action plan is not public. Only staff of the municipality see this page.")
        )
    ).to_be_visible()
    section = page.locator(f"#actie-{plan.other.pk}")
    section.get_by_text(dutch("Report progress")).click()
    assert fits(page)
    assert_accessible(page, "the staff preview of a plan with a report form open at 390 px")
    section.get_by_label(dutch("What happened?")).fill("Provincie zegt subsidie toe")
    section.get_by_label(dutch("Status after this")).select_option("lopend")
    section.get_by_role("button", name=dutch("Save the progress")).click()
    expect(page.get_by_text(dutch("Your progress update has been saved."))).to_be_visible()
    expect(page.locator(f"#actie-{plan.other.pk}").get_by_text("Provincie zegt subsidie toe")).to_be_visible()
