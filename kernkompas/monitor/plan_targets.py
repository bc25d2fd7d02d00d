"""The panel "Goals from action plans" on an area's dashboard: the actions of action plans with a target on one of
this area's indicators (from the registry, ``parts.indicator_targets``; the plans live in another part), each with
where the indicator stands now between its starting value and the target. Visitors see only the actions of
published plans; staff of the area's municipality see them all."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.monitor.indicator_catalogue import INDICATORS, format_value
from kernkompas.monitor.plan_links import indicator_values


@dataclass(frozen=True)
class TargetRow:
    link: parts.TargetLink
    label: str
    baseline_text: str
    target_text: str
    current_text: str
    percent: int | None


def _percent(baseline, target, current) -> int | None:
    if baseline is None or target is None or current is None:
        return None
    if target == baseline:
        return 100 if current == target else None
    share = min(1.0, max(0.0, (current - baseline) / (target - baseline)))
    return int(math.floor(share * 100 + 1e-9))


def target_rows(gebied, user) -> list[TargetRow]:
    links = parts.indicator_targets(gebied)
    if not permissions.can_manage_gemeente(user, gebied.kern.gemeente):
        links = [link for link in links if link.is_public]
    if not links:
        return []
    values = indicator_values([gebied.pk], [link.indicator_code for link in links])
    rows = []
    for link in links:
        indicator = INDICATORS.get(link.indicator_code)
        found = values.get((gebied.pk, link.indicator_code))
        current = found[0] if found else None
        rows.append(
            TargetRow(
                link=link,
                label=str(indicator.label) if indicator else link.indicator_code,
                baseline_text=format_value(indicator, link.baseline) if indicator else str(link.baseline or "–"),
                target_text=format_value(indicator, link.target) if indicator else str(link.target or "–"),
                current_text=found[2] if found else "–",
                percent=_percent(link.baseline, link.target, current),
            )
        )
    return rows
