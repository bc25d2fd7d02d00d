"""Kernmonitor dashboard benchmark: an area with 2,000 units and 10 counts (20,000 unit states) and a year of
hourly footfall at two counting points.

Run it as ``python bench/monitor_dashboard_bench.py`` (see bench/README.md). It is not a test: pytest does not
collect it. It builds a throw-away database (SQLite in a temporary KERNKOMPAS_HOME unless --database-url names an
empty PostgreSQL database) and measures, through Django's test client, the server time of

  (a) the area dashboard (latest count: map data for 2,000 units, cards, charts, footfall),
  (b) the same dashboard filtered to vacant units,

against a BASELINE measured in the same run on the same database: the bare SQL of the queries the page needs
(the counts, the indicator series, the unit states of the count joined with unit, group and branch, the open
threshold crossings, and the span of the footfall counts: the page caches the grouped footfall until the counts
change), run through a plain cursor and fetched. The page reads the unit states on every request too; what it
makes of them (map points, table rows) is cached under a digest of those rows, so (a) and (b) share it. The
first request (cache cold: footfall grouped, units and charts made) is reported. Page and baseline alternate, so
load on the machine hits both. Target (a ratio, not a time):

  p95 of the dashboard ≤ 5 × p95 of its bare queries.

It also reports the queries per page (the same for 200 and 2,000 units). Exit code 1 when a check fails.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from common import configure, p, timings  # bench/common.py, beside this script

TARGET_RATIO = 5.0
COUNTS = 10


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2_000, help="units in the area (default 2000)")
    parser.add_argument("--repeat", type=int, default=40, help="measured requests per page (default 40)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first (default 5)")
    parser.add_argument("--home", type=Path, help="data folder to use and keep; areas already filled there are reused")
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database instead of SQLite")
    return parser.parse_args(argv)


# --- Data -------------------------------------------------------------------------------------------------------


def build(units: int, slug: str, seed: int = 4):
    """One public area with ``units`` units over 10 yearly counts, written in bulk, indicators computed for real."""
    from kernkompas.monitor import indicators
    from kernkompas.monitor.models import (
        Branch,
        Count,
        CountingPoint,
        FootfallCount,
        FunctionGroup,
        Threshold,
        ThresholdCrossing,
        Unit,
        UnitState,
    )
    from kernkompas.places.models import Country, Gebied, Gemeente, Kern

    rng = random.Random(seed)
    gemeente = Gemeente.objects.filter(slug="benchdorp").first()
    if gemeente is None:
        gemeente = Gemeente(
            code="BENCH1", country=Country.objects.get(code="BE"), name_nl="Benchdorp", slug="benchdorp"
        )
        gemeente.population = 40_000
        gemeente.refresh_derived()
        gemeente.save()
    kern, _ = Kern.objects.get_or_create(
        gemeente=gemeente, slug="centrum", defaults={"code": "BENCH1_1", "name": "Centrum"}
    )
    gebied = Gebied.objects.create(kern=kern, name=f"Winkelgebied {units}", slug=slug, is_public=True)
    gebied.set_geometry(
        {
            "type": "Polygon",
            "coordinates": [[[4.40, 51.20], [4.43, 51.20], [4.43, 51.22], [4.40, 51.22], [4.40, 51.20]]],
        }
    )
    gebied.save()
    groups = list(FunctionGroup.objects.filter(gemeente=None))
    vacant = next(g for g in groups if g.is_vacancy)
    branches: dict[int, list] = {}
    for b in Branch.objects.filter(gemeente=None):
        branches.setdefault(b.group_id, []).append(b)
    made = Unit.objects.bulk_create(
        [
            Unit(
                gebied=gebied,
                external_id=f"U{i}",
                street=f"Straat {i // 100}",
                house_number=str(i % 100 + 1),
                address_key=f"straat {i // 100} {i % 100 + 1}",
                lat=51.20 + rng.random() * 0.02,
                lon=4.40 + rng.random() * 0.03,
            )
            for i in range(units)
        ]
    )
    if made[0].pk is None:
        made = list(Unit.objects.filter(gebied=gebied).order_by("pk"))
    current = [rng.choice(groups) for _ in made]
    for year in range(COUNTS):
        count = Count.objects.create(gebied=gebied, date=datetime.date(2015 + year, 10, 1))
        states = []
        for i, unit in enumerate(made):
            if rng.random() < 0.08:
                current[i] = vacant if rng.random() < 0.5 else rng.choice(groups)
            group = current[i]
            options = branches.get(group.pk) or [None]
            states.append(
                UnitState(
                    count=count,
                    unit=unit,
                    group=group,
                    branch=rng.choice(options),
                    is_vacant=group.is_vacancy,
                    floor_area=rng.randint(40, 600),
                    occupant="" if group.is_vacancy else f"Zaak {i}",
                    is_chain=rng.random() < 0.3,
                )
            )
        UnitState.objects.bulk_create(states, batch_size=2000)
    from kernkompas.monitor.actions.vacancy import derive_vacancy

    derive_vacancy(gebied)
    indicators.refresh_area(gebied)
    threshold = Threshold.objects.create(gebied=gebied, indicator="vacancy_rate", direction="above", value=0.05)
    last = Count.objects.filter(gebied=gebied).order_by("-date").first()
    ThresholdCrossing.objects.create(threshold=threshold, opened_count=last, value=0.1)
    rows = []
    for name in ("Noord", "Zuid"):
        point = CountingPoint.objects.create(gebied=gebied, name=name)
        start = datetime.datetime(2024, 10, 2, tzinfo=datetime.UTC)
        rows += [
            FootfallCount(
                point=point, start=start + datetime.timedelta(hours=h), resolution="hour", value=rng.randint(0, 900)
            )
            for h in range(364 * 24)
        ]
    FootfallCount.objects.bulk_create(rows, batch_size=5000)
    return gebied


def area(units: int, slug: str):
    """The bench area ``slug`` with ``units`` units: reused when a kept data folder has it, else (re)built."""
    from kernkompas.places.models import Gebied

    found = Gebied.objects.filter(kern__gemeente__slug="benchdorp", kern__slug="centrum", slug=slug).first()
    if found is not None and found.units.count() == units:
        return found
    if found is not None:
        found.delete()
    return build(units, slug)


# --- Measuring ---------------------------------------------------------------------------------------------------


def bare_queries(gebied):
    """The page's data as plain SQL through a cursor: what the database alone costs."""
    from django.db import connection
    from django.db.models import Count as CountOf
    from django.db.models import Max, Min, Sum

    from kernkompas.monitor.models import AreaIndicators, Count, FootfallCount, ThresholdCrossing, UnitState

    last = Count.objects.filter(gebied=gebied).order_by("-date").first()
    footfall = FootfallCount.objects.filter(point__gebied=gebied)
    querysets = [
        Count.objects.filter(gebied=gebied).order_by("date"),
        AreaIndicators.objects.filter(gebied=gebied).order_by("date"),
        UnitState.objects.filter(count=last).select_related("unit", "group", "branch").order_by("unit__street"),
        ThresholdCrossing.objects.filter(threshold__gebied=gebied, closed_count=None).select_related("threshold"),
        # Footfall: the page groups a year of counts once and caches it until the counts change; per request it
        # asks only for their span, number and sum (the cache key).
        footfall.values("point__gebied").annotate(
            first=Min("start"), last=Max("start"), n=CountOf("id"), s=Sum("value")
        ),
    ]
    compiled = [qs.query.sql_with_params() for qs in querysets]

    def call():
        with connection.cursor() as cursor:
            for sql, params in compiled:
                cursor.execute(sql, params)
                cursor.fetchall()

    return call


def queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def main(argv=None) -> int:
    args = parse_args(argv)
    home, throw_away = configure(args)
    try:
        return run(args)
    finally:
        if throw_away:
            shutil.rmtree(home, ignore_errors=True)


def run(args) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    small = area(max(args.units // 10, 10), "klein")
    big = area(args.units, "groot")
    print(f"Setup took {time.perf_counter() - started:.1f} s on {connection.vendor}.")
    client = Client()

    def url(gebied, query=""):
        return f"/monitor/benchdorp/centrum/{gebied.slug}/{query}"

    failures = []
    q_small, q_big = queries_of(client, url(small)), queries_of(client, url(big))
    print(f"Queries per dashboard: {q_small} for {small.units.count()} units, {q_big} for {big.units.count()} units.")
    if q_small != q_big:
        failures.append("the number of queries grows with the number of units")
    from django.core.cache import cache

    cache.clear()
    cold = time.perf_counter()
    client.get(url(big))
    cold_ms = (time.perf_counter() - cold) * 1000
    print(f"First request (cache cold: footfall grouped, units and charts made): {cold_ms:.0f} ms.")
    baseline = bare_queries(big)
    print(f"\nArea dashboard, {args.units} units × {COUNTS} counts, {args.repeat} requests each:")
    print(f"{'page':<28}{'median ms':>10}{'p95 ms':>10}{'bare p95':>10}{'ratio':>8}")
    for label, query in (("dashboard", ""), ("dashboard, vacant only", "?leeg=1")):
        target = url(big, query)

        def page(target=target):
            response = client.get(target)
            if response.status_code != 200:
                sys.exit(f"{target} answered {response.status_code}")

        page_ms, base_ms = timings(page, baseline, args.repeat, args.warmup)
        ratio = p(page_ms, 95) / p(base_ms, 95)
        median, p95, base = statistics.median(page_ms), p(page_ms, 95), p(base_ms, 95)
        print(f"{label:<28}{median:>10.1f}{p95:>10.1f}{base:>10.1f}{ratio:>7.1f}×")
        if ratio > TARGET_RATIO:
            failures.append(f"{label}: p95 is {ratio:.1f}× its bare queries (target ≤ {TARGET_RATIO}×)")
    print()
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"OK: same queries for small and large areas; p95 within {TARGET_RATIO}× of the bare queries.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
