"""What the database can see in the records of a unit register before anything is written: taxonomy codes, ids
and addresses used twice, places far outside the municipality, texts longer than their columns.

Also the address key by which a unit without an own id is recognised in the next count.
"""

from __future__ import annotations

import functools
import re

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


def _with_limits(texts) -> list[tuple]:
    return [
        (attr, FIELDS_BY_NAME[label].label, model, name, max_length(model, name)) for attr, label, model, name in texts
    ]


def _texts_fit(problems: Problems, r: UnitRecord, limits: tuple[list, list]) -> bool:
    """False (with a problem for each) when a text of the record is longer than its database column. ``limits``
    are :func:`_with_limits` of the unit's and the owner's texts, looked up once per file: this runs per line."""
    fits = True
    for texts, holder in ((limits[0], r), (limits[1], r.owner)):
        if holder is None:
            continue
        for attr, label, model, name, limit in texts:
            value = getattr(holder, attr) or ""
            if len(value) > limit and len(value := value.strip()) > limit:
                fits = check_length(problems, model, name, value, where=r.where, field=label) and fits
    return fits


def validate_units(gebied, records: list[UnitRecord], *, file_name: str) -> list[str]:
    """Raise ImportRejected with every problem the database can see in the records (nothing is written).

    Returns the address key of each record (computed once, used again to match the units).
    """
    gemeente = gebied.kern.gemeente
    problems = Problems(file_name)
    groups, branches = groups_and_branches(gemeente)
    if not records:
        problems.add(_("the file contains no units"))
    known_ids = set(Unit.objects.filter(gebied=gebied).exclude(external_id="").values_list("external_id", flat=True))
    file_ids = {r.external_id.strip() for r in records if r.external_id.strip()}
    seen_ids: dict[str, str] = {}
    seen_addresses: dict[str, tuple[str, str]] = {}  # address key → (where, own id)
    keys = []
    limits = (_with_limits(_UNIT_TEXTS), _with_limits(_OWNER_TEXTS))
    key_limit = max_length(Unit, "address_key")
    for r in records:
        own_id = r.external_id.strip()
        key = address_key(r.street, r.house_number, r.postcode)
        keys.append(key)
        # Folding may lengthen a text ("㎡" is "m2"): the key of an address that fits can still be too long.
        if _texts_fit(problems, r, limits) and len(key) > key_limit:
            check_length(problems, Unit, "address_key", key, where=r.where, field=FIELDS_BY_NAME["address"].label)
        if not own_id and not key:
            problems.add(
                _("this unit has no own id and no street and house number, so it cannot be recognised"),
                where=r.where,
            )
        if own_id:
            if own_id in seen_ids:
                problems.add(
                    _("the own id “%(id)s” is also used at %(other)s; every unit may appear only once")
                    % {"id": own_id, "other": seen_ids[own_id]},
                    where=r.where,
                    field=_("own id"),
                )
            else:
                seen_ids[own_id] = r.where
        # Units with an own id are matched by it, so several may share an address (a shopping centre, an OSM
        # extract); a unit recognised by its address alone must not share it with any other.
        if key:
            other = seen_addresses.get(key)
            if other is not None and not (own_id and other[1]):
                problems.add(
                    _("the address %(address)s is also used at %(other)s; every unit may appear only once")
                    % {"address": f"{r.street} {r.house_number}".strip() or r.postcode, "other": other[0]},
                    where=r.where,
                    field=_("address"),
                )
            elif other is None:
                seen_addresses[key] = (r.where, own_id)
        group = groups.get(r.group)
        if not r.group:
            problems.add(_("the function group is missing"), where=r.where, field=_("function group"))
        elif group is None:
            problems.add(
                _("“%(code)s” is not a known function group (known: %(known)s)")
                % {"code": r.group, "known": ", ".join(sorted(groups))},
                where=r.where,
                field=_("function group"),
            )
        if r.branch:
            branch = branches.get(r.branch)
            if branch is None:
                problems.add(
                    _("“%(code)s” is not a known branch") % {"code": r.branch}, where=r.where, field=_("branch")
                )
            elif group is not None and branch.group_id != group.pk:
                problems.add(
                    _("the branch “%(branch)s” does not belong to the function group “%(group)s”")
                    % {"branch": branch.name, "group": group.name},
                    where=r.where,
                    field=_("branch"),
                )
        if r.lat is not None and r.lon is not None and _outside(gemeente.bbox, r.lat, r.lon):
            hint = ""
            if not _outside(gemeente.bbox, r.lon, r.lat):
                hint = " " + _("(latitude and longitude seem to be swapped)")
            problems.add(
                _("the location %(lat)s, %(lon)s lies far outside %(gemeente)s%(hint)s")
                % {"lat": r.lat, "lon": r.lon, "gemeente": gemeente.name_nl, "hint": hint},
                where=r.where,
                field=_("location"),
            )
        if r.floor_area is not None and (r.floor_area < 0 or r.floor_area > MAX_FLOOR_AREA):
            problems.add(
                _("a floor area of %(area)s m² is not plausible for one unit (at most %(max)s m²)")
                % {"area": r.floor_area, "max": f"{MAX_FLOOR_AREA:,}".replace(",", ".")},
                where=r.where,
                field=_("floor area"),
            )
        for previous in r.previous_ids:
            previous = previous.strip()
            if previous and previous != own_id and previous not in known_ids and previous not in file_ids:
                problems.add(
                    _("the previous unit “%(id)s” is not known in this area") % {"id": previous},
                    where=r.where,
                    field=_("previous ids"),
                )
    if problems:
        raise ImportRejected(problems.as_list())
    return keys
