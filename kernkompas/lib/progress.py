"""How far an action has come towards its target on a linked indicator (no Django).

Progress is ``(current - baseline) / (target - baseline)``, clamped to 0–1, so it works the same whether the
indicator should go up (footfall) or down (vacancy): the sign of the target's distance from the baseline says which
way is forward. Without a current value, a baseline or a target there is no figure (None); a target equal to the
baseline is reached (1.0) once the current value is at or past it, else nothing is known about direction (None).
"""

from __future__ import annotations

import math


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def progress(baseline, target, current) -> float | None:
    """The share (0.0–1.0) of the way from ``baseline`` to ``target`` that ``current`` has come, or None."""
    start, goal, now = _number(baseline), _number(target), _number(current)
    if start is None or goal is None or now is None:
        return None
    distance = goal - start
    if distance == 0:
        return 1.0 if now == goal else None
    return min(1.0, max(0.0, (now - start) / distance))


def percent(share: float | None) -> int | None:
    """A progress share as a whole percentage (rounded down, so 99.6 % is not shown as done), or None."""
    if share is None:
        return None
    # Rounded to a millionth first: 0.1 − 0.12 over 0.08 − 0.12 is 0.4999999999999998 in floating point, not 49 %.
    return int(math.floor(round(share * 100, 6)))
