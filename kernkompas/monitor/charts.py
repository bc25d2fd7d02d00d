"""Charts drawn on the server as inline SVG: no chart library, no CDN, readable without JavaScript.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` (what it shows, in words) and the page puts
the same numbers in a table in a ``<details>`` next to it. A value that is missing (``None``) is a gap in a line,
never a zero and never interpolated.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44
# The width of a chart in a column of the dashboards' chart grid (about 22rem on a desktop, the whole width of a
# phone). An SVG scales with its box, its text too: a chart drawn 640 wide in a 360 px column showed its 12 px
# labels at 6.5 px. Drawn at the width it is shown, its labels keep their size in CSS px.
NARROW = 360
LEGEND_ROW = 18  # px between two rows of a line chart's legend


@dataclass
class Series:
    name: str
    colour: str
    values: list[float | None]
    dash: str = ""  # a dash pattern, so two lines differ by more than colour


def _tag(template: str, *args) -> SafeString:
    """Fill an SVG snippet: numbers rounded to a tenth, everything else escaped."""
    values = []
    for arg in args:
        if isinstance(arg, bool) or isinstance(arg, int):
            values.append(str(arg))
        elif isinstance(arg, float):
            values.append(f"{arg:.1f}")
        else:
            values.append(escape(str(arg)))
    return mark_safe(template.format(*values))  # noqa: S308 — a fixed template; every value escaped or a number


def _nice_max(value: float) -> float:
    """A round upper bound for the y axis (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 0.1
    while magnitude * 10 < value:
        magnitude *= 10
    while magnitude > value * 10:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _frame(
    title: str, desc: str, body: list[str], *, height: int = HEIGHT, width: int = WIDTH, css_class: str = ""
) -> SafeString:
    # The ids of the title and description follow from what the chart shows, so a chart made once (and cached)
    # keeps ids that differ from every other chart on a page.
    digest = hashlib.blake2b("\0".join([str(title), str(desc), *body]).encode(), digest_size=6).hexdigest()
    title_id, desc_id = f"chart-title-{digest}", f"chart-desc-{digest}"
    head = _tag(
        '<svg class="chart{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>',
        f" {css_class}" if css_class else "",
        width,
        height,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 — every part made by _tag


def _y_axis(top_value: float, fmt, *, height: int = HEIGHT, width: int = WIDTH) -> list[str]:
    parts = []
    plot_h = height - TOP - BOTTOM
    for i in range(5):
        value = top_value * i / 4
        y = height - BOTTOM - plot_h * i / 4
        parts.append(
            _tag(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                width - RIGHT,
                y,
                y,
                LEFT - 6,
                y + 4,
                fmt(value),
            )
        )
    return parts


TICK_CHAR_WIDTH = 6.5  # px per character of a tick label, a little over the real width at the tick's font size


TICK_GAP = 8  # px at least between two tick labels


def _x_labels(
    labels: list[str], xs: list[float], *, height: int = HEIGHT, every: int = 1, width: int = WIDTH
) -> list[str]:
    """Every ``every``-th label under its point: centred, or against the chart's edge where centring would run it
    off the chart; a label that would then touch the one before it is left out (the table has every value)."""
    parts, right = [], float("-inf")
    for i, (label, x) in enumerate(zip(labels, xs, strict=True)):
        if i % every:
            continue
        size = len(label) * TICK_CHAR_WIDTH
        anchor, left = "middle", x - size / 2
        if x + size / 2 > width:
            anchor, left = "end", x - size
        elif left < 0:
            anchor, left = "start", x
        if left < right + TICK_GAP:
            continue
        right = left + size
        parts.append(
            _tag('<text class="tick" x="{}" y="{}" text-anchor="{}">{}</text>', x, height - BOTTOM + 21, anchor, label)
        )
    return parts


def line_chart(
    labels: list[str],
    series: list[Series],
    *,
    title: str,
    desc: str,
    fmt=str,
    markers=True,
    width: int = WIDTH,
    css_class: str = "",
) -> SafeString:
    """Lines over ``labels``; a None breaks the line (a gap stays a gap)."""
    values = [v for s in series for v in s.values if v is not None]
    top = _nice_max(max(values) if values else 0)
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(labels)
    xs = [LEFT + (plot_w * (i + 0.5) / n if n else 0) for i in range(n)]

    def y_of(v):
        return HEIGHT - BOTTOM - plot_h * v / top

    body = _y_axis(top, fmt, width=width)
    every = max(1, n // (width // 110))
    body += _x_labels(labels, xs, every=every, width=width)
    for s in series:
        segments, current = [], []
        for x, v in zip(xs, s.values, strict=True):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((x, y_of(v)))
        if current:
            segments.append(current)
        for segment in segments:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            body.append(
                _tag(
                    '<polyline class="line" points="{}" stroke="{}" stroke-dasharray="{}" fill="none"/>',
                    points,
                    s.colour,
                    s.dash or "none",
                )
            )
            if markers and n <= 40:
                body += [_tag('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', x, y, s.colour) for x, y in segment]
    legend, legend_rows = _legend(series, width)
    body.append(legend)
    return _frame(title, desc, body, width=width, height=HEIGHT + LEGEND_ROW * (legend_rows - 1), css_class=css_class)


def bar_chart(
    labels: list[str],
    values: list[float | None],
    *,
    title: str,
    desc: str,
    colour: str,
    fmt=str,
    width: int = WIDTH,
) -> SafeString:
    """One bar per label; a missing value draws no bar. As many labels as fit without touching (every second
    hour in a narrow chart of 24 hours); the table has every value."""
    present = [v for v in values if v is not None]
    top = _nice_max(max(present) if present else 0)
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)
    slot = plot_w / n
    xs = [LEFT + slot * (i + 0.5) for i in range(len(labels))]
    body = _y_axis(top, fmt, width=width)
    widest = max((len(label) for label in labels), default=1) * TICK_CHAR_WIDTH + TICK_GAP
    body += _x_labels(labels, xs, every=max(1, math.ceil(widest / slot)), width=width)
    for x, v in zip(xs, values, strict=True):
        if v is None:
            continue
        h = plot_h * v / top
        body.append(
            _tag(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                x - slot * 0.35,
                HEIGHT - BOTTOM - h,
                slot * 0.7,
                h,
                colour,
            )
        )
    return _frame(title, desc, body, width=width)


def stacked_bars(
    rows: list[tuple[str, list[tuple[str, str, float]]]], *, title: str, desc: str, width: int = WIDTH
) -> SafeString:
    """Horizontal 100% bars, one per row, split into coloured parts (name, colour, value); legend below, three
    names to a row (two in a narrow chart, from its left edge, so that a long group name fits)."""
    bar_h, gap, label_w = 26, 12, 90
    legend_items = []
    for _label, parts in rows:
        for name, colour, _value in parts:
            if (name, colour) not in legend_items:
                legend_items.append((name, colour))
    columns = 3 if width >= WIDTH else 2
    legend_rows = (len(legend_items) + columns - 1) // columns
    height = TOP + len(rows) * (bar_h + gap) + 12 + legend_rows * 20 + 8
    plot_w = width - label_w - RIGHT
    body = []
    for i, (label, parts) in enumerate(rows):
        y = TOP + i * (bar_h + gap)
        body.append(
            _tag('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', label_w - 8, y + bar_h / 2 + 4, label)
        )
        body += _bar_parts(parts, label_w, y, plot_w, bar_h)
    legend_left = label_w if columns == 3 else 4
    body += _bars_legend(
        legend_items, legend_left, TOP + len(rows) * (bar_h + gap) + 12, width - legend_left - RIGHT, columns
    )
    return _frame(title, desc, body, height=height, width=width)


def _bar_parts(parts: list[tuple[str, str, float]], x: float, y: float, plot_w: float, bar_h: int) -> list[str]:
    """The coloured parts of one 100% bar from ``x``, each with its name and value as a tooltip."""
    total = sum(v for _n, _c, v in parts) or 1
    drawn = []
    for name, colour, value in parts:
        w = plot_w * value / total
        if w <= 0:
            continue
        drawn.append(
            _tag(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff" stroke-width="1">'
                "<title>{}: {}</title></rect>",
                x,
                y,
                w,
                bar_h,
                colour,
                name,
                value,
            )
        )
        x += w
    return drawn


def _bars_legend(items: list[tuple[str, str]], left: float, top: float, plot_w: float, columns: int = 3) -> list[str]:
    """The legend under stacked bars: a square in each colour and its name, ``columns`` to a row."""
    drawn = []
    for i, (name, colour) in enumerate(items):
        col, row = i % columns, i // columns
        x, y = left + col * plot_w / columns, top + row * 20
        drawn.append(
            _tag(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text class="legend" x="{}" y="{}">{}</text>',
                x,
                y,
                colour,
                x + 17,
                y + 11,
                name,
            )
        )
    return drawn


def table_body(rows) -> SafeString:
    """The rows of a chart's table alternative as ``<tr>``s (first cell a row header), built here rather than in a
    template loop: a year of daily footfall is 365 rows, and the page should not spend its time on them. Every
    cell is escaped, also one that says it is safe (a number from ``floatformat``): a cell is text, never markup."""
    return format_html_join("", '<tr><th scope="row">{}</th>{}</tr>', (_table_row(row) for row in rows))


def _table_row(row) -> tuple[SafeString, SafeString]:
    cells = iter(row)
    head = escape(next(cells, ""))
    return head, format_html_join("", "<td>{}</td>", ((escape(cell),) for cell in cells))


def _legend(series: list[Series], width: int = WIDTH) -> tuple[str, int]:
    """The legend of a line chart with more than one line, and how many rows it takes: a name that would run past
    the chart's edge starts a new row."""
    if len(series) <= 1:
        return "", 1
    parts = []
    x, row = LEFT, 0
    for s in series:
        needed = 28 + TICK_CHAR_WIDTH * 1.1 * len(str(s.name))
        if x > LEFT and x + needed > width:
            x, row = LEFT, row + 1
        y = HEIGHT - 10 + LEGEND_ROW * row
        parts.append(
            _tag(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>'
                '<text class="legend" x="{}" y="{}">{}</text>',
                x,
                x + 22,
                y,
                y,
                s.colour,
                s.dash or "none",
                x + 28,
                y + 4,
                s.name,
            )
        )
        x += needed + 12
    return mark_safe("".join(parts)), row + 1  # noqa: S308 — every part made by _tag


__all__ = ["NARROW", "Series", "bar_chart", "escape", "line_chart", "stacked_bars"]
