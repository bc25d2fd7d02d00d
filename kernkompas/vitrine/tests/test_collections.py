"""Collections of saved cases: create, rename, delete, add and remove, share by a secret link, always per owner."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.vitrine import operations
from kernkompas.vitrine.models import CaseCollection, CollectionItem
from kernkompas.vitrine.tests.personal_cases import case, unpublish

pytestmark = pytest.mark.django_db

ROLES = ["lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


@pytest.fixture
def brams_collection(cast):
    collection = operations.create_collection(cast.bram, "Ideeën voor het marktplein")
    operations.add_to_collection(collection, case("Groen marktplein"), by=cast.bram)
    return collection


def test_a_member_creates_a_collection_and_saves_a_case_from_its_page(client, cast):
    page = case("Pop-upwinkels")
    client.force_login(cast.bram)
    response = client.post(
        reverse("vitrine:collection_add"), {"page_id": page.pk, "new_name": "Leegstand", "next": page.url}
    )
    assert response.status_code == 302 and response["Location"] == page.url
    collection = CaseCollection.objects.get(user=cast.bram)
    assert collection.name == "Leegstand"
    assert list(collection.items.values_list("page_id", flat=True)) == [page.pk]
    assert AuditEvent.objects.filter(action="vitrine.collection_item_added", target_id=str(collection.pk)).exists()


def test_the_case_page_offers_the_members_collections(client, cast, brams_collection):
    other = case("Fietsstraat")
    client.force_login(cast.bram)
    html = client.get(other.url).content.decode()
    assert f'<option value="{brams_collection.pk}">Ideeën voor het marktplein</option>' in html


def test_a_visitor_is_invited_to_log_in_on_the_case_page(client):
    page = case("Fietsstraat")
    html = client.get(page.url).content.decode()
    assert reverse("accounts:login") in html
    assert reverse("vitrine:collection_add") not in html


def test_saving_the_same_case_twice_keeps_one(client, cast, brams_collection):
    page = brams_collection.items.get().page
    client.force_login(cast.bram)
    client.post(reverse("vitrine:collection_add"), {"page_id": page.pk, "collection": brams_collection.pk})
    assert brams_collection.items.count() == 1


def test_a_draft_cannot_be_saved(client, cast, brams_collection):
    draft = case("Nog niet klaar", live=False)
    client.force_login(cast.bram)
    response = client.post(reverse("vitrine:collection_add"), {"page_id": draft.pk, "collection": brams_collection.pk})
    assert response.status_code == 404
    assert not brams_collection.items.filter(page=draft).exists()


def test_a_member_renames_and_deletes_a_collection(client, cast, brams_collection):
    client.force_login(cast.bram)
    client.post(reverse("vitrine:collection", args=[brams_collection.pk]), {"name": "Marktplein"})
    brams_collection.refresh_from_db()
    assert brams_collection.name == "Marktplein"
    client.post(reverse("vitrine:collection_delete", args=[brams_collection.pk]))
    assert not CaseCollection.objects.filter(pk=brams_collection.pk).exists()


def test_two_collections_cannot_have_the_same_name(client, cast, brams_collection):
    client.force_login(cast.bram)
    response = client.post(reverse("vitrine:collections"), {"name": "ideeën voor het MARKTPLEIN"})
    assert response.status_code == 200
    assert "already have a collection" in response.content.decode() or "al een" in response.content.decode()
    assert CaseCollection.objects.filter(user=cast.bram).count() == 1


def test_a_member_removes_a_case_from_a_collection(client, cast, brams_collection):
    page = brams_collection.items.get().page
    client.force_login(cast.bram)
    client.post(reverse("vitrine:collection_remove", args=[brams_collection.pk, page.pk]))
    assert not brams_collection.items.exists()


def test_the_collection_page_shows_only_live_cases(client, cast, brams_collection):
    gone = case("Ingetrokken voorbeeld")
    operations.add_to_collection(brams_collection, gone, by=cast.bram)
    unpublish(gone)
    client.force_login(cast.bram)
    html = client.get(reverse("vitrine:collection", args=[brams_collection.pk])).content.decode()
    assert "Groen marktplein" in html
    assert "Ingetrokken voorbeeld" not in html


# --- Sharing -----------------------------------------------------------------------------------------------------


def test_a_shared_collection_is_readable_by_anyone_with_the_link_and_shows_only_live_cases(
    client, cast, brams_collection
):
    gone = case("Ingetrokken voorbeeld")
    operations.add_to_collection(brams_collection, gone, by=cast.bram)
    unpublish(gone)
    client.force_login(cast.bram)
    client.post(reverse("vitrine:collection_share", args=[brams_collection.pk]), {"share": "1"})
    brams_collection.refresh_from_db()
    assert len(brams_collection.share_token) >= 30
    client.logout()
    response = client.get(reverse("vitrine:collection_shared", args=[brams_collection.share_token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Groen marktplein" in html and "Ingetrokken voorbeeld" not in html
    # Read-only: no forms to change it, and search engines are asked to stay away.
    assert "<form" not in html.split('id="main"')[1]
    assert 'content="noindex' in html


def test_a_revoked_link_stops_working(client, cast, brams_collection):
    token = operations.share_collection(brams_collection, by=cast.bram)
    client.force_login(cast.bram)
    client.post(reverse("vitrine:collection_share", args=[brams_collection.pk]), {"share": "0"})
    client.logout()
    assert client.get(reverse("vitrine:collection_shared", args=[token])).status_code == 404


def test_an_unshared_collection_has_no_working_link(client, brams_collection):
    assert client.get(reverse("vitrine:collection_shared", args=["x" * 32])).status_code == 404


# --- Owners only ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_its_own_collections(client, cast, role):
    user = cast.by_role()[role]
    page = case("Pop-upwinkels")
    client.force_login(user)
    client.post(reverse("vitrine:collection_add"), {"page_id": page.pk, "new_name": "Mijn lijst"})
    assert CollectionItem.objects.filter(collection__user=user, page=page).exists()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "lid"])
def test_no_other_role_sees_or_changes_brams_collection(client, cast, brams_collection, role):
    client.force_login(cast.by_role()[role])
    pk = brams_collection.pk
    page = brams_collection.items.get().page
    assert client.get(reverse("vitrine:collection", args=[pk])).status_code == 404
    assert client.post(reverse("vitrine:collection", args=[pk]), {"name": "Gekaapt"}).status_code == 404
    assert client.post(reverse("vitrine:collection_delete", args=[pk])).status_code == 404
    assert client.post(reverse("vitrine:collection_share", args=[pk]), {"share": "1"}).status_code == 404
    assert client.post(reverse("vitrine:collection_remove", args=[pk, page.pk])).status_code == 404
    other = case("Nog een")
    assert client.post(reverse("vitrine:collection_add"), {"page_id": other.pk, "collection": pk}).status_code == 404
    brams_collection.refresh_from_db()
    assert brams_collection.name == "Ideeën voor het marktplein"
    assert not brams_collection.share_token
    assert brams_collection.items.count() == 1


def test_a_visitor_is_sent_to_log_in(client, brams_collection):
    for url in (reverse("vitrine:collections"), reverse("vitrine:collection", args=[brams_collection.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_operations_refuse_another_owner(cast, brams_collection):
    with pytest.raises(PermissionDenied):
        operations.rename_collection(brams_collection, "Gekaapt", by=cast.sofie)
    with pytest.raises(PermissionDenied):
        operations.share_collection(brams_collection, by=cast.anton)
