"""Core profiles, one core against its peers, and complementarity in a region.

A :class:`ProfileTable` holds, for a set of cores, the feature count behind each indicator and the indicator's value
(count per 1,000 inhabitants or per km²; NaN when the population or area is unknown or 0). Everything else is
computed from it with NumPy, so 600 cores cost about what the bare NumPy computation costs.

One core against a peer group (:func:`compare`)
    The peers are the cores the user chose, **without the core itself**. Per indicator: the value, the peers'
    median, the percentile rank and the robust z (see :mod:`.stats`). A candidate strength ("troef") is an
    indicator with z ≥ ``strength_z`` (default 1: clearly above the peers), ranked by z. It is **withheld**, with
    the reason, when fewer than ``min_count`` features (default 5) stand behind the core's value, when fewer than
    ``min_peers`` peers (default 5) have a value, when the value is unknown, or when the peers all have the same
    value (no spread).

Complementarity in a region (:func:`complementarity`)
    Each core is standardised against the whole region (robust z per indicator, the group including the core).
    The similarity matrix is the cosine similarity of those z profiles. A core's *top strengths* are its best
    ``top_n`` (default 3) candidate strengths under the same rules as above (withheld ones never count). *Unique*:
    its top strengths that are no other core's top strength; *overlaps*: per shared top strength, the other cores.
    A **warning** is raised per indicator when two or more cores have it in their top strengths with z ≥ ``warn_z``
    (default 1.5): they would build their DNA on the same strength.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kernkompas.lib.dna import stats
from kernkompas.lib.dna.catalogue import CATALOGUE, PER_1000, Indicator

MIN_COUNT = 5
MIN_PEERS = 5
STRENGTH_Z = 1.0
TOP_N = 3
WARN_Z = 1.5

# Reasons a candidate is withheld (English msgids; the Django layer translates and fills in the numbers).
TOO_FEW_FEATURES = "too_few_features"
TOO_FEW_PEERS = "too_few_peers"
UNKNOWN_VALUE = "unknown_value"
NO_SPREAD = "no_spread"
REASONS = {
    TOO_FEW_FEATURES: "fewer than {min_count} features behind the value ({count})",
    TOO_FEW_PEERS: "fewer than {min_peers} peers with a value ({peers})",
    UNKNOWN_VALUE: "the value is unknown (no population or area for this core)",
    NO_SPREAD: "all peers have the same value, so there is nothing to compare with",
}


@dataclass(frozen=True)
class Core:
    """A core with its reference figures and its feature count per indicator code."""

    key: str
    name: str
    population: float | None
    area_km2: float | None
    counts: Mapping[str, int]


class ProfileTable:
    """Counts and values of cores (rows) × indicators (columns)."""

    def __init__(
        self,
        keys: Sequence[str],
        names: Sequence[str],
        population: np.ndarray,
        area_km2: np.ndarray,
        counts: np.ndarray,
        indicators: Sequence[Indicator] = CATALOGUE,
    ):
        if len(set(keys)) != len(keys):
            raise ValueError("two cores have the same key")
        self.keys = list(keys)
        self.names = list(names)
        self.indicators = tuple(indicators)
        self.population = np.asarray(population, dtype=float)
        self.area_km2 = np.asarray(area_km2, dtype=float)
        self.counts = np.asarray(counts, dtype=np.int64)
        if self.counts.shape != (len(self.keys), len(self.indicators)):
            raise ValueError(f"counts must be {len(self.keys)} × {len(self.indicators)}, not {self.counts.shape}")
        self.index = {key: row for row, key in enumerate(self.keys)}
        per_1000 = np.array([indicator.unit == PER_1000 for indicator in self.indicators])
        with np.errstate(divide="ignore", invalid="ignore"):
            people = np.where(self.population > 0, self.population / 1000.0, np.nan)
            area = np.where(self.area_km2 > 0, self.area_km2, np.nan)
            denominator = np.where(per_1000[None, :], people[:, None], area[:, None])
            self.values = self.counts / denominator

    @classmethod
    def from_cores(cls, cores: Iterable[Core], indicators: Sequence[Indicator] = CATALOGUE) -> ProfileTable:
        cores = list(cores)
        codes = [indicator.code for indicator in indicators]
        counts = np.array([[core.counts.get(code, 0) for code in codes] for core in cores], dtype=np.int64)
        return cls(
            [core.key for core in cores],
            [core.name for core in cores],
            np.array([np.nan if core.population is None else core.population for core in cores], dtype=float),
            np.array([np.nan if core.area_km2 is None else core.area_km2 for core in cores], dtype=float),
            counts.reshape(len(cores), len(codes)),
            indicators,
        )

    @property
    def codes(self) -> list[str]:
        return [indicator.code for indicator in self.indicators]

    def value(self, key: str, code: str) -> float:
        return float(self.values[self.index[key], self.codes.index(code)])


def count_units(core_rows: np.ndarray, matches: np.ndarray, n_cores: int) -> np.ndarray:
    """Counts per core (rows) and indicator (columns) of units already assigned to a core: ``core_rows[i]`` is the
    row of unit ``i`` (−1 for none), ``matches[i, j]`` whether it counts for indicator ``j``."""
    core_rows = np.asarray(core_rows, dtype=np.int64)
    matches = np.asarray(matches, dtype=bool)
    placed = core_rows >= 0
    core_rows, matches = core_rows[placed], matches[placed]
    if core_rows.size and (np.diff(core_rows) >= 0).all():
        # Units grouped by core (the usual order of a register): one pass summing each core's block of rows.
        counts = np.zeros((n_cores, matches.shape[1]), dtype=np.int64)
        starts = np.flatnonzero(np.r_[True, core_rows[1:] != core_rows[:-1]])
        # Summed along contiguous rows of the transposed matrix: twice as fast as down the columns.
        by_indicator = np.ascontiguousarray(matches.T).view(np.uint8)
        counts[core_rows[starts]] = np.add.reduceat(by_indicator, starts, axis=1, dtype=np.int32).T
        return counts
    counts = np.empty((n_cores, matches.shape[1]), dtype=np.int64)
    for column in range(matches.shape[1]):
        counts[:, column] = np.bincount(core_rows[matches[:, column]], minlength=n_cores)
    return counts


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: Indicator
    value: float
    count: int
    peer_median: float
    percentile: float
    z: float
    peers: tuple[tuple[str, float], ...]  # (key, value) of the peers with a value, the numbers behind the median
    withheld: str | None = None  # a REASONS key, or None when the figure may be a candidate

    @property
    def n_peers(self) -> int:
        return len(self.peers)


@dataclass(frozen=True)
class CoreComparison:
    key: str
    peer_keys: tuple[str, ...]
    rows: tuple[IndicatorComparison, ...]
    strengths: tuple[IndicatorComparison, ...]  # candidates, best first
    withheld: tuple[IndicatorComparison, ...]  # might have been candidates, each with its reason


def compare(
    table: ProfileTable,
    key: str,
    peer_keys: Iterable[str],
    *,
    min_count: int = MIN_COUNT,
    min_peers: int = MIN_PEERS,
    strength_z: float = STRENGTH_Z,
) -> CoreComparison:
    """One core against the peers the user chose (the core itself is never its own peer)."""
    row = table.index[key]
    peers = tuple(dict.fromkeys(p for p in peer_keys if p != key))
    unknown = [p for p in peers if p not in table.index]
    if unknown:
        raise KeyError(f"unknown peer cores: {', '.join(unknown)}")
    peer_rows = [table.index[p] for p in peers]
    rows = []
    for column, indicator in enumerate(table.indicators):
        value = float(table.values[row, column])
        count = int(table.counts[row, column])
        known = [(p, float(table.values[r, column])) for p, r in zip(peers, peer_rows, strict=True)]
        known = [(p, v) for p, v in known if not np.isnan(v)]
        peer_values = [v for _, v in known]
        centre = stats.median(peer_values)
        z = stats.robust_z(value, peer_values) if peer_values and not np.isnan(value) else float("nan")
        percentile = stats.percentile_rank(value, peer_values) if not np.isnan(value) else float("nan")
        reason = _reason(value, count, len(known), z, min_count=min_count, min_peers=min_peers)
        rows.append(IndicatorComparison(indicator, value, count, centre, percentile, z, tuple(known), reason))
    above = {r.indicator.code for r in rows if not np.isnan(r.z) and r.z >= strength_z}
    strengths = sorted(
        (r for r in rows if r.indicator.code in above and r.withheld is None), key=lambda r: (-r.z, r.indicator.code)
    )
    # A withheld figure is listed, with its reason, when it might have been a strength: above the threshold, above
    # peers that all share one value, or unknown (nobody can tell).
    withheld = [
        r
        for r in rows
        if r.withheld is not None
        and (
            r.indicator.code in above
            or r.withheld == UNKNOWN_VALUE
            or (r.withheld == NO_SPREAD and r.value > r.peer_median)
        )
    ]
    return CoreComparison(key, peers, tuple(rows), tuple(strengths), tuple(withheld))


def _reason(value: float, count: int, n_peers: int, z: float, *, min_count: int, min_peers: int) -> str | None:
    if np.isnan(value):
        return UNKNOWN_VALUE
    if count < min_count:
        return TOO_FEW_FEATURES
    if n_peers < min_peers:
        return TOO_FEW_PEERS
    if np.isnan(z):
        return NO_SPREAD
    return None


@dataclass(frozen=True)
class OverlapWarning:
    """Two or more cores would build their DNA on the same strength."""

    code: str
    keys: tuple[str, ...]
    z: tuple[float, ...]


@dataclass
class Region:
    keys: list[str]
    codes: list[str]
    z: np.ndarray  # cores × indicators, robust z against the region
    percentile: np.ndarray
    similarity: np.ndarray  # cores × cores, cosine of the z profiles
    top: dict[str, tuple[str, ...]]  # per core: its top strengths (codes), best first
    unique: dict[str, tuple[str, ...]]
    sharing: dict[str, tuple[str, ...]]  # per top strength held by two or more cores: those cores
    warnings: list[OverlapWarning]
    withheld: np.ndarray  # cores × indicators, True where a figure may not be a candidate
    index: dict[str, int] = field(default_factory=dict)

    def overlaps(self, key: str) -> dict[str, tuple[str, ...]]:
        """Where a core overlaps: per top strength it shares, the other cores that have it in their top too."""
        return {
            code: tuple(k for k in self.sharing[code] if k != key) for code in self.top[key] if code in self.sharing
        }

    def most_similar(self, key: str, n: int = 3) -> list[tuple[str, float]]:
        row = self.index[key]
        order = [c for c in np.argsort(-self.similarity[row], kind="stable") if c != row][:n]
        return [(self.keys[c], float(self.similarity[row, c])) for c in order]


def complementarity(
    table: ProfileTable,
    *,
    top_n: int = TOP_N,
    warn_z: float = WARN_Z,
    min_count: int = MIN_COUNT,
    min_peers: int = MIN_PEERS,
    strength_z: float = STRENGTH_Z,
) -> Region:
    """The region's cores side by side (see the module text)."""
    values = table.values
    z = stats.robust_z_columns(values)
    percentile = stats.percentile_columns(values)
    similarity = stats.cosine_matrix(z)
    known = ~np.isnan(values)
    peers_with_value = known.sum(axis=0)[None, :] - known  # the others of the region with a value
    withheld = ~known | (table.counts < min_count) | (peers_with_value < min_peers) | np.isnan(z)
    candidate = ~withheld & (np.nan_to_num(z, nan=-np.inf) >= strength_z)
    ranked = np.where(candidate, z, -np.inf)
    n_top = min(top_n, ranked.shape[1])
    order = np.argsort(-ranked, axis=1, kind="stable")[:, :n_top]
    is_top = np.zeros_like(candidate)
    rows = np.arange(ranked.shape[0])[:, None]
    is_top[rows, order] = candidate[rows, order]
    codes = table.codes
    top = {}
    for row, key in enumerate(table.keys):
        top[key] = tuple(codes[c] for c in order[row] if is_top[row, c])
    holders = is_top.sum(axis=0)
    unique = {key: tuple(code for code in top[key] if holders[codes.index(code)] == 1) for key in table.keys}
    sharing: dict[str, tuple[str, ...]] = {}
    warnings = []
    for column in np.flatnonzero(holders > 1):
        rows_sharing = np.flatnonzero(is_top[:, column])
        sharing[codes[column]] = tuple(table.keys[r] for r in rows_sharing)
        strong = rows_sharing[z[rows_sharing, column] >= warn_z]
        if strong.size >= 2:
            strong = strong[np.argsort(-z[strong, column], kind="stable")]
            warnings.append(
                OverlapWarning(
                    codes[column], tuple(table.keys[r] for r in strong), tuple(float(z[r, column]) for r in strong)
                )
            )
    return Region(
        list(table.keys),
        codes,
        z,
        percentile,
        similarity,
        top,
        unique,
        sharing,
        warnings,
        withheld,
        dict(table.index),
    )
