"""A visitor finds a demo municipality with the search box and sees it on a map drawn without tiles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_finds_maasdijk_with_the_search_box_and_sees_its_boundary_on_the_map(
    demo_region, page, assert_accessible, settings
):
    assert settings.MAP_TILE_URL == "", "this test is about the map without a tile server"
    page.goto("/")

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("maasd")
    search.get_by_role("searchbox").press("Enter")

    result = page.get_by_role("link", name="Maasdijk", exact=True)
    expect(result).to_be_visible()
    expect(page.get_by_role("link", name="Veldrode", exact=True)).to_have_count(0)
    assert_accessible(page, "the search results for “maasd”")

    result.click()

    expect(page).to_have_url(re.compile(r"/plaatsen/maasdijk/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Maasdijk")
    boundary = page.get_by_role("region", name=re.compile("Maasdijk")).locator("svg path")
    expect(boundary.first).to_be_attached()
    assert boundary.count() >= 3, "the municipality, its cores and its public areas should each be drawn"
    expect(page.locator("img.leaflet-tile")).to_have_count(0)
    assert_accessible(page, "the municipality page of Maasdijk")
