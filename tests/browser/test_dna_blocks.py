"""The building blocks in a real browser: facilitator Femke writes the tagline and five blocks of Maasdijk-Centrum's
DNA with their evidence, a photo and an idea; she cannot publish. Ellen (gemeente Maasdijk) publishes the version
and the trajectory; a visitor on a phone reads the Kernkompas page. axe on every page, at 1280 px and 390 px."""

import io

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser

BLOCKS = [
    ("De Markt als huiskamer", "Op het Marktplein komen markt, terrassen en kermis samen."),
    ("Compact winkelhart", "Alles op loopafstand tussen Markt en Statiestraat."),
    ("Aan de Maas", "De kade en het jaagpad brengen het water tot in het centrum."),
    ("Station om de hoek", "Trein en bus op vijf minuten van de Markt."),
    ("Wonen boven de winkel", "Nieuwe appartementen boven de winkels houden het centrum levend."),
]


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 110, 90)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def trajectory(demo_region):
    from kernkompas.accounts.models import User
    from kernkompas.dna.actions import trajectories
    from kernkompas.places.models import Kern

    kern = Kern.objects.get(gemeente__slug="maasdijk", slug="centrum")
    ellen = User.objects.get(username="ellen")
    return trajectories.start_trajectory(ellen, kern=kern, title="Het DNA van Maasdijk-Centrum", method="compact")


def test_a_facilitator_writes_five_blocks_the_municipality_publishes_a_visitor_reads_the_kernkompas(
    trajectory, browser, live_server, page, dutch, assert_accessible
):
    trajectory_url = f"/dna/traject/{trajectory.pk}/"
    log_in(page, dutch, "femke")
    page.goto(trajectory_url)
    page.get_by_role("link", name="DNA-bouwstenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DNA-bouwstenen")
    assert_accessible(page, "the empty editor")

    # A first try without a tagline and with a nameless fifth block: nothing is saved, both are named.
    for n, (name, explanation) in enumerate(BLOCKS[:4], start=1):
        row = page.locator(f"#blok-{n}")
        row.get_by_label("Naam:").fill(name)
        row.get_by_label("Korte uitleg:").fill(explanation)
    page.locator("#blok-5").get_by_label("Korte uitleg:").fill(BLOCKS[4][1])
    page.get_by_role("button", name="Bewaar de bouwstenen").click()
    errors = page.locator("#blocks-errors")
    expect(errors).to_contain_text("Slogan: schrijf de zin die het DNA samenvat.")
    expect(errors).to_contain_text("Bouwsteen 5: geef hem een naam.")
    assert_accessible(page, "the editor with errors")

    page.get_by_label("Slogan:").fill("Maasdijk-Centrum: de Markt als huiskamer aan de Maas")
    page.locator("#blok-5").get_by_label("Naam:").fill(BLOCKS[4][0])
    first = page.locator("#blok-1")
    first.locator("summary").click()
    first.get_by_label("Marktpleinen").check()
    first.get_by_label("Cafés en bars").check()
    first.get_by_label("Citaten uit de werkgroepen:").fill("Op donderdag zie je hier heel Maasdijk.")
    page.get_by_role("button", name="Bewaar de bouwstenen").click()
    expect(page.get_by_role("status")).to_contain_text("De bouwstenen zijn bewaard (versie 1, concept).")
    assert page.get_by_role("link", name="Publiceer versie 1").count() == 0  # the facilitator does not publish

    # A photo and an idea for the first block.
    extras = page.locator(".block-extras li").first
    expect(extras).to_contain_text("De Markt als huiskamer")
    extras.locator("a[href$='/bouwsteen/1/fotos/']").click()
    assert_accessible(page, "the photo page")
    page.get_by_label("Foto:").set_input_files({"name": "markt.jpg", "mimeType": "image/jpeg", "buffer": jpeg()})
    page.get_by_label("Bijschrift:").fill("Donderdagmarkt op het Marktplein")
    page.get_by_label("Fotograaf of bron:").fill("Stad Maasdijk")
    page.get_by_role("button", name="Laad de foto op").click()
    expect(page.get_by_role("img", name="Donderdagmarkt op het Marktplein")).to_be_visible()
    page.get_by_role("link", name="Terug naar de bouwstenen").click()
    page.locator(".block-extras li").first.locator("a[href*='/ideeen/']").click()
    page.get_by_label("Idee:").fill("Marktavond in de zomer")
    page.get_by_role("button", name="Voeg het idee toe").click()
    expect(page.locator("#blok-1")).to_contain_text("Marktavond in de zomer")
    assert_accessible(page, "the ideas page")

    # Ellen of Maasdijk publishes the version, then the trajectory.
    page.context.clear_cookies()
    log_in(page, dutch, "ellen")
    page.goto(trajectory_url + "bouwstenen/")
    page.get_by_role("link", name="Publiceer versie 1").click()
    expect(page.locator(".confirm-box")).to_contain_text("Het traject is nog niet openbaar.")
    assert_accessible(page, "the publish question")
    page.get_by_role("button", name="Ja, publiceer versie 1").click()
    expect(page.locator(".version-list")).to_contain_text("openbare versie")
    assert_accessible(page, "the versions")
    page.goto(trajectory_url)
    page.get_by_role("link", name="Maak openbaar").click()
    page.get_by_role("button", name="Ja, maak openbaar").click()
    page.get_by_role("link", name="Het Kernkompas van Maasdijk-Centrum").click()
    page.wait_for_url("**/dna/maasdijk/centrum/")
    assert_accessible(page, "the Kernkompas page at 1280 px")

    # A visitor on a phone.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto("/dna/maasdijk/centrum/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Maasdijk-Centrum: de Markt als huiskamer aan de Maas")
    for name, _ in BLOCKS:
        expect(tab.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(tab.get_by_role("img", name="Donderdagmarkt op het Marktplein")).to_be_visible()
    expect(tab.get_by_text("Op donderdag zie je hier heel Maasdijk.")).to_be_visible()
    expect(tab.get_by_text("Marktavond in de zomer")).to_be_visible()
    assert fits(tab)
    assert_accessible(tab, "the Kernkompas page at 390 px")
    context.close()

    # The editor fits a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(trajectory_url + "bouwstenen/")
    assert fits(page)
    assert_accessible(page, "the editor at 390 px")
    page.goto(trajectory_url + "versies/")
    assert fits(page)
    assert_accessible(page, "the versions at 390 px")
