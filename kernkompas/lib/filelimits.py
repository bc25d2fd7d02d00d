"""How much of a file the readers take in, so that a small hostile file cannot make them use gigabytes or minutes.

Every reader of uploaded or imported files (the Kernmonitor's CSV, Excel, GeoJSON, OpenStreetMap and footfall
readers, the reference-data readers of ``places``) checks these limits *before* the work grows with the numbers in
the file: an Excel file is measured in its zip directory and raw XML before openpyxl parses it, a CSV line before
``csv`` splits it, a JSON text before ``json`` builds it. A file over a limit raises :class:`LimitExceeded`, which
says which limit, the number found and where; the readers turn it into a message in the user's language
(``kernkompas.core.problems.limit_reason``).

The limits are far above what real files need: a municipal register of 100,000 units × 40 columns, a year of
hourly footfall for a few hundred counting points, the official boundary files. The number of rows is a setting
(``MONITOR_MAX_IMPORT_ROWS``); the others are constants here.

Framework-free: no Django imports.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

# --- Tables (CSV, Excel, GeoJSON properties) ---
MAX_CELL_CHARS = 10_000  # one value (an address, a name, a remark)
MAX_HEADER_CHARS = 255  # one column heading (or GeoJSON property name)
MAX_COLUMNS = 500  # columns of a table; properties of a GeoJSON file
MAX_CELLS = 10_000_000  # rows × columns kept in memory (a register of 100,000 × 40 has 4,000,000)
MAX_LINE_CHARS = 200_000  # one CSV record (a quoted value may span lines: all its lines together)

# --- Excel (.xlsx: a zip of XML parts) ---
MAX_XLSX_UNPACKED_BYTES = 500_000_000  # all parts unpacked (100,000 × 40 written by Excel is about 250 MB)
MAX_XLSX_PART_BYTES = 20_000_000  # one part other than a sheet or the shared strings (styles, workbook, …)
MAX_XLSX_PARTS = 10_000  # entries in the zip
MAX_XLSX_DIRECTORY_BYTES = 2_000_000  # the zip's central directory, read before zipfile builds its list
MAX_SHARED_STRINGS = 2_000_000  # different texts in the shared-strings table (openpyxl loads them all)
# A text in the raw XML is at most this many bytes (a character takes up to 10 bytes as "&#x10FFFF;"), checked in
# the compressed stream before any XML parser builds the text.
MAX_XML_TEXT_BYTES = MAX_CELL_CHARS * 10
EXCEL_MAX_ROWS = 1_048_576  # a row number beyond Excel's last row means a damaged (or hostile) file
# Parts that hold cells and may be large: scanned in full. Every other part must be small.
_CELL_PARTS = re.compile(r"xl/(worksheets/[^/]+|sharedStrings)\.xml")

# --- JSON (GeoJSON, TopoJSON) ---
MAX_JSON_VALUES = 5_000_000  # values (numbers, strings, lists, objects) in one document; about 250 MB in Python
MAX_UNIT_VERTICES = 10_000  # corners of one unit's outline (a premises; OSM allows 2,000 nodes in a way)
MAX_BOUNDARY_VERTICES = 500_000  # corners of one boundary (a municipality; the largest real one has ~20,000)

# --- OpenStreetMap and footfall ---
MAX_OSM_OBJECTS = 5_000_000  # shop-like objects looked at in one extract (inside the area or not)
MAX_OSM_TAGS = 1_000  # tags on one object (real objects have a few dozen)
MAX_FOOTFALL_POINTS = 1_000  # counting points in one file
MAX_FOOTFALL_FIGURES = 3_000_000  # counts (points × hours) in one file: two years of hours for 170 points


class LimitExceeded(ValueError):
    """A file goes beyond a limit. ``limit`` names it (the keys of ``LIMITS`` in the readers' messages), ``found``
    is the number in the file (or a lower bound), ``maximum`` the limit; ``line``, ``column`` and ``part`` say
    where when known (0 / "" when not)."""

    def __init__(self, limit: str, *, found: int, maximum: int, line: int = 0, column: int = 0, part: str = ""):
        self.limit, self.found, self.maximum = limit, found, maximum
        self.line, self.column, self.part = line, column, part
        super().__init__(f"{limit}: {found} > {maximum} (line {line}, column {column}, part {part!r})")


# --- CSV --------------------------------------------------------------------------------------------------------


class BoundedLines:
    """The lines of a text for ``csv.reader``, refusing a record longer than ``limit`` characters before ``csv``
    splits it (``csv.field_size_limit`` is process-wide, so it is no bound a reader can rely on).

    The reader calls :meth:`record_read` after each record; ``line`` is the number of the last line handed out.
    """

    def __init__(self, text: str, limit: int = MAX_LINE_CHARS):
        self._lines = io.StringIO(text, newline="")
        self.limit = limit
        self.line = 0
        self.record_chars = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._lines.readline(self.limit + 1 - self.record_chars)
        if not line:
            raise StopIteration
        self.line += 1
        self.record_chars += len(line)
        if self.record_chars > self.limit:
            raise LimitExceeded("line_chars", found=self.record_chars, maximum=self.limit, line=self.line)
        return line

    def record_read(self) -> int:
        """The length of the record just read (all its lines); starts counting the next one."""
        chars, self.record_chars = self.record_chars, 0
        return chars


def check_row(values: list, *, line: int, record_chars: int | None = None, heading: bool = False) -> None:
    """A row of a table: at most :data:`MAX_COLUMNS` values, none longer than :data:`MAX_CELL_CHARS` (or, for the
    row of column headings, :data:`MAX_HEADER_CHARS`). A record of fewer characters than the limit needs no look at
    its cells."""
    if len(values) > MAX_COLUMNS:
        found = len(values)
        if values[MAX_COLUMNS:].count(None) + values[MAX_COLUMNS:].count("") < found - MAX_COLUMNS:
            column = next(i for i in range(MAX_COLUMNS, found) if values[i] not in (None, "")) + 1
            raise LimitExceeded("columns", found=column, maximum=MAX_COLUMNS, line=line, column=column)
    limit, name = (MAX_HEADER_CHARS, "header_chars") if heading else (MAX_CELL_CHARS, "cell_chars")
    if record_chars is not None and record_chars <= limit:
        return
    for index, value in enumerate(values[:MAX_COLUMNS]):
        if isinstance(value, str) and len(value) > limit:
            raise LimitExceeded(name, found=len(value), maximum=limit, line=line, column=index + 1)


def check_header(headers: list[str], *, line: int = 1) -> None:
    """Column headings: at most :data:`MAX_COLUMNS`, none longer than :data:`MAX_HEADER_CHARS`."""
    if len(headers) > MAX_COLUMNS:
        raise LimitExceeded("header_columns", found=len(headers), maximum=MAX_COLUMNS, line=line)
    for index, header in enumerate(headers):
        if len(header) > MAX_HEADER_CHARS:
            raise LimitExceeded(
                "header_chars", found=len(header), maximum=MAX_HEADER_CHARS, line=line, column=index + 1
            )


def check_cells(rows: int, columns: int, *, line: int) -> None:
    """``rows`` rows of ``columns`` kept so far: at most :data:`MAX_CELLS` cells."""
    if rows * columns > MAX_CELLS:
        raise LimitExceeded("cells", found=rows * columns, maximum=MAX_CELLS, line=line)


# --- Excel --------------------------------------------------------------------------------------------------------

# The start tags of shared strings, "<si>" or with a namespace prefix ("<x:si>"; counted with its end tag, so an
# upper bound), counted with bytes.count, which is fifty times faster than a regular expression.
_SHARED_STRING_TAGS = (b"<si>", b"<si ", b"<si/>", b":si>", b":si ", b":si/>")
_LONG_TEXT = re.compile(rb"<[^<]{%d}" % MAX_XML_TEXT_BYTES)


def check_xlsx(path: Path) -> None:
    """Measure an .xlsx file before openpyxl reads it: the zip directory, the unpacked size of every part, the
    longest text in the parts that hold cells and the number of shared strings. Raises :class:`LimitExceeded`;
    ``zipfile.BadZipFile`` (or OSError) when it is no readable zip."""
    _check_directory(Path(path))
    with zipfile.ZipFile(path) as book:
        members = book.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_XLSX_UNPACKED_BYTES:
            raise LimitExceeded("xlsx_unpacked", found=total, maximum=MAX_XLSX_UNPACKED_BYTES)
        for member in members:
            if _CELL_PARTS.fullmatch(member.filename):
                _scan_part(book, member)
            elif member.file_size > MAX_XLSX_PART_BYTES:
                raise LimitExceeded(
                    "xlsx_part", found=member.file_size, maximum=MAX_XLSX_PART_BYTES, part=member.filename
                )


def _check_directory(path: Path) -> None:
    """The number of entries and the size of the zip's central directory, from its end record (the last 22 bytes,
    or before a comment of at most 64 KB), so that a zip of a million empty entries is refused unread."""
    with path.open("rb") as handle:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 22 - 65_535))
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) - end < 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, directory_size = struct.unpack("<xxxxxxxxxxHI", tail[end : end + 16])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:  # ZIP64: only needed beyond 65,535 entries or 4 GB
        entries, directory_size = MAX_XLSX_PARTS + 1, MAX_XLSX_DIRECTORY_BYTES + 1
    if entries > MAX_XLSX_PARTS or directory_size > MAX_XLSX_DIRECTORY_BYTES:
        raise LimitExceeded("xlsx_parts", found=entries, maximum=MAX_XLSX_PARTS)


def _scan_part(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Stream one part through zlib: no text longer than :data:`MAX_XML_TEXT_BYTES` (a cell's text, before a
    parser holds it whole) and, in the shared strings, at most :data:`MAX_SHARED_STRINGS` entries."""
    shared = member.filename.endswith("sharedStrings.xml")
    count = 0
    carry = b""
    with book.open(member) as part:
        while chunk := part.read(1 << 20):
            data = carry + chunk
            first = data.find(b"<")  # 0 once a "<" was seen (the carry starts with it)
            if first > MAX_XML_TEXT_BYTES or (first < 0 and len(data) > MAX_XML_TEXT_BYTES) or _LONG_TEXT.search(data):
                raise LimitExceeded(
                    "xlsx_text", found=MAX_XML_TEXT_BYTES // 10 + 1, maximum=MAX_CELL_CHARS, part=member.filename
                )
            # Keep what follows the last "<": a text or tag cut off by the chunk's end is checked with the next.
            cut = data.rfind(b"<")
            cut = cut if cut >= 0 else 0
            carry = data[cut:]
            if shared:
                count += _shared_strings(data[:cut])
                if count > MAX_SHARED_STRINGS:
                    raise LimitExceeded("shared_strings", found=count, maximum=MAX_SHARED_STRINGS)
    if shared and count + _shared_strings(carry) > MAX_SHARED_STRINGS:
        raise LimitExceeded("shared_strings", found=count + 1, maximum=MAX_SHARED_STRINGS)


def _shared_strings(data: bytes) -> int:
    return sum(data.count(tag) for tag in _SHARED_STRING_TAGS)


# --- JSON ---------------------------------------------------------------------------------------------------------


def check_json_text(text: str, maximum: int = MAX_JSON_VALUES) -> None:
    """At most ``maximum`` values in a JSON text, counted before ``json`` builds them (commas, brackets and braces:
    an upper bound, counted in C)."""
    found = text.count(",") + text.count("[") + text.count("{")
    if found > maximum:
        raise LimitExceeded("json_values", found=found, maximum=maximum)


def check_vertices(count: int, maximum: int, *, where: int = 0) -> None:
    """At most ``maximum`` corners in one geometry (``where``: the feature's number, for the message)."""
    if count > maximum:
        raise LimitExceeded("vertices", found=count, maximum=maximum, line=where)
