"""Cases for the tests of "Voor jou", collections, saved searches and alerts (helper "personal").

``case(...)`` creates one case under the Vitrine index, published unless ``live=False``; published "now", so
tests freeze the clock with time-machine when the moment matters.
"""

from __future__ import annotations

from django.utils.text import slugify

from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
from kernkompas.vitrine.models import Audience, CasePage, Theme, VitrineIndexPage


def vitrine_index() -> VitrineIndexPage:
    return ensure_vitrine_index()


def case(
    title: str,
    *,
    size_class: str = "10k-25k",
    core_type: str = "dorpskern",
    country: str = "BE",
    themes=("samenwerking",),
    audiences=("lokale-besturen",),
    gemeenten=(),
    live: bool = True,
    **fields,
) -> CasePage:
    page = CasePage(
        title=title,
        slug=slugify(title),
        summary=fields.pop("summary", f"{title}: wat er gebeurde."),
        place_name=fields.pop("place_name", "Ergens"),
        size_class=size_class,
        core_type=core_type,
        country=country,
        concept="<p>Het concept.</p>",
        approach="<p>De aanpak.</p>",
        live=False,
        **fields,
    )
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.audiences = list(Audience.objects.filter(slug__in=audiences))
    page.gemeenten = list(gemeenten)
    vitrine_index().add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return CasePage.objects.get(pk=page.pk)


def unpublish(page: CasePage) -> CasePage:
    page.unpublish()
    return CasePage.objects.get(pk=page.pk)
