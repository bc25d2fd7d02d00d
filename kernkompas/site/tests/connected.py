"""A small connected world for the tests of the links between places, the Kernmonitor and the Vitrine.

On top of the cast (kernkompas.testing):
- Maasdijk (25,000–50,000): Marktplein public with the two counts of the dashboard fixtures (2 of 6 commercial
  units vacant at the second count: 33.3 %), and Statiestraat, not public, without counts.
- Bremhout (30,000, BE), core Centrum, public core shopping area "Kernwinkelgebied" counted on the same date with
  four occupied units: 0 % vacancy. It is the "similar area" of Marktplein (same kind, same size class).
- Veldrode: Kapelstraat, not public (Sofie's municipality).
- Cases: one on vacancy in Maasdijk itself, one on vacancy for a town of Maasdijk's size, one on vacancy in a city
  of 100,000 or more, one on another theme for Maasdijk's size, and a draft on vacancy that must never show.
"""

from __future__ import annotations

from dataclasses import dataclass

from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import UnitRecord
from kernkompas.monitor.tests.dashboard_fixtures import COUNT_2, load_register
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind
from kernkompas.testing import Cast, make_gemeente
from kernkompas.vitrine.models import CasePage
from kernkompas.vitrine.tests.list_cases import make_case


@dataclass
class Connected:
    cast: Cast
    statiestraat: Gebied
    bremhout_area: Gebied
    kapelstraat: Gebied
    own_case: CasePage
    size_case: CasePage
    city_case: CasePage
    other_theme_case: CasePage
    draft_case: CasePage


def _kern(gemeente, name, slug, code):
    kern = Kern(gemeente=gemeente, code=code, name=name, slug=slug, kind=KernKind.HOOFDKERN)
    kern.refresh_derived()
    kern.save()
    return kern


def _occupied(n: int) -> UnitRecord:
    return UnitRecord(
        where=f"regel {n + 1}",
        external_id=f"B{n}",
        street="Kerkstraat",
        house_number=str(n),
        lat=51.2,
        lon=5.2,
        group="dagelijks",
        branch="bakker",
        floor_area=100,
        occupant=f"Zaak {n}",
        is_chain=False,
    )


def make_connected(cast: Cast) -> Connected:
    cast.markt.is_public = True
    cast.markt.save(update_fields=["is_public"])
    load_register(cast.markt)
    statiestraat = Gebied.objects.create(
        kern=cast.centrum, name="Statiestraat", slug="statiestraat", kind=GebiedKind.WINKELSTRAAT
    )
    bremhout = make_gemeente("99003", "Bremhout", 30_000)
    bremhout_area = Gebied.objects.create(
        kern=_kern(bremhout, "Bremhout-Centrum", "centrum", "99003_1"),
        name="Kernwinkelgebied",
        slug="kernwinkelgebied",
        kind=GebiedKind.KERNWINKELGEBIED,
        is_public=True,
    )
    import_units(
        bremhout_area, [_occupied(n) for n in range(1, 5)], count_date=COUNT_2, file_name="b.csv", sha256="b",
        format="csv",
    )  # fmt: skip
    kapelstraat = Gebied.objects.create(
        kern=_kern(cast.veldrode, "Veldrode-Dorp", "dorp", "99002_1"),
        name="Kapelstraat",
        slug="kapelstraat",
        kind=GebiedKind.WINKELSTRAAT,
    )
    own_case = make_case(
        "eigenaarstafel", "Eigenaars rond de tafel in Maasdijk", ["leegstand"], ["vastgoed"], "25k-50k",
        "winkelstraat", "BE", "lt10k", gemeenten=[cast.maasdijk],
    )  # fmt: skip
    return Connected(
        cast=cast,
        statiestraat=statiestraat,
        bremhout_area=bremhout_area,
        kapelstraat=kapelstraat,
        own_case=own_case,
        size_case=make_case(
            "leegstandsheffing", "Een leegstandsheffing die werkt", ["leegstand", "beleid-visie"],
            ["lokale-besturen"], "25k-50k", "stadskern", "BE", "lt10k",
        ),
        city_case=make_case(
            "wijkwinkelcentrum", "Een wijkwinkelcentrum opnieuw uitvinden", ["leegstand"], ["vastgoed"],
            "gte100k", "binnenstad", "NL", "gte250k",
        ),
        other_theme_case=make_case(
            "avondmarkt", "Een avondmarkt op donderdag", ["beleving-aantrekking"], ["ondernemers"], "25k-50k",
            "stadskern", "BE", "lt10k",
        ),
        draft_case=make_case(
            "geheim", "Geheim concept over leegstand", ["leegstand"], ["vastgoed"], "25k-50k", "stadskern", "BE",
            "lt10k", live=False,
        ),
    )  # fmt: skip
