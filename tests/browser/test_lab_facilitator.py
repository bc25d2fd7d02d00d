"""The Binnenstadslab's facilitator in a real browser: Femke (facilitator of Maasdijk) prepares a lab, finds the code
and QR code on her board, clusters two notes with the keyboard-usable checkboxes, opens and closes the dot-voting;
the projector view shows the lab in large type for the room. axe on every page, at 1280 px and 390 px."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KERNKOMPAS_SHOTS")


def shot(tab, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def quiet_announce(monkeypatch):
    """The live stream (``labs/live.py``) is another branch's; here the events are written but not announced."""
    from kernkompas.labs import events

    monkeypatch.setattr(events, "_announce", lambda lab_id, seq: None)


def test_a_facilitator_prepares_and_runs_a_lab(
    demo_region, quiet_announce, browser, live_server, page, dutch, assert_accessible
):
    from kernkompas.labs.models import Lab, Note, Participant
    from kernkompas.places.models import Gemeente, Regio

    region = Regio.objects.create(name="Demoregio", slug="demoregio")
    maasdijk = Gemeente.objects.get(slug="maasdijk")
    members = [maasdijk, *Gemeente.objects.exclude(pk=maasdijk.pk).order_by("pk")[:2]]
    region.gemeenten.set(members)
    log_in(page, dutch, "femke")
    page.goto("/binnenstadslab/")
    assert_accessible(page, "the list of labs")
    page.get_by_role("link", name="Nieuw lab").click()
    assert_accessible(page, "the new lab form")
    page.get_by_label("Titel").fill("Binnenstadslab Maasdijk")
    page.get_by_label("Vraag:", exact=True).fill("Hoe blijft het centrum levendig?")
    page.get_by_label("Datum en tijd").fill("2027-03-04T19:30")
    # A regional lab: only the region's fields show, and choosing the region ticks its municipalities.
    expect(page.locator(".lab-field-regio")).to_be_hidden()
    page.get_by_label("Een regio van meerdere gemeenten").check()
    expect(page.locator(".lab-field-regio")).to_be_visible()
    expect(page.locator(".lab-field-kern")).to_be_hidden()
    page.get_by_label("Regio:").select_option(label="Demoregio")
    for gemeente in members:
        expect(page.locator(f"input[name=gemeenten][value='{gemeente.pk}']")).to_be_checked()
    shot(page, "lab-form-1280")
    page.get_by_role("button", name="Lab voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Binnenstadslab Maasdijk")
    lab = Lab.objects.get(title="Binnenstadslab Maasdijk")
    assert lab.regio == region and set(lab.gemeenten.all()) == set(members)
    expect(page.locator(".lab-code")).to_have_text(lab.code)
    expect(page.locator(".lab-join svg")).to_be_visible()

    lens = lab.lenses.get(key="winkelen")
    who = Participant.objects.create(lab=lab, display_name="Piet", role="ondernemer", secret_hash="0" * 64)
    first = Note.objects.create(lab=lab, lens=lens, participant=who, text="Meer zitplekken op de markt")
    second = Note.objects.create(lab=lab, lens=lens, participant=who, text="Bankjes bij de kerk")
    page.reload()
    assert_accessible(page, "the board with notes")
    shot(page, "board-1280")
    page.get_by_role("button", name="2. Clusteren").click()
    expect(page.get_by_text("Het lab is nu in de fase “clusteren”.")).to_be_visible()
    page.locator(f"#check-{first.pk}").check()
    page.locator(f"#check-{second.pk}").check()
    page.locator(f"#cluster-new-title-{lens.pk}").fill("Zitplekken")
    page.locator(f"#cluster-new-{lens.pk}").get_by_role("button", name="Cluster maken").click()
    expect(page.get_by_text("Het cluster is gemaakt.")).to_be_visible()
    expect(page.locator(f"#lens-{lens.pk} .lab-cluster h4")).to_contain_text("Zitplekken")
    page.get_by_role("button", name="Open de stippenstemming").click()
    expect(page.get_by_text("De stippenstemming is open.")).to_be_visible()
    page.locator("#timer-minutes").fill("5")
    page.get_by_role("button", name="Start de timer").click()
    expect(page.locator(".lab-timer")).to_have_text(re.compile(r"^[45]:\d\d$"))
    assert_accessible(page, "the board during voting")
    shot(page, "board-voting-1280")

    phone = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    log_in(tab, dutch, "femke")
    tab.goto(f"/binnenstadslab/{lab.pk}/")
    assert fits(tab)
    assert_accessible(tab, "the board at 390 px")
    shot(tab, "board-390")
    # A new note reaches the open board without a reload (through the stream; under this test server's WSGI it
    # answers and closes, and the browser asks again a second later), swapped in from the server-rendered fragment,
    # escaped.
    tab.locator(f"#tools-{first.pk}").click()
    from django.db import transaction

    from kernkompas.labs import events

    with transaction.atomic():  # as a participant's note arrives: stored with its event, which the board follows
        late = Note.objects.create(lab=lab, lens=lens, participant=who, text="<b>Parkeren</b> bij de haven")
        events.emit(lab, "note.added", events.note_data(late))
    expect(tab.locator("label", has_text="<b>Parkeren</b> bij de haven")).to_be_visible(timeout=25_000)
    expect(tab.locator(f"#note-{first.pk} details")).to_have_attribute("open", "")

    room = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 800})
    projector = room.new_page()
    log_in(projector, dutch, "femke")
    projector.goto(f"/binnenstadslab/{lab.pk}/projectie/")
    expect(projector.locator(".proj-code")).to_have_text(lab.code)
    expect(projector.get_by_text("Meer zitplekken op de markt")).to_be_visible()
    size = projector.locator(".proj-lens li").first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 28
    assert fits(projector)
    assert_accessible(projector, "the projector view")
    shot(projector, "projector-1280")

    page.get_by_role("button", name="Sluit de stemming en toon de uitslag").click()
    expect(page.get_by_text("De stippenstemming is gesloten; iedereen ziet de uitslag.")).to_be_visible()
    page.goto("/binnenstadslab/sjablonen/")
    assert_accessible(page, "the canvas templates")
