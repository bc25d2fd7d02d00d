"""A member's own pages in the Vitrine, in a real browser: saved searches and collections, with their buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kernkompas.site.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kk-vitrine-member"  # outside the repository, to look at


@pytest.fixture
def vitrine_demo(browser_db):
    from kernkompas.site.demo import load_demo_data

    return load_demo_data()


@pytest.fixture
def bram_saved(vitrine_demo):
    """Bram has a saved search with alerts on, and a shared collection with one case in it."""
    from kernkompas.accounts.models import User
    from kernkompas.vitrine.actions import case_collections, saved_searches
    from kernkompas.vitrine.models import CasePage

    bram = User.objects.get(username="bram")
    saved_searches.save_search(bram, "Leegstand in kleine kernen", "q=leegstand", alerts=True)
    collection = case_collections.create_collection(bram, "Voor de raad")
    case_collections.add_to_collection(collection, CasePage.objects.live().first(), by=bram)
    case_collections.share_collection(collection, by=bram)
    return collection


def log_in(page, dutch, username: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label(dutch("E-mail address or user name")).fill(username)
    page.get_by_label(dutch("Password"), exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page.get_by_role("button", name=dutch("Log out"))).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_buttons_on_a_members_saved_searches_and_collections_can_be_seen(
    page, bram_saved, dutch, assert_accessible, width
):
    """The delete and alert buttons were white on a white page (the log-out button's colour in the header):
    invisible, and axe only said "needs review", which the tests did not look at."""
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, dutch, "bram")
    page.goto("/vitrine/zoekopdrachten/")
    for name in (dutch("Switch off"), dutch("Delete")):
        expect(page.get_by_role("button", name=name)).to_be_visible()
    page.screenshot(path=f"{SHOTS}-searches-{width}.png", full_page=True)
    assert_accessible(page, f"the saved searches at {width} px")

    page.goto(f"/vitrine/bewaard/{bram_saved.pk}/")
    expect(page.get_by_role("button", name=dutch("Remove from this collection"))).to_be_visible()
    page.screenshot(path=f"{SHOTS}-collection-{width}.png", full_page=True)
    assert_accessible(page, f"a collection at {width} px")

    page.goto("/vitrine/bewaard/")
    assert_accessible(page, f"the collections at {width} px")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_member_shares_an_example_from_the_vitrine_and_keeps_the_photo_after_an_error(
    page, vitrine_demo, dutch, assert_accessible, settings, tmp_path, width
):
    """The form was not linked from the Vitrine, started empty for a member, and lost the chosen photo after any
    error in the form."""
    import io

    from PIL import Image

    settings.MONITOR_UPLOAD_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 90)).save(buffer, "JPEG")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, dutch, "bram")
    page.goto("/vitrine/")
    page.get_by_role("link", name=dutch("Share your example")).first.click()
    expect(page.get_by_label(dutch("Your name"))).to_have_value("Bram Geerts")
    expect(page.get_by_label(dutch("Your organisation"))).to_have_value("Fietsen Geerts (demo)")
    expect(page.get_by_label(dutch("Where"), exact=True)).not_to_have_value("")
    assert_accessible(page, f"the submission form at {width} px")

    page.locator("#id_photo").set_input_files(
        files=[{"name": "marktplein.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}]
    )
    page.get_by_label(dutch("What the photo shows")).fill("Het marktplein met de kramen")
    page.get_by_role("button", name=dutch("Send my example")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".kept-photo")).to_contain_text("marktplein.jpg")
    page.screenshot(path=f"{SHOTS}-submit-error-{width}.png", full_page=True)
    assert_accessible(page, f"the submission form with errors at {width} px")
