"""The statistics of a DNA profile, defined so that each figure can be checked by hand.

median
    The middle value; the mean of the two middle values for an even count.
MAD and robust spread
    ``MAD = median(|x − median|)``. The robust spread is ``1.4826 · MAD`` (for normal data that estimates the
    standard deviation). **Fallback when MAD = 0** (more than half the peers share one value, common with counts of
    zero): ``1.2533 · mean(|x − median|)`` (the mean absolute deviation, scaled the same way: √(π/2)). When that is
    0 too, every peer has the same value and there is no spread.
robust z
    ``(x − median) / spread``. Without spread: 0 when x equals the median, otherwise undefined (NaN): "the peers all
    have the same value" says nothing about how far above them x is.
percentile rank (mean-rank method)
    ``100 · (number of peers below x + ½ · number equal to x) / number of peers``: ties count half, so x at the
    median of peers that are all different gets 50, and a value above all peers gets 100.
cosine similarity
    ``a·b / (|a| |b|)`` of two standardised profiles (NaN counts as 0). A zero vector (a core exactly at the
    median everywhere) has no direction: its similarity with another core is 0; with itself it is 1, so the
    diagonal of the matrix is always 1.

The vectorised forms (``*_columns``, :func:`cosine_matrix`) work on a cores × indicators matrix with NaN for an
unknown value (left out of that indicator's group) and give exactly the same numbers as the scalar forms.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAD_SCALE = 1.4826
MEAN_AD_SCALE = 1.2533


def median(values: Sequence[float]) -> float:
    if len(values) == 0:
        return float("nan")
    return float(np.median(np.asarray(values, dtype=float)))


def mad(values: Sequence[float]) -> float:
    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return float("nan")
    return float(np.median(np.abs(array - np.median(array))))


def spread(values: Sequence[float]) -> float:
    """The robust spread with its fallback (see the module text); 0 when all values are equal."""
    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return float("nan")
    deviations = np.abs(array - np.median(array))
    value = MAD_SCALE * float(np.median(deviations))
    if value > 0:
        return value
    return MEAN_AD_SCALE * float(deviations.mean())


def robust_z(x: float, peers: Sequence[float]) -> float:
    centre, scale = median(peers), spread(peers)
    if not scale > 0:
        return 0.0 if x == centre else float("nan")
    return (x - centre) / scale


def percentile_rank(x: float, peers: Sequence[float]) -> float:
    array = np.asarray(peers, dtype=float)
    if array.size == 0:
        return float("nan")
    below = np.count_nonzero(array < x)
    equal = np.count_nonzero(array == x)
    return 100.0 * (below + 0.5 * equal) / array.size


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    matrix = cosine_matrix(np.vstack([np.asarray(a, dtype=float), np.asarray(b, dtype=float)]))
    return float(matrix[0, 1])


# --- vectorised: columns are indicators, rows are cores -------------------------------------------------------


def median_columns(matrix: np.ndarray) -> np.ndarray:
    """Median per column, NaN left out (NaN for a column without values)."""
    return _nan_safe(np.nanmedian, matrix)


def spread_columns(matrix: np.ndarray, centre: np.ndarray | None = None) -> np.ndarray:
    """Robust spread per column with the MAD = 0 fallback, as :func:`spread`."""
    if centre is None:
        centre = median_columns(matrix)
    deviations = np.abs(matrix - centre)
    scale = MAD_SCALE * _nan_safe(np.nanmedian, deviations)
    fallback = MEAN_AD_SCALE * _nan_safe(np.nanmean, deviations)
    return np.where(scale > 0, scale, fallback)


def robust_z_columns(matrix: np.ndarray) -> np.ndarray:
    """Each value's robust z against its own column (the group including itself)."""
    centre = median_columns(matrix)
    scale = spread_columns(matrix, centre)
    difference = matrix - centre
    with np.errstate(divide="ignore", invalid="ignore"):
        z = difference / scale
    no_spread = ~(scale > 0)
    if no_spread.any():
        z[:, no_spread] = np.where(difference[:, no_spread] == 0, 0.0, np.nan)
    return z


def percentile_columns(matrix: np.ndarray) -> np.ndarray:
    """Each value's mean-rank percentile within its own column (the group including itself); NaN stays NaN."""
    result = np.full(matrix.shape, np.nan)
    for column in range(matrix.shape[1]):
        values = matrix[:, column]
        known = ~np.isnan(values)
        ordered = np.sort(values[known])
        if ordered.size == 0:
            continue
        below = np.searchsorted(ordered, values[known], side="left")
        not_above = np.searchsorted(ordered, values[known], side="right")
        result[known, column] = 100.0 * (below + 0.5 * (not_above - below)) / ordered.size
    return result


def cosine_matrix(matrix: np.ndarray) -> np.ndarray:
    """Cosine similarity of every pair of rows; NaN counts as 0; zero rows: 0 with others, 1 with themselves."""
    rows = np.nan_to_num(np.asarray(matrix, dtype=float), nan=0.0)
    norms = np.linalg.norm(rows, axis=1)
    nonzero = norms > 0
    unit = np.zeros_like(rows)
    unit[nonzero] = rows[nonzero] / norms[nonzero, None]
    similarity = np.clip(unit @ unit.T, -1.0, 1.0)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _nan_safe(function, matrix: np.ndarray) -> np.ndarray:
    """``nanmedian``/``nanmean`` per column without the warning for an all-NaN column (that column gives NaN)."""
    matrix = np.asarray(matrix, dtype=float)
    result = np.full(matrix.shape[1], np.nan)
    filled = ~np.all(np.isnan(matrix), axis=0)
    if filled.any():
        result[filled] = function(matrix[:, filled], axis=0)
    return result
