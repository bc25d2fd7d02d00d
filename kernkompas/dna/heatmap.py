"""The similarity matrix of a region as a heat map: inline SVG drawn on the server (no chart library, no script),
in the style of :mod:`kernkompas.monitor.charts`: ``role="img"`` with a ``<title>`` and ``<desc>``, every text
escaped, and the page puts the same numbers in a table beside it.

The scale is diverging and colour-blind safe: ColorBrewer's PuOr in nine steps, purple for profiles that differ
(−1), white for unrelated (0), orange for alike (1). Each cell also carries its number in a tooltip (``<title>``)
and, when the cells are large enough, as text in a colour that keeps its contrast on that cell. The map is drawn
at its real size (text stays readable) and the page scrolls it sideways on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from django.utils.safestring import SafeString

from kernkompas.dna.charts import frame, tag

# PuOr (ColorBrewer, colour-blind safe), from −1 to 1.
COLOURS = ("#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806")
# The two ends are dark: their numbers are white; the others black (contrast at least 4.5:1 on every step).
LIGHT_TEXT = {COLOURS[0], COLOURS[-1]}
MAX_CELL, MIN_CELL = 44, 6
PLOT = 560  # px the cells take together at most before they shrink to MIN_CELL
FONT = 12
CHAR_WIDTH = 7.8  # px per character of a 12 px label, a little over the real width (DejaVu Sans: ~7.2)
MAX_LABEL_CHARS = 28
NUMBERS_FROM = 34  # a cell at least this wide shows its number
TOOLTIPS_UP_TO = 80  # cores; above it the cells carry no tooltip (the table has every number)
LEGEND_HEIGHT = 58


def colour(value: float) -> str:
    """The step of the scale for a similarity from −1 to 1 (an unknown value is the middle)."""
    if value is None or math.isnan(value):
        return COLOURS[len(COLOURS) // 2]
    step = int((min(1.0, max(-1.0, value)) + 1) / 2 * len(COLOURS))
    return COLOURS[min(step, len(COLOURS) - 1)]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def heatmap(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float]],
    *,
    title: str,
    desc: str,
    low_label: str,
    high_label: str,
    fmt: Callable[[float], str],
) -> SafeString:
    """An n × n heat map of ``matrix`` (values from −1 to 1) with ``labels`` on both axes and a legend."""
    n = len(labels)
    cell = max(MIN_CELL, min(MAX_CELL, PLOT // max(n, 1)))
    show_labels = cell >= 10
    font = FONT if cell >= 14 else max(8, cell - 2)
    label_width = (
        (max((len(_short(x)) for x in labels), default=0) * CHAR_WIDTH * font / FONT + 10) if show_labels else 4
    )
    # Column labels run up at 45°: their height is their length times sin 45°.
    top = (label_width * 0.71 + 8) if show_labels else 4
    # The last column's label runs up and to the right of the cells by its length times cos 45°.
    overhang = (label_width * 0.71 - cell / 2) if show_labels else 0
    width = max(label_width + n * cell + max(overhang, 0) + 16, 300)
    height = top + n * cell + LEGEND_HEIGHT
    body = []
    for row, row_label in enumerate(labels):
        y = top + row * cell
        if show_labels:
            body.append(
                tag(
                    '<text class="heatmap-label" x="{}" y="{}" text-anchor="end" font-size="{}">{}</text>',
                    label_width - 6,
                    y + cell / 2 + font * 0.35,
                    font,
                    _short(row_label),
                )
            )
        if n <= TOOLTIPS_UP_TO:
            for column, value in enumerate(matrix[row]):
                body.append(_cell(label_width + column * cell, y, cell, value, labels, row, column, n, fmt))
    if n > TOOLTIPS_UP_TO:
        body.append(_cells_by_colour(matrix, label_width, top, cell))
    if show_labels:
        for column, column_label in enumerate(labels):
            x = label_width + column * cell + cell / 2 + font * 0.35
            body.append(
                tag(
                    '<text class="heatmap-label" x="{}" y="{}" transform="rotate(-45 {} {})" font-size="{}">{}</text>',
                    x,
                    top - 6,
                    x,
                    top - 6,
                    font,
                    _short(column_label),
                )
            )
    body.append(_legend(label_width, top + n * cell + 14, low_label, high_label, fmt))
    return frame(title, desc, body, width=width, height=height, css_class="heatmap", fixed_size=True)


def _cells_by_colour(matrix, left: float, top: float, size: int) -> str:
    """Many small cells without tooltips: one path per step of the scale (a 300 × 300 map stays ~2 MB, not 9)."""
    values = np.nan_to_num(np.asarray(matrix, dtype=float), nan=0.0)
    steps = np.minimum(((np.clip(values, -1.0, 1.0) + 1) / 2 * len(COLOURS)).astype(int), len(COLOURS) - 1)
    parts = []
    for step, fill in enumerate(COLOURS):
        rows, columns = np.nonzero(steps == step)
        if not rows.size:
            continue
        xs, ys = left + columns * size, top + rows * size
        d = "".join(f"M{x:.1f} {y:.1f}h{size}v{size}h-{size}z" for x, y in zip(xs, ys, strict=True))
        parts.append(tag('<path fill="{}" d="{}"/>', fill, d))
    return "".join(parts)


def _cell(x: float, y: float, size: int, value: float, labels, row: int, column: int, n: int, fmt) -> str:
    fill = colour(value)
    tip = ""
    if n <= TOOLTIPS_UP_TO:
        tip = tag("<title>{} – {}: {}</title>", labels[row], labels[column], fmt(value))
    rect = (
        tag(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="1">',
            x,
            y,
            size,
            size,
            fill,
        )
        + tip
        + "</rect>"
    )
    if size < NUMBERS_FROM:
        return rect
    ink = "#ffffff" if fill in LIGHT_TEXT else "#000000"
    text = tag(
        '<text class="heatmap-value" x="{}" y="{}" text-anchor="middle" fill="{}" aria-hidden="true">{}</text>',
        x + size / 2,
        y + size / 2 + 4,
        ink,
        fmt(value),
    )
    return rect + text


def _legend(x: float, y: float, low_label: str, high_label: str, fmt) -> str:
    step = 24
    parts = [
        tag(
            '<rect x="{}" y="{}" width="{}" height="14" fill="{}" stroke="#6b6b6b" stroke-width="0.5"/>',
            x + i * step,
            y,
            step,
            c,
        )
        for i, c in enumerate(COLOURS)
    ]
    end = x + step * len(COLOURS)
    parts += [
        tag(
            '<text class="heatmap-tick" x="{}" y="{}" text-anchor="start">{}</text>',
            x,
            y + 28,
            fmt(-1.0),
        ),
        tag(
            '<text class="heatmap-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
            (x + end) / 2,
            y + 28,
            fmt(0.0),
        ),
        tag(
            '<text class="heatmap-tick" x="{}" y="{}" text-anchor="end">{}</text>',
            end,
            y + 28,
            fmt(1.0),
        ),
        tag(
            '<text class="heatmap-tick" x="{}" y="{}" text-anchor="start">{}</text>',
            x,
            y + 42,
            low_label,
        ),
        tag(
            '<text class="heatmap-tick" x="{}" y="{}" text-anchor="end">{}</text>',
            end,
            y + 42,
            high_label,
        ),
    ]
    return "".join(parts)
