"""The names of a file the taxonomy does not know (monitor/vocabulary.py) and the operation that resolves them
(monitor/actions/vocabulary.py), below the wizard and the command line."""

from __future__ import annotations

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.vocabulary import NEW, Choice, ChoiceError, resolve_names
from kernkompas.monitor.importers.detect import read_table_of
from kernkompas.monitor.models import Branch, BranchAlias, FunctionGroup
from kernkompas.monitor.taxonomy import Resolver, UnknownFunction
from kernkompas.monitor.vocabulary import scan


def table(tmp_path, text: str):
    path = tmp_path / "panden.csv"
    path.write_bytes(text.encode("cp1252"))
    return read_table_of(path)


def test_an_unknown_group_and_its_unknown_branch_are_asked_at_once(cast, tmp_path):
    found = scan(
        table(tmp_path, "Straat;Nr;Groep;Branche\r\nMarkt;1;Vrije beroepen;Notariskantoor\r\n"), None, cast.maasdijk
    )
    assert [(n.kind, n.text) for n in found.unknown] == [("group", "Vrije beroepen"), ("branch", "Notariskantoor")]


def test_a_new_group_with_its_sector_is_made_for_the_municipality_only(cast, tmp_path):
    report = scan(table(tmp_path, "Straat;Nr;Groep\r\nMarkt;1;Vrije beroepen\r\n"), None, cast.maasdijk)
    (name,) = report.unknown
    resolve_names(cast.maasdijk, [Choice(name, NEW, new_sector="diensten")], by=cast.ellen)
    group = FunctionGroup.objects.get(gemeente=cast.maasdijk, name="Vrije beroepen")
    assert (group.code, group.sector) == ("vrije-beroepen", "diensten")
    assert Resolver(cast.maasdijk).resolve("VRIJE beroepen", "") == ("vrije-beroepen", "")
    with pytest.raises(UnknownFunction):
        Resolver(cast.veldrode).resolve("Vrije beroepen", "")
    assert AuditEvent.objects.filter(action="monitor.functiongroup_created", gemeente=cast.maasdijk).exists()


def test_a_branch_name_in_the_group_column_can_mean_a_branch(cast, tmp_path):
    report = scan(table(tmp_path, "Straat;Nr;Functie\r\nMarkt;1;Frituur\r\n"), None, cast.maasdijk)
    (name,) = report.unknown
    assert (name.kind, name.proposal) == ("group", "b:fastservice")
    resolve_names(cast.maasdijk, [Choice(name, name.proposal)], by=None)
    resolver = Resolver(cast.maasdijk)
    assert resolver.resolve("Frituur", "") == ("leisure", "fastservice")
    assert resolver.alias_hits == {("frituur", "")}


def test_a_choice_that_cannot_be_carried_out_saves_none_of_them(cast, tmp_path):
    report = scan(table(tmp_path, "Straat;Nr;Branche\r\nMarkt;1;Frituur\r\nMarkt;2;Wassalon\r\n"), None, cast.maasdijk)
    first, second = report.unknown
    with pytest.raises(ChoiceError, match="Wassalon"):
        resolve_names(cast.maasdijk, [Choice(first, first.proposal), Choice(second, "b:bestaat-niet")], by=None)
    assert not BranchAlias.objects.exists()


def test_a_branch_alias_still_meets_a_conflicting_group(cast):
    """Frituur means Fastservice (Leisure/horeca); a file that puts it under Dagelijks is asked about again."""
    fastservice = Branch.objects.get(code="fastservice")
    BranchAlias.objects.create(
        gemeente=cast.maasdijk, branch_key="frituur", source_text="Frituur", group=fastservice.group, branch=fastservice
    )
    resolver = Resolver(cast.maasdijk)
    assert resolver.resolve("Horeca", "Frituur") == ("leisure", "fastservice")
    with pytest.raises(UnknownFunction) as conflict:
        resolver.resolve("Dagelijks", "Frituur")
    assert conflict.value.kind == "conflict"
