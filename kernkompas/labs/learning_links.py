"""What the action plans give Stedelijk leren through the parts registry (``LabsConfig.place_plans`` and
``LabsConfig.take_into_plan``; the learning part never imports the Binnenstadslab).

An intervision puts one area at its centre: its municipality's plans for the area's core are case material, and
the area's team takes a participant's advice into one of them, as an action or as a note. The plan has no separate
notes; a note becomes an *opportunity* (``BottleneckKind.KANS``) in the plan's first step, where the team weighs it
with the bottlenecks. Both go through the plan's own operations, so they are checked and written to the audit log
like anything else added to a plan.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core.parts import PLAN_SUMMARY_ITEMS, PlanSummary
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.models import ActionPlan, BottleneckKind

KIND_ACTION = "actie"
KIND_NOTE = "notitie"
#: At most this many plans per municipality and core: an intervision shows a few, not a whole archive.
PLANS_LIMIT = 10


def place_plans(gemeente, kern=None, gebied=None, include_unpublished: bool = False) -> list[PlanSummary]:
    """The core's own plans first, then the municipality's plans without a core (never those of other cores)."""
    kern = kern or (gebied.kern if gebied is not None else None)
    plans = ActionPlan.objects.filter(gemeente=gemeente)
    plans = plans.filter(Q(kern=kern) | Q(kern=None)) if kern is not None else plans.filter(kern=None)
    if not include_unpublished:
        plans = plans.filter(is_published=True)
    found = sorted(plans.prefetch_related("bottlenecks", "actions"), key=lambda p: (p.kern_id is None, p.title))
    return [_summary(plan) for plan in found[:PLANS_LIMIT]]


def _summary(plan: ActionPlan) -> PlanSummary:
    return PlanSummary(
        id=plan.pk,
        title=plan.title,
        url=reverse("labs:plan_public", kwargs={"pk": plan.pk}) if plan.is_published else "",
        bottlenecks=tuple(item.title for item in list(plan.bottlenecks.all())[:PLAN_SUMMARY_ITEMS]),
        actions=tuple(item.title for item in list(plan.actions.all())[:PLAN_SUMMARY_ITEMS]),
        is_published=plan.is_published,
    )


def take_into_plan(user, plan_id: int, kind: str, title: str, text: str, gemeente) -> str:
    """Add the advice to the plan as an action or an opportunity; the staff page of what was added. Refused
    (``PermissionDenied``) for a plan of another municipality, or one the user may not change."""
    plan = ActionPlan.objects.select_related("gemeente").filter(pk=plan_id).first()
    if plan is None or gemeente is None or plan.gemeente_id != gemeente.pk:
        raise PermissionDenied(_("This action plan is not one of the area's municipality."))
    if not permissions.can_manage_gemeente(user, plan.gemeente):
        raise PermissionDenied(_("You may not change this action plan."))
    title = title.strip()[:200]
    if kind == KIND_ACTION:
        action = plan_actions.add_action(user, plan, title=title, description=text[:4000])
        return reverse("labs:action", kwargs={"pk": action.pk})
    if kind == KIND_NOTE:
        note = plan_actions.add_bottleneck(
            user,
            plan,
            kind=BottleneckKind.KANS,
            title=title,
            description=text[:4000],
            evidence=_("Advice from an intervision"),
        )
        return reverse("labs:bottleneck_edit", kwargs={"pk": note.pk})
    raise ValueError(f"unknown kind {kind!r}")
