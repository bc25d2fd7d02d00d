"""Measuring the cores: an OpenStreetMap extract → the feature counts per DNA indicator of every core with an
outline → :class:`~kernkompas.dna.models.CoreFigures` (source OpenStreetMap).

Two steps, so that bad input never loses data:

1. :func:`measure_extract` reads and checks everything (the file, the outlines of the cores, the number of
   features: at most :data:`kernkompas.lib.dna.osm.MAX_FEATURES`) and raises
   :class:`~kernkompas.core.problems.ImportRejected` with every problem, worded for a municipal officer (which file,
   which core, what is wrong). Nothing is written.
2. :func:`store_figures` replaces the OpenStreetMap figures of the measured cores in one transaction and writes the
   audit log (one event per core, with its municipality).

Used by the command ``kernkompas dna-figures`` and by the demo (``dna/demo.py``), so both go the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import osmium
import shapely
from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.core.problems import ImportRejected, Problems, sniff_osm
from kernkompas.dna.models import CoreFigures, FiguresSource
from kernkompas.lib.dna import osm as dna_osm
from kernkompas.lib.dna.catalogue import CATALOGUE
from kernkompas.places.models import Kern

SOURCE_LABEL_MAX = 300


@dataclass(frozen=True)
class MeasuredCore:
    kern: Kern
    counts: dict[str, int]
    area_km2: float | None


def kern_place(kern: Kern) -> str:
    """How a problem names a core: its name and address (gemeente/kern)."""
    return _("core %(name)s (%(address)s)") % {"name": kern.name, "address": f"{kern.gemeente.slug}/{kern.slug}"}


def outline(kern: Kern) -> shapely.Geometry | None:
    """The core's outline as a valid shapely (multi)polygon, or None when it has none or it is not a polygon."""
    if not kern.geometry:
        return None
    try:
        shape = shapely.geometry.shape(kern.geometry)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return None
    if shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    if not shape.is_valid:
        shape = shapely.make_valid(shape)
    return shape if shape.area > 0 else None


def extract_bounds(path: Path, features: dna_osm.Features) -> tuple[float, float, float, float] | None:
    """The extract's bounding box (west, south, east, north): from its header, else around its features."""
    try:
        reader = osmium.io.Reader(str(path), osmium.osm.osm_entity_bits.NOTHING)
        box = reader.header().box()
        reader.close()
        if box.valid():
            return (box.bottom_left.lon, box.bottom_left.lat, box.top_right.lon, box.top_right.lat)
    except (RuntimeError, ValueError):
        pass
    if not len(features):
        return None
    return (float(features.lon.min()), float(features.lat.min()), float(features.lon.max()), float(features.lat.max()))


def measure_extract(
    path: str | Path,
    kernen: Iterable[Kern],
    *,
    chosen: bool = False,
    file_name: str | None = None,
    max_features: int = dna_osm.MAX_FEATURES,
) -> list[MeasuredCore]:
    """The counts of every core of ``kernen`` in the extract (see the module text). With ``chosen`` the cores were
    asked for by name (their municipalities), so a core without an outline or outside the extract is a problem;
    otherwise such cores are simply not measured (the default: every core whose outline lies in the extract)."""
    path = Path(path)
    problems = Problems(file_name or path.name)
    if sniff_osm(path, problems) is None:
        raise ImportRejected(problems.as_list())
    outlines: dict[int, shapely.Geometry] = {}
    kernen = list(kernen)
    for kern in kernen:
        shape = outline(kern)
        if shape is not None:
            outlines[kern.pk] = shape
        elif chosen:
            problems.add(_("the core has no outline, so nothing can be counted in it"), where=kern_place(kern))
    try:
        features = dna_osm.read_features(path, CATALOGUE, max_features=max_features)
    except dna_osm.TooManyFeatures:
        problems.add(
            _("the extract has more than %(maximum)s objects to count; cut out a smaller area first")
            % {"maximum": f"{max_features:,}".replace(",", ".")}
        )
        raise ImportRejected(problems.as_list()) from None
    except (RuntimeError, ValueError) as exc:  # libosmium cannot read it
        problems.add(_("the file is not a readable OpenStreetMap extract (%(reason)s)") % {"reason": exc})
        raise ImportRejected(problems.as_list()) from None
    bounds = extract_bounds(path, features)
    inside: dict[int, shapely.Geometry] = {}
    box = shapely.box(*bounds) if bounds else None
    for kern in kernen:
        shape = outlines.get(kern.pk)
        if shape is None:
            continue
        if box is not None and box.buffer(1e-9).contains(shape):
            inside[kern.pk] = shape
        elif chosen:
            problems.add(_("the core's outline does not lie inside the extract"), where=kern_place(kern))
    if problems:
        raise ImportRejected(problems.as_list())
    if not inside:
        problems.add(_("no core with an outline lies inside the extract"))
        raise ImportRejected(problems.as_list())
    counts = dna_osm.count_in_cores(features, {str(pk): shape for pk, shape in inside.items()})
    by_pk = {kern.pk: kern for kern in kernen}
    return [
        MeasuredCore(by_pk[pk], counts[str(pk)], round(dna_osm.area_km2(shape), 6) or None)
        for pk, shape in sorted(inside.items(), key=lambda item: (by_pk[item[0]].name, item[0]))
    ]


@transaction.atomic
def store_figures(
    by,
    measured: Sequence[MeasuredCore],
    *,
    source_label: str,
    measured_on: date,
    source: str = FiguresSource.OSM,
) -> list[CoreFigures]:
    """Replace the figures of this source of the measured cores with the new counts, in one transaction."""
    stored = []
    for item in measured:
        old = CoreFigures.objects.filter(kern=item.kern, source=source).first()
        figures, _created = CoreFigures.objects.update_or_create(
            kern=item.kern,
            source=source,
            defaults={
                "source_label": source_label[:SOURCE_LABEL_MAX],
                "measured_on": measured_on,
                "counts": dict(item.counts),
                "area_km2": item.area_km2,
            },
        )
        changes = {
            "source": source,
            "source_label": figures.source_label,
            "measured_on": measured_on.isoformat(),
            "features": sum(item.counts.values()),
        }
        if old is not None:
            changes["replaced"] = f"{old.source_label} ({old.measured_on.isoformat()})"
        audit.record(by, "dna.figures_measured", figures, gemeente=item.kern.gemeente, changes=changes)
        stored.append(figures)
    return stored
