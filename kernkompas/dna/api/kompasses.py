"""The published DNA of each core: the Kernkompas (``/kernkompas``, ``/kernkompas/{kern_id}``)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kernkompas.core import api as core_api
from kernkompas.core.api import object_id
from kernkompas.dna import kompas, selectors
from kernkompas.dna.api.common import PageFilters, PlaceOut
from kernkompas.places.models import Kern

router = Router(tags=["Kern-DNA"])

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
    response={200: KompasOut, 404: core_api.ErrorOut},
    url_name="dna_kernkompas_detail",
    summary="The published DNA of a core",
)
def kernkompas_detail(request, kern_id: int = object_id(Kern, "Id of the core (as in /api/v1/places).")):
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
