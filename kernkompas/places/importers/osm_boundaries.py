"""OpenStreetMap administrative boundaries as municipalities (``kernkompas import-places --osm FILE``).

An extract (``.osm.pbf`` or ``.osm`` XML) holds ``boundary=administrative`` relations at several ``admin_level`` s;
the operator chooses the level that stands for municipalities in that country (8 in Liechtenstein, Germany and
Finland) and the country's ISO code. Each boundary of that level becomes a municipality: its name (``name:nl``
when mappers gave one, else ``name``), the relation id as its code (``OSM1155956``; never a Belgian NIS or Dutch
CBS code), its outline and area, and ``population`` when the relation carries it. A boundary cut off by the edge
of the extract cannot be assembled and is left out (:func:`kernkompas.lib.dna.osm.admin_areas`).

When the extract also holds the country's own boundary (``admin_level=2`` with ``ISO3166-1`` = the code), only
boundaries inside it are taken, so the Swiss or Austrian neighbours at the same level in a border extract are not
made into municipalities of Liechtenstein.

Like every importer this module only *reads*: it returns the records, or raises :class:`ImportRejected` with every
problem it found. Writing is :mod:`kernkompas.places.actions.osm_import`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import mapping

from kernkompas.core.problems import ImportRejected, Problems, check_length, limit_reason, sniff_osm
from kernkompas.lib.dna.osm import AdminArea, admin_areas
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.lib.geo import GeometryError, check_area_geometry, round_coordinates
from kernkompas.places.importers.base import geometry_reason
from kernkompas.places.models import Country, Gemeente

SOURCE = "OpenStreetMap"
ADMIN_LEVELS = range(2, 12)  # OSM's administrative levels (2 = country … 11 = neighbourhood)
MAX_BOUNDARIES = 2_000  # municipalities in one import (Germany has about 11,000: import a state at a time)
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
CODE_PREFIX = "OSM"


@dataclass(frozen=True)
class OsmMunicipality:
    osm_id: int
    name_nl: str
    name_fr: str
    geometry: dict  # checked, rounded WGS84 GeoJSON
    area_km2: float
    population: int | None
    population_year: int | None
    where: str

    @property
    def code(self) -> str:
        return municipality_code(self.osm_id)

    @property
    def kern_code(self) -> str:
        return f"{self.code}_1"


@dataclass
class OsmBoundaries:
    """What an extract says: the country (its names when the extract has its boundary) and the municipalities."""

    file: str
    admin_level: int
    country: str
    country_names: dict[str, str]  # name_nl, name_fr, name_en as the extract's country boundary gives them
    municipalities: list[OsmMunicipality] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> number of boundaries left out


def municipality_code(osm_id: int) -> str:
    return f"{CODE_PREFIX}{osm_id}"


def read_boundaries(path: str | Path, *, admin_level: int, country: str, country_name: str = "") -> OsmBoundaries:
    """The boundaries of ``admin_level`` in the extract as municipalities of ``country``; raises
    :class:`ImportRejected` listing every problem (nothing has been written then)."""
    path = Path(path)
    problems = Problems(path.name)
    country = (country or "").strip().upper()
    if not COUNTRY_CODE.fullmatch(country):
        problems.add(_("“%(code)s” is not a country code: give two letters, e.g. LI") % {"code": country})
    if admin_level not in ADMIN_LEVELS:
        problems.add(
            _("admin_level %(level)s does not exist in OpenStreetMap: choose 2 to 11") % {"level": admin_level}
        )
    if problems or sniff_osm(path, problems) is None:
        raise ImportRejected(problems.as_list())
    try:
        areas = admin_areas(path, admin_level)
        country_area = _country_area(path, country) if admin_level != 2 else None
    except (RuntimeError, ValueError) as exc:  # libosmium's errors for a file it cannot read
        problems.add(_("the file is not a readable OpenStreetMap extract (%(reason)s)") % {"reason": exc})
        raise ImportRejected(problems.as_list()) from None
    result = OsmBoundaries(path.name, admin_level, country, _country_names(country_area, country_name))
    if not areas:
        problems.add(
            _("the extract has no complete administrative boundaries of admin_level %(level)s") % {"level": admin_level}
        )
    elif len(areas) > MAX_BOUNDARIES:
        problems.add(
            _("the extract has %(found)s boundaries of admin_level %(level)s; one import takes at most %(maximum)s")
            % {"found": len(areas), "level": admin_level, "maximum": MAX_BOUNDARIES}
        )
    if problems:
        raise ImportRejected(problems.as_list())
    if not result.country_names["name_nl"] and not Country.objects.filter(code=country).exists():
        problems.add(
            _("Kernkompas does not know the country %(code)s and the extract does not name it: give --country-name")
            % {"code": country}
        )
    for area in areas:
        if country_area is not None and not shapely.contains(country_area.geometry, area.geometry.point_on_surface()):
            result.skipped[_("outside %(country)s") % {"country": country_area.name}] += 1
            continue
        municipality = _municipality(area, problems, result.skipped)
        if municipality is not None:
            result.municipalities.append(municipality)
    if not problems and not result.municipalities:
        problems.add(
            _("none of the boundaries of admin_level %(level)s lies inside %(country)s")
            % {"level": admin_level, "country": country}
        )
    if problems:
        raise ImportRejected(problems.as_list())
    return result


def _country_area(path: Path, country: str) -> AdminArea | None:
    for area in admin_areas(path, 2):
        codes = {area.tags.get("ISO3166-1"), area.tags.get("ISO3166-1:alpha2")}
        if country in codes:
            return area
    return None


def _country_names(area: AdminArea | None, given: str) -> dict[str, str]:
    tags = area.tags if area is not None else {}
    name_nl = (given or tags.get("name:nl") or tags.get("name") or "").strip()
    return {
        "name_nl": name_nl[:100],
        "name_fr": (tags.get("name:fr") or "")[:100],
        "name_en": (tags.get("name:en") or "")[:100],
    }


def _municipality(area: AdminArea, problems: Problems, skipped: Counter) -> OsmMunicipality | None:
    where = _("OSM relation %(id)s") % {"id": area.osm_id}
    name_nl = (area.tags.get("name:nl") or area.tags.get("name") or "").strip()
    name_fr = (area.tags.get("name:fr") or "").strip()
    if not name_nl:
        problems.add(_("the boundary has no name (tag name)"), where=where)
        return None
    where = f"{where} ({name_nl[:60]})"
    fits = check_length(problems, Gemeente, "name_nl", name_nl, where=where, field="name")
    fits &= check_length(problems, Gemeente, "name_fr", name_fr, where=where, field="name:fr")
    try:
        geometry = round_coordinates(check_area_geometry(mapping(area.geometry)))
    except LimitExceeded as exc:
        problems.add(limit_reason(exc), where=where, field="geometry")
        return None
    except GeometryError as exc:
        problems.add(geometry_reason(exc), where=where, field="geometry")
        return None
    if not fits:
        return None
    population = _whole_number(area.tags.get("population"))
    if area.tags.get("population") and population is None:
        # Mappers write "ca. 5000" or "5000 (2019)": a figure Kernkompas cannot read is left empty, not refused.
        skipped[_("population tag that is not a whole number (left empty)")] += 1
    year = _year(area.tags.get("population:date") or area.tags.get("source:population:date") or "")
    return OsmMunicipality(
        area.osm_id,
        name_nl,
        name_fr,
        geometry,
        round(area.area_km2, 3),
        population,
        year if population else None,
        where,
    )


def _whole_number(text: str | None) -> int | None:
    if not text:
        return None
    cleaned = re.sub(r"[\s.,\u00a0]", "", text.strip()) if re.fullmatch(r"\d{1,3}([.,\s\u00a0]\d{3})+", text) else text
    if not re.fullmatch(r"\d{1,9}", cleaned.strip()):
        return None
    return int(cleaned)


def _year(text: str) -> int | None:
    match = re.match(r"\s*(\d{4})", text)
    year = int(match.group(1)) if match else None
    return year if year is not None and 1800 <= year <= 2100 else None
