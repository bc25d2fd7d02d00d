"""The Kern-DNA in the API (mounted by api.py at /api/v1/dna/): published trajectories and their steps, and the
published DNA of each core (the Kernkompas).

Only published trajectories appear; the notes of the steps are internal and never part of an answer.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kernkompas.dna import kompas, selectors
from kernkompas.places.models import Kern

router = Router(tags=["Kern-DNA"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class StepOut(Schema):
    order: int = Field(description="Position of the step in the trajectory, from 1.")
    name: str
    description: str
    status: str = Field(description="gepland, bezig, afgerond or overgeslagen.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    participants: str = Field(description="Groups and organisations that take part (no names of people).")
    optional: bool


class PlaceOut(Schema):
    name: str
    slug: str


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


class PageFilters(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Trajectories per page, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many trajectories to skip.")


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


# --- The published DNA: the Kernkompas ------------------------------------------------------------------------------


class KompasSummaryOut(Schema):
    kern_id: int = Field(description="Id of the core; the detail is at /api/v1/dna/kernkompas/{kern_id}.")
    kern: PlaceOut
    gemeente: PlaceOut
    tagline: str
    version: int
    published_at: datetime.datetime | None
    url: str = Field(description="The public Kernkompas page.")


class KompasPage(Schema):
    count: int = Field(description="Cores with a published DNA in all.")
    items: list[KompasSummaryOut]


class IndicatorRefOut(Schema):
    code: str = Field(description="Code in the DNA indicator catalogue.")
    label: str
    unit: str
    value: float | None = Field(description="The core's value; null when there are no figures.")
    peer_median: float | None
    percentile: float | None = Field(description="Share of comparable cores below the core's value, 0–100.")


class PhotoOut(Schema):
    url: str
    caption: str
    credit: str


class IdeaOut(Schema):
    title: str
    description: str


class BlockOut(Schema):
    position: int = Field(description="1 to 5.")
    name: str
    explanation: str
    indicators: list[IndicatorRefOut]
    quotes: list[str]
    photos: list[PhotoOut]
    ideas: list[IdeaOut]


class KompasOut(Schema):
    kern_id: int
    kern: PlaceOut
    gemeente: PlaceOut
    tagline: str
    introduction: str
    version: int
    published_at: datetime.datetime | None
    url: str
    blocks: list[BlockOut]


def _kompas_url(request, kern) -> str:
    return request.build_absolute_uri(reverse("dna:kompas", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug}))


def _summary(request, version) -> dict:
    kern = version.trajectory.kern
    return {
        "kern_id": kern.pk,
        "kern": {"name": kern.name, "slug": kern.slug},
        "gemeente": {"name": kern.gemeente.name_nl, "slug": kern.gemeente.slug},
        "tagline": version.tagline,
        "version": version.number,
        "published_at": version.published_at,
        "url": _kompas_url(request, kern),
    }


@router.get("/kernkompas", response=KompasPage, url_name="dna_kernkompas", summary="Published DNAs (Kernkompas)")
def list_kernkompas(request, filters: Query[PageFilters]):
    """Every core with a published DNA (the published version of its latest published trajectory), by
    municipality and core, a page at a time."""
    versions = selectors.public_versions()
    page = versions[filters.offset : filters.offset + filters.limit]
    return {"count": len(versions), "items": [_summary(request, v) for v in page]}


@router.get(
    "/kernkompas/{kern_id}",
    response={200: KompasOut, 404: dict},
    url_name="dna_kernkompas_detail",
    summary="The published DNA of a core",
)
def kernkompas_detail(request, kern_id: int):
    """The tagline, the five building blocks with their indicators (value against the comparable cores), quotes,
    photo addresses and ideas. 404 when the core has no published DNA."""
    kern = Kern.objects.select_related("gemeente").filter(pk=kern_id).first()
    version = selectors.published_dna(kern) if kern is not None else None
    if version is None:
        return Status(404, {"detail": _("There is no published DNA for core %(id)s.") % {"id": kern_id}})
    content = kompas.build(version)
    blocks = []
    for item in content.blocks:
        block = item.block
        blocks.append(
            {
                "position": block.position,
                "name": block.name,
                "explanation": block.explanation,
                "indicators": [
                    {
                        "code": e.code,
                        "label": e.label,
                        "unit": e.unit,
                        "value": e.value,
                        "peer_median": e.peer_median,
                        "percentile": e.percentile,
                    }
                    for e in item.evidence
                ],
                "quotes": block.quote_list,
                "photos": [
                    {
                        "url": request.build_absolute_uri(reverse("dna:photo", kwargs={"photo_pk": p.pk})),
                        "caption": p.caption,
                        "credit": p.credit,
                    }
                    for p in item.photos
                ],
                "ideas": [{"title": i.title, "description": i.description} for i in item.ideas],
            }
        )
    return Status(200, {**_summary(request, version), "introduction": version.introduction, "blocks": blocks})
