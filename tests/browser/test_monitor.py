"""The Kernmonitor in a real browser: Ellen, economy officer of Maasdijk, brings the Statiestraat's Excel export into
the register (semicolons, decimal commas, Windows-1252, a misspelt header), maps the columns, sees the one bad row
by line and field, uploads the corrected file, imports, and finds the dashboard with map, cards and charts; a second
count a year later shows churn and vacancy duration. Sofie of Veldrode sees nothing of it; once Ellen makes it
public, a visitor sees the dashboard. axe-core checks every page on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

DASHBOARD = "/monitor/maasdijk/centrum/statiestraat/"
UPLOAD = DASHBOARD + "importeren/"
SHOTS = "/tmp/kk-upload-monitor-{}.png"

HEADER = "Pandnr;Adress;Postcode;Plaats;Branchegroep;Branche;Uithangbord;Opervlakte WVO;Latitude;Longitude"
ROWS_2024 = [
    "S1;Statiestraat 1;3600;Maasdijk;Dagelijks;Bakker;Bakkerij Hélène;85,5;51,8950;2,8850",
    "S2;Statiestraat 2;3600;Maasdijk;Mode & Luxe;Kleding;Modehuis Émile;120;51,8955;2,8860",
    "S3;Statiestraat 3;3600;Maasdijk;Leegstand;;;200;51,8960;2,8870",
    "S4;Statiestraat 4;3600;Maasdijk;Vrije tijd;Boeken;Boekhandel De Kern;{area};51,8965;2,8880",
    "S5;Statiestraat 5;3600;Maasdijk;Leegstand;;;60;51,8970;2,8890",
]
ROWS_2025 = [
    ROWS_2024[0].replace("Dagelijks;Bakker;Bakkerij Hélène", "Leegstand;;"),  # the bakery closed
    ROWS_2024[1],
    ROWS_2024[2].replace("Leegstand;;", "Vrije tijd;Sport;Sportzaak Loop"),  # the empty shop opened
    ROWS_2024[3],
    ROWS_2024[4],  # still empty: more than a year now
]


def excel_csv(rows: list[str], area: str = "45") -> bytes:
    """As Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)": semicolons, Windows-1252, CRLF."""
    return ("\r\n".join([HEADER, *rows]).replace("{area}", area) + "\r\n").encode("cp1252")


def csv_file(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


def new_tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context, context.new_page()


def upload_count(page, dutch, assert_accessible, *, date: str, content: bytes, shots: str = "") -> None:
    """Steps 1 and 2: the file and its count date, then the columns (the officer picks the occupant's)."""
    expect(page).to_have_url(re.compile(re.escape(UPLOAD) + "$"))
    if shots:
        assert_accessible(page, "the upload page")
        page.screenshot(path=SHOTS.format(f"{shots}-1-upload"), full_page=True)
    page.get_by_label(dutch("Count date")).fill(date)
    page.get_by_label(dutch("File"), exact=True).set_input_files(csv_file("panden-statiestraat.csv", content))
    page.get_by_role("button", name=dutch("Upload and continue")).click()

    expect(page).to_have_url(re.compile(r"/importeren/\d+/kolommen/$"))
    # The misspelt headers are matched; the preview shows the file as Excel wrote it.
    expect(page.locator("#id_column_address")).to_have_value("Adress")
    expect(page.locator("#id_column_floor_area")).to_have_value("Opervlakte WVO")
    expect(page.locator("#id_column_group")).to_have_value("Branchegroep")
    expect(page.locator(".upload-preview")).to_contain_text("Modehuis Émile")
    expect(page.locator(".upload-preview")).to_contain_text("85,5")  # as written, not 855
    # "Uithangbord" (shop sign) means nothing to the proposer: the officer says it holds the occupant.
    expect(page.locator("#id_column_occupant")).to_have_value("")
    page.locator("#id_column_occupant").select_option("Uithangbord")
    if shots:
        assert_accessible(page, "the column mapping")
        page.screenshot(path=SHOTS.format(f"{shots}-2-columns"), full_page=True)
    page.get_by_role("button", name=dutch("Check the file")).click()
    expect(page).to_have_url(re.compile(r"/importeren/\d+/controle/$"))


def import_checked(page, dutch) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch("Check and import"))
    page.get_by_role("button", name=dutch("Import"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "$"))


def test_an_officer_imports_two_counts_and_only_the_right_people_see_the_dashboard(
    browser, live_server, demo_region, page, dutch, assert_accessible
):
    log_in(page, dutch, "ellen")
    page.goto(DASHBOARD)
    page.get_by_role("link", name=dutch("Import the first count")).click()

    # Steps 1-3 with a file that has one bad row: line 5, the floor area "12,5,0".
    upload_count(page, dutch, assert_accessible, date="2024-03-01", content=excel_csv(ROWS_2024, "12,5,0"), shots="a")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # keyboard and screen-reader users hear what is wrong first
    expect(summary).to_contain_text("regel 5")
    expect(summary).to_contain_text("Opervlakte WVO")
    expect(summary).to_contain_text("12,5,0")
    expect(page.locator(".upload-problems tbody tr")).to_have_count(1)
    summary.get_by_role("link").first.click()
    expect(page.locator("#problem-1")).to_be_in_viewport()
    assert_accessible(page, "the problems of a file")
    page.screenshot(path=SHOTS.format("a-3-problems"), full_page=True)

    # The corrected file keeps the mapping and the count date.
    page.get_by_label(dutch("Corrected file")).set_input_files(csv_file("panden-verbeterd.csv", excel_csv(ROWS_2024)))
    page.get_by_role("button", name=dutch("Upload the corrected file")).click()
    expect(page.locator(".upload-ready")).to_contain_text("panden-verbeterd.csv")
    expect(page.locator(".upload-ready")).to_contain_text("5")
    assert_accessible(page, "a file ready to import")
    page.screenshot(path=SHOTS.format("a-4-ready"), full_page=True)
    import_checked(page, dutch)

    # The dashboard: what was imported, map, cards and charts.
    expect(page.locator(".messages")).to_contain_text("5")
    expect(page.locator("#unit-map path.leaflet-interactive")).to_have_count(5)
    expect(page.locator(".indicator-card").first).to_be_visible()
    expect(page.locator('[data-indicator="units"]')).to_have_text("5")
    assert page.locator(".chart-figure svg").count() >= 1
    assert_accessible(page, "the dashboard after the first count")
    page.screenshot(path=SHOTS.format("a-5-dashboard"), full_page=True)

    # A second count a year later: churn and vacancy duration.
    page.get_by_role("link", name=dutch("Import a count")).click()
    upload_count(page, dutch, assert_accessible, date="2025-03-05", content=excel_csv(ROWS_2025))
    import_checked(page, dutch)
    expect(page.locator("#card-churn")).to_be_visible()
    churn = page.locator("#card-churn .churn-list")
    expect(churn).to_contain_text(re.compile(r"1"))
    expect(page.locator("#card-duration")).to_be_visible()
    expect(page.locator('#card-duration [data-duration="long"]')).to_have_text("1")  # Statiestraat 5, > 1 year
    expect(page.locator('#card-duration [data-duration="short"]')).to_have_text("1")  # the bakery, just closed
    assert_accessible(page, "the dashboard after the second count")
    page.screenshot(path=SHOTS.format("a-6-second-count"), full_page=True)

    # Sofie works for Veldrode: the unpublished area does not exist for her, nor its wizard.
    context, sofie = new_tab(browser, live_server)
    try:
        log_in(sofie, dutch, "sofie")
        assert sofie.goto(DASHBOARD).status == 404
        assert sofie.goto(UPLOAD).status == 404
        assert sofie.goto("/api/v1/monitor/areas").ok
        assert "Statiestraat" not in sofie.content()
    finally:
        context.close()

    # Ellen makes the dashboard public; a visitor now sees it, without the area team's links.
    # It asks first, saying what becomes public (issue 11), then says it is done.
    page.get_by_role("link", name=dutch("Make public")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statiestraat")
    assert_accessible(page, "the confirmation before publishing")
    page.get_by_role("button", name=dutch("Yes, make it public")).click()
    expect(page.locator(".status-public")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Statiestraat")
    context, visitor = new_tab(browser, live_server)
    try:
        assert visitor.goto(DASHBOARD).ok
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Statiestraat")
        expect(visitor.locator('[data-indicator="units"]')).to_have_text("5")
        expect(visitor.locator("#unit-map path.leaflet-interactive")).to_have_count(5)
        expect(visitor.get_by_role("link", name=dutch("Import a count"))).to_have_count(0)
        assert_accessible(visitor, "the public dashboard")
        visitor.screenshot(path=SHOTS.format("b-public-dashboard"), full_page=True)
        visitor.goto(UPLOAD)
        expect(visitor).to_have_url(re.compile(r"/account/"))  # the wizard asks a visitor to log in
    finally:
        context.close()


def test_the_wizard_works_without_javascript(browser, live_server, demo_region, dutch):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-BE", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in(page, dutch, "ellen")
        page.goto(UPLOAD)
        page.get_by_label(dutch("Count date")).fill("2024-03-01")
        page.get_by_label(dutch("File"), exact=True).set_input_files(csv_file("panden.csv", excel_csv(ROWS_2024)))
        page.get_by_role("button", name=dutch("Upload and continue")).click()
        page.locator("#id_column_occupant").select_option("Uithangbord")
        page.get_by_role("button", name=dutch("Check the file")).click()
        page.get_by_role("button", name=dutch("Import"), exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "$"))
        expect(page.locator('[data-indicator="units"]')).to_have_text("5")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/monitor/", "/monitor/maasdijk/centrum/"])
def test_the_overview_tables_scroll_inside_their_box_on_a_phone(browser, live_server, browser_db, path):
    from kernkompas.site.demo import load_demo_data

    load_demo_data()  # the Kernmonitor's demo areas with their counts: the overview tables have all five columns
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(path)
    expect(page.locator(".overview-table").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    context.close()
