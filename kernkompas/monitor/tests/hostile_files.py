"""Small files that grow huge when read: the attacks of issue 9, finding 5, made by hand in each test.

Each builder writes a file of a few hundred KB. The Excel files are put together with ``zipfile`` (openpyxl cannot
write them: it would need the huge sheet in memory first), as the parts a spreadsheet program writes, with the
hostile part compressed by zlib like any other.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Panden" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    "</Relationships>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ("Adres", "Branche", "Naam")


def xlsx(path: Path, sheet: Iterable[bytes], shared_strings: Iterable[bytes]) -> Path:
    """An .xlsx file whose sheet and shared strings are streamed into the zip piece by piece (so a part of 300 MB
    never sits in memory here either)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, pieces in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared_strings)):
            with book.open(name, "w", force_zip64=True) as part:
                for piece in pieces:
                    part.write(piece)
    return path


def _sheet(rows: Iterable[bytes]) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    header = "".join(f'<c r="{column}1" t="s"><v>{i}</v></c>' for i, column in enumerate("ABC"))
    yield f'<row r="1">{header}</row>'.encode()
    yield from rows
    yield b"</sheetData></worksheet>"


def far_column_xlsx(path: Path, rows: int = 20_000) -> Path:
    """A header and ``rows`` rows that each hold one cell, in the sheet's last column (XFD, number 16,384)."""

    def lines():
        for number in range(2, rows + 2):
            yield f'<row r="{number}"><c r="XFD{number}"><v>1</v></c></row>'.encode()

    return xlsx(path, _sheet(lines()), _strings(()))


def shared_strings_bomb_xlsx(path: Path, strings: int = 10_000_000) -> Path:
    """A normal-looking sheet whose shared-strings table holds ten million strings (which a reader loads whole)."""

    def texts():
        block = b"<si><t>Bakkerij</t></si>" * 10_000
        for _ in range(strings // 10_000):
            yield block

    row = b'<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>3</v></c></row>'
    return xlsx(path, _sheet([row]), _strings(texts()))


def _strings(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """The shared-strings table: the three header names (0, 1, 2), then ``blocks`` of ready-made ``<si>``."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode()
    for name in HEADER:
        yield f"<si><t>{name}</t></si>".encode()
    yield from blocks
    yield b"</sst>"


def huge_cell_xlsx(path: Path, megabytes: int = 300) -> Path:
    """One shared string of ``megabytes`` MB, used as a unit's name."""

    def texts():
        yield b"<si><t>"
        chunk = b"A" * (1 << 20)
        for _ in range(megabytes):
            yield chunk
        yield b"</t></si>"

    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>3</v></c></row>'
    return xlsx(path, _sheet([row]), _strings(texts()))


def long_header_csv(path: Path, characters: int = 300_000) -> Path:
    """A CSV file whose header is ``characters`` long: three headers of words, each under the ``csv`` module's
    own field limit (131,072), so that the column mapping's fuzzy matching gets them."""
    each = characters // 3
    words = ("straat huisnummer branche " * (each // 26 + 1))[:each]
    path.write_text(f"{words};{words}x;{words}y\nMarkt 1;Bakker;Bakkerij Peeters\n", encoding="utf-8")
    return path
