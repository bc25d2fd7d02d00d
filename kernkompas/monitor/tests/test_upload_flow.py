"""Ellen brings Maasdijk's Excel export of the Marktplein into the register through the wizard: a misspelt header is
matched, one bad row is named by line and field, the corrected file is imported, and doing it again changes
nothing. Footfall files go the same way without the column step."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from kernkompas.monitor import upload_views
from kernkompas.monitor.models import Count, FootfallCount, ImportRun, PendingUpload, UnitState
from kernkompas.monitor.tests.test_upload_views import url

HEADER = "Pandnr;Adress;Postcode;Plaats;Branchegroep;Branche;Uithangbord;Opervlakte WVO;Latitude;Longitude"
ROWS_2024 = [
    "P1;Markt 1;3600;Maasdijk;Dagelijks;Bakker;Bakkerij Hélène;85,5;51,150;5,350",
    "P2;Markt 2;3600;Maasdijk;Mode & Luxe;Kleding;Modehuis Émile;120;51,151;5,351",
    "P3;Markt 3;3600;Maasdijk;Leegstand;;;200;51,152;5,352",
    "P4;Markt 4;3600;Maasdijk;Vrije tijd;Boeken;Boekhandel De Kern;{area};51,153;5,353",
    "P5;Markt 5;3600;Maasdijk;Leegstand;;;60;51,154;5,354",
]
MAPPING = {
    "external_id": "Pandnr",
    "address": "Adress",
    "postcode": "Postcode",
    "place": "Plaats",
    "group": "Branchegroep",
    "branch": "Branche",
    "occupant": "Uithangbord",  # no header synonym: the officer chooses it
    "floor_area": "Opervlakte WVO",
    "lat": "Latitude",
    "lon": "Longitude",
}


def excel_csv(rows: list[str], **values) -> bytes:
    """As Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)": semicolons, Windows-1252, CRLF."""
    return ("\r\n".join([HEADER, *rows]).format(**values) + "\r\n").encode("cp1252")


BAD = excel_csv(ROWS_2024, area="12,5,0")  # line 5: not a number
GOOD = excel_csv(ROWS_2024, area="45")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"


def start(client, area, content: bytes, count_date="2024-03-01", name="panden.csv"):
    response = client.post(
        url("upload", area),
        {"kind": "units", "count_date": count_date, "file": SimpleUploadedFile(name, content, "text/csv")},
    )
    assert response.status_code == 302, response.content.decode()
    return PendingUpload.objects.latest("pk"), response


def map_columns(client, area, pending, mapping=MAPPING):
    data = {f"column_{name}": header for name, header in mapping.items()}
    return client.post(url("upload_columns", area, pk=pending.pk), data)


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_misspelt_header_is_matched_and_the_first_rows_are_shown(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, BAD)
    response = client.get(url("upload_columns", cast.markt, pk=pending.pk))
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    assert form["column_address"].value() == "Adress"
    assert form["column_floor_area"].value() == "Opervlakte WVO"
    assert form["column_group"].value() == "Branchegroep"
    assert not form["column_occupant"].value()  # "Uithangbord" means nothing to the proposer
    assert "Bakkerij Hélène" in html and "85,5" in html  # decoded from Windows-1252, shown as written
    assert '<label for="id_column_group">' in html
    assert [number for number, _ in response.context["preview"]] == [2, 3, 4, 5, 6]


def test_a_required_field_without_a_column_is_named_in_the_error_summary(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    response = map_columns(client, cast.markt, pending, {**MAPPING, "group": "", "branch": ""})
    assert response.status_code == 200
    assert 'href="#id_column_group"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.mapping == {}


def test_the_branch_alone_is_enough_as_on_the_command_line(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    response = map_columns(client, cast.markt, pending, {**MAPPING, "group": ""})
    assert response.status_code == 302, response.content.decode()
    check = client.get(url("upload_check", cast.markt, pk=pending.pk))
    # Leegstand rows have no branch: this file cannot do without its group column after all, and says where.
    assert [str(p) for p in check.context["problems"]][:1] == [
        "panden.csv, regel 4, veld “Branche”: er is geen branchegroep en geen branche opgegeven"
    ]


def test_one_column_cannot_hold_two_fields(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    response = map_columns(client, cast.markt, pending, {**MAPPING, "occupant": "Branche"})
    assert response.status_code == 200
    assert "Branche" in response.context["form"].errors["column_occupant"][0]


def test_the_officer_sees_the_bad_row_fixes_it_imports_and_lands_on_the_dashboard(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, BAD)
    response = map_columns(client, cast.markt, pending)
    assert response["Location"] == url("upload_check", cast.markt, pk=pending.pk)
    pending.refresh_from_db()
    assert pending.mapping == MAPPING

    # Step 3: the bad row, by line and by the column name of the file; nothing written.
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    problems = response.context["problems"]
    assert len(problems) == 1
    assert problems[0].where == "regel 5"
    assert problems[0].field == "Opervlakte WVO"
    html = response.content.decode()
    assert 'href="#problem-1"' in html and 'id="problem-1"' in html
    assert not Count.objects.exists()
    assert client.post(url("upload_confirm", cast.markt, pk=pending.pk)).status_code == 200  # refused again
    assert not Count.objects.exists()

    # A corrected file keeps the mapping and the count date.
    fixed = SimpleUploadedFile("panden-verbeterd.csv", GOOD, "text/csv")
    response = client.post(url("upload_replace", cast.markt, pk=pending.pk), {"file": fixed})
    assert response["Location"] == url("upload_check", cast.markt, pk=pending.pk)
    response = client.get(response["Location"])
    assert response.context["problems"] == []
    assert len(response.context["records"]) == 5
    pending.refresh_from_db()
    assert pending.mapping == MAPPING and pending.file_name == "panden-verbeterd.csv"

    # Step 4: import and go to the dashboard, with what happened.
    response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert response.status_code == 302
    assert response["Location"] == upload_views.dashboard_url(cast.markt)
    (message,) = [m for m in texts(response) if "5" in m]
    assert "01-03-2024" in message or "1-3-2024" in message or "2024" in message
    count = Count.objects.get(gebied=cast.markt)
    assert count.date == datetime.date(2024, 3, 1)
    states = {s.unit.external_id: s for s in UnitState.objects.filter(count=count).select_related("unit", "group")}
    assert sorted(states) == ["P1", "P2", "P3", "P4", "P5"]
    assert states["P1"].occupant == "Bakkerij Hélène"
    assert states["P1"].floor_area in (85, 86)  # 85,5 m², whole square metres
    assert states["P3"].is_vacant
    run = ImportRun.objects.get()
    assert run.created_by == cast.ellen and run.file_name == "panden-verbeterd.csv" and run.created == 5
    assert not PendingUpload.objects.exists()


def test_importing_the_same_count_twice_changes_nothing_and_says_so(client, cast):
    client.force_login(cast.ellen)
    for attempt in range(2):
        pending, _ = start(client, cast.markt, GOOD)
        map_columns(client, cast.markt, pending)
        check = client.get(url("upload_check", cast.markt, pk=pending.pk))
        assert check.context["already_imported"] is bool(attempt)
        response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert gettext("This count was imported before; nothing has changed.") in texts(response)
    assert UnitState.objects.count() == 5


def test_a_second_count_a_year_later_is_a_new_count_of_the_same_units(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    map_columns(client, cast.markt, pending)
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    later = [
        ROWS_2024[0].replace("Dagelijks;Bakker;Bakkerij Hélène", "Leegstand;;"),  # the bakery closed
        ROWS_2024[1],
        ROWS_2024[2].replace("Leegstand;;", "Vrije tijd;Sport;Sportzaak Loop"),  # the empty shop opened
        ROWS_2024[3],
        ROWS_2024[4],
    ]
    pending, _ = start(client, cast.markt, excel_csv(later, area="45"), count_date="2025-03-05")
    map_columns(client, cast.markt, pending)
    response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert response.status_code == 302
    assert list(Count.objects.filter(gebied=cast.markt).values_list("date", flat=True)) == [
        datetime.date(2024, 3, 1),
        datetime.date(2025, 3, 5),
    ]
    second = Count.objects.get(date=datetime.date(2025, 3, 5))
    assert second.states.count() == 5
    assert second.states.filter(is_vacant=True).count() == 2
    churn = second.indicators.values["churn"]
    assert churn["openings"] == 1 and churn["closures"] == 1


def test_a_footfall_file_is_checked_and_imported_without_a_column_step(client, cast):
    client.force_login(cast.ellen)
    content = b"date,hour,year,Markt Noord\r\n2025-03-01,9:00-9:59,2025,120\r\n2025-03-01,10:00-10:59,2025,245\r\n"
    response = client.post(
        url("upload", cast.markt),
        {"kind": "footfall", "count_date": "", "file": SimpleUploadedFile("passanten.csv", content, "text/csv")},
    )
    pending = PendingUpload.objects.get()
    assert response["Location"] == url("upload_check", cast.markt, pk=pending.pk)
    check = client.get(response["Location"])
    assert check.context["problems"] == [], [str(p) for p in check.context["problems"]]
    response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert response.status_code == 302
    assert sorted(FootfallCount.objects.values_list("value", flat=True)) == [120, 245]


def test_a_corrected_file_for_the_same_count_date_says_what_changed(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    map_columns(client, cast.markt, pending)
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    corrected = excel_csv([ROWS_2024[0].replace("85,5", "90"), *ROWS_2024[1:]], area="45")
    pending, _ = start(client, cast.markt, corrected)
    map_columns(client, cast.markt, pending)
    response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    message = texts(response)[-1]
    # 5 units: none new in the register, all 5 recognised, none changed since a previous count (there is none);
    # the count existed: 0 added, 1 corrected, 4 the same.
    assert re.search(r"\b5\b\D+\b0\b\D+\b5\b\D+\b0\b\D+\b0\b\D+\b1\b\D+\b4\b", message), message
    assert UnitState.objects.get(unit__external_id="P1").floor_area == 90


def test_the_check_step_shows_the_units_per_function_group(client, cast):
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    map_columns(client, cast.markt, pending)
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    assert response.context["summary"] == [("Dagelijks", 1), ("Mode & Luxe", 1), ("Vrije tijd", 1), ("Leegstand", 2)]
    assert gettext("Units per function group") in response.content.decode()


OSM_XML = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="JOSM">
  <node id="1" lat="51.151" lon="5.351" version="1"><tag k="shop" v="bakery"/><tag k="name" v="Bakkerij Hélène"/></node>
  <node id="2" lat="51.152" lon="5.352" version="1"><tag k="shop" v="vacant"/></node>
  <node id="3" lat="51.159" lon="5.359" version="1"><tag k="amenity" v="cafe"/><tag k="name" v="Buiten"/></node>
  <node id="4" lat="50.850" lon="4.350" version="1"><tag k="shop" v="books"/><tag k="name" v="Ver weg"/></node>
</osm>
"""


def test_an_openstreetmap_extract_is_cut_to_the_area_and_the_check_step_says_so(client, cast):
    cast.markt.set_geometry(
        {
            "type": "Polygon",
            "coordinates": [[[5.35, 51.15], [5.355, 51.15], [5.355, 51.155], [5.35, 51.155], [5.35, 51.15]]],
        }
    )
    cast.markt.save()
    client.force_login(cast.ellen)
    pending, response = start(client, cast.markt, OSM_XML.encode(), name="limburg.osm")
    check = client.get(url("upload_check", cast.markt, pk=pending.pk))
    assert check.context["problems"] == [], [str(p) for p in check.context["problems"]]
    assert "2 objecten buiten Marktplein zijn weggelaten; panden erbinnen: 2." in texts(check)
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    states = UnitState.objects.filter(count__gebied=cast.markt).select_related("unit")
    assert sorted((s.unit.external_id, s.is_vacant) for s in states) == [("node/1", False), ("node/2", True)]
