"""The indicator profile of any core against its peers (``/profiles/{kern_id}``): the analysis page's numbers. A
profile holds only public numbers (OpenStreetMap counts and the register of public areas), so it is open for every
core."""

from __future__ import annotations

import datetime
import math
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kernkompas.core import api as core_api
from kernkompas.core.api import max_id, object_id
from kernkompas.dna import analysis_extra, profiling, vocabulary
from kernkompas.dna.api.common import PlaceOut
from kernkompas.places.models import Kern

router = Router(tags=["Kern-DNA"])

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


class FootfallOut(Schema):
    mean_per_day: float = Field(description="Mean passers-by per complete day, summed over the counting points.")
    days: int = Field(description="Complete days behind the mean (at least 14).")
    date_from: datetime.date
    date_to: datetime.date
    points: list[str] = Field(description="The counting points of the core's public areas in the Kernmonitor.")
    n_peers: int = Field(description="Peers with footfall.")
    peer_median: float | None = Field(description="The median of the peers with footfall; null with fewer than 5.")
    percentile: float | None = Field(description="The core's percentile among them; null with fewer than 5 peers.")


class ProfileOut(Schema):
    kern: KernOut
    has_figures: bool
    peers: list[int] = Field(description="Ids of the peer cores with figures (the core itself never).")
    unknown_peers: list[int] = Field(description="Asked-for peer ids that are no core with figures.")
    sources: list[SourceOut]
    indicators: list[IndicatorOut]
    strengths: list[StrengthOut] = Field(description="Candidate strengths, best first.")
    withheld: list[WithheldOut]
    footfall: FootfallOut | None = Field(
        description="Passers-by per day (Kernmonitor, public areas; not per inhabitant), null when not counted."
    )


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
        # The analysis page's default group, so that its footfall comparison and this one agree.
        chosen = list(profiling.default_peers(kern).order_by("name", "pk")[: profiling.MAX_PEERS])
    footfall = analysis_extra.footfall(kern, chosen)
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
        "footfall": None,
    }
    if footfall.own is not None:
        out["footfall"] = {
            "mean_per_day": round(footfall.own.mean_per_day, 2),
            "days": footfall.own.days,
            "date_from": footfall.own.date_from,
            "date_to": footfall.own.date_to,
            "points": list(footfall.own.points),
            "n_peers": footfall.n_peers,
            "peer_median": analysis_extra.rounded(footfall.peer_median, 2),
            "percentile": analysis_extra.rounded(footfall.percentile, 2),
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
