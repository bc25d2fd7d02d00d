# ruff: noqa: E501 -- prose: a summary or a sentence reads better on one line than cut to the line length
"""Demo cases, part 3: invented Dutch towns and cities (Kruisdonk, Hemmerveen, Zeewaarde, Grevendijk, …).

All invented for the Kernkompas demo; the places do not exist.
"""

from kernkompas.vitrine.demo.text import DemoCase, p, ul, yt

CASES = (
    DemoCase(
        slug="demo-centrummanager-kruisdonk",
        title="Een centrummanager als spin in het web",
        summary="Kruisdonk stelde samen met de winkeliers een centrummanager aan die gemeente, ondernemers en vastgoed verbindt.",
        place_name="Kruisdonk, centrum",
        country="NL",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2019,
        themes=("samenwerking", "beleid-visie"),
        audiences=("lokale-besturen", "ondernemers"),
        concept=p(
            "Een centrummanager is het vaste aanspreekpunt voor alles wat het centrum raakt. Hij of zij kent de "
            "ondernemers, de eigenaren en de ambtenaren, zet projecten op en houdt ze gaande. Het centrum krijgt zo "
            "één regisseur in plaats van tien losse initiatieven."
        ),
        context=p(
            "De winkeliersvereniging bestond uit vrijwilligers die het werk niet meer rond kregen. De gemeente had "
            "drie afdelingen die elk een stukje centrum deden, zonder afstemming."
        ),
        approach=ul(
            "Gemeente en ondernemers betalen de centrummanager samen, elk de helft.",
            "Een stuurgroep met wethouder, ondernemers en eigenaren stelt elk jaar een werkplan vast.",
            "De centrummanager heeft een werkplek in het centrum, niet op het gemeentehuis.",
            "Elk kwartaal een rapportage met de cijfers van leegstand, passanten en acties.",
        ),
        results=p(
            "Na vier jaar is de leegstand gedaald van 11% naar 7%. Er is een gezamenlijke agenda van evenementen en "
            "een ondernemersfonds in voorbereiding. Ondernemers noemen de centrummanager hun eerste aanspreekpunt."
        ),
        key_figures=(("11% → 7%", "winkelleegstand"), ("50/50", "financiering gemeente en ondernemers")),
        learnings=p(
            "De persoon maakt het verschil: iemand die kan verbinden en zelf de straat op gaat. Een gedeelde "
            "financiering maakt de centrummanager van iedereen, niet van de gemeente alleen."
        ),
        tips=ul(
            "Geef de centrummanager een eigen budget voor kleine acties.",
            "Leg vast wat de gemeente blijft doen en wat de centrummanager oppakt.",
        ),
        dos=(
            "Deel de kosten tussen gemeente en ondernemers.",
            "Werk met een jaarlijks werkplan en duidelijke doelen.",
            "Geef de centrummanager een plek in het centrum.",
        ),
        donts=(
            "Maak de centrummanager geen evenementenorganisator alleen.",
            "Verwacht geen resultaten binnen het eerste jaar.",
            "Laat de stuurgroep niet uitgroeien tot een praatclub.",
        ),
        cost_class="50k-250k",
        cost_note="€ 95.000 per jaar voor salaris en werkbudget",
        duration="Doorlopend sinds 2019",
        partners=(
            "Winkeliersvereniging Kruisdonk (fictief)",
            "Vastgoedeigenaren in het centrum",
            "Horeca Kruisdonk (fictief)",
        ),
        contact="Centrummanagement Kruisdonk, in opdracht van de gemeente (fictief)",
        sources=("Binnenstadslab: samen werken aan vitale kerngebieden",),
        view_count=990,
    ),
    DemoCase(
        slug="demo-fietsstraat-winkelstraat-hemmerveen",
        title="Een fietsstraat door de winkelstraat: de auto is er te gast",
        summary="Hemmerveen maakte van de drukste winkelstraat een fietsstraat met rood asfalt, ruime stallingen en parkeren aan de rand.",
        place_name="Hemmerveen, Nieuwe Kerkstraat",
        country="NL",
        size_class="50k-100k",
        core_type="winkelstraat",
        year_started=2022,
        themes=("mobiliteit", "duurzaamheid"),
        audiences=("lokale-besturen", "ondernemers"),
        concept=p(
            "In een fietsstraat is de fiets de hoofdgebruiker en de auto te gast. Met rood asfalt, een lage snelheid "
            "en geen langsparkeren wordt de winkelstraat rustiger en veiliger. Fietsers stoppen makkelijker bij een "
            "winkel dan automobilisten."
        ),
        context=p(
            "De Nieuwe Kerkstraat was een sluiproute met 6.000 auto's per dag en 40 parkeerplaatsen langs de stoep. "
            "Fietsers en voetgangers voelden zich er onveilig."
        ),
        approach=ul(
            "Een verkeerscirculatieplan haalde het doorgaande autoverkeer uit de straat.",
            "De 40 parkeerplaatsen werden verplaatst naar een parkeerterrein aan de rand op 250 meter.",
            "Er kwamen 180 fietsparkeerplekken, verspreid over de straat, en vier laad- en loszones.",
            "Winkeliers kregen vooraf cijfers over hoe hun klanten werkelijk komen.",
        ),
        results=p(
            "Het autoverkeer daalde met 70% en het aantal fietsers verdubbelde. Na een jaar meldden 60% van de "
            "winkeliers een gelijke of hogere omzet. De leegstand in de straat halveerde."
        ),
        key_figures=(("-70%", "autoverkeer"), ("x2", "fietsers"), ("180", "fietsparkeerplekken")),
        learnings=p(
            "Winkeliers overschatten hoeveel klanten met de auto komen. Een klantenonderzoek vooraf maakte dat "
            "zichtbaar en haalde de scherpte uit het debat."
        ),
        tips=ul(
            "Tel vooraf hoe klanten echt komen: te voet, per fiets, met de auto.",
            "Maak laden en lossen op vaste tijden mogelijk.",
        ),
        dos=(
            "Zorg voor genoeg fietsparkeerplekken dicht bij de winkels.",
            "Bied een goed alternatief voor autoparkeren op loopafstand.",
            "Evalueer na een jaar met cijfers.",
        ),
        donts=(
            "Maak geen fietsstraat zonder het doorgaande verkeer eruit te halen.",
            "Vergeet bevoorrading en mindervaliden niet.",
            "Start de werken niet in de decembermaand.",
        ),
        cost_class="50k-250k",
        cost_note="€ 240.000 voor asfalt, stallingen en bebording",
        duration="18 maanden voorbereiding, 3 maanden uitvoering",
        partners=("Fietsersvereniging (fictief)", "Ondernemersvereniging Nieuwe Kerkstraat (fictief)"),
        contact="Team Mobiliteit, Gemeente Hemmerveen (fictief)",
        sources=("Evaluatie fietsstraat Nieuwe Kerkstraat (fictief)",),
        video_url=yt(6),
        extras=("fietsstraat",),
        gallery=1,
        view_count=860,
    ),
    DemoCase(
        slug="demo-parkeren-aan-de-rand-zeewaarde",
        title="Parkeren aan de rand, wandelen naar het hart",
        summary="Zeewaarde bouwde twee parkeergarages aan de rand van de binnenstad en gaf de vrijgekomen straten terug aan voetgangers.",
        place_name="Zeewaarde, binnenstad",
        country="NL",
        size_class="gte100k",
        core_type="binnenstad",
        year_started=2020,
        themes=("mobiliteit", "beleid-visie"),
        audiences=("lokale-besturen", "investeerders"),
        concept=p(
            "Zoekverkeer naar een parkeerplek maakt de binnenstad druk en onveilig. Door parkeren te bundelen in "
            "garages aan de rand en de straten binnen de singels autoluw te maken, wordt de binnenstad aangenamer "
            "en blijft ze bereikbaar."
        ),
        context=p(
            "Binnen de singels lagen 1.100 parkeerplaatsen op straat. Een kwart van het autoverkeer zocht een "
            "parkeerplaats."
        ),
        approach=ul(
            "Twee garages met samen 1.400 plaatsen aan de rand, op maximaal zeven minuten lopen van het centrum.",
            "Een dynamisch verwijssysteem leidt auto's direct naar een garage met vrije plaatsen.",
            "800 parkeerplaatsen op straat werden omgevormd tot terrassen, groen en fietsparkeren.",
            "Bewoners kregen een vergunning in de garage tegen het tarief van een straatvergunning.",
        ),
        results=p(
            "Het zoekverkeer daalde met 45%. De omgevormde straten kregen 30 nieuwe terrassen en 160 bomen. De "
            "bezoekersaantallen bleven gelijk, maar bezoekers bleven gemiddeld 20 minuten langer."
        ),
        key_figures=(("-45%", "zoekverkeer"), ("800", "straatparkeerplaatsen omgevormd"), ("+20 min", "verblijfsduur")),
        learnings=p(
            "De looproute van garage naar centrum moet aantrekkelijk zijn: verlicht, groen en met winkels. Een "
            "goede bewegwijzering vanaf de snelweg is minstens zo belangrijk als de garage zelf."
        ),
        tips=ul(
            "Zorg dat de garages betaalbaar zijn, anders blijft het zoekverkeer.",
            "Richt de looproutes in als onderdeel van het winkelgebied.",
        ),
        dos=(
            "Plan garages op loopafstand, maximaal zeven minuten.",
            "Gebruik de vrijgekomen ruimte zichtbaar voor verblijf.",
            "Houd laden en lossen en mindervalidenparkeren in het centrum.",
        ),
        donts=(
            "Schrap geen straatparkeren voor de garages open zijn.",
            "Onderschat de bewegwijzering niet.",
            "Vergeet de bewoners niet.",
        ),
        cost_class="gte250k",
        cost_note="€ 38 miljoen voor de garages, deels gefinancierd door een private exploitant",
        duration="5 jaar",
        partners=("Parkeerexploitant (fictief)", "Ondernemersvereniging binnenstad Zeewaarde (fictief)"),
        contact="Programma Binnenstad, Gemeente Zeewaarde (fictief)",
        sources=("Parkeervisie binnenstad Zeewaarde (fictief)",),
        extras=("fietsen",),
        view_count=700,
    ),
    DemoCase(
        slug="demo-bedrijveninvesteringszone-grevendijk",
        title="Een bedrijveninvesteringszone (BIZ) voor het hele centrum",
        summary="In Grevendijk betalen alle ondernemers en eigenaren in het centrum samen mee aan sfeer, promotie en veiligheid.",
        place_name="Grevendijk, centrum",
        country="NL",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2018,
        themes=("samenwerking",),
        audiences=("ondernemers", "vastgoed"),
        concept=p(
            "In een bedrijveninvesteringszone (BIZ) betalen alle ondernemers in een afgebakend gebied een heffing, "
            "die de gemeente int en volledig teruggeeft aan een stichting van de ondernemers. Zo betaalt iedereen mee "
            "en zijn er geen 'free riders' meer."
        ),
        context=p(
            "De winkeliersvereniging had 60 betalende leden op 190 ondernemers. Wie niet betaalde, profiteerde wel van "
            "de kerstverlichting en de evenementen."
        ),
        approach=ul(
            "Een draagvlakmeting: minstens de helft moest stemmen en een meerderheid voor zijn.",
            "Een BIZ-plan voor vijf jaar met kerstverlichting, promotie, schoonmaak en cameratoezicht.",
            "Een heffing per pand op basis van de WOZ-waarde, gemiddeld € 450 per jaar.",
            "Eigenaren en ondernemers zitten beiden in het bestuur van de stichting.",
        ),
        results=p(
            "Het budget voor het centrum ging van € 25.000 naar € 110.000 per jaar. In de tweede draagvlakmeting, na "
            "vijf jaar, stemde 78% voor verlenging."
        ),
        key_figures=(("€ 110.000", "jaarbudget voor het centrum"), ("78%", "voor verlenging na vijf jaar")),
        learnings=p(
            "Een BIZ staat of valt met een plan dat ondernemers herkennen. Zichtbare resultaten in het eerste jaar "
            "(verlichting, schoonmaak) bouwen vertrouwen op voor de volgende meting."
        ),
        tips=ul(
            "Bezoek elke ondernemer persoonlijk voor de draagvlakmeting.",
            "Rapporteer jaarlijks wat er met het geld is gebeurd.",
        ),
        dos=(
            "Betrek ook vastgoedeigenaren.",
            "Kies zichtbare acties in het eerste jaar.",
            "Houd de administratie eenvoudig.",
        ),
        donts=(
            "Gebruik het BIZ-geld niet voor taken van de gemeente.",
            "Onderschat de campagne voor de draagvlakmeting niet.",
            "Laat het bestuur niet in handen van één groep.",
        ),
        cost_class="50k-250k",
        cost_note="€ 110.000 per jaar, opgebracht door de ondernemers en eigenaren zelf",
        duration="5 jaar per periode, verlengd in 2023",
        partners=("Stichting BIZ Centrum Grevendijk (fictief)", "Gemeente Grevendijk (inning)"),
        contact="Stichting BIZ Centrum Grevendijk, secretariaat (fictief)",
        sources=("BIZ-plan Centrum Grevendijk 2023-2027 (fictief)",),
        view_count=1080,
    ),
    DemoCase(
        slug="demo-ondernemersfonds-marendam",
        title="Een ondernemersfonds dat de binnenstad financiert",
        summary="Marendam verhoogde de OZB voor niet-woningen licht en stort de opbrengst in een fonds dat de ondernemers zelf besteden.",
        place_name="Marendam, binnenstad",
        country="NL",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2019,
        themes=("samenwerking", "beleving-aantrekking"),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "Een ondernemersfonds wordt gevuld met een kleine opslag op de onroerendezaakbelasting voor bedrijfspanden. "
            "De ondernemers beslissen zelf, via een stichting, waar het geld naartoe gaat. Het verschil met een BIZ: "
            "het fonds geldt voor de hele gemeente en er is geen stemming per gebied."
        ),
        context=p(
            "Verschillende ondernemersverenigingen vroegen elk apart subsidie voor evenementen en promotie. Er was "
            "geen samenhang en veel tijd ging naar aanvragen."
        ),
        approach=ul(
            "Een opslag van 6% op de OZB voor niet-woningen.",
            "Een stichting met vertegenwoordigers van binnenstad, wijken en bedrijventerreinen.",
            "Een jaarlijkse ronde waarin verenigingen plannen indienen.",
            "De binnenstad krijgt een vast deel voor centrummanagement en evenementen.",
        ),
        results=p(
            "Het fonds verdeelt jaarlijks € 620.000. De binnenstad financiert er een centrummanager, de "
            "kerstverlichting en vier grote evenementen mee. Het aantal actieve ondernemers in verenigingen verdubbelde."
        ),
        key_figures=(("€ 620.000", "per jaar in het fonds"), ("6%", "opslag op de OZB niet-woningen")),
        learnings=p(
            "Het fonds verbindt ondernemers uit verschillende delen van de stad. Een heldere verdeelsleutel voorkomt "
            "dat de binnenstad alles naar zich toe trekt, of juist te weinig krijgt."
        ),
        tips=ul(
            "Leg de verdeelsleutel vast vóór het eerste geld binnenkomt.",
            "Laat de gemeente alleen innen en toezien, niet meebeslissen.",
        ),
        dos=(
            "Zorg voor een breed samengesteld bestuur.",
            "Publiceer jaarlijks een verantwoording.",
            "Evalueer het fonds na vier jaar.",
        ),
        donts=(
            "Vul met het fonds geen gaten in de gemeentebegroting.",
            "Laat het geld niet ongebruikt op de rekening staan.",
            "Maak het aanvraagproces niet zwaarder dan een subsidie.",
        ),
        cost_class="gte250k",
        cost_note="€ 620.000 per jaar, opgebracht via de OZB-opslag",
        duration="Doorlopend sinds 2019",
        partners=("Stichting Ondernemersfonds Marendam (fictief)", "Ondernemersverenigingen"),
        contact="Stichting Ondernemersfonds Marendam, bureau (fictief)",
        sources=("Jaarverslag Ondernemersfonds Marendam (fictief)",),
        extras=("bunting",),
        view_count=640,
    ),
    DemoCase(
        slug="demo-ondermijning-aanpakken-velsemond",
        title="Ondermijning in het winkelcentrum: kijken, vragen, samenwerken",
        summary="Velsemond pakt criminele geldstromen in een wijkwinkelcentrum aan met een integraal team, panden-screening en meldpunten.",
        place_name="Velsemond, winkelcentrum De Hoven (fictief)",
        country="NL",
        size_class="gte100k",
        core_type="wijkcentrum",
        year_started=2021,
        themes=("beleid-visie", "samenwerking"),
        audiences=("lokale-besturen", "vastgoed"),
        concept=p(
            "Ondermijning is de verwevenheid van de onderwereld met de bovenwereld: witwassen via winkels die nooit "
            "klanten hebben, panden die als dekmantel dienen. Een integrale aanpak combineert controles, screening van "
            "nieuwe huurders en samenwerking met eigenaren."
        ),
        context=p(
            "In het wijkwinkelcentrum openden in korte tijd vijf zaken met weinig klanten maar dure inrichting. "
            "Bonafide ondernemers voelden zich onveilig en vertrokken."
        ),
        approach=ul(
            "Een integraal team van gemeente, politie, belastingdienst en brandweer doet gezamenlijke controles.",
            "Eigenaren screenen nieuwe huurders met een checklist en kunnen advies vragen bij de gemeente.",
            "Een anoniem meldpunt voor ondernemers en bewoners.",
            "Bij nieuwe vestigingen toetst de gemeente via de Wet Bibob.",
        ),
        results=p(
            "Vier zaken werden gesloten na controles. Twaalf eigenaren ondertekenden een convenant voor huurderscreening. "
            "Het gevoel van veiligheid bij ondernemers steeg in twee jaar van 5,8 naar 7,1."
        ),
        key_figures=(
            ("4", "zaken gesloten"),
            ("12", "eigenaren met convenant"),
            ("5,8 → 7,1", "veiligheidsgevoel ondernemers"),
        ),
        learnings=p(
            "Eigenaren zijn cruciale partners: zij kiezen de huurders. Een checklist en een korte lijn naar de gemeente "
            "helpen hen om verdachte huurders te herkennen zonder ze te discrimineren."
        ),
        tips=ul(
            "Deel signalen tussen partners binnen de regels van de privacywetgeving.",
            "Versterk tegelijk de bonafide ondernemers.",
        ),
        dos=(
            "Werk integraal met alle handhavingspartners.",
            "Betrek eigenaren en makelaars.",
            "Communiceer over resultaten, zonder namen.",
        ),
        donts=(
            "Stigmatiseer geen branches of groepen ondernemers.",
            "Deel geen persoonsgegevens zonder grondslag.",
            "Verwacht geen snelle oplossing.",
        ),
        cost_class="50k-250k",
        cost_note="€ 120.000 per jaar aan personeelsinzet van de partners",
        duration="Doorlopend sinds 2021",
        partners=(
            "Politie (fictief)",
            "Regionaal informatie- en expertisecentrum (fictief)",
            "Vastgoedeigenaren De Hoven",
        ),
        contact="Team Openbare Orde en Veiligheid, Gemeente Velsemond (fictief)",
        sources=("Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",),
        view_count=770,
    ),
    DemoCase(
        slug="demo-binnenstadslab-drie-kernen",
        title="Een binnenstadslab voor drie kernen in de regio",
        summary="Marendam, Kruisdonk en Grevendijk verkenden samen in een binnenstadslab de toekomst van hun centra, met ondernemers en eigenaren.",
        place_name="Marendam, Kruisdonk en Grevendijk",
        country="NL",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2022,
        themes=("samenwerking", "beleid-visie", "trends-ontwikkelingen"),
        audiences=("lokale-besturen", "ondernemers", "vastgoed"),
        concept=p(
            "Een binnenstadslab is een reeks werksessies waarin ambtenaren, wethouders, ondernemers en "
            "vastgoedeigenaren samen een toekomstbeeld maken en acties kiezen. Door drie kernen uit één regio samen te "
            "laten werken, zien ze waar ze elkaar aanvullen in plaats van beconcurreren."
        ),
        context=p(
            "De drie kernen liggen binnen twintig minuten van elkaar. Ze concurreerden met dezelfde evenementen en "
            "dezelfde ketens, terwijl bezoekers naar de grote stad trokken."
        ),
        approach=ul(
            "Een startsessie met cijfers: passanten, leegstand, koopstromen per kern.",
            "Drie ateliers per kern met een vast team van ondernemers en eigenaren.",
            "Een regionale sessie om profielen af te stemmen: boodschappen, beleving, ambacht.",
            "Een actieagenda per kern met één regionaal project.",
        ),
        results=p(
            "Elke kern koos een eigen profiel. Samen startten ze een regionale passantentelling en een gezamenlijke "
            "evenementenkalender zodat grote evenementen niet meer op hetzelfde weekend vallen."
        ),
        key_figures=(("3", "kernen"), ("9", "ateliers"), ("1", "regionale evenementenkalender")),
        learnings=p(
            "De regionale blik was nieuw en verhelderend: niet elke kern hoeft alles te bieden. Een vaste groep "
            "deelnemers over alle sessies heen leverde meer op dan wisselende, open bijeenkomsten."
        ),
        tips=ul(
            "Werk met een externe procesbegeleider die geen belang heeft in één van de kernen.",
            "Start met gedeelde cijfers, zodat iedereen van hetzelfde beeld vertrekt.",
        ),
        dos=(
            "Nodig ook vastgoedeigenaren uit.",
            "Maak per kern een eigen profiel.",
            "Spreek een vervolgmoment af na een jaar.",
        ),
        donts=(
            "Laat één kern het lab niet domineren.",
            "Maak geen actielijst zonder trekkers.",
            "Stop niet na de laatste sessie.",
        ),
        cost_class="10k-50k",
        cost_note="€ 45.000 voor begeleiding en onderzoek, gedeeld door de drie gemeenten",
        duration="6 maanden",
        partners=("Procesbegeleider (fictief)", "Drie ondernemersverenigingen", "Provincie (cofinanciering, fictief)"),
        contact="Regionaal programma Vitale Kernen (fictief)",
        sources=(
            "Binnenstadslab: samen werken aan vitale kerngebieden",
            "Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",
        ),
        video_url=yt(7),
        view_count=920,
    ),
    DemoCase(
        slug="demo-wijkwinkelcentrum-vernieuwen-zeewaarde",
        title="Een wijkwinkelcentrum uit de jaren zeventig opnieuw uitvinden",
        summary="In Zeewaarde werd een verouderd wijkwinkelcentrum compacter gemaakt, met woningen, een gezondheidscentrum en een plein.",
        place_name="Zeewaarde, wijkcentrum Oosterhof",
        country="NL",
        size_class="gte100k",
        core_type="wijkcentrum",
        year_started=2021,
        themes=("ruimtelijke-ordening", "samenwerking"),
        audiences=("ontwikkelaars", "investeerders", "vastgoed"),
        concept=p(
            "Veel wijkwinkelcentra hebben te veel winkelmeters voor wat de wijk nodig heeft. Door het centrum compacter "
            "te maken rond de supermarkten en de rest te herontwikkelen tot woningen en voorzieningen, wordt het weer "
            "een levendig hart van de wijk."
        ),
        context=p(
            "Het winkelcentrum Oosterhof had 12.000 m² winkels en 22% leegstand. De eigenaar, een belegger, zag de "
            "waarde dalen."
        ),
        approach=ul(
            "De gemeente en de belegger maakten samen een ontwikkelingsvisie.",
            "4.000 m² winkels werden omgebouwd tot 90 woningen en een gezondheidscentrum.",
            "De parkeerplaats werd deels een plein met bomen en speelplek.",
            "Bestaande ondernemers kregen een plek in het compacte deel.",
        ),
        results=p(
            "De leegstand daalde naar 3%. De twee supermarkten trekken meer klanten omdat er meer mensen wonen. De "
            "belegger ziet een stabiele waarde en de wijk heeft een nieuw ontmoetingsplein."
        ),
        key_figures=(("22% → 3%", "leegstand"), ("90", "woningen"), ("-4.000 m²", "winkeloppervlak")),
        learnings=p(
            "Winkelmeters schrappen voelt voor een belegger als verlies, maar wonen en zorg leveren stabielere "
            "huurinkomsten op. Een gedeelde visie vooraf versnelde de vergunningen."
        ),
        tips=ul(
            "Reken de businesscase samen met de eigenaar door.",
            "Houd supermarkten als trekker in het compacte deel.",
        ),
        dos=(
            "Begin met een gedeelde visie van gemeente en eigenaar.",
            "Combineer wonen, zorg en winkels.",
            "Maak ruimte voor ontmoeting.",
        ),
        donts=(
            "Jaag zittende ondernemers niet weg tijdens de verbouwing.",
            "Vergeet de parkeerbehoefte van de nieuwe woningen niet.",
            "Onderschat de duur van de bouwfase niet.",
        ),
        cost_class="gte250k",
        cost_note="€ 32 miljoen investering van de belegger; € 1,2 miljoen gemeente voor openbare ruimte",
        duration="6 jaar",
        partners=("Vastgoedbelegger (fictief)", "Woningcorporatie (fictief)", "Huisartsencoöperatie (fictief)"),
        contact="Gebiedsontwikkeling, Gemeente Zeewaarde (fictief)",
        sources=("Ontwikkelingsvisie wijkcentrum Oosterhof (fictief)",),
        gallery=1,
        view_count=450,
    ),
    DemoCase(
        slug="demo-stadsdistributie-vrachtfietsen-zeewaarde",
        title="Bevoorrading met elektrische vrachtfietsen",
        summary="Zeewaarde laat winkels in de binnenstad bevoorraden via een hub aan de rand, met elektrische vrachtfietsen en kleine busjes.",
        place_name="Zeewaarde, binnenstad",
        country="NL",
        size_class="gte100k",
        core_type="binnenstad",
        year_started=2022,
        themes=("mobiliteit", "duurzaamheid"),
        audiences=("ondernemers",),
        concept=p(
            "Vrachtwagens en bestelbussen maken de binnenstad druk, lawaaierig en vervuild. Een stadsdistributiehub aan "
            "de rand bundelt de leveringen; de laatste kilometer gaat met elektrische vrachtfietsen en kleine busjes."
        ),
        context=p(
            "Elke dag reden 900 bestelbussen de binnenstad in, vaak half leeg. Vanaf 2025 geldt een zero-emissiezone."
        ),
        approach=ul(
            "Een logistieke partner opende een hub bij de ringweg.",
            "Winkeliers laten leveranciers leveren op de hub; de hub levert op een vast tijdstip.",
            "De hub haalt ook retouren en afval op.",
            "De gemeente gaf een startsubsidie en verruimde de venstertijden voor emissievrije voertuigen.",
        ),
        results=p(
            "140 winkels laten via de hub leveren. Het aantal bestelbussen in de binnenstad daalde met 30%. Winkeliers "
            "waarderen de vaste levertijd en het ophalen van karton."
        ),
        key_figures=(("140", "winkels aangesloten"), ("-30%", "bestelbussen in de binnenstad")),
        learnings=p(
            "Winkeliers stappen over voor gemak, niet voor het milieu: vaste levertijden en het ophalen van afval "
            "waren doorslaggevend. Grote ketens hebben eigen logistiek en doen minder snel mee."
        ),
        tips=ul(
            "Bied extra diensten zoals afval ophalen en opslag.",
            "Koppel de hub aan de invoering van een zero-emissiezone.",
        ),
        dos=(
            "Werk met een ervaren logistieke partner.",
            "Bied een duidelijke prijs per levering.",
            "Meet het aantal ritten vóór en na.",
        ),
        donts=(
            "Verplicht niets zonder alternatief.",
            "Reken niet op snelle winst voor de hub.",
            "Vergeet de ketens niet te betrekken.",
        ),
        cost_class="50k-250k",
        cost_note="€ 150.000 startsubsidie over drie jaar",
        duration="3 jaar startfase",
        partners=("Logistieke dienstverlener (fictief)", "Ondernemersvereniging binnenstad Zeewaarde (fictief)"),
        contact="Team Stadslogistiek, Gemeente Zeewaarde (fictief)",
        sources=("Evaluatie stadsdistributie Zeewaarde (fictief)",),
        extras=("fietsen",),
        view_count=530,
    ),
    DemoCase(
        slug="demo-geveltuinen-havenstraat-duinhaven",
        title="Geveltuinen en plantenbakken in de Havenstraat",
        summary="Ondernemers en bewoners van de Havenstraat in Duinhaven legden samen 60 geveltuinen aan, met hulp van de gemeente.",
        place_name="Duinhaven, Havenstraat",
        country="NL",
        size_class="10k-25k",
        core_type="winkelstraat",
        year_started=2023,
        themes=("duurzaamheid", "samenwerking"),
        audiences=("ondernemers", "vastgoed"),
        concept=p(
            "Een geveltuin is een smalle strook groen tegen de gevel, waar een tegel uit de stoep wordt gehaald. Het "
            "maakt een stenige winkelstraat groener, koeler en vriendelijker, en het kost bijna niets."
        ),
        context=p(
            "De Havenstraat in het oude vissersdorp had geen enkele boom. In de zomer werd het er heet en bezoekers "
            "liepen snel door naar de boulevard."
        ),
        approach=ul(
            "De gemeente haalt gratis tegels weg en levert plantgrond.",
            "Een hovenier gaf een plantadvies met zouttolerante planten voor de kust.",
            "Ondernemers en bewoners onderhouden hun eigen geveltuin.",
        ),
        results=p(
            "In één voorjaar kwamen er 60 geveltuinen en 20 plantenbakken. De straat werd genomineerd voor een "
            "provinciale groenprijs en de ondernemersvereniging zag meer bezoekers blijven hangen."
        ),
        key_figures=(("60", "geveltuinen"), ("20", "plantenbakken"), ("€ 35", "gemiddelde kosten per geveltuin")),
        learnings=p(
            "Samen planten op één zaterdag gaf energie en zichtbaarheid. Zouttolerante planten zijn aan de kust een "
            "must: de eerste proefplanten verdorden."
        ),
        tips=ul(
            "Organiseer één gezamenlijke plantdag.",
            "Kies planten die passen bij het klimaat ter plaatse.",
        ),
        dos=(
            "Laat de gemeente de tegels wegnemen.",
            "Zorg dat de doorgang op de stoep vrij blijft.",
            "Maak afspraken over onderhoud.",
        ),
        donts=(
            "Plant geen soorten die de gevel beschadigen.",
            "Leg geen geveltuin aan zonder toestemming van de eigenaar.",
            "Vergeet de leidingen in de stoep niet te checken.",
        ),
        cost_class="lt10k",
        cost_note="€ 3.500 voor plantgrond, planten en de plantdag",
        duration="1 voorjaar",
        partners=("Ondernemersvereniging Havenstraat (fictief)", "Bewonerscomité (fictief)", "Lokale hovenier"),
        contact="Wijkteam, Gemeente Duinhaven (fictief)",
        sources=("Handleiding geveltuinen Duinhaven (fictief)",),
        extras=("water",),
        view_count=330,
    ),
    DemoCase(
        slug="demo-openingstijden-afstemmen-duinhaven",
        title="Samen dezelfde openingstijden, ook in het seizoen",
        summary="Winkeliers in Duinhaven spraken vaste kernopeningstijden af en gaan in het toeristenseizoen samen later dicht.",
        place_name="Duinhaven, centrum",
        country="NL",
        size_class="10k-25k",
        core_type="stadskern",
        year_started=2022,
        themes=("trends-ontwikkelingen", "samenwerking"),
        audiences=("ondernemers",),
        concept=p(
            "Bezoekers willen weten wanneer een winkelgebied open is. Als elke winkel andere tijden heeft, komen ze "
            "voor een dichte deur en komen ze niet terug. Vaste kernopeningstijden voor het hele centrum zijn een "
            "eenvoudige afspraak met een groot effect."
        ),
        context=p(
            "In de zomer komen er veel toeristen naar de kust, vooral in de late namiddag. De meeste winkels "
            "sloten om 17 uur, net wanneer de stranden leegliepen."
        ),
        approach=ul(
            "Een enquête onder winkeliers en bezoekers over gewenste tijden.",
            "Kernopeningstijden: van dinsdag tot zaterdag van 10 tot 17 uur, iedereen open.",
            "In juli en augustus blijft het centrum op donderdag en vrijdag open tot 21 uur.",
            "De tijden staan op één bord bij elke ingang van het centrum en online.",
        ),
        results=p(
            "85% van de winkeliers doet mee. De avondopenstelling in de zomer leverde de deelnemende winkels gemiddeld "
            "12% meer omzet op in die maanden."
        ),
        key_figures=(("85%", "winkeliers doet mee"), ("+12%", "omzet in juli en augustus")),
        learnings=p(
            "Kleine zelfstandigen kunnen niet altijd lang open blijven. Met korte kerntijden en een vrijwillige "
            "avondopenstelling in het seizoen kan iedereen meedoen."
        ),
        tips=ul(
            "Vraag ook bezoekers wanneer zij willen winkelen.",
            "Zet de tijden in online kaarten en zoekmachines.",
        ),
        dos=(
            "Maak de afspraak eenvoudig en haalbaar.",
            "Communiceer de tijden op één plek.",
            "Evalueer na elk seizoen.",
        ),
        donts=(
            "Verplicht kleine zaken niet tot lange dagen.",
            "Vergeet de horeca niet te betrekken.",
            "Wijzig de tijden niet elk jaar.",
        ),
        cost_class="lt10k",
        cost_note="€ 2.000 voor borden en promotie",
        duration="3 maanden voorbereiding, daarna doorlopend",
        partners=("Ondernemersvereniging Duinhaven (fictief)", "VVV-kantoor (fictief)"),
        contact="Ondernemersvereniging Duinhaven, bestuur (fictief)",
        sources=("Enquête openingstijden centrum Duinhaven (fictief)",),
        view_count=210,
    ),
    DemoCase(
        slug="demo-dorpsmerk-beleef-wadbergen",
        title="‘Beleef Wadbergen’: een dorpsmerk van en voor ondernemers",
        summary="Wadbergen bouwde een eenvoudig dorpsmerk met een eigen website, een evenementenkalender en een wekelijkse nieuwsbrief.",
        place_name="Wadbergen",
        country="NL",
        size_class="10k-25k",
        core_type="dorpskern",
        year_started=2021,
        themes=("beleving-aantrekking",),
        audiences=("ondernemers", "lokale-besturen"),
        concept=p(
            "Ook een dorp kan een merk zijn. Een herkenbaar logo, één website en één kalender bundelen alles wat er te "
            "doen en te koop is. Dat helpt inwoners om lokaal te kopen en dagjesmensen om het dorp te vinden."
        ),
        context=p(
            "Wadbergen had een actieve vereniging, een museum en een weekmarkt, maar niemand wist wat er wanneer "
            "gebeurde. Elk initiatief had zijn eigen Facebookpagina."
        ),
        approach=ul(
            "Een lokale ontwerper maakte een eenvoudig logo en huisstijl.",
            "Eén website met alle winkels, horeca, activiteiten en een kalender.",
            "Een wekelijkse nieuwsbrief met aanbiedingen en activiteiten.",
            "Vrijwilligers en ondernemers vullen de kalender zelf aan.",
        ),
        results=p(
            "De nieuwsbrief heeft 3.200 abonnees, een op de vijf inwoners. De website krijgt 8.000 bezoekers per maand. "
            "Ondernemers gebruiken het logo in hun etalage."
        ),
        key_figures=(("3.200", "abonnees nieuwsbrief"), ("8.000", "websitebezoekers per maand")),
        learnings=p(
            "Een merk is pas sterk als het gebruikt wordt; de kalender en de nieuwsbrief zijn de motor. Vrijwilligers "
            "hebben een vaste coördinator nodig."
        ),
        tips=ul(
            "Begin met een kalender; het logo volgt.",
            "Laat ondernemers het merk in hun etalage en verpakkingen gebruiken.",
        ),
        dos=(
            "Houd het merk eenvoudig en lokaal.",
            "Verzamel alle activiteiten op één plek.",
            "Zorg voor een vaste coördinator.",
        ),
        donts=(
            "Geef niet al het budget uit aan een logo.",
            "Laat de website niet verouderen.",
            "Maak geen merk zonder de ondernemers.",
        ),
        cost_class="10k-50k",
        cost_note="€ 14.000 voor ontwerp en website; € 6.000 per jaar voor coördinatie",
        duration="Doorlopend sinds 2021",
        partners=("Ondernemersvereniging Wadbergen (fictief)", "Dorpsraad (fictief)"),
        contact="Stichting Beleef Wadbergen, coördinator (fictief)",
        sources=("Naar de Kern: samen bouwen aan een bedrijvige stadskern",),
        extras=("bunting",),
        view_count=480,
    ),
    DemoCase(
        slug="demo-kindvriendelijk-dorpshart-wadbergen",
        title="Een kindvriendelijk dorpshart met speelaanleidingen",
        summary="Wadbergen richtte het dorpshart zo in dat kinderen er veilig kunnen spelen, en ouders er langer blijven.",
        place_name="Wadbergen, Brink",
        country="NL",
        size_class="10k-25k",
        core_type="dorpskern",
        year_started=2024,
        themes=("beleving-aantrekking", "duurzaamheid"),
        audiences=("lokale-besturen",),
        concept=p(
            "Gezinnen blijven langer in een centrum waar kinderen kunnen spelen. Geen grote speeltuin, maar kleine "
            "speelaanleidingen verspreid over het dorpshart: een waterpomp, keien om op te klimmen, een zandbak onder "
            "een boom."
        ),
        context=p(
            "Jonge gezinnen deden boodschappen in het winkelcentrum van de buurgemeente omdat daar een speelhoek was. "
            "De Brink was een parkeerplaats met een paar banken."
        ),
        approach=ul(
            "Kinderen van twee basisscholen tekenden hun ideale dorpsplein.",
            "Zes speelaanleidingen en meer groen op de Brink en in de winkelstraat.",
            "Verkeersremmende maatregelen en een autovrije zone rond de speelplekken.",
        ),
        results=p(
            "Op woensdagmiddag en zaterdag is de Brink vol gezinnen. De ijssalon en de bakker melden meer klanten. "
            "De gemeente heeft de aanpak opgenomen in haar omgevingsvisie."
        ),
        key_figures=(("6", "speelaanleidingen"), ("2", "basisscholen betrokken")),
        learnings=p(
            "Kinderen als ontwerpers leverde originele ideeën en veel draagvlak bij ouders op. Speelaanleidingen moeten "
            "ook mooi zijn voor volwassenen, anders voelt het als een speeltuin in de winkelstraat."
        ),
        tips=ul(
            "Combineer spelen met groen en water voor verkoeling.",
            "Zet bankjes voor ouders met zicht op de speelplekken.",
        ),
        dos=(
            "Laat kinderen meedenken.",
            "Kies natuurlijke materialen.",
            "Zorg voor verkeersveiligheid.",
        ),
        donts=(
            "Zet geen speeltoestellen zonder veiligheidskeuring.",
            "Plaats geen speelplek naast een drukke weg.",
            "Vergeet schaduw en drinkwater niet.",
        ),
        cost_class="50k-250k",
        cost_note="€ 165.000 voor inrichting en verkeersmaatregelen",
        duration="1 jaar",
        partners=("Twee basisscholen (fictief)", "Landschapsontwerper (fictief)"),
        contact="Team Openbare Ruimte, Gemeente Wadbergen (fictief)",
        sources=("Ontwerp Brink Wadbergen (fictief)",),
        extras=("groen",),
        view_count=160,
    ),
    DemoCase(
        slug="demo-digitale-etalage-ommerdal",
        title="Digitale etalage: elke winkel in Ommerdal vindbaar online",
        summary="In het kleine Ommerdal hielp een digitale coach alle ondernemers aan een correct online profiel en een eenvoudige webwinkel.",
        place_name="Ommerdal",
        country="NL",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2021,
        themes=("trends-ontwikkelingen",),
        audiences=("ondernemers",),
        concept=p(
            "Klanten zoeken eerst online: openingstijden, assortiment, een route. Een winkel die online niet te vinden "
            "is, bestaat voor veel klanten niet. Een digitale coach helpt ondernemers met de basis."
        ),
        context=p(
            "De helft van de 34 ondernemers in Ommerdal had geen of een verkeerd online profiel. Een eigen webwinkel "
            "leek onbetaalbaar."
        ),
        approach=ul(
            "Een coach bezocht elke ondernemer en zette profielen in zoekmachines en kaarten goed.",
            "Vijf workshops over foto's, sociale media en webwinkels.",
            "Wie wilde, kreeg hulp bij een eenvoudige webwinkel met afhalen in de winkel.",
        ),
        results=p(
            "Alle 34 ondernemers hebben een correct profiel. Twaalf hebben een webwinkel en samen halen klanten "
            "wekelijks zo'n 90 bestellingen op in de winkel."
        ),
        key_figures=(("34 van 34", "ondernemers met correct online profiel"), ("12", "nieuwe webwinkels")),
        learnings=p(
            "Persoonlijke begeleiding werkt beter dan een cursus: de coach deed het samen met de ondernemer, in de "
            "winkel. Afhalen in de winkel brengt klanten naar het dorp."
        ),
        tips=ul(
            "Begin met openingstijden en foto's: snel resultaat.",
            "Zoek een coach die zelf ondernemer is geweest.",
        ),
        dos=(
            "Bezoek elke ondernemer persoonlijk.",
            "Begin met de basis.",
            "Volg na een half jaar op.",
        ),
        donts=(
            "Verkoop ondernemers geen duur maatwerk.",
            "Verwacht niet dat iedereen een webwinkel wil.",
            "Vergeet niet de profielen actueel te houden.",
        ),
        cost_class="lt10k",
        cost_note="€ 8.000 voor de coach en de workshops",
        duration="6 maanden",
        partners=("Ondernemersvereniging Ommerdal (fictief)", "Regionale digitale coach (fictief)"),
        contact="Economische Zaken, Gemeente Ommerdal (fictief)",
        sources=("Herstel van binnensteden. Wat is er nodig voor een vitale en duurzame binnenstad?",),
        extras=("pakjes",),
        view_count=370,
    ),
    DemoCase(
        slug="demo-kerk-wordt-dorpshuis-brakeloo",
        title="De kerk wordt dorpshuis, markthal en café",
        summary="In Brakeloo werd de leegstaande dorpskerk een multifunctioneel dorpshart met een overdekte markt, een café en vergaderruimte.",
        place_name="Brakeloo, Kerkplein",
        country="NL",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2020,
        themes=("ruimtelijke-ordening", "beleving-aantrekking"),
        audiences=("ontwikkelaars", "investeerders", "lokale-besturen"),
        concept=p(
            "Een leegstaande kerk in het midden van het dorp is een kans: een groot gebouw op de beste plek. Met een "
            "herbestemming tot dorpshuis, markthal en café krijgt het dorp een overdekt ontmoetingspunt en blijft het "
            "monument behouden."
        ),
        context=p(
            "De parochie sloot de kerk in 2018. Het dorp had geen café meer en het dorpshuis aan de rand was verouderd."
        ),
        approach=ul(
            "Een coöperatie van inwoners kocht de kerk voor een symbolisch bedrag.",
            "Een herbestemmingsplan in samenwerking met de monumentenzorg.",
            "Financiering via een crowdfunding, een provinciale subsidie en een lening.",
            "Een café-uitbater huurt de ruimte en runt ook de zaalverhuur.",
        ),
        results=p(
            "De kerk is zes dagen per week open. Elke zaterdag is er een overdekte markt met acht kramen. Het café "
            "trekt ook fietsers van buiten het dorp."
        ),
        key_figures=(
            ("6 dagen", "per week open"),
            ("410", "inwoners lid van de coöperatie"),
            ("8", "marktkramen op zaterdag"),
        ),
        learnings=p(
            "Eigenaarschap bij de inwoners zorgt voor gebruik en vrijwilligers. De exploitatie moet kloppen: zonder "
            "een commerciële huurder (het café) lukt het niet."
        ),
        tips=ul(
            "Zoek vroeg een uitbater die mee wil ontwerpen.",
            "Betrek monumentenzorg vanaf de eerste schets.",
        ),
        dos=(
            "Maak een sluitende exploitatiebegroting.",
            "Combineer maatschappelijke en commerciële functies.",
            "Behoud het karakter van het gebouw.",
        ),
        donts=(
            "Onderschat de energiekosten van een groot gebouw niet.",
            "Laat vrijwilligers niet alles dragen.",
            "Vergeet de toegankelijkheid niet.",
        ),
        cost_class="gte250k",
        cost_note="€ 1,4 miljoen, waarvan € 300.000 uit crowdfunding",
        duration="3 jaar",
        partners=("Coöperatie Kerk Brakeloo (fictief)", "Provincie (subsidie, fictief)", "Café-uitbater (fictief)"),
        contact="Coöperatie Kerk Brakeloo, bestuur (fictief)",
        sources=("Herbestemmingsplan kerk Brakeloo (fictief)",),
        extras=("markt",),
        gallery=1,
        view_count=810,
    ),
    DemoCase(
        slug="demo-dorpswinkel-cooperatie-brakeloo",
        title="Een dorpswinkel als coöperatie van inwoners",
        summary="Toen de laatste supermarkt in Brakeloo sloot, openden inwoners samen een coöperatieve dorpswinkel met lokale producten.",
        place_name="Brakeloo",
        country="NL",
        size_class="lt10k",
        core_type="dorpskern",
        year_started=2022,
        themes=("samenwerking", "trends-ontwikkelingen"),
        audiences=("ondernemers", "investeerders"),
        concept=p(
            "Als een dorp zijn laatste winkel verliest, verliest het ook een ontmoetingsplek. Een coöperatieve "
            "dorpswinkel is van de inwoners: zij investeren, kopen er en werken er soms als vrijwilliger."
        ),
        context=p(
            "De supermarkt sloot in 2021 omdat de keten de omzet te laag vond. Ouderen zonder auto konden geen "
            "boodschappen meer doen."
        ),
        approach=ul(
            "Inwoners kochten aandelen van € 50 in de coöperatie.",
            "Een betaalde bedrijfsleider en 40 vrijwilligers runnen de winkel.",
            "Een groothandel levert het basisassortiment; boeren uit de buurt leveren vers.",
            "De winkel is ook afhaalpunt voor pakketten en heeft een koffiehoek.",
        ),
        results=p(
            "De winkel draait na anderhalf jaar break-even. Een derde van de omzet komt van lokale producten. De "
            "koffiehoek is een vaste ontmoetingsplek voor ouderen geworden."
        ),
        key_figures=(("560", "aandeelhouders"), ("40", "vrijwilligers"), ("1/3", "omzet uit lokale producten")),
        learnings=p(
            "Vrijwilligers alleen zijn niet genoeg: een betaalde bedrijfsleider geeft continuïteit. Extra diensten "
            "(pakketten, koffie) brengen mensen binnen die anders niet zouden komen."
        ),
        tips=ul(
            "Haal eerst genoeg startkapitaal op bij inwoners.",
            "Zoek een groothandel die kleine winkels bedient.",
        ),
        dos=(
            "Neem een betaalde bedrijfsleider aan.",
            "Combineer de winkel met diensten.",
            "Verkoop lokale producten.",
        ),
        donts=(
            "Concurreer niet op prijs met de supermarkt in de stad.",
            "Laat de vrijwilligers niet uitgeput raken.",
            "Onderschat de investering in koeling niet.",
        ),
        cost_class="50k-250k",
        cost_note="€ 140.000 startkapitaal: € 28.000 uit aandelen, de rest lening en subsidie",
        duration="Doorlopend sinds 2022",
        partners=("Coöperatie Dorpswinkel Brakeloo (fictief)", "Boeren uit de omgeving", "Groothandel (fictief)"),
        contact="Coöperatie Dorpswinkel Brakeloo, bestuur (fictief)",
        sources=("Jaarverslag Dorpswinkel Brakeloo (fictief)",),
        video_url=yt(8),
        view_count=590,
    ),
    DemoCase(
        slug="demo-koopstromenonderzoek-kruisdonk",
        title="Weten waar inwoners winkelen: een koopstromenonderzoek",
        summary="Kruisdonk vroeg 1.500 inwoners waar ze boodschappen doen en winkelen, en stuurde het centrumbeleid bij op basis van de uitkomsten.",
        place_name="Kruisdonk",
        country="NL",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2022,
        themes=("data", "trends-ontwikkelingen"),
        audiences=("lokale-besturen", "ondernemers", "investeerders"),
        concept=p(
            "Een koopstromenonderzoek toont welk deel van de bestedingen van inwoners in de eigen gemeente blijft en "
            "welk deel wegvloeit, naar andere steden of naar webwinkels. Dat maakt zichtbaar welke branches sterk of "
            "zwak zijn."
        ),
        context=p(
            "Het centrum verloor winkels in mode en schoenen, maar niemand wist of klanten naar de stad of naar het "
            "internet gingen."
        ),
        approach=ul(
            "Een online en telefonische enquête bij 1.500 inwoners.",
            "Vergelijking met gemeenten van dezelfde omvang.",
            "Presentatie aan ondernemers en vastgoedeigenaren met concrete kansen per branche.",
        ),
        results=p(
            "Voor dagelijkse boodschappen blijft 91% in Kruisdonk; voor mode slechts 28%, waarvan de helft naar "
            "webwinkels. De gemeente koos daarom voor een compact centrum sterk in boodschappen, horeca en diensten."
        ),
        key_figures=(
            ("91%", "boodschappen in eigen gemeente"),
            ("28%", "modebestedingen in eigen gemeente"),
            ("1.500", "inwoners bevraagd"),
        ),
        learnings=p(
            "De cijfers maakten een eerlijk gesprek mogelijk: niet elke branche is terug te winnen. Investeerders "
            "gebruikten de uitkomsten om hun plannen bij te sturen."
        ),
        tips=ul(
            "Herhaal het onderzoek elke vier tot vijf jaar met dezelfde vragen.",
            "Deel de resultaten openlijk met ondernemers.",
        ),
        dos=(
            "Vergelijk met vergelijkbare gemeenten.",
            "Vertaal de uitkomsten in keuzes.",
            "Betrek ondernemers bij de vragenlijst.",
        ),
        donts=(
            "Vraag niet te veel: houd de enquête kort.",
            "Trek geen conclusies over kleine branches met weinig antwoorden.",
            "Laat het rapport niet ongelezen liggen.",
        ),
        cost_class="10k-50k",
        cost_note="€ 26.000 voor enquête en analyse",
        duration="4 maanden",
        partners=("Onderzoeksbureau (fictief)", "Winkeliersvereniging Kruisdonk (fictief)"),
        contact="Afdeling Onderzoek en Statistiek, Gemeente Kruisdonk (fictief)",
        sources=("Koopstromenonderzoek Kruisdonk 2022 (fictief)",),
        view_count=440,
    ),
    DemoCase(
        slug="demo-functiemix-omgevingsplan-grevendijk",
        title="Meer ruimte voor functies in de aanloopstraten",
        summary="Grevendijk verruimde het omgevingsplan zodat lege winkels in aanloopstraten wonen, zorg of werkplaats mogen worden.",
        place_name="Grevendijk, aanloopstraten",
        country="NL",
        size_class="25k-50k",
        core_type="stadskern",
        year_started=2023,
        themes=("ruimtelijke-ordening", "beleid-visie"),
        audiences=("ontwikkelaars", "vastgoed"),
        concept=p(
            "In de aanloopstraten rond het centrum is detailhandel niet meer te houden. Een flexibel omgevingsplan "
            "laat er ook wonen, dienstverlening, zorg en kleine bedrijvigheid toe, zonder telkens een aparte procedure."
        ),
        context=p(
            "In vier aanloopstraten stond 24% van de winkels leeg. Eigenaren die wilden ombouwen moesten een lange "
            "procedure doorlopen."
        ),
        approach=ul(
            "Een kaart met drie zones: kernwinkelgebied, aanloopstraten en woongebied.",
            "In de aanloopstraten is elke functie toegestaan behalve hinderlijke bedrijvigheid.",
            "Een 'transformatieloket' helpt eigenaren met bouwregels en financiering.",
        ),
        results=p(
            "Binnen een jaar dienden 15 eigenaren een aanvraag in. Acht panden zijn al omgebouwd tot woningen en twee "
            "tot praktijkruimten. De leegstand in de aanloopstraten daalde naar 16%."
        ),
        key_figures=(("24% → 16%", "leegstand aanloopstraten"), ("15", "aanvragen in het eerste jaar")),
        learnings=p(
            "Flexibiliteit werkt als er ook een duidelijke kern blijft waar winkels voorrang krijgen. Het loket "
            "verlaagde de drempel voor particuliere eigenaren sterk."
        ),
        tips=ul(
            "Maak eerst de zones, dan de regels.",
            "Geef voorbeeldontwerpen voor een winkel die woning wordt.",
        ),
        dos=(
            "Houd het kernwinkelgebied strak.",
            "Maak de regels in de aanloopstraten ruim.",
            "Ondersteun eigenaren met een loket.",
        ),
        donts=(
            "Laat woningen op straatniveau geen blinde gevels krijgen.",
            "Sta geen functies toe die de buurt hinderen.",
            "Vergeet de parkeernormen niet aan te passen.",
        ),
        cost_class="10k-50k",
        cost_note="€ 40.000 voor het planwerk en het loket in het eerste jaar",
        duration="1 jaar",
        partners=("Vastgoedeigenaren (fictief)", "Stedenbouwkundig bureau (fictief)"),
        contact="Team Ruimtelijke Ontwikkeling, Gemeente Grevendijk (fictief)",
        sources=("Omgevingsplan centrum Grevendijk, thema functiemenging (fictief)",),
        extras=("leegstand",),
        view_count=250,
    ),
    DemoCase(
        slug="demo-energiecoaching-winkeliers-marendam",
        title="Energiecoaching voor winkeliers: deuren dicht, rekening omlaag",
        summary="Een energiecoach bezocht 90 winkels in Marendam en hielp ze aan LED, deurdrangers en slimme thermostaten.",
        place_name="Marendam, binnenstad",
        country="NL",
        size_class="50k-100k",
        core_type="binnenstad",
        year_started=2023,
        themes=("duurzaamheid", "samenwerking"),
        audiences=("ondernemers", "vastgoed"),
        concept=p(
            "Veel winkels verspillen energie: open deuren in de winter, oude verlichting, verwarming die 's nachts "
            "aanstaat. Een energiecoach geeft gratis advies op maat en helpt met de uitvoering."
        ),
        context=p(
            "Na de stijging van de energieprijzen kwamen veel winkeliers in de problemen. Eigenaren en huurders "
            "wisten niet wie wat moest betalen."
        ),
        approach=ul(
            "Een coach deed een energiescan van een uur in elke deelnemende winkel.",
            "Snelle maatregelen kregen een kleine subsidie: LED, deurdrangers, tijdschakelaars.",
            "Voor grote maatregelen (isolatie, warmtepomp) bemiddelde de coach tussen huurder en eigenaar.",
        ),
        results=p(
            "90 winkels deden mee. Gemiddeld daalde het energieverbruik met 22%. Vijftien eigenaren investeerden in "
            "isolatie of een warmtepomp."
        ),
        key_figures=(("90", "winkels gescand"), ("-22%", "energieverbruik"), ("15", "eigenaren met grote investering")),
        learnings=p(
            "De deur dicht houden bleek de grootste besparing en de moeilijkste: winkeliers vrezen dat klanten dan "
            "niet binnenkomen. Een gezamenlijke afspraak in de straat hielp."
        ),
        tips=ul(
            "Maak een straatafspraak over gesloten deuren in de winter.",
            "Breng huurder en eigenaar samen aan tafel.",
        ),
        dos=(
            "Geef advies op maat, in de winkel.",
            "Begin met snelle, goedkope maatregelen.",
            "Meet het verbruik vóór en na.",
        ),
        donts=(
            "Stuur geen algemene brochure.",
            "Vergeet de eigenaren niet.",
            "Verwacht niet dat iedereen de deur dicht doet zonder afspraak.",
        ),
        cost_class="10k-50k",
        cost_note="€ 48.000 voor coaching en subsidies voor snelle maatregelen",
        duration="1 jaar",
        partners=("Energieloket (fictief)", "Ondernemersvereniging binnenstad Marendam (fictief)"),
        contact="Team Duurzaamheid, Gemeente Marendam (fictief)",
        sources=("Eindrapport energiecoaching binnenstad Marendam (fictief)",),
        view_count=200,
    ),
    DemoCase(
        slug="demo-open-data-kernmonitor-hemmerveen",
        title="Een openbare kernmonitor voor investeerders en ondernemers",
        summary="Hemmerveen publiceert leegstand, functiemix en passanten per straat als open data, met een kaart en een jaarlijks factsheet.",
        place_name="Hemmerveen, centrum",
        country="NL",
        size_class="50k-100k",
        core_type="stadskern",
        year_started=2024,
        themes=("data",),
        audiences=("lokale-besturen", "investeerders", "vastgoed"),
        concept=p(
            "Investeerders en ondernemers nemen beslissingen op basis van cijfers. Als de gemeente haar cijfers over "
            "het centrum openbaar maakt, helpt ze hen om in het centrum te investeren, en verhoogt ze het vertrouwen "
            "in haar beleid."
        ),
        context=p(
            "De gemeente verzamelde al jaren cijfers over leegstand en passanten, maar ze bleven in interne rapporten. "
            "Makelaars gebruikten verouderde cijfers van commerciële bronnen."
        ),
        approach=ul(
            "De cijfers worden per straat samengevoegd, zodat geen enkel pand herkenbaar is.",
            "Een kaart en grafieken op de website, met downloads als CSV.",
            "Een jaarlijks factsheet van twee pagina's voor investeerders.",
        ),
        results=p(
            "In het eerste jaar werden de cijfers 1.400 keer gedownload. Twee ontwikkelaars verwezen in hun plannen "
            "naar de kernmonitor. Vragen van makelaars aan de gemeente daalden sterk."
        ),
        key_figures=(("1.400", "downloads in jaar 1"), ("3", "soorten cijfers: leegstand, functiemix, passanten")),
        learnings=p(
            "Openheid vraagt zorgvuldigheid: cijfers per straat in plaats van per pand beschermen eigenaren en "
            "huurders. Een korte uitleg bij elke grafiek voorkomt verkeerde conclusies."
        ),
        tips=ul(
            "Publiceer ook de methode en de definities.",
            "Werk de cijfers op vaste momenten bij.",
        ),
        dos=(
            "Maak de cijfers downloadbaar.",
            "Voeg cijfers samen zodat niemand herkenbaar is.",
            "Leg de methode uit.",
        ),
        donts=(
            "Publiceer geen gegevens per pand of per huurder.",
            "Laat de cijfers niet verouderen.",
            "Verander de definities niet zonder uitleg.",
        ),
        cost_class="10k-50k",
        cost_note="€ 22.000 voor de website en de eerste factsheet",
        duration="6 maanden opbouw, daarna doorlopend",
        partners=("Team Onderzoek Hemmerveen (fictief)", "Makelaars uit de regio"),
        contact="Team Onderzoek en Informatie, Gemeente Hemmerveen (fictief)",
        sources=("Kernmonitor centrum Hemmerveen (fictief)",),
        extras=("teller",),
        view_count=180,
    ),
)
