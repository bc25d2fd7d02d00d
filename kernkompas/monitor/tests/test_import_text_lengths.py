"""A text longer than the database column it goes into is refused in the check step, with the file, the line (or
object), the field, the limit and the length found, and nothing is written (issue 9, finding 5).

Before, PostgreSQL refused the write halfway (a server error, or a traceback on the command line) and SQLite
stored the text whole, or the import cut it off without a word. The limits are read from the models.

Run on PostgreSQL too: ``DATABASE_URL=postgres://… pytest kernkompas/monitor/tests/test_import_text_lengths.py``.
"""

from __future__ import annotations

import datetime

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.detect import read_units
from kernkompas.monitor.importers.footfall import read_footfall, read_points
from kernkompas.monitor.importers.osm import read_osm
from kernkompas.monitor.importers.records import FootfallRecord, PointRecord
from kernkompas.monitor.models import Count, CountingPoint, FootfallCount, ImportRun, OwnerContact, Unit, UnitState
from kernkompas.monitor.tests.fixture_counts import DATES, count_1

pytestmark = pytest.mark.django_db

HEADER = "Id;Straat;Huisnummer;Plaats;Functie;Naam;Eigenaar;Organisatie eigenaar;Email eigenaar;Telefoon eigenaar"
GOOD = ["W1", "Markt", "1", "Maasdijk", "Dagelijks", "Bakkerij Peeters", "Piet", "Vastgoed BV", "p@example.org", "0123"]


def units_file(tmp_path, column: int, value: str):
    """A units file of two lines; the second has ``value`` in ``column``."""
    second = ["W2", "Markt", "2", "Maasdijk", "Dagelijks", "Zeeman", "Els", "", "e@example.org", "0456"]
    second[column] = value
    path = tmp_path / "winkels.csv"
    path.write_text("\r\n".join([HEADER, ";".join(GOOD), ";".join(second)]) + "\r\n", encoding="utf-8")
    return path


def import_file(path, gebied):
    """What the upload wizard and the command do: read, then the named operation (which checks first)."""
    records = read_units(path, gemeente=gebied.kern.gemeente, file_name=path.name)
    return import_units(gebied, records, count_date=DATES[0], file_name=path.name, sha256="x", format="csv")


def problems(rejected) -> list[str]:
    return [str(problem) for problem in rejected.value.problems]


def nothing_written():
    return not any(m.objects.exists() for m in (Unit, UnitState, Count, OwnerContact, ImportRun, AuditEvent))


@pytest.mark.parametrize(
    ("column", "value", "field", "limit"),
    [
        (0, "W" * 101, "eigen id", 100),
        (1, "Marktstraat" * 19, "straat", 200),
        (2, "12" + "a" * 19, "huisnummer", 20),
        (3, "M" * 101, "plaats", 100),
        (5, "Zeeman " * 29, "naam gebruiker", 200),
        (6, "E" * 201, "naam eigenaar", 200),
        (7, "V" * 201, "organisatie eigenaar", 200),
        (8, "e" * 250 + "@x.be", "e-mail eigenaar", 254),
        (9, "0" * 41, "telefoon eigenaar", 40),
    ],
)
def test_a_units_file_with_a_text_longer_than_its_column_is_refused_and_nothing_is_written(
    cast, tmp_path, column, value, field, limit
):
    path = units_file(tmp_path, column, value)
    with pytest.raises(ImportRejected) as rejected:
        import_file(path, cast.markt)
    length = len(value.strip())
    assert problems(rejected) == [
        f"winkels.csv, regel 3, veld “{field}”: de tekst is {length} tekens lang; "
        f"in dit veld passen er hoogstens {limit}"
    ]
    assert nothing_written()


def test_the_check_step_refuses_it_before_the_import(cast, tmp_path):
    """The wizard's check step and the command's --dry-run call validate_units: the problem shows there."""
    path = units_file(tmp_path, 1, "S" * 201)
    records = read_units(path, gemeente=cast.maasdijk)
    with pytest.raises(ImportRejected) as rejected:
        validate_units(cast.markt, records, file_name="winkels.csv")
    assert "regel 3, veld “straat”: de tekst is 201 tekens lang" in problems(rejected)[0]


def test_a_text_that_just_fits_is_stored_whole(cast, tmp_path):
    path = units_file(tmp_path, 5, "Z" * 200)
    import_file(path, cast.markt)
    assert UnitState.objects.get(unit__external_id="W2").occupant == "Z" * 200


def test_a_refused_file_leaves_the_count_already_there_as_it_was(cast, tmp_path):
    import_units(cast.markt, count_1(), count_date=DATES[0], file_name="a.csv", sha256="a", format="csv")
    before = list(UnitState.objects.order_by("pk").values_list("unit__external_id", "occupant", "group__code"))
    records = count_1()
    records[1].occupant = "Mode Anna " * 25
    records[2].group = "dagelijks"
    with pytest.raises(ImportRejected) as rejected:
        import_units(cast.markt, records, count_date=DATES[0], file_name="b.csv", sha256="b", format="csv")
    assert problems(rejected) == [
        "b.csv, regel 3, veld “naam gebruiker”: de tekst is 249 tekens lang; in dit veld passen er hoogstens 200"
    ]
    assert list(UnitState.objects.order_by("pk").values_list("unit__external_id", "occupant", "group__code")) == before
    assert ImportRun.objects.count() == 1


OSM = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="hand">
  <node id="1" lat="51.1400" lon="5.3600" version="1">
    <tag k="shop" v="bakery"/><tag k="name" v="{name}"/>
    <tag k="addr:street" v="Markt"/><tag k="addr:housenumber" v="1"/><tag k="addr:postcode" v="{postcode}"/>
  </node>
</osm>
"""


def test_an_openstreetmap_object_with_a_long_name_or_postcode_is_refused_by_its_object(cast, tmp_path):
    path = tmp_path / "maasdijk.osm"
    path.write_text(OSM.format(name="B" * 300, postcode="3960 " * 3), encoding="utf-8")
    records = read_osm(path)
    with pytest.raises(ImportRejected) as rejected:
        import_units(cast.markt, records, count_date=DATES[0], file_name=path.name, sha256="o", format="osm")
    found = problems(rejected)
    assert len(found) == 2
    assert found[0].startswith("maasdijk.osm, ") and "veld “postcode”: de tekst is 14 tekens lang" in found[0]
    assert "veld “naam gebruiker”: de tekst is 300 tekens lang; in dit veld passen er hoogstens 200" in found[1]
    assert nothing_written()


# --- Footfall -------------------------------------------------------------------------------------------------


def test_a_footfall_file_with_a_long_counting_point_name_is_refused_at_its_line(tmp_path):
    path = tmp_path / "tellingen.csv"
    long_name = "Telpunt Markt " * 15
    path.write_text(
        f"telpunt;datum;uur;aantal\r\nMarkt;01-03-2024;9;120\r\n{long_name};01-03-2024;9;80\r\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as rejected:
        read_footfall(path)
    assert problems(rejected) == [
        "tellingen.csv, regel 3, veld “telpunt”: de tekst is 209 tekens lang; in dit veld passen er hoogstens 200"
    ]


def test_a_wide_footfall_file_names_the_column_of_a_long_point(tmp_path):
    path = tmp_path / "breed.csv"
    path.write_text(f"datum;uur;Markt;{'K' * 230}\r\n01-03-2024;9;120;80\r\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        read_footfall(path)
    assert problems(rejected) == [
        "breed.csv, regel 1, veld “kolom 4”: de tekst is 230 tekens lang; in dit veld passen er hoogstens 200"
    ]


def test_a_points_file_with_a_long_own_id_is_refused(tmp_path):
    path = tmp_path / "telpunten.csv"
    path.write_text(f"naam;latitude;longitude;id\r\nMarkt;51.14;5.50;{'7' * 101}\r\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        read_points(path)
    assert problems(rejected) == [
        "telpunten.csv, regel 2, veld “id”: de tekst is 101 tekens lang; in dit veld passen er hoogstens 100"
    ]


def test_the_footfall_operation_refuses_a_long_point_itself_and_writes_nothing(cast):
    """Records that did not come through a reader (the demo, a later caller) are checked by the operation."""
    start = datetime.datetime(2024, 3, 1, 9)
    records = [
        FootfallRecord(where="regel 2", point="Markt", start=start, resolution="hour", value=120),
        FootfallRecord(where="regel 3", point="P" * 201, start=start, resolution="hour", value=80),
    ]
    points = [PointRecord(name="Markt", external_id="x" * 101, where="regel 2")]
    with pytest.raises(ImportRejected) as rejected:
        import_footfall(cast.markt, records, points, file_name="t.csv", sha256="t", format="csv")
    assert problems(rejected) == [
        "t.csv, regel 2, veld “eigen id”: de tekst is 101 tekens lang; in dit veld passen er hoogstens 100",
        "t.csv, regel 3, veld “naam”: de tekst is 201 tekens lang; in dit veld passen er hoogstens 200",
    ]
    assert not CountingPoint.objects.exists() and not FootfallCount.objects.exists()
