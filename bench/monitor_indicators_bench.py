"""Kernmonitor benchmark: every indicator of every area and count at national scale.

Run it as ``python bench/monitor_indicators_bench.py`` (see bench/README.md). It is not a test: pytest does not
collect it.

It builds a throw-away database (SQLite in a temporary KERNKOMPAS_HOME unless --database-url names an empty
PostgreSQL database) with 1,000 areas, 500,000 units and 10 counts per area — 5 million unit states — generated
with a fixed seed and written with raw ``executemany`` (SQLite) or ``COPY`` (PostgreSQL): units appear and
disappear, close, open, change function and occupant, so every indicator has something to count. Vacancy start is
set as ``actions.vacancy.derive_vacancy`` would.

It then times, in the same run and alternately:

  (a) ``kernkompas.monitor.indicators.refresh_all()``: every indicator of every area and count, computed and
      stored in ``AreaIndicators``;
  (b) the BASELINE: the same aggregation written directly in SQL — one set of five queries computing per count
      the unit and floor-area totals, vacancy, chains, the function mix, the Simpson diversity over branches, the
      vacancy duration classes and the churn against the area's previous count — fetched to the client.

and checks that both give the same numbers for every count. Target: (a) ≤ 2 × (b). Exit code 1 when the target or
the check fails.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from common import configure  # bench/common.py, beside this script

TARGET_RATIO = 2.0
FIRST_DATE = datetime.date(2015, 3, 1)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500_000, help="number of units (default 500000)")
    parser.add_argument("--areas", type=int, default=1_000, help="number of areas (default 1000)")
    parser.add_argument("--counts", type=int, default=10, help="counts per area (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side, alternately (default 3)")
    parser.add_argument(
        "--home", type=Path, help="data folder to use and keep; a database already filled there is reused"
    )
    parser.add_argument(
        "--database-url", help="an EMPTY PostgreSQL database to fill instead of SQLite, e.g. postgres://…/kk_bench"
    )
    return parser.parse_args(argv)


# --- Data ---------------------------------------------------------------------------------------------------------


def ensure_data(args) -> float:
    """Fill the database unless it holds the wanted number of unit states already. Returns the seconds taken."""
    from django.core.management import call_command

    from kernkompas.monitor.models import UnitState

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    wanted = args.units * args.counts
    have = UnitState.objects.count()
    if have and abs(have - wanted) < wanted * 0.2:
        print(f"Reusing the database: {have:,} unit states.")
        return time.perf_counter() - started
    if have:
        raise SystemExit("The database holds another data set; use an empty --home or --database-url.")
    fill(args)
    return time.perf_counter() - started


def fill(args) -> None:
    from django.db import connection, transaction

    from kernkompas.monitor.models import Branch, Count, FunctionGroup, Unit
    from kernkompas.places.models import Country, Gebied, Gemeente, Kern

    rng = random.Random(20251122)
    municipalities = max(1, args.areas // 10)
    country = Country.objects.get(code="BE")
    with transaction.atomic():
        gemeenten = []
        for number in range(municipalities):
            g = Gemeente(
                code=f"B{number:05d}",
                country=country,
                name_nl=f"Bankgemeente {number}",
                slug=f"bankgemeente-{number}",
                population=rng.choice([8_000, 18_000, 32_000, 70_000, 150_000]),
            )
            g.refresh_derived()
            gemeenten.append(g)
        Gemeente.objects.bulk_create(gemeenten)
        kernen = [
            Kern(gemeente=g, code=f"{g.code}_1", name=g.name_nl, slug="centrum", search_text=g.slug) for g in gemeenten
        ]
        Kern.objects.bulk_create(kernen)
        kinds = ["kernwinkelgebied", "winkelgebied", "winkelstraat"]
        areas = [
            Gebied(kern=kernen[n % municipalities], name=f"Gebied {n}", slug=f"gebied-{n}", kind=kinds[n % 3])
            for n in range(args.areas)
        ]
        Gebied.objects.bulk_create(areas)
        dates = [FIRST_DATE.replace(year=FIRST_DATE.year + i) for i in range(args.counts)]
        counts = [Count(gebied=a, date=d, source="bench") for a in areas for d in dates]
        Count.objects.bulk_create(counts, batch_size=5000)
    count_ids = {(c.gebied_id, c.date): c.pk for c in Count.objects.all()}
    groups = list(FunctionGroup.objects.filter(gemeente=None).values_list("id", "sector"))
    branches_of = {gid: [] for gid, _s in groups}
    for bid, gid in Branch.objects.filter(gemeente=None).values_list("id", "group_id"):
        branches_of[gid].append(bid)
    vacant_group = next(gid for gid, sector in groups if sector == "leegstand")
    other_groups = [gid for gid, sector in groups if sector in ("wonen", "werken")]
    commercial = [gid for gid, sector in groups if sector not in ("leegstand", "wonen", "werken")]

    def new_use():
        if rng.random() < 0.06:
            group = rng.choice(other_groups)
        else:
            group = rng.choice(commercial)
        branch = rng.choice(branches_of[group]) if branches_of[group] and rng.random() < 0.9 else None
        return group, branch

    now = datetime.datetime.now(datetime.UTC)
    per_area = args.units // args.areas
    unit_rows = []
    for n in range(args.units):
        area = areas[min(n // per_area, args.areas - 1)]
        street = f"Straat {n % 37}"
        number = str(n)
        unit_rows.append(
            (area.pk, f"B{n}", street, number, "", "", f"straat {n % 37} {n}", None, None, None, now.isoformat())
        )
    vendor = connection.vendor
    unit_sql = (
        "INSERT INTO monitor_unit (gebied_id, external_id, street, house_number, postcode, place, address_key, "
        "lat, lon, geometry, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    state_columns = (
        "count_id, unit_id, group_id, branch_id, is_vacant, floor_area, occupant, is_chain, occupied_since, "
        "vacant_since, vacant_since_open"
    )
    started = time.perf_counter()
    with transaction.atomic():
        write_rows(connection, "monitor_unit", unit_sql, unit_rows, "gebied_id, external_id, street, house_number, "
                   "postcode, place, address_key, lat, lon, geometry, created_at")  # fmt: skip
    unit_ids = list(Unit.objects.order_by("pk").values_list("pk", "gebied_id"))
    print(f"  {len(unit_ids):,} units written in {time.perf_counter() - started:.1f} s")
    state_sql = f"INSERT INTO monitor_unitstate ({state_columns}) VALUES ({', '.join(['%s'] * 11)})"
    started = time.perf_counter()
    written = 0
    chunk: list[tuple] = []
    with transaction.atomic():
        for unit_id, gebied_id in unit_ids:
            born = 0 if rng.random() < 0.85 else rng.randrange(1, args.counts)
            dies = args.counts if rng.random() < 0.93 else rng.randrange(born + 1, args.counts + 1)
            vacant = rng.random() < 0.1
            group, branch = (vacant_group, None) if vacant else new_use()
            area_m2 = int(rng.lognormvariate(5, 0.9)) + 10 if rng.random() < 0.85 else None
            occupant_no = 0
            chain = rng.choice([None, True, False, False])
            run_start, run_open = None, False
            for k in range(born, dies):
                if k > born:
                    roll = rng.random()
                    if vacant:
                        if roll < 0.3:
                            vacant = False
                            group, branch = new_use()
                            occupant_no += 1
                            chain = rng.choice([None, True, False, False])
                    elif roll < 0.06:
                        vacant, group, branch = True, vacant_group, None
                    elif roll < 0.09:
                        group, branch = new_use()
                        occupant_no += 1
                    elif roll < 0.14:
                        occupant_no += 1
                day = dates[k]
                if vacant:
                    if run_start is None:
                        run_start, run_open = day, k == born
                    since, is_open = run_start, run_open
                else:
                    run_start, since, is_open = None, None, False
                occupant = "" if vacant else f"Zaak {unit_id}-{occupant_no}"
                chunk.append(
                    (
                        count_ids[(gebied_id, day)],
                        unit_id,
                        group,
                        branch,
                        vacant,
                        area_m2,
                        occupant,
                        None if vacant else chain,
                        None,
                        since,
                        is_open,
                    )
                )
            if len(chunk) >= 200_000:
                write_rows(connection, "monitor_unitstate", state_sql, chunk, state_columns)
                written += len(chunk)
                chunk = []
                print(f"  {written:,} unit states …", end="\r", flush=True)
        write_rows(connection, "monitor_unitstate", state_sql, chunk, state_columns)
        written += len(chunk)
    print(f"  {written:,} unit states written in {time.perf_counter() - started:.1f} s ({vendor})")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def write_rows(connection, table: str, insert_sql: str, rows: list[tuple], columns: str) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    with connection.cursor() as cursor:
        cursor.executemany(insert_sql, rows)


# --- Baseline: the same numbers straight from SQL -----------------------------------------------------------------

NON_COMMERCIAL = "('wonen', 'werken')"


def baseline() -> dict[int, dict]:
    """Per count id the numbers ``refresh_all`` computes, with five plain SQL queries through a cursor."""
    from django.db import connection

    from kernkompas.monitor.indicators import _CHURN_SQL

    if connection.vendor == "postgresql":
        days = "(c.date - COALESCE(s.vacant_since, c.date))"
    else:
        days = "CAST(julianday(c.date) - julianday(COALESCE(s.vacant_since, c.date)) AS INTEGER)"
    commercial = f"g.sector NOT IN {NON_COMMERCIAL}"
    queries = {
        "totals": f"""
            SELECT s.count_id, COUNT(*),
                   SUM(CASE WHEN {commercial} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.is_vacant THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {commercial} AND s.floor_area IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {commercial} THEN s.floor_area ELSE 0 END),
                   SUM(CASE WHEN s.is_vacant THEN s.floor_area ELSE 0 END),
                   SUM(CASE WHEN {commercial} AND NOT s.is_vacant AND s.is_chain IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {commercial} AND NOT s.is_vacant AND NOT s.is_chain THEN 1 ELSE 0 END)
            FROM monitor_unitstate s JOIN monitor_functiongroup g ON g.id = s.group_id
            GROUP BY s.count_id""",
        "mix": """
            SELECT s.count_id, g.code, COUNT(*), SUM(s.floor_area)
            FROM monitor_unitstate s JOIN monitor_functiongroup g ON g.id = s.group_id
            GROUP BY s.count_id, g.code""",
        "diversity": """
            SELECT t.count_id, SUM(t.n), SUM(t.n * t.n), COUNT(*)
            FROM (SELECT s.count_id, s.branch_id, COUNT(*) AS n
                  FROM monitor_unitstate s JOIN monitor_functiongroup g ON g.id = s.group_id
                  WHERE g.sector = 'detailhandel' AND NOT s.is_vacant AND s.branch_id IS NOT NULL
                  GROUP BY s.count_id, s.branch_id) t
            GROUP BY t.count_id""",
        "duration": f"""
            SELECT s.count_id,
                   SUM(CASE WHEN {days} <= 365 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {days} > 365 AND {days} <= 1095 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {days} > 1095 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.vacant_since_open THEN 1 ELSE 0 END)
            FROM monitor_unitstate s JOIN monitor_count c ON c.id = s.count_id
            WHERE s.is_vacant
            GROUP BY s.count_id""",
        "churn": _CHURN_SQL.format(where=""),
    }
    result: dict[int, dict] = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql)
            rows = cursor.fetchall()
            for row in rows:
                entry = result.setdefault(row[0], {})
                if name == "mix":
                    entry.setdefault("mix", {})[row[1]] = row[2]
                else:
                    entry[name] = row[1:]
    return result


def check_same(stored: dict[int, dict], base: dict[int, dict]) -> list[str]:
    """Differences between AreaIndicators and the baseline's numbers (empty when they agree)."""
    differences = []
    for count_id, values in stored.items():
        b = base.get(count_id, {})
        all_units, units, vacant, known, area, vacant_area, chain_known, independents = b["totals"]
        expected = {
            "all_units": all_units,
            "units": units,
            "vacant_units": vacant,
            "floor_area_known": known,
            "floor_area": area if known else None,
            "vacant_floor_area": vacant_area or 0 if known else None,
            "chain_known": chain_known,
            "independent_units": independents,
            "mix": b["mix"],
        }
        if "diversity" in b:
            n, squares, branches = b["diversity"]
            expected["branches"] = branches
            expected["diversity"] = 1 - float(squares) / float(n * n)
        short, long, structural, lower = b.get("duration", (0, 0, 0, 0))
        expected["vacancy_duration"] = {"short": short, "long": long, "structural": structural, "lower_bound": lower}
        if "churn" in b:
            continuing, openings, closures, function_changes, occupant_changes = b["churn"]
            expected["churn_counts"] = (openings, closures, function_changes, occupant_changes, all_units - continuing)
            churn = values["churn"]
            values = dict(values)
            values["churn_counts"] = (
                churn["openings"],
                churn["closures"],
                churn["function_changes"],
                churn["occupant_changes"],
                churn["new_units"],
            )
        for key, want in expected.items():
            got = values.get(key)
            if isinstance(want, (int, float, Decimal)) and not isinstance(want, bool) and got is not None:
                same = abs(float(got) - float(want)) < 1e-9
            else:
                same = got == want
            if not same:
                differences.append(f"count {count_id}, {key}: refresh_all {got!r}, SQL {want!r}")
    return differences


# --- Run ----------------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    home, throw_away = configure(args, test_environment=False)
    try:
        return run(args)
    finally:
        if throw_away:
            shutil.rmtree(home, ignore_errors=True)


def run(args) -> int:
    from django.db import connection

    from kernkompas.monitor import indicators
    from kernkompas.monitor.models import AreaIndicators, UnitState

    setup_seconds = ensure_data(args)
    states = UnitState.objects.count()
    print(f"Setup took {setup_seconds:.1f} s on {connection.vendor}: {states:,} unit states, {args.areas} areas.\n")
    ours, base = [], []
    started = time.perf_counter()
    base_numbers = baseline()  # warm-up: both sides then find the tables in the cache, not on disk
    print(f"Warm-up (the SQL once, not counted): {time.perf_counter() - started:.1f} s")
    for _ in range(args.repeat):
        started = time.perf_counter()
        indicators.refresh_all()
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        base_numbers = baseline()
        base.append(time.perf_counter() - started)
    stored = {row.count_id: row.values for row in AreaIndicators.objects.all()}
    differences = check_same(stored, base_numbers)
    best_ours, best_base = min(ours), min(base)
    print(f"{'':<52} {'best':>9} {'median':>9}")
    print(f"{'(a) indicators.refresh_all() (compute + store)':<52} {best_ours:>8.2f}s {statistics.median(ours):>8.2f}s")
    print(f"{'(b) the same aggregation in plain SQL':<52} {best_base:>8.2f}s {statistics.median(base):>8.2f}s")
    ratio = best_ours / best_base
    print(f"\n{len(stored):,} area counts; ratio (a)/(b) = {ratio:.2f}×  (target ≤ {TARGET_RATIO:g}×)")
    print(f"states per second: {states / best_ours:,.0f} (refresh_all), {states / best_base:,.0f} (SQL)")
    same = not differences
    print("same numbers as the SQL: " + ("yes, for every count" if same else f"NO, {len(differences)} differences"))
    for line in differences[:10]:
        print("  " + line)
    passed = ratio <= TARGET_RATIO and same
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
