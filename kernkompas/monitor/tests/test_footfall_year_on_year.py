"""Footfall year on year on the area dashboard: the last four weeks against the same weeks a year earlier, for the
area and per counting point, with hand-computed figures, and the reasons when there is nothing to compare."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kernkompas.monitor import footfall
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
from kernkompas.monitor.models import CountingPoint
from kernkompas.monitor.presentation import dashboard_charts, formats
from kernkompas.monitor.selectors import footfall_summary
from kernkompas.monitor.tests.dashboard_fixtures import SLUGS
from kernkompas.monitor.tests.test_footfall_series import hours

pytestmark = pytest.mark.django_db

D = datetime.date
LAST = D(2024, 6, 30)  # Sunday of ISO week 26: the four weeks are 3–30 June 2024 (weeks 23–26)
MON, TUE = D(2024, 6, 3), D(2024, 6, 4)
LAST_MON, LAST_TUE, LAST_SUN = D(2023, 6, 5), D(2023, 6, 6), D(2023, 7, 2)  # weeks 23 and 26 of 2023


def _day(point, day, value):
    return FootfallRecord(f"{point} {day}", point, datetime.datetime.combine(day, datetime.time()), "day", value)


def records():
    """Markt-noord, hourly: Monday 10 an hour (240), Tuesday 240, the last Sunday 5 an hour (120); a year earlier
    Monday 8 an hour (192), Tuesday only 20 hours (incomplete), Sunday 4 an hour (96).
    Markt-zuid, daily: Monday 1000, the last Sunday 900; a year earlier Monday 1100 only.

    Markt-noord compares Monday and Sunday: 360 against 288, +25,0 %. Markt-zuid compares Monday: 1000 against
    1100, −9,1 %. The area has every point complete on Monday (1240) and Sunday (1020) this year, but a year
    earlier only on Monday (1292): 1240 against 1292 = −4,0 % over 1 day."""
    return [
        *hours("Markt-noord", MON, lambda h: 10),
        *hours("Markt-noord", TUE, lambda h: 10),
        *hours("Markt-noord", LAST, lambda h: 5),
        *hours("Markt-noord", LAST_MON, lambda h: 8),
        *hours("Markt-noord", LAST_TUE, lambda h: 8, skip=range(4)),
        *hours("Markt-noord", LAST_SUN, lambda h: 4),
        _day("Markt-zuid", MON, 1000),
        _day("Markt-zuid", LAST, 900),
        _day("Markt-zuid", LAST_MON, 1100),
    ]


def _import(gebied, recs):
    names = sorted({r.point for r in recs})
    import_footfall(
        gebied, recs, [PointRecord(name=n) for n in names], file_name="tellers.csv", sha256="yoy", format="csv"
    )
    return [CountingPoint.objects.get(name=n) for n in names]


def test_the_last_four_weeks_against_a_year_earlier_for_each_point_and_the_area(cast):
    noord, zuid = _import(cast.markt, records())
    result = footfall.recent_year_on_year(noord, LAST)
    assert (result["date_from"], result["date_to"], result["weeks"]) == (MON, LAST, 4)
    assert [(d["date"], d["total"], d["previous_date"], d["previous_total"]) for d in result["days"]] == [
        (MON, 240, LAST_MON, 192),
        (LAST, 120, LAST_SUN, 96),
    ]
    assert (result["total"], result["previous_total"], result["reason"]) == (360, 288, None)
    assert result["change"] == pytest.approx(0.25)
    south = footfall.recent_year_on_year(zuid, LAST)
    assert (south["total"], south["previous_total"], len(south["days"])) == (1000, 1100, 1)
    assert south["change"] == pytest.approx(-100 / 1100)
    area = footfall.recent_year_on_year([noord, zuid], LAST)
    assert [(d["date"], d["total"], d["previous_total"]) for d in area["days"]] == [(MON, 1240, 1292)]
    assert area["change"] == pytest.approx(-52 / 1292)


def test_no_comparison_with_less_than_a_year_of_counts_or_without_complete_days(cast):
    (noord,) = _import(cast.markt, hours("Markt-noord", TUE, lambda h: 10))
    short = footfall.recent_year_on_year(noord, LAST)
    assert (short["days"], short["change"], short["reason"]) == ([], None, "short")
    # Counts a year earlier, but that Tuesday has 20 hours: a year of counts, nothing complete to compare.
    _import(cast.markt, hours("Markt-noord", LAST_TUE, lambda h: 8, skip=range(4)))
    incomplete = footfall.recent_year_on_year(noord, LAST)
    assert (incomplete["days"], incomplete["reason"]) == ([], "incomplete")
    with translation.override("en"):
        assert dashboard_charts._year_on_year_text(short) == "no comparison: less than a year of counts"
        assert dashboard_charts._year_on_year_text(incomplete) == "no comparison: no complete days in both periods"
        nothing = {"days": [{}], "change": None, "total": 240, "previous_total": 0}
        assert dashboard_charts._year_on_year_text(nothing) == "no comparison: no passers-by counted a year earlier"


def test_the_change_is_a_signed_percentage_in_the_language_format():
    with translation.override("nl"):
        assert [formats.fmt_change(c) for c in (0.032, -0.0909, -0.0004, 1.5)] == [
            "+3,2 %",
            "−9,1 %",
            "±0,0 %",
            "+150,0 %",
        ]
    with translation.override("en"):
        assert formats.fmt_change(0.032) == "+3.2 %"


def test_the_summary_holds_the_comparison_and_the_dashboard_shows_it(client, cast):
    cast.markt.is_public = True
    cast.markt.save()
    noord, zuid = _import(cast.markt, records())
    summary = footfall_summary([noord, zuid])
    assert summary["year_on_year"]["change"] == pytest.approx(-52 / 1292)
    assert [(p.name, c["total"]) for p, c in summary["year_on_year_points"]] == [
        ("Markt-noord", 360),
        ("Markt-zuid", 1000),
    ]
    with translation.override("en"):
        response = client.get(reverse("monitor:gebied", kwargs=SLUGS))
    yoy = response.context["footfall"]["year_on_year"]
    assert yoy["intro"] == (
        "The last 4 weeks (03-06-2024 to 30-06-2024) against the same weeks a year earlier, each day against the "
        "same weekday, complete days only:"
    )
    assert [(row["label"], row["text"]) for row in yoy["rows"]] == [
        ("All counting points", "−4.0 % (1 comparable day: 1,240 against 1,292 passers-by)"),
        ("Markt-noord", "+25.0 % (2 comparable days: 360 against 288 passers-by)"),
        ("Markt-zuid", "−9.1 % (1 comparable day: 1,000 against 1,100 passers-by)"),
    ]
    html = response.content.decode()
    assert 'id="footfall-yoy-title"' in html
    assert "<li>Markt-noord: +25.0 % (2 comparable days: 360 against 288 passers-by)</li>" in html
    # In Dutch: decimal comma and thousands dot.
    html = client.get(reverse("monitor:gebied", kwargs=SLUGS)).content.decode()
    assert "−4,0 %" in html and "1.240" in html and "+25,0 %" in html and "−9,1 %" in html


def test_one_counting_point_has_one_line_without_a_label(client, cast):
    cast.markt.is_public = True
    cast.markt.save()
    _import(cast.markt, hours("Markt-noord", TUE, lambda h: 10))
    with translation.override("en"):
        response = client.get(reverse("monitor:gebied", kwargs=SLUGS))
    rows = response.context["footfall"]["year_on_year"]["rows"]
    assert rows == [{"label": None, "text": "No comparison: less than a year of counts"}]
    assert "<li>No comparison: less than a year of counts</li>" in response.content.decode()
