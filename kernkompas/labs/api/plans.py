"""Published action plans: the agenda (vision and goals), bottlenecks and opportunities, and the actions with their
lead party, status, dates, municipal role, budget, indicator progress and progress updates. Updates name a party (or
"gemeente"), never a person."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kernkompas.core.api import ErrorOut, object_id
from kernkompas.labs import public_plans
from kernkompas.labs.models import ActionPlan

router = Router(tags=["Binnenstadslab"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class PageFilters(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class PlaceOut(Schema):
    name: str
    slug: str


class CodeLabelOut(Schema):
    code: str = Field(description="Stable code.")
    label: str = Field(description="Label as shown on the site.")


class PlanSummaryOut(Schema):
    id: int
    title: str
    vision: str
    horizon_year: int | None
    gemeente: PlaceOut
    kern: PlaceOut | None
    published_at: datetime.datetime | None
    url: str = Field(description="The plan's public page.")


class PlanPage(Schema):
    count: int = Field(description="Published plans in all.")
    items: list[PlanSummaryOut]


class BottleneckOut(Schema):
    kind: CodeLabelOut = Field(description="knelpunt (bottleneck) or kans (opportunity).")
    title: str
    description: str
    consequence: str = Field(description="What happens if nobody acts.")
    evidence: str


class IndicatorOut(Schema):
    code: str = Field(description="Kernmonitor indicator code.")
    label: str
    area: str = Field(description="The area it is measured in.")
    baseline: float | None = Field(description="Value when the action was linked (the indicator's own unit).")
    target: float | None
    target_date: datetime.date | None
    current: float | None = Field(description="The latest measured value, if any.")
    current_date: datetime.date | None
    progress_percent: int | None = Field(description="Share of the way from baseline to target, 0–100.")


class UpdateOut(Schema):
    date: datetime.date
    text: str
    status: CodeLabelOut | None
    by: str = Field(description="The party that reported, or the municipality. Never a person.")


class FundingOut(Schema):
    payer: CodeLabelOut
    name: str
    amount: Decimal


class ActionOut(Schema):
    id: int
    title: str
    description: str
    goal: str
    bottlenecks: list[str]
    lead_party: str = Field(description="The party that carries the action (its trekker).")
    partners: list[str]
    municipal_role: str
    status: CodeLabelOut
    start_date: datetime.date | None
    deadline: datetime.date | None
    budget: Decimal | None = Field(description="Sum of the funding, in euro.")
    funding: list[FundingOut]
    indicator: IndicatorOut | None
    cases: list[str] = Field(description="Addresses of the Vitrine cases that inspired the action.")
    updates: list[UpdateOut] = Field(description="Progress updates, newest first.")


class PlanOut(PlanSummaryOut):
    goals: list[str]
    bottlenecks: list[BottleneckOut]
    actions: list[ActionOut]


def _summary(plan: ActionPlan) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "vision": plan.vision,
        "horizon_year": plan.horizon_year,
        "gemeente": {"name": plan.gemeente.name_nl, "slug": plan.gemeente.slug},
        "kern": {"name": plan.kern.name, "slug": plan.kern.slug} if plan.kern_id else None,
        "published_at": plan.published_at,
        "url": plan_public_url(plan),
    }


def plan_public_url(plan) -> str:
    return settings.BASE_URL + reverse("labs:plan_public", kwargs={"pk": plan.pk})


@router.get("/plans", response=PlanPage, url_name="labs_plans", summary="Published action plans")
def list_plans(request, filters: Query[PageFilters]):
    """Published action plans of all municipalities, a page at a time."""
    found = public_plans.published_plans().order_by("gemeente__name_nl", "title", "pk")
    page = list(found[filters.offset : filters.offset + filters.limit])
    return {"count": found.count(), "items": [_summary(p) for p in page]}


@router.get(
    "/plans/{plan_id}",
    response={200: PlanOut, 404: ErrorOut},
    url_name="labs_plan_detail",
    summary="One published action plan",
)
def plan_detail(request, plan_id: int = object_id(ActionPlan, "The plan's number.")):
    """The agenda, bottlenecks and opportunities, and every action with its progress and updates. 404 when the
    plan does not exist or is not published."""
    plan = public_plans.published_plans().filter(pk=plan_id).first()
    if plan is None:
        return Status(404, {"detail": _("There is no published action plan %(id)s.") % {"id": plan_id}})
    actions = []
    for row in public_plans.action_rows(plan, updates_per_action=None):
        action, indicator = row.action, row.indicator
        actions.append(
            {
                "id": action.pk,
                "title": action.title,
                "description": action.description,
                "goal": row.goal,
                "bottlenecks": row.bottlenecks,
                "lead_party": row.owner,
                "partners": row.partners,
                "municipal_role": row.role,
                "status": {"code": action.status, "label": row.status_label},
                "start_date": action.start_date,
                "deadline": action.deadline,
                "budget": row.budget,
                "funding": [
                    {
                        "payer": {"code": f.payer, "label": str(f.get_payer_display())},
                        "name": f.payer_name,
                        "amount": f.amount,
                    }
                    for f in action.funding.all()
                ],
                "indicator": None
                if indicator is None
                else {
                    "code": indicator.code,
                    "label": indicator.label,
                    "area": indicator.area,
                    "baseline": action.indicator_baseline,
                    "target": action.indicator_target,
                    "target_date": action.target_date,
                    "current": indicator.current,
                    "current_date": indicator.current_date,
                    "progress_percent": indicator.percent,
                },
                "cases": [url for _title, url in row.cases],
                "updates": [
                    {
                        "date": u.date,
                        "text": u.text,
                        "status": {"code": u.status, "label": str(u.get_status_display())} if u.status else None,
                        "by": public_plans.update_author(u),
                    }
                    for u in row.updates
                ],
            }
        )
    return {
        **_summary(plan),
        "goals": [g.text for g in plan.goals.all()],
        "bottlenecks": [
            {
                "kind": {"code": b.kind, "label": str(b.get_kind_display())},
                "title": b.title,
                "description": b.description,
                "consequence": b.consequence,
                "evidence": b.evidence,
            }
            for b in plan.bottlenecks.all()
        ],
        "actions": actions,
    }
