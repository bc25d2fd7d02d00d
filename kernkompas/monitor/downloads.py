"""Downloads of an area dashboard: the indicator series and the units of one count, as CSV, Excel or GeoJSON.

The numbers are the stored indicators (:mod:`kernkompas.monitor.indicators`), so a download says exactly what the
cards say. Owner contacts are never in a download: they are personal data and only shown in the register.
CSV is UTF-8 with a byte-order mark (so Excel reads the accents), comma-separated with decimal points, so that any
tool parses it back; the Excel file has real numbers and dates. Both are written by :mod:`kernkompas.lib.spreadsheet`,
which keeps a name such as "=HYPERLINK(…)" text instead of a formula.
"""

from __future__ import annotations

import json
from datetime import date

from kernkompas.lib import spreadsheet
from kernkompas.monitor.models import AreaIndicators

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}
KINDS = {"indicatoren": ("csv", "xlsx"), "panden": ("csv", "xlsx", "geojson")}

SCALARS = (
    "units",
    "all_units",
    "vacant_units",
    "vacancy_rate",
    "floor_area",
    "vacant_floor_area",
    "vacancy_rate_area",
    "floor_area_coverage",
    "diversity",
    "branches",
    "independent_share",
    "chain_known",
)
DURATION_KEYS = ("short", "long", "structural", "lower_bound")
CHURN_KEYS = ("openings", "closures", "function_changes", "occupant_changes", "new_units", "gone_units")

UNIT_COLUMNS = (
    "own_id",
    "street",
    "house_number",
    "postcode",
    "place",
    "lat",
    "lon",
    "group_code",
    "group",
    "branch_code",
    "branch",
    "vacant",
    "vacant_since",
    "vacancy_duration",
    "floor_area_m2",
    "occupant",
    "chain",
    "occupied_since",
)


# --- Tables ---------------------------------------------------------------------------------------------------


def indicator_table(series: list[AreaIndicators], group_codes: list[str]) -> tuple[list[str], list[list]]:
    """One row per count: every indicator, duration classes, churn and the function mix per group."""
    headers = ["date", *SCALARS]
    headers += [f"vacancy_{k}" for k in DURATION_KEYS]
    headers += [f"churn_{k}" for k in CHURN_KEYS]
    headers += [f"mix_{code}" for code in group_codes]
    rows = []
    for item in series:
        values = item.values or {}
        duration = values.get("vacancy_duration") or {}
        churn = values.get("churn") or {}
        mix = values.get("mix") or {}
        row = [item.date, *(values.get(k) for k in SCALARS)]
        row += [duration.get(k) for k in DURATION_KEYS]
        row += [churn.get(k) for k in CHURN_KEYS]
        row += [mix.get(code, 0) for code in group_codes]
        rows.append(row)
    return headers, rows


def unit_table(rows) -> tuple[list[str], list[list]]:
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


def as_csv(headers: list[str], rows: list[list]) -> bytes:
    return spreadsheet.csv_bytes(headers, rows)


def as_xlsx(headers: list[str], rows: list[list], *, sheet: str) -> bytes:
    return spreadsheet.xlsx_bytes(headers, rows, sheet=sheet)


def units_geojson(rows, *, gebied) -> bytes:
    """The units as GeoJSON points (or their outline when known), with their state at the count."""
    headers, table = unit_table(rows)
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
