"""The OpenStreetMap tag table: which tags make a Kernmonitor function group and branch.

One source for the Kernmonitor's OSM import (:mod:`kernkompas.monitor.importers.osm`, which turns objects into
units) and for the Kern-DNA's OSM indicators (:mod:`kernkompas.lib.dna.catalogue` builds the tag rules of the
indicators that mean the same thing with :func:`~kernkompas.lib.dna.catalogue.rules_from_tag_table`).

:data:`TAG_TABLE` maps ``key → value → (group code, branch code)`` with the codes of the Kernmonitor's default
taxonomy (``kernkompas.monitor.taxonomy.DEFAULT_TAXONOMY``); the value ``"*"`` is the catch-all of a key (a key
without one accepts only the values listed). Framework-free: no Django.
"""

from __future__ import annotations

# The keys that make an object a unit, in order of precedence.
KEYS = ("shop", "amenity", "craft", "office", "tourism", "leisure")

_D = "dagelijks"
_M = "mode-luxe"
_V = "vrije-tijd"
_H = "in-om-huis"
_O = "detailhandel-overig"
_L = "leisure"
_S = "diensten"
_W = "werken"


def _values(group: str, branch: str, *values: str) -> dict[str, tuple[str, str]]:
    return dict.fromkeys(values, (group, branch))


TAG_TABLE: dict[str, dict[str, tuple[str, str]]] = {
    "shop": {
        **_values(_D, "supermarkt", "supermarket", "convenience", "grocery", "general"),
        **_values(_D, "bakker", "bakery", "pastry"),
        **_values(_D, "slager", "butcher"),
        **_values(_D, "groente-fruit", "greengrocer", "farm"),
        **_values(
            _D,
            "speciaalzaak-food",
            "cheese",
            "deli",
            "wine",
            "alcohol",
            "beverages",
            "chocolate",
            "confectionery",
            "coffee",
            "tea",
            "seafood",
            "spices",
            "health_food",
            "organic",
            "frozen_food",
            "dairy",
            "pasta",
            "food",
            "nuts",
        ),
        **_values(_D, "drogist", "chemist"),
        **_values(_D, "apotheek", "pharmacy"),
        **_values(_D, "bloemen", "florist"),
        **_values(_D, "dierenspeciaalzaak", "pet"),
        **_values(_M, "kleding", "clothes", "boutique", "fashion", "fashion_accessories", "baby_goods"),
        **_values(_M, "schoenen", "shoes", "leather", "bag"),
        **_values(_M, "juwelier", "jewelry", "watches"),
        **_values(_M, "optiek", "optician"),
        **_values(_M, "parfumerie", "perfumery", "cosmetics"),
        **_values(_M, "warenhuis", "department_store", "variety_store", "mall"),
        **_values(_V, "boeken", "books", "newsagent", "kiosk", "stationery"),
        **_values(_V, "sport", "sports", "outdoor", "fishing", "hunting", "ski"),
        **_values(_V, "speelgoed", "toys", "games", "hobby", "craft", "art", "model", "frame", "photo", "gift"),
        **_values(_V, "muziek", "music", "musical_instrument", "video", "video_games"),
        **_values(_V, "fietsen", "bicycle"),
        **_values(
            _H,
            "woninginrichting",
            "furniture",
            "interior_decoration",
            "bed",
            "kitchen",
            "lighting",
            "carpet",
            "curtain",
            "bathroom_furnishing",
            "flooring",
        ),
        **_values(_H, "doe-het-zelf", "doityourself", "hardware", "paint", "trade", "building_materials"),
        **_values(_H, "huishoudelijk", "houseware", "household_linen", "fabric", "sewing"),
        **_values(_H, "elektronica", "electronics", "computer", "mobile_phone", "appliance", "hifi", "camera"),
        **_values(_H, "tuin", "garden_centre"),
        **_values(_O, "tweedehands", "second_hand", "charity", "antiques"),
        **_values(_O, "auto-motor", "car", "car_parts", "motorcycle", "tyres", "car_repair"),
        **_values(_S, "kapper", "hairdresser", "beauty", "massage", "tattoo", "nails", "hairdresser_supply"),
        **_values(_S, "reisbureau", "travel_agency"),
        **_values(_S, "ambachtelijk", "tailor", "shoe_repair", "locksmith", "key_cutter"),
        **_values(_S, "overige-dienst", "dry_cleaning", "laundry", "copyshop", "funeral_directors", "rental"),
        **_values(_S, "zorg", "hearing_aids", "medical_supply"),
        "*": (_O, "overig"),
    },
    "amenity": {
        **_values(_L, "restaurant", "restaurant"),
        **_values(_L, "lunchroom", "cafe", "ice_cream"),
        **_values(_L, "cafe", "bar", "pub", "biergarten", "nightclub"),
        **_values(_L, "fastservice", "fast_food", "food_court"),
        **_values(_L, "cultuur", "cinema", "theatre", "arts_centre", "library"),
        **_values(_L, "ontspanning", "casino", "gambling"),
        **_values(_S, "bank", "bank", "bureau_de_change", "money_transfer"),
        **_values(_D, "apotheek", "pharmacy"),
        **_values(_S, "zorg", "doctors", "dentist", "clinic", "veterinary"),
        **_values(_S, "publieke-dienst", "post_office", "townhall"),
        **_values(_S, "overige-dienst", "car_rental", "internet_cafe", "driving_school"),
    },
    "craft": {
        **_values(_D, "bakker", "bakery", "confectionery"),
        **_values(_D, "slager", "butcher"),
        **_values(_S, "kapper", "hairdresser"),
        **_values(
            _S,
            "ambachtelijk",
            "shoemaker",
            "tailor",
            "dressmaker",
            "watchmaker",
            "jeweller",
            "key_cutter",
            "locksmith",
            "photographer",
            "optician",
            "upholsterer",
            "bookbinder",
            "goldsmith",
        ),
        "*": (_W, "bedrijf"),
    },
    "office": {
        **_values(_S, "makelaar", "estate_agent"),
        **_values(_S, "bank", "insurance", "financial", "financial_advisor"),
        **_values(_S, "reisbureau", "travel_agent"),
        **_values(
            _S, "overige-dienst", "lawyer", "notary", "tax_advisor", "employment_agency", "accountant", "moving_company"
        ),
        "*": (_W, "kantoor"),
    },
    "tourism": {
        **_values(_L, "hotel", "hotel", "motel", "guest_house", "hostel", "apartment", "chalet"),
        **_values(_L, "cultuur", "museum", "gallery"),
        **_values(_L, "ontspanning", "attraction", "theme_park", "zoo", "aquarium"),
    },
    "leisure": {
        **_values(
            _L,
            "ontspanning",
            "fitness_centre",
            "sports_centre",
            "bowling_alley",
            "dance",
            "escape_game",
            "amusement_arcade",
            "adult_gaming_centre",
            "sauna",
            "water_park",
            "ice_rink",
            "miniature_golf",
            "trampoline_park",
            "tanning_salon",
        ),
    },
}
