"""The units readers: values as NL/BE spreadsheets write them, CSV/Excel/GeoJSON, column mapping, taxonomy texts."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.importers import values
from kernkompas.monitor.importers.detect import file_format, read_units
from kernkompas.monitor.importers.geojson import crs_code, read_geojson
from kernkompas.monitor.importers.mapping import FIELDS, apply, parse_mapping_option, propose
from kernkompas.monitor.importers.tabular import read_table
from kernkompas.monitor.models import Branch, FunctionGroup
from kernkompas.monitor.taxonomy import UnknownFunction, resolve

FILES = Path(__file__).parent / "files"


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# --- values --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("1.234", 1234.0),
        ("1234", 1234.0),
        ("1 234,50", 1234.5),
        ("1,234.5", 1234.5),
        ("12.5", 12.5),
        ("-3,25", -3.25),
        ("85 m²", 85.0),
        ("", None),
        ("  ", None),
    ],
)
def test_numbers_as_dutch_spreadsheets_write_them(text, expected):
    assert values.number(text) == expected


def test_a_dot_before_three_digits_is_a_decimal_point_in_coordinates():
    assert values.number("5.123") == 5123.0
    assert values.number("5.123", point_is_decimal=True) == 5.123
    assert values.number("51,14010", point_is_decimal=True) == pytest.approx(51.1401)


@pytest.mark.parametrize("text", ["12,5,0", "abc", "1.2.3,4,5", "12-5", "€ 12"])
def test_what_is_not_a_number_says_so(english, text):
    with pytest.raises(values.BadValue, match="is not a number"):
        values.number(text)


def test_floor_area_is_rounded_and_never_negative(english):
    assert values.area("95,5") == 96
    assert values.area("1.250") == 1250
    with pytest.raises(values.BadValue, match="negative"):
        values.area("-5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-12-2024", datetime.date(2024, 12, 31)),
        ("31/12/2024", datetime.date(2024, 12, 31)),
        ("31.12.2024", datetime.date(2024, 12, 31)),
        ("1-3-2015", datetime.date(2015, 3, 1)),
        ("2024-12-31", datetime.date(2024, 12, 31)),
        ("2024-12-31T00:00:00", datetime.date(2024, 12, 31)),
        ("45657", datetime.date(2024, 12, 31)),  # Excel serial
        ("2019", datetime.date(2019, 1, 1)),
        (datetime.datetime(2020, 5, 4, 0, 0), datetime.date(2020, 5, 4)),
        ("", None),
    ],
)
def test_dates(text, expected):
    assert values.date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [("31-02-2024", "not an existing date"), ("morgen", "not a date")])
def test_bad_dates(english, text, reason):
    with pytest.raises(values.BadValue, match=reason):
        values.date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ja", True), ("Nee", False), ("yes", True), ("no", False), ("x", True), ("X", True), ("1", True), ("0", False),
     ("keten", True), ("filiaal", True), ("zelfstandig", False), ("", None)],
)  # fmt: skip
def test_booleans(text, expected):
    assert values.boolean(text) is expected


def test_a_bad_boolean_says_what_is_allowed(english):
    with pytest.raises(values.BadValue, match="ja/nee"):
        values.boolean("misschien")


def test_excel_cells_become_the_text_a_dutch_sheet_shows():
    assert values.cell_text(1.234) == "1,234"  # never "1.234", which would read as 1234
    assert values.number(values.cell_text(1.234)) == pytest.approx(1.234)
    assert values.cell_text(1250.0) == "1250"
    assert values.cell_text(datetime.datetime(2024, 12, 31)) == "2024-12-31"
    assert values.cell_text(True) == "1"
    assert values.cell_text(None) == ""


# --- CSV and Excel -------------------------------------------------------------------------------------------


def test_an_excel_nl_csv_export_is_read():
    table = read_table(FILES / "winkels_excel_nl.csv")
    assert (table.format, table.encoding, table.delimiter) == ("csv", "cp1252", ";")
    assert table.headers[:3] == ["Pandnummer", "Straatnaam", "Huisnr"]
    assert table.first_line == 2
    assert table.line_numbers == [2, 3, 4, 5, 6, 7]
    assert table.rows[2][8] == "Café De Zwaan"  # Windows-1252 é
    assert len(table.rows) == 6


@pytest.mark.parametrize(
    ("content", "encoding", "delimiter"),
    [
        ("\ufeffId,Straat,Huisnummer,Functie\r\n1,Markt,1,Dagelijks\r\n", "utf-8-sig", ","),
        ("Id\tStraat\tHuisnummer\tFunctie\n1\tMarkt\t1\tDagelijks\n", "utf-8", "\t"),
        ('Id;Straat;Huisnummer;Functie\n1;"Markt; oost";1;Dagelijks\n', "utf-8", ";"),
    ],
)
def test_delimiters_and_encodings_are_recognised(tmp_path, content, encoding, delimiter):
    path = tmp_path / "f.csv"
    path.write_bytes(content.encode("utf-8"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.headers == ["Id", "Straat", "Huisnummer", "Functie"]
    assert table.rows[0][0] == "1"


def test_line_numbers_count_the_header_blank_lines_and_quoted_line_breaks(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('Id;Naam;Functie\n\n1;"Twee\nregels";Dagelijks\n2;Bakker;Dagelijks\n', encoding="utf-8")
    table = read_table(path)
    assert table.line_numbers == [3, 5]


def test_a_real_xlsx_with_real_dates_and_numbers():
    table = read_table(FILES / "winkels.xlsx")
    assert table.format == "xlsx"
    assert table.sheet == "Panden 2024"
    assert table.rows[0][9] == "1250,5"
    assert table.rows[0][11] == "2015-03-01"
    assert table.rows[4][11] == "15/09/2021"  # a date typed as text stays text


def test_xlsx_first_sheet_with_data_and_leading_empty_rows(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Leeg"
    sheet = book.create_sheet("Data")
    sheet["B3"] = "Id"
    sheet["C3"] = "Functie"
    sheet["B4"] = "A1"
    sheet["C4"] = "Leegstand"
    book.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    assert table.headers == ["", "Id", "Functie"]
    assert table.line_numbers == [4]
    assert table.rows == [["", "A1", "Leegstand"]]


# --- mapping -------------------------------------------------------------------------------------------------


def test_fields_have_labels_and_none_is_required_on_its_own():
    names = [field.name for field in FIELDS]
    assert {"external_id", "street", "house_number", "group", "branch", "floor_area", "owner_email"} <= set(names)
    assert [field.name for field in FIELDS if field.required] == []  # group or branch: see check_mapping


def test_propose_dutch_and_english_headers():
    assert propose(["Straatnaam", "Huisnr", "Huisnummer toevoeging", "WVO", "Hoofdbranche", "Branche", "Naam"]) == {
        "street": "Straatnaam",
        "house_number": "Huisnr",
        "addition": "Huisnummer toevoeging",
        "group": "Hoofdbranche",
        "branch": "Branche",
        "floor_area": "WVO",
        "occupant": "Naam",
    }
    english_headers = ["ID", "Street", "House number", "Function group", "Branch", "Floor area", "Chain", "Owner"]
    assert propose(english_headers) == {
        "external_id": "ID",
        "street": "Street",
        "house_number": "House number",
        "group": "Function group",
        "branch": "Branch",
        "floor_area": "Floor area",
        "is_chain": "Chain",
        "owner_name": "Owner",
    }
    assert propose(["Bedrijfsnaam", "Formule", "Filiaal", "Winkelvloeroppervlak", "Branchegroep"]) == {
        "group": "Branchegroep",
        "floor_area": "Winkelvloeroppervlak",
        "occupant": "Bedrijfsnaam",
        "is_chain": "Filiaal",
    }


def test_propose_misspelt_headers_but_not_other_words():
    proposal = propose(["Adress", "Oppervlakte WVO (m²)", "Brache", "Funcite", "Huisnumer"])
    assert proposal == {
        "address": "Adress",
        "house_number": "Huisnumer",
        "group": "Funcite",
        "branch": "Brache",
        "floor_area": "Oppervlakte WVO (m²)",
    }
    # "Staat" (state) is a word of its own, not a misspelt "Straat"; neither is "Plaatz" a certain "Plaats".
    assert "street" not in propose(["Staat", "Huisnummer"])


def test_parse_mapping_option(english):
    assert parse_mapping_option("group=Soort, floor_area = Opp. (m2)") == {"group": "Soort", "floor_area": "Opp. (m2)"}
    with pytest.raises(ValueError, match="is not field=Header"):
        parse_mapping_option("soort=Soort")


@pytest.mark.django_db
def test_apply_the_excel_nl_export(cast):
    table = read_table(FILES / "winkels_excel_nl.csv")
    records = apply(table, None, gemeente=cast.maasdijk, file_name="winkels.csv")
    assert len(records) == 6
    first, second, third, vacant, kapper, schoenen = records
    assert (first.external_id, first.street, first.house_number, first.postcode) == ("MD-001", "Markt", "1", "3960")
    assert (first.group, first.branch, first.floor_area, first.is_chain) == ("dagelijks", "supermarkt", 1250, True)
    assert first.occupied_since == datetime.date(2015, 3, 1)
    assert (first.lat, first.lon) == (pytest.approx(51.1401), pytest.approx(5.3602))
    assert first.owner.name == "Vastgoed Maes NV"
    assert first.owner.email == "info@maes.example"
    assert first.where == "regel 2"
    assert second.house_number == "3a"
    assert (second.group, second.branch, second.is_chain) == ("mode-luxe", "kleding", True)
    assert (third.group, third.branch, third.floor_area, third.is_chain) == ("leisure", "cafe", 96, False)
    assert third.occupied_since == datetime.date(2008, 6, 1)
    assert (vacant.group, vacant.branch, vacant.house_number, vacant.is_chain) == ("leegstand", "", "12 bus 2", None)
    assert vacant.owner.name == "Familie Geërts"
    assert (kapper.branch, kapper.occupied_since) == ("kapper", datetime.date(2021, 9, 15))
    assert (schoenen.group, schoenen.branch, schoenen.floor_area) == ("mode-luxe", "schoenen", None)
    assert schoenen.occupied_since == datetime.date(2012, 1, 1)


@pytest.mark.django_db
def test_excel_and_csv_give_the_same_units(cast):
    csv_records = read_units(FILES / "winkels_excel_nl.csv", gemeente=cast.maasdijk)
    xlsx_records = read_units(FILES / "winkels.xlsx", gemeente=cast.maasdijk)
    keep = ("external_id", "street", "house_number", "group", "branch", "floor_area", "is_chain", "occupied_since")
    assert [[getattr(r, k) for k in keep] for r in xlsx_records] == [[getattr(r, k) for k in keep] for r in csv_records]
    assert xlsx_records[0].lat == pytest.approx(51.1401)


@pytest.mark.django_db
def test_every_problem_names_file_line_and_column(cast):
    with translation.override("en"):
        table = read_table(FILES / "winkels_excel_nl.csv")
        table.rows[0][9] = "12,5,0"
        table.rows[0][11] = "31-02-2015"
        table.rows[3][6] = "Snoepwinkel"
        with pytest.raises(ImportRejected) as caught:
            apply(table, None, gemeente=cast.maasdijk, file_name="winkels.csv")
    messages = [str(problem) for problem in caught.value.problems]
    assert "winkels.csv, line 2, field “WVO”: “12,5,0” is not a number" in messages
    assert "winkels.csv, line 2, field “Gevestigd sinds”: “31-02-2015” is not an existing date" in messages
    koffie = next(m for m in messages if "Snoepwinkel" in m)
    assert koffie.startswith("winkels.csv, line 5, field “Branchegroep”: “Snoepwinkel” is not a function group")
    assert "Mode & Luxe" in koffie and "Leegstand" in koffie


@pytest.mark.django_db
def test_problems_are_in_dutch_by_default(cast, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Id;Functie;WVO\nA;Dagelijks;12,5,0\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        read_units(path, gemeente=cast.maasdijk)
    (problem,) = caught.value.problems
    assert str(problem).startswith("f.csv, regel 2, veld “WVO”")


@pytest.mark.django_db
def test_an_explicit_mapping_overrides_the_proposal(cast, tmp_path, english):
    path = tmp_path / "f.csv"
    path.write_text("Code;Soort;Opp\nA1;Horeca;80\n", encoding="utf-8")
    (record,) = read_units(path, gemeente=cast.maasdijk, mapping={"external_id": "Code", "group": "Soort",
                                                                    "floor_area": "Opp"})  # fmt: skip
    assert (record.external_id, record.group, record.floor_area) == ("A1", "leisure", 80)
    with pytest.raises(ImportRejected, match="the column “Oppervlak” .* is not in the file"):
        read_units(path, gemeente=cast.maasdijk, mapping={"external_id": "Code", "group": "Soort",
                                                          "floor_area": "Oppervlak"})  # fmt: skip


@pytest.mark.django_db
def test_required_columns_missing_are_named(cast, tmp_path, english):
    path = tmp_path / "f.csv"
    path.write_text("Naam;WVO\nBakker;80\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        read_units(path, gemeente=cast.maasdijk)
    messages = " ".join(str(p) for p in caught.value.problems)
    assert "no column for the function group or the branch" in messages
    assert "no column for an own id or for street and house number" in messages
    assert "“Naam”, “WVO”" in messages


@pytest.mark.django_db
def test_an_address_column_is_split_into_street_and_number(cast, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Adres;Functie\nSint-Jansstraat 12a;Dagelijks\nGrote Markt 3 bus 1;Leeg\n", encoding="utf-8")
    first, second = read_units(path, gemeente=cast.maasdijk)
    assert (first.street, first.house_number) == ("Sint-Jansstraat", "12a")
    assert (second.street, second.house_number, second.group) == ("Grote Markt", "3 bus 1", "leegstand")


@pytest.mark.django_db
def test_x_y_in_the_national_grid_become_wgs84(cast, tmp_path):
    from pyproj import Transformer

    to_lambert = Transformer.from_crs(4326, 31370, always_xy=True)
    x, y = to_lambert.transform(5.3602, 51.1401)
    path = tmp_path / "f.csv"
    path.write_text(f"Id;Functie;X;Y\nA;Dagelijks;{x:.2f};{y:.2f}\n".replace(".", ","), encoding="utf-8")
    (record,) = read_units(path, gemeente=cast.maasdijk)  # a Belgian municipality: Lambert 72
    assert (record.lat, record.lon) == (pytest.approx(51.1401, abs=1e-6), pytest.approx(5.3602, abs=1e-6))
    to_rd = Transformer.from_crs(4326, 28992, always_xy=True)
    x, y = to_rd.transform(5.3602, 51.1401)
    path.write_text(f"Id;Functie;X;Y;CRS\nA;Dagelijks;{x:.2f};{y:.2f};EPSG:28992\n", encoding="utf-8")
    (record,) = read_units(path, gemeente=cast.maasdijk)
    assert (record.lat, record.lon) == (pytest.approx(51.1401, abs=1e-6), pytest.approx(5.3602, abs=1e-6))


# --- taxonomy.resolve ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "branch", "expected"),
    [
        ("Mode & Luxe", "Kleding", ("mode-luxe", "kleding")),
        ("mode en luxe", "", ("mode-luxe", "")),
        ("MODE-LUXE", "", ("mode-luxe", "")),
        ("Leegstand", "", ("leegstand", "")),
        ("leeg", "", ("leegstand", "")),
        ("Leegstaand", "", ("leegstand", "")),
        ("Horeca", "Café", ("leisure", "cafe")),
        ("horeca", "", ("leisure", "")),
        ("Dienstverlening", "", ("diensten", "")),
        ("In/om huis", "", ("in-om-huis", "")),
        ("in en om huis", "", ("in-om-huis", "")),
        ("", "Supermarkt", ("dagelijks", "supermarkt")),
        ("", "groente-fruit", ("dagelijks", "groente-fruit")),
        ("", "Schoenen", ("mode-luxe", "schoenen")),
        ("Supermarkt", "", ("dagelijks", "supermarkt")),
        ("", "Leegstand", ("leegstand", "")),
        ("Dagelijks", "Bakker", ("dagelijks", "bakker")),
    ],
)
def test_resolve_names_codes_and_variants(group, branch, expected):
    assert resolve(group, branch, None) == expected


@pytest.mark.django_db
def test_resolve_unknown_lists_the_valid_names(english):
    with pytest.raises(UnknownFunction, match="“Snoepwinkel” is not a function group; known groups are: Dagelijks, "):
        resolve("Snoepwinkel", "", None)
    with pytest.raises(UnknownFunction) as caught:
        resolve("Dagelijks", "Kaasboer", None)
    assert caught.value.field == "branch"
    assert "Bakker" in str(caught.value) and "Kleding" not in str(caught.value)
    with pytest.raises(UnknownFunction, match="belongs to another function group"):
        resolve("Dagelijks", "Kleding", None)


@pytest.mark.django_db
def test_resolve_knows_the_municipality_own_taxonomy(cast):
    own = FunctionGroup.objects.create(
        gemeente=cast.maasdijk, code="markt", name="Markt en ambulant", sector="detailhandel", colour="#123456"
    )
    Branch.objects.create(gemeente=cast.maasdijk, group=own, code="kraam", name="Marktkraam")
    assert resolve("Markt en ambulant", "marktkraam", cast.maasdijk) == ("markt", "kraam")
    with pytest.raises(UnknownFunction):
        resolve("Markt en ambulant", "", cast.veldrode)


# --- GeoJSON -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("urn:ogc:def:crs:EPSG::28992", 28992),
        ("EPSG:31370", 31370),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
        ("http://www.opengis.net/def/crs/EPSG/0/3812", 3812),
        ("28992", 28992),
        ("Amersfoort / RD New", 28992),
        ("nonsense", None),
    ],
)
def test_crs_names(text, code):
    assert crs_code(text) == code


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["panden_rd_new.geojson", "panden_lambert72.geojson", "panden_wgs84.geojson"])
def test_qgis_geojson_in_every_crs_gives_the_same_units(cast, name):
    table = read_geojson(FILES / name)
    assert table.format == "geojson"
    records = read_units(FILES / name, gemeente=cast.maasdijk)
    assert [r.external_id for r in records] == ["MD-001", "MD-002", "MD-003", "MD-004"]
    polygon, point, multipolygon, _ = records
    assert (polygon.lat, polygon.lon) == (pytest.approx(51.1401, abs=2e-6), pytest.approx(5.3602, abs=2e-6))
    assert polygon.geometry["type"] == "Polygon"
    west = min(x for x, _y in polygon.geometry["coordinates"][0])
    assert west == pytest.approx(5.36016, abs=2e-6)
    assert point.geometry is None
    assert (point.lat, point.lon) == (pytest.approx(51.1403, abs=2e-6), pytest.approx(5.3606, abs=2e-6))
    assert multipolygon.geometry["type"] == "MultiPolygon"
    assert (polygon.group, polygon.floor_area, polygon.is_chain) == ("dagelijks", 1250, True)
    assert records[0].where == "object 1"


def test_file_format_by_content_and_name(tmp_path):
    assert file_format(FILES / "winkels.xlsx") == "xlsx"
    assert file_format(FILES / "panden_wgs84.geojson") == "geojson"
    assert file_format(FILES / "winkels_excel_nl.csv") == "csv"
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((FILES / "panden_rd_new.geojson").read_bytes())
    assert file_format(renamed) == "geojson"
    assert file_format(tmp_path / "x.osm.pbf") == "osm.pbf"


@pytest.mark.django_db
def test_multipoints_and_features_without_geometry(cast, tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": "A", "functie": "Leeg"},
             "geometry": {"type": "MultiPoint", "coordinates": [[5.36, 51.14], [5.38, 51.16]]}},
            {"type": "Feature", "properties": {"id": "B", "functie": "Wonen"}, "geometry": None},
        ],
    }  # fmt: skip
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    first, second = read_units(path, gemeente=cast.maasdijk)
    assert (first.lat, first.lon, first.geometry) == (pytest.approx(51.15), pytest.approx(5.37), None)
    assert (second.lat, second.lon, second.group) == (None, None, "wonen")
