"""The Kern-DNA's panel on a municipality's or core's page (``DnaConfig.place_panels``): its published DNA
trajectories, and for the staff of the municipality also the others, marked as not public; on a core's page also
the link to the core's analysis (public for every core; the page itself says how to get figures when it has none),
on a municipality's page a link to the analysis of each core with a trajectory. No query more than before."""

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
    is_kern = isinstance(place, Kern)
    if not trajectories and not is_kern:
        return []
    analysed = [place] if is_kern else list({t.kern_id: t.kern for t in trajectories}.values())
    return [
        Panel(
            title=_("Kern-DNA"),
            template="dna/includes/place_trajectories.html",
            context={"trajectories": trajectories, "analysed": analysed},
            order=30,
            slug="dna-trajectories",
        )
    ]
