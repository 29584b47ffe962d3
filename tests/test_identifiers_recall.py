"""Identifiers the held-out lines showed were missed, each cause checked on sentences of our own
(different from the held-out lines, which stay a fair estimate): well-known cities after a strong cue,
titles written short with a full stop, names that are also ordinary words after an unambiguous naming
phrase, family names, and numbers, dates and addresses said aloud. Every name, number and address
here is made up; towns are real towns.
"""

from __future__ import annotations

import pytest

from ingest.identifiers import detect
from tests.identifier_helpers import covered, marked

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


# (language, text, identifiers that must be covered)
FOUND = [
    # A big city the web writes often, after a verb of living or coming: no dictionary holds it.
    ("fr", "mon oncle est venu de bordeaux en train", ["bordeaux"]),
    ("fr", "mon frère est venu de toulouse pour me voir", ["toulouse"]),
    ("ko", "동생은 대전에 살고 있습니다", ["대전"]),
    # A title written short with its full stop, then the name.
    ("hi", "डॉ. सुनीता राव ने मेरी जाँच की।", ["सुनीता राव"]),
    ("hi", "डॉ. अनिल मेहता, जो भोपाल से थे, ने दवा दी।", ["अनिल मेहता", "भोपाल"]),
    ("ne", "डा. सीता गुरुङले हेर्नुभयो।", ["सीता गुरुङ"]),
    # A South Asian given name's second word that is also a word, between a name and a family
    # name, or after a kinship word.
    ("ne", "मेरो नाम सीता माया राई हो", ["सीता माया राई"]),
    ("ne", "मेरो भाइ हरि बहादुर गुरुङ घरमा छ", ["हरि बहादुर गुरुङ"]),
    ("hi", "मेरी माँ कमला देवी ने खाना बनाया।", ["कमला देवी"]),
    ("ne", "मेरो छोरा हरि बहादुर स्कुल जान्छ", ["हरि बहादुर"]),
    # After a phrase only a person's name follows, an everyday word is a name.
    ("sw", "mimi naitwa furaha nimetoka mbali", ["furaha"]),
    ("sw", "jina langu ni rehema na nina watoto wawili", ["rehema"]),
    ("pt", "meu nome é graça e moro aqui", ["graça"]),
    ("es", "me llamo rosa y tengo cinco hijos", ["rosa"]),
    ("fr", "je m'appelle rose et j'habite ici", ["rose"]),
    # A month said by its number, then the year in the same run of number words.
    (
        "sw",
        "tarehe tatu mwezi wa nane elfu mbili kumi na tisa nilipelekwa hospitali",
        ["tatu mwezi wa nane elfu mbili kumi na tisa"],
    ),
    # A Korean month and day said as separate words: "팔 월 구 일".
    ("ko", "이천이십일 년 팔 월 구 일에 수술했어요", ["이천이십일 년 팔 월 구 일"]),
    ("ko", "구 월 십 일에 퇴원했어요", ["구 월 십 일"]),
    # Korean: where one was born after "저는" (which also puts a name after it), and where one moved.
    ("ko", "저는 서귀포에서 태어났어요", ["서귀포"]),
    ("ko", "작년에 대전으로 이사했어요", ["대전"]),
    # After a kinship word and right before a name, a given name that is also a word.
    ("sw", "mjukuu wangu baraka otieno alinipeleka hospitali", ["baraka otieno"]),
    ("sw", "Shangazi yangu Imani Chebet alinitembelea.", ["Imani Chebet"]),
    # A house number before the street word, then the street's name, written and said.
    ("fr", "Mon adresse : 7 rue Mohammed V, Rabat.", ["7 rue Mohammed V"]),
    ("fr", "j'habite au trente-deux avenue de la paix à dakar", ["trente-deux avenue de la paix"]),
    # The street said before the house and its number.
    (
        "sw",
        "tunaishi mtaa wa amani nyumba namba ishirini na tatu",
        ["mtaa wa amani nyumba namba ishirini na tatu"],
    ),
    # A town of several words, each written with its capital inside a sentence.
    ("es", "Nací en La Paz y luego fuimos a El Alto.", ["La Paz", "El Alto"]),
    ("pt", "Moramos em Campo Grande há dez anos.", ["Campo Grande"]),
    # A very common word that is a given name, between two names.
    ("es", "mi cuñado luis carlos ramírez me llevó", ["luis carlos ramírez"]),
    # An e-mail address said aloud with a number of several words in its local part.
    (
        "sw",
        "nitumie kwa juma dot otieno sabini na tano at yahoo dot com",
        ["juma dot otieno sabini na tano at yahoo dot com"],
    ),
    (
        "fr",
        "écrivez à awa point diop quatre-vingt-douze arobase orange point sn",
        ["awa point diop quatre-vingt-douze arobase orange point sn"],
    ),
    ("en", "write to grace twenty one at gmail dot com please", ["grace twenty one at gmail dot com"]),
    (
        "hi",
        "रिपोर्ट सुनील डॉट शर्मा बयालीस एट द रेट जीमेल डॉट कॉम पर भेजो",
        ["सुनील डॉट शर्मा बयालीस एट द रेट जीमेल डॉट कॉम"],
    ),
    ("ko", "이메일은 제이에이치 칠칠 골뱅이 네이버 닷컴이에요", ["제이에이치 칠칠 골뱅이 네이버 닷컴"]),
    # A family name a dictionary holds but the web all but never writes, after a given name.
    ("pt", "a minha cunhada lurdes macamo vende no mercado", ["lurdes macamo"]),
    # Hindi and Nepali: a family name from elsewhere in Devanagari after a name.
    ("hi", "डॉ. सुनीता विलियम्स ने मेरी जाँच की।", ["सुनीता विलियम्स"]),
    ("ne", "डाक्टर सुरेश पिल्लैले हेर्नुभयो", ["सुरेश पिल्लै"]),
    # Korean: a family name written apart from the given name, with a cue or a rare given name.
    ("ko", "주치의는 한 세준 선생님이셨어요", ["한 세준"]),
    ("ko", "아내 이름은 장 미란이에요", ["장 미란"]),
    ("ko", "어제 문 태식이 병문안을 왔어요", ["문 태식"]),
    # A name whose skeleton of consonants is a medicine's, and a title of work after the name.
    ("ko", "오늘은 조말녀 씨와 같이 갔어요", ["조말녀"]),
    ("ko", "노지혜 약사가 복용법을 알려 줬어요", ["노지혜"]),
    # A name a few famous people share, and older and newer given names' syllables.
    ("ko", "이민호가 아이를 데리러 왔어요", ["이민호"]),
    ("ko", "고모 성함은 백순례입니다", ["백순례"]),
    ("ko", "막내 최하늘은 중학생이에요", ["최하늘"]),
    # Korean dates said with the year's and the day's counters fused on, and October said apart.
    ("ko", "이천이십이년 팔월 이십오일에 퇴원했어요", ["이천이십이년 팔월 이십오일"]),
    ("ko", "천구백팔십 년 시 월 구 일에 태어났어요", ["천구백팔십 년 시 월 구 일"]),
    ("ko", "이천십구 년 유 월에 수술을 받았어요", ["이천십구 년 유 월"]),
    # "www" said aloud before a web address, and the country's domain spelt in Hangul.
    (
        "ko",
        "사이트는 더블유 더블유 더블유 점 새봄의원 점 씨오 점 케이알",
        ["더블유 더블유 더블유 점 새봄의원 점 씨오 점 케이알"],
    ),
    (
        "fr",
        "allez sur double v double v double v point cliniquesoleil point fr",
        ["double v double v double v point cliniquesoleil point fr"],
    ),
    ("es", "entra a triple doble ve punto saludrio punto com", ["triple doble ve punto saludrio punto com"]),
    (
        "pt",
        "é dáblio dáblio dáblio ponto vidanova ponto org",
        ["dáblio dáblio dáblio ponto vidanova ponto org"],
    ),
    ("hi", "साइट डब्ल्यू डब्ल्यू डब्ल्यू डॉट सेहत डॉट ओआरजी है", ["डब्ल्यू डब्ल्यू डब्ल्यू डॉट सेहत डॉट ओआरजी"]),
    # An e-mail address's local part said as a name in two words, or with an underscore or a dash.
    ("ne", "मेरो इमेल गीता थापा एट जीमेल डट कम हो", ["गीता थापा एट जीमेल डट कम"]),
    ("hi", "ईमेल पता कविता अंडरस्कोर जोशी एट याहू डॉट कॉम है", ["कविता अंडरस्कोर जोशी एट याहू डॉट कॉम"]),
    (
        "es",
        "mi correo es luis guion bajo pena arroba hotmail punto com",
        ["luis guion bajo pena arroba hotmail punto com"],
    ),
    ("ne", "इमेल हरि अट याहू डट कम", ["हरि अट याहू डट कम"]),
    # "At the rate" in its other spellings, letters spelt one by one.
    ("ne", "इमेल माया एट दि रेट हटमेल डट कोम", ["माया एट दि रेट हटमेल डट कोम"]),
    ("hi", "ईमेल पी आर ए एट रेट जीमेल डॉट कॉम है", ["पी आर ए एट रेट जीमेल डॉट कॉम"]),
    # A domain said in two words.
    ("ne", "इमेल गोपाल एट वर्ल्ड लिंक डट कम डट एनपी", ["गोपाल एट वर्ल्ड लिंक डट कम डट एनपी"]),
    ("hi", "ईमेल मीना एट द रेट रेडिफ मेल डॉट कॉम", ["मीना एट द रेट रेडिफ मेल डॉट कॉम"]),
    # Written addresses: a house number with a comma or "bis" before the street, a post office box,
    # a plot with "No.".
    ("fr", "Elle habite au 21, avenue des Baobabs.", ["21, avenue des Baobabs"]),
    ("fr", "Son cabinet est au 5 ter rue Lamine Gueye.", ["5 ter rue Lamine Gueye"]),
    ("sw", "Barua zangu hupitia S.L.P. 7781 Dodoma.", ["S.L.P. 7781"]),
    ("sw", "Tuma fomu kwa P.O. Box 302, Kisumu.", ["P.O. Box 302"]),
    ("sw", "Kliniki iko Plot No. 19 karibu na soko.", ["Plot No. 19"]),
    ("pt", "Envie a carta para a Caixa Postal 415, Beira.", ["Caixa Postal 415"]),
    ("es", "Mándelo al Apartado Postal 2210 de Cuenca.", ["Apartado Postal 2210"]),
]


@pytest.mark.parametrize(("language", "text", "identifiers"), FOUND, ids=lambda v: str(v)[:24])
def test_identifiers_missed_before_are_found(language, text, identifiers):
    spans = detect(text, language)
    for identifier in identifiers:
        assert covered(text, identifier, spans), (identifier, marked(text, spans))


# (language, text): no identifier, and nothing may be marked.
LEFT_ALONE = [
    ("fr", "je suis venu de loin pour voir le médecin"),
    ("ko", "저는 아침저녁으로 약을 먹어요"),
    ("hi", "डॉ. ने कहा कि रोज़ दवा लेनी है।"),
    # A word before a common word that sounds like a family name ("पटक": Pathak) is no middle name.
    ("ne", "मेरो बहिनी हरेक पटक खाना ल्याउँछिन्"),
    ("hi", "मेरी बहन बहुत बीमार थी, माँ ने देवी से प्रार्थना की।"),
    # "je suis", "soy" put any word after them; a question asks for a name.
    ("fr", "je suis fatiguée depuis hier"),
    ("es", "soy enfermera en el centro"),
    ("sw", "jina lake ni nani"),
    # A month alone is no one's date.
    ("ko", "칠 월에 갔어요"),
    # Streets counted are no address.
    ("fr", "il y a deux rues entre chez moi et le marché"),
    ("es", "blanca la pared de la casa"),
    ("sw", "nilipita mtaa wa soko kisha nyumba yetu"),
    ("ne", "बिरामी भएपछि म रातभर सुतिनँ"),
    # Everyday words with the same endings and verbs that only start like "살다" (live).
    ("ko", "아침저녁으로 약을 먹어요"),
    ("ko", "저는 아침에 살짝 걸었어요"),
    ("sw", "nilikaa mwezi wa tano nzima"),
    # Korean: everyday words after a word that is also a family name, verbs and places of work
    # with a name's syllables, a word with 이 fused that is no friend's name, counted days.
    ("ko", "이 병원에 한 시간 있었어요"),
    ("ko", "간호사가 안 자고 설명해 줬어요"),
    ("ko", "아버지는 조선소에서 일하셨어요"),
    ("ko", "사람이 많아서 삼일 동안 기다렸어요"),
    # The word "e-mail" in a sentence about sending one, with no address.
    ("ne", "उहाँले इमेल पठाउनुभयो र फोन पनि गर्नुभयो"),
]


@pytest.mark.parametrize(("language", "text"), LEFT_ALONE, ids=lambda v: str(v)[:24])
def test_ordinary_words_near_the_same_cues_are_left_alone(language, text):
    assert detect(text, language) == [], marked(text, detect(text, language))


def test_a_name_before_an_everyday_word_and_a_word_like_a_family_name_ends_at_the_name():
    text = "मेरो छोरा रमेश हरेक पटक खाना ल्याउँछ"  # "पटक" (times) sounds like the family name Pathak
    assert marked(text, detect(text, "ne")) == ["रमेश"]


def test_a_kinship_word_and_its_possessive_stay_outside_the_name():
    text = "mjukuu wangu imani chebet ananisaidia"
    assert marked(text, detect(text, "sw")) == ["imani chebet"]
    text = "no dia seguinte o doutor armando langa me atendeu"
    assert "doutor" not in " ".join(marked(text, detect(text, "pt")))


def test_a_word_all_through_after_a_name_is_no_family_name():
    text = "नर्स कमला रातभर मेरो छेउमा बस्नुभयो"
    assert marked(text, detect(text, "ne")) == ["कमला"]


def test_little_words_of_a_name_at_the_end_of_the_text_do_not_stop_detection():
    # Two particles after a name, then nothing: the English reader looked one word past the end.
    for text in ("We drove to Rio de la", "I met Maria do", "Nous allons à Saint-Louis de la"):
        spans = detect(text, "en")
        assert all(0 <= s.start < s.end <= len(text) for s in spans)


def test_a_spoken_email_address_starts_after_the_verb_that_follows_the_word_email():
    text = "रिपोर्ट इमेलमा पठाउनुहोस् हरि एट याहू डट कम"
    spans = detect(text, "ne")
    assert [(text[s.start : s.end], s.kind) for s in spans] == [("हरि एट याहू डट कम", "EMAIL")]
