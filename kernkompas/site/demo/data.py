"""The demo region: four invented municipalities in the style of the Limburg Kempen, with cores, areas and people.

Everything here is fictional. The names were checked against the Belgian REFNIS list (2019), the Flemish
municipalities and cores of 2025 and the Dutch municipalities of 2023, so that none is a real municipality
("Maasdijk" is also a village in the Dutch municipality of Westland, but not a municipality). The codes
("DEMO1" …) cannot collide with Belgian NIS codes (five digits) or Dutch CBS codes (``GMxxxx``).

The region lies in the North Sea west of Zeeland, where no real municipality is, so that a map with
background tiles shows at a glance that it is not a real place and that it never overlaps real boundaries.
Coordinates are WGS84 (longitude, latitude); rings run counter-clockwise as RFC 7946 asks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEMO_PASSWORD = "kernkompas-demo"
DEMO_SOURCE = "Demogegevens (fictief)"
POPULATION_YEAR = 2024


# --- Boundaries ---------------------------------------------------------------------------------------------
# Shared border points, so that neighbouring municipalities touch without gaps or overlaps.
_J = (2.955, 51.862)  # where the four municipalities meet
_N, _E, _S, _W = (2.945, 51.93), (3.07, 51.855), (2.97, 51.775), (2.785, 51.855)
_N1, _E1, _S1, _W1 = (2.95, 51.895), (3.01, 51.86), (2.965, 51.82), (2.87, 51.86)


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
    population: dict[int, int]  # 1 January of each year
    kernen: tuple[DemoKern, ...]

    @property
    def current_population(self) -> int:
        return self.population[POPULATION_YEAR]


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


MAASDIJK = DemoGemeente(
    code="DEMO1",
    slug="maasdijk",
    name="Maasdijk",
    geometry=_polygon(_W, (2.80, 51.905), (2.86, 51.925), _N, _N1, _J, _W1),
    population={
        2015: 27_299,
        2016: 27_362,
        2017: 27_528,
        2018: 27_596,
        2019: 27_732,
        2020: 27_906,
        2021: 27_978,
        2022: 28_180,
        2023: 28_270,
        2024: 28_400,
    },
    kernen=(
        DemoKern(
            code="DEMO1_1",
            slug="centrum",
            name="Maasdijk-Centrum",
            kind="hoofdkern",
            population=15_900,
            description="Hoofdkern rond de Markt en de Statiestraat, met een wekelijkse markt op vrijdag.",
            geometry=_blob(2.880, 51.893, 2.4, 1.9),
            gebieden=(
                DemoGebied(
                    slug="marktplein",
                    name="Marktplein",
                    kind="kernwinkelgebied",
                    is_public=True,
                    description="Het kernwinkelgebied rond de Markt en de kerk.",
                    geometry=_blob(2.880, 51.893, 0.6, 0.45),
                ),
                DemoGebied(
                    slug="statiestraat",
                    name="Statiestraat",
                    kind="winkelstraat",
                    is_public=False,
                    description="Aanloopstraat van het station naar de Markt; leegstand wordt nog in kaart gebracht.",
                    geometry=_street((2.884, 51.8945), (2.891, 51.8975)),
                ),
            ),
        ),
        DemoKern(
            code="DEMO1_2",
            slug="kiezelberg",
            name="Kiezelberg",
            kind="deelkern",
            population=7_600,
            description="Deelkern aan het kanaal, met een buurtwinkelstraat.",
            geometry=_blob(2.835, 51.878, 1.5, 1.2),
        ),
        DemoKern(
            code="DEMO1_3",
            slug="moerheide",
            name="Moerheide",
            kind="deelkern",
            population=4_900,
            description="Kleine deelkern tussen de heide en de bossen.",
            geometry=_blob(2.915, 51.913, 1.1, 0.9),
        ),
    ),
)

VELDRODE = DemoGemeente(
    code="DEMO2",
    slug="veldrode",
    name="Veldrode",
    geometry=_polygon(_N, (3.01, 51.922), (3.06, 51.90), _E, _E1, _J, _N1),
    population={
        2015: 14_720,
        2016: 14_802,
        2017: 14_847,
        2018: 14_844,
        2019: 14_829,
        2020: 14_897,
        2021: 14_918,
        2022: 14_899,
        2023: 14_878,
        2024: 14_900,
    },
    kernen=(
        DemoKern(
            code="DEMO2_1",
            slug="dorp",
            name="Veldrode-Dorp",
            kind="hoofdkern",
            population=9_800,
            description="Hoofdkern rond het Dorpsplein met de gerestaureerde graanmolen.",
            geometry=_blob(3.015, 51.887, 1.8, 1.5),
            gebieden=(
                DemoGebied(
                    slug="dorpsplein",
                    name="Dorpsplein",
                    kind="kernwinkelgebied",
                    is_public=True,
                    description="Winkels en horeca rond het Dorpsplein.",
                    geometry=_blob(3.015, 51.887, 0.5, 0.4),
                ),
                DemoGebied(
                    slug="kapelstraat",
                    name="Kapelstraat",
                    kind="winkelstraat",
                    is_public=False,
                    description="Winkelstraat richting de kapel; cijfers nog niet gepubliceerd.",
                    geometry=_street((3.0175, 51.8855), (3.0235, 51.8835)),
                ),
            ),
        ),
        DemoKern(
            code="DEMO2_2",
            slug="beukenrode",
            name="Beukenrode",
            kind="deelkern",
            population=5_100,
            description="Landelijke deelkern met een bakker, een café en een school.",
            geometry=_blob(3.045, 51.870, 1.1, 0.9),
        ),
    ),
)

BREMHOUT = DemoGemeente(
    code="DEMO3",
    slug="bremhout",
    name="Bremhout",
    geometry=_polygon(_S, (2.90, 51.77), (2.82, 51.785), (2.79, 51.82), _W, _W1, _J, _S1),
    population={
        2015: 42_702,
        2016: 43_021,
        2017: 43_277,
        2018: 43_543,
        2019: 43_862,
        2020: 44_383,
        2021: 44_621,
        2022: 45_193,
        2023: 45_562,
        2024: 46_000,
    },
    kernen=(
        DemoKern(
            code="DEMO3_1",
            slug="centrum",
            name="Bremhout-Centrum",
            kind="hoofdkern",
            population=27_300,
            description="Regionaal centrum met station, ziekenhuis, scholen en het grootste winkelaanbod van de regio.",
            geometry=_blob(2.885, 51.815, 3.2, 2.6),
            gebieden=(
                DemoGebied(
                    slug="kernwinkelgebied",
                    name="Kernwinkelgebied Bremhout",
                    kind="kernwinkelgebied",
                    is_public=True,
                    description="Het aaneengesloten winkelgebied tussen de Grote Markt en de Nieuwstraat.",
                    geometry=_blob(2.885, 51.815, 0.9, 0.6),
                ),
                DemoGebied(
                    slug="nieuwstraat",
                    name="Nieuwstraat",
                    kind="winkelstraat",
                    is_public=True,
                    description="De drukste winkelstraat van de regio.",
                    geometry=_street((2.8885, 51.8165), (2.8995, 51.8205)),
                ),
                DemoGebied(
                    slug="stationsomgeving",
                    name="Stationsomgeving",
                    kind="winkelgebied",
                    is_public=False,
                    description="Herontwikkeling rond het station; plannen nog in voorbereiding.",
                    geometry=_blob(2.877, 51.8115, 0.7, 0.5),
                ),
            ),
        ),
        DemoKern(
            code="DEMO3_2",
            slug="haverloo",
            name="Haverloo",
            kind="deelgemeente",
            population=9_400,
            description="Voormalige gemeente met een eigen dorpskern en zaterdagmarkt.",
            geometry=_blob(2.830, 51.800, 1.6, 1.3),
        ),
        DemoKern(
            code="DEMO3_3",
            slug="rietdonk",
            name="Rietdonk",
            kind="deelkern",
            population=6_200,
            description="Deelkern aan de rand van het natuurgebied De Rietdonk.",
            geometry=_blob(2.935, 51.790, 1.3, 1.0),
        ),
    ),
)

LINDELOO = DemoGemeente(
    code="DEMO4",
    slug="lindeloo",
    name="Lindeloo",
    geometry=_polygon(_E, (3.06, 51.80), (3.02, 51.785), _S, _S1, _J, _E1),
    population={
        2015: 20_043,
        2016: 19_976,
        2017: 19_886,
        2018: 19_797,
        2019: 19_785,
        2020: 19_745,
        2021: 19_747,
        2022: 19_740,
        2023: 19_670,
        2024: 19_700,
    },
    kernen=(
        DemoKern(
            code="DEMO4_1",
            slug="centrum",
            name="Lindeloo-Centrum",
            kind="hoofdkern",
            population=11_900,
            description="Hoofdkern rond het Kerkplein, met de lindedreef waaraan de gemeente haar naam dankt.",
            geometry=_blob(3.010, 51.826, 2.0, 1.6),
            gebieden=(
                DemoGebied(
                    slug="kerkplein",
                    name="Kerkplein",
                    kind="kernwinkelgebied",
                    is_public=True,
                    description="Winkels, markt en terrassen rond het Kerkplein.",
                    geometry=_blob(3.010, 51.826, 0.5, 0.4),
                ),
                DemoGebied(
                    slug="molenstraat",
                    name="Molenstraat",
                    kind="winkelstraat",
                    is_public=False,
                    description="Winkelstraat met toenemende leegstand; opvolging door de centrummanager.",
                    geometry=_street((3.0125, 51.8270), (3.0195, 51.8285)),
                ),
            ),
        ),
        DemoKern(
            code="DEMO4_2",
            slug="vennebroek",
            name="Vennebroek",
            kind="deelkern",
            population=4_300,
            description="Deelkern tussen de vennen, bekend om het jaarlijkse heidefeest.",
            geometry={"type": "Point", "coordinates": [3.045, 51.812]},
        ),
    ),
)

GEMEENTEN = (MAASDIJK, VELDRODE, BREMHOUT, LINDELOO)

REGIO_SLUG = "demoregio-kempenland"
REGIO_NAME = "Demoregio Kempenland"
REGIO_DESCRIPTION = (
    "Verzonnen regio van vier Kempense gemeenten om Kernkompas uit te proberen. Bremhout is het regionale "
    "centrum; Maasdijk, Veldrode en Lindeloo versterken het met hun eigen kernen."
)

USERS = (
    DemoUser("ellen", "Ellen", "Verbeeck", "gemeente", "DEMO1", "economy officer of Maasdijk"),
    DemoUser("sofie", "Sofie", "Claes", "gemeente", "DEMO2", "centre manager of Veldrode"),
    DemoUser("femke", "Femke", "Jaspers", "begeleider", "DEMO1", "consultant invited by Maasdijk"),
    DemoUser("eva", "Eva", "Wouters", "redactie", None, "editor of the Vitrine"),
    DemoUser("anton", "Anton", "Hermans", "beheerder", None, "platform administrator", is_superuser=True),
    DemoUser(
        "bram",
        "Bram",
        "Geerts",
        None,
        None,
        "entrepreneur in Maasdijk",
        member_type="ondernemer",
        organisation_name="Fietsen Geerts (demo)",
        interests=("leegstand", "beleving-aantrekking"),
        home_gemeente_code="DEMO1",
    ),
)


def email_for(username: str) -> str:
    # .invalid is reserved (RFC 2606): mail to a demo user can never reach a real person.
    return f"{username}@demo.kernkompas.invalid"
