"""Read-side queries for the public place pages: search, overview, visible areas, similar and neighbouring places.

Each function asks the database a fixed number of times, whatever the number of municipalities, cores or areas,
so the pages stay fast with every Belgian and Dutch municipality loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, QuerySet
from django.utils.translation import get_language
from shapely.geometry import shape

from kernkompas.accounts import permissions
from kernkompas.lib.similarity import Match, Place, assign_roles, regional_roles, similar_places
from kernkompas.lib.text import fold, natural_key
from kernkompas.places.models import CountryCode, Gebied, Gemeente, Kern, OldSlug

SEARCH_LIMIT = 50


# --- Search ------------------------------------------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    gemeenten: list[Gemeente] = field(default_factory=list)
    kernen: list[Kern] = field(default_factory=list)
    more_gemeenten: int = 0
    more_kernen: int = 0

    @property
    def total(self) -> int:
        return len(self.gemeenten) + len(self.kernen) + self.more_gemeenten + self.more_kernen


def match_rank(folded_query: str, names: list[str]) -> int:
    """0 exact name, 1 name starts with the query, 2 a word starts with it, 3 it occurs somewhere."""
    folded = [fold(name) for name in names if name]
    if folded_query in folded:
        return 0
    if any(name.startswith(folded_query) for name in folded):
        return 1
    if any(word.startswith(folded_query) for name in folded for word in name.split()):
        return 2
    return 3


def _ranked(items, folded_query: str, names_of) -> list:
    # Current municipalities before ended ones, whatever the match: "Tongeren-Borgloon" before "Tongeren",
    # the one a visitor most likely means; the ended one is listed after, with its end and successor.
    def key(item):
        gemeente = item if isinstance(item, Gemeente) else item.gemeente
        return (not gemeente.is_current, match_rank(folded_query, names_of(item)), natural_key(names_of(item)[0]))

    return sorted(items, key=key)


def search_places(query: str, limit: int = SEARCH_LIMIT) -> SearchResults:
    """Municipalities (current and merged) and cores whose Dutch or French name contains the query.

    Accents and case do not matter: both sides are folded by kernkompas.lib.text.fold.
    """
    folded = fold(query)
    results = SearchResults(query=query)
    if not folded:
        return results
    gemeenten = list(
        Gemeente.objects.filter(search_text__contains=folded).select_related("country", "province", "merged_into")
    )
    kernen = list(
        Kern.objects.filter(search_text__contains=folded).select_related(
            "gemeente", "gemeente__province", "gemeente__merged_into"
        )
    )
    gemeenten = _ranked(gemeenten, folded, lambda g: [g.name_nl, g.name_fr])
    kernen = _ranked(kernen, folded, lambda k: [k.name])
    results.gemeenten, results.more_gemeenten = gemeenten[:limit], max(0, len(gemeenten) - limit)
    results.kernen, results.more_kernen = kernen[:limit], max(0, len(kernen) - limit)
    return results


# --- Addresses: current and old slugs ----------------------------------------------------------------------


def find_gemeente(slug: str, queryset=None) -> tuple[Gemeente | None, bool]:
    """The municipality at this slug, and whether the slug is an old one (renamed: the caller redirects)."""
    queryset = queryset if queryset is not None else Gemeente.objects.all()
    found = queryset.filter(slug=slug).first()
    if found is not None:
        return found, False
    old = OldSlug.objects.filter(slug=slug, gemeente__isnull=False).order_by("-created_at").first()
    return (queryset.filter(pk=old.gemeente_id).first(), True) if old else (None, False)


def find_kern(gemeente_slug: str, kern_slug: str, queryset=None) -> tuple[Kern | None, bool]:
    """The core at /<gemeente>/<kern>/, and whether either slug is an old one."""
    queryset = queryset if queryset is not None else Kern.objects.select_related("gemeente")
    gemeente, gemeente_old = find_gemeente(gemeente_slug)
    if gemeente is None:
        return None, False
    return _child(queryset, "gemeente", gemeente, kern_slug, "kern", gemeente_old)


def find_gebied(gemeente_slug: str, kern_slug: str, gebied_slug: str, queryset=None) -> tuple[Gebied | None, bool]:
    """The area at /<gemeente>/<kern>/<gebied>/, and whether any of the slugs is an old one. ``queryset``
    limits what may be found (the areas the user may see)."""
    queryset = queryset if queryset is not None else Gebied.objects.select_related("kern__gemeente")
    kern, kern_old = find_kern(gemeente_slug, kern_slug, Kern.objects.all())
    if kern is None:
        return None, False
    return _child(queryset, "kern", kern, gebied_slug, "gebied", kern_old)


def _child(queryset, parent_field: str, parent, slug: str, kind: str, parent_old: bool):
    """The core or area with this slug under its parent, else the one that had it last (and then: old address)."""
    found = queryset.filter(**{parent_field: parent, "slug": slug}).first()
    if found is not None:
        return found, parent_old
    old = (
        OldSlug.objects.filter(slug=slug, parent_id=parent.pk, **{f"{kind}__isnull": False})
        .order_by("-created_at")
        .first()
    )
    return (queryset.filter(pk=getattr(old, f"{kind}_id")).first(), True) if old else (None, False)


# --- Overview ----------------------------------------------------------------------------------------------


@dataclass
class ProvinceGroup:
    name: str
    gemeenten: list[dict] = field(default_factory=list)

    @property
    def kernen_count(self) -> int:
        return sum(g["kernen_count"] for g in self.gemeenten)


@dataclass
class CountryGroup:
    code: str
    label: str
    provinces: list[ProvinceGroup] = field(default_factory=list)

    @property
    def gemeenten_count(self) -> int:
        return sum(len(p.gemeenten) for p in self.provinces)


def overview(no_province_label: str) -> list[CountryGroup]:
    """Current municipalities grouped by country and province, with the number of cores of each. One query."""
    rows = (
        Gemeente.objects.current()
        .annotate(kernen_count=Count("kernen"))
        .values(
            "name_nl",
            "name_fr",
            "slug",
            "is_demo",
            "country__code",
            "country__name_nl",
            "country__name_en",
            "province__name_nl",
            "kernen_count",
        )
        .order_by("country__code", "province__name_nl", "name_nl")
    )
    by_country: dict[str, dict[str, ProvinceGroup]] = defaultdict(dict)
    labels = dict(CountryCode.choices)
    for row in rows:
        province = row["province__name_nl"] or no_province_label
        provinces = by_country[row["country__code"]]
        provinces.setdefault(province, ProvinceGroup(province)).gemeenten.append(row)
        if row["country__code"] not in labels:  # a country beyond BE/NL (OpenStreetMap boundaries): its own name
            english = get_language() == "en" and row["country__name_en"]
            labels[row["country__code"]] = english or row["country__name_nl"] or row["country__code"]
    return [
        CountryGroup(code, labels.get(code, code), sorted(provinces.values(), key=lambda p: fold(p.name)))
        for code, provinces in sorted(by_country.items())
    ]


# --- Areas: the public rule --------------------------------------------------------------------------------


def visible_gebieden(user, gemeente: Gemeente, kern: Kern | None = None) -> QuerySet[Gebied]:
    """Areas of a municipality (or one of its cores) the user may see.

    Visitors, members and other municipalities see public areas only; the municipality's own staff, its
    facilitators and administrators see all of them (permissions.can_manage_gemeente).
    """
    areas = Gebied.objects.filter(kern__gemeente=gemeente).select_related("kern")
    if kern is not None:
        areas = areas.filter(kern=kern)
    if not permissions.can_manage_gemeente(user, gemeente):
        areas = areas.filter(is_public=True)
    return areas.order_by("kern__name", "name")


# --- Similar and neighbouring municipalities ---------------------------------------------------------------

_CANDIDATE_FIELDS = (
    "pk",
    "code",
    "name_nl",
    "name_fr",
    "slug",
    "population",
    "population_year",
    "area_km2",
    "urbanity",
    "country__code",
    "province_id",
    "province__name_nl",
    "point_lat",
    "point_lon",
    "bbox",
)


@dataclass
class Candidates:
    """Every current municipality as a plain row plus its comparison Place (roles filled in)."""

    rows: dict[str, dict]
    places: dict[str, Place]


def load_candidates(*, demo: bool = False) -> Candidates:
    """All current municipalities in one query; the comparison itself runs in Python.

    Demo municipalities are compared only with each other: a real town must never be told that a made-up one is
    like it, nor shown one as its neighbour.
    """
    current = Gemeente.objects.current().filter(is_demo=demo)
    rows = {row["code"]: row for row in current.values(*_CANDIDATE_FIELDS).order_by()}
    places = assign_roles([_place_of(row) for row in rows.values()])
    return Candidates(rows=rows, places={p.code: p for p in places})


def _place_of(row: dict) -> Place:
    return Place(
        code=row["code"],
        population=row["population"],
        area_km2=row["area_km2"],
        country=row["country__code"],
        province=str(row["province_id"]) if row["province_id"] else None,
        urbanity=row["urbanity"],
    )


def place_for(gemeente: Gemeente, candidates: Candidates) -> Place:
    """The comparison Place of a municipality, with its role among the current municipalities of its province."""
    if gemeente.code in candidates.places:
        return candidates.places[gemeente.code]
    # A merged municipality is not among the candidates: give it the role it would have had among them.
    own = _place_of(
        {
            "code": gemeente.code,
            "population": gemeente.population,
            "area_km2": gemeente.area_km2,
            "country__code": gemeente.country.code,
            "province_id": gemeente.province_id,
            "urbanity": gemeente.urbanity,
        }
    )
    role = regional_roles([own, *candidates.places.values()]).get(own.code)
    return replace(own, role=role.role if role else None)


@dataclass
class SimilarGemeente:
    row: dict
    match: Match


def similar_gemeenten(gemeente: Gemeente, candidates: Candidates, limit: int = 6) -> list[SimilarGemeente]:
    target = place_for(gemeente, candidates)
    matches = similar_places(target, candidates.places.values(), limit=limit)
    return [SimilarGemeente(row=candidates.rows[m.place.code], match=m) for m in matches]


def _bbox_touches(a, b) -> bool:
    return bool(a) and bool(b) and a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def neighbours(gemeente: Gemeente, candidates: Candidates, limit: int = 12) -> list[dict]:
    """Current municipalities whose boundary touches this one: {slug, name_nl, geometry}. One query.

    The bounding boxes (already loaded with the candidates) narrow the search; shapely decides on the real shapes.
    """
    if not gemeente.geometry or not gemeente.bbox:
        return []
    near = [
        row["pk"]
        for row in candidates.rows.values()
        if row["pk"] != gemeente.pk and _bbox_touches(gemeente.bbox, row["bbox"])
    ]
    if not near:
        return []
    own = shape(gemeente.geometry).buffer(0.0005)  # about 50 m: boundaries of two sources rarely meet exactly
    found = []
    for row in Gemeente.objects.filter(pk__in=near).values("pk", "name_nl", "slug", "geometry").order_by("name_nl"):
        if row["geometry"] and own.intersects(shape(row["geometry"])):
            found.append(row)
    return found[:limit]
