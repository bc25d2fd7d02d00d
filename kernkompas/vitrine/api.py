"""The Vitrine's part of the public, read-only API (mounted by the site at /api/v1/vitrine/).

Only what anyone may see on the site: published (live), unrestricted Vitrine cases and their vocabularies. The
Vitrine's list logic (search, filters, facets, sort) is not repeated here: the list endpoint goes through the same
``kernkompas.vitrine.selectors`` as the /vitrine/ page, so the API and the page always agree.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from django.db.models import Count, Prefetch, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints
from wagtail.rich_text import expand_db_html

from kernkompas.core import api as core_api
from kernkompas.places.models import Gemeente
from kernkompas.vitrine import api_schemas as schemas
from kernkompas.vitrine import selectors
from kernkompas.vitrine.models import Audience, CaseGalleryImage, CasePage, CoreType, CostClass, Theme

router = Router(tags=["Vitrine"])

# The same crops as the cards on /vitrine/ (so their prefetched renditions serve the API too), plus a large one.
THUMBNAIL, THUMBNAIL_2X = selectors.CARD_RENDITIONS
LARGE = "max-1200x900"
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far more cases than the library will hold; keeps the page arithmetic small
MAX_VALUES = 50  # values per filter: more than any vocabulary has
MAX_TERM = 100  # characters of one filter value (slugs and codes are short)
# API parameter name → CaseQuery attribute. The API spells the names out; the site's short query-string names
# (size, core, cost) are the selectors' business.
FILTERS = {
    "theme": "themes",
    "audience": "audiences",
    "size_class": "size_classes",
    "core_type": "core_types",
    "country": "countries",
    "cost_class": "cost_classes",
}
PARAM_OF = {d.attr: d.param for d in selectors.DIMENSIONS}


Term = Annotated[str, StringConstraints(max_length=MAX_TERM)]


class CaseFilters(Schema):
    """Query parameters of the case list; each filter may be repeated (?theme=a&theme=b)."""

    q: str = Field(
        "",
        max_length=1000,
        description=(
            f"Search words (Dutch word forms, compounds and small typos are understood); the first "
            f"{selectors.MAX_QUERY_LENGTH} characters count, as on the site."
        ),
    )
    theme: list[Term] = Field([], max_length=MAX_VALUES, description="Theme slug(s), see /vitrine/themes.")
    audience: list[Term] = Field([], max_length=MAX_VALUES, description="Audience slug(s), see /vitrine/audiences.")
    size_class: list[Term] = Field(
        [], max_length=MAX_VALUES, description="Size class code(s) of the municipality, e.g. 10k-25k."
    )
    core_type: list[Term] = Field([], max_length=MAX_VALUES, description="Type(s) of core, e.g. dorpskern.")
    country: list[Term] = Field([], max_length=MAX_VALUES, description="Country code(s): BE, NL.")
    cost_class: list[Term] = Field([], max_length=MAX_VALUES, description="Cost class code(s), e.g. lt10k.")
    sort: Literal["relevance", "newest", "views"] | None = Field(
        None, description="Order: relevance (default with a search), newest (default without) or views."
    )
    limit: int = Field(12, ge=1, le=MAX_LIMIT, description=f"Cases per page, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many matching cases to skip.")

    def site_querydict(self) -> QueryDict:
        """The filters as the /vitrine/ page receives them, for ``selectors.parse_query``."""
        querydict = self._common()
        for name, attr in FILTERS.items():
            querydict.setlist(PARAM_OF[attr], getattr(self, name))
        return querydict

    def api_querydict(self, offset: int) -> QueryDict:
        """These parameters with another offset, for the next and previous links."""
        querydict = self._common()
        for name in FILTERS:
            querydict.setlist(name, getattr(self, name))
        querydict["limit"] = str(self.limit)
        querydict["offset"] = str(offset)
        return querydict

    def _common(self) -> QueryDict:
        querydict = QueryDict(mutable=True)
        if self.q:
            querydict["q"] = self.q
        if self.sort:
            querydict["sort"] = self.sort
        return querydict


# --- Endpoints --------------------------------------------------------------------------------------------------


@router.get("/cases", response=schemas.CaseList, url_name="vitrine_cases", summary="Search and filter cases")
def list_cases(request, filters: Query[CaseFilters]):
    """Published cases matching a search and filters, a page at a time, with facet counts."""
    query = selectors.parse_query(filters.site_querydict())
    found = selectors.find_cases(
        dataclasses.replace(query, page=filters.offset // filters.limit + 1), per_page=filters.limit
    )
    cases = _window(found, filters.limit, filters.offset)
    return {
        "count": found.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "next": _page_link(request, filters, filters.offset + filters.limit, found.total),
        "previous": _page_link(request, filters, filters.offset - filters.limit, found.total),
        "results": [_case_summary(request, case) for case in cases],
        "facets": _facets(found.facets),
    }


@router.get(
    "/cases/{case_id}",
    response={200: schemas.CaseDetail, 404: core_api.ErrorOut},
    url_name="vitrine_case",
    summary="One case, in full",
)
def get_case(request, case_id: int = core_api.object_id(CasePage, "Number of the case (its id).")):
    """Every public field of a published case. Unpublished or restricted cases answer 404."""
    case = (
        public_cases()
        .select_related("hero_image", "video_file")
        .prefetch_related(
            "themes",
            "audiences",
            "hero_image__renditions",
            Prefetch("gemeenten", queryset=Gemeente.objects.select_related("country").order_by("name_nl")),
            Prefetch("gallery", queryset=CaseGalleryImage.objects.select_related("image").order_by("sort_order")),
            "gallery__image__renditions",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return Status(404, {"detail": _("There is no published case with number %(id)s.") % {"id": case_id}})
    return Status(200, _case_detail(request, case))


@router.get("/themes", response=list[schemas.ThemeOut], url_name="vitrine_themes", summary="Themes")
def list_themes(request):
    """All themes in the site's order, each with the number of published cases."""
    themes = Theme.objects.annotate(case_count=_live_count()).order_by("order", "name")
    return [{"slug": t.slug, "name": t.name, "description": t.description, "case_count": t.case_count} for t in themes]


@router.get("/audiences", response=list[schemas.AudienceOut], url_name="vitrine_audiences", summary="Audiences")
def list_audiences(request):
    """All audiences in the site's order, each with the number of published cases."""
    audiences = Audience.objects.annotate(case_count=_live_count()).order_by("order", "name")
    return [{"slug": a.slug, "name": a.name, "case_count": a.case_count} for a in audiences]


# --- Helpers ----------------------------------------------------------------------------------------------------


def public_cases():
    """What anyone may see: published cases without a view restriction."""
    return CasePage.objects.live().public()


def _live_count() -> Count:
    return Count("cases", filter=Q(cases__in=public_cases().values("pk")), distinct=True)


def _window(found, limit: int, offset: int) -> list[CasePage]:
    """The cases from ``offset`` to ``offset + limit`` of the result.

    find_cases pages by page number; an offset that is a multiple of the limit is exactly one of its pages. Any
    other offset slices the paginator's ordered list instead (same order, same prefetches).
    """
    if offset >= found.total:
        return []
    if offset % limit == 0:
        items = list(found.page.object_list)
    else:
        items = list(found.page.paginator.object_list[offset : offset + limit])
    return _as_cases(items)


def _as_cases(items: list) -> list[CasePage]:
    """Pages as CasePage objects, whether the selector handed over pages or bare ids."""
    if all(isinstance(item, CasePage) for item in items):
        return items
    ids = [getattr(item, "pk", item) for item in items]
    by_id = {case.pk: case for case in selectors.cases_by_ids(ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _page_link(request, filters: CaseFilters, offset: int, total: int) -> str | None:
    if offset < 0 and filters.offset > 0:
        offset = 0
    if offset < 0 or offset >= total or offset == filters.offset:
        return None
    return request.build_absolute_uri(f"{request.path}?{filters.api_querydict(offset).urlencode()}")


def _facets(facets: dict) -> dict[str, list[dict]]:
    """Facets keyed by the API's own parameter names, so a value can go straight back as a filter."""
    name_of = {attr: name for name, attr in FILTERS.items()}
    return {
        name_of[facet.dimension.attr]: [
            {"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected} for v in facet.values
        ]
        for facet in facets.values()
    }


def _code_label(code: str, choices) -> dict | None:
    if not code:
        return None
    return {"code": code, "label": str(dict(choices).get(code, code))}


def _case_summary(request, case: CasePage) -> dict:
    return {
        "id": case.pk,
        "title": case.title,
        "summary": case.summary,
        "url": _page_url(request, case),
        "api_url": request.build_absolute_uri(reverse("api-v1:vitrine_case", kwargs={"case_id": case.pk})),
        "place_name": case.place_name,
        "country": _code_label(case.country, CasePage._meta.get_field("country").choices),
        "size_class": _code_label(case.size_class, CasePage._meta.get_field("size_class").choices),
        "core_type": _code_label(case.core_type, CoreType.choices),
        "cost_class": _code_label(case.cost_class, CostClass.choices),
        "year_started": case.year_started,
        "themes": [{"slug": t.slug, "name": t.name} for t in case.themes.all()],
        "audiences": [{"slug": a.slug, "name": a.name} for a in case.audiences.all()],
        "hero_image": _card_image(request, case.hero_image) if case.hero_image_id else None,
        "first_published_at": case.first_published_at,
        "last_published_at": case.last_published_at,
    }


def _case_detail(request, case: CasePage) -> dict:
    return {
        **_case_summary(request, case),
        "hero_image": _image(request, case.hero_image) if case.hero_image_id else None,
        "concept": expand_db_html(case.concept),
        "context": expand_db_html(case.context),
        "approach": expand_db_html(case.approach),
        "results": expand_db_html(case.results),
        "key_figures": [{"value": block.value["value"], "label": block.value["label"]} for block in case.key_figures],
        "learnings": expand_db_html(case.learnings),
        "tips": expand_db_html(case.tips),
        "dos": case.lines("dos"),
        "donts": case.lines("donts"),
        "cost_note": case.cost_note,
        "duration": case.duration,
        "partners": case.lines("partners"),
        "contact": case.contact,
        "sources": [{"title": b.value["title"], "url": b.value["url"] or ""} for b in case.sources],
        "municipalities": [_municipality(request, g) for g in case.gemeenten.all()],
        "gallery": [_image(request, item.image, item.caption) for item in case.gallery.all()],
        "video_url": case.video_url,
        "video_file_url": request.build_absolute_uri(case.video_file.url) if case.video_file_id else "",
        "related_cases": _related(request, case),
    }


def _page_url(request, page) -> str:
    # On the host the API was asked on, like api_url, rather than the host configured on the Wagtail site.
    relative = page.get_url(request)
    return request.build_absolute_uri(relative) if relative else ""


def _municipality(request, gemeente: Gemeente) -> dict:
    return {
        "code": gemeente.code,
        "name": gemeente.name_nl,
        "country": gemeente.country.code,
        "url": request.build_absolute_uri(reverse("places:gemeente", kwargs={"slug": gemeente.slug})),
    }


def _related(request, case: CasePage) -> list[dict]:
    # Editors may have chosen a case that was unpublished since: show only the live ones.
    chosen = [related.pk for related in case.related_cases.all()]
    related = public_cases().filter(pk__in=chosen).order_by("title")
    return [
        {
            "id": r.pk,
            "title": r.title,
            "url": _page_url(request, r),
            "api_url": request.build_absolute_uri(reverse("api-v1:vitrine_case", kwargs={"case_id": r.pk})),
        }
        for r in related
    ]


def _card_image(request, image) -> dict:
    renditions = _renditions(image, THUMBNAIL, THUMBNAIL_2X)
    return {
        "alt": image.alt_text,
        "thumbnail": _rendition(request, renditions.get(THUMBNAIL)),
        "thumbnail_2x": _rendition(request, renditions.get(THUMBNAIL_2X)),
    }


def _image(request, image, caption: str = "") -> dict:
    renditions = _renditions(image, THUMBNAIL, THUMBNAIL_2X, LARGE)
    return {
        "alt": image.alt_text,
        "caption": caption,
        "thumbnail": _rendition(request, renditions.get(THUMBNAIL)),
        "thumbnail_2x": _rendition(request, renditions.get(THUMBNAIL_2X)),
        "large": _rendition(request, renditions.get(LARGE)),
    }


def _renditions(image, *specs: str) -> dict:
    # An image whose file went missing must not take the whole answer down: it just has no renditions.
    try:
        return image.get_renditions(*specs)
    except OSError:  # includes Wagtail's SourceImageIOError
        return {}


def _rendition(request, rendition) -> dict | None:
    if rendition is None:
        return None
    return {"url": request.build_absolute_uri(rendition.url), "width": rendition.width, "height": rendition.height}
