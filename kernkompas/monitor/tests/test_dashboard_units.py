"""The area dashboard's units: read as plain values in one query, shown as map points and table rows that are
cached under a digest of those values. What the values show is what the model rows show, and the cache never
shows an old state: an import, a renamed function group or branch, another language all show at once."""

from __future__ import annotations

import dataclasses
import json
import re

from django.urls import reverse

from kernkompas.monitor import selectors
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.models import Branch, Count, FunctionGroup
from kernkompas.monitor.presentation import dashboard_charts, units
from kernkompas.monitor.tests.dashboard_fixtures import COUNT_2, SLUGS, second_count


def _html(client, query="", prefix=""):
    response = client.get(prefix + reverse("monitor:gebied", kwargs=SLUGS) + query)
    assert response.status_code == 200
    return response.content.decode()


def _table(html: str) -> str:
    return html.split('class="data-table unit-table"')[1].split("</table>")[0]


def _units_on_map(html: str) -> dict[str, dict]:
    script = re.search(r'<script id="unit-map-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    features = json.loads(script)["features"]
    return {f["properties"]["name"]: f["properties"] for f in features if f["properties"]["role"] == "unit"}


def test_the_values_are_the_units_as_the_model_rows_read_them(public_register):
    count = Count.objects.get(gebied=public_register.markt, date=COUNT_2)
    rows, version = selectors.unit_values(count)
    values = sorted(map(selectors.UnitValues._make, rows), key=selectors.UnitValues.address_order)
    assert values == [selectors.UnitValues.of_row(row) for row in selectors.unit_rows(count)]
    assert [v.name for v in values] == [f"Markt {n}" for n in range(1, 8)]
    assert selectors.unit_values(count)[1] == version  # the same rows, the same digest


def test_the_dashboard_shows_what_the_model_rows_show(client, public_register):
    """The page's table and map equal what the core page's code makes of the same units as model objects."""
    count = Count.objects.get(gebied=public_register.markt, date=COUNT_2)
    rows = selectors.unit_rows(count)
    for query, keep in (("", lambda row: True), ("?leeg=1", lambda row: row.state.is_vacant)):
        html = _html(client, query)
        kept = [row for row in rows if keep(row)]
        assert f"<tbody>\n  {units.unit_table_body(kept)}\n" in html
        assert f'type="application/json">{units.rows_map_json([public_register.markt], kept)}</script>' in html


def test_the_full_and_the_filtered_dashboards_share_one_build_of_the_units(client, public_register, monkeypatch):
    builds = []
    original = units.unit_lines
    monkeypatch.setattr(units, "unit_lines", lambda *args: builds.append(1) or original(*args))
    for query in ("", "?leeg=1", "?groep=dagelijks", "?duur=short", ""):
        _html(client, query)
    assert len(builds) == 1


def test_a_corrected_count_shows_at_once(client, public_register):
    assert "Buurtsuper" in _table(_html(client))
    records = second_count()
    records[0] = dataclasses.replace(records[0], occupant="Buurtsuper & Zonen <Markt>")
    records.append(
        dataclasses.replace(records[-1], where="regel 9", external_id="M8", house_number="8", lat=None, lon=None)
    )
    import_units(
        public_register.markt, records, count_date=COUNT_2, file_name="correctie.csv", sha256="correctie", format="csv"
    )
    html = _html(client)
    # Escaped in the table, and as itself in the map data (which json_script-style escaping keeps parseable).
    assert "Buurtsuper &amp; Zonen &lt;Markt&gt;" in _table(html)
    assert _units_on_map(html)["Markt 1"]["occupant"] == "Buurtsuper & Zonen <Markt>"
    # A unit without coordinates is in the table, not on the map.
    assert '<th scope="row">Markt 8</th>' in _table(html)
    assert "Markt 8" not in _units_on_map(html)


def test_a_renamed_group_or_branch_shows_at_once(client, public_register):
    _html(client)
    group = FunctionGroup.objects.get(gemeente=None, code="dagelijks")
    group.name, group.colour = "Dagelijkse boodschappen", "#123456"
    group.save()
    branch = Branch.objects.get(gemeente=None, code="supermarkt")
    branch.name = "Grootwinkel"
    branch.save()
    html = _html(client)
    assert "Dagelijkse boodschappen" in _table(html) and "Grootwinkel" in _table(html)
    assert _units_on_map(html)["Markt 1"]["colour"] == "#123456"
    assert _units_on_map(html)["Markt 1"]["branch"] == "Grootwinkel"


def test_each_language_shows_its_own_words(client, public_register):
    dutch = _html(client, "?leeg=1")
    english = _html(client, "?leeg=1", prefix="/en")
    assert "up to 1 year" in _table(english) and "up to 1 year" not in _table(dutch)
    assert _units_on_map(english)["Markt 2"]["duration_label"] == "up to 1 year"
    assert _units_on_map(dutch)["Markt 2"]["duration_label"] != "up to 1 year"


def test_a_chain_and_a_vacancy_older_than_the_first_count_are_said_in_the_pages_language(client, public_register):
    # The words were written inside f-strings, where makemessages did not see them: Dutch pages said "chain".
    dutch, english = _table(_html(client)), _table(_html(client, prefix="/en"))
    assert 'Buurtsuper <span class="small">(keten)</span>' in dutch
    assert "01-10-2022 of eerder" in dutch
    assert "(chain)" in english and "01-10-2022 or earlier" in english


def test_a_colour_from_the_taxonomy_is_an_svg_fill_never_a_style(client, public_register):
    table = _table(_html(client))
    assert 'fill="#' in table
    assert "style=" not in table


def test_staff_and_visitors_see_the_same_units_and_no_owner(client, public_register):
    visitor = _table(_html(client))
    client.force_login(public_register.ellen)  # staff of Maasdijk
    staff = _table(_html(client))
    client.force_login(public_register.sofie)  # staff of another municipality
    other = _table(_html(client))
    assert visitor == staff == other
    assert "Jan Eigenaar" not in visitor


def test_the_footfall_charts_are_made_once_and_follow_the_counts_the_points_and_the_language(
    client, public_register, monkeypatch
):
    import datetime

    from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
    from kernkompas.monitor.models import CountingPoint

    def hours(day, value):
        return [
            FootfallRecord(
                where="regel 2",
                point="Markt-noord",
                start=datetime.datetime.combine(day, datetime.time(hour)),
                resolution="hour",
                value=value,
            )
            for hour in range(24)
        ]

    def import_day(day, value, sha):
        import_footfall(
            public_register.markt,
            hours(day, value),
            [PointRecord(name="Markt-noord")],
            file_name=f"{sha}.csv",
            sha256=sha,
            format="csv",
        )

    import_day(datetime.date(2024, 9, 2), 10, "a")
    import_day(datetime.date(2024, 9, 4), 10, "b")  # 3 September is a gap
    made = []
    original = dashboard_charts._footfall_chart_set
    monkeypatch.setattr(dashboard_charts, "_footfall_chart_set", lambda *args: made.append(1) or original(*args))

    def footfall(prefix=""):
        response = client.get(prefix + reverse("monitor:gebied", kwargs=SLUGS) + "?leeg=1")
        return response.context["footfall"], response.content.decode()

    first, _ = footfall()
    footfall()
    assert len(made) == 1
    assert dict((r[0], r[1]) for r in first["daily"]["rows"])["02-09-2024"] == "240"
    # A renamed counting point is named at once in the gaps; the charts need not be made again for it.
    CountingPoint.objects.filter(gebied=public_register.markt).update(name="Markt-noordzijde")
    renamed, _ = footfall()
    assert all("Markt-noordzijde" in gap["text"] for gap in renamed["gaps"]) and renamed["gaps"]
    # New counts: made again, and shown.
    import_day(datetime.date(2024, 9, 3), 20, "c")
    newer, _ = footfall()
    assert len(made) == 2
    assert dict((r[0], r[1]) for r in newer["daily"]["rows"])["03-09-2024"] == "480"
    # Another language: its own words.
    english, html = footfall("/en")
    assert len(made) == 3
    assert english["daily"]["headers"][1] == "Passers-by" and "Footfall per day" in html
