"""What the database can see in the records of a unit register before anything is written: taxonomy codes, ids
and addresses used twice, places far outside the municipality, texts longer than their columns.

Also the address key by which a unit without an own id is recognised in the next count.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import NamedTuple

from django.utils.translation import gettext as _

from kernkompas.core.problems import ImportRejected, Problems, check_length, max_length
from kernkompas.lib.text import fold
from kernkompas.monitor.importers.mapping import FIELDS_BY_NAME
from kernkompas.monitor.importers.records import UnitRecord
from kernkompas.monitor.models import OwnerContact, Unit, UnitState
from kernkompas.monitor.taxonomy import groups_and_branches

MAX_FLOOR_AREA = 100_000  # m²; the largest shopping centres in the Low Countries have about 100,000 m² in total
BBOX_MARGIN = 0.05  # degrees (about 5 km) around the municipality's bounding box


_BUS = re.compile(r"\s*(?:\bbus\b|\bbte\b|\bboite\b|/)\s*", re.IGNORECASE)
_POSTCODE = re.compile(r"[^0-9a-z]")


@functools.lru_cache(maxsize=65_536)  # a file repeats the same numbers on every street
def normalise_house_number(house_number: str) -> str:
    """ "12 A", "12-a" and "12a" are the same number; "12 bus 3", "12 bte 3" and "12/3" the same box."""
    text = fold(house_number)
    if not text:
        return ""
    parts = _BUS.split(" " + re.sub(r"\s+", " ", (house_number or "").strip()).lower() + " ", maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        main, box = fold(parts[0]), fold(parts[1])
        return main.replace(" ", "") + "/" + box.replace(" ", "")
    return text.replace(" ", "")


@functools.lru_cache(maxsize=8_192)  # an area has tens of streets, a file repeats each of them thousands of times
def _street_key(street: str) -> str:
    return fold(street)


def address_key(street: str, house_number: str, postcode: str = "") -> str:
    """The key by which a unit without an own id is recognised in the next count.

    Street (accents, case and punctuation folded) and house number (additions and boxes normalised); without a
    street, the postcode and number (a Dutch postcode with a number is a complete address). "" when neither.
    """
    number = normalise_house_number(house_number)
    street_key = _street_key(street)
    if street_key:
        return f"{street_key} {number}".strip()
    code = _POSTCODE.sub("", (postcode or "").lower())
    if code and number:
        return f"{code} {number}"
    return ""


def _outside(bbox, lat: float, lon: float) -> bool:
    if not bbox or len(bbox) != 4:
        return False
    west, south, east, north = bbox
    return not (west - BBOX_MARGIN <= lon <= east + BBOX_MARGIN and south - BBOX_MARGIN <= lat <= north + BBOX_MARGIN)


# The texts of a unit record that are stored as they are: (attribute, the field of the column mapping that names it
# in messages, model, model field). Each is checked against its column's length before anything is written.
_UNIT_TEXTS = (
    ("external_id", "external_id", Unit, "external_id"),
    ("street", "street", Unit, "street"),
    ("house_number", "house_number", Unit, "house_number"),
    ("postcode", "postcode", Unit, "postcode"),
    ("place", "place", Unit, "place"),
    ("occupant", "occupant", UnitState, "occupant"),
)
_OWNER_TEXTS = (
    ("name", "owner_name", OwnerContact, "name"),
    ("organisation", "owner_organisation", OwnerContact, "organisation"),
    ("email", "owner_email", OwnerContact, "email"),
    ("phone", "owner_phone", OwnerContact, "phone"),
)


class _Text(NamedTuple):
    """A text of a record with the length its column allows."""

    label: str  # the field as messages name it
    model: type
    name: str  # the model field
    limit: int


class _Texts:
    """The texts of a record (or of its owner) with their limits, looked up once per file: the check runs per line."""

    def __init__(self, texts):
        self.values_of = operator.attrgetter(*(attr for attr, *_rest in texts))
        self.texts = [
            _Text(FIELDS_BY_NAME[label].label, model, name, max_length(model, name))
            for _attr, label, model, name in texts
        ]
        self.limits = [text.limit for text in self.texts]

    def too_long(self, holder) -> list[tuple[str, _Text]]:
        """The texts of ``holder`` longer than their column (stripped), with their limits."""
        values = self.values_of(holder)
        if None not in values and all(map(operator.le, map(len, values), self.limits)):
            return []  # the common case, in one pass that stays in C
        found = []
        for value, text in zip(values, self.texts, strict=True):
            if value and len(value) > text.limit and len(value := value.strip()) > text.limit:
                found.append((value, text))
        return found


def validate_units(gebied, records: list[UnitRecord], *, file_name: str) -> list[str]:
    """Raise ImportRejected with every problem the database can see in the records (nothing is written).

    Returns the address key of each record (computed once, used again to match the units).
    """
    checks = _UnitChecks(gebied, records, file_name)
    keys = [checks.check(r) for r in records]
    if checks.problems:
        raise ImportRejected(checks.problems.as_list())
    return keys


class _UnitChecks:
    """The checks of one file's unit records: against the database (taxonomy, ids of the area, the municipality's
    place) and against each other (ids and addresses used twice). Problems are collected in the order of the
    lines, and per line in the order of the checks below."""

    def __init__(self, gebied, records: list[UnitRecord], file_name: str):
        self.gemeente = gebied.kern.gemeente
        self.problems = Problems(file_name)
        self.groups, self.branches = groups_and_branches(self.gemeente)
        # The (group, branch) pairs a line may name: a known group without a branch, or with one of its own.
        self.functions = {(code, "") for code in self.groups} | {
            (group, branch.code)
            for group, found in self.groups.items()
            for branch in self.branches.values()
            if branch.group_id == found.id
        }
        if not records:
            self.problems.add(_("the file contains no units"))
        self.known_ids = set(
            Unit.objects.filter(gebied=gebied).exclude(external_id="").values_list("external_id", flat=True)
        )
        self.file_ids = {own_id for r in records if (own_id := r.external_id.strip())}
        self.seen_ids: dict[str, str] = {}  # own id → where it was first
        self.seen_addresses: dict[str, str] = {}  # address key → where it was first
        self.addresses_with_id: set[str] = set()  # the address keys whose first unit had an own id
        self.unit_texts, self.owner_texts = _Texts(_UNIT_TEXTS), _Texts(_OWNER_TEXTS)
        self.key_limit = max_length(Unit, "address_key")

    def check(self, r: UnitRecord) -> str:
        """Add every problem of one record; return its address key. Each check is asked in one step first and
        explained by a method only when it fails: this runs per line."""
        own_id = r.external_id.strip()
        key = address_key(r.street, r.house_number, r.postcode)
        too_long = self.unit_texts.too_long(r)
        if r.owner is not None:
            too_long += self.owner_texts.too_long(r.owner)
        if too_long:
            self._too_long(r, too_long)
        elif len(key) > self.key_limit:
            # Folding may lengthen a text ("㎡" is "m2"): the key of an address that fits can still be too long.
            check_length(self.problems, Unit, "address_key", key, where=r.where, field=FIELDS_BY_NAME["address"].label)
        self._identity(r, own_id, key)
        if (r.group, r.branch) not in self.functions:
            self._function(r)
        if r.lat is not None and r.lon is not None and _outside(self.gemeente.bbox, r.lat, r.lon):
            self._far_away(r)
        if r.floor_area is not None and (r.floor_area < 0 or r.floor_area > MAX_FLOOR_AREA):
            self._implausible_area(r)
        if r.previous_ids:
            self._previous(r, own_id)
        return key

    def _too_long(self, r: UnitRecord, too_long: list[tuple[str, _Text]]) -> None:
        for value, text in too_long:
            check_length(self.problems, text.model, text.name, value, where=r.where, field=text.label)

    def _identity(self, r: UnitRecord, own_id: str, key: str) -> None:
        """A unit is recognised by its own id or its address, and each may appear only once."""
        if not own_id and not key:
            self.problems.add(
                _("this unit has no own id and no street and house number, so it cannot be recognised"),
                where=r.where,
            )
        if own_id:
            other = self.seen_ids.get(own_id)
            if other is None:
                self.seen_ids[own_id] = r.where
            else:
                self.problems.add(
                    _("the own id “%(id)s” is also used at %(other)s; every unit may appear only once")
                    % {"id": own_id, "other": other},
                    where=r.where,
                    field=_("own id"),
                )
        if key:
            self._address(r, own_id, key)

    def _address(self, r: UnitRecord, own_id: str, key: str) -> None:
        # Units with an own id are matched by it, so several may share an address (a shopping centre, an OSM
        # extract); a unit recognised by its address alone must not share it with any other.
        other = self.seen_addresses.get(key)
        if other is None:
            self.seen_addresses[key] = r.where
            if own_id:
                self.addresses_with_id.add(key)
        elif not (own_id and key in self.addresses_with_id):
            self.problems.add(
                _("the address %(address)s is also used at %(other)s; every unit may appear only once")
                % {"address": f"{r.street} {r.house_number}".strip() or r.postcode, "other": other},
                where=r.where,
                field=_("address"),
            )

    def _function(self, r: UnitRecord) -> None:
        """Why the function group is not one the municipality may use, or the branch not one of its branches."""
        group = self.groups.get(r.group)
        if not r.group:
            self.problems.add(_("the function group is missing"), where=r.where, field=_("function group"))
        elif group is None:
            self.problems.add(
                _("“%(code)s” is not a known function group (known: %(known)s)")
                % {"code": r.group, "known": ", ".join(sorted(self.groups))},
                where=r.where,
                field=_("function group"),
            )
        if not r.branch:
            return
        branch = self.branches.get(r.branch)
        if branch is None:
            self.problems.add(
                _("“%(code)s” is not a known branch") % {"code": r.branch}, where=r.where, field=_("branch")
            )
        elif group is not None and branch.group_id != group.id:
            self.problems.add(
                _("the branch “%(branch)s” does not belong to the function group “%(group)s”")
                % {"branch": branch.name, "group": group.name},
                where=r.where,
                field=_("branch"),
            )

    def _far_away(self, r: UnitRecord) -> None:
        hint = ""
        if not _outside(self.gemeente.bbox, r.lon, r.lat):
            hint = " " + _("(latitude and longitude seem to be swapped)")
        self.problems.add(
            _("the location %(lat)s, %(lon)s lies far outside %(gemeente)s%(hint)s")
            % {"lat": r.lat, "lon": r.lon, "gemeente": self.gemeente.name_nl, "hint": hint},
            where=r.where,
            field=_("location"),
        )

    def _implausible_area(self, r: UnitRecord) -> None:
        self.problems.add(
            _("a floor area of %(area)s m² is not plausible for one unit (at most %(max)s m²)")
            % {"area": r.floor_area, "max": f"{MAX_FLOOR_AREA:,}".replace(",", ".")},
            where=r.where,
            field=_("floor area"),
        )

    def _previous(self, r: UnitRecord, own_id: str) -> None:
        """The units this one came from are known in the area or in the file."""
        for previous in r.previous_ids:
            previous = previous.strip()
            if previous and previous != own_id and previous not in self.known_ids and previous not in self.file_ids:
                self.problems.add(
                    _("the previous unit “%(id)s” is not known in this area") % {"id": previous},
                    where=r.where,
                    field=_("previous ids"),
                )
