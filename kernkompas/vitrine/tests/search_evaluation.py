"""The evaluation set of the Vitrine search: fifteen small Dutch cases and the queries that must find them.

Each query names the cases it MUST find and, where it matters, cases it must NOT find. Recall is the share of the
required (query, case) pairs that the search returns. The queries cover word forms, compounds both ways, typos,
accents, hyphens and the seeded synonyms (migration vitrine 0002). ``make_cases`` publishes real CasePages under
the Vitrine index page, so the index is filled by the publish signal, as on the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
from kernkompas.vitrine.models import CasePage, CoreType, Theme

CASES = {
    "leegstand": {
        "title": "Leegstandsbeheer in de Stationsstraat",
        "summary": "Lommel pakt winkelleegstand aan met een heffing en een register per pand.",
        "place_name": "Lommel, Stationsstraat",
        "themes": ["beleid-visie", "ruimtelijke-ordening"],
        "concept": "<p>Elk <b>winkelpand</b> dat langer dan een jaar leeg blijft, komt in een register.</p>",
        "approach": "<p>De gemeente bezoekt de eigenaar en zoekt samen een nieuwe huurder.</p>",
    },
    "popup": {
        "title": "Pop-up winkels in lege etalages",
        "summary": "Startende ondernemers huren drie maanden een leeg pand tegen een lage prijs.",
        "place_name": "Tienen",
        "themes": ["trends-ontwikkelingen"],
        "concept": "<p>Een tijdelijke winkel test een nieuw concept zonder groot risico.</p>",
        "approach": "<p>Een makelaar koppelt starters aan eigenaars die hun etalage willen vullen.</p>",
    },
    "parkeren": {
        "title": "Slim parkeren aan de rand van het centrum",
        "summary": "Roeselare legt parkeerplaatsen aan de rand aan en maakt het plein autoluw.",
        "place_name": "Roeselare",
        "themes": ["mobiliteit"],
        "concept": "<p>Een parkeerroute leidt auto's naar drie randparkings.</p>",
        "approach": "<p>Een blauwe zone en een parkeerbeleid met betaald kortparkeren.</p>",
    },
    "fietsstraat": {
        "title": "Een fietsstraat door de winkelstraat",
        "summary": "In Mechelen is de auto er te gast: fietsers mogen de hele breedte gebruiken.",
        "place_name": "Mechelen, Bruul",
        "themes": ["mobiliteit"],
        "concept": "<p>Twee fietsstraten verbinden het station met de markt.</p>",
        "approach": "<p>Extra fietsenstallingen bij de ingangen van de winkels.</p>",
    },
    "terrassen": {
        "title": "Ruimere terrassen op het Zand",
        "summary": "Brugge geeft cafés en restaurants meer ruimte op het plein.",
        "place_name": "Brugge",
        "themes": ["beleving-aantrekking"],
        "concept": "<p>Een terrasreglement met vaste zones en meubilair in één stijl.</p>",
        "approach": "<p>Uitbaters tekenden mee aan het plan voor het café en het restaurant.</p>",
    },
    "horecaplan": {
        "title": "Een horecaplan voor het uitgaansleven",
        "summary": "Heist-op-den-Berg maakt afspraken met de horeca over sluitingsuren.",
        "place_name": "Heist-op-den-Berg",
        "themes": ["beleid-visie"],
        "concept": "<p>Een convenant tussen uitbaters, politie en gemeente.</p>",
        "approach": "<p>Maandelijks overleg met een vaste contactpersoon.</p>",
    },
    "centrummanager": {
        "title": "Een centrummanager voor de binnenstad",
        "summary": "Hasselt stelt een manager aan die ondernemers en stad verbindt.",
        "place_name": "Hasselt",
        "themes": ["samenwerking"],
        "concept": "<p>Eén aanspreekpunt voor handelaars, met een eigen budget.</p>",
        "approach": "<p>De manager werkt vanuit een stadswinkel aan de Grote Markt.</p>",
    },
    "kernwinkelgebied": {
        "title": "Afbakening van het kernwinkelgebied",
        "summary": "Turnhout bakende een compact kernwinkelgebied af en laat daarbuiten wonen toe.",
        "place_name": "Turnhout",
        "themes": ["ruimtelijke-ordening"],
        "concept": "<p>Nieuwe winkels alleen binnen de afbakening; buiten het gebied herbestemming.</p>",
        "approach": "<p>Een ruimtelijk uitvoeringsplan met een duidelijke kaart.</p>",
    },
    "passanten": {
        "title": "Passantentellingen met sensoren",
        "summary": "Sint-Niklaas meet per uur hoeveel mensen door de winkelstraten lopen.",
        "place_name": "Sint-Niklaas",
        "themes": ["data"],
        "concept": "<p>Wifi-sensoren tellen telefoons, anoniem en zonder persoonsgegevens.</p>",
        "approach": "<p>De cijfers gaan elke week naar de handelaarsvereniging.</p>",
    },
    "vergroening": {
        "title": "Vergroening van het marktplein",
        "summary": "Geel plant bomen en breekt asfalt op tegen hittestress en wateroverlast.",
        "place_name": "Geel",
        "themes": ["duurzaamheid"],
        "concept": "<p>Klimaatadaptatie in het centrum: groen, schaduw en water dat in de bodem zakt.</p>",
        "approach": "<p>Bewoners kozen de boomsoorten in een bevraging.</p>",
    },
    "evenementen": {
        "title": "Een evenementenkalender voor het hele jaar",
        "summary": "Diest spreidt braderie, kermis en kerstmarkt over het jaar.",
        "place_name": "Diest",
        "themes": ["beleving-aantrekking"],
        "concept": "<p>Eén kalender, één aanspreekpunt voor organisatoren.</p>",
        "approach": "<p>De stad betaalt de podiumwagen; verenigingen doen de rest.</p>",
    },
    "eigenaars": {
        "title": "Samenwerking met vastgoedeigenaars",
        "summary": "Aalst brengt eigenaars van winkelpanden samen in een overleg.",
        "place_name": "Aalst",
        "themes": ["samenwerking"],
        "concept": "<p>Eigenaars verbinden zich tot een redelijke huurprijs voor starters.</p>",
        "approach": "<p>Een onafhankelijke voorzitter leidt het overleg, twee keer per jaar.</p>",
    },
    "dashboard": {
        "title": "Een data-dashboard voor de kern",
        "summary": "Kortrijk toont cijfers over leegstand, bezoekers en functiemix op één scherm.",
        "place_name": "Kortrijk",
        "themes": ["data"],
        "concept": "<p>Open gegevens, elke maand bijgewerkt.</p>",
        "approach": "<p>Een open-sourcepakket met kaarten en grafieken.</p>",
    },
    "wonen": {
        "title": "Wonen boven winkels",
        "summary": "Leuven maakt lege bovenverdiepingen weer bewoonbaar met een aparte ingang.",
        "place_name": "Leuven",
        "themes": ["ruimtelijke-ordening"],
        "concept": "<p>Een premie voor een aparte voordeur naar de woning boven de zaak.</p>",
        "approach": "<p>Architecten tekenen gratis een eerste schets.</p>",
    },
    "weekmarkt": {
        "title": "Een vernieuwde weekmarkt",
        "summary": "Bree brengt de weekmarkt terug naar het centrum met versproducten.",
        "place_name": "Bree",
        "themes": ["beleving-aantrekking"],
        "concept": "<p>Marktkramers met streekproducten krijgen de beste plaatsen.</p>",
        "approach": "<p>Een marktleider houdt de standplaatsen bij.</p>",
    },
    "webwinkel": {
        "title": "Een gezamenlijke webwinkel voor handelaars",
        "summary": "Maaseik helpt zelfstandigen met e-commerce en een afhaalpunt.",
        "place_name": "Maaseik",
        "themes": ["trends-ontwikkelingen"],
        "concept": "<p>Klanten bestellen online en halen af in de winkel.</p>",
        "approach": "<p>Een gedeelde bezorgdienst met de fiets.</p>",
    },
}

# A draft: saved but never published. It must never be found.
DRAFT = {
    "title": "Leegstand: een ontwerp dat niet gepubliceerd is",
    "summary": "Nog niet klaar.",
    "place_name": "Nergensdorp",
    "themes": ["beleid-visie"],
    "concept": "<p>Leegstand en leegstaande panden.</p>",
    "approach": "<p>Nog te schrijven.</p>",
}


@dataclass(frozen=True)
class Query:
    text: str
    must: tuple[str, ...]
    must_not: tuple[str, ...] = ()
    shows: str = ""  # what the query tests


QUERIES = [
    Query("leegstand", ("leegstand", "dashboard"), ("draft",), "compound parts and a plain word; drafts stay hidden"),
    Query("leegstaande panden", ("leegstand",), ("draft",), "participle and plural meet the noun and singular"),
    Query("winkelleegstand", ("leegstand",), (), "a compound as written"),
    Query("leegstnad", ("leegstand", "dashboard"), (), "a swapped pair of letters"),
    Query("leegstandbeheer", ("leegstand",), (), "a missing linking s"),
    Query("pand", ("leegstand", "popup", "eigenaars"), (), "a word inside compounds (winkelpand)"),
    Query("popup winkels", ("popup",), (), "a hyphen left out"),
    Query("pop-up winkel", ("popup",), (), "singular with hyphen"),
    Query("parkeerplaats", ("parkeren",), ("fietsstraat",), "singular of a compound"),
    Query("parkeren", ("parkeren",), (), "a verb inside compounds (parkeerroute, parkeerbeleid)"),
    Query("fietsstraten", ("fietsstraat",), ("parkeren",), "plural with a vowel change"),
    Query("terras", ("terrassen",), (), "singular of a doubled consonant plural"),
    Query("cafe", ("terrassen",), (), "without the accent"),
    Query("Café", ("terrassen",), (), "with a capital and the accent"),
    Query("horeca", ("terrassen", "horecaplan"), (), "synonym: horeca ~ cafés en restaurants"),
    Query("cafés en restaurants", ("terrassen", "horecaplan"), (), "synonym the other way"),
    Query("centrummanagement", ("centrummanager",), (), "synonym: centrummanagement ~ centrummanager"),
    Query("kernwinkelgebied afbakenen", ("kernwinkelgebied",), (), "verb meets noun (afbakening)"),
    Query("winkelgebied", ("kernwinkelgebied",), (), "the head of a longer compound"),
    Query("passantentelling", ("passanten",), (), "singular of a compound plural"),
    Query("bezoekers", ("passanten", "dashboard"), (), "synonym: passanten ~ bezoekers"),
    Query("klimaatadaptatie", ("vergroening",), (), "a long word as written"),
    Query("groene pleinen", ("vergroening",), ("fietsstraat",), "adjective and a compound head (marktplein)"),
    Query("hitte stress", ("vergroening",), (), "a compound typed as two words"),
    Query("evenement", ("evenementen",), (), "singular inside a compound (evenementenkalender)"),
    Query("samenwerking eigenaars", ("eigenaars",), (), "a compound head (vastgoedeigenaars)"),
    Query("data dashboard", ("dashboard",), (), "a hyphenated compound typed as two words"),
    Query("wonen boven winkels", ("wonen",), (), "plain words"),
    Query("weekmarkt", ("weekmarkt",), (), "a compound as written"),
    Query("markt", ("weekmarkt", "fietsstraat", "centrummanager"), (), "a plain word and compounds"),
    Query("ecommerce", ("webwinkel",), (), "a hyphen left out"),
    Query("webwinkels", ("webwinkel",), (), "plural of a compound"),
    Query("fietsstraat parkeren", ("fietsstraat", "parkeren"), (), "no case has both: the ones with one of them"),
]


def make_cases() -> dict[str, CasePage]:
    """Publish the evaluation cases (and save the draft) under the Vitrine index page; {key: page}."""
    index = ensure_vitrine_index()
    pages = {key: publish_case(index, key, **fields) for key, fields in CASES.items()}
    pages["draft"] = save_draft(index, "draft", **DRAFT)
    return pages


def build_case(slug: str, *, themes: list[str], **fields) -> CasePage:
    defaults = {"size_class": "10k-25k", "core_type": CoreType.STADSKERN}
    page = CasePage(slug=slug, **{**defaults, **fields})
    page.themes = list(Theme.objects.filter(slug__in=themes))
    return page


def publish_case(index, slug: str, **fields) -> CasePage:
    page = build_case(slug, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def save_draft(index, slug: str, **fields) -> CasePage:
    page = build_case(slug, **fields)
    page.live = False
    index.add_child(instance=page)
    page.save_revision()
    return page


@dataclass
class Evaluation:
    found: int
    required: int
    misses: list[tuple[str, str]]
    wrong: list[tuple[str, str]]

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0


def evaluate(search, pages: dict[str, CasePage]) -> Evaluation:
    """Run every query through ``search`` (query -> [(page id, score)]) and count what it found."""
    keys_by_id = {page.pk: key for key, page in pages.items()}
    found, required, misses, wrong = 0, 0, [], []
    for query in QUERIES:
        returned = {keys_by_id.get(page_id) for page_id, _score in search(query.text)}
        for key in query.must:
            required += 1
            if key in returned:
                found += 1
            else:
                misses.append((query.text, key))
        wrong += [(query.text, key) for key in query.must_not if key in returned]
    return Evaluation(found=found, required=required, misses=misses, wrong=wrong)
