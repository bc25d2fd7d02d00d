"""Named operations on a member's collections of cases: each owns its transaction and writes the audit log, and
acts only for the collection's owner (:mod:`.ownership`).
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.vitrine.actions.ownership import check_owner
from kernkompas.vitrine.models import CaseCollection, CasePage, CollectionItem


def _clean_collection_name(user, name: str, exclude_pk=None) -> str:
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationError({"name": _("Give the collection a name.")})
    taken = CaseCollection.objects.filter(user=user, name__iexact=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("You already have a collection called “%(name)s”.") % {"name": name}})
    return name


def create_collection(user, name: str):
    name = _clean_collection_name(user, name)
    with transaction.atomic():
        collection = CaseCollection.objects.create(user=user, name=name)
        # The name may say something about the member; the log names the collection by number only.
        audit.record(user, "vitrine.collection_created", collection, label=f"collection #{collection.pk}")
    return collection


def rename_collection(collection, name: str, *, by):
    check_owner(collection, by)
    collection.name = _clean_collection_name(collection.user, name, exclude_pk=collection.pk)
    with transaction.atomic():
        collection.save(update_fields=["name"])
        audit.record(by, "vitrine.collection_renamed", collection, label=f"collection #{collection.pk}")
    return collection


def delete_collection(collection, *, by) -> None:
    check_owner(collection, by)
    with transaction.atomic():
        audit.record(by, "vitrine.collection_deleted", collection, label=f"collection #{collection.pk}")
        collection.delete()


def add_to_collection(collection, case, *, by):
    """Save a live case into a collection; saving it twice changes nothing."""
    check_owner(collection, by)
    if not CasePage.objects.live().public().filter(pk=case.pk).exists():
        raise ValidationError(_("This example is not published, so it cannot be saved."))
    with transaction.atomic():
        item, created = CollectionItem.objects.get_or_create(collection=collection, page=case)
        if created:
            audit.record(
                by,
                "vitrine.collection_item_added",
                collection,
                label=f"collection #{collection.pk}",
                changes={"page_id": case.pk},
            )
    return item


def remove_from_collection(collection, case, *, by) -> bool:
    check_owner(collection, by)
    with transaction.atomic():
        deleted, _rows = CollectionItem.objects.filter(collection=collection, page_id=case.pk).delete()
        if deleted:
            audit.record(
                by,
                "vitrine.collection_item_removed",
                collection,
                label=f"collection #{collection.pk}",
                changes={"page_id": case.pk},
            )
    return bool(deleted)


def share_collection(collection, *, by) -> str:
    """Give the collection a secret link (kept if it already has one); return the token."""
    check_owner(collection, by)
    if collection.share_token:
        return collection.share_token
    with transaction.atomic():
        # 24 random bytes: unguessable, and 32 characters fit the column exactly.
        collection.share_token = secrets.token_urlsafe(24)[:32]
        collection.save(update_fields=["share_token"])
        audit.record(by, "vitrine.collection_shared", collection, label=f"collection #{collection.pk}")
    return collection.share_token


def stop_sharing_collection(collection, *, by) -> None:
    """Revoke the secret link: the old address answers 404 from now on."""
    check_owner(collection, by)
    if not collection.share_token:
        return
    with transaction.atomic():
        collection.share_token = ""
        collection.save(update_fields=["share_token"])
        audit.record(by, "vitrine.collection_unshared", collection, label=f"collection #{collection.pk}")
