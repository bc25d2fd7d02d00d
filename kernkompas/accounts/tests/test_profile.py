"""The profile page: a member edits their own details and sees their roles."""

import json

import pytest
from django.urls import reverse

from kernkompas.accounts.models import Membership, Role
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_member_edits_name_member_type_municipality_and_interests(client, cast):
    client.force_login(cast.bram)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Bram",
            "last_name": "Peeters",
            "organisation_name": "Fietsen Peeters",
            "member_type": "vastgoed",
            "home_gemeente": cast.maasdijk.pk,
            "interests": ["data"],
        },
    )
    assert response.status_code == 302
    cast.bram.refresh_from_db()
    assert cast.bram.last_name == "Peeters"
    assert cast.bram.organisation_name == "Fietsen Peeters"
    assert cast.bram.member_type == "vastgoed"
    assert cast.bram.home_gemeente == cast.maasdijk
    assert cast.bram.interests == ["data"]
    event = AuditEvent.objects.get(action="account.profile_changed")
    assert event.actor == cast.bram
    # The log says which fields changed, not what they now say.
    assert set(event.changes["fields"]) == {
        "last_name",
        "organisation_name",
        "member_type",
        "home_gemeente",
        "interests",
    }
    assert "Peeters" not in json.dumps(event.changes)


def test_the_form_shows_what_is_stored(client, cast):
    cast.bram.member_type = "bewoner"
    cast.bram.interests = ["leegstand"]
    cast.bram.save()
    client.force_login(cast.bram)
    form = client.get(reverse("accounts:profile")).context["form"]
    assert form.initial["member_type"] == "bewoner"
    assert form.initial["interests"] == ["leegstand"]


def test_a_required_field_left_empty_is_reported_and_nothing_is_saved(client, cast):
    client.force_login(cast.bram)
    response = client.post(reverse("accounts:profile"), {"first_name": "", "member_type": "bewoner"})
    assert response.status_code == 200
    assert response.context["form"].has_error("first_name")
    cast.bram.refresh_from_db()
    assert cast.bram.first_name == "Bram"
    assert cast.bram.member_type == ""


def test_the_profile_lists_the_roles_of_the_member(client, cast):
    Membership.objects.create(user=cast.femke, role=Role.BEGELEIDER, gemeente=cast.veldrode)
    client.force_login(cast.femke)
    html = client.get(reverse("accounts:profile")).content.decode()
    for membership in cast.femke.memberships.all():
        assert membership.describe() in html
    assert "Maasdijk" in html and "Veldrode" in html
    assert reverse("wagtailadmin_home") in html


def test_a_member_without_a_role_sees_no_back_office_link(client, cast):
    client.force_login(cast.bram)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("wagtailadmin_home") not in html


def test_a_member_downloads_their_own_data(client, cast):
    client.force_login(cast.ellen)
    response = client.get(reverse("accounts:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["accounts.User"][0]["email"] == "ellen@example.org"
    assert data["accounts.Membership"][0]["role"] == "gemeente"
    assert "bram@example.org" not in response.content.decode()


def test_the_profile_needs_a_login(client, cast):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
