"""Reading the Kernmonitor for its pages and downloads: which areas a user may see, and one page's data.

Scope is a security boundary: an area that is not public exists only for the staff of its municipality and for
administrators; everyone else gets a 404, so a URL does not even reveal that it exists.

``area_page()`` gathers everything an area dashboard shows with a fixed number of queries, whatever the number of
units, counts or counting points (tests check this with ``django_assert_max_num_queries``). Indicators are never
computed here: they are read as :mod:`kernkompas.monitor.indicators` stored them, so the cards, the charts, the
downloads and the API show the same numbers.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count as CountOf
from django.db.models import Max, Min, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from kernkompas.accounts import permissions
from kernkompas.lib import indicators as calc
from kernkompas.lib.text import natural_key
from kernkompas.monitor import footfall, footfall_rules, indicators
from kernkompas.monitor.models import (
    AreaIndicators,
    Count,
    CountingPoint,
    FootfallCount,
    FunctionGroup,
    OwnerContact,
    ThresholdCrossing,
    UnitState,
)
from kernkompas.places.models import Gebied, Kern

# Vacancy duration classes (domain.md): up to 1 year, 1–3 years, more than 3 years.
DURATIONS = (
    ("short", gettext_lazy("up to 1 year")),
    ("long", gettext_lazy("1 to 3 years")),
    ("structural", gettext_lazy("more than 3 years")),
)
DURATION_LABELS = dict(DURATIONS)
FOOTFALL_DAYS = 365
FOOTFALL_CACHE_SECONDS = 3600
FOOTFALL_SUMMARY_FORMAT = 2  # bump when what footfall_summary caches changes, so summaries of the old shape go


def duration_class(vacant_since: date | None, on: date) -> str | None:
    """The duration class of a vacancy that started on ``vacant_since``, seen on the count date ``on``."""
    if vacant_since is None:
        return None
    return calc.duration_class(vacant_since, on)


# --- Scope ----------------------------------------------------------------------------------------------------


def visible_gebieden(user):
    """The areas the user may see: public ones, plus every area of the municipalities the user works for."""
    queryset = Gebied.objects.select_related("kern__gemeente")
    return permissions.visible_queryset(user, queryset, "kern__gemeente")


def get_gebied(user, gemeente: str, kern: str, gebied: str) -> Gebied:
    """The area at this address if the user may see it; 404 otherwise (also when it exists but is not public)."""
    return get_object_or_404(visible_gebieden(user), kern__gemeente__slug=gemeente, kern__slug=kern, slug=gebied)


def get_gebied_for_staff(user, gemeente: str, kern: str, gebied: str) -> Gebied:
    """The area if the user works for its municipality (or is an administrator); 404 for everyone else."""
    found = get_gebied(user, gemeente, kern, gebied)
    if not permissions.can_manage_gemeente(user, found.kern.gemeente):
        raise Http404
    return found


def get_kern(user, gemeente: str, kern: str) -> tuple[Kern, list[Gebied]]:
    """The core and its areas the user may see; 404 when the user may see none of its areas."""
    found = get_object_or_404(Kern.objects.select_related("gemeente"), gemeente__slug=gemeente, slug=kern)
    gebieden = list(visible_gebieden(user).filter(kern=found).order_by("name"))
    if not gebieden:
        raise Http404
    return found, gebieden


# --- Overview -------------------------------------------------------------------------------------------------


@dataclass
class OverviewRow:
    gebied: Gebied
    latest: AreaIndicators | None


def overview(user) -> list[dict]:
    """Visible areas grouped by municipality and core, each with its latest indicators (two queries)."""
    gebieden = list(visible_gebieden(user).order_by("kern__gemeente__name_nl", "kern__name", "name"))
    latest_date = AreaIndicators.objects.filter(gebied=OuterRef("gebied")).order_by("-date").values("date")[:1]
    latest = {
        row.gebied_id: row
        for row in AreaIndicators.objects.filter(gebied__in=[g.pk for g in gebieden], date=Subquery(latest_date))
    }
    groups: list[dict] = []
    for gebied in gebieden:
        kern = gebied.kern
        if not groups or groups[-1]["gemeente"].pk != kern.gemeente_id:
            groups.append({"gemeente": kern.gemeente, "kernen": []})
        kernen = groups[-1]["kernen"]
        if not kernen or kernen[-1]["kern"].pk != kern.pk:
            kernen.append({"kern": kern, "rows": []})
        kernen[-1]["rows"].append(OverviewRow(gebied, latest.get(gebied.pk)))
    return groups


# --- Filters --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFilters:
    """What the dashboard's form narrows the units to; every state is a query string (works without JS)."""

    date: date | None = None  # the count; None = the latest
    group: str = ""  # function group code
    vacant: bool = False
    duration: str = ""  # short / long / structural (implies vacant)

    @classmethod
    def from_query(cls, query) -> UnitFilters:
        try:
            when = date.fromisoformat(query.get("telling", ""))
        except ValueError:
            when = None
        duration = query.get("duur", "")
        return cls(
            date=when,
            group=query.get("groep", "")[:40],
            vacant=query.get("leeg") == "1",
            duration=duration if duration in DURATION_LABELS else "",
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.group or self.vacant or self.duration)

    def params(self, **changes) -> list[tuple[str, str]]:
        state = replace(self, **changes)
        pairs = []
        if state.date:
            pairs.append(("telling", state.date.isoformat()))
        if state.group:
            pairs.append(("groep", state.group))
        if state.vacant:
            pairs.append(("leeg", "1"))
        if state.duration:
            pairs.append(("duur", state.duration))
        return pairs

    def querystring(self, **changes) -> str:
        pairs = self.params(**changes)
        return "?" + urlencode(pairs) if pairs else ""

    def keeps(self, row: UnitRow) -> bool:
        return self.admits(row.group.code, row.state.is_vacant, row.duration)

    def admits(self, group_code: str, is_vacant: bool, duration: str | None) -> bool:
        """Whether a unit with this group, vacancy and duration class passes the filters."""
        if self.group and group_code != self.group:
            return False
        if (self.vacant or self.duration) and not is_vacant:
            return False
        return not (self.duration and duration != self.duration)


@dataclass
class UnitRow:
    """One unit as it was at the selected count."""

    state: UnitState
    group: FunctionGroup
    duration: str | None

    @property
    def unit(self):
        return self.state.unit

    @property
    def duration_label(self):
        return DURATION_LABELS.get(self.duration, "")


class UnitValues(NamedTuple):
    """One unit at a count as plain values: what its map point and table row show, and nothing more.

    The dashboard reads its 2,000 units this way (one joined query, no model objects); ``of_row`` gives the same
    for a ``UnitRow``, so both kinds of row are shown by the same code.
    """

    unit_id: int
    street: str
    house_number: str
    external_id: str
    lat: float | None
    lon: float | None
    occupant: str
    is_chain: bool | None
    group_code: str
    group_name: str
    colour: str
    branch_name: str | None
    is_vacant: bool
    floor_area: int | None
    vacant_since: date | None
    vacant_since_open: bool

    @property
    def name(self) -> str:
        """The unit as ``str(Unit)`` names it: its address, else its own id."""
        address = " ".join(p for p in (self.street, self.house_number) if p)
        return address or self.external_id or f"#{self.unit_id}"

    def address_order(self):
        """Street, then house number as people count (2 before 10, 12a after 12)."""
        return (self.street, natural_key(self.house_number), self.unit_id)

    @classmethod
    def of_row(cls, row: UnitRow) -> UnitValues:
        state, unit, group = row.state, row.unit, row.group
        return cls(
            unit.pk,
            unit.street,
            unit.house_number,
            unit.external_id,
            unit.lat,
            unit.lon,
            state.occupant,
            state.is_chain,
            group.code,
            group.name,
            group.colour,
            state.branch.name if state.branch_id else None,
            state.is_vacant,
            state.floor_area,
            state.vacant_since,
            state.vacant_since_open,
        )


# The query columns of UnitValues, in its order.
UNIT_VALUES = (
    "unit_id",
    "unit__street",
    "unit__house_number",
    "unit__external_id",
    "unit__lat",
    "unit__lon",
    "occupant",
    "is_chain",
    "group__code",
    "group__name",
    "group__colour",
    "branch__name",
    "is_vacant",
    "floor_area",
    "vacant_since",
    "vacant_since_open",
)


def unit_values(count: Count) -> tuple[list[tuple], str]:
    """Every unit of one count as plain tuples in ``UnitValues`` order (one query), and a digest of them.

    The digest is the version of what the units show: equal digests mean equal rows, whatever changed them (an
    import, a correction, a renamed function group or branch), so what is built from the rows can be cached under
    it and is never stale.
    """
    rows = list(
        UnitState.objects.filter(count=count)
        .values_list(*UNIT_VALUES)
        .order_by("unit__street", "unit__house_number", "unit_id")
    )
    return rows, hashlib.blake2b(pickle.dumps(rows, protocol=5), digest_size=16).hexdigest()


# --- Area page ------------------------------------------------------------------------------------------------


@dataclass
class AreaPage:
    gebied: Gebied
    counts: list[Count]
    count: Count | None
    series: list[AreaIndicators]
    current: AreaIndicators | None
    previous: AreaIndicators | None
    groups: list[FunctionGroup]
    rows: list  # every unit of the selected count (UnitRow; for the dashboard its units as it shows them)
    shown: list  # the units the filters keep
    crossings: list[ThresholdCrossing]
    points: list[CountingPoint]
    filters: UnitFilters
    comparison: dict = field(default_factory=dict)
    footfall: dict = field(default_factory=dict)
    unit_values: list[tuple] = field(default_factory=list)  # with ``values=True``: rows as unit_values() reads them
    units_version: str = ""  # and their digest


def functiongroups_for(gemeente_id: int) -> list[FunctionGroup]:
    """The default function groups and the municipality's own, in legend order."""
    return list(
        FunctionGroup.objects.filter(Q(gemeente=None) | Q(gemeente_id=gemeente_id)).order_by("position", "name")
    )


def unit_rows(count: Count) -> list[UnitRow]:
    """Every unit of one count with its group and branch, in address order (one query)."""
    states = (
        UnitState.objects.filter(count=count)
        .select_related("unit", "group", "branch")
        .order_by("unit__street", "unit__house_number", "unit__pk")
    )
    rows = [UnitRow(s, s.group, duration_class(s.vacant_since, count.date) if s.is_vacant else None) for s in states]
    return sorted(rows, key=_address_order)


def _address_order(row: UnitRow):
    """Street, then house number as people count (2 before 10, 12a after 12)."""
    return (row.unit.street, natural_key(row.unit.house_number), row.unit.pk)


def area_page(
    gebied: Gebied, user, filters: UnitFilters, *, with_footfall: bool = True, values: bool = False
) -> AreaPage:
    """Everything an area's pages show. With ``values`` the units come as plain tuples (``page.unit_values`` and
    ``page.units_version``, see ``unit_values()``) and ``rows`` and ``shown`` are left for the caller to fill."""
    counts = list(Count.objects.filter(gebied=gebied).order_by("date"))
    count = _selected_count(counts, filters.date)
    series = list(indicators.series(gebied))
    by_count = {row.count_id: row for row in series}
    current = by_count.get(count.pk) if count else None
    previous = None
    if current is not None:
        earlier = [row for row in series if row.date < current.date]
        previous = earlier[-1] if earlier else None
    rows = unit_rows(count) if count and not values else []
    page = AreaPage(
        gebied=gebied,
        counts=counts,
        count=count,
        series=series,
        current=current,
        previous=previous,
        groups=functiongroups_for(gebied.kern.gemeente_id),
        rows=rows,
        shown=[row for row in rows if filters.keeps(row)],
        crossings=open_crossings(gebied),
        points=list(CountingPoint.objects.filter(gebied=gebied).order_by("name")),
        filters=filters,
    )
    if count is not None and values:
        page.unit_values, page.units_version = unit_values(count)
    if count is not None:
        page.comparison = indicators.compare(gebied, count, user)
    if with_footfall and page.points:
        page.footfall = footfall_summary(page.points)
    return page


def _selected_count(counts: list[Count], wanted: date | None) -> Count | None:
    if not counts:
        return None
    if wanted is not None:
        for count in counts:
            if count.date == wanted:
                return count
        raise Http404
    return counts[-1]


def open_crossings(gebied: Gebied) -> list[ThresholdCrossing]:
    """Thresholds the area is over now: crossings not closed by a later count."""
    return list(
        ThresholdCrossing.objects.filter(threshold__gebied=gebied, threshold__is_active=True, closed_count=None)
        .select_related("threshold", "opened_count")
        .order_by("-opened_count__date", "threshold__indicator")
    )


def footfall_summary(points: list[CountingPoint]) -> dict:
    """The last year of footfall of the area's counting points: daily totals, profiles and gaps per point, and
    the last four weeks against the same weeks a year earlier, for the area and (with more than one) per point.

    Read through :mod:`kernkompas.monitor.footfall` (a fixed number of queries plus five per counting point when
    there are several) and cached until the counts change.
    """
    # Only counts that the API and the imports accept today: a count stored at an impossible date (before the
    # rule existed, or by hand) must neither move the window into the future nor take the page down.
    earliest, latest = footfall_rules.accepted_span().stored()
    span = FootfallCount.objects.filter(point__in=points, start__gte=earliest, start__lte=latest).aggregate(
        first=Min("start"), last=Max("start"), rows=CountOf("id"), total=Sum("value")
    )
    if span["last"] is None:
        return {}
    last = span["last"].date()
    first = max(last - timedelta(days=FOOTFALL_DAYS - 1), span["first"].date())
    # A year of hourly counts takes seconds to group; the result only changes when counts are written, which
    # changes the points' version (footfall.touch), and usually the span, the number of rows or their sum too.
    ids = "-".join(str(p.pk) for p in points)
    key = (
        f"monitor-footfall:{FOOTFALL_SUMMARY_FORMAT}:{ids}:{footfall.version(points)}:{first}:{last}:"
        f"{span['rows']}:{span['total']}"
    )
    summary = cache.get(key)
    if summary is None:
        summary = _grouped_footfall(points, first, last)
        cache.set(key, summary, FOOTFALL_CACHE_SECONDS)
    names = {point.pk: point for point in points}
    # "version": what the summary was cached under, for what is made of it (the dashboard's charts).
    return {
        **summary,
        "gaps": [(names[pk], gap) for pk, gap in summary["gaps"]],
        "year_on_year_points": [(names[pk], change) for pk, change in summary["year_on_year_points"]],
        "version": key,
    }


def _grouped_footfall(points: list[CountingPoint], first: date, last: date) -> dict:
    """What the footfall summary caches: counting points by id (a renamed point is named afresh)."""
    return {
        "date_from": first,
        "date_to": last,
        "daily": footfall.daily_totals(points, first, last),
        "weekday": footfall.weekday_profile(points, first, last),
        "hour": footfall.hour_profile(points, first, last),
        "gaps": [(point.pk, gap) for point in points for gap in footfall.gaps(point, first, last)],
        "year_on_year": footfall.recent_year_on_year(points, last),
        "year_on_year_points": (
            [(point.pk, footfall.recent_year_on_year(point, last)) for point in points] if len(points) > 1 else []
        ),
    }


# --- Kern page ------------------------------------------------------------------------------------------------


def kern_page(kern: Kern, gebieden: list[Gebied]) -> dict:
    """The core's indicators over time (aggregated by the indicators module) and each visible area's latest."""
    latest_date = AreaIndicators.objects.filter(gebied=OuterRef("gebied")).order_by("-date").values("date")[:1]
    latest = {
        row.gebied_id: row
        for row in AreaIndicators.objects.filter(gebied__in=[g.pk for g in gebieden], date=Subquery(latest_date))
    }
    states = (
        UnitState.objects.filter(count_id__in=[row.count_id for row in latest.values()])
        .select_related("unit", "group", "branch", "count")
        .order_by("unit__street", "unit__house_number", "unit__pk")
    )
    return {
        "series": list(indicators.for_kern(kern)),
        "areas": [OverviewRow(g, latest.get(g.pk)) for g in gebieden],
        "rows": sorted(
            (
                UnitRow(s, s.group, duration_class(s.vacant_since, s.count.date) if s.is_vacant else None)
                for s in states
            ),
            key=_address_order,
        ),
    }


# --- Register -------------------------------------------------------------------------------------------------


def owner_contacts(rows: list[UnitRow]) -> dict[int, list[OwnerContact]]:
    """Owner contacts of these units, by unit id (one query). Only for the register: never public."""
    found: dict[int, list[OwnerContact]] = {}
    for contact in OwnerContact.objects.filter(unit__in=[r.unit.pk for r in rows]).order_by("name"):
        found.setdefault(contact.unit_id, []).append(contact)
    return found
