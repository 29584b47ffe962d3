"""Hindi, Nepali and Korean: names and places that the grammar around them points to.

The reading of :mod:`.names_places` finds a word as a name when a list knows it or a cue sits right
beside it. These passes add what the grammar of these languages says over a few words:

- a given name followed by a family name, and a name of several words before a kinship word or a
  title that follows it ("पासाङ लामा दाइले", "मोहन लाल जी", "पेमा डोल्मा तामाङ"): the second word is
  a family name of the lists, or the last word is a title that only follows names;
- a place or a person introduced by "called" ("हिले भन्ने ठाउँ", "X नामक गाँव");
- a hospital named with an everyday word ("तारा अस्पताल", "आशा अस्पताल"): a word right before the
  kind of a health facility that is no little word, no word of time or manner and no kind of care;
- an institution's short name, letters said one by one ("एनएमसीमा", "पीजीआई चंडीगढ़"), where a
  place's postposition or a town follows it and the letters are no test, ward or illness;
- in Korean, the parts of an address in a row ("대구시 수성구 범어동"): a word shaped as a district
  is (-시, -구, -동) next to a place is one too, and a town before a district.

Each pass takes the reading (:class:`.names_places._Reading`) and marks its words; none of them
reads a word list of its own but the short ones here, written from the grammar.
"""

from __future__ import annotations

from typing import Any

from .devanagari import normal, spelt_out
from .english.words import MEDICAL_TERMS

# Letters said one by one that name a test, a ward, a degree or a programme, not an institution:
# the English recogniser's clinical shorthand, and what South Asian stories add.
_SHORT_FORMS = MEDICAL_TERMS | frozenset(
    """usg anc pnc ncd ntd ngo dna rna sms mbbs md phd ba ma bsc msc slc see iud ors ot ipd opd gp mo
    sti tt dpt covid ncov icu nicu ccu hdu ent er bp hiv aids tb art arv ct mri ecg ecgs cpr os atm
    pan id sim otp pin kyc bpl ac tv dj ok""".split()
)
# Institutions whose short name is said as a word, not letter by letter (AIIMS, NIMHANS, JIPMER).
_SHORT_NAMES = frozenset(normal(w) for w in "एम्स निम्हान्स जिपमेर".split())

# Words that introduce what something is called: "हिले भन्ने ठाउँ", "रामपुर नामक गाँव".
_CALLED = frozenset(normal(w) for w in "भन्ने भनिने नामक नामको नाउँको".split())
_PLACE_WORDS = frozenset(
    normal(w)
    for w in """ठाउँ ठाउं ठाउँमा ठाउँको गाउँ गाउँमा गाउँको टोल टोलमा बस्ती सहर शहर नगर क्षेत्र इलाका
    जगह जगहमा गाँव गांव गाँवमा गांवमें कस्बा कस्बे मोहल्ला मोहल्ले खोला नदी डाँडा पहाड बजार""".split()
)
_PERSON_WORDS = frozenset(
    normal(w)
    for w in """मान्छे मानिस व्यक्ति केटा केटी डाक्टर नर्स साथी आदमी औरत लड़का लड़की लडका लडकी
    महिला बच्चा बच्ची बालक बालिका सज्जन भाइ दिदी दाइ बहिनी भाई बहन""".split()
)

# Kinds of health facility a name comes before ("तारा अस्पताल", "हलेसी स्वास्थ्य चौकी").
_HEALTH_HEADS = frozenset(
    normal(w) for w in "अस्पताल अस्पतालमा हस्पिटल हॉस्पिटल हास्पिटल स्वास्थ्य क्लिनिक पोलिक्लिनिक नर्सिङ नर्सिंग".split()
)
# Words right before such a kind that say what care it gives, how big, new or near it is, or when
# and how one went there: none of them names the place.
_NOT_HOSPITAL_NAMES = frozenset(
    normal(w)
    for w in """आँखा आंखा नेत्र मुटु हृदय दिल बाल शिशु बच्चों महिला प्रसूति मातृ मानसिक मनोरोग दन्त दाँत
    दांत क्यान्सर कैंसर हड्डी सरकारी निजी प्राइवेट नयाँ नया नई नये पुरानो पुराना पुरानी सानो छोटा छोटे
    बड़ा बड़े बडा बडे ठूलो ठूला अर्को दूसरे दूसरा अन्य कुनै किसी एउटा एक उही वही त्यही यही सबैभन्दा
    सबसे नजिकको नजदीकी नजदीक पास स्थानीय मुख्य केन्द्रीय केंद्रीय सामान्य विशेष पशु जनावर टीबी
    क्षयरोग कुष्ठरोग आयुर्वेदिक होमियोपैथिक सामुदायिक सरकारि जिल्ला जिला ज़िला अञ्चल क्षेत्रीय
    प्रादेशिक शहरी ग्रामीण तुरुन्त तुरुन्तै तुरंत जल्दी फिर फेरि वापस सीधे सिधै सीधा छिटो चाँडो चाँडै
    अब अहिले आज कल हिजो भोलि रोज रोज़ हरेक हर पैदल बारबार बार बार-बार पहिलो पहला दोस्रो
    आपतकालीन इमरजेंसी इमर्जेन्सी सबै पूरा पुरै""".split()
)

# Korean: the ends of the names of the parts of an address (city, province, county, district,
# neighbourhood, town, township, village).
_KOREAN_DISTRICT_ENDS = ("시", "도", "군", "구", "동", "읍", "면", "리")
KOREAN_DISTRICT_ZIPF = 4.5  # "친구", "운동", "정도" end so too, and are far more frequent
# Last syllables of words that qualify the next word in Korean (verbs' and adjectives' modifier
# forms, "있는", "작은"), and the object and subject particles of a pronoun ("저를"): before the kind
# of a facility, such a word names none.
_KOREAN_MODIFIER_ENDS = frozenset("는은을던를가의에도요다고서면며지게데니까")


# Verbs' forms that are nouns too and take a case ending ("भएकोमा", "गर्नेलाई", "जाँदा").
_PARTICIPLE_ENDS = tuple(normal(e) for e in "को का की ने नु न दा दै ई एर".split())


def _indic_excluded_word(reading: Any, stem: str, shortest: int = 3) -> bool:
    """A little word (under ``shortest`` letters), an everyday word, a title, kinship word or
    possessive, a postposition, a word that is no name, or letters spelt out."""
    p = reading.p
    return (
        len(stem) < shortest
        or stem in reading.r.words.function
        or stem in p.everyday
        or stem in p.titles
        or stem in p.titles_after
        or stem in p.kin
        or stem in p.possessives
        or stem in p.place_after
        or stem in p.not_names
        or bool(spelt_out(stem))  # "एएनएम": a role's or a test's letters
    )


def _indic_excluded(reading: Any, k: int) -> bool:
    """Word k of a Hindi or Nepali text is never part of a name: what :func:`_indic_excluded_word`
    leaves out (two letters make a word here), a noun of places, a verb."""
    stem = reading.stem(k)
    return (
        _indic_excluded_word(reading, stem, shortest=2)
        or stem in reading.p.place_nouns
        or reading.r.verb_like(stem)
    )


def indic_before_beside(reading: Any, name_seconds: frozenset[str], surname_zipf: float) -> None:
    """Hindi and Nepali, before the words beside names are read: institutions' short names, a given
    name and a family name with no cue around them, what "called" introduces."""
    r, w, kind = reading.r, reading.w, reading.kind
    n = len(w)
    passed_over = r.passed_over
    for i in range(n):
        stem = reading.stem(i)
        if kind[i] is None and stem in passed_over:
            continue  # (a little or everyday word: none of these passes takes it)
        if kind[i] is not None:
            if kind[i] == "NAME" and i > 0 and kind[i - 1] is None:
                _given_before_family(reading, i, name_seconds, surname_zipf)
            continue
        # An institution's short name: "एनएमसीमा", "एम्स में", "पीजीआई चंडीगढ़".
        letters = spelt_out(stem)
        short = stem in _SHORT_NAMES or (letters and letters not in _SHORT_FORMS)
        if short and (
            reading._locative(i)
            or (i + 1 < n and reading.close(i, i + 1) and kind[i + 1] == "LOCATION")
            or reading.stem(i + 1) in _HEALTH_HEADS
        ):
            reading.mark(i, "LOCATION", "short name of an institution")
            continue
        # A town read as a verb's form ("लुक्ला" as लुक्-ला): no verb takes a place's postposition.
        if (
            reading._locative(i)
            and r.verb_like(stem)
            and not stem.endswith(_PARTICIPLE_ENDS)
            and stem not in r.words.forms
            and r.words.zipf(stem) == 0.0
            and not _indic_excluded_word(reading, stem)
        ):
            reading.mark(i, "LOCATION", "unknown word before a postposition")
            continue
        # A family name of the lists after a word that may be a given name: "पेमा डोल्मा तामाङ".
        if i > 0 and kind[i - 1] is None and _given_before_family(reading, i, name_seconds, surname_zipf):
            continue
        # "हिले भन्ने ठाउँ", "रामपुर नामक गाँव", "सरिता भन्ने केटी".
        called = i + 2 < n and reading.stem(i + 1) in _CALLED
        if called and not w[i].ending and not _indic_excluded(reading, i):
            after = reading.stem(i + 2)
            place = after in _PLACE_WORDS or after in reading.p.place_nouns
            if place or reading.whole(i + 2) in _PLACE_WORDS:
                reading.mark(i, "LOCATION", "place introduced by its name")
            elif after in _PERSON_WORDS:
                reading.mark(i, "NAME", "person introduced by their name")


def _given_before_family(reading: Any, i: int, name_seconds: frozenset[str], surname_zipf: float) -> bool:
    """Word i is a family name of the lists and the word before it may be a given name (a listed
    name, a word no dictionary holds, a known second word of a name): mark both."""
    r, w = reading.r, reading.w
    stem = reading.stem(i)
    if not reading.close(i - 1, i) or w[i - 1].ending:
        return False
    if not r.surname(stem) or r.words.zipf(stem) >= surname_zipf:
        return False
    if _indic_excluded(reading, i) or _indic_excluded(reading, i - 1):
        return False
    if r.facts(stem)[2] or reading.stem(i + 1) in reading.p.not_before:
        return False  # a family name that is also a word ("मगर", "लोड"), or a language ("मगर भाषा")
    before = reading.stem(i - 1)
    _, _, ordinary = r.facts(before)
    if (ordinary or r.words.zipf(before) >= 4.5) and before not in name_seconds:
        return False
    reading.mark(i - 1, "NAME", "given name and family name")
    reading.mark(i, "NAME", "given name and family name")
    return True


def indic_before_titles(reading: Any, name_seconds: frozenset[str], surname_zipf: float) -> None:
    """Hindi and Nepali: every word of a name before a kinship word or a title that follows names
    ("दावा शेर्पा दाइले", "मोहन लाल जी", "हरि प्रसाद काकाले"), up to three words back."""
    p, r, kind = reading.p, reading.r, reading.kind
    after_titles = p.titles_after
    for i in range(1, len(reading.w)):
        if reading.stem(i) not in after_titles or not reading.close(i - 1, i):
            continue
        for k in range(i - 1, max(i - 4, -1), -1):
            if k < i - 1 and not reading.close(k, k + 1):
                break
            if kind[k] == "NAME":
                continue
            if kind[k] is not None or reading.w[k].ending or _indic_excluded(reading, k):
                break
            stem = reading.stem(k)
            listed_name, _, ordinary = r.facts(stem)
            zipf = r.words.zipf(stem)
            if k == i - 1:
                named = listed_name or not ordinary or stem in name_seconds or r.surname(stem)
            else:
                # Further back, a listed name or a name's second word ("मोहन लाल जी"), or any word
                # but the commonest before a family name that is no word ("दावा शेर्पा दाइले").
                family = reading.stem(k + 1)
                named = listed_name or stem in name_seconds
                named = named or (kind[k + 1] == "NAME" and r.surname(family) and not r.facts(family)[2])
                named = named or (kind[k + 1] == "NAME" and not ordinary and zipf < 2.0)  # "पासाङ लामा"
                named = named and zipf < surname_zipf
            if not named or zipf >= 6.0:
                break
            reading.mark(k, "NAME", "name before a title")


# "From" and "to" between two places ("दरभंगा से पटना", "इटहरीबाट धरान"), and "near" after one
# ("बाराबंकी के पास", "धरानको नजिक").
_FROM = frozenset(normal(w) for w in "से बाट देखि".split())
_NEAR = frozenset(normal(w) for w in "पास नज़दीक नजदीक निकट नजिक नजिकै छेउ छेउमा नजिकको".split())
INDIC_PLACE_ZIPF = 5.5  # a town the lists hold, beside a place, up to this frequency ("पटना", "कोटा")
INDIC_NEAR_ZIPF = 4.5  # a word no list holds before "near", up to this frequency
INDIC_NEAR_WORD_ZIPF = 4.0  # a dictionary's word before "near" ("घर", "पुल" are commoner)


def indic_places_around(reading: Any) -> None:
    """Hindi and Nepali: a town on the other side of "from" a place found ("दरभंगा से पटना",
    "कोटा से जयपुर"), and a town or an unknown word before "near" ("बाराबंकी के पास")."""
    r, w, kind, n = reading.r, reading.w, reading.kind, len(reading.w)

    def town(k: int, near: bool = False) -> bool:
        if kind[k] is not None or _indic_excluded(reading, k):
            return False
        stem = reading.stem(k)
        listed_name, listed_place, ordinary = r.facts(stem)
        zipf = r.words.zipf(stem)
        if listed_place or stem in r.words.places or r.place_shaped(stem):
            return zipf < INDIC_PLACE_ZIPF
        if r.surname(stem):
            return False  # "ओझा के पास": to a person (a healer, a family name), not near a place
        return near and not listed_name and zipf < (INDIC_NEAR_ZIPF if not ordinary else INDIC_NEAR_WORD_ZIPF)

    for i in range(n):
        stem = reading.stem(i)
        # A from-word written apart ("दरभंगा से पटना") or fused ("इटहरीबाट धरान").
        if stem in _FROM and 0 < i < n - 1 and reading.close(i - 1, i) and reading.close(i, i + 1):
            if kind[i - 1] == "LOCATION" and town(i + 1):
                reading.mark(i + 1, "LOCATION", "place on a journey")
            elif kind[i + 1] == "LOCATION" and not w[i - 1].ending and town(i - 1):
                reading.mark(i - 1, "LOCATION", "place on a journey")
        elif w[i].ending in _FROM and i + 1 < n and kind[i] == "LOCATION":
            if reading.text[w[i].stop : w[i + 1].start] == " " and town(i + 1):
                reading.mark(i + 1, "LOCATION", "place on a journey")
        # "X के पास", "Xको नजिक": near a place.
        if stem in _NEAR and i > 0:
            k = i - 1
            if reading.stem(k) in ("के", "को", "का", "की") and k > 0:
                k -= 1
            if not w[k].ending.startswith(("को", "का")) and w[k].ending:
                continue
            if town(k, near=True):
                reading.mark(k, "LOCATION", "place before 'near'")


def indic_hospital_word(reading: Any, k: int, first: int) -> bool:
    """Hindi and Nepali: word k, right before the kind of a health facility, is its name though it
    is an everyday word ("तारा अस्पताल", "वीर अस्पताल"): no little word, no kind of care, time or
    manner, no verb ("होकर अस्पताल")."""
    if k != first - 1 or reading.stem(first) not in _HEALTH_HEADS or reading.w[k].ending:
        return False
    stem = reading.stem(k)
    if stem in _NOT_HOSPITAL_NAMES or stem in reading.p.generic:
        return False
    if reading.r.facts(stem)[1] and stem not in reading.r.words.function:
        return True  # a town: "पाटन अस्पताल" (read as a verb's form too: पाट-न)
    if _indic_excluded(reading, k):
        return False
    if stem.endswith("कर") and stem[:-2] in reading.r.words.forms:
        return False  # "होकर", "लेकर": having been, having taken
    return reading.r.words.zipf(stem) < 6.0


def korean_addresses(reading: Any) -> None:
    """Korean: the parts of an address in a row are places ("서울 노원구 상계동", "광주 북구"): a
    word shaped as a district's name, not a frequent word, beside a place; a town before a district."""
    r, kind, w, n = reading.r, reading.kind, reading.w, len(reading.w)
    for i in range(n - 1):
        # A province with its "도" before a town ("경기도 성남시"): the reading took "도" for "also".
        if kind[i] is None and w[i].ending == "도" and kind[i + 1] == "LOCATION":
            if reading.text[w[i].stop : w[i + 1].start] == " " and r.korean_facts(w[i].stem) is not None:
                reading.mark(i, "LOCATION", "part of an address")
    for _ in range(2):
        for i in range(n):
            if kind[i] is not None:
                continue
            beside = (i > 0 and kind[i - 1] == "LOCATION" and reading.close(i - 1, i)) or (
                i + 1 < n and kind[i + 1] == "LOCATION" and reading.close(i, i + 1)
            )
            if not beside:
                continue
            stem = reading.stem(i)
            found = r.korean_facts(stem)
            if found is None or found.zipf >= KOREAN_DISTRICT_ZIPF and not found.city:
                continue
            district = len(stem) >= 2 and stem.endswith(_KOREAN_DISTRICT_ENDS)
            district = district and stem[:-1] not in reading.p.generic
            town = found.listed_place and i + 1 < n and kind[i + 1] == "LOCATION"
            if district or town:
                reading.mark(i, "LOCATION", "part of an address")


# The linking 이 after a given name that ends in a consonant, then a particle ("서연이는", "민혁이가");
# not the copula ("병원이었어요") nor the subject particle alone ("병원이").
_LINKING_I = frozenset("이는 이가 이를 이도 이한테 이에게 이랑 이하고 이의 이만 이와 이께".split())


def linking_i(ending: str) -> bool:
    """Whether a Korean word's fused ending starts with the linking 이 of a given name."""
    return ending[:3] in _LINKING_I or ending[:2] in _LINKING_I


# What follows a given name that ends in a vowel as the one who does, is, or is with ("민수가",
# "수아는", "지우랑"), and the endings that say what one is called ("영수라고", "박영자라는").
_AFTER_VOWEL_NAME = ("가", "는", "를", "랑", "한테", "에게", "하고", "와", "도", "의", "야")
_CALLED_ENDINGS = ("이라는", "라는", "이라고", "라고")
KOREAN_GIVEN_ZIPF = 3.8  # a given name alone is rarer on the web than this; "수술", "동생" are not


def korean_given_alone(stem: str, ending: str, zipf: float) -> bool:
    """A word of two syllables of given names, seldom written on the web, with the endings a given
    name takes ("민수가", "수아는", "민준이는"), or one saying it is what someone is called."""
    if ending.startswith(_CALLED_ENDINGS):
        return True
    if len(stem) != 2 or zipf >= KOREAN_GIVEN_ZIPF:
        return False
    vowel_final = (ord(stem[-1]) - 0xAC00) % 28 == 0
    return linking_i(ending) or (vowel_final and ending in _AFTER_VOWEL_NAME)


def korean_names_before_titles(reading: Any, foreign_word: Any) -> None:
    """Korean: every word of a foreign name before the title that follows it, across a word already
    found ("아나 마리아 씨", "존 스미스 선생님"), up to three words back."""
    p, kind = reading.p, reading.kind
    for i in range(1, len(reading.w)):
        title = reading.stem(i) in p.titles_after or reading.stem(i) in p.titles
        if not title or not reading.close(i - 1, i):
            continue
        before = reading.w[i - 1]
        if kind[i - 1] is None and before.stem in p.surnames and before.stem != "이" and not before.ending:
            reading.mark(i - 1, "NAME", "family name before a title")  # "최 간호사님", "박 원장님"
            continue
        if kind[i - 1] not in ("NAME", "LOCATION") or reading.stem(i) not in p.titles_after:
            continue
        k = i - 1
        while k > 0 and kind[k] in ("NAME", "LOCATION") and reading.close(k - 1, k):
            k -= 1
        for m in range(k, max(i - 4, -1), -1):
            if kind[m] is not None:
                continue
            if not reading.close(m, m + 1) or reading.w[m].ending or m < i - 3:
                break
            stem = reading.stem(m)
            if stem in p.kin or stem in p.titles or stem in p.everyday:
                break
            if not foreign_word(reading.r, stem, False):
                break
            if reading.r.korean_facts(stem) is None or reading.r.words.zipf(stem) >= 3.0:
                break
            reading.mark(m, "NAME", "name before a title")


def korean_modifier(stem: str) -> bool:
    """A Korean word that qualifies the next one ("있는 병원", "저를"): no facility's name."""
    return stem[-1:] in _KOREAN_MODIFIER_ENDS
