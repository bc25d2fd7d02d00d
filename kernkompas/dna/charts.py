"""The Kern-DNA's charts, drawn on the server as inline SVG (no chart library, no script), in the style of the
Kernmonitor's charts: an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` saying what it shows, every text
escaped, and the page puts the same numbers in a table next to it.

Colours are colour-blind safe (Okabe–Ito): the core in blue ``#0072B2``, the peers' reference in orange
``#D55E00`` and dashed, so the two differ by more than colour.

:func:`radar` is generic: axes with values from 0 to 100 (the analysis draws the mean percentile of each
dimension against the peers' 50; the survey draws the Place Standard themes on it).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kernkompas.dna import vocabulary
from kernkompas.lib.dna.catalogue import DIMENSIONS

CORE = "#0072B2"
REFERENCE = "#D55E00"
TEXT = "#1b1f23"
CHAR_WIDTH = 6.6  # px per character of a 12 px label, a little over the real width


def tag(template: str, *args) -> str:
    """Fill an SVG snippet: numbers rounded to a tenth, everything else escaped."""
    values = []
    for arg in args:
        if isinstance(arg, bool) or isinstance(arg, int):
            values.append(str(arg))
        elif isinstance(arg, float):
            values.append(f"{arg:.1f}")
        else:
            values.append(escape(str(arg)))
    return template.format(*values)


def frame(
    title: str,
    desc: str,
    body: list[str],
    *,
    width: float,
    height: float,
    css_class: str,
    fixed_size: bool = False,
    align: str = "xMidYMid",
) -> SafeString:
    """The ``<svg>`` around ``body`` (parts made by :func:`tag`): ``role="img"`` named by its title and description,
    on a white ground. ``fixed_size`` gives it its own width and height (it then scrolls in a narrow box instead of
    shrinking, as the heat map); otherwise it scales with its box, aligned by ``align``. Every chart of the Kern-DNA
    (radar, bars, heat map, survey results) is framed here."""
    digest = hashlib.blake2b("\0".join([str(title), str(desc), *body]).encode(), digest_size=6).hexdigest()
    title_id, desc_id = f"dna-chart-title-{digest}", f"dna-chart-desc-{digest}"
    w, h = int(math.ceil(width)), int(math.ceil(height))
    size = tag(' width="{}" height="{}"', w, h) if fixed_size else ""
    labelled_by = f"{title_id} {desc_id}" if desc else title_id
    described = tag('<desc id="{}">{}</desc>', desc_id, desc) if desc else ""
    # A white ground under everything: the labels have a background a contrast check can read (without it axe
    # gives up on text near the top of an SVG, "element contains an image node").
    head = (
        tag('<svg class="{}"', css_class)
        + size
        + tag(
            ' viewBox="0 0 {} {}" role="img" aria-labelledby="{}" preserveAspectRatio="{} meet" '
            'xmlns="http://www.w3.org/2000/svg"><title id="{}">{}</title>',
            w,
            h,
            labelled_by,
            align,
            title_id,
            title,
        )
        + described
        + tag('<rect class="chart-ground" x="0" y="0" width="{}" height="{}" fill="#ffffff"/>', w, h)
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 — every part made by tag (escaped or numbers)


def _clamp(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return max(0.0, min(100.0, float(value)))


def _wrap(label: str, width: int = 16) -> list[str]:
    """A label in lines of about ``width`` characters (at most two; the table has the whole text)."""
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return lines


def radar(
    axes: Sequence[tuple[str, float | None]],
    *,
    title: str,
    desc: str = "",
    reference: float | None = 50.0,
    value_label: str = "",
    reference_label: str = "",
    size: int = 300,
    rings: Sequence[float] = (25, 50, 75, 100),
) -> SafeString:
    """A radar (spider) chart of values from 0 to 100, one axis per ``(label, value)``, clockwise from the top.

    A missing value (None or NaN) is drawn at the centre with an open marker (the table says "unknown"). With
    ``reference`` a dashed ring at that value is drawn (e.g. the peers' median at percentile 50). Labels go around
    the outside, in at most two lines. The rings (``rings``) carry no numbers: the value polygon would cover them
    (text that a contrast check cannot read); the caption or ``desc`` says the scale and the table has the values."""
    n = len(axes)
    margin_x, margin_y = 120, 44
    radius = size / 2
    cx, cy = margin_x + radius, margin_y + radius
    legend_h = 28 if (value_label or reference_label) else 0
    width, height = size + 2 * margin_x, size + 2 * margin_y + legend_h

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / max(n, 1)
        r = radius * value / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body = []
    for ring in rings:
        corners = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        body.append(tag('<polygon class="grid" points="{}" fill="none"/>', corners))
    for i, (label, _value) in enumerate(axes):
        x, y = point(i, 100)
        body.append(tag('<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>', cx, cy, x, y))
        lx, ly = point(i, 112)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        lines = _wrap(label)
        ly += 4 - (len(lines) - 1) * 7 if abs(ly - cy) < radius * 0.8 else (0 if ly > cy else -(len(lines) - 1) * 14)
        for k, line in enumerate(lines):
            body.append(
                tag('<text class="label" x="{}" y="{}" text-anchor="{}">{}</text>', lx, ly + 14 * k, anchor, line)
            )
    if reference is not None and n:
        corners = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, reference) for i in range(n)))
        body.append(
            tag(
                '<polygon points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
                corners,
                REFERENCE,
            )
        )
    values = [_clamp(value) for _label, value in axes]
    if n:
        corners = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v or 0.0) for i, v in enumerate(values)))
        body.append(
            tag(
                '<polygon points="{}" fill="{}" fill-opacity="0.22" stroke="{}" stroke-width="2.5"/>',
                corners,
                CORE,
                CORE,
            )
        )
        for i, v in enumerate(values):
            x, y = point(i, v or 0.0)
            fill = CORE if v is not None else "#ffffff"
            body.append(tag('<circle cx="{}" cy="{}" r="4" fill="{}" stroke="{}" stroke-width="2"/>', x, y, fill, CORE))
    if legend_h:
        y = height - 12
        x = 16.0
        if value_label:
            body.append(tag('<rect x="{}" y="{}" width="14" height="10" fill="{}"/>', x, y - 9, CORE))
            body.append(tag('<text class="legend" x="{}" y="{}">{}</text>', x + 20, y, value_label))
            x += 40 + len(value_label) * CHAR_WIDTH
        if reference_label and reference is not None:
            body.append(
                tag(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
                    x,
                    y - 4,
                    x + 18,
                    y - 4,
                    REFERENCE,
                )
            )
            body.append(tag('<text class="legend" x="{}" y="{}">{}</text>', x + 24, y, reference_label))
    return frame(title, desc, body, width=width, height=height, css_class="dna-chart dna-radar")


def percentile_bars(
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    desc: str = "",
    reference: float | None = 50.0,
    fmt: Callable[[float], str] = lambda v: f"{v:.0f}",
    unknown: str = "?",
    width: int = 560,
) -> SafeString:
    """Horizontal bars of values from 0 to 100 (one per ``(label, value)``), with a dashed line at ``reference``;
    a missing value draws no bar and ``unknown`` at its place."""
    label_w = min(230, max(90, max((len(str(label)) for label, _v in rows), default=8) * CHAR_WIDTH + 12))
    right, top, row_h, bar_h = 44, 22, 26, 16
    plot_w = width - label_w - right
    height = top + row_h * len(rows) + 26
    body = []
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        body.append(tag('<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>', x, top - 4, x, height - 22))
        body.append(tag('<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>', x, height - 6, tick))
    for i, (label, value) in enumerate(rows):
        y = top + row_h * i
        text = str(label)
        if len(text) * CHAR_WIDTH > label_w - 10:
            text = text[: max(4, int((label_w - 10) / CHAR_WIDTH) - 1)] + "…"
        body.append(tag('<text class="label" x="{}" y="{}" text-anchor="end">{}</text>', label_w - 8, y + 13, text))
        v = _clamp(value)
        if v is None:
            body.append(tag('<text class="tick" x="{}" y="{}">{}</text>', label_w + 4, y + 13, unknown))
            continue
        body.append(
            tag('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', label_w, y, plot_w * v / 100, bar_h, CORE)
        )
        body.append(tag('<text class="tick" x="{}" y="{}">{}</text>', label_w + plot_w * v / 100 + 4, y + 13, fmt(v)))
    if reference is not None:
        x = label_w + plot_w * reference / 100
        body.append(
            tag(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
                x,
                top - 8,
                x,
                height - 22,
                REFERENCE,
            )
        )
    return frame(title, desc, body, width=width, height=height, css_class="dna-chart dna-bars")


def dimension_means(comparison) -> list[tuple[str, float | None]]:
    """Per dimension of the catalogue (in its order), its Dutch name and the mean percentile of its indicators among
    the peers (None when none of them has a value): the radar's axes on the analysis and Kernkompas pages."""
    axes = []
    for dimension in DIMENSIONS:
        known = [
            row.percentile
            for row in comparison.rows
            if row.indicator.dimension == dimension.code and not math.isnan(row.percentile)
        ]
        axes.append((vocabulary.dimension(dimension.code), sum(known) / len(known) if known else None))
    return axes


def dimensions_radar(comparison, kern_name: str) -> SafeString:
    """The radar of the nine dimensions of a core against its peers (the dashed ring is their median, 50)."""
    return radar(
        dimension_means(comparison),
        title=_("The nine dimensions of %(kern)s against its peers") % {"kern": kern_name},
        desc=_(
            "Per dimension the mean percentile of its indicators among the peers (0 to 100); the dashed ring at 50 "
            "is the peers' median. The table below the chart has the numbers."
        ),
        value_label=kern_name,
        reference_label=_("peers' median (50)"),
    )
