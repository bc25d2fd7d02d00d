"""The complementarity of the cores of a region (``/regions/{slug}/complementarity``). Its warnings from building
blocks use published DNAs only, whoever asks."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from kernkompas.dna import regions
from kernkompas.dna.api.common import PlaceOut
from kernkompas.places.models import Regio

router = Router(tags=["Kern-DNA"])

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
