"""Issue 11, problem 4 in Chromium: Ellen's Flemish Excel export has branch names the default list does not know
("Frituur", "Nachtwinkel", "Handelspand leeg") and a pharmacy filed under services. The wizard asks what each means
(proposals preselected), she makes "Nachtwinkel" a branch of Maasdijk's own, and the file imports. axe-core checks
the step at desktop and phone width; screenshots go to /tmp/kk-i11-vocab/shots/ when that folder exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kernkompas.monitor.tests.flemish_files import flemish_xlsx
from tests.browser.test_monitor import log_in

pytestmark = pytest.mark.browser

DASHBOARD = "/monitor/maasdijk/centrum/statiestraat/"
SHOTS = Path("/tmp/kk-i11-vocab/shots")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shot(page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_officer_resolves_the_unknown_branch_names_of_her_file(
    live_server, demo_region, page, dutch, assert_accessible
):
    log_in(page, dutch, "ellen")
    page.goto(DASHBOARD + "importeren/")
    page.get_by_label(dutch("Count date")).fill("2025-03-01")
    page.get_by_label(dutch("File"), exact=True).set_input_files(
        {"name": "export-handelspanden.xlsx", "mimeType": XLSX, "buffer": flemish_xlsx()}
    )
    page.get_by_role("button", name=dutch("Upload and continue")).click()
    expect(page.locator("#id_column_group")).to_have_value("Hoofdgroep")
    page.get_by_role("button", name=dutch("Check the file")).click()

    # The names step: four names, each with its rows and a proposal preselected.
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch("Which branches do you mean?"))
    expect(page.locator(".branch-choice")).to_have_count(4)
    frituur = page.get_by_role("group", name=re.compile("^“Frituur”"))
    expect(frituur).to_contain_text("2 rijen")
    expect(frituur.get_by_role("combobox").first).to_have_value("b:fastservice")
    expect(page.get_by_role("group", name=re.compile("^“Apotheek” in “Diensten”"))).to_contain_text("Volg het bestand")
    assert_accessible(page, "the names step")
    shot(page, "branches-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, "the names step on a phone")
    shot(page, "branches-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    nachtwinkel = page.get_by_role("group", name=re.compile("^“Nachtwinkel”"))
    nachtwinkel.get_by_label(re.compile("Nachtwinkel")).select_option("new")
    expect(nachtwinkel.get_by_label(dutch("Function group of the new branch"))).to_have_value("dagelijks")
    page.get_by_role("button", name=dutch("Save the choices and check again")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(dutch("Check and import"))
    expect(page.locator(".upload-ready")).to_contain_text("10")
    shot(page, "branches-after-1280")
    page.get_by_role("button", name=dutch("Import"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "$"))
