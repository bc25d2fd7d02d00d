"""What the Binnenstadslab gives Stedelijk leren's newsletter through the registry (``core.parts.recent_plans``): the
action plans made public since the last issue. Stedelijk leren never imports this module; ``LabsConfig`` names it.
"""

from __future__ import annotations

from django.urls import reverse

from kernkompas.core.parts import Publication
from kernkompas.labs.public_plans import published_plans


def recent_plans(since, limit: int) -> list[Publication]:
    """Plans that are public now and were made public at or after ``since`` (None: any time), newest first."""
    plans = published_plans().exclude(published_at=None)
    if since is not None:
        plans = plans.filter(published_at__gte=since)
    found = plans.order_by("-published_at", "-pk")[: max(0, limit)]
    return [
        Publication(
            key=f"plan:{plan.pk}",
            title=plan.title,
            summary=_summary(plan),
            url=reverse("labs:plan_public", kwargs={"pk": plan.pk}),
            published_at=plan.published_at,
        )
        for plan in found
    ]


def _summary(plan) -> str:
    place = plan.kern.name if plan.kern_id else plan.gemeente.name_nl
    return f"{place}: {plan.vision}" if plan.vision else place
