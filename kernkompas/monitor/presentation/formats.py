"""Numbers, shares, dates and changes as the Kernmonitor's pages write them, in the active language.

A change is always said with a sign and in words, never by colour alone.
"""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

DASH = "–"


def date_text(value) -> str:
    """A date as the pages write it (31-12-2024); "" for none."""
    return value.strftime("%d-%m-%Y") if value else ""


def moment_text(value) -> str:
    """A date and time as the pages write it (31-12-2024 14:00)."""
    return value.strftime("%d-%m-%Y %H:%M")


def fmt_value(value, kind: str) -> str:
    """An indicator's value of this kind ("share", "index", "m2" or a count)."""
    if value is None:
        return _("not known")
    if kind == "share":
        return floatformat(value * 100, "1g") + " %"
    if kind == "index":
        return floatformat(value, "2g")
    if kind == "m2":
        return floatformat(value, "0g") + " m²"
    return floatformat(value, "0g")


def fmt_difference(diff: float, kind: str) -> str:
    """A difference between two values of this kind, with its sign (a share in percentage points)."""
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    size = abs(diff)
    if kind == "share":
        return _("%(sign)s%(value)s percentage points") % {"sign": sign, "value": floatformat(size * 100, "1g")}
    if kind == "index":
        return f"{sign}{floatformat(size, '2g')}"
    return f"{sign}{floatformat(size, '0g')}"


def fmt_change(change: float) -> str:
    """A relative change as a signed percentage with one decimal: +3,2 %, −3,2 %, ±0,0 %."""
    size = floatformat(abs(change) * 100, "1g")
    sign = "±" if size == floatformat(0, "1g") else ("+" if change > 0 else "−")
    return f"{sign}{size} %"


def percent(value):
    """A share (0–1) as a percentage for a chart; None stays None (a gap)."""
    return None if value is None else value * 100


def percent_text(value) -> str:
    """A percentage as a chart's table writes it."""
    return _("not known") if value is None else floatformat(value, "1g") + " %"


def mean_text(value) -> str:
    """An average number of passers-by, or a dash when there is none."""
    return DASH if value is None else floatformat(value, "0g")


def whole(value) -> str:
    """A whole number in the language's format (thousands separated)."""
    return floatformat(value, "0g")


def trend(current, previous, kind: str, higher_is_better, since) -> dict | None:
    """The change since the previous count: an arrow and words (never colour alone)."""
    if current is None or previous is None or since is None:
        return None
    diff = current - previous
    rounded = round(diff * 1000) if kind == "share" else round(diff, 2)
    if not rounded:
        arrow, judgement = "→", ""
    else:
        arrow = "↑" if diff > 0 else "↓"
        judgement = "" if higher_is_better is None else ("better" if (diff > 0) == higher_is_better else "worse")
    return {
        "arrow": arrow,
        "text": _("%(difference)s since %(date)s") % {"difference": fmt_difference(diff, kind), "date": since},
        "judgement": judgement,
        "judgement_label": {"better": _("improvement"), "worse": _("deterioration")}.get(judgement, ""),
    }
