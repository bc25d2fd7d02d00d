"""The Kernmonitor's indicators: one module computes them, every page, download and API answer reads them.

:func:`refresh_area` computes the indicators of every count of an area with five grouped queries (units per
function group, shops per branch, chain status, vacancy duration, and each state against the unit's state at the
area's previous count) and stores them in :class:`~kernkompas.monitor.models.AreaIndicators`. The arithmetic
(shares, Simpson diversity, duration classes, what counts as an opening) is in :mod:`kernkompas.lib.indicators`.

``AreaIndicators.values`` holds, per area and count (None where a value cannot be computed):

- ``units`` commercial units (every sector except wonen and werken, vacant ones included), ``all_units``,
  ``vacant_units``, ``vacancy_rate`` (0–1), ``floor_area`` / ``vacant_floor_area`` (m² WVO of the commercial units
  whose area is known), ``vacancy_rate_area``, ``floor_area_coverage`` (share of commercial units with a known
  area), ``floor_area_known`` (their number);
- ``vacancy_duration`` {``short`` ≤ 1 year, ``long`` 1–3 years, ``structural`` > 3 years, ``lower_bound`` how many
  of them were vacant since the unit's first count, so their real duration is "at least"};
- ``mix`` {group code: units} and ``mix_area`` {group code: m²} over all units, ``sectors`` {sector: units};
- ``branch_mix`` {branch code: units} of the occupied retail units, ``diversity`` (Simpson 1 − Σp² over those
  branches), ``branches`` (how many distinct);
- ``independent_share`` (independents / occupied commercial units whose chain status is known), ``chain_known``
  (how many are known), ``independent_units``;
- ``churn`` since the area's previous count {``previous_date``, ``openings``, ``closures``, ``function_changes``,
  ``occupant_changes``, ``new_units``, ``gone_units``}, all None at an area's first count.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import Q

from kernkompas.accounts.permissions import visible_queryset
from kernkompas.lib import indicators as calc
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import AreaIndicators, Branch, Count, FunctionGroup, Sector
from kernkompas.places.models import Gebied, Regio

NON_COMMERCIAL = frozenset({Sector.WONEN.value, Sector.WERKEN.value})


# --- Computing ----------------------------------------------------------------------------------------------------


def _empty_churn(previous_date=None, known=False) -> dict:
    churn = {kind: (0 if known else None) for kind in calc.CHURN_KINDS}
    churn["previous_date"] = previous_date.isoformat() if previous_date else None
    return churn


class _Bucket:
    """The additive parts of one count, from which :func:`_finish` derives the values."""

    def __init__(self):
        self.all_units = 0
        self.units = 0
        self.vacant = 0
        self.area = 0
        self.area_known = 0
        self.vacant_area = 0
        self.mix: dict[str, int] = defaultdict(int)
        self.mix_area: dict[str, int] = defaultdict(int)
        self.sectors: dict[str, int] = defaultdict(int)
        self.branch_mix: dict[str, int] = defaultdict(int)
        self.chain_known = 0
        self.independents = 0
        self.duration = {"short": 0, "long": 0, "structural": 0, "lower_bound": 0}
        self.churn: dict | None = None


def _finish(b: _Bucket) -> dict:
    return {
        "units": b.units,
        "all_units": b.all_units,
        "vacant_units": b.vacant,
        "vacancy_rate": calc.share(b.vacant, b.units),
        "floor_area": b.area if b.area_known else None,
        "vacant_floor_area": b.vacant_area if b.area_known else None,
        "vacancy_rate_area": calc.share(b.vacant_area, b.area) if b.area_known else None,
        "floor_area_coverage": calc.share(b.area_known, b.units),
        "floor_area_known": b.area_known,
        "vacancy_duration": dict(b.duration),
        "mix": dict(sorted(b.mix.items())),
        "mix_area": dict(sorted(b.mix_area.items())),
        "sectors": dict(sorted(b.sectors.items())),
        "branch_mix": dict(sorted(b.branch_mix.items())),
        "diversity": calc.simpson(b.branch_mix.values()),
        "branches": len([n for n in b.branch_mix.values() if n]),
        "independent_share": calc.share(b.independents, b.chain_known),
        "chain_known": b.chain_known,
        "independent_units": b.independents,
        "churn": b.churn if b.churn is not None else _empty_churn(),
    }


_CHURN_SQL = """
WITH c AS (
    SELECT id, date, LAG(id) OVER (PARTITION BY gebied_id ORDER BY date) AS prev_id,
           LAG(date) OVER (PARTITION BY gebied_id ORDER BY date) AS prev_date
    FROM monitor_count {where}
)
SELECT c.id,
       COUNT(p.id),
       SUM(CASE WHEN p.is_vacant AND NOT s.is_vacant THEN 1 ELSE 0 END),
       SUM(CASE WHEN NOT p.is_vacant AND s.is_vacant THEN 1 ELSE 0 END),
       SUM(CASE WHEN NOT p.is_vacant AND NOT s.is_vacant AND p.group_id <> s.group_id THEN 1 ELSE 0 END),
       SUM(CASE WHEN NOT p.is_vacant AND NOT s.is_vacant AND TRIM(p.occupant) <> '' AND TRIM(s.occupant) <> ''
                 AND LOWER(TRIM(p.occupant)) <> LOWER(TRIM(s.occupant)) THEN 1 ELSE 0 END)
FROM c
JOIN monitor_unitstate s ON s.count_id = c.id
LEFT JOIN monitor_unitstate p ON p.count_id = c.prev_id AND p.unit_id = s.unit_id
WHERE c.prev_id IS NOT NULL
GROUP BY c.id
"""


def _days_since_sql() -> str:
    """SQL for the whole days between a vacant state's start and its count's date (0 when not derived yet)."""
    if connection.vendor == "postgresql":
        return "(c.date - COALESCE(s.vacant_since, c.date))"
    return "CAST(julianday(c.date) - julianday(COALESCE(s.vacant_since, c.date)) AS INTEGER)"


def _query(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _Scope(NamedTuple):
    """Which unit states the grouped queries read: every area's, or those of some areas (``s`` is the unit state,
    ``c`` its count)."""

    join: str  # what the states need joined to filter by area
    where: str
    params: list

    @classmethod
    def of(cls, gebied_ids: list[int] | None) -> _Scope:
        if gebied_ids is None:
            return cls("", "1 = 1", [])
        where = "c.gebied_id IN ({})".format(", ".join(["%s"] * len(gebied_ids)))
        return cls("JOIN monitor_count c ON c.id = s.count_id", where, list(gebied_ids))

    def counts_where(self) -> str:
        """The same filter on ``monitor_count`` itself (for the churn's window over the counts)."""
        return "" if not self.join else "WHERE " + self.where.replace("c.gebied_id", "gebied_id")


class _Group(NamedTuple):
    code: str
    sector: str


class _Taxonomy(NamedTuple):
    """The function groups and branches by id, and which groups are shops and which are in use."""

    groups: dict[int, _Group]
    branches: dict[int, str]  # id → code
    retail: list[int]  # the groups of the retail sector (diversity)
    occupied: list[int]  # the commercial groups that are not vacancy (chain status)

    @classmethod
    def load(cls) -> _Taxonomy:
        groups = {
            pk: _Group(code, sector) for pk, code, sector in FunctionGroup.objects.values_list("id", "code", "sector")
        }
        branches = dict(Branch.objects.values_list("id", "code"))
        retail = [pk for pk, group in groups.items() if group.sector == Sector.DETAILHANDEL]
        not_in_use = NON_COMMERCIAL | {Sector.LEEGSTAND}
        occupied = [pk for pk, group in groups.items() if group.sector not in not_in_use]
        return cls(groups, branches, retail, occupied)


class _CountRef(NamedTuple):
    id: int
    date: datetime.date


def compute(gebied_ids: list[int] | None = None) -> dict[int, dict]:
    """The values of every count of the given areas (all areas when None), keyed by count id.

    Five grouped queries, each returning a few rows per count: units and floor area per function group; occupied
    shops per branch; occupied commercial units per chain status; vacant units per duration class; churn.
    """
    counts = Count.objects.all()
    if gebied_ids is not None:
        counts = counts.filter(gebied_id__in=gebied_ids)
    count_rows = list(counts.order_by("gebied_id", "date").values_list("id", "gebied_id", "date"))
    if not count_rows:
        return {}
    taxonomy = _Taxonomy.load()
    buckets: dict[int, _Bucket] = {pk: _Bucket() for pk, _g, _d in count_rows}
    scope = _Scope.of(gebied_ids)
    _add_groups(buckets, scope, taxonomy)
    _add_branches(buckets, scope, taxonomy)
    _add_chain_status(buckets, scope, taxonomy)
    _add_durations(buckets, scope)
    _add_churn(buckets, scope, _previous_counts(count_rows))
    return {pk: _finish(b) for pk, b in buckets.items()}


def _previous_counts(count_rows: list[tuple]) -> dict[int, _CountRef | None]:
    """Each count's previous count of the same area (None for an area's first), from rows in area and date order."""
    previous: dict[int, _CountRef | None] = {}
    last: dict[int, _CountRef] = {}
    for pk, gebied_id, day in count_rows:
        previous[pk] = last.get(gebied_id)
        last[gebied_id] = _CountRef(pk, day)
    return previous


def _add_groups(buckets: dict[int, _Bucket], scope: _Scope, taxonomy: _Taxonomy) -> None:
    """1. Units and floor area per function group."""
    groups = taxonomy.groups
    for count_id, group_id, n, known, area in _query(
        "SELECT s.count_id, s.group_id, COUNT(*), COUNT(s.floor_area), SUM(s.floor_area) "
        f"FROM monitor_unitstate s {scope.join} WHERE {scope.where} GROUP BY s.count_id, s.group_id",
        scope.params,
    ):
        b = buckets[count_id]
        code, sector = groups[group_id]
        area = area or 0
        b.all_units += n
        b.mix[code] += n
        b.sectors[sector] += n
        if known:
            b.mix_area[code] += area
        if sector in NON_COMMERCIAL:
            continue
        b.units += n
        b.area_known += known
        b.area += area
        if sector == Sector.LEEGSTAND:
            b.vacant += n
            b.vacant_area += area


def _add_branches(buckets: dict[int, _Bucket], scope: _Scope, taxonomy: _Taxonomy) -> None:
    """2. Occupied shops per branch (diversity)."""
    if not taxonomy.retail:
        return
    marks, branches = ", ".join(["%s"] * len(taxonomy.retail)), taxonomy.branches
    for count_id, branch_id, n in _query(
        f"SELECT s.count_id, s.branch_id, COUNT(*) FROM monitor_unitstate s {scope.join} "
        f"WHERE {scope.where} AND s.group_id IN ({marks}) AND s.branch_id IS NOT NULL "
        "GROUP BY s.count_id, s.branch_id",
        scope.params + taxonomy.retail,
    ):
        buckets[count_id].branch_mix[branches[branch_id]] += n


def _add_chain_status(buckets: dict[int, _Bucket], scope: _Scope, taxonomy: _Taxonomy) -> None:
    """3. Occupied commercial units per chain status."""
    if not taxonomy.occupied:
        return
    marks = ", ".join(["%s"] * len(taxonomy.occupied))
    for count_id, is_chain, n in _query(
        f"SELECT s.count_id, s.is_chain, COUNT(*) FROM monitor_unitstate s {scope.join} "
        f"WHERE {scope.where} AND s.group_id IN ({marks}) AND s.is_chain IS NOT NULL "
        "GROUP BY s.count_id, s.is_chain",
        scope.params + taxonomy.occupied,
    ):
        b = buckets[count_id]
        b.chain_known += n
        if not is_chain:
            b.independents += n


def _add_durations(buckets: dict[int, _Bucket], scope: _Scope) -> None:
    """4. Vacant units per duration class, relative to the count's date."""
    days = _days_since_sql()
    for count_id, short, long, structural, lower in _query(
        f"SELECT s.count_id, SUM(CASE WHEN {days} <= {calc.SHORT_DAYS} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {days} > {calc.SHORT_DAYS} AND {days} <= {calc.LONG_DAYS} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {days} > {calc.LONG_DAYS} THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN s.vacant_since_open THEN 1 ELSE 0 END) "
        "FROM monitor_unitstate s JOIN monitor_count c ON c.id = s.count_id "
        f"WHERE {scope.where} AND s.is_vacant GROUP BY s.count_id",
        scope.params,
    ):
        buckets[count_id].duration = {
            "short": int(short or 0),
            "long": int(long or 0),
            "structural": int(structural or 0),
            "lower_bound": int(lower or 0),
        }


def _add_churn(buckets: dict[int, _Bucket], scope: _Scope, previous: dict[int, _CountRef | None]) -> None:
    """5. Churn: each state against the unit's state at the area's previous count."""
    churn_rows = {row[0]: row[1:] for row in _query(_CHURN_SQL.format(where=scope.counts_where()), scope.params)}
    for pk, b in buckets.items():
        before = previous[pk]
        if before is None:
            continue
        continuing, openings, closures, function_changes, occupant_changes = churn_rows.get(pk, (0, 0, 0, 0, 0))
        b.churn = {
            "previous_date": before.date.isoformat(),
            "openings": int(openings or 0),
            "closures": int(closures or 0),
            "function_changes": int(function_changes or 0),
            "occupant_changes": int(occupant_changes or 0),
            "new_units": b.all_units - int(continuing or 0),
            "gone_units": buckets[before.id].all_units - int(continuing or 0),
        }


def _store(values_by_count: dict[int, dict], gebied_ids: list[int] | None) -> None:
    """Replace the stored rows of these areas (delete and insert: far cheaper than a bulk UPDATE of JSON)."""
    counts = Count.objects.all() if gebied_ids is None else Count.objects.filter(gebied_id__in=gebied_ids)
    meta = {pk: (gebied_id, day) for pk, gebied_id, day in counts.values_list("id", "gebied_id", "date")}
    stale = AreaIndicators.objects.all()
    if gebied_ids is not None:
        stale = stale.filter(gebied_id__in=gebied_ids)
    stale._raw_delete(stale.db)  # nothing refers to AreaIndicators: no cascade to follow
    AreaIndicators.objects.bulk_create(
        [
            AreaIndicators(count_id=count_id, gebied_id=meta[count_id][0], date=meta[count_id][1], values=values)
            for count_id, values in values_by_count.items()
        ],
        batch_size=1000,
    )


def refresh_area(gebied) -> None:
    """Recompute and store the indicators of every count of the area."""
    refresh_areas([gebied.pk])


def refresh_areas(gebied_ids) -> None:
    """Recompute and store the indicators of every count of these areas in one pass."""
    gebied_ids = sorted(set(gebied_ids))
    if not gebied_ids:
        return
    with transaction.atomic():
        _store(compute(gebied_ids), gebied_ids)


def refresh_all() -> None:
    """Recompute the indicators of every area and count (the national benchmark)."""
    with transaction.atomic():
        _store(compute(None), None)


# --- Reading ------------------------------------------------------------------------------------------------------


def series(gebied) -> list[AreaIndicators]:
    """The area's indicators at every count, oldest first."""
    return list(AreaIndicators.objects.filter(gebied=gebied).order_by("date"))


@dataclass
class KernIndicators:
    """The indicators of a core on one date: the same keys as ``AreaIndicators.values``."""

    date: datetime.date
    values: dict
    areas: int  # how many areas contributed


def _sum_dicts(target: dict, source: dict | None) -> None:
    for key, value in (source or {}).items():
        target[key] = target.get(key, 0) + (value or 0)


def combine(rows: list[AreaIndicators | dict], churn_rows: list[dict] | None = None) -> dict:
    """Values for several areas together: the counts summed, every share recomputed (never averaged).

    ``rows`` are ``AreaIndicators`` or their values; ``churn_rows`` the values whose churn counts (default all).
    """
    b = _Bucket()
    for row in rows:
        v = row.values if isinstance(row, AreaIndicators) else row
        b.all_units += v.get("all_units") or 0
        b.units += v.get("units") or 0
        b.vacant += v.get("vacant_units") or 0
        b.area += v.get("floor_area") or 0
        b.vacant_area += v.get("vacant_floor_area") or 0
        b.area_known += v.get("floor_area_known") or 0
        b.chain_known += v.get("chain_known") or 0
        b.independents += v.get("independent_units") or 0
        for name in ("mix", "mix_area", "sectors", "branch_mix"):
            _sum_dicts(getattr(b, name), v.get(name))
        _sum_dicts(b.duration, v.get("vacancy_duration"))
    churn_sources = [
        (r.values if isinstance(r, AreaIndicators) else r) for r in (rows if churn_rows is None else churn_rows)
    ]
    known = [v["churn"] for v in churn_sources if (v.get("churn") or {}).get("previous_date")]
    if known:
        b.churn = {kind: sum(c[kind] or 0 for c in known) for kind in calc.CHURN_KINDS}
        b.churn["previous_date"] = max(c["previous_date"] for c in known)
    return _finish(b)


def for_kern(kern) -> list[KernIndicators]:
    """The core's indicators per count date of any of its areas.

    On each date every area contributes its latest count on or before that date (areas are not always counted on
    the same day); churn only from the areas counted on that very date.
    """
    rows = list(AreaIndicators.objects.filter(gebied__kern=kern).order_by("date", "gebied_id"))
    by_area: dict[int, list[AreaIndicators]] = defaultdict(list)
    for row in rows:
        by_area[row.gebied_id].append(row)
    result = []
    for day in sorted({row.date for row in rows}):
        current = []
        for area_rows in by_area.values():
            latest = None
            for row in area_rows:
                if row.date <= day:
                    latest = row
            if latest is not None:
                current.append(latest)
        on_day = [row for row in current if row.date == day]
        result.append(KernIndicators(date=day, values=combine(current, on_day), areas=len(current)))
    return result


def _latest_on(gebied_ids, day: datetime.date) -> dict[int, AreaIndicators]:
    latest: dict[int, AreaIndicators] = {}
    rows = AreaIndicators.objects.filter(gebied_id__in=gebied_ids, date__lte=day).order_by("gebied_id", "date")
    for row in rows:
        latest[row.gebied_id] = row
    return latest


def _summary(rows: dict[int, AreaIndicators]) -> dict:
    return {
        "n": len(rows),
        "medians": {code: calc.median(INDICATORS[code].value(r.values) for r in rows.values()) for code in INDICATORS},
    }


def compare(gebied, count, user=None) -> dict:
    """The area next to similar areas and its region, on the date of ``count``.

    Similar: the same kind of area in a municipality of the same size class. Region: the areas of the cores and
    municipalities of every ``places.Regio`` that contains this core or municipality. Only areas the user may
    see (public ones, plus those of the municipalities the user works for). Each area at its latest count on or
    before the date. Returns ``{"similar": {"n", "medians"}, "region": {"n", "medians", "names"}}``.
    """
    visible = visible_queryset(user or AnonymousUser(), Gebied.objects.all(), "kern__gemeente").exclude(pk=gebied.pk)
    gemeente = gebied.kern.gemeente
    day = count.date
    similar_ids = list(
        visible.filter(kind=gebied.kind, kern__gemeente__size_class=gemeente.size_class).values_list("pk", flat=True)
    )
    regios = list(Regio.objects.filter(Q(kernen=gebied.kern) | Q(gemeenten=gemeente)).distinct())
    region_ids = []
    if regios:
        region_ids = list(
            visible.filter(
                Q(kern__regios__in=regios) | Q(kern__gemeente__regios__in=regios),
            )
            .distinct()
            .values_list("pk", flat=True)
        )
    similar = _summary(_latest_on(similar_ids, day)) if gemeente.size_class else {"n": 0, "medians": {}}
    region = _summary(_latest_on(region_ids, day)) if region_ids else {"n": 0, "medians": {}}
    region["names"] = [r.name for r in regios]
    return {"similar": similar, "region": region}
