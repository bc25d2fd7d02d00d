"""Issue 11: a centre manager draws her area's outline on a map in the back office (no tiles: the municipality and
core outlines are the reference), saves, and is led on to the area's dashboard. axe-core checks the form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kernkompas.places.models import Gebied
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_draw_an_area_outline_and_find_its_dashboard(demo_region, page, dutch, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, dutch, "ellen")
    page.goto("/beheer/plaatsen/gebieden/add/")
    page.select_option("select[name=kern]", label="Maasdijk-Centrum (hoofdkern) · Maasdijk")
    page.fill("input[name=name]", f"Getekend {width}")
    area_map = page.locator("[data-outline-map]")
    area_map.scroll_into_view_if_needed()
    expect(page.locator("[data-outline-map] path").first).to_be_attached()  # the reference outlines
    assert_accessible(page, "the area form with the drawing map")
    page.get_by_role("button", name=dutch("Start drawing")).click()
    box = area_map.bounding_box()
    middle_x, middle_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in [(-20, -20), (20, -20), (25, 20), (-20, 20)]:
        page.mouse.click(middle_x + dx, middle_y + dy)
    page.get_by_role("button", name=dutch("Close the shape")).click()
    assert '"type":"Polygon"' in page.input_value("[data-outline-text]")
    page.locator("button[type=submit]", has_text="Bewaren").first.click()
    # The success message links on to the dashboard (parts registry: area_links).
    expect(page.get_by_role("link", name=dutch("View the dashboard")).first).to_be_visible()
    area = Gebied.objects.get(name=f"Getekend {width}")
    assert area.geometry["type"] == "Polygon" and len(area.geometry["coordinates"][0]) == 5
