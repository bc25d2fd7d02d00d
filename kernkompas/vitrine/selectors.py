"""Reading the Vitrine: filters, facet counts, pages of cases and related cases (contract 2 of the Vitrine brief).

Every filter state is a query string, so a list can be shared, bookmarked, followed as a feed and saved as a
search. Within one facet the chosen values are alternatives (theme A or B); across facets they narrow down
(theme A and country NL). A facet's counts are computed with every filter applied except its own, so each count
says how many cases the visitor gets by also ticking that box.

Only published, public cases are ever read here: ``CasePage.objects.live().public()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import quote_plus, urlencode

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from kernkompas.places.models import CountryCode, SizeClass
from kernkompas.vitrine import search
from kernkompas.vitrine.models import Audience, CasePage, CoreType, CostClass, Theme

SORTS = ("relevance", "newest", "views")
# Renditions of the hero image on a result card (srcset: 1x and 2x); prefetched so a page costs the same
# number of queries whatever its size.
CARD_RENDITIONS = ("fill-480x300", "fill-960x600")
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Dimension:
    attr: str  # field of CaseQuery
    param: str  # name in the query string
    label: str  # translated when shown (a lazy string)


DIMENSIONS = (
    Dimension("themes", "theme", gettext_lazy("Theme")),
    Dimension("audiences", "audience", gettext_lazy("Audience")),
    Dimension("size_classes", "size", gettext_lazy("Size of the municipality")),
    Dimension("core_types", "core", gettext_lazy("Type of core")),
    Dimension("countries", "country", gettext_lazy("Country")),
    Dimension("cost_classes", "cost", gettext_lazy("Cost")),
)
# The CasePage field behind each fixed-vocabulary facet.
FIELD_OF = {
    "size_classes": "size_class",
    "core_types": "core_type",
    "countries": "country",
    "cost_classes": "cost_class",
}
FIXED_CHOICES = {"size_classes": SizeClass, "core_types": CoreType, "countries": CountryCode, "cost_classes": CostClass}


@dataclass
class CaseQuery:
    q: str = ""
    themes: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    size_classes: list[str] = field(default_factory=list)
    core_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cost_classes: list[str] = field(default_factory=list)
    sort: str = "newest"
    page: int = 1

    @property
    def default_sort(self) -> str:
        return "relevance" if self.q else "newest"

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(getattr(self, d.attr) for d in DIMENSIONS)

    def params(self, **changes) -> list[tuple[str, str]]:
        """The query string as pairs, in a fixed order; defaults (sort, page 1) are left out to keep URLs short."""
        query = replace(self, **changes) if changes else self
        pairs: list[tuple[str, str]] = [("q", query.q)] if query.q else []
        for dimension in DIMENSIONS:
            pairs += [(dimension.param, value) for value in getattr(query, dimension.attr)]
        if query.sort != query.default_sort:
            pairs.append(("sort", query.sort))
        if query.page > 1:
            pairs.append(("page", str(query.page)))
        return pairs

    def urlencode(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def filter_urlencode(self) -> str:
        """Only what selects cases (no sort, no page): for feeds and saved searches."""
        return self.urlencode(sort=self.default_sort, page=1)

    def toggled_urls(self, attr: str, values: Iterable[str]) -> dict[str, str]:
        """``self.toggled(attr, value).urlencode()`` for each value, with the other pairs encoded once."""

        def encoded(pairs) -> list[str]:
            return [f"{quote_plus(name)}={quote_plus(value)}" for name, value in pairs]

        param = next(d.param for d in DIMENSIONS if d.attr == attr)
        pieces = encoded(self.params(**{attr: [], "page": 1}))  # back on the first page, as toggled() does
        # Where the facet's own pairs go: after the search words and the facets before it.
        before = [("q", self.q)] if self.q else []
        for dimension in DIMENSIONS[: [d.attr for d in DIMENSIONS].index(attr)]:
            before += [(dimension.param, value) for value in getattr(self, dimension.attr)]
        head, tail = pieces[: len(before)], pieces[len(before) :]
        current = getattr(self, attr)
        urls = {}
        for value in values:
            chosen = [v for v in current if v != value] if value in current else [*current, value]
            urls[value] = "&".join([*head, *encoded((param, v) for v in chosen), *tail])
        return urls

    def toggled(self, attr: str, value: str) -> CaseQuery:
        """The same query with one facet value switched on or off, back on the first page."""
        values = list(getattr(self, attr))
        values = [v for v in values if v != value] if value in values else [*values, value]
        return replace(self, **{attr: values, "page": 1})


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # "?…" toggling this value


@dataclass
class Facet:
    dimension: Dimension
    values: list[FacetValue]

    @property
    def name(self) -> str:
        return self.dimension.param

    @property
    def label(self) -> str:
        return str(self.dimension.label)

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]

    @property
    def visible_values(self) -> list[FacetValue]:
        """Values worth a checkbox: those that would give results, and those already chosen."""
        return [v for v in self.values if v.count or v.selected]


@dataclass
class CaseResults:
    page: PaginatorPage
    total: int
    facets: dict[str, Facet]
    query: CaseQuery
    scores: dict[int, float] = field(default_factory=dict)


def vocabularies() -> dict[str, list[tuple[str, str]]]:
    """Every facet's values as (value, label), in display order. Two small queries (themes, audiences)."""
    vocab = {
        "themes": [(t.slug, t.name) for t in Theme.objects.only("slug", "name")],
        "audiences": [(a.slug, a.name) for a in Audience.objects.only("slug", "name")],
    }
    for attr, choices in FIXED_CHOICES.items():
        vocab[attr] = list(choices.choices)
    return vocab


def parse_query(querydict, *, vocab: dict | None = None) -> CaseQuery:
    """A CaseQuery from request.GET (or any QueryDict). Unknown values, sorts and pages are ignored."""
    vocab = vocab if vocab is not None else vocabularies()
    q = " ".join((querydict.get("q") or "").split())[:MAX_QUERY_LENGTH]
    chosen = {}
    for dimension in DIMENSIONS:
        known = {value for value, _label in vocab[dimension.attr]}
        # dict.fromkeys: keep the visitor's order, drop repeats.
        chosen[dimension.attr] = [v for v in dict.fromkeys(querydict.getlist(dimension.param)) if v in known]
    query = CaseQuery(q=q, **chosen)
    sort = querydict.get("sort") or query.default_sort
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = query.default_sort
    return replace(query, sort=sort, page=_positive_int(querydict.get("page")))


def _positive_int(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def live_cases():
    return CasePage.objects.live().public()


def find_cases(
    query: CaseQuery,
    *,
    per_page: int = 12,
    vocab: dict | None = None,
    with_facets: bool = True,
    html_cards: bool = False,
) -> CaseResults:
    """One page of cases for a filter state, with facet counts. A fixed number of queries whatever per_page.

    ``with_facets=False`` leaves the counts out (the feed and the e-mail alerts show none); ``html_cards=True``
    reads only what the HTML cards show (``with_card_data``).
    """
    vocab = vocab if vocab is not None else vocabularies()
    if query.q:
        return _find_by_search(query, per_page, vocab, with_facets, html_cards)
    base = live_cases()
    conditions = {d.attr: _condition(d.attr, getattr(query, d.attr)) for d in DIMENSIONS if getattr(query, d.attr)}
    facets = {d.param: _facet(d, base, conditions, query, vocab) for d in DIMENSIONS} if with_facets else {}
    matching = base.filter(*conditions.values())
    page = _page_by_order(matching, query.sort, query.page, per_page, html_cards)
    return CaseResults(page=page, total=page.paginator.count, facets=facets, query=query)


def _find_by_search(
    query: CaseQuery, per_page: int, vocab: dict, with_facets: bool, html_cards: bool = False
) -> CaseResults:
    """A search selects a few hundred or thousand cases by id: filter and count them in Python with set
    intersections over each facet value's cases (``facet_table``), instead of sending that list of ids to the
    database once per facet."""
    scores = dict(search.cached_search_case_ids(query.q))
    table = facet_table(vocab)
    found = table.cases.intersection(scores)  # live and public now, not only when indexed
    chosen = {d.attr: getattr(query, d.attr) for d in DIMENSIONS if getattr(query, d.attr)}
    # Per chosen facet, the found cases with one of its chosen values (values of one facet are alternatives).
    passing = {attr: found.intersection(_having(table.ids[attr], values)) for attr, values in chosen.items()}
    matching = _intersect(found, passing.values())
    facets = {}
    if with_facets:
        for d in DIMENSIONS:
            # Every filter applied except the facet's own: what the visitor gets by also ticking that box.
            others = [cases for attr, cases in passing.items() if attr != d.attr]
            base = matching if d.attr not in passing else _intersect(found, others)
            ids = table.ids[d.attr]
            counts = {value: len(base.intersection(ids[value])) for value, _label in vocab[d.attr] if value in ids}
            facets[d.param] = _facet_values(d, counts, query, vocab)
    if query.sort == "relevance":
        page = _page_by_relevance(matching, scores, query.page, per_page, html_cards)
    else:
        page = _page_by_order(live_cases().filter(pk__in=matching), query.sort, query.page, per_page, html_cards)
    return CaseResults(page=page, total=page.paginator.count, facets=facets, query=query, scores=scores)


def _having(by_value: dict[str, frozenset[int]], values: list[str]) -> frozenset[int]:
    if len(values) == 1:
        return by_value.get(values[0], frozenset())
    return frozenset().union(*[by_value.get(value, ()) for value in values])


def _intersect(found: frozenset, sets) -> frozenset:
    result = found
    for other in sorted(sets, key=len):  # the smallest first: each step walks the smaller side
        result = result.intersection(other)
    return result


def _condition(attr: str, values: list[str]) -> Q:
    if attr in FIELD_OF:
        return Q(**{f"{FIELD_OF[attr]}__in": values})
    # Themes and audiences: a subquery rather than a join, so a case with two chosen themes is listed once.
    through = getattr(CasePage, attr).through
    related = "theme" if attr == "themes" else "audience"
    return Q(pk__in=through.objects.filter(**{f"{related}__slug__in": values}).values("casepage_id"))


def _facet(dimension: Dimension, base, conditions: dict[str, Q], query: CaseQuery, vocab: dict) -> Facet:
    others = [c for attr, c in conditions.items() if attr != dimension.attr]
    return _facet_values(dimension, _counts(dimension.attr, base.filter(*others)), query, vocab)


def _facet_values(dimension: Dimension, counts, query: CaseQuery, vocab: dict) -> Facet:
    selected = set(getattr(query, dimension.attr))
    urls = query.toggled_urls(dimension.attr, [value for value, _label in vocab[dimension.attr]])
    values = [
        FacetValue(
            value=value,
            label=str(label),
            count=counts.get(value, 0),
            selected=value in selected,
            url="?" + urls[value],
        )
        for value, label in vocab[dimension.attr]
    ]
    return Facet(dimension=dimension, values=values)


def _counts(attr: str, cases) -> dict[str, int]:
    """Cases per facet value in one grouped query."""
    if attr in FIELD_OF:
        column = FIELD_OF[attr]
        rows = cases.order_by().values(column).annotate(n=Count("pk"))
        return {row[column]: row["n"] for row in rows}
    through = getattr(CasePage, attr).through
    slug = ("theme" if attr == "themes" else "audience") + "__slug"
    rows = (
        through.objects.filter(casepage_id__in=cases.order_by().values("pk"))
        .values(slug)
        .annotate(n=Count("casepage_id", distinct=True))
        .order_by()
    )
    return {row[slug]: row["n"] for row in rows}


@dataclass(frozen=True)
class FacetTable:
    """Every live, public case (``cases``) and, per facet and value, the cases that have it (``ids``)."""

    cases: frozenset[int]
    ids: dict[str, dict[str, frozenset[int]]]


@dataclass(frozen=True)
class _RememberedTable:
    key: tuple  # what the table depends on; a different key, a stale table
    table: FacetTable


_facet_memo: dict[str, _RememberedTable] = {}


def facet_table(vocab: dict) -> FacetTable:
    """Which live, public cases have which facet value: {"themes": {"mobiliteit": {12, 40, …}, …}, "countries": …}.

    Three queries, then kept in this process's memory for as long as nothing it depends on changes: the search
    index version (every publish, unpublish and deletion of a case changes it), the view restrictions and the
    theme and audience vocabularies (a renamed or deleted theme).
    """
    key = (
        search.index_version(),
        tuple(PageViewRestriction.objects.order_by("pk").values_list("pk", "page_id", "restriction_type")),
        tuple(vocab["themes"]),
        tuple(vocab["audiences"]),
    )
    remembered = _facet_memo.get("table")
    if remembered and remembered.key == key:
        return remembered.table
    ids: dict[str, dict[str, set[int]]] = {attr: {} for attr in (d.attr for d in DIMENSIONS)}
    columns = [FIELD_OF[attr] for attr in FIELD_OF]
    cases = set()
    for pk, *values in live_cases().order_by().values_list("pk", *columns):
        cases.add(pk)
        for attr, value in zip(FIELD_OF, values, strict=True):
            ids[attr].setdefault(value, set()).add(pk)
    for attr, related in (("themes", "theme"), ("audiences", "audience")):
        through = getattr(CasePage, attr).through
        for case_id, slug in through.objects.order_by().values_list("casepage_id", f"{related}__slug"):
            if case_id in cases:
                ids[attr].setdefault(slug, set()).add(case_id)
    table = FacetTable(
        cases=frozenset(cases),
        ids={attr: {value: frozenset(pks) for value, pks in by_value.items()} for attr, by_value in ids.items()},
    )
    _facet_memo["table"] = _RememberedTable(key, table)
    return table


# What the HTML card (includes/case_card.html) and its highlighted passage (views.add_highlights) read of a case,
# plus what Wagtail needs for its address (pageurl) and the orderings below.
HTML_CARD_FIELDS = (
    "title", "slug", "url_path", "path", "depth", "locale", "content_type", "live", "first_published_at",
    "view_count", "summary", "place_name", "country", "hero_image", "concept", "approach", "results",
)  # fmt: skip


def with_card_data(cases, *, html: bool = False):
    """Everything a result card shows, fetched in a fixed number of queries.

    ``html=True``: only what the HTML card shows (see HTML_CARD_FIELDS; no audiences), for the list and theme
    pages; the feed, the API and the e-mail alerts get the whole case.
    """
    rendition_model = CasePage._meta.get_field("hero_image").related_model.get_rendition_model()
    renditions = rendition_model.objects.filter(filter_spec__in=CARD_RENDITIONS)
    hero = Prefetch("hero_image__renditions", queryset=renditions)
    if html:
        themes = Prefetch("themes", queryset=Theme.objects.only("pk", "slug", "name"))
        return cases.only(*HTML_CARD_FIELDS).select_related("hero_image").prefetch_related(themes, hero)
    # A card shows no stream field (key figures, sources): skip reading and parsing them.
    return cases.defer_streamfields().select_related("hero_image").prefetch_related("themes", "audiences", hero)


def _page_by_order(matching, sort: str, number: int, per_page: int, html: bool = False) -> PaginatorPage:
    order = ["-view_count", "-first_published_at", "-pk"] if sort == "views" else ["-first_published_at", "-pk"]
    return Paginator(with_card_data(matching.order_by(*order), html=html), per_page).get_page(number)


def _page_by_relevance(
    matching: Iterable[int], scores: dict[int, float], number: int, per_page: int, html: bool = False
) -> PaginatorPage:
    # Scores come from our own index, not the database: rank the matching ids in Python, then fetch one page.
    ids = sorted(matching, key=lambda pk: (-scores.get(pk, 0.0), -pk))
    page = Paginator(ids, per_page).get_page(number)
    # The ids are live and public as of this request (facet_table); live() again in case one went offline since.
    shown = CasePage.objects.live().filter(pk__in=list(page.object_list))
    by_id = {case.pk: case for case in with_card_data(shown, html=html)}
    page.object_list = [by_id[pk] for pk in page.object_list if pk in by_id]
    return page


# --- Related cases on a case page ---------------------------------------------------------------------------


@dataclass
class RelatedCase:
    case: CasePage
    reasons: list[str]


def related_cases(page: CasePage, *, limit: int = 6, preview: bool = False) -> list[RelatedCase]:
    """The editors' choice first, then cases sharing themes or text, each with the reason it is shown.
    ``preview``: the unsaved page in the editor's preview, ranked afresh and not cached for the live page."""
    # Related cases only change when a case is (un)published, which changes the index: cache the choice (not the
    # cases themselves, which are read fresh so a case taken offline since never shows) under the index version.
    key = f"vitrine:related:{page.pk}:{limit}:{get_language()}:{search.index_version()}"
    ranked = None if preview else cache.get(key)
    if ranked is None:
        ranked = _rank_related(page, limit)
        if not preview:
            cache.set(key, ranked, 24 * 60 * 60)
    cases = {c.pk: c for c in with_card_data(live_cases().filter(pk__in=[pk for pk, _reasons in ranked]))}
    return [RelatedCase(cases[pk], reasons) for pk, reasons in ranked if pk in cases]


def _rank_related(page: CasePage, limit: int) -> list[tuple[int, list[str]]]:
    reasons: dict[int, list[str]] = {}
    scores: dict[int, float] = {}
    # Through .all(): in the editor's preview the choice is modelcluster's in-memory list, not a query.
    picked = [case.pk for case in page.related_cases.all()]
    chosen = list(
        CasePage.objects.filter(pk__in=picked).live().public().exclude(pk=page.pk).values_list("pk", flat=True)
    )
    for rank, pk in enumerate(chosen):
        reasons[pk] = [_("chosen by the editors")]
        scores[pk] = 1000.0 - rank
    _add_shared_themes(page, reasons, scores)
    _add_similar_text(page, reasons, scores)
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    return [(pk, [str(reason) for reason in reasons[pk]]) for pk in best]


def _add_shared_themes(page: CasePage, reasons: dict, scores: dict) -> None:
    themes = {t.pk: t.name for t in page.themes.all()}
    if not themes:
        return
    through = CasePage.themes.through
    rows = (
        through.objects.filter(theme_id__in=themes, casepage_id__in=live_cases().exclude(pk=page.pk).values("pk"))
        .values_list("casepage_id", "theme_id")
        .order_by("theme__order", "theme__name")
    )
    shared: dict[int, list[str]] = {}
    for case_id, theme_id in rows:
        shared.setdefault(case_id, []).append(themes[theme_id])
    for case_id, names in shared.items():
        reasons.setdefault(case_id, []).append(_("same themes: %(themes)s") % {"themes": ", ".join(names)})
        scores[case_id] = scores.get(case_id, 0.0) + len(names)


def _add_similar_text(page: CasePage, reasons: dict, scores: dict) -> None:
    similar = [(pk, score) for pk, score in search.similar_by_text(page, limit=5) if pk != page.pk]
    top = max((score for _pk, score in similar), default=0.0) or 1.0
    for pk, score in similar:
        reasons.setdefault(pk, []).append(_("similar text"))
        # Normalised to at most one shared theme's worth, so the text never outranks a real theme match.
        scores[pk] = scores.get(pk, 0.0) + score / top


def cases_by_ids(ids: Iterable[int]):
    """Live cases with card data, for other parts of the Vitrine that hold a list of ids."""
    return with_card_data(live_cases().filter(pk__in=list(ids)))
