"""Geometry helpers on GeoJSON dicts (WGS84), built on shapely and pyproj."""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import unary_union
from shapely.validation import explain_validity, make_valid

from kernkompas.lib.filelimits import MAX_BOUNDARY_VERTICES, LimitExceeded

_GEOD = Geod(ellps="WGS84")
_ACCEPTED = {"Point", "MultiPoint", "Polygon", "MultiPolygon", "LineString", "MultiLineString"}


class GeometryError(ValueError):
    """The geometry cannot be used; the message says why in plain words."""


class TooManyVertices(GeometryError, LimitExceeded):
    """A geometry with more corner points than :data:`~kernkompas.lib.filelimits.MAX_BOUNDARY_VERTICES`: refused
    before GEOS validates or repairs it (a repair's work grows faster than the number of points)."""


@dataclass(frozen=True)
class GeometryInfo:
    bbox: tuple[float, float, float, float]  # west, south, east, north
    point: tuple[float, float]  # lon, lat of a point guaranteed inside (or on) the geometry
    area_km2: float


def check_geometry(geometry: dict, max_vertices: int = MAX_BOUNDARY_VERTICES) -> dict:
    """Validate a GeoJSON geometry in WGS84 and return it, repaired if it self-intersects.

    Raises GeometryError for a missing type, an unsupported type, coordinates outside WGS84 ranges (a sign of a
    projected file such as Lambert 72 or RD New), or an empty geometry.
    """
    if not isinstance(geometry, dict) or "type" not in geometry:
        raise GeometryError("geometry has no type")
    if geometry["type"] not in _ACCEPTED:
        raise GeometryError(f"geometry type {geometry['type']} is not supported")
    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise GeometryError(f"coordinates are malformed ({exc})") from exc
    vertices = shapely.get_num_coordinates(geom)
    if vertices > max_vertices:
        raise TooManyVertices("vertices", found=vertices, maximum=max_vertices)
    if geom.is_empty:
        raise GeometryError("geometry is empty")
    west, south, east, north = geom.bounds
    if west < -180 or east > 180 or south < -90 or north > 90:
        raise GeometryError(
            "coordinates are not longitude/latitude (WGS84); the file is probably in a projected system "
            "such as Lambert 72 or RD New"
        )
    if not geom.is_valid:
        reason = explain_validity(geom)
        geom = make_valid(geom)
        if geom.is_empty:
            raise GeometryError(f"geometry is invalid ({reason})")
        return mapping(geom)
    return geometry


def describe_geometry(geometry: dict) -> GeometryInfo:
    geom = shape(geometry)
    point = geom.representative_point()
    area_m2 = abs(_GEOD.geometry_area_perimeter(geom)[0]) if geom.geom_type.endswith("Polygon") else 0.0
    return GeometryInfo(bbox=tuple(geom.bounds), point=(point.x, point.y), area_km2=area_m2 / 1_000_000)


def round_coordinates(geometry: dict, digits: int = 6) -> dict:
    """Round coordinates (6 decimals is about 10 cm) so stored geometry stays compact and comparable."""

    def _round(value):
        if isinstance(value, (list, tuple)):
            return [_round(v) for v in value]
        return round(float(value), digits)

    return {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}


def check_area_geometry(geometry: dict) -> dict:
    """:func:`check_geometry` for boundaries (Polygon/MultiPolygon), tolerant of quantised TopoJSON.

    Quantisation (TopoJSON) and simplification collapse small rings to lines or points; when GEOS cannot repair a
    polygon that mixes such rings with real ones, they are dropped and the check is tried again. A repair can also
    turn a polygon into a collection of polygons and stray lines: only the polygons are kept, as a MultiPolygon.
    """
    try:
        checked = check_geometry(geometry)
    except GeometryError:
        raise
    except Exception as exc:  # GEOS raises for geometries it cannot repair, e.g. "mixed-dimension" input
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise GeometryError(f"geometry cannot be repaired ({exc})") from exc
        try:
            checked = check_geometry(_without_collapsed_rings(geometry))
        except GeometryError:
            raise
        except Exception as again:
            raise GeometryError(f"geometry cannot be repaired ({again})") from again
    if checked["type"] == "GeometryCollection":
        checked = _polygon_parts(checked)
    return checked


def _without_collapsed_rings(geometry: dict) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            return geometry  # malformed: let check_geometry say so
        if not _has_area(rings[0]):
            continue
        kept.append([rings[0], *[ring for ring in rings[1:] if _has_area(ring)]])
    if not kept:
        raise GeometryError("geometry is empty (every ring has collapsed to a line or a point)")
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _has_area(ring) -> bool:
    try:
        return len(ring) >= 4 and Polygon(ring).area > 0
    except Exception:  # malformed positions: keep the ring so check_geometry names the problem
        return True


def _polygon_parts(collection: dict) -> dict:
    geom = shape(collection)
    polygons = [part for part in getattr(geom, "geoms", [geom]) if part.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        raise GeometryError("geometry has no area after repair")
    merged = unary_union(polygons)
    return mapping(merged if merged.geom_type == "MultiPolygon" else MultiPolygon([merged]))
