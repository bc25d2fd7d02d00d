"""From the database to the analysis: the :class:`~kernkompas.lib.dna.profiles.ProfileTable` of a set of cores.

A core's counts come from its :class:`~kernkompas.dna.models.CoreFigures`: the OpenStreetMap counts, and where the
Kernmonitor register has a count for an indicator, that one instead (a register counts every unit of the core; an
extract only what mappers entered). Its population is the core's own figure (``Kern.population``), its area the
area of its outline (measured when the figures were made, else from the outline now). A core without any figures
has no profile and is left out, so a peer group only holds cores with numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import shapely
from django.db.models import Q, QuerySet

from kernkompas.dna.models import CoreFigures, FiguresSource
from kernkompas.lib.dna.osm import area_km2
from kernkompas.lib.dna.profiles import Core, CoreComparison, ProfileTable, compare
from kernkompas.places.models import Kern

# The register wins over OpenStreetMap where both count an indicator.
SOURCE_PRIORITY = (FiguresSource.OSM, FiguresSource.KERNMONITOR)


@dataclass(frozen=True)
class Provenance:
    """Where a core's numbers come from, for the page that shows them."""

    sources: tuple[tuple[str, str, date], ...]  # (source display name, file or register, measured on)


def outline_area_km2(kern: Kern) -> float | None:
    if not kern.geometry:
        return None
    try:
        return area_km2(shapely.geometry.shape(kern.geometry)) or None
    except (ValueError, TypeError, AttributeError):
        return None


def profile_table(kernen: Iterable[Kern]) -> tuple[ProfileTable, dict[str, Kern], dict[str, Provenance]]:
    """The profile table of the cores that have figures (keyed by ``str(kern.pk)``), the cores by key and where
    each one's numbers come from. One query for the figures, whatever the number of cores."""
    by_pk = {kern.pk: kern for kern in kernen}
    figures: dict[int, dict[str, CoreFigures]] = {}
    for row in CoreFigures.objects.filter(kern_id__in=by_pk).order_by("kern_id"):
        figures.setdefault(row.kern_id, {})[row.source] = row
    cores, kern_by_key, provenance = [], {}, {}
    for pk, rows in figures.items():
        kern = by_pk[pk]
        counts: dict[str, int] = {}
        area = None
        for source in SOURCE_PRIORITY:
            if source in rows:
                counts.update({code: int(n) for code, n in rows[source].counts.items()})
                area = rows[source].area_km2 or area
        key = str(pk)
        cores.append(Core(key, kern.name, kern.population, area or outline_area_km2(kern), counts))
        kern_by_key[key] = kern
        provenance[key] = Provenance(
            tuple(
                (FiguresSource(source).label, rows[source].source_label, rows[source].measured_on)
                for source in SOURCE_PRIORITY
                if source in rows
            )
        )
    cores.sort(key=lambda core: (kern_by_key[core.key].name, core.key))
    return ProfileTable.from_cores(cores), kern_by_key, provenance


def cores_with_figures() -> QuerySet[Kern]:
    return Kern.objects.filter(dna_figures__isnull=False).distinct().select_related("gemeente")


def default_peers(kern: Kern) -> QuerySet[Kern]:
    """The peer group when the user has not chosen one: the other cores of the regions the core belongs to (its own
    or through its municipality), else those of its province, else of its country; only cores with figures."""
    others = cores_with_figures().exclude(pk=kern.pk)
    in_regions = others.filter(Q(regios__kernen=kern) | Q(regios__gemeenten=kern.gemeente_id)).distinct()
    if in_regions.exists():
        return in_regions
    if kern.gemeente.province_id:
        in_province = others.filter(gemeente__province_id=kern.gemeente.province_id)
        if in_province.exists():
            return in_province
    return others.filter(gemeente__country_id=kern.gemeente.country_id)


@dataclass(frozen=True)
class Analysis:
    """One core against its peers: the lib's comparison with the cores behind the keys."""

    kern: Kern
    comparison: CoreComparison | None  # None when the core has no figures
    table: ProfileTable
    kernen: dict[str, Kern]
    provenance: dict[str, Provenance]

    @property
    def peers(self) -> list[Kern]:
        return [self.kernen[key] for key in self.comparison.peer_keys] if self.comparison else []


def analyse(kern: Kern, peers: Iterable[Kern] | None = None) -> Analysis:
    """Compare ``kern`` with ``peers`` (default: :func:`default_peers`); peers without figures drop out."""
    peers = list(default_peers(kern) if peers is None else peers)
    table, kernen, provenance = profile_table([kern, *peers])
    key = str(kern.pk)
    comparison = None
    if key in table.index:
        comparison = compare(table, key, [k for k in table.keys if k != key])
    return Analysis(kern, comparison, table, kernen, provenance)
