"""Downloads of an area dashboard: the indicator series and the units of one count, as CSV, Excel or GeoJSON.

The numbers are the stored indicators (:mod:`kernkompas.monitor.indicators`), so a download says exactly what the
cards say. Owner contacts are never in a download: they are personal data and only shown in the register.
By default a download is for people: the columns are named in the page's language ("leegstand (%)"), yes/no and
duration classes are words, and a Dutch CSV is ``;``-separated with decimal commas, as a Dutch or Flemish Excel
opens it with a double click. With ``?kolommen=machine`` it is for software: snake_case column names
("vacancy_rate"), comma-separated with decimal points, 1/0 (the API is the other way for programs). CSV is UTF-8
with a byte-order mark (so Excel reads the accents); the Excel file has real numbers and dates either way. Both are
written by :mod:`kernkompas.lib.spreadsheet`, which keeps a name such as "=HYPERLINK(…)" text instead of a formula.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kernkompas.lib import spreadsheet
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import AreaIndicators
from kernkompas.monitor.selectors import DURATION_LABELS

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}
KINDS = {"indicatoren": ("csv", "xlsx"), "panden": ("csv", "xlsx", "geojson")}
# ?kolommen=machine: the columns for software (snake_case names, decimal points, 1/0), as before.
MACHINE_PARAMETER, MACHINE_VALUE = "kolommen", "machine"


@dataclass(frozen=True)
class Column:
    """One column of a download: its machine name, its name for people, and how people read its values."""

    name: str
    label: object  # translatable
    kind: str = ""  # "share" (0–1, shown as a percentage), "yesno", "duration" (a class code), "" as it is


def _indicator_column(name: str, code: str, fallback=None) -> Column:
    indicator = INDICATORS.get(code)
    label = indicator.label if indicator else fallback
    unit = indicator.unit if indicator else "count"
    if unit == "share":
        return Column(name, format_lazy("{} (%)", label), "share")
    if unit == "m2":
        return Column(name, format_lazy("{} (m²)", label))
    return Column(name, label)


SCALARS = (
    _indicator_column("units", "units"),
    _indicator_column("all_units", "all_units"),
    _indicator_column("vacant_units", "vacant_units"),
    _indicator_column("vacancy_rate", "vacancy_rate"),
    _indicator_column("floor_area", "floor_area"),
    _indicator_column("vacant_floor_area", "vacant_floor_area"),
    _indicator_column("vacancy_rate_area", "vacancy_rate_area"),
    _indicator_column("floor_area_coverage", "floor_area_coverage"),
    _indicator_column("diversity", "diversity"),
    _indicator_column("branches", "branches"),
    _indicator_column("independent_share", "independent_share"),
    _indicator_column("chain_known", "", _("units whose chain status is known")),
)
DURATIONS = (
    _indicator_column("short", "short_vacancy"),
    _indicator_column("long", "long_vacancy"),
    _indicator_column("structural", "structural_vacancy"),
    _indicator_column("lower_bound", "", _("of these, vacant since the first count (duration at least)")),
)
CHURN = (
    _indicator_column("openings", "openings"),
    _indicator_column("closures", "closures"),
    _indicator_column("function_changes", "function_changes"),
    _indicator_column("occupant_changes", "occupant_changes"),
    _indicator_column("new_units", "", _("new units")),
    _indicator_column("gone_units", "", _("units gone")),
)
DURATION_KEYS = tuple(column.name for column in DURATIONS)
CHURN_KEYS = tuple(column.name for column in CHURN)

UNIT_COLUMNS = (
    Column("own_id", _("own id")),
    Column("street", _("street")),
    Column("house_number", _("house number")),
    Column("postcode", _("postcode")),
    Column("place", _("place")),
    Column("lat", _("latitude")),
    Column("lon", _("longitude")),
    Column("group_code", _("function group (code)")),
    Column("group", _("function group")),
    Column("branch_code", _("branch (code)")),
    Column("branch", _("branch")),
    Column("vacant", _("vacant"), "yesno"),
    Column("vacant_since", _("vacant since")),
    Column("vacancy_duration", _("vacancy duration"), "duration"),
    Column("floor_area_m2", _("floor area (m²)")),
    Column("occupant", _("occupant")),
    Column("chain", _("chain store"), "yesno"),
    Column("occupied_since", _("in use since")),
)


# --- Tables ---------------------------------------------------------------------------------------------------


def indicator_table(series: list[AreaIndicators], groups) -> tuple[list[Column], list[list]]:
    """One row per count: every indicator, duration classes, churn and the function mix per group (``groups``:
    the municipality's function groups, with ``code`` and ``name``)."""
    columns = [Column("date", _("count date")), *SCALARS]
    columns += [Column(f"vacancy_{c.name}", c.label) for c in DURATIONS]
    columns += [Column(f"churn_{c.name}", c.label) for c in CHURN]
    columns += [Column(f"mix_{g.code}", format_lazy(_("function mix: {}"), g.name)) for g in groups]
    rows = []
    for item in series:
        values = item.values or {}
        duration = values.get("vacancy_duration") or {}
        churn = values.get("churn") or {}
        mix = values.get("mix") or {}
        row = [item.date, *(values.get(c.name) for c in SCALARS)]
        row += [duration.get(k) for k in DURATION_KEYS]
        row += [churn.get(k) for k in CHURN_KEYS]
        row += [mix.get(g.code, 0) for g in groups]
        rows.append(row)
    return columns, rows


def unit_table(rows) -> tuple[list[Column], list[list]]:
    """One row per unit of a count (``selectors.UnitRow``), without owner contacts."""
    table = []
    for row in rows:
        unit, state = row.unit, row.state
        table.append(
            [
                unit.external_id,
                unit.street,
                unit.house_number,
                unit.postcode,
                unit.place,
                unit.lat,
                unit.lon,
                row.group.code,
                row.group.name,
                state.branch.code if state.branch else "",
                state.branch.name if state.branch else "",
                state.is_vacant,
                state.vacant_since if state.is_vacant else None,
                row.duration or "",
                state.floor_area,
                state.occupant,
                state.is_chain,
                state.occupied_since,
            ]
        )
    return list(UNIT_COLUMNS), table


# --- Formats --------------------------------------------------------------------------------------------------


def _cell(value):
    return spreadsheet.plain(value)


def _for_people(column: Column, value, *, percent: bool):
    """A value as people read it in the page's language: yes/no in words, a duration class by its name, a share
    as a percentage (``percent``; Excel shows the share as one by its number format instead)."""
    if value is None or value == "":
        return value
    if column.kind == "yesno":
        return str(_("yes") if value else _("no"))  # a lazy text is no cell value for openpyxl
    if column.kind == "duration":
        return str(DURATION_LABELS.get(value, value))
    if column.kind == "share" and percent:
        return round(value * 100, 4)
    return value


def _people_rows(columns: list[Column], rows: list[list], *, percent: bool) -> list[list]:
    return [[_for_people(c, v, percent=percent) for c, v in zip(columns, row, strict=True)] for row in rows]


def as_csv(columns: list[Column], rows: list[list], *, machine: bool = False) -> bytes:
    """For people (default): the columns' names in the page's language and, in Dutch, ``;`` between the cells and
    decimal commas, as a Dutch or Flemish Excel opens it. For software (``machine``): snake_case names, commas and
    decimal points."""
    if machine:
        return spreadsheet.csv_bytes([c.name for c in columns], rows)
    dutch = translation.get_language() == "nl"
    headers = [str(c.label) for c in columns]
    return spreadsheet.csv_bytes(headers, _people_rows(columns, rows, percent=True), dutch=dutch)


def as_xlsx(columns: list[Column], rows: list[list], *, sheet: str, machine: bool = False) -> bytes:
    """Real numbers either way; for people the columns' names in the page's language, yes/no in words and shares
    shown as percentages (the cell keeps the exact share; Excel displays it with the user's decimal comma)."""
    if machine:
        return spreadsheet.xlsx_bytes([c.name for c in columns], rows, sheet=sheet)
    headers = [str(c.label) for c in columns]
    formats = ["0.0%" if c.kind == "share" else "" for c in columns]
    people = _people_rows(columns, rows, percent=False)
    return spreadsheet.xlsx_bytes(headers, people, sheet=sheet, number_formats=formats)


def units_geojson(rows, *, gebied) -> bytes:
    """The units as GeoJSON points (or their outline when known), with their state at the count."""
    columns, table = unit_table(rows)
    headers = [c.name for c in columns]
    features = []
    for row, values in zip(rows, table, strict=True):
        unit = row.unit
        geometry = unit.geometry
        if geometry is None and unit.lat is not None and unit.lon is not None:
            geometry = {"type": "Point", "coordinates": [unit.lon, unit.lat]}
        properties = {h: (_cell(v) if isinstance(v, date) else v) for h, v in zip(headers, values, strict=True)}
        properties.pop("lat")
        properties.pop("lon")
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    collection = {"type": "FeatureCollection", "name": gebied.name, "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
