"""What the Vitrine's templates need beyond a page's own fields: sharing, QR code, structured data, video, related
cases and the view counter. Case pages are plain Wagtail pages (the models belong to the lead), so their extra
context comes from here rather than from a ``get_context`` on the model.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from django import template
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from kernkompas.core.qr import qr_svg
from kernkompas.lib.video import parse_video_url
from kernkompas.vitrine import selectors
from kernkompas.vitrine.actions import view_counts

register = template.Library()

OG_RENDITION = "fill-1200x630"


@register.filter
def lines(page, field: str) -> list[str]:
    """The non-empty lines of a one-per-line text field: ``{{ page|lines:"dos" }}``."""
    return page.lines(field)


@register.simple_tag(takes_context=True)
def absolute_url(context, page) -> str:
    """The page's permanent address, with scheme and host, as shared and printed."""
    request = context["request"]
    return request.build_absolute_uri(page.get_url(request))


@register.simple_tag
def share_links(page, url: str) -> list[dict]:
    """Plain links to share a case: no third-party script, nothing loads from these sites until clicked."""
    text = f"{page.title} {url}"
    mail = urlencode({"subject": page.title, "body": f"{page.summary}\n\n{url}"}, quote_via=quote)
    return [
        {"name": "email", "label": _("E-mail"), "href": f"mailto:?{mail}"},
        {
            "name": "linkedin",
            "label": "LinkedIn",
            "href": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {"name": "whatsapp", "label": "WhatsApp", "href": "https://wa.me/?" + urlencode({"text": text})},
        {"name": "x", "label": "X", "href": "https://x.com/intent/post?" + urlencode({"url": url, "text": page.title})},
        {"name": "bluesky", "label": "Bluesky", "href": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
    ]


@register.simple_tag(name="qr_svg")
def qr_svg_tag(url: str, label: str = "") -> str:
    """A QR code of ``url`` as inline SVG, drawn on the server (no image request, no external service)."""
    return qr_svg(url, label or _("QR code to this page"))


def _og_rendition(page):
    """The sharing image (1200×630), made once per page object and reused by every tag that needs it."""
    if not page.hero_image_id:
        return None
    if not hasattr(page, "_og_rendition"):
        page._og_rendition = page.hero_image.get_rendition(OG_RENDITION)
    return page._og_rendition


@register.simple_tag(takes_context=True)
def og_image_url(context, page) -> str:
    rendition = _og_rendition(page)
    return context["request"].build_absolute_uri(rendition.url) if rendition else ""


@register.simple_tag(takes_context=True)
def case_json_ld(context, page) -> str:
    """schema.org Article as JSON-LD, escaped so that no field can close the script element."""
    url = absolute_url(context, page)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "nl",
        "about": [{"@type": "Thing", "name": theme.name} for theme in page.themes.all()],
        "contentLocation": {"@type": "Place", "name": page.place_name},
    }
    image = og_image_url(context, page)
    if image:
        data["image"] = [image]
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    payload = json.dumps(data, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 — escaped above


@register.simple_tag
def video_link(url: str):
    return parse_video_url(url) if url else None


@register.simple_tag(takes_context=True)
def related_cases(context, page, limit: int = 6):
    preview = getattr(context.get("request"), "is_preview", False)
    return selectors.related_cases(page, limit=limit, preview=preview)


@register.simple_tag(takes_context=True)
def count_view(context, page) -> str:
    """Count a view of the published page; previews and other methods than GET do not count."""
    request = context.get("request")
    if request is None or request.method != "GET" or getattr(request, "is_preview", False) or not page.live:
        return ""
    view_counts.record_view(page, request)
    return ""


@register.simple_tag
def query_url(query, **changes) -> str:
    """The list's query string with some values changed: ``{% query_url query page=2 %}``."""
    return "?" + query.urlencode(**changes)


_card_memo: dict[tuple, str] = {}
CARD_MEMO_SIZE = 1024
CARD_TEMPLATE = "vitrine/includes/case_card.html"


@register.simple_tag(takes_context=True)
def case_card(context, case) -> str:
    """A result card (``includes/case_card.html``), remembered in this process under everything it shows.

    The list page shows the same cards to visitor after visitor. The key holds every input of the card: the case's
    own fields, address and highlighted passage, its themes, its image with the image's renditions, the language
    and the sites' addresses; change any of them and the card is drawn anew. The case itself is read fresh on every
    request, so a case taken offline is never shown from here.
    """
    request = context["request"]
    key = (
        get_language(),
        _address_key(request),
        case.pk,
        case.url_path,
        case.locale_id,
        case.title,
        case.place_name,
        case.country,
        case.summary,
        getattr(case, "highlight", None),
        tuple((theme.slug, theme.name) for theme in case.themes.all()),
        _image_key(case.hero_image) if case.hero_image_id else None,
    )
    card = _card_memo.get(key)
    if card is None:
        card = context.template.engine.get_template(CARD_TEMPLATE).render(
            context.new({"case": case, "request": request})
        )
        if len(_card_memo) >= CARD_MEMO_SIZE:
            _card_memo.clear()
        _card_memo[key] = card
    return card


def _address_key(request) -> tuple:
    """Besides the page's own path and locale, what Wagtail's ``pageurl`` depends on: the script prefix, every
    site's root paths (with their languages) and, when there is more than one site, the site asked for (with one
    site Wagtail gives the path alone, whatever the host). Once per request."""
    key = getattr(request, "_vitrine_address_key", None)
    if key is None:
        root_paths = tuple(Site.get_site_root_paths())
        site = Site.find_for_request(request) if len({path.site_id for path in root_paths}) > 1 else None
        key = (get_script_prefix(), root_paths, site.pk if site else None)
        request._vitrine_address_key = key
    return key


def _image_key(image) -> tuple:
    renditions = tuple(
        sorted((r.filter_spec, r.focal_point_key, r.file.name, r.width, r.height) for r in image.renditions.all())
    )
    focal_point = (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height)
    return (image.pk, image.file.name, image.width, image.height, focal_point, image.default_alt_text, renditions)


@register.simple_tag
def facet_fieldsets(facets, cases_word: str) -> str:
    """The list's filter boxes: per facet with values worth a box, a fieldset with its legend and one labelled
    checkbox per value with its count. Forty-odd boxes drawn here with ``format_html`` rather than by template
    loops, which cost most of the page's template time."""
    parts = []
    for facet in facets:
        values = facet.visible_values
        if not values:
            continue
        name = facet.name
        boxes = "".join(
            format_html(
                "\n                <li>\n"
                '                  <input type="checkbox" id="f-{name}-{value}" name="{name}" value="{value}"'
                "{checked}>\n"
                '                  <label for="f-{name}-{value}">{label} <span class="facet-count">({count}'
                '<span class="visually-hidden"> {cases}</span>)</span></label>\n'
                "                </li>\n              ",
                name=name,
                value=v.value,
                checked=mark_safe(" checked") if v.selected else "",
                label=v.label,
                count=v.count,
                cases=cases_word,
            )
            for v in values
        )
        parts.append(
            format_html(
                '\n          <fieldset class="facet">\n            <legend>{legend}</legend>\n'
                '            <ul class="facet-values">\n              {boxes}\n            </ul>\n'
                "          </fieldset>\n        ",
                legend=facet.label,
                boxes=mark_safe(boxes),  # noqa: S308 - every value in it went through format_html
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - built with format_html above
