"""A small TopoJSON decoder: topology objects to GeoJSON features.

TopoJSON (https://github.com/topojson/topojson-specification) stores shared borders once, as "arcs", and lets
geometries refer to them by index. A quantised topology also stores arc positions as integer deltas that a
``transform`` (scale and translate) turns back into coordinates. The maintained Python TopoJSON libraries encode
but do not decode, and decoding is small, so it lives here.

Supported: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection and null
geometries; quantised (delta-encoded) and plain arcs; negative arc indexes (``~i``: arc ``i`` reversed).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kernkompas.lib.filelimits import MAX_BOUNDARY_VERTICES, MAX_JSON_VALUES, LimitExceeded

_ARC_TYPES = {"LineString", "MultiLineString", "Polygon", "MultiPolygon"}
_POINT_TYPES = {"Point", "MultiPoint"}
_MAX_NESTING = 8  # geometry collections inside geometry collections


class TopologyError(ValueError):
    """The topology is malformed; the message says where (object, geometry number) and what."""


class Topology:
    """A parsed topology whose arcs are decoded once and shared by all geometries.

    A geometry refers to arcs by index, so a small file can ask for the same long arc a million times: the
    positions handed out are counted as they are produced, at most ``max_vertices`` per geometry and
    ``max_positions`` for the whole topology (:class:`~kernkompas.lib.filelimits.LimitExceeded` beyond).
    """

    def __init__(self, data: Any, *, max_vertices: int = MAX_BOUNDARY_VERTICES, max_positions: int = MAX_JSON_VALUES):
        self.max_vertices, self.max_positions = max_vertices, max_positions
        self._emitted = self._current = 0
        if not isinstance(data, dict) or data.get("type") != "Topology":
            raise TopologyError('the document is not a TopoJSON topology (its "type" is not "Topology")')
        if not isinstance(data.get("objects"), dict):
            raise TopologyError('the topology has no "objects"')
        if not isinstance(data.get("arcs"), list):
            raise TopologyError('the topology has no "arcs" list')
        self.data = data
        self._transform = _read_transform(data.get("transform"))
        self.arcs = [self._decode_arc(index, arc) for index, arc in enumerate(data["arcs"])]

    @property
    def object_names(self) -> list[str]:
        return list(self.data["objects"])

    def members(self, name: str) -> list[dict]:
        """The TopoJSON geometries of an object: its members if it is a collection, else the object itself."""
        if name not in self.data["objects"]:
            raise TopologyError(f'the topology has no object "{name}"')
        obj = self.data["objects"][name]
        if not isinstance(obj, dict):
            raise TopologyError(f'object "{name}" is not a geometry')
        if obj.get("type") == "GeometryCollection" and "properties" not in obj:
            members = obj.get("geometries")
            if not isinstance(members, list):
                raise TopologyError(f'object "{name}" is a GeometryCollection without a "geometries" list')
            return members
        return [obj]

    def features(self, name: str) -> Iterator[dict]:
        """GeoJSON features (with ``id`` and ``properties``) for each member of object ``name``, in file order."""
        for number, member in enumerate(self.members(name), start=1):
            yield self.feature(member, where=f'object "{name}", geometry {number}')

    def feature(self, member: dict, where: str = "geometry") -> dict:
        if not isinstance(member, dict):
            raise TopologyError(f"{where} is not an object")
        feature = {"type": "Feature", "properties": member.get("properties") or {}, "geometry": None}
        if "id" in member:
            feature["id"] = member["id"]
        feature["geometry"] = self.geometry(member, where)
        return feature

    def geometry(self, member: dict, where: str = "geometry") -> dict | None:
        """The GeoJSON geometry of one TopoJSON geometry object (None for a null geometry)."""
        self._current = 0
        return self._geometry(member, where, 0)

    def _geometry(self, member: Any, where: str, depth: int) -> dict | None:
        if not isinstance(member, dict):
            raise TopologyError(f"{where} is not an object")
        kind = member.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            parts = member.get("geometries")
            if not isinstance(parts, list):
                raise TopologyError(f'{where}: GeometryCollection without a "geometries" list')
            if depth >= _MAX_NESTING:
                raise TopologyError(f"{where}: geometry collections are nested too deeply")
            geometries = [
                self._geometry(part, f"{where}, part {i}", depth + 1) for i, part in enumerate(parts, start=1)
            ]
            return {"type": "GeometryCollection", "geometries": [g for g in geometries if g is not None]}
        if kind in _POINT_TYPES:
            return {"type": kind, "coordinates": self._points(kind, member.get("coordinates"), where)}
        if kind in _ARC_TYPES:
            return {"type": kind, "coordinates": self._arc_coordinates(kind, member.get("arcs"), where)}
        raise TopologyError(f"{where}: unknown geometry type {kind!r}")

    # --- decoding ------------------------------------------------------------------------------------------

    def _decode_arc(self, index: int, arc: Any) -> list[list[float]]:
        if not isinstance(arc, list) or not arc:
            raise TopologyError(f"arc {index} is not a list of positions")
        x = y = 0
        positions = []
        for position in arc:
            if not isinstance(position, list) or len(position) < 2:
                raise TopologyError(f"arc {index} has a position that is not [x, y]")
            if self._transform is None:
                positions.append(_numbers(position, f"arc {index}"))
                continue
            # Quantised arcs are delta-encoded: each position is the offset from the previous one.
            try:
                x += position[0]
                y += position[1]
            except TypeError as exc:
                raise TopologyError(f"arc {index} has a coordinate that is not a number") from exc
            positions.append(self._apply(x, y, position[2:], f"arc {index}"))
        return positions

    def _apply(self, x, y, rest, where) -> list[float]:
        (sx, sy), (tx, ty) = self._transform
        try:
            return [x * sx + tx, y * sy + ty, *rest]
        except TypeError as exc:
            raise TopologyError(f"{where} has a coordinate that is not a number") from exc

    def _points(self, kind: str, coordinates: Any, where: str):
        if kind == "Point":
            return self._point(coordinates, where)
        if not isinstance(coordinates, list):
            raise TopologyError(f'{where}: MultiPoint without a "coordinates" list')
        self._grow(len(coordinates))
        return [self._point(position, where) for position in coordinates]

    def _point(self, position: Any, where: str) -> list[float]:
        if not isinstance(position, list) or len(position) < 2:
            raise TopologyError(f"{where}: a point is not [x, y]")
        if self._transform is None:
            return _numbers(position, where)
        # Points are quantised but not delta-encoded.
        return self._apply(position[0], position[1], position[2:], where)

    def _arc_coordinates(self, kind: str, arcs: Any, where: str):
        if not isinstance(arcs, list):
            raise TopologyError(f'{where}: {kind} without an "arcs" list')
        if kind == "LineString":
            return self._open_line(arcs, where)
        if kind == "MultiLineString" or kind == "Polygon":
            ring = self._ring if kind == "Polygon" else self._open_line
            return [ring(_list(part, where), where) for part in arcs]
        return [[self._ring(_list(ring, where), where) for ring in _list(polygon, where)] for polygon in arcs]

    def _grow(self, count: int) -> None:
        """Count ``count`` more positions handed out; refuse before they exceed a limit."""
        self._current += count
        self._emitted += count
        if self._current > self.max_vertices:
            raise LimitExceeded("vertices", found=self._current, maximum=self.max_vertices)
        if self._emitted > self.max_positions:
            raise LimitExceeded("topology_positions", found=self._emitted, maximum=self.max_positions)

    def _line(self, indexes: list, where: str) -> list[list[float]]:
        points: list[list[float]] = []
        for index in indexes:
            arc = self._arc(index, where)
            self._grow(len(arc))
            # Consecutive arcs share their end and start point; keep it once.
            points.extend(arc[1:] if points else arc)
        return points

    def _open_line(self, indexes: list, where: str) -> list[list[float]]:
        line = self._line(indexes, where)
        if not line:
            raise TopologyError(f"{where}: a line has no arcs")
        if len(line) < 2:
            line.append(line[0])
        return line

    def _ring(self, indexes: list, where: str) -> list[list[float]]:
        ring = self._line(indexes, where)
        if not ring:
            raise TopologyError(f"{where}: a ring has no arcs")
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        # Quantisation can collapse a small ring to two or three positions; pad it as topojson-client does,
        # so that GeoJSON readers accept it (it has no area and geometry checks drop it).
        while len(ring) < 4:
            ring.append(ring[0])
        return ring

    def _arc(self, index: Any, where: str) -> list[list[float]]:
        if not isinstance(index, int) or isinstance(index, bool):
            raise TopologyError(f"{where}: arc reference {index!r} is not a whole number")
        # A negative index ~i (= -i - 1) means arc i walked backwards.
        position = index if index >= 0 else ~index
        if position >= len(self.arcs):
            raise TopologyError(f"{where}: arc {index} does not exist (the topology has {len(self.arcs)} arcs)")
        arc = self.arcs[position]
        return arc if index >= 0 else arc[::-1]


def feature_collection(data: Any, name: str) -> dict:
    """A GeoJSON FeatureCollection for object ``name`` of a TopoJSON document (a parsed dict)."""
    topology = Topology(data)
    return {"type": "FeatureCollection", "features": list(topology.features(name))}


def _read_transform(transform: Any):
    if transform is None:
        return None
    try:
        scale = [float(v) for v in transform["scale"]]
        translate = [float(v) for v in transform["translate"]]
    except (TypeError, KeyError, ValueError) as exc:
        raise TopologyError('the "transform" needs a "scale" and a "translate" of two numbers each') from exc
    if len(scale) != 2 or len(translate) != 2:
        raise TopologyError('the "transform" needs a "scale" and a "translate" of two numbers each')
    return (scale[0], scale[1]), (translate[0], translate[1])


def _numbers(position: list, where: str) -> list[float]:
    try:
        return [float(v) for v in position]
    except (TypeError, ValueError) as exc:
        raise TopologyError(f"{where} has a coordinate that is not a number") from exc


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise TopologyError(f"{where}: expected a list of arc references")
    return value
