"""The steps each method starts with. A trajectory copies them when it starts; after that they are its own.

Naar de Kern: the eight steps published per town (domain.md), the eighth optional. Compact: seven steps whose
names are ours (the Compact method's own names are not published); they follow the same arc in less time: find the
strengths, shape the building blocks, test them, present them (docs/dna.md).

Step names and descriptions are stored in Dutch, the language the municipality works in; they are its text once
copied and can be changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kernkompas.dna.models import Method


@dataclass(frozen=True)
class StepTemplate:
    name: str
    description: str
    optional: bool = False


NAAR_DE_KERN = (
    StepTemplate(
        "Verkenning",
        "Gemeente en UNIZO wandelen samen door de kern en schetsen de eerste bouwstenen.",
    ),
    StepTemplate(
        "Imagineering",
        "Studenten interviewen mensen in de kern; de resultaten worden in een workshop uitgewerkt.",
    ),
    StepTemplate("Workshop met creatieve denkers", "Creatieve denkers bouwen verder op de eerste bouwstenen."),
    StepTemplate(
        "Ontwerpsessies",
        "Het DNA wordt verfijnd tot een concreet toekomstbeeld van de winkelkern.",
    ),
    StepTemplate("Toetsing door retailexperts", "Retailexperts kijken kritisch naar het DNA en het toekomstbeeld."),
    StepTemplate("Dialoog met lokale ondernemers", "De ondernemers van de kern geven hun kijk op het DNA."),
    StepTemplate(
        "College van burgemeester en schepenen en citymarketing",
        "Het bestuur en de citymarketing nemen het DNA over.",
    ),
    StepTemplate("Extra ontwerpsessie", "Een bijkomende ontwerpsessie, als dat nodig is.", optional=True),
)

COMPACT = (
    StepTemplate("Start en verkenning", "Gemeente en begeleider verkennen samen de kern en de beschikbare cijfers."),
    StepTemplate("Troeven in de cijfers", "De sterktes die de data tonen: aanbod, leegstand, inwoners, successen."),
    StepTemplate("Werksessie bouwstenen", "Een lokale werkgroep vormt de eerste vijf bouwstenen van het DNA."),
    StepTemplate(
        "Aftoetsen bij de mensen", "Inwoners, ondernemers en bezoekers zeggen hoe ze de bouwstenen herkennen."
    ),
    StepTemplate("Bijsturen van het DNA", "De bouwstenen worden aangepast aan wat het aftoetsen leerde."),
    StepTemplate("Bestuurlijke bekrachtiging", "Het college neemt het DNA over."),
    StepTemplate("Voorstelling in de kern", "Het Kernkompas wordt in de kern zelf voorgesteld."),
)

TEMPLATES = {Method.NAAR_DE_KERN: NAAR_DE_KERN, Method.COMPACT: COMPACT}


def steps_for(method: str) -> tuple[StepTemplate, ...]:
    return TEMPLATES[Method(method)]
