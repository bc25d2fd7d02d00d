"""The personal-data commands: export everything about one person, and erase it on request."""

import json

import pytest
from django.core.management import CommandError, call_command

from kernkompas.accounts.actions import members, memberships
from kernkompas.accounts.models import Membership, Role, User
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(cast):
    """Ellen gives Bram a role and Bram changes his profile: events by and about both."""
    memberships.grant_membership(cast.bram, Role.BEGELEIDER, cast.maasdijk, by=cast.ellen)
    members.update_profile(cast.bram, {"last_name": "Peeters"}, by=cast.bram)


def export(email, capsys, *args):
    call_command("export_personal_data", email, *args)
    return json.loads(capsys.readouterr().out)


def test_the_export_holds_the_persons_account_memberships_and_actions(cast, history, capsys):
    result = export("BRAM@example.org", capsys)
    assert result["email"] == "bram@example.org"
    data = result["data"]
    assert data["accounts.User"][0]["last_name"] == "Peeters"
    assert data["accounts.Membership"] == [
        {
            "pk": cast.bram.memberships.get().pk,
            "role": "begeleider",
            "gemeente_id": cast.maasdijk.pk,
            "organisation_id": None,
            "created_at": data["accounts.Membership"][0]["created_at"],
        }
    ]
    assert [row["action"] for row in data["core.AuditEvent"]] == ["account.profile_changed"]


def test_the_export_holds_nobody_elses_data(cast, history, capsys):
    text = json.dumps(export("bram@example.org", capsys))
    assert "ellen@example.org" not in text
    assert "membership.granted" not in text  # Ellen's action, not Bram's


def test_the_export_is_written_to_a_file_when_asked(cast, history, tmp_path, capsys):
    target = tmp_path / "bram.json"
    call_command("export_personal_data", "bram@example.org", "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["email"] == "bram@example.org"
    assert str(target) in capsys.readouterr().err


def test_an_unknown_address_is_a_clear_error(cast):
    with pytest.raises(CommandError, match="niemand@example.org"):
        call_command("export_personal_data", "niemand@example.org")
    with pytest.raises(CommandError, match="niemand@example.org"):
        call_command("delete_personal_data", "niemand@example.org", "--yes")


def test_deletion_refuses_without_yes_and_deletes_nothing(cast, history):
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_personal_data", "bram@example.org")
    assert User.objects.filter(pk=cast.bram.pk).exists()


def test_deletion_removes_the_user_and_memberships_and_anonymises_their_audit_events(cast, history, capsys):
    bram_id = cast.bram.pk
    events_by_bram = list(AuditEvent.objects.filter(actor=cast.bram).values_list("pk", flat=True))
    assert events_by_bram
    call_command("delete_personal_data", "Bram@Example.org", "--yes")
    assert "bram@example.org" in capsys.readouterr().out
    assert not User.objects.filter(pk=bram_id).exists()
    assert not Membership.objects.filter(user_id=bram_id).exists()
    for event in AuditEvent.objects.filter(pk__in=events_by_bram):
        assert event.actor is None
        assert "bram" not in event.actor_label.lower()
    # Other people's records stay: Ellen still gave a role, to someone who no longer has an account.
    granted = AuditEvent.objects.get(action="membership.granted")
    assert granted.actor == cast.ellen
    assert "bram" not in granted.target_label.lower()
    assert User.objects.filter(pk=cast.ellen.pk).exists()


def test_the_hyphenated_cli_names_work(cast, capsys):
    from kernkompas.cli import main

    main(["export-personal-data", "eva@example.org"])
    assert json.loads(capsys.readouterr().out)["email"] == "eva@example.org"


def test_an_erased_account_leaves_no_copy_in_wagtails_history_or_the_audit_log(cast, history, capsys):
    from wagtail.log_actions import log

    from kernkompas.testing import stored_copies

    log(instance=cast.bram, action="wagtail.edit", user=cast.anton)  # as Wagtail's own users screen does
    AuditEvent.objects.create(
        actor=cast.ellen,
        actor_label="ellen",
        action="monitor.threshold_changed",
        gemeente=cast.maasdijk,
        changes={"fields": {"note": "Gesproken met Bram Peeters (BRAM@example.org)"}},
    )
    assert stored_copies("bram", "bram@example.org", "Bram Peeters")

    call_command("delete_personal_data", "bram@example.org", "--yes")

    assert stored_copies("bram", "bram@example.org", "Bram Peeters") == []
    note = AuditEvent.objects.get(action="monitor.threshold_changed").changes["fields"]["note"]
    assert note == "Gesproken met [verwijderd] ([verwijderd])"
