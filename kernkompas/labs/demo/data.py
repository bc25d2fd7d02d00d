"""The Binnenstadslab's demo content, in Dutch, all invented (the demo region Kempenland does not exist).

- A finished regional lab of Maasdijk, Veldrode and Bremhout on the Canvas Nieuwe Binnensteden (seed 002): its
  participants (display names and roles only, as a phone would send them), notes, clusters, dots and agreements, with
  the report public.
- An upcoming lab for Maasdijk-Centrum, still in preparation.
- The area approach of Maasdijk's Statiestraat (seed 003): a clear task with little energy yet, its stakeholders
  (fictional organisations, addresses at example.org) and its opgaves.
- Maasdijk's published action plan in the Platform31 steps (seed 004): bottlenecks (one measured by the vacancy of
  the Marktplein, some from the lab's clusters), a vision sentence and goals, parties and five actions with the
  municipality's role, funding, dates, status, a linked indicator and progress updates.

Keys (``"leegstand"``) tie rows together here; they are never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Brussels")

REGIONAL_CODE = "KEMP26"
UPCOMING_CODE = "MSDK27"
PLAN_TITLE = "Actieplan centrum Maasdijk 2027–2030"
PARTY_FOR_BRAM = "Ondernemersvereniging Maasdijk Centrum"


@dataclass(frozen=True)
class DemoParticipant:
    name: str
    role: str


@dataclass(frozen=True)
class DemoNote:
    key: str
    lens: str
    participant: int  # index in PARTICIPANTS
    text: str
    cluster: str = ""
    hidden: bool = False
    merged_into: str = ""
    minute: int = 0  # minutes after the start of the lab


@dataclass(frozen=True)
class DemoCluster:
    key: str
    lens: str
    title: str


@dataclass(frozen=True)
class DemoLab:
    code: str
    gemeente: str
    title: str
    question: str
    starts_at: datetime
    location: str
    phase: str
    voting: str
    kern: str = ""  # slug of a core of ``gemeente``
    regional: bool = False
    gemeenten: tuple[str, ...] = ()
    dots: int = 5
    report_public: bool = False


REGIONAL_LAB = DemoLab(
    code=REGIONAL_CODE,
    gemeente="maasdijk",
    title="Binnenstadslab Kempenland: drie centra, één regio",
    question=(
        "Hoe versterken de centra van Maasdijk, Veldrode en Bremhout elkaar, in plaats van elkaar onnodig "
        "te beconcurreren?"
    ),
    starts_at=datetime(2026, 10, 8, 19, 30, tzinfo=TZ),
    location="Cultuurhuis De Remise, Maasdijk",
    phase="afgesloten",
    voting="gesloten",
    regional=True,
    gemeenten=("maasdijk", "veldrode", "bremhout"),
    dots=5,
    report_public=True,
)

UPCOMING_LAB = DemoLab(
    code=UPCOMING_CODE,
    gemeente="maasdijk",
    title="Binnenstadslab Maasdijk-Centrum: van Markt tot Statiestraat",
    question="Wat moet er de komende vier jaar gebeuren zodat de Statiestraat weer een levendige aanloopstraat wordt?",
    starts_at=datetime(2027, 1, 21, 19, 0, tzinfo=TZ),
    location="Raadzaal, gemeentehuis Maasdijk",
    phase="voorbereiding",
    voting="niet-gestart",
    kern="centrum",
    dots=3,
)

# Who came to the regional lab: a display name and a role, as typed on their phone (all invented).
PARTICIPANTS = (
    DemoParticipant("Ilse – bloemen aan de Markt", "ondernemer"),  # 0
    DemoParticipant("Koen, OV Maasdijk Centrum", "ondernemer"),  # 1
    DemoParticipant("Wethouder Veldrode", "gemeente"),  # 2
    DemoParticipant("Centrummanager Bremhout", "gemeente"),  # 3
    DemoParticipant("Ans (bewoner Statiestraat)", "bewoner"),  # 4
    DemoParticipant("Vastgoed Kempen BV", "vastgoed"),  # 5
    DemoParticipant("Handelaars Dorpsplein", "ondernemer"),  # 6
    DemoParticipant("Cultuurhuis De Remise", "cultuur"),  # 7
    DemoParticipant("Economie Maasdijk", "gemeente"),  # 8
    DemoParticipant("Jongerenraad Bremhout", "bewoner"),  # 9
    DemoParticipant("Eigenaar pand Kerkstraat", "vastgoed"),  # 10
    DemoParticipant("Horeca Bremhout", "ondernemer"),  # 11
    DemoParticipant("Bibliotheek Kempenland", "anders"),  # 12
    DemoParticipant("Marktmeester", "anders"),  # 13
)

CLUSTERS = (
    DemoCluster("eigen-rol", "regio", "Elk centrum een eigen rol in de regio"),
    DemoCluster("aanlooproutes", "knelpunten", "Leegstand in de aanlooproutes"),
    DemoCluster("wonen-boven-winkels", "wonen", "Wonen boven winkels"),
    DemoCluster("evenementen", "verblijven", "Samen evenementen plannen"),
)

NOTES = (
    DemoNote("dorpsplein", "dna", 6, "Het Dorpsplein van Veldrode met de molen: daar komen mensen voor.", minute=6),
    DemoNote("markt-vrijdag", "dna", 13, "De vrijdagmarkt in Maasdijk trekt klanten uit de hele regio.", minute=7),
    DemoNote("zaken-bij-naam", "dna", 0, "Zelfstandige zaken die je bij naam kennen.", minute=8),
    DemoNote(
        "bremhout-voorzieningen",
        "regio",
        3,
        "Bremhout heeft het station, het ziekenhuis en de grote ketens: laat dat ook zo blijven.",
        cluster="eigen-rol",
        minute=10,
    ),
    DemoNote(
        "veldrode-ambacht",
        "regio",
        2,
        "Veldrode is het dorp van ambacht en groen, niet een kleine kopie van Bremhout.",
        cluster="eigen-rol",
        minute=11,
    ),
    DemoNote(
        "maasdijk-boodschappen",
        "regio",
        8,
        "Maasdijk: boodschappen, markt en ontmoeten voor de eigen inwoners en de deelkernen.",
        cluster="eigen-rol",
        minute=12,
    ),
    DemoNote(
        "niet-dezelfde-ketens",
        "regio",
        11,
        "Niet drie keer dezelfde ketens in drie centra op tien kilometer.",
        cluster="eigen-rol",
        minute=13,
    ),
    DemoNote(
        "geen-baanwinkels",
        "winkelen",
        1,
        "Geen nieuwe winkels aan de ring: die trekken het centrum leeg.",
        minute=14,
    ),
    DemoNote("compacter", "winkelen", 0, "Het winkelgebied is te groot voor wat er nog aan winkels is.", minute=15),
    DemoNote(
        "boven-leeg",
        "wonen",
        4,
        "Boven de winkels in de Statiestraat staat bijna alles leeg. Daar kan gewoond worden.",
        cluster="wonen-boven-winkels",
        minute=16,
    ),
    DemoNote(
        "eigen-opgang",
        "wonen",
        5,
        "Eigen opgangen maken is duur; zonder subsidie rekent het niet.",
        cluster="wonen-boven-winkels",
        minute=17,
    ),
    DemoNote(
        "starters-wonen",
        "wonen",
        9,
        "Jongeren willen in het centrum wonen, maar er is niets betaalbaars.",
        cluster="wonen-boven-winkels",
        minute=18,
    ),
    DemoNote(
        "werkplekken",
        "werken",
        12,
        "Flexplekken in de bibliotheek: wie thuiswerkt, komt zo toch naar het centrum.",
        minute=19,
    ),
    DemoNote("ateliers", "werken", 7, "Lege panden tijdelijk als atelier voor makers.", minute=20),
    DemoNote(
        "kalender",
        "verblijven",
        7,
        "Eén evenementenkalender voor de drie centra, zodat we niet op dezelfde zondag iets organiseren.",
        cluster="evenementen",
        minute=21,
    ),
    DemoNote(
        "kermis-markt",
        "verblijven",
        13,
        "De kermis en de jaarmarkt van Veldrode en Maasdijk vallen elk jaar in hetzelfde weekend.",
        cluster="evenementen",
        minute=22,
    ),
    DemoNote(
        "groen-pleinen",
        "verblijven",
        4,
        "Meer bomen en bankjes op de Markt; nu is het één grote parkeerplaats.",
        minute=23,
    ),
    DemoNote(
        "statiestraat-leeg",
        "knelpunten",
        1,
        "In de Statiestraat staan zes panden leeg. Wie van het station komt, denkt dat het centrum dood is.",
        cluster="aanlooproutes",
        minute=24,
    ),
    DemoNote(
        "kapelstraat",
        "knelpunten",
        6,
        "Ook de Kapelstraat in Veldrode loopt leeg richting de kapel.",
        cluster="aanlooproutes",
        minute=25,
    ),
    DemoNote(
        "huur-te-hoog",
        "knelpunten",
        10,
        "De huren zijn te hoog voor starters; eigenaars wachten liever op een keten.",
        cluster="aanlooproutes",
        minute=26,
    ),
    DemoNote(
        "statiestraat-dubbel",
        "knelpunten",
        0,
        "Leegstand Statiestraat!",
        cluster="aanlooproutes",
        merged_into="statiestraat-leeg",
        minute=27,
    ),
    DemoNote(
        "zinloos",
        "knelpunten",
        9,
        "Dit is toch allemaal zinloos, dat weet iedereen hier.",
        hidden=True,
        minute=28,
    ),
    DemoNote(
        "pop-ups",
        "kansen",
        5,
        "Pop-ups in lege panden, met een lage huur het eerste jaar.",
        minute=29,
    ),
    DemoNote(
        "fietsknooppunt",
        "kansen",
        2,
        "Het fietsknooppuntennetwerk langs de drie centra laten lopen.",
        minute=30,
    ),
    DemoNote(
        "centrummanager",
        "wie-doet-wat",
        1,
        "Een centrummanager voor Maasdijk, samen betaald door gemeente en ondernemers.",
        minute=31,
    ),
    DemoNote(
        "provincie",
        "wie-doet-wat",
        3,
        "De provincie vragen mee te betalen aan wonen boven winkels.",
        minute=32,
    ),
)

# The dots (five per participant): (participant, "cluster" or "note", key).
VOTES = (
    *((p, "cluster", "aanlooproutes") for p in (0, 1, 1, 4, 5, 6, 8, 8, 10, 11, 13)),
    *((p, "cluster", "wonen-boven-winkels") for p in (4, 4, 5, 9, 9, 9, 10, 12, 2)),
    *((p, "cluster", "eigen-rol") for p in (2, 2, 3, 3, 3, 6, 11, 7)),
    *((p, "cluster", "evenementen") for p in (7, 7, 13, 12, 6)),
    (0, "note", "centrummanager"),
    (0, "note", "centrummanager"),
    (0, "note", "pop-ups"),
    (1, "note", "centrummanager"),
    (5, "note", "pop-ups"),
    (8, "note", "centrummanager"),
    (10, "note", "pop-ups"),
    (12, "note", "werkplekken"),
)

# The agreements: (text, who, when, cluster key).
DECISIONS = (
    (
        "Elk centrum legt zijn eigen rol in de regio vast en de drie gemeenten stemmen nieuwe winkelvestigingen "
        "voortaan met elkaar af.",
        "Wethouders economie van Maasdijk, Veldrode en Bremhout",
        "voorjaar 2027",
        "eigen-rol",
    ),
    (
        "Maasdijk neemt de leegstand in de Statiestraat op in een actieplan, met de ondernemers en de "
        "vastgoedeigenaren.",
        "Gemeente Maasdijk met de ondernemersvereniging",
        "eind 2026",
        "aanlooproutes",
    ),
    (
        "Eén gedeelde evenementenkalender voor de drie centra.",
        "Cultuurhuis De Remise",
        "januari 2027",
        "evenementen",
    ),
)


# --- The area approach -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStakeholder:
    key: str
    name: str
    kind: str
    engagement: str
    contact_name: str = ""
    contact_email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DemoOpgave:
    title: str
    description: str
    status: str
    stakeholders: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoApproach:
    gemeente: str
    kern: str
    gebied: str
    energy: str
    task_clarity: str
    summary: str
    stakeholders: tuple[DemoStakeholder, ...]
    opgaves: tuple[DemoOpgave, ...]


APPROACH = DemoApproach(
    "maasdijk",
    "centrum",
    "statiestraat",
    "weinig",
    "helder",
    "De aanloopstraat van het station naar de Markt: de opgave is helder (leegstand terugdringen, wonen boven "
    "winkels), maar er is nog weinig beweging. De gemeente brengt eigenaars, ondernemers en bewoners samen.",
    (
        DemoStakeholder(
            "ov",
            "Ondernemersvereniging Maasdijk Centrum",
            "ondernemersvereniging",
            "trekker",
            "Secretariaat OV Maasdijk Centrum",
            "secretariaat@ov-maasdijk.example.org",
            "Wil een centrummanager en een startersregeling.",
        ),
        DemoStakeholder(
            "vastgoed",
            "Vastgoedoverleg Statiestraat",
            "vastgoed",
            "afwachtend",
            "Contactpunt vastgoedoverleg",
            "info@vastgoed-statiestraat.example.org",
            "Zes eigenaars, twee met meerdere panden; wachten op duidelijkheid over wonen boven winkels.",
        ),
        DemoStakeholder(
            "bewoners",
            "Bewonersplatform Stationsbuurt",
            "bewoners",
            "betrokken",
            "Bewonersplatform",
            "bewoners@stationsbuurt.example.org",
        ),
        DemoStakeholder(
            "gemeente",
            "Gemeente Maasdijk, team economie",
            "gemeente",
            "actief",
            "Team economie",
            "economie@maasdijk.example.org",
        ),
        DemoStakeholder(
            "remise",
            "Cultuurhuis De Remise",
            "cultuur",
            "actief",
            "Programmering De Remise",
            "programma@deremise.example.org",
            "Zoekt ruimte voor ateliers en exposities.",
        ),
        DemoStakeholder("kempenwonen", "Woningcorporatie Kempenwonen", "anders", "betrokken"),
    ),
    (
        DemoOpgave(
            "Leegstaande panden weer in gebruik",
            "Pop-ups, ateliers en starters in de zes lege panden, met een lage huur het eerste jaar.",
            "opgepakt",
            ("ov", "vastgoed", "remise"),
        ),
        DemoOpgave(
            "Wonen boven winkels",
            "Eigen opgangen en woningen boven de winkels, met de corporatie en de eigenaars.",
            "verkennen",
            ("vastgoed", "kempenwonen", "gemeente"),
        ),
        DemoOpgave(
            "Een welkome route van het station naar de Markt",
            "Groen, verlichting en bewegwijzering in de Statiestraat.",
            "verkennen",
            ("gemeente", "bewoners"),
        ),
    ),
)


# --- The action plan -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoBottleneck:
    key: str
    title: str
    kind: str
    description: str
    consequence: str
    evidence: str = ""
    indicator: tuple[str, str, str] | None = None  # (indicator code, kern slug, gebied slug)
    cluster: str = ""  # a cluster of the regional lab


@dataclass(frozen=True)
class DemoAction:
    title: str
    description: str
    owner: str
    partners: tuple[str, ...]
    role: str  # a SteeringRole's name
    funding: tuple[tuple[str, str, Decimal], ...]  # (payer, name, amount)
    start: date
    deadline: date
    status: str
    goal: int  # index in GOALS
    bottlenecks: tuple[str, ...] = ()
    indicator: tuple[str, str, str, float, float, date] | None = None  # code, kern, gebied, baseline, target, date
    cluster: str = ""
    updates: tuple[tuple[date, str, str, str], ...] = ()  # (date, text, status after, party; "bram" marks his)


VISION = (
    "In 2030 is het centrum van Maasdijk de huiskamer van de Kempen: compact, levendig en goed bereikbaar, "
    "in aanvulling op Bremhout en Veldrode."
)
GOALS = (
    "Een compact kernwinkelgebied rond de Markt met minder dan 8% leegstand.",
    "Wonen, werken en cultuur in de aanloopstraten in plaats van lege etalages.",
    "Samenwerken met Veldrode en Bremhout in plaats van concurreren.",
)
PARTIES = (
    ("gemeente", "Gemeente Maasdijk", "gemeente"),
    ("ov", PARTY_FOR_BRAM, "ondernemers"),
    ("provincie", "Provincie Demoland", "provincie"),
    ("vastgoed", "Vastgoedoverleg Statiestraat", "vastgoed"),
    ("remise", "Cultuurhuis De Remise", "cultuur"),
    ("kempenwonen", "Woningcorporatie Kempenwonen", "anders"),
)
BOTTLENECKS = (
    DemoBottleneck(
        "leegstand-markt",
        "Oplopende leegstand rond de Markt",
        "knelpunt",
        "De leegstand in het kernwinkelgebied steeg in drie jaar van 9% naar 12%.",
        "Zonder ingrijpen verdwijnen de trekkers en wordt de Markt een parkeerplaats met lege etalages.",
        "Kernmonitor, leegstand Marktplein.",
        indicator=("vacancy_rate", "centrum", "marktplein"),
    ),
    DemoBottleneck(
        "aanlooproutes",
        "Leegstand in de aanlooproutes",
        "knelpunt",
        "Zes lege panden in de Statiestraat; wie van het station komt, ziet eerst leegstand.",
        "Bezoekers haken af voor ze de Markt bereiken; eigenaars investeren niet meer.",
        "Binnenstadslab Kempenland, 8 oktober 2026: het cluster met de meeste stippen.",
        cluster="aanlooproutes",
    ),
    DemoBottleneck(
        "wonen",
        "Wonen boven winkels",
        "kans",
        "De verdiepingen boven de winkels staan leeg, terwijl jongeren geen betaalbare woning vinden.",
        "De kans gaat voorbij: de panden verouderen en de straat blijft 's avonds leeg.",
        "Binnenstadslab Kempenland: cluster “Wonen boven winkels”.",
        cluster="wonen-boven-winkels",
    ),
    DemoBottleneck(
        "concurrentie",
        "Drie centra die elkaar beconcurreren",
        "knelpunt",
        "Maasdijk, Veldrode en Bremhout trekken dezelfde ketens en plannen evenementen op dezelfde dagen.",
        "Geen van de drie centra wordt sterker; bezoekers rijden door naar de stad.",
        cluster="eigen-rol",
    ),
)
ACTIONS = (
    DemoAction(
        "Een centrummanager voor Maasdijk",
        "Eén aanspreekpunt voor ondernemers, eigenaars en gemeente, die de acties van dit plan samenbrengt.",
        "gemeente",
        ("ov",),
        "Regisseur",
        (("gemeente", "", Decimal("60000")), ("ondernemers", "", Decimal("15000"))),
        date(2026, 10, 1),
        date(2027, 4, 1),
        "lopend",
        0,
        ("leegstand-markt", "concurrentie"),
        updates=(
            (
                date(2026, 11, 3),
                "Vacature gepubliceerd; de ondernemersvereniging zit in de selectiecommissie.",
                "lopend",
                "gemeente",
            ),
        ),
    ),
    DemoAction(
        "Pop-up- en startersregeling Markt en Statiestraat",
        "Lage huur in het eerste jaar, een startersbegeleiding en een etalage die nooit leeg staat.",
        "ov",
        ("gemeente", "vastgoed"),
        "Facilitator",
        (("gemeente", "", Decimal("40000")), ("provincie", "", Decimal("40000")), ("vastgoed", "", Decimal("20000"))),
        date(2026, 11, 15),
        date(2027, 12, 31),
        "lopend",
        0,
        ("leegstand-markt", "aanlooproutes"),
        indicator=("vacancy_rate", "centrum", "marktplein", 0.12, 0.08, date(2028, 12, 31)),
        cluster="aanlooproutes",
        updates=(
            (date(2026, 11, 16), "Regeling vastgesteld; drie eigenaars doen mee.", "lopend", "gemeente"),
            (
                date(2026, 12, 2),
                "Twee pop-ups geopend in de Statiestraat (een fietsenmaker en een tweedehandswinkel).",
                "lopend",
                "bram",
            ),
        ),
    ),
    DemoAction(
        "Wonen boven winkels in de Statiestraat",
        "Eigen opgangen en twaalf starterswoningen boven de winkels, met een subsidie per woning.",
        "kempenwonen",
        ("vastgoed", "gemeente", "provincie"),
        "Regelgever",
        (("provincie", "", Decimal("120000")), ("vastgoed", "", Decimal("250000")), ("gemeente", "", Decimal("30000"))),
        date(2027, 3, 1),
        date(2028, 6, 30),
        "gepland",
        1,
        ("wonen", "aanlooproutes"),
        cluster="wonen-boven-winkels",
    ),
    DemoAction(
        "Eén evenementenkalender voor de Kempen",
        "Maasdijk, Veldrode en Bremhout plannen markten, kermissen en festivals samen, zodat ze elkaar versterken.",
        "remise",
        ("ov",),
        "Partner",
        (("gemeente", "", Decimal("5000")),),
        date(2026, 9, 1),
        date(2026, 11, 30),
        "afgerond",
        2,
        ("concurrentie",),
        cluster="evenementen",
        updates=(
            (
                date(2026, 11, 25),
                "De kalender 2027 staat online; de jaarmarkt en de kermis vallen niet meer samen.",
                "afgerond",
                "remise",
            ),
        ),
    ),
    DemoAction(
        "Herinrichting van de Markt: bomen, bankjes, minder parkeren",
        "Een groene Markt waar je blijft; parkeren verschuift naar de rand van het centrum.",
        "gemeente",
        ("ov", "remise"),
        "Investeerder",
        (("gemeente", "", Decimal("900000")), ("rijk", "", Decimal("300000"))),
        date(2027, 6, 1),
        date(2029, 3, 31),
        "vertraagd",
        0,
        ("leegstand-markt",),
        updates=((date(2026, 11, 10), "Ontwerp uitgesteld: eerst een parkeeronderzoek.", "vertraagd", "gemeente"),),
    ),
)


@dataclass(frozen=True)
class DemoPlan:
    gemeente: str = "maasdijk"
    kern: str = "centrum"
    title: str = PLAN_TITLE
    vision: str = VISION
    horizon_year: int = 2030
    published_at: datetime = field(default_factory=lambda: datetime(2026, 12, 1, 10, 0, tzinfo=TZ))


PLAN = DemoPlan()
