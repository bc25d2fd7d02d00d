"""Small server-side SVG charts of survey results, in the style of ``kernkompas.monitor.charts`` (escaped text,
``role="img"`` with a ``<title>``; the page shows the same numbers in a table).

- :func:`mean_bars`: one horizontal bar per item from the scale's lowest score to its mean, with the 95 % interval
  as a line. The Place Standard results are shown as these bars too, beside their radar (``dna/charts.py``'s
  ``radar``, the same as the analysis page's).
- :func:`distribution_bars`: the count per score of one item, as a row of horizontal bars.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from kernkompas.dna.charts import frame, radar

BAR_COLOUR = "#0b5563"
INTERVAL_COLOUR = "#1b1f23"
GRID_COLOUR = "#d5dde0"
TEXT_COLOUR = "#1b1f23"


def _num(value: float) -> str:
    return f"{value:.1f}"


def _decimal(value: float) -> str:
    return number_format(value, 1)


def mean_bars(title: str, rows: list[tuple[str, object]], *, low: int, high: int) -> SafeString:
    """``rows``: (label, Summary) per item. Items without answers get no bar and the words "no answers"."""
    label_w, plot_w, bar_h, gap, top = 260, 360, 18, 10, 24
    width = label_w + plot_w + 60
    height = top + len(rows) * (bar_h + gap) + 8
    span = high - low or 1

    def x(score: float) -> float:
        return label_w + (score - low) / span * plot_w

    body = []
    for score in range(low, high + 1):
        body.append(
            f'<line x1="{_num(x(score))}" y1="{top - 6}" x2="{_num(x(score))}" y2="{height - 4}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{_num(x(score))}" y="{top - 10}" text-anchor="middle" font-size="12" '
            f'fill="{TEXT_COLOUR}">{score}</text>'
        )
    for index, (label, summary) in enumerate(rows):
        y = top + index * (bar_h + gap)
        short = label if len(label) <= 38 else label[:37] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{_num(y + bar_h * 0.75)}" text-anchor="end" font-size="13" '
            f'fill="{TEXT_COLOUR}">{escape(short)}</text>'
        )
        if summary.mean is None:
            body.append(
                f'<text x="{label_w + 4}" y="{_num(y + bar_h * 0.75)}" font-size="12" fill="{TEXT_COLOUR}">'
                f"{escape(gettext('no answers'))}</text>"
            )
            continue
        body.append(
            f'<rect x="{label_w}" y="{y}" width="{_num(max(x(summary.mean) - label_w, 1))}" height="{bar_h}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        if summary.has_interval:
            mid = _num(y + bar_h / 2)
            body.append(
                f'<line x1="{_num(x(summary.ci_low))}" y1="{mid}" x2="{_num(x(summary.ci_high))}" y2="{mid}" '
                f'stroke="{INTERVAL_COLOUR}" stroke-width="2"/>'
                f'<line x1="{_num(x(summary.ci_low))}" y1="{y + 3}" x2="{_num(x(summary.ci_low))}" '
                f'y2="{y + bar_h - 3}" stroke="{INTERVAL_COLOUR}" stroke-width="2"/>'
                f'<line x1="{_num(x(summary.ci_high))}" y1="{y + 3}" x2="{_num(x(summary.ci_high))}" '
                f'y2="{y + bar_h - 3}" stroke="{INTERVAL_COLOUR}" stroke-width="2"/>'
            )
        body.append(
            f'<text x="{_num(x(high) + 8)}" y="{_num(y + bar_h * 0.75)}" font-size="12" fill="{TEXT_COLOUR}">'
            f"{escape(_decimal(summary.mean))}</text>"
        )
    return frame(title, "", body, width=width, height=height, css_class="survey-chart survey-means", align="xMinYMin")


def distribution_bars(title: str, summary) -> SafeString:
    """The count per score of one item as horizontal bars, the count written after each bar."""
    label_w, plot_w, bar_h, gap = 28, 180, 12, 4
    width = label_w + plot_w + 40
    height = len(summary.scores) * (bar_h + gap) + 2
    most = summary.max_count or 1
    body = []
    for index, (score, count) in enumerate(zip(summary.scores, summary.distribution, strict=True)):
        y = index * (bar_h + gap) + 1
        w = count / most * plot_w
        body.append(
            f'<text x="{label_w - 6}" y="{_num(y + bar_h - 2)}" text-anchor="end" font-size="11" '
            f'fill="{TEXT_COLOUR}">{score}</text>'
        )
        if count:
            body.append(f'<rect x="{label_w}" y="{y}" width="{_num(w)}" height="{bar_h}" fill="{BAR_COLOUR}"/>')
        body.append(
            f'<text x="{_num(label_w + w + 4)}" y="{_num(y + bar_h - 2)}" font-size="11" '
            f'fill="{TEXT_COLOUR}">{count}</text>'
        )
    return frame(
        title, "", body, width=width, height=height, css_class="survey-chart survey-distribution", align="xMinYMin"
    )


def scale_share(mean: float | None, low: int, high: int) -> float | None:
    """Where a mean lies on its scale, from 0 (lowest score) to 100 (highest), for the radar."""
    return None if mean is None or high <= low else 100 * (mean - low) / (high - low)


def place_standard_radar(rows) -> SafeString:
    """The Place Standard's own picture from ``(theme label, mean, low, high)`` rows: one spoke per theme, the mean
    from the lowest score (centre) to the highest (the edge). The survey results page and the analysis page show it."""
    return radar(
        [(label, scale_share(mean, low, high)) for label, mean, low, high in rows],
        title=gettext("Place Standard: mean score per theme"),
        desc=gettext("From 1 (a lot to improve) at the centre to 7 (very little to improve) at the edge."),
        reference=None,
    )
