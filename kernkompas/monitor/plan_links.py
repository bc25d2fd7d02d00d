"""What the Kernmonitor gives an action plan through the registry (``MonitorConfig.indicator_catalogue`` and
``indicator_values``): the indicators an action may be linked to, and their latest value in an area, so that the
plan shows where an action stands without importing the Kernmonitor."""

from __future__ import annotations

from kernkompas.monitor.indicator_catalogue import INDICATORS, format_value
from kernkompas.monitor.models import AreaIndicators


def indicator_catalogue() -> list[tuple[str, str, str, bool | None]]:
    return [
        (indicator.code, str(indicator.label), indicator.unit, indicator.higher_is_better)
        for indicator in INDICATORS.values()
    ]


def indicator_values(gebied_ids, codes) -> dict:
    """The latest computed value of each known indicator in each area (``(value, date, formatted)``)."""
    wanted = [INDICATORS[code] for code in codes if code in INDICATORS]
    if not wanted:
        return {}
    latest: dict[int, AreaIndicators] = {}
    # Newest first per area: the first row seen for an area is its latest count.
    for row in AreaIndicators.objects.filter(gebied_id__in=list(gebied_ids)).order_by("gebied_id", "-date", "-pk"):
        latest.setdefault(row.gebied_id, row)
    found = {}
    for gebied_id, row in latest.items():
        for indicator in wanted:
            value = indicator.value(row.values)
            if value is not None:
                found[(gebied_id, indicator.code)] = (value, row.date, format_value(indicator, value))
    return found
