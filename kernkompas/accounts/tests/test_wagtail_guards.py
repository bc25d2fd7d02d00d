"""Wagtail's own back-office views that take an object id name nothing to people who may not see it
(accounts/wagtail_guards.py), and deleting several snippets at once keeps the scope and the audit log
(accounts/viewsets.py).

A case waiting for the editors is a draft page; Sofie (Veldrode) and Femke (facilitator) open /beheer/ too.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.counter_keys import create_counter_token
from kernkompas.monitor.models import CounterToken, OwnerContact, Unit
from kernkompas.vitrine.actions.editorial import join_editorial_group
from kernkompas.vitrine.tests.list_cases import make_case, vitrine_index

pytestmark = pytest.mark.django_db

DRAFT = "Een verborgen casus in concept"


@pytest.fixture
def draft(cast):
    join_editorial_group(cast.eva)
    return make_case("verborgen", DRAFT, [], [], "25k-50k", "stadskern", "BE", "lt10k", live=False)


def test_a_bulk_action_does_not_name_a_page_the_user_may_not_see(client, cast, draft):
    client.force_login(cast.sofie)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    for query in [f"?id={draft.pk}", f"?id=all&childOf={vitrine_index().pk}"]:
        assert DRAFT not in client.get(bulk + query).content.decode(), query


def test_the_page_chooser_offers_a_draft_only_to_those_who_may_edit_it(client, cast, draft):
    search = reverse("wagtailadmin_choose_page_search") + "?q=verborgen"
    client.force_login(cast.sofie)
    assert DRAFT not in client.get(search).content.decode()
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[draft.pk])).status_code == 404
    client.force_login(cast.eva)
    assert DRAFT in client.get(search).content.decode()
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[draft.pk])).status_code == 200


def test_confirming_a_move_is_refused_before_it_names_the_pages(client, cast, draft):
    client.force_login(cast.femke)
    response = client.get(reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, vitrine_index().pk]))
    assert response.status_code in (302, 403)
    assert DRAFT not in response.content.decode()


def test_the_admin_api_lists_only_images_the_user_may_choose(client, cast):
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Foto van de inzending", alt_text="Een winkelpand", file=ImageFile(buffer, name="inzending.png")
    )
    client.force_login(cast.sofie)
    assert "Foto van de inzending" not in client.get("/beheer/api/main/images/").content.decode()
    assert client.get(f"/beheer/api/main/images/{image.pk}/").status_code == 404
    join_editorial_group(cast.eva)
    client.force_login(cast.eva)
    assert "Foto van de inzending" in client.get("/beheer/api/main/images/").content.decode()


@pytest.fixture
def two_owners(cast):
    from kernkompas.places.models import Gebied, Kern

    dorp = Gebied.objects.create(
        kern=Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp"),
        name="Dorpsplein",
        slug="dorpsplein",
    )
    ours = OwnerContact.objects.create(
        unit=Unit.objects.create(gebied=cast.markt, street="Markt", house_number="1", address_key="markt 1"),
        name="Eigenaar Markt",
    )
    theirs = OwnerContact.objects.create(
        unit=Unit.objects.create(gebied=dorp, street="Dorpsplein", house_number="1", address_key="dorpsplein 1"),
        name="Eigenaar Dorpsplein",
    )
    return ours, theirs


def test_deleting_several_owner_contacts_at_once_keeps_the_scope_and_the_audit_log(client, cast, two_owners):
    ours, theirs = two_owners
    client.force_login(cast.ellen)
    bulk = reverse("wagtail_bulk_action", args=["monitor", "ownercontact", "delete"]) + "?id=all"
    assert "Eigenaar Dorpsplein" not in client.get(bulk).content.decode()
    response = client.post(bulk)
    assert response.status_code == 302
    assert not OwnerContact.objects.filter(pk=ours.pk).exists()
    assert OwnerContact.objects.filter(pk=theirs.pk).exists()
    assert AuditEvent.objects.filter(action="monitor.ownercontact_deleted", gemeente=cast.maasdijk).count() == 1


def test_deleting_counter_keys_at_once_revokes_them(client, cast):
    token, _key = create_counter_token(cast.maasdijk, "Sensor Markt", by=cast.ellen)
    client.force_login(cast.ellen)
    bulk = reverse("wagtail_bulk_action", args=["monitor", "countertoken", "delete"]) + f"?id={token.pk}"
    assert client.post(bulk).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert CounterToken.objects.filter(pk=token.pk).exists()
