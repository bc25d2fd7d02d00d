"""The Kern-DNA's panel on a municipality's or core's page (``DnaConfig.place_panels``): its published DNA
trajectories, and for the staff of the municipality also the others, marked as not public."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from kernkompas.core.parts import Panel
from kernkompas.dna import selectors
from kernkompas.dna.models import DnaVersion
from kernkompas.places.models import Kern


def panels(request, place) -> list[Panel]:
    scope = {"kern": place} if isinstance(place, Kern) else {"kern__gemeente": place}
    trajectories = list(
        selectors.visible(request.user)
        .filter(**scope)
        .annotate(has_public_dna=Exists(DnaVersion.objects.filter(trajectory=OuterRef("pk"), is_published=True)))
        .order_by("kern__name", "-created_at")
    )
    if not trajectories:
        return []
    return [
        Panel(
            title=_("Kern-DNA"),
            template="dna/includes/place_trajectories.html",
            context={"trajectories": trajectories},
            order=30,
            slug="dna-trajectories",
        )
    ]
