"""Issue 11, safe changes, in a real browser: Ellen uploads a 2-row file over the Statiestraat's 5-unit count. The
check step does not call it "volledig en juist" but asks whether it is the whole area; importing without the tick
writes nothing; with it, the count is imported, and the dashboard's *Laatste import ongedaan maken* brings the area
back as it was. Publishing asks first and says what becomes public. axe-core checks each new page at 1280 and
390 px."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_monitor import DASHBOARD, UPLOAD, csv_file, log_in

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kk-safe-changes-{}-{}.png"
HEADER = "Pandnr;Straat;Huisnummer;Branchegroep"
FIVE = [f"S{n};Statiestraat;{n};{group}" for n, group in enumerate(
    ["Dagelijks", "Mode & Luxe", "Leegstand", "Vrije tijd", "Leegstand"], start=1)]  # fmt: skip


def as_csv(rows: list[str]) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252")


@pytest.fixture
def five_units(demo_region):
    """The Statiestraat's first count, as the command line would have imported it."""
    from kernkompas.monitor.actions.units import import_units
    from kernkompas.monitor.importers.records import UnitRecord
    from kernkompas.places.models import Gebied

    area = Gebied.objects.get(kern__gemeente__slug="maasdijk", kern__slug="centrum", slug="statiestraat")
    groups = {"Dagelijks": "dagelijks", "Mode & Luxe": "mode-luxe", "Leegstand": "leegstand", "Vrije tijd": "leisure"}
    records = []
    for row in FIVE:
        own_id, street, number, group = row.split(";")
        records.append(UnitRecord(where=own_id, external_id=own_id, street=street, house_number=number,
                                  group=groups[group]))  # fmt: skip
    import_units(area, records, count_date=datetime.date(2024, 3, 1), file_name="eerste.csv", sha256="x", format="csv")
    return area


def look(page, assert_accessible, name: str) -> None:
    """axe and a screenshot at desktop and phone width."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name} at {width} px")
        page.screenshot(path=SHOTS.format(name, width), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_small_file_needs_a_tick_and_the_import_can_be_undone(page, dutch, assert_accessible, five_units):
    log_in(page, dutch, "ellen")
    page.goto(UPLOAD)
    page.get_by_label(dutch("Count date")).fill("2025-03-01")
    page.get_by_label(dutch("File"), exact=True).set_input_files(csv_file("twee.csv", as_csv(FIVE[:2])))
    page.get_by_role("button", name=dutch("Upload and continue")).click()
    page.get_by_role("button", name=dutch("Check the file")).click()
    expect(page).to_have_url(re.compile(r"/importeren/\d+/controle/$"))

    ready = page.locator(".upload-ready")
    expect(ready.get_by_role("heading", level=2)).to_have_text(
        dutch("The file can be read, but differs sharply from the previous count")
    )
    expect(ready).to_contain_text("Deze telling heeft 2 panden, de vorige (01-03-2024) 5. Is dit het hele gebied?")
    look(page, assert_accessible, "1-compare")

    page.get_by_role("button", name=dutch("Import"), exact=True).click()
    warning = page.locator(".upload-compare-warning")
    expect(warning).to_be_focused()  # what is missing is read out first
    missing = dutch("Tick the box below to import this file anyway, or upload the complete file.")
    expect(warning).to_contain_text(missing)
    look(page, assert_accessible, "2-no-tick")

    page.get_by_label(dutch("Yes, this file is the whole count of the area: import it anyway.")).check()
    page.get_by_role("button", name=dutch("Import"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "$"))
    expect(page.locator(".messages")).to_contain_text("2 panden: 0 nieuw, 2 herkend, 0 gewijzigd")
    expect(page.locator('[data-indicator="units"]')).to_have_text("2")

    page.get_by_role("link", name=dutch("Undo the last import")).click()
    expect(page.locator(".confirm-box")).to_contain_text("(bestand twee.csv, 2 panden) wordt ongedaan gemaakt")
    expect(page.locator(".confirm-box")).to_contain_text("De telling van 01-03-2025 verdwijnt.")
    look(page, assert_accessible, "3-undo")
    page.get_by_role("button", name=dutch("Undo this import")).click()
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "$"))
    expect(page.locator(".messages")).to_contain_text("is ongedaan gemaakt")
    expect(page.locator('[data-indicator="units"]')).to_have_text("5")
    expect(page.get_by_role("link", name=dutch("Undo the last import"))).to_have_count(0)

    page.get_by_role("link", name=dutch("Make public")).click()
    expect(page.locator(".confirm-box")).to_contain_text("de downloads")
    look(page, assert_accessible, "4-publish")
    page.get_by_role("button", name=dutch("Yes, make it public")).click()
    expect(page.locator(".status-public")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Het dashboard van Statiestraat is nu openbaar.")
