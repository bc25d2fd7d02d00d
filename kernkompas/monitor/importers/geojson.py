"""GeoJSON files as QGIS exports them: a FeatureCollection of points or premises outlines, in any common CRS.

The ``crs`` member (``urn:ogc:def:crs:EPSG::28992``, ``EPSG:31370``, ``…CRS84``) says the coordinate reference
system; without it RFC 7946 means WGS84 longitude/latitude, and coordinates that are clearly not degrees are
refused rather than guessed. Everything is reprojected to WGS84 with pyproj. A polygon keeps its outline as the
unit's ``geometry`` and its centroid as its location. Properties become a :class:`~.tabular.Table` (one column per
property name) that :func:`.mapping.apply` reads like any spreadsheet, with "object N" as the place in messages.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.validation import make_valid

from kernkompas.core.problems import ImportRejected, Problems, add_limit_problem, feature_place, load_json
from kernkompas.lib import filelimits
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.lib.geo import round_coordinates

from .tabular import Table, max_rows
from .values import cell_text

_EPSG = re.compile(r"(?:EPSG|epsg)(?:::?|:[\d.]*:)(\d{4,6})$")
_WGS84_NAMES = {"crs84", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "wgs84", "wgs 84"}
_ALIASES = {"rd": 28992, "rd new": 28992, "rdnew": 28992, "amersfoort / rd new": 28992, "lambert72": 31370,
            "lambert 72": 31370, "belge 1972 / belgian lambert 72": 31370, "lambert 2008": 3812}  # fmt: skip
_POINTS = {"Point", "MultiPoint"}
_AREAS = {"Polygon", "MultiPolygon"}


def crs_code(text) -> int | None:
    """The EPSG code of a CRS as files name it: "urn:ogc:def:crs:EPSG::28992", "EPSG:31370", "28992", "CRS84"."""
    if text is None:
        return None
    value = str(text).strip()
    lowered = value.lower()
    if lowered in _WGS84_NAMES or lowered.endswith("crs84"):
        return 4326
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    if value.isdigit():
        return int(value)
    match = _EPSG.search(value.rstrip("/"))
    if match:
        return int(match[1])
    match = re.search(r"/EPSG/\d+/(\d+)$", value)  # http://www.opengis.net/def/crs/EPSG/0/28992
    return int(match[1]) if match else None


@lru_cache(maxsize=16)
def transformer_to_wgs84(code: int):
    """A transformer from EPSG:``code`` to WGS84 longitude/latitude; ValueError when pyproj does not know it."""
    # import here: pyproj takes a tenth of a second to load, and only files with projected coordinates need it.
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_epsg(code)
    except CRSError as exc:
        raise ValueError(str(exc)) from exc
    return Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)


def read_geojson(path: Path, *, file_name: str | None = None) -> Table:
    """A GeoJSON FeatureCollection as a :class:`Table` of its properties with ``locations`` in WGS84."""
    path = Path(path)
    problems = Problems(file_name or path.name)
    features, transformer = _features(_load(path, problems), problems)
    try:
        headers = _property_names(features)
        rows, locations = _rows(features, headers, transformer, problems)
    except LimitExceeded as exc:
        add_limit_problem(problems, exc, feature_place)
        raise ImportRejected(problems.as_list()) from None
    if problems:
        raise ImportRejected(problems.as_list())
    return Table(
        headers=headers,
        rows=rows,
        format="geojson",
        encoding="utf-8",
        line_numbers=list(range(1, len(rows) + 1)),
        locations=locations,
    )


def _load(path: Path, problems: Problems):
    """The file's JSON, or ImportRejected saying why it cannot be read (empty, not UTF-8, cut off, too large)."""
    raw = path.read_bytes()
    if not raw.strip():
        problems.add(_("the file is empty"))
        raise ImportRejected(problems.as_list())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(_("a GeoJSON file must be UTF-8; this one is not (save it again as GeoJSON from QGIS)"))
        raise ImportRejected(problems.as_list()) from None
    try:
        return load_json(text)
    except LimitExceeded as exc:
        add_limit_problem(problems, exc)
        raise ImportRejected(problems.as_list()) from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or not text.rstrip().endswith(("}", "]")):
            problems.add(_("the file stops in the middle of the data: it is probably incomplete (cut off)"))
        else:
            problems.add(
                _("the file is not valid JSON at line %(line)s, column %(column)s")
                % {"line": exc.lineno, "column": exc.colno}
            )
        raise ImportRejected(problems.as_list()) from None


def _features(data, problems: Problems) -> tuple[list, object]:
    """The features of a FeatureCollection and the transformer of its CRS to WGS84 (None: it is WGS84), or
    ImportRejected when it is no collection, has no features or too many, or a CRS that cannot be used."""
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        problems.add(_("this is not a GeoJSON FeatureCollection (a layer exported from QGIS as GeoJSON)"))
        raise ImportRejected(problems.as_list())
    features = data["features"]
    if not features:
        problems.add(_("the file has no features: there is nothing to import"))
        raise ImportRejected(problems.as_list())
    if len(features) > max_rows():
        problems.add(
            _("the file has more than %(limit)s features, the most one import may have: split it up")
            % {"limit": f"{max_rows():,}".replace(",", ".")}
        )
        raise ImportRejected(problems.as_list())
    transformer = _file_transformer(data, features, problems)
    if problems:
        raise ImportRejected(problems.as_list())
    return features, transformer


def _property_names(features: list) -> list[str]:
    """Every property name of the file, in order of appearance: the table's columns (within the limits)."""
    headers: list[str] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        for name in props:
            if name in seen:
                continue
            seen.add(name)
            headers.append(name)
            if len(name) > filelimits.MAX_HEADER_CHARS:
                raise LimitExceeded("header_chars", found=len(name), maximum=filelimits.MAX_HEADER_CHARS, line=number)
        if len(headers) > filelimits.MAX_COLUMNS:
            raise LimitExceeded("header_columns", found=len(headers), maximum=filelimits.MAX_COLUMNS, line=number)
    return headers


def _rows(features: list, headers: list[str], transformer, problems: Problems) -> tuple[list, list]:
    """Per feature the text of each property and the location; LimitExceeded for a cell or outline too large."""
    filelimits.check_cells(len(features), len(headers), line=len(features))
    rows: list[list[str]] = []
    locations: list = []
    for number, feature in enumerate(features, start=1):
        where = feature_place(number)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(_("this is not a GeoJSON Feature"), where=where)
            rows.append([""] * len(headers))
            locations.append(None)
            continue
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        row = [cell_text(props.get(name)) for name in headers]
        filelimits.check_row(row, line=number)
        rows.append(row)
        locations.append(_location(feature.get("geometry"), transformer, where, problems, number))
    return rows, locations


def _file_transformer(data: dict, features: list, problems: Problems):
    """The transformer of the file's CRS to WGS84; None for WGS84, or with a problem when the CRS is unusable."""
    name, readable = _crs_name(data.get("crs"))
    if not readable:
        problems.add(_("the “crs” member of the file cannot be read"), field="crs")
        return None
    if name is None:
        if _looks_projected(features):
            problems.add(
                _(
                    "no coordinate reference system (CRS) is given, and the coordinates are not degrees of longitude "
                    "and latitude: export the layer from QGIS again as GeoJSON with its CRS (e.g. EPSG:28992, RD "
                    "New, or EPSG:31370, Belgian Lambert 72), or in WGS84 (EPSG:4326)"
                ),
                field="crs",
            )
        return None  # RFC 7946: longitude/latitude in WGS84
    code = crs_code(name)
    if code == 4326:
        return None
    if code is not None:
        try:
            return transformer_to_wgs84(code)
        except ValueError:
            pass  # pyproj does not know it either
    problems.add(_("the coordinate reference system “%(crs)s” is not known") % {"crs": name}, field="crs")
    return None


def _crs_name(crs) -> tuple[str | int | None, bool]:
    """The name of the CRS in the file's ``crs`` member (old GeoJSON; None when there is none), and whether the
    member could be read."""
    name = None
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            name = props.get("name") or props.get("code")
            if crs.get("type") == "EPSG" and props.get("code"):
                name = f"EPSG:{props['code']}"
    elif isinstance(crs, str):
        name = crs
    unreadable = (crs is not None and name is None) or (name is not None and not isinstance(name, str | int))
    if unreadable or (name is not None and len(str(name)) > filelimits.MAX_HEADER_CHARS):
        return None, False
    return name, True


def _first_position(coordinates):
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates if isinstance(coordinates, list) and len(coordinates) >= 2 else None


def _looks_projected(features: list) -> bool:
    for feature in features[:50]:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        position = _first_position(geometry.get("coordinates")) if isinstance(geometry, dict) else None
        if position and all(isinstance(v, (int, float)) for v in position[:2]):
            x, y = position[0], position[1]
            if not (-180 <= x <= 180 and -90 <= y <= 90):
                return True
    return False


def _location(geometry, transformer, where: str, problems: Problems, number: int):
    """(lat, lon, outline or None) in WGS84 for a feature's geometry; None when it has none. An outline of more
    than :data:`~kernkompas.lib.filelimits.MAX_UNIT_VERTICES` corners is refused before it is repaired."""
    if geometry is None:
        return None
    shp = _shape(geometry, where, problems)
    if shp is None:
        return None
    filelimits.check_vertices(shapely.get_num_coordinates(shp), filelimits.MAX_UNIT_VERTICES, where=number)
    if shp.is_empty:
        return None
    if transformer is not None:
        shp = shapely.transform(shp, lambda x, y: transformer.transform(x, y), interleaved=False)
    west, south, east, north = shp.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90) or west != west:
        problems.add(
            _(
                "the coordinates are not degrees of longitude and latitude although the file says WGS84: the file "
                "probably has another coordinate reference system; export it again with its CRS"
            ),
            where=where,
            field="geometry",
        )
        return None
    if geometry["type"] in _AREAS:
        if not shp.is_valid:
            shp = make_valid(shp)
        centre = shp.centroid if shp.area else shp.representative_point()
        return round(centre.y, 7), round(centre.x, 7), round_coordinates(mapping(shp), 7)
    point = shp if shp.geom_type == "Point" else shp.centroid
    return round(point.y, 7), round(point.x, 7), None


def _shape(geometry, where: str, problems: Problems):
    """The shapely shape of a point or polygon geometry; None with a problem for another kind or bad coordinates."""
    if not isinstance(geometry, dict) or geometry.get("type") not in _POINTS | _AREAS:
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        problems.add(
            _("a geometry of type “%(kind)s” cannot be a unit: use points or polygons") % {"kind": kind or "?"},
            where=where,
            field="geometry",
        )
        return None
    try:
        return shape(geometry)
    except Exception:  # noqa: BLE001 - shapely raises several kinds for malformed coordinates
        problems.add(_("the coordinates are malformed"), where=where, field="geometry")
        return None
