"""The Kernmonitor's demo data: realistic registers through the real operations, and idempotent."""

from __future__ import annotations

import pytest

from kernkompas.monitor.demo import load_demo_monitor
from kernkompas.monitor.demo.loader import COUNT_DATES, FOOTFALL_GAP
from kernkompas.monitor.models import (
    AreaIndicators,
    Count,
    CountingPoint,
    FootfallCount,
    ImportRun,
    OwnerContact,
    ThresholdCrossing,
    UnitState,
)
from kernkompas.places.models import Gebied
from kernkompas.site.demo import load_demo_data


@pytest.fixture
def demo(db):
    load_demo_data(with_parts=False)
    first = load_demo_monitor()
    return first


def test_the_demo_areas_have_three_counts_with_computed_indicators(demo):
    main = Gebied.objects.get(kern__gemeente__slug="bremhout", slug="kernwinkelgebied")
    assert [c.date for c in Count.objects.filter(gebied=main).order_by("date")] == list(COUNT_DATES)
    states = UnitState.objects.filter(count__gebied=main, count__date=COUNT_DATES[-1])
    assert 120 <= states.count() <= 250
    latest = AreaIndicators.objects.get(gebied=main, date=COUNT_DATES[-1]).values
    assert 0 < latest["vacancy_rate"] < 0.3
    assert latest["churn"]["openings"] > 0 and latest["churn"]["closures"] > 0
    assert latest["vacancy_duration"]["long"] > 0
    # Both a public and a private area have data, so both sides of the scope can be tried.
    with_counts = Gebied.objects.filter(counts__isnull=False).distinct()
    assert with_counts.filter(is_public=True).exists() and with_counts.filter(is_public=False).exists()
    assert OwnerContact.objects.exists()

    # The story: vacancy rises on Maasdijk's Marktplein and crosses the threshold set for it.
    markt = Gebied.objects.get(kern__gemeente__slug="maasdijk", slug="marktplein")
    rates = [row.values["vacancy_rate"] for row in AreaIndicators.objects.filter(gebied=markt).order_by("date")]
    assert rates[0] < rates[-1]
    assert ThresholdCrossing.objects.filter(threshold__gebied=markt, closed_count=None).exists()

    # Footfall: two counting points, hourly, and one broken sensor for a week (no rows, not zeros).
    points = list(CountingPoint.objects.filter(gebied=main))
    assert len(points) == 2
    per_point = {p.name: FootfallCount.objects.filter(point=p).count() for p in points}
    days_missing = (FOOTFALL_GAP[1] - FOOTFALL_GAP[0]).days + 1
    assert per_point["Grote Markt"] - per_point["Nieuwstraat-west"] == days_missing * 24


def test_a_second_run_changes_nothing(demo):
    runs = ImportRun.objects.count()
    states = UnitState.objects.count()
    again = load_demo_monitor()
    assert not again.created
    assert ImportRun.objects.count() == runs and UnitState.objects.count() == states
