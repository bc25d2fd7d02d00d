"""Footfall files → counts: the real Auckland counts (wide, hourly, 61,367 lines × 21 points), small long and
daily files in the shapes Dutch and Belgian counters export, Excel, and broken files."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.importers.footfall import parse_count, parse_hour, read_footfall, read_points
from kernkompas.places.tests.import_helpers import shared_data

# The three lines of the Auckland file whose date is wrong: in the file's own order they are the early hours of
# 2 January 2025 (between "2025-01-01 2:00" and "2025-01-02 7:00"), but they are labelled 3, 4 and 5 January.
MISLABELLED = {52631: "2025-01-03", 52632: "2025-01-04", 52633: "2025-01-05"}

# The Auckland file is in Auckland's wall-clock time: read in Brussels time, its 2:00 on the last Sunday of March
# would be an hour that does not exist. Its tests read it in its own time zone, as a site in Auckland would.
AUCKLAND_TIME = "Pacific/Auckland"
# The lines the file has for 2:00 on the day New Zealand's clocks go forward (the last Sunday of September; the
# counting day runs from 6:00, so they carry the Saturday's date), an hour that did not exist: zeros up to 2022,
# counts in 2023 and 2025, no line in 2024. The corrected copy leaves them out.
SKIPPED_HOUR = {
    6502: "2019-09-28",
    15238: "2020-09-26",
    23974: "2021-09-25",
    32710: "2022-09-24",
    41446: "2023-09-23",
    59085: "2025-09-27",
}


def _auckland() -> Path:
    return shared_data() / "footfall_auckland_hotcity" / "hourly_counts.csv"


def _rejected(path: Path, **kwargs) -> list[str]:
    with translation.override("en"), pytest.raises(ImportRejected) as caught:
        read_footfall(path, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def corrected_auckland(folder: Path) -> Path:
    """A copy of the Auckland file with the three mislabelled dates set to the date their place in the file shows,
    and without the lines for the hour the spring clock change skipped."""
    lines = _auckland().read_text(encoding="utf-8").splitlines(keepends=True)
    for number, label in MISLABELLED.items():
        assert lines[number - 1].startswith(label + ",")
        lines[number - 1] = "2025-01-02" + lines[number - 1][len(label) :]
    for number, label in SKIPPED_HOUR.items():
        assert lines[number - 1].startswith(f"{label},2:00-2:59,")
    lines = [line for number, line in enumerate(lines, start=1) if number not in SKIPPED_HOUR]
    path = folder / "hourly_counts.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def auckland(tmp_path_factory):
    path = corrected_auckland(tmp_path_factory.mktemp("auckland"))
    with override_settings(TIME_ZONE=AUCKLAND_TIME):
        records, points = read_footfall(path)
    return path, records, points


def test_the_real_file_is_rejected_for_its_skipped_and_repeated_hours_naming_the_lines_and_the_wrong_one(settings):
    settings.TIME_ZONE = AUCKLAND_TIME
    problems = _rejected(_auckland())
    assert problems == [
        *(
            f"hourly_counts.csv, line {number}, field “hour”: {day[8:]}-{day[5:7]}-{day[:4]} 02:00 does not exist in "
            "Pacific/Auckland: the clocks went forward an hour"
            for number, day in (
                (n, str(datetime.date.fromisoformat(d) + datetime.timedelta(days=1))) for n, d in SKIPPED_HOUR.items()
            )
        ),
        "hourly_counts.csv, line 52655: the counts for 03-01-2025 04:00 are already on line 52631 (21 counting "
        "points); check the date and hour of both lines; line 52631 is dated 03-01-2025 but lies among lines dated "
        "02-01-2025, so its date is probably wrong",
        "hourly_counts.csv, line 52680: the counts for 04-01-2025 05:00 are already on line 52632 (21 counting "
        "points); check the date and hour of both lines; line 52632 is dated 04-01-2025 but lies among lines dated "
        "02-01-2025, so its date is probably wrong",
        "hourly_counts.csv, line 52705: the counts for 05-01-2025 06:00 are already on line 52633 (21 counting "
        "points); check the date and hour of both lines; line 52633 is dated 05-01-2025 but lies among lines dated "
        "02-01-2025, so its date is probably wrong",
    ]


def test_a_repeated_hour_in_a_small_file_points_at_the_line_whose_date_breaks_the_order(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text(
        "datum;uur;Markt;Kerkstraat\n"
        "01-03-2024;9;10;20\n"
        "01-03-2024;10;11;21\n"
        "03-03-2024;11;12;22\n"  # should be 01-03: breaks the order
        "02-03-2024;9;13;23\n"
        "03-03-2024;10;14;24\n"
        "03-03-2024;11;15;25\n"
        "03-03-2024;12;16;26\n",
        encoding="utf-8",
    )
    assert _rejected(path) == [
        "telling.csv, line 7: the counts for 03-03-2024 11:00 are already on line 4 (2 counting points); check the "
        "date and hour of both lines; line 4 is dated 03-03-2024 but lies between lines dated 01-03-2024 and "
        "02-03-2024, so its date is probably wrong"
    ]


def test_a_repeated_hour_without_a_line_out_of_order_gives_no_guess(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text("datum;uur;Markt\n01-03-2024;9;10\n01-03-2024;9;11\n01-03-2024;10;12\n", encoding="utf-8")
    assert _rejected(path) == [
        "telling.csv, line 3: counting point “Markt” already has a count for 01-03-2024 09:00 on line 2"
    ]


def test_every_filled_cell_of_the_corrected_file_is_one_count(auckland):
    path, records, points = auckland
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:3] == ["date", "hour", "year"] and len(header) == 24
    filled = sum(1 for row in rows[1:] for value in row[3:] if value.strip())
    assert len(rows) - 1 == 61_367 - len(SKIPPED_HOUR)
    assert len(records) == filled
    assert {p.name for p in points} == set(header[3:])
    assert {r.resolution for r in records} == {"hour"}
    assert all(r.start.minute == 0 and r.start.tzinfo is None for r in records)
    # No point has two counts for one hour.
    assert len({(r.point, r.start) for r in records}) == len(records)


def test_known_values_gaps_midnight_and_the_clock_change(auckland):
    _path, records, _points = auckland
    by_key = {(r.point, r.start): r for r in records}
    first = by_key[("107 Quay Street", datetime.datetime(2019, 1, 1, 6))]
    assert (first.value, first.where) == (94, "regel 2")
    # An empty cell is no data, not zero: the Lower Albert sensors had no figures on the first morning.
    assert ("188 Quay Street Lower Albert (EW)", datetime.datetime(2019, 1, 1, 6)) not in by_key
    assert by_key[("19 Shortland Street", datetime.datetime(2019, 1, 1, 6))].value == 22
    # The file's counting day runs from 6:00 to 5:59: its "2024-12-31, 0:00-0:59" is New Year's midnight.
    assert by_key[("107 Quay Street", datetime.datetime(2025, 1, 1, 0))].value == 1178
    assert by_key[("107 Quay Street", datetime.datetime(2024, 12, 31, 23))].value == 1015
    # 29 September 2024: the clocks went from 2:00 to 3:00, the hour that did not exist has no count (not a
    # made-up one), and the 6:00 line that the file labels "2024-09-28" follows 5:00 of the 29th.
    assert not [r for r in records if r.start == datetime.datetime(2024, 9, 29, 2)]
    assert by_key[("107 Quay Street", datetime.datetime(2024, 9, 29, 3))].value == 139
    assert by_key[("107 Quay Street", datetime.datetime(2024, 9, 28, 6))].value == 60
    assert by_key[("107 Quay Street", datetime.datetime(2024, 9, 29, 6))].value == 31
    # The corrected lines: the early hours of 2 January 2025.
    assert by_key[("107 Quay Street", datetime.datetime(2025, 1, 2, 4))].value == 1
    assert by_key[("107 Quay Street", datetime.datetime(2025, 1, 3, 4))].value == 10


def test_the_locations_file():
    points = read_points(shared_data() / "footfall_auckland_hotcity" / "locations.csv")
    assert len(points) == 21
    quay = next(p for p in points if p.name == "107 Quay Street")
    assert (quay.lat, quay.lon) == (-36.843015, 174.766494)


def _write(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_long_daily_file_with_semicolons_decimal_commas_and_windows_1252(tmp_path):
    path = _write(
        tmp_path / "tellingen.csv",
        "Telpunt;Datum;Aantal passanten\r\n"
        "Grote Markt;31-12-2024;1.234\r\n"
        "Grote Markt;01-01-2025;812,0\r\n"
        "Stationsstraat café-zijde;31-12-2024;\r\n"
        "Stationsstraat café-zijde;01-01-2025;97\r\n",
        encoding="cp1252",
    )
    records, points = read_footfall(path)
    assert [(r.point, r.start, r.resolution, r.value) for r in records] == [
        ("Grote Markt", datetime.datetime(2024, 12, 31), "day", 1234),
        ("Grote Markt", datetime.datetime(2025, 1, 1), "day", 812),
        ("Stationsstraat café-zijde", datetime.datetime(2025, 1, 1), "day", 97),
    ]
    assert [p.name for p in points] == ["Grote Markt", "Stationsstraat café-zijde"]


def test_a_long_hourly_file_with_coordinates_and_a_date_with_time(tmp_path):
    path = _write(
        tmp_path / "counts.csv",
        "point,timestamp,count,latitude,longitude\n"
        "Markt,2025-03-01 09:00,15,51.05,3.72\n"
        "Markt,2025-03-01 10:00,25,51.05,3.72\n",
    )
    records, points = read_footfall(path)
    assert [(r.start, r.resolution, r.value) for r in records] == [
        (datetime.datetime(2025, 3, 1, 9), "hour", 15),
        (datetime.datetime(2025, 3, 1, 10), "hour", 25),
    ]
    assert (points[0].lat, points[0].lon) == (51.05, 3.72)


def test_an_excel_file_in_wide_layout(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Datum", "Uur", "Markt", "Kerkstraat"])
    sheet.append([datetime.date(2025, 4, 1), "9:00-9:59", 12, None])
    sheet.append([datetime.date(2025, 4, 1), datetime.time(10), 14.0, 3])
    path = tmp_path / "tellingen.xlsx"
    workbook.save(path)
    records, points = read_footfall(path)
    assert [(r.point, r.start, r.value, r.where) for r in records] == [
        ("Markt", datetime.datetime(2025, 4, 1, 9), 12, "regel 2"),
        ("Markt", datetime.datetime(2025, 4, 1, 10), 14, "regel 3"),
        ("Kerkstraat", datetime.datetime(2025, 4, 1, 10), 3, "regel 3"),
    ]
    assert [p.name for p in points] == ["Markt", "Kerkstraat"]


def test_a_counting_day_past_midnight_and_a_line_out_of_order(tmp_path):
    path = _write(
        tmp_path / "tellingen.csv",
        "date,hour,Markt\n"
        "2025-06-06,22:00-22:59,40\n"
        "2025-06-06,23:00-23:59,30\n"
        "2025-06-06,0:00-0:59,20\n"
        "2025-06-06,1:00-1:59,10\n"
        "2025-06-07,10:00-10:59,5\n"
        "2025-06-07,9:00-9:59,4\n",
    )
    records, _points = read_footfall(path)
    assert [(r.start, r.value) for r in records] == [
        (datetime.datetime(2025, 6, 6, 22), 40),
        (datetime.datetime(2025, 6, 6, 23), 30),
        (datetime.datetime(2025, 6, 7, 0), 20),
        (datetime.datetime(2025, 6, 7, 1), 10),
        (datetime.datetime(2025, 6, 7, 10), 5),
        (datetime.datetime(2025, 6, 7, 9), 4),
    ]


def test_bad_counts_are_named_by_line_and_column(tmp_path):
    path = _write(
        tmp_path / "tellingen.csv",
        "datum;uur;Markt;Kerkstraat\n2025-04-01;9;12;-3\n2025-04-01;10;veel;4,5\n2025-04-01;25;1;1\n1-13-2025;9;1;1\n",
    )
    assert _rejected(path) == [
        "tellingen.csv, line 2, field “Kerkstraat”: -3 is negative: a count cannot be below zero",
        "tellingen.csv, line 3, field “Markt”: “veel” is not a whole number of passers-by",
        "tellingen.csv, line 3, field “Kerkstraat”: “4,5” is not a whole number of passers-by",
        "tellingen.csv, line 4, field “uur”: “25” is not an hour (write it as 9, 9:00 or 9:00-9:59)",
        "tellingen.csv, line 5, field “datum”: “1-13-2025” is not a date (write it as 31-12-2024 or 2024-12-31)",
    ]


def test_the_same_point_and_hour_twice_names_both_lines(tmp_path):
    path = _write(
        tmp_path / "tellingen.csv",
        "telpunt,datum,uur,aantal\n"
        "Markt,2024-10-20,1,5\n"
        "Markt,2024-10-20,2,7\n"
        "Kerkstraat,2024-10-20,2,3\n"
        "Markt,2024-10-20,2,6\n",
    )
    assert _rejected(path) == [
        "tellingen.csv, line 5: counting point “Markt” already has a count for 20-10-2024 02:00 on line 3"
    ]


def test_empty_garbage_and_unrecognised_files(tmp_path):
    assert _rejected(_write(tmp_path / "leeg.csv", "")) == ["leeg.csv: the file is empty"]
    assert _rejected(_write(tmp_path / "kop.csv", "Markt;Kerkstraat\n12;13\n")) == [
        "kop.csv, line 1: there is no column with the date (expected a heading such as “datum” or “date”)"
    ]
    binary = tmp_path / "foto.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    (message,) = _rejected(binary)
    assert message.startswith("foto.csv: ")
    fake = _write(tmp_path / "tellingen.xlsx", "PK\x03\x04 not really a zip")
    (message,) = _rejected(fake)
    assert message.startswith("tellingen.xlsx: this is not a valid Excel file")
    assert _rejected(_write(tmp_path / "alleen-kop.csv", "datum;uur;Markt\n")) == [
        "alleen-kop.csv: the file holds no counts"
    ]
    assert _rejected(tmp_path / "weg.csv") == ["weg.csv: the file does not exist (check the name and the folder)"]


def test_value_parsers():
    assert [parse_count(v) for v in ("94", "94.0", "94,0", "1.234", "1 234", 12.0, 7)] == [
        94,
        94,
        94,
        1234,
        1234,
        12,
        7,
    ]
    assert [parse_count(v) for v in ("4,5", "abc", "", 1.5, True)] == [None] * 5
    assert [parse_hour(v) for v in ("9", "09:00", "9:00-9:59", "09:00:00", "9-10 uur", "23", 0)] == [
        9,
        9,
        9,
        9,
        9,
        23,
        0,
    ]
    assert [parse_hour(v) for v in ("24", "9:30", "x", "")] == [None] * 4


def test_a_bad_locations_file(tmp_path):
    path = _write(tmp_path / "locaties.csv", "Address,Latitude,Longitude\nMarkt,51.05,3.72\nKerk,91,3.7\nMarkt,51,3\n")
    with translation.override("en"), pytest.raises(ImportRejected) as caught:
        read_points(path)
    assert [str(p) for p in caught.value.problems] == [
        "locaties.csv, line 3, field “Latitude”: 91 is outside -90 to 90 degrees",
        "locaties.csv, line 4, field “Address”: this counting point is listed twice",
    ]


def test_the_hour_the_clocks_repeat_in_autumn_is_added_up_in_a_wide_file(tmp_path):
    # 27 October 2024: in Belgium and the Netherlands 3:00 became 2:00 again, so 2:00 happened twice.
    path = tmp_path / "telling.csv"
    path.write_text(
        "datum;uur;Markt;Kerkstraat\n27-10-2024;1;4;5\n27-10-2024;2;10;20\n27-10-2024;2;5;\n27-10-2024;3;7;8\n",
        encoding="utf-8",
    )
    records, _points = read_footfall(path)
    two = {r.point: r for r in records if r.start == datetime.datetime(2024, 10, 27, 2)}
    assert (two["Markt"].value, two["Markt"].clock_back) == (15, True)
    assert (two["Kerkstraat"].value, two["Kerkstraat"].clock_back) == (20, False)  # no count on the second line
    assert len(records) == 6  # two points at 1:00, 2:00 and 3:00


def test_the_repeated_autumn_hour_in_a_long_file_and_what_stays_a_problem(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text(
        "telpunt;datum;uur;aantal\n"
        "Markt;27-10-2024;2;10\n"
        "Markt;27-10-2024;2;5\n"
        "Markt;27-10-2024;3;7\n"
        "Markt;27-10-2024;3;8\n",  # 3:00 happened once: a real repeat
        encoding="utf-8",
    )
    assert _rejected(path) == [
        "telling.csv, line 5: counting point “Markt” already has a count for 27-10-2024 03:00 on line 4"
    ]
    path.write_text(
        "telpunt;datum;uur;aantal\nMarkt;27-10-2024;2;10\nMarkt;27-10-2024;2;5\nMarkt;27-10-2024;2;1\n",
        encoding="utf-8",
    )
    # A third line for 2:00 is one too many.
    assert _rejected(path) == [
        "telling.csv, line 4: counting point “Markt” already has a count for 27-10-2024 02:00 on line 2"
    ]
    path.write_text("telpunt;datum;uur;aantal\nMarkt;27-10-2024;2;10\nMarkt;27-10-2024;2;5\n", encoding="utf-8")
    (record,), _points = read_footfall(path)
    assert (record.value, record.clock_back, record.where) == (15, True, "regel 2 + regel 3")


def test_two_lines_for_the_hour_the_spring_change_skips_are_not_added_up_but_each_refused(tmp_path):
    path = tmp_path / "telling.csv"
    path.write_text("telpunt;datum;uur;aantal\nMarkt;31-03-2024;2;10\nMarkt;31-03-2024;2;5\n", encoding="utf-8")
    skipped = "31-03-2024 02:00 does not exist in Europe/Brussels: the clocks went forward an hour"
    assert _rejected(path) == [
        f"telling.csv, line 2, field “uur”: {skipped}",
        f"telling.csv, line 3, field “uur”: {skipped}",
    ]
