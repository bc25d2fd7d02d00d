"""CSV and Excel files as municipalities export them, read into a :class:`Table` of text cells.

CSV: ``;``, ``,`` or tab (sniffed from the header line), UTF-8 with or without byte-order mark, else Windows-1252
(what Excel "CSV (puntkomma-gescheiden)" writes on a Dutch Windows). Excel: ``.xlsx`` (read-only, the first sheet
that has data). Every cell becomes text as a Dutch spreadsheet shows it (:func:`values.cell_text`), so one set of
value parsers reads every format. Nothing is interpreted here: :mod:`.mapping` turns the table into records.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext as _

from kernkompas.core.problems import ImportRejected, Problems, add_limit_problem, feature_place, line_place
from kernkompas.lib import filelimits
from kernkompas.lib.batch import paused_gc
from kernkompas.lib.filelimits import LimitExceeded

from .values import cell_text

DEFAULT_MAX_ROWS = 1_000_000
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format (.xls)


def max_rows() -> int:
    """The most data rows one file may have (setting ``MONITOR_MAX_IMPORT_ROWS``, default one million)."""
    return int(getattr(settings, "MONITOR_MAX_IMPORT_ROWS", DEFAULT_MAX_ROWS))


@dataclass
class Table:
    """A file's header and data rows as text, with where each row is in the file."""

    headers: list[str]
    rows: list[list[str]]
    format: str  # "csv", "xlsx" or "geojson"
    encoding: str = ""
    delimiter: str = ""
    line_numbers: list[int] = field(default_factory=list)  # per row: its line (CSV, counting the header) or row
    sheet: str = ""
    # GeoJSON only: per row, (lat, lon, geometry) already in WGS84, or None.
    locations: list[tuple[float, float, dict | None] | None] | None = None
    # What is wrong with the shape of a row (too many values, cut off), by row index; reported with the rest.
    row_problems: dict[int, str] = field(default_factory=dict)

    @property
    def first_line(self) -> int:
        return self.line_numbers[0] if self.line_numbers else 2

    def place_function(self) -> Callable[[int], str]:
        """A fast :meth:`where` for many rows: the message template is translated once."""
        numbers = self.line_numbers
        if self.format == "geojson":
            template = _("feature %(number)s")  # the msgid of places.importers.feature_place
            return lambda index: template % {"number": index + 1}
        template = _("line %(number)s")  # the msgid of places.importers.line_place
        return lambda index: template % {"number": numbers[index]}

    def where(self, index: int) -> str:
        """Where row ``index`` is in the file, for messages: "regel 14" (or "object 3" in a GeoJSON file)."""
        if self.format == "geojson":
            return feature_place(index + 1)
        return line_place(self.line_numbers[index])


@paused_gc()
def read_table(
    path: Path,
    *,
    file_name: str | None = None,
    progress: Callable[[int], None] | None = None,
    strict: bool = True,
) -> Table:
    """Read a CSV or .xlsx file (recognised by its content) into a :class:`Table`; raise ``ImportRejected``.

    With ``strict=False`` rows of the wrong shape do not stop the reading: they are in ``table.row_problems``,
    which :func:`.mapping.apply` reports together with the problems of the values (one list for the whole file).
    """
    path = Path(path)
    problems = Problems(file_name or path.name)
    start = _first_bytes(path, problems)
    try:
        if start.startswith(ZIP_MAGIC) or path.suffix.lower() in (".xlsx", ".xlsm"):
            table = _read_xlsx(path, problems, progress)
        elif start.startswith(OLE_MAGIC) or path.suffix.lower() == ".xls":
            problems.add(
                _(
                    "this is an Excel file in the old .xls format, which cannot be read: open it in Excel and save "
                    "it as an Excel workbook (.xlsx) or as CSV"
                )
            )
            table = None
        else:
            table = _read_csv(path.read_bytes(), problems, progress)
    except LimitExceeded as exc:
        add_limit_problem(problems, exc)
        table = None
    if problems or table is None:
        raise ImportRejected(problems.as_list())
    if strict and table.row_problems:
        for index, reason in sorted(table.row_problems.items()):
            problems.add(reason, where=table.where(index))
        raise ImportRejected(problems.as_list())
    return table


def _first_bytes(path: Path, problems: Problems) -> bytes:
    """The first bytes of the file (which say what it is); ImportRejected when it is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except FileNotFoundError:
        problems.add(_("the file does not exist (check the name and the folder)"))
        raise ImportRejected(problems.as_list()) from None
    except OSError as exc:
        problems.add(_("the file cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})
        raise ImportRejected(problems.as_list()) from None


# --- CSV -------------------------------------------------------------------------------------------------------


def decode(raw: bytes, problems: Problems) -> tuple[str, str] | None:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM), else Windows-1252; else a problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw[:400]):
        problems.add(
            _(
                "the file is saved as UTF-16 (“Unicode text”), which cannot be read: save it as “CSV UTF-8” or "
                "“CSV (puntkomma-gescheiden)”"
            )
        )
        return None
    if b"\x00" in raw:
        problems.add(_("this is not a text file: choose a CSV file (.csv) or an Excel workbook (.xlsx)"))
        return None
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        problems.add(
            _(
                "the characters of this file cannot be read (it is neither UTF-8 nor Windows-1252): save it as "
                "“CSV UTF-8”"
            )
        )
        return None
    if any(ord(ch) < 32 and ch not in "\t\r\n\x0c" for ch in text[:65536]):
        problems.add(_("this is not a text file: choose a CSV file (.csv) or an Excel workbook (.xlsx)"))
        return None
    return text, "cp1252"


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 without a byte-order mark: text where every other byte is zero (and the others are not)."""
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, chars in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) <= 0.1 * len(chars):
            return True
    return False


def sniff_delimiter(header_line: str) -> str:
    """``;``, ``,`` or tab: the one that occurs most in the header line outside quotes (``;`` wins a tie)."""
    outside, quoted = [], False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(ch)
    bare = "".join(outside)
    counts = {delimiter: bare.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(raw: bytes, problems: Problems, progress) -> Table | None:
    """The table of a CSV text. Each record is measured before ``csv`` splits it and each row before it is kept
    (:mod:`kernkompas.lib.filelimits`); rows are cut to the header's width as they come, so memory follows the
    cells that count."""
    if not raw.strip():
        problems.add(_("the file is empty"))
        return None
    decoded = decode(raw, problems)
    if decoded is None:
        return None
    text, encoding = decoded
    delimiter = sniff_delimiter(text.lstrip("\r\n").split("\n", 1)[0][: filelimits.MAX_LINE_CHARS])
    found = _csv_rows(text, delimiter, problems, progress)
    if found is None:
        return None
    if found.headers is None:
        problems.add(_("the file is empty"))
        return None
    rows, width = found.rows, len(found.headers)
    if rows and not text.endswith(("\n", "\r")) and len(rows[-1]) < width:
        found.row_problems[len(rows) - 1] = _(
            "this last line stops halfway (it has %(found)s of the %(width)s columns): the file is probably "
            "incomplete (cut off); export it again"
        ) % {"found": len(rows[-1]), "width": width}
    for values in rows:
        if len(values) < width:
            values.extend([""] * (width - len(values)))
    return Table(
        headers=found.headers,
        rows=rows,
        format="csv",
        encoding=encoding,
        delimiter=delimiter,
        line_numbers=found.line_numbers,
        row_problems=found.row_problems,
    )


class _CsvRows(NamedTuple):
    headers: list[str] | None  # None: the file has only blank lines
    rows: list[list[str]]  # cut to the header's width, not yet padded to it
    line_numbers: list[int]
    row_problems: dict[int, str]


def _csv_rows(text: str, delimiter: str, problems: Problems, progress) -> _CsvRows | None:
    """The header and the data rows of a CSV text with the line of each; None with a problem when the file has
    too many rows or ``csv`` cannot split a record. LimitExceeded for a record, row or header over a limit."""
    lines = filelimits.BoundedLines(text)
    limit = max_rows()
    headers: list[str] | None = None
    width = 0
    rows: list[list[str]] = []
    numbers: list[int] = []
    row_problems: dict[int, str] = {}
    start = 1
    try:
        for values in csv.reader(lines, delimiter=delimiter):
            record_chars = lines.record_read()
            line, start = start, lines.line + 1
            if not values or not any(value.strip() for value in values):
                continue  # blank lines (spreadsheet exports end with a few)
            filelimits.check_row(values, line=line, record_chars=record_chars, heading=headers is None)
            if headers is None:
                headers = _header([value.strip() for value in values], line)
                width = len(headers)
                continue
            if len(rows) >= limit:
                problems.add(_too_many_rows(limit))
                return None
            filelimits.check_cells(len(rows) + 1, width, line=line)
            if len(values) > width:
                _cut_to_width(values, width, len(rows), row_problems)
            rows.append([value.strip() for value in values])
            numbers.append(line)
            if progress is not None and len(rows) % 5000 == 0:
                progress(len(rows))
    except csv.Error as exc:
        problems.add(_("the file is not a readable CSV file (%(reason)s)") % {"reason": exc}, where=line_place(start))
        return None
    return _CsvRows(headers, rows, numbers, row_problems)


def _header(values: list[str], line: int) -> list[str]:
    """The column names of a header row, without the empty ones at its end (Excel writes a ";" after the last
    column when a cell further right was used); LimitExceeded for too many or too long names."""
    headers = list(values)
    while headers and not headers[-1]:
        headers.pop()
    filelimits.check_header(headers, line=line)
    return headers


def _cut_to_width(values: list[str], width: int, index: int, row_problems: dict[int, str]) -> None:
    """Cut a row that is wider than the header; a problem when the cut-off cells are not empty."""
    if any(value.strip() for value in values[width:]):
        row_problems[index] = _("this line has %(found)s values but the header has %(width)s columns") % {
            "found": len(values),
            "width": width,
        }
    del values[width:]


def _too_many_rows(limit: int) -> str:
    return _("the file has more than %(limit)s rows, the most one import may have: split it up") % {
        "limit": f"{limit:,}".replace(",", ".")
    }


# --- Excel -----------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, problems: Problems, progress) -> Table | None:
    # import here: openpyxl takes a sixth of a second to load, and only Excel files need it.
    import openpyxl

    not_excel = _(
        "this is not a valid Excel file (.xlsx): it may be incomplete or damaged; open it in Excel and save it again"
    )
    if not zipfile.is_zipfile(path):
        problems.add(not_excel)
        return None
    try:
        # Measured in the zip before openpyxl unpacks anything (raises LimitExceeded, reported by read_table).
        filelimits.check_xlsx(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        problems.add(not_excel)
        return None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, BadZipFile, XML errors) for a bad file
        problems.add(not_excel)
        return None
    limit = max_rows()
    try:
        for sheet in book.worksheets:
            table = _read_sheet(sheet, problems, progress, limit)
            if problems:
                return None
            if table is not None:
                return table
    except LimitExceeded:
        raise
    except Exception:  # noqa: BLE001 - a sheet cut off halfway fails inside openpyxl's XML parser
        problems.add(not_excel)
        return None
    finally:
        book.close()
    problems.add(_("the Excel file has no data: every sheet is empty"))
    return None


def _read_sheet(sheet, problems: Problems, progress, limit: int) -> Table | None:
    # The sheet's own "dimension" may claim 16,384 columns: forget it, so that each row is only as wide as its
    # cells (openpyxl fills the gaps), and refuse a cell beyond the column limit instead of padding up to it.
    sheet.reset_dimensions()
    headers: list[str] | None = None
    width = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        if number > filelimits.EXCEL_MAX_ROWS:
            # openpyxl yields an empty row for each number a damaged file skips (row r="2000000000").
            raise LimitExceeded("excel_rows", found=number, maximum=filelimits.EXCEL_MAX_ROWS, line=number)
        if not cells:
            continue
        filelimits.check_row(cells, line=number, heading=headers is None)
        values = [cell_text(cell) for cell in cells[: width or filelimits.MAX_COLUMNS]]
        if not any(values):
            continue
        if headers is None:
            headers = _header(values, number)
            width = len(headers)
            continue
        if len(rows) >= limit:
            problems.add(_too_many_rows(limit))
            return None
        filelimits.check_cells(len(rows) + 1, width, line=number)
        if len(values) < width:
            values.extend([""] * (width - len(values)))
        rows.append(values)
        lines.append(number)
        if progress is not None and len(rows) % 5000 == 0:
            progress(len(rows))
    if headers is None:
        return None
    return Table(headers=headers, rows=rows, format="xlsx", line_numbers=lines, sheet=sheet.title)
