"""The Kernmonitor in the API (mounted by api.py at /api/v1/monitor/): public areas and their indicators and units,
and the endpoint through which an automatic counter posts footfall.

Only areas whose municipality made them public appear; an unpublished area answers 404 as if it did not exist.
The unit register's owner contacts are personal data and never public: no schema here names them. Indicator values
are the stored ``AreaIndicators.values`` of :mod:`kernkompas.monitor.indicators`, so the API, the dashboard and the
downloads always show the same numbers.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import HttpBearer

from kernkompas.core.api import ErrorOut, object_id
from kernkompas.monitor import indicators
from kernkompas.monitor.actions import footfall_posts
from kernkompas.monitor.actions.counter_keys import CounterKeyInvalid
from kernkompas.monitor.footfall_rules import AHEAD, EARLIEST, MAX_VALUE
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import Count, CounterToken, UnitState
from kernkompas.places.models import Gebied

router = Router(tags=["Kernmonitor"])
AREA_ID = "Number of the area (its id in /monitor/areas)."


# --- Schemas ----------------------------------------------------------------------------------------------------


class PlaceRef(Schema):
    id: int
    name: str
    slug: str


class GemeenteRef(Schema):
    code: str = Field(description="Official code: Belgian NIS/REFNIS or Dutch CBS (GMxxxx).")
    name: str = Field(description="Dutch name of the municipality.")
    slug: str


class AreaOut(Schema):
    id: int = Field(description="Stable identifier of the area; use it in the other monitor endpoints.")
    name: str
    slug: str
    kind: str = Field(description="Kind of area, e.g. kernwinkelgebied, winkelstraat.")
    kern: PlaceRef = Field(description="The town core the area lies in.")
    gemeente: GemeenteRef
    latest_count_date: datetime.date | None = Field(description="Date of the most recent count; null if none yet.")
    count_dates: list[datetime.date] = Field(description="Dates of all counts, oldest first.")


class IndicatorDefinitionOut(Schema):
    code: str = Field(description="Key in the indicator values.")
    label: str = Field(description="Name as shown on the dashboard.")
    unit: str = Field(description="share (0–1), count, m2 or index.")
    higher_is_better: bool | None
    description: str


class IndicatorsAtDate(Schema):
    date: datetime.date = Field(description="Date of the count.")
    values: dict[str, Any] = Field(
        description=(
            "Every indicator at this count: units, all_units, vacant_units, vacancy_rate (0–1), floor_area, "
            "vacant_floor_area, vacancy_rate_area, floor_area_coverage, vacancy_duration {short, long, structural, "
            "lower_bound}, mix {group: n}, mix_area {group: m²}, sectors, diversity (Simpson index), branches, "
            "independent_share, chain_known, churn {previous_date, openings, closures, function_changes, "
            "occupant_changes, new_units, gone_units}. null where a value cannot be computed."
        )
    )


class AreaIndicatorsOut(Schema):
    area: AreaOut
    definitions: list[IndicatorDefinitionOut] = Field(description="What each indicator means, in dashboard order.")
    series: list[IndicatorsAtDate] = Field(description="One entry per count in the date range, oldest first.")


class IndicatorFilters(Schema):
    date_from: datetime.date | None = Field(None, description="First count date to include (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(None, description="Last count date to include (YYYY-MM-DD).")


class UnitProperties(Schema):
    id: int = Field(description="Stable identifier of the unit across counts.")
    street: str
    house_number: str
    postcode: str
    place: str
    group: str = Field(description="Function group code, e.g. mode-luxe, leegstand.")
    group_name: str
    colour: str = Field(
        description="Map colour of the function group, #rrggbb or #rgb (a neutral grey when none was set right)."
    )
    branch: str | None = Field(description="Branch code; null when not known.")
    branch_name: str | None
    vacant: bool
    vacant_since: datetime.date | None = Field(description="First count of the vacancy that lasts until this one.")
    vacant_since_open: bool = Field(
        description="True when the vacancy started at the unit's first count: it may have started earlier."
    )
    floor_area: int | None = Field(description="Floor area (WVO) in m²; null when unknown.")
    occupant: str = Field(description="Business name of the occupant; empty when vacant or unknown.")
    is_chain: bool | None = Field(description="Chain store (true) or independent (false); null when unknown.")


class UnitFeature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] | None = Field(description="Outline or point, GeoJSON in WGS84; null when unknown.")
    properties: UnitProperties


class UnitCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    date: datetime.date = Field(description="Date of the count these states belong to.")
    area: int = Field(description="Id of the area.")
    features: list[UnitFeature]


MAX_COUNTS = 10_000  # per request: more than a year of hourly counts of one point


class FootfallCountIn(Schema):
    point: str = Field(
        max_length=200,
        description="Name (or own id) of the counting point, as known in the municipality.",
        examples=["Grote Markt"],
    )
    start: datetime.datetime = Field(
        examples=["2025-03-01T09:00"],
        description=(
            "Start of the hour (or day). Without offset it is local time (Europe/Brussels unless the site says "
            "otherwise), e.g. 2025-03-01T09:00; with an offset or Z it is converted to local time, e.g. "
            f"2025-03-01T08:00Z. From {EARLIEST:%Y-%m-%d} up to {int(AHEAD.total_seconds() // 60)} minutes after "
            "now; a local time the spring clock change skips is refused. The hour the autumn change repeats may "
            "come twice for a point (best with offsets, e.g. 00:00Z and 01:00Z): the two counts add up in that "
            "local hour."
        ),
    )
    value: int = Field(ge=0, le=MAX_VALUE, description="Passers-by counted in that hour or day.", examples=[412])
    resolution: Literal["hour", "day"] = Field("hour", description="hour (default) or day.")


class FootfallIn(Schema):
    counts: list[FootfallCountIn] = Field(
        min_length=1,
        max_length=MAX_COUNTS,
        description="One or more counts; the same point and hour again replaces the value stored before.",
    )


class FootfallItemOut(Schema):
    point: str
    start: str = Field(description="Start of the hour or day as stored (local time).")
    status: Literal["created", "updated", "unchanged"]


class FootfallOut(Schema):
    received: int = Field(description="Counts in the request.")
    created: int = Field(description="Counts new to the register.")
    updated: int = Field(description="Counts that replaced another value for the same point and hour.")
    unchanged: int = Field(description="Counts that were already there with this value.")
    items: list[FootfallItemOut] = Field(description="What happened to each count, in request order.")
    notices: list[str] = Field(
        [], description="What the sender should know, e.g. that the two counts of the repeated autumn hour add up."
    )


# --- Authentication of counters ---------------------------------------------------------------------------------


class CounterKey(HttpBearer):
    """A counter key (made in the back office by the municipality) sent as ``Authorization: Bearer <key>``."""

    openapi_description = "A counter key of the municipality, made in the back office (Kernmonitor › Counter keys)."

    def authenticate(self, request: HttpRequest, token: str) -> CounterToken | None:
        if not token:
            return None
        return (
            CounterToken.objects.select_related("gemeente")
            .filter(key_hash=CounterToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )


# --- Endpoints --------------------------------------------------------------------------------------------------


@router.get("/areas", response=list[AreaOut], url_name="monitor_areas", summary="Public areas")
def list_areas(request):
    """Every area whose municipality made its dashboard public, with the dates of its counts."""
    areas = list(public_areas().order_by("kern__gemeente__name_nl", "kern__name", "name"))
    dates: dict[int, list[datetime.date]] = {}
    for gebied_id, date in Count.objects.filter(gebied__in=areas).order_by("date").values_list("gebied_id", "date"):
        dates.setdefault(gebied_id, []).append(date)
    return [_area(area, dates.get(area.pk, [])) for area in areas]


@router.get(
    "/areas/{area_id}/indicators",
    response={200: AreaIndicatorsOut, 404: ErrorOut},
    url_name="monitor_area_indicators",
    summary="Indicators of an area over time",
)
def area_indicators(request, filters: Query[IndicatorFilters], area_id: int = object_id(Gebied, AREA_ID)):
    """The indicators of a public area at each count, optionally limited to a date range."""
    area = _public_area(area_id)
    if area is None:
        return Status(404, {"detail": _not_found(area_id)})
    rows = [
        row
        for row in indicators.series(area)
        if (filters.date_from is None or row.date >= filters.date_from)
        and (filters.date_to is None or row.date <= filters.date_to)
    ]
    dates = list(area.counts.order_by("date").values_list("date", flat=True))
    return Status(
        200,
        {
            "area": _area(area, dates),
            "definitions": _definitions(),
            "series": [{"date": row.date, "values": row.values} for row in rows],
        },
    )


@router.get(
    "/areas/{area_id}/units.geojson",
    response={200: UnitCollection, 404: ErrorOut},
    url_name="monitor_area_units",
    summary="Units of an area at a count, as GeoJSON",
)
def area_units(request, area_id: int = object_id(Gebied, AREA_ID), date: datetime.date | None = None):
    """The state of every unit of a public area at one count (the latest when no date is given).

    Owner contacts are never part of it.
    """
    area = _public_area(area_id)
    if area is None:
        return Status(404, {"detail": _not_found(area_id)})
    counts = area.counts.order_by("-date")
    count = counts.filter(date=date).first() if date else counts.first()
    if count is None:
        if date:
            detail = _("Area %(id)s has no count on %(date)s.") % {"id": area_id, "date": date.isoformat()}
        else:
            detail = _("Area %(id)s has no counts yet.") % {"id": area_id}
        return Status(404, {"detail": detail})
    states = (
        UnitState.objects.filter(count=count)
        .select_related("unit", "group", "branch")
        .order_by("unit__address_key", "unit_id")
    )
    return Status(
        200,
        {
            "type": "FeatureCollection",
            "date": count.date,
            "area": area.pk,
            "features": [_unit_feature(state) for state in states],
        },
    )


@router.post(
    "/footfall",
    auth=CounterKey(),
    response={200: FootfallOut, 400: ErrorOut, 401: ErrorOut},
    url_name="monitor_footfall",
    summary="Post footfall counts (automatic counters)",
)
def post_footfall(request, payload: FootfallIn):
    """Footfall from an automatic counter, per counting point and hour (or day).

    Authenticate with a counter key of the municipality: ``Authorization: Bearer <key>``. Posting the same point
    and hour again replaces the value, so a counter may safely send a count twice. A request with any count that
    cannot be used (unknown point, a start before 2000 or in the future, the same point and hour twice) is refused
    as a whole (400, with a problem per item) and writes nothing.
    """
    key = request.headers.get("Authorization", "").partition(" ")[2].strip()
    counts = [{**count.dict(), "start": count.start.isoformat()} for count in payload.counts]
    try:
        result = footfall_posts.post_footfall(key, counts)
    except CounterKeyInvalid as invalid:  # revoked between the check above and now
        return Status(401, {"detail": str(invalid)})
    except footfall_posts.FootfallPostRejected as rejected:
        return Status(400, {"detail": _("The counts were not saved."), "problems": list(rejected.problems)})
    return Status(
        200,
        {
            "received": len(payload.counts),
            "created": result["created"],
            "updated": result["updated"],
            "unchanged": result["unchanged"],
            "items": result["items"],
            "notices": result["notices"],
        },
    )


# --- Helpers ----------------------------------------------------------------------------------------------------


def public_areas():
    """The areas anyone may see in the monitor: those their municipality made public."""
    return Gebied.objects.filter(is_public=True).select_related("kern__gemeente")


def _public_area(area_id: int) -> Gebied | None:
    return public_areas().filter(pk=area_id).first()


def _not_found(area_id: int) -> str:
    return _("There is no public area with number %(id)s.") % {"id": area_id}


def _area(area: Gebied, dates: list[datetime.date]) -> dict:
    gemeente = area.kern.gemeente
    return {
        "id": area.pk,
        "name": area.name,
        "slug": area.slug,
        "kind": area.kind,
        "kern": {"id": area.kern.pk, "name": area.kern.name, "slug": area.kern.slug},
        "gemeente": {"code": gemeente.code, "name": gemeente.name_nl, "slug": gemeente.slug},
        "latest_count_date": dates[-1] if dates else None,
        "count_dates": dates,
    }


def _definitions() -> list[dict]:
    return [
        {
            "code": code,
            "label": str(_field(spec, "label")),
            "unit": _field(spec, "unit") or "",
            "higher_is_better": _field(spec, "higher_is_better"),
            "description": str(_field(spec, "description") or ""),
        }
        for code, spec in INDICATORS.items()
    ]


def _field(spec, name: str):
    return spec.get(name) if isinstance(spec, dict) else getattr(spec, name, None)


def _unit_feature(state: UnitState) -> dict:
    unit = state.unit
    geometry = unit.geometry
    if geometry is None and unit.lat is not None and unit.lon is not None:
        geometry = {"type": "Point", "coordinates": [unit.lon, unit.lat]}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "id": unit.pk,
            "street": unit.street,
            "house_number": unit.house_number,
            "postcode": unit.postcode,
            "place": unit.place,
            "group": state.group.code,
            "group_name": state.group.name,
            "colour": state.group.safe_colour,
            "branch": state.branch.code if state.branch_id else None,
            "branch_name": state.branch.name if state.branch_id else None,
            "vacant": state.is_vacant,
            "vacant_since": state.vacant_since,
            "vacant_since_open": state.vacant_since_open,
            "floor_area": state.floor_area,
            "occupant": state.occupant,
            "is_chain": state.is_chain,
        },
    }
