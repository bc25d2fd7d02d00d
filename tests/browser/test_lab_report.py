"""The lab report, carrying it into a plan, the regional view and the participants' background page in a real
browser, on a regional lab of the demo region: axe on every page, at 1280 px and 390 px, nothing scrolls sideways
but the tables' own boxes. Screenshots go to $KERNKOMPAS_SHOTS when set (to look at them)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KERNKOMPAS_SHOTS")


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def regional_lab(demo_region):
    import datetime

    from kernkompas.dna.tests.test_place_dna import dna
    from kernkompas.labs.tests.test_report import filled_lab
    from kernkompas.monitor.tests.test_place_figures import indicators
    from kernkompas.places.models import Gebied, Gemeente, Kern, Regio

    gemeenten = list(Gemeente.objects.filter(is_demo=True).order_by("name_nl"))
    maasdijk = next(g for g in gemeenten if g.slug == "maasdijk")
    regio = Regio.objects.filter(is_demo=True).first() or Regio.objects.create(name="Demo", slug="demo")
    lab, notes = filled_lab(maasdijk, regio=regio, title="Binnenstadslab Kempen")
    lab.gemeenten.set(gemeenten[:3])
    for number, kern in enumerate(Kern.objects.filter(gemeente__in=gemeenten[:3], kind="hoofdkern")):
        area = Gebied.objects.filter(kern=kern).first() or Gebied.objects.create(kern=kern, name="Markt", slug="markt")
        Gebied.objects.filter(pk=area.pk).update(is_public=True)
        indicators(area, datetime.date(2026, 3, 1), units=40 + number * 25, vacant_units=3 + number, mix={})
        dna(kern, tagline=f"{kern.name}: de markt aan het water")
    return lab


def check_both_widths(page, assert_accessible, name: str) -> None:
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert fits(page), f"{name} scrolls sideways at {width} px"
        assert_accessible(page, f"{name} at {width} px")
        shoot(page, f"{name}-{width}")


def test_report_carry_and_regional_view(regional_lab, page, dutch, assert_accessible, browser, live_server):
    lab = regional_lab
    log_in(page, dutch, "ellen")
    page.goto(f"/binnenstadslab/{lab.pk}/verslag/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Binnenstadslab Kempen")
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()
    check_both_widths(page, assert_accessible, "report")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name=dutch("Make the report public")).click()
    expect(page.get_by_text(dutch("The report is public now."))).to_be_visible()

    page.get_by_role("link", name=dutch("Carry into an action plan")).click()
    check_both_widths(page, assert_accessible, "carry")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Te veel leegstand").check()
    page.get_by_label("Markt op zondag").check()
    page.get_by_role("button", name=dutch("Add to the action plan")).click()
    expect(page.get_by_text("2 punten zijn toegevoegd")).to_be_visible()

    page.goto(f"/binnenstadslab/{lab.pk}/regio/")
    check_both_widths(page, assert_accessible, "regional")

    visitor = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = visitor.new_page()
    tab.goto(f"/binnenstadslab/{lab.pk}/verslag/")
    expect(tab.get_by_role("heading", name=dutch("Dots per role"))).to_be_visible()
    assert fits(tab)
    tab.goto(f"/binnenstadslab/doe-mee/{lab.code}/achtergrond/")
    check_both_widths(tab, assert_accessible, "background")
    tab.goto(f"/binnenstadslab/doe-mee/{lab.code}/regio/")
    assert fits(tab)
    visitor.close()
