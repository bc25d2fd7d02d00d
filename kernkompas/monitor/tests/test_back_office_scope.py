"""Finding 2 of issue 9: the Kernmonitor's back-office choosers and object pages keep to the municipality scope.

Maasdijk has an owner contact, a counter key, a threshold and a counting point. Sofie (staff of Veldrode), Femke
(facilitator of Maasdijk, who may not read owner contacts or counter keys) and Eva (editor, no monitor rights)
must not learn any of them through a chooser, its "chosen" URL, a bulk action or a history or usage page; Ellen
(staff of Maasdijk) picks them in a chooser that has a search box.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from kernkompas.monitor.actions.counter_keys import create_counter_token
from kernkompas.monitor.models import CountingPoint, OwnerContact, Threshold, Unit

pytestmark = pytest.mark.django_db

OWNER = "Mevrouw Hoekstra-Maasdijk"


@pytest.fixture
def maasdijk_monitor(cast):
    unit = Unit.objects.create(gebied=cast.markt, street="Markt", house_number="7", address_key="markt 7")
    token, _key = create_counter_token(cast.maasdijk, "Sensor Kerkstraat", by=cast.ellen)
    objects = {
        "ownercontact": OwnerContact.objects.create(unit=unit, name=OWNER, email="hoekstra@example.org"),
        "countertoken": token,
        "threshold": Threshold.objects.create(
            gebied=cast.markt, indicator="vacancy_rate", direction="above", value=17.25
        ),
        "countingpoint": CountingPoint.objects.create(gebied=cast.markt, name="Telpunt Bakkerstraat"),
    }
    return cast, objects


def texts(model: str, obj) -> list[str]:
    """What identifies each object on a page: names, and the counter key's prefix as well."""
    if model == "countertoken":
        return [obj.name, obj.prefix]
    if model == "threshold":
        return ["17.25"]
    return [obj.name]


def chooser(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippetchoosers_monitor_{model}:{view}", args=args)


def snippet(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_monitor_{model}:{view}", args=args)


def shown(response, needles) -> list[str]:
    body = response.content.decode()
    return [needle for needle in needles if needle in body]


MODELS = ["ownercontact", "countertoken", "threshold", "countingpoint"]


@pytest.mark.parametrize("model", MODELS)
def test_sofie_finds_nothing_of_maasdijk_in_the_choosers(client, maasdijk_monitor, model):
    cast, objects = maasdijk_monitor
    client.force_login(cast.sofie)
    needles = texts(model, objects[model])
    search = "vacancy" if model == "threshold" else needles[0][:6]  # not the whole text: the page repeats the query
    for address in [
        chooser(model, "choose"),
        chooser(model, "choose_results"),
        chooser(model, "choose_results") + "?q=" + search,
        chooser(model, "chosen_multiple") + f"?id={objects[model].pk}",
    ]:
        response = client.get(address)
        assert shown(response, needles) == [], address


@pytest.mark.parametrize("model", MODELS)
def test_sofie_gets_not_found_for_a_maasdijk_object_by_id(client, maasdijk_monitor, model):
    cast, objects = maasdijk_monitor
    client.force_login(cast.sofie)
    pk = objects[model].pk
    for address in [
        chooser(model, "chosen", pk),
        snippet(model, "history", pk),
        snippet(model, "history_results", pk),
        snippet(model, "usage", pk),
    ]:
        assert client.get(address).status_code == 404, address


@pytest.mark.parametrize("model", MODELS)
def test_an_editor_without_monitor_rights_is_refused_the_choosers_and_object_pages(client, maasdijk_monitor, model):
    cast, objects = maasdijk_monitor
    client.force_login(cast.eva)
    pk = objects[model].pk
    for address in [
        chooser(model, "choose"),
        chooser(model, "chosen", pk),
        snippet(model, "history", pk),
        snippet(model, "usage", pk),
    ]:
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert shown(response, texts(model, objects[model])) == [], address


@pytest.mark.parametrize("model", ["ownercontact", "countertoken"])
def test_the_facilitator_does_not_read_owner_contacts_or_counter_keys(client, maasdijk_monitor, model):
    cast, objects = maasdijk_monitor
    client.force_login(cast.femke)
    for address in [chooser(model, "choose"), chooser(model, "chosen", objects[model].pk)]:
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert shown(response, texts(model, objects[model])) == [], address


def test_a_bulk_action_names_no_owner_contact_of_another_municipality(client, maasdijk_monitor):
    cast, objects = maasdijk_monitor
    client.force_login(cast.sofie)
    bulk = reverse("wagtail_bulk_action", args=["monitor", "ownercontact", "delete"])
    for query in [f"?id={objects['ownercontact'].pk}", "?id=all"]:
        response = client.get(bulk + query)
        assert OWNER not in response.content.decode(), query
    assert OwnerContact.objects.filter(pk=objects["ownercontact"].pk).exists()


def test_ellen_chooses_her_own_owner_contact_with_a_search_box(client, maasdijk_monitor):
    cast, objects = maasdijk_monitor
    client.force_login(cast.ellen)
    modal = json.loads(client.get(chooser("ownercontact", "choose")).content)
    assert 'name="q"' in modal["html"]
    assert OWNER in modal["html"]
    found = client.get(chooser("ownercontact", "choose_results") + "?q=hoekstra").content.decode()
    assert OWNER in found
    missed = client.get(chooser("ownercontact", "choose_results") + "?q=jansen").content.decode()
    assert OWNER not in missed
    chosen = json.loads(client.get(chooser("ownercontact", "chosen", objects["ownercontact"].pk)).content)
    assert chosen["result"]["string"] == OWNER


def test_the_threshold_form_offers_only_people_who_work_for_the_municipality(client, cast):
    from kernkompas.testing import make_user

    make_user("iemand@example.org", "Iemand")  # a member without a role: their user name is their e-mail address
    client.force_login(cast.ellen)
    form = client.get(snippet("threshold", "add")).context["form"]
    assert set(form.fields["recipients"].queryset) == {cast.ellen, cast.femke}
    assert "iemand@example.org" not in client.get(snippet("threshold", "add")).content.decode()
