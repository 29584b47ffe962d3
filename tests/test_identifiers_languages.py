"""Names and places in Kiswahili, French, Spanish, Portuguese, Hindi, Nepali and Korean.

For each language a written story and the same story as a recogniser prints it (lower case, no
punctuation, numbers in words), each with a name, a place, a date and a phone number, must be marked
in full; and a story with drug names, doses and kinship words but no identifier must not be marked
at all. Then the rules of each language that the mechanism must keep: titles and fused endings
outside a name's span, facilities marked whole, names found after kinship words and introductions,
known identifiers typed in another script. Every name, place and number here is made up for these
tests (the towns are real towns).
"""

from __future__ import annotations

import re

import pytest

from ingest.identifiers import detect, detect_report
from ingest.identifiers.names_places import NamesAndPlaces
from ingest.identifiers.phonetic import key
from ingest.identifiers.profiles import PROFILES
from tests.identifier_helpers import covered, marked

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


# (language, text, the identifiers in it)
STORIES = [
    (
        "sw",
        "Jina langu ni Wanjiku Gathoni. Tarehe 9 Agosti 2018 nilienda Hospitali ya Rufaa ya Nyeri. "
        "Nipigie kwa 0733 684 506.",
        ["Wanjiku Gathoni", "9 Agosti 2018", "Hospitali ya Rufaa ya Nyeri", "0733 684 506"],
    ),
    (
        "sw",
        "jina langu ni wanjiku gathoni tarehe tisa agosti elfu mbili kumi na nane nilienda "
        "hospitali ya rufaa ya nyeri nipigie kwa sifuri saba tatu tatu sita nane nne tano sifuri sita",
        [
            "wanjiku gathoni",
            "tisa agosti elfu mbili kumi na nane",
            "hospitali ya rufaa ya nyeri",
            "sifuri saba tatu tatu sita nane nne tano sifuri sita",
        ],
    ),
    (
        "fr",
        "Je m'appelle Mariama Dramé et j'habite à Tambacounda. Le 4 février 2021, on m'a opérée. "
        "Appelez-moi au 78 316 02 94.",
        ["Mariama Dramé", "Tambacounda", "4 février 2021", "78 316 02 94"],
    ),
    (
        "fr",
        "je m'appelle mariama dramé et j'habite à tambacounda le quatre février deux mille vingt et un on "
        "m'a opérée appelez moi au sept huit trois un six zéro deux neuf quatre",
        [
            "mariama dramé",
            "tambacounda",
            "quatre février deux mille vingt et un",
            "sept huit trois un six zéro deux neuf quatre",
        ],
    ),
    (
        "es",
        "Me llamo Justina Apaza y vivo en Huancavelica. El 21 de agosto de 2020 me operaron. "
        "Mi celular es 966 410 735.",
        ["Justina Apaza", "Huancavelica", "21 de agosto de 2020", "966 410 735"],
    ),
    (
        "es",
        "me llamo justina apaza y vivo en huancavelica el veintiuno de agosto de dos mil veinte me "
        "operaron mi celular es nueve seis seis cuatro uno cero siete tres cinco",
        [
            "justina apaza",
            "huancavelica",
            "veintiuno de agosto de dos mil veinte",
            "nueve seis seis cuatro uno cero siete tres cinco",
        ],
    ),
    (
        "pt",
        "Chamo-me Graça Tovele e moro em Nampula. No dia 11 de Julho de 2019 fui operada. "
        "O meu número é 86 402 7731.",
        ["Graça Tovele", "Nampula", "11 de Julho de 2019", "86 402 7731"],
    ),
    (
        "pt",
        "chamo me graça tovele e moro em nampula no dia onze de julho de dois mil e dezanove fui "
        "operada o meu número é oito seis quatro zero dois sete sete três um",
        [
            "graça tovele",
            "nampula",
            "onze de julho de dois mil e dezanove",
            "oito seis quatro zero dois sete sete três um",
        ],
    ),
    (
        "hi",
        "मेरा नाम गीता जोशी है और मैं सहारनपुर में रहती हूँ। 8 सितंबर 2020 को मेरा ऑपरेशन हुआ। मेरा नंबर 98391 40672 है।",
        ["गीता जोशी", "सहारनपुर", "8 सितंबर 2020", "98391 40672"],
    ),
    (
        "hi",
        "मेरा नाम गीता जोशी है और मैं सहारनपुर में रहती हूँ आठ सितंबर दो हज़ार बीस को मेरा ऑपरेशन हुआ "
        "मेरा नंबर नौ आठ तीन नौ एक चार शून्य छह सात दो है",
        ["गीता जोशी", "सहारनपुर", "आठ सितंबर दो हज़ार बीस", "नौ आठ तीन नौ एक चार शून्य छह सात दो"],
    ),
    (
        "ne",
        "मेरो नाम सविता गुरुङ हो, म धनकुटामा बस्छु। २०७८ साल साउन ३ गते मेरो अपरेसन भयो। मेरो नम्बर ९८०२४ ६१७३५ हो।",
        ["सविता गुरुङ", "धनकुटा", "२०७८ साल साउन ३ गते", "९८०२४ ६१७३५"],
    ),
    (
        "ne",
        "मेरो नाम सविता गुरुङ हो म धनकुटामा बस्छु दुई हजार अठहत्तर साल साउन तीन गते मेरो अपरेसन भयो "
        "मेरो नम्बर नौ आठ शून्य दुई चार छ एक सात तीन पाँच हो",
        [
            "सविता गुरुङ",
            "धनकुटा",
            "दुई हजार अठहत्तर साल साउन तीन गते",
            "नौ आठ शून्य दुई चार छ एक सात तीन पाँच",
        ],
    ),
    (
        "ko",
        "제 이름은 이수진이고 목포에 살아요. 2020년 9월 8일에 수술을 받았어요. "
        "제 번호는 010-5931-2047이에요.",
        ["이수진", "목포", "2020년 9월 8일", "010-5931-2047"],
    ),
    (
        "ko",
        "제 이름은 이수진이고 목포에 살아요 이천이십 년 구월 팔 일에 수술을 받았어요 "
        "제 번호는 공일공 오구삼일 이공사칠이에요",
        ["이수진", "목포", "이천이십 년 구월 팔 일", "공일공 오구삼일 이공사칠"],
    ),
]

# Hard negatives: drugs, doses, amounts, kinship and religious words, months said in general.
NEGATIVES = [
    ("sw", "Mama yangu na dada yangu walinipa vidonge 2 vya paracetamol mara 3 kwa siku. Namshukuru Mungu."),
    ("sw", "kila mwezi wa machi baba yangu hunywa dawa za kisukari na vidonge viwili vya metformin"),
    ("fr", "Ma mère et ma sœur m'ont donné 2 comprimés de paracétamol et de l'amoxicilline. Grâce à Dieu."),
    ("fr", "chaque année en mars mon père prend deux comprimés de metformine le matin et le soir"),
    ("fr", "Grâce à Dieu, le Panadol et la Nivaquine ont fait baisser la fièvre."),
    ("sw", "Namshukuru Mungu, Panadol ilisaidia homa ikashuka."),
    ("es", "Mi mamá y mi hermana me dieron 2 pastillas de paracetamol y amoxicilina. Gracias a Dios."),
    ("es", "cada año en marzo mi papá toma dos tabletas de metformina con el desayuno"),
    ("pt", "A minha mãe e a minha irmã deram-me 2 comprimidos de paracetamol e amoxicilina. Graças a Deus."),
    ("pt", "todos os anos em março o meu pai toma dois comprimidos de metformina de manhã"),
    ("hi", "मेरी माँ और बहन ने मुझे पैरासिटामोल की 2 गोलियाँ दीं, भगवान की कृपा है।"),
    ("hi", "हर साल मार्च में मेरे पिताजी सुबह मेटफ़ॉर्मिन की दो गोलियाँ लेते हैं"),
    ("ne", "मेरी आमा र दिदीले मलाई सिटामोलको २ चक्की दिनुभयो, भगवानको कृपा।"),
    ("ne", "हरेक वर्ष चैतमा मेरो बुबाले बिहान मेटफर्मिनको दुई चक्की खानुहुन्छ"),
    ("ko", "어머니와 언니가 타이레놀 두 알을 주었어요. 하나님께 감사해요."),
    ("ko", "해마다 삼월이면 아버지는 아침마다 메트포르민 두 알을 드세요"),
]


@pytest.mark.parametrize(("language", "text", "identifiers"), STORIES, ids=lambda v: str(v)[:24])
def test_a_story_with_a_name_a_place_a_date_and_a_phone_number_is_marked_fully(language, text, identifiers):
    spans = detect(text, language)
    for identifier in identifiers:
        assert covered(text, identifier, spans), (identifier, marked(text, spans))


@pytest.mark.parametrize(("language", "text"), NEGATIVES, ids=lambda v: str(v)[:24])
def test_drugs_doses_and_kinship_words_are_not_marked(language, text):
    assert detect(text, language) == [], marked(text, detect(text, language))


WHERE_SPANS_END = [
    # (language, text, exactly what must be a span)
    ("ko", "딸 하은이는 아직 어려요.", "하은"),
    ("ko", "간호사 박민지 씨가 도와줬어요.", "박민지"),
    ("ne", "म विराटनगरमा जन्मेँ।", "विराटनगर"),
    ("ne", "डाक्टर शाहीले हेर्नुभयो।", "शाही"),
    ("sw", "Bi Rehema alinihudumia vizuri.", "Rehema"),
    ("fr", "Madame Aïssata Sidibé m'a reçue.", "Aïssata Sidibé"),
    ("es", "Doña Eufemia Ccama me visitó.", "Eufemia Ccama"),
    ("hi", "डॉक्टर गुप्ता जी ने देखा।", "गुप्ता"),
]


@pytest.mark.parametrize(("language", "text", "name"), WHERE_SPANS_END, ids=lambda v: str(v)[:24])
def test_titles_and_fused_endings_stay_outside_the_span(language, text, name):
    spans = detect(text, language)
    assert name in marked(text, spans), marked(text, spans)


FACILITIES = [
    (
        "sw",
        "Nililazwa katika Hospitali ya Kaunti ya Garissa kwa wiki mbili.",
        "Hospitali ya Kaunti ya Garissa",
    ),
    ("sw", "nililazwa katika zahanati ya voi kwa wiki mbili", "zahanati ya voi"),
    ("fr", "J'ai accouché au centre de santé de Sédhiou.", "centre de santé de Sédhiou"),
    ("es", "Me atendieron en el Hospital Regional de Cobija.", "Hospital Regional de Cobija"),
    ("pt", "Fui internada no Hospital Provincial de Quelimane.", "Hospital Provincial de Quelimane"),
    ("hi", "मुझे ज़िला अस्पताल झाँसी ले गए।", "ज़िला अस्पताल झाँसी"),
    # A town no list holds in Devanagari, seldom written, right after the kind: the facility's name.
    ("hi", "पति मुझे ज़िला अस्पताल सिवनी ले गए।", "ज़िला अस्पताल सिवनी"),
    # A word of the name that is also a word, before a name: "roi" in "centre de santé roi ...".
    (
        "fr",
        "on est allés au centre de santé saint kizito parce qu'il toussait",
        "centre de santé saint kizito",
    ),
    ("ko", "청주대학교병원에서 수술했어요.", "청주대학교병원"),
]


@pytest.mark.parametrize(("language", "text", "facility"), FACILITIES, ids=lambda v: str(v)[:24])
def test_a_named_facility_is_marked_whole(language, text, facility):
    spans = detect(text, language)
    assert covered(text, facility, spans), marked(text, spans)


CUES = [
    # A name no list need hold, found by the words around it, written and spoken.
    ("sw", "mume wangu kipchumba alinisaidia sana", "kipchumba"),
    ("sw", "muuguzi njeri alinieleza kila kitu", "njeri"),
    ("fr", "ma fille yacine est née à la maison", "yacine"),
    ("es", "mi esposo wilber me llevó al puesto de salud", "wilber"),
    ("pt", "o meu filho nelito levou-me ao posto", "nelito"),
    ("hi", "मेरी बहन मुन्नी ने पैसे दिए", "मुन्नी"),
    ("ne", "मेरी छोरी सृजनाले खाना पकाई", "सृजना"),
    ("ko", "아들 준서가 병원에 데려다줬어요", "준서"),
]


@pytest.mark.parametrize(("language", "text", "name"), CUES, ids=lambda v: str(v)[:24])
def test_names_after_kinship_words_and_titles_are_found(language, text, name):
    spans = detect(text, language)
    assert covered(text, name, spans), marked(text, spans)


CROSS_SCRIPT = [
    ("hi", "मेरी बहन सविता ने मदद की", ("relative", "Savita"), "सविता"),
    ("ne", "हामी हेटौडा बस्थ्यौँ", ("village", "Hetauda"), "हेटौडा"),
    ("ko", "최은정 씨가 왔어요", ("relative", "Choi Eun-jeong"), "최은정"),
    ("sw", "nilikutana na Sunil jana", ("relative", "सुनील"), "Sunil"),
]


@pytest.mark.parametrize(("language", "text", "value", "written"), CROSS_SCRIPT, ids=lambda v: str(v)[:24])
def test_a_known_identifier_is_found_in_another_script(language, text, value, written):
    spans = detect(text, language, [value])
    hit = [s for s in spans if text[s.start : s.end] == written]
    assert hit and hit[0].source == "known", marked(text, spans)


def test_phonetic_keys_join_the_spellings_of_one_name():
    assert key("सविता") == key("Savita")
    assert key("최은정") == key("Choi Eunjeong") or key("최은정") == key("Choe Eun-jeong")
    assert key("Konaté") == key("Konate")
    assert key("Zawadi") != key("Nekesa")


def test_every_profiled_language_says_its_names_recogniser_ran():
    for code in PROFILES:
        report = detect_report("Habari", code)
        assert report.own_recognisers
        assert any(name.startswith("names and places") for name in report.recognisers)


def test_another_language_falls_back_to_capitals_and_says_so():
    report = detect_report("Nimekwenda kwa Amahoro na Kagabo ejo.", "rw")
    assert not report.own_recognisers
    assert "Amahoro" in marked("Nimekwenda kwa Amahoro na Kagabo ejo.", report.spans)


@pytest.mark.parametrize("code", sorted(PROFILES))
def test_empty_and_odd_text_finds_nothing_and_never_fails(code):
    recogniser = NamesAndPlaces(PROFILES[code])
    for text in ("", "   ", "...", "1234", "\u0300\u093c\u200d", "A" * 500, "이는", "मा"):
        assert isinstance(list(recogniser.find(text, ())), list)


# Hindi and Nepali: places no list need hold, found by their shape and the words after them; family
# names after a given name; verbs, medicines and letters said one by one left alone.
DEVANAGARI_FOUND = [
    ("hi", "हम अलीगढ़ से आए हैं और मेरा मायका दरभंगा में है।", ["अलीगढ़", "दरभंगा"]),
    ("hi", "मैं सिवान ज़िले के एक छोटे गाँव बड़हरिया से हूँ।", ["सिवान", "बड़हरिया"]),
    ("hi", "मेरे पति संजय चौहान बरेली में मज़दूरी करते हैं।", ["संजय चौहान", "बरेली"]),
    ("hi", "पिछले साल फ़ातिमा ने मुझे मुरादाबाद के एक क्लिनिक का पता दिया।", ["फ़ातिमा", "मुरादाबाद"]),
    ("ne", "सिन्धुपाल्चोकको मेलम्चीबाट हामी बसमा आयौं।", ["सिन्धुपाल्चोक", "मेलम्ची"]),
    ("ne", "म धरानको घोपा टोलमा बस्छु र मेरो श्रीमान् राजेश मगर ड्राइभर हुनुहुन्छ।", ["धरान", "घोपा", "राजेश मगर"]),
    ("ne", "मेरी दिदी लक्ष्मी तामाङले मलाई पैसा दिनुभयो।", ["लक्ष्मी तामाङ"]),
    ("ne", "बीपी कोइराला स्वास्थ्य विज्ञान प्रतिष्ठानमा मेरो उपचार भयो।", ["बीपी कोइराला स्वास्थ्य विज्ञान प्रतिष्ठान"]),
]


@pytest.mark.parametrize(("language", "text", "identifiers"), DEVANAGARI_FOUND, ids=lambda v: str(v)[:24])
def test_hindi_and_nepali_places_and_family_names_are_found(language, text, identifiers):
    for version in (text, re.sub(r"[।,]", "", text)):  # written, and as a recogniser prints it
        spans = detect(version, language)
        for identifier in identifiers:
            assert covered(version, identifier, spans), (identifier, marked(version, spans))


DEVANAGARI_LEFT_ALONE = [
    ("hi", "बुख़ार में माँ ने हल्दी वाला दूध दिया और दादाजी ने भगवान से प्रार्थना की।"),
    ("hi", "मेरी दादी को शुगर है, वह रोज़ मेटफ़ॉर्मिन और इंसुलिन लेती हैं।"),
    ("hi", "डॉक्टर ने कहा कि एचआईवी और बीपी की जाँच हर महीने करानी है, मैं रोज़ गोली खाती हूँ।"),
    ("ne", "ज्वरो आएपछि आमाले तातो पानी दिनुभयो र म दुई दिन सुतेँ।"),
    ("ne", "हामी बिहान गयौँ, दिउँसो फर्कियौँ र बेलुका खाना खायौँ।"),
    ("ne", "भगवानको कृपाले अहिले मेरो प्रेसर ठीक छ, बुबा पनि खुसी हुनुहुन्छ।"),
]


@pytest.mark.parametrize(("language", "text"), DEVANAGARI_LEFT_ALONE, ids=lambda v: str(v)[:24])
def test_hindi_and_nepali_verbs_medicines_and_short_forms_are_not_marked(language, text):
    assert detect(text, language) == [], marked(text, detect(text, language))


# Transcripts have no capitals: a place after "à", "en", "em" is found by no dictionary holding it,
# and a town's name of several everyday words by the list of towns.
SPOKEN_PLACES = [
    ("fr", "nous habitions à treichville quand ma fille est tombée malade", "treichville"),
    # Written: a capital inside a sentence on a word some dictionary took in but the web seldom writes.
    ("fr", "On habitait à Cocody quand il est tombé malade.", "Cocody"),
    ("es", "nací en san pedro sula y me vine con mis hijos", "san pedro sula"),
    ("es", "vivíamos en santa cruz de la sierra cuando me operaron", "santa cruz de la sierra"),
    ("pt", "moramos em campina grande desde o ano passado", "campina grande"),
]


@pytest.mark.parametrize(("language", "text", "place"), SPOKEN_PLACES, ids=lambda v: str(v)[:24])
def test_places_in_transcripts_are_found(language, text, place):
    spans = detect(text, language)
    assert covered(text, place, spans), marked(text, spans)


def test_korean_numbers_said_illnesses_and_verbs_before_a_kinship_word_are_not_marked():
    for text in (
        "혈당이 이백삼십까지 올라가서 폐렴 검사도 받았어요",
        "밥을 먹고 있었어요 언니가 왔어요",
        "방문간호사 선생님이 약을 챙겨 주셨어요",
    ):
        assert detect(text, "ko") == [], marked(text, detect(text, "ko"))


def test_a_foreign_name_before_a_korean_title_is_marked():
    text = "필리핀에서 온 마리아 산토스 씨가 도와줬어요"
    assert covered(text, "마리아 산토스", detect(text, "ko")), marked(text, detect(text, "ko"))
