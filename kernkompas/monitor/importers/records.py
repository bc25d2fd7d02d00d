"""What the monitor's file readers produce: plain records, one per unit or per footfall figure.

A reader (one module per format in this package) only *reads*: it turns a file into records or into problems
(``kernkompas.places.importers.Problems``: file, line/feature, field, reason in Dutch). Writing is done by
:func:`kernkompas.monitor.actions.units.import_units` and :func:`kernkompas.monitor.actions.footfall.import_footfall`,
which validate what only the database knows (taxonomy codes, ids used twice) and then write in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class OwnerRecord:
    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class UnitRecord:
    """One unit's state on the count date, as read from one line (or feature, or OSM object) of a file."""

    where: str  # where it is in the file, for messages: "regel 12", "object 5", "node 123456"
    external_id: str = ""
    street: str = ""
    house_number: str = ""  # number with addition, as written: "12a", "12 bus 3"
    postcode: str = ""
    place: str = ""
    lat: float | None = None  # WGS84
    lon: float | None = None
    geometry: dict | None = None  # GeoJSON geometry in WGS84 (polygons of premises)
    group: str = ""  # FunctionGroup code, e.g. "mode-luxe", "leegstand" (see kernkompas.monitor.taxonomy)
    branch: str = ""  # Branch code or ""
    floor_area: int | None = None  # WVO in m²
    occupant: str = ""
    is_chain: bool | None = None
    occupied_since: datetime.date | None = None
    previous_ids: tuple[str, ...] = ()  # own ids of the units this one came from (merge or split)
    owner: OwnerRecord | None = None


@dataclass
class FootfallRecord:
    """Passers-by at one counting point in one hour or on one day (local time)."""

    where: str
    point: str  # counting point name (or own id)
    start: datetime.datetime  # naive, local time; the start of the hour, or midnight for a day
    resolution: str  # "hour" or "day"
    value: int
    clock_back: bool = False  # the hour that repeats when the clocks go back: both counts added up here


@dataclass
class PointRecord:
    """A counting point described in a file (e.g. a locations list with coordinates)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    external_id: str = ""
    where: str = ""  # where the file names it, for messages: "regel 3"


@dataclass
class ImportResult:
    """What an import did; ``created + updated + unchanged`` is the number of records."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # A register of units: how many of the file's units were recognised from earlier counts (own id or address)
    # and how many are new to the register. ``created`` above counts the states added to this count.
    units_recognised: int = 0
    units_new: int = 0
    units_changed: int = 0  # recognised units with another function, branch, vacancy or floor area than before
    already_imported: bool = False  # the very same file (sha256) was imported before for this area
    messages: list[str] = field(default_factory=list)  # remarks worth showing (not errors)
