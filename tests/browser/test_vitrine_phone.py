"""The Vitrine's list on a phone: the results come first, the filters fold into a panel, and ticking a filter
keeps the visitor's place and focus on the new page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kk-vitrine-phone"  # outside the repository, to look at


@pytest.fixture
def vitrine_demo(browser_db):
    from kernkompas.site.demo import load_demo_data

    return load_demo_data()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_on_a_phone_the_results_come_before_the_filters_which_fold_into_a_panel(
    phone, vitrine_demo, dutch, assert_accessible
):
    """On a phone the forty filter boxes stood between the search box and the first result."""
    phone.goto("/vitrine/")
    boxes = phone.locator("#facets input[type=checkbox]")
    toggle = phone.locator("#facets > summary")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text(dutch("Filter"))
    expect(boxes.first).to_be_hidden()
    first_card = phone.locator(".results .case-card").first
    assert first_card.bounding_box()["y"] > toggle.bounding_box()["y"]
    phone.screenshot(path=f"{SHOTS}-folded.png", full_page=True)
    assert_accessible(phone, "the Vitrine list on a phone")

    toggle.click()
    expect(boxes.first).to_be_visible()
    assert_accessible(phone, "the Vitrine's filters opened on a phone")


def test_ticking_a_filter_keeps_the_place_and_the_focus_on_that_box(phone, vitrine_demo, dutch):
    """A tick reloaded the page at the top with the focus nowhere: on a phone the visitor had to scroll back
    and find the box again, and a keyboard or screen-reader user started from the top of the page."""
    phone.goto("/vitrine/")
    phone.locator("#facets > summary").click()
    box = phone.locator("#facets input[name=country]").first
    box_id = box.get_attribute("id")
    box.scroll_into_view_if_needed()
    before = box.bounding_box()["y"]
    with phone.expect_navigation():
        box.check()
    assert "country=" in phone.url
    same = phone.locator(f"#{box_id}")
    expect(same).to_be_checked()
    expect(same).to_be_focused()
    expect(same).to_be_in_viewport()
    assert abs(same.bounding_box()["y"] - before) < 40, "the box stays where it was on the screen"
    expect(phone.locator("#facets")).to_have_attribute("open", "")
    phone.screenshot(path=f"{SHOTS}-after-tick.png")


def test_on_a_wide_screen_the_filters_are_open_and_the_panel_does_not_fold(page, vitrine_demo):
    page.goto("/vitrine/")
    expect(page.locator("#facets input[type=checkbox]").first).to_be_visible()
    page.locator("#facets > summary").click(force=True)
    expect(page.locator("#facets input[type=checkbox]").first).to_be_visible()


def test_without_javascript_the_folded_filters_still_open_and_apply(browser, live_server, vitrine_demo, dutch):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/vitrine/")
        page.locator("#facets > summary").click()
        page.locator("#facets input[name=country]").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name=dutch("Show results")).click()
        assert "country=" in page.url
    finally:
        context.close()
