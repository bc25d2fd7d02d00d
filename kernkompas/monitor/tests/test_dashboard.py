"""What the area dashboard shows: cards with trend, filters in the URL, map data, charts with tables, notices,
and that it costs the same number of queries for six units or six hundred."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kernkompas.monitor.importers.records import UnitRecord
from kernkompas.monitor.models import Count, Threshold, ThresholdCrossing
from kernkompas.monitor.tests.dashboard_fixtures import COUNT_1, COUNT_2, SLUGS


def _page(client, query=""):
    response = client.get(reverse("monitor:gebied", kwargs=SLUGS) + query)
    assert response.status_code == 200
    return response


def _map_features(response) -> list[dict]:
    """The map's GeoJSON features, read from the page the way dashboard.js reads them."""
    script = re.search(
        r'<script id="unit-map-data" type="application/json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(script.group(1))["features"]


def _card(html: str, code: str) -> str:
    match = re.search(rf'data-indicator="{code}">([^<]*)<', html)
    assert match, code
    return match.group(1)


def test_the_cards_show_the_latest_count_with_the_change_since_the_previous_one(client, public_register):
    html = _page(client).content.decode()
    # Second count: 6 commercial units (housing is not), 2 of them vacant.
    assert _card(html, "units") == "6"
    assert _card(html, "vacancy_rate") == "33,3 %"
    assert "+13,3 procentpunt" in html or "+13,3 percentage points" in html
    assert "01-10-2022" in html  # "since the count of 01-10-2022"
    # The trend is told in words as well as by an arrow (never by colour alone).
    assert "↑" in html and ("verslechtering" in html or "deterioration" in html)


def test_choosing_the_first_count_shows_it_without_a_trend(client, public_register):
    html = _page(client, f"?telling={COUNT_1.isoformat()}").content.decode()
    assert _card(html, "units") == "5"
    assert _card(html, "vacancy_rate") == "20,0 %"
    assert "↑" not in html.split('id="cards-title"')[1].split("</section>")[0]


def test_an_unknown_count_date_is_a_404(client, public_register):
    assert client.get(reverse("monitor:gebied", kwargs=SLUGS) + "?telling=2001-01-01").status_code == 404


def test_filters_live_in_the_url_and_narrow_the_map_and_table(client, public_register):
    response = _page(client, "?leeg=1")
    units = [f for f in _map_features(response) if f["properties"]["role"] == "unit"]
    assert {u["properties"]["name"] for u in units} == {"Markt 2", "Markt 3"}
    assert all(u["properties"]["vacant"] for u in units)
    # The form shows the state it was sent with, so it works without JavaScript.
    assert 'name="leeg" value="1" checked' in response.content.decode()

    response = _page(client, "?groep=dagelijks")
    assert {line.name for line in response.context["page"].shown} == {"Markt 1", "Markt 5"}
    assert {f["properties"]["name"] for f in _map_features(response) if f["properties"]["role"] == "unit"} == {
        "Markt 1",
        "Markt 5",
    }
    # The cards stay about the whole area: filters narrow the units, not the indicators.
    assert _card(response.content.decode(), "units") == "6"


def test_the_duration_filter_keeps_only_vacancies_of_that_class(client, public_register):
    assert len(_page(client, "?duur=short").context["page"].shown) == 2
    assert _page(client, "?duur=structural").context["page"].shown == []


def test_the_map_colours_units_by_function_group_and_marks_vacancy_with_its_duration(client, public_register):
    response = _page(client)
    features = _map_features(response)
    roles = [f["properties"]["role"] for f in features]
    assert roles.count("gebied") == (1 if public_register.markt.geometry else 0)
    by_name = {f["properties"]["name"]: f["properties"] for f in features if f["properties"]["role"] == "unit"}
    assert by_name["Markt 1"]["colour"] == "#009E73" and by_name["Markt 1"]["group"] == "Dagelijks"
    assert by_name["Markt 1"]["occupant"] == "Buurtsuper"
    assert by_name["Markt 3"]["vacant"] is True and by_name["Markt 3"]["duration"] == "short"
    # Owner contacts never reach the page.
    assert "Jan Eigenaar" not in response.content.decode()


def test_every_chart_is_an_accessible_svg_with_a_table_alternative(client, public_register):
    html = _page(client).content.decode()
    charts = re.findall(r'<svg class="chart"[^>]*role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title><desc', html)
    assert len(charts) >= 2
    assert html.count('<details class="chart-table">') == len(charts)
    # The vacancy table lists both counts with the same numbers as the cards.
    assert "33,3 %" in html.split("chart-table")[1]


def test_an_open_threshold_crossing_is_a_notice_on_top(client, public_register):
    threshold = Threshold.objects.create(
        gebied=public_register.markt, indicator="vacancy_rate", direction="above", value=0.25
    )
    count = Count.objects.get(gebied=public_register.markt, date=COUNT_2)
    ThresholdCrossing.objects.get_or_create(threshold=threshold, opened_count=count, defaults={"value": 1 / 3})
    html = _page(client).content.decode()
    notices = html.split('id="notices-title"')[1].split("</section>")[0]
    assert "25,0 %" in notices and "01-10-2023" in notices and "33,3 %" in notices


def test_an_area_without_counts_says_so(client, cast):
    cast.markt.is_public = True
    cast.markt.save()
    html = _page(client).content.decode()
    assert "Er is nog geen telling" in html or "No count has been imported" in html


def test_the_core_dashboard_aggregates_its_areas(client, public_register):
    response = client.get(reverse("monitor:kern", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert _card(html, "units") == "6"
    assert "Marktplein" in html


def test_the_overview_groups_areas_by_municipality_with_their_latest_vacancy(client, public_register):
    html = client.get(reverse("monitor:index")).content.decode()
    assert "Maasdijk" in html and "Maasdijk-Centrum" in html
    assert "33,3 %" in html


def _grow(gebied, n: int) -> None:
    """A third count with ``n`` units, so the page has many more rows to show."""
    import datetime

    from kernkompas.monitor.actions.units import import_units

    records = [
        UnitRecord(
            where=f"regel {i + 2}",
            external_id=f"G{i}",
            street="Grote Straat",
            house_number=str(i + 1),
            lat=51.14,
            lon=5.36,
            group=("dagelijks", "mode-luxe", "leegstand", "diensten")[i % 4],
            floor_area=50 + i,
            occupant=f"Zaak {i}" if i % 4 != 2 else "",
        )
        for i in range(n)
    ]
    import_units(
        gebied, records, count_date=datetime.date(2024, 10, 1), file_name="groot.csv", sha256="groot", format="csv"
    )


def test_the_dashboard_costs_a_fixed_number_of_queries(client, public_register, django_assert_max_num_queries):
    client.force_login(public_register.ellen)
    url = reverse("monitor:gebied", kwargs=SLUGS)
    client.get(url)  # session and role caches warm
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(public_register.markt, 300)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["page"].rows) == 300
    # Units in address order as people count: Grote Straat 1, 2, 3 … 10, not 1, 10, 100.
    assert [line.name for line in response.context["page"].rows[:3]] == [
        "Grote Straat 1",
        "Grote Straat 2",
        "Grote Straat 3",
    ]
    assert len(large) == len(small)
    with django_assert_max_num_queries(len(small)):
        client.get(url + "?leeg=1")


def _footfall(gebied, *, skip_day=None):
    """Two counting points with 24 hourly counts a day for two weeks; ``skip_day`` has no counts at one point."""
    import datetime

    from kernkompas.monitor.actions.footfall import import_footfall
    from kernkompas.monitor.importers.records import FootfallRecord, PointRecord

    points = [PointRecord(name="Markt-noord"), PointRecord(name="Markt-zuid")]
    records = []
    for d in range(14):
        day = datetime.date(2024, 9, 2) + datetime.timedelta(days=d)
        for p, point in enumerate(points):
            if p == 1 and day == skip_day:
                continue
            for hour in range(24):
                value = (100 if 9 <= hour < 18 else 5) * (2 if day.weekday() == 5 else 1)
                start = datetime.datetime.combine(day, datetime.time(hour))
                records.append(
                    FootfallRecord(where="regel 2", point=point.name, start=start, resolution="hour", value=value)
                )
    import_footfall(gebied, records, points, file_name="tellers.csv", sha256="tellers", format="csv")


def test_footfall_shows_daily_totals_with_gaps_and_weekday_and_hour_profiles(client, public_register):
    import datetime

    gap_day = datetime.date(2024, 9, 10)
    _footfall(public_register.markt, skip_day=gap_day)
    response = _page(client)
    footfall = response.context["footfall"]
    rows = {day: (total, complete) for day, total, complete in footfall["daily"]["rows"]}
    # A normal weekday: 2 points × (9 hours × 100 + 15 hours × 5).
    assert rows["03-09-2024"][0] == "1.950"
    # The day one point missed is a gap: listed as incomplete, not drawn as a (too low) value.
    assert rows["10-09-2024"][1] in ("onvolledig", "incomplete")
    assert any("Markt-zuid" in gap["text"] and "10-09-2024" in gap["text"] for gap in footfall["gaps"])
    weekday = dict(footfall["weekday"]["rows"])
    assert len(weekday) == 7
    hours = dict(footfall["hour"]["rows"])
    # Means over the 13 complete days, two of them Saturdays that count double: (11 × 200 + 2 × 400) / 13.
    assert hours["12:00"] == "231" and hours["3:00"] == "12"
    html = response.content.decode()
    assert "Passanten per dag" in html or "Passers-by per day" in html
    # The daily line breaks at the gap: two polyline segments, in the wide drawing and in the narrow one for phones.
    daily_svg = str(footfall["daily"]["svg"])
    assert daily_svg.count("<svg") == 2 and daily_svg.count("<polyline") == 2 * 2


def test_staff_save_a_threshold_through_the_form(client, public_register):
    client.force_login(public_register.ellen)
    url = reverse("monitor:thresholds", kwargs=SLUGS)
    response = client.post(
        url,
        {"indicator": "vacancy_rate", "direction": "above", "value": "25", "recipients": [public_register.ellen.pk]},
    )
    assert response.status_code == 302
    threshold = Threshold.objects.get(gebied=public_register.markt)
    assert threshold.value == pytest.approx(0.25)
    assert list(threshold.recipients.all()) == [public_register.ellen]
    # The second count (33,3 %) is over it: the dashboard says so on top.
    html = _page(client).content.decode()
    assert 'id="notices-title"' in html


def test_a_threshold_with_a_wrong_value_is_refused_with_a_message(client, public_register):
    client.force_login(public_register.ellen)
    response = client.post(
        reverse("monitor:thresholds", kwargs=SLUGS), {"indicator": "vacancy_rate", "direction": "above", "value": "250"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["value"]
    assert not Threshold.objects.exists()


def test_the_core_map_shows_only_the_units_of_areas_the_visitor_may_see(client, public_register):
    import datetime

    from kernkompas.monitor.actions.units import import_units
    from kernkompas.places.models import Gebied

    hidden = Gebied.objects.create(kern=public_register.centrum, name="Statiestraat", slug="statiestraat")
    record = UnitRecord(where="regel 2", external_id="S1", street="Statiestraat", house_number="1", group="leegstand")
    import_units(hidden, [record], count_date=datetime.date(2024, 10, 1), file_name="s.csv", sha256="s", format="csv")
    url = reverse("monitor:kern", kwargs={"gemeente": "maasdijk", "kern": "centrum"})
    names = {r.unit.street for r in client.get(url).context["rows"]}
    assert names == {"Markt"}
    client.force_login(public_register.ellen)
    names = {r.unit.street for r in client.get(url).context["rows"]}
    assert names == {"Markt", "Statiestraat"}


def test_new_footfall_counts_show_at_once_although_the_profiles_are_cached(client, public_register):
    import datetime

    from kernkompas.monitor.actions.footfall import import_footfall
    from kernkompas.monitor.importers.records import FootfallRecord, PointRecord

    _footfall(public_register.markt)
    assert "16-09-2024" not in dict((r[0], r[1]) for r in _page(client).context["footfall"]["daily"]["rows"])
    extra = [
        FootfallRecord(
            where="regel 2",
            point="Markt-noord",
            start=datetime.datetime(2024, 9, 16, hour),
            resolution="hour",
            value=10,
        )
        for hour in range(24)
    ]
    import_footfall(
        public_register.markt, extra, [PointRecord(name="Markt-noord")], file_name="extra.csv", sha256="x", format="csv"
    )
    rows = {r[0]: r for r in _page(client).context["footfall"]["daily"]["rows"]}
    assert rows["16-09-2024"][1] == "240"
