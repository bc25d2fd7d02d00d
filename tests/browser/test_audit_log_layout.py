"""The audit log in the back office stays within the window, on a phone and on a desktop, whatever an event holds.

An event's object name and details come from data: a pasted web address or a long word without spaces (up to
300 characters in the object name, any length in the details) pushed the page sideways, so that the officer had
to scroll horizontally to read every other row. The stylesheet breaks such words instead.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

AUDIT_LOG = "/beheer/auditlog/"
SHOTS = "/tmp/kk-misc-audit-{}.png"
LONG_WORD = "https://example.org/" + "a" * 400  # one unbroken value of 420 characters


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


# Wagtail's layout clips its content column, so a too-wide table does not widen the document: it scrolls the
# column sideways instead (which is what the officer saw). So also: every element that is wider inside than it
# shows, and anything of the log that ends right of the window.
WIDER_INSIDE = """() => {
  const found = [];
  for (const el of document.querySelectorAll("main, main *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || el.clientWidth <= 1) continue;  // sr-only
    if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "visible") {
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} in ${el.clientWidth}`);
    }
  }
  const table = document.querySelector("table.listing").getBoundingClientRect();
  if (table.right > window.innerWidth + 1 || table.left < -1) {
    found.push(`the table runs from ${table.left} to ${table.right} in a ${window.innerWidth} px window`);
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_unbroken_value_does_not_widen_the_audit_log(demo_region, page, dutch, width):
    from kernkompas.core.audit import record

    record(
        None,
        "vitrine.case_changed",
        label="Voorbeeld " + "b" * 290,
        changes={"website": LONG_WORD, "note": "c" * 400},
    )
    log_in(page, dutch, "anton")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(AUDIT_LOG)
    row = page.get_by_role("row").filter(has_text="vitrine.case_changed")
    expect(row).to_have_count(1)
    row.get_by_text(dutch("Show"), exact=True).click()
    expect(row.get_by_text(LONG_WORD[:40], exact=False)).to_be_visible()

    page.screenshot(path=SHOTS.format(width), full_page=True)
    assert overflow(page) <= 1, f"the audit log is {overflow(page)} px wider than a {width} px window"
    assert page.evaluate(WIDER_INSIDE) == []


FIELDS_OVERLAP = """() => {
  const boxes = [...document.querySelectorAll('.audit-filters select, .audit-filters input')]
    .map((el) => el.getBoundingClientRect());
  return boxes.some((a, i) => boxes.some((b, j) => i < j && a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1));
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_fields_keep_to_their_column_with_long_action_names(demo_region, page, dutch, width):
    from kernkompas.core.audit import record

    record(None, "vitrine.search_alerts_changed")  # the longest name in the action list
    log_in(page, dutch, "anton")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(AUDIT_LOG)
    assert not page.evaluate(FIELDS_OVERLAP), "a filter field lies over another"
