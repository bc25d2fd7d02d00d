"""The write step every format shares: apply parsed files to the places tables, then save in bulk.

The whole register (a few thousand rows) is loaded into memory, each file's records are applied to it in turn,
the rules that tie files together are re-applied after each file (cores follow mergers, derived population,
latest population and size class), and at the end only rows that really differ from what was loaded are saved,
with ``bulk_create``/``bulk_update``. That makes a second import of the same file write nothing, and lets the
summary say per file what it created, changed and left as it was.

Order independence: which file wins for a municipality's names, province and boundary follows the rank of its
format (``base.RANK_*``), not the order of import; merger links, derived figures and core links are recomputed
from the whole register after every file.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import Point, shape
from shapely.prepared import prep

from kernkompas.core.problems import Problems, max_length
from kernkompas.lib.geo import describe_geometry
from kernkompas.lib.text import slugify_name
from kernkompas.places.importers import base, registry
from kernkompas.places.importers.provinces import province_record
from kernkompas.places.models import Country, Gemeente, Kern, KernKind, PopulationFigure, Province

CATEGORIES = {
    "gemeenten": gettext_lazy("municipalities"),
    "provinces": gettext_lazy("provinces"),
    "figures": gettext_lazy("population figures"),
    "kernen": gettext_lazy("cores"),
}
_KIND_CATEGORY = {"gemeente": "gemeenten", "province": "provinces", "figure": "figures", "kern": "kernen"}

GEMEENTE_FIELDS = (
    "country_id", "name_nl", "name_fr", "slug", "search_text", "area_km2", "population", "population_year",
    "size_class", "urbanity", "valid_from", "valid_until", "source", "geometry", "bbox", "point_lat", "point_lon",
)  # fmt: skip
PROVINCE_FIELDS = ("country_id", "name_nl", "name_fr")
FIGURE_FIELDS = ("population", "source", "derived")
KERN_FIELDS = ("name", "slug", "kind", "search_text", "source", "geometry", "bbox", "point_lat", "point_lon")

# A core name the import made up ("Lommel – kern 7"); names that people gave a core are never overwritten.
_PLACEHOLDER_NAME = re.compile(r".+ – kern \d+")
_CORE_CODE = re.compile(r"(\d{5})_(\d+)")
_MAX_CHAIN = 20  # merger chains are short; the limit only guards against a loop in bad data


@dataclass
class Counts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.removed += other.removed

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "changed": self.changed, "unchanged": self.unchanged, "removed": self.removed}

    def __bool__(self) -> bool:
        return any(self.as_dict().values())


@dataclass
class FileResult:
    counts: dict[str, Counts]
    skipped: Counter = field(default_factory=Counter)


class Register:
    """The places tables in memory, keyed by official code, with links kept as codes until saving."""

    def __init__(self):
        # Locking the country rows makes two imports on PostgreSQL take turns instead of inserting the same codes
        # at once (SQLite's immediate transactions already serialise writers).
        self.countries = {c.code: c for c in Country.objects.select_for_update()}
        self.provinces = {p.code: p for p in Province.objects.all()}
        gemeenten = list(Gemeente.objects.all())
        codes = {g.pk: g.code for g in gemeenten}
        province_codes = {p.pk: p.code for p in self.provinces.values()}
        self.gemeenten = {g.code: g for g in gemeenten}
        self.province_of = {g.code: province_codes.get(g.province_id) for g in gemeenten}
        self.successor = {g.code: codes.get(g.merged_into_id) for g in gemeenten}
        self.figures = {(codes[f.gemeente_id], f.year): f for f in PopulationFigure.objects.all()}
        kernen = list(Kern.objects.all())
        self.kernen = {k.code: k for k in kernen}
        self.kern_owner = {k.code: codes[k.gemeente_id] for k in kernen}
        self.removed_figures: list[PopulationFigure] = []
        self.touched: set[tuple] = set()
        self._areas: dict[str, tuple[dict, float]] = {}
        self.original = self._snapshot()

    # --- one file ------------------------------------------------------------------------------------------

    def apply(self, fmt: base.BaseFormat, batch: base.Batch, problems: Problems) -> FileResult:
        before = self._snapshot()
        self.touched = set()
        result = FileResult(counts={}, skipped=Counter(batch.skipped))
        self._apply_provinces(batch.provinces)
        self._apply_gemeenten(fmt, batch.gemeenten, result.skipped)
        self._apply_figures(fmt, batch.figures)
        self._apply_mergers(batch.mergers)
        self._apply_province_areas(batch.province_areas, result.skipped)
        self._apply_kernen(fmt, batch.kernen, problems)
        self.reconcile()
        result.counts = self._tally(before, self._snapshot())
        return result

    def _apply_provinces(self, records: list[base.ProvinceRecord]) -> None:
        for record in records:
            province = self.provinces.get(record.code)
            if province is None:
                self._create_province(record)
                continue
            self.touched.add(("province", record.code))
            if record.authoritative:
                province.name_nl = record.name_nl
                province.name_fr = record.name_fr or province.name_fr

    def _create_province(self, record: base.ProvinceRecord) -> Province:
        province = Province(
            code=record.code, country=self.countries[record.country], name_nl=record.name_nl, name_fr=record.name_fr
        )
        self.provinces[record.code] = province
        return province

    def _apply_gemeenten(self, fmt, records: list[base.GemeenteRecord], skipped: Counter) -> None:
        for record in records:
            gemeente = self.gemeenten.get(record.code)
            if gemeente is None and record.only_existing:
                skipped[_("municipalities that are not in the database (merged away since, or not imported yet)")] += 1
                continue
            if gemeente is None:
                gemeente = self._create_gemeente(fmt, record)
            self.touched.add(("gemeente", record.code))
            self._describe(fmt, gemeente, record)

    def _create_gemeente(self, fmt, record: base.GemeenteRecord) -> Gemeente:
        name = record.name_nl or record.code
        gemeente = Gemeente(code=record.code, country=self.countries[record.country], name_nl=name, source=fmt.source)
        self.gemeenten[record.code] = gemeente
        self.province_of[record.code] = None
        self.successor[record.code] = None
        return gemeente

    def _describe(self, fmt, gemeente: Gemeente, record: base.GemeenteRecord) -> None:
        """Write what the record says, as far as its rank allows: overwrite, or only fill what is empty."""
        overwrite = fmt.rank > base.RANK_NAMES_ONLY and fmt.rank >= registry.rank_of(gemeente.source)
        old_name = gemeente.name_nl
        for attr in ("name_nl", "name_fr"):
            value = getattr(record, attr)
            if value and (overwrite or not getattr(gemeente, attr)):
                setattr(gemeente, attr, value)
        if gemeente.name_nl != old_name:
            self._follow_name(gemeente, old_name)
        if record.province_stated and (overwrite or self.province_of[record.code] is None):
            self._set_province(record.code, record.province)
        if record.geometry is not None and (overwrite or gemeente.geometry is None):
            self._set_boundary(gemeente, record)
        elif record.area_km2 is not None and (overwrite or gemeente.area_km2 is None):
            gemeente.area_km2 = record.area_km2
        if record.urbanity is not None and (overwrite or gemeente.urbanity is None):
            gemeente.urbanity = record.urbanity
        if fmt.rank > registry.rank_of(gemeente.source):
            gemeente.source = fmt.source

    def _set_boundary(self, gemeente: Gemeente, record: base.GemeenteRecord) -> None:
        same = gemeente.geometry == record.geometry
        if not same:
            gemeente.set_geometry(record.geometry)
        if record.area_km2 is not None:
            gemeente.area_km2 = record.area_km2
        elif not same or gemeente.area_km2 is None:
            gemeente.area_km2 = round(describe_geometry(record.geometry).area_km2, 2)

    def _set_province(self, code: str, province_code: str | None) -> None:
        if province_code and province_code not in self.provinces:
            record = province_record(province_code)
            if record is None:  # the formats only name known provinces; keep the code as the name if not
                country = self.gemeenten[code].country.code
                record = base.ProvinceRecord(code=province_code, country=country, name_nl=province_code)
            self._create_province(record)
        self.province_of[code] = province_code

    def _follow_name(self, gemeente: Gemeente, old_name: str) -> None:
        # A slug the import made follows the name (it is assigned again in reconcile); a slug someone chose stays.
        if _is_auto_slug(gemeente.slug, old_name, gemeente.code):
            gemeente.slug = ""

    def _apply_figures(self, fmt, records: list[base.FigureRecord]) -> None:
        for record in records:
            key = (record.code, record.year)
            figure = self.figures.get(key)
            if figure is None:
                self.figures[key] = PopulationFigure(
                    year=record.year, population=record.population, source=fmt.population_source, derived=False
                )
                continue
            self.touched.add(("figure", key))
            # An official figure replaces a derived one; an unchanged one keeps its source.
            if figure.population != record.population or figure.derived:
                figure.population, figure.derived, figure.source = record.population, False, fmt.population_source

    def _apply_mergers(self, records: list[base.MergerRecord]) -> None:
        continuing = {r.new_code for r in records if r.old_code == r.new_code}
        for record in records:
            self.touched.update({("gemeente", record.old_code), ("gemeente", record.new_code)})
            if record.old_code == record.new_code:
                continue
            self.successor[record.old_code] = record.new_code
            self.gemeenten[record.old_code].valid_until = record.effective - datetime.timedelta(days=1)
            if record.new_code not in continuing:
                self.gemeenten[record.new_code].valid_from = record.effective

    def _apply_province_areas(self, records: list[base.ProvinceAreaRecord], skipped: Counter) -> None:
        if not records:
            return
        areas = [(r.province, self.countries[r.country].pk, prep(shape(r.geometry))) for r in records]
        countries = {country for _code, country, _area in areas}
        for code, gemeente in self.gemeenten.items():
            if gemeente.country_id not in countries or self.province_of[code] or gemeente.point_lon is None:
                continue
            point = Point(gemeente.point_lon, gemeente.point_lat)
            found = next((p for p, c, area in areas if c == gemeente.country_id and area.contains(point)), None)
            if found is None:
                skipped[_("municipalities outside every province of the file")] += 1
                continue
            self._set_province(code, found)
            self.touched.add(("gemeente", code))

    def _apply_kernen(self, fmt, records: list[base.KernRecord], problems: Problems) -> None:
        for record in records:
            if record.gemeente_code not in self.gemeenten:
                problems.add(
                    _(
                        "municipality %(code)s is not in the database: import the municipalities first, or name "
                        "their file on the same command line"
                    )
                    % {"code": record.gemeente_code},
                    where=record.where,
                    field="kern",
                )
                continue
            kern = self.kernen.get(record.code)
            if kern is None:
                kern = Kern(code=record.code, name="", slug="", kind=KernKind.DEELKERN, source=fmt.source)
                self.kernen[record.code] = kern
                self.kern_owner[record.code] = None
            self.touched.add(("kern", record.code))
            if kern.geometry != record.geometry:
                kern.set_geometry(record.geometry)

    # --- rules that tie the files together ------------------------------------------------------------------

    def reconcile(self) -> None:
        self._assign_slugs()
        self._link_kernen()
        self._derive_population()
        self._refresh_gemeenten()

    def is_current(self, code: str) -> bool:
        return not self.successor.get(code) and self.gemeenten[code].valid_until is None

    def _assign_slugs(self) -> None:
        """Slugs from names; when names are shared (Hasselt before and after its merger, Zwijndrecht in Belgium
        and the Netherlands) the municipality that exists today gets the plain name and the others their code.

        Decided over the whole register, so the result does not depend on which file came first. Slugs of rows
        that no import describes, or that someone chose by hand, are left alone.
        """
        groups = defaultdict(list)
        reserved = set()
        for code, gemeente in self.gemeenten.items():
            managed = gemeente.source in registry.SOURCE_RANKS
            if managed and (not gemeente.slug or _is_auto_slug(gemeente.slug, gemeente.name_nl, code)):
                groups[slugify_name(gemeente.name_nl)[:140] or code.lower()].append(gemeente)
            else:
                reserved.add(gemeente.slug)
        for wanted, members in groups.items():
            members.sort(key=self._slug_preference)
            for index, gemeente in enumerate(members):
                slug = wanted if index == 0 else f"{wanted}-{gemeente.code.lower()}"
                number = 2
                while slug in reserved:
                    slug = f"{wanted}-{gemeente.code.lower()}" + (f"-{number}" if number > 2 else "")
                    number += 1
                gemeente.slug = slug
                reserved.add(slug)

    def _slug_preference(self, gemeente: Gemeente):
        valid_from = gemeente.valid_from.toordinal() if gemeente.valid_from else 0
        return (not self.is_current(gemeente.code), -registry.rank_of(gemeente.source), -valid_from, gemeente.code)

    def current_code(self, code: str) -> str:
        """The municipality that exists today for ``code``: itself, or what it was merged into."""
        for _step in range(_MAX_CHAIN):
            successor = self.successor.get(code)
            if not successor or successor == code:
                return code
            code = successor
        return code

    def _link_kernen(self) -> None:
        """Imported cores belong to today's municipality; the largest core of each is its main core."""
        by_owner = defaultdict(list)
        for code, kern in self.kernen.items():
            match = _CORE_CODE.fullmatch(code)
            if kern.source not in registry.SOURCE_RANKS or match is None or match.group(1) not in self.gemeenten:
                continue
            origin = self.gemeenten[match.group(1)]
            if not kern.name or _PLACEHOLDER_NAME.fullmatch(kern.name):
                suffix = f" – kern {int(match.group(2))}"
                # A made-up name: a municipality's longest name still leaves room for the number.
                kern.name = origin.name_nl[: max_length(Kern, "name") - len(suffix)] + suffix
            owner = self.current_code(origin.code)
            if self.kern_owner[code] != owner or not kern.slug:
                self.kern_owner[code] = owner
                kern.slug = self._free_kern_slug(owner, kern)
            kern.refresh_derived()
            by_owner[owner].append(kern)
        for kernen in by_owner.values():
            main = max(kernen, key=lambda k: (self._area(k), k.code))
            for kern in kernen:
                kern.kind = KernKind.HOOFDKERN if kern is main else KernKind.DEELKERN

    def _free_kern_slug(self, owner: str, kern: Kern) -> str:
        taken = {k.slug for c, k in self.kernen.items() if k is not kern and self.kern_owner.get(c) == owner}
        wanted = slugify_name(kern.name)[:140] or kern.code.lower()
        return wanted if wanted not in taken else f"{wanted}-{kern.code.lower().replace('_', '-')}"

    def _area(self, kern: Kern) -> float:
        cached = self._areas.get(kern.code)
        if cached is None or cached[0] is not kern.geometry:
            cached = (kern.geometry, describe_geometry(kern.geometry).area_km2 if kern.geometry else 0.0)
            self._areas[kern.code] = cached
        return cached[1]

    def _derive_population(self) -> None:
        """A new municipality's population before it existed: the sum of its predecessors (``derived=True``)."""
        desired = self._derived_figures()
        for key, figure in list(self.figures.items()):
            if figure.derived and key not in desired:
                del self.figures[key]
                if figure.pk:
                    self.removed_figures.append(figure)
        for key, (population, source) in desired.items():
            figure = self.figures.get(key)
            if figure is None:
                self.figures[key] = PopulationFigure(year=key[1], population=population, source=source, derived=True)
            elif figure.derived:
                figure.population, figure.source = population, source

    def _derived_figures(self) -> dict[tuple[str, int], tuple[int, str]]:
        predecessors = defaultdict(list)
        for code, successor in self.successor.items():
            if successor and successor != code:
                predecessors[successor].append(code)
        years = defaultdict(dict)
        for (code, year), figure in self.figures.items():
            years[code][year] = figure
        desired = {}
        for new_code, old_codes in predecessors.items():
            # A municipality that keeps its code (Antwerpen) has its own figures for the years before.
            if self.gemeenten[new_code].valid_from is None:
                continue
            common = set.intersection(*(set(years[old]) for old in old_codes))
            for year in sorted(common):
                own = years[new_code].get(year)
                if own is not None and not own.derived:
                    continue  # never overwrite an official figure
                total = sum(years[old][year].population for old in old_codes)
                desired[(new_code, year)] = (total, "som van de voorgangers " + " + ".join(sorted(old_codes)))
        return desired

    def _refresh_gemeenten(self) -> None:
        latest: dict[str, PopulationFigure] = {}
        for (code, year), figure in self.figures.items():
            if code not in latest or year > latest[code].year:
                latest[code] = figure
        for code, gemeente in self.gemeenten.items():
            # Only rows an import describes: hand-made and demo rows keep what their makers set.
            if gemeente.source not in registry.SOURCE_RANKS:
                continue
            figure = latest.get(code)
            if figure is not None:
                gemeente.population, gemeente.population_year = figure.population, figure.year
            gemeente.refresh_derived()

    # --- counting and saving ------------------------------------------------------------------------------

    def _snapshot(self) -> dict[tuple, dict]:
        snap = {}
        for code, p in self.provinces.items():
            snap[("province", code)] = _values(p, PROVINCE_FIELDS)
        for code, g in self.gemeenten.items():
            values = _values(g, GEMEENTE_FIELDS)
            values["province"] = self.province_of[code]
            values["merged_into"] = self.successor[code]
            snap[("gemeente", code)] = values
        for key, f in self.figures.items():
            snap[("figure", key)] = _values(f, FIGURE_FIELDS)
        for code, k in self.kernen.items():
            values = _values(k, KERN_FIELDS)
            values["gemeente"] = self.kern_owner[code]
            snap[("kern", code)] = values
        return snap

    def _tally(self, before: dict, after: dict) -> dict[str, Counts]:
        counts = {category: Counts() for category in CATEGORIES}
        for key, values in after.items():
            tally = counts[_KIND_CATEGORY[key[0]]]
            if key not in before:
                tally.created += 1
            elif values != before[key]:
                tally.changed += 1
            elif key in self.touched:
                tally.unchanged += 1
        for key in before.keys() - after.keys():
            counts[_KIND_CATEGORY[key[0]]].removed += 1
        return counts

    def save(self) -> None:
        """Write what differs from the loaded state: new rows in bulk, changed rows per set of changed fields."""
        final = self._snapshot()
        changed = {key: _changed_fields(self.original.get(key), values) for key, values in final.items()}
        self._save_provinces(changed)
        ids = self._save_gemeenten(changed)
        self._save_figures(changed, ids)
        self._save_kernen(changed, ids)

    def _save_provinces(self, changed) -> None:
        Province.objects.bulk_create([p for p in self.provinces.values() if p.pk is None])
        _bulk_update(Province, [(p, changed[("province", code)]) for code, p in self.provinces.items() if p.pk])
        missing = [code for code, p in self.provinces.items() if p.pk is None]
        if missing:  # databases that do not return ids from a bulk insert
            ids = dict(Province.objects.filter(code__in=missing).values_list("code", "pk"))
            for code in missing:
                self.provinces[code].pk = ids[code]

    def _save_gemeenten(self, changed) -> dict[str, int]:
        for code, gemeente in self.gemeenten.items():
            province = self.province_of[code]
            gemeente.province_id = self.provinces[province].pk if province else None
        # Rows may hand slugs on (the new Hasselt takes "hasselt" from the old one): park the changing slugs on
        # unique temporary values first, so that no insert or update meets the unique constraint half-way.
        moving = [g for code, g in self.gemeenten.items() if g.pk and "slug" in changed[("gemeente", code)]]
        _bulk_update(Gemeente, [(Gemeente(pk=g.pk, slug=f"~{g.pk}"), ["slug"]) for g in moving])
        new = [g for g in self.gemeenten.values() if g.pk is None]
        for gemeente in new:
            gemeente.merged_into_id = None  # linked below, once every new row has its id
        Gemeente.objects.bulk_create(new, batch_size=200)
        ids = dict(Gemeente.objects.filter(code__in=list(self.gemeenten)).values_list("code", "pk"))
        now = timezone.now()
        new_ones = {id(g) for g in new}
        updates = []
        for code, gemeente in self.gemeenten.items():
            gemeente.pk = ids[code]
            gemeente.merged_into_id = ids.get(self.successor[code])
            fields = changed[("gemeente", code)]
            if id(gemeente) in new_ones:
                fields = ["merged_into"] if gemeente.merged_into_id else []
            elif fields:
                gemeente.updated_at = now
                fields = [*fields, "updated_at"]
            updates.append((gemeente, fields))
        _bulk_update(Gemeente, updates)
        return ids

    def _save_figures(self, changed, ids) -> None:
        PopulationFigure.objects.filter(pk__in=[f.pk for f in self.removed_figures]).delete()
        for (code, _year), figure in self.figures.items():
            figure.gemeente_id = ids[code]
        PopulationFigure.objects.bulk_create([f for f in self.figures.values() if f.pk is None], batch_size=500)
        _bulk_update(PopulationFigure, [(f, changed[("figure", key)]) for key, f in self.figures.items()])

    def _save_kernen(self, changed, ids) -> None:
        for code, kern in self.kernen.items():
            kern.gemeente_id = ids[self.kern_owner[code]]
        Kern.objects.bulk_create([k for k in self.kernen.values() if k.pk is None], batch_size=200)
        _bulk_update(Kern, [(k, changed[("kern", code)]) for code, k in self.kernen.items()])


def _is_auto_slug(slug: str, name: str, code: str) -> bool:
    """True for a slug made from the name as the import makes them: "hasselt", "hasselt-71072", "…-71072-3"."""
    wanted = slugify_name(name)[:140] or code.lower()
    return slug == wanted or slug.startswith(f"{wanted}-{code.lower()}")


def _values(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _changed_fields(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return []
    return [name.removesuffix("_id") for name, value in after.items() if before.get(name) != value]


def _bulk_update(model, updates: list[tuple]) -> None:
    """One ``bulk_update`` per set of changed fields, so a changed name does not rewrite every boundary."""
    groups = defaultdict(list)
    for obj, fields in updates:
        if fields:
            groups[tuple(sorted(fields))].append(obj)
    for fields, objs in groups.items():
        model.objects.bulk_update(objs, list(fields), batch_size=200)
