"""Who sees which Kernmonitor page: every role on every view, for a private and a public area.

A non-public area is a 404 (not a 403) for everyone outside its municipality, so a URL does not reveal that it
exists; the unit register and the thresholds are for the municipality's staff and administrators only, also when
the dashboard is public.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.tests.dashboard_fixtures import load_register

INSIDERS = {"gemeente", "begeleider", "beheerder"}
# The municipality decides what is public (product.md): its invited facilitator prepares, but does not publish.
PUBLISHERS = {"gemeente", "beheerder"}
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
SLUGS = {"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"}


@pytest.fixture
def register(cast):
    load_register(cast.markt)
    return cast


def _login(client, cast, role):
    user = cast.by_role()[role]
    if user is not None:
        client.force_login(user)
    return user


def _area_urls():
    return {
        "dashboard": reverse("monitor:gebied", kwargs=SLUGS),
        "download": reverse("monitor:download", kwargs={**SLUGS, "kind": "indicatoren", "fmt": "csv"}),
        "units": reverse("monitor:download", kwargs={**SLUGS, "kind": "panden", "fmt": "geojson"}),
        "kern": reverse("monitor:kern", kwargs={"gemeente": "maasdijk", "kern": "centrum"}),
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_private_area_exists_only_for_its_municipality_and_administrators(client, register, role):
    _login(client, register, role)
    expected = 200 if role in INSIDERS else 404
    for name, url in _area_urls().items():
        assert client.get(url).status_code == expected, (name, role)
    overview = client.get(reverse("monitor:index")).content.decode()
    assert ("Marktplein" in overview) == (role in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_a_public_area_is_seen_by_everyone(client, register, role):
    register.markt.is_public = True
    register.markt.save()
    _login(client, register, role)
    for name, url in _area_urls().items():
        assert client.get(url).status_code == 200, (name, role)
    page = client.get(_area_urls()["dashboard"]).content.decode()
    assert "Dit dashboard is openbaar" in page or "This dashboard is public" in page
    assert ("zichtbaarheid/" in page) == (role in PUBLISHERS)  # the toggle is for the municipality only
    assert "Marktplein" in client.get(reverse("monitor:index")).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_unit_register_with_owner_contacts_is_never_public(client, register, role):
    register.markt.is_public = True
    register.markt.save()
    _login(client, register, role)
    response = client.get(reverse("monitor:register", kwargs=SLUGS))
    if role in INSIDERS:
        assert response.status_code == 200
        assert "Jan Eigenaar" in response.content.decode()
    else:
        assert response.status_code == 404
    # Nobody finds the owner on the dashboard or in a download, whatever the role.
    assert "Jan Eigenaar" not in client.get(_area_urls()["dashboard"]).content.decode()
    assert "Jan Eigenaar" not in client.get(_area_urls()["units"]).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_area_team_opens_the_thresholds(client, register, role):
    register.markt.is_public = True
    register.markt.save()
    _login(client, register, role)
    response = client.get(reverse("monitor:thresholds", kwargs=SLUGS))
    assert response.status_code == (200 if role in INSIDERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_area_team_makes_a_dashboard_public(client, register, role):
    user = _login(client, register, role)
    response = client.post(reverse("monitor:visibility", kwargs=SLUGS), {"is_public": "1", "confirm": "1"})
    register.markt.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert register.markt.is_public
        event = AuditEvent.objects.get(action="monitor.area_published")
        assert event.actor == user and event.gemeente == register.maasdijk
    else:
        assert response.status_code == (403 if role in INSIDERS else 404)
        assert not register.markt.is_public
        assert not AuditEvent.objects.filter(action__startswith="monitor.area_").exists()


def test_making_it_private_again_is_recorded_and_hides_it_from_visitors(client, register):
    register.markt.is_public = True
    register.markt.save()
    client.force_login(register.ellen)
    client.post(reverse("monitor:visibility", kwargs=SLUGS), {"is_public": "0", "confirm": "1"})
    register.markt.refresh_from_db()
    assert not register.markt.is_public
    assert AuditEvent.objects.filter(action="monitor.area_unpublished").count() == 1
    client.logout()
    assert client.get(_area_urls()["dashboard"]).status_code == 404


def test_the_visibility_page_changes_nothing_on_a_get(client, register):
    """A GET shows the confirmation (issue 11); only the confirmed POST changes the visibility."""
    client.force_login(register.ellen)
    assert client.get(reverse("monitor:visibility", kwargs=SLUGS)).status_code == 200
    register.markt.refresh_from_db()
    assert not register.markt.is_public
    assert not AuditEvent.objects.filter(action__startswith="monitor.area_").exists()


def test_an_area_of_another_municipality_is_a_404_even_with_the_right_slugs_elsewhere(client, register):
    # Sofie works for Veldrode: Maasdijk's private area does not exist for her, neither does its register.
    client.force_login(register.sofie)
    assert client.get(reverse("monitor:register", kwargs=SLUGS)).status_code == 404
    assert client.get(reverse("monitor:gebied", kwargs={**SLUGS, "gebied": "bestaat-niet"})).status_code == 404


def test_the_english_pages_live_under_en(client, register):
    register.markt.is_public = True
    register.markt.save()
    response = client.get("/en/monitor/maasdijk/centrum/marktplein/")
    assert response.status_code == 200
    assert "This dashboard is public" in response.content.decode()
