"""The Kern-DNA in the API (mounted by api.py at /api/v1/dna/): published trajectories and their steps, and the
indicator profile of any core against its peers (``/profiles/{kern_id}``), the published DNA of each core (the
Kernkompas) and the complementarity of the cores of a region.

Only published trajectories appear; the notes of the steps are internal and never part of an answer. A profile
holds only public numbers (OpenStreetMap counts and the register of public areas), so it is open for every core.
The region's warnings from building blocks use published DNAs only, whoever asks.
"""

from __future__ import annotations

import datetime
import math
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from kernkompas.core import api as core_api
from kernkompas.core.api import max_id, object_id
from kernkompas.dna import kompas, profiling, regions, selectors, vocabulary
from kernkompas.places.models import Kern, Regio

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


# --- Indicator profiles (the analysis page's numbers) -------------------------------------------------------------


class IndicatorOut(Schema):
    code: str = Field(description="Indicator code of the catalogue (docs/dna-analysis.md).")
    dimension: str
    label: str
    unit: str = Field(description="per_1000_inhabitants or per_km2.")
    value: float | None = Field(description="Count per 1,000 inhabitants or per km²; null when unknown.")
    count: int = Field(description="Number of features behind the value.")
    peer_median: float | None
    percentile: float | None = Field(description="Mean-rank percentile among the peers (0–100).")
    z: float | None = Field(description="Robust standardised score against the peers.")
    n_peers: int = Field(description="Peers with a value for this indicator.")
    source: str = Field(description="osm or kernmonitor (the register of the core's public areas).")
    withheld: str | None = Field(description="Why it may not be a candidate strength (a reason code), or null.")


class StrengthOut(Schema):
    rank: int
    code: str
    z: float


class WithheldOut(Schema):
    code: str
    reason: str = Field(description="too_few_features, too_few_peers, unknown_value or no_spread.")
    explanation: str


class SourceOut(Schema):
    source: str = Field(description="osm or kernmonitor.")
    label: str = Field(description="The file or the register's areas the counts come from.")
    measured_on: datetime.date | None


class KernOut(Schema):
    id: int
    name: str
    slug: str
    gemeente: PlaceOut


class ProfileOut(Schema):
    kern: KernOut
    has_figures: bool
    peers: list[int] = Field(description="Ids of the peer cores with figures (the core itself never).")
    unknown_peers: list[int] = Field(description="Asked-for peer ids that are no core with figures.")
    sources: list[SourceOut]
    indicators: list[IndicatorOut]
    strengths: list[StrengthOut] = Field(description="Candidate strengths, best first.")
    withheld: list[WithheldOut]


class ProfileFilters(Schema):
    peers: list[Annotated[int, Field(ge=1, le=max_id(Kern))]] = Field(
        default_factory=list,
        max_length=profiling.MAX_PEERS,
        description=f"Ids of the peer cores (repeat the parameter; at most {profiling.MAX_PEERS}). "
        "Without it: the default peers (the core's regions, else its province or country).",
    )


def _float(value: float) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else round(float(value), 6)


@router.get(
    "/profiles/{kern_id}",
    response={200: ProfileOut, 404: core_api.ErrorOut},
    url_name="dna_profile",
    summary="Indicator profile of a core against its peers",
)
def profile(
    request,
    filters: Query[ProfileFilters],
    kern_id: int = object_id(Kern, "Id of the core (as in /api/v1/places)."),
):
    """Every indicator of a core against its peers (value, count, peer median, percentile, z), its candidate
    strengths and the candidates withheld with the reason. Only OpenStreetMap counts and the register counts of
    public areas: the same numbers as the public analysis page."""
    kern = Kern.objects.select_related("gemeente").filter(pk=kern_id).first()
    if kern is None:
        return Status(404, {"detail": _("There is no core with number %(id)s.") % {"id": kern_id}})
    unknown: list[int] = []
    if filters.peers:
        chosen, unknown = profiling.peers_by_ids(kern, list(dict.fromkeys(filters.peers)))
        result = profiling.analyse(kern, chosen)
    else:
        result = profiling.analyse(kern)
    out = {
        "kern": {
            "id": kern.pk,
            "name": kern.name,
            "slug": kern.slug,
            "gemeente": {"name": kern.gemeente.name_nl, "slug": kern.gemeente.slug},
        },
        "has_figures": result.comparison is not None,
        "peers": [k.pk for k in result.peers],
        "unknown_peers": unknown,
        "sources": [],
        "indicators": [],
        "strengths": [],
        "withheld": [],
    }
    comparison = result.comparison
    if comparison is None:
        return Status(200, out)
    provenance = result.provenance[str(kern.pk)]
    out["sources"] = [
        {"source": code, "label": label, "measured_on": on}
        for code, (_name, label, on) in zip(provenance.source_codes, provenance.sources, strict=True)
    ]
    out["indicators"] = [
        {
            "code": row.indicator.code,
            "dimension": row.indicator.dimension,
            "label": vocabulary.label(row.indicator),
            "unit": row.indicator.unit,
            "value": _float(row.value),
            "count": row.count,
            "peer_median": _float(row.peer_median),
            "percentile": _float(row.percentile),
            "z": _float(row.z),
            "n_peers": row.n_peers,
            "source": str(provenance.source_of(row.indicator.code)),
            "withheld": row.withheld,
        }
        for row in comparison.rows
    ]
    out["strengths"] = [
        {"rank": rank, "code": row.indicator.code, "z": _float(row.z)}
        for rank, row in enumerate(comparison.strengths, start=1)
    ]
    out["withheld"] = [
        {"code": row.indicator.code, "reason": row.withheld, "explanation": vocabulary.reason(row)}
        for row in comparison.withheld
    ]
    return Status(200, out)


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


# --- Complementarity in a region (issue 12) ---------------------------------------------------------------------


class RegionCoreRef(Schema):
    id: int
    name: str


class RegionStrengthOut(Schema):
    code: str = Field(description="Indicator code of the catalogue.")
    label: str
    value: float = Field(description="The core's value (count per 1,000 inhabitants or per km², see unit).")
    unit: str
    count: int = Field(description="Number of features behind the value.")
    z: float = Field(description="Robust z against the cores of the region (the core included).")
    percentile: float = Field(description="Mean-rank percentile in the region, 0–100.")


class OverlapOut(Schema):
    code: str
    label: str
    cores: list[int] = Field(description="Ids of the other cores that have this strength in their top too.")


class SimilarOut(Schema):
    id: int
    similarity: float = Field(description="Cosine of the two z profiles, −1 to 1.")


class RegionCoreOut(Schema):
    id: int
    name: str
    slug: str
    gemeente: PlaceOut
    url: str = Field(description="The core's page.")
    has_figures: bool
    top: list[RegionStrengthOut] = Field(description="Its top strengths, best first (empty without figures).")
    unique: list[str] = Field(description="Codes of its top strengths that no other core has in its top.")
    overlaps: list[OverlapOut]
    most_similar: list[SimilarOut]


class MatrixOut(Schema):
    cores: list[int] = Field(description="Core ids in the order of the rows and columns (only cores with figures).")
    similarity: list[list[float]] = Field(description="Symmetric, 1 on the diagonal.")


class WarningCoreOut(Schema):
    id: int
    z: float


class NumberWarningOut(Schema):
    code: str
    label: str
    cores: list[WarningCoreOut] = Field(
        description="The cores with this strong top strength (z ≥ 1.5), strongest first."
    )


class BlockUseOut(Schema):
    id: int = Field(description="The core.")
    block: str = Field(description="Name of the building block that rests on the indicator.")
    version: int


class BlockWarningOut(Schema):
    code: str
    label: str
    uses: list[BlockUseOut]


class ComplementarityOut(Schema):
    region: PlaceOut
    cores: list[RegionCoreOut]
    matrix: MatrixOut
    warnings: list[NumberWarningOut] = Field(description="Two or more cores share a strong top strength.")
    block_warnings: list[BlockWarningOut] = Field(
        description="The published DNAs of two or more cores rest on the same indicator."
    )


@router.get(
    "/regions/{slug}/complementarity",
    response=ComplementarityOut,
    url_name="dna_region_complementarity",
    summary="Complementarity of the cores of a region",
)
def region_complementarity(
    request,
    slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=160, description="The region's slug."),
):
    """The cores of a region side by side: the similarity matrix of their profiles, per core its top strengths,
    what only it has and where it overlaps, and warnings where two cores would build their DNA on the same
    strength. Building blocks count only as published (drafts are never part of an answer)."""
    regio = get_object_or_404(Regio, slug=slug)
    kernen = regions.region_kernen(regio)
    if len(kernen) > regions.MAX_CORES:
        raise HttpError(422, _("This region has more than %(max)s cores.") % {"max": regions.MAX_CORES})
    report = regions.complementarity_report(kernen, AnonymousUser())
    return _complementarity(regio, report)


def _complementarity(regio, report) -> dict:
    cores = {core.kern.pk: core for core in report.cores}
    return {
        "region": {"name": regio.name, "slug": regio.slug},
        "cores": [_region_core(kern, cores.get(kern.pk)) for kern in report.kernen],
        "matrix": {
            "cores": [core.kern.pk for core in report.cores],
            "similarity": [[round(v, 6) for v in values] for _core, values in report.matrix_rows],
        },
        "warnings": [
            {"code": w.code, "label": w.label, "cores": [{"id": k.pk, "z": round(z, 6)} for k, z in w.kernen]}
            for w in report.warnings
        ],
        "block_warnings": [
            {
                "code": w.code,
                "label": w.label,
                "uses": [{"id": u.kern.pk, "block": u.block, "version": u.version} for u in w.uses],
            }
            for w in report.block_warnings
        ],
    }


def _region_core(kern, core) -> dict:
    strengths = core.strengths if core else []
    return {
        "id": kern.pk,
        "name": kern.name,
        "slug": kern.slug,
        "gemeente": {"name": kern.gemeente.name_nl, "slug": kern.gemeente.slug},
        "url": kern.get_absolute_url(),
        "has_figures": core is not None,
        "top": [
            {
                "code": s.code,
                "label": s.label,
                "value": round(s.value, 6),
                "unit": s.unit,
                "count": s.count,
                "z": round(s.z, 6),
                "percentile": round(s.percentile, 3),
            }
            for s in strengths
        ],
        "unique": [s.code for s in core.unique] if core else [],
        "overlaps": [
            {"code": o.code, "label": o.label, "cores": [k.pk for k in o.kernen]}
            for o in (core.overlaps if core else [])
        ],
        "most_similar": [{"id": k.pk, "similarity": round(v, 6)} for k, v in (core.similar if core else [])],
    }


# The surveys' results (aggregates only) are on this router too.
from kernkompas.dna import survey_api  # noqa: E402, F401
