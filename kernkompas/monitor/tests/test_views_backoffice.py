"""The Kernmonitor's back-office screens: scoped to the user's municipality, default taxonomy read-only for staff,
counter keys shown once.

Municipal staff get the monitor permissions from ``accounts.backends.ROLE_PERMISSIONS``; the test below checks that
table, the others check the scope rules on top of it.
"""

from __future__ import annotations

import pytest

from kernkompas.accounts import backends
from kernkompas.accounts.models import Role
from kernkompas.core.models import AuditEvent
from kernkompas.monitor.models import CounterToken, CountingPoint, FunctionGroup, OwnerContact, Unit
from kernkompas.places.models import Gebied, Kern

MODELS = ("functiongroup", "branch", "countingpoint", "threshold", "ownercontact", "countertoken")
MONITOR_PERMISSIONS = frozenset(f"monitor.{a}_{m}" for a in ("view", "add", "change", "delete") for m in MODELS)


@pytest.fixture
def staff_may(cast):
    return cast


def test_municipal_staff_have_every_monitor_back_office_permission():
    assert MONITOR_PERMISSIONS <= backends.ROLE_PERMISSIONS[Role.GEMEENTE]
    assert not any(
        p.startswith("monitor.") and not p.startswith("monitor.view_")
        for p in backends.ROLE_PERMISSIONS[Role.BEGELEIDER]
    )


@pytest.fixture
def two_municipalities(staff_may):
    cast = staff_may
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp")
    dorp = Gebied.objects.create(kern=kern, name="Dorpsplein", slug="dorpsplein")
    ours = CountingPoint.objects.create(gebied=cast.markt, name="Markt-noord")
    theirs = CountingPoint.objects.create(gebied=dorp, name="Dorpsplein-oost")
    unit = Unit.objects.create(gebied=dorp, street="Dorpsplein", house_number="1", address_key="dorpsplein 1")
    OwnerContact.objects.create(unit=unit, name="Veldrodese Eigenaar")
    return cast, ours, theirs


def test_staff_see_only_their_own_counting_points_and_owners(client, two_municipalities):
    cast, ours, theirs = two_municipalities
    client.force_login(cast.ellen)
    listing = client.get("/beheer/monitor/telpunten/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Markt-noord" in html and "Dorpsplein-oost" not in html
    assert client.get(f"/beheer/monitor/telpunten/edit/{theirs.pk}/").status_code == 404
    assert client.get(f"/beheer/monitor/telpunten/edit/{ours.pk}/").status_code == 200
    assert "Veldrodese Eigenaar" not in client.get("/beheer/monitor/eigenaars/").content.decode()


def test_the_default_taxonomy_is_read_only_for_staff_and_editable_for_administrators(client, staff_may):
    default = FunctionGroup.objects.get(code="dagelijks", gemeente=None)
    client.force_login(staff_may.ellen)
    assert "Dagelijks" in client.get("/beheer/monitor/functiegroepen/").content.decode()
    assert client.get(f"/beheer/monitor/functiegroepen/edit/{default.pk}/").status_code == 404
    client.force_login(staff_may.anton)
    assert client.get(f"/beheer/monitor/functiegroepen/edit/{default.pk}/").status_code == 200


def test_staff_add_a_function_group_of_their_own_with_an_audit_event(client, staff_may):
    client.force_login(staff_may.ellen)
    response = client.post(
        "/beheer/monitor/functiegroepen/add/",
        {
            "name": "Ambacht",
            "code": "ambacht",
            "sector": "diensten",
            "colour": "#123456",
            "position": 20,
            "gemeente": staff_may.maasdijk.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = FunctionGroup.objects.get(code="ambacht")
    assert group.gemeente == staff_may.maasdijk
    assert AuditEvent.objects.filter(action="monitor.functiongroup_created", gemeente=staff_may.maasdijk).exists()


def test_staff_cannot_add_a_group_for_another_municipality(client, staff_may):
    client.force_login(staff_may.ellen)
    response = client.post(
        "/beheer/monitor/functiegroepen/add/",
        {
            "name": "Ambacht",
            "code": "ambacht",
            "sector": "diensten",
            "colour": "#123456",
            "position": 20,
            "gemeente": staff_may.veldrode.pk,
        },
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not FunctionGroup.objects.filter(code="ambacht").exists()


def test_a_new_counter_key_is_shown_once_and_stored_as_a_hash(client, staff_may):
    client.force_login(staff_may.ellen)
    response = client.post(
        "/beheer/monitor/tellersleutels/add/", {"gemeente": staff_may.maasdijk.pk, "name": "Sensor Markt"}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    token = CounterToken.objects.get(name="Sensor Markt")
    key = next(word for text in shown for word in text.split() if word.startswith("kk_"))
    assert token.key_hash == CounterToken.hash_key(key)
    assert key not in client.get("/beheer/monitor/tellersleutels/").content.decode()


@pytest.mark.parametrize("role", ["bezoeker", "lid", "redactie"])
def test_people_without_a_municipal_role_do_not_get_the_screens(client, staff_may, role):
    user = staff_may.by_role()[role]
    if user:
        client.force_login(user)
    response = client.get("/beheer/monitor/telpunten/")
    assert response.status_code in (302, 403)
