"""A broken file is rejected with a message that says where and why, and nothing at all is written."""

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from pyproj import Transformer

from kernkompas.core.problems import ImportRejected
from kernkompas.places.actions.imports import import_places
from kernkompas.places.models import Gemeente
from kernkompas.places.tests.import_helpers import Files, register_checksum, shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return Files(shared_data())


@pytest.fixture
def existing(files, cast):
    """Data that is already there and must survive every rejected import untouched."""
    import_places([files.mergers])
    return register_checksum()


def _rejected(paths, **options) -> list[str]:
    with translation.override("en"), pytest.raises(ImportRejected) as caught:
        import_places(paths, **options)
    return [str(problem) for problem in caught.value.problems]


def _geojson(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_truncated_geojson_is_rejected_as_incomplete(files, existing, tmp_path):
    text = files.cbs_2023.read_text(encoding="utf-8")
    truncated = tmp_path / "gemeenten_2023.geojson"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")

    (message,) = _rejected([truncated])

    assert message.startswith("gemeenten_2023.geojson: ")
    assert "incomplete" in message
    assert register_checksum() == existing


def test_json_with_a_syntax_error_names_the_line_and_column(existing, tmp_path):
    broken = tmp_path / "gemeenten.geojson"
    broken.write_text('{"type": "FeatureCollection",\n "features": [}, {}]}', encoding="utf-8")

    (message,) = _rejected([broken])

    assert "line 2, column 15" in message
    assert register_checksum() == existing


def test_a_feature_without_its_code_is_rejected_with_its_number_and_field(files, existing, tmp_path):
    data = _geojson(files.flanders_2025)
    del data["features"][4]["properties"]["geoitem"]
    path = _write(tmp_path / "gemeente_2025_wgs84.geojson", data)

    (message,) = _rejected([path])

    assert message == "gemeente_2025_wgs84.geojson, feature 5, field “geoitem”: the property is missing"
    assert register_checksum() == existing


def test_a_code_in_the_wrong_format_is_rejected(files, existing, tmp_path):
    data = json.loads(files.topojson.read_text(encoding="utf-8"))
    data["objects"]["municipalities"]["geometries"][2]["properties"]["nis"] = "2100X"
    path = _write(tmp_path / "belgium.topojson", data)

    (message,) = _rejected([path])

    assert message.startswith("belgium.topojson, feature 3, field “nis”: “2100X” is not a Belgian municipality code")
    assert register_checksum() == existing


def test_a_csv_line_with_text_as_population_is_rejected_with_its_line_and_column(files, existing, tmp_path):
    lines = files.population_csv.read_text(encoding="utf-8-sig").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("71004,"))
    lines[number - 1] = "71004,Beringen,23000,23598,abc"
    path = tmp_path / "bevolking_per_gemeente_2020.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    (message,) = _rejected([path])

    assert message == f"bevolking_per_gemeente_2020.csv, line {number}, field “Totaal”: “abc” is not a whole number"
    assert register_checksum() == existing


def test_a_csv_whose_total_is_not_men_plus_women_is_rejected(existing, tmp_path):
    path = tmp_path / "bevolking_2020.csv"
    path.write_text("NIS code,Woonplaats,Mannen,Vrouwen,Totaal\n71004,Beringen,23000,23598,46599\n")

    (message,) = _rejected([path])

    assert "line 2" in message and "Totaal" in message and "not the sum of men and women" in message


def test_coordinates_in_lambert_72_are_rejected_as_not_wgs84(files, existing, tmp_path):
    to_lambert = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    data = _geojson(files.flanders_2025)
    for feature in data["features"]:
        feature["geometry"]["coordinates"] = _transformed(feature["geometry"]["coordinates"], to_lambert)
    path = _write(tmp_path / "gemeente_2025_lambert.geojson", data)

    messages = _rejected([path])

    assert messages[0].startswith("gemeente_2025_lambert.geojson, feature 1 (11001), field “geometry”: ")
    assert "WGS84" in messages[0] and "Lambert 72" in messages[0]
    # 304 broken features: the first ones in full, then how many more.
    assert messages[-1] == "gemeente_2025_lambert.geojson: and 279 more problems in this file"
    assert register_checksum() == existing


def _transformed(coordinates, transformer):
    if isinstance(coordinates[0], (int, float)):
        return list(transformer.transform(coordinates[0], coordinates[1]))
    return [_transformed(part, transformer) for part in coordinates]


def test_a_file_of_an_unknown_format_is_rejected(files, existing):
    locations = files.root / "footfall_auckland_hotcity" / "locations.csv"

    (message,) = _rejected([locations])

    assert message.startswith("locations.csv: Kernkompas does not recognise this file. It reads: ")
    assert register_checksum() == existing


def test_a_population_csv_without_a_year_asks_for_one(files, existing, tmp_path):
    path = tmp_path / "bevolking_per_gemeente.csv"
    shutil.copy(files.population_csv, path)

    (message,) = _rejected([path])

    assert "--year" in message
    assert register_checksum() == existing


def test_cores_of_municipalities_that_are_not_there_are_rejected_and_nothing_is_written(files, existing):
    messages = _rejected([files.kernen])

    assert messages[0].startswith("kern_wgs84.geojson, feature 2 (71002_1), field “kern”: municipality 71002 is not")
    assert "import the municipalities first" in messages[0]
    assert register_checksum() == existing


def test_one_bad_file_among_good_ones_means_nothing_is_written(files, existing, tmp_path):
    data = _geojson(files.flanders_2025)
    del data["features"][0]["properties"]["naam"]
    bad = _write(tmp_path / "gemeente_2025_wgs84.geojson", data)

    messages = _rejected([files.topojson, files.population_csv, bad, files.cbs_2023])

    assert messages == ["gemeente_2025_wgs84.geojson, feature 1 (11001), field “naam”: the property is missing"]
    assert register_checksum() == existing
    assert not Gemeente.objects.filter(country__code="NL").exists()


def test_every_broken_file_is_listed_not_only_the_first(files, existing, tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_text("")
    truncated = tmp_path / "kapot.geojson"
    truncated.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")

    messages = _rejected([empty, files.topojson, truncated])

    assert [m.split(":")[0] for m in messages] == ["leeg.csv", "kapot.geojson"]
    assert register_checksum() == existing


def test_the_command_fails_with_the_problems_and_a_non_zero_exit(files, existing, tmp_path):
    data = _geojson(files.flanders_2025)
    del data["features"][4]["properties"]["geoitem"]
    path = _write(tmp_path / "gemeente_2025_wgs84.geojson", data)

    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import_places", str(files.topojson), str(path))

    message = str(caught.value)
    assert message.startswith("Nothing was imported.")
    assert "- gemeente_2025_wgs84.geojson, feature 5, field “geoitem”: the property is missing" in message
    assert register_checksum() == existing


# --- A text longer than its database column (issue 9, finding 5) ----------------------------------------------


def test_a_municipality_name_longer_than_its_column_is_refused_with_line_field_limit_and_length(
    files, existing, tmp_path
):
    lines = files.population_csv.read_text(encoding="utf-8-sig").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("71004,"))
    lines[number - 1] = "71004," + "Beringen" * 19 + ",23000,23598,46598"
    path = tmp_path / "bevolking_per_gemeente_2020.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    messages = _rejected([path])

    assert messages == [
        f"bevolking_per_gemeente_2020.csv, line {number}, field “name (Dutch)”: the text is 152 characters long; "
        "this field holds at most 150"
    ]
    assert register_checksum() == existing


def test_a_long_name_in_a_geojson_feature_is_refused_by_its_feature(files, existing, tmp_path):
    data = _geojson(files.flanders_2025)
    data["features"][0]["properties"]["naam"] = "Aartselaar " * 14
    path = _write(tmp_path / "gemeente_2025_wgs84.geojson", data)

    messages = _rejected([path])

    assert messages == [
        "gemeente_2025_wgs84.geojson, feature 1 (11001), field “name (Dutch)”: the text is 153 characters long; "
        "this field holds at most 150"
    ]
    assert register_checksum() == existing


def test_a_long_province_name_is_refused_by_its_feature(files, existing, tmp_path):
    data = _geojson(files.cbs_provincies_2015)
    data["objects"]["layer"]["geometries"][0]["properties"]["statnaam"] = "L" * 101
    path = _write(tmp_path / "Provincie_2015_layer_q1e3.topojson", data)

    messages = _rejected([path])

    assert messages == [
        "Provincie_2015_layer_q1e3.topojson, feature 1 (PV31), field “name (Dutch)”: the text is 101 characters "
        "long; this field holds at most 100"
    ]
    assert register_checksum() == existing


def test_a_name_that_just_fits_is_stored_whole_and_its_cores_made_up_names_still_fit(files, existing, tmp_path):
    data = _geojson(files.flanders_2025)
    (feature,) = [f for f in data["features"] if f["properties"]["geoitem"] == "71053"]  # Sint-Truiden, 18 cores
    feature["properties"]["naam"] = "A" * 150
    path = _write(tmp_path / "gemeente_2025_wgs84.geojson", data)

    import_places([path, files.kernen])

    gemeente = Gemeente.objects.get(code="71053")
    assert gemeente.name_nl == "A" * 150
    names = list(gemeente.kernen.values_list("name", flat=True))
    assert names and all(len(name) <= 150 and name.startswith("AAA") and " – kern " in name for name in names)
