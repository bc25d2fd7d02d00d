"""The "Medewerkers" screen in the back office: staff manage who works for their own municipality."""

import pytest
from django.urls import reverse

from kernkompas.accounts.models import Invitation, Membership, Role
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def members_url(gemeente):
    return reverse("kk_members:gemeente", kwargs={"slug": gemeente.slug})


def test_staff_of_one_municipality_go_straight_to_its_screen(client, cast):
    client.force_login(cast.ellen)
    response = client.get(reverse("kk_members:index"))
    assert response["Location"] == members_url(cast.maasdijk)


def test_the_screen_lists_staff_and_facilitators_of_the_municipality_only(client, cast):
    client.force_login(cast.ellen)
    html = client.get(members_url(cast.maasdijk)).content.decode()
    assert "ellen@example.org" in html
    assert "femke@example.org" in html
    assert "sofie@example.org" not in html  # Veldrode
    assert "anton@example.org" not in html  # platform role, not this municipality's


def test_staff_invite_an_existing_member_by_email_and_the_role_waits_for_their_answer(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    """Was: the form gave the role at once to any account with that address, without asking its owner."""
    client.force_login(cast.ellen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(members_url(cast.maasdijk), {"email": "BRAM@example.org", "role": "begeleider"})
    assert response.status_code == 302
    assert not cast.bram.memberships.exists()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.gemeente, invitation.invited_by) == (
        "bram@example.org",
        "begeleider",
        cast.maasdijk,
        cast.ellen,
    )
    assert [m.to for m in mailoutbox] == [["bram@example.org"]]
    assert AuditEvent.objects.filter(action="invitation.sent", actor=cast.ellen, gemeente=cast.maasdijk).exists()
    assert "bram@example.org" in client.get(members_url(cast.maasdijk)).content.decode()  # pending, listed


def test_an_address_without_an_account_is_invited_too(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    """Was: "No account uses this address"; a new colleague had to sign up first, then ask again."""
    client.force_login(cast.ellen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(members_url(cast.maasdijk), {"email": "niemand@example.org", "role": "gemeente"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="niemand@example.org").exists()
    assert Membership.objects.count() == 5
    assert len(mailoutbox) == 1


def test_staff_cannot_give_a_platform_role_through_the_form(client, cast):
    client.force_login(cast.ellen)
    response = client.post(members_url(cast.maasdijk), {"email": "bram@example.org", "role": "beheerder"})
    assert response.context["form"].has_error("role")
    assert not cast.bram.memberships.exists()


def test_the_same_role_twice_is_explained(client, cast):
    client.force_login(cast.ellen)
    response = client.post(members_url(cast.maasdijk), {"email": "femke@example.org", "role": "begeleider"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_staff_of_another_municipality_can_neither_see_nor_change_it(client, cast):
    client.force_login(cast.sofie)
    assert client.get(members_url(cast.maasdijk))["Location"] == reverse("wagtailadmin_home")
    client.post(members_url(cast.maasdijk), {"email": "sofie@example.org", "role": "gemeente"})
    assert not cast.sofie.memberships.filter(gemeente=cast.maasdijk).exists()


def test_taking_a_role_away_asks_first_then_does_it(client, cast):
    membership = cast.femke.memberships.get()
    url = reverse("kk_members:revoke", kwargs={"pk": membership.pk})
    client.force_login(cast.ellen)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url)
    assert response["Location"] == members_url(cast.maasdijk)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoked", actor=cast.ellen).exists()


def test_staff_of_another_municipality_cannot_take_a_role_away(client, cast):
    membership = cast.femke.memberships.get()
    client.force_login(cast.sofie)
    client.post(reverse("kk_members:revoke", kwargs={"pk": membership.pk}))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_administrators_find_any_municipality_and_manage_platform_roles(client, cast):
    client.force_login(cast.anton)
    index = client.get(reverse("kk_members:index"), {"q": "veldr"})
    assert list(index.context["gemeenten"]) == [cast.veldrode]
    response = client.post(reverse("kk_members:platform"), {"email": "bram@example.org", "role": "redactie"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="bram@example.org", role=Role.REDACTIE, gemeente=None).exists()


def test_only_administrators_open_the_platform_roles(client, cast):
    client.force_login(cast.ellen)
    assert client.get(reverse("kk_members:platform"))["Location"] == reverse("wagtailadmin_home")
    client.post(reverse("kk_members:platform"), {"email": "bram@example.org", "role": "beheerder"})
    assert not cast.bram.memberships.exists()


def test_the_last_administrator_is_kept(client, cast):
    client.force_login(cast.anton)
    membership = cast.anton.memberships.get()
    client.post(reverse("kk_members:revoke", kwargs={"pk": membership.pk}))
    assert Membership.objects.filter(pk=membership.pk).exists()
