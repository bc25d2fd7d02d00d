"""The demo region as data: ``region.yaml`` (municipalities, cores, areas) and ``people.yaml`` (users), read by
:func:`read_demo_region` into the ``Demo…`` objects below. How to write the files is in ``README.md`` beside them.

Everything there is fictional. The names were checked against the Belgian REFNIS list (2019), the Flemish
municipalities and cores of 2025 and the Dutch municipalities of 2023, so that none is a real municipality
("Maasdijk" is also a village in the Dutch municipality of Westland, but not a municipality). The codes
("DEMO1" …) cannot collide with Belgian NIS codes (five digits) or Dutch CBS codes (``GMxxxx``).

The region lies in the North Sea west of Zeeland, where no real municipality is, so that a map with
background tiles shows at a glance that it is not a real place and that it never overlaps real boundaries.
Coordinates are WGS84 (longitude, latitude); rings run counter-clockwise as RFC 7946 asks. The files give a
shape by the parameters of the helper that draws it (``_polygon``, ``_blob``, ``_street``): drawing is code.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kernkompas.accounts.models import SCOPED_ROLES, Interest, MemberType, Role
from kernkompas.places.models import GebiedKind, KernKind

DEMO_FOLDER = Path(__file__).resolve().parent
# Not content but the one credential of the demo: the README, the command's output and the tests name it.
DEMO_PASSWORD = "kernkompas-demo"


# --- Shapes ---------------------------------------------------------------------------------------------------
def _polygon(*points: tuple[float, float]) -> dict:
    """A closed, counter-clockwise GeoJSON polygon from points given clockwise (as drawn on paper)."""
    ring = [list(p) for p in reversed(points)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _blob(lon: float, lat: float, width_km: float, height_km: float) -> dict:
    """An irregular octagon around a point: a core or area outline sketched by hand, reproducibly."""
    wobble = (1.0, 0.85, 1.1, 0.9, 1.05, 0.8, 1.0, 0.95)
    points = []
    for i, factor in enumerate(wobble):
        angle = math.radians(i * 45)
        dx = math.cos(angle) * width_km / 2 * factor / (111.32 * math.cos(math.radians(lat)))
        dy = math.sin(angle) * height_km / 2 * factor / 111.32
        points.append([round(lon + dx, 6), round(lat + dy, 6)])
    return {"type": "Polygon", "coordinates": [[*points, points[0]]]}


def _street(start: tuple[float, float], end: tuple[float, float], width_m: float = 30) -> dict:
    """A shopping street as a narrow polygon along its axis, so it can be counted like any other area."""
    (x1, y1), (x2, y2) = start, end
    scale_x = 111_320 * math.cos(math.radians((y1 + y2) / 2))
    length = math.hypot((x2 - x1) * scale_x, (y2 - y1) * 111_320)
    nx = -(y2 - y1) * 111_320 / length * (width_m / 2) / scale_x
    ny = (x2 - x1) * scale_x / length * (width_m / 2) / 111_320
    ring = [
        [round(x1 + nx, 6), round(y1 + ny, 6)],
        [round(x1 - nx, 6), round(y1 - ny, 6)],
        [round(x2 - nx, 6), round(y2 - ny, 6)],
        [round(x2 + nx, 6), round(y2 + ny, 6)],
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


# --- Data -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoGebied:
    slug: str
    name: str
    kind: str
    is_public: bool
    description: str
    geometry: dict


@dataclass(frozen=True)
class DemoKern:
    code: str
    slug: str
    name: str
    kind: str
    population: int
    description: str
    geometry: dict
    gebieden: tuple[DemoGebied, ...] = ()


@dataclass(frozen=True)
class DemoGemeente:
    code: str
    slug: str
    name: str
    geometry: dict
    population: dict[int, int]  # 1 January of each year, up to the region's population_year
    kernen: tuple[DemoKern, ...]

    @property
    def current_population(self) -> int:
        return self.population[max(self.population)]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: a registered member (lid) without a role
    gemeente_code: str | None
    description: str  # what the person does, printed beside the log-in
    member_type: str = ""
    organisation_name: str = ""
    interests: tuple[str, ...] = ()
    home_gemeente_code: str | None = None
    is_superuser: bool = False


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    name: str
    description: str
    source: str  # the source every demo figure names
    population_year: int  # the year of the current population
    gemeenten: tuple[DemoGemeente, ...]
    users: tuple[DemoUser, ...]


def email_for(username: str) -> str:
    # .invalid is reserved (RFC 2606): mail to a demo user can never reach a real person.
    return f"{username}@demo.kernkompas.invalid"


# --- Reading ----------------------------------------------------------------------------------------------------
class DemoContentError(ValueError):
    """A demo file that cannot be read; the message names the file, the entry and what is wrong in it."""


@functools.cache
def demo_region() -> DemoRegion:
    """The shipped demo region, read once per process."""
    return read_demo_region(DEMO_FOLDER)


def read_demo_region(folder: Path) -> DemoRegion:
    """The region in ``folder/region.yaml`` with the people in ``folder/people.yaml``.

    Raises :class:`DemoContentError` naming the file and the entry for a file that is not valid YAML, an entry
    that misses a field, has one it should not or a value of the wrong kind, a code or slug used twice, a
    shape that cannot be drawn or a person linked to a municipality the region does not have.
    """
    region_file = folder / "region.yaml"
    top = _fields(region_file, "the file", _yaml(region_file), REGION_FIELDS)
    points = {
        _point_name(region_file, name): _coordinate(region_file, f"point “{name}”", value)
        for name, value in top["points"].items()
    }
    year = top["population_year"]
    gemeenten = tuple(_gemeente(region_file, i, item, points, year) for i, item in enumerate(top["gemeenten"]))
    _unique(region_file, gemeenten, "code", "two municipalities")
    _unique(region_file, gemeenten, "slug", "two municipalities")
    _unique(region_file, [kern for gemeente in gemeenten for kern in gemeente.kernen], "code", "two cores")
    return DemoRegion(
        slug=top["slug"],
        name=top["name"],
        description=top["description"],
        source=top["source"],
        population_year=year,
        gemeenten=gemeenten,
        users=_people(folder / "people.yaml", {gemeente.code for gemeente in gemeenten}),
    )


class _StrictLoader(yaml.SafeLoader):
    """yaml.safe_load, except that a key given twice in one entry is an error instead of the last one winning."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                continue  # SafeLoader itself refuses it, with its own message
            if key in seen:
                mark = key_node.start_mark
                raise yaml.constructor.ConstructorError(None, None, f"“{key}” is given twice in the same entry", mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # a SafeLoader: plain data only
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        raise DemoContentError(f"{path}: not valid YAML{at}: {getattr(error, 'problem', None) or error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DemoContentError(f"{path}: cannot be read: {error}") from error


# What each kind of value must be, with what to tell someone who wrote something else.
_KINDS = {
    "text": (lambda v: isinstance(v, str) and v.strip() != "", "should be text"),
    "number": (lambda v: isinstance(v, int) and not isinstance(v, bool), "should be a whole number"),
    "yes/no": (lambda v: isinstance(v, bool), "should be true or false"),
    "texts": (lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v), "should be a list of texts"),
    "list": (lambda v: isinstance(v, list), "should be a list of entries, each beginning with “- ”"),
    "table": (lambda v: isinstance(v, dict), "should be a table of “name: value” lines"),
    "shape": (lambda v: True, ""),  # checked by _geometry, which says more
}
# Field name: (kind, required). The keys of the YAML files are these names.
REGION_FIELDS = {
    "slug": ("text", True),
    "name": ("text", True),
    "description": ("text", True),
    "source": ("text", True),
    "population_year": ("number", True),
    "points": ("table", True),
    "gemeenten": ("list", True),
}
GEMEENTE_FIELDS = {
    "code": ("text", True),
    "slug": ("text", True),
    "name": ("text", True),
    "geometry": ("shape", True),
    "population": ("table", True),
    "kernen": ("list", True),
}
KERN_FIELDS = {
    "code": ("text", True),
    "slug": ("text", True),
    "name": ("text", True),
    "kind": ("text", True),
    "population": ("number", True),
    "description": ("text", True),
    "geometry": ("shape", True),
    "gebieden": ("list", False),
}
GEBIED_FIELDS = {
    "slug": ("text", True),
    "name": ("text", True),
    "kind": ("text", True),
    "is_public": ("yes/no", True),
    "description": ("text", True),
    "geometry": ("shape", True),
}
USER_FIELDS = {
    "username": ("text", True),
    "first_name": ("text", True),
    "last_name": ("text", True),
    "role": ("text", True),
    "description": ("text", True),
    "gemeente_code": ("text", False),
    "member_type": ("text", False),
    "organisation_name": ("text", False),
    "interests": ("texts", False),
    "home_gemeente_code": ("text", False),
    "is_superuser": ("yes/no", False),
}
MEMBER = "lid"  # the role word in people.yaml for a registered member without a role (DemoUser.role None)


def _fields(path: Path, where: str, data: Any, spec: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    """``data`` checked against ``spec``: every problem in one message that names the file and the entry."""
    if not isinstance(data, dict):
        raise DemoContentError(f"{path}: {where} should be a set of fields ({', '.join(f'{n}: …' for n in spec)})")
    problems = [f"unknown field “{name}”" for name in data if name not in spec]
    problems += [
        f"the field “{name}” is missing" for name, (_, required) in spec.items() if required and name not in data
    ]
    for name, value in data.items():
        if name in spec:
            accepts, expected = _KINDS[spec[name][0]]
            if not accepts(value):
                problems.append(f"“{name}” {expected}")
    if problems:
        raise DemoContentError(f"{path}: {where}: " + "; ".join(problems))
    return data


def _entry(kind: str, data: Any, key: str, index: int, within: str = "") -> str:
    """How an entry is named in a message: by its code or slug (and name), or by its place in the list."""
    label = f"{kind} {index + 1}"
    if isinstance(data, dict) and isinstance(data.get(key), str):
        label = f"{kind} {data[key]}" + (f" ({data['name']})" if isinstance(data.get("name"), str) else "")
    return f"{within}, {label}" if within else label


def _choice(path: Path, where: str, field: str, value: str, allowed: list[str]) -> str:
    if value not in allowed:
        raise DemoContentError(f"{path}: {where}: “{field}” is “{value}”, which is not one of {', '.join(allowed)}")
    return value


def _unique(path: Path, items, key: str, by_whom: str) -> None:
    seen = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise DemoContentError(f"{path}: the {key} “{value}” is used by {by_whom}; each needs its own")
        seen.add(value)


def _gemeente(path: Path, index: int, data: Any, points: dict, year: int) -> DemoGemeente:
    where = _entry("gemeente", data, "code", index)
    data = _fields(path, where, data, GEMEENTE_FIELDS)
    kernen = tuple(_kern(path, where, i, item, points) for i, item in enumerate(data["kernen"]))
    if not kernen:
        raise DemoContentError(f"{path}: {where}: “kernen” lists no core; a municipality has at least one")
    _unique(path, kernen, "slug", f"two cores of {where}")
    return DemoGemeente(
        code=data["code"],
        slug=data["slug"],
        name=data["name"],
        geometry=_geometry(path, where, data["geometry"], points),
        population=_population(path, where, data["population"], year),
        kernen=kernen,
    )


def _kern(path: Path, within: str, index: int, data: Any, points: dict) -> DemoKern:
    where = _entry("kern", data, "code", index, within)
    data = _fields(path, where, data, KERN_FIELDS)
    gebieden = tuple(_gebied(path, where, i, item, points) for i, item in enumerate(data.get("gebieden", [])))
    _unique(path, gebieden, "slug", f"two areas of {where}")
    return DemoKern(
        code=data["code"],
        slug=data["slug"],
        name=data["name"],
        kind=_choice(path, where, "kind", data["kind"], KernKind.values),
        population=data["population"],
        description=data["description"],
        geometry=_geometry(path, where, data["geometry"], points),
        gebieden=gebieden,
    )


def _gebied(path: Path, within: str, index: int, data: Any, points: dict) -> DemoGebied:
    where = _entry("gebied", data, "slug", index, within)
    data = _fields(path, where, data, GEBIED_FIELDS)
    return DemoGebied(
        slug=data["slug"],
        name=data["name"],
        kind=_choice(path, where, "kind", data["kind"], GebiedKind.values),
        is_public=data["is_public"],
        description=data["description"],
        geometry=_geometry(path, where, data["geometry"], points),
    )


def _population(path: Path, where: str, data: dict, year: int) -> dict[int, int]:
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (*data, *data.values()))
    if not numbers or max(data, default=None) != year:
        raise DemoContentError(
            f"{path}: {where}: “population” should give the inhabitants per year as “2020: 14897”, in whole "
            f"numbers, up to the population_year {year}"
        )
    return data


def _people(path: Path, gemeente_codes: set[str]) -> tuple[DemoUser, ...]:
    top = _fields(path, "the file", _yaml(path), {"users": ("list", True)})
    users = tuple(_user(path, i, item, gemeente_codes) for i, item in enumerate(top["users"]))
    _unique(path, users, "username", "two users")
    return users


def _user(path: Path, index: int, data: Any, gemeente_codes: set[str]) -> DemoUser:
    where = _entry("user", data, "username", index)
    data = _fields(path, where, data, USER_FIELDS)
    role = _choice(path, where, "role", data["role"], [*Role.values, MEMBER])
    for field in ("gemeente_code", "home_gemeente_code"):
        if field in data:
            _choice(path, where, field, data[field], sorted(gemeente_codes))
    if (role in SCOPED_ROLES) != ("gemeente_code" in data):
        need = "needs a gemeente_code" if role in SCOPED_ROLES else "applies to the whole platform: no gemeente_code"
        raise DemoContentError(f"{path}: {where}: the role “{role}” {need}")
    if "member_type" in data:
        _choice(path, where, "member_type", data["member_type"], MemberType.values)
    for interest in data.get("interests", []):
        _choice(path, where, "interests", interest, Interest.values)
    return DemoUser(
        username=data["username"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        role=None if role == MEMBER else role,
        gemeente_code=data.get("gemeente_code"),
        description=data["description"],
        member_type=data.get("member_type", ""),
        organisation_name=data.get("organisation_name", ""),
        interests=tuple(data.get("interests", ())),
        home_gemeente_code=data.get("home_gemeente_code"),
        is_superuser=data.get("is_superuser", False),
    )


# --- Shapes as written in region.yaml ----------------------------------------------------------------------------
SHAPES_HELP = (
    "“geometry” should be one of {blob: {lon: …, lat: …, width_km: …, height_km: …}}, "
    "{street: {from: [lon, lat], to: [lon, lat], width_m: …}} (width_m may be left out), "
    "{polygon: [point, point, point, …]} (named points or [lon, lat], clockwise) or {point: [lon, lat]}"
)


def _geometry(path: Path, where: str, value: Any, points: dict[str, tuple[float, float]]) -> dict:
    """The GeoJSON drawn by the helper the file names, from the parameters it gives."""
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in _DRAW:
        raise DemoContentError(f"{path}: {where}: {SHAPES_HELP}")
    [(shape, params)] = value.items()
    try:
        return _DRAW[shape](params, points)
    except ValueError as error:
        raise DemoContentError(f"{path}: {where}: {shape}: {error}") from None


def _draw_blob(params: Any, points: dict) -> dict:
    sizes = _numbers(params, "lon", "lat", "width_km", "height_km")
    if sizes["width_km"] <= 0 or sizes["height_km"] <= 0:
        raise ValueError("“width_km” and “height_km” should be sizes above 0")
    return _blob(**sizes)


def _draw_street(params: Any, points: dict) -> dict:
    if not isinstance(params, dict) or not {"from", "to"} <= set(params) <= {"from", "to", "width_m"}:
        raise ValueError("give “from: [lon, lat]” and “to: [lon, lat]”, and optionally “width_m:” (30 if left out)")
    start, end = _point(params["from"]), _point(params["to"])
    if start == end:
        raise ValueError("“from” and “to” are the same point; a street needs two")
    width = {"width_m": params["width_m"]} if "width_m" in params else {}
    if width and not (_is_number(width["width_m"]) and width["width_m"] > 0):
        raise ValueError("“width_m” should be the street's width in metres, such as 30")
    return _street(start, end, **width)


def _draw_polygon(params: Any, points: dict) -> dict:
    if not isinstance(params, list) or len(params) < 3:
        raise ValueError("give a list of at least three points, clockwise: names from “points:” or [lon, lat]")
    return _polygon(*(_corner(corner, points) for corner in params))


def _draw_point(params: Any, points: dict) -> dict:
    return {"type": "Point", "coordinates": list(_point(params))}


_DRAW = {"blob": _draw_blob, "street": _draw_street, "polygon": _draw_polygon, "point": _draw_point}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers(params: Any, *names: str) -> dict[str, float]:
    """Exactly the parameters ``names``, each a number."""
    if not isinstance(params, dict) or set(params) != set(names):
        raise ValueError(f"give {', '.join(f'“{name}:”' for name in names)} and nothing else")
    wrong = [name for name in names if not _is_number(params[name])]
    if wrong:
        raise ValueError(f"“{wrong[0]}” should be a number")
    return {name: params[name] for name in names}


def _point(value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2 or not all(_is_number(v) for v in value):
        raise ValueError(f"{value!r} is not a point: write it as [longitude, latitude]")
    return value[0], value[1]


def _corner(value: Any, points: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """A polygon corner: the name of a shared point from “points:”, or a point of its own."""
    if isinstance(value, str):
        if value not in points:
            raise ValueError(f"the point “{value}” is not in “points:” (there are {', '.join(points)})")
        return points[value]
    return _point(value)


def _point_name(path: Path, name: Any) -> str:
    if not isinstance(name, str):
        raise DemoContentError(f"{path}: points: the name “{name}” should be text, such as N1 (put it in quotes)")
    return name


def _coordinate(path: Path, where: str, value: Any) -> tuple[float, float]:
    try:
        return _point(value)
    except ValueError as error:
        raise DemoContentError(f"{path}: {where}: {error}") from None
