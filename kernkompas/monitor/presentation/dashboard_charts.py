"""The dashboards' charts with their table alternatives: vacancy and function mix over the counts, and footfall
per day, weekday and hour with the comparison with a year earlier.

The SVG is drawn by :mod:`kernkompas.monitor.charts`; each chart here is a dict ``{"svg", "headers", "rows",
"tbody"}`` for ``monitor/_chart.html``.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kernkompas.monitor import charts, selectors
from kernkompas.monitor.presentation.formats import (
    DASH,
    date_text,
    fmt_change,
    mean_text,
    moment_text,
    percent,
    percent_text,
    whole,
)

FOOTFALL_CHARTS_FORMAT = 4  # bump when the footfall charts' markup changes, so cached ones of the old shape go
FOOTFALL_COLOUR, HOUR_COLOUR = "#0b5563", "#7a4f00"


def _with_body(chart: dict) -> dict:
    chart["tbody"] = charts.table_body(chart["rows"])
    return chart


# --- Counts -----------------------------------------------------------------------------------------------------


def vacancy_chart(series) -> dict | None:
    """Vacancy by units and by floor area at every count; None without counts."""
    if not series:
        return None
    labels = [date_text(row.date) for row in series]
    by_units = [percent(row.values.get("vacancy_rate")) for row in series]
    by_area = [percent(row.values.get("vacancy_rate_area")) for row in series]
    svg = charts.line_chart(
        labels,
        [
            charts.Series(_("share of units"), "#a8201a", by_units),
            charts.Series(_("share of floor area"), "#0b5563", by_area, dash="6 4"),
        ],
        title=_("Vacancy over time"),
        desc=_("Vacancy as a percentage of units and of floor area at each count."),
        fmt=lambda v: whole(v) + " %",
        width=charts.NARROW,
    )
    table = [(label, percent_text(a), percent_text(b)) for label, a, b in zip(labels, by_units, by_area, strict=True)]
    return _with_body(
        {"svg": svg, "headers": [_("Count"), _("share of units"), _("share of floor area")], "rows": table}
    )


def mix_chart(series, groups) -> dict | None:
    """The function mix at every count as stacked bars, in the groups' colours; None without counts."""
    if not series:
        return None
    rows, table = [], []
    for row in series:
        mix = row.values.get("mix") or {}
        parts = [(g.name, g.safe_colour, mix.get(g.code, 0)) for g in groups if mix.get(g.code)]
        rows.append((date_text(row.date), parts))
        table.append([date_text(row.date), *(mix.get(g.code, 0) for g in groups)])
    svg = charts.stacked_bars(
        rows,
        title=_("Function mix per count"),
        desc=_("Share of each function group among all units at each count; the table lists the numbers."),
        width=charts.NARROW,
    )
    return _with_body({"svg": svg, "headers": [_("Count"), *(g.name for g in groups)], "rows": table})


# --- Footfall ---------------------------------------------------------------------------------------------------


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
        "thousands": whole(1000),  # the language's number format
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
                % {"point": point.name, "start": moment_text(gap.start), "end": moment_text(gap.end)}
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
        % {"weeks": area["weeks"], "start": date_text(area["date_from"]), "end": date_text(area["date_to"])},
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
        "total": whole(change["total"]),
        "previous": whole(change["previous_total"]),
    }


def _footfall_chart_set(summary: dict, words: dict) -> dict:
    """The three footfall charts with their tables (what is cached per footfall version and wording)."""
    return {
        "daily": _daily_chart(summary, words),
        "weekday": _weekday_chart(summary["weekday"], words),
        "hour": _hour_chart(summary["hour"], words),
    }


def _daily_chart(summary: dict, words: dict) -> dict:
    """Passers-by per day over the whole span: a missing or incomplete day is a gap in the line."""
    by_day = {d.date: d for d in summary["daily"]}
    first, last = summary["date_from"], summary["date_to"]
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    values = [by_day[d].total if d in by_day and by_day[d].complete else None for d in days]
    # Two drawings of the same line: the wide one for a desktop, a narrow one (fewer date labels) that a phone
    # shows instead, so that the labels keep their size (site.css: .chart-for-wide, .chart-for-narrow).
    labels, series = [date_text(d) for d in days], [charts.Series(words["series"], FOOTFALL_COLOUR, values)]
    drawn = {
        css_class: charts.line_chart(
            labels,
            series,
            title=words["daily_title"],
            desc=words["daily_desc"],
            fmt=whole,
            markers=False,
            width=width,
            css_class=css_class,
        )
        for css_class, width in (("chart-for-wide", 1100), ("chart-for-narrow", charts.NARROW))
    }
    svg = drawn["chart-for-wide"] + drawn["chart-for-narrow"]
    complete = words["complete"]
    rows = [
        (
            date_text(d),
            whole(by_day[d].total) if d in by_day else DASH,
            complete[by_day[d].complete if d in by_day else None],
        )
        for d in days
    ]
    return _with_body({"svg": svg, "headers": words["daily_headers"], "rows": rows})


def _weekday_chart(weekday: list[dict], words: dict) -> dict:
    labels = [words["weekdays"][item["weekday"] - 1] for item in weekday]
    svg = charts.bar_chart(
        labels,
        [item["mean"] for item in weekday],
        title=words["weekday_title"],
        desc=words["weekday_desc"],
        colour=FOOTFALL_COLOUR,
        fmt=whole,
        width=charts.NARROW,
    )
    rows = [(label, mean_text(item["mean"])) for label, item in zip(labels, weekday, strict=True)]
    return _with_body({"svg": svg, "headers": words["weekday_headers"], "rows": rows})


def _hour_chart(hour: list[dict], words: dict) -> dict:
    svg = charts.bar_chart(
        [str(item["hour"]) for item in hour],
        [item["mean"] for item in hour],
        title=words["hour_title"],
        desc=words["hour_desc"],
        colour=HOUR_COLOUR,
        fmt=whole,
        width=charts.NARROW,
    )
    rows = [(f"{item['hour']}:00", mean_text(item["mean"])) for item in hour]
    return _with_body({"svg": svg, "headers": words["hour_headers"], "rows": rows})
