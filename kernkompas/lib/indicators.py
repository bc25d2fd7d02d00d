"""The arithmetic of the Kernmonitor's indicators, without Django: shares, diversity, duration classes, churn.

:mod:`kernkompas.monitor.indicators` collects the numbers from the database and calls these functions, so the rules
(what counts as an opening, when vacancy is structural, how diversity is measured) live in one readable place.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable

# Vacancy duration classes (domain: up to 1 year frictional, 1–3 years long-term, more than 3 years structural).
SHORT_DAYS = 365
LONG_DAYS = 3 * 365
DURATION_CLASSES = ("short", "long", "structural")

# Churn kinds, in the order they are shown.
CHURN_KINDS = ("openings", "closures", "function_changes", "occupant_changes", "new_units", "gone_units")


def share(part: float | None, whole: float | None) -> float | None:
    """``part / whole``; None when the whole is unknown or zero (a share of nothing is not 0 %)."""
    if part is None or not whole:
        return None
    return part / whole


def simpson(counts: Iterable[int]) -> float | None:
    """Simpson's diversity 1 − Σ pᵢ² over category counts; 0 = one category, towards 1 = many even ones.

    None when there is nothing to measure.
    """
    values = [c for c in counts if c > 0]
    total = sum(values)
    if not total:
        return None
    return 1.0 - sum((c / total) ** 2 for c in values)


def duration_class(since: datetime.date, on: datetime.date) -> str:
    """The vacancy duration class of a unit vacant since ``since``, seen on ``on``."""
    days = (on - since).days
    if days <= SHORT_DAYS:
        return "short"
    if days <= LONG_DAYS:
        return "long"
    return "structural"


def same_occupant(a: str, b: str) -> bool:
    """Occupant names compared without case and surrounding spaces (the same shop typed twice)."""
    return a.strip().lower() == b.strip().lower()


def classify_change(previous, current) -> list[str]:
    """What happened to one unit between two counts.

    ``previous`` and ``current`` are ``(group, is_vacant, is_commercial, occupant)`` or None when the unit has no
    state in that count. Returns the churn kinds that apply (see :data:`CHURN_KINDS`):

    - ``new_units``: no state before, one now; ``gone_units``: a state before, none now;
    - ``openings``: vacant before, in use now (any function); ``closures``: in use before, vacant now;
    - ``function_changes``: in use both times with another function group;
    - ``occupant_changes``: in use both times, both occupants known and different.
    """
    if previous is None and current is None:
        return []
    if previous is None:
        return ["new_units"]
    if current is None:
        return ["gone_units"]
    p_group, p_vacant, _p_commercial, p_occupant = previous
    c_group, c_vacant, _c_commercial, c_occupant = current
    if p_vacant and not c_vacant:
        return ["openings"]
    if not p_vacant and c_vacant:
        return ["closures"]
    if p_vacant and c_vacant:
        return []
    kinds = []
    if p_group != c_group:
        kinds.append("function_changes")
    if p_occupant.strip() and c_occupant.strip() and not same_occupant(p_occupant, c_occupant):
        kinds.append("occupant_changes")
    return kinds


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change (current − previous) / previous, e.g. year on year; None when not computable."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


def median(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def same_day_last_year(day: datetime.date) -> datetime.date:
    """The same ISO week and weekday a year earlier (so a Saturday compares with a Saturday).

    Week 53 falls back to week 52 when the earlier year has none.
    """
    year, week, weekday = day.isocalendar()
    try:
        return datetime.date.fromisocalendar(year - 1, week, weekday)
    except ValueError:
        return datetime.date.fromisocalendar(year - 1, 52, weekday)
