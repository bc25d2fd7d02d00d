"""Eight published cases and one draft, for the list, feed, theme and case page tests.

The facet counts in the tests were worked out by hand from this table:

    key        themes                            audiences                   size      core        land cost      views
    lommel     samenwerking, ruimtelijke-ordening lokale-besturen            25k-50k   stadskern   BE  10k-50k   5
    tongeren   samenwerking, beleving-aantrekking ondernemers                25k-50k   binnenstad  BE  lt10k     50
    mol        mobiliteit                         lokale-besturen            25k-50k   stadskern   BE  50k-250k  1
    zutphen    mobiliteit, data                   lokale-besturen            25k-50k   binnenstad  NL  50k-250k  20
    veenendaal data                               lokale-besturen, ondern.   50k-100k  binnenstad  NL  10k-50k   8
    bree       beleving-aantrekking, duurzaamheid lokale-besturen            10k-25k   stadskern   BE  gte250k   3
    gemert     samenwerking                       ondernemers, vastgoed      10k-25k   dorpskern   NL  lt10k     0
    heist      beleid-visie, samenwerking         lokale-besturen            25k-50k   stadskern   BE  10k-50k   12
    draft      samenwerking                       lokale-besturen            25k-50k   stadskern   BE  lt10k     999

Published in table order, one day apart: heist is the newest.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kernkompas.vitrine.models import Audience, CasePage, Theme, VitrineIndexPage

ROWS = [
    ("lommel", "Leegstand te lijf in Lommel", ["samenwerking", "ruimtelijke-ordening"], ["lokale-besturen"],
     "25k-50k", "stadskern", "BE", "10k-50k", 5),
    ("tongeren", "Pop-upwinkels in Tongeren", ["samenwerking", "beleving-aantrekking"], ["ondernemers"],
     "25k-50k", "binnenstad", "BE", "lt10k", 50),
    ("mol", "Een fietsstraat door het centrum van Mol", ["mobiliteit"], ["lokale-besturen"],
     "25k-50k", "stadskern", "BE", "50k-250k", 1),
    ("zutphen", "Slim parkeren in Zutphen", ["mobiliteit", "data"], ["lokale-besturen"],
     "25k-50k", "binnenstad", "NL", "50k-250k", 20),
    ("veenendaal", "Passanten tellen in Veenendaal", ["data"], ["lokale-besturen", "ondernemers"],
     "50k-100k", "binnenstad", "NL", "10k-50k", 8),
    ("bree", "Een groen marktplein in Bree", ["beleving-aantrekking", "duurzaamheid"], ["lokale-besturen"],
     "10k-25k", "stadskern", "BE", "gte250k", 3),
    ("gemert", "De dorpswinkel van Gemert", ["samenwerking"], ["ondernemers", "vastgoed"],
     "10k-25k", "dorpskern", "NL", "lt10k", 0),
    ("heist", "Een centrummanager voor Heist", ["beleid-visie", "samenwerking"], ["lokale-besturen"],
     "25k-50k", "stadskern", "BE", "10k-50k", 12),
]  # fmt: skip
START = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC)


def vitrine_index() -> VitrineIndexPage:
    return VitrineIndexPage.objects.get()


def make_case(slug, title, themes, audiences, size, core, country, cost, views=0, *, live=True, **fields):
    page = CasePage(
        title=title,
        slug=slug,
        summary=fields.pop("summary", f"{title}: wat er gebeurde en wat het opleverde."),
        place_name=fields.pop("place_name", slug.capitalize()),
        size_class=size,
        core_type=core,
        country=country,
        cost_class=cost,
        concept=fields.pop("concept", f"<p>Het concept van {title}.</p>"),
        approach=fields.pop("approach", "<p>Stap voor stap, samen met de ondernemers.</p>"),
        live=False,
        **fields,
    )
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.audiences = list(Audience.objects.filter(slug__in=audiences))
    vitrine_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    CasePage.objects.filter(pk=page.pk).update(view_count=views)
    return CasePage.objects.get(pk=page.pk)


def make_eight_cases() -> dict[str, CasePage]:
    cases = {}
    for day, row in enumerate(ROWS):
        case = make_case(*row)
        moment = START + dt.timedelta(days=day)
        CasePage.objects.filter(pk=case.pk).update(first_published_at=moment, last_published_at=moment)
        cases[row[0]] = case
    cases["draft"] = make_case(
        "draft", "Geheim concept <b>nog niet klaar</b>", ["samenwerking"], ["lokale-besturen"],
        "25k-50k", "stadskern", "BE", "lt10k", 999, live=False,
    )  # fmt: skip
    return cases


def now() -> dt.datetime:
    return timezone.now()
