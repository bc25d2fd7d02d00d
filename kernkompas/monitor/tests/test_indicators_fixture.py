"""Every indicator of the small fixture (fixture_counts.py), computed by hand and written out here."""

from __future__ import annotations

import datetime

import pytest

from kernkompas.lib import indicators as calc
from kernkompas.monitor import indicators
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import AreaIndicators, Count, UnitLink, UnitState
from kernkompas.monitor.tests.fixture_counts import DATES, import_all

pytestmark = pytest.mark.django_db


def values_at(gebied, day):
    return AreaIndicators.objects.get(gebied=gebied, date=day).values


def test_count_1_by_hand(cast):
    import_all(cast.markt, upto=1)
    v = values_at(cast.markt, DATES[0])
    # Ten units; U9 is housing, so nine are commercial. Vacant: U3 and U5.
    assert (v["all_units"], v["units"], v["vacant_units"]) == (10, 9, 2)
    assert v["vacancy_rate"] == pytest.approx(2 / 9)
    # Known floor areas of commercial units: 1000+200+150+120+80+60+100+70 = 1780 (U8 unknown, U9 not commercial).
    assert (v["floor_area"], v["vacant_floor_area"], v["floor_area_known"]) == (1780, 150 + 80, 8)
    assert v["vacancy_rate_area"] == pytest.approx(230 / 1780)
    assert v["floor_area_coverage"] == pytest.approx(8 / 9)
    # Both vacant units are vacant at the area's first count: duration 0 days (short), start open.
    assert v["vacancy_duration"] == {"short": 2, "long": 0, "structural": 0, "lower_bound": 2}
    assert v["mix"] == {"dagelijks": 2, "mode-luxe": 3, "leegstand": 2, "leisure": 1, "diensten": 1, "wonen": 1}
    # Diensten has no known area, so it has no m² in the mix by area.
    assert v["mix_area"] == {"dagelijks": 1060, "mode-luxe": 370, "leegstand": 230, "leisure": 120, "wonen": 90}
    assert v["sectors"] == {"detailhandel": 5, "leegstand": 2, "leisure": 1, "diensten": 1, "wonen": 1}
    # Occupied shops by branch: supermarkt 1, kleding 2 (U2, U10), bakker 1, schoenen 1 → 5 shops.
    # Simpson: 1 − (1² + 2² + 1² + 1²) / 5² = 1 − 7/25 = 0.72.
    assert v["branch_mix"] == {"supermarkt": 1, "kleding": 2, "bakker": 1, "schoenen": 1}
    assert v["diversity"] == pytest.approx(0.72)
    assert v["branches"] == 4
    # Occupied commercial units with a known chain status: U1 (chain), U2, U4, U6, U7 (independent), U10 (chain);
    # U8 unknown. 4 independents of 6.
    assert (v["chain_known"], v["independent_units"]) == (6, 4)
    assert v["independent_share"] == pytest.approx(4 / 6)
    # No earlier count: churn cannot be computed.
    assert v["churn"] == {
        "previous_date": None,
        "openings": None,
        "closures": None,
        "function_changes": None,
        "occupant_changes": None,
        "new_units": None,
        "gone_units": None,
    }


def test_count_2_by_hand(cast):
    import_all(cast.markt, upto=2)
    v = values_at(cast.markt, DATES[1])
    # Vacant: U5 (still), U7 and U10 (closed). U3 opened as a bookshop.
    assert (v["all_units"], v["units"], v["vacant_units"]) == (10, 9, 3)
    assert v["vacancy_rate"] == pytest.approx(3 / 9)
    assert (v["floor_area"], v["vacant_floor_area"]) == (1780, 80 + 100 + 70)
    assert v["vacancy_rate_area"] == pytest.approx(250 / 1780)
    # U5: vacant since 1-3-2022 (open start), 365 days → short. U7, U10: since 1-3-2023, 0 days → short.
    assert v["vacancy_duration"] == {"short": 3, "long": 0, "structural": 0, "lower_bound": 1}
    assert v["mix"] == {
        "dagelijks": 1,
        "mode-luxe": 1,
        "vrije-tijd": 1,
        "leisure": 2,
        "diensten": 1,
        "leegstand": 3,
        "wonen": 1,
    }
    # Shops: supermarkt, kleding, boeken, one each: 1 − 3 × (1/3)² = 2/3.
    assert v["diversity"] == pytest.approx(2 / 3)
    assert v["branches"] == 3
    # Known chain status: U1 (chain), U2, U4, U6 (independent), U3 (chain) → 3 of 5.
    assert v["independent_share"] == pytest.approx(3 / 5)
    # Since 1-3-2022: U3 opened; U7 and U10 closed; U6 changed function (bakery → lunchroom) and occupant;
    # U2 changed occupant. No unit appeared or disappeared.
    assert v["churn"] == {
        "previous_date": "2022-03-01",
        "openings": 1,
        "closures": 2,
        "function_changes": 1,
        "occupant_changes": 2,
        "new_units": 0,
        "gone_units": 0,
    }


def test_count_3_by_hand(cast):
    import_all(cast.markt)
    v = values_at(cast.markt, DATES[2])
    # U7 and U10 merged into U11; nine units, eight commercial, one vacant (U5).
    assert (v["all_units"], v["units"], v["vacant_units"]) == (9, 8, 1)
    assert v["vacancy_rate"] == pytest.approx(1 / 8)
    # 1000+200+150+120+80+60+170 = 1780 known over 7 of 8 commercial units.
    assert (v["floor_area"], v["vacant_floor_area"], v["floor_area_known"]) == (1780, 80, 7)
    assert v["floor_area_coverage"] == pytest.approx(7 / 8)
    # U5 vacant since 1-3-2022 (open): 731 days on 1-3-2024 → long (1–3 years), a lower bound.
    assert v["vacancy_duration"] == {"short": 0, "long": 1, "structural": 0, "lower_bound": 1}
    assert v["mix_area"] == {
        "dagelijks": 1000,
        "mode-luxe": 370,
        "vrije-tijd": 150,
        "leisure": 180,
        "leegstand": 80,
        "wonen": 90,
    }
    # Shops: supermarkt 1, kleding 2 (U2, U11), boeken 1: 1 − (1 + 4 + 1)/16 = 0.625.
    assert v["diversity"] == pytest.approx(0.625)
    # Chains: U1, U3, U11; independents U2, U4, U6 → 3 of 6.
    assert v["independent_share"] == pytest.approx(0.5)
    # 8 units continue (U4 and U8 recognised by address); U11 is new, U7 and U10 are gone.
    assert v["churn"] == {
        "previous_date": "2023-03-01",
        "openings": 0,
        "closures": 0,
        "function_changes": 0,
        "occupant_changes": 0,
        "new_units": 1,
        "gone_units": 2,
    }


def test_vacancy_start_derived_from_the_counts(cast):
    import_all(cast.markt)
    states = {
        (s.unit.external_id, s.count.date): (s.vacant_since, s.vacant_since_open)
        for s in UnitState.objects.filter(is_vacant=True).select_related("unit", "count")
    }
    assert states == {
        ("U3", DATES[0]): (DATES[0], True),
        ("U5", DATES[0]): (DATES[0], True),
        ("U5", DATES[1]): (DATES[0], True),
        ("U5", DATES[2]): (DATES[0], True),
        ("U7", DATES[1]): (DATES[1], False),
        ("U10", DATES[1]): (DATES[1], False),
    }
    links = {(link.predecessor.external_id, link.successor.external_id, link.kind) for link in UnitLink.objects.all()}
    assert links == {("U7", "U11", "merge"), ("U10", "U11", "merge")}


def test_series_and_core_sum_counts_not_percentages(cast):
    from kernkompas.places.models import Gebied

    import_all(cast.markt)
    other = Gebied.objects.create(kern=cast.centrum, name="Kerkstraat", slug="kerkstraat")
    from kernkompas.monitor.actions.units import import_units
    from kernkompas.monitor.tests.fixture_counts import unit

    # Kerkstraat: counted once, on the date of count 2: 4 commercial units, all vacant, 100 m² each.
    import_units(
        other,
        [unit(n, "leegstand", "", 100) for n in range(1, 5)],
        count_date=DATES[1],
        file_name="kerkstraat.csv",
        sha256="k",
        format="csv",
    )
    assert [row.date for row in indicators.series(cast.markt)] == list(DATES)
    core = indicators.for_kern(cast.centrum)
    assert [c.date for c in core] == list(DATES)
    assert [c.areas for c in core] == [1, 2, 2]
    # 1-3-2023: Marktplein 3 vacant of 9, Kerkstraat 4 of 4 → 7 of 13 (not the mean of 33 % and 100 %).
    assert core[1].values["vacant_units"] == 7
    assert core[1].values["vacancy_rate"] == pytest.approx(7 / 13)
    assert core[1].values["vacancy_rate_area"] == pytest.approx((250 + 400) / (1780 + 400))
    # Churn on that date: only Marktplein had an earlier count.
    assert core[1].values["churn"]["closures"] == 2
    # 1-3-2024: Kerkstraat carried forward (its latest count): 1 + 4 vacant of 8 + 4.
    assert core[2].values["vacancy_rate"] == pytest.approx(5 / 12)
    # Diversity recomputed from the summed branches (Kerkstraat has no shops): the Marktplein value.
    assert core[2].values["diversity"] == pytest.approx(0.625)


def test_indicator_registry_reads_nested_values(cast):
    import_all(cast.markt)
    v = values_at(cast.markt, DATES[2])
    assert INDICATORS["long_vacancy"].value(v) == 1
    assert INDICATORS["vacancy_rate"].value(v) == pytest.approx(0.125)
    assert INDICATORS["closures"].value(values_at(cast.markt, DATES[1])) == 2
    assert INDICATORS["closures"].value(values_at(cast.markt, DATES[0])) is None


def test_refresh_all_equals_refresh_area(cast):
    import_all(cast.markt)
    before = {row.count_id: row.values for row in AreaIndicators.objects.all()}
    AreaIndicators.objects.all().delete()
    indicators.refresh_all()
    assert {row.count_id: row.values for row in AreaIndicators.objects.all()} == before
    assert Count.objects.count() == 3


def test_compare_with_similar_areas_and_region(cast):
    from kernkompas.monitor.actions.units import import_units
    from kernkompas.monitor.tests.fixture_counts import unit
    from kernkompas.places.models import Gebied, Kern, Regio
    from kernkompas.testing import make_gemeente

    import_all(cast.markt)
    # Similar: a core shopping area in another municipality of 25k–50k inhabitants.
    zandhoven = make_gemeente("99003", "Zandhoven", 30_000)
    kern = Kern.objects.create(gemeente=zandhoven, code="99003_1", name="Zandhoven", slug="zandhoven")
    public = Gebied.objects.create(kern=kern, name="Centrum", slug="centrum", kind="kernwinkelgebied", is_public=True)
    hidden = Gebied.objects.create(kern=kern, name="Dorp", slug="dorp", kind="kernwinkelgebied", is_public=False)
    # Veldrode (14,900) is in another size class: never similar, but in the region.
    vkern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode", slug="veldrode")
    in_region = Gebied.objects.create(kern=vkern, name="Markt", slug="markt", kind="kernwinkelgebied", is_public=True)
    for area, vacant in ((public, 1), (hidden, 3), (in_region, 2)):
        records = [
            unit(n, "leegstand" if n <= vacant else "diensten", "", None, lat=None, lon=None) for n in range(1, 5)
        ]
        import_units(
            area, records, count_date=datetime.date(2023, 6, 1), file_name="x.csv", sha256=str(area.pk), format="csv"
        )
    regio = Regio.objects.create(name="Maasland", slug="maasland")
    regio.gemeenten.add(cast.maasdijk, cast.veldrode)
    count = Count.objects.get(gebied=cast.markt, date=DATES[2])

    # A visitor: only the public similar area (1 of 4 vacant); the region: Veldrode's public area (2 of 4).
    result = indicators.compare(cast.markt, count)
    assert result["similar"]["n"] == 1
    assert result["similar"]["medians"]["vacancy_rate"] == pytest.approx(0.25)
    assert result["region"]["n"] == 1
    assert result["region"]["medians"]["vacancy_rate"] == pytest.approx(0.5)
    assert result["region"]["names"] == ["Maasland"]
    # An administrator sees the unpublished area too: median of 1/4 and 3/4.
    result = indicators.compare(cast.markt, count, user=cast.anton)
    assert result["similar"]["n"] == 2
    assert result["similar"]["medians"]["vacancy_rate"] == pytest.approx(0.5)
    # Compared at the latest count on or before the date: nothing before 2023-06-01 at the first count.
    first = Count.objects.get(gebied=cast.markt, date=DATES[0])
    assert indicators.compare(cast.markt, first, user=cast.anton)["similar"]["n"] == 0


def test_framework_free_math():
    assert calc.share(1, 0) is None
    assert calc.share(None, 5) is None
    assert calc.simpson([]) is None
    assert calc.simpson([5]) == 0.0
    assert calc.simpson([1, 1]) == pytest.approx(0.5)
    day = datetime.date(2024, 3, 1)
    assert calc.duration_class(day - datetime.timedelta(days=365), day) == "short"
    assert calc.duration_class(day - datetime.timedelta(days=366), day) == "long"
    assert calc.duration_class(day - datetime.timedelta(days=1095), day) == "long"
    assert calc.duration_class(day - datetime.timedelta(days=1096), day) == "structural"
    assert calc.classify_change(None, ("a", False, True, "")) == ["new_units"]
    assert calc.classify_change(("a", True, True, ""), ("b", False, True, "x")) == ["openings"]
    assert calc.classify_change(("a", False, True, "X"), ("b", False, True, " x ")) == ["function_changes"]
    assert calc.change(110, 100) == pytest.approx(0.1)
    assert calc.change(1, 0) is None
    # Saturday 7 June 2025 (ISO week 23) compares with Saturday 8 June 2024.
    assert calc.same_day_last_year(datetime.date(2025, 6, 7)) == datetime.date(2024, 6, 8)
    assert calc.median([None, 3, 1, 2]) == 2
