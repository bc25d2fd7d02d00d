"""Size classes of municipalities by population.

The bounds follow the classes used in Flemish and Dutch policy reports (e.g. "gemeenten van 10.000 tot
25.000 inwoners"), so a reason such as "past bij gemeenten van 10.000–25.000 inwoners" reads naturally.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SizeBand:
    code: str
    lower: int  # inclusive
    upper: int | None  # exclusive; None = no upper bound


SIZE_BANDS: tuple[SizeBand, ...] = (
    SizeBand("lt10k", 0, 10_000),
    SizeBand("10k-25k", 10_000, 25_000),
    SizeBand("25k-50k", 25_000, 50_000),
    SizeBand("50k-100k", 50_000, 100_000),
    SizeBand("gte100k", 100_000, None),
)
SIZE_CODES = tuple(band.code for band in SIZE_BANDS)


def size_class_for(population: int | None) -> str | None:
    """The code of the band the population falls in, or None when the population is unknown."""
    if population is None or population < 0:
        return None
    for band in SIZE_BANDS:
        if band.upper is None or population < band.upper:
            return band.code
    return None  # unreachable: the last band is open-ended


def neighbour_classes(code: str) -> tuple[str, ...]:
    """The class itself and the ones directly above and below it."""
    index = SIZE_CODES.index(code)
    return SIZE_CODES[max(0, index - 1) : index + 2]
