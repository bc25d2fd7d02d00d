"""The Binnenstadslab's "done when" walk, on the real ASGI server with its live stream, in several browsers at once.

Femke (facilitator of Maasdijk) prepares a regional lab for the three demo municipalities. Two participants join
with the code and no account, one on a phone; the projector view hangs on the wall. Notes appear live on the other
screens. Femke clusters two notes and opens the dot-voting; the participants vote; the result is carried into an
action plan as a bottleneck and an action, which Ellen (municipal staff) links to the vacancy indicator of an area
and to a Vitrine case. Bram, invited for the entrepreneurs' association, reports progress on his action, and Ellen
publishes the plan: a visitor reads it with its indicator progress. Screenshots of each step
(``KERNKOMPAS_SHOTS=<folder>``); axe on every page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KERNKOMPAS_SHOTS")
LIVE = 10_000  # ms: a note reaches the other screens through the stream long before this


def shot(tab, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / f"walk-{name}.png"), full_page=True)


@pytest.fixture
def demo(demo_region):
    """The demo region with the Kernmonitor's counts (an indicator to link) and the Vitrine's cases (to link)."""
    from kernkompas.monitor.demo import load_demo_monitor
    from kernkompas.vitrine.demo import load_demo_cases

    load_demo_cases()
    load_demo_monitor()
    return demo_region


def _context(browser, server, width: int, height: int = 900):
    context = browser.new_context(base_url=server.url, locale="nl-BE", viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    return context


def _join(tab, dutch, code: str, name: str, role: str) -> None:
    tab.goto("/binnenstadslab/doe-mee/")
    tab.get_by_label("Code").fill(code.lower())
    tab.get_by_role("button", name=dutch("Join")).click()
    tab.get_by_label(dutch("Your name")).fill(name)
    tab.get_by_label(role, exact=True).check()
    tab.get_by_role("button", name=dutch("Go to the canvas")).click()
    expect(tab).to_have_url(re.compile(rf"/doe-mee/{code}/canvas/"))


def _open_lens(tab, title: str):
    tab.locator(".lab-lens-nav a", has_text=title).click()
    lens = tab.locator(".lab-lens", has_text=title).first
    expect(lens).to_be_visible()
    return lens


def _add_note(lens, text: str) -> None:
    lens.locator("textarea").fill(text)
    lens.get_by_role("button", name="Notitie toevoegen").click()
    expect(lens.locator(".lab-note-text", has_text=text)).to_be_visible()


def test_from_a_live_lab_to_a_published_plan(demo, asgi_server, browser, dutch, assert_accessible, mailoutbox):
    from kernkompas.accounts.models import User
    from kernkompas.labs.models import Action, ActionPlan, Bottleneck, Lab, Note, Vote
    from kernkompas.places.models import Regio

    regio = Regio.objects.get(is_demo=True)
    members = list(regio.gemeenten.order_by("name_nl"))
    assert len(members) >= 3

    # 1. Femke prepares a regional lab for the demo region's municipalities.
    facilitator = _context(browser, asgi_server, 1280).new_page()
    log_in(facilitator, dutch, "femke")
    facilitator.goto("/binnenstadslab/")
    facilitator.get_by_role("link", name=dutch("New lab")).click()
    facilitator.get_by_label("Titel").fill("Binnenstadslab Kempenland")
    facilitator.get_by_label("Vraag:", exact=True).fill("Hoe versterken onze centra elkaar?")
    facilitator.get_by_label("Datum en tijd").fill("2027-03-04T19:30")
    facilitator.get_by_label("Een regio van meerdere gemeenten").check()
    facilitator.get_by_label("Regio:").select_option(label=regio.name)
    for gemeente in members:
        expect(facilitator.locator(f"input[name=gemeenten][value='{gemeente.pk}']")).to_be_checked()
    assert_accessible(facilitator, "the new lab form")
    shot(facilitator, "1-prepare")
    facilitator.get_by_role("button", name=dutch("Prepare the lab")).click()
    lab = Lab.objects.get(title="Binnenstadslab Kempenland")
    assert lab.regio == regio and set(lab.gemeenten.all()) == set(members)
    expect(facilitator.locator(".lab-code")).to_have_text(lab.code)
    facilitator.locator("#phase-verkennen").click()
    expect(facilitator.get_by_text("Het lab is nu in de fase “verkennen”.")).to_be_visible()
    assert_accessible(facilitator, "the board")
    shot(facilitator, "2-board")

    # 2. The projector view on the wall; two participants join by code, one of them on a phone.
    room = _context(browser, asgi_server, 1280, 800).new_page()
    log_in(room, dutch, "femke")
    room.goto(f"/binnenstadslab/{lab.pk}/projectie/")
    expect(room.locator(".proj-code")).to_have_text(lab.code)

    phone = _context(browser, asgi_server, 390, 844).new_page()
    _join(phone, dutch, lab.code, "Aïcha", "ondernemer")
    laptop = _context(browser, asgi_server, 1280).new_page()
    _join(laptop, dutch, lab.code, "Jan", "bewoner")
    assert_accessible(phone, "the canvas on a phone")
    assert fits(phone)

    # 3. Notes: each one reaches the other participant and the projector without a reload.
    _add_note(_open_lens(phone, "Knelpunten"), "Leegstand in de Marktstraat")
    laptop_knelpunten = _open_lens(laptop, "Knelpunten")
    expect(laptop_knelpunten.locator(".lab-note-text", has_text="Leegstand in de Marktstraat")).to_be_visible(
        timeout=LIVE
    )
    _add_note(laptop_knelpunten, "<b>Te weinig</b> groen op de Markt")
    _add_note(_open_lens(laptop, "Kansen"), "Wonen boven winkels")
    phone_knelpunten = phone.locator(".lab-lens", has_text="Knelpunten").first
    expect(phone_knelpunten.locator(".lab-note-text", has_text="<b>Te weinig</b> groen op de Markt")).to_be_visible(
        timeout=LIVE
    )
    for text in ("Leegstand in de Marktstraat", "<b>Te weinig</b> groen op de Markt", "Wonen boven winkels"):
        expect(room.get_by_text(text, exact=True)).to_be_visible(timeout=LIVE)
    assert_accessible(room, "the projector view")
    shot(phone, "3-phone-notes")
    shot(room, "3-projector")

    # 4. Femke clusters the two bottlenecks and opens the dot-voting; the phones follow.
    vacancy = Note.objects.get(text="Leegstand in de Marktstraat")
    green = Note.objects.get(text="<b>Te weinig</b> groen op de Markt")
    housing = Note.objects.get(text="Wonen boven winkels")
    facilitator.locator("#phase-clusteren").click()
    facilitator.locator(f"#check-{vacancy.pk}").check()
    facilitator.locator(f"#check-{green.pk}").check()
    facilitator.locator(f"#cluster-new-title-{vacancy.lens_id}").fill("Leeg en grijs centrum")
    facilitator.locator(f"#cluster-new-{vacancy.lens_id}").get_by_role("button", name="Cluster maken").click()
    expect(facilitator.get_by_text("Het cluster is gemaakt.")).to_be_visible()
    facilitator.locator("#phase-prioriteren").click()
    facilitator.get_by_role("button", name=dutch("Open the dot-voting")).click()
    expect(facilitator.get_by_text(dutch("The dot-voting is open."))).to_be_visible()
    expect(phone.locator("#lab-remaining")).to_have_text(re.compile(r"nog \d+ stippen"), timeout=LIVE)
    shot(facilitator, "4-voting-open")

    # 5. The participants vote; the board counts the dots cast.
    knelpunten = phone.locator(".lab-lens", has_text="Knelpunten").first
    for _ in range(2):
        knelpunten.locator(".lab-note", has_text="Leegstand in de Marktstraat").locator(".lab-dot-button").click()
    expect(knelpunten.locator(".lab-note", has_text="Leegstand in de Marktstraat").locator(".lab-mine")).to_have_text(
        "Jouw stippen: 2"
    )
    kansen = _open_lens(laptop, "Kansen")
    kansen.locator(".lab-note", has_text="Wonen boven winkels").locator(".lab-dot-button").click()
    expect(kansen.locator(".lab-note", has_text="Wonen boven winkels").locator(".lab-mine")).to_have_text(
        "Jouw stippen: 1"
    )
    assert_accessible(phone, "dot-voting on a phone")
    shot(phone, "5-phone-voting")
    assert Vote.objects.filter(lab=lab).count() == 3
    facilitator.get_by_role("button", name="Sluit de stemming en toon de uitslag").click()
    expect(facilitator.get_by_text("De stippenstemming is gesloten; iedereen ziet de uitslag.")).to_be_visible()

    # 6. The report, and the result carried into an action plan: the cluster as a bottleneck, a note as an action.
    facilitator.goto(f"/binnenstadslab/{lab.pk}/verslag/")
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Binnenstadslab Kempenland")
    assert_accessible(facilitator, "the lab's report")
    shot(facilitator, "6-report")
    facilitator.get_by_role("link", name=dutch("Carry into an action plan")).click()
    cluster = lab.clusters.get()
    facilitator.locator(f"#carry-cluster-{cluster.pk}").check()
    facilitator.locator(f"#kind-cluster-{cluster.pk}").select_option("knelpunt")
    facilitator.locator(f"#carry-note-{housing.pk}").check()
    facilitator.locator(f"#kind-note-{housing.pk}").select_option("actie")
    assert_accessible(facilitator, "carrying into a plan")
    facilitator.get_by_role("button", name=dutch("Add to the action plan")).click()
    expect(facilitator.get_by_text("2 punten zijn toegevoegd")).to_be_visible()
    plan = ActionPlan.objects.get(gemeente=lab.gemeente, labs=lab)
    bottleneck = Bottleneck.objects.get(plan=plan, source_cluster=cluster)
    # The cluster's evidence counts the dots of the notes in it; its description lists them.
    assert bottleneck.kind == "knelpunt" and bottleneck.evidence.endswith(": 2 stippen")
    assert "Leegstand in de Marktstraat" in bottleneck.description
    action = Action.objects.get(plan=plan, source_note=housing)

    # 7. Ellen (municipal staff) gives the action its owner, indicator and inspiring case; invites the association.
    staff = _context(browser, asgi_server, 1280).new_page()
    log_in(staff, dutch, "ellen")
    staff.goto(f"/binnenstadslab/actieplannen/{plan.pk}/")
    staff.get_by_role("link", name=dutch("Add a party")).click()
    staff.get_by_label(dutch("Name")).fill("Ondernemersvereniging Maasdijk Centrum")
    staff.get_by_label(dutch("Kind")).select_option("ondernemers")
    staff.get_by_role("button", name=dutch("Save")).click()
    staff.goto(f"/binnenstadslab/acties/{action.pk}/wijzigen/")
    staff.get_by_label("Trekker").select_option(label="Ondernemersvereniging Maasdijk Centrum")
    staff.locator("#id_indicator_code").select_option("vacancy_rate")
    staff.locator("#id_indicator_gebied").select_option(index=1)
    staff.locator("#id_indicator_target").fill("5")
    staff.locator("#id_cases").select_option(index=0)
    assert_accessible(staff, "the action form")
    staff.get_by_role("button", name=dutch("Save")).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Wonen boven winkels")
    action.refresh_from_db()
    assert action.indicator_code == "vacancy_rate" and action.indicator_target == pytest.approx(0.05)
    assert action.cases.count() == 1 and action.owner.name == "Ondernemersvereniging Maasdijk Centrum"
    shot(staff, "7-action")

    bram = User.objects.get(username="bram")
    staff.goto(f"/binnenstadslab/actieplannen/partij/{action.owner_id}/uitnodigen/")
    staff.get_by_label(dutch("E-mail address")).fill(bram.email)
    staff.get_by_role("button", name=dutch("Send the invitation")).click()
    link = re.search(r"https?://[^\s]+/binnenstadslab/uitnodiging/[^\s/]+/", mailoutbox[-1].body).group(0)

    # 8. Bram accepts and reports progress on his association's action.
    member = _context(browser, asgi_server, 390, 844).new_page()
    log_in(member, dutch, "bram")
    member.goto(re.sub(r"^https?://[^/]+", "", link))
    member.get_by_role("button", name=dutch("Accept the invitation")).click()
    member.goto("/binnenstadslab/mijn-acties/")
    section = member.locator(f"#actie-{action.pk}")
    section.get_by_label(dutch("What happened?")).fill("Twee eigenaren bouwen de bovenverdieping om tot woning.")
    section.get_by_label(dutch("Status after this")).select_option("lopend")
    section.get_by_role("button", name=dutch("Save the progress")).click()
    expect(member.get_by_text(dutch("Your progress update has been saved."))).to_be_visible()
    assert fits(member)
    assert_accessible(member, "my actions on a phone")
    shot(member, "8-progress")

    # 9. Ellen publishes the plan; a visitor reads it with the action's status and indicator.
    staff.goto(f"/binnenstadslab/actieplannen/{plan.pk}/")
    staff.get_by_role("button", name=dutch("Make public")).click()
    plan.refresh_from_db()
    assert plan.is_published
    visitor = _context(browser, asgi_server, 390, 844).new_page()
    visitor.goto(f"/binnenstadslab/actieplannen/{plan.pk}/openbaar/")
    expect(visitor.get_by_text("Wonen boven winkels").first).to_be_visible()
    expect(visitor.get_by_text("Twee eigenaren bouwen de bovenverdieping om tot woning.").first).to_be_visible()
    expect(visitor.get_by_text("Leeg en grijs centrum").first).to_be_visible()
    assert fits(visitor)
    assert_accessible(visitor, "the public plan on a phone")
    shot(visitor, "9-public-plan")
