"""Issue 12, "done when", in Chromium: the whole Kern-DNA walked as real users on the demo data, only through the UI.

Femke (facilitator of Maasdijk) starts a trajectory for Kiezelberg from /dna/, reads its candidate strengths with
their numbers on the analysis page (checked against ``profiling.analyse``), writes a tagline and five building
blocks (one backed by the strength she just read) and two ideas, and makes and opens a validation survey. Visitors on
phone-sized screens answer it as a resident and as an entrepreneur; one goes back and sends again and is refused,
nothing is stored twice. Femke reads the results per group and downloads the CSV; she cannot publish. Ellen
(gemeente Maasdijk) publishes the DNA version and the trajectory through their confirm pages. A visitor opens the
Kernkompas page, downloads the A3 poster and the 1200×630 share image through its links, and finds the region view
comparing the cores, Kiezelberg among them.

axe-core checks every page visited, at the width it was visited (no serious or critical violation, no colour
contrast it cannot decide). With KERNKOMPAS_SHOTS=<folder> each step is also saved as a screenshot there.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, log_in

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("KERNKOMPAS_SHOTS", "")
PHONE = {"width": 390, "height": 844}
TAGLINE = "Kiezelberg: sporten, spelen en samen leven aan de voet van de berg"
BLOCKS = [
    ("Sporten op de berg", "Het sportpark en de speelpleinen liggen op wandelafstand van elk huis."),
    ("Het café als verenigingslokaal", "Voetbal, harmonie en de wielerclub komen samen in de cafés aan de kerk."),
    ("Dorpse diensten dichtbij", "Kapper, apotheek en dokter zitten in de Kerkstraat, naast elkaar."),
    ("Groen rond de kern", "De beemden en de bomenrij langs de beek lopen tot tegen de dorpskern."),
    ("Samen bouwen", "Jonge gezinnen en oudere inwoners wonen er door elkaar in nieuwe woonerven."),
]
IDEAS = [(1, "Sportdag op het dorpsplein"), (2, "Verenigingskalender in elk café")]


def shot(tab, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(demo_region):
    """The demo as `kernkompas demo` loads it for the Kern-DNA: places and people, then the part's own demo data
    (its figures for every core, Veldrode-Dorp's published DNA and surveys, Maasdijk-Centrum's draft)."""
    from kernkompas.dna.demo import load_demo

    load_demo()
    return demo_region


def expected_strength(kern_slug: str) -> dict:
    """The first candidate strength of a Maasdijk core as `profiling.analyse` computes it, written as the page
    writes numbers (Dutch)."""
    from django.utils import translation

    from kernkompas.dna import profiling, vocabulary
    from kernkompas.dna.analysis_views import number
    from kernkompas.places.models import Kern

    kern = Kern.objects.get(gemeente__slug="maasdijk", slug=kern_slug)
    strength = profiling.analyse(kern).comparison.strengths[0]
    with translation.override("nl"):
        return {
            "label": vocabulary.label(strength.indicator),
            "value": number(strength.value),
            "median": number(strength.peer_median),
            "percentile": number(strength.percentile, 0),
            "n_peers": strength.n_peers,
        }


def answer(tab, link: str, group_label: str, score: str, stars: str, text: str) -> None:
    tab.goto(link)
    assert fits(tab)
    tab.get_by_label(group_label).check()
    for number in range(1, 6):
        tab.locator(f"#vraag-score-blok-{number}").get_by_label(score, exact=True).check()
    for fieldset in tab.locator("fieldset.survey-stars").all():
        fieldset.get_by_label(stars).check()
    tab.get_by_label("Waar word je enthousiast van in Kiezelberg?").fill(text)
    tab.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(tab.get_by_text("Bedankt! Je antwoorden zijn bewaard.")).to_be_visible()


def test_issue_12_done_when_the_whole_kern_dna_walk(demo, browser, live_server, page, dutch, assert_accessible):
    from kernkompas.dna.models import Idea, Response, Survey

    def new_phone():
        context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport=PHONE)
        context.set_default_timeout(15_000)
        return context, context.new_page()

    # 1. Femke starts a trajectory for Kiezelberg (no trajectory yet) from /dna/ and sees its steps.
    log_in(page, dutch, "femke", accessible=assert_accessible)
    page.goto("/dna/")
    assert_accessible(page, "/dna/ for the facilitator")
    page.get_by_role("link", name="Start een DNA-traject").click()
    page.wait_for_url("**/dna/start/")
    assert_accessible(page, "the start form")
    page.get_by_label("Kern:", exact=True).select_option(label="Kiezelberg (Maasdijk)")
    page.get_by_label("Titel:", exact=True).fill("Het DNA van Kiezelberg")
    page.get_by_label("Naar de Kern Compact (zeven stappen)").check()
    page.get_by_role("button", name="Start het traject").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het DNA van Kiezelberg")
    expect(page.locator(".dna-step")).to_have_count(7)
    expect(page.locator(".dna-step h3").first).to_have_text("Start en verkenning")
    trajectory_url = page.url
    shot(page, "01-trajectory")
    assert_accessible(page, "the new trajectory")

    # 2. The analysis link: the candidate strengths with their numbers, equal to what profiling.analyse computes.
    page.get_by_role("link", name="De troeven volgens de cijfers: analyse van Kiezelberg").click()
    page.wait_for_url("**/dna/kern/maasdijk/kiezelberg/analyse/")
    expect(page.get_by_role("heading", name="Kandidaat-troeven")).to_be_visible()
    expected = expected_strength("kiezelberg")
    first = page.locator(".dna-strengths > li").first
    expect(first.locator("h3")).to_contain_text(expected["label"])
    numbers = first.locator("p").first
    expect(numbers).to_contain_text(expected["value"])
    median = dutch("peers' median")
    expect(numbers).to_contain_text(f"{median} {expected['median']}")
    expect(numbers).to_contain_text(f"{dutch('percentile')} {expected['percentile']}")
    first.locator("summary").click()
    expect(first.locator("table tbody tr")).to_have_count(expected["n_peers"] + 1)  # the core itself and its peers
    shot(page, "02-analysis")
    assert_accessible(page, "the analysis of Kiezelberg")

    # 3. Back to the trajectory, "DNA-bouwstenen": a tagline and five blocks, the first backed by that strength.
    page.get_by_role("link", name="Het DNA van Kiezelberg").click()
    page.wait_for_url(trajectory_url)
    page.get_by_role("link", name="DNA-bouwstenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DNA-bouwstenen")
    assert_accessible(page, "the empty editor")
    page.get_by_label("Slogan:").fill(TAGLINE)
    for n, (name, explanation) in enumerate(BLOCKS, start=1):
        row = page.locator(f"#blok-{n}")
        row.get_by_label("Naam:").fill(name)
        row.get_by_label("Korte uitleg:").fill(explanation)
    block_1 = page.locator("#blok-1")
    block_1.locator("summary").click()
    block_1.get_by_label(expected["label"], exact=True).check()
    block_1.get_by_label("Citaten uit de werkgroepen:").fill("Op zaterdag staat heel Kiezelberg langs het veld.")
    block_2 = page.locator("#blok-2")
    block_2.locator("summary").click()
    block_2.get_by_label("Cafés en bars", exact=True).check()
    page.get_by_role("button", name="Bewaar de bouwstenen").click()
    expect(page.get_by_role("status")).to_contain_text("De bouwstenen zijn bewaard (versie 1, concept).")
    expect(page.locator("#blok-1 summary")).to_contain_text("1 indicator gekozen")
    # The facilitator prepares; publishing is the municipality's decision: no button.
    expect(page.get_by_role("link", name="Publiceer versie 1")).to_have_count(0)
    shot(page, "03-blocks")
    assert_accessible(page, "the editor with five blocks")

    # Two ideas, each on its own block, from the block's "Ideeën" link.
    for position, title in IDEAS:
        page.locator(".block-extras > li").nth(position - 1).get_by_role("link", name=re.compile("^Ideeën")).click()
        page.get_by_label("Idee:").fill(title)
        page.get_by_role("button", name="Voeg het idee toe").click()
        expect(page.locator(f"#blok-{position}")).to_contain_text(title)
        page.get_by_role("link", name="Terug naar de bouwstenen").click()
    expect(page.locator(".block-extras > li").nth(0)).to_contain_text("1 idee")
    expect(page.locator(".block-extras > li").nth(1)).to_contain_text("1 idee")
    page.goto(page.url.split("#")[0])
    page.locator(".block-extras > li").first.get_by_role("link", name=re.compile("^Ideeën")).click()
    shot(page, "04-ideas")
    assert_accessible(page, "the ideas page")

    # 4. A validation survey ("Aftoetsen") for version 1, opened.
    page.goto(trajectory_url)
    page.get_by_role("link", name="Nieuwe DNA-enquête").click()
    expect(page.get_by_label("Te toetsen DNA-versie:")).to_contain_text(TAGLINE)
    assert_accessible(page, "the new survey form")
    page.get_by_label("Titel:", exact=True).fill("Herken jij Kiezelberg?")
    page.get_by_role("button", name="Maak de enquête").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herken jij Kiezelberg?")
    assert_accessible(page, "the draft survey")
    page.get_by_role("button", name="Open de enquête").click()
    expect(page.get_by_text("De enquête is open")).to_be_visible()
    expect(page.locator(".survey-qr svg")).to_be_visible()
    shot(page, "05-survey")
    assert_accessible(page, "the open survey with its link and QR code")
    survey_url = page.url
    link = page.locator(".survey-link a").get_attribute("href")  # what she would print or send
    survey = Survey.objects.get(trajectory__kern__slug="kiezelberg")

    # 5. Visitors on phones, no account: a resident and an entrepreneur.
    resident, tab = new_phone()
    tab.goto(link)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Herken jij Kiezelberg?")
    for name, _ in BLOCKS:
        expect(tab.get_by_text(name, exact=False).first).to_be_visible()
    shot(tab, "06-survey-phone")
    assert_accessible(tab, "the survey form at 390 px")
    with tab.expect_request(lambda request: request.method == "POST") as posted:
        answer(tab, link, "Ik woon hier", "4", "4 sterren", "Het sportpark op zaterdag")
    shot(tab, "07-thanks-phone")
    assert_accessible(tab, "the thank-you page at 390 px")
    assert Response.objects.filter(survey=survey).count() == 1
    # She goes back to the form: this phone has answered, it says so instead of a second form.
    tab.go_back()
    expect(tab.get_by_text("Je hebt deze enquête op dit toestel al ingevuld")).to_be_visible()
    expect(tab.get_by_role("button", name="Verstuur mijn antwoorden")).to_have_count(0)
    shot(tab, "07b-answered-phone")
    assert_accessible(tab, "the 'already answered' page at 390 px")
    # The browser sends the very same form again (a double tap, a resend), even without the answered-cookie:
    # its one-time key was used, so it is refused (409) and nothing is stored twice.
    form = posted.value
    resend = {"Content-Type": form.headers["content-type"], "Referer": link}
    assert "al ingevuld" in tab.request.post(link, data=form.post_data_buffer, headers=resend).text()
    resident.clear_cookies(name=f"kk_enquete_{survey.pk}")
    replayed = tab.request.post(link, data=form.post_data_buffer, headers=resend)
    assert replayed.status == 409 and "al verstuurd" in replayed.text()
    assert Response.objects.filter(survey=survey).count() == 1
    resident.close()

    entrepreneur, tab = new_phone()
    answer(tab, link, "Ik heb hier een zaak", "5 (helemaal)", "2 sterren", "Klanten van de sportclubs")
    assert_accessible(tab, "the thank-you page at 390 px, second visitor")
    entrepreneur.close()
    assert Response.objects.filter(survey=survey).count() == 2

    # 6. Femke reads the results per group and downloads the CSV.
    page.goto(survey_url)
    page.get_by_role("link", name="Resultaten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    summary = page.locator(".survey-results > p").first
    expect(summary).to_contain_text("2 antwoorden in totaal")
    expect(summary).to_contain_text("inwoners 1")
    expect(summary).to_contain_text("ondernemers 1")
    expect(summary).to_contain_text("bezoekers 0 · status: open")  # not "0. status" (a lower case after a stop)
    rows = page.locator(".survey-table").first.locator("tbody tr")
    expect(rows.filter(has_text="inwoners")).to_contain_text("4,00")
    expect(rows.filter(has_text="ondernemers")).to_contain_text("5,00")
    expect(page.get_by_text("Het sportpark op zaterdag")).to_be_visible()
    shot(page, "08-results")
    assert_accessible(page, "the results")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV voor software (vaste kolomnamen)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    ideas = [
        f"idee-{pk}"
        for pk in Idea.objects.filter(version__trajectory__kern__slug="kiezelberg")
        .order_by("block__position", "position")
        .values_list("pk", flat=True)
    ]
    assert table[0] == [
        "response", "submitted_on", "group",
        "blok-1", "blok-2", "blok-3", "blok-4", "blok-5", *ideas, "vraag-1", "vraag-2",
    ]  # fmt: skip
    assert sorted(row[2] for row in table[1:]) == ["inwoner", "ondernemer"]
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV voor een rekenblad").click()
    people = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert people[0][:3] == [dutch("response"), dutch("submitted on"), dutch("respondent group")]
    assert len(people[0]) == len(table[0]) and len(people) == 3

    # 7. Femke cannot publish; Ellen (gemeente Maasdijk) publishes the version and the trajectory.
    page.goto(trajectory_url)
    expect(page.get_by_role("link", name="Maak openbaar")).to_have_count(0)
    page.get_by_role("link", name="DNA-bouwstenen").click()
    expect(page.get_by_role("link", name="Publiceer versie 1")).to_have_count(0)
    page.context.clear_cookies()
    log_in(page, dutch, "ellen")
    page.goto(trajectory_url)
    page.get_by_role("link", name="DNA-bouwstenen").click()
    page.get_by_role("link", name="Publiceer versie 1").click()
    expect(page.locator(".confirm-box")).to_contain_text("Het traject is nog niet openbaar.")
    shot(page, "09-publish-version")
    assert_accessible(page, "publishing the version")
    page.get_by_role("button", name="Ja, publiceer versie 1").click()
    expect(page.locator(".version-list")).to_contain_text("openbare versie")
    assert_accessible(page, "the versions after publishing")
    page.goto(trajectory_url)
    page.get_by_role("link", name="Maak openbaar").click()
    shot(page, "10-publish-trajectory")
    assert_accessible(page, "publishing the trajectory")
    page.get_by_role("button", name="Ja, maak openbaar").click()
    page.wait_for_url(trajectory_url)
    expect(page.get_by_role("link", name="Het Kernkompas van Kiezelberg")).to_be_visible()
    assert_accessible(page, "the public trajectory for staff")

    # 8. A visitor on a phone: the Kernkompas page, its poster and share image.
    visitor, tab = new_phone()
    tab.goto("/dna/maasdijk/kiezelberg/")
    expect(tab.get_by_role("heading", level=1)).to_have_text(TAGLINE)
    for name, _ in BLOCKS:
        expect(tab.get_by_role("heading", name=name)).to_be_visible()
    expect(tab.locator("#bouwsteen-1 .evidence")).to_contain_text(expected["label"])
    expect(tab.get_by_text("Sportdag op het dorpsplein")).to_be_visible()
    assert fits(tab)
    shot(tab, "11-kompas-phone")
    assert_accessible(tab, "the Kernkompas page at 390 px")
    poster = tab.request.get(tab.get_by_role("link", name="Affiche (PDF)").get_attribute("href"))
    assert poster.ok and poster.headers["content-type"] == "application/pdf"
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(poster.body()))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 420)  # A3
    assert "Kiezelberg" in pdf.pages[0].extract_text()
    share_href = tab.get_by_role("link", name="Afbeelding om te delen (PNG)").get_attribute("href")
    image = tab.request.get(share_href)
    assert image.ok and image.headers["content-type"] == "image/png"
    from PIL import Image

    assert Image.open(io.BytesIO(image.body())).size == (1200, 630)
    og_image = tab.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image.endswith("/dna/maasdijk/kiezelberg/deelbeeld.png") and og_image.startswith("http")
    assert share_href.endswith("/dna/maasdijk/kiezelberg/deelbeeld.png")
    visitor.close()

    # 9. The region view compares the cores: Kiezelberg in the heat map table, with its text; its published DNA
    # shares an indicator with Veldrode-Dorp's, and the warning says so.
    visitor, tab = new_phone()
    tab.goto("/dna/")
    expect(tab.get_by_role("link", name="Het DNA van Kiezelberg")).to_be_visible()  # public now
    assert_accessible(tab, "/dna/ at 390 px")
    tab.get_by_role("link", name="Vergelijk de kernen van een regio").click()
    assert_accessible(tab, "the region picker at 390 px")
    tab.get_by_role("link", name="Demoregio Kempenland").click()
    tab.wait_for_url("**/dna/regio/demoregio-kempenland/")
    tab.get_by_text("Toon als tabel").click()
    table = tab.locator(".heatmap-table table")
    expect(table.locator("thead")).to_contain_text("Kiezelberg")
    expect(table.locator("tbody")).to_contain_text("Kiezelberg")
    card = tab.locator(".region-core", has=tab.get_by_role("heading", name="Kiezelberg"))
    expect(card).to_have_count(1)
    assert card.locator("p").first.inner_text().strip()
    expect(tab.locator(".region-warnings")).to_contain_text("Het café als verenigingslokaal")
    assert fits(tab)
    shot(tab, "12-region-phone")
    assert_accessible(tab, "the region view at 390 px")
    visitor.close()
