"""The words of the DNA analysis in the user's language.

:mod:`kernkompas.lib.dna` is framework-free and keeps its labels, definitions, units and withholding reasons as
English msgids; this module lists them for ``makemessages`` (``gettext_noop``) and translates them when a page needs
them. A test checks that every catalogue word has a Dutch translation.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from kernkompas.lib.dna import profiles
from kernkompas.lib.dna.catalogue import BY_CODE, DIMENSIONS, UNITS, Indicator

MSGIDS = (  # the msgids must be whole literals for makemessages, so some lines are long
    _("Shopping"),
    _("Food and drink"),
    _("Culture and heritage"),
    _("Leisure and experience"),
    _("Services and work"),
    _("Green and water"),
    _("Markets and events"),
    _("Accessibility"),
    _("Living"),
    _("Shops"),
    _("Shops of every kind (shop=*, vacant ones excluded) per 1,000 inhabitants: the size of the retail offer."),
    _("Shop density"),
    _("Shops (shop=*) per km²: how compact the shopping offer is."),
    _("Fashion and luxury shops"),
    _(
        "Clothing, shoes, jewellery, perfume and optician shops and department stores per 1,000 inhabitants (the Kernmonitor's group Mode & Luxe)."  # noqa: E501
    ),
    _("Daily shopping"),
    _(
        "Supermarkets, bakers, butchers, greengrocers, chemists, pharmacies and other daily shops per 1,000 inhabitants (the Kernmonitor's group Dagelijks)."  # noqa: E501
    ),
    _("Speciality and independent shops"),
    _("Books, antiques, art, gifts, music, toys, second-hand and delicatessen shops per 1,000 inhabitants."),
    _("Restaurants"),
    _("Restaurants and fast-food outlets (amenity=restaurant|fast_food) per 1,000 inhabitants."),
    _("Cafés and bars"),
    _("Cafés, bars, pubs, beer gardens, ice-cream parlours and clubs per 1,000 inhabitants."),
    _("Places to stay"),
    _("Hotels, guest houses, hostels, holiday flats and camp sites (tourism=*) per 1,000 inhabitants."),
    _("Culture venues"),
    _("Museums, galleries, theatres, cinemas, arts centres and libraries per 1,000 inhabitants."),
    _("Heritage and public art"),
    _("Historic objects (historic=*), artworks (tourism=artwork) and places of worship per km²."),
    _("Attractions and viewpoints"),
    _("Attractions, viewpoints, zoos, theme parks and picnic sites (tourism=*) per km²."),
    _("Sport and play"),
    _("Sports centres, fitness centres, swimming pools, pitches and playgrounds (leisure=*) per 1,000 inhabitants."),
    _("Public and care services"),
    _("Banks, post offices, town halls, pharmacies, doctors, dentists and clinics per 1,000 inhabitants."),
    _("Personal services"),
    _("Hairdressers, beauty salons, travel agents, dry cleaners and repair shops per 1,000 inhabitants."),
    _("Offices and workshops"),
    _("Offices (office=*) and craft workshops (craft=*) per 1,000 inhabitants: work in the core."),
    _("Parks and gardens"),
    _("Parks, public gardens, nature reserves and village greens per km²."),
    _("Water"),
    _(
        "Water bodies, rivers, canals, fountains and drinking water (natural=water, waterway=*, amenity=fountain) per km²."  # noqa: E501
    ),
    _("Market places"),
    _("Market places (amenity=marketplace) per 1,000 inhabitants."),
    _("Event and meeting venues"),
    _("Event venues, community centres, conference and exhibition centres per 1,000 inhabitants."),
    _("Public transport stops"),
    _(
        "Bus, tram and train stops (highway=bus_stop, public_transport=platform|stop_position, railway=station|halt|tram_stop) per km²."  # noqa: E501
    ),
    _("Car parks"),
    _("Car parks (amenity=parking) per km²."),
    _("Bicycle parking"),
    _("Bicycle parking and bike-share stations (amenity=bicycle_parking|bicycle_rental) per km²."),
    _("Residential buildings"),
    _("Residential buildings (building=residential|house|apartments|detached|terrace|semidetached_house) per km²."),
    _("Apartment buildings"),
    _("Apartment buildings (building=apartments) per km²: living in and above the centre."),
    _("per 1,000 inhabitants"),
    _("per km²"),
    _("fewer than {min_count} features behind the value ({count})"),
    _("fewer than {min_peers} peers with a value ({peers})"),
    _("the value is unknown (no population or area for this core)"),
    _("all peers have the same value, so there is nothing to compare with"),
)

_DIMENSIONS = {dimension.code: dimension for dimension in DIMENSIONS}


def indicator(code_or_indicator: str | Indicator) -> Indicator:
    return code_or_indicator if isinstance(code_or_indicator, Indicator) else BY_CODE[code_or_indicator]


def label(code_or_indicator: str | Indicator) -> str:
    return gettext(indicator(code_or_indicator).label)


def definition(code_or_indicator: str | Indicator) -> str:
    return gettext(indicator(code_or_indicator).definition)


def unit(code_or_indicator: str | Indicator) -> str:
    return gettext(UNITS[indicator(code_or_indicator).unit])


def dimension(code: str) -> str:
    return gettext(_DIMENSIONS[code].label)


def reason(comparison: profiles.IndicatorComparison, *, min_count=profiles.MIN_COUNT, min_peers=profiles.MIN_PEERS):
    """Why a figure is withheld, in words with its numbers; empty when it is not withheld."""
    if comparison.withheld is None:
        return ""
    return gettext(profiles.REASONS[comparison.withheld]).format(
        min_count=min_count, count=comparison.count, min_peers=min_peers, peers=comparison.n_peers
    )


def compared_words(percentile: float, n_peers: int) -> str:
    """A percentile among the peers in words: "hoger dan bij 80 % van de 8 vergelijkbare kernen", or "hoger dan bij
    alle 8 …" at the top (the percentile counts the peers below, ties half; see lib.dna.stats.percentile_rank)."""
    if not n_peers:
        return ""
    if percentile >= 100:
        return gettext("higher than in all %(n)s comparable cores") % {"n": n_peers}
    if percentile <= 0:
        return gettext("lower than in all %(n)s comparable cores") % {"n": n_peers}
    if percentile >= 50:
        return gettext("higher than in %(pct)s%% of the %(n)s comparable cores") % {
            "pct": round(percentile),
            "n": n_peers,
        }
    return gettext("lower than in %(pct)s%% of the %(n)s comparable cores") % {
        "pct": round(100 - percentile),
        "n": n_peers,
    }
