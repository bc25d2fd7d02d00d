"""Published DNA trajectories and their steps; the notes of the steps are internal and never part of an answer."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from kernkompas.dna import selectors
from kernkompas.dna.api.common import PageFilters, PlaceOut

router = Router(tags=["Kern-DNA"])


class StepOut(Schema):
    order: int = Field(description="Position of the step in the trajectory, from 1.")
    name: str
    description: str
    status: str = Field(description="gepland, bezig, afgerond or overgeslagen.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    participants: str = Field(description="Groups and organisations that take part (no names of people).")
    optional: bool


class TrajectoryOut(Schema):
    id: int
    title: str
    method: str = Field(description="naar-de-kern (eight steps) or compact (seven steps).")
    status: str = Field(description="voorbereiding, lopend, afgerond or gestopt.")
    kern: PlaceOut
    gemeente: PlaceOut
    updated_at: datetime.datetime
    steps: list[StepOut]


class TrajectoryPage(Schema):
    count: int = Field(description="Published trajectories in all.")
    items: list[TrajectoryOut]


@router.get("/trajectories", response=TrajectoryPage, url_name="dna_trajectories", summary="Published DNA trajectories")
def list_trajectories(request, filters: Query[PageFilters]):
    """Published DNA trajectories with their steps, by municipality and core, a page at a time."""
    found = selectors.published().order_by("kern__gemeente__name_nl", "kern__name", "pk")
    page = list(found.prefetch_related("steps")[filters.offset : filters.offset + filters.limit])
    return {"count": found.count(), "items": [_trajectory(t) for t in page]}


def _trajectory(t) -> dict:
    return {
        "id": t.pk,
        "title": t.title,
        "method": t.method,
        "status": t.status,
        "kern": {"name": t.kern.name, "slug": t.kern.slug},
        "gemeente": {"name": t.kern.gemeente.name_nl, "slug": t.kern.gemeente.slug},
        "updated_at": t.updated_at,
        "steps": [
            {
                "order": s.order,
                "name": s.name,
                "description": s.description,
                "status": s.status,
                "start_date": s.start_date,
                "end_date": s.end_date,
                "participants": s.participants,
                "optional": s.is_optional,
            }
            for s in sorted(t.steps.all(), key=lambda s: s.order)
        ],
    }
