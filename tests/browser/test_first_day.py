"""Issue 11, "done when", in Chromium: a municipality's first day, as a new user would live it.

The Belgian open data is imported (the real Statbel and Flemish files of ../shared/data). An administrator invites
the centre manager of Tongeren-Borgloon by e-mail; she accepts from the link in the mail and lands on her
municipality's workspace. She adds a core, draws nothing but uploads her area's outline as QGIS exports it (GeoJSON in
Lambert 72), imports the municipality's own Excel export with branch names the taxonomy does not know, resolves them
in the wizard, imports the next year's count (recognised, not new), publishes the dashboard after the confirmation,
and a visitor follows the weak vacancy from the municipality's page to Vitrine cases on vacancy for towns of its size.

axe-core checks every step (no serious or critical violation, no colour contrast it cannot decide). With
KERNKOMPAS_SHOTS=<folder> each step is also saved as a screenshot there, to be looked at.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kernkompas.monitor.tests.flemish_files import flemish_xlsx
from kernkompas.places.tests.import_helpers import Files, shared_data

pytestmark = pytest.mark.browser

PASSWORD = "lange-wandeling-langs-de-jeker"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOTS = os.environ.get("KERNKOMPAS_SHOTS", "")

# Her register of 40 ground-floor units around the Grote Markt: 6 stand empty (15 %), and three of its branch names
# ("Frituur", "Nachtwinkel", "Handelspand leeg") are her municipality's words, not the taxonomy's.
STREETS = ["Grote Markt", "Maastrichterstraat", "Hasseltsestraat", "Sint-Truiderstraat"]
TRADES = [
    ("Dagelijks", "Bakker", "Bakkerij"),
    ("Horeca", "Frituur", "Frituur"),
    ("Horeca", "Café", "Café"),
    ("Dagelijks", "Nachtwinkel", "Nachtwinkel"),
    ("Mode & Luxe", "Kleding", "Modehuis"),
    ("Diensten", "Kapper", "Kapsalon"),
    ("Horeca", "Restaurant", "Restaurant"),
    ("Mode & Luxe", "Schoenen", "Schoenen"),
]


def register(year: int) -> list[list]:
    rows = []
    for n in range(40):
        street, number = STREETS[n % 4], str(2 * (n // 4) + 1)
        if n % 7 == 3 and n < 40:  # 6 units stand empty: 3, 10, 17, 24, 31, 38
            group, branch, name = "Leegstand", "Handelspand leeg", ""
        else:
            group, branch, trade = TRADES[n % len(TRADES)]
            name = f"{trade} {street.split()[0]} {number}"
        rows.append([street, number, "3700", "Tongeren", group, branch, name, 60 + n])
    rows[5] = ["Grote Markt", "99", "3700", "Tongeren", "Diensten", "Apotheek", "Apotheek Ambiorix", 90]
    if year == 2026:  # a year later: a frituur closed, an empty shop reopened, a fashion shop sells shoes now
        rows[1] = [*rows[1][:4], "Leegstand", "Handelspand leeg", "", rows[1][7]]
        rows[3] = [*rows[3][:4], "Dagelijks", "Bakker", "Bakkerij Nieuw", rows[3][7]]
        rows[4] = [*rows[4][:4], "Mode & Luxe", "Schoenen", rows[4][6], rows[4][7]]
    return rows


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def check(page, assert_accessible, name: str, *, phone: bool = False) -> None:
    """axe at desktop width (and at phone width where asked), and the screenshots."""
    assert_accessible(page, f"{name} at 1280 px")
    shot(page, f"{name}-1280")
    if phone:
        page.set_viewport_size({"width": 390, "height": 844})
        assert_accessible(page, f"{name} at 390 px")
        shot(page, f"{name}-390")
        page.set_viewport_size({"width": 1280, "height": 900})


def outline_in_lambert_72(kern) -> bytes:
    """A square of about 300 m around the core's centre, as QGIS writes a layer saved as GeoJSON in EPSG:31370."""
    from pyproj import Transformer

    ring = kern.geometry["coordinates"][0] if kern.geometry["type"] == "Polygon" else kern.geometry["coordinates"][0][0]
    lon = sum(point[0] for point in ring) / len(ring)
    lat = sum(point[1] for point in ring) / len(ring)
    to_lambert = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    x, y = to_lambert.transform(lon, lat)
    square = [[x - 150, y - 150], [x + 150, y - 150], [x + 150, y + 150], [x - 150, y + 150], [x - 150, y - 150]]
    layer = {
        "type": "FeatureCollection",
        "name": "winkelhart",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"naam": "Winkelhart"},
                "geometry": {"type": "Polygon", "coordinates": [square]},
            }
        ],
    }
    return json.dumps(layer).encode()


@pytest.fixture
def tongeren(browser_db):
    """The real Belgian reference data, an administrator, and Vitrine cases on vacancy for towns of 25,000–50,000."""
    from kernkompas.accounts.models import Role
    from kernkompas.places.actions.imports import import_places
    from kernkompas.places.models import Gemeente
    from kernkompas.testing import make_user
    from kernkompas.vitrine.tests.list_cases import make_case

    import_places(Files(shared_data()).belgian)
    make_user("anton", "Anton", Role.BEHEERDER)
    for slug, title, size in [
        ("eigenaarstafel", "Leegstand aanpakken met een eigenaarstafel", "25k-50k"),
        ("pop-ups", "Pop-ups in lege winkelpanden", "25k-50k"),
        ("leegstandsheffing", "Leegstandsheffing in een grote stad", "gte100k"),
    ]:
        make_case(slug, title, ["leegstand"], [], size, "stadskern", "BE", "lt10k")
    return Gemeente.objects.get(slug="tongeren-borgloon")


def log_in(page, dutch, username: str, password: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label(dutch("E-mail address or user name")).fill(username)
    page.get_by_label(dutch("Password"), exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()


def upload(page, dutch, *, date: str, rows: list[list], name: str) -> None:
    page.get_by_label(dutch("Count date")).fill(date)
    page.get_by_label(dutch("File"), exact=True).set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": flemish_xlsx(rows)}
    )
    page.get_by_role("button", name=dutch("Upload and continue")).click()
    expect(page.locator("#id_column_group")).to_have_value("Hoofdgroep")
    page.get_by_role("button", name=dutch("Check the file")).click()


def test_a_centre_manager_starts_alone_and_a_visitor_follows_her_dashboard_to_cases(
    browser, live_server, tongeren, page, dutch, assert_accessible, mailoutbox
):
    from kernkompas.places.models import Gebied, Kern
    from kernkompas.testing import PASSWORD as ANTON_PASSWORD

    # 1. The administrator invites her; he lands in the back office and finds the municipality by searching.
    log_in(page, dutch, "anton", ANTON_PASSWORD)
    expect(page).to_have_url(re.compile(r"/beheer/$"))
    page.goto("/beheer/medewerkers/tongeren-borgloon/")
    page.get_by_label(dutch("E-mail address")).fill("lies@tongeren-borgloon.be")
    page.get_by_role("radio", name=re.compile(re.escape(str(dutch("municipal staff"))), re.I)).check()
    page.get_by_role("button", name=dutch("Send invitation")).click()
    expect(page.get_by_role("cell", name="lies@tongeren-borgloon.be", exact=True)).to_be_visible()
    check(page, assert_accessible, "01-invitation-sent")

    # 2. She accepts from the mail and lands on her workspace, with the next steps.
    [message] = mailoutbox
    path = re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    lies = context.new_page()
    lies.goto(path)
    check(lies, assert_accessible, "02-invitation", phone=True)
    lies.get_by_label(dutch("First name")).fill("Lies")
    lies.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    lies.get_by_label(dutch("Password again")).fill(PASSWORD)
    lies.get_by_role("button", name=dutch("Create my account and accept")).click()
    expect(lies).to_have_url(re.compile(r"/werkplek/tongeren-borgloon/$"))
    expect(lies.get_by_role("heading", level=1)).to_have_text("Tongeren-Borgloon")
    expect(lies.get_by_role("link", name=dutch("Create your first area"))).to_be_visible()
    check(lies, assert_accessible, "03-workspace", phone=True)

    # 3. She adds a core of her own: the municipality is hers, the code is made for her.
    lies.goto("/beheer/plaatsen/kernen/add/")
    lies.locator("input[name=name]").fill("Borgloon – Stationsomgeving")
    check(lies, assert_accessible, "04-core-form")
    lies.locator("button[type=submit]", has_text="Bewaren").first.click()
    core = Kern.objects.get(name="Borgloon – Stationsomgeving")
    assert core.gemeente == tongeren and core.code.startswith(tongeren.code)

    # 4. From the workspace: her first area in the main core, its outline uploaded as QGIS saved it (Lambert 72).
    lies.goto("/werkplek/tongeren-borgloon/")
    lies.get_by_role("link", name=dutch("Create your first area")).click()
    expect(lies.locator("select[name=kern] option:checked")).to_contain_text("Tongeren – kern 13 (hoofdkern)")
    lies.locator("input[name=name]").fill("Winkelhart")
    main_core = Kern.objects.get(code="73083_13")
    lies.locator("input[type=file]").first.set_input_files(
        {"name": "winkelhart.geojson", "mimeType": "application/geo+json", "buffer": outline_in_lambert_72(main_core)}
    )
    check(lies, assert_accessible, "05-area-form")
    lies.locator("button[type=submit]", has_text="Bewaren").first.click()
    expect(lies.get_by_role("link", name=dutch("Import data")).first).to_be_visible()
    area = Gebied.objects.get(name="Winkelhart")
    assert area.geometry["type"] == "Polygon"
    shot(lies, "06-area-saved-1280")
    lies.get_by_role("link", name=dutch("Import data")).first.click()

    # 5. Her own Excel export: the wizard asks what her branch names mean, proposals preselected.
    upload(lies, dutch, date="2025-03-01", rows=register(2025), name="export-handelspanden-2025.xlsx")
    expect(lies.get_by_role("heading", level=1)).to_have_text(dutch("Which branches do you mean?"))
    check(lies, assert_accessible, "07-branch-names", phone=True)
    nachtwinkel = lies.get_by_role("group", name=re.compile("^“Nachtwinkel”"))
    nachtwinkel.get_by_label(re.compile("Nachtwinkel")).select_option("new")
    lies.get_by_role("button", name=dutch("Save the choices and check again")).click()
    expect(lies.get_by_role("heading", level=1)).to_have_text(dutch("Check and import"))
    check(lies, assert_accessible, "08-check")
    lies.get_by_role("button", name=dutch("Import"), exact=True).click()
    expect(lies.locator(".messages")).to_contain_text("40 panden: 40 nieuw, 0 herkend")

    # 6. The next year's count: her earlier choices apply by themselves, and the units are recognised.
    lies.goto(f"/monitor/tongeren-borgloon/{area.kern.slug}/{area.slug}/importeren/")
    upload(lies, dutch, date="2026-03-01", rows=register(2026), name="export-handelspanden-2026.xlsx")
    expect(lies.get_by_role("heading", level=1)).to_have_text(dutch("Check and import"))
    expect(lies.get_by_text(re.compile(r"namen herkend uit je eerdere keuzes"))).to_be_visible()
    lies.get_by_role("button", name=dutch("Import"), exact=True).click()
    expect(lies.locator(".messages")).to_contain_text("40 panden: 0 nieuw, 40 herkend, 3 gewijzigd")
    check(lies, assert_accessible, "09-dashboard-private", phone=True)

    # 7. Publishing asks first and says what becomes public.
    lies.get_by_role("link", name=dutch("Make public")).click()
    check(lies, assert_accessible, "10-publish-confirm")
    lies.get_by_role("button", name=dutch("Yes, make it public")).click()
    expect(lies.locator(".messages")).to_contain_text("Het dashboard van Winkelhart is nu openbaar.")
    context.close()

    # 8. A visitor: the municipality's page shows the dashboard; its weak vacancy leads to cases for towns its size.
    page.goto("/account/uitloggen/")
    page.context.clear_cookies()
    page.goto("/plaatsen/tongeren-borgloon/")
    dashboards = page.locator("#monitor-dashboards")
    expect(dashboards.get_by_role("link", name="Winkelhart")).to_be_visible()
    check(page, assert_accessible, "11-place-page", phone=True)
    dashboards.get_by_role("link", name="Winkelhart").click()
    weak = page.locator('[data-weak="vacancy_rate"]')
    expect(weak).to_contain_text("Zwakker dan het landelijke niveau")  # no similar public area yet to compare with
    expect(page.get_by_role("main")).to_contain_text("15,0 %")
    check(page, assert_accessible, "12-dashboard-public", phone=True)
    weak.get_by_role("link", name=re.compile(r"^Voorbeelden over leegstand in kernen zoals deze \(2\)$")).click()
    cards = page.locator(".results .case-card-title")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text(re.compile("Eigenaarstafel|Pop-ups", re.I))
    check(page, assert_accessible, "13-vitrine-cases", phone=True)
