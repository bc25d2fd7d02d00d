"""The Kernmonitor's demo data: a register for every demo area, three yearly counts, footfall and a threshold.

Everything is invented and generated from a fixed seed, so every run produces the same files. They are written
through the engine's own actions (``actions.units.import_units`` / ``footfall.import_footfall`` /
``thresholds.save_threshold``), so the indicators, vacancy durations and threshold crossings are computed the real
way. A second run changes nothing: a count whose file (by its fingerprint) was imported before is left alone.

The story the numbers tell: Maasdijk's Marktplein loses shops (vacancy rises, a threshold is crossed), Bremhout's
core shopping area recovers after 2022, the smaller streets drift. Bremhout's core has two counting points with
hourly footfall for 56 weeks (so the last four have their counterparts a year earlier), with a week's gap when a
sensor was broken.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from kernkompas.accounts.models import Membership
from kernkompas.lib import clock
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.actions.thresholds import save_threshold
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import FootfallRecord, OwnerRecord, PointRecord, UnitRecord
from kernkompas.monitor.models import Branch, FunctionGroup, ImportKind, ImportRun, Threshold
from kernkompas.places.models import Gebied

SEED = 20241001
COUNT_DATES = (datetime.date(2022, 10, 1), datetime.date(2023, 10, 1), datetime.date(2024, 10, 1))
FOOTFALL_FROM = datetime.date(2023, 9, 4)
FOOTFALL_DAYS = 392  # 56 weeks up to 29-09-2024: the last four weeks have their counterparts a year earlier
FOOTFALL_GAP = (datetime.date(2024, 3, 11), datetime.date(2024, 3, 17))  # sensor broken: no data, not zeros


@dataclass(frozen=True)
class AreaPlan:
    gemeente: str
    kern: str
    gebied: str
    units: int
    streets: tuple[str, ...]
    close: float  # chance per count that an occupied unit closes
    fill: float  # chance per count that a vacant unit is taken
    vacancy: float  # share vacant at the first count


PLANS = (
    AreaPlan(
        "maasdijk", "centrum", "marktplein", 180, ("Markt", "Kerkstraat", "Hoogstraat", "Brugstraat"), 0.09, 0.12, 0.08
    ),
    AreaPlan("maasdijk", "centrum", "statiestraat", 60, ("Statiestraat",), 0.10, 0.15, 0.12),
    AreaPlan("veldrode", "dorp", "dorpsplein", 90, ("Dorpsplein", "Molenweg", "Schoolstraat"), 0.06, 0.2, 0.07),
    AreaPlan("veldrode", "dorp", "kapelstraat", 45, ("Kapelstraat",), 0.08, 0.15, 0.1),
    AreaPlan(
        "bremhout",
        "centrum",
        "kernwinkelgebied",
        240,
        ("Grote Markt", "Nieuwstraat", "Vismarkt", "Zuivelmarkt", "Lange Straat"),
        0.05,
        0.35,
        0.13,
    ),
    AreaPlan("bremhout", "centrum", "nieuwstraat", 80, ("Nieuwstraat",), 0.05, 0.3, 0.06),
    AreaPlan("bremhout", "centrum", "stationsomgeving", 50, ("Stationsplein", "Spoorweglaan"), 0.1, 0.1, 0.18),
    AreaPlan("lindeloo", "centrum", "kerkplein", 120, ("Kerkplein", "Lindedreef", "Bakkerstraat"), 0.07, 0.2, 0.09),
    AreaPlan("lindeloo", "centrum", "molenstraat", 50, ("Molenstraat",), 0.08, 0.15, 0.1),
)

# Share of each function group among occupied units in a shopping area.
GROUP_WEIGHTS = {
    "dagelijks": 14,
    "mode-luxe": 20,
    "vrije-tijd": 8,
    "in-om-huis": 7,
    "detailhandel-overig": 4,
    "leisure": 19,
    "diensten": 16,
    "wonen": 8,
    "werken": 4,
}
FLOOR_AREAS = {"dagelijks": (60, 1200), "mode-luxe": (60, 400), "in-om-huis": (120, 900), "leisure": (50, 250)}
CHAINS = ["Nova", "Stip", "Mokka", "Vero", "Linde", "Kompas", "Orka", "Zenit"]
WORDS = {
    "dagelijks": ["Bakkerij", "Slagerij", "Groentehandel", "Buurtsuper", "Drogisterij", "Apotheek"],
    "mode-luxe": ["Mode", "Schoenen", "Juwelier", "Optiek", "Boetiek"],
    "vrije-tijd": ["Boekhandel", "Sport", "Speelgoed", "Fietsen"],
    "in-om-huis": ["Woonwinkel", "Interieur", "Doe-het-zelf", "Keukens"],
    "detailhandel-overig": ["Kringloop", "Telecom", "Cadeaus"],
    "leisure": ["Café", "Brasserie", "Frituur", "IJssalon", "Eethuis", "Koffiebar"],
    "diensten": ["Kapsalon", "Bank", "Reisbureau", "Makelaar", "Verzekeringen", "Schoonheidssalon"],
    "wonen": [""],
    "werken": ["Kantoor", "Atelier"],
}
NAMES = [
    "Anna",
    "Peeters",
    "De Smet",
    "Janssens",
    "Maes",
    "Jacobs",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "Mertens",
]


@dataclass
class MonitorLoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)


@dataclass
class _Unit:
    number: int
    street: str
    house_number: str
    lat: float
    lon: float
    group: str = ""
    branch: str = ""
    occupant: str = ""
    is_chain: bool | None = None
    floor_area: int | None = None
    occupied_since: datetime.date | None = None
    owner: OwnerRecord | None = None
    alive: bool = True


def load_demo_monitor(by=None) -> MonitorLoadSummary:
    """Load (or leave alone) the demo registers; returns what was created, in the demo summary's shape."""
    summary = MonitorLoadSummary()
    taxonomy = _taxonomy()
    for plan in PLANS:
        gebied = (
            Gebied.objects.select_related("kern__gemeente")
            .filter(kern__gemeente__slug=plan.gemeente, kern__slug=plan.kern, slug=plan.gebied)
            .first()
        )
        if gebied is None:
            continue
        for day, records in zip(COUNT_DATES, _counts(plan, gebied, taxonomy), strict=True):
            fingerprint = _fingerprint(records)
            if ImportRun.objects.filter(gebied=gebied, kind=ImportKind.UNITS, sha256=fingerprint).exists():
                continue
            result = import_units(
                gebied,
                records,
                count_date=day,
                by=by,
                file_name=f"demo-telling-{gebied.slug}-{day.isoformat()}.csv",
                sha256=fingerprint,
                format="demo",
            )
            summary.created["monitor.UnitState"] += result.rows
        if plan.gebied == "marktplein":
            _threshold(gebied, by, summary)
        if plan.gebied == "kernwinkelgebied":
            _footfall(gebied, by, summary)
    return summary


def _taxonomy() -> dict[str, list[str]]:
    branches: dict[str, list[str]] = {}
    for group in FunctionGroup.objects.filter(gemeente=None):
        branches[group.code] = []
    for code, group in Branch.objects.filter(gemeente=None).values_list("code", "group__code").order_by("code"):
        branches.setdefault(group, []).append(code)
    return branches


def _fingerprint(records) -> str:
    return hashlib.sha256(repr(records).encode()).hexdigest()


# --- Units and counts ------------------------------------------------------------------------------------------


def _positions(plan: AreaPlan, gebied: Gebied, rng: random.Random) -> list[_Unit]:
    """Units along the area's streets: straight lines through the area, houses on both sides every ~8 m."""
    west, south, east, north = gebied.bbox or (5.3, 51.1, 5.31, 51.11)
    cx, cy = (west + east) / 2, (south + north) / 2
    half_w, half_h = (east - west) / 2 * 0.8, (north - south) / 2 * 0.8
    per_street = math.ceil(plan.units / len(plan.streets))
    units: list[_Unit] = []
    for s, street in enumerate(plan.streets):
        angle = math.pi * s / len(plan.streets) + (0.35 if len(plan.streets) == 1 else 0.2)
        if len(plan.streets) == 1:  # a shopping street: along the long side of its outline
            angle = math.atan2(north - south, east - west)
            dx, dy = (east - west) / 2 * 0.9, (north - south) / 2 * 0.9
        else:
            dx, dy = math.cos(angle) * half_w, math.sin(angle) * half_h
        for i in range(per_street):
            if len(units) >= plan.units:
                break
            t = -1 + 2 * (i // 2 + 0.5) / math.ceil(per_street / 2)
            side = 1 if i % 2 == 0 else -1
            offset = 0.00009 * side
            lon = cx + dx * t - math.sin(angle) * offset * 1.6
            lat = cy + dy * t + math.cos(angle) * offset
            number = i + 1
            units.append(_Unit(len(units) + 1, street, str(number), round(lat, 6), round(lon, 6)))
    return units


def _occupy(unit: _Unit, group: str, taxonomy, rng: random.Random, since: datetime.date) -> None:
    unit.group = group
    choices = taxonomy.get(group) or [""]
    unit.branch = rng.choice(choices)
    chain = group not in ("wonen", "werken") and rng.random() < (0.35 if group in ("mode-luxe", "dagelijks") else 0.15)
    unit.is_chain = None if group in ("wonen",) else (chain if rng.random() > 0.05 else None)
    word = rng.choice(WORDS.get(group, [""]))
    unit.occupant = (
        "" if group == "wonen" else (f"{word} {rng.choice(CHAINS)}" if chain else f"{word} {rng.choice(NAMES)}")
    )
    low, high = FLOOR_AREAS.get(group, (40, 220))
    unit.floor_area = None if group in ("wonen", "werken") or rng.random() < 0.06 else rng.randint(low, high)
    unit.occupied_since = since
    unit.owner = None


def _vacate(unit: _Unit, rng: random.Random) -> None:
    unit.group, unit.branch, unit.occupant, unit.is_chain, unit.occupied_since = "leegstand", "", "", None, None
    if unit.floor_area is None and rng.random() < 0.9:  # the premises keep their size when they stand empty
        unit.floor_area = rng.randint(50, 350)
    if rng.random() < 0.6:
        name = rng.choice(NAMES)
        unit.owner = OwnerRecord(
            name=f"{rng.choice(['J.', 'M.', 'K.', 'L.'])} {name}",
            organisation=rng.choice(["", "", f"Vastgoed {name} bv"]),
            email=f"eigenaar.{name.lower().replace(' ', '')}@example.org",
        )


def _pick_group(rng: random.Random) -> str:
    groups, weights = zip(*GROUP_WEIGHTS.items(), strict=True)
    return rng.choices(groups, weights)[0]


def _counts(plan: AreaPlan, gebied: Gebied, taxonomy) -> list[list[UnitRecord]]:
    rng = random.Random(f"{SEED}-{plan.gemeente}-{plan.gebied}")
    units = _positions(plan, gebied, rng)
    # Reserve a few positions for units that appear later (a large shop split in two).
    late = units[-2:] if len(units) > 40 else []
    for unit in units:
        unit.alive = unit not in late
        if rng.random() < plan.vacancy:
            _vacate(unit, rng)
        else:
            _occupy(
                unit, _pick_group(rng), taxonomy, rng, datetime.date(rng.randint(1985, 2022), rng.randint(1, 12), 1)
            )
    counts = [_records(units)]
    for step, day in enumerate(COUNT_DATES[1:], start=1):
        for unit in units:
            if not unit.alive:
                if step == 2 and unit in late:
                    unit.alive = True
                    _occupy(unit, "diensten", taxonomy, rng, day)
                continue
            if unit.group in ("wonen", "werken"):
                continue
            roll = rng.random()
            if unit.group == "leegstand":
                if roll < plan.fill:
                    _occupy(unit, _pick_group(rng), taxonomy, rng, day)
            elif roll < plan.close:
                _vacate(unit, rng)
            elif roll < plan.close + 0.04:  # a change of function: the shop becomes a café, say
                _occupy(unit, _pick_group(rng), taxonomy, rng, day)
            elif roll < plan.close + 0.09:  # a new occupant in the same function
                _occupy(unit, unit.group, taxonomy, rng, day)
        if step == 2 and len(units) > 60:
            units[10].alive = False  # merged into its neighbour
        counts.append(_records(units))
    return counts


def _records(units: list[_Unit]) -> list[UnitRecord]:
    return [
        UnitRecord(
            where=f"regel {i + 2}",
            external_id=f"DEMO-{u.street[:3].upper()}-{u.house_number}-{u.number}",
            street=u.street,
            house_number=u.house_number,
            postcode="9999",
            lat=u.lat,
            lon=u.lon,
            group=u.group,
            branch=u.branch,
            floor_area=u.floor_area,
            occupant=u.occupant,
            is_chain=u.is_chain,
            occupied_since=u.occupied_since,
            owner=u.owner,
        )
        for i, u in enumerate(x for x in units if x.alive)
    ]


# --- Threshold and footfall ------------------------------------------------------------------------------------


def _threshold(gebied: Gebied, by, summary: MonitorLoadSummary) -> None:
    if Threshold.objects.filter(gebied=gebied, indicator="vacancy_rate").exists():
        return
    team = [m.user for m in Membership.objects.filter(gemeente=gebied.kern.gemeente).select_related("user")]
    with transaction.atomic():
        save_threshold(gebied, indicator="vacancy_rate", direction="above", value=0.12, recipients=team, by=by)
    summary.created["monitor.Threshold"] += 1


def _footfall(gebied: Gebied, by, summary: MonitorLoadSummary) -> None:
    rng = random.Random(f"{SEED}-footfall")
    west, south, east, north = gebied.bbox or (0, 0, 0, 0)
    points = [
        PointRecord(name="Grote Markt", lat=(south + north) / 2, lon=(west + east) / 2),
        PointRecord(
            name="Nieuwstraat-west", lat=(south + north) / 2 + (north - south) / 5, lon=east - (east - west) / 5
        ),
    ]
    # Relative footfall per hour (opening hours 9–18 with a lunch peak) and per weekday (Saturday busiest).
    levels = (1, 0.5, 0.3, 0.3, 0.4, 1, 2, 5, 20, 45, 70, 95, 100, 90, 85, 80, 60, 25, 12, 8, 6, 4, 3, 2)
    hours = dict(enumerate(levels))
    weekdays = (0.75, 0.8, 0.95, 0.85, 1.05, 1.6, 0.35)
    records = []
    for p, (point, scale) in enumerate(zip(points, (32, 19), strict=True)):
        for d in range(FOOTFALL_DAYS):
            day = FOOTFALL_FROM + datetime.timedelta(days=d)
            if p == 1 and FOOTFALL_GAP[0] <= day <= FOOTFALL_GAP[1]:
                continue
            season = 1.0 + 0.25 * math.cos((day.timetuple().tm_yday - 350) / 365 * 2 * math.pi)
            for hour, level in hours.items():
                value = 1 + level * scale * weekdays[day.weekday()] * season * rng.uniform(0.85, 1.15)
                start = datetime.datetime.combine(day, datetime.time(hour))
                if not clock.exists(start, settings.TIME_ZONE):
                    continue  # 2:00 on the spring clock change: that hour was skipped
                records.append(
                    FootfallRecord(
                        where=f"regel {len(records) + 2}",
                        point=point.name,
                        start=start,
                        resolution="hour",
                        value=int(value),
                    )
                )
    fingerprint = _fingerprint((SEED, len(records), records[0], records[-1]))
    if ImportRun.objects.filter(gebied=gebied, kind=ImportKind.FOOTFALL, sha256=fingerprint).exists():
        return
    import_footfall(gebied, records, points, by=by, file_name="demo-passanten.csv", sha256=fingerprint, format="demo")
    summary.created["monitor.FootfallCount"] += len(records)
