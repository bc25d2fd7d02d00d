# ruff: noqa: E501 -- prose: a summary or a sentence reads better on one line than cut to the line length
"""Demo cases, part 2: invented Flemish towns and cities (Gaverhove, Leiestede, Scheldemonde, Zoutebeke, Dijlegem).

All invented for the Kernkompas demo; the places do not exist.
"""

from kernkompas.vitrine.demo.text import DemoCase, p, ul, yt

CASES = (
    DemoCase(
        slug="demo-autovrij-marktplein-gaverhove",
        title="Een zomer lang een autovrij marktplein",
        summary="Gaverhove sloot het marktplein drie maanden af voor auto's, met tijdelijk meubilair, en liet daarna de inwoners beslissen.",
        place_name="Gaverhove, Marktplein",
        country="BE",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2023,
        themes=("mobiliteit", "beleving-aantrekking"),
        audiences=("lokale-besturen", "ondernemers"),
        concept=p(
            "Een tijdelijke proefopstelling laat mensen ervaren hoe een plein zonder auto's aanvoelt, voor er een euro "
            "in een definitieve heraanleg gaat. Wie het beleeft, oordeelt anders dan wie erover leest."
        ),
        context=p(
            "Het marktplein van Gaverhove was een doorgangsroute en een parking. De handelaars vreesden dat een "
            "autovrij plein klanten zou kosten; bewoners klaagden over sluipverkeer."
        ),
        approach=ul(
            "Het plein werd van juni tot augustus afgesloten met plantenbakken.",
            "Houten zitelementen, een speelhoek en ruimte voor terrassen werden tijdelijk geplaatst.",
            "Kortparkeren voor de apotheek en laden en lossen bleef mogelijk aan de rand van het plein.",
            "In september volgde een bevraging van inwoners en handelaars.",
        ),
        results=p(
            "71% van de inwoners wilde het plein autovrij houden. De omzet van de horeca steeg; de winkels zagen geen "
            "daling. De gemeente start nu met het ontwerp van de definitieve heraanleg."
        ),
        key_figures=(("71%", "inwoners voor een autovrij plein"), ("3 maanden", "proefopstelling")),
        learnings=p(
            "De angst van handelaars voor omzetverlies was groter dan het werkelijke verlies. Meten tijdens de proef "
            "(passanten, omzet, verkeer) maakt het gesprek achteraf feitelijk."
        ),
        tips=ul(
            "Huur of leen tijdelijk meubilair in plaats van het te kopen.",
            "Spreek vooraf af hoe je beslist na de proef.",
        ),
        dos=(
            "Meet vóór, tijdens en na de proef.",
            "Houd laden en lossen en kortparkeren mogelijk.",
            "Organiseer enkele kleine activiteiten om het plein te leren kennen.",
        ),
        donts=(
            "Start een proef niet in de winter.",
            "Laat het plein niet leeg en kaal achter na het afsluiten.",
            "Beslis niet voor de bevraging is afgerond.",
        ),
        cost_class="10k-50k",
        cost_note="€ 24.000 voor tijdelijk meubilair, signalisatie en bevraging",
        duration="3 maanden proef",
        partners=("Handelaars rond het plein", "Jeugdraad Gaverhove (fictief)"),
        contact="Dienst Mobiliteit, Gemeente Gaverhove (fictief)",
        sources=("Evaluatie proefopstelling Marktplein Gaverhove (fictief)",),
        extras=("autovrij", "terras"),
        view_count=660,
    ),
    DemoCase(
        slug="demo-passantentellingen-dashboard-leiestede",
        title="Passanten tellen en de cijfers delen met iedereen",
        summary="Leiestede telt met acht sensoren de voetgangers in de binnenstad en toont de cijfers in een openbaar dashboard.",
        place_name="Leiestede, binnenstad",
        country="BE",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2021,
        themes=("data",),
        audiences=("lokale-besturen", "ondernemers", "investeerders"),
        concept=p(
            "Hoeveel mensen passeren er per uur in een winkelstraat? Met een paar sensoren weet je het elke dag. "
            "Een openbaar dashboard geeft handelaars, makelaars en het bestuur dezelfde cijfers, zodat het debat "
            "over de binnenstad over feiten gaat."
        ),
        context=p(
            "Over de drukte in de binnenstad deden vooral gevoelens de ronde. Investeerders vroegen cijfers die de "
            "stad niet had."
        ),
        approach=ul(
            "Acht sensoren op gevels tellen voetgangers anoniem (zonder camerabeelden of telefoongegevens).",
            "De cijfers per uur gaan naar een dashboard met dag-, week- en jaarvergelijking.",
            "Een maandelijkse nieuwsbrief legt de cijfers uit aan handelaars.",
        ),
        results=p(
            "De stad ziet nu het effect van evenementen, weer en werken op straat. Een nieuwe keten koos voor "
            "Leiestede op basis van de openbare cijfers. De zaterdag blijkt niet de drukste dag: dat is de vrijdag."
        ),
        key_figures=(
            ("8", "telpunten"),
            ("4,1 miljoen", "passanten per jaar op het drukste punt"),
            ("24/7", "cijfers per uur"),
        ),
        learnings=p(
            "Cijfers zonder uitleg worden verkeerd gelezen. Een vergelijking met vorig jaar, dezelfde week, is "
            "belangrijker dan een absolute telling."
        ),
        tips=ul(
            "Kies telpunten die het hele winkelgebied vertegenwoordigen, niet alleen de drukste straat.",
            "Leg privacy duidelijk uit: de sensoren tellen, ze herkennen niemand.",
        ),
        dos=(
            "Maak de cijfers openbaar.",
            "Vergelijk met dezelfde periode vorig jaar.",
            "Koppel de cijfers aan evenementen en werken.",
        ),
        donts=(
            "Verplaats telpunten niet zonder de reeks te breken.",
            "Gebruik geen technologie die personen herkent.",
            "Trek geen conclusies uit één week.",
        ),
        cost_class="10k-50k",
        cost_note="€ 16.000 per jaar voor sensoren en dashboard",
        duration="Doorlopend sinds 2021",
        partners=("Leverancier van telsensoren (fictief)", "Centrummanagement Leiestede (fictief)"),
        contact="Data en Monitoring, Stad Leiestede (fictief)",
        sources=("Jaarrapport passanten binnenstad Leiestede (fictief)",),
        extras=("teller",),
        gallery=1,
        view_count=1150,
    ),
    DemoCase(
        slug="demo-terrasreglement-leiestede",
        title="Eén terrasreglement voor de hele binnenstad",
        summary="Leiestede verving losse vergunningen door een eenvoudig terrasreglement met vaste zones, kleuren en tarieven.",
        place_name="Leiestede, binnenstad",
        country="BE",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2022,
        themes=("beleving-aantrekking", "ruimtelijke-ordening"),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "Terrassen maken een binnenstad levendig, maar zonder regels nemen ze het voetpad in en botsen ze met "
            "elkaar. Een duidelijk reglement met vaste zones per straat maakt het eenvoudig voor horeca en veilig "
            "voor voetgangers."
        ),
        context=p(
            "Elke horecazaak had een eigen vergunning met eigen afspraken. Rolstoelgebruikers en ouders met "
            "kinderwagens konden op sommige plaatsen niet meer passeren."
        ),
        approach=ul(
            "Per straat werd een terraszone getekend met altijd 1,5 meter vrije doorgang.",
            "Een beeldkwaliteitsgids legt materialen en kleuren van meubilair en windschermen vast.",
            "Aanvragen gebeuren online; binnen de zone volgt de vergunning binnen tien dagen.",
        ),
        results=p(
            "Het aantal terrassen steeg van 64 naar 81, terwijl de klachten over versperde voetpaden daalden met "
            "80%. De behandeltijd van een aanvraag zakte van zes weken naar tien dagen."
        ),
        key_figures=(
            ("64 → 81", "terrassen"),
            ("-80%", "klachten over versperde voetpaden"),
            ("10 dagen", "behandeltijd"),
        ),
        learnings=p(
            "Eenvoud loont: een reglement dat horeca zelf begrijpt, wordt beter nageleefd. De vrije doorgang van "
            "1,5 meter moet op de grond gemarkeerd worden, anders schuift het terras op."
        ),
        tips=ul(
            "Markeer de terrasgrens met kleine nagels in de bestrating.",
            "Werk de beeldkwaliteitsgids uit met de horeca zelf.",
        ),
        dos=(
            "Garandeer altijd een vrije doorgang voor voetgangers.",
            "Maak de aanvraag eenvoudig en online.",
            "Controleer in het begin vaak, daarna steekproefsgewijs.",
        ),
        donts=(
            "Laat terrassen niet voor brandkranen of ingangen staan.",
            "Leg geen meubilair op dat duur is zonder overgangsperiode.",
            "Maak geen uitzonderingen per zaak.",
        ),
        cost_class="lt10k",
        cost_note="€ 8.000 voor de gids en de markering",
        duration="6 maanden voorbereiding",
        partners=("Horecavereniging Leiestede (fictief)", "Toegankelijkheidsraad (fictief)"),
        contact="Dienst Economie en Vergunningen, Stad Leiestede (fictief)",
        sources=("Terrasreglement binnenstad Leiestede (fictief)",),
        extras=("terras",),
        view_count=540,
    ),
    DemoCase(
        slug="demo-citymarketing-maritiem-scheldemonde",
        title="‘Maritiem Scheldemonde’: een merk dat uit de haven komt",
        summary="Scheldemonde bouwde zijn citymarketing rond het havenverleden, van wegwijzers tot winkelroutes en een jaarlijks havenfeest.",
        place_name="Scheldemonde, binnenstad en oude dokken",
        country="BE",
        size_class="gte100k",
        core_type="binnenstad",
        year_started=2020,
        themes=("beleving-aantrekking",),
        audiences=("lokale-besturen", "ondernemers", "investeerders"),
        concept=p(
            "Een sterk stadsmerk vertelt één verhaal dat bewoners herkennen en bezoekers onthouden. Scheldemonde koos "
            "het maritieme verleden: de dokken, de scheepsbouw, de zeevaarders. Dat verhaal komt terug in alles, van "
            "bewegwijzering tot evenementen."
        ),
        context=p(
            "De stad had vier logo's en evenveel campagnes. Bezoekers kwamen voor de musea bij de dokken maar vonden "
            "de weg naar de winkelstraten niet."
        ),
        approach=ul(
            "Een merkverhaal werd geschreven met bewoners, handelaars en de havengemeenschap.",
            "Wegwijzers in de stijl van havenboeien leiden van de dokken naar het winkelhart.",
            "Handelaars kregen een merkpakket voor etalages en verpakkingen.",
            "Een jaarlijks havenfeest verbindt dokken en winkelstraten met één parcours.",
        ),
        results=p(
            "Het aantal bezoekers dat na een museumbezoek ook de winkelstraten bezocht, steeg van 18% naar 34%. 150 "
            "handelaars gebruiken het merkpakket. Het havenfeest trekt 60.000 bezoekers."
        ),
        key_figures=(
            ("18% → 34%", "museumbezoekers die ook gaan winkelen"),
            ("150", "handelaars met het merkpakket"),
            ("60.000", "bezoekers havenfeest"),
        ),
        learnings=p(
            "Een merk werkt pas als het verhaal echt is. De wegwijzers bleken de goedkoopste en meest effectieve "
            "ingreep: ze verbinden wat al aantrekkelijk was."
        ),
        tips=ul(
            "Bouw het merk op een verhaal dat bewoners al vertellen.",
            "Geef handelaars gratis, eenvoudig materiaal.",
        ),
        dos=(
            "Kies één verhaal en houd het jaren vol.",
            "Verbind toeristische trekkers met de winkelstraten.",
            "Betrek de havengemeenschap als ambassadeur.",
        ),
        donts=(
            "Maak geen nieuw logo bij elke nieuwe legislatuur.",
            "Beloof in de campagne niets wat bezoekers ter plaatse niet vinden.",
            "Laat het merk niet enkel bij de communicatiedienst.",
        ),
        cost_class="50k-250k",
        cost_note="€ 190.000 voor merkverhaal, bewegwijzering en lancering",
        duration="2 jaar opbouw, daarna doorlopend",
        partners=("Havenbedrijf (fictief)", "Toerisme Scheldemonde (fictief)", "Handelaarsfederatie (fictief)"),
        contact="Citymarketing, Stad Scheldemonde (fictief)",
        sources=("Merkboek Maritiem Scheldemonde (fictief)",),
        video_url=yt(5),
        extras=("water",),
        gallery=2,
        view_count=1310,
    ),
    DemoCase(
        slug="demo-maakplaatsen-dokstraat-scheldemonde",
        title="Maakplaatsen in lege winkels van de Dokstraat",
        summary="In een aanloopstraat van Scheldemonde kregen ambachtslui lege winkels als werkplaats met verkoop aan de straatkant.",
        place_name="Scheldemonde, Dokstraat",
        country="BE",
        size_class="gte100k",
        core_type="winkelstraat",
        year_started=2023,
        themes=("trends-ontwikkelingen", "ruimtelijke-ordening"),
        audiences=("ondernemers", "vastgoed"),
        concept=p(
            "Niet elke lege winkel moet weer een winkel worden. Makers zoals meubelmakers, keramisten en "
            "fietsherstellers hebben ruimte nodig en willen gezien worden. Een werkplaats met etalage brengt "
            "bedrijvigheid en een reden om de straat in te lopen."
        ),
        context=p(
            "De Dokstraat ligt tussen het station en het winkelhart. Een kwart van de panden stond leeg en de "
            "huurprijzen waren te hoog voor klassieke winkels zonder passage."
        ),
        approach=ul(
            "De stad huurde zes panden voor negen jaar en verhuurt ze door aan makers.",
            "Een bestemmingswijziging laat lichte productie toe op het gelijkvloers.",
            "De makers openen hun werkplaats twee dagen per week voor publiek en workshops.",
        ),
        results=p(
            "Zes ateliers trekken samen 400 workshopdeelnemers per maand. Twee eigenaars verhuurden daarna zelf aan "
            "makers, zonder tussenkomst van de stad."
        ),
        key_figures=(("6", "maakplaatsen"), ("400", "workshopdeelnemers per maand")),
        learnings=p(
            "Maakplaatsen passen in aanloopstraten, niet in het kernwinkelgebied zelf. Geluid en levering vragen "
            "goede afspraken met de buren."
        ),
        tips=ul(
            "Kies makers die graag publiek ontvangen.",
            "Maak huisregels over geluid en openingsuren samen met de buren.",
        ),
        dos=(
            "Zorg voor een etalage die het werk toont.",
            "Pas de bestemming aan vóór de eerste huurder komt.",
            "Zorg voor een gezamenlijke promotie van de ateliers.",
        ),
        donts=(
            "Verhuur niet aan bedrijven zonder publieksfunctie.",
            "Negeer de brandveiligheid van werkplaatsen niet.",
            "Houd de huur niet kunstmatig laag zonder einddatum.",
        ),
        cost_class="10k-50k",
        cost_note="€ 42.000 per jaar aan huurverschil, gedekt door een stedelijk fonds",
        duration="9 jaar huurovereenkomst",
        partners=("Makerscollectief Scheldemonde (fictief)", "Eigenaars in de Dokstraat"),
        contact="Dienst Ondernemen, Stad Scheldemonde (fictief)",
        sources=("Evaluatie maakplaatsen Dokstraat (fictief)",),
        extras=("leegstand",),
        view_count=230,
    ),
    DemoCase(
        slug="demo-click-and-collect-zoutebeke",
        title="Samen online: click & collect voor alle winkels van Zoutebeke",
        summary="Handelaars van Zoutebeke bundelen hun aanbod op één lokaal platform met een afhaalpunt op het marktplein.",
        place_name="Zoutebeke",
        country="BE",
        size_class="10k-25k",
        core_type="stadskern",
        year_started=2021,
        themes=("trends-ontwikkelingen", "samenwerking"),
        audiences=("ondernemers",),
        concept=p(
            "Klanten zoeken online, ook naar lokale winkels. Een gezamenlijk platform toont wat er in de kern te koop "
            "is; de klant bestelt en haalt alles op één plaats af. Wie komt afhalen, loopt vaak nog een winkel binnen."
        ),
        context=p(
            "Slechts een op de vijf handelaars had een eigen webwinkel. Een eigen platform bouwen was voor de "
            "meesten te duur en te tijdrovend."
        ),
        approach=ul(
            "De handelaarsvereniging koos een bestaand platform met een gezamenlijke etalage.",
            "Een digitale coach hielp 40 handelaars hun producten online te zetten.",
            "Een afhaalkast op het marktplein is bereikbaar van 7 tot 22 uur.",
        ),
        results=p(
            "Na een jaar verwerkt het platform 450 bestellingen per maand. 35% van de afhalers koopt bij het afhalen "
            "iets extra in een andere winkel."
        ),
        key_figures=(
            ("450", "bestellingen per maand"),
            ("40", "deelnemende handelaars"),
            ("35%", "afhalers die nog iets kopen"),
        ),
        learnings=p(
            "Het platform zelf is niet het moeilijkste: productfoto's en voorraad bijhouden kosten handelaars tijd. "
            "De coach maakte het verschil."
        ),
        tips=ul(
            "Begin met een beperkt aanbod per winkel en breid uit.",
            "Plaats de afhaalkast op een plek waar mensen langs andere winkels passeren.",
        ),
        dos=(
            "Kies een bestaand platform in plaats van zelf te bouwen.",
            "Voorzie persoonlijke begeleiding.",
            "Promoot het platform samen, niet per winkel.",
        ),
        donts=(
            "Verwacht niet dat elke handelaar meteen meedoet.",
            "Reken geen hoge kosten per bestelling aan.",
            "Vergeet de retourregeling niet.",
        ),
        cost_class="10k-50k",
        cost_note="€ 30.000 voor platform, afhaalkast en coaching in jaar 1",
        duration="Doorlopend sinds 2021",
        partners=("Handelaarsvereniging Zoutebeke (fictief)", "Digitale coach van het ondernemersloket (fictief)"),
        contact="Dienst Lokale Economie, Stad Zoutebeke (fictief)",
        sources=("Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",),
        extras=("pakjes",),
        view_count=580,
    ),
    DemoCase(
        slug="demo-geen-nieuwe-baanwinkels-dijlegem",
        title="Een halt voor nieuwe baanwinkels",
        summary="Dijlegem weigert nog nieuwe winkels langs de ring en leidt detailhandel terug naar de binnenstad.",
        place_name="Dijlegem, ring en invalswegen",
        country="BE",
        size_class="50k-100k",
        core_type="baanwinkelgebied",
        year_started=2020,
        themes=("beleid-visie", "ruimtelijke-ordening"),
        audiences=("lokale-besturen", "ontwikkelaars"),
        concept=p(
            "Elke nieuwe winkel langs de ring trekt klanten weg uit de binnenstad. Door in het handelsbeleid vast te "
            "leggen dat nieuwe detailhandel enkel in de binnenstad komt, stopt de stad die uitholling."
        ),
        context=p(
            "In tien jaar kwamen er 28.000 m² winkels bij langs de ring, terwijl de leegstand in de binnenstad "
            "verdubbelde."
        ),
        approach=ul(
            "Een detailhandelsvisie legt vast waar nieuwe winkels mogen komen: enkel in de binnenstad.",
            "Vergunningen voor nieuwe handel langs de ring worden geweigerd, met een duidelijke motivering.",
            "Bestaande baanwinkels mogen blijven, maar niet uitbreiden.",
            "Ontwikkelaars krijgen hulp om projecten in de binnenstad te realiseren.",
        ),
        results=p(
            "Sinds 2020 kwam er geen nieuwe winkeloppervlakte bij langs de ring. Drie projecten die eerst langs de "
            "ring gepland waren, kwamen uiteindelijk in de binnenstad."
        ),
        key_figures=(
            ("0 m²", "nieuwe winkels langs de ring sinds 2020"),
            ("3", "projecten verplaatst naar de binnenstad"),
        ),
        learnings=p(
            "Een visie houdt stand in beroep als ze goed gemotiveerd is met cijfers. Afspraken met buurgemeenten "
            "voorkomen dat de winkels gewoon een paar kilometer verder komen."
        ),
        tips=ul(
            "Maak regionale afspraken met de buurgemeenten.",
            "Bied ontwikkelaars een alternatief in de kern.",
        ),
        dos=(
            "Motiveer elke weigering met de detailhandelsvisie.",
            "Overleg met de provincie en de buurgemeenten.",
            "Volg de winkeloppervlakte jaarlijks op.",
        ),
        donts=(
            "Maak geen uitzonderingen voor 'grote spelers'.",
            "Vergeet bestaande baanwinkels geen perspectief te bieden.",
            "Onderschat de juridische voorbereiding niet.",
        ),
        cost_class="lt10k",
        cost_note="Vooral personeelstijd; € 5.000 voor juridisch advies",
        duration="Doorlopend sinds 2020",
        partners=("Provinciale dienst ruimtelijke planning (fictief)", "Buurgemeenten in de regio"),
        contact="Dienst Omgeving, Stad Dijlegem (fictief)",
        sources=("Detailhandelsvisie Dijlegem (fictief)",),
        view_count=390,
    ),
    DemoCase(
        slug="demo-zomerbar-braakliggend-terrein-dijlegem",
        title="Een zomerbar op een braakliggend bouwterrein",
        summary="Op een terrein dat drie jaar op een bouwproject wachtte, opende Dijlegem een tijdelijke zomerbar met markt en concerten.",
        place_name="Dijlegem, Bruggeplaats (fictief)",
        country="BE",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2022,
        themes=("beleving-aantrekking", "ruimtelijke-ordening"),
        audiences=("ondernemers", "ontwikkelaars"),
        concept=p(
            "Een braakliggend terrein in de binnenstad is een gat in de loop. Tijdelijk gebruik vult het gat met "
            "beleving, tot het bouwproject start. De ontwikkelaar krijgt er naamsbekendheid en een veilig terrein bij."
        ),
        context=p(
            "Een afgebroken warenhuis liet een omheind terrein achter in het centrum. Het bouwproject liep drie "
            "jaar vertraging op door procedures."
        ),
        approach=ul(
            "De ontwikkelaar stelde het terrein gratis ter beschikking via een overeenkomst voor tijdelijk gebruik.",
            "Een oproep selecteerde een uitbater uit de lokale horeca.",
            "Containers, zand en bomen in bakken maakten er een zomerse plek van.",
            "Elke zondag een ambachtelijke markt en op vrijdag concerten.",
        ),
        results=p(
            "De zomerbar trok 45.000 bezoekers per seizoen. De winkels in de straten eromheen zagen meer passage op "
            "zondag. De ontwikkelaar gebruikte de plek om het bouwproject voor te stellen."
        ),
        key_figures=(("45.000", "bezoekers per seizoen"), ("3", "zomers tijdelijk gebruik")),
        learnings=p(
            "Een duidelijke einddatum in de overeenkomst maakt tijdelijk gebruik mogelijk voor de eigenaar. "
            "Geluidsafspraken met de buurt zijn het eerste werk."
        ),
        tips=ul(
            "Leg de einddatum en het opruimen vast in de overeenkomst.",
            "Laat een lokale uitbater kiezen, geen externe festivalorganisator.",
        ),
        dos=(
            "Maak afspraken over geluid en sluitingsuren.",
            "Zorg voor toiletten en afvalbeheer.",
            "Verbind het terrein met de omliggende winkelstraten.",
        ),
        donts=(
            "Laat tijdelijk niet stilaan permanent worden zonder vergunning.",
            "Vergeet de verzekering niet.",
            "Plan geen evenementen elke avond.",
        ),
        cost_class="10k-50k",
        cost_note="€ 35.000 voor inrichting, grotendeels gedragen door de uitbater",
        duration="3 zomers",
        partners=("Projectontwikkelaar (fictief)", "Lokale horeca-uitbater (fictief)"),
        contact="Dienst Evenementen, Stad Dijlegem (fictief)",
        sources=("Overeenkomst tijdelijk gebruik Bruggeplaats (fictief)",),
        extras=("terras", "bunting"),
        view_count=310,
    ),
    DemoCase(
        slug="demo-gevelpremie-zoutebeke",
        title="Een gevelpremie die de winkelstraat oppoetst",
        summary="Zoutebeke gaf eigenaars en huurders in de Kerkstraat een premie voor gevel, etalage en uithangbord, volgens één beeldkwaliteitsplan.",
        place_name="Zoutebeke, Kerkstraat",
        country="BE",
        size_class="10k-25k",
        core_type="winkelstraat",
        year_started=2020,
        themes=("ruimtelijke-ordening", "beleving-aantrekking"),
        audiences=("vastgoed", "ondernemers"),
        concept=p(
            "Verzorgde gevels en etalages geven een straat uitstraling. Een premie, gekoppeld aan een "
            "beeldkwaliteitsplan, zorgt dat individuele verbouwingen samen een mooi geheel vormen."
        ),
        context=p(
            "De Kerkstraat had veel verouderde gevels met grote lichtreclames. Eigenaars investeerden weinig omdat "
            "ze niet zagen wat het opleverde."
        ),
        approach=ul(
            "Een beeldkwaliteitsplan beschrijft kleuren, materialen, luifels en uithangborden.",
            "De premie dekt 40% van de kosten, met een maximum van € 10.000 per pand.",
            "Een stadsarchitect geeft gratis advies vóór de aanvraag.",
        ),
        results=p(
            "In vier jaar werden 26 gevels vernieuwd. De straat kreeg een meer samenhangend uitzicht en twee lege "
            "panden werden verhuurd kort na de renovatie."
        ),
        key_figures=(("26", "gevels vernieuwd"), ("40%", "van de kosten als premie")),
        learnings=p(
            "Het gratis advies van de stadsarchitect voorkwam dure fouten en maakte eigenaars enthousiast. Een premie "
            "zonder kwaliteitsplan levert een lappendeken op."
        ),
        tips=ul(
            "Laat de stadsarchitect langsgaan vóór de eigenaar een aannemer kiest.",
            "Toon voor en na foto's van elke renovatie.",
        ),
        dos=(
            "Koppel de premie aan een beeldkwaliteitsplan.",
            "Bied gratis architectuuradvies aan.",
            "Combineer met de aanpak van bovenverdiepingen.",
        ),
        donts=(
            "Subsidieer geen grote lichtreclames.",
            "Maak de aanvraag niet ingewikkeld.",
            "Vergeet niet te controleren na de werken.",
        ),
        cost_class="50k-250k",
        cost_note="€ 180.000 aan premies over vier jaar",
        duration="4 jaar",
        partners=("Stadsarchitect (fictief)", "Eigenaars en handelaars in de Kerkstraat"),
        contact="Dienst Stedenbouw, Stad Zoutebeke (fictief)",
        sources=("Beeldkwaliteitsplan Kerkstraat Zoutebeke (fictief)",),
        view_count=260,
    ),
    DemoCase(
        slug="demo-mobipunt-deelfietsen-gaverhove",
        title="Een mobipunt met deelfietsen aan de dorpskern",
        summary="Gaverhove bracht bus, deelfietsen en een deelauto samen op één mobipunt naast de winkels van het dorp.",
        place_name="Gaverhove, Stationsplein",
        country="BE",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2024,
        themes=("mobiliteit", "duurzaamheid"),
        audiences=("lokale-besturen",),
        concept=p(
            "Een mobipunt bundelt verschillende vervoersmiddelen op één plek: bushalte, deelfietsen, een deelauto, "
            "fietsenstalling. In een dorpskern maakt het de winkels bereikbaar zonder eigen auto en geeft het "
            "het dorp een herkenbaar vertrekpunt."
        ),
        context=p(
            "Gaverhove heeft één buslijn en veel inwoners zonder rijbewijs, vooral jongeren en ouderen. De "
            "fietsenstalling bij de bushalte was te klein en onveilig."
        ),
        approach=ul(
            "Een overdekte fietsenstalling voor 40 fietsen, met laadpunten voor elektrische fietsen.",
            "Zes deelfietsen en één elektrische deelauto van een coöperatie.",
            "Een infozuil met de dienstregeling en een kaart van de winkels in de kern.",
        ),
        results=p(
            "De deelauto wordt gemiddeld vier keer per week gebruikt; de deelfietsen vooral door jongeren die naar "
            "school fietsen. De bakker naast het mobipunt ziet meer klanten in de ochtend."
        ),
        key_figures=(("40", "fietsplaatsen"), ("6", "deelfietsen"), ("4 keer", "per week gebruik van de deelauto")),
        learnings=p(
            "Een mobipunt in een kleine kern werkt als het naast de winkels en de bushalte ligt, niet aan de rand. "
            "Een lokale coöperatie als partner houdt de kosten laag."
        ),
        tips=ul(
            "Begin klein en breid uit als het gebruik groeit.",
            "Laat de winkels in de buurt het mobipunt promoten.",
        ),
        dos=(
            "Kies een zichtbare en veilige plek.",
            "Werk samen met een lokale deelcoöperatie.",
            "Voorzie verlichting en een overdekte stalling.",
        ),
        donts=(
            "Zet geen mobipunt op een plek waar geen bus stopt.",
            "Vergeet het onderhoud van de fietsen niet.",
            "Verwacht niet meteen hoge gebruikscijfers.",
        ),
        cost_class="10k-50k",
        cost_note="€ 48.000, waarvan de helft subsidie",
        duration="8 maanden",
        partners=("Deelcoöperatie uit de regio (fictief)", "Vervoermaatschappij (fictief)"),
        contact="Dienst Mobiliteit, Gemeente Gaverhove (fictief)",
        sources=("Plan mobipunten regio Gaverhove (fictief)",),
        extras=("fietsen",),
        view_count=140,
    ),
)
