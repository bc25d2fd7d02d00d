"""The named operations on accounts and memberships: who may do what, and what the audit log says."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kernkompas.accounts import permissions
from kernkompas.accounts.actions import members, memberships
from kernkompas.accounts.models import Membership, Role, User
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_register_member_lowercases_the_address_into_the_user_name(cast):
    user = members.register_member(email=" Noor@Example.ORG ", password="x-lang-genoeg-wachtwoord", first_name="Noor")
    assert (user.username, user.email) == ("noor@example.org", "noor@example.org")
    assert AuditEvent.objects.filter(action="account.registered", actor=user).exists()


def test_register_member_refuses_an_unknown_interest(cast):
    with pytest.raises(ValidationError):
        members.register_member(
            email="noor@example.org", password="x-lang-genoeg-wachtwoord", first_name="Noor", interests=["hacken"]
        )
    assert not User.objects.filter(email="noor@example.org").exists()


def test_nobody_but_an_administrator_changes_someone_elses_profile(cast):
    with pytest.raises(PermissionDenied):
        members.update_profile(cast.bram, {"first_name": "Gehackt"}, by=cast.ellen)
    assert members.update_profile(cast.bram, {"first_name": "Bram B."}, by=cast.anton) == ["first_name"]
    cast.bram.refresh_from_db()
    assert cast.bram.first_name == "Bram B."


def test_an_unchanged_profile_writes_nothing(cast):
    assert members.update_profile(cast.bram, {"first_name": "Bram"}, by=cast.bram) == []
    assert not AuditEvent.objects.filter(action="account.profile_changed").exists()


def test_staff_give_a_role_in_their_own_municipality_and_the_log_records_it(cast):
    membership = memberships.grant_membership(cast.bram, Role.BEGELEIDER, cast.maasdijk, by=cast.ellen)
    assert membership.granted_by == cast.ellen
    assert permissions.can_manage_gemeente(cast.bram, cast.maasdijk)
    event = AuditEvent.objects.get(action="membership.granted")
    assert (event.actor, event.gemeente) == (cast.ellen, cast.maasdijk)
    assert event.changes == {"user_id": cast.bram.pk, "role": "begeleider"}


def test_the_cached_roles_are_forgotten_after_a_change(cast):
    assert permissions.roles_of(cast.bram) == {}  # cached on the object now
    memberships.grant_membership(cast.bram, Role.GEMEENTE, cast.maasdijk, by=cast.ellen)
    assert Role.GEMEENTE in permissions.roles_of(cast.bram)
    memberships.revoke_membership(cast.bram.memberships.get(), by=cast.ellen)
    assert permissions.roles_of(cast.bram) == {}


@pytest.mark.parametrize(
    ("granter", "role", "where", "allowed"),
    [
        ("ellen", Role.GEMEENTE, "maasdijk", True),
        ("ellen", Role.BEGELEIDER, "maasdijk", True),
        ("ellen", Role.GEMEENTE, "veldrode", False),  # another municipality
        ("sofie", Role.BEGELEIDER, "maasdijk", False),
        ("femke", Role.BEGELEIDER, "maasdijk", False),  # facilitators do not decide who works there
        ("eva", Role.GEMEENTE, "maasdijk", False),
        ("bram", Role.GEMEENTE, "maasdijk", False),
        ("ellen", Role.REDACTIE, None, False),  # platform roles are for administrators
        ("ellen", Role.BEHEERDER, None, False),
        ("anton", Role.GEMEENTE, "veldrode", True),
        ("anton", Role.REDACTIE, None, True),
    ],
)
def test_who_may_give_which_role(cast, granter, role, where, allowed):
    gemeente = getattr(cast, where) if where else None
    target = User.objects.create_user(username="nieuw", email="nieuw@example.org", password="x")
    if allowed:
        memberships.grant_membership(target, role, gemeente, by=getattr(cast, granter))
        assert target.memberships.filter(role=role).exists()
    else:
        with pytest.raises(PermissionDenied):
            memberships.grant_membership(target, role, gemeente, by=getattr(cast, granter))
        assert not target.memberships.exists()


def test_the_same_role_twice_is_refused_with_a_clear_message(cast):
    with pytest.raises(ValidationError):
        memberships.grant_membership(cast.ellen, Role.GEMEENTE, cast.maasdijk, by=cast.anton)


def test_staff_of_another_municipality_cannot_take_a_role_away(cast):
    membership = cast.femke.memberships.get()
    with pytest.raises(PermissionDenied):
        memberships.revoke_membership(membership, by=cast.sofie)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_revoking_logs_and_removes_the_membership(cast):
    membership = cast.femke.memberships.get()
    memberships.revoke_membership(membership, by=cast.ellen)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action="membership.revoked")
    assert (event.actor, event.gemeente, event.changes["user_id"]) == (cast.ellen, cast.maasdijk, cast.femke.pk)


def test_an_administrator_becomes_a_superuser_and_stops_being_one_when_the_role_goes(cast):
    membership = memberships.grant_membership(cast.eva, Role.BEHEERDER, None, by=cast.anton)
    cast.eva.refresh_from_db()
    assert cast.eva.is_superuser
    memberships.revoke_membership(membership, by=cast.anton)
    cast.eva.refresh_from_db()
    assert not cast.eva.is_superuser


def test_the_last_administrator_cannot_be_removed(cast):
    with pytest.raises(ValidationError):
        memberships.revoke_membership(cast.anton.memberships.get(), by=cast.anton)
    assert permissions.is_beheerder(cast.anton)
