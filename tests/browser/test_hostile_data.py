"""Hostile text in the data never becomes markup or script, on any page that shows it (issue 9, finding 1).

Ellen, economy officer of Maasdijk, renames her municipality, its core and the Marktplein in the back office and adds
a branch of her own, each name carrying script and markup; she imports a unit register (through the real
``import-units`` command) whose addresses, occupants and owners carry the same; an editor publishes a case with it.
Then a visitor and Ellen open every page they can reach by following links (so a new page is covered the day it is
linked), hover and click every map marker so that tooltips and popups open, and the back office lists every
registered snippet. The test fails if any payload ran (``window.__xss``), if any element of a payload exists in
the DOM, or if the browser reported a Content-Security-Policy violation (``tests/browser/conftest.py``). Feeds and
downloads are fetched as text: they must never be served as a page a browser would render.
"""

from __future__ import annotations

import csv
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RUNS = "window.__xss=1"
PAYLOADS = [
    f'<img src=x onerror="{RUNS}">',
    f"<script>{RUNS}</script>",
    f'"><svg onload={RUNS}>',
    f"javascript:{RUNS}",
    "{{7*7}}",
    '<b class="kk-injected">vet</b>',
]
IMG, SCRIPT, SVG, JS_URL, TEMPLATE, BOLD = PAYLOADS

# Anything of a payload that made it into the DOM as markup, and any script that would have run.
FIND_INJECTED = """() => {
  const found = [];
  const selector = '[onerror], [onload], img[src="x"], .kk-injected, a[href^="javascript:" i], [src^="javascript:" i]';
  document.querySelectorAll(selector).forEach((node) => found.push(node.outerHTML.slice(0, 160)));
  document.querySelectorAll("script").forEach((node) => {
    const type = (node.type || "").toLowerCase();
    const data = type === "application/json" || type === "application/ld+json";
    if (!data && node.textContent.includes("__xss")) found.push(node.outerHTML.slice(0, 160));
  });
  return { ran: window.__xss === 1, found: found };
}"""
MAX_PAGES = 60
MAX_MARKERS = 40  # per page; the register has ten units and the outlines


def hostile_register(path) -> None:
    """Ten units of the Marktplein as a municipality's export: every text column carries a payload somewhere."""
    header = [
        "Pandnr", "Straat", "Huisnummer", "Postcode", "Plaats", "Branchegroep", "Branche", "Naam zaak",
        "Oppervlakte", "Latitude", "Longitude", "Eigenaar", "Organisatie eigenaar",
    ]  # fmt: skip
    rows = []
    for n, payload in enumerate(PAYLOADS * 2, start=1):
        vacant = n % 3 == 0
        rows.append(
            [
                f"H{n}",
                f"Markt {payload}",
                str(n),
                "9999",
                "Maasdijk",
                "leegstand" if vacant else "dagelijks",
                "" if vacant else "eigen-branche",
                "" if vacant else f"Zaak {PAYLOADS[(n + 1) % len(PAYLOADS)]}",
                "80",
                f"{51.14 + n * 0.0002:.4f}",
                f"{5.36 + n * 0.0002:.4f}",
                f"Eigenaar {PAYLOADS[(n + 2) % len(PAYLOADS)]}",
                f"Bv {PAYLOADS[(n + 3) % len(PAYLOADS)]}",
            ]
        )
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def cast(browser_db):
    from kernkompas.testing import make_cast

    return make_cast()


def log_in(page, dutch, username: str) -> None:
    from kernkompas.testing import PASSWORD

    page.goto(reverse("accounts:login"))
    page.get_by_label(dutch("E-mail address or user name")).fill(username)
    page.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page.get_by_role("button", name=dutch("Log out"))).to_be_visible()


def edit_in_back_office(page, dutch, url: str, field: str, value: str) -> None:
    page.goto(url)
    page.locator(f"#id_{field}").fill(value)
    page.locator("footer").get_by_role("button", name=dutch("Save")).first.click()
    expect(page.locator(".messages")).to_be_visible()
    assert_clean(page, f"the back-office form {url}")


def assert_clean(page, where: str) -> None:
    result = page.evaluate(FIND_INJECTED)
    assert not result["ran"], f"a payload ran on {where}"
    assert not result["found"], f"markup from the data was rendered on {where}: {result['found']}"


def open_map_texts(page, where: str) -> int:
    """Hover and click every marker and shape of every map on the page, checking after each one."""
    markers = page.locator(".leaflet-interactive")
    count = min(markers.count(), MAX_MARKERS)
    for i in range(count):
        marker = markers.nth(i)
        marker.dispatch_event("mouseover")  # opens the tooltip
        marker.dispatch_event("click")  # opens the popup
        assert_clean(page, f"{where} after opening the tooltip and popup of map shape {i + 1}")
    return count


def visit_all(page, starts: list[str], *, within: tuple[str, ...], skip: tuple[str, ...] = ()) -> dict:
    """Follow links from ``starts`` (paths under ``within``) breadth-first; check every page, open every map.

    Returns what was seen: the pages, the downloads and feeds found on them (not opened as pages), the markers
    opened and the texts of the tooltips and popups."""
    seen = {"pages": [], "files": set(), "markers": 0, "map_texts": []}
    queue = list(starts)
    while queue and len(seen["pages"]) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen["pages"]:
            continue
        seen["pages"].append(path)
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        page.wait_for_load_state("load")
        assert_clean(page, path)
        seen["markers"] += open_map_texts(page, path)
        seen["map_texts"] += page.locator(".leaflet-tooltip, .leaflet-popup-content").all_text_contents()
        for href in page.eval_on_selector_all("a[href]", "links => links.map((a) => a.getAttribute('href'))"):
            parts = urlsplit(urljoin(page.url, href))
            if parts.netloc != urlsplit(page.url).netloc or parts.query:
                continue
            link = parts.path
            if "/download/" in link or link.endswith(("/feed/", ".ics")):
                seen["files"].add(link)
            elif link.startswith(within) and not link.startswith(skip) and link not in seen["pages"] + queue:
                queue.append(link)
    return seen


def assert_served_as_data(page, path: str) -> None:
    """A download or feed: fetched as a file, never a page that a browser renders as HTML."""
    response = page.request.get(path)
    assert response.status == 200, f"{path} answered {response.status}"
    kind = response.headers["content-type"]
    assert "text/html" not in kind, f"{path} is served as HTML ({kind})"
    assert response.headers.get("x-content-type-options") == "nosniff", f"{path} may be sniffed as HTML"
    body = response.body()
    if kind.startswith(
        ("text/csv", "application/geo+json", "application/json", "application/atom+xml", "text/calendar")
    ):
        text = body.decode("utf-8-sig")
        for raw in (IMG, SCRIPT, SVG):
            # CSV and JSON keep the text as it was (the file is data); XML must escape it.
            if "xml" in kind:
                assert raw not in text, f"{path} carries unescaped markup: {raw}"


def test_script_and_markup_in_the_data_never_run_or_render_on_any_page(page, live_server, cast, dutch, tmp_path):
    from kernkompas.monitor.actions.visibility import set_area_public
    from kernkompas.monitor.models import Branch, FunctionGroup
    from kernkompas.vitrine.tests.list_cases import make_case

    maasdijk, centrum, markt = cast.maasdijk, cast.centrum, cast.markt
    # Ellen names her places and a branch of her own in the back office.
    log_in(page, dutch, "ellen")
    edit_in_back_office(
        page, dutch, reverse("wagtailsnippets_places_gemeente:edit", args=[maasdijk.pk]), "name_nl", f"Maasdijk {IMG}"
    )
    edit_in_back_office(
        page, dutch, reverse("wagtailsnippets_places_kern:edit", args=[centrum.pk]), "name", f"Centrum {SVG}"
    )
    edit_in_back_office(
        page, dutch, reverse("wagtailsnippets_places_gebied:edit", args=[markt.pk]), "name", f"Markt {SCRIPT}"
    )
    Branch.objects.create(
        group=FunctionGroup.objects.get(code="dagelijks", gemeente=None),
        code="eigen-branche",
        name=f"Eigen {BOLD} {TEMPLATE}",
        gemeente=maasdijk,
    )
    # Her register, through the real import (reader, mapping, checks, operation).
    register = tmp_path / "panden-markt.csv"
    hostile_register(register)
    call_command("import_units", str(register), area=str(markt.pk), date="2025-10-01", no_progress=True)
    # The renames gave the places new addresses (the old ones redirect): read them again.
    for place in (maasdijk, centrum, markt):
        place.refresh_from_db()
    set_area_public(markt, True, by=cast.ellen)
    # An editor's case that names the place the same way.
    make_case(
        "hostile", f"Een case {IMG}", ["samenwerking"], ["lokale-besturen"], "10k-25k", "dorpskern", "BE", "lt10k",
        summary=f"Samenvatting {SCRIPT} {SVG}", place_name=f"Maasdijk {BOLD}",
        # Rich text is HTML that the editor (Draftail) or a visitor's submission (escaped) wrote: not a payload.
        concept="<p>Het concept.</p>", approach="<p>De aanpak.</p>",
    )  # fmt: skip

    area_dashboard = reverse("monitor:gebied", args=[maasdijk.slug, centrum.slug, markt.slug])
    core_dashboard = reverse("monitor:kern", args=[maasdijk.slug, centrum.slug])
    register_page = reverse("monitor:register", args=[maasdijk.slug, centrum.slug, markt.slug])
    place_pages = [maasdijk.get_absolute_url(), centrum.get_absolute_url()]
    public = ("/monitor/", "/plaatsen/", "/vitrine/")

    # Ellen sees the staff pages (the register with owners, thresholds) and the back office lists.
    staff = visit_all(page, [area_dashboard, register_page], within=public)
    assert register_page in staff["pages"]
    page.goto(register_page)
    page_text = page.locator("main").inner_text()
    for payload in PAYLOADS:
        assert payload in page_text, f"the register shows {payload!r} as text"
    visit_all(page, back_office_lists(), within=())  # each listing, not the links on it

    # A visitor follows the links from the home page.
    page.context.clear_cookies()
    visitor = visit_all(
        page, ["/", *place_pages, area_dashboard], within=("/",), skip=("/account/", "/en/", "/beheer/", "/api/")
    )
    for path in [area_dashboard, core_dashboard, *place_pages, "/vitrine/"]:
        assert path in visitor["pages"], f"no link led to {path}: visited {visitor['pages']}"
    assert any("/hostile/" in path for path in visitor["pages"]), "the case page was not reached"
    # The maps were drawn and their names were shown, as text.
    assert visitor["markers"] >= 10
    shown = " ".join(visitor["map_texts"] + staff["map_texts"])
    assert IMG in shown and SCRIPT in shown, "the tooltips and popups show the names as text"

    files = staff["files"] | visitor["files"]
    assert any(path.endswith(".csv") for path in files) and any(path.endswith(".xlsx") for path in files)
    assert any(path.endswith("/feed/") for path in files)
    for path in sorted(files):
        assert_served_as_data(page, path)


def back_office_lists() -> list[str]:
    """The listing of every registered snippet: a new app's snippets are listed here without a change."""
    from wagtail.snippets.models import get_snippet_models

    return [reverse(model.snippet_viewset.get_url_name("list")) for model in get_snippet_models()]


def test_the_payloads_are_recognised_when_they_do_render(page, live_server, browser_db):
    """The checks above would see each payload if a page rendered it as markup (so a pass means something)."""
    page.route(
        re.compile(r".*/rendered-on-purpose/$"),
        lambda route: route.fulfill(content_type="text/html", body="<!DOCTYPE html><body>" + "".join(PAYLOADS)),
    )
    page.goto("/rendered-on-purpose/")
    result = page.evaluate(FIND_INJECTED)
    assert result["ran"]
    assert len(result["found"]) >= 3
