"""Each unit as the pages show it: a point on the map (GeoJSON for dashboard.js) and a row of the unit table (the
map's alternative).

What a unit's map feature and table row look like is built here with ``format_html``, not in a template loop: for
2,000 units that would cost the page most of its time. The area dashboard caches what it builds (see
:func:`unit_sheet`); bump ``UNIT_SHEET_FORMAT`` when the markup changes, so that cached sheets of the old shape are
not served.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date
from typing import NamedTuple

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kernkompas.lib import colour as colour_lib
from kernkompas.monitor import selectors
from kernkompas.monitor.presentation.formats import DASH

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


class RowWords(NamedTuple):
    """The words inside a unit's row, in the active language (made once per table)."""

    chain: SafeString
    earlier: SafeString


def row_words() -> RowWords:
    return RowWords(
        chain=format_html(' <span class="small">({})</span>', _("chain")),
        earlier=format_html(" {}", _("or earlier")),
    )


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


def unit_row_html(v: selectors.UnitValues, duration: str | None, words: RowWords, contacts=None) -> SafeString:
    """The unit's row in the unit table (the map's alternative); ``contacts`` adds the owner column (the register
    only, never the dashboard). ``words`` from :func:`row_words`. Every value goes through ``format_html``."""
    vacant = DASH
    if v.is_vacant:
        vacant = format_html(
            '{}{} <span class="small">({})</span>',
            v.vacant_since.strftime("%d-%m-%Y") if v.vacant_since else "?",
            words.earlier if v.vacant_since_open else "",
            selectors.DURATION_LABELS.get(duration, ""),
        )
    return format_html(
        '<tr><th scope="row">{}</th><td>{}{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>',
        v.name,
        v.occupant or DASH,
        words.chain if v.is_chain else "",
        swatch(v.colour),
        v.group_name,
        DASH if v.branch_name is None else v.branch_name,
        f"{v.floor_area} m²" if v.floor_area else DASH,
        vacant,
        "" if contacts is None else format_html("<td>{}</td>", contacts or DASH),
    )


def contacts_html(contacts) -> SafeString:
    """The owner contacts of a unit for the register's owner column."""
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


def _feature_json(feature: dict | None) -> str:
    return "" if feature is None else _script_safe(json.dumps(feature))


def unit_lines(values: list[selectors.UnitValues], on: date, words: RowWords) -> list[UnitLine]:
    """The units of the count of ``on`` as the dashboard shows them, in the order given."""
    lines = []
    for v in values:
        duration = selectors.duration_class(v.vacant_since, on) if v.is_vacant else None
        feature = _feature_json(unit_feature(v, duration))
        lines.append(UnitLine(v.name, v.group_code, v.is_vacant, duration, feature, unit_row_html(v, duration, words)))
    return lines


def unit_sheet(count, rows: list[tuple], version: str) -> list[UnitLine]:
    """Every unit of the count as ``UnitLine``s in address order, from ``selectors.unit_values()``.

    Cached under the digest of the rows (so never stale: other rows, another digest), the count date (durations)
    and the words of the language as they are now translated: the full dashboard and every filtered one share it.
    """
    words = row_words()
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


def shown_lines(page: selectors.AreaPage, filters: selectors.UnitFilters) -> None:
    """Fill ``page.rows`` with every unit of the page's count as ``UnitLine``s and ``page.shown`` with those the
    filters keep (for a page read with ``values=True``)."""
    if page.count is None:
        return
    page.rows = unit_sheet(page.count, page.unit_values, page.units_version)
    page.shown = [line for line in page.rows if filters.admits(line.group_code, line.is_vacant, line.duration)]


def lines_table_body(lines: list[UnitLine]) -> SafeString:
    """The unit table's rows for ``UnitLine``s (the area dashboard)."""
    return mark_safe("".join(line.row for line in lines))  # noqa: S308 — every row is built by unit_row_html


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


def lines_map_json(gebieden, lines: list[UnitLine]) -> SafeString:
    """``map_json`` for ``UnitLine``s (the area dashboard)."""
    return map_json(gebieden, (line.feature for line in lines))


def unit_table_body(rows, *, with_contacts: bool = False) -> SafeString:
    """The unit table's rows for ``selectors.UnitRow``s (the core page, the register). Owner contacts only when
    asked for (the register, never a dashboard)."""
    words = row_words()
    return mark_safe(  # noqa: S308 — every row is built by unit_row_html's format_html
        "".join(
            unit_row_html(
                selectors.UnitValues.of_row(row),
                row.duration,
                words,
                contacts_html(getattr(row, "contacts", [])) if with_contacts else None,
            )
            for row in rows
        )
    )


def rows_map_json(gebieden, rows) -> SafeString:
    """``map_json`` for ``selectors.UnitRow``s (the core page)."""
    features = (_feature_json(unit_feature(selectors.UnitValues.of_row(row), row.duration)) for row in rows)
    return map_json(gebieden, features)
