"""Reads of an action plan as the public sees it, shared by the public page, the Atom feed, the downloads and the
API: who may see a plan, and each action with its owner, budget, indicator progress, updates and cases.

No personal data leaves through here: an update's author is shown as its party's name, or "municipality" when
municipal staff wrote it; invitations and members are never read.

Indicator values come from the Kernmonitor through the registry (``parts.indicator_values`` and
``parts.indicator_catalogue``). An action's starting value and target are in the indicator's own unit, as the
Kernmonitor stores it (a share such as vacancy as 0–1, shown as a percentage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.labs.models import Action, ActionPlan, ProgressUpdate
from kernkompas.labs.plan_display import euro, format_indicator
from kernkompas.lib.progress import percent, progress

LATEST_UPDATES = 10


def published_plans():
    return ActionPlan.objects.filter(is_published=True).select_related("gemeente", "kern", "regio")


def may_see(user, plan: ActionPlan) -> bool:
    return plan.is_published or permissions.can_manage_gemeente(user, plan.gemeente)


def get_visible_plan(user, pk: int) -> ActionPlan:
    """The plan if it is published or the user is staff of its municipality; 404 otherwise."""
    plan = get_object_or_404(ActionPlan.objects.select_related("gemeente", "kern", "regio"), pk=pk)
    if not may_see(user, plan):
        raise Http404
    return plan


@dataclass
class IndicatorProgress:
    code: str
    label: str
    area: str
    baseline_text: str
    target_text: str
    current_text: str
    current_date: object
    target_date: object
    percent: int | None  # whole percentage of the way from baseline to target
    current: float | None = None


@dataclass
class ActionRow:
    action: Action
    owner: str
    partners: list[str]
    status_label: str
    role: str
    budget: Decimal | None
    budget_text: str
    funding: list[tuple[str, Decimal]]
    indicator: IndicatorProgress | None
    updates: list[ProgressUpdate]
    cases: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    goal: str = ""
    bottlenecks: list[str] = field(default_factory=list)
    progress_form: object = None  # set by the page for staff of the plan's municipality


def update_author(update: ProgressUpdate) -> str:
    """Who an update is shown as: its party, or the municipality (never a person)."""
    return update.party.name if update.party_id else _("municipality")


def action_rows(plan: ActionPlan, *, updates_per_action: int | None = 5) -> list[ActionRow]:
    actions = list(
        plan.actions.select_related("owner", "municipal_role", "goal", "indicator_gebied")
        .prefetch_related(
            "partners",
            "funding",
            "bottlenecks",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("party").order_by("-date", "-pk")),
            "cases",
        )
        .order_by("order", "pk")
    )
    catalogue = {code: (label, unit) for code, label, unit, _better in parts.indicator_catalogue()}
    values = parts.indicator_values(
        [a.indicator_gebied_id for a in actions if a.indicator_code and a.indicator_gebied_id],
        [a.indicator_code for a in actions if a.indicator_code],
    )
    rows = []
    for action in actions:
        funding = [(f.payer_name or f.get_payer_display(), f.amount) for f in action.funding.all()]
        budget = sum((amount for _payer, amount in funding), Decimal(0)) if funding else None
        updates = list(action.updates.all())
        rows.append(
            ActionRow(
                action=action,
                owner=action.owner.name if action.owner_id else "",
                partners=[p.name for p in action.partners.all()],
                status_label=str(action.get_status_display()),
                role=action.municipal_role.name if action.municipal_role_id else "",
                budget=budget,
                budget_text=euro(budget) if budget is not None else "",
                funding=funding,
                indicator=_indicator(action, catalogue, values),
                updates=updates[:updates_per_action] if updates_per_action else updates,
                cases=[(page.title, page.url) for page in action.cases.all() if page.live and page.url],
                goal=action.goal.text if action.goal_id else "",
                bottlenecks=[b.title for b in action.bottlenecks.all()],
            )
        )
    return rows


def _indicator(action: Action, catalogue: dict, values: dict) -> IndicatorProgress | None:
    if not action.indicator_code:
        return None
    label, unit = catalogue.get(action.indicator_code, (action.indicator_code, ""))
    found = values.get((action.indicator_gebied_id, action.indicator_code)) if action.indicator_gebied_id else None
    current, current_date, current_text = found if found else (None, None, "–")
    share = progress(action.indicator_baseline, action.indicator_target, current)
    return IndicatorProgress(
        code=action.indicator_code,
        label=str(label),
        area=action.indicator_gebied.name if action.indicator_gebied_id else "",
        baseline_text=format_indicator(action.indicator_baseline, unit) or "–",
        target_text=format_indicator(action.indicator_target, unit) or "–",
        current_text=current_text,
        current_date=current_date,
        target_date=action.target_date,
        percent=percent(share),
        current=current,
    )


def latest_updates(plan: ActionPlan, limit: int | None = LATEST_UPDATES) -> list[ProgressUpdate]:
    found = (
        ProgressUpdate.objects.filter(action__plan=plan)
        .select_related("action", "party")
        .order_by("-date", "-created_at", "-pk")
    )
    return list(found[:limit] if limit else found)
