"""Named operations of the Kernmonitor: everything that writes the register goes through here.

Each operation validates first (what only the database knows: taxonomy codes, ids used twice, places far outside
the municipality), then writes in one transaction and records an audit event. Readers in
:mod:`kernkompas.monitor.importers` turn files into records; these functions write the records.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.core.problems import ImportRejected, Problems, check_length, max_length
from kernkompas.lib import clock
from kernkompas.lib.batch import paused_gc
from kernkompas.lib.text import fold
from kernkompas.monitor import bulk, footfall, footfall_rules, indicators
from kernkompas.monitor.importers.mapping import FIELDS_BY_NAME
from kernkompas.monitor.importers.records import FootfallRecord, ImportResult, PointRecord, UnitRecord
from kernkompas.monitor.models import (
    AreaIndicators,
    Branch,
    Count,
    CounterToken,
    CountingPoint,
    FootfallCount,
    FunctionGroup,
    ImportKind,
    ImportRun,
    OwnerContact,
    Resolution,
    Sector,
    Threshold,
    ThresholdCrossing,
    Unit,
    UnitLink,
    UnitState,
)

logger = logging.getLogger(__name__)

BATCH = 2000
MAX_FLOOR_AREA = 100_000  # m²; the largest shopping centres in the Low Countries have about 100,000 m² in total
BBOX_MARGIN = 0.05  # degrees (about 5 km) around the municipality's bounding box


# --- Addresses ----------------------------------------------------------------------------------------------------

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


# --- Validation ---------------------------------------------------------------------------------------------------


def _taxonomy(gemeente):
    """Groups and branches a municipality may use: the default taxonomy plus its own (its own win)."""
    groups: dict[str, FunctionGroup] = {}
    for group in FunctionGroup.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente)).order_by("gemeente_id"):
        if group.code not in groups or group.gemeente_id is not None:
            groups[group.code] = group
    branches: dict[str, Branch] = {}
    for branch in Branch.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente)).order_by("gemeente_id"):
        if branch.code not in branches or branch.gemeente_id is not None:
            branches[branch.code] = branch
    return groups, branches


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
    groups, branches = _taxonomy(gemeente)
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


# --- Import of units ----------------------------------------------------------------------------------------------

_UNIT_FIELDS = ("external_id", "street", "house_number", "postcode", "place", "address_key", "lat", "lon", "geometry")
_STATE_FIELDS = ("group_id", "branch_id", "is_vacant", "floor_area", "occupant", "is_chain", "occupied_since")


class _Unit:
    """A unit of the area as plain values: its pk (None until written) and the values of ``_UNIT_FIELDS``."""

    __slots__ = ("pk", "values")

    def __init__(self, pk, values):
        self.pk, self.values = pk, values

    @property
    def external_id(self) -> str:
        return self.values[0]


@paused_gc()
def import_units(gebied, records: list[UnitRecord], *, count_date, by=None, file_name, sha256, format) -> ImportResult:
    """Write one count of an area from the records of one file (see the module docstring of monitor.models).

    Units and states are read and written as plain rows (:mod:`kernkompas.monitor.bulk`): a large area has
    100,000 of each, and a model instance per row would cost more than the database's own work.
    """
    keys = validate_units(gebied, records, file_name=file_name)
    gemeente = gebied.kern.gemeente
    result = ImportResult(rows=len(records))
    result.already_imported = ImportRun.objects.filter(
        gebied=gebied, kind=ImportKind.UNITS, sha256=sha256, count__date=count_date
    ).exists()
    now = timezone.now()
    with transaction.atomic():
        # Read inside the transaction: a taxonomy edit committed meanwhile is what the states get.
        groups, branches = _taxonomy(gemeente)
        count, count_created = Count.objects.get_or_create(
            gebied=gebied, date=count_date, defaults={"source": file_name[:300], "created_by": _user(by)}
        )
        by_id: dict[str, _Unit] = {}
        by_address: dict[str, _Unit] = {}
        for pk, *values in Unit.objects.filter(gebied=gebied).values_list("pk", *_UNIT_FIELDS).order_by("pk"):
            unit = _Unit(pk, values)
            if values[0]:
                by_id[values[0]] = unit
            if values[5]:
                by_address.setdefault(values[5], unit)
        # 1. Units: match by own id, else by address; new ones get their ids now and are written in bulk.
        matched: list[tuple[UnitRecord, _Unit]] = []
        new_units: list[_Unit] = []
        changed_units: dict[int, _Unit] = {}
        changed_unit_records: set[int] = set()
        used: set[int] = set()
        for r, key in zip(records, keys, strict=True):
            own_id = r.external_id.strip()
            unit = by_id.get(own_id) if own_id else None
            if unit is None and key:
                candidate = by_address.get(key)
                if candidate is not None and (not own_id or not candidate.external_id):
                    unit = candidate
            if unit is not None and id(unit) in used:
                unit = None  # another line of this file already took this unit (its old address)
            wanted = [  # lengths checked by validate_units
                own_id or (unit.external_id if unit else ""),
                r.street.strip(),
                r.house_number.strip(),
                r.postcode.strip(),
                r.place.strip(),
                key,
                r.lat,
                r.lon,
                r.geometry,
            ]
            if unit is None:
                unit = _Unit(None, wanted)
                new_units.append(unit)
                if key:
                    by_address.setdefault(key, unit)
            else:
                # Keep what the file does not say (an address-only file does not erase coordinates).
                values, dirty = unit.values, False
                for i, value in enumerate(wanted):
                    if value is not None and value != "" and values[i] != value:
                        values[i], dirty = value, True
                if dirty and unit.pk is not None:
                    changed_units[unit.pk] = unit
                    changed_unit_records.add(id(r))
            if own_id:
                by_id[own_id] = unit
            used.add(id(unit))
            matched.append((r, unit))
        for unit, pk in zip(new_units, bulk.reserve_ids(Unit, len(new_units)), strict=True):
            unit.pk = pk
        bulk.insert(
            Unit,
            ("id", "gebied_id", *_UNIT_FIELDS, "created_at"),
            [(u.pk, gebied.pk, *u.values, now) for u in new_units],
        )
        bulk.update(Unit, _UNIT_FIELDS, [(*u.values, u.pk) for u in changed_units.values()])

        # 2. States of this count: created, updated only when changed; units not in the file lose theirs.
        existing = {
            unit_id: values
            for unit_id, *values in UnitState.objects.filter(count=count).values_list("unit_id", "pk", *_STATE_FIELDS)
        }
        new_states, changed_states = [], []
        in_file = set()
        for r, unit in matched:
            group = groups[r.group]
            values = [
                group.pk,
                branches[r.branch].pk if r.branch else None,
                group.sector == Sector.LEEGSTAND,
                r.floor_area,
                (r.occupant or "").strip(),
                r.is_chain,
                r.occupied_since,
            ]
            in_file.add(unit.pk)
            state = existing.get(unit.pk)
            if state is None:
                new_states.append((count.pk, unit.pk, *values, None, False))
                result.created += 1
            elif state[1:] != values:
                changed_states.append((*values, state[0]))
                result.updated += 1
            elif id(r) in changed_unit_records:
                result.updated += 1
            else:
                result.unchanged += 1
        bulk.insert(UnitState, ("count_id", "unit_id", *_STATE_FIELDS, "vacant_since", "vacant_since_open"), new_states)
        bulk.update(UnitState, _STATE_FIELDS, changed_states)
        gone = [unit_id for unit_id in existing if unit_id not in in_file]
        removed = 0
        for start in range(0, len(gone), BATCH):
            removed += UnitState.objects.filter(count=count, unit_id__in=gone[start : start + BATCH]).delete()[0]

        # 3. Merges and splits, owner contacts.
        links = _link_units(matched, by_id, count)
        contacts = _upsert_contacts(matched, now, new={u.pk for u in new_units})

        # 4. What follows from the states; nothing to do when the file only repeated what was there.
        crossings = 0
        if count_created or result.created or result.updated or removed or links:
            derive_vacancy(gebied)
            indicators.refresh_area(gebied)
            crossings = check_thresholds(gebied)

        ImportRun.objects.create(
            gebied=gebied,
            kind=ImportKind.UNITS,
            file_name=file_name[:300],
            sha256=sha256,
            format=format[:20],
            count=count,
            rows=result.rows,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            created_by=_user(by),
        )
        record(
            by,
            "monitor.import_units",
            gebied,
            gemeente=gemeente,
            changes={
                "file": file_name,
                "sha256": sha256,
                "count_date": count_date.isoformat(),
                "count_created": count_created,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "states_removed": removed,
                "units_created": len(new_units),
                "links": links,
                "owner_contacts": contacts,
                "threshold_crossings": crossings,
            },
        )
    if removed:
        result.messages.append(
            _("%(n)s units of the earlier import for this date are not in this file and were removed from the count")
            % {"n": removed}
        )
    if result.already_imported:
        result.messages.append(_("This file was imported before for this date."))
    return result


def _user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _link_units(matched: list[tuple[UnitRecord, _Unit]], by_id: dict[str, _Unit], count: Count) -> int:
    """UnitLinks for ``previous_ids``: several predecessors → merge; one predecessor of several units → split."""
    pairs = []
    for r, unit in matched:
        for previous in r.previous_ids:
            previous = previous.strip()
            predecessor = by_id.get(previous)
            if predecessor is not None and predecessor.pk != unit.pk:
                pairs.append((predecessor.pk, unit.pk, len([p for p in r.previous_ids if p.strip()])))
    if not pairs:
        return 0
    successors_of: dict[int, int] = defaultdict(int)
    for predecessor, _unit, _n in pairs:
        successors_of[predecessor] += 1
    existing = set(
        UnitLink.objects.filter(successor_id__in={u for _p, u, _n in pairs}).values_list(
            "predecessor_id", "successor_id"
        )
    )
    new = []
    for predecessor, unit, n in pairs:
        if (predecessor, unit) in existing:
            continue
        kind = UnitLink.Kind.SPLIT if successors_of[predecessor] > 1 and n == 1 else UnitLink.Kind.MERGE
        new.append(UnitLink(predecessor_id=predecessor, successor_id=unit, kind=kind, count=count))
        existing.add((predecessor, unit))
    UnitLink.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def _upsert_contacts(matched: list[tuple[UnitRecord, _Unit]], now, new: set[int]) -> int:
    """Owner contacts by unit and name: new ones created, known ones updated when the file says more.

    ``new`` are the ids of the units this import created: they have no contacts yet, so they are not looked up.
    """
    wanted = [(unit.pk, r.owner) for r, unit in matched if r.owner is not None and r.owner.name.strip()]
    if not wanted:
        return 0
    existing = {}
    unit_ids = [unit_id for unit_id, _o in wanted if unit_id not in new]
    for start in range(0, len(unit_ids), BATCH):
        for contact in OwnerContact.objects.filter(unit_id__in=unit_ids[start : start + BATCH]):
            existing[(contact.unit_id, contact.name)] = contact
    created, changed = [], []
    for unit_id, owner in wanted:
        name = owner.name.strip()  # lengths checked by validate_units
        values = {
            "organisation": owner.organisation.strip(),
            "email": owner.email.strip(),
            "phone": owner.phone.strip(),
        }
        contact = existing.get((unit_id, name))
        if contact is None:  # a unit appears once in a file, so once here
            created.append((unit_id, name, values["organisation"], values["email"], values["phone"], "", now))
        else:
            diff = {k: v for k, v in values.items() if v and getattr(contact, k) != v}
            if diff:
                for k, v in diff.items():
                    setattr(contact, k, v)
                contact.updated_at = now
                changed.append(contact)
    bulk.insert(
        OwnerContact,
        ("unit_id", "name", "organisation", "email", "phone", "note", "updated_at"),
        created,
    )
    OwnerContact.objects.bulk_update(changed, ["organisation", "email", "phone", "updated_at"], batch_size=BATCH)
    return len(created) + len(changed)


def _iso(value) -> str | None:
    """A date from the database as ISO text (SQLite returns text, PostgreSQL a date)."""
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def derive_vacancy(gebied) -> int:
    """Set ``vacant_since`` / ``vacant_since_open`` of every vacant state of the area from the counts.

    ``vacant_since`` is the date of the first count of the unbroken run of vacant states of the unit that ends in
    this count; ``vacant_since_open`` is true when that run starts at the unit's first count (the real start may be
    earlier). Non-vacant states have neither. Returns the number of states changed.
    """
    dates = {pk: day.isoformat() for pk, day in Count.objects.filter(gebied=gebied).values_list("id", "date")}
    if not dates:
        return 0
    changed: dict[tuple[str | None, bool], list[int]] = defaultdict(list)
    with connection.cursor() as cursor:
        # One pass over the area's states in unit and date order, as plain rows (no model instances).
        cursor.execute(
            "SELECT s.id, s.unit_id, s.count_id, s.is_vacant, s.vacant_since, s.vacant_since_open "
            "FROM monitor_unitstate s JOIN monitor_count c ON c.id = s.count_id "
            "WHERE c.gebied_id = %s ORDER BY s.unit_id, c.date",
            [gebied.pk],
        )
        unit, run_start, run_open, first = None, None, False, True
        for rows in iter(lambda: cursor.fetchmany(10_000), []):
            for pk, unit_id, count_id, is_vacant, since, is_open in rows:
                if unit_id != unit:
                    unit, run_start, first = unit_id, None, True
                if is_vacant:
                    if run_start is None:
                        run_start, run_open = dates[count_id], first
                    wanted = (run_start, run_open)
                else:
                    run_start = None
                    wanted = (None, False)
                first = False
                if (_iso(since), bool(is_open)) != wanted:
                    changed[wanted].append(pk)
    # Few distinct starts: one UPDATE per start and batch instead of a CASE per row.
    total = 0
    for (since, is_open), pks in changed.items():
        day = datetime.date.fromisoformat(since) if since else None
        for start in range(0, len(pks), BATCH):
            total += UnitState.objects.filter(pk__in=pks[start : start + BATCH]).update(
                vacant_since=day, vacant_since_open=is_open
            )
    return total


# --- Thresholds ---------------------------------------------------------------------------------------------------


def _holds(threshold: Threshold, value, previous) -> bool:
    if value is None:
        return False
    if threshold.direction == Threshold.Direction.ABOVE:
        return value > threshold.value
    if threshold.direction == Threshold.Direction.BELOW:
        return value < threshold.value
    return previous is not None and value - previous > threshold.value


def check_thresholds(gebied) -> int:
    """Open and close the crossings of the area's active thresholds along its counts; e-mail new open ones.

    A crossing opens at the first count where the threshold holds after a count where it did not (or at the first
    count), and closes at the first count where it no longer holds. The area team gets one e-mail per crossing
    that is still open, after the transaction commits; ``notified_at`` makes sure a re-run never sends it again.
    Returns the number of crossings opened.
    """
    rows = list(AreaIndicators.objects.filter(gebied=gebied).order_by("date").only("count_id", "date", "values"))
    opened = 0
    to_notify: list[int] = []
    with transaction.atomic():
        for threshold in Threshold.objects.filter(gebied=gebied, is_active=True):
            indicator = indicators.INDICATORS.get(threshold.indicator)
            if indicator is None:
                logger.warning("threshold %s names an unknown indicator %r", threshold.pk, threshold.indicator)
                continue
            wanted: dict[int, tuple[int | None, float]] = {}  # opened count -> (closed count, value)
            current = None
            previous = None
            for row in rows:
                value = indicator.value(row.values)
                if _holds(threshold, value, previous):
                    if current is None:
                        current = row.count_id
                        wanted[current] = (None, float(value))
                elif current is not None:
                    wanted[current] = (row.count_id, wanted[current][1])
                    current = None
                previous = value
            existing = {c.opened_count_id: c for c in threshold.crossings.all()}
            for count_id, crossing in existing.items():
                if count_id not in wanted:
                    crossing.delete()  # the counts were corrected: this crossing never happened
            for count_id, (closed, value) in wanted.items():
                crossing = existing.get(count_id)
                if crossing is None:
                    crossing = ThresholdCrossing.objects.create(
                        threshold=threshold, opened_count_id=count_id, closed_count_id=closed, value=value
                    )
                    opened += 1
                elif (crossing.closed_count_id, crossing.value) != (closed, value):
                    crossing.closed_count_id, crossing.value = closed, value
                    crossing.save(update_fields=["closed_count", "value"])
                if crossing.closed_count_id is None and crossing.notified_at is None:
                    crossing.notified_at = timezone.now()
                    crossing.save(update_fields=["notified_at"])
                    to_notify.append(crossing.pk)
        if to_notify:
            transaction.on_commit(lambda ids=tuple(to_notify): _send_crossing_mails(ids))
    return opened


def format_value(indicator, value) -> str:
    if value is None:
        return "–"
    if indicator.unit == "share":
        return f"{value * 100:.1f} %".replace(".", ",") if translation.get_language() == "nl" else f"{value * 100:.1f}%"
    if indicator.unit == "index":
        text = f"{value:.2f}"
        return text.replace(".", ",") if translation.get_language() == "nl" else text
    return f"{value:,.0f}".replace(",", "." if translation.get_language() == "nl" else ",")


def _dashboard_path(gebied) -> str:
    from django.urls import reverse

    kern = gebied.kern
    return reverse("monitor:gebied", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug, "gebied": gebied.slug})


def _send_crossing_mails(crossing_ids) -> None:
    crossings = ThresholdCrossing.objects.filter(pk__in=crossing_ids).select_related(
        "threshold__gebied__kern__gemeente", "opened_count"
    )
    for crossing in crossings:
        threshold = crossing.threshold
        indicator = indicators.INDICATORS[threshold.indicator]
        for user in threshold.recipients.filter(is_active=True).exclude(email=""):
            language = getattr(user, "language", "") or settings.LANGUAGE_CODE
            with translation.override(language):
                context = {
                    "user": user,
                    "gebied": threshold.gebied,
                    "gemeente": threshold.gebied.kern.gemeente,
                    "indicator": indicator,
                    "direction": threshold.get_direction_display(),
                    "threshold_value": format_value(indicator, threshold.value),
                    "value": format_value(indicator, crossing.value),
                    "date": crossing.opened_count.date,
                    "dashboard_url": settings.BASE_URL + _dashboard_path(threshold.gebied),
                }
                subject = render_to_string("monitor/emails/threshold_subject.txt", context).strip()
                body = render_to_string("monitor/emails/threshold_body.txt", context)
            try:
                send_mail(" ".join(subject.split()), body, None, [user.email])
            except Exception:  # a mail server that is down must not undo an import that was committed
                logger.exception("threshold e-mail to %s failed", user.pk)


def save_threshold(
    gebied, *, indicator: str, direction: str, value, recipients=(), is_active=True, by=None, threshold=None
):
    """Create or change a threshold of an area. Shares may be given as 0–1 or as a percentage (10 = 10 %).

    Raises ``django.core.exceptions.ValidationError`` with a message per field.
    """
    from django.core.exceptions import ValidationError

    errors = {}
    found = indicators.INDICATORS.get(indicator)
    if found is None:
        errors["indicator"] = _("Choose one of the indicators in the list.")
    if direction not in Threshold.Direction.values:
        errors["direction"] = _("Choose above, below or rising.")
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        errors["value"] = _("Give a number, e.g. 10 for 10 %.")
        number = None
    if number is not None and found is not None:
        if found.unit == "share":
            if number > 1:
                number = number / 100  # given as a percentage
            low = -1.0 if direction == Threshold.Direction.RISING else 0.0
            if not low <= number <= 1:
                errors["value"] = _("A share lies between 0 and 100 %.")
        elif number < 0 and direction != Threshold.Direction.RISING:
            errors["value"] = _("The value cannot be negative.")
    if errors:
        raise ValidationError(errors)
    gemeente = gebied.kern.gemeente
    with transaction.atomic():
        created = threshold is None
        if created:
            threshold = Threshold(gebied=gebied)
        before = {"indicator": threshold.indicator, "direction": threshold.direction, "value": threshold.value}
        threshold.indicator, threshold.direction, threshold.value, threshold.is_active = (
            indicator,
            direction,
            number,
            is_active,
        )
        threshold.save()
        threshold.recipients.set(recipients)
        if not created and (before["indicator"], before["direction"], before["value"]) != (
            indicator,
            direction,
            number,
        ):
            threshold.crossings.all().delete()  # another signal: its crossings start afresh
        record(
            by,
            "monitor.threshold_created" if created else "monitor.threshold_changed",
            threshold,
            gemeente=gemeente,
            changes={"indicator": indicator, "direction": direction, "value": number, "active": is_active},
        )
        check_thresholds(gebied)
    return threshold


# --- Footfall -----------------------------------------------------------------------------------------------------


def _stored_start(start: datetime.datetime) -> datetime.datetime:
    """Footfall times are local wall-clock times; they are stored as given, labelled UTC, so every hour of a
    day (also around daylight-saving changes, and for counters in other time zones) keeps its own row."""
    if timezone.is_aware(start):
        start = timezone.make_naive(start)  # in the site's time zone
    return start.replace(tzinfo=datetime.UTC)


def import_footfall(
    gebied,
    records: list[FootfallRecord],
    points: list[PointRecord],
    *,
    by=None,
    file_name,
    sha256,
    format,
) -> ImportResult:
    """Write footfall counts of one file: counting points by name, one row per point, resolution and start."""
    problems = Problems(file_name)
    if not records:
        problems.add(_("the file contains no footfall counts"))
    seen: dict[tuple, tuple[str, int]] = {}
    resolutions = set(Resolution.values)  # a list built anew on every access: once, not per record
    span = footfall_rules.accepted_span()
    named = set()  # counting points whose name was measured (once each, not per count)
    for point in points:
        named.add(point.name.strip())
        check_length(problems, CountingPoint, "name", point.name.strip(), where=point.where)
        check_length(problems, CountingPoint, "external_id", point.external_id, where=point.where)
    for r in records:
        if r.resolution not in resolutions:
            problems.add(_("“%(value)s” is not hour or day") % {"value": r.resolution}, where=r.where)
        if r.value is None or r.value < 0:
            problems.add(_("the number of passers-by cannot be negative"), where=r.where)
        elif r.value > footfall_rules.MAX_VALUE:
            problems.add(footfall_rules.value_problem(r.value), where=r.where)
        wrong_time = span.problem(r.start) or (
            r.resolution == Resolution.HOUR and footfall_rules.skipped_problem(r.start)
        )
        if wrong_time:
            problems.add(wrong_time, where=r.where)
        if not r.point.strip():
            problems.add(_("the counting point is missing"), where=r.where)
        elif r.point.strip() not in named:
            named.add(r.point.strip())
            check_length(problems, CountingPoint, "name", r.point.strip(), where=r.where)
        key = (r.point.strip(), r.resolution, r.start)
        if key in seen and seen[key][1] != r.value:
            problems.add(
                _("%(point)s at %(start)s is also counted at %(other)s, with another number")
                % {"point": r.point, "start": r.start.strftime("%d-%m-%Y %H:%M"), "other": seen[key][0]},
                where=r.where,
            )
        seen.setdefault(key, (r.where, r.value))
    if problems:
        raise ImportRejected(problems.as_list())

    result = ImportResult(rows=len(records))
    result.already_imported = ImportRun.objects.filter(gebied=gebied, kind=ImportKind.FOOTFALL, sha256=sha256).exists()
    described = {p.name.strip(): p for p in points}
    with transaction.atomic():
        known = {p.name: p for p in CountingPoint.objects.filter(gebied=gebied)}
        names = {r.point.strip() for r in records} | set(described)
        new_points = []
        for name in sorted(names - set(known)):
            info = described.get(name)
            point = CountingPoint(
                gebied=gebied,
                name=name,  # lengths checked above
                external_id=info.external_id if info else "",
                lat=info.lat if info else None,
                lon=info.lon if info else None,
            )
            new_points.append(point)
        CountingPoint.objects.bulk_create(new_points)
        for point in new_points:
            known[point.name] = point
        for name, info in described.items():
            point = known[name]
            if point.lat is None and info.lat is not None:
                point.lat, point.lon = info.lat, info.lon
                point.save(update_fields=["lat", "lon"])
        point_ids = {name: known[name].pk for name in names}
        existing = {}
        second_times = {}  # rows of the second time the clocks showed the repeated autumn hour, few
        ids = list(set(point_ids.values()))
        for start in range(0, len(ids), 500):
            for key_point, res, when, fold, value in (
                FootfallCount.objects.filter(point_id__in=ids[start : start + 500])
                .values_list("point_id", "resolution", "start", "fold", "value")
                .iterator(chunk_size=20_000)
            ):
                (second_times if fold else existing)[(key_point, res, when.replace(tzinfo=datetime.UTC))] = value
        write = []
        done = set()
        for r in records:
            when = _stored_start(r.start)
            key = (point_ids[r.point.strip()], r.resolution, when)
            if key in done:
                result.unchanged += 1
                continue
            done.add(key)
            before = existing.get(key)
            if before is None and key not in second_times:
                result.created += 1
            elif before != r.value or key in second_times:
                result.updated += 1
            else:
                result.unchanged += 1
                continue
            write.append((*key, r.value))
        # A line of a file is the whole local hour: it replaces the two times of a repeated hour a counter sent.
        _upsert_footfall(write, whole_hours=[key for key in (k[:3] for k in write) if key in second_times])
        ImportRun.objects.create(
            gebied=gebied,
            kind=ImportKind.FOOTFALL,
            file_name=file_name[:300],
            sha256=sha256,
            format=format[:20],
            rows=result.rows,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            created_by=_user(by),
        )
        record(
            by,
            "monitor.import_footfall",
            gebied,
            gemeente=gebied.kern.gemeente,
            changes={
                "file": file_name,
                "sha256": sha256,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "points_created": [p.name for p in new_points],
            },
        )
    if result.already_imported:
        result.messages.append(_("This file was imported before for this area."))
    for day in sorted({r.start for r in records if r.clock_back}):
        result.messages.append(
            _(
                "%(hour)s happened twice because the clocks went back; the counts of both lines are added up in "
                "that hour"
            )
            % {"hour": day.strftime("%d-%m-%Y %H:%M")}
        )
    return result


def _upsert_footfall(
    rows: list[tuple[int, str, datetime.datetime, int]],
    *,
    second_times: list[tuple[int, str, datetime.datetime, int]] = (),
    whole_hours: list[tuple[int, str, datetime.datetime]] = (),
) -> None:
    """Insert or update (point_id, resolution, start, value) rows: plain tuples through the cursor, because building
    a model instance per count costs more than the database's own work for a year of hourly counts.

    ``rows`` are whole hours (or days), or the first time the clocks showed a repeated autumn hour;
    ``second_times`` the second time (``fold`` 1). ``whole_hours`` (point_id, resolution, start) lose their
    second time: the value in ``rows`` is the whole hour now."""
    if not rows and not second_times and not whole_hours:
        return
    ops, quote = connection.ops, connection.ops.quote_name
    table = quote(FootfallCount._meta.db_table)
    point, resolution, start, time, value = (
        quote(name) for name in ("point_id", "resolution", "start", "fold", "value")
    )
    sql = (
        f"INSERT INTO {table} ({point}, {resolution}, {start}, {time}, {value}) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT ({point}, {resolution}, {start}, {time}) DO UPDATE SET {value} = excluded.{value}"
    )
    with connection.cursor() as cursor:
        for which, group in ((0, rows), (1, second_times)):
            for first in range(0, len(group), 5000):
                batch = group[first : first + 5000]
                cursor.executemany(
                    sql, [(p, res, ops.adapt_datetimefield_value(when), which, v) for p, res, when, v in batch]
                )
    for p, res, when in whole_hours:
        FootfallCount.objects.filter(point_id=p, resolution=res, start=when, fold=1).delete()
    points = {row[0] for group in (rows, second_times, whole_hours) for row in group}
    transaction.on_commit(lambda: footfall.touch(points))


class CounterKeyInvalid(PermissionError):
    """The counter key is unknown or revoked."""


class FootfallPostRejected(ValueError):
    """The posted counts are not usable; ``problems`` lists why (item number and field)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def create_counter_token(gemeente, name: str, by=None) -> tuple[CounterToken, str]:
    """A new key for an automatic counter of the municipality. The key is returned once and stored only hashed."""
    key = CounterToken.new_key()
    with transaction.atomic():
        token = CounterToken.objects.create(
            gemeente=gemeente,
            name=name.strip()[:100],
            prefix=key[3:11],
            key_hash=CounterToken.hash_key(key),
            created_by=_user(by),
        )
        record(by, "monitor.counter_token_created", token, gemeente=gemeente, changes={"name": token.name})
    return token, key


def revoke_counter_token(token: CounterToken, by=None) -> CounterToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(by, "monitor.counter_token_revoked", token, gemeente=token.gemeente)
    return token


def _parse_start(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class _PostedCount:
    """One item of a post, checked: where it goes (point, resolution, local wall-clock start) and, in the hour the
    autumn change repeats, which time the clocks showed it (0 first, 1 second; None: the sender did not say)."""

    number: int
    point: CountingPoint | None
    resolution: str
    start: datetime.datetime | None
    time: int | None
    value: int | None


def _posted_start(number: int, raw, resolution: str, span: footfall_rules.Span) -> tuple:
    """(local wall-clock start, which time, problem) of an item's ``start``: an aware time is converted to the site's
    time zone, a naive one is local already (and must exist: not in the hour the spring change skips)."""
    zone = settings.TIME_ZONE
    start = _parse_start(raw)
    if start is None:
        return None, None, _("item %(n)s, start: not a date and time such as 2025-03-01T14:00:00") % {"n": number}
    given = raw if isinstance(raw, str) else start.isoformat()
    aware = start.tzinfo is not None and start.utcoffset() is not None
    if not span.contains_year(start.year):
        # Far outside the span: say so without converting (converting 9999-12-31T23:00-05:00 overflows).
        problem = span.problem(start.replace(tzinfo=None), given)
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": problem}
    skipped = None if aware else footfall_rules.skipped_problem(start)
    if skipped:
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": skipped}
    local, time = clock.wall_clock(start, zone)
    problem = span.problem(local, given)
    if problem:
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": problem}
    if local.minute or local.second or local.microsecond or (resolution == Resolution.DAY and local.hour):
        if not aware:
            return None, None, _("item %(n)s, start: give the start of the hour or day") % {"n": number}
        values = {"n": number, "start": given, "local": footfall_rules.shown(local), "zone": zone}
        if resolution == Resolution.DAY:
            why = _("item %(n)s, start: %(start)s is %(local)s in %(zone)s; a day count starts at 0:00 there")
        else:
            why = _("item %(n)s, start: %(start)s is %(local)s in %(zone)s, not the start of an hour there")
        return None, None, why % values
    return local, time, None


def _check_posted(item, number: int, by_name: dict, by_external: dict, gemeente, span) -> tuple[_PostedCount, list]:
    """An item of a post as a _PostedCount, with every problem (item number, field, why)."""
    problems = []
    if not isinstance(item, dict):
        return _PostedCount(number, None, "", None, None, None), [_("item %(n)s: not an object") % {"n": number}]
    name = str(item.get("point") or "").strip()
    point = by_name.get(name) or by_external.get(name)
    if point is None:
        problems.append(
            _("item %(n)s, point: “%(point)s” is not a counting point of %(gemeente)s")
            % {"n": number, "point": name, "gemeente": gemeente.name_nl}
        )
    resolution = item.get("resolution") or Resolution.HOUR
    if resolution not in Resolution.values:
        problems.append(_("item %(n)s, resolution: use hour or day") % {"n": number})
    start, time, problem = _posted_start(number, item.get("start"), resolution, span)
    if problem:
        problems.append(problem)
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > footfall_rules.MAX_VALUE:
        problems.append(
            _("item %(n)s, value: a whole number of passers-by from 0 to %(max)s")
            % {"n": number, "max": footfall_rules.MAX_VALUE}
        )
    return _PostedCount(number, point, resolution, start, time, value), problems


def _pair_repeated_hours(items: list[_PostedCount]) -> tuple[list[tuple[int, str]], list[str]]:
    """The file rule for a post: each point and hour (or day) once, except the hour the autumn change repeats,
    which may come twice (the two times the clocks showed it) and then adds up. Sets ``time`` of such a pair;
    returns ([(item number, problem)], notices)."""
    zone = settings.TIME_ZONE
    problems, notices = [], []
    groups: dict[tuple, list[_PostedCount]] = defaultdict(list)
    for item in items:
        groups[(item.point.pk, item.resolution, item.start)].append(item)
    for (_point, resolution, start), group in groups.items():
        if len(group) == 1:
            continue
        first, second, *more = group
        values = {"point": first.point.name, "start": footfall_rules.shown(start), "first": first.number}
        repeated = resolution == Resolution.HOUR and clock.is_repeated(start, zone)
        if not repeated or (first.time is not None and first.time == second.time):
            more = [second, *more]
        else:
            # A time without offset is the one the other item leaves (both without: in the order sent).
            if first.time is None:
                first.time = 0 if second.time in (None, 1) else 1
            if second.time is None:
                second.time = 1 - first.time
            values["second"] = second.number
            notices.append(
                _(
                    "%(point)s, %(start)s: this hour happened twice because the clocks went back; the counts of "
                    "items %(first)s and %(second)s are added up in that hour"
                )
                % values
            )
        for item in more:
            if "second" in values:
                problem = _(
                    "item %(n)s, start: %(point)s already has the two counts of %(start)s, the hour that happened "
                    "twice (items %(first)s and %(second)s)"
                )
            else:
                problem = _("item %(n)s, start: %(point)s already has a count for %(start)s in item %(first)s")
            problems.append((item.number, problem % {**values, "n": item.number}))
    return problems, notices


def post_footfall(token_key: str, payload: list[dict]) -> dict:
    """Counts posted by an automatic counter, idempotent per point and hour (or day).

    ``payload``: ``[{"point": name or own id, "start": ISO datetime, "value": int, "resolution": "hour"}]``. A
    start without offset is local time; one with an offset (or Z) is converted to local time. The rule of the
    footfall files applies: each point and hour once, except the hour the autumn clock change repeats, whose two
    counts add up (with a notice); a local time the spring change skips is refused, and so is a start outside
    :mod:`~kernkompas.monitor.footfall_rules`' span. Each of the two times of a repeated hour sent with its
    offset is kept apart (so the two may come in separate posts, and sending one again replaces only that one);
    a repeated hour sent once without offset is the whole hour.

    Raises :class:`CounterKeyInvalid` for an unknown or revoked key and :class:`FootfallPostRejected` (nothing
    written) for unusable items. Returns ``{"created", "updated", "unchanged", "items": [{"point", "start",
    "status"}], "notices"}``, one item per count sent, where status is created, updated (another value replaced
    the stored one) or unchanged.
    """
    token = (
        CounterToken.objects.select_related("gemeente")
        .filter(key_hash=CounterToken.hash_key(token_key or ""), revoked_at=None)
        .first()
    )
    if token is None:
        raise CounterKeyInvalid(_("This counter key is unknown or has been revoked."))
    if not isinstance(payload, list) or not payload:
        raise FootfallPostRejected([_("Send a list of counts.")])
    points = CountingPoint.objects.filter(gebied__kern__gemeente=token.gemeente)
    by_name = {p.name: p for p in points}
    by_external = {p.external_id: p for p in points if p.external_id}
    span = footfall_rules.accepted_span()
    problems, items = [], []
    for number, item in enumerate(payload, start=1):
        checked, found = _check_posted(item, number, by_name, by_external, token.gemeente, span)
        problems += [(number, problem) for problem in found]
        if not found:
            items.append(checked)
    repeats, notices = _pair_repeated_hours(items)
    problems += repeats
    if problems:
        # In the order of the items, so each item's problems stand together.
        raise FootfallPostRejected([problem for _number, problem in sorted(problems, key=lambda p: p[0])])
    with transaction.atomic():
        result = _write_posted(items)
        CounterToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        if result["created"] or result["updated"]:
            record(
                None,
                "monitor.footfall_posted",
                token,
                gemeente=token.gemeente,
                changes={"created": result["created"], "updated": result["updated"]},
            )
    return {**result, "notices": notices}


def _write_posted(items: list[_PostedCount]) -> dict:
    """Write checked counts; the status of each (created, updated, unchanged) against what was stored."""
    keyed = [(item, (item.point.pk, item.resolution, _stored_start(item.start))) for item in items]
    # What is stored for these points and hours: one query over the posted span (not one per item).
    starts = [key[2] for _item, key in keyed]
    stored = FootfallCount.objects.filter(
        point_id__in={key[0] for _item, key in keyed},
        resolution__in={key[1] for _item, key in keyed},
        start__gte=min(starts),
        start__lte=max(starts),
    ).values_list("point_id", "resolution", "start", "fold", "value")
    existing = {(p, r, s.replace(tzinfo=datetime.UTC), f): v for p, r, s, f, v in stored}
    result = {"created": 0, "updated": 0, "unchanged": 0, "items": []}
    firsts, seconds, whole_hours = [], [], []
    for item, key in keyed:
        time = item.time or 0
        before = existing.get((*key, time))
        # Sent once without offset, a repeated hour is the whole hour: a second time stored apart goes.
        replaces_second = item.time is None and (*key, 1) in existing
        if before is None and not replaces_second:
            status = "created"
        elif before == item.value and not replaces_second:
            status = "unchanged"
        else:
            status = "updated"
        result[status] += 1
        result["items"].append({"point": item.point.name, "start": item.start.isoformat(), "status": status})
        if status != "unchanged":
            (seconds if time else firsts).append((*key, item.value))
        if replaces_second:
            whole_hours.append(key)
    _upsert_footfall(firsts, second_times=seconds, whole_hours=whole_hours)
    return result
