"""The named operation ``import_osm_boundaries``: OpenStreetMap administrative boundaries become the municipalities
of a country, each with one core that covers it, so a region outside Belgium and the Netherlands can be profiled
the way the Kern-DNA profiles Flemish and Dutch cores.

The extract is read and checked completely first (:mod:`kernkompas.places.importers.osm_boundaries`); then
everything is written in one transaction with one audit event. A second run updates what changed (name, outline,
area, a population the extract states) and creates nothing twice: the OSM relation id is the municipality's code.
A population someone entered by hand stays when the extract has none; slugs stay as they were, so addresses last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.core.problems import ImportRejected, Problems
from kernkompas.lib.text import slugify_name
from kernkompas.places.actions.import_write import CATEGORIES, Counts
from kernkompas.places.actions.imports import _count_line
from kernkompas.places.importers.osm_boundaries import SOURCE, OsmBoundaries, OsmMunicipality, read_boundaries
from kernkompas.places.models import Country, Gemeente, Kern, KernKind, Regio

GEMEENTE_FIELDS = ("name_nl", "name_fr", "geometry", "area_km2", "population", "population_year", "source")
KERN_FIELDS = ("name", "geometry", "population", "kind", "source")


@dataclass
class OsmImportReport:
    boundaries: OsmBoundaries
    country: Country
    gemeenten: Counts = field(default_factory=Counts)
    kernen: Counts = field(default_factory=Counts)
    country_created: bool = False
    regio: Regio | None = None
    added_to_regio: int = 0

    @property
    def changed_anything(self) -> bool:
        counts = (self.gemeenten, self.kernen)
        return self.country_created or self.added_to_regio > 0 or any(c.created or c.changed for c in counts)

    def lines(self) -> list[str]:
        lines = [
            _("%(file)s — OpenStreetMap boundaries (admin_level %(level)s) as municipalities of %(country)s")
            % {"file": self.boundaries.file, "level": self.boundaries.admin_level, "country": self.country.name_nl}
        ]
        lines.append("  " + _count_line(CATEGORIES["gemeenten"], self.gemeenten))
        lines.append("  " + _count_line(CATEGORIES["kernen"], self.kernen))
        for reason, number in self.boundaries.skipped.items():
            lines.append("  " + _("left out (%(number)s): %(reason)s") % {"number": number, "reason": reason})
        if self.regio is not None:
            lines.append(
                _("Region “%(name)s”: %(added)s municipalities added")
                % {"name": self.regio.name, "added": self.added_to_regio}
            )
        if not self.changed_anything:
            lines.append(_("Nothing has changed: the database already held these data."))
        return lines

    def audit_changes(self) -> dict:
        return {
            "file": self.boundaries.file,
            "admin_level": self.boundaries.admin_level,
            "country": self.country.code,
            "gemeenten": self.gemeenten.as_dict(),
            "kernen": self.kernen.as_dict(),
            "regio": self.regio.slug if self.regio else "",
        }


def import_osm_boundaries(
    path: str | Path,
    *,
    admin_level: int,
    country: str,
    country_name: str = "",
    regio: str = "",
    by=None,
) -> OsmImportReport:
    """Import the boundaries of ``admin_level`` in an OpenStreetMap extract as municipalities of ``country`` (an
    ISO 3166-1 alpha-2 code), each with one core; optionally put them in the region named ``regio`` (created when
    it does not exist). Raises :class:`ImportRejected` when anything is wrong, and then writes nothing."""
    regio = (regio or "").strip()
    regio_problems = Problems(Path(path).name)
    if regio and (len(regio) > Regio._meta.get_field("name").max_length or not slugify_name(regio)):
        regio_problems.add(_("“%(name)s” cannot be the name of a region") % {"name": regio[:60]})
    boundaries = read_boundaries(path, admin_level=admin_level, country=country, country_name=country_name)
    if regio_problems:
        raise ImportRejected(regio_problems.as_list())
    with transaction.atomic():
        country_row, created = _country(boundaries)
        _check_conflicts(boundaries, country_row)
        report = OsmImportReport(boundaries, country_row, country_created=created)
        existing = {g.code: g for g in Gemeente.objects.filter(code__in=[m.code for m in boundaries.municipalities])}
        kernen = {k.code: k for k in Kern.objects.filter(code__in=[m.kern_code for m in boundaries.municipalities])}
        gemeenten = []
        for municipality in boundaries.municipalities:
            gemeente = _write_gemeente(municipality, country_row, existing.get(municipality.code), report.gemeenten)
            _write_kern(municipality, gemeente, kernen.get(municipality.kern_code), report.kernen)
            gemeenten.append(gemeente)
        if regio:
            report.regio, report.added_to_regio = _into_regio(regio, gemeenten)
        audit.record(by, "places.osm_imported", report.regio, changes=report.audit_changes(), label=boundaries.file)
    return report


def _country(boundaries: OsmBoundaries) -> tuple[Country, bool]:
    # Locking the row (when it exists) makes two imports on PostgreSQL take turns, as the file import does.
    found = Country.objects.select_for_update().filter(code=boundaries.country).first()
    if found is not None:
        return found, False
    names = boundaries.country_names
    country = Country(code=boundaries.country, **names)
    country.full_clean()
    country.save()
    return country, True


def _check_conflicts(boundaries: OsmBoundaries, country: Country) -> None:
    """A code that already belongs to a municipality of another country (the same extract imported before with
    another --country): refuse rather than move it."""
    problems = Problems(boundaries.file)
    codes = {m.code: m for m in boundaries.municipalities}
    clashes = Gemeente.objects.filter(code__in=codes).exclude(country=country).select_related("country")
    for gemeente in clashes:
        problems.add(
            _("this boundary was imported before as a municipality of %(country)s; Kernkompas does not move it")
            % {"country": gemeente.country.code},
            where=codes[gemeente.code].where,
        )
    kern_codes = {m.kern_code: m for m in boundaries.municipalities}
    for kern in Kern.objects.filter(code__in=kern_codes).select_related("gemeente"):
        if kern.gemeente.code != kern_codes[kern.code].code:
            problems.add(_("a core with this code belongs to another municipality"), where=kern_codes[kern.code].where)
    if problems:
        raise ImportRejected(problems.as_list())


def _write_gemeente(m: OsmMunicipality, country: Country, gemeente: Gemeente | None, counts: Counts) -> Gemeente:
    new = gemeente is None
    if new:
        gemeente = Gemeente(code=m.code, country=country, slug=_free_slug(m.name_nl, country.code, m.osm_id))
    before = {name: getattr(gemeente, name) for name in GEMEENTE_FIELDS}
    gemeente.name_nl, gemeente.name_fr, gemeente.area_km2, gemeente.source = m.name_nl, m.name_fr, m.area_km2, SOURCE
    if gemeente.geometry != m.geometry:
        gemeente.set_geometry(m.geometry)
    if m.population is not None:  # an extract without the figure keeps the one someone entered
        gemeente.population, gemeente.population_year = m.population, m.population_year
    after = {name: getattr(gemeente, name) for name in GEMEENTE_FIELDS}
    if new or after != before:
        gemeente.refresh_derived()
        gemeente.save()
        counts.created += new
        counts.changed += not new
    else:
        counts.unchanged += 1
    return gemeente


def _free_slug(name: str, country: str, osm_id: int) -> str:
    wanted = slugify_name(name)[:140] or f"osm-{osm_id}"
    for slug in (wanted, f"{wanted}-{country.lower()}", f"{wanted}-osm-{osm_id}"):
        if not Gemeente.objects.filter(slug=slug).exists():
            return slug
    return f"osm-{osm_id}"


def _write_kern(m: OsmMunicipality, gemeente: Gemeente, kern: Kern | None, counts: Counts) -> Kern:
    """One core covering the whole municipality: the unit the Kern-DNA profiles."""
    new = kern is None
    if new:
        kern = Kern(gemeente=gemeente, code=m.kern_code, slug=slugify_name(m.name_nl)[:140] or "kern")
    before = {name: getattr(kern, name) for name in KERN_FIELDS}
    kern.name, kern.kind, kern.source = m.name_nl[: Kern._meta.get_field("name").max_length], KernKind.HOOFDKERN, SOURCE
    if kern.geometry != m.geometry:
        kern.set_geometry(m.geometry)
    if m.population is not None:
        kern.population = m.population
    after = {name: getattr(kern, name) for name in KERN_FIELDS}
    if new or after != before:
        kern.refresh_derived()
        kern.save()
        counts.created += new
        counts.changed += not new
    else:
        counts.unchanged += 1
    return kern


def _into_regio(name: str, gemeenten: list[Gemeente]) -> tuple[Regio, int]:
    slug = slugify_name(name)[:160]
    regio, _created = Regio.objects.get_or_create(slug=slug, defaults={"name": name})
    present = set(regio.gemeenten.values_list("pk", flat=True))
    missing = [g for g in gemeenten if g.pk not in present]
    regio.gemeenten.add(*missing)
    return regio, len(missing)
