"""Similar municipalities ("vergelijkbare gemeenten"), each with the reasons why.

Framework-free: the caller turns database rows into ``Place`` objects and reasons into sentences. The method is
deliberately simple enough to explain in one paragraph (cf. Understanding Scottish Places: not a ranking, just
"places like yours"):

- the main measure is the difference in population and in population density, on a logarithmic scale, so that
  10,000 against 12,000 counts as much as 100,000 against 120,000;
- a different role in the province (regional centre, medium-sized or smaller municipality) and, where known, a
  different CBS degree of urbanity add a small distance; the same province takes a little off;
- municipalities of the same country always come first; others only fill up the list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from statistics import median
from typing import Any, NamedTuple

from kernkompas.lib.sizeclass import size_class_for

REGIONAL_CENTRE = "regional_centre"
MEDIUM = "medium"
SMALLER = "smaller"

# A municipality counts as a regional centre when it is the largest of its province or has at least this many
# times the population of the province's median municipality.
CENTRE_MEDIAN_FACTOR = 2.5
# Provinces with fewer municipalities than this get no roles: "largest of two" says nothing.
MIN_GROUP_FOR_ROLES = 3

WEIGHT_POPULATION = 1.0
WEIGHT_DENSITY = 0.6
WEIGHT_URBANITY_STEP = 0.25
ROLE_MISMATCH = 0.35
SAME_PROVINCE_BONUS = 0.1
# Added when a density is unknown, so that a municipality without an area does not look perfectly similar.
UNKNOWN_DENSITY = 0.4

# Figures within this ratio of each other are reported as "similar".
SIMILAR_RATIO = 1.5


@dataclass(frozen=True)
class Place:
    """What the comparison needs to know about one municipality."""

    code: str
    population: int | None
    area_km2: float | None
    country: str
    province: str | None = None
    urbanity: int | None = None  # CBS 1 (very strongly urban) … 5 (not urban); None where unknown (Belgium)
    role: str | None = None  # role in the province, see assign_roles()

    @property
    def density(self) -> float | None:
        if not self.population or not self.area_km2:
            return None
        return self.population / self.area_km2

    @property
    def size_class(self) -> str | None:
        return size_class_for(self.population)


class Reason(NamedTuple):
    """One reason two places are similar: a code and the value for the target and for the other place.

    Codes: population, density, same_size_class, same_role, same_urbanity, same_province, same_country.
    """

    code: str
    target: Any = None
    other: Any = None


@dataclass(frozen=True)
class Match:
    place: Place
    score: float  # 1.0 = identical on every measure; falls towards 0 as places differ
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class RegionalRole:
    role: str
    rank: int  # 1 = largest of its province
    of: int  # number of municipalities in the province
    share: float  # share of the province's population


def regional_roles(places: Iterable[Place]) -> dict[str, RegionalRole]:
    """The role of each place among the places of its province (grouped by country and province)."""
    groups: dict[tuple[str, str | None], list[Place]] = defaultdict(list)
    for place in places:
        # Without a province (Brussels, or data not yet linked) there is no province to have a role in.
        if place.population and place.province:
            groups[(place.country, place.province)].append(place)
    roles: dict[str, RegionalRole] = {}
    for members in groups.values():
        if len(members) >= MIN_GROUP_FOR_ROLES:
            roles.update(_roles_in_group(members))
    return roles


def _roles_in_group(members: list[Place]) -> dict[str, RegionalRole]:
    ordered = sorted(members, key=lambda p: (-p.population, p.code))
    middle = median(p.population for p in ordered)
    total = sum(p.population for p in ordered)
    result = {}
    for rank, place in enumerate(ordered, start=1):
        if rank == 1 or place.population >= CENTRE_MEDIAN_FACTOR * middle:
            role = REGIONAL_CENTRE
        elif place.population >= middle:
            role = MEDIUM
        else:
            role = SMALLER
        result[place.code] = RegionalRole(role, rank, len(ordered), place.population / total)
    return result


def assign_roles(places: Sequence[Place]) -> list[Place]:
    """The same places with ``role`` filled in from their rank in their province."""
    roles = regional_roles(places)
    return [replace(p, role=roles[p.code].role) if p.code in roles else p for p in places]


def _log_ratio(a: float, b: float) -> float:
    return abs(math.log(a / b))


def distance(target: Place, other: Place) -> float:
    """How different two places are; 0 means the same on every measure. Both need a population."""
    result = WEIGHT_POPULATION * _log_ratio(target.population, other.population)
    if target.density and other.density:
        result += WEIGHT_DENSITY * _log_ratio(target.density, other.density)
    else:
        result += UNKNOWN_DENSITY
    if target.urbanity is not None and other.urbanity is not None:
        result += WEIGHT_URBANITY_STEP * abs(target.urbanity - other.urbanity)
    if target.role and other.role and target.role != other.role:
        result += ROLE_MISMATCH
    if target.province and target.province == other.province and target.country == other.country:
        result = max(0.0, result - SAME_PROVINCE_BONUS)
    return result


def _close(a: float | None, b: float | None) -> bool:
    return bool(a) and bool(b) and max(a, b) / min(a, b) <= SIMILAR_RATIO


def reasons_for(target: Place, other: Place) -> tuple[Reason, ...]:
    """The reasons to show, most telling first. Only what really holds is said."""
    found = []
    if _close(target.population, other.population):
        found.append(Reason("population", target.population, other.population))
    if _close(target.density, other.density):
        found.append(Reason("density", round(target.density, 1), round(other.density, 1)))
    if target.size_class and target.size_class == other.size_class:
        found.append(Reason("same_size_class", target.size_class, other.size_class))
    if target.role and target.role == other.role:
        found.append(Reason("same_role", target.role, other.role))
    if target.urbanity is not None and target.urbanity == other.urbanity:
        found.append(Reason("same_urbanity", target.urbanity, other.urbanity))
    if target.country == other.country:
        if target.province and target.province == other.province:
            found.append(Reason("same_province", target.province, other.province))
        else:
            found.append(Reason("same_country", target.country, other.country))
    return tuple(found)


def similar_places(target: Place, candidates: Iterable[Place], limit: int = 6) -> list[Match]:
    """The ``limit`` places most like ``target``, same country first, never the target itself.

    Candidates without a population are skipped; a target without a population has no similar places.
    Give candidates (and the target) their roles with assign_roles() first if role should count.
    """
    if not target.population or limit <= 0:
        return []
    scored = []
    for other in candidates:
        if other.code == target.code or not other.population:
            continue
        d = distance(target, other)
        scored.append((other.country != target.country, d, other.code, other))
    scored.sort(key=lambda item: item[:3])
    return [
        Match(place=other, score=round(math.exp(-d), 4), reasons=reasons_for(target, other))
        for _, d, _, other in scored[:limit]
    ]
