"""Stedelijk leren's demo content, in Dutch, all invented (the demo region Kempenland does not exist).

- The platform-wide programme "Stedelijk leren" (seed 003), run by the editors: a monthly online session on the
  seed's themes (aanpak leegstand, ondermijning, openbare ruimte, branding …), three held (with slides, a recording
  and notes, linked to the Vitrine's demo cases and to Kernmonitor indicators), three coming (one of them full, with a
  waiting list) and one still in preparation.
- Maasdijk's regional programme "Intervisie Kempense centra", run by Ellen: an intervision that put the Marktplein
  at the centre, with advice from the other centres, and a second one on the Statiestraat in preparation.
- Veldrode's internal "Kennistafel ondernemers Veldrode", run by Sofie (so the demo shows what Maasdijk's staff do
  not see).
- Registrations of the demo people and of guests (names invented, addresses at example.org), attendance on the
  sessions held, theme suggestions with support, newsletter subscribers, one sent newsletter with its deliveries and
  one in preparation, and Bram's weekly digest.

Times are set around one month, ``ANCHOR`` (December 2026, the month the whole demo is set in: the Binnenstadslab's
demo has its finished lab in October 2026 and its next one in January 2027), so that there are sessions held and
sessions to come. Moving the demo to another month is changing ``ANCHOR``.

The Centrum Management Academy's "stuurwiel" is not entered as a second theme framework: its fields are not
published, and the demo does not invent them.

Keys (``"leegstand-2026"``) tie rows together here; case slugs are those of ``kernkompas/vitrine/demo/cases/``.
"""

from __future__ import annotations

import calendar
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Brussels")

#: The month the demo is set in: sessions are placed a number of months before or after it.
ANCHOR = date(2026, 12, 1)
#: The morning the demo is told from, a few days into that month: what ended before it was held (and has its
#: attendance and recordings), nobody registered after it.
TODAY = datetime(ANCHOR.year, ANCHOR.month, 5, 9, 0, tzinfo=TZ)

PLATFORM_SLUG = "stedelijk-leren"
MAASDIJK_SLUG = "intervisie-kempense-centra"
VELDRODE_SLUG = "kennistafel-veldrode"
REGIO_SLUG = "demoregio-kempenland"
MEET = "https://meet.example.org"
DOCS = "https://docs.example.org/stedelijk-leren"
VIDEO = "https://video.example.org/stedelijk-leren"


def monthly(offset: int, weekday: int, nth: int, hour: int, minute: int = 0) -> datetime:
    """The ``nth`` ``weekday`` (0 = Monday; ``nth`` -1 = the last) of the month ``offset`` months from ``ANCHOR``,
    at ``hour:minute`` in Brussels."""
    month_index = ANCHOR.year * 12 + ANCHOR.month - 1 + offset
    year, month = divmod(month_index, 12)
    month += 1
    days = [
        day for day in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, day).weekday() == weekday
    ]
    day = days[nth - 1] if nth > 0 else days[nth]
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


TUESDAY, THURSDAY, WEDNESDAY = 1, 3, 2


@dataclass(frozen=True)
class DemoMaterial:
    kind: str  # MaterialKind: slides, opname, verslag, leesstuk, link
    title: str
    url: str = ""
    text: str = ""
    timing: str = "achteraf"  # MaterialTiming
    cases: tuple[str, ...] = ()  # case slugs; the session's themes tag the material


@dataclass(frozen=True)
class DemoAdvice:
    author: str  # a demo user name, or "" for a participant without an account
    name: str
    organisation: str
    text: str
    minute: int  # minutes after the start of the session


@dataclass(frozen=True)
class DemoSession:
    slug: str
    title: str
    description: str
    starts_at: datetime
    minutes: int
    capacity: int
    themes: tuple[str, ...] = ()  # slugs of the default framework's themes
    speakers: tuple[str, ...] = ()
    format: str = "online"  # SessionFormat
    location: str = ""
    status: str = "gepubliceerd"  # SessionStatus
    kind: str = "thematisch"  # SessionKind
    cases: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()  # Kernmonitor indicator codes (kernkompas/monitor/indicator_catalogue.py)
    materials: tuple[DemoMaterial, ...] = ()
    # Registrations: ``registrations`` confirmed ones in arrival order (1, 2, …); the demo users at their arrival
    # number, guests for the others; ``cancelled`` and ``no_shows`` are arrival numbers; ``unconfirmed`` guests
    # have not confirmed their address yet.
    registrations: int = 0
    members: tuple[tuple[str, int], ...] = ()
    cancelled: tuple[int, ...] = ()
    no_shows: tuple[int, ...] = ()
    unconfirmed: int = 0
    # Intervision: (core slug, area slug) of the programme's municipality, what it shares, the advice given.
    gebied: tuple[str, str] | None = None
    share_dashboard: bool = True
    share_dna: bool = True
    share_plan: bool = True
    advice: tuple[DemoAdvice, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def meeting_url(self) -> str:
        return "" if self.format == "locatie" else f"{MEET}/{self.slug}"


@dataclass(frozen=True)
class DemoProgramme:
    slug: str
    title: str
    description: str
    gemeente: str  # slug of a demo municipality, "" for platform-wide
    run_by: str  # the demo user who made it
    sessions: tuple[DemoSession, ...]
    regional: bool = False
    is_public: bool = True


# --- The platform-wide programme ---------------------------------------------------------------------------------

LEEGSTAND = DemoSession(
    slug="leegstand-van-monitor-tot-eigenaarstafel",
    title="Leegstand te lijf: van leegstandsmonitor tot eigenaarstafel",
    description=(
        "Hoe weet je waar de leegstand zit, hoe lang al, en wat doe je eraan? Bremhout laat zien hoe het elk "
        "kwartaal alle handelspanden telt en wat de leegstandsheffing oplevert. Maasdijk vertelt hoe het de "
        "eigenaars van de Statiestraat rond één tafel kreeg. Daarna gaan we in kleine groepen aan de slag met de "
        "vraag: welke eigenaar spreek jij morgen aan, en met welk aanbod?"
    ),
    starts_at=monthly(-3, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=80,
    themes=("aanpak-leegstand", "data-monitoring"),
    speakers=(
        "Marloes van Dijk – programmamanager leegstand, gemeente Bremhout (demo)",
        "Pieter Aerts – vastgoedadviseur, Bureau Stadskern Advies (fictief)",
    ),
    cases=(
        "demo-leegstandsmonitor-bremhout",
        "demo-eigenaarstafel-statiestraat-maasdijk",
        "demo-progressieve-leegstandsheffing-bremhout",
    ),
    indicators=("vacancy_rate", "long_vacancy", "structural_vacancy"),
    materials=(
        DemoMaterial(
            "leesstuk",
            "Vooraf lezen: de leegstandsmonitor van Bremhout in vijf minuten",
            url=f"{DOCS}/2026-09-leegstandsmonitor-samenvatting.pdf",
            timing="vooraf",
            cases=("demo-leegstandsmonitor-bremhout",),
        ),
        DemoMaterial("slides", "Presentatie: leegstand meten en aanpakken", url=f"{DOCS}/2026-09-leegstand-slides.pdf"),
        DemoMaterial("opname", "Volledige sessie (85 minuten)", url=f"{VIDEO}/2026-09-leegstand"),
        DemoMaterial(
            "verslag",
            "Verslag: vijf lessen over leegstand",
            text=(
                "1. Tel vaker dan één keer per jaar: wie per kwartaal telt, ziet een pand leeg komen te staan en kan "
                "meteen de eigenaar bellen.\n"
                "2. Maak onderscheid tussen frictieleegstand en structurele leegstand: ze vragen een andere aanpak.\n"
                "3. Een heffing werkt alleen samen met een premie: eigenaars moeten ook een uitweg hebben.\n"
                "4. Begin de eigenaarstafel met wat eigenaars zelf willen, niet met de plannen van de gemeente.\n"
                "5. Deel de cijfers met ondernemers en eigenaars: wat gemeten wordt, wordt besproken."
            ),
            cases=("demo-eigenaarstafel-statiestraat-maasdijk", "demo-progressieve-leegstandsheffing-bremhout"),
        ),
    ),
    registrations=38,
    members=(("bram", 7),),
    cancelled=(3, 20),
    no_shows=(5, 11, 26, 31),
)

ONDERMIJNING = DemoSession(
    slug="ondermijning-signalen-herkennen",
    title="Ondermijning in het winkelgebied: signalen herkennen en samen optreden",
    description=(
        "Een zaak zonder klanten met een dure inrichting, een pand dat steeds van huurder wisselt: wanneer is het "
        "reden tot zorg, en wat kan een centrummanager, een ondernemer of een eigenaar dan doen? Met het "
        "integrale team van Velsemond en een checklist voor het screenen van nieuwe huurders."
    ),
    starts_at=monthly(-2, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=60,
    themes=("ondermijning", "samenwerking"),
    speakers=(
        "Yasmina El Idrissi – coördinator integrale veiligheid, gemeente Velsemond (fictief)",
        "Tom Willems – wijkagent, politiezone Kempenland (fictief)",
    ),
    cases=("demo-ondermijning-aanpakken-velsemond",),
    indicators=("occupant_changes", "openings", "closures"),
    materials=(
        DemoMaterial("slides", "Presentatie: ondermijning herkennen", url=f"{DOCS}/2026-10-ondermijning-slides.pdf"),
        DemoMaterial("opname", "Volledige sessie (90 minuten)", url=f"{VIDEO}/2026-10-ondermijning"),
        DemoMaterial(
            "verslag",
            "Verslag en checklist voor eigenaars",
            text=(
                "Signalen die de deelnemers noemden: veel wisselingen van huurder in korte tijd, contante betalingen "
                "van de huur, zaken die open zijn zonder klanten, en een inrichting die niet past bij de omzet.\n\n"
                "Afspraken die werken: één meldpunt bij de gemeente, een vast overleg van gemeente, politie en "
                "centrummanagement, en een checklist die eigenaars gebruiken voor ze een huurcontract tekenen. "
                "Deel een vermoeden altijd via het meldpunt, niet in de groepsapp van de ondernemers."
            ),
            cases=("demo-ondermijning-aanpakken-velsemond",),
        ),
    ),
    registrations=31,
    members=(("sofie", 2), ("ellen", 6)),
    cancelled=(9,),
    no_shows=(4, 17, 22),
)

OPENBARE_RUIMTE = DemoSession(
    slug="openbare-ruimte-ontharden-en-verblijven",
    title="Openbare ruimte: van parkeerplein naar verblijfsplek",
    description=(
        "Steeds meer kernen halen asfalt weg en maken plaats voor bomen, bankjes en terrassen. Maar hoe krijg je "
        "de ondernemers mee die vrezen dat klanten wegblijven zonder parkeerplaats voor de deur? Heidegem en "
        "Gaverhove vertellen hoe ze het aanpakten, met een proefopstelling en met cijfers vooraf en achteraf."
    ),
    starts_at=monthly(-1, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=60,
    themes=("openbare-ruimte", "bereikbaarheid"),
    speakers=(
        "Lotte Peeters – landschapsarchitect, Atelier Pleinwerk (fictief)",
        "Jan Hendrickx – voorzitter handelaarsvereniging Gaverhove (fictief)",
    ),
    cases=(
        "demo-ontharden-dorpsplein-heidegem",
        "demo-autovrij-marktplein-gaverhove",
        "demo-geveltuinen-havenstraat-duinhaven",
    ),
    materials=(
        DemoMaterial("slides", "Presentatie: pleinen die uitnodigen", url=f"{DOCS}/2026-11-openbare-ruimte-slides.pdf"),
        DemoMaterial("opname", "Volledige sessie (88 minuten)", url=f"{VIDEO}/2026-11-openbare-ruimte"),
        DemoMaterial(
            "verslag",
            "Verslag: eerst proberen, dan pas bouwen",
            text=(
                "Een tijdelijke opstelling van een paar maanden overtuigt meer dan een ontwerp op papier. Meet vooraf "
                "en achteraf: passanten, omzet van de horeca, wat bewoners ervan vinden. Houd laden en lossen en "
                "kortparkeren voor de apotheek mogelijk aan de rand. En betrek de handelaars vanaf de eerste schets."
            ),
            cases=("demo-autovrij-marktplein-gaverhove", "demo-ontharden-dorpsplein-heidegem"),
        ),
    ),
    registrations=27,
    members=(("femke", 4),),
    no_shows=(3, 15),
)

BRANDING = DemoSession(
    slug="branding-het-verhaal-van-je-kern",
    title="Branding: het verhaal van je kern vertellen",
    description=(
        "Een merk voor je kern is meer dan een logo. Wadbergen bouwde met de ondernemers een dorpsmerk met een "
        "evenementenkalender en een nieuwsbrief; Scheldemonde haalde zijn verhaal uit de haven. Wat maakt een merk "
        "geloofwaardig, wie betaalt het, en hoe houd je het na het eerste jaar levend?"
    ),
    starts_at=monthly(0, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=40,
    themes=("branding",),
    speakers=(
        "Sanne de Bruijn – citymarketeer, Stichting Beleef Wadbergen (fictief)",
        "Koen Maes – strateeg, Merkbureau Dorpskracht (fictief)",
    ),
    cases=(
        "demo-dorpsmerk-beleef-wadbergen",
        "demo-citymarketing-maritiem-scheldemonde",
        "demo-lokale-cadeaubon-veldrode",
    ),
    materials=(
        DemoMaterial(
            "leesstuk",
            "Vooraf: drie vragen om met je ondernemers te bespreken",
            text=(
                "Waar komen mensen nu al voor naar jullie kern? Wat zou een bezoeker missen als het er niet meer was? "
                "En welk verhaal vertellen de ondernemers zelf, als je ze ernaar vraagt?"
            ),
            timing="vooraf",
            cases=("demo-dorpsmerk-beleef-wadbergen",),
        ),
    ),
    # Full: 40 places, one cancellation moved the first of the waiting list up, five are still waiting.
    registrations=46,
    members=(("bram", 43),),
    cancelled=(12,),
    unconfirmed=1,
)

WONEN_BOVEN_WINKELS = DemoSession(
    slug="wonen-boven-winkels",
    title="Wonen boven winkels: leegstand op de verdieping",
    description=(
        "Boven veel winkels staan de verdiepingen leeg, terwijl jongeren en ouderen in de kern willen wonen. Een "
        "eigen opgang, brandveiligheid, geluid en de huur van de winkel eronder: wat moet je regelen, en wie "
        "betaalt wat? Met de ervaring van Maasdijk, waar 23 woningen boven winkels kwamen."
    ),
    starts_at=monthly(1, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=100,
    themes=("aanpak-leegstand",),
    speakers=(
        "Ellen Verbeeck – economie, gemeente Maasdijk (demo)",
        "Rik Smets – architect, Bouwwerkplaats Kempen (fictief)",
    ),
    cases=("demo-wonen-boven-winkels-maasdijk", "demo-pop-ups-in-lege-panden-veldrode"),
    indicators=("vacancy_rate", "vacant_floor_area"),
    registrations=23,
    members=(("bram", 5),),
    unconfirmed=2,
)

SAMENWERKING = DemoSession(
    slug="samen-sterk-biz-fonds-centrummanagement",
    title="Samen sterk: BIZ, ondernemersfonds en centrummanagement",
    description=(
        "Wie betaalt de kerstverlichting, de promotie en de centrummanager? Een bedrijveninvesteringszone, een "
        "ondernemersfonds of een vereniging met vrijwillige leden: de voor- en nadelen, naast elkaar gezet door "
        "wie er dagelijks mee werkt."
    ),
    starts_at=monthly(2, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=80,
    themes=("samenwerking",),
    speakers=(
        "Anouk Vermeulen – centrummanager Kruisdonk (fictief)",
        "Bart Coppens – penningmeester Stichting Ondernemersfonds Marendam (fictief)",
    ),
    cases=(
        "demo-bedrijveninvesteringszone-grevendijk",
        "demo-ondernemersfonds-marendam",
        "demo-centrummanager-kruisdonk",
    ),
    registrations=9,
    unconfirmed=1,
)

PASSANTEN = DemoSession(
    slug="passanten-tellen-en-erop-sturen",
    title="Passanten tellen en erop sturen",
    description=(
        "Sensoren, handtellingen of wifi-tellingen: wat meet je, wat kost het, en hoe gebruik je de cijfers in "
        "het gesprek met ondernemers en eigenaars? In voorbereiding."
    ),
    starts_at=monthly(3, TUESDAY, 2, 15, 30),
    minutes=90,
    capacity=60,
    themes=("data-monitoring",),
    status="concept",
    cases=("demo-passantentellingen-dashboard-leiestede",),
)

PLATFORM = DemoProgramme(
    slug=PLATFORM_SLUG,
    title="Stedelijk leren",
    description=(
        "Elke maand een online sessie van anderhalf uur waarin ondernemers, vastgoedeigenaars, gemeenten en "
        "centrummanagers kennis en ervaring uitwisselen over een actueel thema: aanpak leegstand, openbare ruimte, "
        "branding, ondermijning en wat gebieden verder bezighoudt. Suggesties voor een thema zijn welkom."
    ),
    gemeente="",
    run_by="eva",
    sessions=(LEEGSTAND, ONDERMIJNING, OPENBARE_RUIMTE, BRANDING, WONEN_BOVEN_WINKELS, SAMENWERKING, PASSANTEN),
)


# --- Maasdijk's intervision ------------------------------------------------------------------------------------

MARKTPLEIN = DemoSession(
    slug="intervisie-marktplein-maasdijk",
    title="Het Marktplein van Maasdijk",
    description=(
        "Maasdijk zet het Marktplein centraal: de leegstand aan de noordkant, de vrijdagmarkt die klanten uit de "
        "hele regio trekt maar de winkels te weinig oplevert, en een plein dat vooral parkeerplaats is. De "
        "gemeente deelt het dashboard van het gebied, het Kern-DNA en het actieplan. Collega's uit Veldrode, "
        "Bremhout en Lindeloo kijken mee en geven advies."
    ),
    starts_at=monthly(-1, THURSDAY, -1, 19, 0),
    minutes=150,
    capacity=40,
    kind="intervisie",
    format="hybride",
    location="Cultuurhuis De Remise, Maasdijk",
    themes=("aanpak-leegstand", "openbare-ruimte"),
    speakers=("Ellen Verbeeck – economie, gemeente Maasdijk (demo)",),
    indicators=("vacancy_rate",),
    gebied=("centrum", "marktplein"),
    registrations=18,
    members=(("ellen", 1), ("femke", 2), ("sofie", 3), ("bram", 4)),
    no_shows=(12,),
    advice=(
        DemoAdvice(
            "sofie",
            "Sofie Claes",
            "Gemeente Veldrode",
            "Laat de kramen van de vrijdagmarkt doorlopen tot aan de hoek met de Statiestraat. Wie over de markt "
            "loopt, komt dan vanzelf langs de winkels in plaats van er met de rug naartoe.",
            95,
        ),
        DemoAdvice(
            "",
            "Hanne Vos",
            "Centrummanagement Bremhout (fictief)",
            "Tel de leegstand op het Marktplein elk kwartaal in plaats van elk jaar. Dan zie je binnen een paar "
            "maanden of de startersregeling werkt, en niet pas als het actieplan bijna afloopt.",
            104,
        ),
        DemoAdvice(
            "",
            "Ruud Janssen",
            "Vastgoed Kempen BV (fictief)",
            "Spreek de eigenaars van de drie lege panden aan de noordkant samen aan, met één aanbod voor tijdelijke "
            "verhuur. Apart wacht elk van hen op de ander.",
            112,
        ),
        DemoAdvice(
            "bram",
            "Bram Geerts",
            "Fietsen Geerts (demo)",
            "Zet fietsenrekken en een laadpunt voor e-bikes aan de kant van de kerk. Fietsers uit de deelkernen "
            "blijven nu weg omdat ze hun fiets nergens kwijt kunnen.",
            121,
        ),
    ),
)

STATIESTRAAT = DemoSession(
    slug="intervisie-statiestraat",
    title="De Statiestraat als aanloopstraat",
    description=(
        "Een tweede intervisie, op de Statiestraat tussen het station en de Markt. Het dashboard van de straat is "
        "nog niet openbaar; de gemeente deelt alleen het actieplan. In voorbereiding."
    ),
    starts_at=monthly(3, THURSDAY, -1, 19, 0),
    minutes=150,
    capacity=40,
    kind="intervisie",
    format="locatie",
    location="Raadzaal, gemeentehuis Maasdijk",
    themes=("aanpak-leegstand",),
    status="concept",
    gebied=("centrum", "statiestraat"),
    share_dashboard=False,
    share_dna=False,
)

MAASDIJK = DemoProgramme(
    slug=MAASDIJK_SLUG,
    title="Intervisie Kempense centra",
    description=(
        "De gemeenten van de Kempen leren van elkaars centra: een paar keer per jaar zet één gemeente een gebied "
        "centraal, deelt wat ze weet en vraagt de anderen om advies. Georganiseerd door de gemeente Maasdijk."
    ),
    gemeente="maasdijk",
    run_by="ellen",
    sessions=(MARKTPLEIN, STATIESTRAAT),
    regional=True,
)


# --- Veldrode's own table (not public) -------------------------------------------------------------------------

KENNISTAFEL = DemoSession(
    slug="kennistafel-januari",
    title="Kennistafel: de evenementenkalender van 2027",
    description="Ondernemers en de gemeente stemmen de evenementen van het nieuwe jaar af, op uitnodiging.",
    starts_at=monthly(1, WEDNESDAY, 3, 8, 0),
    minutes=90,
    capacity=40,
    format="locatie",
    location="Molenhuis, Dorpsplein Veldrode",
    themes=("branding", "samenwerking"),
    speakers=("Sofie Claes – centrummanager, gemeente Veldrode (demo)",),
)

VELDRODE = DemoProgramme(
    slug=VELDRODE_SLUG,
    title="Kennistafel ondernemers Veldrode",
    description="Een ontbijtoverleg van de gemeente Veldrode met de ondernemers van het Dorpsplein, op uitnodiging.",
    gemeente="veldrode",
    run_by="sofie",
    sessions=(KENNISTAFEL,),
    is_public=False,
)

PROGRAMMES = (PLATFORM, MAASDIJK, VELDRODE)


# --- Guests --------------------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anke", "Bert", "Charlotte", "Dirk", "Elise", "Frank", "Griet", "Hans", "Inge", "Joost",
    "Karin", "Luc", "Mieke", "Niels", "Oona", "Peter", "Roos", "Stijn", "Tine", "Wouter",
)  # fmt: skip
LAST_NAMES = (
    "Aerts", "Bosmans", "Claessens", "De Smet", "Dekkers", "Goossens", "Hermans", "Jacobs", "Kuipers", "Lemmens",
    "Maes", "Nijs", "Oosterlinck", "Pauwels", "Renders", "Schouten", "Thijs", "Vandenberg", "Wijnants", "Zegers",
)  # fmt: skip
ORGANISATIONS = (
    ("Ondernemersvereniging Dorpsplein Veldrode", "ov-dorpsplein.example.org"),
    ("Centrummanagement Bremhout", "centrum-bremhout.example.org"),
    ("Gemeente Lindeloo", "lindeloo.example.org"),
    ("Vastgoed Kempen BV", "vastgoed-kempen.example.org"),
    ("Winkeliersvereniging Nieuwstraat", "nieuwstraat.example.org"),
    ("Horeca Kempenland", "horeca-kempenland.example.org"),
    ("Bureau Stadskern Advies", "stadskern-advies.example.org"),
    ("Stichting Binnenstad Grevendijk", "binnenstad-grevendijk.example.org"),
    ("Gemeente Marendam", "marendam.example.org"),
    ("Bewonersplatform Statiestraat", "bewoners-statiestraat.example.org"),
)
GUEST_POOL_SIZE = 60


@dataclass(frozen=True)
class DemoGuest:
    name: str
    email: str
    organisation: str


def _address_part(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def guests() -> tuple[DemoGuest, ...]:
    """Invented people who register without an account: the same list every run (a fixed seed)."""
    names = random.Random("kernkompas-learning-demo").sample(list(product(FIRST_NAMES, LAST_NAMES)), GUEST_POOL_SIZE)
    pool = []
    for n, (first, last) in enumerate(names):
        organisation, domain = ORGANISATIONS[n % len(ORGANISATIONS)]
        email = f"{_address_part(first)}.{_address_part(last)}@{domain}"
        pool.append(DemoGuest(f"{first} {last}", email, f"{organisation} (fictief)"))
    return tuple(pool)


# --- Theme suggestions -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSuggestion:
    author: str
    title: str
    description: str
    theme: str  # slug in the default framework
    supporters: tuple[str, ...]
    days_before_anchor: int
    status: str = "open"  # SuggestionStatus
    session: str = ""  # slug of the platform programme's session it became
    decision_note: str = ""


SUGGESTIONS = (
    DemoSuggestion(
        "bram",
        "Pop-upwinkels: wat spreek je vooraf af met de eigenaar?",
        "In Maasdijk willen meer starters een pand een paar maanden proberen. Wie betaalt de energie, wat als het "
        "pand ondertussen verkocht wordt, en mag je je eigen gevelreclame hangen?",
        "aanpak-leegstand",
        ("sofie", "ellen", "femke"),
        12,
    ),
    DemoSuggestion(
        "sofie",
        "Evenementen afstemmen tussen buurgemeenten",
        "De jaarmarkt van Veldrode en de kermis van Maasdijk vielen jarenlang in hetzelfde weekend. Hoe maken andere "
        "regio's één kalender, en wie houdt die bij?",
        "branding",
        ("bram", "ellen"),
        20,
    ),
    DemoSuggestion(
        "ellen",
        "Wonen boven winkels: hoe krijg je eigenaars mee?",
        "Eigen opgangen zijn duur en eigenaars wachten af. Wat werkte elders, en welke subsidies zijn er?",
        "aanpak-leegstand",
        ("bram", "sofie", "femke"),
        60,
        status="gepland",
        session="wonen-boven-winkels",
        decision_note="Dit wordt de sessie van januari, met de ervaring van Maasdijk. Schrijf je in!",
    ),
    DemoSuggestion(
        "femke",
        "Wat mag een centrummanager zelf doen bij vermoedens van ondermijning?",
        "",
        "ondermijning",
        (),
        45,
        status="afgewezen",
        decision_note=(
            "Dit kwam uitgebreid aan bod in de sessie over ondermijning in oktober: de opname en de checklist "
            "staan bij die sessie."
        ),
    ),
)


# --- The newsletter ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSubscriber:
    email: str
    name: str
    days_before_anchor: int  # when they signed up (and confirmed, the same day)
    status: str = "actief"  # SubscriberStatus
    user: str = ""  # a demo user name
    unsubscribed_days_before_anchor: int = 0


SUBSCRIBERS = (
    DemoSubscriber("", "Bram Geerts", 120, user="bram"),
    DemoSubscriber("", "Femke Jaspers", 110, user="femke"),
    DemoSubscriber("info@ov-dorpsplein.example.org", "Ondernemersvereniging Dorpsplein Veldrode", 140),
    DemoSubscriber("secretariaat@ov-maasdijk.example.org", "OV Maasdijk Centrum", 135),
    DemoSubscriber("centrummanager@centrum-bremhout.example.org", "Hanne Vos", 130),
    DemoSubscriber("economie@lindeloo.example.org", "Team economie Lindeloo", 101),
    DemoSubscriber("info@vastgoed-kempen.example.org", "Ruud Janssen", 98),
    DemoSubscriber("bestuur@nieuwstraat.example.org", "Winkeliersvereniging Nieuwstraat", 93),
    DemoSubscriber("redactie@stadskern-advies.example.org", "Bureau Stadskern Advies", 88),
    DemoSubscriber("info@binnenstad-grevendijk.example.org", "Stichting Binnenstad Grevendijk", 79),
    DemoSubscriber(
        "contact@horeca-kempenland.example.org",
        "Horeca Kempenland",
        90,
        status="afgemeld",
        unsubscribed_days_before_anchor=28,
    ),
    DemoSubscriber("griet.pauwels@marendam.example.org", "Griet Pauwels", 20),
    DemoSubscriber("stijn.thijs@bewoners-statiestraat.example.org", "Stijn Thijs", 2, status="onbevestigd"),
)


@dataclass(frozen=True)
class DemoItem:
    kind: str  # ItemKind: case, session, recording, plan, link
    ref: str  # a case slug, a session slug of the platform programme, or a URL for a link
    summary: str = ""
    title: str = ""  # for a link


@dataclass(frozen=True)
class DemoNewsletter:
    slug: str
    title: str
    introduction: str
    items: tuple[DemoItem, ...]
    sent_days_before_anchor: int | None = None  # None: still a draft


NEWSLETTERS = (
    DemoNewsletter(
        "najaar-2026",
        "Stedelijk leren – najaar 2026",
        "Het eerste nummer van onze nieuwsbrief! Vier keer per jaar lees je hier wat er in de kernen gebeurt: nieuwe "
        "voorbeelden uit de Vitrine, de sessies die eraan komen en de opnames van wat je gemist hebt. In september "
        "ging het over leegstand, in oktober over ondermijning. Kijk ze terug, en schrijf je in voor november.",
        (
            DemoItem("recording", "leegstand-van-monitor-tot-eigenaarstafel", "Bremhout en Maasdijk over leegstand."),
            DemoItem("recording", "ondermijning-signalen-herkennen", "Signalen herkennen, met een checklist."),
            DemoItem("session", "openbare-ruimte-ontharden-en-verblijven"),
            DemoItem("session", "branding-het-verhaal-van-je-kern"),
            DemoItem("case", "demo-eigenaarstafel-statiestraat-maasdijk"),
            DemoItem("case", "demo-ondermijning-aanpakken-velsemond"),
        ),
        sent_days_before_anchor=42,
    ),
    DemoNewsletter(
        "winter-2027",
        "Stedelijk leren – winter 2027",
        "In januari gaat het over wonen boven winkels, een thema dat jullie zelf voorstelden. En wie de sessie over "
        "openbare ruimte miste, kan ze terugkijken.",
        (
            DemoItem("recording", "openbare-ruimte-ontharden-en-verblijven"),
            DemoItem("session", "wonen-boven-winkels"),
            DemoItem("session", "samen-sterk-biz-fonds-centrummanagement"),
            DemoItem("case", "demo-wonen-boven-winkels-maasdijk"),
        ),
    ),
)

#: Bram's personal digest: weekly, on his themes and his municipality's main core.
DIGEST_USER = "bram"
DIGEST_FREQUENCY = "wekelijks"
DIGEST_THEMES = ("aanpak-leegstand", "branding")
DIGEST_GEMEENTEN = ("maasdijk",)
DIGEST_KERNEN = (("maasdijk", "centrum"),)


def anchor_datetime(days_before: int, hour: int = 10) -> datetime:
    """A moment ``days_before`` days before the anchor month's first day, at ``hour`` in Brussels."""
    day = ANCHOR - timedelta(days=days_before)
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
