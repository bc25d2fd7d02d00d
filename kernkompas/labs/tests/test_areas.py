"""The area approach: operations that save energy, task, stakeholders and opgaves with an audit trail, and the staff
page of an area, for every role."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.labs.actions import areas as area_actions
from kernkompas.labs.models import AreaApproach, Opgave, Stakeholder
from kernkompas.places.models import Gebied, Kern

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("kk")</script>'
EDITORS = {"gemeente", "begeleider", "beheerder"}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def veldrode_gebied(cast):
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Centrum", slug="v-centrum")
    return Gebied.objects.create(kern=kern, name="Kerkstraat", slug="kerkstraat")


def test_saving_the_approach_makes_it_once_and_logs_it(cast):
    approach = area_actions.save_approach(cast.ellen, cast.markt, energy="veel", task_clarity="helder", summary="Ja")
    area_actions.save_approach(cast.ellen, cast.markt, energy="weinig")
    approach.refresh_from_db()
    assert AreaApproach.objects.count() == 1
    assert approach.energy == "weinig" and approach.task_clarity == "helder"
    events = AuditEvent.objects.filter(action="labs.approach_saved")
    assert events.count() == 2 and events.first().gemeente == cast.maasdijk


def test_an_unknown_energy_is_refused_and_nothing_saved(cast):
    with pytest.raises(ValidationError) as error:
        area_actions.save_approach(cast.ellen, cast.markt, energy="enorm")
    assert "energy" in error.value.error_dict
    assert not AreaApproach.objects.exists()


def test_stakeholders_and_opgaves_are_added_changed_and_removed(cast):
    trekker = area_actions.add_stakeholder(cast.ellen, cast.markt, name="OV Markt", kind="ondernemersvereniging")
    area_actions.change_stakeholder(cast.ellen, trekker, engagement="trekker")
    opgave = area_actions.add_opgave(cast.ellen, cast.markt, title="Leegstand aanpakken", stakeholders=[trekker])
    assert list(opgave.stakeholders.all()) == [trekker]
    area_actions.change_opgave(cast.ellen, opgave, status="opgepakt", stakeholders=[])
    opgave.refresh_from_db()
    assert opgave.status == "opgepakt" and not opgave.stakeholders.exists()
    area_actions.remove_opgave(cast.ellen, opgave)
    area_actions.remove_stakeholder(cast.ellen, trekker)
    assert not Opgave.objects.exists() and not Stakeholder.objects.exists()
    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"labs.stakeholder_added", "labs.stakeholder_changed", "labs.opgave_added", "labs.opgave_changed"} <= codes
    assert {"labs.opgave_removed", "labs.stakeholder_removed"} <= codes


def test_an_opgave_cannot_be_carried_by_a_party_of_another_area(cast, veldrode_gebied):
    elsewhere = area_actions.add_stakeholder(cast.sofie, veldrode_gebied, name="Buren", kind="bewoners")
    with pytest.raises(ValidationError) as error:
        area_actions.add_opgave(cast.ellen, cast.markt, title="Samen", stakeholders=[elsewhere])
    assert "stakeholders" in error.value.error_dict
    assert not Opgave.objects.exists()


@pytest.mark.parametrize(
    "role", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_the_area_page_is_for_the_municipalitys_staff_only(client, cast, role):
    area_actions.add_stakeholder(cast.ellen, cast.markt, name="OV Markt", kind="ondernemersvereniging")
    user = cast.by_role()[role]
    response = login(client, user).get(reverse("labs:area", kwargs={"gebied_pk": cast.markt.pk}))
    if user is None:
        assert response.status_code == 302 and "/login" in response["Location"] or "inloggen" in response["Location"]
    elif role in EDITORS:
        assert response.status_code == 200
        assert "OV Markt" in response.content.decode()
    else:
        assert response.status_code == 404


def test_the_page_groups_stakeholders_by_kind_shows_engagement_in_words_and_escapes_names(client, cast):
    area_actions.add_stakeholder(cast.ellen, cast.markt, name=HOSTILE, kind="vastgoed", engagement="actief")
    area_actions.save_approach(cast.ellen, cast.markt, energy="veel", task_clarity="helder")
    page = login(client, cast.ellen).get(reverse("labs:area", kwargs={"gebied_pk": cast.markt.pk})).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert "vastgoedeigenaren" in page.lower()  # the kind's label, not its code
    assert "actief" in page.lower()
    assert "Veel energie" in page  # the seed's two kinds of area, in Dutch


def test_a_stakeholder_is_added_through_the_form_and_a_bad_email_is_refused(client, cast):
    login(client, cast.femke)
    url = reverse("labs:stakeholder_new", kwargs={"gebied_pk": cast.markt.pk})
    bad = client.post(url, {"name": "Bakker", "kind": "ondernemers", "engagement": "actief", "contact_email": "nee"})
    assert bad.status_code == 400 and not Stakeholder.objects.exists()
    assert "e-mailadres" in bad.content.decode()
    good = client.post(url, {"name": "Bakker", "kind": "ondernemers", "engagement": "actief"})
    assert good.status_code == 302 and Stakeholder.objects.get().name == "Bakker"


def test_a_stakeholder_of_another_municipality_is_not_found(client, cast, veldrode_gebied):
    elsewhere = area_actions.add_stakeholder(cast.sofie, veldrode_gebied, name="Buren", kind="bewoners")
    login(client, cast.ellen)
    for name in ("labs:stakeholder_edit", "labs:stakeholder_remove"):
        assert client.post(reverse(name, kwargs={"pk": elsewhere.pk}), {"name": "x"}).status_code == 404
    assert Stakeholder.objects.get().name == "Buren"


def test_an_opgave_is_added_with_its_carriers_through_the_form(client, cast):
    trekker = area_actions.add_stakeholder(cast.ellen, cast.markt, name="OV Markt", kind="ondernemersvereniging")
    login(client, cast.ellen)
    url = reverse("labs:opgave_new", kwargs={"gebied_pk": cast.markt.pk})
    response = client.post(url, {"title": "Pleinen vergroenen", "status": "verkennen", "stakeholders": [trekker.pk]})
    assert response.status_code == 302
    assert list(Opgave.objects.get().stakeholders.all()) == [trekker]
