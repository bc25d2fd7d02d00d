"""The personal-data commands find a property owner who is only an owner contact by exact name too, not only by
e-mail address; a name never finds or touches an account."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from kernkompas.accounts.models import User
from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import OwnerRecord
from kernkompas.monitor.models import OwnerContact
from kernkompas.monitor.tests.fixture_counts import DATES, count_1

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners(cast):
    records = count_1()  # U5 is owned by Piet de Vries, piet@example.org
    records[0].owner = OwnerRecord("Bram")  # a contact without address, named like the account holder Bram
    import_units(cast.markt, records, count_date=DATES[0], file_name="a.csv", sha256="a", format="csv")
    return cast


def test_an_owner_is_exported_by_exact_name_in_any_case(owners, capsys):
    call_command("export_personal_data", "  piet DE vries ")
    result = json.loads(capsys.readouterr().out)
    assert result["name"] == "piet DE vries"
    assert "email" not in result and list(result["data"]) == ["monitor.OwnerContact"]
    assert [(c["name"], c["email"], c["unit"]) for c in result["data"]["monitor.OwnerContact"]] == [
        ("Piet de Vries", "piet@example.org", "Markt 5")
    ]
    assert AuditEvent.objects.filter(action="personal_data.exported", gemeente=owners.maasdijk).exists()


def test_an_owner_is_erased_by_exact_name_after_confirmation(owners, capsys):
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_personal_data", "Piet de Vries")
    assert OwnerContact.objects.filter(name="Piet de Vries").exists()

    call_command("delete_personal_data", "Piet de Vries", "--yes")
    out = capsys.readouterr().out
    assert "Piet de Vries" in out and "monitor.OwnerContact: 1" in out
    assert not OwnerContact.objects.filter(name="Piet de Vries").exists()
    assert OwnerContact.objects.filter(name="Bram").exists()
    assert AuditEvent.objects.filter(action="personal_data.erased", gemeente=owners.maasdijk).exists()
    with pytest.raises(CommandError, match="Piet de Vries"):
        call_command("export_personal_data", "Piet de Vries")


def test_a_name_erases_the_owner_contact_but_never_an_account(owners):
    call_command("delete_personal_data", "Bram", "--yes")
    assert not OwnerContact.objects.filter(name="Bram").exists()
    assert User.objects.filter(email="bram@example.org").exists()


@pytest.mark.parametrize("command", ["export_personal_data", "delete_personal_data"])
def test_a_partial_name_matches_nobody_and_says_so(owners, command):
    args = ["--yes"] if command == "delete_personal_data" else []
    with pytest.raises(CommandError, match="“Piet”"):
        call_command(command, "Piet", *args)
    assert OwnerContact.objects.count() == 2


@pytest.mark.parametrize("command", ["export_personal_data", "delete_personal_data"])
def test_an_unknown_address_matches_nobody_and_says_so(owners, command):
    args = ["--yes"] if command == "delete_personal_data" else []
    with pytest.raises(CommandError, match="niemand@example.org"):
        call_command(command, "niemand@example.org", *args)
    assert OwnerContact.objects.count() == 2
