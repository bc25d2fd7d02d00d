"""Response schemas of the Vitrine's part of the public API (OpenAPI documents them at /api/v1/openapi.json).

Descriptions are in English for developers; values that have a label on the site (size class, type of core, …)
come as a code plus the label in the site's language, Dutch by default. Submitter fields of a case are personal
data and have no place here: no schema names them, so they can never leak through a serializer.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from kernkompas.core.api import CodeLabel


class RenditionOut(Schema):
    url: str = Field(description="Absolute URL of the resized image.")
    width: int
    height: int


class CardImageOut(Schema):
    """An image as a case card in a list shows it."""

    alt: str = Field(description="Alternative text: what the image shows.")
    thumbnail: RenditionOut | None = Field(description="Cropped to 480×300, for cards and lists.")
    thumbnail_2x: RenditionOut | None = Field(description="Cropped to 960×600, for high-density screens.")


class ImageOut(CardImageOut):
    """An image in a full case."""

    caption: str = Field("", description="Caption shown under the image, if any.")
    large: RenditionOut | None = Field(description="At most 1200×900, aspect ratio kept.")


class TermOut(Schema):
    """A theme or audience as attached to a case."""

    slug: str = Field(description="Stable identifier, usable as a filter value.")
    name: str = Field(description="Name as shown on the site.")


class ThemeOut(Schema):
    slug: str = Field(description="Stable identifier; filter cases with ?theme=<slug>.")
    name: str = Field(description="Name as shown on the site.")
    description: str = Field(description="What the theme covers.")
    case_count: int = Field(description="Number of published cases with this theme.")


class AudienceOut(Schema):
    slug: str = Field(description="Stable identifier; filter cases with ?audience=<slug>.")
    name: str = Field(description="Name as shown on the site.")
    case_count: int = Field(description="Number of published cases written for this audience.")


class MunicipalityOut(Schema):
    code: str = Field(description="Official code: Belgian NIS/REFNIS or Dutch CBS (GMxxxx).")
    name: str = Field(description="Dutch name of the municipality.")
    country: str = Field(description="BE or NL.")
    url: str = Field(description="Absolute URL of the municipality's public page.")


class KeyFigureOut(Schema):
    value: str = Field(description="The figure, as written by the editors (e.g. '-40 %').")
    label: str = Field(description="What it measures.")


class SourceOut(Schema):
    title: str
    url: str = Field("", description="Address of the source; empty when it is not online.")


class CaseLink(Schema):
    id: int
    title: str
    url: str = Field(description="Absolute URL of the case's public page.")
    api_url: str = Field(description="Absolute URL of the case in this API.")


class CaseSummary(Schema):
    """A case as it appears in a list."""

    id: int = Field(description="Stable identifier of the case.")
    title: str
    summary: str = Field(description="One line: what was done, where.")
    url: str = Field(description="Absolute URL of the case's public page.")
    api_url: str = Field(description="Absolute URL of the full case in this API.")
    place_name: str = Field(description="Town or area where it happened.")
    country: CodeLabel
    size_class: CodeLabel = Field(description="Size class of the municipality (inhabitants).")
    core_type: CodeLabel = Field(description="Type of core: city centre, village centre, shopping street, …")
    cost_class: CodeLabel | None = Field(description="Order of magnitude of the cost; null when unknown.")
    year_started: int | None
    themes: list[TermOut]
    audiences: list[TermOut]
    hero_image: CardImageOut | None = Field(description="Main image, null when the case has none.")
    first_published_at: datetime | None = Field(description="When the case was first published.")
    last_published_at: datetime | None = Field(description="When the case was last changed and published.")


class CaseDetail(CaseSummary):
    """A full case: every public field. Rich text is HTML; one-per-line fields are arrays."""

    hero_image: ImageOut | None = Field(description="Main image, null when the case has none.")
    concept: str = Field(description="The concept (HTML).")
    context: str = Field(description="The situation it started from (HTML).")
    approach: str = Field(description="How it was done (HTML).")
    results: str = Field(description="What it achieved (HTML).")
    key_figures: list[KeyFigureOut] = Field(description="Results in figures.")
    learnings: str = Field(description="What others can learn from it (HTML).")
    tips: str = Field(description="Tips & tricks (HTML).")
    dos: list[str] = Field(description="Do's, one per item.")
    donts: list[str] = Field(description="Don'ts, one per item.")
    cost_note: str = Field(description="Cost in words, e.g. '€ 35.000, half subsidised'.")
    duration: str = Field(description="How long it took, e.g. '8 months'.")
    partners: list[str] = Field(description="Partners, one per item.")
    contact: str = Field(description="Who to ask, as they agreed to be shown.")
    sources: list[SourceOut]
    municipalities: list[MunicipalityOut] = Field(description="Municipalities concerned.")
    gallery: list[ImageOut] = Field(description="Photos, in the editors' order.")
    video_url: str = Field(description="YouTube or Vimeo link; empty when there is none.")
    video_file_url: str = Field(description="Absolute URL of an uploaded video file; empty when there is none.")
    related_cases: list[CaseLink] = Field(description="Related cases chosen by the editors (published ones only).")


class FacetValueOut(Schema):
    value: str = Field(description="Filter value (slug or code).")
    label: str = Field(description="Label as shown on the site.")
    count: int = Field(description="Number of matching cases with this value, given the other filters.")
    selected: bool = Field(description="Whether this value is part of the current filter.")


class CaseList(Schema):
    count: int = Field(description="Total number of cases that match the search and filters.")
    limit: int
    offset: int
    next: str | None = Field(description="Absolute URL of the next page; null on the last page.")
    previous: str | None = Field(description="Absolute URL of the previous page; null on the first page.")
    results: list[CaseSummary]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Per filter dimension (theme, audience, size_class, …) the values with their counts."
    )
