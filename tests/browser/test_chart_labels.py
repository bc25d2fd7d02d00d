"""The Kernmonitor's chart labels are legible on a phone and on a desktop. Before, every chart was drawn 640 (or
1100) units wide and scaled into its box: in a 360 px column of the chart grid, or on a 390 px phone, the 12 px
axis labels of the weekday and hour profiles were shown about 7 px high, and the daily footfall's dates 4 px."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.browser

DASHBOARD = "/monitor/bremhout/centrum/kernwinkelgebied/"  # the demo area with a year of footfall

# Per visible chart: its labels' boxes as drawn (in CSS px).
LABELS = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({
    title: svg.querySelector('title').textContent,
    ticks: [...svg.querySelectorAll('text.tick, text.legend')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height};
    }),
  }))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_label_is_at_least_12_px_high_and_none_overlap(browser, live_server, browser_db, width):
    from kernkompas.site.demo import load_demo_data

    load_demo_data()
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(DASHBOARD)
    charts = page.evaluate(LABELS)
    titles = [chart["title"] for chart in charts]
    assert "Gemiddeld aantal passanten per weekdag" in titles and "Gemiddeld aantal passanten per uur" in titles, titles
    for chart in charts:
        small = [t["text"] for t in chart["ticks"] if t["height"] < 12]
        assert not small, f"{chart['title']} at {width} px: labels drawn under 12 px high: {small}"
        for a, b in itertools.combinations(chart["ticks"], 2):
            apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
            assert apart or b["bottom"] <= a["top"], f"{chart['title']}: {a['text']!r} overlaps {b['text']!r}"
    weekday = next(c for c in charts if c["title"] == "Gemiddeld aantal passanten per weekdag")
    assert [t["text"] for t in weekday["ticks"]][-7:] == ["ma", "di", "wo", "do", "vr", "za", "zo"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    context.close()
