"""The regional lab's view (``labs:regional``): the participating municipalities' cores side by side with their
figures, DNA and population, for the "positie in de regio" conversation. Public figures and public DNA only: the
room holds people of several municipalities, and none of them sees another's private data here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from kernkompas.core import parts
from kernkompas.labs.background import places_of
from kernkompas.labs.models import Lab
from kernkompas.places.models import Gemeente, Kern, KernKind

MAX_CORES = 24


@dataclass
class CoreCard:
    kern: Kern
    gemeente: Gemeente
    population: int | None
    figures: parts.PlaceFigures | None
    dna: parts.DnaSummary | None


def cores_for(lab: Lab) -> list[Kern]:
    """The cores to compare: the region's own list of cores within the participating municipalities if it has one,
    else each participating municipality's main cores."""
    gemeente_ids = [gemeente.pk for gemeente in places_of(lab)]
    cores = Kern.objects.filter(gemeente_id__in=gemeente_ids).select_related("gemeente")
    if lab.regio_id and lab.regio.kernen.exists():
        chosen = cores.filter(regios=lab.regio)
    else:
        chosen = cores.filter(kind=KernKind.HOOFDKERN)
    return list(chosen.order_by("gemeente__name_nl", "name")[:MAX_CORES])


def cards(lab: Lab) -> list[CoreCard]:
    cores = cores_for(lab)
    figures = parts.place_figures(cores)
    dna = parts.place_dna(cores)
    return [
        CoreCard(
            kern=kern,
            gemeente=kern.gemeente,
            population=kern.population or None,
            figures=figures.get(parts.place_key(kern)),
            dna=dna.get(kern.pk),
        )
        for kern in cores
    ]


def region_dna_url(lab: Lab) -> str:
    """The Kern-DNA's region view of the lab's region, "" when there is none (or no part offers it)."""
    if not lab.regio_id:
        return ""
    try:
        return reverse("dna:region", kwargs={"slug": lab.regio.slug})
    except NoReverseMatch:
        return ""
