"""What the action plans give the Kernmonitor's area dashboard through the registry (``LabsConfig.indicator_targets``):
the actions with a target on an indicator measured in an area, so that the dashboard shows progress against them
without importing the plans. ``is_public`` says whether the plan is published; the dashboard shows the others only
to staff of the area's municipality, so an unpublished plan is answered only when it is that municipality's own."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from kernkompas.core.parts import TargetLink
from kernkompas.labs.models import Action


def indicator_targets(gebied) -> list[TargetLink]:
    # An unpublished plan is only ever shown to staff of the area's municipality, so only its own plans may come
    # unpublished (a regional plan of another municipality measuring this area comes once it is published).
    actions = (
        Action.objects.filter(indicator_gebied=gebied)
        .filter(Q(plan__is_published=True) | Q(plan__gemeente_id=gebied.kern.gemeente_id))
        .exclude(indicator_code="")
        .exclude(indicator_target=None)
        .select_related("plan")
        .order_by("plan__title", "order", "pk")
    )
    return [
        TargetLink(
            action_title=action.title,
            plan_title=action.plan.title,
            indicator_code=action.indicator_code,
            baseline=action.indicator_baseline,
            target=action.indicator_target,
            target_date=action.target_date,
            status_label=str(action.get_status_display()),
            # The plan's page: public when published, a preview for staff of its municipality otherwise.
            url=reverse("labs:plan_public", kwargs={"pk": action.plan_id}) + f"#actie-{action.pk}",
            is_public=action.plan.is_published,
        )
        for action in actions
    ]
