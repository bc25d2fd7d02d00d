"""An area's outline from a GeoJSON text: drawn in the back office, pasted, or a file exported from QGIS.

Accepted: a Polygon or MultiPolygon geometry, a Feature holding one, or a FeatureCollection of them (its polygons
become one MultiPolygon). Coordinates are WGS84, or Lambert 72 / Lambert 2008 / RD New when the old GeoJSON
``crs`` member says so (QGIS writes it); they are reprojected with pyproj. The text is bounded in size and the
outline in corner points. Problems raise :class:`OutlineError` with a ``code`` and ``params``; the form turns
them into sentences in the user's language.

Framework-free: no Django imports.
"""

from __future__ import annotations

import json
import re

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from kernkompas.lib.geo import GeometryError, check_area_geometry, round_coordinates

MAX_OUTLINE_BYTES = 5_000_000  # a street or shopping area from QGIS is a few kB; a municipality ~1 MB
MAX_OUTLINE_VERTICES = 20_000  # corner points of an area's outline
# How far an area may reach outside its municipality (in degrees, about 2 km): drawn by hand, edges overshoot.
NEAR_DEGREES = 0.02

_POLYGONS = {"Polygon", "MultiPolygon"}
_EPSG = re.compile(r"EPSG:{1,2}(?:[\d.]*:)?(\d{4,6})$", re.IGNORECASE)
_ALIASES = {"lambert 72": 31370, "lambert72": 31370, "rd new": 28992, "rd": 28992, "lambert 2008": 3812}


class OutlineError(ValueError):
    """The outline cannot be used. ``code`` names the problem, ``params`` its details."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def crs_epsg(crs) -> int:
    """The EPSG code named by a GeoJSON ``crs`` member; 4326 when there is none."""
    if crs is None:
        return 4326
    name = None
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        name = crs["properties"].get("name") or crs["properties"].get("code")
    text = str(name or "").strip()
    lowered = text.lower()
    if lowered.endswith("crs84") or lowered in ("wgs84", "wgs 84"):
        return 4326
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    if text.isdigit():
        return int(text)
    match = _EPSG.search(text.rstrip("/")) or re.search(r"/EPSG/\d+/(\d+)$", text)
    if not match:
        raise OutlineError("unknown_crs", crs=text[:80] or "?")
    return int(match[1])


def parse_outline(text: str | bytes, *, max_vertices: int = MAX_OUTLINE_VERTICES) -> dict:
    """A checked Polygon or MultiPolygon (WGS84, rounded) from GeoJSON text."""
    if isinstance(text, bytes):
        if len(text) > MAX_OUTLINE_BYTES:
            raise OutlineError("too_large", size=len(text), maximum=MAX_OUTLINE_BYTES)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise OutlineError("not_utf8") from exc
    if len(text) > MAX_OUTLINE_BYTES:
        raise OutlineError("too_large", size=len(text), maximum=MAX_OUTLINE_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OutlineError("not_json", reason=exc.msg, line=exc.lineno, column=exc.colno) from exc
    except RecursionError as exc:
        raise OutlineError("not_json", reason="nested too deeply", line=1, column=1) from exc
    return outline_from_geojson(data, max_vertices=max_vertices)


def outline_from_geojson(data, *, max_vertices: int = MAX_OUTLINE_VERTICES) -> dict:
    if not isinstance(data, dict):
        raise OutlineError("not_geojson")
    epsg = crs_epsg(data.get("crs"))
    geometries = _geometries(data)
    if not geometries:
        raise OutlineError("no_polygon")
    vertices = sum(_count_positions(g.get("coordinates")) for g in geometries)
    if vertices > max_vertices:
        raise OutlineError("too_many_vertices", found=vertices, maximum=max_vertices)
    if epsg != 4326:
        geometries = [_reprojected(g, epsg) for g in geometries]
    if any(not _in_wgs84_range(g.get("coordinates")) for g in geometries):
        raise OutlineError("projected")
    try:
        shapes = [shape(check_area_geometry(g)) for g in geometries]
    except GeometryError as exc:
        raise OutlineError("invalid", reason=str(exc)) from exc
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise OutlineError("invalid", reason=str(exc)[:200]) from exc
    merged = shapes[0] if len(shapes) == 1 else unary_union(shapes)
    if merged.is_empty or merged.geom_type not in _POLYGONS:
        raise OutlineError("no_polygon")
    return round_coordinates(mapping(merged))


def _geometries(data: dict) -> list[dict]:
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise OutlineError("not_geojson")
        found = []
        for number, feature in enumerate(features, start=1):
            geometry = feature.get("geometry") if isinstance(feature, dict) else None
            found.append(_polygon(geometry, feature=number))
        return found
    if kind == "Feature":
        return [_polygon(data.get("geometry"))]
    return [_polygon(data)]


def _polygon(geometry, feature: int | None = None) -> dict:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in _POLYGONS:
        raise OutlineError("not_polygon", kind=str(kind or "—")[:40], feature=feature or 0)
    if not isinstance(geometry.get("coordinates"), list):
        raise OutlineError("invalid", reason="coordinates are missing")
    return {"type": kind, "coordinates": geometry["coordinates"]}


def _count_positions(coordinates) -> int:
    if not isinstance(coordinates, list):
        return 0
    if coordinates and isinstance(coordinates[0], int | float):
        return 1
    return sum(_count_positions(item) for item in coordinates)


def _in_wgs84_range(coordinates) -> bool:
    if not isinstance(coordinates, list):
        return True
    if coordinates and isinstance(coordinates[0], int | float):
        return len(coordinates) >= 2 and -180 <= coordinates[0] <= 180 and -90 <= coordinates[1] <= 90
    return all(_in_wgs84_range(item) for item in coordinates)


def _reprojected(geometry: dict, epsg: int) -> dict:
    try:
        transformer = Transformer.from_crs(CRS.from_epsg(epsg), CRS.from_epsg(4326), always_xy=True)
    except CRSError as exc:
        raise OutlineError("unknown_crs", crs=f"EPSG:{epsg}") from exc

    def convert(value):
        if value and isinstance(value[0], int | float):
            x, y = transformer.transform(float(value[0]), float(value[1]))
            return [x, y]
        return [convert(item) for item in value]

    try:
        return {"type": geometry["type"], "coordinates": convert(geometry["coordinates"])}
    except (TypeError, ValueError, IndexError) as exc:
        raise OutlineError("invalid", reason="coordinates are malformed") from exc


def is_near(outline: dict, reference: dict | None, *, tolerance: float = NEAR_DEGREES) -> bool:
    """Does the outline lie inside (or within about 2 km of) the reference boundary? True without a reference."""
    if not reference:
        return True
    try:
        return shape(reference).buffer(tolerance).contains(shape(outline))
    except Exception:  # a stored reference that shapely cannot read must not block the user's own outline
        return True
