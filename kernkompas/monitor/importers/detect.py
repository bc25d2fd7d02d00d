"""Pick the reader for a units file by its content (and, where the content cannot tell, its name)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.core.problems import ImportRejected, Problems
from kernkompas.monitor.importers.geojson import read_geojson
from kernkompas.monitor.importers.mapping import apply
from kernkompas.monitor.importers.records import UnitRecord
from kernkompas.monitor.importers.tabular import read_table

OSM_PBF_MARK = b"OSMHeader"


def file_format(path: Path) -> str:
    """ "csv", "xlsx", "geojson", "osm" or "osm.pbf"; CSV when nothing else fits (the CSV reader then says why
    the file cannot be read)."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".pbf"):
        return "osm.pbf"
    try:
        with path.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return "csv"  # the reader reports the missing or unreadable file in the usual words
    if OSM_PBF_MARK in start[:32]:
        return "osm.pbf"
    if start.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    head = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") or name.endswith((".geojson", ".json")):
        return "geojson"
    if name.endswith(".osm") or (head.startswith(b"<?xml") and b"<osm" in path.read_bytes()[:1024]):
        return "osm"
    return "csv"


def read_table_of(path: Path, *, file_name: str | None = None, progress: Callable[[int], None] | None = None):
    """The :class:`~.tabular.Table` of a CSV, Excel or GeoJSON file (for a preview and the mapping step)."""
    fmt = file_format(path)
    if fmt == "geojson":
        return read_geojson(path, file_name=file_name)
    if fmt in ("osm", "osm.pbf"):
        problems = Problems(file_name or Path(path).name)
        problems.add(_("an OpenStreetMap file has no columns to map"))
        raise ImportRejected(problems.as_list())
    return read_table(path, file_name=file_name, progress=progress, strict=False)


def osm_outline(gebied):
    """What an OpenStreetMap extract is cut to for an area: the area's own outline, else its core's, else its
    municipality's (the first that is a polygon); None when none has one."""
    # import here: the OpenStreetMap reader loads pyosmium (a sixth of a second), which only OSM files need.
    from kernkompas.monitor.importers.osm import Outline

    for place in (gebied, gebied.kern, gebied.kern.gemeente):
        geometry = place.geometry or {}
        if geometry.get("type") in ("Polygon", "MultiPolygon"):
            name = place.name_nl if place is gebied.kern.gemeente else place.name
            return Outline(geometry, name)
    return None


def read_osm_for(path: Path, gebied, *, file_name: str | None = None) -> tuple[list[UnitRecord], str]:
    """The units of an OpenStreetMap extract inside the area's outline (:func:`osm_outline`), and a remark for the
    officer saying how many objects were left out ("" when none)."""
    # import here: the OpenStreetMap reader loads pyosmium, which only OSM files need (see osm_outline).
    from kernkompas.monitor.importers.osm import read_osm

    outline = osm_outline(gebied)
    records = read_osm(path, file_name=file_name, within=outline)
    if outline is None or not outline.left_out:
        return records, ""
    remark = ngettext(
        "%(n)s object outside %(area)s was left out; units inside it: %(kept)s.",
        "%(n)s objects outside %(area)s were left out; units inside it: %(kept)s.",
        outline.left_out,
    ) % {"n": outline.left_out, "area": outline.name, "kept": len(records)}
    return records, remark


def read_units(
    path: Path,
    *,
    gemeente,
    mapping: dict | None = None,
    file_name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[UnitRecord]:
    """The units of a CSV, Excel, GeoJSON or OpenStreetMap file, or ``ImportRejected`` with every problem.

    ``mapping`` (``{field: header}``) applies to CSV, Excel and GeoJSON; None proposes one from the headers. An
    OpenStreetMap extract is read whole here; :func:`read_osm_for` cuts it to an area.
    """
    path = Path(path)
    name = file_name or path.name
    if file_format(path) in ("osm", "osm.pbf"):
        # import here: the OpenStreetMap reader loads pyosmium, which only OSM files need (see osm_outline).
        from kernkompas.monitor.importers.osm import read_osm

        return read_osm(path, file_name=name)
    table = read_table_of(path, file_name=name, progress=progress)
    return apply(table, mapping, gemeente=gemeente, file_name=name, progress=progress)
