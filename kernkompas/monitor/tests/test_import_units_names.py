"""``kernkompas import-units`` with names the branch list does not know (issue 11, problem 4).

On main the Flemish export was refused line by line ("“Frituur” is not a branch; …") with no way to say what the
names mean. Now the command lists each name once with its proposal and the options that resolve it, exits non-zero
in Dutch when a name is left open, and with --map / --create-branch / --accept-proposals imports the file using the
wizard's operation; the choices apply to the municipality's next file, and never to another's.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kernkompas.monitor.models import Branch, BranchAlias, Count, UnitState
from kernkompas.monitor.tests.flemish_files import flemish_xlsx, second_count
from kernkompas.places.models import Gebied, GebiedKind, Kern

AREA = "maasdijk/centrum/marktplein"


def run(*args, err=None) -> str:
    out = io.StringIO()
    call_command("import_units", *[str(a) for a in args], "--no-progress", stdout=out, stderr=err or io.StringIO())
    return out.getvalue()


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export-2025.xlsx"
    path.write_bytes(flemish_xlsx())
    return path


def test_unknown_names_are_listed_with_proposals_and_nothing_is_written(cast, export):
    with pytest.raises(CommandError) as refused:
        run(export, "--area", AREA, "--date", "2025-03-01")
    message = str(refused.value)
    assert "Er is niets geïmporteerd: het bestand gebruikt 4 namen die de lijst van branches niet kent" in message
    assert "“Frituur” (2 rijen): voorstel Fastservice en afhaal (fastservice)" in message
    assert '--create-branch "Nachtwinkel:dagelijks"' in message
    assert "“Apotheek” in “Diensten” (1 rij)" in message
    assert "--accept-proposals" in message
    assert not Count.objects.exists() and not BranchAlias.objects.exists()


def test_the_options_resolve_the_names_and_the_next_file_needs_none(cast, export, tmp_path):
    out = run(
        export, "--area", AREA, "--date", "2025-03-01",
        "--map", "Frituur=fastservice", "--create-branch", "Nachtwinkel:dagelijks",
        "--map", "Handelspand leeg=leegstand", "--create-branch", "Apotheek:diensten",
    )  # fmt: skip
    assert "Je keuzes voor 4 namen zijn bewaard voor de volgende bestanden van Maasdijk." in out
    state = UnitState.objects.get(unit__house_number="6 bus 1")
    assert (state.group.code, state.branch.gemeente) == ("diensten", cast.maasdijk)  # followed the file
    assert UnitState.objects.get(unit__house_number="4").branch.name == "Nachtwinkel"
    assert UnitState.objects.filter(group__code="leegstand").count() == 2

    second = tmp_path / "export-2026.xlsx"
    second.write_bytes(second_count())
    err = io.StringIO()  # a script that passes the same options again: they are not needed, and not an error
    out = run(second, "--area", AREA, "--date", "2026-03-01", "--map", "Frituur=fastservice", err=err)
    assert "4 namen herkend uit je eerdere keuzes." in out
    assert "“Frituur” is geen onbekende naam in dit bestand; de optie is niet gebruikt" in err.getvalue()
    assert UnitState.objects.filter(count__date="2026-03-01", group__code="leegstand").count() == 3


def test_accept_proposals_takes_every_proposal(cast, export):
    run(export, "--area", AREA, "--date", "2025-03-01", "--accept-proposals")
    assert UnitState.objects.get(unit__house_number="2").branch.code == "fastservice"
    assert UnitState.objects.get(unit__house_number="4").branch.code == "supermarkt"
    assert UnitState.objects.get(unit__house_number="6 bus 1").branch.code == "apotheek"  # followed the list
    assert BranchAlias.objects.filter(gemeente=cast.maasdijk).count() == 4


def test_a_dry_run_uses_the_choices_but_keeps_nothing(cast, export):
    out = run(export, "--area", AREA, "--date", "2025-03-01", "--accept-proposals", "--dry-run")
    assert "niet bewaard: --dry-run" in out and "Er is niets opgeslagen (--dry-run)" in out
    assert not BranchAlias.objects.exists() and not Count.objects.exists()


def test_an_unknown_target_is_named(cast, export):
    with pytest.raises(CommandError, match="“Frituur”: “snackbar” is geen branche of branchegroep"):
        run(export, "--area", AREA, "--date", "2025-03-01", "--accept-proposals", "--map", "Frituur=snackbar")
    assert not BranchAlias.objects.exists()


def test_another_municipality_s_choices_never_apply(cast, export, tmp_path):
    """Veldrode resolved the same names; Maasdijk's file is still refused and Veldrode's branch is not used."""
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode", slug="centrum")
    Gebied.objects.create(kern=kern, name="Markt", slug="markt", kind=GebiedKind.KERNWINKELGEBIED)
    run(export, "--area", "veldrode/centrum/markt", "--date", "2025-03-01", "--accept-proposals",
        "--create-branch", "Nachtwinkel:dagelijks")  # fmt: skip
    assert Branch.objects.filter(gemeente=cast.veldrode, name="Nachtwinkel").exists()
    with pytest.raises(CommandError, match="4 namen"):
        run(export, "--area", AREA, "--date", "2025-03-01")
    run(export, "--area", AREA, "--date", "2025-03-01", "--accept-proposals")
    assert UnitState.objects.get(count__gebied=cast.markt, unit__house_number="4").branch.code == "supermarkt"
