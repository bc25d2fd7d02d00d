"""Bad units files of every format are refused with problems that say what is wrong, where, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from kernkompas.core.problems import MAX_PROBLEMS_PER_FILE, ImportRejected
from kernkompas.monitor.importers.detect import read_units
from kernkompas.monitor.importers.tabular import read_table

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def problems_of(path, gemeente=None, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        read_units(path, gemeente=gemeente, **kwargs)
    return [str(problem) for problem in caught.value.problems]


# --- CSV -------------------------------------------------------------------------------------------------------


def test_empty_csv(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    assert problems_of(path) == ["leeg.csv: the file is empty"]
    path.write_bytes(b"\r\n\r\n  \r\n")
    assert problems_of(path) == ["leeg.csv: the file is empty"]


@pytest.mark.django_db
def test_header_only(tmp_path):
    path = tmp_path / "kop.csv"
    path.write_bytes("Id;Straat;Huisnummer;Functie\r\n".encode("cp1252"))
    assert problems_of(path) == ["kop.csv: the file has a header but no rows: there is nothing to import"]


@pytest.mark.django_db
def test_csv_cut_off_mid_line(tmp_path):
    raw = (FILES / "winkels_excel_nl.csv").read_bytes()
    path = tmp_path / "afgebroken.csv"
    path.write_bytes(raw[: raw.index(b"Kapsalon")])
    (problem,) = problems_of(path)
    assert problem.startswith("afgebroken.csv, line 6: this last line stops halfway (it has 9 of the 16 columns)")
    assert "cut off" in problem


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Id;Functie\r\n1;Dagelijks\r\n".encode("utf-16"), "saved as UTF-16"),
        ("Id;Functie\r\n1;Dagelijks\r\n".encode("utf-16-le"), "saved as UTF-16"),
        (b"Id;Functie\r\n1;Dagelijks\x00\x01\x02\r\n", "this is not a text file"),
        (b"Id;Functie\r\n1;Caf\x81\r\n", "neither UTF-8 nor Windows-1252"),
        (bytes(range(256)) * 4, "this is not a text file"),
    ],
)
def test_wrong_encoding_or_binary(tmp_path, content, reason):
    path = tmp_path / "raar.csv"
    path.write_bytes(content)
    (problem,) = problems_of(path)
    assert reason in problem
    assert problem.startswith("raar.csv: ")


def test_an_old_xls_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (problem,) = problems_of(path)
    assert "old .xls format" in problem and "save it as an Excel workbook (.xlsx) or as CSV" in problem


@pytest.mark.django_db
def test_misspelt_headers_are_mapped_and_a_bad_number_named(cast, tmp_path):
    """The browser journey's file: an Excel NL export with "Adress" and "Oppervlakte" and one bad row."""
    text = (
        "Adress;Postcode;Functie;Branche;Oppervlakte;Naam\r\n"
        "Markt 1;3960;Dagelijks;Bakker;85,5;Bakkerij Peeters\r\n"
        "Markt 3;3960;Mode & Luxe;Kleding;12,5,0;Zeeman\r\n"
        "Markt 5;3960;Leegstand;;120;\r\n"
    )
    path = tmp_path / "telling.csv"
    path.write_bytes(text.encode("cp1252"))
    assert problems_of(path, cast.maasdijk) == ["telling.csv, line 3, field “Oppervlakte”: “12,5,0” is not a number"]
    path.write_bytes(text.replace("12,5,0", "125").encode("cp1252"))
    records = read_units(path, gemeente=cast.maasdijk)
    assert [(r.street, r.house_number, r.group, r.floor_area) for r in records] == [
        ("Markt", "1", "dagelijks", 86),
        ("Markt", "3", "mode-luxe", 125),
        ("Markt", "5", "leegstand", 120),
    ]


@pytest.mark.django_db
def test_all_problems_are_reported_the_first_25_and_a_count(cast, tmp_path):
    lines = ["Id;Functie;WVO"] + [f"A{i};Dagelijks;veel" for i in range(40)]
    path = tmp_path / "veel.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(path, cast.maasdijk)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[0] == "veel.csv, line 2, field “WVO”: “veel” is not a number"
    assert problems[24].startswith("veel.csv, line 26, ")
    assert problems[-1] == "veel.csv: and 15 more problems in this file"


@pytest.mark.django_db
def test_rows_with_too_many_values_and_bad_values_everywhere(cast, tmp_path):
    text = (
        "Id;Straat;Huisnummer;Postcode;Functie;Keten;Sinds;Lat;Lon;E-mail eigenaar;Eigenaar\n"
        "A1;Markt;1;3960;Dagelijks;misschien;morgen;51,14;5,36;geen-adres;Jan\n"
        "A2;Markt;twee;ABCDEF;Dagelijks;ja;2020;51,14;5,36;;\n"
        "A3;Markt;3;3960;Dagelijks;ja;2020;181000;215000;;\n"
        "A4;Markt;4;3960;Dagelijks;ja;2020;51,14;5,36;;;extra\n"
    )
    path = tmp_path / "fout.csv"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path, cast.maasdijk)
    assert problems == [
        "fout.csv, line 2, field “Keten”: “misschien” is not yes or no; write ja/nee, yes/no, x or 1/0",
        "fout.csv, line 2, field “Sinds”: “morgen” is not a date; write it as 31-12-2024 or 2024-12-31",
        "fout.csv, line 2, field “E-mail eigenaar”: “geen-adres” is not an e-mail address",
        "fout.csv, line 3, field “Huisnummer”: “twee” is not a house number",
        "fout.csv, line 3, field “Postcode”: “ABCDEF” is not a postcode (1234 AB or 1234)",
        "fout.csv, line 4, field “Lat”: 181000, 215000 are not degrees of latitude and longitude (WGS84); are these "
        "x/y coordinates?",
        "fout.csv, line 5: this line has 12 values but the header has 11 columns",
    ]


@pytest.mark.django_db
def test_a_unit_without_id_or_address(cast, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Id;Straat;Huisnummer;Functie\n;Markt;;Dagelijks\n;;;Dagelijks\n", encoding="utf-8")
    assert problems_of(path, cast.maasdijk) == [
        "f.csv, line 2, field “Huisnummer”: the unit has neither an own id nor a house number",
        "f.csv, line 3, field “Id”: the unit has neither an own id nor a street and house number",
    ]


def test_more_rows_than_allowed(tmp_path, settings):
    settings.MONITOR_MAX_IMPORT_ROWS = 10
    path = tmp_path / "groot.csv"
    path.write_text("Id;Functie\n" + "".join(f"{i};Dagelijks\n" for i in range(11)), encoding="utf-8")
    assert problems_of(path) == ["groot.csv: the file has more than 10 rows, the most one import may have: split it up"]
    path.write_text("Id;Functie\n" + "".join(f"{i};Dagelijks\n" for i in range(10)), encoding="utf-8")
    assert len(read_table(path).rows) == 10


def test_a_missing_file(tmp_path):
    assert problems_of(tmp_path / "weg.csv") == ["weg.csv: the file does not exist (check the name and the folder)"]


# --- Excel -----------------------------------------------------------------------------------------------------


def test_xlsx_cut_in_half(tmp_path):
    raw = (FILES / "winkels.xlsx").read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(raw[: len(raw) // 2])
    (problem,) = problems_of(path)
    assert problem.startswith("half.xlsx: this is not a valid Excel file (.xlsx): it may be incomplete or damaged")


def test_a_text_file_named_xlsx(tmp_path):
    path = tmp_path / "nep.xlsx"
    path.write_text("Id;Functie\n1;Dagelijks\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "not a valid Excel file" in problem


def test_empty_workbook(tmp_path):
    path = tmp_path / "leeg.xlsx"
    openpyxl.Workbook().save(path)
    assert problems_of(path) == ["leeg.xlsx: the Excel file has no data: every sheet is empty"]


@pytest.mark.django_db
def test_xlsx_problems_name_the_sheet_row(cast, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Functie", "WVO"])
    sheet.append(["A1", "Dagelijks", 80])
    sheet.append([])
    sheet.append(["A2", "Dagelijks", "tachtig"])
    book.save(tmp_path / "f.xlsx")
    assert problems_of(tmp_path / "f.xlsx", cast.maasdijk) == ["f.xlsx, line 4, field “WVO”: “tachtig” is not a number"]


def test_xlsx_more_rows_than_allowed(tmp_path, settings):
    settings.MONITOR_MAX_IMPORT_ROWS = 5
    book = openpyxl.Workbook()
    book.active.append(["Id", "Functie"])
    for i in range(6):
        book.active.append([i, "Dagelijks"])
    book.save(tmp_path / "f.xlsx")
    assert problems_of(tmp_path / "f.xlsx") == [
        "f.xlsx: the file has more than 5 rows, the most one import may have: split it up"
    ]


# --- GeoJSON ---------------------------------------------------------------------------------------------------


def geojson(tmp_path, data, name="f.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def feature(coordinates, kind="Point", **props):
    return {"type": "Feature", "properties": {"id": "A", "functie": "Dagelijks", **props},
            "geometry": {"type": kind, "coordinates": coordinates}}  # fmt: skip


NOT_A_COLLECTION = "this is not a GeoJSON FeatureCollection (a layer exported from QGIS as GeoJSON)"


def test_projected_coordinates_without_a_crs(tmp_path):
    path = geojson(tmp_path, {"type": "FeatureCollection", "features": [feature([181000.0, 215000.0])]})
    (problem,) = problems_of(path)
    assert problem.startswith("f.geojson, field “crs”: no coordinate reference system (CRS) is given")


def test_an_unknown_crs_is_named(tmp_path):
    data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}},
            "features": [feature([181000.0, 215000.0])]}  # fmt: skip
    assert problems_of(geojson(tmp_path, data)) == [
        "f.geojson, field “crs”: the coordinate reference system “urn:ogc:def:crs:EPSG::99999” is not known"
    ]
    data["crs"]["properties"]["name"] = "Mijn eigen stelsel"
    assert problems_of(geojson(tmp_path, data)) == [
        "f.geojson, field “crs”: the coordinate reference system “Mijn eigen stelsel” is not known"
    ]


def test_wgs84_declared_but_projected_coordinates(tmp_path):
    data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4326"}},
            "features": [feature([5.36, 51.14]), feature([181000.0, 215000.0])]}  # fmt: skip
    (problem,) = problems_of(geojson(tmp_path, data))
    assert problem.startswith("f.geojson, feature 2, field “geometry”: the coordinates are not degrees")


def test_truncated_geojson(tmp_path):
    text = (FILES / "panden_rd_new.geojson").read_text(encoding="utf-8")
    path = geojson(tmp_path, text[: len(text) // 2])
    assert problems_of(path) == [
        "f.geojson: the file stops in the middle of the data: it is probably incomplete (cut off)"
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("", "the file is empty"),
        ({"type": "FeatureCollection", "features": []}, "the file has no features: there is nothing to import"),
        ({"type": "Feature", "geometry": None, "properties": {}}, NOT_A_COLLECTION),
        ([1, 2], NOT_A_COLLECTION),
    ],
)
def test_empty_or_not_a_collection(tmp_path, data, reason):
    assert problems_of(geojson(tmp_path, data)) == [f"f.geojson: {reason}"]


def test_lines_and_broken_geometries_are_named_per_feature(tmp_path):
    data = {"type": "FeatureCollection", "features": [
        feature([[5.36, 51.14], [5.37, 51.15]], "LineString"),
        feature([5.36], "Point"),
        feature([5.36, 51.14]),
    ]}  # fmt: skip
    assert problems_of(geojson(tmp_path, data)) == [
        "f.geojson, feature 1, field “geometry”: a geometry of type “LineString” cannot be a unit: use points or "
        "polygons",
        "f.geojson, feature 2, field “geometry”: the coordinates are malformed",
    ]


@pytest.mark.django_db
def test_geojson_property_problems_name_the_feature(cast, tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [feature([5.36, 51.14]), feature([5.36, 51.14], functie="Zwembad")],
    }
    (problem,) = problems_of(geojson(tmp_path, data), cast.maasdijk)
    assert problem.startswith("f.geojson, feature 2, field “functie”: “Zwembad” is not a function group; known groups")


def test_geojson_more_features_than_allowed(tmp_path, settings):
    settings.MONITOR_MAX_IMPORT_ROWS = 2
    data = {"type": "FeatureCollection", "features": [feature([5.36, 51.14])] * 3}
    assert problems_of(geojson(tmp_path, data)) == [
        "f.geojson: the file has more than 2 features, the most one import may have: split it up"
    ]


def test_geojson_not_utf8(tmp_path):
    path = tmp_path / "f.geojson"
    path.write_bytes('{"type": "FeatureCollection", "name": "Café", "features": []}'.encode("cp1252"))
    (problem,) = problems_of(path)
    assert "must be UTF-8" in problem
