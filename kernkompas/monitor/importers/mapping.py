"""Which column of a file holds which field of a unit, and turning a table's rows into unit records.

:data:`FIELDS` lists what a file can say about a unit with the header names files use for it, Dutch and English.
:func:`propose` matches a file's headers to fields (exact names first, then misspelt ones like "Adress" or
"Brache"), :func:`apply` reads every row with the value parsers of :mod:`.values` and reports every problem with
its line and column before anything is written.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import ImportRejected, Problems
from kernkompas.lib.batch import paused_gc
from kernkompas.lib.filelimits import MAX_COLUMNS, MAX_HEADER_CHARS
from kernkompas.lib.text import fold
from kernkompas.monitor.importers.geojson import crs_code, transformer_to_wgs84
from kernkompas.monitor.importers.records import OwnerRecord, UnitRecord
from kernkompas.monitor.importers.values import BadValue, area, boolean, date, is_empty, number
from kernkompas.monitor.taxonomy import Resolver, UnknownFunction

# From this difflib ratio on a header is taken for a misspelt field name: "Adress"/"address" (0.923),
# "Brache"/"branche" (0.923), "Huisnumer"/"huisnummer" (0.947) are; "Staat" (state) is not "Straat" (0.909), nor
# "Plaatz" "plaats" (0.83). Two swapped neighbouring letters ("Brnache") count as a misspelling as well.
FUZZY_THRESHOLD = 0.92


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # translatable
    required: bool = False
    synonyms: tuple[str, ...] = ()


FIELDS: list[Field] = [
    Field(
        "external_id",
        gettext_lazy("own id"),
        synonyms=(
            "id", "eigen id", "pand id", "pandnummer", "pandnr",
            "pandid", "unit id", "object id", "objectid", "objectnummer", "nummer pand",
            "bag id", "vbo id", "verblijfsobject id", "verblijfsobjectid", "adresseerbaarobjectid", "crab id",
            "locatus id", "locatusid", "vkp id", "verkooppunt id", "vestigingsnummer", "code", "ref", "referentie",
            "identificatie", "external id", "own id", "premises id",
        ),
    ),
    Field(
        "address",
        gettext_lazy("address (street and number)"),
        synonyms=("adres", "address", "straat en huisnummer", "volledig adres", "adresregel", "straat huisnummer"),
    ),
    Field(
        "street",
        gettext_lazy("street"),
        synonyms=("straat", "straatnaam", "openbare ruimte", "openbareruimtenaam", "street", "street name", "rue"),
    ),
    Field(
        "house_number",
        gettext_lazy("house number"),
        synonyms=(
            "huisnummer", "huisnr", "huis nr", "nr", "nummer", "number", "house number", "housenumber", "no",
            "huisnummer en toevoeging",
        ),
    ),
    Field(
        "addition",
        gettext_lazy("addition to the house number"),
        synonyms=(
            "toevoeging", "huisnummer toevoeging", "huisnummertoevoeging", "huisletter", "toev", "busnummer", "bus",
            "addition", "suffix", "house number addition", "huisnr toevoeging",
        ),
    ),
    Field(
        "postcode",
        gettext_lazy("postcode"),
        synonyms=("postcode", "pc", "postal code", "zip", "zipcode", "post code"),
    ),
    Field(
        "place",
        gettext_lazy("place"),
        synonyms=("plaats", "woonplaats", "plaatsnaam", "deelgemeente", "place", "city", "town", "stad"),
    ),
    Field("lat", gettext_lazy("latitude"), synonyms=("lat", "latitude", "breedtegraad", "y wgs84", "lat wgs84")),
    Field(
        "lon",
        gettext_lazy("longitude"),
        synonyms=("lon", "lng", "long", "longitude", "lengtegraad", "x wgs84", "lon wgs84"),
    ),
    Field("x", gettext_lazy("x coordinate (RD or Lambert)"), synonyms=("x", "x coordinaat", "xcoord", "x rd", "rd x")),
    Field("y", gettext_lazy("y coordinate (RD or Lambert)"), synonyms=("y", "y coordinaat", "ycoord", "y rd", "rd y")),
    Field(
        "crs",
        gettext_lazy("coordinate reference system of x/y"),
        synonyms=("crs", "epsg", "srid", "coordinatenstelsel", "projectie"),
    ),
    Field(
        "group",
        gettext_lazy("function group"),  # or the branch, from which the group follows (see check_mapping)
        synonyms=(
            "branchegroep", "branche groep", "functiegroep", "functie", "hoofdfunctie", "hoofdbranche", "groep",
            "sector", "functie groep", "function group", "group", "function", "category", "categorie", "type",
            "hoofdgroep",
        ),
    ),
    Field(
        "branch",
        gettext_lazy("branch"),
        synonyms=("branche", "branch", "subbranche", "activiteit", "detailbranche", "sub branche", "activity"),
    ),
    Field(
        "floor_area",
        gettext_lazy("floor area (WVO, m²)"),
        synonyms=(
            "wvo", "winkelvloeroppervlak", "winkelvloeroppervlakte", "wvo m2", "oppervlakte", "oppervlak",
            "vloeroppervlak", "vloeroppervlakte", "bvo", "m2", "floor area", "sales area", "area", "surface",
            "oppervlakte wvo", "wvo in m2",
        ),
    ),
    Field(
        "occupant",
        gettext_lazy("occupant name"),
        synonyms=(
            "naam", "bedrijfsnaam", "handelsnaam", "winkelnaam", "formule", "zaak", "gebruiker", "huurder",
            "ondernemer", "naam zaak", "name", "occupant", "business", "business name", "tenant", "company",
        ),
    ),
    Field(
        "is_chain",
        gettext_lazy("chain store (yes/no)"),
        synonyms=("keten", "filiaal", "filiaalbedrijf", "formulebedrijf", "ketenbedrijf", "chain", "is chain"),
    ),
    Field(
        "occupied_since",
        gettext_lazy("occupied since"),
        synonyms=(
            "sinds", "gevestigd sinds", "in gebruik sinds", "datum vestiging", "vestigingsdatum", "startdatum",
            "begindatum", "since", "occupied since", "start date", "opening",
        ),
    ),
    Field(
        "previous_ids",
        gettext_lazy("previous ids (merged or split units)"),
        synonyms=("vorige id", "vorige ids", "oude id", "oude ids", "voorganger", "voorgangers", "previous id",
                  "previous ids", "ontstaan uit"),
    ),
    Field(
        "owner_name",
        gettext_lazy("owner name"),
        synonyms=("eigenaar", "naam eigenaar", "eigenaar naam", "pandeigenaar", "owner", "owner name", "verhuurder"),
    ),
    Field(
        "owner_organisation",
        gettext_lazy("owner organisation"),
        synonyms=("organisatie eigenaar", "eigenaar organisatie", "beleggingsmaatschappij", "belegger",
                  "owner organisation", "owner organization", "organisatie"),
    ),
    Field(
        "owner_email",
        gettext_lazy("owner e-mail"),
        synonyms=("e mail eigenaar", "email eigenaar", "eigenaar e mail", "eigenaar email", "owner email",
                  "owner e mail", "e mail", "email"),
    ),
    Field(
        "owner_phone",
        gettext_lazy("owner phone"),
        synonyms=("telefoon eigenaar", "eigenaar telefoon", "tel eigenaar", "owner phone", "telefoon", "tel",
                  "telefoonnummer", "phone"),
    ),
]  # fmt: skip
FIELDS_BY_NAME = {field.name: field for field in FIELDS}


def _header_key(text: str) -> str:
    return fold(text.replace("²", "2"))


def _synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for field in FIELDS:
        for synonym in (field.name.replace("_", " "), *field.synonyms):
            index.setdefault(_header_key(synonym), field.name)
    return index


SYNONYMS = _synonym_index()
# Synonyms of three letters or more by their number of words, to find one among the words of a longer heading
# ("Oppervlakte WVO (m²)") with one set look-up per run of words.
_PHRASES: dict[int, dict[tuple[str, ...], str]] = {}
for _synonym in SYNONYMS:
    if len(_synonym) >= 3:
        _PHRASES.setdefault(len(_synonym.split()), {})[tuple(_synonym.split())] = _synonym


def _contained(key: str) -> list[tuple[str, str]]:
    """(synonym, field name) for each synonym that occurs in ``key`` as whole words."""
    words = key.split()
    found = []
    for n, phrases in _PHRASES.items():
        for i in range(len(words) - n + 1):
            synonym = phrases.get(tuple(words[i : i + n]))
            if synonym is not None:
                found.append((synonym, SYNONYMS[synonym]))
    return found


def propose(headers: list[str]) -> dict[str, str]:
    """``{field name: header}`` for the headers that can be matched to a field.

    Exact names first (case, accents, punctuation ignored), then a header that contains a known name as its
    words ("Oppervlakte WVO (m²)"), then misspelt headers (difflib ratio ≥ :data:`FUZZY_THRESHOLD`). Each header
    and each field is used once, the best match first.
    """
    candidates: list[tuple[float, int, str, str]] = []
    for position, header in enumerate(headers[:MAX_COLUMNS]):
        # The readers refuse longer headings; this keeps the matching cheap whoever calls it.
        key = _header_key(header) if len(header) <= MAX_HEADER_CHARS else ""
        if key:
            scores = {SYNONYMS[key]: 3.0} if key in SYNONYMS else _scores(key)
            candidates += [(score, -position, field_name, header) for field_name, score in scores.items()]
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _score, _position, field_name, header in sorted(candidates, reverse=True):
        if field_name in mapping or header in used:
            continue
        mapping[field_name] = header
        used.add(header)
    # "Huisnummer" already holding the number with its addition makes a separate "address" pointless, and the
    # other way round: a full address column is only used when there is no street column.
    if "street" in mapping and "address" in mapping and "house_number" in mapping:
        del mapping["address"]
    return {field.name: mapping[field.name] for field in FIELDS if field.name in mapping}


def _scores(key: str) -> dict[str, float]:
    """How well a heading that is no synonym fits each field: 2 and more when it contains a synonym as its words
    (the longer the synonym, the better), else the best difflib ratio of a misspelling (or a swap of letters)."""
    best: dict[str, float] = {}
    for synonym, field_name in _contained(key):
        best[field_name] = max(best.get(field_name, 0), 2.0 + len(synonym) / 100)
    for synonym, field_name in SYNONYMS.items():
        if field_name in best and best[field_name] >= 2.0:
            continue
        # difflib's ratio is at most 2·min/(sum of the lengths): skip the synonyms it cannot reach.
        if 2 * min(len(key), len(synonym)) < FUZZY_THRESHOLD * (len(key) + len(synonym)):
            continue
        ratio = difflib.SequenceMatcher(None, key, synonym).ratio()
        if _swapped(key, synonym):
            ratio = max(ratio, FUZZY_THRESHOLD)
        if ratio >= FUZZY_THRESHOLD:
            best[field_name] = max(best.get(field_name, 0), ratio)
    return best


def _swapped(a: str, b: str) -> bool:
    """True when ``a`` is ``b`` with two neighbouring letters swapped ("brnache"/"branche"), for words of 5+."""
    if len(a) != len(b) or len(a) < 5 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def parse_mapping_option(text: str) -> dict[str, str]:
    """``"group=Soort,floor_area=Opp."`` (the command line's ``--mapping``) → ``{"group": "Soort", …}``."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip()
        if not sep or name not in FIELDS_BY_NAME:
            raise ValueError(
                _("“%(part)s” is not field=Header with one of the fields %(fields)s")
                % {"part": part.strip(), "fields": ", ".join(FIELDS_BY_NAME)}
            )
        mapping[name] = header.strip()
    return mapping


# --- Applying a mapping ---------------------------------------------------------------------------------------

_ADDRESS = re.compile(r"^(?P<street>.*?\D)\s*,?\s+(?P<number>\d+.*)$")
_NUMBER = re.compile(r"^\d+")
_POSTCODE_NL = re.compile(r"^(\d{4})\s?([A-Za-z]{2})$")
_POSTCODE_BE = re.compile(r"^\d{4}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CRS_DEFAULTS = {"NL": 28992, "BE": 31370}
# Plausible ranges (x, y) of the national grids in their countries, to recognise which one a file uses.
_GRID_RANGES = {28992: ((-7000, 300000), (289000, 629000)), 31370: ((0, 300000), (0, 250000))}


def _country_of(gemeente) -> str:
    if gemeente is None:
        return ""
    country = getattr(gemeente, "country", None)
    return getattr(country, "code", "") or ""


def check_mapping(table, mapping: dict[str, str], problems: Problems) -> dict[str, int]:
    """Column index per field; problems for headers that are not in the file and required fields missing."""
    columns: dict[str, int] = {}
    for field_name, header in mapping.items():
        if field_name not in FIELDS_BY_NAME:
            problems.add(_("“%(field)s” is not a field of a unit") % {"field": field_name})
            continue
        if not header:
            continue
        try:
            columns[field_name] = table.headers.index(header)
        except ValueError:
            problems.add(
                _("the column “%(header)s” (for %(field)s) is not in the file; its columns are: %(headers)s")
                % {
                    "header": header,
                    "field": FIELDS_BY_NAME[field_name].label,
                    "headers": ", ".join(f"“{h}”" for h in table.headers),
                }
            )
    if not problems:
        _check_enough(columns, table.headers, problems)
    return columns


def _check_enough(columns: dict[str, int], headers: list[str], problems: Problems) -> None:
    """Problems for what a unit cannot do without: its function, a way to find it again, both coordinates."""
    headers_found = ", ".join(f"“{h}”" for h in headers)
    if "group" not in columns and "branch" not in columns:
        problems.add(
            _(
                "no column for the function group or the branch (e.g. “Branchegroep”, “Functie” or “Branche”) was "
                "found; the columns are: %(headers)s"
            )
            % {"headers": headers_found}
        )
    if "external_id" not in columns and "address" not in columns and not {"street", "house_number"} <= set(columns):
        problems.add(
            _(
                "no column for an own id or for street and house number (e.g. “Id”, “Straat” and “Huisnummer”) was "
                "found; the columns are: %(headers)s"
            )
            % {"headers": headers_found}
        )
    if ("x" in columns) != ("y" in columns):
        problems.add(_("only one of the columns x and y was found: both are needed"))
    if ("lat" in columns) != ("lon" in columns):
        problems.add(_("only one of the columns latitude and longitude was found: both are needed"))


@paused_gc()
def apply(
    table,
    mapping: dict[str, str] | None,
    *,
    gemeente,
    file_name: str,
    progress: Callable[[int], None] | None = None,
) -> list[UnitRecord]:
    """The rows of ``table`` as unit records, or ``ImportRejected`` with every problem (the first 25 and a count).

    ``mapping`` is ``{field name: header}`` (None: :func:`propose`). Each problem names the line and the column
    as the file has it: “regel 14, veld “WVO”: “12,5,0” is geen getal”.
    """
    problems = Problems(file_name)
    columns = check_mapping(table, propose(table.headers) if mapping is None else mapping, problems)
    if problems:
        raise ImportRejected(problems.as_list())
    if not table.rows:
        problems.add(_("the file has a header but no rows: there is nothing to import"))
        raise ImportRejected(problems.as_list())
    reader = _UnitReader(table, columns, gemeente, problems)
    records: list[UnitRecord] = []
    for index, row in enumerate(table.rows):
        records.append(reader.read(index, row))
        if progress is not None and (index + 1) % 5000 == 0:
            progress(index + 1)
    if progress is not None:
        progress(len(table.rows))
    if problems:
        raise ImportRejected(problems.as_list())
    return records


class _UnitReader:
    """Reads the rows of one table into unit records, each problem with its line and the column it is in.

    A row's problems come in the order of its fields: address and postcode, function, the parsed values (in the
    order of the file's columns), place, owner.
    """

    def __init__(self, table, columns: dict[str, int], gemeente, problems: Problems):
        self.c = c = {field.name: columns.get(field.name) for field in FIELDS}
        mapped = [(name, column) for name, column in c.items() if column is not None]
        self.names = [name for name, _column in mapped]
        picked = [column for _name, column in mapped]
        # The mapped cells of a row in one call (itemgetter gives a tuple for two or more): a row is read fast.
        self.pick = operator.itemgetter(*picked) if len(picked) > 1 else (lambda row: tuple(row[i] for i in picked))
        self.empty = dict.fromkeys(c, "")
        self.headers = table.headers
        self.row_problems = getattr(table, "row_problems", {})
        self.place = table.place_function()
        self.locations = table.locations
        self.problems = problems
        self.resolver = Resolver(gemeente)
        self.grid = None  # x/y without a CRS column: the transformer of the national grid the numbers fit
        if c["x"] is not None and c["crs"] is None:
            self.grid = _grid_transformer(table, columns, gemeente, problems)
            if problems:
                raise ImportRejected(problems.as_list())
        self.transformers: dict[str, object] = {}  # per CRS written in the file's CRS column
        # Values that are parsed, in the order of the columns of the file (so are the problems of a line).
        self.parsed_fields = sorted(
            ((name, parse) for name, parse in (("floor_area", area), ("occupied_since", date), ("is_chain", boolean))
             if c[name] is not None),
            key=lambda item: c[item[0]],
        )  # fmt: skip
        self.index = 0
        self.where: str | None = None  # the row's place in the file, once a problem needs it

    def bad(self, reason: str, field_name: str) -> None:
        """A problem of the row being read, in the column of ``field_name``."""
        if self.where is None:
            self.where = self.place(self.index)
        column = self.c.get(field_name)
        self.problems.add(reason, where=self.where, field=self.headers[column] if column is not None else "")

    def read(self, index: int, row: list[str]) -> UnitRecord:
        self.index, self.where = index, None
        v = self.empty.copy()
        v.update(zip(self.names, self.pick(row), strict=True))
        if index in self.row_problems:
            self.where = self.place(index)
            self.problems.add(self.row_problems[index], where=self.where)
        record = UnitRecord(where="", external_id=v["external_id"])
        self._address(record, v)
        self._function(record, v, row)
        self._location(record, v, index)
        self._owner(record, v)
        record.where = self.where if self.where is not None else self.place(index)
        return record

    def _address(self, record: UnitRecord, v: dict) -> None:
        """Street and house number (with its addition), from their own columns or from a full address; postcode
        and place."""
        c = self.c
        street, house_number = v["street"], v["house_number"]
        if c["address"] is not None and not street:
            full = v["address"]
            match = _ADDRESS.match(full)
            if match:
                street, house_number = match["street"].strip(" ,"), house_number or match["number"].strip()
            elif full:
                street = full
        addition = v["addition"]
        if addition:
            joined = addition[:1].isalpha() and len(addition) <= 2
            house_number = f"{house_number}{addition}" if joined else f"{house_number} {addition}"
        record.street, record.house_number = street, house_number.strip()
        if house_number and not _NUMBER.match(house_number.strip()):
            self.bad(_("“%(value)s” is not a house number") % {"value": house_number}, "house_number")
        if not record.external_id and not (street and house_number):
            self._unaddressed(street, house_number)
        postcode = v["postcode"]
        if postcode:
            nl = _POSTCODE_NL.match(postcode)
            if nl:
                postcode = f"{nl[1]} {nl[2].upper()}"
            elif not _POSTCODE_BE.match(postcode):
                self.bad(_("“%(value)s” is not a postcode (1234 AB or 1234)") % {"value": postcode}, "postcode")
        record.postcode = postcode
        record.place = v["place"]

    def _unaddressed(self, street: str, house_number: str) -> None:
        """Why a unit without an own id cannot be found by its address either."""
        c = self.c
        if c["external_id"] is not None and street and not house_number:
            self.bad(_("the unit has neither an own id nor a house number"), "house_number")
        elif c["external_id"] is not None:
            self.bad(_("the unit has neither an own id nor a street and house number"), "external_id")
        elif not street:
            self.bad(_("the street is empty"), "street" if c["street"] is not None else "address")
        else:
            self.bad(_("the house number is empty"), "house_number" if c["house_number"] is not None else "address")

    def _function(self, record: UnitRecord, v: dict, row: list[str]) -> None:
        """Function group and branch, the values that are parsed, the occupant and the ids the unit had before."""
        c = self.c
        try:
            record.group, record.branch = self.resolver.resolve(v["group"], v["branch"])
        except UnknownFunction as exc:
            field_name = exc.field if c.get(exc.field) is not None else ("branch" if c["group"] is None else "group")
            self.bad(str(exc), field_name)
        for field_name, parse in self.parsed_fields:
            try:
                setattr(record, field_name, parse(row[c[field_name]]))
            except BadValue as exc:
                self.bad(str(exc), field_name)
        record.occupant = v["occupant"]
        previous = v["previous_ids"]
        if previous:
            record.previous_ids = tuple(p.strip() for p in re.split(r"[,;|/]", previous) if p.strip())

    def _location(self, record: UnitRecord, v: dict, index: int) -> None:
        """Latitude and longitude; else x/y in the file's or the national grid; else the table's own (GeoJSON)."""
        c = self.c
        if c["lat"] is not None:
            _read_degrees(record, v["lat"], v["lon"], self.bad)
        if record.lat is None and c["x"] is not None and not (is_empty(v["x"]) and is_empty(v["y"])):
            transformer = self.grid if c["crs"] is None else self._transformer(v["crs"])
            if transformer is not None:
                _read_grid(record, v["x"], v["y"], transformer, self.bad)
        if self.locations is not None and record.lat is None and self.locations[index] is not None:
            record.lat, record.lon, record.geometry = self.locations[index]

    def _transformer(self, crs_text: str):
        """The transformer for the CRS a row names (made once per CRS), or None with a problem when it is unknown."""
        if crs_text not in self.transformers:
            self.transformers[crs_text] = _transformer_for(crs_text)
        transformer = self.transformers[crs_text]
        if isinstance(transformer, str):
            self.bad(transformer, "crs")
            return None
        return transformer

    def _owner(self, record: UnitRecord, v: dict) -> None:
        owner_name = v["owner_name"]
        owner_org, email, phone = v["owner_organisation"], v["owner_email"], v["owner_phone"]
        if owner_name or owner_org or email or phone:
            if email and not _EMAIL.match(email):
                self.bad(_("“%(value)s” is not an e-mail address") % {"value": email}, "owner_email")
            record.owner = OwnerRecord(name=owner_name or owner_org, organisation=owner_org, email=email, phone=phone)


def _read_degrees(record: UnitRecord, lat_text: str, lon_text: str, bad) -> None:
    if is_empty(lat_text) and is_empty(lon_text):
        return
    try:
        lat = number(lat_text, point_is_decimal=True)
        lon = number(lon_text, point_is_decimal=True)
    except BadValue as exc:
        bad(str(exc), "lat" if not _is_number(lat_text) else "lon")
        return
    if lat is None or lon is None:
        bad(_("only one of latitude and longitude is filled in"), "lat" if lat is None else "lon")
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        bad(
            _("%(lat)s, %(lon)s are not degrees of latitude and longitude (WGS84); are these x/y coordinates?")
            % {"lat": lat_text, "lon": lon_text},
            "lat",
        )
        return
    record.lat, record.lon = lat, lon


def _is_number(text: str) -> bool:
    try:
        number(text, point_is_decimal=True)
    except BadValue:
        return False
    return True


def _read_grid(record: UnitRecord, x_text: str, y_text: str, transformer, bad) -> None:
    try:
        x = number(x_text, point_is_decimal=True)
        y = number(y_text, point_is_decimal=True)
    except BadValue as exc:
        bad(str(exc), "x" if not _is_number(x_text) else "y")
        return
    if x is None or y is None:
        bad(_("only one of x and y is filled in"), "x" if x is None else "y")
        return
    lon, lat = transformer.transform(x, y)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat:
        bad(_("%(x)s, %(y)s cannot be converted to a location") % {"x": x_text, "y": y_text}, "x")
        return
    record.lat, record.lon = round(lat, 7), round(lon, 7)


def _transformer_for(crs_text: str):
    """A pyproj transformer to WGS84 for a CRS as written in a file ("EPSG:28992", "28992", "RD"); a problem
    text (str) when it is not known."""
    code = crs_code(crs_text)
    if code is None:
        return _("“%(crs)s” is not a known coordinate reference system") % {"crs": crs_text}
    try:
        return transformer_to_wgs84(code)
    except ValueError:
        return _("“%(crs)s” is not a known coordinate reference system") % {"crs": crs_text}


def _grid_transformer(table, columns: dict[str, int], gemeente, problems: Problems):
    """x/y without a CRS column: the national grid (RD New in NL, Lambert 72 in BE), when the numbers fit it."""
    xs, ys = columns["x"], columns["y"]
    sample = []
    for row in table.rows[:200]:
        try:
            x, y = number(row[xs], point_is_decimal=True), number(row[ys], point_is_decimal=True)
        except BadValue:
            continue
        if x is not None and y is not None:
            sample.append((x, y))
    if not sample:
        return None
    if all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in sample):
        return transformer_to_wgs84(4326)  # longitude/latitude in columns named x and y
    country = _country_of(gemeente)
    order = [_CRS_DEFAULTS[country]] if country in _CRS_DEFAULTS else []
    order += [code for code in _GRID_RANGES if code not in order]
    for code in order:
        (x0, x1), (y0, y1) = _GRID_RANGES[code]
        if all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in sample):
            return transformer_to_wgs84(code)
    problems.add(
        _(
            "the x/y coordinates are neither in RD New (EPSG:28992) nor in Belgian Lambert 72 (EPSG:31370): add a "
            "column “crs” with the coordinate reference system (e.g. EPSG:3035), or use latitude and longitude"
        ),
        field=table.headers[xs],
    )
    return None
