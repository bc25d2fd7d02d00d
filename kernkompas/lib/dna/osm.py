"""OpenStreetMap extract → features per indicator → counts per core polygon.

Reading (:func:`read_features`)
    One pass with pyosmium over nodes and ways that carry a key some indicator looks at (a key filter in C++, so
    buildings without tags cost nothing). A node is its own point; a way is the mean of its node locations (good
    enough to place a park or a building in a core; for a very long river that point may fall outside the core it
    crosses). Relations (multipolygon parks, route relations) are left out. At most ``max_features`` matching
    objects are read, so work is bounded: more raises :class:`TooManyFeatures`.
Boundaries (:func:`admin_areas`)
    The ``boundary=administrative`` relations of one ``admin_level`` assembled into (multi)polygons by pyosmium;
    boundaries cut off by the edge of the extract cannot be assembled and are left out.
Counting (:func:`count_in_cores`)
    Each feature is assigned to every core polygon that contains it (shapely's STRtree, vectorised), so cores may
    overlap; a feature on no core counts nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import osmium
import shapely

from kernkompas.lib.dna.catalogue import CATALOGUE, Indicator, keys_used
from kernkompas.lib.dna.profiles import count_units

MAX_FEATURES = 2_000_000
EARTH_RADIUS_KM = 6371.0088


class TooManyFeatures(ValueError):
    pass


@dataclass
class Features:
    """Matching OSM objects: their location and, per object, which indicators they count for."""

    codes: list[str]
    lon: np.ndarray
    lat: np.ndarray
    matches: np.ndarray  # objects × indicators, bool

    def __len__(self) -> int:
        return len(self.lon)

    def total(self, code: str) -> int:
        return int(self.matches[:, self.codes.index(code)].sum())


def read_features(
    path: str | Path, indicators: Sequence[Indicator] = CATALOGUE, *, max_features: int = MAX_FEATURES
) -> Features:
    """The objects of an extract that count for at least one indicator (see the module text)."""
    keys = sorted(keys_used(indicators))
    processor = (
        osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.KeyFilter(*keys))
    )
    lon, lat, rows = [], [], []
    for obj in processor:
        tags = {tag.k: tag.v for tag in obj.tags}
        row = [indicator.matches(tags) for indicator in indicators]
        if not any(row):
            continue
        point = _location(obj)
        if point is None:
            continue
        if len(rows) >= max_features:
            raise TooManyFeatures(f"the extract has more than {max_features:,} objects to count")
        lon.append(point[0])
        lat.append(point[1])
        rows.append(row)
    matches = np.array(rows, dtype=bool).reshape(len(rows), len(indicators))
    return Features([i.code for i in indicators], np.array(lon, dtype=float), np.array(lat, dtype=float), matches)


def _location(obj) -> tuple[float, float] | None:
    if obj.is_node():
        return (obj.location.lon, obj.location.lat) if obj.location.valid() else None
    points = [(node.lon, node.lat) for node in obj.nodes if node.location.valid()]
    if not points:
        return None
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]  # a closed outline: the first node once
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def count_in_cores(features: Features, cores: Mapping[str, shapely.Geometry]) -> dict[str, dict[str, int]]:
    """Per core key, the number of features per indicator code inside its polygon."""
    keys = list(cores)
    counts = np.zeros((len(keys), len(features.codes)), dtype=np.int64)
    if len(features) and keys:
        tree = shapely.STRtree([cores[key] for key in keys])
        points = shapely.points(features.lon, features.lat)
        point_index, core_index = tree.query(points, predicate="within")
        counts = count_units(core_index, features.matches[point_index], len(keys))
    return {key: dict(zip(features.codes, map(int, counts[row]), strict=True)) for row, key in enumerate(keys)}


@dataclass(frozen=True)
class AdminArea:
    osm_id: int
    name: str
    tags: Mapping[str, str]
    geometry: shapely.Geometry

    @property
    def area_km2(self) -> float:
        return area_km2(self.geometry)


def admin_areas(path: str | Path, admin_level: int | str) -> list[AdminArea]:
    """The administrative areas of one level in the extract, sorted by name."""
    level = str(admin_level)
    factory = osmium.geom.WKBFactory()
    processor = osmium.FileProcessor(str(path)).with_areas(osmium.filter.TagFilter(("boundary", "administrative")))
    found = []
    for obj in processor:
        if not obj.is_area() or obj.from_way() or obj.tags.get("admin_level") != level:
            continue
        try:
            geometry = shapely.from_wkb(factory.create_multipolygon(obj))
        except RuntimeError:  # a ring that pyosmium cannot close
            continue
        tags = {tag.k: tag.v for tag in obj.tags}
        found.append(AdminArea(obj.orig_id(), tags.get("name", str(obj.orig_id())), tags, geometry))
    return sorted(found, key=lambda area: (area.name, area.osm_id))


def area_km2(geometry: shapely.Geometry) -> float:
    """Area of a lon/lat geometry in km², on the sinusoidal (equal-area) projection of a sphere."""

    def project(coords: np.ndarray) -> np.ndarray:
        lat = np.radians(coords[:, 1])
        x = EARTH_RADIUS_KM * np.radians(coords[:, 0]) * np.cos(lat)
        return np.column_stack([x, EARTH_RADIUS_KM * lat])

    return float(shapely.area(shapely.transform(geometry, project)))


def grid_cells(bounds: tuple[float, float, float, float], columns: int, rows: int) -> dict[str, shapely.Geometry]:
    """A regular lon/lat grid over ``bounds`` (min lon, min lat, max lon, max lat) as cores named ``r<row>c<col>``:
    for an extract without boundaries, such as a city centre."""
    min_lon, min_lat, max_lon, max_lat = bounds
    width, height = (max_lon - min_lon) / columns, (max_lat - min_lat) / rows
    return {
        f"r{row}c{column}": shapely.box(
            min_lon + column * width,
            min_lat + row * height,
            min_lon + (column + 1) * width,
            min_lat + (row + 1) * height,
        )
        for row in range(rows)
        for column in range(columns)
    }
