"""Issue 11: /monitor/ for staff of a municipality without areas showed only the demo and no hint how to begin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernkompas.accounts.models import Role
from kernkompas.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db

HINT = "Je gemeente heeft nog geen gebieden"


@pytest.mark.parametrize(
    ("role", "hinted"),
    [
        ("bezoeker", False),
        ("lid", False),
        ("gemeente", False),  # Ellen's Maasdijk has an area (not public): her overview lists it
        ("gemeente_andere", True),  # Sofie's Veldrode has no area yet
        ("begeleider", False),
        ("redactie", False),
        ("beheerder", False),
    ],
)
def test_staff_without_areas_are_told_how_to_begin(client, cast, role, hinted):
    user = cast.by_role()[role]
    if user is not None:
        client.force_login(user)
    html = client.get("/monitor/").content.decode()
    assert (HINT in html) is hinted, role
    if hinted:
        assert f'href="{reverse("wagtailsnippets_places_gebied:add")}"' in html
        assert f'href="{reverse("wagtailsnippets_places_kern:add")}"' in html


def test_a_facilitator_of_a_municipality_without_areas_gets_no_hint_to_make_them(client, cast):
    tongeren = make_gemeente("73111", "Tongeren-Borgloon", 42_700)
    adviser = make_user("adviseur", "Jan", Role.BEGELEIDER, tongeren)
    client.force_login(adviser)
    assert HINT not in client.get("/monitor/").content.decode()


def test_the_hint_stays_while_only_another_municipalitys_areas_are_public(client, cast):
    cast.markt.is_public = True
    cast.markt.save()
    tongeren = make_gemeente("73111", "Tongeren-Borgloon", 42_700)
    manager = make_user("centrummanager", "Lies", Role.GEMEENTE, tongeren)
    client.force_login(manager)
    html = client.get("/monitor/").content.decode()
    assert "Marktplein" in html and HINT in html
