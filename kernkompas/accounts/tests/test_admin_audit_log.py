"""The audit log screen: read-only; administrators see everything, municipal staff their municipality."""

import pytest
from django.urls import reverse

from kernkompas.accounts.actions import memberships
from kernkompas.accounts.models import Role
from kernkompas.core import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(cast):
    memberships.grant_membership(cast.bram, Role.BEGELEIDER, cast.maasdijk, by=cast.ellen)
    audit.record(cast.sofie, "gebied.changed", None, gemeente=cast.veldrode, label="Stationsstraat (Veldrode)")
    audit.record(None, "places.imported", None, label="Statbel 2025")


def labels(response):
    return [event.target_label for event in response.context["page"].object_list]


def test_staff_see_only_the_events_of_their_municipality(client, cast, events):
    client.force_login(cast.ellen)
    response = client.get(reverse("kk_audit_log"))
    assert response.status_code == 200
    shown = labels(response)
    assert len(shown) == 1 and "maasdijk" in shown[0].lower()
    assert "Stationsstraat" not in response.content.decode()
    # The person the role went to is named on screen, though the log itself stores only an id.
    assert response.context["page"].object_list[0].subject_name == "Bram"


def test_administrators_see_every_event_and_can_filter(client, cast, events):
    client.force_login(cast.anton)
    assert len(labels(client.get(reverse("kk_audit_log")))) == 3
    only_veldrode = client.get(reverse("kk_audit_log"), {"gemeente": cast.veldrode.pk})
    assert labels(only_veldrode) == ["Stationsstraat (Veldrode)"]
    by_action = client.get(reverse("kk_audit_log"), {"action": "places.imported"})
    assert labels(by_action) == ["Statbel 2025"]


def test_staff_cannot_filter_their_way_into_another_municipality(client, cast, events):
    client.force_login(cast.ellen)
    response = client.get(reverse("kk_audit_log"), {"gemeente": cast.veldrode.pk})
    assert "Stationsstraat" not in response.content.decode()


def test_the_log_has_no_way_to_change_it(client, cast, events):
    client.force_login(cast.anton)
    response = client.post(reverse("kk_audit_log"), {})
    assert response.status_code == 405
