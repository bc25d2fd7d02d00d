"""Keeps the Vitrine's search index in step with publishing, the synonyms fresh when editors change them, and the
editors' group in step with the editor role (accounts' role events)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from kernkompas.accounts.models import Membership, Role
from kernkompas.accounts.signals import role_granted, role_revoked
from kernkompas.core import personal_data
from kernkompas.vitrine.actions.editorial import join_editorial_group, leave_editorial_group
from kernkompas.vitrine.models import CasePage, Synonym
from kernkompas.vitrine.search import forget_synonyms, index_case, remove_case


@receiver(page_published, sender=CasePage)
def index_published_case(sender, instance, **kwargs):
    index_case(instance)


@receiver(page_unpublished, sender=CasePage)
def forget_unpublished_case(sender, instance, **kwargs):
    remove_case(instance.pk)


@receiver(post_delete, sender=CasePage)
def forget_deleted_case(sender, instance, **kwargs):
    remove_case(instance.pk)


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def reread_synonyms(sender, **kwargs):
    # Synonyms apply when a query is understood, not when a case is indexed: no reindex, only a fresh read.
    forget_synonyms()


@receiver(personal_data.erased)
def reindex_erased_cases(sender, rows, **kwargs):
    # A case that lost a person's data is indexed from what it holds now, and the index version moves on, so no
    # cached search result or related-cases list is built from the text before.
    for case in CasePage.objects.filter(pk__in=rows.get(CasePage, [])).prefetch_related("themes"):
        index_case(case)


@receiver(role_granted, sender=Membership)
def add_editor_to_editorial_group(sender, membership, **kwargs):
    # Wagtail's page rights are group-based: an editor (redactie) works on the Vitrine through the editors' group.
    if membership.role == Role.REDACTIE:
        join_editorial_group(membership.user)


@receiver(role_revoked, sender=Membership)
def remove_former_editor_from_editorial_group(sender, membership, **kwargs):
    if membership.role == Role.REDACTIE:
        leave_editorial_group(membership.user)
