"""What every importer shares: reading a file, reporting problems, the records a file turns into.

An importer (one module per file format) only *reads*: it recognises its format from the content and turns the
file into a :class:`Batch` of plain records, or into a list of :class:`Problem` s that say where the file is wrong.
Writing is done by :mod:`kernkompas.places.actions.import_write`, for all files of one command in one transaction.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import Problems, add_limit_problem, json_reason, limit_reason, line_place, load_json
from kernkompas.lib.filelimits import (
    MAX_LINE_CHARS,
    BoundedLines,
    LimitExceeded,
    check_cells,
    check_header,
    check_row,
)
from kernkompas.lib.geo import GeometryError, check_area_geometry, round_coordinates

# Which source wins when two files describe the same municipality (names, province, geometry, area).
# A file of a higher rank overwrites; a lower one only fills what is still empty. That makes the end state
# independent of the order in which files are imported.
RANK_NAMES_ONLY = 1  # lists that name municipalities in passing (population CSV, merger list)
RANK_OLDER = 2  # complete but older descriptions (2020 boundaries, CBS 2015 divisions)
RANK_CURRENT = 3  # the current official boundaries (Flanders 2025, CBS 2023)


# --- Problems ----------------------------------------------------------------------------------------------


# --- Limits: a file too large to read ---------------------------------------------------------------------


# --- Lengths: a text longer than its database column ---------------------------------------------------------


# --- Reading files ------------------------------------------------------------------------------------------


@dataclass
class Document:
    """A file read into memory: parsed JSON, or a CSV header and rows with their line numbers."""

    path: Path
    kind: str  # "json", "csv" or "unreadable"
    data: Any = None
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def column(self, wanted: str) -> str | None:
        """The header as spelled in the file for a column name compared without case and spaces."""
        key = _column_key(wanted)
        return next((name for name in self.header if _column_key(name) == key), None)


def read_document(path: Path, problems: Problems) -> Document:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(_("the file does not exist (check the name and the folder)"))
        return Document(path, "unreadable")
    except PermissionError:
        problems.add(_("you have no permission to read this file"))
        return Document(path, "unreadable")
    except OSError as exc:
        problems.add(_("the file cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})
        return Document(path, "unreadable")
    text = _decode(raw)
    if text is None or "\x00" in text:
        problems.add(_("this is not a text file (CSV, GeoJSON or TopoJSON)"))
        return Document(path, "unreadable")
    if not text.strip():
        problems.add(_("the file is empty"))
        return Document(path, "unreadable")
    try:
        if text.lstrip()[:1] in ("{", "["):
            return _read_json(path, text, problems)
        return _read_csv(path, text, problems)
    except LimitExceeded as exc:
        add_limit_problem(problems, exc)
        return Document(path, "unreadable")


def _decode(raw: bytes) -> str | None:
    # Statbel and CBS publish UTF-8 (often with a byte-order mark); spreadsheets saved on Windows give cp1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_json(path: Path, text: str, problems: Problems) -> Document:
    try:
        return Document(path, "json", data=load_json(text))
    except json.JSONDecodeError as exc:
        problems.add(json_reason(exc, text))
        return Document(path, "unreadable")


def _read_csv(path: Path, text: str, problems: Problems) -> Document:
    """Header and rows of a CSV text, each record measured before ``csv`` splits it (:mod:`~kernkompas.lib.
    filelimits`); raises :class:`LimitExceeded`."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0][:MAX_LINE_CHARS]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    lines = BoundedLines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader, [])]
        check_row(header, line=lines.line, record_chars=lines.record_read(), heading=True)
        check_header(header, line=lines.line)
        rows = []
        for values in reader:
            check_row(values, line=reader.line_num, record_chars=lines.record_read())
            if not any(value.strip() for value in values):
                continue  # blank lines at the end of spreadsheet exports
            check_cells(len(rows) + 1, len(header), line=reader.line_num)
            rows.append((reader.line_num, dict(zip(header, (v.strip() for v in values), strict=False))))
            if len(values) > len(header):
                problems.add(
                    _("this line has more values than the header has columns"), where=line_place(reader.line_num)
                )
    except csv.Error as exc:
        problems.add(_("the file is not a readable CSV file (%(reason)s)") % {"reason": exc})
        return Document(path, "unreadable")
    return Document(path, "csv", header=header, rows=rows)


def _column_key(name: str) -> str:
    return re.sub(r"[\s_]+", "", name).lower()


# --- Records: what a file says, before it is written -------------------------------------------------------


@dataclass
class ProvinceRecord:
    code: str
    country: str
    name_nl: str
    name_fr: str = ""
    # The province file itself names provinces; other files only create one that does not exist yet.
    authoritative: bool = False
    where: str = ""  # the feature that named it, for messages ("" for the fixed lists)


@dataclass
class GemeenteRecord:
    code: str
    country: str
    where: str
    name_nl: str | None = None
    name_fr: str | None = None
    province_stated: bool = False
    province: str | None = None  # a province code; None with province_stated = "in no province" (Brussels)
    geometry: dict | None = None  # checked and rounded WGS84 GeoJSON
    area_km2: float | None = None  # from the file; else computed from the geometry
    urbanity: int | None = None
    only_existing: bool = False  # attach data to a municipality that exists; never create one


@dataclass
class FigureRecord:
    code: str
    year: int
    population: int
    where: str


@dataclass
class MergerRecord:
    old_code: str
    new_code: str
    effective: datetime.date
    where: str


@dataclass
class KernRecord:
    code: str  # "72020_7"
    gemeente_code: str  # the NIS part, possibly a code from before a merger
    number: int
    geometry: dict
    where: str


@dataclass
class ProvinceAreaRecord:
    """A province's area, to place municipalities that no file links to a province by code."""

    province: str
    country: str
    geometry: dict


@dataclass
class Batch:
    provinces: list[ProvinceRecord] = field(default_factory=list)
    gemeenten: list[GemeenteRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    mergers: list[MergerRecord] = field(default_factory=list)
    kernen: list[KernRecord] = field(default_factory=list)
    province_areas: list[ProvinceAreaRecord] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> number of features or lines left out


@dataclass(frozen=True)
class Options:
    year: int | None = None  # year of population figures for files that do not state it


# --- The interface every format implements ----------------------------------------------------------------


class BaseFormat:
    """One file format. Subclasses set the class attributes and implement :meth:`detect` and :meth:`parse`."""

    key: ClassVar[str]
    label: ClassVar[Any]  # translated name shown in summaries
    source: ClassVar[str]  # stored as the source of the municipalities and cores this format describes
    figure_source: ClassVar[str] = ""  # stored as the source of its population figures (default: ``source``)
    rank: ClassVar[int]
    order: ClassVar[int]  # files are written in this order, so that what a file refers to exists already
    kind: ClassVar[str]  # "json" or "csv"

    @property
    def population_source(self) -> str:
        return self.figure_source or self.source

    def detect(self, document: Document) -> bool:
        raise NotImplementedError

    def parse(self, document: Document, options: Options, problems: Problems) -> Batch:
        raise NotImplementedError


def features_of(document: Document) -> list | None:
    """The features of a GeoJSON FeatureCollection, or None when the document is not one."""
    data = document.data
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return None
    features = data.get("features")
    return features if isinstance(features, list) else None


def has_properties(features: list, *names: str, sample: int = 25) -> bool:
    """True when one of the first features carries all ``names``: enough to recognise a format even when a
    broken feature is among them (that one is then reported by the format's own checks)."""
    for feature in features[:sample]:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and all(name in props for name in names):
            return True
    return False


def feature_properties(feature: Any, where: str, problems: Problems) -> dict | None:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        problems.add(_("this feature has no properties"), where=where)
        return None
    return feature["properties"]


def required(props: dict, name: str, where: str, problems: Problems) -> Any:
    """The value of a property that must be there and not be empty; reports and returns None otherwise."""
    if name not in props:
        problems.add(_("the property is missing"), where=where, field=name)
        return None
    value = props[name]
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.add(_("the property is empty"), where=where, field=name)
        return None
    return value.strip() if isinstance(value, str) else value


def whole_number(value: Any, where: str, name: str, problems: Problems, *, allow_negative: bool = False):
    """A whole number from a JSON number or a text such as "46598" or "46.598"; reports and returns None if not."""
    number = _as_int(value)
    if number is None:
        problems.add(_("“%(value)s” is not a whole number") % {"value": value}, where=where, field=name)
        return None
    if number < 0 and not allow_negative:
        problems.add(_("%(value)s is negative") % {"value": number}, where=where, field=name)
        return None
    return number


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        # Thousands separators as spreadsheets write them: 46.598, 46,598, 46 598.
        if re.fullmatch(r"-?\d{1,3}([.,\s\u00a0]\d{3})+", text):
            text = re.sub(r"[.,\s\u00a0]", "", text)
        if re.fullmatch(r"-?\d+", text):
            return int(text)
    return None


def checked_geometry(feature: dict, where: str, problems: Problems) -> dict | None:
    """The feature's boundary, checked (WGS84, valid) and rounded; reports and returns None when unusable."""
    geometry = feature.get("geometry")
    if not geometry:
        problems.add(_("the feature has no geometry"), where=where)
        return None
    try:
        return round_coordinates(check_area_geometry(geometry))
    except LimitExceeded as exc:
        problems.add(limit_reason(exc), where=where, field="geometry")
        return None
    except GeometryError as exc:
        problems.add(geometry_reason(exc), where=where, field="geometry")
        return None


_GEOMETRY_REASONS = (
    (
        "coordinates are not longitude/latitude",
        gettext_lazy(
            "the coordinates are not longitude/latitude (WGS84); the file is probably in a projected system such as "
            "Lambert 72 or RD New: convert it to WGS84 (EPSG:4326) first"
        ),
    ),
    ("geometry has no type", gettext_lazy("the geometry has no type")),
    ("vertices", gettext_lazy("the geometry has too many corner points")),
    ("geometry type", gettext_lazy("this kind of geometry cannot be a boundary")),
    ("coordinates are malformed", gettext_lazy("the coordinates are malformed")),
    ("geometry is empty", gettext_lazy("the geometry is empty")),
    ("geometry has no area", gettext_lazy("the geometry has no area")),
    ("geometry is invalid", gettext_lazy("the geometry is invalid and cannot be repaired")),
    ("geometry cannot be repaired", gettext_lazy("the geometry is invalid and cannot be repaired")),
)


def geometry_reason(exc: GeometryError) -> str:
    """The geometry helpers speak English (lib/ has no Django); say the same in the user's language."""
    message = str(exc)
    for start, reason in _GEOMETRY_REASONS:
        if message.startswith(start):
            return str(reason)
    return message


# --- Codes ------------------------------------------------------------------------------------------------

NIS_CODE = re.compile(r"\d{5}")
CBS_GEMEENTE_CODE = re.compile(r"GM\d{4}")


def nis_code(value: Any) -> str | None:
    """A Belgian NIS code as five digits ("71004"); JSON numbers are accepted. None if it is not one."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    return text if NIS_CODE.fullmatch(text) else None


def is_municipality_nis(code: str) -> bool:
    """Municipality codes are arrondissement (two digits, never ending in 0) + a number that is not 000.

    The other NIS units end in 000 (country 01000, regions 02000–04000, provinces 10000…90000, arrondissements
    such as 71000), except the two Brabant provinces 20001 and 20002, whose second digit is 0.
    """
    return bool(NIS_CODE.fullmatch(code)) and code[1] != "0" and code[2:] != "000"
