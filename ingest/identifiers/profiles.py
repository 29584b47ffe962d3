"""Language profiles: what, in each language, shows that a word is a person's name or a place.

One recogniser (:mod:`.names_places`) reads every language; a profile gives it the language's
words: titles and kinship words that come before (or after) a name, the phrases that introduce one
("jina langu ni", "je m'appelle", "मेरो नाम", "제 이름은"), the words and fused endings that put a
place after or before them ("kijiji cha X", "à X", "X में", "X मा", "X에서"), the words that name the
kind of a facility ("hospitali ya X", "centre de santé X", "X अस्पताल", "X병원"), the endings that
are fused to a name but are not part of it (Korean particles, Nepali case endings), and the words
that are capitalised or look like names but identify no one (God, months, languages, countries).

The lists are written here, from the grammar of each language; the words of everyday speech come
from the packages (:mod:`.vocabulary`), with the profile's own ``everyday`` words where those lists
are thin (Kiswahili, and Nepali, which none of them has).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .devanagari import normal
from .vocabulary import fold


def norm(word: str) -> str:
    """How a word is compared: accents folded in Latin letters, one spelling in Devanagari
    (:func:`.devanagari.normal`), as written (NFC) in other scripts."""
    if word[:1].isascii() or "\u00c0" <= word[:1] <= "\u024f":
        return fold(word)
    if "\u0900" <= word[:1] <= "\u097f":
        return normal(word.casefold())
    return unicodedata.normalize("NFC", word.casefold())


def _set(words: str) -> frozenset[str]:
    return frozenset(norm(w) for w in words.split())


def _phrases(lines: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(norm(w) for w in line.split()) for line in lines.split(",") if line.strip())


@dataclass(frozen=True)
class Profile:
    """The words of one language that mark names and places (all compared with :func:`norm`)."""

    code: str
    cased: bool = True  # the script has capital letters
    titles: frozenset[str] = frozenset()  # before a name, outside its span: "bwana", "docteur"
    titles_after: frozenset[str] = frozenset()  # after a name, outside it: "जी", "दिदी", "씨"
    kin: frozenset[str] = frozenset()  # kinship and role words a name may follow: "dada", "fille"
    possessives: frozenset[str] = frozenset()  # "yangu", "ma", "mi", "मेरी": between kin and name
    name_cues: frozenset[tuple[str, ...]] = frozenset()  # "jina langu ni", "me llamo"
    place_before: frozenset[str] = frozenset()  # verbs of living and "from": "kutoka", "habite"
    place_preps: frozenset[str] = frozenset()  # prepositions that often come before a place: "à", "en"
    place_phrases: frozenset[tuple[str, ...]] = frozenset()  # "kijiji cha", "village de"
    place_after: frozenset[str] = frozenset()  # postpositions after a place: "में", "से"
    place_nouns: frozenset[str] = frozenset()  # words for a kind of place after its name: "जिल्ला"
    place_verbs: tuple[str, ...] = ()  # the next word starts so after a place: "살" (live)
    place_endings: tuple[str, ...] = ()  # fused endings that say "in, at, from": "मा", "에서"
    endings: tuple[str, ...] = ()  # fused endings outside a name's span, longest first
    facilities: frozenset[tuple[str, ...]] = frozenset()  # "hospitali", "centre de santé"
    facility_suffixes: tuple[str, ...] = ()  # fused: "병원", "보건소"
    qualifiers: frozenset[str] = frozenset()  # inside a facility's name: "regional", "ya", "जिल्ला"
    connectors: frozenset[str] = frozenset()  # inside a person's or place's name: "de", "bin"
    generic: frozenset[str] = frozenset()  # words that make "the local clinic" no name: "큰", "mon"
    everyday: frozenset[str] = frozenset()  # the profile's own everyday words
    not_names: frozenset[str] = frozenset()  # God, months, weekdays, languages, countries
    not_before: frozenset[str] = frozenset()  # a word before these is not a name: "syndrome", "भाषा"
    place_heads: tuple[str, ...] = ()  # fused endings of place names: "시", "군", "동"
    surnames: frozenset[str] = frozenset()  # a closed list of family names, written first
    given_syllables: frozenset[str] = frozenset()  # syllables of given names after a surname
    rare_words: bool = True  # whether a word no list knows is proposed as a name
    inflection: tuple[str, ...] = field(default=())  # prefixes of inflected words (Kiswahili verbs)
    derivations: tuple[tuple[str, str], ...] = ()  # endings of derived words and their base's ending
    word_endings: tuple[str, ...] = ()  # endings only ordinary words have (Nepali verb endings)
    script: str = "latin"  # "devanagari" and "hangul" are read by rules of their own
    self_cues: frozenset[str] = frozenset()  # "मैं", "म": "I" before a name ("म सुरेन्द्र खनाल") or not
    place_name_words: frozenset[str] = frozenset()  # part of a place's name after it: "नगर", "चौक"
    place_suffixes: tuple[str, ...] = ()  # fused endings of town names: "पुर", "गढ", "गंज"
    agent_after: frozenset[str] = frozenset()  # the mark of who did it, after a name: "ने"
    agent_endings: tuple[str, ...] = ()  # the same fused to the name: "ले"
    clitics: tuple[str, ...] = ()  # pronouns written onto a verb: "inyectarme", "chamá-lo"
    medical_suffixes: tuple[str, ...] = ()  # endings of the names of illnesses: "증", "병"
    stacked_endings: frozenset[str] = frozenset()  # the only endings another ending may follow


# Medicines, tests and units that stories in every language name (brand names of East and West Africa,
# South Asia and Latin America the drug list of lexicon.py lacks), and illnesses named after a person
# or a place: none of them identifies anyone.
_MEDICAL = """coartem septrin septra bactrim cotrim cotrimoxazole fansidar panadol augmentin amoxil
flagyl quinine artesunate artemether lumefantrine ors tld tle efavirenz nevirapine dolutegravir
tenofovir lamivudine zidovudine isoniazid rifampicin rifafour ethambutol pyrazinamide insulin
metformin metformine metformina glibenclamide amlodipine nifedipine enalapril losartan furosemide
lasix atenolol salbutamol ventolin prednisolone dexamethasone ibuprofen diclofenac paracetamol
paracétamol tramadol morphine ceftriaxone ciprofloxacin doxycycline azithromycin amoxicillin
amoxicilline amoxicilina albendazole mebendazole praziquantel misoprostol oxytocin depo
hba1c cd4 arv arvs tarv haart prep pep mg ml kg mmhg"""
_EPONYMS = "down parkinson alzheimer crohn hodgkin kaposi chagas zika ebola lassa marburg dengue chikungunya"

_SW_MONTHS = "januari februari machi aprili mei juni julai agosti septemba oktoba novemba desemba"
_SW_DAYS = "jumatatu jumanne jumatano alhamisi ijumaa jumamosi jumapili"
_FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_FR_DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche"
_ES_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre"
_ES_DAYS = "diciembre lunes martes miércoles jueves viernes sábado domingo"
_PT_MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
_PT_DAYS = "segunda terça quarta quinta sexta feira sábado domingo"

SWAHILI = Profile(
    code="sw",
    titles=_set(
        """bwana bw bi mama baba mzee daktari dkt dk dr muuguzi nesi mwalimu mwl sheikh shehe padri
        mchungaji askofu mheshimiwa mhe bibi babu mkunga mhudumu shangazi mjomba binti kaka dada ndugu
        afisa mganga mkuu tabibu mfamasia mtaalamu mshauri""",
    ),
    kin=_set(
        """mume mke mwanangu mwanao mwanawe mtoto mwana binti kaka dada mama baba bibi babu mjukuu
        shangazi mjomba ndugu rafiki jirani mpwa shemeji mkwe wifi kitukuu mtoto mwanamke mwanamume
        mpenzi mchumba mzazi mlezi"""
    ),
    possessives=_set("wangu yangu wake yake wetu yetu wako yako wao yao wenu yenu mdogo mkubwa"),
    name_cues=_phrases(
        """jina langu ni, jina lake ni, jina lako ni, jina ni, naitwa, ninaitwa, anaitwa, aliitwa,
        waliniita, wananiita, mimi ni, huyu ni, kwa jina, anayeitwa, aitwaye"""
    ),
    place_before=_set(
        """kutoka huko mjini kijijini pale hadi mpaka toka ninaishi naishi tunaishi tuliishi anaishi
        aliishi nilizaliwa alizaliwa tulihamia nilihamia nilikwenda tulienda tulikwenda nilirudi
        tulirudi nimekulia nilikulia alikulia tulikulia alihamia wamehamia anatoka natoka"""
    ),
    place_preps=_set("katika kwenda"),
    place_phrases=_phrases(
        """kijiji cha, kijiji kimoja cha, mji wa, mjini wa, kaunti ya, wilaya ya, mkoa wa, kata ya,
        tarafa ya, mtaa wa, eneo la, kitongoji cha, kisiwa cha, jimbo la, sokoni kwa, soko la,
        kanisa la, parokia ya"""
    ),
    facilities=_phrases(
        """hospitali, zahanati, kliniki, dispensari, kituo cha afya, kituo, hospitali kuu,
        hospitali ya rufaa, hospitali ya wilaya, hospitali ya kaunti, hospitali ya mkoa, chuo kikuu,
        shule, kanisa, msikiti, duka la dawa, soko, shule ya msingi, shule ya sekondari, parokia,
        hospitali ya misheni, kanisa katoliki"""
    ),
    qualifiers=_set(
        "ya cha la wa kaunti wilaya rufaa mkoa taifa kitaifa misheni kuu teule afya ndogo msingi sekondari"
    ),
    connectors=_set("bin binti wa"),
    generic=_set("hii ile hiyo yetu yangu yao kubwa ndogo moja nyingine ile"),
    everyday=_set(
        """na kwa ya wa za la cha vya kwenye katika lakini sana tu pia bado tena sasa leo jana kesho
        hapa pale huko kule nini nani wapi lini vipi kwa nini kwamba ili kama hata bila baada kabla
        mpaka hadi sababu kila wote yote zote mimi wewe yeye sisi ninyi wao huyu hawa hii hizi hiyo
        hicho ile yule wale ndiyo hapana ndio siyo sio si ni ana nina una tuna wana alikuwa nilikuwa
        mwaka miaka mwezi miezi wiki siku saa asubuhi mchana jioni usiku alfajiri leo jana juzi
        moja mbili tatu nne tano sita saba nane tisa kumi ishirini thelathini arobaini hamsini sitini
        sabini themanini tisini mia elfu milioni sifuri nusu robo mara mbele nyuma ndani nje juu chini
        karibu mbali dawa vidonge kidonge sindano damu mkojo kipimo vipimo homa kikohozi kifua kikuu
        kisukari presha ukimwi virusi saratani malaria surua kuhara maumivu ugonjwa magonjwa mgonjwa
        wagonjwa daktari madaktari muuguzi wauguzi mkunga hospitali zahanati kliniki wodi kitanda
        chakula maji pesa shilingi nauli basi pikipiki gari matatu barabara nyumba shamba soko sokoni
        kazi shule kanisa msikiti mungu imani maombi mtoto watoto mama baba kaka dada mume mke bibi
        babu mjukuu familia jamii kijiji mji nchi watu mtu mwanamke wanawake mwanamume wanaume kijana
        vijana mzee wazee rafiki jirani majirani asante pole karibu habari sawa ndiyo tafadhali samahani
        vizuri vibaya mbaya nzuri kubwa ndogo kidogo nyingi mengi wengi kidogo mdogo mkubwa mpya
        zamani haraka polepole kimya makini ukweli uongo furaha huzuni hofu aibu upendo msaada
        mwili kichwa tumbo mguu miguu mkono mikono macho jicho moyo mgongo meno sikio pua ngozi
        uzito urefu joto baridi mvua jua upepo kiangazi masika tope vumbi foleni zamu namba simu
        kadi cheti barua fomu ripoti matokeo majibu ushauri elimu mafunzo wanafunzi mwanafunzi
        maswali swali jibu mhudumu wahudumu afya lishe uzazi ujauzito mimba kujifungua mjamzito
        nimepona amepona kupona tiba matibabu upasuaji operesheni x ray ultrasound mashine oksijeni
        mitishamba mganga mapepo uchawi laana kosa sahihi kweli hakika labda pengine huenda lazima
        inabidi ningependa tunaomba bwana bi mzee mwalimu kiswahili kiingereza mzungu wazungu
        au ina ana tangu kisha halafu pamoja kuhusu ndiye ndiyo ndio ndipo ndivyo ndicho yeyote
        chochote wowote popote kamwe
        umri uzee ujana utoto elekezo kohozi makini kimya dakika nafasi sikiliza eleza onyesha
        poteza fungua
        hisi kuhisi nilihisi ninahisi
        enda kwenda ja kuja fanya sema ona pata weza penda taka jua kaa lala la kula nywa kunywa pima
        anza isha ambia peleka leta saidia ogopa sikia tazama rudi fika pona ugua zaa zimia kohoa
        lipa kopa safiri subiri tumia meza shika nunua uza andika soma fundisha ita piga uliza jibu
        fuata acha amini shukuru laani lia cheka imba cheza lima amka oga vaa pika osha tembea kimbia
        simama ingia toka panda shuka ongea zungumza kumbuka sahau fikiri elewa tambua gundua pokea
        toa weka chukua beba vuta sukuma funga kata choma dunga tibu ponya hudumia hudhuria lazwa
        ruhusu kataa kubali tafuta ishi fariki kufa zaliwa lea olewa oa achana gombana tembelea
        agiza endelea maliza pumzika ongeza punguza badilisha shinda shindwa sumbua umiza uma kojoa
        tapika hara vimba washa choka chelewa wahi hitaji bidi stahili ngoja karibisha furahi
        huzunika kasirika aibika teseka vumilia omba sali bariki ficha ficha tega sababisha kosa
        kwama zuia zuiwa linda hifadhi ogesha lisha nyonyesha beba bebwa pelekwa tibiwa pimwa
        dungwa pasuliwa chomwa ambiwa onekana onana kutana patikana julikana fahamu fahamika
        tunza jali heshimu dharau cheka kata ruka anguka umia jeruhi vunja vunjika pasua shona
        fagia safisha chemsha pasha baridi joto kiu njaa shibe usingizi ndoto kelele giza mwanga
        nguvu udhaifu uchovu kizunguzungu kichefuchefu kutapika kuhara damu usaha uvimbe kidonda
        vidonda jeraha majeraha mfupa mifupa figo ini mapafu pafu tumbo utumbo kibofu mshipa
        mishipa kifafa degedege pumu mafua kikohozi kiharusi shinikizo sukari chumvi mafuta
        mboga matunda nyama samaki maziwa uji ugali wali chai dawa madawa sindano chanjo kinga
        kondomu uzazi mpango hedhi mimba tumbo kitovu kondo mtoto mchanga watoto wachanga
        maabara kipimo vipimo majibu dalili ishara tatizo matatizo shida tabu msongo mawazo
        ushauri mshauri nasaha faraja matumaini imani maombi ibada sala dua kanisa msikiti
        maisha pepe hasi chanya kilomita mita lita gramu kilo asilimia"""
    ),
    not_names=_set(
        f"""mungu allah yesu kristo mwenyezi mtume bwana {_SW_MONTHS} {_SW_DAYS} ramadhani ramadan idd
        krismasi pasaka kenya tanzania uganda rwanda burundi afrika somalia ethiopia congo msumbiji
        zambia malawi india uingereza marekani kiswahili kiingereza kikuyu kijaluo kiluhya kikamba
        kimasai kisomali kiarabu kihindi kizungu kichina mzungu wazungu mhindi wahindi mwafrika
        waafrika mkristo wakristo mwislamu waislamu tb vvu ukimwi ccc nhif arv cd syndrome
        {_MEDICAL} {_EPONYMS}"""
    ),
    not_before=_set("syndrome ugonjwa"),
    derivations=tuple(
        (ending, "a")
        for ending in """iwa ewa liwa lewa ishwa eshwa ia ea lia lea ika eka ikana ekana isha esha
        iana eana ana e i""".split()
    )
    + (("wa", ""), ("wa", "a"), ("ni", ""), ("ji", "")),  # "katwa" is kata made passive
    inflection=(
        "ha si hu ni u a tu m mw wa ki vi li ya i zi ku pa mu ji nyi ma ch vy mi",  # subject, class
        "na li ta me ka nge ngali ki sha ja po ta ki ku",  # tense and mood ("hakuniambia")
        "o ye cho vyo lo yo zo ko po mo we",  # relative
        "ni ku m mw tu wa ki vi li ya i zi ji",  # object
    ),
)

FRENCH = Profile(
    code="fr",
    titles=_set(
        """monsieur m mr madame mme mademoiselle mlle docteur dr docteure professeur pr maître
        infirmier infirmière tata tonton tantie maman papa mamie papi abbé imam pasteur chef hadj
        hadja adja el sœur soeur frère père mère marabout major médecin pharmacien pharmacienne
        psychologue gynécologue pédiatre chirurgien chirurgienne matrone accoucheuse laborantin
        laborantine"""
    ),
    kin=_set(
        """mari femme épouse époux fils fille frère sœur soeur mère père oncle tante cousin cousine
        neveu nièce voisin voisine ami amie copine copain enfant bébé grand mère petit fils fille
        belle beau arrière bru gendre cadet cadette aîné aînée jumeau jumelle homonyme"""
    ),
    possessives=_set("mon ma mes son sa ses notre nos votre vos leur leurs"),
    name_cues=_phrases(
        """je m appelle, il s appelle, elle s appelle, s appelle, s appelait, je m appelais,
        mon nom est, mon nom c est, mon prénom est, nommé, nommée, appelé, appelée, prénommé,
        prénommée, dite, dit, je suis"""
    ),
    place_before=_set(
        """habite habitais habitons habitait vis vivais vivons originaire natif native venu venue
        venus venues vient viens venait arrivé arrivée allé allée allés parti partie retourné
        retournée rentré rentrée né née déménagé déménagée installé installée grandi travaille
        travaillait"""
    ),
    place_preps=_set("à au aux en de d vers chez"),
    place_phrases=_phrases(
        """village de, quartier de, ville de, commune de, région de, département de, cercle de,
        arrondissement de, préfecture de, province de, près de, du côté de, sous préfecture de, marché de"""
    ),
    facilities=_phrases(
        """hôpital, clinique, centre de santé, centre hospitalier, centre hospitalier universitaire,
        centre hospitalier régional, chu, chr, cs, csps, cscom, dispensaire, maternité, poste de santé,
        case de santé, polyclinique, centre médical, centre de santé communautaire, hôpital de district,
        hôpital régional, hôpital général, pharmacie, école, lycée, mosquée, église, paroisse,
        marché, collège, cathédrale, temple, université, école primaire, grand marché"""
    ),
    qualifiers=_set(
        """de du des la le général générale régional régionale principal principale national
        nationale universitaire militaire district communautaire confessionnel saint sainte
        mère enfant"""
    ),
    connectors=_set("de du des la le les d ben ould bint el van au aux sur en lès"),
    generic=_set("mon ma notre votre leur ce cette le la du quartier village même grand petit autre"),
    everyday=_set("ok d l j m n s t qu c jusqu lorsqu puisqu"),
    not_names=_set(
        f"""dieu allah jésus christ seigneur vierge {_FR_MONTHS} {_FR_DAYS} ramadan tabaski
        noël pâques korité français française anglais arabe wolof peul pulaar sérère bambara dioula
        malinké soninké mooré créole lingala swahili baoulé sénégal mali côte ivoire haïti france
        guinée burkina faso niger cameroun congo bénin togo afrique tchad gabon maroc algérie
        tunisie cfa cmu vih sida arv cd tb
        belge belges français françaises sénégalais sénégalaise ivoirien ivoirienne malien malienne
        guinéen guinéenne camerounais camerounaise congolais congolaise haïtien haïtienne nigérian
        nigériane nigeria ghana kenya chine chinois chinoise libanais libanaise américain
        américaine européen européenne africain africaine {_MEDICAL} {_EPONYMS}"""
    ),
    not_before=_set("syndrome maladie"),
)

SPANISH = Profile(
    code="es",
    titles=_set(
        """señor sr señora sra señorita srta don doña dona doctor doctora dr dra licenciado
        licenciada lic ingeniero ingeniera ing profesor profesora profe enfermera enfermero padre
        madre sor hermano hermana tío tía tata abuelo abuela compadre comadre obstetra partera
        promotora promotor curandera curandero pastor médico médica laboratorista psicólogo
        psicóloga nutricionista odontólogo odontóloga dentista farmacéutico farmacéutica cirujano
        cirujana ginecólogo ginecóloga pediatra"""
    ),
    kin=_set(
        """esposo esposa marido mujer hijo hija hermano hermana madre padre mamá papá abuelo abuela
        nieto nieta bisnieto bisnieta tío tía primo prima sobrino sobrina suegra suegro cuñado cuñada
        vecino vecina amigo amiga comadre compadre bebé niño niña novio novia nuera yerno ahijado
        ahijada padrino madrina mayor menor chiquito chiquita"""
    ),
    possessives=_set("mi mis su sus nuestro nuestra nuestros nuestras tu tus"),
    name_cues=_phrases(
        """me llamo, mi nombre es, se llama, se llamaba, llamado, llamada, le dicen, me dicen,
        de nombre, soy"""
    ),
    place_before=_set(
        """vivo vivía vivimos vivíamos viví nací originario originaria oriundo oriunda vino vine
        vinieron llegó llegué llegamos regresé regresó volví volvió viajé viajamos nacido nacida
        mudé mudamos mudó crecí creció trabaja trabajo trabajaba"""
    ),
    place_preps=_set("en de del desde hacia hasta"),
    place_phrases=_phrases(
        """pueblo de, comunidad de, ciudad de, provincia de, departamento de, distrito de,
        municipio de, aldea de, caserío de, barrio de, colonia de, cantón de, parroquia de,
        región de, estado de, zona de, mercado de"""
    ),
    facilities=_phrases(
        """hospital, clínica, centro de salud, puesto de salud, posta, posta de salud, posta médica,
        maternidad, policlínico, policlínica, instituto nacional, sanatorio, dispensario,
        consultorio, centro médico, hospital regional, hospital general, hospital nacional,
        iglesia, escuela, colegio, farmacia, seguro social, mercado, parroquia, catedral, templo,
        universidad, liceo, unidad educativa, escuela primaria, mercado municipal"""
    ),
    qualifiers=_set(
        """de del la el los las regional general nacional central provincial departamental materno
        infantil san santa universitario militar obrero distrital municipal rural comunitario"""
    ),
    connectors=_set("de del la las los y"),
    generic=_set("mi el la este esta ese esa otro otra mismo gran nuestro nuestra barrio pueblo"),
    everyday=_set("ok"),
    not_names=_set(
        f"""dios jesucristo cristo señor virgen {_ES_MONTHS} {_ES_DAYS} navidad semana santa pascua
        quechua aymara castellano español inglés kiche mam kaqchikel náhuatl guaraní mixteco
        zapoteco tzotzil perú méxico guatemala bolivia ecuador colombia honduras salvador nicaragua
        panamá venezuela chile argentina paraguay uruguay cuba españa américa latinoamérica
        estados unidos vih sida cd dni essalud sis tb nigeria áfrica europa japón china corea
        india cubano cubana peruano peruana boliviano boliviana colombiano colombiana mexicano
        mexicana venezolano venezolana japonés japonesa chino china gringo gringa africano
        africana {_MEDICAL} {_EPONYMS}"""
    ),
    not_before=_set("síndrome enfermedad mal"),
    clitics=tuple("melo mela selo sela nosla noslo me te se nos os le les lo la los las".split()),
)

PORTUGUESE = Profile(
    code="pt",
    titles=_set(
        """senhor sr senhora sra dona d seu doutor doutora dr dra enfermeiro enfermeira professor
        professora padre irmã irmão tio tia mana mano parteira mãe pai vovó vovô avó avô pastor
        régulo curandeiro médico médica psicólogo psicóloga nutricionista dentista farmacêutico
        farmacêutica cirurgião cirurgiã ginecologista pediatra activista ativista socorrista"""
    ),
    kin=_set(
        """marido esposo esposa mulher filho filha irmão irmã mãe pai avô avó neto neta bisneto
        bisneta tio tia primo prima sobrinho sobrinha sogra sogro cunhado cunhada vizinho vizinha
        amigo amiga bebé bebê menino menina namorado namorada nora genro afilhado afilhada padrinho
        madrinha mais velho nova novo"""
    ),
    possessives=_set("meu minha meus minhas seu sua nosso nossa o a os as"),
    name_cues=_phrases(
        """chamo me, me chamo, meu nome é, o meu nome é, chama se, se chama, chamava se,
        chamado, chamada, de nome, sou"""
    ),
    place_before=_set(
        """vivo vivia vivemos morava morávamos moro moramos nasci natural vim veio vieram cheguei
        chegou voltei voltou viajei viajamos nascido nascida mudei mudamos mudou cresci cresceu
        trabalha trabalho trabalhava"""
    ),
    place_preps=_set("em no na nos nas de do da dos das para"),
    place_phrases=_phrases(
        """aldeia de, bairro de, cidade de, vila de, distrito de, província de, povoado de,
        município de, localidade de, posto administrativo de, comunidade de, estado de, região de,
        mercado de, mercado do, mercado da, feira de"""
    ),
    facilities=_phrases(
        """hospital, centro de saúde, posto de saúde, clínica, maternidade, unidade de saúde, ubs,
        upa, hospital geral, hospital central, hospital provincial, hospital distrital, hospital rural,
        santa casa, policlínica, farmácia, escola, igreja, missão, mercado, paróquia, catedral, templo,
        universidade, escola primária, escola secundária, mercado municipal, feira"""
    ),
    qualifiers=_set(
        """de do da dos das geral central provincial distrital rural regional municipal
        universitário militar comunitário"""
    ),
    connectors=_set("de do da dos das e"),
    generic=_set("o a meu minha nosso nossa este esta esse essa outro outra mesmo grande bairro"),
    everyday=_set("ok"),
    not_names=_set(
        f"""deus jesus cristo senhor nossa senhora virgem {_PT_MONTHS} {_PT_DAYS} páscoa
        português portuguesa inglês changana ronga xichangana emakhuwa macua sena chope bitonga
        ndau tsonga moçambique brasil portugal angola áfrica guiné cabo verde são tomé timor
        hiv sida tarv cd bi inss tb sus cpf nuit cuba nigéria china índia japão
        cubano cubana moçambicano moçambicana angolano angolana brasileiro brasileira português
        portuguesa chinês chinesa {_MEDICAL} {_EPONYMS}"""
    ),
    not_before=_set("síndrome doença"),
    clitics=tuple("me te se nos vos lhe lhes lo la los las o a os as".split()),
)

_HI_MONTHS = "जनवरी फ़रवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर सितम्बर अक्टूबर नवंबर नवम्बर दिसंबर दिसम्बर"
_HI_HINDU_MONTHS = "चैत चैत्र बैसाख वैशाख जेठ ज्येष्ठ असाढ़ आषाढ़ सावन श्रावण भादों भाद्रपद क्वार कार्तिक अगहन पूस माघ फागुन"
_HI_DAYS = "सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार इतवार"

HINDI = Profile(
    code="hi",
    cased=False,
    titles=_set(
        """श्री श्रीमती सुश्री कुमारी डॉक्टर डॉ डॉ. डा डाक्टर नर्स सिस्टर मास्टर मास्टरजी पंडित पंडितजी
        बाबा मौलाना मौलवी हकीम वैद्य चाचा चाची मामा मामी ताऊ ताई दादा दादी नाना नानी बुआ मौसी
        भैया दीदी आशा मैडम सर प्रधान सरपंच मुखिया दाई एएनएम आंगनवाड़ी शिक्षिका शिक्षक मास्टरनी
        कार्यकर्ता"""
    ),
    titles_after=_set(
        """जी साहब साहिब दीदी भैया भाई बाबू चाचा चाची मैडम सर बाबा ताई अम्मा बहन बहनजी भाभी भाभीजी
        मौसी बुआ मामा मामी नानी दादी अंकल आंटी बेगम ख़ाला"""
    ),
    kin=_set(
        """पति पत्नी बेटा बेटी बेटे बहन भाई माँ मां पिता पिताजी सास ससुर बहू दामाद पोता पोती पोते
        नाती नातिन परपोता परपोती परपोते चाचा चाची भतीजा भतीजी भांजा भांजी देवर ननद भाभी दोस्त
        सहेली पड़ोसी पड़ोसन बच्चा बच्ची बच्चे लड़का लड़की जीजा साला साली छोटा छोटी बड़ा बड़ी"""
    ),
    possessives=_set("मेरा मेरी मेरे हमारा हमारी हमारे उसका उसकी उसके उनका उनकी उनके अपना अपनी अपने"),
    name_cues=_phrases("मेरा नाम, मेरी नाम, उसका नाम, उनका नाम, इनका नाम, नाम, कहते, नाम है"),
    self_cues=_set("मैं"),
    place_before=_set("गाँव गांव ग्राम शहर क़स्बा कस्बा मोहल्ला"),
    place_phrases=_phrases("ज़िला, जिला, ज़िले, जिले, तहसील, ब्लॉक, गाँव, गांव"),
    place_after=_set("में से के का की को तक पर वाले वाली"),
    place_nouns=_set(
        """गाँव गांव शहर ज़िले जिले ज़िला जिला मोहल्ले मोहल्ला बस्ती ब्लॉक तहसील कस्बे क़स्बे क़स्बा
        कस्बा टोला गली"""
    ),
    place_name_words=_set("नगर कॉलोनी विहार चौक पुरम एन्क्लेव बाज़ार बाजार मार्ग"),
    place_suffixes=tuple(normal(s) for s in "पुर पुरा पुरम गढ़ गढ़ी नगर बाद गंज गाँव कोट खेड़ा पाड़ा पट्टी".split()),
    agent_after=_set("ने"),
    facilities=_phrases(
        """अस्पताल, हॉस्पिटल, क्लिनिक, दवाख़ाना, दवाखाना, स्वास्थ्य केंद्र, स्वास्थ्य केन्द्र,
        प्राथमिक स्वास्थ्य केंद्र, सामुदायिक स्वास्थ्य केंद्र, मेडिकल कॉलेज, औषधालय, डिस्पेंसरी,
        नर्सिंग होम, मेडिकल, संस्थान, आयुर्विज्ञान संस्थान, विद्यालय, स्कूल, पाठशाला, महाविद्यालय,
        कॉलेज"""
    ),
    qualifiers=_set(
        """ज़िला जिला सामुदायिक प्राथमिक मिशन मेडिकल कॉलेज राजकीय संयुक्त महिला बाल मेमोरियल
        सरकारी स्वास्थ्य केंद्र केन्द्र माध्यमिक उच्च इंटर"""
    ),
    generic=_set("सरकारी बड़े बड़ा पास वाले वाला उस इस हमारे गाँव प्राइवेट"),
    everyday=_set(
        """है हैं था थी थे हूँ हो और या पर में से के का की को ने भी तो ही नहीं कि जो वह वो यह ये
        मैं हम तुम आप उस इस उन इन कुछ सब बहुत बार दिन रात साल महीने हफ़्ते सुबह शाम"""
    ),
    not_names=_set(
        f"""भगवान ईश्वर अल्लाह प्रभु परमात्मा हिंदी हिन्दी अंग्रेज़ी अंग्रेजी अवधी भोजपुरी उर्दू
        {_HI_MONTHS} {_HI_HINDU_MONTHS} {_HI_DAYS} भारत इंडिया हिंदुस्तान नेपाल दिवाली होली ईद
        एचआईवी टीबी एड्स शुगर बीपी"""
    ),
    not_before=_set("सिंड्रोम बीमारी भाषा"),
    rare_words=False,
    script="devanagari",
)

_NE_MONTHS = "बैशाख वैशाख जेठ असार साउन श्रावण भदौ असोज कात्तिक कार्तिक मंसिर पुस पौष माघ फागुन फाल्गुन चैत चैत्र"
_NE_DAYS = "आइतबार सोमबार मङ्गलबार मंगलबार बुधबार बिहीबार शुक्रबार शनिबार"
_NE_ENDINGS = (
    "हरूलाई हरूले हरूको हरूका हरूकी हरूमा हरूबाट हरूसँग हरू हरु लाई ले को का की मा बाट देखि "
    "सम्म सँग संग तिर भन्दा कहाँ सित द्वारा नै मै कै"
)

NEPALI = Profile(
    code="ne",
    cased=False,
    titles=_set(
        """श्री श्रीमती सुश्री डाक्टर डा डा. नर्स सिस्टर गुरु पण्डित मास्टर काका काकी मामा माइजु
        फुपु दिदी दाइ दाजु भाउजू बाजे बज्यै हजुरबा हजुरआमा साहुजी सुँडेनी अनमी अहेब शिक्षिका शिक्षक
        हेडमास्टर स्वयंसेविका"""
    ),
    titles_after=_set(
        """जी ज्यू दिदी दाइ दाजु बहिनी भाइ बा आमा साहेब सर म्याडम काका काकी बाजे बज्यै दिदीले दाइले
        भाउजू भाउजु माइजु फुपू फुपु मामा हजुरबा हजुरआमा ठूलोबुबा ठूलीआमा सानोबुबा सानीआमा जेठाजु"""
    ),
    kin=_set(
        """श्रीमान् श्रीमान श्रीमती पति छोरा छोरी बहिनी दिदी दाइ भाइ आमा बुबा बाबा बा सासू ससुरा
        बुहारी ज्वाइँ नाति नातिनी पनाति पनातिनी काका काकी मामा माइजु भतिजा भतिजी भान्जा भान्जी
        साथी छिमेकी बच्चा जेठो जेठी कान्छो कान्छी माहिलो माहिली साहिँलो"""
    ),
    possessives=_set("मेरो मेरा मेरी हाम्रो हाम्रा हाम्री उसको उसका उसकी उनको उनका उनकी आफ्नो आफ्नी आफ्ना"),
    name_cues=_phrases("मेरो नाम, मेरा नाम, उसको नाम, उनको नाम, नाम"),
    self_cues=_set("म"),
    place_before=_set("गाउँ शहर"),
    place_phrases=_phrases("जिल्ला, गाउँ"),
    place_after=_set("मा बाट सम्म देखि तिर तर्फ"),
    place_nouns=_set(
        """जिल्ला जिल्लाको गाउँ गाउँपालिका नगरपालिका उपमहानगरपालिका महानगरपालिका टोल वडा अञ्चल
        प्रदेश बस्ती"""
    ),
    place_name_words=_set("नगर चोक चौक बजार मार्ग"),
    place_suffixes=tuple(
        normal(s) for s in "पुर नगर गढी गढ कोट टार बजार गञ्ज धुरा खेल बेसी डाँडा चौर थली पोखरी घाट फेदी".split()
    ),
    agent_endings=("ले",),
    stacked_endings=frozenset(("हरू", "हरु")),
    place_endings=("बाटै", "बाट", "मा", "देखि", "तिर", "सम्म", "को"),
    endings=tuple(sorted(_NE_ENDINGS.split(), key=len, reverse=True)),
    facilities=_phrases(
        """अस्पताल, हस्पिटल, स्वास्थ्य चौकी, स्वास्थ्य केन्द्र, प्राथमिक स्वास्थ्य केन्द्र, क्लिनिक,
        मेडिकल कलेज, शिक्षण अस्पताल, नर्सिङ होम, औषधालय, प्रतिष्ठान, स्वास्थ्य विज्ञान प्रतिष्ठान,
        विद्यालय, स्कूल, क्याम्पस, कलेज"""
    ),
    qualifiers=_set(
        """प्रादेशिक क्षेत्रीय अञ्चल जिल्ला मिशन मिसन सामुदायिक प्राथमिक शिक्षण प्रान्तीय केन्द्रीय
        मेमोरियल प्रसूति गृह स्वास्थ्य विज्ञान आधारभूत माध्यमिक उच्च"""
    ),
    generic=_set("सरकारी ठूलो नजिकको गाउँको हाम्रो त्यो यो निजी एउटा एक अर्को त्यही यही नजिकैको"),
    everyday=_set(
        """म मेरो मेरी मेरा हामी तिमी तपाईं उ ऊ उनी उनले उसले यो त्यो यी ती के को कसले कहाँ कहिले
        किन कसरी कति छ छु छौँ छन् छैन थियो थिई थिए थिएँ हो होइन भयो भए भएको भएर हुन्छ हुँदैन
        गर्नुभयो गर्नुहुन्छ गरेँ गरे गर्छु गर्यो र तर अनि पनि नै त मा ले लाई बाट देखि सम्म सँग
        धेरै थोरै अलिकति सबै केही कोही एक दुई तीन चार पाँच छ सात आठ नौ दस बीस सय हजार लाख पटक
        दिन रात बिहान बेलुका दिउँसो साँझ हप्ता महिना वर्ष साल आज हिजो भोलि अहिले पहिले पछि
        घर गाउँ बाटो बस पैसा रुपैयाँ काम खेत बजार पसल औषधि चक्की सुई रगत पिसाब ज्वरो खोकी
        रोग बिरामी अस्पताल डाक्टर नर्स स्वास्थ्य चौकी जाँच परीक्षण नतिजा रिपोर्ट भगवान कृपा
        आमा बुबा बा छोरा छोरी श्रीमान श्रीमती दिदी बहिनी दाइ भाइ नाति नातिनी साथी छिमेकी मान्छे
        मानिस महिला पुरुष बच्चा बच्चाहरू केटा केटी बुढा बुढी लाज डर दुःख सुख माया राम्रो नराम्रो
        ठूलो सानो नयाँ पुरानो धन्यवाद नमस्ते हजुर भन्नुभयो भन्थे भने भनेर थाहा बुझेँ सुत्केरी
        मधुमेह प्रेसर सुगर इन्सुलिन मेसिन बेड वार्ड भुइँ कुरा भाषा शब्द पहिलो दोस्रो हरेक कुनै
        अरू अगाडि पछाडि माथि तल भित्र बाहिर नजिक टाढा छेउ पाइँदैन सक्दैनन् जना वटा
        गयो गए गएँ गएको गएका गएकी गयौँ गइन् गई गएर गएपछि गएन भयो भए भएँ भएको भएका भएकी भयौँ भइन्
        भई भएर भएपछि भएन भएकाले हुँदा हुन्छ हुन्थ्यो होला होस् रहेछ रहेको थिइन् थिएन
        कसै कसैको कसैले कसैलाई कोही केही जसले जसको जसलाई जुन जो त्यसै यसै उसै त्यहाँ यहाँ जहाँ
        कहिल्यै सधैं सधैँ फेरि अझै पनि मात्र इमेल इमेलमा अपरेशन अपरेसन अप्रेसन लगिन् लगे लग्यो
        मैले मलाई हामीले हामीलाई हाम्रै तिमीले तिमीलाई तपाईंले तपाईंलाई उनीहरू उनीहरूले उहाँ उहाँले
        उहाँलाई यसमा त्यसमा उसमा उनमा यसले त्यसले उनले यसको त्यसको यसलाई त्यसलाई उसलाई उनलाई
        हुन् हुनुहुन्छ हुनुहुन्थ्यो हुनुभयो हुने हुनु छिन् थिइन हुँ किनकि किनभने मसँग हामीसँग"""
    ),
    not_names=_set(
        f"""भगवान ईश्वर परमेश्वर नेपाली अङ्ग्रेजी अंग्रेजी हिन्दी मैथिली भोजपुरी {_NE_MONTHS}
        {_NE_DAYS} नेपाल भारत दसैं दशैं तिहार एचआईभी टीबी एआरटी"""
    ),
    not_before=_set("भाषा भाषामा सिन्ड्रोम रोग"),
    rare_words=False,
    script="devanagari",
    word_endings=tuple(
        """नुभयो नुहुन्छ नुहोस् नुपर्छ नुपर्यो नुभएन दैनथ्यो दैनन् दैन थ्यौँ थ्यो थिन् थिए थियो एको एका
        एकी एर ेर ेको ेका ेकी ्नु ्ने ्यो ्यौँ यौँ छु छौँ छन् छ्यो ाइन् इन् ाएँ एँ ँदै""".split()
    ),
)

# Particles and endings fused to a Korean noun; a name's span stops before them. The vocative and
# linking 이 after a given name that ends in a consonant ("서연이는", "도윤이가") comes first.
_KO_PARTICLES = (
    "에게서 한테서 에서는 에서도 에서부터 에서의 에서 으로는 으로 로는 로 에게 한테 께서 께 마다 "
    "에는 에도 에 은 는 을 를 의 와 과 도 만 이나 나 이랑 랑 하고 까지 부터 처럼 보다 "
    "이고 이며 이에요 이예요 예요 입니다 이었어요 "
    "였어요 이었다 였다 이다 이라고 라고 이라는 라는 이란 란 인데 이던 이 가"
)
_KO_TITLES_AFTER = (
    "씨 님 선수 선생님 선생 여사 여사님 원장님 간호사님 할머니 할아버지 이모 삼촌 언니 오빠 누나 형 군 양"
)
KOREAN_SURNAMES = frozenset(
    """김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심
    노 하 곽 성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위
    표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황보 남궁 제갈 선우 독고
    사공 서문 동방""".split()
)
# Syllables common in Korean given names (two after the surname, sometimes one).
KOREAN_GIVEN = frozenset(
    """영 숙 자 순 희 옥 미 경 정 은 혜 선 진 현 수 민 지 연 서 윤 아 하 유 주 예 원 나 빈 채 다 소 린
    호 철 성 동 준 우 석 훈 재 상 용 태 광 형 종 규 승 기 범 욱 혁 찬 건 진 환 식 남 일 길 만 복 덕
    창 국 명 한 중 근 택 열 완 섭 구 인 평 표 웅 권 진 화 향 란 분 례 녀 임 춘 매 금 애 실 설 랑 결
    솔 별 봄 슬 람 율 온 겸 후 훈 율 도 시 안 가 라 리 람 담 솜 새 봉 학 용 식 배 필 걸 휘 황""".split()
) | frozenset(
    # More syllables of given names, of both generations' names ("효석", "흥민", "은비", "하늘",
    # "말순", "옥례"), from the readings of the characters given names are written with.
    """각 간 갑 강 개 건 검 계 고 곤 공 관 교 군 균 금 낙 난 내 년 노 누 늘 단 달 당 대 돈 두 득 등
    락 래 량 려 련 렬 령 례 록 룡 루 류 륜 률 린 림 마 말 모 목 몽 무 묵 문 바 박 반 백 벽 변
    병 보 본 부 비 빛 사 산 삼 생 세 송 술 숭 심 애 양 언 엄 여 염 엽 오 왕 운 월 위 음
    익 작 장 전 제 조 주 중 질 천 청 초 총 충 치 칠 탁 토 통 판 풍 행 허 협 홍 활 회 효
    흠 흥 힘 늬 샘 찬 준
    결 귀 름 헌 혁""".split()
)

KOREAN = Profile(
    code="ko",
    cased=False,
    titles=_set(
        """의사 간호사 통역사 약사 목사 스님 신부 수녀 원장 원장님 교수 교수님 선생님 기사 사장님
        반장 이장 통장 복지사 조산사 요양보호사 산파 임상병리사 방문간호사 구급대원 간병인 선수 기자 통역사
        사회복지사 보호자"""
    ),
    titles_after=_set(_KO_TITLES_AFTER),
    kin=_set(
        """딸 아들 손자 손녀 증손자 증손녀 남편 아내 부인 집사람 언니 오빠 누나 형 동생 여동생 남동생
        엄마 아빠 어머니 아버지 할머니 할아버지 시어머니 시아버지 장모 장인 며느리 사위 조카 친구 이웃
        큰딸 작은딸 큰아들 작은아들 막내 막내딸 막내아들 외손자 외손녀 손주 이모 고모 삼촌 외삼촌
        남자친구 여자친구 애인 약혼자 동료 룸메이트"""
    ),
    name_cues=_phrases("제 이름은, 이름은, 이름이, 저는, 나는, 제가, 성함은, 성함이, 이름은요, 성함은요"),
    place_endings=tuple("에서부터 에서는 에서도 에서 에는 에도 에 까지 부터".split()),
    place_verbs=tuple("살 사는 삽니다 태어 이사 자랐".split()),
    endings=tuple(
        sorted(
            {*_KO_PARTICLES.split(), *(t + e for t in ("씨", "님") for e in ("", *_KO_PARTICLES.split()))},
            key=len,
            reverse=True,
        )
    ),
    facilities=_phrases("병원, 보건소, 보건지소, 의원, 한의원, 요양원, 요양병원, 의료원, 센터, 대학병원"),
    facility_suffixes=tuple(
        "대학교병원 대병원 요양병원 병원 보건진료소 진료소 보건소 보건지소 한의원 의원 의료원 요양원".split()
    ),
    qualifiers=_set("시 군 구 대학교 대학 시립 도립 국립 의료원"),
    generic=_set(
        """큰 동네 종합 대학 개인 작은 근처 가까운 그 이 저 우리 다른 시내 읍내 한 두 보건진료소
        보건소 보건지소 정신건강복지센터 치매안심센터"""
    ),
    everyday=_set(
        """제 저 저는 제가 나 내가 우리 그 이 저 그때 그날 지금 오늘 어제 내일 정말 너무 아주 덕분 덕분에
        저를 저에게 저한테 저도 저만 나를 나에게 나한테 우리를 우리에게 우리가 우리는 저희 저희를
        저희가 저희는 저희에게 그를 그녀 그녀를 그녀가 옆집 앞집 윗집 아랫집 이웃집 동네 시골 고향"""
    ),
    not_names=_set(
        """하나님 하느님 부처님 예수님 예수 한국 베트남 미국 중국 일본 필리핀 캄보디아 태국 한국어 영어
        베트남어 중국어 일본어 월요일 화요일 수요일 목요일 금요일 토요일 일요일 추석 설날 코로나
        일월 이월 삼월 사월 오월 유월 칠월 팔월 구월 시월 십일월 십이월"""
    ),
    not_before=_set("증후군 병 증후군이에요"),
    place_heads=("특별시", "광역시", "시", "군", "구", "동", "읍"),
    medical_suffixes=("증", "병", "염", "암", "균", "증후군", "바이러스", "검사", "수치"),
    surnames=KOREAN_SURNAMES,
    given_syllables=KOREAN_GIVEN,
    rare_words=False,
    script="hangul",
)

PROFILES = {p.code: p for p in (SWAHILI, FRENCH, SPANISH, PORTUGUESE, HINDI, NEPALI, KOREAN)}
