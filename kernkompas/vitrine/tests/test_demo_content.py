"""The demo cases are data (kernkompas/vitrine/demo/cases/*.yaml): they load into valid DemoCases, and a broken
file stops the demo with a message that names the file and what is wrong in it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from kernkompas.vitrine.demo.content import DEMO_FOLDER, DemoCase, DemoContentError, read_demo_cases, rich_text

SHIPPED = DEMO_FOLDER / "cases"
REQUIRED = [f.name for f in dataclasses.fields(DemoCase) if f.default is dataclasses.MISSING]
FIRST = "demo-pop-ups-in-lege-panden-veldrode"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A demo folder with one shipped case in it, to break."""
    (tmp_path / "cases").mkdir()
    shutil.copy(SHIPPED / f"{FIRST}.yaml", tmp_path / "cases")
    (tmp_path / "cases.yaml").write_text(f"order:\n  - {FIRST}\n", encoding="utf-8")
    return tmp_path


def case_file(folder: Path) -> Path:
    return folder / "cases" / f"{FIRST}.yaml"


def edit(folder: Path, old: str, new: str) -> None:
    path = case_file(folder)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_shipped_file_loads_into_a_case_with_every_required_field_and_a_unique_slug():
    cases = read_demo_cases(DEMO_FOLDER)
    assert len(cases) == len(list(SHIPPED.glob("*.yaml"))) >= 40
    assert len({case.slug for case in cases}) == len(cases)
    for case in cases:
        assert (SHIPPED / f"{case.slug}.yaml").exists()
        for name in REQUIRED:
            assert getattr(case, name) not in ("", (), None), f"{case.slug}: {name} is empty"


def test_the_first_case_reads_as_it_is_written():
    case = read_demo_cases(DEMO_FOLDER)[0]
    assert case.slug == FIRST and case.year_started == 2022 and case.gallery == 2
    assert case.key_figures[0] == ("6", "pop-ups in het eerste jaar")
    assert case.concept.startswith("<p>Eigenaars van lege handelspanden stellen hun pand drie tot zes maanden ter ")
    assert "ter beschikking aan een starter tegen enkel de vaste kosten." in case.concept  # wrapped lines joined
    assert case.approach.startswith("<ul><li>De dienst economie belde alle eigenaars")
    assert case.dos[0] == "Werk met een modelcontract dat eigenaars vooraf door hun notaris kunnen laten lezen."


def test_rich_text_has_paragraphs_between_blank_lines_and_lists_of_lines_beginning_with_a_dash():
    source = "Eerste alinea\nloopt door.\n\n- een punt\n  dat doorloopt\n- nog een punt\n\nSlot, <strong>vet</strong>."
    assert rich_text(source) == (
        "<p>Eerste alinea loopt door.</p><ul><li>een punt dat doorloopt</li><li>nog een punt</li></ul>"
        "<p>Slot, <strong>vet</strong>.</p>"
    )


def refused(folder: Path) -> str:
    with pytest.raises(DemoContentError) as error:
        read_demo_cases(folder)
    return str(error.value)


def test_a_file_that_is_not_valid_yaml_is_named_with_the_line_and_column(folder):
    edit(folder, "place_name: Veldrode, Dorpsplein", "place_name: [Veldrode, Dorpsplein")
    message = refused(folder)
    assert message.startswith(f"{case_file(folder)}: not valid YAML (line ")
    assert "column" in message


def test_a_missing_field_is_named_with_the_file(folder):
    edit(folder, "title: Pop-ups vullen lege panden rond het Dorpsplein\n", "")
    assert refused(folder) == f"{case_file(folder)}: the field “title” is missing"


def test_an_unknown_field_such_as_a_typo_is_named(folder):
    edit(folder, "summary:", "sumary:")
    message = refused(folder)
    assert message.startswith(f"{case_file(folder)}: ")
    assert "unknown field “sumary”" in message and "the field “summary” is missing" in message


def test_a_value_of_the_wrong_kind_is_named_with_what_was_expected(folder):
    edit(folder, 'value: "6"', "value: 6")
    edit(folder, "year_started: 2022", "year_started: twintig")
    message = refused(folder)
    assert "“year_started” should be a whole number" in message
    assert "“key_figures” should have a value and a label in text" in message


def test_a_slug_that_differs_from_the_file_name_is_refused(folder):
    edit(folder, f"slug: {FIRST}", "slug: demo-iets-anders")
    assert "differs from the file name: call the file demo-iets-anders.yaml" in refused(folder)


def test_a_file_missing_from_the_order_and_an_order_without_its_file_are_refused(folder):
    extra = folder / "cases" / "demo-nieuw.yaml"
    shutil.copy(case_file(folder), extra)
    assert refused(folder) == f"{extra}: not listed in {folder / 'cases.yaml'}; add its name where it should load"
    extra.unlink()
    (folder / "cases.yaml").write_text(f"order:\n  - {FIRST}\n  - demo-weg\n", encoding="utf-8")
    assert "lists “demo-weg” but there is no file" in refused(folder)


def test_a_case_listed_twice_is_refused(folder):
    (folder / "cases.yaml").write_text(f"order:\n  - {FIRST}\n  - {FIRST}\n", encoding="utf-8")
    assert refused(folder) == f"{folder / 'cases.yaml'}: “{FIRST}” is listed more than once"
