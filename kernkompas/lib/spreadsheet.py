"""CSV and Excel files for downloads, safe to open in a spreadsheet program. Every download writes through here.

A text that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel, LibreOffice and Google Sheets, also
after a leading tab, line break or spaces and in the full-width forms an East Asian keyboard types: a unit called
``=HYPERLINK("https://…","Klik")`` becomes a live link, ``=cmd|' /C calc'!A0`` a DDE call. Following OWASP's "CSV
Injection" (https://owasp.org/www-community/attacks/CSV_Injection):

- CSV: such a text gets a leading apostrophe (``'=1+1``), and every text field is quoted, so that a separator
  inside a value cannot start a new cell (Dutch Excel splits a comma file on ``;``);
- Excel: every text is written as a text cell, never as a formula (nor as an error value such as ``#N/A``), and a
  text that looks like a formula gets Excel's "quote prefix" style: the user sees exactly the text, without an
  apostrophe, and editing the cell keeps it text.

Numbers, dates and yes/no stay what they are: a negative number is a number, only texts are neutralised.

Two CSV conventions: the default for software (comma-separated, decimal point), and ``dutch=True`` for a Dutch or
Flemish spreadsheet program, which opens a file with a double click only as ``;``-separated with decimal commas.
Numbers stay unquoted in both, so the spreadsheet reads them as numbers.

Framework-free: no Django imports.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# What a spreadsheet takes for the start of a formula: = + - @ and their full-width forms (U+FF1D, U+FF0B,
# U+FF0D, U+FF20).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# What a spreadsheet may skip before it looks at the first character.
_LEADING = " \t\r\n\u00a0\u3000\ufeff"
# Characters that XML 1.0 (so an .xlsx file) cannot hold; openpyxl refuses a cell with one.
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XLSX_MAX_CELL_CHARS = 32_767  # Excel's limit; a longer text makes Excel "repair" (empty) the file


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula (or, starting with a tab or carriage return, as
    OWASP lists them, may do so after trimming)."""
    if text[:1] in ("\t", "\r"):
        return True
    return text.lstrip(_LEADING)[:1] in FORMULA_STARTS


def safe_cell(value):
    """A value for a CSV cell: a text that a spreadsheet would run as a formula gets a leading apostrophe, which
    makes it text; anything else is returned as it is."""
    if isinstance(value, str) and value and is_formula_like(value):
        return "'" + value
    return value


def plain(value):
    """A value as both writers put it in a cell: nothing for None, 1/0 for yes/no, ISO dates in CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, dutch: bool = False) -> bytes:
    """A CSV file: UTF-8 with a byte-order mark (so Excel reads the accents), comma-separated with decimal points
    (with ``dutch``: ``;``-separated with decimal commas), every text quoted and neutralised (:func:`safe_cell`);
    numbers unquoted."""
    return b"".join(csv_lines(headers, rows, dutch=dutch))


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence], *, dutch: bool = False) -> Iterator[bytes]:
    """The file of :func:`csv_bytes` line by line, for a download that streams (a row is read only when its line
    is sent)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([safe_cell(str(header)) for header in headers])
    yield ("\ufeff" + _taken(out)).encode("utf-8")
    for row in rows:
        cells = [safe_cell(plain(value)) for value in row]
        if dutch:
            cells = [_with_decimal_comma(cell) for cell in cells]
        writer.writerow(cells)
        yield _taken(out).encode("utf-8")


class DecimalComma:
    """A number written with a decimal comma. The csv writer leaves it unquoted because it is a number to Python
    (it has ``__float__``), and writes its ``str``: ``12,5``."""

    __slots__ = ("text", "value")

    def __init__(self, value: float | decimal.Decimal):
        self.value = value
        self.text = (repr(value) if isinstance(value, float) else str(value)).replace(".", ",")

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        return self.text


def _with_decimal_comma(value):
    if isinstance(value, float | decimal.Decimal):
        return DecimalComma(value)
    return value


def _taken(buffer: io.StringIO) -> str:
    """What ``buffer`` holds, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence], *, sheet: str, number_formats: Sequence[str] = ()
) -> bytes:
    """An Excel workbook of one sheet: real numbers, dates and yes/no; every text a text cell (:func:`xlsx_cell`).
    ``number_formats`` gives Excel's display format per column (e.g. ``0.0%`` for a share; "" leaves the cell as
    it is): the cell keeps its exact value, and Excel shows it in the user's own number style."""
    out = io.BytesIO()
    write_xlsx(out, headers, rows, sheet=sheet, number_formats=number_formats)
    return out.getvalue()


def write_xlsx(
    output: BinaryIO,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet: str,
    datetime_format: str = "",
    number_formats: Sequence[str] = (),
) -> None:
    """The workbook of :func:`xlsx_bytes` written to ``output``; ``datetime_format`` is Excel's number format for
    date-and-time cells (a naive ``datetime``: an Excel file has no time zones)."""
    book = Workbook(write_only=True)
    worksheet = book.create_sheet(_sheet_title(sheet))
    worksheet.append([xlsx_cell(worksheet, str(header)) for header in headers])
    for row in rows:
        cells = [xlsx_cell(worksheet, value, datetime_format=datetime_format) for value in row]
        for i, number_format in enumerate(number_formats):
            if number_format and i < len(cells) and _is_number(cells[i]):
                cell = WriteOnlyCell(worksheet, cells[i])
                cell.number_format = number_format
                cells[i] = cell
        worksheet.append(cells)
    book.save(output)


def _is_number(value) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def xlsx_cell(worksheet, value, *, datetime_format: str = ""):
    """A cell for a write-only worksheet: a text always as text (with the quote prefix when it looks like a
    formula, without characters XML cannot hold, cut at Excel's 32,767), anything else as it is."""

    if isinstance(value, datetime.datetime) and datetime_format:
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = datetime_format
        return cell
    if not isinstance(value, str):
        return value
    if value == "":
        return None
    text = _ILLEGAL_IN_XLSX.sub("", value)[:XLSX_MAX_CELL_CHARS]
    cell = WriteOnlyCell(worksheet, text)
    cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error value
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    return re.sub(r"[:\\/?*\[\]]", "-", name)[:31] or "data"
