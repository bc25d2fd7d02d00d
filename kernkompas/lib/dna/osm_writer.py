"""Writing a small OpenStreetMap extract (``.osm.pbf``) of tagged points with pyosmium: for the demo's invented
cores and for tests. The header carries the bounding box, so a reader knows which area the extract covers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import osmium


def write_points(
    path: str | Path,
    points: Iterable[tuple[float, float, Mapping[str, str]]],
    bounds: tuple[float, float, float, float],
) -> int:
    """Write ``(lon, lat, tags)`` as nodes 1, 2, … to ``path`` (replaced if it exists) with ``bounds`` (west, south,
    east, north) in the header; returns the number of nodes."""
    header = osmium.io.Header()
    west, south, east, north = bounds
    header.add_box(osmium.osm.Box(osmium.osm.Location(west, south), osmium.osm.Location(east, north)))
    header.set("generator", "kernkompas")
    written = 0
    writer = osmium.SimpleWriter(str(path), header=header, overwrite=True)
    try:
        for number, (lon, lat, tags) in enumerate(points, start=1):
            writer.add_node(osmium.osm.mutable.Node(id=number, location=(lon, lat), tags=dict(tags), version=1))
            written = number
    finally:
        writer.close()
    return written
