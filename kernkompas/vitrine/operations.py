"""Named operations of the Vitrine: each owns its transaction and writes the audit log."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from kernkompas.vitrine.models import VitrineIndexPage


def ensure_vitrine_index() -> VitrineIndexPage | None:
    """The one Vitrine index page, at /vitrine/ under the default site's root page. Idempotent.

    Does nothing while there is no page tree (a database just emptied by ``flush``).
    """
    existing = VitrineIndexPage.objects.first()
    if existing is not None:
        return existing
    with transaction.atomic():
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        parent = site.root_page if site else Page.get_first_root_node()
        if parent is None:
            return None
        index = VitrineIndexPage(
            title=_("Vitrine"),
            slug="vitrine",
            intro="",
        )
        parent.add_child(instance=index)
        index.save_revision().publish()
        return index
