"""Names and places that the grammar around them points to, in Hindi, Nepali, Korean and clinical
English (``ingest/identifiers/indic_korean.py`` and the English names reader): every word of a name
before a kinship word or title that follows it, a given name before a family name, hospitals named
with an everyday word, institutions' short names, postpositions written apart, the parts of a Korean
address, given names alone with their particles, and a clinician's name before a degree. Each cause
is checked on sentences of our own, none taken from the development or held-out lines; names,
numbers and addresses are made up, towns and districts are real.
"""

from __future__ import annotations

import pytest

from ingest.identifiers import detect
from tests.identifier_helpers import covered, marked

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


# (language, text, identifiers that must be covered)
FOUND = [
    # Every word of a name before a kinship word or a title that follows names.
    ("ne", "पासाङ लामा दाइले हामीलाई बाटो देखाउनुभयो।", ["पासाङ लामा"]),
    ("ne", "हरि प्रसाद काकाले खाना ल्याउनुभयो।", ["हरि प्रसाद"]),
    ("ne", "कुसुम दिदी र सीता भाउजू भेट्न आउनुभयो।", ["कुसुम", "सीता"]),
    ("hi", "मोहन लाल जी ने दवा समझाई।", ["मोहन लाल"]),
    ("hi", "शबनम बहन जी रोज़ आती थीं।", ["शबनम"]),
    # A given name before a family name, with no cue around them; names that end like a case ending.
    ("ne", "पेमा डोल्मा तामाङ हाम्रो छिमेकी हुन्।", ["पेमा डोल्मा तामाङ"]),
    ("ne", "निमा शेर्पा दिदीले सुई लगाउनुभयो।", ["निमा शेर्पा"]),
    # A place or a person introduced by "called".
    ("ne", "म ओखलढुंगाको टारकेरा भन्ने गाउँमा जन्मेँ।", ["टारकेरा"]),
    # Hospitals named with an everyday word, or with a town's name read as a verb's form.
    ("ne", "शान्ति अस्पतालमा मेरो शल्यक्रिया भयो।", ["शान्ति अस्पताल"]),
    ("ne", "हामी पाटन अस्पताल पुग्यौँ।", ["पाटन अस्पताल"]),
    # Institutions' short names, letters said one by one or said as a word.
    ("ne", "आमालाई बीपीकेआईएचएसमा लगियो।", ["बीपीकेआईएचएस"]),
    ("hi", "भाई को एम्स में भर्ती किया गया।", ["एम्स"]),
    ("hi", "पीजीआई चंडीगढ़ में जाँच हुई।", ["पीजीआई चंडीगढ़"]),
    # A town on the other side of "from" a place, a town before "near", a town shaped as towns'
    # names are that sounds like a medicine.
    ("hi", "हम लोग सिवान से पटना पहुँचे।", ["सिवान", "पटना"]),
    ("hi", "हमारा गाँव बाराबंकी के पास है।", ["बाराबंकी"]),
    ("hi", "मेरा गाँव रसूलपुर है।", ["रसूलपुर"]),
    # A Nepali postposition written apart from the town.
    ("ne", "हामी बेंसीसहर सम्म बसमा गयौँ।", ["बेंसीसहर"]),
    # The parts of a Korean address in a row; a province with its "도".
    ("ko", "저는 서울 노원구 상계동에 살아요.", ["서울 노원구 상계동"]),
    ("ko", "경기도 성남시 분당구로 이사했어요.", ["경기도 성남시 분당구"]),
    # Korean names: a full name the web writes now and then, a given name alone with its particle,
    # what someone is called, a family name before a title, a foreign name before a title.
    ("ko", "남편 이효석이 운전했어요.", ["이효석"]),
    ("ko", "민수가 약을 가져다줬어요.", ["민수"]),
    ("ko", "박영자라는 할머니가 옆 침대에 계셨어요.", ["박영자"]),
    ("ko", "최 간호사님이 친절하셨어요.", ["최"]),
    ("ko", "간병인 아나 마리아 씨가 왔어요.", ["아나 마리아"]),
    # Web and e-mail addresses said aloud: the letters that open them, a site's name said as two
    # words, letters' names and domains of the language, a provider said as a letter and a word, an
    # underscore, a name of two words right after the word "e-mail".
    ("hi", "साइट डब्ल्यू डब्ल्यू डब्ल्यू डॉट जीवन ज्योति डॉट इन पर है", ["डब्ल्यू डब्ल्यू डब्ल्यू डॉट जीवन ज्योति डॉट इन"]),
    ("ne", "साइट डब्लु डब्लु डब्लु डट हाम्रोक्लिनिक डट ओआरजी डट एनपी हो", ["डब्लु डब्लु डब्लु डट हाम्रोक्लिनिक"]),
    ("ko", "홈페이지는 더블유 더블유 더블유 점 한빛의원 점 씨오 점 케이알이에요", ["더블유 점 한빛의원"]),
    ("ne", "मेरो इमेल गीता एट जी मेल डट कम हो", ["गीता एट जी मेल डट कम"]),
    ("ne", "इमेल गीता अन्डरस्कोर राई एट याहू डट कम हो", ["गीता अन्डरस्कोर राई"]),
    ("ne", "इमेल ठेगाना गीता राई एट याहू डट कम हो", ["गीता राई एट याहू"]),
    # Clinical English: a name before a degree with its initial, ALL CAPS after a title.
    ("en", "Resident: J. Obi, MD.", ["J. Obi"]),
    ("en", "Discussed with Dr. PATEL and the team.", ["PATEL"]),
]


@pytest.mark.parametrize(("language", "text", "identifiers"), FOUND, ids=lambda v: str(v)[:24])
def test_names_and_places_the_grammar_points_to_are_found(language, text, identifiers):
    spans = detect(text, language)
    for identifier in identifiers:
        assert covered(text, identifier, spans), (identifier, marked(text, spans))


# (language, text): no identifier, and nothing may be marked.
LEFT_ALONE = [
    # Words of time, manner and kind before a hospital name none.
    ("hi", "मैं तुरंत अस्पताल गया।"),
    ("hi", "सरकारी अस्पताल में भीड़ थी।"),
    ("ne", "गाउँको स्वास्थ्य चौकीमा नर्स थिइन्।"),
    # A ward's or a test's letters before a postposition are no institution.
    ("ne", "बुबालाई आईसीयूमा राखियो।"),
    ("hi", "एचआईवी की जाँच में कुछ नहीं निकला।"),
    # "के पास" after a person is "to", not "near".
    ("hi", "माँ मुझे ओझा के पास ले गईं।"),
    ("hi", "हम डॉक्टर के पास गए।"),
    # A family name that is also a word, and a language.
    ("ne", "नर्सले मसँग मगर भाषामा कुरा गर्नुभयो।"),
    # Korean modifiers and pronouns before the kind of a facility; verbs that look like names.
    ("ko", "작은 병원에서 주사를 맞았어요."),
    ("ko", "선생님이 천천히 설명해 주셨어요."),
    ("ko", "병원까지 택시비가 한 번에 삼만 원이라 비싸요."),
    # Clinical shorthand and medicines in capitals stay unmarked.
    ("en", "Plan: cont ASPIRIN 81 mg, hold NSAIDS, CBC and BMP tomorrow."),
]


@pytest.mark.parametrize(("language", "text"), LEFT_ALONE, ids=lambda v: str(v)[:24])
def test_ordinary_words_near_the_same_cues_are_left_alone(language, text):
    assert detect(text, language) == [], marked(text, detect(text, language))
