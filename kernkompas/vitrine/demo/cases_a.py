# ruff: noqa: E501 -- prose: a summary or a sentence reads better on one line than cut to the line length
"""Demo cases, part 1: the demo region (Maasdijk, Veldrode, Bremhout, Lindeloo) and Torrenmolen, Heidegem.

All invented for the Kernkompas demo; the places do not exist.
"""

from kernkompas.vitrine.demo.text import DemoCase, p, ul, yt

CASES = (
    DemoCase(
        slug="demo-pop-ups-in-lege-panden-veldrode",
        title="Pop-ups vullen lege panden rond het Dorpsplein",
        summary="Veldrode bracht zes lege winkelpanden tijdelijk tot leven met starters die drie maanden huurvrij testen.",
        place_name="Veldrode, Dorpsplein",
        country="BE",
        size_class="10k-25k",
        core_type="dorpskern",
        year_started=2022,
        themes=("ruimtelijke-ordening", "samenwerking", "beleving-aantrekking"),
        audiences=("lokale-besturen", "ondernemers", "vastgoed"),
        concept=p(
            "Eigenaars van lege handelspanden stellen hun pand drie tot zes maanden ter beschikking aan een starter "
            "tegen enkel de vaste kosten. De gemeente zorgt voor een standaardcontract, een kleine opknapbeurt en "
            "promotie. Zo wordt leegstand een proeftuin: de starter test zijn concept, de eigenaar krijgt een "
            "kandidaat-huurder in de etalage."
        ),
        context=p(
            "Rond het Dorpsplein stonden in 2022 negen van de 48 handelspanden leeg, vooral in de zijstraten. "
            "Langdurige leegstand trok de hele kern naar beneden: bezoekers zagen lege etalages en kwamen minder terug."
        ),
        approach=ul(
            "De dienst economie belde alle eigenaars van panden die langer dan een jaar leegstonden.",
            "Een modelovereenkomst voor tijdelijk gebruik (bezetting ter bede) haalde de drempel voor eigenaars weg.",
            "Via een oproep kozen een jury van handelaars en de schepen van economie zes starters.",
            "Elke pop-up kreeg € 1.500 voor inrichting en een plaats in de gezamenlijke campagne 'Nieuw in Veldrode'.",
        ),
        results=p(
            "Vier van de zes starters bleven na de testperiode en tekenden een gewone handelshuur. Het aantal lege "
            "panden rond het plein daalde van negen naar vier. Ook eigenaars die niet meededen, verlaagden hun "
            "huurvraag om sneller te verhuren."
        ),
        key_figures=(
            ("6", "pop-ups in het eerste jaar"),
            ("4 van 6", "starters die bleven"),
            ("-55%", "lege panden rond het plein"),
        ),
        learnings=p(
            "Een pop-up is geen doel op zich: de begeleiding na de testperiode (huurcontract, boekhouding, "
            "marketing) bepaalt of een starter blijft. Eigenaars haken pas aan als het contract juridisch klopt "
            "en duidelijk tijdelijk is."
        ),
        tips=ul(
            "Kies panden op zichtlocaties; een pop-up in een doodlopende zijstraat leert niemand iets.",
            "Laat starters elkaar ontmoeten: een groep houdt het langer vol dan een eenling.",
        ),
        dos=(
            "Werk met een modelcontract dat eigenaars vooraf door hun notaris kunnen laten lezen.",
            "Volg elke starter op met een vast aanspreekpunt bij de gemeente.",
            "Maak de einddatum vooraf duidelijk en plan de evaluatie mee.",
        ),
        donts=(
            "Laat de gemeente geen huur betalen in de plaats van de starter.",
            "Vul geen pand met een concept dat de bestaande handelaars rechtstreeks beconcurreert.",
            "Start niet zonder brandveiligheidscheck van het pand.",
        ),
        cost_class="10k-50k",
        cost_note="€ 18.000 per jaar: inrichtingspremies, opknapwerken en campagne",
        duration="6 maanden per ronde, jaarlijks herhaald",
        partners=(
            "Handelaarsvereniging Veldrode (fictief)",
            "Eigenaars van de betrokken panden",
            "Lokaal ondernemersloket",
        ),
        contact="Dienst Economie, Gemeente Veldrode (fictief)",
        sources=("Evaluatienota pop-upwinkels Veldrode 2023 (fictief)", "De Vitrine: inspiratie voor kernversterking"),
        video_url=yt(1),
        gemeenten=("DEMO2",),
        extras=("leegstand",),
        gallery=2,
        view_count=940,
    ),
    DemoCase(
        slug="demo-progressieve-leegstandsheffing-bremhout",
        title="Een leegstandsheffing die elk jaar zwaarder weegt",
        summary="Bremhout koppelde een stijgende heffing op leegstaande handelspanden aan een premie voor eigenaars die renoveren.",
        place_name="Bremhout, kernwinkelgebied",
        country="BE",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2021,
        themes=("beleid-visie", "ruimtelijke-ordening"),
        audiences=("lokale-besturen", "vastgoed"),
        concept=p(
            "Wie een handelspand in het kernwinkelgebied langer dan een jaar leeg laat staan, betaalt een heffing "
            "die elk jaar stijgt. Wie binnen het jaar een renovatie of herbestemming start, krijgt de heffing "
            "terug als premie. De heffing is geen inkomstenbron maar een duwtje."
        ),
        context=p(
            "Een klein aantal eigenaars liet panden jarenlang leeg in afwachting van een hogere huurprijs. De "
            "bestaande heffing was vlak en laag, zodat ze gewoon werd betaald en niets veranderde."
        ),
        approach=ul(
            "Een inventaris van alle handelspanden met de datum waarop ze leeg kwamen te staan.",
            "Een reglement met een heffing van € 1.000 het eerste jaar, € 2.000 het tweede en € 4.000 vanaf het derde.",
            "Vrijstellingen voor panden in verbouwing met een geldige vergunning en voor overmacht.",
            "Een persoonlijk gesprek met elke eigenaar vóór de eerste aanslag, met uitleg over de premie.",
        ),
        results=p(
            "Na twee jaar waren 11 van de 19 langdurig leegstaande panden opnieuw in gebruik of in verbouwing. Het "
            "aantal bezwaarschriften bleef beperkt tot drie, omdat eigenaars vooraf wisten wat er kwam."
        ),
        key_figures=(("19 → 8", "langdurig lege handelspanden"), ("3", "bezwaarschriften in twee jaar")),
        learnings=p(
            "Het gesprek vooraf leverde meer op dan de heffing zelf. Een correcte, actuele inventaris is de basis: "
            "één foutieve aanslag ondermijnt het draagvlak voor de hele maatregel."
        ),
        tips=ul(
            "Houd de inventaris bij met een vaste telling per kwartaal.",
            "Stem het reglement af met de financiële dienst en de jurist vóór de gemeenteraad.",
        ),
        dos=(
            "Communiceer het reglement een jaar voor de eerste aanslag.",
            "Koppel de heffing aan een positieve prikkel zoals een renovatiepremie.",
            "Bewaar bewijs van leegstand: foto's en vaststellingen met datum.",
        ),
        donts=(
            "Reken niet op de opbrengst in de meerjarenbegroting.",
            "Gebruik geen verouderde lijsten van leegstaande panden.",
            "Vergeet de vrijstellingen voor eigenaars in overmacht niet.",
        ),
        cost_class="lt10k",
        cost_note="Vooral personeelstijd; € 4.000 voor juridisch advies",
        duration="1 jaar voorbereiding, daarna doorlopend",
        partners=("Financiële dienst Bremhout (fictief)", "Vereniging van eigenaars kernwinkelgebied (fictief)"),
        contact="Dienst Lokale Economie, Stad Bremhout (fictief)",
        sources=("Reglement leegstandsheffing handelspanden Bremhout (fictief)",),
        gemeenten=("DEMO3",),
        extras=("leegstand",),
        view_count=610,
    ),
    DemoCase(
        slug="demo-wonen-boven-winkels-maasdijk",
        title="Wonen boven winkels in de Statiestraat",
        summary="Maasdijk hielp eigenaars de lege verdiepingen boven hun winkels om te bouwen tot 23 woningen met een eigen ingang.",
        place_name="Maasdijk, Statiestraat",
        country="BE",
        size_class="25k-50k",
        core_type="winkelstraat",
        year_started=2022,
        themes=("ruimtelijke-ordening", "beleid-visie"),
        audiences=("vastgoed", "ontwikkelaars", "investeerders"),
        concept=p(
            "De bovenverdiepingen van handelspanden staan vaak leeg omdat ze alleen via de winkel bereikbaar zijn. "
            "Door een aparte ingang te maken, krijgen ze een eigen bestemming als woning. Meer bewoners betekent "
            "meer leven en sociale controle in de straat, ook na sluitingstijd."
        ),
        context=p(
            "In de Statiestraat stonden boven 31 winkels de verdiepingen leeg of dienden ze als opslag. De straat "
            "was 's avonds uitgestorven en eigenaars zagen geen rendement in een verbouwing."
        ),
        approach=ul(
            "Een architect maakte gratis een haalbaarheidsschets per pand, met kosten en verwachte huur.",
            "De gemeente gaf een premie van maximaal € 15.000 per woning met een aparte toegang.",
            "Een vaste contactpersoon bundelde vergunning, brandweeradvies en premieaanvraag in één dossier.",
            "Twee buurpanden mochten samen één trappenhuis bouwen, wat de kosten per woning halveerde.",
        ),
        results=p(
            "Op drie jaar tijd kwamen er 23 woningen bij in 14 panden. De huurinkomsten maakten de investering voor "
            "de meeste eigenaars binnen twaalf jaar terugverdiend. Twee handelaars wonen nu zelf boven hun zaak."
        ),
        key_figures=(
            ("23", "nieuwe woningen boven winkels"),
            ("14", "panden verbouwd"),
            ("€ 15.000", "maximale premie per woning"),
        ),
        learnings=p(
            "De haalbaarheidsschets was de doorbraak: eigenaars zagen voor het eerst wat het kost en opbrengt. "
            "Brandveiligheid en een aparte toegang zijn de technische knelpunten; los ze per bouwblok op, niet per pand."
        ),
        tips=ul(
            "Zoek buurpanden die samen een ingang of trap kunnen delen.",
            "Leg vooraf vast hoe de gemeente omgaat met parkeernormen voor kleine woningen in de kern.",
        ),
        dos=(
            "Bied één loket voor vergunning, premie en advies.",
            "Toon voorbeelden die al klaar zijn aan twijfelende eigenaars.",
            "Bewaak de woonkwaliteit: licht, buitenruimte en geluid.",
        ),
        donts=(
            "Sta geen woningen toe die enkel via de winkel bereikbaar zijn.",
            "Verlies de handelsfunctie op het gelijkvloers niet uit het oog.",
            "Onderschat de doorlooptijd van de vergunningen niet.",
        ),
        cost_class="50k-250k",
        cost_note="€ 210.000 aan premies over drie jaar en € 20.000 voor haalbaarheidsschetsen",
        duration="3 jaar",
        partners=("Eigenaars in de Statiestraat", "Woonloket Maasdijk (fictief)", "Brandweerzone (adviserend)"),
        contact="Dienst Wonen en Economie, Gemeente Maasdijk (fictief)",
        sources=("Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",),
        gemeenten=("DEMO1",),
        gallery=1,
        view_count=720,
    ),
    DemoCase(
        slug="demo-kernwinkelgebied-afbakenen-lindeloo",
        title="Het kernwinkelgebied afbakenen: kleiner is sterker",
        summary="Lindeloo trok een strakke grens rond het winkelhart, zodat nieuwe winkels daar komen en de randen mogen omvormen.",
        place_name="Lindeloo-Centrum",
        country="BE",
        size_class="10k-25k",
        core_type="stadskern",
        year_started=2023,
        themes=("ruimtelijke-ordening", "beleid-visie"),
        audiences=("lokale-besturen", "ontwikkelaars"),
        concept=p(
            "Een kernwinkelgebied is het deel van de kern waar de gemeente detailhandel wil samenbrengen. Binnen de "
            "grens zijn nieuwe winkels welkom; buiten de grens mogen handelspanden omgevormd worden tot wonen, "
            "diensten of ateliers. Een compact winkelhart houdt de loopstromen bij elkaar."
        ),
        context=p(
            "De winkels in Lindeloo lagen verspreid over anderhalve kilometer. De uiteinden van de Molenstraat "
            "verloren hun winkels één voor één, terwijl rond het Kerkplein nog vraag was naar handelsruimte."
        ),
        approach=ul(
            "Een telling van alle handelspanden, hun functie en hun leegstand.",
            "Passantentellingen op zes punten om te zien waar mensen echt wandelen.",
            "Drie workshops met handelaars, eigenaars en bewoners over een voorstel van grens.",
            "Vastlegging in het gemeentelijk beleidsplan en in het reglement voor handelsvestiging.",
        ),
        results=p(
            "Het afgebakende gebied is 40% kleiner dan de zone waar vroeger winkels stonden. Binnen de grens daalde "
            "de leegstand van 14% naar 9%; daarbuiten werden acht panden omgevormd tot woningen of praktijkruimtes."
        ),
        key_figures=(
            ("-40%", "oppervlakte winkelzone"),
            ("14% → 9%", "leegstand binnen de grens"),
            ("8", "panden buiten de grens omgevormd"),
        ),
        learnings=p(
            "De grens trekken is vooral een gesprek over verlies: eigenaars aan de rand vrezen waardedaling. Geef "
            "hen een alternatief (wonen, diensten) en een overgangsperiode, dan groeit het draagvlak."
        ),
        tips=ul(
            "Baseer de grens op tellingen van passanten en niet enkel op de kaart.",
            "Zet de grens ook in de vergunningverlening, anders blijft ze op papier.",
        ),
        dos=(
            "Betrek eigenaars aan de rand vanaf de eerste workshop.",
            "Teken de grens per perceel, niet met een dikke stift.",
            "Evalueer de grens na vijf jaar met nieuwe tellingen.",
        ),
        donts=(
            "Neem de oude winkelzone niet zomaar over als grens.",
            "Laat baanwinkels buiten de kern niet ongemoeid groeien.",
            "Beloof geen vergoeding voor waardedaling die je niet kunt geven.",
        ),
        cost_class="10k-50k",
        cost_note="€ 32.000 voor tellingen, studiewerk en begeleiding van de workshops",
        duration="10 maanden",
        partners=("Studiebureau ruimtelijke planning (fictief)", "Handelaarsvereniging Lindeloo (fictief)"),
        contact="Dienst Omgeving, Gemeente Lindeloo (fictief)",
        sources=("Beleidsplan detailhandel Lindeloo 2023 (fictief)", "De Vitrine: inspiratie voor kernversterking"),
        gemeenten=("DEMO4",),
        view_count=530,
    ),
    DemoCase(
        slug="demo-avondmarkt-marktplein-maasdijk",
        title="Een avondmarkt op donderdag brengt werkenden naar het plein",
        summary="Maasdijk verplaatste een deel van de weekmarkt naar de donderdagavond, met streekproducten, foodtrucks en muziek.",
        place_name="Maasdijk, Marktplein",
        country="BE",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2023,
        themes=("beleving-aantrekking", "samenwerking"),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "De klassieke weekmarkt op dinsdagvoormiddag trekt vooral gepensioneerden. Een avondmarkt van 16 tot 21 "
            "uur spreekt werkende gezinnen aan. Streekproducten, een paar foodtrucks en een muzikant maken van "
            "boodschappen doen een uitje."
        ),
        context=p(
            "Het aantal marktkramers daalde in tien jaar van 42 naar 25. De handelaars rond het plein zagen de "
            "markt als concurrent in plaats van als trekker."
        ),
        approach=ul(
            "Een proef van acht weken in de zomer met twaalf kramers en vier foodtrucks.",
            "Winkels rond het plein bleven op donderdag open tot 20 uur en kregen een kraam aan hun gevel.",
            "Het marktreglement werd aangepast met een apart abonnement voor de avondmarkt.",
        ),
        results=p(
            "Tijdens de proef kwamen gemiddeld 1.800 bezoekers per avond, drie keer zoveel als op de dinsdagmarkt. "
            "Zeven winkels rond het plein meldden een hogere omzet op donderdag. De avondmarkt loopt nu van april tot september."
        ),
        key_figures=(("1.800", "bezoekers per avond"), ("7", "winkels met hogere donderdagomzet")),
        learnings=p(
            "De avondmarkt werkt omdat de winkels meedoen: zonder open winkels blijft het een losstaand evenement. "
            "Verlichting en zitplekken zijn belangrijker dan een groot podium."
        ),
        tips=ul(
            "Begin met een proef in de zomer: lange avonden vergeven veel.",
            "Geef marktkramers en winkeliers één gezamenlijk aanspreekpunt.",
        ),
        dos=(
            "Plan de avondmarkt op een vaste dag, elke week.",
            "Zorg voor zitplekken en verlichting op het plein.",
            "Meet bezoekers en omzet vóór en na de proef.",
        ),
        donts=(
            "Maak van de markt geen festival met luide muziek die bewoners wegjaagt.",
            "Laat foodtrucks niet de plaats innemen van de kramers met verse producten.",
            "Vergeet afvalbeheer en toiletten niet.",
        ),
        cost_class="lt10k",
        cost_note="€ 7.500 per seizoen voor verlichting, muziek en promotie",
        duration="8 weken proef, daarna jaarlijks van april tot september",
        partners=("Marktcommissie Maasdijk (fictief)", "Handelaars rond het Marktplein"),
        contact="Dienst Markten en Evenementen, Gemeente Maasdijk (fictief)",
        sources=("Evaluatie avondmarkt Maasdijk (fictief)",),
        video_url=yt(2),
        gemeenten=("DEMO1",),
        extras=("markt",),
        view_count=380,
    ),
    DemoCase(
        slug="demo-lokale-cadeaubon-veldrode",
        title="Eén cadeaubon voor alle zaken in het dorp",
        summary="Veldrode liet handelaars samen een digitale cadeaubon uitgeven die je bij 64 lokale zaken kunt besteden.",
        place_name="Veldrode",
        country="BE",
        size_class="10k-25k",
        core_type="dorpskern",
        year_started=2021,
        themes=("samenwerking", "beleving-aantrekking"),
        audiences=("ondernemers",),
        concept=p(
            "Een gezamenlijke cadeaubon houdt koopkracht in het dorp: wie een bon krijgt, besteedt hem bij een lokale "
            "handelaar en koopt er vaak iets bij. Bedrijven kopen de bon als eindejaarsgeschenk voor hun personeel."
        ),
        context=p(
            "Veel inwoners kochten geschenkbonnen van grote ketens of webwinkels. De handelaarsvereniging had een "
            "papieren bon, maar die werd weinig gebruikt en kostte veel administratie."
        ),
        approach=ul(
            "De vereniging koos een digitaal bonnensysteem met een kaart en een QR-code.",
            "De gemeente betaalde het eerste jaar de licentie en gaf haar personeel de bon als geschenk.",
            "Lokale bedrijven werden persoonlijk aangesproken om de bon als personeelsgeschenk te kopen.",
        ),
        results=p(
            "In het eerste jaar werd voor € 310.000 aan bonnen verkocht, waarvan 96% werd besteed. Gemiddeld gaven "
            "klanten € 18 meer uit dan de waarde van de bon."
        ),
        key_figures=(
            ("€ 310.000", "bonnen verkocht in jaar 1"),
            ("64", "deelnemende zaken"),
            ("96%", "van de bonnen besteed"),
        ),
        learnings=p(
            "Bedrijven zijn de grootste klant, niet particulieren. Een digitaal systeem vraagt wel een kleine "
            "opleiding voor handelaars die geen kassasysteem met scanner hebben."
        ),
        tips=ul(
            "Verkoop de bon actief aan bedrijven in oktober, voor de eindejaarsgeschenken.",
            "Toon op één kaart alle zaken waar de bon geldt.",
        ),
        dos=(
            "Laat de vereniging eigenaar zijn van de bon, niet de gemeente.",
            "Betaal handelaars snel uit, binnen een week.",
            "Maak horeca en diensten ook deelnemer.",
        ),
        donts=(
            "Reken geen hoge commissie aan kleine handelaars.",
            "Laat bonnen niet na een paar maanden vervallen.",
            "Start niet zonder afspraken over wie de klantenvragen beantwoordt.",
        ),
        cost_class="10k-50k",
        cost_note="€ 12.000 voor licentie en lancering; daarna gedragen door een kleine commissie",
        duration="Doorlopend sinds 2021",
        partners=("Handelaarsvereniging Veldrode (fictief)", "Lokale bedrijven als afnemers"),
        contact="Handelaarsvereniging Veldrode, werkgroep cadeaubon (fictief)",
        sources=("Jaarverslag handelaarsvereniging Veldrode (fictief)",),
        gemeenten=("DEMO2",),
        view_count=450,
    ),
    DemoCase(
        slug="demo-winterwandeling-met-licht-bremhout",
        title="Een lichtwandeling maakt de winteravonden gezellig",
        summary="Bremhout verbond tien lichtinstallaties tot een wandelroute langs de winkels, van eind november tot half januari.",
        place_name="Bremhout, kernwinkelgebied",
        country="BE",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2023,
        themes=("beleving-aantrekking",),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "In plaats van een grote kerstmarkt op één plek, verbindt een route met lichtkunst de winkelstraten. "
            "Wie de route wandelt, passeert vanzelf langs de etalages en de cafés."
        ),
        context=p(
            "De vroegere kerstmarkt trok veel volk naar één plein, maar de winkelstraten bleven leeg. Handelaars "
            "vroegen een beleving die hen ook iets opbracht."
        ),
        approach=ul(
            "Lokale kunstenaars en een school voor lichttechniek ontwierpen tien installaties.",
            "Een route van 1,8 km met een kaart en een speurtocht voor kinderen.",
            "Handelaars langs de route bleven op vrijdag open tot 21 uur.",
        ),
        results=p(
            "De passantentellers telden in december 22% meer bezoekers dan het jaar ervoor, vooral na 17 uur. "
            "Horeca langs de route was op vrijdagavond volzet."
        ),
        key_figures=(("+22%", "passanten in december"), ("10", "lichtinstallaties"), ("1,8 km", "wandelroute")),
        learnings=p(
            "Een route verspreidt de bezoekers beter dan één evenement. Het duurzaam en herbruikbaar ontwerpen "
            "van de installaties halveerde de kosten in het tweede jaar."
        ),
        tips=ul(
            "Kies LED-verlichting en herbruikbare constructies.",
            "Zet de route in bestaande kaartapps en op de website van de handelaars.",
        ),
        dos=(
            "Leid de route langs winkels én horeca.",
            "Meet het effect met passantentellingen.",
            "Werk met lokale makers: dat geeft verhalen voor de pers.",
        ),
        donts=(
            "Concentreer niet alles op één plein.",
            "Vergeet veiligheid en bekabeling op het voetpad niet.",
            "Laat de verlichting niet de hele nacht branden.",
        ),
        cost_class="10k-50k",
        cost_note="€ 45.000 het eerste jaar, € 20.000 in de volgende jaren",
        duration="7 weken per jaar",
        partners=("Lokale kunstenaars", "Technische school Bremhout (fictief)", "Horeca Bremhout (fictief)"),
        contact="Dienst Evenementen, Stad Bremhout (fictief)",
        sources=("Evaluatie lichtwandeling Bremhout (fictief)",),
        gemeenten=("DEMO3",),
        extras=("bunting",),
        gallery=1,
        view_count=300,
    ),
    DemoCase(
        slug="demo-leegstandsmonitor-bremhout",
        title="Een leegstandsmonitor die elk kwartaal wordt bijgewerkt",
        summary="Bremhout telt elk kwartaal alle handelspanden en zet leegstand, functiemix en doorlooptijd op één kaart.",
        place_name="Bremhout",
        country="BE",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2020,
        themes=("data", "beleid-visie"),
        audiences=("lokale-besturen", "vastgoed"),
        concept=p(
            "Beleid over leegstand begint met weten welke panden leeg staan, sinds wanneer en waarom. Een vaste "
            "telling per kwartaal geeft een betrouwbaar beeld en toont of maatregelen werken."
        ),
        context=p(
            "De stad werkte met een lijst die eens per jaar werd bijgewerkt door een stagiair. De cijfers waren "
            "altijd verouderd en niemand vertrouwde ze."
        ),
        approach=ul(
            "Eén medewerker loopt elk kwartaal het kernwinkelgebied af met een tablet.",
            "Per pand worden functie, branche, leegstand en oppervlakte genoteerd.",
            "De resultaten komen in een kaart en een kort rapport voor het college.",
            "Eigenaars van panden die langer dan een jaar leeg staan, worden automatisch gecontacteerd.",
        ),
        results=p(
            "Na vier jaar zijn er 16 tellingen die samen tonen hoe de leegstand evolueerde: van 12,8% naar 8,1%. De "
            "monitor is de basis voor de leegstandsheffing en voor het gesprek met makelaars."
        ),
        key_figures=(("16", "kwartaaltellingen"), ("12,8% → 8,1%", "leegstand in aantal panden")),
        learnings=p(
            "De waarde zit in de reeks, niet in één telling. Een vaste methode en dezelfde definities elk kwartaal "
            "zijn belangrijker dan een duur softwarepakket."
        ),
        tips=ul(
            "Leg de definitie van leegstand vast voor je begint en verander ze niet.",
            "Deel de cijfers met makelaars en eigenaars: zij hebben ook belang bij een juist beeld.",
        ),
        dos=(
            "Tel op vaste momenten met dezelfde persoon of methode.",
            "Noteer ook de oppervlakte, niet alleen het aantal panden.",
            "Rapporteer kort en visueel aan het bestuur.",
        ),
        donts=(
            "Vertrouw niet blind op kadastrale gegevens.",
            "Verander geen definities midden in een reeks.",
            "Publiceer geen namen van eigenaars.",
        ),
        cost_class="lt10k",
        cost_note="Vier dagen werk per kwartaal en € 1.500 per jaar voor software",
        duration="Doorlopend sinds 2020",
        partners=("GIS-dienst Bremhout (fictief)",),
        contact="Dienst Lokale Economie, Stad Bremhout (fictief)",
        sources=("Kwartaalrapport leegstand Bremhout (fictief)",),
        gemeenten=("DEMO3",),
        view_count=275,
    ),
    DemoCase(
        slug="demo-starterspremie-molenstraat-lindeloo",
        title="Een starterspremie alleen voor het winkelhart",
        summary="Lindeloo geeft starters een huurpremie van 50% tijdens het eerste jaar, maar enkel binnen het kernwinkelgebied.",
        place_name="Lindeloo, Molenstraat",
        country="BE",
        size_class="10k-25k",
        core_type="winkelstraat",
        year_started=2022,
        themes=("beleid-visie", "trends-ontwikkelingen"),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "Een premie trekt nieuwe zaken precies naar de plaats waar de gemeente ze wil hebben. Door ze te beperken "
            "tot het kernwinkelgebied versterkt de premie de afbakening in plaats van ze te ondergraven."
        ),
        context=p(
            "Lindeloo had een algemene starterspremie die ook werd gebruikt voor zaken aan de rand of langs de "
            "steenweg. Het winkelhart zelf had er weinig aan."
        ),
        approach=ul(
            "De premie dekt 50% van de huur in het eerste jaar, met een maximum van € 6.000.",
            "Voorwaarde is een ondernemingsplan dat door het ondernemersloket is nagekeken.",
            "Starters krijgen een mentor uit de handelaarsvereniging.",
        ),
        results=p(
            "In drie jaar openden 17 zaken met de premie, waarvan 13 na twee jaar nog open zijn. Het aandeel "
            "zelfstandige zaken in de Molenstraat steeg van 52% naar 61%."
        ),
        key_figures=(("17", "starters met premie"), ("13", "na twee jaar nog open")),
        learnings=p(
            "De mentor bleek minstens zo belangrijk als het geld. Een strenge toets van het ondernemingsplan "
            "voorkomt dat de premie een zwak plan nog een jaar rekt."
        ),
        tips=ul(
            "Koppel de premie aan de afbakening van het kernwinkelgebied.",
            "Betaal per kwartaal uit, op basis van betaalde huur.",
        ),
        dos=(
            "Laat een onafhankelijk loket het ondernemingsplan nakijken.",
            "Bied begeleiding naast geld.",
            "Volg op na één en twee jaar.",
        ),
        donts=(
            "Geef geen premie die de huurprijs van de eigenaar opdrijft.",
            "Geef geen premie voor zaken buiten het winkelhart.",
            "Vergeet niet de premie te evalueren na drie jaar.",
        ),
        cost_class="10k-50k",
        cost_note="Gemiddeld € 35.000 per jaar aan premies",
        duration="Doorlopend sinds 2022",
        partners=("Ondernemersloket (fictief)", "Handelaarsvereniging Lindeloo (fictief)"),
        contact="Dienst Economie, Gemeente Lindeloo (fictief)",
        sources=("Reglement starterspremie kernwinkelgebied Lindeloo (fictief)",),
        gemeenten=("DEMO4",),
        view_count=410,
    ),
    DemoCase(
        slug="demo-rustpunten-wandelroutes-beukenrode",
        title="Rustbanken om de vijftig meter: een kern voor wie minder goed te been is",
        summary="In deelkern Beukenrode kwamen 22 rustpunten langs de looproutes naar bakker, apotheek en kerk.",
        place_name="Veldrode, deelkern Beukenrode",
        country="BE",
        size_class="10k-25k",
        core_type="dorpskern",
        year_started=2024,
        themes=("mobiliteit", "beleving-aantrekking"),
        audiences=("lokale-besturen",),
        concept=p(
            "Oudere bewoners doen boodschappen in hun eigen kern zolang ze er veilig en comfortabel kunnen wandelen. "
            "Rustpunten op korte afstand van elkaar maken de dorpskern toegankelijk voor wie niet ver kan stappen."
        ),
        context=p(
            "Beukenrode vergrijst snel. Bewoners gaven aan dat ze de bakker en de apotheek met de auto bezochten omdat "
            "er onderweg nergens een zitplek was."
        ),
        approach=ul(
            "Een wandeling met de seniorenraad bracht de belangrijkste routes en knelpunten in kaart.",
            "Op 22 plaatsen kwam een bank met armleuningen, om de 50 tot 80 meter.",
            "Drie winkels stelden een 'rustpunt' in hun zaak open: een stoel en een glas water.",
        ),
        results=p(
            "Een bevraging na zes maanden toonde dat 38% van de senioren vaker te voet naar de kern kwam. De bakker "
            "en de apotheek zagen meer vaste klanten op weekdagen."
        ),
        key_figures=(("22", "rustpunten"), ("38%", "senioren die vaker te voet komen")),
        learnings=p(
            "Een kleine ingreep met een groot effect, op voorwaarde dat de plaatsen gekozen worden met de gebruikers "
            "zelf. Armleuningen maken het verschil tussen een bank die wordt gebruikt en een bank die leeg blijft."
        ),
        tips=ul(
            "Wandel de routes met de seniorenraad, niet met een plan op tafel.",
            "Combineer met vlakke voetpaden en verlaagde boordstenen.",
        ),
        dos=(
            "Kies banken met armleuningen en rugleuning.",
            "Zet rustpunten in de schaduw.",
            "Vraag winkels om mee te doen als binnenrustpunt.",
        ),
        donts=(
            "Zet geen bank waar niemand langs wandelt.",
            "Vergeet het onderhoud en de reiniging niet.",
            "Plaats banken niet te dicht bij gevels van bewoners zonder overleg.",
        ),
        cost_class="lt10k",
        cost_note="€ 9.500 voor banken en plaatsing",
        duration="4 maanden",
        partners=("Seniorenraad Veldrode (fictief)", "Technische dienst Veldrode (fictief)"),
        contact="Dienst Mobiliteit, Gemeente Veldrode (fictief)",
        sources=("Verslag wandeling seniorenraad Beukenrode (fictief)",),
        gemeenten=("DEMO2",),
        view_count=120,
    ),
    DemoCase(
        slug="demo-eigenaarstafel-statiestraat-maasdijk",
        title="Eigenaars rond de tafel in de Statiestraat",
        summary="Maasdijk bracht de 40 eigenaars van de Statiestraat samen rond een gedeeld plan voor huurmix en gevels.",
        place_name="Maasdijk, Statiestraat",
        country="BE",
        size_class="25k-50k",
        core_type="winkelstraat",
        year_started=2023,
        themes=("samenwerking",),
        audiences=("vastgoed", "investeerders", "lokale-besturen"),
        concept=p(
            "Eigenaars bepalen wie er in een winkelstraat komt, maar ze beslissen elk apart. Een eigenaarstafel maakt "
            "van veertig losse beslissingen één gedeelde strategie: welke mix willen we, welke huurprijzen zijn "
            "realistisch, wie pakt de gevels aan?"
        ),
        context=p(
            "De helft van de eigenaars woonde niet in Maasdijk en kende de straat alleen van de huurinkomsten. De "
            "gemeente had geen zicht op wie eigenaar was van wat."
        ),
        approach=ul(
            "Via het kadaster en de notarissen werden alle eigenaars opgespoord en persoonlijk uitgenodigd.",
            "Een onafhankelijke voorzitter leidde vier bijeenkomsten per jaar.",
            "De gemeente bracht cijfers in: passanten, leegstand en huurprijzen in vergelijkbare kernen.",
            "Eigenaars spraken een gewenste branchemix en een gezamenlijke gevelaanpak af.",
        ),
        results=p(
            "28 van de 40 eigenaars doen mee. Vijf lege panden werden verhuurd aan zaken die passen in de "
            "afgesproken mix, en negen eigenaars vragen samen een gevelpremie aan."
        ),
        key_figures=(("28 van 40", "eigenaars aan tafel"), ("5", "panden verhuurd volgens de mix")),
        learnings=p(
            "Eigenaars willen cijfers, geen beleidsteksten. Een neutrale voorzitter voorkomt dat de gemeente als "
            "partij wordt gezien die iets komt opleggen."
        ),
        tips=ul(
            "Nodig eigenaars persoonlijk uit, per brief én telefonisch.",
            "Breng bij elke bijeenkomst één nieuw cijfer of voorbeeld mee.",
        ),
        dos=(
            "Start met een volledig overzicht van de eigenaars.",
            "Werk met een onafhankelijke voorzitter.",
            "Leg afspraken schriftelijk vast.",
        ),
        donts=(
            "Maak van de tafel geen informatieavond van de gemeente.",
            "Laat geen vertrouwelijke huurprijzen rondgaan.",
            "Verwacht niet dat iedereen meteen meedoet.",
        ),
        cost_class="lt10k",
        cost_note="€ 6.000 per jaar voor de voorzitter en de zaal",
        duration="Doorlopend sinds 2023",
        partners=("Eigenaars in de Statiestraat", "Notarissen en makelaars uit de regio"),
        contact="Centrummanagement, Gemeente Maasdijk (fictief)",
        sources=("Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",),
        gemeenten=("DEMO1",),
        view_count=350,
    ),
    DemoCase(
        slug="demo-kernversterkingsvisie-lindeloo",
        title="Een kernversterkingsvisie in vijf stappen",
        summary="Lindeloo schreef met handelaars en bewoners een visie op de kern, met tien concrete acties en een jaarlijkse opvolging.",
        place_name="Lindeloo",
        country="BE",
        size_class="10k-25k",
        core_type="stadskern",
        year_started=2020,
        themes=("beleid-visie", "samenwerking"),
        audiences=("lokale-besturen",),
        concept=p(
            "Een visie op de kern geeft richting aan alle beslissingen die de kern raken: verkeer, vergunningen, "
            "evenementen, premies. Ze is kort, gedragen en vertaald in acties met een trekker en een budget."
        ),
        context=p(
            "Maatregelen voor de kern werden jaar na jaar los van elkaar genomen. Elke dienst deed iets, maar "
            "niemand kon zeggen waar de kern over tien jaar moest staan."
        ),
        approach=ul(
            "Stap 1: een analyse van de kern met cijfers over leegstand, passanten en bereikbaarheid.",
            "Stap 2: een bevraging van 900 inwoners en 80 handelaars.",
            "Stap 3: twee ateliers om keuzes te maken: welke rol speelt de kern in de regio?",
            "Stap 4: een visietekst van acht pagina's met tien acties.",
            "Stap 5: een jaarlijkse opvolging in de gemeenteraad.",
        ),
        results=p(
            "Zeven van de tien acties zijn na vier jaar uitgevoerd, waaronder de afbakening van het kernwinkelgebied "
            "en de starterspremie. De visie wordt gebruikt als toetssteen bij vergunningen."
        ),
        key_figures=(("10", "acties in de visie"), ("7", "uitgevoerd na vier jaar"), ("900", "inwoners bevraagd")),
        learnings=p(
            "Een korte visie wordt gelezen, een dikke niet. De jaarlijkse opvolging in de raad hield de visie "
            "levend over een verkiezing heen."
        ),
        tips=ul(
            "Geef elke actie een trekker, een budget en een datum.",
            "Gebruik de visie actief bij vergunningsaanvragen.",
        ),
        dos=(
            "Maak keuzes, ook als ze pijn doen.",
            "Betrek alle diensten, niet alleen economie.",
            "Houd de tekst kort.",
        ),
        donts=(
            "Laat de visie niet schrijven door een bureau zonder lokale inbreng.",
            "Maak geen lijst met vijftig acties.",
            "Laat de visie niet in een schuif verdwijnen na goedkeuring.",
        ),
        cost_class="10k-50k",
        cost_note="€ 38.000 voor analyse, bevraging en begeleiding",
        duration="1 jaar opmaak, 6 jaar uitvoering",
        partners=("Studiebureau (fictief)", "Handelaarsvereniging Lindeloo (fictief)", "Adviesraad lokale economie"),
        contact="Dienst Strategie, Gemeente Lindeloo (fictief)",
        sources=("Kernversterkingsvisie Lindeloo 2020-2026 (fictief)", "De Vitrine: inspiratie voor kernversterking"),
        gemeenten=("DEMO4",),
        view_count=800,
    ),
    DemoCase(
        slug="demo-kern-dna-traject-torrenmolen",
        title="Het DNA van de stadskern als kompas",
        summary="Torrenmolen zocht met bewoners, handelaars en studenten naar wat de kern uniek maakt, en koos daar drie speerpunten uit.",
        place_name="Torrenmolen",
        country="BE",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2019,
        themes=("beleid-visie", "samenwerking", "beleving-aantrekking"),
        audiences=("lokale-besturen", "ondernemers"),
        concept=p(
            "Elke kern heeft een eigen karakter: zijn geschiedenis, zijn mensen, zijn plekken. Een DNA-traject legt dat "
            "karakter bloot en maakt het tot kompas voor beslissingen. Wat past bij ons, en wat kopiëren we beter "
            "niet van de buren?"
        ),
        context=p(
            "Torrenmolen organiseerde dezelfde evenementen als de buurgemeenten en verloor bezoekers aan grotere "
            "steden. De stad miste een eigen verhaal."
        ),
        approach=ul(
            "Studenten interviewden 120 bewoners, bezoekers en handelaars over wat hen raakt in de kern.",
            "Een fotowedstrijd 'Mijn Torrenmolen' leverde 400 beelden op van favoriete plekken.",
            "In drie werksessies werden de resultaten samengevat in een DNA-kaart met vijf kernwaarden.",
            "Het bestuur koos drie speerpunten: ambacht, water en ontmoeting.",
        ),
        results=p(
            "De DNA-kaart wordt gebruikt bij de keuze van evenementen, de inrichting van pleinen en de werving van "
            "nieuwe zaken. Twee ambachtelijke zaken openden bewust in Torrenmolen omdat ze zich in het verhaal herkenden."
        ),
        key_figures=(("120", "interviews"), ("400", "foto's van favoriete plekken"), ("3", "speerpunten")),
        learnings=p(
            "Het traject zelf bracht mensen samen die elkaar anders niet spraken. Het DNA moet concreet vertaald worden, "
            "anders blijft het een mooie poster."
        ),
        tips=ul(
            "Werk samen met een hogeschool: studenten brengen een frisse blik.",
            "Toets elke nieuwe actie aan de DNA-kaart.",
        ),
        dos=(
            "Luister naar bewoners en bezoekers, niet alleen naar experten.",
            "Beperk je tot enkele kernwaarden.",
            "Vertaal het DNA in concrete keuzes.",
        ),
        donts=(
            "Vraag geen slogan aan een reclamebureau in de plaats van een DNA-traject.",
            "Kopieer het DNA van een andere stad niet.",
            "Stop niet na de presentatie van de resultaten.",
        ),
        cost_class="10k-50k",
        cost_note="€ 28.000, deels gedragen door de provincie",
        duration="9 maanden",
        partners=(
            "Hogeschool uit de regio (fictief)",
            "Provinciale dienst economie (fictief)",
            "Handelaarsvereniging Torrenmolen (fictief)",
        ),
        contact="Stadsmarketing, Stad Torrenmolen (fictief)",
        sources=("Naar de Kern: samen bouwen aan een bedrijvige stadskern",),
        video_url=yt(3),
        gallery=1,
        view_count=1020,
    ),
    DemoCase(
        slug="demo-baanwinkels-omvormen-torrenmolen",
        title="Van baanwinkels naar een gemengde wijk langs de steenweg",
        summary="Torrenmolen vormt een lint van lege baanwinkels om tot woningen, kleine bedrijven en een groene fietsroute.",
        place_name="Torrenmolen, Noordersteenweg",
        country="BE",
        size_class="25k-50k",
        core_type="baanwinkelgebied",
        year_started=2021,
        themes=("ruimtelijke-ordening", "trends-ontwikkelingen"),
        audiences=("ontwikkelaars", "investeerders", "vastgoed"),
        concept=p(
            "Baanwinkels langs steenwegen verliezen terrein aan webwinkels en aan winkels in de kern. In plaats van ze "
            "leeg te laten staan, kunnen ze omgevormd worden tot een gemengde strook met wonen, werken en groen, "
            "zodat de detailhandel terugkeert naar de kern."
        ),
        context=p(
            "Langs 1,2 km steenweg stonden 14 baanwinkels, waarvan vijf leeg. De parkings besloegen meer oppervlakte "
            "dan de gebouwen zelf."
        ),
        approach=ul(
            "Een ruimtelijk uitvoeringsplan legde nieuwe bestemmingen vast: wonen, kleine bedrijvigheid en groen.",
            "De stad kocht twee sleutelpercelen aan om de herontwikkeling op gang te trekken.",
            "Ontwikkelaars kregen bouwrechten in ruil voor het opgeven van handelsoppervlakte.",
            "Een vrijliggend fietspad en een groene buffer vervingen een deel van de parkings.",
        ),
        results=p(
            "In de eerste fase werden 6.500 m² handelsoppervlakte geschrapt en 86 woningen en 12 bedrijfsunits gebouwd. "
            "De verharde oppervlakte daalde met 30%."
        ),
        key_figures=(("6.500 m²", "handelsoppervlakte geschrapt"), ("86", "nieuwe woningen"), ("-30%", "verharding")),
        learnings=p(
            "Zonder aankoop van sleutelpercelen bleef het plan jarenlang op papier. Bouwrechten ruilen tegen "
            "handelsoppervlakte werkt als de grondwaarde van wonen hoog genoeg is."
        ),
        tips=ul(
            "Maak een ruimtelijke visie voor de hele strook, niet per perceel.",
            "Werk met een grondbank of intercommunale voor aankopen.",
        ),
        dos=(
            "Schrap handelsoppervlakte definitief in het plan.",
            "Plan groen en fietsroutes mee.",
            "Werk in fases met een voorbeeldproject.",
        ),
        donts=(
            "Sta geen nieuwe baanwinkels toe terwijl je andere omvormt.",
            "Vergeet de bestaande huurders niet tijdens de overgang.",
            "Onderschat bodemsanering op oude parkings niet.",
        ),
        cost_class="gte250k",
        cost_note="€ 3,4 miljoen voor aankopen en openbaar domein, deels gesubsidieerd",
        duration="8 jaar, in drie fases",
        partners=("Intercommunale ontwikkelingsmaatschappij (fictief)", "Twee projectontwikkelaars (fictief)"),
        contact="Dienst Ruimtelijke Planning, Stad Torrenmolen (fictief)",
        sources=("Ruimtelijk uitvoeringsplan steenweg Torrenmolen (fictief)",),
        view_count=490,
    ),
    DemoCase(
        slug="demo-ontharden-dorpsplein-heidegem",
        title="Het dorpsplein ontharden: van parking naar groene ontmoetingsplek",
        summary="Heidegem haalde 2.400 m² asfalt weg en maakte van de parking voor de kerk een plein met bomen en wadi's.",
        place_name="Heidegem, Dorpsplein",
        country="BE",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2022,
        themes=("duurzaamheid", "ruimtelijke-ordening"),
        audiences=("lokale-besturen",),
        concept=p(
            "Een verhard plein warmt op in de zomer en laat regenwater weglopen naar de riolering. Door te ontharden, "
            "bomen te planten en regenwater te laten infiltreren, wordt het plein koeler, groener en aangenamer om "
            "te verblijven. Meer verblijven betekent meer bezoekers voor de zaken rond het plein."
        ),
        context=p(
            "Het dorpsplein was een parking voor 80 auto's die buiten de misuren half leeg stond. Bij hevige regen "
            "liep de kelder van het café onder water."
        ),
        approach=ul(
            "Een parkeertelling toonde dat 35 plaatsen volstonden; de rest kwam op een randparking op 200 meter.",
            "Bewoners kozen uit drie ontwerpen tijdens een infomarkt op het plein zelf.",
            "2.400 m² asfalt werd vervangen door gras, plantvakken, 26 bomen en twee wadi's.",
            "Een waterspeelplek en zitranden nodigen uit om te blijven.",
        ),
        results=p(
            "Op hete dagen is het plein tot 6 °C koeler dan voorheen. Het café en de bakker openden een terras en "
            "meldden meer klanten. Bij de zware regen van 2024 liep geen enkele kelder onder."
        ),
        key_figures=(("2.400 m²", "onthard"), ("26", "nieuwe bomen"), ("-6 °C", "op hete dagen")),
        learnings=p(
            "De parkeertelling haalde de angel uit het debat: iedereen zag dat de helft van de plaatsen leeg stond. "
            "Tijdelijke proefopstellingen hadden het draagvlak nog sneller kunnen opbouwen."
        ),
        tips=ul(
            "Tel het parkeergebruik op verschillende momenten voor je het debat opent.",
            "Zoek subsidies voor ontharding en klimaatadaptatie.",
        ),
        dos=(
            "Laat bewoners kiezen tussen ontwerpen.",
            "Kies bomen die hitte en droogte verdragen.",
            "Voorzie zitplekken in de schaduw.",
        ),
        donts=(
            "Schrap geen parkeerplaatsen zonder alternatief in de buurt.",
            "Vergeet het onderhoud van groen niet te budgetteren.",
            "Ontwerp geen plein dat enkel mooi is op een foto.",
        ),
        cost_class="gte250k",
        cost_note="€ 780.000, waarvan 40% subsidie voor ontharding",
        duration="2 jaar ontwerp en uitvoering",
        partners=("Landschapsarchitect (fictief)", "Rioolbeheerder (fictief)", "Bewoners en handelaars rond het plein"),
        contact="Dienst Openbaar Domein, Gemeente Heidegem (fictief)",
        sources=(
            "Ontwerpnota Dorpsplein Heidegem (fictief)",
            "Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",
        ),
        video_url=yt(4),
        extras=("groen",),
        gallery=2,
        view_count=870,
    ),
)
