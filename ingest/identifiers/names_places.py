"""Names of people and places in any language that has a profile (:mod:`.profiles`).

One reading of the text, word by word. A word is proposed as a name or a place when:

- a list knows it as a name or a place (names-dataset, geonames; through its phonetic key where the
  script has no Latin letters) and the language's dictionary does not know it as an ordinary word;
- or it is an ordinary word that is also a name ("Blanca", "Paloma", "Neema", ममता), and something
  around it says it is one here: a title or kinship word before it ("la enfermera Blanca", "नर्स ममता",
  "딸 서연이는"), a phrase that introduces a name ("me llamo", "मेरो नाम", "제 이름은"), a capital
  letter in the middle of a sentence, or a name beside it;
- or no list of the language knows it at all (languages whose dictionaries are full enough to say
  so: Kiswahili, French, Spanish, Portuguese): names from everywhere are more than any list holds,
  and a reviewer's click on a false alarm costs less than a leaked name;
- or, in Korean, it has the shape of a Korean name: a surname from the closed list, then one or two
  syllables of given names.

Endings fused to a word that are not part of the name (Korean particles, Nepali case endings) stay
outside the span: "서연이는" gives 서연, "धादिङमा" gives धादिङ. A named facility is marked whole,
with the words for its kind ("Hospitali ya Kaunti ya Makueni", "centre de santé de X", "X अस्पताल",
"X대학교병원"). Titles stay outside a name's span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from . import phonetic
from .base import Detection
from .devanagari import compound, spelt_letters, verb_form
from .hangul_names import korean_names_apart
from .indic_korean import (
    indic_before_beside,
    indic_before_titles,
    indic_hospital_word,
    indic_places_around,
    korean_addresses,
    korean_given_alone,
    korean_modifier,
    korean_names_before_titles,
    linking_i,
)
from .lexicon import english
from .profiles import Profile, norm
from .towns import LONGEST, towns
from .vocabulary import WORD, FormSet, Vocabulary, fold, vocabulary

# Drug and test names are rare words too; their endings give them away in every Latin-script language.
MEDICAL = re.compile(
    r"(?:ina|ine|inas|ol|oles|azol|azole|cilina|cillin|micina|mycin|pril|sartan|statina|statin|mab|vir|"
    r"avir|ivir|formina|formin|dipina|dipine|ona|one|ida|ide|ato|ate|oxacino|floxacin|profeno|profen|"
    r"tidina|parina|itis|osis|ose|oses|emia|ectomia|terapia|grafia|scopia|virales|virais|viral|mia|patia)$"
)

KOREAN_DISTRICT_ZIPF = 4.5  # a district's name (-구, -동) before "에" up to this frequency
KOREAN_NAME_ZIPF = 3.5  # a word shaped as a Korean name, up to this frequency, is one
KOREAN_DISTRICT_ENDS = ("동", "구", "군", "읍", "면", "리")  # no medicine's name ends so
SELDOM_AFTER_KIND = 4.3  # Hindi and Nepali: a word this rare right after a facility's kind names it
RARE_CAPITAL_ZIPF = 3.0  # rarer than this on the web, a capitalised dictionary word is a proper noun
MIN_RARE = 3  # a word no list knows is proposed from this many letters
# How medicines' names end in Devanagari (-ol, -in, -ide, -ate, -one, -azole, -mycin, -cillin).
DRUG_END = re.compile("(?:ोल|िन|ीन|ाइड|ेट|ोन|जोल|माइसिन|सिलिन)$")
HONOURED = frozenset(("श्री", "श्री५", "सर"))  # before a school's or hospital's name
GENITIVE = frozenset("का के की को वाले वाली".split())  # Hindi and Nepali "of"
# Second words of South Asian given names that are also everyday words ("राम बहादुर", "बिष्णु माया",
# "शांति देवी", "हरि प्रसाद"): part of a name between a name and a family name, or after a kinship word.
INDIC_NAME_SECONDS = frozenset("बहादुर माया कुमार कुमारी प्रसाद देवी लाल राज नाथ चन्द्र चंद्र बाबु मान सिंह सिंग".split())
OF_TOWN = frozenset("de del du do da d".split())
# Korean: an ending of direction before a verb of moving house says the word is a place ("인천으로
# 이사했어요"); the ending alone does not ("아침저녁으로").
DIRECTION_ENDINGS = frozenset({"으로", "로"})
MOVING_VERBS = ("이사", "이주")
# Phrases that can only put a person's own name after them ("my name is", "I am called"), unlike
# "je suis", "soy", "mimi ni" which put any word after them: the word they introduce is a name even
# when it is an everyday word ("jina langu ni neema", "me llamo rosa", "meu nome é dores").
NAMING_PHRASES = {
    "sw": "jina langu ni, jina lake ni, jina lako ni, naitwa, ninaitwa, anaitwa, aliitwa",
    "fr": "je m'appelle, je m'appelais, mon nom est, mon prénom est, mon nom c'est",
    "es": "me llamo, mi nombre es, me llamaba",
    "pt": "me chamo, chamo me, meu nome é, o meu nome é",
    "en": "my name is, i am called",
}


# -- Kiswahili, French, Spanish, Portuguese: naming verbs, towns in transcripts --------------------
def _swahili_naming_verbs() -> str:
    """Kiswahili "call him/her X" and "be called X", built as the language builds them: a subject,
    a tense and the object "-mw-" before "-ita" ("tukamwita", "walimwita", "nimemwita"), and the
    passive "-itwa" after a subject and a tense ("aliitwa", "wataitwa", "huitwa")."""
    subjects = "ni u a tu m wa".split()
    tenses = "li ka me na ta".split()
    called = [s + t + o + "ita" for s in subjects for t in tenses for o in ("mw", "wa")]
    passive = [s + t + "itwa" for s in subjects for t in tenses] + ["huitwa", "ukiitwa"]
    return ", ".join(called + passive)


# Someone else's name given or said ("il s'appelle", "se llama", "chama-se", "tukamwita"): as sure
# as one's own, whatever word it is ("le pusimos esperanza", "tukamwita baraka").
NAMING_PHRASES["sw"] += ", jina lao ni, jina la mtoto ni, " + _swahili_naming_verbs()
NAMING_PHRASES["fr"] += (
    ", il s'appelle, elle s'appelle, il s'appelait, elle s'appelait, qui s'appelle, qui s'appelait,"
    " on l'a appelé, on l'a appelée, nous l'avons appelé, nous l'avons appelée, on l'appelle,"
    " son nom est, son prénom est, son nom c'est, prénommé, prénommée"
)
NAMING_PHRASES["es"] += (
    ", se llama, se llamaba, le pusimos, le pusieron, le puse, le pusimos de nombre, lo llamamos,"
    " la llamamos, su nombre es, su nombre era, que se llama, que se llamaba"
)
NAMING_PHRASES["pt"] += (
    ", chama se, chamava se, se chama, se chamava, chamou se, o nome dele é,"
    " o nome dela é, o nome dele era, o nome dela era, que se chama, chamamos lhe"
)

# Roles of health workers named in more than one word, before a name as a kinship word is ("o agente
# de saúde tomás", "la promotora de salud rosa"): the commonest names after them, not every word,
# since a verb as often follows ("a agente de saúde vinha").
ROLE_PHRASES = {
    "sw": """mhudumu wa afya, mhudumu wa afya ya jamii, afisa wa afya, afisa tabibu, mfanyakazi wa afya,
        mtaalamu wa lishe, mshauri nasaha""",
    "fr": """agent de santé, agente de santé, agent de santé communautaire, relais communautaire,
        agent communautaire, sage femme, aide soignant, aide soignante, assistante sociale,
        assistant social, technicien de laboratoire""",
    "es": """promotor de salud, promotora de salud, agente de salud, agente comunitario, agente comunitaria,
        trabajadora social, trabajador social, técnico de salud, técnica de salud, auxiliar de enfermería,
        técnico en enfermería, técnica en enfermería""",
    "pt": """agente de saúde, agente comunitário de saúde, agente comunitária de saúde, agente comunitário,
        agente comunitária, técnico de saúde, técnica de saúde, assistente social, técnico de medicina,
        técnica de medicina""",
}

# In a transcript (no capitals), the words after these prepositions are read against the whole
# names of towns and regions (:mod:`.towns`): "moro em recife", "vivo en el alto", "vit à port au
# prince", "anaishi huko arusha". After "de", "du", "da", "do", "ya", which say "of" as often as
# "from", only a name the language seldom uses as a word ("la mina de potosí").
SPOKEN_TOWN_PREPS = {
    "sw": frozenset("huko kutoka toka katika hadi mpaka mjini kwenda kijijini wilayani".split()),
    "fr": frozenset(fold(w) for w in "à a vers jusqu".split()),
    "es": frozenset("en a hasta desde hacia".split()),
    "pt": frozenset(fold(w) for w in "em para até pra".split()),
}
SPOKEN_TOWN_OF = {
    "sw": frozenset("ya wa la cha".split()),
    "fr": frozenset("de d du".split()),
    "es": frozenset("de del".split()),
    "pt": frozenset("de do da".split()),
}
SPOKEN_TOWN_ZIPF = 5.5  # a town's one-word name this common as a word is a word ("em casa")
SPOKEN_TOWN_OF_ZIPF = 3.5  # after "de": only a name this rare as a word
# "trabaja en la mina": one works at a workplace as often as in a town; the verbs of living, being
# born and coming say a town follows.
WORK_VERBS = ("trabaj", "travail")
SPOKEN_LARGE_TOWN = 100_000  # people: a town this large is named after "em" even with common words
# Words for times of day and spans of time: after a facility's kind with an article they say when,
# not which ("au centre de santé la nuit", "en el hospital la semana pasada").
TIME_WORDS = frozenset(
    """nuit matin soir soirée journée jour jours semaine semaines mois an ans année années fois
    noche mañana tarde día días semana semanas mes meses año años vez veces
    noite manhã dia dias semana semanas mês meses ano anos vez vezes""".split()
)
CONJUNCTIONS = frozenset("e y et na".split())
SPOKEN_FACILITY_WORD_ZIPF = 4.0  # in a transcript, a word this rare after a facility's kind names it
FACILITY_ARTICLES = frozenset("el la las los le les das dos os as".split())
# Questions for a name after the same phrases: "jina lake ni nani?", "¿cómo te llamas?"
NAMING_QUESTIONS = frozenset("nani gani comment quoi cómo como qué que quién quem what who".split())
ARTICLES = frozenset("el la los las le les l o a os as un une una um uma the".split())
FOREIGN_FIRST_ZIPF = 5.0  # Korean: the word right before 씨 is a name unless this common
FOREIGN_ZIPF = 4.5  # and the words before it, unless this common
UNIVERSITY = ("대", "대학", "대학교")  # Korean: "한림대", "서울대학교"
KOREAN_FRIENDLY_ZIPF = 4.5  # "지영이가": a given name with 이 said to a friend, no word as common as "사람"
KOREAN_PLACE_KINDS = ("소", "원", "관", "장")  # the kind of a place a word ends in: 조선소, 도서관
KOREAN_NAME_ZIPF = 3.6  # a family name and two given syllables, up to this frequency, is a name
KOREAN_PLACE_ZIPF = 5.0  # a listed town that is also a word, before "에서" or "에", up to this
SAINTS = frozenset("san santa santo sao saint sainte st".split())
TOWN_WORD_ZIPF = 4.0  # a town's name of several words needs one word rarer than this
UNWRITTEN_NAME_ZIPF = 1.5  # a listed name the web writes less often than this, beside a name, is one
UNWRITTEN_PLACE_ZIPF = 3.0  # in a transcript, a word rarer than this after "à", "en", "em" is a place
# A name that is also an ordinary word ("Blanca", "Paloma", "Flor") is taken after a title or a phrase
# that introduces a name when it ranks among this many names of a country; after a kinship word
# ("mi mamá primero me llevó") only when it is among the commonest.
AMBIGUOUS_RANK = 2000
NOT_RANKED = 10**6
KIN_RANK = 300
STEM_CACHE = 50_000
PLACE_CUED_ZIPF = 4.0  # a town whose name is also a word, before "in" or "from", up to this frequency
UNCUED_RANK = 1000  # in a script without capitals, a listed name alone must be this common
# Hindi and Nepali: a word this frequent on the web is an everyday word even if no dictionary has it
# ("वायरल"), unless it is among this many commonest names.
INDIC_EVERYDAY_ZIPF = 4.5
INDIC_COMMON_NAME = 100
INDIC_KNOWN_ZIPF = 2.5  # a word the web has this often and no list names is a word ("टेम्पो")
INDIC_CUED_ZIPF = 5.0  # after a kinship word, a listed name up to this frequency (a title: 5.5)
INDIC_TITLED_ZIPF = 5.5
INDIC_FACILITY_NAME_ZIPF = 3.5  # a dictionary word this rare before "अस्पताल" names it
INDIC_TITLED_WORD_ZIPF = 4.0  # after a title, any word rarer than this ("डॉक्टर अरोड़ा")
INDIC_UNCUED_RANK = 1500  # a listed name no dictionary knows, alone
INDIC_THROUGH = "भर"
INDIC_FOREIGN_FAMILY_ZIPF = 4.0  # a word no dictionary holds after a name, rarer than this: its family name
INDIC_SURNAME_ZIPF = 5.5  # a family name after a name even when it is a word ("खड्का", "चौहान")


@dataclass(slots=True)
class _Word:
    start: int
    end: int  # end of the stem: fused endings are outside
    stop: int  # end of the whole written word
    raw: str
    whole: str  # the whole word, normalised
    stem: str  # the word without its fused endings, normalised
    ending: str  # what was stripped
    capital: bool
    sentence_start: bool


class NamesAndPlaces:
    """Finds personal names, places and named facilities in the language of ``profile``."""

    def __init__(self, profile: Profile, words: Vocabulary | None = None) -> None:
        self.profile = profile
        self._words = words
        self.name = f"names and places ({profile.code}: titles, kinship words, word lists)"
        self._stems: dict[str, tuple[str, str]] = {}  # words repeat: each is split once
        # Each word as written: its comparing form, stem, fused ending and stem's written length.
        self._tokens: dict[str, tuple[str, str, str, int]] = {}
        self._verbs: dict[str, bool] = {}
        self._korean: dict[str, _KoreanWord | None] = {}
        self._indic: dict[str, _IndicWord | None] = {}
        self.facility_starts = {
            f[0]: max(len(g) for g in profile.facilities if g[0] == f[0]) for f in profile.facilities
        }
        self._facts: dict[str, tuple[bool, bool, bool]] = {}
        self._passed_over: frozenset[str] | None = None
        self._endings: dict[str, list[str]] = {}
        for ending in profile.endings:
            self._endings.setdefault(ending[-1], []).append(ending)
        self.name_cues = _by_last_word(profile.name_cues)
        # The profile's sets of endings as tuples, for one str.startswith or str.endswith each.
        self.titles_after = tuple(sorted(profile.titles_after))
        self.not_before = tuple(sorted(profile.not_before))
        self.locative_endings = tuple(e for e in profile.place_endings if e not in GENITIVE)
        self.place_phrases = _by_last_word(profile.place_phrases)
        self.role_index = _ROLE_INDEX.get(profile.code, {})

    @property
    def words(self) -> Vocabulary:
        if self._words is None:
            self._words = vocabulary(self.profile.code)
        return self._words

    @property
    def passed_over(self) -> frozenset[str]:
        """The words never proposed as a name or a place, whatever is around them: words that are
        no names (God, months), titles, kinship words, possessives, the language's little and
        everyday words, the words for a kind of place. One set, so each word is looked up once."""
        if self._passed_over is None:
            p = self.profile
            self._passed_over = (
                p.not_names
                | p.titles
                | p.titles_after
                | self.words.function
                | p.kin
                | p.possessives
                | p.everyday
                | p.place_nouns
            )
        return self._passed_over

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        cased = self.profile.cased and any(c.isupper() for c in text) and any(c.islower() for c in text)
        words, joined = self._split(text, cased)
        if not words:
            return []
        return _Reading(self, text, words, joined, cased).run()

    # -- words ------------------------------------------------------------------------------------

    def _split(self, text: str, cased: bool) -> tuple[list[_Word], list[bool]]:
        """The words of the text, and for each whether the next word follows it closely (a space or
        a hyphen between them, no sentence break: see :meth:`_Reading.close`).

        What a word is as written (its comparing form, stem, fused ending and the length of its stem
        as written) is worked out once per word seen and kept: a story repeats its words."""
        out: list[_Word] = []
        joined: list[bool] = []
        last = 0
        tokens = self._tokens
        if len(tokens) > STEM_CACHE:
            tokens.clear()
        previous_ending = ""
        for m in WORD.finditer(text):
            raw = m.group()
            token = tokens.get(raw)
            if token is None:
                whole = norm(raw)
                stem, ending = self._stem(whole)
                token = tokens[raw] = (whole, stem, ending, _stem_length(raw, whole, ending))
            whole, stem, ending, length = token
            start = m.start()
            gap = text[last:start]
            if gap == " ":  # (most words: what _joins and _breaks say of one space)
                if out:
                    joined.append(not previous_ending)
                sentence_start = not out
            else:
                if out:
                    # (a title's full stop joins it to the name after it: "डॉ. मैरी")
                    title_stop = gap == ". " and out[-1].stem + "." in self.profile.titles
                    joined.append(_joins(previous_ending, gap) or title_stop)
                sentence_start = not out or _breaks(gap)
            out.append(
                _Word(
                    start,
                    start + length,
                    m.end(),
                    raw,
                    whole,
                    stem,
                    ending,
                    cased and raw[0].isupper(),
                    sentence_start,
                )
            )
            last = m.end()
            previous_ending = ending
        joined.append(False)
        return out, joined

    def _stem(self, word: str) -> tuple[str, str]:
        """Split a word into its stem and the endings fused to it, preferring a stem a list knows."""
        if not self.profile.endings:
            return word, ""
        found = self._stems.get(word)
        if found is None:
            if len(self._stems) > STEM_CACHE:
                self._stems.clear()
            found = self._stems[word] = self._split_endings(word)
        return found

    def _split_endings(self, word: str) -> tuple[str, str]:
        options = [(word, "")]
        current = word
        stacked = self.profile.stacked_endings
        for round in range(3):
            for ending in self._endings.get(current[-1:], ()):
                if round and stacked and ending not in stacked:
                    continue  # Nepali: a case ending after the plural only ("गोमाले" is no गो-मा-ले)
                if current.endswith(ending) and len(current) - len(ending) >= self._shortest_stem(current):
                    current = current[: -len(ending)]
                    options.append((current, word[len(current) :]))
                    break
            else:
                break
        short = self.profile.titles_after  # "씨가" is 씨 + 가: a title of one syllable
        options = [o for o in options if len(o[0]) >= 2 or o[0] in short] or options[:1]
        if self.profile.script == "devanagari":
            # A case ending follows a word of two syllables or more that ends in a whole one: "पेमा",
            # "उमा", "डोल्मा" are names, no पे + मा, उ + मा, डोल् + मा.
            options = [o for o in options if not o[1] or (_syllables(o[0]) >= 2 and o[0][-1] != VIRAMA)]
        if word in self.words.forms or word in self.profile.everyday or word in self.profile.not_names:
            return word, ""  # a word of the dictionary as it stands ("코로나" is no 코로 + 나)
        if self.profile.script == "devanagari" and word in self.words.places:
            return word, ""  # a town as it stands: "कोशी" stays whole
        for stem, ending in options[1:]:
            if self.ordinary(stem) or stem in self.profile.everyday:
                return stem, ending  # "지금은" is 지금 + 은, not a name of three syllables
        for stem, ending in options[1:] + options[:1]:
            if self.known(stem):
                return stem, ending
        if self.verb_like(word):
            return word, ""  # a verb's ending, not a noun's: "भएको"
        return options[-1]

    def _shortest_stem(self, word: str) -> int:
        # A Hangul syllable is a whole syllable; Devanagari needs two letters at least ("घरमा").
        return 1 if "\uac00" <= word[:1] <= "\ud7a3" else 2

    def known(self, stem: str) -> bool:
        p = self.profile
        return (
            stem in p.everyday
            or stem in p.titles
            or stem in p.titles_after
            or stem in p.kin
            or stem in p.not_names
            or self.ordinary(stem)
            or self.listed_name(stem)
            or self.listed_place(stem)
            or self.facility_suffix(stem) is not None
        )

    # -- what the lists say ---------------------------------------------------------------------

    def ordinary(self, word: str) -> bool:
        """Whether the language's dictionary knows the word as an ordinary word."""
        words = self.words
        if word in self.profile.everyday or word in words.forms:
            return True
        if word in words.function:
            return True
        for clitic in self.profile.clitics:
            if word.endswith(clitic) and word[: -len(clitic)] in words.forms and len(word) > len(clitic) + 3:
                return True  # "inyectarme", "dá-lo": a verb with its pronoun
        zipf = words.zipf(word)
        listed = self.listed_name(word) or self.listed_place(word)
        if self.verb_like(word):
            return True  # "लैजानुभयो", "सोध्न": a verb's ending
        if self.profile.script == "devanagari":
            # The dictionaries have their proper nouns taken out (:mod:`.vocabulary`); the web's
            # frequencies hold names and towns, so only the commonest words count by frequency.
            if self.listed_place(word):
                return False
            if zipf >= INDIC_EVERYDAY_ZIPF and self.rank(word) > INDIC_COMMON_NAME:
                return True
            if _hindi_base(word, words.forms):
                return True  # "घड़े", "छायाँ": an inflected form of a dictionary word
            return zipf >= INDIC_KNOWN_ZIPF and not self.listed_name(word) and not self.place_shaped(word)
        if not self.profile.cased:
            # Names and towns are frequent on the web in Hindi and Korean (इंदौर, 여수): frequency
            # says little, the dictionary and the lists say more.
            return zipf >= 5.5 or (zipf >= 3.0 and not listed)
        if zipf and not listed:
            return True
        # A listed name that only parses as an inflected word ("Zawadi" as za-wadi) is a name.
        return zipf >= 4.5 or (not listed and self._inflected(word))

    def facts(self, word: str) -> tuple[bool, bool, bool]:
        """Whether a word is a listed name, a listed place, an ordinary word (kept per word)."""
        found = self._facts.get(word)
        if found is None:
            if len(self._facts) > STEM_CACHE:
                self._facts.clear()
            found = self._facts[word] = (self.listed_name(word), self.listed_place(word), self.ordinary(word))
        return found

    def verb_like(self, word: str) -> bool:
        """Whether the word ends as only the language's verbs end (Nepali "-नुभयो", "-न्"), or is a
        verb's root from the dictionary with a verb's ending ("बस्थ्यौं", "लैजान्छ")."""
        found = self._verbs.get(word)
        if found is None:
            if len(self._verbs) > STEM_CACHE:
                self._verbs.clear()
            found = self._verbs[word] = any(
                word.endswith(e) and len(word) > len(e) + 1 for e in self.profile.word_endings
            ) or (bool(self.words.roots) and verb_form(word, self.words.roots))
        return found

    def dictionary_word(self, word: str) -> bool:
        """Whether the word is in the language's lists as it stands (not only once parsed)."""
        words = self.words
        return word in self.profile.everyday or word in words.forms or words.zipf(word) >= 2.0

    def _inflected(self, word: str) -> bool:
        """Whether a word is an inflected form of a dictionary word: "nikapoteza" is ni-ka-poteza."""
        chain = self.profile.inflection
        if not chain or len(word) < 5:
            return False
        for cut in range(0, min(len(word) - 1, 9)):
            if self._base_word(word[cut:]) and _prefixes(word[:cut], chain):
                return True
        return False

    def _base_word(self, rest: str, rounds: int = 2) -> bool:
        """Whether ``rest`` is a dictionary word, or derived from one by the profile's endings
        ("pigia" from "piga", "pimika" from "pima", "laaniwa" from "laani")."""
        if len(rest) < 2:
            return False
        if rest in self.words.forms or rest in self.profile.everyday:
            return True
        if rounds:
            for ending, base in self.profile.derivations:
                if rest.endswith(ending) and len(rest) > len(ending) + 1:
                    if self._base_word(rest[: -len(ending)] + base, rounds - 1):
                        return True
        return False

    def key(self, word: str) -> str:
        """The key a word of a script without Latin letters is looked up by in the name lists."""
        if self.profile.script == "devanagari":
            return phonetic.spelling_key(word)
        return phonetic.key(word)

    def listed_name(self, word: str) -> bool:
        if self.profile.surnames:
            return self.korean_name(word)
        if self.profile.cased:
            return fold(word) in self.words.names
        k = self.key(word)
        return len(k) >= 3 and k in self.words.name_keys

    def medicine(self, word: str, short: bool = False) -> bool:
        """Whether a word of another script is the name of a medicine (मेटफ़ॉर्मिन, 메트포르민),
        by the consonants of its phonetic key; with ``short``, or the end of one ("सिटामोल")."""
        k = medicine_key(word)
        return (len(k) >= 5 and k in medicine_keys()) or (short and len(k) == 4 and k in medicine_ends())

    def surname(self, word: str) -> bool:
        """Whether a word is a family name of the lists (Hindi and Nepali: "खड्का", "चौहान")."""
        return self.key(word) in self.words.surname_keys

    def rank(self, word: str) -> int:
        """The best rank of a name in any country (1 = commonest); places and keys rank first."""
        if not self.profile.cased:
            if self.profile.surnames:
                return 1
            k = self.key(word)
            return self.words.name_keys.get(k, NOT_RANKED) if len(k) >= 3 else NOT_RANKED
        return self.words.names.get(fold(word), 1 if self.listed_place(word) else NOT_RANKED)

    def is_everyday(self, word: str) -> bool:
        """Whether a lower-case word is an everyday word of the language (for known identifiers)."""
        word = norm(word)
        if word in self.words.function:
            return True
        listed_name, _, ordinary = self.facts(word)
        return ordinary and not listed_name

    def listed_place(self, word: str) -> bool:
        if self.profile.cased:
            return fold(word) in self.words.places
        if word in self.words.places:
            return True
        k = self.key(word)
        return len(k) >= 4 and k in self.words.place_keys

    def place_shaped(self, word: str) -> bool:
        """Whether a word ends as towns' names end ("गोपालपुर", "नवलपुर") and is no everyday word."""
        p = self.profile
        return any(word.endswith(x) and len(word) >= len(x) + 2 for x in p.place_suffixes)

    def korean_name(self, word: str, cued: bool = False) -> bool:
        """A surname from the closed list and one or two given-name syllables ("박은희", "남궁민");
        with a cue around it, a given name alone ("서연")."""
        p = self.profile
        for size in (1, 2):
            surname, given = word[:size], word[size:]
            if surname in p.surnames and 1 <= len(given) <= 2 and all(s in p.given_syllables for s in given):
                if len(given) == 2 or cued:
                    return True
        return cued and len(word) == 2 and all(s in p.given_syllables for s in word)

    def korean_facts(self, stem: str) -> _KoreanWord | None:
        """What a Korean word is whatever surrounds it, kept per word: None for a number said in
        words ("백팔십"), an illness ("뇌전증"), a medicine or a kind of place ("보건진료소"); else
        what :meth:`_Reading._korean` asks of the word itself, so that only the words that may be a
        name or a place here are read in their context."""
        if stem in self._korean:
            return self._korean[stem]
        if len(self._korean) > STEM_CACHE:
            self._korean.clear()
        p = self.profile
        found: _KoreanWord | None
        if (
            _korean_number(stem)
            or stem.endswith(p.medical_suffixes)
            or (
                self.medicine(stem)
                and not stem.endswith(KOREAN_DISTRICT_ENDS)  # (not "상계동")
                and not self.korean_name(stem)  # ("김미정" is no medicine)
            )
            or stem in p.generic
        ):
            found = None
        else:
            zipf = self.words.zipf(stem)
            common = zipf >= 3.0 or stem in self.words.forms
            if (
                common
                and zipf < KOREAN_NAME_ZIPF
                and len(stem) == 3
                and self.korean_name(stem)
                and not stem.endswith(KOREAN_PLACE_KINDS)  # "조선소": a shipyard
            ):
                common = stem in self.words.forms  # a name's shape shared by some famous people: "이민호"
            suffix = self.facility_suffix(stem)
            what = ""
            if suffix and stem[: -len(suffix)] not in p.generic and not self.ordinary(stem):
                what = "facility"
            elif stem in self.words.places and zipf < 5.0:
                what = "place"
            found = _KoreanWord(
                zipf,
                common,
                what,
                name=self.korean_name(stem),
                cued_name=self.korean_name(stem, cued=True),
                listed_place=self.listed_place(stem),
                town_word=zipf < 4.5 or (zipf < KOREAN_PLACE_ZIPF and self.listed_place(stem)),
                city=self.listed_place(stem) and stem not in self.words.forms,
                eponym=stem.endswith(self.not_before),
                town_shaped=any(
                    stem.endswith(head) and len(stem) > len(head) and len(stem) >= 2 for head in p.place_heads
                ),
            )
        self._korean[stem] = found
        return found

    def indic_facts(self, stem: str) -> _IndicWord | None:
        """What a Hindi or Nepali word is whatever surrounds it, kept per word: None for a word
        that is never a name or a place here (a verb's form, Latin letters said one by one, a
        medicine, a common word that is no name, place or family name)."""
        if stem in self._indic:
            return self._indic[stem]
        if len(self._indic) > STEM_CACHE:
            self._indic.clear()
        found: _IndicWord | None = None
        if not self.verb_like(stem):
            listed_name, listed_place, ordinary = self.facts(stem)
            zipf = self.words.zipf(stem)
            medicine = not self.place_shaped(stem) and self.medicine(stem)  # (not "रसूलपुर")
            if spelt_letters(stem) or (not listed_name and not listed_place and medicine):
                pass  # "एचआईवी", "मेटफ़ॉर्मिन": a test, a virus, a medicine
            elif not (
                ordinary
                and not listed_name
                and not listed_place
                and zipf >= INDIC_TITLED_WORD_ZIPF
                and not self.surname(stem)
            ):
                # (A common word that no list names is a name only when it is rare, after a cue.)
                found = _IndicWord(
                    listed_name,
                    listed_place,
                    ordinary,
                    zipf,
                    rank=self.rank(stem) if listed_name else NOT_RANKED,
                    place=listed_place or (not ordinary and self.place_shaped(stem)),
                    exact_place=stem in self.words.places or self.place_shaped(stem),
                )
        self._indic[stem] = found
        return found

    def facility_suffix(self, word: str) -> str | None:
        for suffix in self.profile.facility_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                return suffix
        return None


_VOWELS = str.maketrans("", "", "aeiouy")


def medicine_key(word: str) -> str:
    """The consonants of a word's phonetic key: one skeleton for "metformin" and मेटफर्मिन."""
    return phonetic.key(word).translate(_VOWELS)


@cache
def medicine_keys() -> frozenset[str]:
    """Skeletons of the names of medicines of six letters or more (the English lexicon's list); a
    "c" read both ways, as other scripts write it by its sound ("paracetamol", पैरासिटामोल)."""
    names = [m for m in english().medicines if len(m) >= 6]
    spellings = {v for m in names for v in (m, m.replace("c", "s"), m.replace("c", "k"))}
    return frozenset(k for k in map(medicine_key, spellings) if len(k) >= 5)


@cache
def medicine_ends() -> frozenset[str]:
    """The last four consonants of each medicine's skeleton: a name said short keeps its end
    ("सिटामोल" for paracetamol)."""
    return frozenset(k[-4:] for k in medicine_keys())


@dataclass(frozen=True, slots=True)
class _KoreanWord:
    """What a Korean word is by itself (:meth:`NamesAndPlaces.korean_facts`)."""

    zipf: float
    common: bool  # a word of the dictionary, or frequent
    what: str  # "facility", "place" or ""
    name: bool  # a surname and one or two syllables of given names ("박은희")
    cued_name: bool  # a name after a cue: also a given name alone ("서연")
    listed_place: bool
    town_word: bool  # rare enough to be a town after "에서", "에" when it is a common word
    city: bool  # a listed town no dictionary holds, however often the web names it ("인천")
    eponym: bool  # ends as the name of a condition does ("증후군")
    town_shaped: bool  # ends as towns' names end ("시", "군", "동")


@dataclass(frozen=True, slots=True)
class _IndicWord:
    """What a Hindi or Nepali word is by itself (:meth:`NamesAndPlaces.indic_facts`)."""

    listed_name: bool
    listed_place: bool
    ordinary: bool
    zipf: float
    rank: int  # among names, NOT_RANKED for a word no list names
    place: bool  # a listed place, or shaped as towns' names are and no ordinary word
    exact_place: bool  # a town in Devanagari, or shaped as towns' names are


_KOREAN_NUMBERS = frozenset("일이삼사오육륙칠팔구십백천만억영공")
# Last syllables of Korean verbs and adjectives as said ("있었어요", "찍을", "하는"), never of a name.
_KOREAN_VERB_ENDS = frozenset("요다고서을는면며지게데니까은던며죠")


def _korean_number(word: str) -> bool:
    """Whether a Hangul word is a number said in Sino-Korean words ("백팔십", "이십만")."""
    return len(word) >= 2 and all(c in _KOREAN_NUMBERS for c in word)


def _foreign_name_word(r: NamesAndPlaces, word: str, first: bool) -> bool:
    """Whether a Hangul word may be part of a foreign name before a title ("마리아 산토스 씨",
    "마리아 산토스 씨"): not a verb as said, not a word that ends in a title or a facility's kind,
    not among the commonest words (the word right before the title), not a common word (before)."""
    if word[-1:] in _KOREAN_VERB_ENDS or r.facility_suffix(word) or word.endswith(("센터", "소")):
        return False
    if any(word.endswith(t) and len(word) > len(t) for t in r.profile.titles):
        return False  # "방문간호사": a kind of nurse
    if word in r.words.function or word in r.profile.everyday or word in r.profile.kin:
        return False
    return len(word) < 2 or r.words.zipf(word) < (FOREIGN_FIRST_ZIPF if first else FOREIGN_ZIPF)


_BREAKS = frozenset('.!?\n:;"“”।॥')


def _joins(ending: str, gap: str) -> bool:
    """Whether a word with this fused ending and the next, with ``gap`` between them, are side by
    side: a space or a hyphen between them, no sentence break."""
    if ending or len(gap) > 2:
        return False
    return gap == " " or not (_breaks(gap) or "," in gap)


def _breaks(gap: str) -> bool:
    """Whether the characters between two words end a sentence (or a clause that a name can't
    cross)."""
    return not _BREAKS.isdisjoint(gap)


# Hindi and Nepali endings of inflected nouns and adjectives, and what the dictionary form ends in:
# "घड़े", "घड़ों" from घड़ा; "दवाइयाँ", "दवाइयों" from दवाई; "बातें" from बात; "छायाँ" from छाया.
_INDIC_BASES = (
    ("ियां", "ी"),
    ("ियों", "ी"),
    ("ों", "ा"),
    ("ों", ""),
    ("ें", ""),
    ("ें", "ा"),
    ("े", "ा"),
    ("ं", ""),
)


def _hindi_base(word: str, forms: FormSet) -> bool:
    """Whether a Devanagari word is an inflected form of a word of ``forms``."""
    for ending, base in _INDIC_BASES:
        if word.endswith(ending) and len(word) > len(ending) + 1 and word[: -len(ending)] + base in forms:
            return True
    return False


VIRAMA = "\u094d"


def _syllables(word: str) -> int:
    """How many syllables a Devanagari word has: its letters that are no vowel sign, virama or
    nasal mark, less those a virama joins to the next (a rough count: "घर" 2, "नि" 1)."""
    letters = sum(1 for c in word if "\u0904" <= c <= "\u0939" or "\u0958" <= c <= "\u0961")
    return letters - word.count(VIRAMA)


def _stem_length(raw: str, whole: str, ending: str) -> int:
    """How many characters of the word as written are its stem (the comparing form may be shorter:
    "स्याङ्जामा" is compared as स्यांजामा)."""
    if not ending:
        return len(raw)
    if len(raw) == len(whole):
        return len(raw) - len(ending)
    for cut in range(len(raw) - 1, 0, -1):
        if norm(raw[cut:]) == ending:
            return cut
    return len(raw)


def _by_last_word(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their last word, so a word is checked only against the phrases it could end."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[-1], []).append(phrase)
    return out


_NAMING_INDEX = {  # (compared as the words are: accents folded, "prénommé" as "prenomme")
    code: _by_last_word(frozenset(tuple(map(norm, p.replace("'", " ").split())) for p in phrases.split(",")))
    for code, phrases in NAMING_PHRASES.items()
}


_ROLE_INDEX = {
    code: _by_last_word(frozenset(tuple(map(norm, p.split())) for p in phrases.split(",")))
    for code, phrases in ROLE_PHRASES.items()
}


def _ends_phrase(reading: _Reading, i: int, index: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether the words right before word i are one of the indexed phrases."""
    for phrase in index.get(reading.whole(i - 1), ()):
        n = len(phrase)
        if i - n >= 0 and all(reading.whole(i - n + k) == phrase[k] for k in range(n)):
            return True
    return False


def _prefixes(head: str, chain: tuple[str, ...]) -> bool:
    """Whether ``head`` is a run of the chain's prefixes, each slot used at most once, in order."""
    slots = [s.split() for s in chain]

    def walk(rest: str, slot: int) -> bool:
        if not rest:
            return True
        for i in range(slot, len(slots)):
            for prefix in slots[i]:
                if rest.startswith(prefix) and walk(rest[len(prefix) :], i + 1):
                    return True
        return False

    return walk(head, 0)


class _Reading:
    """One reading of one text: each word gets a kind or none, then marked words become spans."""

    def __init__(
        self, recogniser: NamesAndPlaces, text: str, words: list[_Word], joined: list[bool], cased: bool
    ) -> None:
        self.r = recogniser
        self.p = recogniser.profile
        self.text = text
        self.w = words
        self.cased = cased
        self.kind: list[str | None] = [None] * len(words)
        self.rule: list[str] = [""] * len(words)
        self.facility = [False] * len(words)
        self._stems = ["", *(w.stem for w in words), "", ""]
        self.joined = joined  # word k and word k + 1 side by side
        # Whether a word that makes the one before it no name ("syndrome", "भाषा") is in the text.
        self.eponyms = not self.p.not_before.isdisjoint(self._stems)

    def stem(self, i: int) -> str:
        return self._stems[i + 1]  # padded: "" before the first word and after the last

    def whole(self, i: int) -> str:
        return self.w[i].whole if 0 <= i < len(self.w) else ""

    def mark(self, i: int, kind: str, rule: str) -> None:
        if self.kind[i] is None:
            self.kind[i], self.rule[i] = kind, rule

    def close(self, a: int, b: int) -> bool:
        """Words a and b are side by side: a space or a hyphen between them, no sentence break."""
        if b == a + 1 and 0 <= a:
            return self.joined[a]
        return self._close(a, b)

    def _close(self, a: int, b: int) -> bool:
        gap = self.text[self.w[a].stop : self.w[b].start]
        return _joins(self.w[a].ending, gap) or self._title_stop(a, gap)

    def _title_stop(self, a: int, gap: str) -> bool:
        """The full stop of a title written short ("डॉ. मैरी"), not a sentence's end."""
        return gap == ". " and self.w[a].stem + "." in self.p.titles

    def run(self) -> list[Detection]:
        passed_over, cased = self.r.passed_over, self.cased
        for i, w in enumerate(self.w):
            stem = w.stem
            if (len(stem) < 2 and not (cased and w.capital)) or stem in passed_over or stem.isdigit():
                continue  # (what :meth:`consider` passes over first, without a call)
            self.consider(i)
        self.named_words()
        if self.p.script == "latin" and not self.cased:
            self.spoken_towns()
            self.name_pairs()
        devanagari = self.p.script == "devanagari"
        if devanagari:  # (:mod:`.indic_korean`: what the grammar says over a few words)
            indic_before_beside(self, INDIC_NAME_SECONDS, INDIC_SURNAME_ZIPF)
        self.beside_names()
        if devanagari:
            indic_before_titles(self, INDIC_NAME_SECONDS, INDIC_SURNAME_ZIPF)
            indic_places_around(self)
        self.place_names()
        self.town_phrases()
        if self.p.surnames:
            self.journeys()
            korean_addresses(self)
            korean_names_before_titles(self, _foreign_name_word)
        self.facilities()
        if self.p.script == "hangul":  # (:mod:`.hangul_names`: a family name written apart)
            korean_names_apart(self)
        self.connectors()
        return self.spans()

    # -- cues -----------------------------------------------------------------------------------

    def name_cue(self, i: int, strong: bool = False) -> bool:
        """A title, a kinship word or a phrase that introduces a name comes right before word i, or
        a title after it ("सुमित्रा दिदी", "최지혜 씨")."""
        p, stems = self.p, self._stems  # (word k's stem is stems[k + 1])
        if i > 0 and self.joined[i - 1]:
            prev = stems[i]
            if prev in p.titles or (prev in p.kin and not strong):
                return True
            if not strong and prev in p.possessives:
                if i >= 2 and self._kin_or_title(stems[i - 1]) and self.joined[i - 2]:
                    return True  # "dada yangu Nekesa", "mume wangu Owino"
            if not strong and self._after_role(i):
                return True  # "o agente de saúde Tomás"
        if i > 0 and self.r.name_cues and _ends_phrase(self, i, self.r.name_cues):
            return True
        if stems[i + 2] in p.titles_after and i + 1 < len(self.w) and self.joined[i]:
            return True
        if p.script == "hangul" and stems[i + 2] in p.titles and i + 1 < len(self.w) and self.joined[i]:
            return True  # Korean: a title follows the name ("김미정 간호사", "박민수 교수님")
        ending = self.w[i].ending
        if p.script != "hangul" or not ending:
            return False
        return ending.startswith(self.r.titles_after)  # "정미경씨가"

    def name_cues(self, i: int) -> tuple[bool, bool]:
        """Whether a strong cue (a title, a phrase that introduces a name) and whether any cue
        (also a kinship word) says that word i is a name: :meth:`name_cue` both ways at once."""
        if self.name_cue(i, strong=True):
            return True, True
        if i > 0 and self.close(i - 1, i):
            p, prev = self.p, self.stem(i - 1)
            if prev in p.kin:
                return False, True
            kin_before = i >= 2 and self._kin_or_title(self.stem(i - 2)) and self.close(i - 2, i - 1)
            if prev in p.possessives and kin_before:
                return False, True  # "dada yangu Nekesa"
            if self._after_role(i):
                return False, True
        return False, False

    def place_phrase(self, i: int) -> bool:
        """A phrase before word i that names the kind of a place: "kijiji cha", "pueblo de"."""
        return i > 0 and _ends_phrase(self, i, self.r.place_phrases)

    def place_cue(self, i: int, strong: bool = False) -> bool:
        """A word or phrase before word i, a postposition after it, or an ending fused to it, that
        says it is a place ("kutoka X", "village de X", "X में", "X에서"). Only the strong ones
        (a verb of living, a phrase naming the kind of place) with ``strong``."""
        p, stems = self.p, self._stems  # (word k's stem is stems[k + 1]; "" beyond the text)
        before, after = stems[i], stems[i + 2]
        if before in p.place_before and not self.w[i - 1].ending:
            return True  # "kutoka X", "गाउँ X" (not "गाउँलेहरू X": villagers)
        if self.r.place_phrases and self.place_phrase(i):
            return True  # "kijiji cha X", "pueblo de X"
        if before in p.place_preps and stems[i - 1] in p.place_before:
            return True  # "on habitait à X", "vivo en X", "moro em X"
        if (after in p.place_nouns or after in p.place_name_words) and i + 1 < len(self.w) and self.joined[i]:
            return True  # "बसंतपुर मोहल्ले", "धादिङ जिल्लामा", "गांधी नगर"
        ending = self.w[i].ending
        if ending and p.place_verbs and ending.startswith(p.place_endings):
            if self.whole(i + 1).startswith(p.place_verbs):
                return True  # "X에 살아요"
        if ending in DIRECTION_ENDINGS and self.whole(i + 1).startswith(MOVING_VERBS):
            return True  # "X으로 이사했어요"
        if strong:
            return False
        if before in p.place_preps:
            return True
        if after in p.place_after and i + 1 < len(self.w) and not ending:
            return True
        return bool(ending) and ending.startswith(p.place_endings)

    # -- each word ------------------------------------------------------------------------------

    def consider(self, i: int) -> None:
        r, p, w = self.r, self.p, self.w[i]
        stem = w.stem
        if len(stem) < 2 and not (self.cased and w.capital):
            return
        if stem.isdigit() or stem in r.passed_over:
            return
        if self.eponyms and (self.after_eponym(i) or self.stem(i + 1) in p.not_before):
            return  # "Down syndrome", "मगर भाषा": an eponym or a language
        if self.cased and w.raw.isupper() and len(w.raw) <= 5 and not self.place_cue(i):
            if not self._in_capitals(i):
                return  # "VVU", "CMU", "DNI": shorthand, not a name
        if p.surnames:
            self._korean(i)
            return
        if p.script == "devanagari":
            self._indic(i)
            return
        listed_name, listed_place, ordinary = r.facts(stem)
        capital = self.cased and w.capital and not w.sentence_start
        if ordinary and self.cased and not w.capital and not (listed_name or listed_place):
            return  # the commonest case: an ordinary word in lower case
        strong, kin = self.name_cues(i)
        if self.cased and not w.capital and not (listed_name or listed_place) and not kin:
            if not (self.place_cue(i) and not ordinary):
                return  # written text spells names with a capital: a lower-case word is a word
        if listed_name or listed_place:
            rank = r.rank(stem)
            if not p.cased and not (kin or self.place_cue(i)):
                # No capital letters to go by: a listed word alone must be a common name or a town
                # in the language's own script ("करवाई" sounds like a name too).
                exact_place = stem in r.words.places
                if not ordinary and (exact_place or (listed_name and rank <= UNCUED_RANK)):
                    self.mark(i, self.kind_of(i, listed_name, listed_place), "name list")
                return
            if not ordinary:
                self.mark(i, self.kind_of(i, listed_name, listed_place), "name list")
            elif capital or (strong and rank <= AMBIGUOUS_RANK) or (kin and rank <= KIN_RANK):
                self.mark(i, self.kind_of(i, listed_name, listed_place), "name after a cue")
            elif not p.cased and strong and r.words.zipf(stem) < 5.5:
                # After a title ("डाक्टर शाहीले"), a word that is also a word is a name all the same.
                self.mark(i, self.kind_of(i, listed_name, listed_place), "name after a cue")
            elif (
                listed_place
                and self.place_cue(i, strong=True)
                and (r.words.zipf(stem) < 4.0 or stem not in r.words.forms)
            ):
                # A listed town after a strong cue: rare on the web, or no dictionary of the language
                # holds it as a word (a well-known city such as "Lyon" is frequent, yet no word).
                self.mark(i, "LOCATION", "place after a cue")
            return
        if ordinary and p.cased and not self.cased and self._unwritten_place(i):
            self.mark(i, "LOCATION", "place after a cue")  # "à bingerville", "en miraflores"
            return
        if ordinary:
            if not p.cased and (strong or kin) and r.words.zipf(stem) < (5.5 if strong else 4.5):
                if stem not in r.words.function and not r.verb_like(stem):
                    self.mark(i, "NAME", "name after a cue")  # "मेरी छोरी सृजना", "डाक्टर शाही"
                return
            if (capital or (kin and not self.cased)) and not r.dictionary_word(stem) and len(stem) >= 4:
                # Only the inflection rules read it as a word ("Mutheu" as mu-theu): a capital
                # letter or a kinship word before it says it is a name.
                self.mark(i, self.kind_of(i, False, False), "name after a cue")
            elif (
                capital
                and len(stem) >= 4
                and r.words.zipf(stem) < RARE_CAPITAL_ZIPF
                and not self.medicine_word(stem)
            ):
                # A word some dictionary holds but the web seldom writes, with a capital inside a
                # sentence: a proper noun the dictionary took in ("à Kibera", "chez Ndeye").
                self.mark(i, self.kind_of(i, False, False), "capital letter")
            return
        if not p.rare_words:
            if kin or self.place_cue(i, strong=True):
                self.mark(i, self.kind_of(i, False, False), "name after a cue")
            return
        if len(stem) < MIN_RARE or not w.raw.isalpha():
            return
        if MEDICAL.search(stem) and not capital and not self.place_cue(i, strong=True):
            return  # a drug's ending ("-ine"), unless a place is said to follow ("mercado do xipamanine")
        if not (kin or strong) and self.medicine_word(stem):
            return  # "Panadol", "Coartem" with its capital: a medicine names no one
        self.mark(i, self.kind_of(i, False, False), "rare word")

    def named_words(self) -> None:
        """The word after a phrase that only a person's name follows ("jina langu ni imani", "me
        llamo rosa") is a name, even an everyday word (which :meth:`run` passes over)."""
        index = _NAMING_INDEX.get(self.p.code)
        if not index:
            return
        for i, before in enumerate(self.w[:-1], start=1):  # (word i and the word before it)
            if before.whole in index and self.kind[i] is None and self.named(i):
                if self._may_be_named(i):
                    self.mark(i, "NAME", "name after a naming phrase")

    def named(self, i: int) -> bool:
        """Word i comes right after a phrase that only a person's name follows ("me llamo")."""
        index = _NAMING_INDEX.get(self.p.code)
        return bool(index) and i > 0 and _ends_phrase(self, i, index)

    def _may_be_named(self, i: int) -> bool:
        """An everyday word after a naming phrase may be a name: not a little word, a verb or a
        medicine ("me llamo y ...", "naitwa na ...")."""
        r, stem = self.r, self.stem(i)
        if len(stem) < 3 or stem in r.words.function or r.verb_like(stem) or stem in self.p.kin:
            return False
        if stem in self.p.not_names or stem in self.p.titles or stem in self.p.possessives:
            return False
        if stem in NAMING_QUESTIONS or self.whole(i) in NAMING_QUESTIONS:
            return False
        return not MEDICAL.search(stem) and not self.medicine_word(stem) and not stem.isdigit()

    def medicine_word(self, stem: str) -> bool:
        """A medicine's name: in Latin letters, in the list of medicines the English recogniser reads
        (brand names among them); in another script, by its sound."""
        if stem.isascii():  # (the key of a Latin word is too loose a match: "treichville")
            return stem in english().medicines
        return self.r.medicine(stem)

    def _unwritten_place(self, i: int) -> bool:
        """Text without capitals (a transcript): a word that no dictionary of the language holds
        and the web has only rarely, after a word that puts a place after it ("habitait à
        bingerville", "desde miraflores"). The web's rare words are names and places more often than
        not; the dictionaries hold the language's own words, however rare."""
        r, stem = self.r, self.stem(i)
        if stem in r.words.forms or r.words.zipf(stem) >= UNWRITTEN_PLACE_ZIPF or len(stem) < MIN_RARE:
            return False
        if MEDICAL.search(stem) or r.verb_like(stem) or stem in r.words.function:
            return False
        return self.stem(i - 1) in self.p.place_preps or self.place_cue(i, strong=True)

    def _indic(self, i: int) -> None:
        """Hindi and Nepali: no capitals, so the lists, the words around and the word's shape."""
        r, p, w = self.r, self.p, self.w[i]
        stem = w.stem
        if len(stem) < 2:
            return
        found = r.indic_facts(stem)
        if found is None:
            return  # a verb; "एचआईवी", "मेटफ़ॉर्मिन": a test, a virus, a medicine; a common word
        listed_name, ordinary = found.listed_name, found.ordinary
        zipf, rank, place = found.zipf, found.rank, found.place
        place_ending = bool(w.ending) and w.ending.startswith(p.place_endings)
        strong, cued = self.name_cues(i)
        if cued:
            # "डॉक्टर तिवारी", "मेरी बहन सरला", "सुमित्रा दिदी": a dictionary word only if it is a
            # listed name and not among the commonest words ("मेरी बहन बीमार थी").
            ceiling = INDIC_TITLED_ZIPF if strong else INDIC_CUED_ZIPF
            if strong:
                # "डॉक्टर अरोड़ा": a rare word after a title, unless it is a verb's or a noun's
                # inflected form ("नर्स हेमा जोशी सोई नहीं").
                plain = zipf < INDIC_TITLED_WORD_ZIPF and stem not in r.words.inflected
            else:
                # After a kinship word, a rare word that is a noun here: an ending or a postposition
                # follows it ("मेरी छोरी सृजनाले", "बहन कमला को"), or no dictionary holds it.
                after = self.stem(i + 1)
                noun = bool(w.ending) or after in p.place_after or after in p.agent_after
                noun = noun or r.surname(after)  # "छिमेकी कान्छा तामाङ": a family name follows
                plain = zipf < 3.0 and (noun or stem not in r.words.forms)
            family = strong and r.surname(stem)  # "डाक्टर शाही": a title, then a family name
            # "मेरी सास शांति देवी", "श्रीमान राम बहादुर": a word (a town's too), then a name's second word
            second = self._name_with_second(i)
            if not ordinary or ((listed_name or family) and zipf < ceiling) or plain or second:
                town = place and not listed_name and not second and not strong  # a title names a person
                self.mark(i, "LOCATION" if town else "NAME", "name after a cue")
                if second:
                    self.mark(i + 1, "NAME", "name after a cue")
            return
        if self.place_cue(i, strong=True):
            # "धादिङ जिल्ला", "इंदौर के बसंतपुर मोहल्ले", "गाँव टोपगाछी", "गांधी नगर"
            named = listed_name and self.stem(i + 1) in p.place_name_words
            if not ordinary or place or named:
                self.mark(i, "LOCATION", "place after a cue")
            return
        weak_place = place_ending or self.stem(i + 1) in p.place_after
        if place and not ordinary:
            # A town found only by the sound of its name in Latin letters ("पथरी": kidney stone,
            # and Pathri) only where a postposition of place says so: "पथरी में", not "पथरी का
            # दर्द"; a town's name in Devanagari, or a name shaped as towns' are, anywhere.
            exact = found.exact_place
            of = self.stem(i + 1) in GENITIVE or w.ending in GENITIVE  # "बाग्लुङको", "X का"
            if exact or self._locative(i) or (of and zipf < INDIC_KNOWN_ZIPF):
                self.mark(i, "LOCATION", "place name")
            return
        if place and weak_place and zipf < PLACE_CUED_ZIPF:
            self.mark(i, "LOCATION", "place after a cue")  # "पोखरामा", "पर्वत से"
            return
        if ordinary:
            return
        if self.stem(i - 1) in p.self_cues and self.close(i - 1, i) and not weak_place:
            self.mark(i, "NAME", "name after a cue")  # "मैं नरेश चौहान", "म सुरेन्द्र खनाल"
            return
        agent = self.stem(i + 1) in p.agent_after or w.ending.startswith(p.agent_endings)
        if listed_name and rank <= INDIC_UNCUED_RANK and len(r.key(stem)) >= 4 and zipf < INDIC_CUED_ZIPF:
            if agent or weak_place or self.stem(i + 1) in p.titles_after:
                # A common name no dictionary holds, as a noun: "फ़ातिमा ने", "मालती को".
                self.mark(i, "NAME", "name list")
            return
        if len(stem) < 3:
            return
        if compound(stem, r.dictionary_word) or (r.medicine(stem, short=True) and DRUG_END.search(stem)):
            return  # "पूर्वजन्म": two words written as one; "सिटामोलको": a medicine
        if weak_place and not (w.ending and agent):
            # No list knows the word and a place's postposition follows: "टोपगाछी में", "सिकरीमा".
            self.mark(i, "NAME" if listed_name else "LOCATION", "unknown word before a postposition")
        elif agent and w.ending:
            self.mark(i, "NAME", "unknown word as the one who did it")  # "धनमायाले"
        elif agent:
            self.mark(i, "NAME", "unknown word as the one who did it")  # "भोला ने"

    def _korean(self, i: int) -> None:
        r, w = self.r, self.w[i]
        stem = w.stem
        found = r.korean_facts(stem)
        if found is None:
            return  # a number, an illness, a medicine, a kind of place
        if found.what == "facility":
            self.mark(i, "LOCATION", "named facility")
            self.facility[i] = True
            return
        if found.what == "place":
            self.mark(i, "LOCATION", "place name")
            return
        if found.common:
            shaped = found.name and len(stem) == 3 and not found.town_shaped
            shaped = shaped and stem[-1] not in _KOREAN_VERB_ENDS and stem[-1] not in "해했하되돼시"
            if shaped and found.zipf < KOREAN_NAME_ZIPF and not self.place_cue(i):
                self.mark(i, "NAME", "Korean name")  # "손흥민": a full name the web writes now and then
                return
            if not found.cued_name and not found.town_word and not found.city:
                return  # a common word, no name even after a cue, too common for a town
            linked = linking_i(w.ending) and len(stem) == 2 and found.zipf < KOREAN_NAME_ZIPF
            cued = self.name_cue(i) or linked
            cued = cued or (found.cued_name and korean_given_alone(stem, w.ending, found.zipf))
            if not cued:
                if self.place_cue(i, strong=True) and (found.zipf < 4.5 or found.city):
                    # (a big city the web names often, "대구에 살고": a listed town, no word)
                    self.mark(i, "LOCATION", "place after a cue")
                elif found.listed_place and self.place_cue(i) and found.zipf < KOREAN_PLACE_ZIPF:
                    self.mark(i, "LOCATION", "place after a cue")  # "원주에서": a town that is a word
                elif found.town_shaped and self.place_cue(i) and found.zipf < KOREAN_DISTRICT_ZIPF:
                    self.mark(i, "LOCATION", "place after a cue")  # "상계동에": a district's name
            elif found.cued_name:
                self.mark(i, "NAME", "name after a cue")
            elif (found.zipf < 4.5 or found.city) and self.place_cue(i, strong=True):
                # "저는 서귀포에서 태어나": a cue for a name ("저는"), no name, and a place's cue
                self.mark(i, "LOCATION", "place after a cue")
            return
        if found.cued_name:  # the words around it matter only for a word with a name's shape
            cued = self.name_cue(i) or (linking_i(w.ending) and len(stem) == 2)
            cued = cued or korean_given_alone(stem, w.ending, found.zipf)
            if found.name or cued:
                self.mark(i, "NAME", "Korean name" if not cued else "name after a cue")
                return
        if found.eponym:
            return
        if found.town_shaped:
            self.mark(i, "LOCATION", "place name")
            return
        if self.place_cue(i) and len(stem) >= 2:
            self.mark(i, "LOCATION", "place after a cue")

    def journeys(self) -> None:
        """ "X에서 Y까지": from one place to another; one of them known says both are places."""
        ends = {"에서", "에서부터", "부터"}
        for i in range(len(self.w) - 1):
            a, b = self.w[i], self.w[i + 1]
            if a.ending not in ends or b.ending not in {"까지", "로", "으로"}:
                continue
            places = [k for k in (i, i + 1) if self.kind[k] == "LOCATION"]
            if places:
                for k in (i, i + 1):
                    stem = self.stem(k)
                    if (
                        self.kind[k] is None
                        and stem not in self.r.words.forms
                        and self.r.words.zipf(stem) < 4.5
                    ):
                        if not stem.endswith(self.p.facility_suffixes):
                            self.mark(k, "LOCATION", "place on a journey")

    def after_eponym(self, i: int) -> bool:
        """ "síndrome de Down", "maladie de Parkinson": the name of a condition, not a person."""
        return self.stem(i - 1) in self.p.not_before or (
            self.stem(i - 1) in self.p.connectors and self.stem(i - 2) in self.p.not_before
        )

    def kind_of(self, i: int, listed_name: bool, listed_place: bool) -> str:
        if self.place_cue(i) and not self.name_cue(i):
            return "LOCATION"
        if self.name_cue(i):
            return "NAME"
        if listed_place and not listed_name:
            return "LOCATION"
        return "NAME"

    # -- words beside names, facilities, little words -------------------------------------------

    def beside_names(self) -> None:
        """A name that is also an ordinary word, beside a name, is part of it ("Blanca Flores",
        "नरेश चौहान", "राम बहादुर खड्का"); up to three words of a foreign name before a title that
        follows it ("마리아 산토스 씨")."""
        r, p = self.r, self.p
        n = len(self.w)
        for _ in range(2 if "NAME" in self.kind else 0):  # (nothing is beside a name without one)
            for i in range(n):
                if self.kind[i] is not None:
                    continue
                left = i > 0 and self.kind[i - 1] == "NAME" and self.close(i - 1, i)
                right = i + 1 < n and self.kind[i + 1] == "NAME" and self.close(i, i + 1)
                if not (left or right):
                    continue
                stem = self.stem(i)
                family = p.script == "devanagari" and i > 0 and self.kind[i - 1] == "NAME" and r.surname(stem)
                # Between a name and a family name, an everyday word is a middle name ("सीता माया राई").
                middle = stem in INDIC_NAME_SECONDS and left and self._before_family_name(i)
                # After a kinship word or a title and right before a name, an everyday word is a
                # given name ("mjukuu wangu imani chepkoech", "mama furaha wanjiku").
                given = right and (stem in p.everyday or r.listed_name(stem)) and self.name_cue(i)
                given = given and stem not in p.possessives and self._may_be_named(i)
                if stem in p.not_names or stem in p.kin or (stem in p.everyday and not (middle or given)):
                    continue
                if stem in p.titles and not family:
                    continue
                if stem in r.words.function or len(stem) < 2:
                    continue
                if given and not self.medicine_word(stem) and stem not in p.titles_after:
                    self.mark(i, "NAME", "beside a name")
                    continue
                if p.script == "devanagari":
                    if self._indic_beside(i, left):
                        self.mark(i, "NAME", "beside a name")
                    continue
                if left and self._unlisted_family_name(i):
                    self.mark(i, "NAME", "beside a name")
                    continue
                if not (r.listed_name(stem) or r.listed_place(stem)):
                    continue
                if stem in p.possessives or stem in p.place_nouns or self.stem(i + 1) in p.not_before:
                    continue  # "down syndrome": an eponym
                if p.script == "hangul" and stem[-1] in _KOREAN_VERB_ENDS:
                    continue  # "하는 구영철": a verb before a name
                # (a listed name that a dictionary holds but the web all but never writes is a
                # family name all the same: "armando cossa"; Kiswahili has no web frequencies)
                unwritten = bool(r.words.frequent) and r.words.zipf(stem) < UNWRITTEN_NAME_ZIPF
                # (Kiswahili has no frequencies at all: a listed name after a name is its family
                # name, "hassan omari mfaume", however its letters parse as a verb)
                unwritten = unwritten or (left and p.script == "latin" and not r.words.frequent)
                if r.ordinary(stem) and r.rank(stem) > KIN_RANK and not unwritten:
                    continue
                if p.cased and r.words.zipf(stem) >= 5.0 and not (left and (right or self._name_next(i))):
                    # "Blanca de la Peña" but not "blanca la pared": a very common word, unless it
                    # stands between two names ("juan carlos pérez").
                    continue
                if self.cased and not self.w[i].capital:
                    continue
                self.mark(i, "NAME", "beside a name")
        for i in range(n) if not p.titles_after.isdisjoint(self._stems) else ():
            if self.stem(i) not in p.titles_after or i == 0:
                continue
            k = i - 1
            while k >= 0 and i - k <= 3 and self.kind[k] is None and self.close(k, k + 1):
                stem = self.stem(k)
                if stem in p.everyday or stem in p.titles or stem in p.kin or self.w[k].ending:
                    break
                if p.script == "hangul" and not _foreign_name_word(self.r, stem, first=k == i - 1):
                    break  # "찍을 수 있었어요 언니가", "방문간호사 선생님"
                if p.script == "hangul":
                    k -= 1
                    continue
                if stem in self.r.words.function or (len(stem) >= 2 and self.r.ordinary(stem)):
                    break
                k -= 1
            for m in range(k + 1, i):
                self.mark(m, "NAME", "name before a title")

    def _locative(self, i: int) -> bool:
        """Whether "in", "from", "to" or "up to" follows word i (not "of": "पथरी का दर्द")."""
        p, ending = self.p, self.w[i].ending
        if ending:
            return ending.startswith(self.r.locative_endings)
        return self.stem(i + 1) in p.place_after and self.stem(i + 1) not in GENITIVE

    def _indic_beside(self, i: int, left: bool) -> bool:
        """Hindi and Nepali: a family name after a name ("राम बहादुर खड्का", "विमला ढकाल"),
        and a listed name that no dictionary holds before or after one."""
        r, stem = self.r, self.stem(i)
        if r.verb_like(stem) or stem in self.p.place_after or stem in self.p.titles_after:
            return False
        if left and r.surname(stem) and r.words.zipf(stem) < INDIC_SURNAME_ZIPF:
            return True  # also "कुमारी" after "हेमा": a title before a name, a family name after one
        if left and not self.w[i].ending and self._before_family_name(i):
            # "राम बहादुर थापा", "बिष्णु माया तामाङ": a middle name no dictionary holds, or a known
            # second word of a name; not a dictionary word such as "हरेक" in "आयुष हरेक पटक".
            if stem not in r.words.forms or stem in INDIC_NAME_SECONDS:
                return True
        if left and stem not in r.words.forms and r.words.zipf(stem) < INDIC_FOREIGN_FAMILY_ZIPF:
            # A word no dictionary holds and the web writes only now and then, after a name: a
            # family name from elsewhere written in Devanagari ("मैरी थॉमस", "अरुण मेननले").
            # (not "रातभर", "दिनभर": a word with "-भर", all through)
            if not r.medicine(stem) and not spelt_letters(stem) and not stem.endswith(INDIC_THROUGH):
                return True
        listed_name, _, ordinary = r.facts(stem)
        return listed_name and (not ordinary or r.rank(stem) <= INDIC_COMMON_NAME)

    def _name_with_second(self, i: int) -> bool:
        """Hindi and Nepali, after a kinship word or a title: word i, no little word or verb, then a
        second word of a given name in the same phrase ("शांति देवी", "राम बहादुर")."""
        r, w = self.r, self.w[i]
        if w.ending or i + 1 >= len(self.w) or not self.close(i, i + 1):
            return False
        if self.stem(i + 1) not in INDIC_NAME_SECONDS or self.stem(i) in self.p.everyday:
            return False
        return self.stem(i) not in r.words.function and not r.verb_like(self.stem(i))

    def _before_family_name(self, i: int) -> bool:
        """Hindi and Nepali: word i is followed, in the same phrase, by a family name of the lists,
        which a given name's second word comes before ("बहादुर थापा", "माया तामाङ")."""
        if i + 1 >= len(self.w) or not self.close(i, i + 1):
            return False
        after = self.stem(i + 1)
        if self.r.words.zipf(after) >= INDIC_SURNAME_ZIPF:
            return False  # a family name that is also a common word: "अनीता पूरी रात", "हर बार"
        return self.r.surname(after) and after not in self.r.words.function and not self.r.verb_like(after)

    # -- Kiswahili, French, Spanish, Portuguese ----------------------------------------------------

    def spoken_towns(self) -> None:
        """A transcript (no capitals): the whole name of a town or region of the language's
        countries right after a preposition of place ("moro em recife", "vivo en el alto", "vit à
        port au prince", "huko arusha"). The surer the cue, the less the name must show itself: after
        a verb of living or coming and its preposition ("vivo en"), any town; after the preposition
        alone, a name with a word seldom used otherwise, or a large town ("em natal"); after "of"
        ("de", "ya"), only a name seldom used as a word ("la mina de potosí")."""
        preps = SPOKEN_TOWN_PREPS.get(self.p.code)
        if not preps:
            return
        of = SPOKEN_TOWN_OF[self.p.code]
        triggers = preps | of
        wholes = [w.whole for w in self.w]
        if triggers.isdisjoint(wholes):
            return
        places = towns(self.p.code)
        n = len(self.w)
        for i in range(1, n):
            before = wholes[i - 1]
            if before not in triggers or not self.close(i - 1, i):
                continue
            for size in range(min(LONGEST, n - i), 0, -1):
                name = tuple(wholes[i : i + size])
                population = places.get(name)
                if population is None or not all(self.close(k, k + 1) for k in range(i, i + size - 1)):
                    continue
                if self._spoken_town(i, name, population, before in of):
                    for k in range(i, i + size):
                        self.kind[k], self.rule[k] = "LOCATION", "town after a preposition"
                break

    def _spoken_town(self, i: int, name: tuple[str, ...], population: int, after_of: bool) -> bool:
        r, p = self.r, self.p
        words = r.words
        little = words.function | p.connectors
        content = [k for k, w in enumerate(name, start=i) if w not in little]
        if not content or any(self.whole(k) in p.not_names or self.whole(k) in TIME_WORDS for k in content):
            return False  # "en la mañana" says when; "en méxico" names a country, no one's town
        if len(name) == 1:
            word = name[0]
            if len(word) < 3 or word in r.passed_over or MEDICAL.search(word) or r.verb_like(word):
                return False
        rarest = min(self._zipf(k) for k in content)
        if after_of:  # "de potosí", "de la paz" but not "de la casa", "de natal"
            if population >= SPOKEN_LARGE_TOWN and rarest < TOWN_WORD_ZIPF:
                return True
            return name[0] in SAINTS or rarest < (SPOKEN_TOWN_OF_ZIPF if len(name) == 1 else TOWN_WORD_ZIPF)
        verb = self.stem(i - 2)
        if verb in p.place_before and self.close(i - 2, i - 1) and not verb.startswith(WORK_VERBS):
            return rarest < SPOKEN_TOWN_ZIPF  # "vivo en el alto", "moro em natal"
        large = population >= SPOKEN_LARGE_TOWN and rarest < SPOKEN_TOWN_ZIPF  # "em natal", "en la paz"
        if name[0] in ARTICLES:  # "en la mina" is a mine: a town so named must be large or rare
            return large or rarest < UNWRITTEN_PLACE_ZIPF
        return large or rarest < TOWN_WORD_ZIPF  # "em recife", "à port au prince"

    def name_pairs(self) -> None:
        """A transcript (no capitals): two names of the lists side by side, or with a little word of
        a name between them ("maria das dores silva", "juan pérez"), one of them among the commonest
        names, the other common too, are a person's name even when each is also a word."""
        r, p = self.r, self.p
        n = len(self.w)
        # Each word's rank as a name, or None where it can't be one here (read once per word).
        ranks: list[int | None] = [None] * n
        passed_over, names = r.passed_over, r.words.names
        for k, stem in enumerate(self._stems[1 : n + 1]):
            rank = names.get(stem)  # (a listed name: its comparing form is already folded)
            if rank is None or len(stem) < 3 or stem in passed_over or stem in TIME_WORDS:
                continue
            if self.kind[k] != "LOCATION" and not r.verb_like(stem) and self._zipf(k) < SPOKEN_TOWN_ZIPF:
                ranks[k] = rank
        if n - ranks.count(None) < 2:
            return
        bridges = p.connectors - ARTICLES  # "das", "de", "y"; not "la": "blanca la pared"
        for a in range(n - 1):
            first = ranks[a]
            if first is None:
                continue
            b = a + 2 if self.stem(a + 1) in bridges and a + 2 < n else a + 1
            second = ranks[b]
            if second is None or not all(self.close(k, k + 1) for k in range(a, b)):
                continue
            if min(first, second) <= KIN_RANK and max(first, second) <= AMBIGUOUS_RANK:
                self.mark(a, "NAME", "names side by side")
                self.mark(b, "NAME", "names side by side")

    def _named_after_article(self, k: int) -> bool:
        """Word k is an article right after a facility's kind, and the word after it may name the
        facility ("las palmas"), not say who or when ("las enfermeras", "la nuit")."""
        j = k + 1
        if self.cased or self.p.script != "latin" or j >= len(self.w) or not self.close(k, j):
            return False
        stem, p = self.stem(j), self.p
        if len(stem) < 3 or stem in self.r.words.function or stem in TIME_WORDS or stem in p.not_names:
            return False
        if self._people(stem) or stem in self.r.passed_over:
            return False  # "las enfermeras", "les mamans"
        return self._zipf(j) < 4.5 and not self.r.verb_like(stem)

    def _people(self, stem: str) -> bool:
        """Whether a word is a title or kinship word, or its plural ("enfermeras", "mamans")."""
        p = self.p
        single = stem[:-2] if stem.endswith("es") else stem[:-1] if stem.endswith("s") else stem
        return stem in p.titles or stem in p.kin or single in p.titles or single in p.kin

    def _in_capitals(self, i: int) -> bool:
        """Word i, a listed name, stands beside another word in capitals: a name written in capitals
        ("MARIA DAS DORES SILVA"), not shorthand ("VVU")."""
        if self.p.script != "latin" or not self.r.listed_name(self.stem(i)):
            return False
        for k in (i - 1, i + 1):
            if 0 <= k < len(self.w) and self.close(min(i, k), max(i, k)):
                raw = self.w[k].raw
                if raw.isupper() and raw.isalpha() and len(raw) >= 2:
                    return True
        return False

    def _kin_or_title(self, stem: str) -> bool:
        """A kinship word, or in a Latin-script language a title, before a possessive and a name
        ("dada yangu Nekesa", "mwalimu wake Akinyi")."""
        return stem in self.p.kin or (self.p.script == "latin" and stem in self.p.titles)

    def _unlisted_family_name(self, i: int) -> bool:
        """Kiswahili (no frequencies to go by): after a name, a word that no list names and the
        dictionary does not hold, which only the rules of inflection read as a word, is a family
        name ("juma hamisi mwinyi"); a verb the dictionary holds is not ("juma alinipeleka")."""
        r, stem = self.r, self.stem(i)
        if self.p.script != "latin" or r.words.frequent or len(stem) < 4 or stem in r.passed_over:
            return False
        if self.cased and not self.w[i].capital:
            return False
        return not r.dictionary_word(stem) and not MEDICAL.search(stem) and not self.medicine_word(stem)

    def _after_role(self, i: int) -> bool:
        """A health worker's role of several words comes right before word i ("agente de saúde")."""
        index = self.r.role_index
        return bool(index) and self.w[i - 1].whole in index and _ends_phrase(self, i, index)

    def _zipf(self, k: int) -> float:
        """How common word k is as written (the lists keep accents: "saúde", not "saude")."""
        words = self.r.words
        return max(words.zipf(self.whole(k)), words.zipf(self.w[k].raw.casefold()))

    def _name_next(self, i: int) -> bool:
        """The word after word i is one of the commonest names ("rose marie joseph")."""
        if i + 1 >= len(self.w) or not self.close(i, i + 1):
            return False
        after = self.stem(i + 1)
        r = self.r
        return after not in r.passed_over and r.listed_name(after) and r.rank(after) <= KIN_RANK

    def town_phrases(self) -> None:
        """Names of towns of several words ("santo amaro", "dosquebradas" of one word aside), marked whole
        where one of their words is not an everyday word or they start with a saint's name. In
        written text the first word must have its capital."""
        phrases = self.r.words.phrases
        if not phrases:
            return
        n = len(self.w)
        i = 0
        while i < n:
            size = 0
            for phrase in phrases.get((self.whole(i), self.whole(i + 1)), ()):
                m = len(phrase)
                if m > size and i + m <= n and all(self.whole(i + k) == phrase[k] for k in range(m)):
                    if all(self.close(i + k, i + k + 1) for k in range(m - 1)) and self._town(i, phrase):
                        size = m
            if size:
                for k in range(i, i + size):
                    if self.kind[k] != "LOCATION":
                        self.kind[k], self.rule[k] = "LOCATION", "name of a town"
                i += size
            else:
                i += 1

    def _town(self, i: int, phrase: tuple[str, ...]) -> bool:
        words = self.r.words
        if self.cased and not self.w[i].capital:
            return False
        if phrase[0] in SAINTS:
            return True
        capitals = all(self.w[i + k].capital for k in range(len(phrase)))
        if self.cased and capitals and not self.w[i].sentence_start:
            return True  # every word with its capital inside a sentence: "vivo en El Alto", "La Paz"
        return any(
            w not in words.function and w not in self.p.connectors and words.zipf(w) < TOWN_WORD_ZIPF
            for w in phrase
        )

    def place_names(self) -> None:
        """The words that end a place's name ("गांधी नगर", "राजीव चौक") join the place."""
        words = self.p.place_name_words
        if not words:
            return
        for i in range(1, len(self.w)):
            if self.kind[i] is None and self.kind[i - 1] == "LOCATION" and self.stem(i) in words:
                if self.close(i - 1, i):
                    self.mark(i, "LOCATION", "part of a place's name")

    def facilities(self) -> None:
        """The words for a facility's kind and the name around them, marked whole: "Hospitali ya
        Kaunti ya Makueni", "centre de santé Assane Konaté", "ज़िला अस्पताल उज्जैन", "X अस्पताल"."""
        p = self.p
        n = len(self.w)
        for i in range(1, n) if any(self.facility) else ():
            # "한림대 강남병원": a university before its hospital's one word
            if self.facility[i] and self.kind[i - 1] is None and self.close(i - 1, i):
                if self.stem(i - 1).endswith(UNIVERSITY) and len(self.stem(i - 1)) >= 2:
                    self.kind[i - 1], self.rule[i - 1] = "LOCATION", "named facility"
        starts = self.r.facility_starts
        if starts.keys().isdisjoint(self._stems):
            return  # no word that starts the name of a kind of facility
        i = 0
        while i < n:
            size = 0
            longest = starts.get(self.stem(i), 0)
            for length in range(min(longest, n - i), 0, -1):
                if tuple(self.stem(k) for k in range(i, i + length)) in p.facilities:
                    size = length
                    break
            if not size:
                i += 1
                continue
            first, head_end = i, i + size - 1
            self._name_facility(first, head_end)
            i = head_end + 1

    def _name_facility(self, first: int, head_end: int) -> None:
        p, n = self.p, len(self.w)
        # After the kind: qualifiers, little words and names ("ya Kaunti ya Makueni", "Regional de Arequipa").
        last = None
        little = p.connectors | p.qualifiers | SAINTS
        k = head_end + 1
        while k < n and k - head_end <= 6 and self.close(k - 1, k):
            stem = self.stem(k)
            if self.kind[k] in ("NAME", "LOCATION"):
                last = k
            elif self.cased and self.w[k].capital and stem not in p.not_names:
                last = k  # "Hôpital Principal", "Hospital Memorial"
            elif k == head_end + 1 and stem in FACILITY_ARTICLES and self._named_after_article(k):
                last = k + 1  # a transcript's "centro de salud las palmas", "clinique les oliviers"
                k += 1
            elif stem in p.qualifiers or stem in p.connectors or stem in SAINTS:
                pass  # (a saint's title too: "igreja de são judas")
            elif self._could_name(k, after_kind=k == head_end + 1) and (
                k == head_end + 1 or self.stem(k - 1) in little
            ):
                last = k  # "centro de salud de X": the word after "de" names it, whatever it is
            elif (
                k + 1 < n
                and self.kind[k + 1] in ("NAME", "LOCATION")
                and self.close(k, k + 1)
                and stem not in self.r.words.function
                and not self.r.verb_like(stem)
            ):
                last = k + 1  # "centre de santé roi baudouin": a word of the name before a name
                k += 1
            else:
                break
            k += 1
        # Before the kind (names written first: "X अस्पताल", "Kenyatta National Hospital").
        start = first
        k = first - 1
        while k >= 0 and first - k <= 4 and self.close(k, k + 1):
            stem = self.stem(k)
            if self.kind[k] in ("NAME", "LOCATION") and not self.w[k].ending:
                start = k
            elif stem in p.qualifiers and start == k + 1 and not self.w[k].ending:
                start = k
            elif p.script == "hangul" and stem.endswith(UNIVERSITY) and len(stem) >= 2:
                start = k  # "한림대 강남병원": the university's hospital
            elif p.script == "devanagari" and self._indic_facility_word(k):
                start = k  # "लेडी हार्डिंग अस्पताल", "एसएन मेडिकल कॉलेज"
            elif p.script == "devanagari" and indic_hospital_word(self, k, first):
                start = k  # "तारा अस्पताल": a hospital named with an everyday word
            elif p.script == "hangul" and korean_modifier(stem):
                break  # "있는 병원", "저를 병원에": a word that qualifies the next one
            elif not self.r.ordinary(stem) and not self.r.known(stem) and p.rare_words is False:
                start = k  # a name in a caseless script that no list holds
            else:
                break
            k -= 1
        if p.script == "devanagari":
            start = self._honoured(start)
        while last is None and start < first and self.stem(start) in p.qualifiers:
            start += 1  # "ज़िला" alone before the kind names nothing
        while start < first and self.stem(start) in ARTICLES and self.kind[start] is None:
            start += 1  # "el centro de salud de X": the article is outside
        named_before = start < first
        if last is None and not named_before:
            return
        if self.stem(first - 1) in p.generic and not named_before and self.stem(first - 1) not in ARTICLES:
            return
        end = last if last is not None else head_end
        for m in range(start, end + 1):
            self.kind[m], self.rule[m] = "LOCATION", "named facility"
            self.facility[m] = True

    def _honoured(self, start: int) -> int:
        """Hindi and Nepali: a school or hospital named with "श्री" before its name ("श्री गोपाल
        माध्यमिक विद्यालय") is named from श्री, whatever words its name holds."""
        for k in range(start - 1, max(start - 5, -1), -1):
            stem = self.stem(k)
            if stem in HONOURED:
                return k
            if self.w[k].ending or not self.close(k, k + 1) or stem in self.r.words.function:
                break
            if self.r.verb_like(stem) or stem in self.p.place_after:
                break
        return start

    def _indic_facility_word(self, k: int) -> bool:
        """Hindi and Nepali: a word before the kind of a facility that may be part of its name: a
        name, a place, letters said one by one, a word no dictionary holds; not a little word."""
        r, p, stem = self.r, self.p, self.stem(k)
        if self.w[k].ending or stem in r.words.function or stem in p.generic or stem in p.everyday:
            return False
        if stem in p.place_after or stem in p.titles or stem in p.kin or r.verb_like(stem):
            return False
        if stem in r.words.places:
            return True  # a town in Devanagari, however often written: "पटना मेडिकल कॉलेज"
        if r.words.zipf(stem) >= INDIC_EVERYDAY_ZIPF:
            return False
        listed_name, listed_place, _ = r.facts(stem)
        if listed_name or listed_place or spelt_letters(stem) or stem not in r.words.forms:
            return True
        return r.words.zipf(stem) < INDIC_FACILITY_NAME_ZIPF  # "नारायणी अस्पताल"

    def _could_name(self, k: int, after_kind: bool = False) -> bool:
        stem = self.stem(k)
        words = self.r.words
        if stem in words.function or stem in self.p.generic or stem in self.p.everyday or len(stem) < 3:
            return False
        if self.cased and not self.w[k].capital:
            return False
        if not self.p.cased:
            if self.r.verb_like(stem) or stem in self.p.place_after:
                return False
            # Or a word the language seldom uses, right after the kind ("ज़िला अस्पताल बहराइच")
            seldom = after_kind and self.p.script == "devanagari" and words.zipf(stem) < SELDOM_AFTER_KIND
            return not self.r.ordinary(stem) or self.r.listed_place(stem) or seldom
        if self.r.listed_place(stem) and self.stem(k - 1) in OF_TOWN:
            return True  # "maternidad de trujillo": a town right after "de" names the facility
        if not words.frequent:  # no frequencies for the language (Kiswahili): its dictionary says
            return not self.r.dictionary_word(stem) and not self.w[k].raw.isdigit()
        if not self.cased and self.p.script == "latin":
            # A transcript has no capital to say where the name ends: a word of it that is not among
            # the language's commonest, and says neither when nor who ("centro de saúde do alto").
            if stem in self.r.passed_over or stem in TIME_WORDS or self.r.verb_like(stem):
                return False
            if self.stem(k - 1) in CONJUNCTIONS or self._people(stem):
                return False  # "mercado do xipamanine e rezo": "and" ends the name
            return self._zipf(k) < SPOKEN_FACILITY_WORD_ZIPF and not self.w[k].raw.isdigit()
        return words.zipf(stem) < 3.5 and not self.w[k].raw.isdigit()

    def connectors(self) -> None:
        """Little words inside a name ("San Miguel del Monte", "Ngugi wa Thiong'o")."""
        p = self.p
        for i in range(1, len(self.w) - 1):
            if self.kind[i] is not None or self.stem(i) not in p.connectors:
                continue
            before, after = self.kind[i - 1], self.kind[i + 1]
            if before and after and self.close(i - 1, i) and self.close(i, i + 1):
                if before == after or "LOCATION" in (before, after):
                    self.mark(i, before if before == after else "LOCATION", "part of a name")

    # -- spans ----------------------------------------------------------------------------------

    def spans(self) -> list[Detection]:
        out: list[Detection] = []
        i = 0
        n = len(self.w)
        while i < n:
            kind = self.kind[i]
            if kind is None:
                i += 1
                continue
            j = i
            while j + 1 < n and self.kind[j + 1] == kind and self.close(j, j + 1):
                j += 1
            source = "name_list" if self.rule[i] == "name list" else "model"
            out.append(Detection(self.w[i].start, self.w[j].end, kind, source, self.rule[i]))
            i = j + 1
        return out
