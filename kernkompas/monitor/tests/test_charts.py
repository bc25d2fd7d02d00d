"""The server-drawn charts: labels stay on the chart, gaps stay gaps, everything escaped."""

import datetime
import itertools
import re

from kernkompas.monitor import charts


def _ticks(svg: str) -> list[tuple[float, str, str]]:
    found = re.findall(r'<text class="tick" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)</text>', svg)
    return [(float(x), anchor, label) for x, anchor, label in found]


def test_date_labels_at_the_edges_are_anchored_inside_the_chart():
    labels = [f"{day:02d}-08-2024" for day in range(1, 32)]  # 31 days: the first, the 16th and the last get a label
    svg = str(
        charts.line_chart(labels, [charts.Series("Passanten", "#000", list(range(31)))], title="t", desc="d", width=300)
    )
    x_ticks = [t for t in _ticks(svg) if t[2].endswith("-2024")]
    assert [label for _x, _a, label in x_ticks] == ["01-08-2024", "16-08-2024", "31-08-2024"]
    for x, anchor, label in x_ticks:
        half = len(label) * charts.TICK_CHAR_WIDTH / 2
        left = {"start": x, "middle": x - half, "end": x - 2 * half}[anchor]
        assert 0 <= left and left + 2 * half <= 300, (x, anchor, label)
    assert {anchor for _x, anchor, _l in x_ticks} >= {"middle"}


def test_a_gap_breaks_the_line_and_labels_are_escaped():
    svg = str(
        charts.line_chart(
            ["a", "b", "c", "d"],
            [charts.Series("<script>", "#000", [1, None, 3, 4])],
            title="t",
            desc="d",
        )
    )
    assert "<script>" not in svg
    assert svg.count("<polyline") == 2  # a: one segment, c–d: the other; b is the gap


def test_a_label_that_would_touch_the_one_before_is_left_out():
    # 365 days at the default width: every 36th day gets a label, the last one ends up against the edge.
    start = datetime.date(2023, 10, 1)
    labels = [(start + datetime.timedelta(days=d)).strftime("%d-%m-%Y") for d in range(365)]
    svg = str(charts.line_chart(labels, [charts.Series("Passanten", "#000", [1] * 365)], title="t", desc="d"))
    spans = []
    for x, anchor, label in [t for t in _ticks(svg) if t[2].endswith(("-2023", "-2024"))]:
        size = len(label) * charts.TICK_CHAR_WIDTH
        left = {"start": x, "middle": x - size / 2, "end": x - size}[anchor]
        spans.append((left, left + size))
    assert len(spans) >= 5
    assert all(later[0] >= earlier[1] + charts.TICK_GAP for earlier, later in itertools.pairwise(spans))
    assert spans[-1][1] <= charts.WIDTH
