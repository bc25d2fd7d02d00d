"""The role backend: model permissions come from one table of roles, never from permission rows."""

import pytest
from django.contrib.auth import authenticate

from kernkompas.accounts.backends import ROLE_PERMISSIONS, RoleBackend
from kernkompas.accounts.models import Role
from kernkompas.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "perm", "expected"),
    [
        ("bram", "wagtailadmin.access_admin", False),
        ("ellen", "wagtailadmin.access_admin", True),
        ("femke", "wagtailadmin.access_admin", True),
        ("eva", "wagtailadmin.access_admin", True),
        ("anton", "wagtailadmin.access_admin", True),
        ("ellen", "places.change_gebied", True),
        ("ellen", "places.add_gebied", True),
        ("ellen", "places.delete_gebied", False),
        ("ellen", "places.add_gemeente", False),
        ("femke", "places.view_gebied", True),
        ("femke", "places.change_gebied", False),
        ("eva", "places.view_gebied", False),
        ("anton", "places.delete_gemeente", True),
        ("anton", "anything.at_all", True),
    ],
)
def test_roles_give_model_permissions(cast, person, perm, expected):
    assert getattr(cast, person).has_perm(perm) is expected


def test_an_inactive_user_has_no_permissions(cast):
    cast.ellen.is_active = False
    cast.ellen.save()
    assert not cast.ellen.has_perm("wagtailadmin.access_admin")


def test_object_permissions_are_left_to_the_scoped_policies(cast):
    assert not RoleBackend().has_perm(cast.ellen, "places.change_gebied", cast.markt)


def test_the_role_backend_never_logs_anyone_in(cast):
    assert RoleBackend().authenticate(None, username="ellen", password=PASSWORD) is None
    assert authenticate(None, username="ellen", password=PASSWORD) == cast.ellen  # the e-mail/user name backend


def test_every_role_that_has_a_table_entry_may_enter_the_back_office():
    for role, perms in ROLE_PERMISSIONS.items():
        assert "wagtailadmin.access_admin" in perms, role
    assert Role.BEHEERDER not in ROLE_PERMISSIONS  # administrators may do everything, not a list
