"""Public pages for places: the search and overview, a municipality, a core.

The views read through kernkompas.places.selectors and only turn the results into what a page shows: sentences
for the similarity reasons and GeoJSON for the maps.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.lib.similarity import MEDIUM, REGIONAL_CENTRE, SMALLER, Reason
from kernkompas.lib.text import natural_key
from kernkompas.places import selectors
from kernkompas.places.models import CountryCode, Gemeente, Kern, KernKind, SizeClass

URBANITY_LABELS = {
    1: gettext_lazy("very strongly urban"),
    2: gettext_lazy("strongly urban"),
    3: gettext_lazy("moderately urban"),
    4: gettext_lazy("hardly urban"),
    5: gettext_lazy("not urban"),
}

ROLE_SENTENCES = {
    REGIONAL_CENTRE: gettext_lazy("both a regional centre in their province"),
    MEDIUM: gettext_lazy("both a medium-sized municipality for their province"),
    SMALLER: gettext_lazy("both a smaller municipality in their province"),
}

# Shown under the heading "Role in the province", so the province need not be repeated.
ROLE_LABELS = {
    REGIONAL_CENTRE: gettext_lazy("regional centre"),
    MEDIUM: gettext_lazy("medium-sized municipality"),
    SMALLER: gettext_lazy("smaller municipality"),
}

# One sentence per country rather than "also in %(country)s": English needs "the Netherlands".
COUNTRY_SENTENCES = {
    CountryCode.BE: gettext_lazy("also in Belgium"),
    CountryCode.NL: gettext_lazy("also in the Netherlands"),
}

SIMILAR_LIMIT = 6


def _number(value, decimals: int = 0) -> str:
    """A number in the page's language: 46.598 and 1.234,5 in Dutch, 46,598 and 1,234.5 in English.

    The same filter as the templates use, so a figure rounds the same in a sentence and in the key figures.
    """
    return floatformat(value, f"{decimals}g")


# --- Index: search and overview ----------------------------------------------------------------------------


@cache_for_visitors
def index(request):
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query}
    if query:
        context["results"] = selectors.search_places(query)
    else:
        context["countries"] = selectors.overview(no_province_label=_("Not in a province"))
    return render(request, "places/index.html", context)


# --- Municipality ------------------------------------------------------------------------------------------


@cache_for_visitors
def gemeente_detail(request, slug):
    gemeente, renamed = selectors.find_gemeente(
        slug, Gemeente.objects.select_related("country", "province", "merged_into")
    )
    if gemeente is None:
        raise Http404
    if renamed:
        return redirect(gemeente.get_absolute_url(), permanent=True)
    can_manage = permissions.can_manage_gemeente(request.user, gemeente)
    kernen = sorted(gemeente.kernen.all(), key=core_order)
    gebieden = list(selectors.visible_gebieden(request.user, gemeente))
    candidates = selectors.load_candidates(demo=gemeente.is_demo)
    similar = selectors.similar_gemeenten(gemeente, candidates, limit=SIMILAR_LIMIT) if gemeente.is_current else []
    neighbours = selectors.neighbours(gemeente, candidates)
    own_place = selectors.place_for(gemeente, candidates)
    context = {
        "gemeente": gemeente,
        "can_manage": can_manage,
        "figures": list(gemeente.population_figures.order_by("-year")),
        "predecessors": list(gemeente.predecessors.order_by("name_nl")),
        "merger_note": merger_note(gemeente),
        "kernen": kernen,
        "gebieden": gebieden,
        "regios": list(gemeente.regios.all()),
        "urbanity_label": URBANITY_LABELS.get(gemeente.urbanity),
        "role_label": ROLE_LABELS.get(own_place.role),
        "similar": [_similar_item(item, gemeente) for item in similar],
        "map_data": gemeente_map(gemeente, kernen, gebieden, neighbours),
        "similar_map_data": similar_map(gemeente, similar),
        # The other parts' blocks (dashboards, cases), read with this visitor's scope on every request.
        "panels": parts.place_panels(request, gemeente),
    }
    return render(request, "places/gemeente.html", context)


def merger_note(gemeente: Gemeente) -> dict | None:
    """What the page says about a municipality that was merged away: since when, and into which one."""
    successor = gemeente.merged_into
    if successor is None:
        return None
    since = successor.valid_from
    if since is None and gemeente.valid_until is not None:
        since = gemeente.valid_until + timedelta(days=1)
    return {"successor": successor, "since": since}


def describe_reason(reason: Reason, gemeente: Gemeente) -> str:
    """One similarity reason as a sentence in the page's language."""
    code = reason.code
    if code == "population":
        return _("similar population: %(this)s against %(other)s") % {
            "this": _number(reason.target),
            "other": _number(reason.other),
        }
    if code == "density":
        return _("similar density: %(this)s against %(other)s inhabitants per km²") % {
            "this": _number(reason.target),
            "other": _number(reason.other),
        }
    if code == "same_size_class":
        return _("both in the size class %(label)s") % {"label": SizeClass(reason.target).label}
    if code == "same_role":
        return str(ROLE_SENTENCES[reason.target])
    if code == "same_urbanity":
        return _("both %(label)s (CBS)") % {"label": URBANITY_LABELS[reason.target]}
    if code == "same_province":
        return _("also in the province of %(name)s") % {"name": gemeente.province.name_nl}
    if code == "same_country":
        return str(COUNTRY_SENTENCES.get(reason.target, reason.target))
    return code


def _similar_item(item: selectors.SimilarGemeente, gemeente: Gemeente) -> dict:
    return {
        **item.row,
        "density": item.match.place.density,
        "reasons": [describe_reason(reason, gemeente) for reason in item.match.reasons],
    }


def core_order(kern: Kern) -> tuple:
    """The main core first, then the others in natural order ("kern 2" before "kern 10")."""
    return (kern.kind != KernKind.HOOFDKERN, natural_key(kern.name))


# --- Core --------------------------------------------------------------------------------------------------


@cache_for_visitors
def kern_detail(request, gemeente, slug):
    kern, renamed = selectors.find_kern(
        gemeente,
        slug,
        Kern.objects.select_related("gemeente", "gemeente__country", "gemeente__province", "gemeente__merged_into"),
    )
    if kern is None:
        raise Http404
    if renamed:
        return redirect(kern.get_absolute_url(), permanent=True)
    owner = kern.gemeente
    gebieden = list(selectors.visible_gebieden(request.user, owner, kern=kern))
    others = sorted((other for other in owner.kernen.all() if other.pk != kern.pk), key=core_order)
    context = {
        "kern": kern,
        "gemeente": owner,
        "can_manage": permissions.can_manage_gemeente(request.user, owner),
        "gebieden": gebieden,
        "other_kernen": others,
        "regios": list(kern.regios.all()),
        "map_data": kern_map(kern, gebieden, others),
        "panels": parts.place_panels(request, kern),
    }
    return render(request, "places/kern.html", context)


# --- Map data ----------------------------------------------------------------------------------------------


def _feature(obj_or_row, role: str, name: str, url: str | None = None, fit: bool = False, **extra) -> dict | None:
    """A GeoJSON feature for map.js; falls back to the stored point when there is no boundary."""
    get = obj_or_row.get if isinstance(obj_or_row, dict) else lambda key: getattr(obj_or_row, key, None)
    geometry = get("geometry")
    if not geometry and get("point_lat") is not None and get("point_lon") is not None:
        geometry = {"type": "Point", "coordinates": [get("point_lon"), get("point_lat")]}
    if not geometry:
        return None
    properties = {"role": role, "name": name, "url": url, "fit": fit, **extra}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _collection(features) -> dict | None:
    found = [f for f in features if f is not None]
    if not any(f["properties"]["fit"] for f in found):
        return None  # nothing of this place itself to show: no map, the lists say it all
    return {"type": "FeatureCollection", "features": found}


def _gebied_features(gebieden) -> list:
    return [_feature(g, "gebied", g.name, fit=True, public=g.is_public, kind=g.get_kind_display()) for g in gebieden]


def gemeente_map(gemeente, kernen, gebieden, neighbours) -> dict | None:
    features = [_feature(n, "neighbour", n["name_nl"], url=_gemeente_url(n["slug"])) for n in neighbours]
    features.append(_feature(gemeente, "main", gemeente.name_nl, fit=True))
    features += [_feature(k, "kern", k.name, url=k.get_absolute_url(), fit=True) for k in kernen]
    features += _gebied_features(gebieden)
    return _collection(features)


def kern_map(kern, gebieden, other_kernen) -> dict | None:
    owner = kern.gemeente
    features = [_feature(owner, "context", owner.name_nl, url=owner.get_absolute_url())]
    features += [_feature(k, "neighbour", k.name, url=k.get_absolute_url()) for k in other_kernen]
    features.append(_feature(kern, "main", kern.name, fit=True))
    features += _gebied_features(gebieden)
    return _collection(features)


def similar_map(gemeente, similar) -> dict | None:
    """Points only: the similar municipalities can be anywhere in the country."""
    if not similar:
        return None
    # Permanent labels: without background tiles the names are what makes the dots readable.
    features = [
        _feature({**item.row, "geometry": None}, "similar", item.row["name_nl"], fit=True, label=True)
        for item in similar
    ]
    for feature, item in zip(features, similar, strict=True):
        if feature:
            feature["properties"]["url"] = _gemeente_url(item.row["slug"])
    own = {"point_lat": gemeente.point_lat, "point_lon": gemeente.point_lon}
    features.append(_feature(own, "self", gemeente.name_nl, fit=True, label=True))
    return _collection(features)


def _gemeente_url(slug: str) -> str:
    return reverse("places:gemeente", kwargs={"slug": slug})
