"""The Kernmonitor's pages: overview, core and area dashboards, unit register, downloads, thresholds, visibility.

Views parse the request, ask :mod:`kernkompas.monitor.selectors` (which applies the municipality scope: an area
that is not public is a 404 for everyone outside its municipality) and turn the result into what a page shows:
cards with their trend, GeoJSON for the map and inline SVG charts with table alternatives.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date, timedelta
from typing import NamedTuple

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.lib import colour as colour_lib
from kernkompas.monitor import charts, downloads, selectors
from kernkompas.monitor.actions.thresholds import save_threshold
from kernkompas.monitor.actions.visibility import set_area_public
from kernkompas.monitor.forms import ThresholdForm
from kernkompas.monitor.models import Threshold

# The indicator cards, in order: (code, label, kind). Whether a rise is an improvement comes from the indicator's
# definition (indicators.INDICATORS, higher_is_better), so a card and the indicator never disagree.
CARDS = (
    ("units", gettext_lazy("Commercial units"), "count"),
    ("vacancy_rate", gettext_lazy("Vacancy (share of units)"), "share"),
    ("vacancy_rate_area", gettext_lazy("Vacancy (share of floor area)"), "share"),
    ("diversity", gettext_lazy("Diversity of the retail offer"), "index"),
    ("independent_share", gettext_lazy("Independent businesses"), "share"),
)
CHURN = (
    ("openings", gettext_lazy("openings")),
    ("closures", gettext_lazy("closures")),
    ("function_changes", gettext_lazy("changes of function")),
)


# --- Formatting -----------------------------------------------------------------------------------------------


def fmt_value(value, kind: str) -> str:
    if value is None:
        return _("not known")
    if kind == "share":
        return floatformat(value * 100, "1g") + " %"
    if kind == "index":
        return floatformat(value, "2g")
    if kind == "m2":
        return floatformat(value, "0g") + " m²"
    return floatformat(value, "0g")


def fmt_difference(diff: float, kind: str) -> str:
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    size = abs(diff)
    if kind == "share":
        return _("%(sign)s%(value)s percentage points") % {"sign": sign, "value": floatformat(size * 100, "1g")}
    if kind == "index":
        return f"{sign}{floatformat(size, '2g')}"
    return f"{sign}{floatformat(size, '0g')}"


def trend(current, previous, kind: str, higher_is_better, since) -> dict | None:
    """The change since the previous count: an arrow and words (never colour alone)."""
    if current is None or previous is None or since is None:
        return None
    diff = current - previous
    rounded = round(diff * 1000) if kind == "share" else round(diff, 2)
    if not rounded:
        arrow, judgement = "→", ""
    else:
        arrow = "↑" if diff > 0 else "↓"
        judgement = "" if higher_is_better is None else ("better" if (diff > 0) == higher_is_better else "worse")
    return {
        "arrow": arrow,
        "text": _("%(difference)s since %(date)s") % {"difference": fmt_difference(diff, kind), "date": since},
        "judgement": judgement,
        "judgement_label": {"better": _("improvement"), "worse": _("deterioration")}.get(judgement, ""),
    }


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _higher_is_better(code: str) -> bool | None:
    """The indicator definition's better direction: True, False or None (neither, no judgement)."""
    from kernkompas.monitor import indicators

    meta = indicators.INDICATORS.get(code)
    return meta.higher_is_better if meta else None


def build_cards(current, previous, comparison: dict) -> list[dict]:
    from kernkompas.monitor import indicators

    if current is None:
        return []
    values, before = current.values or {}, (previous.values if previous else None) or {}
    since = _date(previous.date) if previous else None
    cards = []
    for code, label, kind in CARDS:
        meta = indicators.INDICATORS.get(code)
        better = meta.higher_is_better if meta else None
        cards.append(
            {
                "code": code,
                "label": label,
                "value": fmt_value(values.get(code), kind),
                "trend": trend(values.get(code), before.get(code) if previous else None, kind, better, since),
                "compare": _comparison_for(code, kind, comparison),
                "description": getattr(meta, "description", "") if meta else "",
            }
        )
    return cards


def _comparison_for(code: str, kind: str, comparison: dict) -> list[dict]:
    """What similar areas and the region show for this indicator, as far as the indicators module gives it."""
    rows = []
    for key, label in (("similar", _("similar areas")), ("region", _("the region"))):
        part = comparison.get(key) or {}
        value = (part.get("medians") or {}).get(code)
        if value is None or not part.get("n"):
            continue
        if key == "region" and part.get("names"):
            label = ", ".join(part["names"])
        rows.append({"label": label, "value": fmt_value(value, kind), "n": part["n"]})
    return rows


def duration_card(current, previous) -> dict | None:
    if current is None:
        return None
    now = (current.values or {}).get("vacancy_duration") or {}
    before = ((previous.values or {}).get("vacancy_duration") or {}) if previous else {}
    since = _date(previous.date) if previous else None
    rows = []
    for code, label in selectors.DURATIONS:
        rows.append(
            {
                "code": code,
                "label": label,
                "value": now.get(code),
                "trend": trend(
                    now.get(code),
                    before.get(code) if previous else None,
                    "count",
                    _higher_is_better(f"{code}_vacancy"),
                    since,
                ),
            }
        )
    return {"rows": rows, "lower_bound": now.get("lower_bound")}


def churn_card(current) -> dict | None:
    churn = (current.values or {}).get("churn") if current else None
    if not churn or churn.get("previous_date") is None:
        return None
    since = churn.get("previous_date")
    if isinstance(since, str):
        since = _date(date.fromisoformat(since))
    return {"since": since, "rows": [(label, churn.get(code)) for code, label in CHURN]}


# --- Units: map points and table rows ---------------------------------------------------------------------------

# What a unit's map feature and table row look like is built here, not in a template loop: for 2,000 units that
# would cost the page most of its time. Bump UNIT_SHEET_FORMAT when their markup changes, so that cached sheets of
# the old shape are not served.
UNIT_SHEET_FORMAT = 2
UNIT_SHEET_SECONDS = 3600
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))  # as json_script escapes


def _script_safe(text: str) -> str:
    for char, code in _SCRIPT_ESCAPES:
        text = text.replace(char, code)
    return text


class UnitLine(NamedTuple):
    """One unit as the area dashboard shows it, with what its filters ask of it.

    ``feature`` is its map point as JSON, escaped for a ``<script type="application/json">`` ("" when the unit has
    no coordinates); ``row`` its table row as HTML.
    """

    name: str
    group_code: str
    is_vacant: bool
    duration: str | None
    feature: str
    row: str


def unit_feature(v: selectors.UnitValues, duration: str | None) -> dict | None:
    """The unit's map point for dashboard.js: group colour, vacancy and its duration class; None without a place."""
    if v.lat is None or v.lon is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [v.lon, v.lat]},
        "properties": {
            "role": "unit",
            "name": v.name,
            "occupant": v.occupant,
            "group": v.group_name,
            "branch": v.branch_name or "",
            "colour": colour_lib.safe(v.colour),
            "vacant": v.is_vacant,
            "duration": duration or "",
            "duration_label": str(selectors.DURATION_LABELS.get(duration, "")),
        },
    }


@functools.lru_cache(maxsize=256)  # a handful of group colours, drawn for thousands of rows
def swatch(colour: str) -> SafeString:
    """A small disc in a function group's colour, as SVG: its colour is a ``fill`` attribute, which the
    Content-Security-Policy allows (a ``style`` attribute it blocks), and which is never more than a colour."""
    return format_html(
        '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        '<circle cx="5" cy="5" r="4.5" fill="{}"/></svg>',
        colour_lib.safe(colour),
    )


def unit_row_html(v: selectors.UnitValues, duration: str | None, words: dict, contacts: str | None = None) -> str:
    """The unit's row in the unit table (the map's alternative); ``contacts`` adds the owner column (the register
    only, never the dashboard). ``words`` from ``_row_words()``. Every value goes through ``format_html``."""
    dash = "–"
    vacant = dash
    if v.is_vacant:
        vacant = format_html(
            '{}{} <span class="small">({})</span>',
            v.vacant_since.strftime("%d-%m-%Y") if v.vacant_since else "?",
            words["earlier"] if v.vacant_since_open else "",
            selectors.DURATION_LABELS.get(duration, ""),
        )
    return format_html(
        '<tr><th scope="row">{}</th><td>{}{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>',
        v.name,
        v.occupant or dash,
        words["chain"] if v.is_chain else "",
        swatch(v.colour),
        v.group_name,
        dash if v.branch_name is None else v.branch_name,
        f"{v.floor_area} m²" if v.floor_area else dash,
        vacant,
        "" if contacts is None else format_html("<td>{}</td>", contacts or dash),
    )


def _row_words() -> dict:
    return {
        "chain": format_html(' <span class="small">({})</span>', _("chain")),
        "earlier": format_html(" {}", _("or earlier")),
    }


def _contacts_html(contacts) -> SafeString:
    return format_html_join(
        "",
        "<div>{}{}{}{}</div>",
        (
            (
                c.name,
                format_html(", {}", c.organisation) if c.organisation else "",
                format_html('<br><a href="mailto:{}">{}</a>', c.email, c.email) if c.email else "",
                format_html("<br>{}", c.phone) if c.phone else "",
            )
            for c in contacts
        ),
    )


def unit_lines(values: list[selectors.UnitValues], on: date, words: dict) -> list[UnitLine]:
    """The units of the count of ``on`` as the dashboard shows them, in the order given."""
    lines = []
    for v in values:
        duration = selectors.duration_class(v.vacant_since, on) if v.is_vacant else None
        feature = unit_feature(v, duration)
        lines.append(
            UnitLine(
                v.name,
                v.group_code,
                v.is_vacant,
                duration,
                "" if feature is None else _script_safe(json.dumps(feature)),
                unit_row_html(v, duration, words),
            )
        )
    return lines


def unit_sheet(count, rows: list[tuple], version: str) -> list[UnitLine]:
    """Every unit of the count as ``UnitLine``s in address order, from ``selectors.unit_values()``.

    Cached under the digest of the rows (so never stale: other rows, another digest), the count date (durations)
    and the words of the language as they are now translated: the full dashboard and every filtered one share it.
    """
    words = _row_words()
    labels = [str(label) for _code, label in selectors.DURATIONS]
    wording = hashlib.blake2b(repr((get_language(), words, labels)).encode(), digest_size=8).hexdigest()
    key = f"monitor-units:{UNIT_SHEET_FORMAT}:{wording}:{count.date.isoformat()}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return list(map(UnitLine._make, cached))
    values = sorted(map(selectors.UnitValues._make, rows), key=selectors.UnitValues.address_order)
    lines = unit_lines(values, count.date, words)
    cache.set(key, [tuple(line) for line in lines], UNIT_SHEET_SECONDS)  # plain tuples: three times faster to read
    return lines


def map_json(gebieden, features) -> SafeString:
    """The map's GeoJSON for dashboard.js (area outlines, then the units' ``feature`` strings), ready for a
    ``<script type="application/json">``: the same text ``json_script`` makes of the whole collection."""
    outlines = [
        _script_safe(
            json.dumps(
                {"type": "Feature", "geometry": g.geometry, "properties": {"role": "gebied", "name": g.name}},
                cls=DjangoJSONEncoder,
            )
        )
        for g in gebieden
        if g.geometry
    ]
    return mark_safe(  # noqa: S308 — JSON whose every piece went through _script_safe (as json_script escapes)
        '{"type": "FeatureCollection", "features": [' + ", ".join([*outlines, *(f for f in features if f)]) + "]}"
    )


def unit_table_body(rows, *, with_contacts: bool = False) -> SafeString:
    """The unit table's rows for ``selectors.UnitRow``s (the core page, the register). Owner contacts only when
    asked for (the register, never a dashboard)."""
    words = _row_words()
    return mark_safe(  # noqa: S308 — every row is built by unit_row_html's format_html
        "".join(
            unit_row_html(
                selectors.UnitValues.of_row(row),
                row.duration,
                words,
                _contacts_html(getattr(row, "contacts", [])) if with_contacts else None,
            )
            for row in rows
        )
    )


def rows_map_json(gebieden, rows) -> SafeString:
    """``map_json`` for ``selectors.UnitRow``s (the core page)."""
    features = []
    for row in rows:
        feature = unit_feature(selectors.UnitValues.of_row(row), row.duration)
        if feature is not None:
            features.append(_script_safe(json.dumps(feature)))
    return map_json(gebieden, features)


# --- Charts ---------------------------------------------------------------------------------------------------


def vacancy_chart(series) -> dict | None:
    if not series:
        return None
    labels = [_date(row.date) for row in series]
    by_units = [_pct(row.values.get("vacancy_rate")) for row in series]
    by_area = [_pct(row.values.get("vacancy_rate_area")) for row in series]
    svg = charts.line_chart(
        labels,
        [
            charts.Series(_("share of units"), "#a8201a", by_units),
            charts.Series(_("share of floor area"), "#0b5563", by_area, dash="6 4"),
        ],
        title=_("Vacancy over time"),
        desc=_("Vacancy as a percentage of units and of floor area at each count."),
        fmt=lambda v: floatformat(v, "0g") + " %",
    )
    table = [(label, _pct_text(a), _pct_text(b)) for label, a, b in zip(labels, by_units, by_area, strict=True)]
    return _with_body(
        {"svg": svg, "headers": [_("Count"), _("share of units"), _("share of floor area")], "rows": table}
    )


def mix_chart(series, groups) -> dict | None:
    if not series:
        return None
    rows, table = [], []
    for row in series:
        mix = row.values.get("mix") or {}
        parts = [(g.name, g.safe_colour, mix.get(g.code, 0)) for g in groups if mix.get(g.code)]
        rows.append((_date(row.date), parts))
        table.append([_date(row.date), *(mix.get(g.code, 0) for g in groups)])
    svg = charts.stacked_bars(
        rows,
        title=_("Function mix per count"),
        desc=_("Share of each function group among all units at each count; the table lists the numbers."),
    )
    return _with_body({"svg": svg, "headers": [_("Count"), *(g.name for g in groups)], "rows": table})


FOOTFALL_CHARTS_FORMAT = 3  # bump when the footfall charts' markup changes, so cached ones of the old shape go


def _footfall_words() -> dict:
    """Every text of the footfall charts, in the active language."""
    return {
        "series": _("passers-by per day"),
        "daily_title": _("Footfall per day"),
        "daily_desc": _("Passers-by per day over all counting points; days with missing hours are gaps in the line."),
        "complete": {None: _("no counts"), True: _("yes"), False: _("incomplete")},
        "weekday_title": _("Average footfall per weekday"),
        "weekday_desc": _("Average passers-by per day for each day of the week, over the complete days."),
        "weekdays": [str(day) for day in WEEKDAYS_ABBR.values()],
        "hour_title": _("Average footfall per hour"),
        "hour_desc": _("Average passers-by per hour of the day (0 to 23), over the complete days."),
        "daily_headers": [_("Day"), _("Passers-by"), _("Complete")],
        "weekday_headers": [_("Weekday"), _("Average per day")],
        "hour_headers": [_("Hour"), _("Average")],
        "thousands": floatformat(1000, "0g"),  # the language's number format
    }


def footfall_charts(summary: dict) -> dict | None:
    """Footfall charts from ``monitor.footfall``: a day that is missing or incomplete is a gap, never a zero.

    The charts follow from the summary and the words alone, so they are made once per footfall version (the
    summary's cache key) and wording, and cached like the summary; the gaps name their counting point afresh.
    """
    if not summary:
        return None
    words = _footfall_words()
    wording = hashlib.blake2b(repr((get_language(), words)).encode(), digest_size=8).hexdigest()
    key = f"monitor-footfall-charts:{FOOTFALL_CHARTS_FORMAT}:{wording}:{summary['version']}"
    made = cache.get(key)
    if made is None:
        made = _footfall_chart_set(summary, words)
        cache.set(key, made, selectors.FOOTFALL_CACHE_SECONDS)
    return {
        **made,
        "gaps": [
            {
                "text": _("%(point)s: no counts from %(start)s to %(end)s")
                % {"point": point.name, "start": _moment(gap.start), "end": _moment(gap.end)}
            }
            for point, gap in summary["gaps"]
        ],
        "date_from": summary["date_from"],
        "date_to": summary["date_to"],
        "year_on_year": footfall_year_on_year(summary),
    }


def footfall_year_on_year(summary: dict) -> dict | None:
    """The last weeks against the same weeks a year earlier, in words: for the area (all its counting points)
    and, with more than one, per point; or why there is no comparison. Never a colour alone: a signed figure."""
    area = summary.get("year_on_year")
    if not area:
        return None
    points = summary.get("year_on_year_points") or []
    text = _year_on_year_text(area)
    rows = [{"label": _("All counting points"), "text": text} if points else {"label": None, "text": capfirst(text)}]
    rows += [{"label": point.name, "text": _year_on_year_text(change)} for point, change in points]
    return {
        "intro": _(
            "The last %(weeks)s weeks (%(start)s to %(end)s) against the same weeks a year earlier, each day "
            "against the same weekday, complete days only:"
        )
        % {"weeks": area["weeks"], "start": _date(area["date_from"]), "end": _date(area["date_to"])},
        "rows": rows,
    }


def _year_on_year_text(change: dict) -> str:
    n = len(change["days"])
    if not n:
        if change.get("reason") == "short":
            return _("no comparison: less than a year of counts")
        return _("no comparison: no complete days in both periods")
    if change["change"] is None:
        return _("no comparison: no passers-by counted a year earlier")
    return ngettext(
        "%(change)s (%(n)s comparable day: %(total)s against %(previous)s passers-by)",
        "%(change)s (%(n)s comparable days: %(total)s against %(previous)s passers-by)",
        n,
    ) % {
        "change": fmt_change(change["change"]),
        "n": n,
        "total": floatformat(change["total"], "0g"),
        "previous": floatformat(change["previous_total"], "0g"),
    }


def fmt_change(change: float) -> str:
    """A relative change as a signed percentage with one decimal: +3,2 %, −3,2 %, ±0,0 %."""
    size = floatformat(abs(change) * 100, "1g")
    sign = "±" if size == floatformat(0, "1g") else ("+" if change > 0 else "−")
    return f"{sign}{size} %"


def _footfall_chart_set(summary: dict, words: dict) -> dict:
    by_day = {d.date: d for d in summary["daily"]}
    days = [
        summary["date_from"] + timedelta(days=i) for i in range((summary["date_to"] - summary["date_from"]).days + 1)
    ]
    values = [by_day[d].total if d in by_day and by_day[d].complete else None for d in days]
    line = charts.line_chart(
        [_date(d) for d in days],
        [charts.Series(words["series"], "#0b5563", values)],
        title=words["daily_title"],
        desc=words["daily_desc"],
        fmt=lambda v: floatformat(v, "0g"),
        markers=False,
        width=1100,
    )
    complete = words["complete"]
    daily_rows = [
        (
            _date(d),
            floatformat(by_day[d].total, "0g") if d in by_day else "–",
            complete[by_day[d].complete if d in by_day else None],
        )
        for d in days
    ]
    weekday = summary["weekday"]
    weekday_labels = [words["weekdays"][item["weekday"] - 1] for item in weekday]
    weekday_svg = charts.bar_chart(
        weekday_labels,
        [item["mean"] for item in weekday],
        title=words["weekday_title"],
        desc=words["weekday_desc"],
        colour="#0b5563",
        fmt=lambda v: floatformat(v, "0g"),
    )
    hour = summary["hour"]
    hour_svg = charts.bar_chart(
        [str(item["hour"]) for item in hour],
        [item["mean"] for item in hour],
        title=words["hour_title"],
        desc=words["hour_desc"],
        colour="#7a4f00",
        fmt=lambda v: floatformat(v, "0g"),
    )
    return {
        "daily": _with_body({"svg": line, "headers": words["daily_headers"], "rows": daily_rows}),
        "weekday": _with_body(
            {
                "svg": weekday_svg,
                "headers": words["weekday_headers"],
                "rows": [(label, _mean(i["mean"])) for label, i in zip(weekday_labels, weekday, strict=True)],
            }
        ),
        "hour": _with_body(
            {
                "svg": hour_svg,
                "headers": words["hour_headers"],
                "rows": [(f"{i['hour']}:00", _mean(i["mean"])) for i in hour],
            }
        ),
    }


def _moment(value) -> str:
    return value.strftime("%d-%m-%Y %H:%M")


def _mean(value) -> str:
    return "–" if value is None else floatformat(value, "0g")


def _with_body(chart: dict) -> dict:
    chart["tbody"] = charts.table_body(chart["rows"])
    return chart


def _pct(value):
    return None if value is None else value * 100


def _pct_text(value):
    return _("not known") if value is None else floatformat(value, "1g") + " %"


# --- Pages ----------------------------------------------------------------------------------------------------


def index(request):
    groups = selectors.overview(request.user)
    for group in groups:
        for kern in group["kernen"]:
            _add_vacancy_text(kern["rows"])
    return render(request, "monitor/index.html", {"groups": groups})


def _add_vacancy_text(rows) -> None:
    for row in rows:
        row.vacancy_text = fmt_value((row.latest.values or {}).get("vacancy_rate"), "share") if row.latest else ""


def threshold_notices(crossings) -> list[dict]:
    """The open threshold crossings in words: which indicator, which limit, since which count, the value then."""
    from kernkompas.monitor import indicators

    notices = []
    for crossing in crossings:
        threshold = crossing.threshold
        meta = indicators.INDICATORS.get(threshold.indicator)
        kind = meta.unit if meta else "count"
        label = str(meta.label).capitalize() if meta else threshold.indicator
        if threshold.direction == Threshold.Direction.RISING:
            limit = _("rose by more than %(value)s") % {"value": fmt_difference(threshold.value, kind).lstrip("+±")}
        elif threshold.direction == Threshold.Direction.BELOW:
            limit = _("below %(value)s") % {"value": fmt_value(threshold.value, kind)}
        else:
            limit = _("above %(value)s") % {"value": fmt_value(threshold.value, kind)}
        notices.append(
            {
                "label": label,
                "text": _("%(limit)s since the count of %(date)s (then %(value)s).")
                % {"limit": limit, "date": _date(crossing.opened_count.date), "value": fmt_value(crossing.value, kind)},
            }
        )
    return notices


def kern_dashboard(request, gemeente, kern):
    found, gebieden = selectors.get_kern(request.user, gemeente, kern)
    can_manage = permissions.can_manage_gemeente(request.user, found.gemeente)
    data = selectors.kern_page(found, gebieden)
    _add_vacancy_text(data["areas"])
    # The core's totals include every area; outside the municipality they are shown only when all are public.
    all_public = all(g.is_public for g in found.gebieden.all())
    series = data["series"] if (can_manage or all_public) else []
    groups = selectors.functiongroups_for(found.gemeente_id)
    current = series[-1] if series else None
    previous = series[-2] if len(series) > 1 else None
    context = {
        "kern": found,
        "gemeente": found.gemeente,
        "can_manage": can_manage,
        "areas": data["areas"],
        "series": series,
        "totals_hidden": bool(data["series"]) and not series,
        "cards": build_cards(current, previous, {}),
        "durations": duration_card(current, previous),
        "current": current,
        "vacancy_chart": vacancy_chart(series),
        "mix_chart": mix_chart(series, groups),
        "map_json": rows_map_json(gebieden, data["rows"]),
        "unit_tbody": unit_table_body(data["rows"]),
        "rows": data["rows"],
        "groups": groups,
        "duration_choices": selectors.DURATIONS,
    }
    return render(request, "monitor/kern.html", context)


def area_dashboard(request, gemeente, kern, gebied):
    area = selectors.get_gebied(request.user, gemeente, kern, gebied)
    filters = selectors.UnitFilters.from_query(request.GET)
    page = selectors.area_page(area, request.user, filters, values=True)
    if page.count is not None:
        page.rows = unit_sheet(page.count, page.unit_values, page.units_version)
        page.shown = [line for line in page.rows if filters.admits(line.group_code, line.is_vacant, line.duration)]
    can_manage = permissions.can_manage_gemeente(request.user, area.kern.gemeente)
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "page": page,
        "filters": filters,
        "can_manage": can_manage,
        "cards": build_cards(page.current, page.previous, page.comparison),
        "durations": duration_card(page.current, page.previous),
        "churn": churn_card(page.current),
        "notices": threshold_notices(page.crossings),
        "map_json": map_json([area], (line.feature for line in page.shown)),
        "unit_tbody": mark_safe("".join(line.row for line in page.shown)),  # noqa: S308 — rows of unit_row_html
        "vacancy_chart": vacancy_chart(page.series),
        "mix_chart": mix_chart(page.series, page.groups),
        "footfall": footfall_charts(page.footfall),
        "duration_choices": selectors.DURATIONS,
        "download_links": _download_links(area, filters),
        "count_date": _date(page.count.date) if page.count else "",
    }
    return render(request, "monitor/gebied.html", context)


def _download_links(area, filters) -> list[dict]:
    slugs = _slugs(area)
    links = []
    for kind, label, formats in (
        ("indicatoren", _("Indicators for every count"), downloads.KINDS["indicatoren"]),
        ("panden", _("Units of this count (with the filters)"), downloads.KINDS["panden"]),
    ):
        query = filters.querystring() if kind == "panden" else ""
        links.append(
            {
                "label": label,
                "formats": [
                    (
                        {"csv": "CSV", "xlsx": "Excel", "geojson": "GeoJSON"}[fmt],
                        reverse("monitor:download", kwargs={**slugs, "kind": kind, "fmt": fmt}) + query,
                    )
                    for fmt in formats
                ],
            }
        )
    return links


def _slugs(area) -> dict:
    return {"gemeente": area.kern.gemeente.slug, "kern": area.kern.slug, "gebied": area.slug}


def register(request, gemeente, kern, gebied):
    """The unit register with owner contacts: staff of the municipality and administrators only."""
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    filters = selectors.UnitFilters.from_query(request.GET)
    page = selectors.area_page(area, request.user, filters, with_footfall=False)
    contacts = selectors.owner_contacts(page.shown)
    for row in page.shown:
        row.contacts = contacts.get(row.unit.pk, [])
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "page": page,
        "filters": filters,
        "rows": page.shown,
        "unit_tbody": unit_table_body(page.shown, with_contacts=True),
        "duration_choices": selectors.DURATIONS,
        "count_date": _date(page.count.date) if page.count else "",
    }
    return render(request, "monitor/register.html", context)


def download(request, gemeente, kern, gebied, kind, fmt):
    area = selectors.get_gebied(request.user, gemeente, kern, gebied)
    if fmt not in downloads.KINDS.get(kind, ()):
        raise Http404
    filters = selectors.UnitFilters.from_query(request.GET)
    name = f"{area.kern.gemeente.slug}-{area.kern.slug}-{area.slug}-{kind}"
    if kind == "indicatoren":
        from kernkompas.monitor import indicators

        groups = selectors.functiongroups_for(area.kern.gemeente_id)
        headers, rows = downloads.indicator_table(list(indicators.series(area)), [g.code for g in groups])
    else:
        page = selectors.area_page(area, request.user, filters, with_footfall=False)
        if page.count is None:
            raise Http404
        name += f"-{page.count.date.isoformat()}"
        if fmt == "geojson":
            return _file(downloads.units_geojson(page.shown, gebied=area), fmt, name)
        headers, rows = downloads.unit_table(page.shown)
    if fmt == "csv":
        return _file(downloads.as_csv(headers, rows), fmt, name)
    return _file(downloads.as_xlsx(headers, rows, sheet=kind), fmt, name)


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=downloads.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def thresholds(request, gemeente, kern, gebied):
    """The area's thresholds: staff of the municipality set them; crossings raise a notice and an e-mail."""
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    existing = list(Threshold.objects.filter(gebied=area).order_by("indicator", "direction"))
    if request.method == "POST":
        form = ThresholdForm(request.POST, gebied=area)
        if form.is_valid():
            try:
                save_threshold(area, by=request.user, **form.operation_kwargs())
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(request, _("The threshold was saved."))
                return redirect("monitor:thresholds", **_slugs(area))
    else:
        form = ThresholdForm(gebied=area)
    labels = form.indicator_labels()
    crossed = {c.threshold_id for c in selectors.open_crossings(area)}
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "form": form,
        "rows": [
            {
                "threshold": t,
                "label": labels.get(t.indicator, t.indicator),
                "value": form.display_value(t),
                "crossed": t.pk in crossed,
            }
            for t in existing
        ],
    }
    return render(request, "monitor/thresholds.html", context)


@require_POST
def visibility(request, gemeente, kern, gebied):
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    make_public = request.POST.get("is_public") == "1"
    if set_area_public(area, make_public, by=request.user):
        if make_public:
            messages.success(request, _("The dashboard of %(name)s is now public.") % {"name": area.name})
        else:
            messages.success(
                request, _("The dashboard of %(name)s is now only visible to your municipality.") % {"name": area.name}
            )
    return redirect("monitor:gebied", **_slugs(area))
