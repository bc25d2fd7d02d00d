"""A new visitor reads the home page in Dutch, switches to English and back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ENGLISH_TITLE = "A compass for the future of your town centre"


def test_a_new_visitor_reads_the_home_page_in_dutch_and_can_switch_to_english_and_back(page, assert_accessible, dutch):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="NL", exact=True)).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch(ENGLISH_TITLE))
    assert_accessible(page, "the home page (Dutch)")

    page.get_by_role("link", name="EN", exact=True).click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(page.get_by_role("link", name="EN", exact=True)).to_have_attribute("aria-current", "true")
    assert_accessible(page, "the home page (English)")

    page.get_by_role("link", name="NL", exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).not_to_have_url(re.compile(r"/en/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch(ENGLISH_TITLE))
