"""The default function groups and branches (after Locatus), created on migrate and editable afterwards.

Codes are stable: importers, the OSM tag mapping and the tests refer to them. Names are Dutch, the language the
field uses for them (a municipality may rename them in the back office).
"""

from __future__ import annotations

from django.db import transaction

# code, name, sector, colour (colour-blind safe palette, Okabe–Ito and Tol), branches (code, name)
DEFAULT_TAXONOMY: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    (
        "dagelijks",
        "Dagelijks",
        "detailhandel",
        "#009E73",
        [
            ("supermarkt", "Supermarkt"),
            ("bakker", "Bakker"),
            ("slager", "Slager"),
            ("groente-fruit", "Groente en fruit"),
            ("speciaalzaak-food", "Speciaalzaak food"),
            ("drogist", "Drogist"),
            ("apotheek", "Apotheek"),
            ("bloemen", "Bloemen en planten"),
            ("dierenspeciaalzaak", "Dierenspeciaalzaak"),
        ],
    ),
    (
        "mode-luxe",
        "Mode & Luxe",
        "detailhandel",
        "#CC79A7",
        [
            ("kleding", "Kleding"),
            ("schoenen", "Schoenen en lederwaren"),
            ("juwelier", "Juwelier en horloges"),
            ("optiek", "Optiek"),
            ("parfumerie", "Parfumerie en cosmetica"),
            ("warenhuis", "Warenhuis"),
        ],
    ),
    (
        "vrije-tijd",
        "Vrije tijd",
        "detailhandel",
        "#56B4E9",
        [
            ("boeken", "Boeken en tijdschriften"),
            ("sport", "Sport"),
            ("speelgoed", "Speelgoed en hobby"),
            ("muziek", "Muziek en multimedia"),
            ("fietsen", "Fietsen"),
        ],
    ),
    (
        "in-om-huis",
        "In/om huis",
        "detailhandel",
        "#E69F00",
        [
            ("woninginrichting", "Woninginrichting en meubels"),
            ("doe-het-zelf", "Doe-het-zelf"),
            ("huishoudelijk", "Huishoudelijke artikelen"),
            ("elektronica", "Elektronica en witgoed"),
            ("tuin", "Tuin en dier"),
        ],
    ),
    (
        "detailhandel-overig",
        "Detailhandel overig",
        "detailhandel",
        "#999933",
        [
            ("tweedehands", "Tweedehands en kringloop"),
            ("auto-motor", "Auto en motor"),
            ("overig", "Overige detailhandel"),
        ],
    ),
    (
        "leisure",
        "Leisure/horeca",
        "leisure",
        "#D55E00",
        [
            ("restaurant", "Restaurant"),
            ("cafe", "Café"),
            ("fastservice", "Fastservice en afhaal"),
            ("lunchroom", "Lunchroom en koffie"),
            ("hotel", "Hotel en logies"),
            ("cultuur", "Cultuur"),
            ("ontspanning", "Ontspanning en sport"),
        ],
    ),
    (
        "diensten",
        "Diensten",
        "diensten",
        "#0072B2",
        [
            ("kapper", "Kapper en schoonheid"),
            ("bank", "Bank en verzekering"),
            ("makelaar", "Makelaar"),
            ("reisbureau", "Reisbureau"),
            ("zorg", "Zorg"),
            ("publieke-dienst", "Publieke dienst"),
            ("ambachtelijk", "Ambachtelijke dienst"),
            ("overige-dienst", "Overige dienstverlening"),
        ],
    ),
    ("leegstand", "Leegstand", "leegstand", "#000000", []),
    ("wonen", "Wonen", "wonen", "#AA4499", []),
    (
        "werken",
        "Werken",
        "werken",
        "#44AA99",
        [
            ("kantoor", "Kantoor"),
            ("bedrijf", "Bedrijf en werkplaats"),
        ],
    ),
]


def ensure_default_taxonomy() -> None:
    """Create the default groups and branches that are missing; never overwrite what was edited."""
    from kernkompas.monitor.models import Branch, FunctionGroup

    with transaction.atomic():
        for position, (code, name, sector, colour, branches) in enumerate(DEFAULT_TAXONOMY):
            group, _created = FunctionGroup.objects.get_or_create(
                gemeente=None,
                code=code,
                defaults={"name": name, "sector": sector, "colour": colour, "position": position * 10},
            )
            for branch_code, branch_name in branches:
                Branch.objects.get_or_create(
                    gemeente=None, code=branch_code, defaults={"group": group, "name": branch_name}
                )
