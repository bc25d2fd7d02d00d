"""Kern-DNA benchmark: core profiles and the complementarity matrix of a large region, against bare NumPy/pandas.

Run it as ``python bench/dna_profiles_bench.py`` (see bench/README.md). It is not a test: pytest does not collect it,
and it needs no database (``kernkompas.lib.dna`` is framework-free).

Synthetic, seeded data: ``--cores`` cores (default 600) with ``--units`` units each (default 1,000: 600,000 units),
populations 500–50,000 and areas 0.2–20 km² (log-uniform); every unit has one of the kinds of a fixed list of OSM
tag sets (shop=bakery, amenity=restaurant, highway=bus_stop, building=apartments, …) drawn with core-specific weights,
so cores really differ. Which indicators a kind counts for is decided once by the catalogue's tag rules and shared
by both sides: the bench measures the profile computation, not the tag matching.

Measured, best of ``--repeat`` runs, alternating so that load on the machine hits both:

  (a) the library: ``profiles.count_units`` → ``ProfileTable`` → ``complementarity`` (values per 1,000
      inhabitants / per km², robust z and mean-rank percentiles against the region, candidate strengths with
      withholding, top 3, unique strengths, overlaps, warnings, the 600 × 600 cosine similarity matrix);
  (b) the BASELINE in the same run: the same computation written directly with pandas (``groupby().sum()``,
      ``median``, ``rank``) and NumPy (``argsort``, a matrix product for the cosine), no library code.

Both must give the same z matrix, similarity matrix and top strengths (checked). It prints both times and the target

  library ≤ 2 × bare NumPy/pandas: PASS/FAIL

and exits 1 when the target fails (or the results differ).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kernkompas.lib.dna import catalogue, profiles  # noqa: E402

TARGET_RATIO = 2.0

KINDS = (
    [
        {"shop": v}
        for v in (
            "bakery",
            "supermarket",
            "clothes",
            "shoes",
            "books",
            "antiques",
            "gift",
            "hairdresser",
            "travel_agency",
        )
    ]
    + [
        {"amenity": v}
        for v in ("restaurant", "fast_food", "cafe", "bar", "bank", "pharmacy", "doctors", "library", "theatre")
    ]
    + [{"amenity": v} for v in ("marketplace", "community_centre", "parking", "bicycle_parking", "fountain")]
    + [
        {"tourism": "hotel"},
        {"tourism": "museum"},
        {"tourism": "artwork"},
        {"tourism": "viewpoint"},
        {"historic": "monument"},
        {"leisure": "park"},
        {"leisure": "fitness_centre"},
        {"natural": "water"},
        {"office": "company"},
        {"craft": "carpenter"},
        {"highway": "bus_stop"},
        {"building": "house"},
        {"building": "apartments"},
    ]
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cores", type=int, default=600, help="number of cores (default 600)")
    parser.add_argument("--units", type=int, default=1000, help="units per core (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="runs per side; the best counts (default 15)")
    parser.add_argument("--seed", type=int, default=12)
    return parser.parse_args(argv)


def synthetic(cores: int, units: int, seed: int):
    rng = np.random.default_rng(seed)
    indicators = catalogue.CATALOGUE
    kind_matches = np.array([[i.matches(tags) for i in indicators] for tags in KINDS], dtype=bool)
    weights = rng.gamma(0.6, 1.0, size=(cores, len(KINDS)))
    weights /= weights.sum(axis=1, keepdims=True)
    cumulative = weights.cumsum(axis=1)
    draws = rng.random((cores, units))
    kinds = np.minimum((draws[:, :, None] > cumulative[:, None, :]).sum(axis=2), len(KINDS) - 1).ravel()
    core_rows = np.repeat(np.arange(cores), units)
    matches = kind_matches[kinds]
    population = np.round(np.exp(rng.uniform(np.log(500), np.log(50_000), cores)))
    area = np.exp(rng.uniform(np.log(0.2), np.log(20), cores))
    keys = [f"kern-{n:04d}" for n in range(cores)]
    return keys, population, area, core_rows, matches


def library(keys, population, area, core_rows, matches):
    counts = profiles.count_units(core_rows, matches, len(keys))
    table = profiles.ProfileTable(keys, keys, population, area, counts)
    return profiles.complementarity(table)


def baseline(keys, population, area, core_rows, matches):
    """The same figures written directly with pandas and NumPy."""
    indicators = catalogue.CATALOGUE
    codes = [i.code for i in indicators]
    counts = pd.DataFrame(matches, columns=codes).groupby(core_rows).sum().reindex(range(len(keys)), fill_value=0)
    per_1000 = np.array([i.unit == catalogue.PER_1000 for i in indicators])
    denominator = np.where(per_1000[None, :], (population / 1000.0)[:, None], area[:, None])
    values = counts / denominator
    median = values.median()
    deviation = (values - median).abs()
    scale = 1.4826 * deviation.median()
    scale = scale.where(scale > 0, 1.2533 * deviation.mean())
    z = np.array((values - median) / scale, dtype=float)
    z[:, (scale == 0).to_numpy()] = np.where((values - median).to_numpy()[:, (scale == 0).to_numpy()] == 0, 0, np.nan)
    percentile = ((values.rank(method="average") - 0.5) / len(values) * 100).to_numpy()
    zero_filled = np.nan_to_num(z)
    norms = np.linalg.norm(zero_filled, axis=1, keepdims=True)
    unit = np.divide(zero_filled, norms, out=np.zeros_like(zero_filled), where=norms > 0)
    similarity = np.clip(unit @ unit.T, -1, 1)
    np.fill_diagonal(similarity, 1.0)
    count_array = counts.to_numpy()
    candidate = (count_array >= 5) & ~np.isnan(z) & (np.nan_to_num(z, nan=-np.inf) >= 1.0)
    ranked = np.where(candidate, z, -np.inf)
    order = np.argsort(-ranked, axis=1, kind="stable")[:, :3]
    rows = np.arange(len(keys))[:, None]
    is_top = np.zeros_like(candidate)
    is_top[rows, order] = candidate[rows, order]
    holders = is_top.sum(axis=0)
    top = {key: tuple(codes[c] for c in order[r] if is_top[r, c]) for r, key in enumerate(keys)}
    unique = {key: tuple(c for c in top[key] if holders[codes.index(c)] == 1) for key in keys}
    warnings = {}
    for column in np.flatnonzero(holders > 1):
        sharing = np.flatnonzero(is_top[:, column])
        strong = sharing[z[sharing, column] >= 1.5]
        if strong.size >= 2:
            warnings[codes[column]] = [keys[r] for r in strong[np.argsort(-z[strong, column], kind="stable")]]
    return z, percentile, similarity, top, unique, warnings


def best_of(function, args, repeat: int, other, other_times: list[float]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        other(*args)
        other_times.append(time.perf_counter() - started)
    return min(times), result


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    data = synthetic(args.cores, args.units, args.seed)
    print(
        f"{args.cores:,} cores × {args.units:,} units ({len(data[3]):,} units, {len(catalogue.CATALOGUE)} indicators),"
        f" made in {time.perf_counter() - started:.2f} s"
    )
    library(*data), baseline(*data)  # warm-up
    base_times: list[float] = []
    lib_time, region = best_of(library, data, args.repeat, baseline, base_times)
    base_time = min(base_times)
    z, percentile, similarity, top, unique, warnings = baseline(*data)
    same = (
        np.allclose(region.z, z, equal_nan=True)
        and np.allclose(region.percentile, percentile, equal_nan=True)
        and np.allclose(region.similarity, similarity)
        and region.top == top
        and region.unique == unique
        and {w.code: list(w.keys) for w in region.warnings} == warnings
    )
    ratio = lib_time / base_time
    print(f"{'':44} {'best s':>8} {'ratio':>7}")
    print(f"{'BASELINE  bare NumPy/pandas':44} {base_time:8.3f} {1:6.2f}×")
    print(f"{'(a) lib.dna: count_units + complementarity':44} {lib_time:8.3f} {ratio:6.2f}×")
    shown = sum(len(t) for t in region.top.values())
    print(
        f"cores with a top strength: {sum(1 for t in region.top.values() if t):,}; top strengths {shown:,}; "
        f"unique {sum(len(u) for u in region.unique.values()):,}; warnings {len(region.warnings)}; "
        f"similarity matrix {region.similarity.shape[0]}×{region.similarity.shape[1]}"
    )
    print(f"same figures as the baseline: {'PASS' if same else 'FAIL'}")
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"library ≤ {TARGET_RATIO:g} × bare NumPy/pandas: {ratio:.2f}× {verdict}")
    return 0 if same and verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
