"""Downloads are for people by default: Dutch column names, words for yes/no and duration classes, and in the CSV
';' between the cells and decimal commas, as a Dutch or Flemish Excel opens it with a double click. Before, every
download had snake_case names ("vacancy_rate", "group_code"), commas and decimal points, so Excel-NL showed one
column of text. The files for software stay as they were, on request (?kolommen=machine); the page links both."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kernkompas.monitor.tests.dashboard_fixtures import COUNT_1, COUNT_2, SLUGS

pytestmark = pytest.mark.django_db


def _url(kind, fmt, prefix=""):
    return prefix + reverse("monitor:download", kwargs={**SLUGS, "kind": kind, "fmt": fmt})


def _csv(client, kind, query="") -> tuple[str, list[dict]]:
    body = client.get(_url(kind, "csv") + query).content.decode("utf-8-sig")
    return body, list(csv.DictReader(io.StringIO(body), delimiter=";"))


def test_the_indicator_csv_has_dutch_columns_semicolons_and_decimal_commas(client, public_register):
    body, rows = _csv(client, "indicatoren")
    first_line = body.splitlines()[0]
    assert first_line.startswith('"datum telling";"commerciële panden";')
    assert "vacancy_rate" not in body and "churn_" not in body
    assert [r["datum telling"] for r in rows] == [COUNT_1.isoformat(), COUNT_2.isoformat()]
    latest = rows[-1]
    assert latest["commerciële panden"] == "6"
    # 2 of 6 commercial units vacant: 33,3333 %, a number with a decimal comma, not quoted (so Excel reads a number)
    assert latest["leegstand (%)"] == "33,3333"
    assert ";33,3333;" in body.splitlines()[-1]
    assert latest["sluitingen"] == "1"
    assert rows[0]["sluitingen"] == ""  # no previous count: not known, not zero
    assert any(name.startswith("functiemix: ") for name in rows[0])


def test_the_units_csv_says_yes_no_and_the_duration_in_words(client, public_register):
    _body, rows = _csv(client, "panden", f"?telling={COUNT_1.isoformat()}&leeg=1")
    assert [(r["straat"], r["huisnummer"], r["leeg"]) for r in rows] == [("Markt", "3", "ja")]
    assert rows[0]["duur leegstand"] == "tot 1 jaar"


def test_the_units_excel_file_says_yes_no_in_words(client, public_register):
    """The units' Excel file with a vacant unit answered 500: the word 'ja' was a lazy translation, which openpyxl
    cannot write (found by the hostile-data browser test after the merge)."""
    response = client.get(_url("panden", "xlsx") + f"?telling={COUNT_1.isoformat()}&leeg=1")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("leeg") + 1).value == "ja"


def test_the_excel_file_has_dutch_columns_and_shares_as_percentages(client, public_register):
    book = load_workbook(io.BytesIO(client.get(_url("indicatoren", "xlsx")).content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["datum telling", "commerciële panden"]
    column = header.index("leegstand (%)")
    cell = sheet.cell(row=3, column=column + 1)
    assert abs(cell.value - 2 / 6) < 1e-9  # the exact share, a number
    assert cell.number_format == "0.0%"  # shown as a percentage, in the user's own decimal style


def test_under_en_the_columns_are_english_with_decimal_points(client, public_register):
    body = client.get(_url("indicatoren", "csv", "/en")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[-1]["commercial units"] == "6"
    assert rows[-1]["vacancy (%)"] == "33.3333"


def test_the_columns_for_software_are_there_on_request(client, public_register):
    body = client.get(_url("indicatoren", "csv") + "?kolommen=machine").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert float(rows[-1]["vacancy_rate"]) == pytest.approx(2 / 6)
    assert body.splitlines()[0].startswith('"date","units",')


def test_the_dashboard_links_the_files_for_people_and_for_software(client, public_register):
    page = client.get(reverse("monitor:gebied", kwargs=SLUGS)).content.decode()
    assert f'href="{_url("indicatoren", "csv")}"' in page
    assert f'href="{_url("indicatoren", "csv")}?kolommen=machine"' in page
    assert "voor software" in page


def test_a_formula_stays_text_in_the_dutch_csv(client, public_register):
    from kernkompas.monitor.models import UnitState

    UnitState.objects.filter(unit__external_id="M1").update(occupant='=HYPERLINK("https://evil.example","x")')
    body, rows = _csv(client, "panden")
    assert "'=HYPERLINK" in body
    assert all(not value.startswith("=") for row in rows for value in row.values())
