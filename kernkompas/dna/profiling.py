"""From the database to the analysis: the :class:`~kernkompas.lib.dna.profiles.ProfileTable` of a set of cores.

A core's counts come from its :class:`~kernkompas.dna.models.CoreFigures` (the OpenStreetMap counts) and the
Kernmonitor register. Both are lower bounds of what is really there: an extract holds only what mappers entered, a
register only the units of the areas the municipality surveyed (usually the shopping streets, not the whole core).
So where both count an indicator, the larger count is used, and the page says which source gave it. The register is
asked through the parts registry (:func:`kernkompas.core.parts.core_unit_counts`: the current units of the core's
**public** areas per function group and branch) and converted to indicator counts with the catalogue's mapping
(:func:`kernkompas.lib.dna.catalogue.counts_from_register`); the DNA never imports the Kernmonitor. Its population
is the core's own figure (``Kern.population``), its area the area of its outline (measured when the figures were
made, else from the outline now). A core without any figures has no profile and is left out, so a peer group only
holds cores with numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import shapely
from django.db.models import Q, QuerySet

from kernkompas.core import parts
from kernkompas.dna.models import CoreFigures, FiguresSource
from kernkompas.lib.dna.catalogue import counts_from_register
from kernkompas.lib.dna.osm import area_km2
from kernkompas.lib.dna.profiles import Core, CoreComparison, ProfileTable, compare
from kernkompas.lib.text import fold
from kernkompas.places import selectors as place_selectors
from kernkompas.places.models import Kern, Regio

# Read in this order; where two sources count an indicator, the larger count is used (both are lower bounds).
SOURCE_PRIORITY = (FiguresSource.OSM, FiguresSource.KERNMONITOR)


@dataclass(frozen=True)
class Provenance:
    """Where a core's numbers come from, for the page that shows them."""

    sources: tuple[tuple[str, str, date], ...]  # (source display name, file or register, measured on)
    register_codes: tuple[str, ...] = ()  # the indicators whose count comes from the Kernmonitor register
    source_codes: tuple[str, ...] = ()  # FiguresSource value of each of ``sources``

    def source_of(self, code: str) -> str:
        """``kernmonitor`` when the register counted this indicator, else ``osm``."""
        return FiguresSource.KERNMONITOR if code in self.register_codes else FiguresSource.OSM


def outline_area_km2(kern: Kern) -> float | None:
    if not kern.geometry:
        return None
    try:
        return area_km2(shapely.geometry.shape(kern.geometry)) or None
    except (ValueError, TypeError, AttributeError):
        return None


def _larger(counts: dict[str, int], other) -> dict[str, int]:
    """The counts of ``other`` that are larger than those already in ``counts`` (a missing count is 0)."""
    return {code: int(n) for code, n in other.items() if int(n) > counts.get(code, 0)}


def profile_table(kernen: Iterable[Kern]) -> tuple[ProfileTable, dict[str, Kern], dict[str, Provenance]]:
    """The profile table of the cores that have figures (keyed by ``str(kern.pk)``), the cores by key and where
    each one's numbers come from. One query for the figures, whatever the number of cores."""
    by_pk = {kern.pk: kern for kern in kernen}
    figures: dict[int, dict[str, CoreFigures]] = {}
    for row in CoreFigures.objects.filter(kern_id__in=by_pk).order_by("kern_id"):
        figures.setdefault(row.kern_id, {})[row.source] = row
    register = parts.core_unit_counts([by_pk[pk] for pk in figures]) if figures else {}
    cores, kern_by_key, provenance = [], {}, {}
    for pk, rows in figures.items():
        kern = by_pk[pk]
        counts: dict[str, int] = {}
        area = None
        register_codes: tuple[str, ...] = ()
        for source in SOURCE_PRIORITY:
            if source in rows:
                larger = _larger(counts, rows[source].counts)
                counts.update(larger)
                area = rows[source].area_km2 or area
                if source == FiguresSource.KERNMONITOR:
                    register_codes = tuple(larger)
        sources = [
            (FiguresSource(source).label, rows[source].source_label, rows[source].measured_on)
            for source in SOURCE_PRIORITY
            if source in rows
        ]
        source_codes = [str(source) for source in SOURCE_PRIORITY if source in rows]
        units = register.get(pk)
        if units:
            from_register = _larger(counts, counts_from_register(units))
            counts.update(from_register)
            register_codes = tuple(sorted({*register_codes, *from_register}))
            sources.append((FiguresSource.KERNMONITOR.label, ", ".join(units.areas), units.measured_on))
            source_codes.append(str(FiguresSource.KERNMONITOR))
        key = str(pk)
        cores.append(Core(key, kern.name, kern.population, area or outline_area_km2(kern), counts))
        kern_by_key[key] = kern
        provenance[key] = Provenance(tuple(sources), register_codes, tuple(source_codes))
    cores.sort(key=lambda core: (kern_by_key[core.key].name, core.key))
    return ProfileTable.from_cores(cores), kern_by_key, provenance


def cores_with_figures() -> QuerySet[Kern]:
    return Kern.objects.filter(dna_figures__isnull=False).distinct().select_related("gemeente")


def regios_of(kern: Kern) -> QuerySet[Regio]:
    """The regions a core belongs to: by itself or through its municipality."""
    return Regio.objects.filter(Q(kernen=kern) | Q(gemeenten=kern.gemeente_id)).distinct().order_by("name")


def in_regios(regios) -> QuerySet[Kern]:
    """The cores of these regions with figures: those a region names and those of the municipalities it names."""
    regio_pks = [regio.pk for regio in regios]
    return cores_with_figures().filter(Q(regios__in=regio_pks) | Q(gemeente__regios__in=regio_pks)).distinct()


def default_peers(kern: Kern) -> QuerySet[Kern]:
    """The peer group when the user has not chosen one: the other cores of the regions the core belongs to (its own
    or through its municipality), else those of its province, else of its country; only cores with figures."""
    others = cores_with_figures().exclude(pk=kern.pk)
    in_regions = in_regios(regios_of(kern)).filter(pk__in=others.values("pk"))
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


# --- The peer group the user chooses (the analysis page and the API) ----------------------------------------------

MAX_PEERS = 300  # at most this many cores in a peer group (the page lists every one of them)


def _bounded(kernen: QuerySet[Kern], kern: Kern) -> list[Kern]:
    return list(kernen.exclude(pk=kern.pk).select_related("gemeente").order_by("name", "pk")[:MAX_PEERS])


def peers_in_regio(kern: Kern, regio: Regio) -> list[Kern]:
    return _bounded(in_regios([regio]), kern)


def peers_in_province(kern: Kern) -> list[Kern]:
    if not kern.gemeente.province_id:
        return []
    return _bounded(cores_with_figures().filter(gemeente__province_id=kern.gemeente.province_id), kern)


def peers_of_similar_municipalities(kern: Kern, limit: int = 12) -> tuple[list[Kern], list]:
    """The cores (with figures) of the municipalities most similar to the core's own (as the places pages compute
    them: size, density, role in the region), and those municipalities."""
    gemeente = kern.gemeente
    if not gemeente.is_current:
        return [], []
    candidates = place_selectors.load_candidates(demo=gemeente.is_demo)
    similar = place_selectors.similar_gemeenten(gemeente, candidates, limit=limit)
    pks = [item.row["pk"] for item in similar]
    return _bounded(cores_with_figures().filter(gemeente_id__in=pks), kern), similar


def peers_by_ids(kern: Kern, ids: list[int]) -> tuple[list[Kern], list[int]]:
    """The chosen cores with figures among ``ids`` (at most MAX_PEERS), and the ids that are no such core."""
    found = {k.pk: k for k in cores_with_figures().filter(pk__in=ids[:MAX_PEERS]).exclude(pk=kern.pk)}
    unknown = [pk for pk in ids if pk not in found and pk != kern.pk]
    return sorted(found.values(), key=lambda k: (k.name, k.pk)), unknown


def search_cores(query: str, limit: int = 20) -> list[Kern]:
    """Cores with figures whose name (or municipality) matches ``query`` (folded, as the place search does)."""
    folded = fold(query or "")[:100]
    if not folded:
        return []
    found = cores_with_figures().filter(Q(search_text__contains=folded) | Q(gemeente__search_text__contains=folded))
    return list(found.order_by("name", "pk")[:limit])
