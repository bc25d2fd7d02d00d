"""The statistics of a survey's results, defined so that each figure can be checked by hand (framework-free).

Every answer is a whole score on a closed scale (1–5 for the DNA validation, 1–7 for the Place Standard themes).

n
    The number of answers to the item (people who skipped it are not counted).
mean
    ``x̄ = Σx / n``.
sample standard deviation
    ``s = √(Σ(x − x̄)² / (n − 1))``: the n − 1 (Bessel) form, because the respondents are a sample of the people.
95 % interval (Student's t)
    ``x̄ ± t(0.975, n − 1) · s / √n``, where ``t(0.975, df)`` is the 97.5th percentile of Student's t distribution
    with ``df = n − 1`` degrees of freedom, computed here (no SciPy): the regularised incomplete beta function by
    its continued fraction gives the t distribution's CDF, and bisection inverts it to four decimals or better
    (12.706 for df = 1, 2.776 for df = 4, 2.042 for df = 30, → 1.960 for large df).
    The interval is **clipped to the scale** (a mean of answers 1–5 cannot lie outside 1–5; with few answers the
    formula can reach past the ends). With **n < 2** there is no interval: one answer has no spread to estimate
    (``reason = "n<2"``). The interval assumes the respondents are a random sample of the group, which a survey
    people choose to answer is not: it describes the uncertainty from the number of answers, not the bias of who
    answered.
distribution
    The count of answers per score, from the lowest to the highest score of the scale (scores outside the scale
    are refused before they are stored, so none is left out here).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

CONFIDENCE = 0.95
NO_INTERVAL_FEW = "n<2"


def mean(values: Sequence[float]) -> float | None:
    if not values:
        return None
    return math.fsum(values) / len(values)


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n − 1 in the denominator); None for fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    m = math.fsum(values) / n
    return math.sqrt(math.fsum((x - m) ** 2 for x in values) / (n - 1))


# --- Student's t ----------------------------------------------------------------------------------------------


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 6.4)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def regularized_beta(a: float, b: float, x: float) -> float:
    """``I_x(a, b)``, the regularised incomplete beta function, for 0 ≤ x ≤ 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: int) -> float:
    """P(T ≤ t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * regularized_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


@lru_cache(maxsize=512)
def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (0.5 < p < 1) of Student's t with ``df`` ≥ 1 degrees of freedom, by bisection."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if not 0.5 < p < 1.0:
        raise ValueError("p must lie between 0.5 and 1")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-10:
            break
    return (low + high) / 2.0


# --- One item ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """What the results say about one item for one group of respondents."""

    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    t: float | None  # the t quantile used, for the method note
    distribution: tuple[int, ...]  # count per score, lowest score first
    low: int  # the scale's lowest and highest score
    high: int
    reason: str = ""  # why there is no interval ("n<2"), empty when there is one

    @property
    def has_interval(self) -> bool:
        return self.ci_low is not None

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(range(self.low, self.high + 1))

    @property
    def max_count(self) -> int:
        return max(self.distribution) if self.distribution else 0


def distribution(values: Iterable[int], low: int, high: int) -> tuple[int, ...]:
    """The count of values per score ``low`` … ``high``; a value outside the scale is an error."""
    counts = [0] * (high - low + 1)
    for value in values:
        if not low <= value <= high:
            raise ValueError(f"score {value} outside the scale {low}–{high}")
        counts[value - low] += 1
    return tuple(counts)


def interval(values: Sequence[float], *, low: float | None = None, high: float | None = None):
    """``(ci_low, ci_high, t)``: the 95 % t interval of the mean, clipped to ``low``–``high`` when given;
    ``(None, None, None)`` for fewer than two values."""
    n = len(values)
    if n < 2:
        return None, None, None
    m, s = mean(values), sample_sd(values)
    t = t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1)
    half = t * s / math.sqrt(n)
    ci_low, ci_high = m - half, m + half
    if low is not None:
        ci_low = max(ci_low, low)
    if high is not None:
        ci_high = min(ci_high, high)
    return ci_low, ci_high, t


def summarise(values: Sequence[int], low: int, high: int) -> Summary:
    """n, mean, sample sd, the clipped 95 % t interval and the distribution of one item's answers."""
    values = list(values)
    counts = distribution(values, low, high)
    ci_low, ci_high, t = interval(values, low=low, high=high)
    return Summary(
        n=len(values),
        mean=mean(values),
        sd=sample_sd(values),
        ci_low=ci_low,
        ci_high=ci_high,
        t=t,
        distribution=counts,
        low=low,
        high=high,
        reason="" if ci_low is not None else NO_INTERVAL_FEW,
    )
