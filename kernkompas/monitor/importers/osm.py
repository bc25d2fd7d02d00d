"""OpenStreetMap extracts (``.osm.pbf`` and ``.osm`` XML) → units, read with pyosmium.

Which objects become units
    Nodes and closed ways (premises drawn as a building outline) that carry one of the keys in :data:`KEYS`
    with a value this module knows, or a vacancy tag. Only what has a shop front or a public counter counts:
    ``amenity=restaurant`` does, ``amenity=bench``, ``parking``, ``toilets`` or ``waste_basket`` do not;
    ``tourism=hotel`` does, ``tourism=information`` or ``viewpoint`` does not; ``leisure=fitness_centre`` does,
    ``leisure=park`` or ``pitch`` does not. Every ``shop=*`` and ``craft=*`` and ``office=*`` counts (a value
    that is not in the table falls back to the key's catch-all). Multipolygon relations are left out: premises
    are nodes or simple outlines in practice, and a relation's shops are nodes inside it.

How tags become a function group and branch
    :data:`TAG_TABLE` maps ``key → value → (group code, branch code)`` with the codes of
    :data:`kernkompas.monitor.taxonomy.DEFAULT_TAXONOMY`; the value ``"*"`` is the catch-all of a key (a key
    without one accepts only the values listed). When an object carries several keys, the first key of
    :data:`KEYS` that maps wins (a pharmacy drawn as ``shop=chemist`` + ``amenity=pharmacy`` is a drugstore).

Vacancy
    ``shop=vacant``, ``vacant=yes`` on a shop-like object, and the lifecycle prefixes ``disused:shop``,
    ``abandoned:shop`` (and ``disused:``/``abandoned:`` of the other keys with a value that would map) make the
    unit ``leegstand`` — unless the object also carries a live key that maps (``shop=bakery`` beside an old
    ``disused:shop=clothes`` is a bakery). A vacant unit has no occupant and no chain status: its ``name`` is
    the former occupant's.

Other fields
    Own id ``node/123`` or ``way/456`` (stable across extracts, so a later extract matches the same units);
    occupant = ``name``; chain = True when ``brand`` or ``brand:wikidata`` is set, else unknown (None: OSM does
    not say that a shop is independent); address from ``addr:street``, ``addr:housenumber``, ``addr:postcode``
    and ``addr:city`` (``addr:place`` when there is no street); location = the node, or the centroid of the
    outline, whose GeoJSON polygon is kept as the unit's geometry.
"""

from __future__ import annotations

from pathlib import Path

import osmium
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.core.problems import ImportRejected, Problems, limit_reason, sniff_osm
from kernkompas.lib import filelimits
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.lib.osm_tags import KEYS, TAG_TABLE  # noqa: F401  (TAG_TABLE: one source, re-exported)
from kernkompas.monitor.importers.records import UnitRecord
from kernkompas.monitor.importers.tabular import max_rows

LEEGSTAND = ("leegstand", "")

# The lifecycle prefixes that mean "there used to be one here".
VACANCY_PREFIXES = ("disused:", "abandoned:")
# Every key an object must carry one of to be looked at (osmium filters on these in C++ before Python sees it).
FILTER_KEYS = (
    *KEYS,
    *(prefix + key for prefix in VACANCY_PREFIXES for key in KEYS),
    "vacant",
)


def classify(tags) -> tuple[str, str] | None:
    """(group code, branch code) for an object's tags, ``LEEGSTAND`` for a vacant unit, None when it is none."""
    for key in KEYS:
        value = tags.get(key)
        if value is None:
            continue
        if key == "shop" and value == "vacant":
            return LEEGSTAND
        if value == "no":
            continue
        mapped = TAG_TABLE[key].get(value) or TAG_TABLE[key].get("*")
        if mapped is not None:
            return LEEGSTAND if tags.get("vacant") == "yes" else mapped
    for prefix in VACANCY_PREFIXES:
        for key in KEYS:
            value = tags.get(prefix + key)
            if value is not None and (value in TAG_TABLE[key] or "*" in TAG_TABLE[key] or value == "vacant"):
                return LEEGSTAND
    if tags.get("vacant") == "yes" and tags.get("building") in ("retail", "commercial"):
        return LEEGSTAND
    return None


class Outline:
    """Keeps only the objects inside a polygon (an area's outline, GeoJSON in WGS84) and counts the others.

    An extract is usually a whole country or province (a Geofabrik download): only its objects inside the area
    belong in the area's count.
    """

    def __init__(self, geometry: dict, name: str):
        self.shape = shapely.geometry.shape(geometry)
        shapely.prepare(self.shape)
        self.bbox = self.shape.bounds
        self.name = name
        self.left_out = 0

    def keeps(self, record: UnitRecord) -> bool:
        west, south, east, north = self.bbox
        inside = west <= record.lon <= east and south <= record.lat <= north
        if inside:
            inside = bool(shapely.contains_xy(self.shape, record.lon, record.lat))
        if not inside:
            self.left_out += 1
        return inside


def read_osm(
    path: Path,
    *,
    file_name: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    within: Outline | None = None,
) -> list[UnitRecord]:
    """The units in an OSM extract, optionally only inside ``bbox`` (west, south, east, north in WGS84) or inside
    the polygon ``within`` (which then knows how many it left out).

    Raises :class:`ImportRejected` with problems in the user's language when the file cannot be read or
    holds nothing that becomes a unit.
    """
    path = Path(path)
    problems = Problems(file_name or path.name)
    osm_format = sniff_osm(path, problems)
    if osm_format is None:
        raise ImportRejected(problems.as_list())
    try:
        records = _units(path, osm_format, bbox, within)
    except LimitExceeded as exc:
        problems.add(limit_reason(exc), where=exc.part)
        raise ImportRejected(problems.as_list()) from None
    except (RuntimeError, ValueError) as exc:  # libosmium: RuntimeError, ValueError ("tag value is too long")
        problems.add(_unreadable(osm_format, str(exc)))
        raise ImportRejected(problems.as_list()) from exc
    if not records:
        problems.add(_nothing_found(bbox, within))
        raise ImportRejected(problems.as_list())
    return records


def _units(path: Path, osm_format: str, bbox, within: Outline | None) -> list[UnitRecord]:
    """The records of the objects that are units (inside ``bbox`` and ``within``), read with pyosmium; raises
    LimitExceeded for an extract or object too large, and libosmium's errors for a file it cannot read."""
    records: list[UnitRecord] = []
    processor = (
        osmium.FileProcessor(osmium.io.File(str(path), osm_format), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.KeyFilter(*FILTER_KEYS))
    )
    looked_at = 0
    for obj in processor:
        looked_at += 1
        _check_limits(obj, looked_at, len(records))
        record = _record(obj)
        if record is not None and _inside(record, bbox) and (within is None or within.keeps(record)):
            records.append(record)
    return records


def _unreadable(osm_format: str, message: str) -> str:
    """Why libosmium could not read the file, in words."""
    if osm_format == "pbf" and "unexpected EOF" in message:
        return _("the file stops in the middle of the data: it is probably incomplete (cut off)")
    if osm_format == "pbf":
        return _("the file is not a readable OpenStreetMap PBF file (%(reason)s)") % {"reason": message}
    return _("the file is not a readable OpenStreetMap XML file (%(reason)s)") % {"reason": message}


def _nothing_found(bbox, within: Outline | None) -> str:
    """Why no unit came out of an extract that could be read: none at all, or none inside the area."""
    if within is not None and within.left_out:
        return ngettext(
            "the one shop, café, restaurant or service in the file lies outside %(area)s",
            "none of the %(n)s shops, cafés, restaurants or services in the file lies inside %(area)s",
            within.left_out,
        ) % {"n": within.left_out, "area": within.name}
    if bbox is None and within is None:
        return _("no shops, cafés, restaurants or services were found")
    return _("no shops, cafés, restaurants or services were found inside the chosen area")


def _check_limits(obj, looked_at: int, kept: int) -> None:
    """Refuse an extract with more objects than an import may hold, or an object with a hostile number of tags or
    nodes, before their records are made (the limits of :mod:`kernkompas.lib.filelimits`)."""
    if looked_at > filelimits.MAX_OSM_OBJECTS:
        raise LimitExceeded("osm_objects", found=looked_at, maximum=filelimits.MAX_OSM_OBJECTS)
    if kept >= max_rows():
        raise LimitExceeded("osm_objects", found=kept + 1, maximum=max_rows())
    tags = len(obj.tags)
    if tags > filelimits.MAX_OSM_TAGS:
        raise LimitExceeded("osm_tags", found=tags, maximum=filelimits.MAX_OSM_TAGS, part=_object_place(obj))
    if not obj.is_node() and len(obj.nodes) > filelimits.MAX_UNIT_VERTICES:
        nodes = len(obj.nodes)
        raise LimitExceeded("vertices", found=nodes, maximum=filelimits.MAX_UNIT_VERTICES, part=_object_place(obj))


def _object_place(obj) -> str:
    return _("OSM object %(id)s") % {"id": f"{'node' if obj.is_node() else 'way'}/{obj.id}"}


def _record(obj) -> UnitRecord | None:
    tags = obj.tags
    mapped = classify(tags)
    if mapped is None:
        return None
    geometry = None
    if obj.is_node():
        if not obj.location.valid():
            return None
        lon, lat = obj.location.lon, obj.location.lat
        own_id = f"node/{obj.id}"
    else:
        ring = [(node.lon, node.lat) for node in obj.nodes if node.location.valid()]
        if not ring:
            return None  # none of its nodes is in the extract
        own_id = f"way/{obj.id}"
        if len(ring) >= 4 and ring[0] == ring[-1]:
            lon, lat = _centroid(ring)
            geometry = {"type": "Polygon", "coordinates": [[[round(x, 7), round(y, 7)] for x, y in ring]]}
        else:
            lon = sum(x for x, _y in ring) / len(ring)
            lat = sum(y for _x, y in ring) / len(ring)
    group, branch = mapped
    vacant = mapped is LEEGSTAND
    street = tags.get("addr:street") or tags.get("addr:place") or ""
    return UnitRecord(
        where=_("OSM object %(id)s") % {"id": own_id},
        external_id=own_id,
        street=street,
        house_number=tags.get("addr:housenumber", ""),
        postcode=tags.get("addr:postcode", ""),
        place=tags.get("addr:city", ""),
        lat=round(lat, 7),
        lon=round(lon, 7),
        geometry=geometry,
        group=group,
        branch=branch,
        occupant="" if vacant else tags.get("name", ""),
        is_chain=None if vacant or not ("brand" in tags or "brand:wikidata" in tags) else True,
    )


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The area centroid of a closed ring (planar in degrees: exact enough for a building); the mean of the
    corners when the ring has no area."""
    x0, y0 = ring[0]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        a = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
        area += a
        cx += (x1 + x2 - 2 * x0) * a
        cy += (y1 + y2 - 2 * y0) * a
    if abs(area) < 1e-18:
        corners = ring[:-1]
        return sum(x for x, _y in corners) / len(corners), sum(y for _x, y in corners) / len(corners)
    return x0 + cx / (3 * area), y0 + cy / (3 * area)


def _inside(record: UnitRecord, bbox) -> bool:
    if bbox is None:
        return True
    west, south, east, north = bbox
    return west <= record.lon <= east and south <= record.lat <= north
