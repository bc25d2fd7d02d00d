"""The Kern-DNA region view in a real browser on the demo region, with figures made in the test: a visitor finds it
from /dna/, reads the heat map and its table, the warnings and the text per core; Ellen of Maasdijk also sees the
warning that rests on Maasdijk's draft DNA; on a phone the heat map scrolls inside its box and the page does not.
A chosen set of cores through the search picker. axe on every page, at 1280 px and 390 px."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def region_with_figures(demo_region):
    """Figures for every core of the demo region (Maasdijk-Centrum and Veldrode-Dorp both strong in shops), and
    DNAs: Veldrode-Dorp published on cafés, Maasdijk-Centrum a draft on cafés ("Terrassen aan de Markt")."""
    from kernkompas.dna.models import BuildingBlock, CoreFigures, DnaVersion, FiguresSource, Trajectory
    from kernkompas.lib.dna.catalogue import CATALOGUE
    from kernkompas.places.models import Kern

    kernen = list(Kern.objects.filter(is_demo=True).select_related("gemeente").order_by("code"))
    for seed, kern in enumerate(kernen):
        counts = {i.code: 10 + (seed * 7 + column * 3) % 5 for column, i in enumerate(CATALOGUE)}
        if kern.name in ("Maasdijk-Centrum", "Veldrode-Dorp"):
            counts["shops_per_1000"] = 30 * (kern.population or 5000) // 1000
        CoreFigures.objects.create(
            kern=kern, source=FiguresSource.OSM, measured_on=datetime.date(2026, 6, 1), counts=counts, area_km2=2.0
        )
    by_name = {k.name: k for k in kernen}
    for name, published, block in (
        ("Veldrode-Dorp", True, "Gezellig dorpsplein"),
        ("Maasdijk-Centrum", False, "Terrassen aan de Markt"),
    ):
        trajectory = Trajectory.objects.create(kern=by_name[name], title=f"DNA {name}", is_published=published)
        version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline=name, is_published=published)
        BuildingBlock.objects.create(
            version=version, position=1, name=block, explanation="…", indicators=["cafes_bars"]
        )
    return kernen


def test_a_visitor_compares_the_cores_of_the_demo_region_and_staff_see_their_draft(
    region_with_figures, browser, live_server, page, dutch, assert_accessible
):
    page.goto("/dna/")
    page.get_by_role("link", name="Vergelijk de kernen van een regio").click()
    page.wait_for_url("**/dna/regio/")
    assert_accessible(page, "the region picker")
    page.get_by_role("link", name="Demoregio Kempenland").click()
    page.wait_for_url("**/dna/regio/demoregio-kempenland/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kernen van Demoregio Kempenland naast elkaar")
    expect(page.get_by_role("img", name="Hoe sterk de profielen van de kernen op elkaar lijken")).to_be_visible()
    page.get_by_text("Toon als tabel").click()
    table = page.locator(".heatmap-table table")
    expect(table).to_be_visible()
    expect(table.locator("td").first).to_have_text("1,00")  # the diagonal, in Dutch
    warnings = page.locator(".region-warnings")
    expect(warnings).to_contain_text("Maasdijk-Centrum")
    expect(warnings).to_contain_text("Veldrode-Dorp")
    assert page.get_by_text("Terrassen aan de Markt").count() == 0  # Maasdijk's draft is not public
    expect(page.locator("#cores-title")).to_have_text("Per kern")
    assert_accessible(page, "the region view")

    # Ellen of Maasdijk sees the warning that rests on her municipality's draft, marked as such.
    log_in(page, dutch, "ellen")
    page.goto("/dna/regio/demoregio-kempenland/")
    draft = page.locator(".region-warnings li", has_text="Terrassen aan de Markt")
    expect(draft).to_contain_text("concept, niet openbaar")
    assert_accessible(page, "the region view for staff")

    # On a phone the heat map scrolls in its own box; the page itself does not run wider than the screen.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto("/dna/regio/demoregio-kempenland/")
    box = tab.locator(".heatmap-scroll")
    expect(box).to_be_visible()
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls sideways …
    assert fits(tab)  # … and the page does not
    assert_accessible(tab, "the region view at 390 px")

    # Any set: search, tick two cores, compare.
    tab.goto("/dna/regio/")
    tab.get_by_label("Zoek een kern of gemeente").fill("Maasdijk")
    tab.get_by_role("button", name="Zoeken").click()
    tab.get_by_label("Maasdijk-Centrum").check()
    tab.get_by_label("Kiezelberg").check()
    tab.get_by_role("button", name="Vergelijk", exact=True).click()
    expect(tab.get_by_role("img", name="Hoe sterk de profielen van de kernen op elkaar lijken")).to_be_visible()
    expect(tab.get_by_text("2 kernen gekozen")).to_be_visible()
    assert fits(tab)
    assert_accessible(tab, "a chosen set at 390 px")
    context.close()
