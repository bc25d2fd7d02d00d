"""The indicator catalogue: what the numbers of a core's DNA are and how each is computed from OpenStreetMap.

Every indicator counts OSM features (nodes and ways) whose tags match its :class:`TagRule` s and divides the count
by a denominator: the core's inhabitants (per 1,000) where the offer serves people, its area (per km²) where the
thing is spread over the ground (heritage, green, stops, parking, homes). A feature counts once per indicator even
when several rules match; it may count for several indicators (a museum is culture and an attraction).

The labels and definitions are English msgids: the Django layer translates them (Dutch first). The dimension names
follow the Naar de Kern practice: winkelen, horeca, cultuur & erfgoed, vrije tijd & beleving, diensten & werken,
groen & water, markten & evenementen, bereikbaarheid, wonen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kernkompas.lib.osm_tags import TAG_TABLE

PER_1000 = "per_1000_inhabitants"
PER_KM2 = "per_km2"
UNITS = {PER_1000: "per 1,000 inhabitants", PER_KM2: "per km²"}

SOURCE_OSM = "OpenStreetMap (© OpenStreetMap contributors, ODbL) with the core's population or area"

# Tag values that never mean "this thing is here".
_NOT_PRESENT = frozenset({"no", "none", "vacant", "disused", "abandoned"})


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str  # English msgid; Dutch: see ``dutch``
    dutch: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("winkelen", "Shopping", "Winkelen"),
    Dimension("horeca", "Food and drink", "Horeca"),
    Dimension("cultuur-erfgoed", "Culture and heritage", "Cultuur & erfgoed"),
    Dimension("vrije-tijd", "Leisure and experience", "Vrije tijd & beleving"),
    Dimension("diensten-werken", "Services and work", "Diensten & werken"),
    Dimension("groen-water", "Green and water", "Groen & water"),
    Dimension("markten-evenementen", "Markets and events", "Markten & evenementen"),
    Dimension("bereikbaarheid", "Accessibility", "Bereikbaarheid"),
    Dimension("wonen", "Living", "Wonen"),
)
DIMENSION_CODES = frozenset(d.code for d in DIMENSIONS)


@dataclass(frozen=True)
class TagRule:
    """``key`` with one of ``values``; ``values=("*",)`` accepts any value except no/none/vacant/disused."""

    key: str
    values: tuple[str, ...]

    def matches(self, tags: Mapping[str, str]) -> bool:
        value = tags.get(self.key)
        if value is None or value in _NOT_PRESENT:
            return False
        return self.values == ("*",) or value in self.values

    def __str__(self) -> str:
        return f"{self.key}={'|'.join(self.values)}"


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str
    label: str
    definition: str
    unit: str  # PER_1000 or PER_KM2
    rules: tuple[TagRule, ...]
    source: str = SOURCE_OSM
    # What the indicator counts in the Kernmonitor's register: a unit counts when its function group is one of
    # ``register_groups`` or its branch one of ``register_branches``. Both empty: the register does not count it.
    register_groups: tuple[str, ...] = ()
    register_branches: tuple[str, ...] = ()

    def matches(self, tags: Mapping[str, str]) -> bool:
        return any(rule.matches(tags) for rule in self.rules)

    @property
    def in_register(self) -> bool:
        return bool(self.register_groups or self.register_branches)

    def counts_unit(self, group: str, branch: str) -> bool:
        """Whether a register unit of this function group and branch counts for the indicator."""
        return group in self.register_groups or branch in self.register_branches

    @property
    def computation(self) -> str:
        """How it is computed, in one line (for a methods table)."""
        denominator = "1,000 inhabitants" if self.unit == PER_1000 else "km² of the core"
        return f"count of OSM nodes and ways with {' or '.join(map(str, self.rules))}, per {denominator}"


def _rule(key: str, *values: str) -> TagRule:
    return TagRule(key, values or ("*",))


def rules_from_tag_table(
    tag_table: Mapping[str, Mapping[str, tuple[str, str]]],
    *,
    groups: Iterable[str] = (),
    branches: Iterable[str] = (),
) -> tuple[TagRule, ...]:
    """Tag rules from a ``key → value → (group, branch)`` table such as the Kernmonitor's OSM table, so that an
    indicator can count exactly what the Kernmonitor calls a group or branch (one source for both). A key's
    catch-all ``"*"`` is left out: "any other value" cannot be a value list."""
    groups, branches = frozenset(groups), frozenset(branches)
    rules = []
    for key, values in tag_table.items():
        chosen = tuple(
            sorted(v for v, (group, branch) in values.items() if v != "*" and (group in groups or branch in branches))
        )
        if chosen:
            rules.append(TagRule(key, chosen))
    return tuple(rules)


_SPECIALITY = ("books", "antiques", "art", "gift", "music", "musical_instrument", "toys", "games", "hobby", "crafts")
_SPECIALITY += ("second_hand", "chocolate", "tea", "coffee", "photo", "frame", "interior_decoration")

# The Kernmonitor's retail groups (sector detailhandel of its default taxonomy).
RETAIL_GROUPS = ("dagelijks", "mode-luxe", "vrije-tijd", "in-om-huis", "detailhandel-overig")


def _kernmonitor(*, groups: Iterable[str] = (), branches: Iterable[str] = ()) -> dict:
    """The rules and register mapping of an indicator that counts what the Kernmonitor calls these groups or
    branches: the tag rules come from its OSM tag table (one source), the register counts the same units."""
    groups, branches = tuple(groups), tuple(branches)
    return {
        "rules": rules_from_tag_table(TAG_TABLE, groups=groups, branches=branches),
        "register_groups": groups,
        "register_branches": branches,
    }


CATALOGUE: tuple[Indicator, ...] = (
    # winkelen
    Indicator(
        "shops_per_1000",
        "winkelen",
        "Shops",
        "Shops of every kind (shop=*, vacant ones excluded) per 1,000 inhabitants: the size of the retail offer.",
        PER_1000,
        (_rule("shop"),),
        register_groups=RETAIL_GROUPS,
    ),
    Indicator(
        "shop_density",
        "winkelen",
        "Shop density",
        "Shops (shop=*) per km²: how compact the shopping offer is.",
        PER_KM2,
        (_rule("shop"),),
        register_groups=RETAIL_GROUPS,
    ),
    Indicator(
        "fashion_luxury",
        "winkelen",
        "Fashion and luxury shops",
        "Clothing, shoes, jewellery, perfume and optician shops and department stores per 1,000 inhabitants (the "
        "Kernmonitor's group Mode & Luxe).",
        PER_1000,
        **_kernmonitor(groups=["mode-luxe"]),
    ),
    Indicator(
        "daily_shops",
        "winkelen",
        "Daily shopping",
        "Supermarkets, bakers, butchers, greengrocers, chemists, pharmacies and other daily shops per 1,000 "
        "inhabitants (the Kernmonitor's group Dagelijks).",
        PER_1000,
        **_kernmonitor(groups=["dagelijks"]),
    ),
    Indicator(
        "speciality_shops",
        "winkelen",
        "Speciality and independent shops",
        "Books, antiques, art, gifts, music, toys, second-hand and delicatessen shops per 1,000 inhabitants.",
        PER_1000,
        (_rule("shop", *_SPECIALITY),),
    ),
    # horeca
    Indicator(
        "restaurants",
        "horeca",
        "Restaurants",
        "Restaurants and fast-food outlets (amenity=restaurant|fast_food) per 1,000 inhabitants.",
        PER_1000,
        **_kernmonitor(branches=["restaurant", "fastservice"]),
    ),
    Indicator(
        "cafes_bars",
        "horeca",
        "Cafés and bars",
        "Cafés, bars, pubs, beer gardens, ice-cream parlours and clubs per 1,000 inhabitants.",
        PER_1000,
        **_kernmonitor(branches=["cafe", "lunchroom"]),
    ),
    Indicator(
        "accommodation",
        "horeca",
        "Places to stay",
        "Hotels, guest houses, hostels, holiday flats and camp sites (tourism=*) per 1,000 inhabitants.",
        PER_1000,
        # the Kernmonitor's branch Hotel en logies, and camp sites (which the register does not count)
        rules_from_tag_table(TAG_TABLE, branches=["hotel"]) + (_rule("tourism", "camp_site"),),
        register_branches=("hotel",),
    ),
    # cultuur & erfgoed
    Indicator(
        "culture_venues",
        "cultuur-erfgoed",
        "Culture venues",
        "Museums, galleries, theatres, cinemas, arts centres and libraries per 1,000 inhabitants.",
        PER_1000,
        **_kernmonitor(branches=["cultuur"]),
    ),
    Indicator(
        "heritage",
        "cultuur-erfgoed",
        "Heritage and public art",
        "Historic objects (historic=*), artworks (tourism=artwork) and places of worship per km².",
        PER_KM2,
        (_rule("historic"), _rule("tourism", "artwork"), _rule("amenity", "place_of_worship")),
    ),
    # vrije tijd & beleving
    Indicator(
        "attractions",
        "vrije-tijd",
        "Attractions and viewpoints",
        "Attractions, viewpoints, zoos, theme parks and picnic sites (tourism=*) per km².",
        PER_KM2,
        (_rule("tourism", "attraction", "viewpoint", "zoo", "theme_park", "picnic_site", "aquarium"),),
    ),
    Indicator(
        "sport_play",
        "vrije-tijd",
        "Sport and play",
        "Sports centres, fitness centres, swimming pools, pitches and playgrounds (leisure=*) per 1,000 inhabitants.",
        PER_1000,
        (
            _rule(
                "leisure",
                "sports_centre",
                "fitness_centre",
                "swimming_pool",
                "pitch",
                "stadium",
                "playground",
                "ice_rink",
                "golf_course",
                "miniature_golf",
                "track",
            ),
        ),
    ),
    # diensten & werken
    Indicator(
        "public_services",
        "diensten-werken",
        "Public and care services",
        "Banks, post offices, town halls, pharmacies, doctors, dentists and clinics per 1,000 inhabitants.",
        PER_1000,
        (
            _rule(
                "amenity",
                "bank",
                "post_office",
                "townhall",
                "pharmacy",
                "doctors",
                "dentist",
                "clinic",
                "hospital",
                "veterinary",
            ),
        ),
    ),
    Indicator(
        "personal_services",
        "diensten-werken",
        "Personal services",
        "Hairdressers, beauty salons, travel agents, dry cleaners and repair shops per 1,000 inhabitants.",
        PER_1000,
        (
            _rule(
                "shop",
                "hairdresser",
                "beauty",
                "massage",
                "nails",
                "tattoo",
                "travel_agency",
                "dry_cleaning",
                "laundry",
                "tailor",
                "shoe_repair",
                "copyshop",
            ),
        ),
    ),
    Indicator(
        "work_places",
        "diensten-werken",
        "Offices and workshops",
        "Offices (office=*) and craft workshops (craft=*) per 1,000 inhabitants: work in the core.",
        PER_1000,
        (_rule("office"), _rule("craft")),
        register_groups=("werken",),
    ),
    # groen & water
    Indicator(
        "parks_green",
        "groen-water",
        "Parks and gardens",
        "Parks, public gardens, nature reserves and village greens per km².",
        PER_KM2,
        (_rule("leisure", "park", "garden", "nature_reserve"), _rule("landuse", "village_green", "recreation_ground")),
    ),
    Indicator(
        "water",
        "groen-water",
        "Water",
        "Water bodies, rivers, canals, fountains and drinking water (natural=water, waterway=*, amenity=fountain) "
        "per km².",
        PER_KM2,
        (
            _rule("natural", "water"),
            _rule("waterway", "river", "canal", "stream"),
            _rule("amenity", "fountain", "drinking_water"),
        ),
    ),
    # markten & evenementen
    Indicator(
        "markets",
        "markten-evenementen",
        "Market places",
        "Market places (amenity=marketplace) per 1,000 inhabitants.",
        PER_1000,
        (_rule("amenity", "marketplace"),),
    ),
    Indicator(
        "event_venues",
        "markten-evenementen",
        "Event and meeting venues",
        "Event venues, community centres, conference and exhibition centres per 1,000 inhabitants.",
        PER_1000,
        (
            _rule(
                "amenity", "events_venue", "community_centre", "conference_centre", "exhibition_centre", "social_centre"
            ),
        ),
    ),
    # bereikbaarheid
    Indicator(
        "public_transport",
        "bereikbaarheid",
        "Public transport stops",
        "Bus, tram and train stops (highway=bus_stop, public_transport=platform|stop_position, railway=station|"
        "halt|tram_stop) per km².",
        PER_KM2,
        (
            _rule("highway", "bus_stop"),
            _rule("public_transport", "platform", "stop_position", "station"),
            _rule("railway", "station", "halt", "tram_stop"),
        ),
    ),
    Indicator(
        "car_parking",
        "bereikbaarheid",
        "Car parks",
        "Car parks (amenity=parking) per km².",
        PER_KM2,
        (_rule("amenity", "parking"),),
    ),
    Indicator(
        "bicycle_parking",
        "bereikbaarheid",
        "Bicycle parking",
        "Bicycle parking and bike-share stations (amenity=bicycle_parking|bicycle_rental) per km².",
        PER_KM2,
        (_rule("amenity", "bicycle_parking", "bicycle_rental"),),
    ),
    # wonen
    Indicator(
        "homes",
        "wonen",
        "Residential buildings",
        "Residential buildings (building=residential|house|apartments|detached|terrace|semidetached_house) per km².",
        PER_KM2,
        (_rule("building", "residential", "house", "apartments", "detached", "terrace", "semidetached_house"),),
    ),
    Indicator(
        "apartments",
        "wonen",
        "Apartment buildings",
        "Apartment buildings (building=apartments) per km²: living in and above the centre.",
        PER_KM2,
        (_rule("building", "apartments"),),
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in CATALOGUE}


def counts_from_register(
    unit_counts: Mapping[tuple[str, str], int], indicators: Iterable[Indicator] = CATALOGUE
) -> dict[str, int]:
    """Indicator counts from the Kernmonitor register's current units of a core, given as ``{(group code, branch
    code): number}``: only for the indicators the register counts (``Indicator.in_register``)."""
    counts = {}
    for indicator in indicators:
        if indicator.in_register:
            counts[indicator.code] = sum(
                int(n) for (group, branch), n in unit_counts.items() if indicator.counts_unit(group, branch or "")
            )
    return counts


def keys_used(indicators=CATALOGUE) -> frozenset[str]:
    """The OSM keys any indicator looks at (to filter an extract before reading it)."""
    return frozenset(rule.key for indicator in indicators for rule in indicator.rules)


def check_catalogue(indicators=CATALOGUE) -> list[str]:
    """What is wrong with a catalogue (an empty list when nothing is): duplicate codes, unknown dimensions or units,
    indicators without a rule."""
    problems = []
    seen = set()
    for indicator in indicators:
        if indicator.code in seen:
            problems.append(f"indicator code {indicator.code!r} occurs twice")
        seen.add(indicator.code)
        if indicator.dimension not in DIMENSION_CODES:
            problems.append(f"indicator {indicator.code!r} has an unknown dimension {indicator.dimension!r}")
        if indicator.unit not in UNITS:
            problems.append(f"indicator {indicator.code!r} has an unknown unit {indicator.unit!r}")
        if not indicator.rules:
            problems.append(f"indicator {indicator.code!r} has no tag rule")
    return problems
