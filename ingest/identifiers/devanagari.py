"""Hindi and Nepali words in Devanagari: one spelling for comparing, the words of Nepali, the verbs
of both, and the places and family names of Nepal.

- Spelling: one word is typed several ways (गाँव and गांव, रङ्ग and रंग, गञ्ज and गंज, ज़ and
  ज): :func:`normal` gives them one form, for the lists and the text alike.
- Nepali words: the headwords of the Nepali dictionary that the ``nepali-stemmer`` package ships
  (36,000 headwords, MIT licence), verbs among them written with their infinitive "-नु". A Nepali
  verb is written as its root and an ending ("बस्थ्यौँ" is बस् + थ्यौँ, "लैजान्छ" is लैजा + न्छ):
  :func:`verb_form` reads a word so, with the root from the dictionary and the ending from the
  grammar's tables below.
- Places of Nepal: its 77 districts and 753 local levels, with their names in Devanagari and in
  Latin letters, from the ``nepali-address`` package (MIT licence).
- Family names of Nepal: the 3,556 surnames of the ``nepalithar`` package (MIT licence), in Latin
  letters, found in Devanagari through a spelling key (:func:`.phonetic.spelling_key`).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

VIRAMA = "\u094d"
_NUKTA = "\u093c"
_CANDRABINDU = "\u0901"
_ANUSVARA = "\u0902"
# A nasal consonant with a virama inside a word, before a stop, is written as an anusvara as well
# ("रङ्ग", "रंग"); not before य, र, ल, व or another nasal ("म्याग्दी", "अन्न").
_NASAL_CLUSTER = re.compile(
    "(?<=[\u0900-\u097f])[\u0919\u091e\u0923\u0928\u092e]\u094d"
    "(?=[\u0915-\u0918\u091a-\u091d\u091f-\u0922\u0924-\u0927\u092a-\u092d])"
)
_JOINERS = dict.fromkeys(map(ord, "\u200c\u200d"))
_NOT_WORD = re.compile(r"[^\u0900-\u0963\u0971-\u097f]+")
_DIGITS = re.compile(r"[0-9\u0966-\u096f]+")


def normal(word: str) -> str:
    """The one spelling a Devanagari word is compared in: nukta, joiners and chandrabindu folded,
    a nasal consonant before another consonant written as anusvara."""
    word = unicodedata.normalize("NFC", word).translate(_JOINERS)
    if _NUKTA in word:
        word = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).replace(_NUKTA, ""))
    word = word.replace(_CANDRABINDU, _ANUSVARA)
    return _NASAL_CLUSTER.sub(_ANUSVARA, word)


# Endings of Nepali verbs after the root: present, past, habitual past, perfect, participles,
# conjunctive, infinitive and polite forms, negatives, and the endings of the -नु- forms of
# respect. A root ending in a consonant is written with a virama before an ending that starts with a
# consonant ("गर्छ"), without it before a vowel sign ("गरेको").
_NE_ENDINGS = """
छु छौं छ छन् छन छस् छौ छिन् छे छ्यो छ्यौ छेऊ छेउ
थें थें थ्यो थ्यौं थिन् थे थिस् थिइन् थ्यौ थी थिएं थिए थियो
न्छु न्छौं न्छ न्छन् न्छिन् न्थ्यो न्थें न्थे न्थ्यौं न्थिन् न्न न्नं न्नन् न्नौं
नु नुहोस् नुहुन्छ नुभयो नुहुन्थ्यो नुभएन नुहुन्न नुहुंदैन नुपर्छ नुपर्यो नुपर्ने नुपर्थ्यो नुभएको
नुभए नुहुने नुभएर नुभएकाले नुभई नुको नुका नुकी नुपर्दा नुपर्दैन नुअघि नुभन्दा नुपूर्व
ने नेछ नेछन् नेछु नेछौं नेछिन् नेलाई न नका नको नकी नाले नासाथ नाले
दै दैन दैनन् दैनौं दैनथ्यो दैनथे दैनथें दैछ दैछन् दैछु दा दाखेरि दासम्म दो दी दिनं दिन दिनन्
ला लान् लिन् लास् लौ ल्यौं लिन्
ें े ेको ेका ेकी ेर ेछ ेछन् ेछु ेछौं ेन ेनन् ेनौं ेनं ेस् ेकोले ेपछि ेदेखि ेमा ेसम्म ेकै ेकाले
ेकाहरू ेकोमा ेकाहरूले ेनछ ेनछन् ेथें ेथ्यो ेथे ेथिन् ेकोछ ेकोथियो ेकीथिई ेकाथिए ेन्
यो यौं ्यो ्यौं ्यौ ्यौ याे ्या ्याे यो
ी ीन् इन् ई ए एं एको एका एकी एर एछ एछन् एन एनन् एनं एस् एकोले एपछि एकाले एकै एकोमा
ाइ ाई ाए ाएं ाएको ाएका ाएकी ाएर ाउ ाउं ाउन ाउनु ाउने ाउंदै ाउंछ ाउंछु ाउंछन् ाउंछौं ाउंथ्यो
ाउंदा ाउंदैन ाइन् ाइयो ाइदिए ाइदियो ाइदिनुभयो ाइदिन्छ ाएन
इ इयो इन्छ इन्छन् इएको इएका इएन इने इंदै इंदैन इदिए इदियो इरहेको इरहेका इरहेकी इरहन्छ
इरहनुभयो इराखेको इसकेको इसक्यो इहाल्यो इहाल्यो
ंदै ंदैन ंछ ंछु ंछौं ंछन् ंथ्यो ंदा ंदो ंदी
उ उं उन उने उंदै उंछ उंछु उंछन् उंथ्यो उंदा उंदैन उनु
"""
NE_VERB_ENDINGS = frozenset(normal(e) for e in _NE_ENDINGS.split())
_LONGEST_ENDING = max(map(len, NE_VERB_ENDINGS))
_NEGATIVE = "न"


def verb_form(word: str, roots: frozenset[str]) -> bool:
    """Whether ``word`` is a root of ``roots`` with a verb ending ("बस्थ्यौं", "नदेखाई")."""
    for head in (word, word[1:] if word.startswith(_NEGATIVE) else ""):
        if len(head) < 4:
            continue  # "नाई" is no न + ाई
        # (Only the cuts that leave an ending no longer than the longest: linear in the word.)
        for cut in range(max(1, len(head) - _LONGEST_ENDING), len(head)):
            root, ending = head[:cut], head[cut:]
            if cut == 1 and len(ending) < 3:
                continue  # a root of one letter ("आ", "जा" is two) only with a long ending: "आएपछि"
            if ending in NE_VERB_ENDINGS and (root in roots or root + VIRAMA in roots):
                return True
    return False


# The names of the Latin letters as they are written in Devanagari: "एचआईवी" is H-I-V, "सीडी" C-D.
_LETTER_NAMES = frozenset(
    normal(n)
    for n in """ए बी सी डी ई एफ जी एच आई जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू एक्स
    वाई जेड ज़ेड""".split()
)


# Each Latin letter by its name in Devanagari, with the shorter vowels Nepali often writes ("टियु",
# "भी" for V): what :func:`spelt_out` reads a short form back into.
_LETTERS = {
    normal(name): letter
    for letter, names in {
        "a": "ए",
        "b": "बी बि",
        "c": "सी सि",
        "d": "डी डि",
        "e": "ई",
        "f": "एफ",
        "g": "जी जि",
        "h": "एच",
        "i": "आई",
        "j": "जे",
        "k": "के",
        "l": "एल",
        "m": "एम",
        "n": "एन",
        "o": "ओ",
        "p": "पी पि",
        "q": "क्यू क्यु",
        "r": "आर",
        "s": "एस",
        "t": "टी टि",
        "u": "यू यु",
        "v": "वी भी भि",
        "w": "डब्ल्यू डब्लु",
        "x": "एक्स",
        "y": "वाई",
        "z": "जेड ज़ेड",
    }.items()
    for name in names.split()
}


@lru_cache(maxsize=50_000)
def spelt_out(word: str) -> str:
    """The Latin letters a word says one by one ("एनएमसी" -> "nmc", "टियुटीएच" -> "tuth"), or ""
    when it is not letters said one by one. Linear in the word: each place is reached once."""
    n = len(word)
    if n < 3 or n > LONGEST_PART:
        return ""
    reach: list[str | None] = [""] + [None] * n
    for i in range(n):
        so_far = reach[i]
        if so_far is None:
            continue
        for size in range(1, 7):
            letter = _LETTERS.get(word[i : i + size]) if i + size <= n else None
            if letter is not None and reach[i + size] is None:
                reach[i + size] = so_far + letter
    return reach[n] or ""


def spelt_letters(word: str) -> bool:
    """Whether a word is Latin letters said one by one ("एआरटी", "एचआईवी", "बीपी"): a short form,
    not a name."""
    n = len(word)
    reach = [True] + [False] * n
    for i in range(n):
        if reach[i]:
            for size in range(1, 5):
                if i + size <= n and word[i : i + size] in _LETTER_NAMES:
                    reach[i + size] = True
    return reach[n] and n >= 3


# Longer than any word of the Hindi and Nepali word lists (20 letters and signs at most): a part of
# a word longer than this is no dictionary word, so is not looked up (a word of 200,000 letters is
# read in time linear in its length, not quadratic).
LONGEST_PART = 40


def compound(word: str, known: Callable[[str], bool]) -> bool:
    """Whether a word is two dictionary words written together ("पूर्वजन्म")."""
    first, last = max(3, len(word) - LONGEST_PART), min(len(word) - 2, LONGEST_PART + 1)
    return any(known(word[:cut]) and known(word[cut:]) for cut in range(first, last))


def nepali_dictionary() -> tuple[set[str], set[str]]:
    """The headwords of the Nepali dictionary (spelling variants apart) and the roots of its
    verbs ("गर्–नु" gives the word गर्नु and the root गर्)."""
    text = (resources.files("nepali_stemmer") / "files" / "dictionary.txt").read_text("utf-8")
    words: set[str] = set()
    roots: set[str] = set()
    for line in text.splitlines():
        for entry in line.split("/"):
            entry = _DIGITS.sub("", entry).strip().strip("'―-")
            if not entry or " " in entry:
                continue
            if entry.endswith("नु"):
                root = entry[:-2].rstrip("–-")
                if len(root) >= 1 and not _NOT_WORD.search(root):
                    roots.add(normal(root))
            for part in re.split(r"[–-]", entry):
                if len(part) >= 2 and not _NOT_WORD.search(part):
                    words.add(normal(part))
                    if part.endswith("ो"):
                        # Nouns and adjectives in -ो take -ा and -ी: खुट्टो, खुट्टा; ठूलो, ठूला, ठूली.
                        words.update(normal(part[:-1] + e) for e in "ाी")
            whole = entry.replace("–", "")
            if not _NOT_WORD.search(whole):
                words.add(normal(whole))
    return words, roots


# Words of a local level's name that say what kind of place it is, not which.
_LEVEL_WORDS = {"गाउंपालिका", "नगरपालिका", "उपमहानगरपालिका", "महानगरपालिका"}
_LEVEL_LATIN = re.compile(r"\b(?:Rural|Sub-?Metropolitan|Metropolitan|Municipality|City)\b", re.I)


def nepal_places() -> tuple[set[str], list[str]]:
    """Words of the names of Nepal's districts and local levels in Devanagari, and the names in
    Latin letters."""
    from nepali_address.data.districts import DISTRICTS
    from nepali_address.data.local_levels import LOCAL_LEVELS

    words: set[str] = set()
    latin: list[str] = []
    for place in (*DISTRICTS, *LOCAL_LEVELS):
        for field in ("name_ne", "headquarter_ne"):
            for word in (place.get(field) or "").split():
                word = normal(word)
                if word not in _LEVEL_WORDS and not _NOT_WORD.search(word) and len(word) >= 2:
                    words.add(word)
        for field in ("name", "headquarter"):
            name = _LEVEL_LATIN.sub("", place.get(field) or "").strip()
            if name:
                latin.append(name)
    return words, latin


def nepal_surnames() -> list[str]:
    """The family names of Nepal, in Latin letters."""
    with resources.as_file(resources.files("nepalithar") / "data" / "caste.db") as path:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [row[0] for row in connection.execute("SELECT surnames FROM castes") if row[0]]
        finally:
            connection.close()
