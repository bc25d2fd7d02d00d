"""What the action plan's pages show of its actions: budget and payers, the linked indicator with its current value
(through the registry, from the Kernmonitor) and the progress towards the target, and the matrix of the
municipality's roles across the actions. Numbers in the page's language (€ 12.500,00 in Dutch)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import formats

from kernkompas.core import parts
from kernkompas.labs.actions.plans import roles_for
from kernkompas.labs.models import Action, ActionPlan, ActionStatus
from kernkompas.lib.progress import percent, progress


def euro(amount) -> str:
    return "€ " + formats.number_format(amount, 2, use_l10n=True, force_grouping=True)


def amount_input(amount) -> str:
    """An amount as the form shows it again (the page's decimal separator, no grouping)."""
    return formats.number_format(amount, 2, use_l10n=True)


def format_indicator(value, unit: str) -> str:
    if value is None:
        return ""
    if unit == "share":
        return formats.number_format(value * 100, 1, use_l10n=True) + " %"
    if unit == "index":
        return formats.number_format(value, 2, use_l10n=True)
    return formats.number_format(value, 0 if float(value).is_integer() else 1, use_l10n=True, force_grouping=True)


def action_rows(plan: ActionPlan, only: Action | None = None) -> list[dict]:
    """One row per action (or only ``only``), with everything the table of step 4 and the action page show."""
    actions = plan.actions.select_related("owner", "municipal_role", "indicator_gebied", "goal").prefetch_related(
        "partners", "funding", "cases"
    )
    if only is not None:
        actions = actions.filter(pk=only.pk)
    actions = list(actions)
    catalogue = {code: (label, unit) for code, label, unit, _better in parts.indicator_catalogue()}
    values = parts.indicator_values(
        [a.indicator_gebied_id for a in actions if a.indicator_code], [a.indicator_code for a in actions]
    )
    rows = []
    for item in actions:
        funding = list(item.funding.all())
        budget = sum((row.amount for row in funding), Decimal("0"))
        rows.append(
            {
                "action": item,
                "partners": list(item.partners.all()),
                "funding": [{"row": row, "amount": euro(row.amount)} for row in funding],
                "budget": euro(budget) if funding else "",
                "payers": sorted({row.payer_name or row.get_payer_display() for row in funding}),
                "indicator": _indicator(item, catalogue, values),
                "cases": list(item.cases.all()),
            }
        )
    return rows


def _indicator(item: Action, catalogue: dict, values: dict) -> dict | None:
    if not item.indicator_code:
        return None
    label, unit = catalogue.get(item.indicator_code, (item.indicator_code, ""))
    found = values.get((item.indicator_gebied_id, item.indicator_code))
    current = found[0] if found else None
    share = progress(item.indicator_baseline, item.indicator_target, current)
    return {
        "label": label,
        "gebied": item.indicator_gebied,
        "current": found[2] if found else "",
        "measured_on": found[1] if found else None,
        "baseline": format_indicator(item.indicator_baseline, unit),
        "target": format_indicator(item.indicator_target, unit),
        "percent": percent(share),
    }


def role_matrix(plan: ActionPlan) -> list[dict]:
    """Each role the municipality may take, with how many of the plan's actions it takes it in (and by status)."""
    counts = {
        row["municipal_role"]: row
        for row in plan.actions.values("municipal_role").annotate(
            total=Count("pk"), open=Count("pk", filter=~Q(status__in=[ActionStatus.AFGEROND, ActionStatus.GESTOPT]))
        )
    }
    matrix = []
    for role in roles_for(plan.gemeente):
        found = counts.get(role.pk, {})
        matrix.append({"role": role, "total": found.get("total", 0), "open": found.get("open", 0)})
    without = counts.get(None)
    if without:
        matrix.append({"role": None, "total": without["total"], "open": without["open"]})
    return matrix
