"""Keeps the Vitrine's search index in step with publishing, and the synonyms fresh when editors change them."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from kernkompas.core import personal_data
from kernkompas.vitrine.models import CasePage, Synonym


@receiver(page_published, sender=CasePage)
def index_published_case(sender, instance, **kwargs):
    from kernkompas.vitrine.search import index_case

    index_case(instance)


@receiver(page_unpublished, sender=CasePage)
def forget_unpublished_case(sender, instance, **kwargs):
    from kernkompas.vitrine.search import remove_case

    remove_case(instance.pk)


@receiver(post_delete, sender=CasePage)
def forget_deleted_case(sender, instance, **kwargs):
    from kernkompas.vitrine.search import remove_case

    remove_case(instance.pk)


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def reread_synonyms(sender, **kwargs):
    # Synonyms apply when a query is understood, not when a case is indexed: no reindex, only a fresh read.
    from kernkompas.vitrine.search import forget_synonyms

    forget_synonyms()


@receiver(personal_data.erased)
def reindex_erased_cases(sender, rows, **kwargs):
    # A case that lost a person's data is indexed from what it holds now, and the index version moves on, so no
    # cached search result or related-cases list is built from the text before.
    from kernkompas.vitrine.search import index_case

    for case in CasePage.objects.filter(pk__in=rows.get(CasePage, [])).prefetch_related("themes"):
        index_case(case)
