"""What a lab's participants see beforehand (``labs/includes/background.html``): the place's dashboard figures,
the DNA of its cores and Vitrine cases, each as the facilitator chose (``Lab.show_figures``, ``show_dna``,
``show_cases``). Everything comes through the registry (:mod:`kernkompas.core.parts`): the lab never imports the
Kernmonitor, the Kern-DNA or the Vitrine. Participants see only what is public; the facilitator's board may pass
``include_private`` for staff of the municipality."""

from __future__ import annotations

from dataclasses import dataclass, field

from kernkompas.core import parts
from kernkompas.labs.models import Lab
from kernkompas.places.models import Kern, KernKind

#: The Vitrine's themes a lab is about when the facilitator chose no cases: the canvas asks for cooperation, a
#: vision and what makes a centre worth the visit.
FITTING_THEMES = ("samenwerking", "beleid-visie", "beleving-aantrekking")
CASES_LIMIT = 4
DNA_CORES_LIMIT = 6


@dataclass
class Background:
    figures: list[parts.PlaceFigures] = field(default_factory=list)
    dna: list[tuple[Kern, parts.DnaSummary]] = field(default_factory=list)
    cases: list[parts.CaseLink] = field(default_factory=list)
    cases_url: str = ""  # the Vitrine's list of fitting cases, when the cases were found rather than chosen
    cases_chosen: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.figures or self.dna or self.cases)


def places_of(lab: Lab) -> list:
    """The places whose figures a lab shows: its area, else its core, else its municipality; for a regional lab the
    participating municipalities (the owner first)."""
    if lab.is_regional:
        gemeenten = [lab.gemeente, *[g for g in lab.gemeenten.order_by("name_nl") if g.pk != lab.gemeente_id]]
        return gemeenten
    return [lab.gebied or lab.kern or lab.gemeente]


def cores_of(lab: Lab) -> list[Kern]:
    """The cores whose DNA a lab shows: the core of its area or itself, else the main cores of its
    municipality (or of every participating municipality of a regional lab)."""
    if lab.gebied_id:
        return [lab.gebied.kern]
    if lab.kern_id:
        return [lab.kern]
    gemeente_ids = [place.pk for place in places_of(lab)]
    cores = Kern.objects.filter(gemeente_id__in=gemeente_ids).select_related("gemeente")
    main = list(cores.filter(kind=KernKind.HOOFDKERN).order_by("gemeente__name_nl", "name"))
    return main or list(cores.order_by("gemeente__name_nl", "name")[:DNA_CORES_LIMIT])


def background_for(lab: Lab, *, include_private: bool = False) -> Background:
    found = Background()
    if lab.show_figures:
        figures = parts.place_figures(places_of(lab), include_private=include_private)
        found.figures = [figures[key] for key in (parts.place_key(p) for p in places_of(lab)) if key in figures]
    if lab.show_dna:
        cores = cores_of(lab)
        summaries = parts.place_dna(cores)
        found.dna = [(kern, summaries[kern.pk]) for kern in cores if kern.pk in summaries][:DNA_CORES_LIMIT]
    if lab.show_cases:
        chosen = list(lab.cases.order_by("pk").values_list("pk", flat=True))
        if chosen:
            found.cases = parts.cases_by_ids(chosen)
            found.cases_chosen = True
        else:
            links = parts.find_cases(FITTING_THEMES, lab.gemeente.size_class, CASES_LIMIT)
            if links is not None:
                found.cases = list(links.cases)
                found.cases_url = links.url if links.count else ""
    return found
