"""``kernkompas rebuild_vitrine_index``: build the Vitrine's search index anew from the published cases."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.vitrine.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the Vitrine's search index from all published cases. Publishing keeps the index current; run "
        "this after an upgrade that changes how words are analysed, or after loading cases straight into the "
        "database."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(
            ngettext(
                "Search index rebuilt: %(count)d published case.",
                "Search index rebuilt: %(count)d published cases.",
                count,
            )
            % {"count": count}
        )
        if count == 0:
            self.stdout.write(_("There are no published cases yet, so the search index is empty."))
