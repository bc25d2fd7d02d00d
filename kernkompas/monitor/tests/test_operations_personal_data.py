"""Owner contacts in the personal-data commands: a property owner without an account, and one with."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import OwnerRecord
from kernkompas.monitor.models import OwnerContact
from kernkompas.monitor.tests.fixture_counts import DATES, count_1

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners(cast):
    records = count_1()  # U5 is owned by Piet de Vries, piet@example.org
    records[0].owner = OwnerRecord("Bram", email="bram@example.org")  # an owner who also has an account
    import_units(cast.markt, records, count_date=DATES[0], file_name="a.csv", sha256="a", format="csv")


def test_export_of_an_owner_without_an_account(owners, capsys):
    call_command("export_personal_data", "Piet@Example.org")
    result = json.loads(capsys.readouterr().out)
    assert result["email"] == "piet@example.org"
    assert list(result["data"]) == ["monitor.OwnerContact"]
    assert [(c["name"], c["unit"], c["area"]) for c in result["data"]["monitor.OwnerContact"]] == [
        ("Piet de Vries", "Markt 5", "Marktplein")
    ]


def test_export_of_a_member_holds_the_contact_too(owners, capsys):
    call_command("export_personal_data", "bram@example.org")
    result = json.loads(capsys.readouterr().out)
    assert result["data"]["accounts.User"][0]["email"] == "bram@example.org"
    assert result["data"]["monitor.OwnerContact"][0]["unit"] == "Markt 1"


def test_erasure_of_owner_contacts(owners, cast, capsys):
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_personal_data", "piet@example.org")
    assert OwnerContact.objects.count() == 2
    call_command("delete_personal_data", "piet@example.org", "--yes")
    assert "monitor.OwnerContact: 1" in capsys.readouterr().out
    call_command("delete_personal_data", "bram@example.org", "--yes")
    assert not OwnerContact.objects.exists()
    with pytest.raises(CommandError, match="piet@example.org"):
        call_command("export_personal_data", "piet@example.org")
