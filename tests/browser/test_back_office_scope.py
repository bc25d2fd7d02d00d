"""Municipal officers see their own municipality's areas in the back office, and never another's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

# Each municipality has one public and one unpublished area: its officer sees both, the other officer neither.
MAASDIJK_AREAS = ["Marktplein", "Statiestraat"]
VELDRODE_AREAS = ["Dorpsplein", "Kapelstraat"]
OTHER_AREAS = ["Nieuwstraat", "Kerkplein"]  # Bremhout and Lindeloo


def open_areas_list(page, dutch) -> None:
    page.get_by_role("link", name=dutch("Back office"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/beheer/$"))
    page.get_by_role("navigation").get_by_role("button", name=dutch("Places"), exact=True).click()
    page.get_by_role("navigation").get_by_role("link", name=dutch("Areas"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/beheer/plaatsen/gebieden/$"))


@pytest.mark.parametrize(
    "username, own_areas, hidden_areas",
    [
        ("ellen", MAASDIJK_AREAS, VELDRODE_AREAS + OTHER_AREAS),
        ("sofie", VELDRODE_AREAS, MAASDIJK_AREAS + OTHER_AREAS),
    ],
)
def test_an_officer_sees_her_own_municipalitys_areas_and_none_of_anothers(
    demo_region, page, dutch, username, own_areas, hidden_areas
):
    log_in(page, dutch, username)
    open_areas_list(page, dutch)

    listing = page.get_by_role("main")
    for name in own_areas:
        expect(listing.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in hidden_areas:
        expect(listing.get_by_text(name, exact=True)).to_have_count(0)
