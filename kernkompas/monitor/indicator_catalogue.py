"""What each indicator of the Kernmonitor is: its code, name, unit, which way is better and what it means.

Plain definitions, without the models or the database, so that the models (a threshold names its indicator), the
pages, the API and the computing in :mod:`kernkompas.monitor.indicators` read the same catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    label: object  # translatable
    unit: str  # "share", "count", "m2", "index"
    higher_is_better: bool | None
    description: object
    path: tuple[str, ...] = ()  # where in AreaIndicators.values; default (code,)
    #: Slugs of the Vitrine themes whose cases act on this indicator: a weak value links to them, and a case on
    #: one of them names this indicator ("Meet dit in de Kernmonitor"). Only where a theme really is about it.
    themes: tuple[str, ...] = ()

    def value(self, values: dict | None):
        """This indicator's value in an ``AreaIndicators.values`` dict (None when absent)."""
        current = values
        for key in self.path or (self.code,):
            if not isinstance(current, dict):
                return None
            current = current.get(key)
        return current


# The Vitrine theme "Leegstand" (seeded by vitrine migration 0003). The retail offer's diversity has no theme of its
# own yet: none of the seeded ones is about it rather than about much else, so it links to none.
VACANCY_THEME = "leegstand"

_ALL = [
    Indicator(
        "units", _("commercial units"), "count", None, _("Units in use for retail, leisure or services, or vacant.")
    ),
    Indicator("all_units", _("all units"), "count", None, _("All units counted, housing and work included.")),
    Indicator("vacant_units", _("vacant units"), "count", False, _("Commercial units that stand empty.")),
    Indicator(
        "vacancy_rate",
        _("vacancy"),
        "share",
        False,
        _("Vacant units as a share of the commercial units."),
        themes=(VACANCY_THEME,),
    ),
    Indicator("floor_area", _("floor area"), "m2", None, _("Sales floor area (WVO) of the commercial units.")),
    Indicator("vacant_floor_area", _("vacant floor area"), "m2", False, _("Sales floor area that stands empty.")),
    Indicator(
        "vacancy_rate_area",
        _("vacancy by floor area"),
        "share",
        False,
        _("Vacant floor area as a share of the floor area of the commercial units whose area is known."),
        themes=(VACANCY_THEME,),
    ),
    Indicator(
        "floor_area_coverage",
        _("floor area known"),
        "share",
        True,
        _("Share of the commercial units whose floor area is known."),
    ),
    Indicator(
        "short_vacancy",
        _("vacant up to 1 year"),
        "count",
        None,
        _("Units vacant for at most a year (frictional vacancy)."),
        ("vacancy_duration", "short"),
    ),
    Indicator(
        "long_vacancy",
        _("vacant 1 to 3 years"),
        "count",
        False,
        _("Units vacant for more than one and at most three years (long-term vacancy)."),
        ("vacancy_duration", "long"),
    ),
    Indicator(
        "structural_vacancy",
        _("structural vacancy"),
        "count",
        False,
        _("Units vacant for more than three years."),
        ("vacancy_duration", "structural"),
        themes=(VACANCY_THEME,),
    ),
    Indicator(
        "diversity",
        _("diversity of the retail offer"),
        "index",
        True,
        _("Simpson index over the branches of the occupied shops: 0 = one branch, near 1 = many, evenly spread."),
    ),
    Indicator("branches", _("branches"), "count", True, _("Number of different branches among the occupied shops.")),
    Indicator(
        "independent_share",
        _("independents"),
        "share",
        None,
        _("Share of independent businesses among the occupied units whose chain status is known."),
    ),
    Indicator(
        "openings",
        _("openings"),
        "count",
        True,
        _("Units vacant at the previous count and in use now."),
        ("churn", "openings"),
    ),
    Indicator(
        "closures",
        _("closures"),
        "count",
        False,
        _("Units in use at the previous count and vacant now."),
        ("churn", "closures"),
    ),
    Indicator(
        "function_changes",
        _("changes of function"),
        "count",
        None,
        _("Units in use at both counts with another function group now."),
        ("churn", "function_changes"),
    ),
    Indicator(
        "occupant_changes",
        _("new occupants"),
        "count",
        None,
        _("Units in use at both counts by another occupant now."),
        ("churn", "occupant_changes"),
    ),
]

INDICATORS: dict[str, Indicator] = {indicator.code: indicator for indicator in _ALL}


def format_value(indicator, value) -> str:
    if value is None:
        return "–"
    if indicator.unit == "share":
        return f"{value * 100:.1f} %".replace(".", ",") if translation.get_language() == "nl" else f"{value * 100:.1f}%"
    if indicator.unit == "index":
        text = f"{value:.2f}"
        return text.replace(".", ",") if translation.get_language() == "nl" else text
    return f"{value:,.0f}".replace(",", "." if translation.get_language() == "nl" else ",")


def indicators_for_themes(themes) -> list[Indicator]:
    """The indicators that name one of these theme slugs, in catalogue order."""
    wanted = set(themes)
    return [indicator for indicator in _ALL if wanted.intersection(indicator.themes)]
