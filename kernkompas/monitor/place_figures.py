"""The current key figures of a municipality, core or area for a Binnenstadslab's participants (through the
registry, ``MonitorConfig.place_figures``; the lab never imports the Kernmonitor).

Per place: the latest count of each of its areas taken together (counts summed, shares recomputed, as the core
dashboard does), as units, vacancy and the largest function group, and for a core or municipality the mean
footfall of its public counting points. Only public areas unless the caller says the user may see the others.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.core.parts import CoreFootfall, Figure, PlaceFigures, place_key
from kernkompas.monitor import indicators
from kernkompas.monitor.core_units import core_footfall
from kernkompas.monitor.models import AreaIndicators, FunctionGroup, Sector
from kernkompas.monitor.presentation.formats import fmt_value
from kernkompas.places.models import Gebied, Gemeente, Kern


def _areas_of(place, include_private: bool) -> list[Gebied]:
    if isinstance(place, Gebied):
        areas = [place] if (include_private or place.is_public) else []
        return areas
    scope = {"kern__gemeente": place} if isinstance(place, Gemeente) else {"kern": place}
    queryset = Gebied.objects.filter(**scope).select_related("kern__gemeente")
    if not include_private:
        queryset = queryset.filter(is_public=True)
    return list(queryset.order_by("kern__name", "name"))


def _url(place, areas: list[Gebied]) -> str:
    if isinstance(place, Gebied):
        kern = place.kern
        return reverse(
            "monitor:gebied", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug, "gebied": place.slug}
        )
    if isinstance(place, Kern) and areas:
        return reverse("monitor:kern", kwargs={"gemeente": place.gemeente.slug, "kern": place.slug})
    return reverse("monitor:index")


# The function group of the vacant units (kernkompas/monitor/taxonomy.py).
VACANT_GROUP = "leegstand"


def _mix_headline(mix: dict, units: int, names: dict[str, str]) -> str:
    # Vacancy has a figure of its own: the largest group is the largest group of units in use.
    mix = {code: n for code, n in (mix or {}).items() if code != VACANT_GROUP}
    if not mix or not units:
        return ""
    code, n = max(mix.items(), key=lambda item: (item[1], item[0]))
    return _("%(group)s (%(share)s of the units)") % {
        "group": names.get(code, code),
        "share": fmt_value(n / units, "share"),
    }


def _footfall_text(found: CoreFootfall) -> str:
    return _("%(n)s passers-by a day") % {"n": fmt_value(found.mean_per_day, "count")}


def place_figures(places, include_private: bool = False) -> dict[str, PlaceFigures]:
    """``{place_key(place): PlaceFigures}`` of the places that have a count or footfall (others left out)."""
    areas_by_key = {place_key(place): _areas_of(place, include_private) for place in places}
    all_ids = {area.pk for areas in areas_by_key.values() for area in areas}
    latest_date = AreaIndicators.objects.filter(gebied=OuterRef("gebied")).order_by("-date").values("date")[:1]
    latest = {
        row.gebied_id: row
        for row in AreaIndicators.objects.filter(gebied_id__in=all_ids, date=Subquery(latest_date)).order_by("pk")
    }
    names = {
        code: name
        for code, name in FunctionGroup.objects.exclude(sector=Sector.LEEGSTAND)
        .filter(gemeente__isnull=True)
        .values_list("code", "name")
    }
    # Footfall only from public areas (core_footfall reads those alone), so only when private ones are not asked.
    kernen_by_key: dict[str, list[Kern]] = defaultdict(list)
    for place in places:
        if isinstance(place, Kern):
            kernen_by_key[place_key(place)] = [place]
        elif isinstance(place, Gemeente):
            kernen_by_key[place_key(place)] = list(place.kernen.all())
    footfall = core_footfall({kern for kernen in kernen_by_key.values() for kern in kernen})
    found: dict[str, PlaceFigures] = {}
    for place in places:
        key = place_key(place)
        areas = areas_by_key[key]
        rows = [latest[area.pk] for area in areas if area.pk in latest]
        figures: list[Figure] = []
        newest = max((row.date for row in rows), default=None)
        if rows:
            values = indicators.combine(rows)
            units = values.get("units") or 0
            figures.append(Figure(_("Units"), fmt_value(units, "count"), newest))
            figures.append(Figure(_("Vacancy"), fmt_value(values.get("vacancy_rate"), "share"), newest))
            headline = _mix_headline(values.get("mix") or {}, units, names)
            if headline:
                figures.append(Figure(_("Largest function group"), headline, newest))
        walks = [footfall[kern.pk] for kern in kernen_by_key.get(key, []) if kern.pk in footfall]
        if walks:
            total = CoreFootfall(
                mean_per_day=sum(w.mean_per_day for w in walks),
                days=min(w.days for w in walks),
                date_from=min(w.date_from for w in walks),
                date_to=max(w.date_to for w in walks),
            )
            figures.append(Figure(_("Footfall"), _footfall_text(total), total.date_to))
            newest = max(filter(None, [newest, total.date_to]))
        if figures:
            found[key] = PlaceFigures(name=str(place), figures=tuple(figures), url=_url(place, areas), date=newest)
    return found
