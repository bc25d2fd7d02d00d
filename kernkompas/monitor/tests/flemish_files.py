"""A Flemish municipality's Excel export of its units, as a centre manager brings it: Windows-style headings
("Straatnaam", "Huisnr.", "Oppervlakte (m²)"), the names of the local trade ("Frituur", "Nachtwinkel",
"Handelspand leeg") and a pharmacy filed under services. Written with openpyxl, as Excel saves it."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADERS = [
    "Straatnaam",
    "Huisnr.",
    "Postcode",
    "Deelgemeente",
    "Hoofdgroep",
    "Branche",
    "Handelsnaam",
    "Oppervlakte (m²)",
]
ROWS = [
    ["Grote Markt", "1", "3700", "Maasdijk", "Dagelijks", "Bakker", "Bakkerij Vanhove", 85],
    ["Grote Markt", "2", "3700", "Maasdijk", "Horeca", "Frituur", "Frituur 't Pleintje", 60],
    ["Grote Markt", "3", "3700", "Maasdijk", "Horeca", "Café", "De Kroon", 110],
    ["Grote Markt", "4", "3700", "Maasdijk", "Dagelijks", "Nachtwinkel", "Nachtwinkel Sami", 45],
    ["Grote Markt", "5", "3700", "Maasdijk", "Leegstand", "Handelspand leeg", "", 130],
    ["Grote Markt", "6 bus 1", "3700", "Maasdijk", "Diensten", "Apotheek", "Apotheek Claes", 90],
    ["Maastrichterstraat", "10", "3700", "Maasdijk", "Mode & Luxe", "Kleding", "Modehuis Lieve", 140],
    ["Maastrichterstraat", "12", "3700", "Maasdijk", "Horeca", "Frituur", "Frituur De Toren", 55],
    ["Maastrichterstraat", "14", "3700", "Maasdijk", "Leegstand", "Handelspand leeg", "", 75],
    ["Maastrichterstraat", "16", "3700", "Maasdijk", "Diensten", "Bank en verzekering", "KBC", 160],
]
UNKNOWN_BRANCHES = {"Frituur", "Nachtwinkel", "Handelspand leeg"}


def flemish_xlsx(rows=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Export handelspanden"
    sheet.append(HEADERS)
    for row in rows or ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def second_count(rows=None) -> bytes:
    """The next year's export: the same names, one frituur closed."""
    changed = [list(row) for row in (rows or ROWS)]
    changed[7] = ["Maastrichterstraat", "12", "3700", "Maasdijk", "Leegstand", "Handelspand leeg", "", 55]
    return flemish_xlsx(changed)
