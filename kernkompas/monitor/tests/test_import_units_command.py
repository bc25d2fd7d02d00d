"""``kernkompas import-units``: from a municipality's file to a count, and refusals that write nothing."""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from kernkompas.cli import main
from kernkompas.monitor.models import Count, ImportRun, OwnerContact, Unit, UnitState

FILES = Path(__file__).parent / "files"
AREA = "maasdijk/centrum/marktplein"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_units", *[str(a) for a in args], "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fingerprint(gebied) -> list:
    """Everything an import writes for an area, to compare before and after."""
    units = list(
        Unit.objects.filter(gebied=gebied)
        .order_by("pk")
        .values_list("pk", "external_id", "street", "house_number", "postcode", "lat", "lon", "geometry")
    )
    states = list(
        UnitState.objects.filter(count__gebied=gebied)
        .order_by("pk")
        .values_list("pk", "unit_id", "group__code", "branch__code", "floor_area", "occupant", "is_chain",
                     "occupied_since", "vacant_since")
    )  # fmt: skip
    contacts = list(OwnerContact.objects.filter(unit__gebied=gebied).order_by("pk").values_list("pk", "name", "email"))
    counts = list(Count.objects.filter(gebied=gebied).values_list("pk", "date"))
    return [units, states, contacts, counts]


@pytest.mark.django_db
def test_import_an_excel_nl_csv_then_the_same_file_again_changes_nothing(cast):
    out, err = run(FILES / "winkels_excel_nl.csv", "--area", AREA, "--date", "2024-12-31")
    assert "Count of 31-12-2024 for Marktplein" in out
    assert "6 units: 6 new, 0 recognised, 0 changed." in out
    assert err == ""
    count = Count.objects.get(gebied=cast.markt)
    assert count.date == datetime.date(2024, 12, 31)
    states = {s.unit.external_id: s for s in UnitState.objects.filter(count=count).select_related("unit", "group")}
    assert set(states) == {"MD-001", "MD-002", "MD-003", "MD-004", "MD-005", "MD-006"}
    assert states["MD-001"].floor_area == 1250
    assert states["MD-001"].branch.code == "supermarkt"
    assert states["MD-004"].is_vacant
    assert states["MD-004"].unit.house_number == "12 bus 2"
    assert states["MD-003"].occupant == "Café De Zwaan"
    assert OwnerContact.objects.get(unit__external_id="MD-001").email == "info@maes.example"
    before = fingerprint(cast.markt)

    out, _err = run(FILES / "winkels_excel_nl.csv", "--area", AREA, "--date", "31-12-2024")
    assert (
        "6 units: 0 new, 6 recognised, 0 changed. This count existed already: 0 added, 0 corrected, 6 unchanged." in out
    )
    assert fingerprint(cast.markt) == before
    assert ImportRun.objects.filter(gebied=cast.markt).count() == 2


@pytest.mark.django_db
def test_excel_and_geojson_of_the_same_units_match_the_units_of_the_csv(cast):
    run(FILES / "winkels_excel_nl.csv", "--area", AREA, "--date", "2024-12-31")
    out, _ = run(FILES / "winkels.xlsx", "--area", AREA, "--date", "2024-12-31")
    assert "6 units: 0 new, 6 recognised" in out
    assert Unit.objects.filter(gebied=cast.markt).count() == 6
    out, _ = run(FILES / "panden_rd_new.geojson", "--area", AREA, "--date", "2025-12-31")
    # A new count of the same premises: all recognised, none new in the register, all four added to the count.
    assert "4 units: 0 new, 4 recognised, " in out
    assert Unit.objects.filter(gebied=cast.markt).count() == 6  # the same premises, matched by their own id
    outlined = Unit.objects.get(gebied=cast.markt, external_id="MD-001")
    assert outlined.geometry["type"] == "Polygon"
    assert outlined.lat == pytest.approx(51.1401, abs=2e-6)


@pytest.mark.django_db
def test_a_refused_file_writes_nothing_and_lists_every_problem(cast, tmp_path):
    run(FILES / "winkels_excel_nl.csv", "--area", AREA, "--date", "2024-12-31")
    before = fingerprint(cast.markt)
    runs = ImportRun.objects.count()
    text = (FILES / "winkels_excel_nl.csv").read_bytes().decode("cp1252")
    text = text.replace("1.250,5", "12,5,0").replace("Leegstand", "Snoepwinkel")
    path = tmp_path / "winkels_2025.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(CommandError) as caught:
        run(path, "--area", AREA, "--date", "2025-12-31")
    message = str(caught.value)
    # An unknown group name is a choice to make (issue 11), listed first; the other problems follow.
    assert message.startswith("Nothing was imported: the file uses 1 name that the list of branches does not know")
    assert '- “Snoepwinkel” (1 row): no similar branch found; --map "Snoepwinkel=GROUP"' in message
    assert "Nothing was imported. Fix these problems and run the command again:" in message
    assert f"- {path.name}, line 2, field “WVO”: “12,5,0” is not a number" in message
    assert fingerprint(cast.markt) == before
    assert ImportRun.objects.count() == runs


@pytest.mark.django_db
def test_the_problems_are_dutch_and_the_exit_code_is_1(cast, tmp_path, capsys, monkeypatch):
    from django.db import connections

    # run_from_argv closes the connections when it ends, which would end the test's transaction on PostgreSQL.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    path = tmp_path / "telling.csv"
    path.write_bytes("Adress;Functie;Oppervlakte\r\nMarkt 1;Dagelijks;12,5,0\r\n".encode("cp1252"))
    with translation.override("nl"), pytest.raises(SystemExit) as caught:
        main(["import-units", str(path), "--area", AREA, "--date", "2024-12-31"])
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert "telling.csv, regel 2, veld “Oppervlakte”" in err
    assert not Count.objects.exists()


@pytest.mark.django_db
def test_without_a_date_the_count_is_today_with_a_notice(cast):
    out, err = run(FILES / "winkels_excel_nl.csv", "--area", AREA)
    today = timezone.localdate()
    assert f"No --date given: the count is dated today, {today:%d-%m-%Y}" in err
    assert Count.objects.get(gebied=cast.markt).date == today


@pytest.mark.django_db
def test_dry_run_checks_and_writes_nothing(cast):
    out, _ = run(FILES / "winkels.xlsx", "--area", str(cast.markt.pk), "--date", "2024-12-31", "--dry-run")
    assert "The file is fine: 6 units for Marktplein" in out
    assert not Unit.objects.exists() and not Count.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_an_explicit_mapping(cast, tmp_path):
    path = tmp_path / "eigen.csv"
    path.write_text("Code;Soort;Opp;Naam\nA1;Horeca;80;De Kroon\nA2;Leeg;;\n", encoding="utf-8")
    out, _ = run(
        path, "--area", AREA, "--date", "2024-12-31", "--mapping", "external_id=Code,group=Soort,floor_area=Opp"
    )
    assert "2 units: 2 new, 0 recognised" in out
    state = UnitState.objects.get(unit__external_id="A1")
    assert (state.group.code, state.floor_area, state.occupant) == ("leisure", 80, "De Kroon")
    with pytest.raises(CommandError, match="--mapping: “soort=Soort” is not field=Header"):
        run(path, "--area", AREA, "--mapping", "soort=Soort")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("area", "message"),
    [
        ("maasdijk/centrum/nergens", "there is no such area (areas of maasdijk/centrum: marktplein)"),
        ("maasdijk/marktplein", "write municipality/core/area"),
        ("999999", "There is no area with number 999999."),
    ],
)
def test_unknown_areas(cast, area, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(FILES / "winkels.xlsx", "--area", area, "--date", "2024-12-31")


@pytest.mark.django_db
def test_bad_dates_and_missing_files(cast, tmp_path):
    with pytest.raises(CommandError, match="--date: “2024-13-45” is not an existing date"):
        run(FILES / "winkels.xlsx", "--area", AREA, "--date", "2024-13-45")
    future = timezone.localdate() + datetime.timedelta(days=30)
    with pytest.raises(CommandError, match="lies in the future"):
        run(FILES / "winkels.xlsx", "--area", AREA, "--date", future.isoformat())
    with pytest.raises(CommandError, match="the file does not exist"):
        run(tmp_path / "weg.csv", "--area", AREA, "--date", "2024-12-31")


@pytest.mark.django_db
def test_a_progress_bar_for_long_files(cast, tmp_path, monkeypatch):
    from kernkompas.monitor.management.commands import import_units

    monkeypatch.setattr(import_units, "PROGRESS_FROM_BYTES", 100)
    lines = ["Id;Straat;Huisnummer;Functie;WVO"]
    lines += [f"P{i};Markt;{i};Dagelijks;{50 + i % 100}" for i in range(1, 12_001)]
    path = tmp_path / "lang.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    call_command("import_units", str(path), "--area", AREA, "--date", "2024-12-31", stdout=out, stderr=err)
    assert "12000 units: 12000 new, 0 recognised" in out.getvalue()
    progress = err.getvalue()
    assert "checking" in progress and "12000/12000" in progress
    assert "writing 12000 units" in progress
