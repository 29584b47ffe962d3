"""Numbers, dates, e-mail, web and street addresses in the words of the story's language.

One recogniser for every language, driven by that language's words (:mod:`.languages`): it reads
"sifuri saba tano nne ..." and "공일공 칠칠삼일" as phone numbers, "veintidós de julio de mil
novecientos noventa" and "२०७५ साल फागुन ८ गते" as dates, "sali point traore arobase orange point sn"
as an e-mail address, "rue deux cent douze" as a street address and "quatre vingt dix sept ans" as
an age of 90 or over. Digits in any script are read as numbers too, so the written forms ("le 9
octobre", "Tarehe 7 Aprili 1961", "१२ अप्रैल १९६९") are read by the same rules.

One pass over the words, each looked at a fixed number of words around it: time linear in the text.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence

from .base import Detection, runs
from .languages import LanguageWords, norm, words_for

# A word: letters, digits and the combining marks of the scripts that write vowels with them.
WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1000-\u109f\u200c\u200d])+"
)
LATIN_LETTER = re.compile(r"[a-z]")
# The underscore and the hyphen said inside an e-mail address's name ("सीता अन्डरस्कोर थापा एट").
UNDERSCORES = frozenset(
    norm(w)
    for w in "underscore अन्डरस्कोर अंडरस्कोर अण्डरस्कोर 언더바 언더스코어 हाइफन हाइफ़न ड्यास डैश 하이픈".split()
)
# The word "e-mail" and what follows it before the address ("is", "address", "my").
LONGEST_WORD = 40  # longer runs of letters are no number, month or cue word in any language
MAX_SUFFIX = 6  # characters of a particle or postposition fused to a word
READ_CACHE = 50_000  # words whose reading is remembered (a story repeats its words)
DAY_OR_YEAR = range(1, 32)
# Words that make the number said before them a month ("칠 월": the seventh month, said apart).
MONTH_COUNTERS = frozenset({"월"})
# "www" said aloud, in the words people use for it: the letter's name three times or "triple" and
# the letter ("double v", "doble ve", "uve doble", "dáblio", "dabliu", "더블유", "डब्ल्यू").
WWW_SAID = frozenset(
    norm(w)
    for w in """www w u v ve vé double doble uve triple trois três tres dablio dáblio dabliu dablyu
    dabuliu dabalyu 더블유 더블류 더블유더블유더블유 डब्ल्यू डब्लू डबल्यू डब्लु""".split()
)
# The word "e-mail" (and a Korean topic or subject particle fused to it) said before an address: what
# follows it up to "at" is the address's local part.
EMAIL_CUES = frozenset(
    norm(w + particle)
    for w in """email e-mail mail courriel correo imel barua-pepe 이메일 메일 इमेल ईमेल ईमेइल इमेइल
    ई-मेल इ-मेल मेल""".split()
    for particle in ("", "은", "는", "이", "가", "주소는")
)  # (not "इमेलमा पठाउनुहोस्": "send it by e-mail", a verb after it)
# Words between "e-mail" and the address that are not part of it ("ईमेल पता राजू एट ...").
EMAIL_FILLERS = frozenset(
    norm(w)
    for w in """पता ठेगाना आईडी आइडी id address adresse direccion dirección endereco endereço anwani
    is est es é e ni ni: yangu yake mio mi my mon ma meu minha c'est c est 주소는 주소가 주소 아이디는
    아이디 हो है छ""".split()
)
# An underscore or a dash said inside an e-mail address's local part.
LOCAL_JOINERS = frozenset(
    norm(w)
    for w in """underscore underline dash hyphen tiret bas guion guión bajo traco traço baixo kistari
    अंडरस्कोर अन्डरस्कोर डैश ड्यास हाइफन हाइफ़न 언더바 언더스코어 하이픈 대시""".split()
)
WWW_FIRST = tuple(
    norm(w)
    for w in """www w double doble uve triple trois três tres dablio dabliu dablyu dabuliu dabalyu
    더블 डब""".split()
)
# French: a house numbered after another of the same number ("3 bis", "12 ter").
HOUSE_NUMBER_ADDED = frozenset("bis ter quater".split())
# Korean: the counters of a year and a day, fused to a number said in syllables ("이천이십삼년").
FUSED_DATE_WORDS = frozenset({"년", "일"})
# Korean: October and June are said "시월" and "유월", not 십 월 and 육 월; a recogniser may write
# them apart ("시 월").
IRREGULAR_MONTHS = frozenset({"시", "유"})
# Street words that the house number comes before ("12 rue des Manguiers", "douze avenue Lumumba"),
# with up to this many words of the street's name after them.
STREETS_AFTER_NUMBER = frozenset("rue avenue av bd boulevard allee allée impasse route chemin".split())
STREET_NAME_WORDS = 3
# The words of "www" said aloud in Spanish, Portuguese, French, Kiswahili and English.
SPOKEN_WWW = frozenset("doble u uve ve dablio dabliu double v w trois tres três triple tripla".split())
WWW_REACH = 6


class _Word:
    """One word of the text and what it says, if it is a word this recogniser reads.

    What a word says is kept on the class (a plain word says nothing, most of them): only its place
    and its lower-case form are set on each word, and what it says only where it says something.
    """

    value: int | None = None  # a number ("dix-sept", "१७", "천구백육십사", "302")
    digits: int = 0  # how many digits it says one by one ("0754" 4, "sifuri" 1, "공일공" 3)
    multiplier: int = 0  # "hundred", "cent", "सौ", "천": multiplies what was said before
    prefix: int = 0  # "mia", "elfu": multiplies what is said after
    joiner: bool = False
    month: int = 0
    ordinal: int = 0
    date_word: bool = False
    at: bool = False
    dot: bool = False
    dot_tld: bool = False
    slash: bool = False
    plus: bool = False
    tld: bool = False
    letter: bool = False
    cue: bool = False
    age: bool = False
    address: bool = False
    house: bool = False
    street: bool = False  # a street's name with its kind fused on ("중앙로")

    def __init__(self, start: int, end: int, stem_end: int, low: str) -> None:
        self.start = start
        self.end = end  # end of the word in the text
        self.stem_end = stem_end  # end without a fused particle ("칠공이삼오" of "칠공이삼오이고")
        self.low = low

    # Worked out once per word seen, from the fields above (:meth:`SpokenNumbers._reading`).
    number: bool = False  # says a number: a value, or multiplies one
    numeric: bool = False  # a number or an ordinal


_GROUP = operator.methodcaller("group")
_STARTS = operator.itemgetter(3)  # of a reading: whether a pass starts from the word

# What a word says, after its place and its lower-case form.
_SAID = (
    "value digits multiplier prefix joiner month ordinal date_word at dot dot_tld slash plus tld letter "
    "cue age address house street"
).split()
_SAYS_NOTHING = tuple(getattr(_Word, name) for name in _SAID)


class SpokenNumbers:
    """Finds numbers, dates and addresses said in a language's words, or written with digits."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.words = words_for(language)
        sources = ", ".join(self.words.sources) or "no word tables: digits and English spoken forms only"
        self.name = f"numbers, dates and addresses in words ({language or 'no language'}: {sources})"
        w = self.words
        # Every word the tables hold: a word outside them, without digits or a fused ending, says
        # nothing here and is passed over at the cost of one look-up.
        self.vocabulary = frozenset(
            {*w.values, *w.multipliers, *w.prefix_multipliers, *w.ordinals, *w.months}
            | w.joiners
            | w.date_words
            | w.dot
            | w.dot_tlds
            | w.slash
            | w.plus
            | w.tlds
            | w.letters
            | w.number_cues
            | w.age_words
            | w.address_words
            | w.house_words
            | {word for phrase in w.at for word in phrase}
        )
        self.endings = (*w.suffixes, *w.street_suffixes)
        # The first characters a number written as one word of syllables can begin with ("천구백",
        # "서른다섯"): a word that begins otherwise and has no fused ending says nothing here.
        self.number_starts = frozenset(
            key[0] for key in (*w.values, *w.multipliers, *w.prefix_multipliers, *w.compound_units) if key
        )
        self.at_starts = frozenset(phrase[0] for phrase in w.at)
        # What each word seen says, read once at position 0 and moved to where it stands: its
        # lower-case form, the end of its stem from its start, the rest of its fields (None for a
        # word that says nothing, most of them), and whether a pass starts from it.
        self._readings: dict[str, tuple[str, int, dict | None, bool]] = {}

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        matches = list(WORD.finditer(text))
        seen, read = self._readings.get, self._reading
        readings = [seen(raw) or read(raw) for raw in map(_GROUP, matches)]
        if not any(map(_STARTS, readings)):
            return []  # nothing said that the passes start from: most sentences of a story
        words = []
        saying = []  # the words that say something: the passes that start from none are not run
        for m, (low, stem_end, said, _) in zip(matches, readings, strict=True):
            start = m.start()
            word = _Word(start, m.end(), start + stem_end, low)
            if said is not None:
                word.__dict__.update(said)
                saying.append(word)
            words.append(word)
        return _Reading(self.words, text, words).run(saying)

    # -- what one word says -----------------------------------------------------------------------

    def _reading(self, raw: str) -> tuple[str, int, dict | None, bool]:
        """What ``raw`` says, remembered per word: its lower-case form, the end of its stem, what it
        says (None for a word that says nothing, most of them) and whether a pass starts from it."""
        known = self._readings.get(raw)
        if known is None:
            if len(self._readings) > READ_CACHE:
                self._readings.clear()
            word = self._read(0, len(raw), raw)
            said = tuple(getattr(word, name) for name in _SAID)
            plain = word.stem_end == word.end and said == _SAYS_NOTHING
            rest = None if plain else dict(zip(_SAID, said, strict=True))
            number = word.value is not None or bool(word.multiplier) or bool(word.prefix)
            if rest is not None:
                rest["number"], rest["numeric"] = number, number or bool(word.ordinal)
            # Whether a pass starts from it: a number, a month, "at", "dot", a street.
            starts = number or bool(word.month) or word.at or word.dot or word.dot_tld or word.street
            known = self._readings[raw] = (word.low, word.stem_end, rest, starts)
        return known

    def _read(self, start: int, end: int, raw: str) -> _Word:
        low = raw.casefold() if raw.isascii() else norm(raw)
        word = _Word(start, end, end, low)
        if len(raw) > LONGEST_WORD:
            return word
        if low not in self.vocabulary and len(low) > 1 and not raw[0].isdecimal():
            if not (self.endings and low.endswith(self.endings)):
                if not self.words.syllable_numbers or low[0] not in self.number_starts:
                    return word  # an everyday word of the story
        if self._says(word, word.low):
            return word
        # A number written with digits and a word fused after it: "302번길", "97세", "21일", "5월".
        digits = len(raw) - len(raw.lstrip("0123456789")) if raw[:1].isascii() else _leading_digits(raw)
        if 0 < digits < len(raw):
            rest = norm(raw[digits:])
            if self._says(word, rest) or self._says(word, _strip(rest, self.words.suffixes)):
                word.month = int(raw[:digits]) if word.date_word and rest.startswith("월") else 0
                word.value = int(raw[:digits]) if not word.month else None
                word.digits = digits
                return word
        if self.words.syllable_numbers and self._fused_date_word(word, low):
            return word
        # A particle or postposition fused to the word: "오월에", "फागुनदेखि", "이공사육을".
        for cut in range(max(1, len(raw) - MAX_SUFFIX), len(raw)):
            if norm(raw[cut:]) in self.words.suffixes and self._says(word, norm(raw[:cut])):
                word.stem_end = start + cut
                return word
        # A street's name with its kind fused on ("중앙로", "세종대로"), not a word with a particle that
        # looks the same ("번호로": by the number).
        streets = self.words.street_suffixes
        if streets and len(word.low) >= 3 and word.low.endswith(streets):
            word.street = _strip(word.low, streets) not in self.words.number_cues
        return word

    # -- Korean: a year or a day said in syllables with its counter fused on -------------------------
    def _fused_date_word(self, word: _Word, low: str) -> bool:
        """ "이천이십삼년", "십사일에": a number said in syllables, then 년 or 일 and maybe a particle,
        is a year's or a day's number. A day fused to 일 needs 십 or a particle after it: "이삼일"
        alone may be digits of a phone number said one by one."""
        bare = low if low[-1:] in FUSED_DATE_WORDS else _strip(low, self.words.suffixes)
        head, counter = bare[:-1], bare[-1:]
        if counter not in FUSED_DATE_WORDS or not head:
            return False
        if counter == "일" and "십" not in head and bare == low:
            return False
        probe = _Word(word.start, word.end, word.end, head)
        if not _syllables(head, probe, self.words) or probe.value is None:
            return False
        word.value, word.digits, word.date_word = probe.value, probe.digits, True
        word.stem_end = word.start + len(bare)
        return True

    def _says(self, word: _Word, low: str) -> bool:
        """Fill in what ``low`` says; whether it says anything this recogniser reads."""
        w = self.words
        if not low:
            return False
        if low.isdecimal():
            word.value, word.digits = int(low), len(low)
            return True
        said = False
        if low in w.values:
            word.value = w.values[low]
            word.digits = 1 if word.value < 10 else 0
            said = True
        elif low in w.multipliers:
            word.multiplier, said = w.multipliers[low], True
        elif low in w.prefix_multipliers:
            word.prefix, said = w.prefix_multipliers[low], True
        elif w.syllable_numbers and (_syllables(low, word, w) or _compound(low, word, w)):
            said = True
        if low not in self.vocabulary and (len(low) != 1 or not LATIN_LETTER.match(low)):
            return said  # none of the words below
        for flag, found in (
            ("joiner", low in w.joiners),
            ("date_word", low in w.date_words),
            ("dot", low in w.dot),
            ("dot_tld", low in w.dot_tlds),
            ("slash", low in w.slash),
            ("plus", low in w.plus),
            ("tld", low in w.tlds),
            (
                "letter",
                low in w.letters
                or (len(low) == 1 and bool(LATIN_LETTER.match(low)) and low not in w.short_words),
            ),
            ("cue", low in w.number_cues),
            ("age", low in w.age_words),
            ("address", low in w.address_words),
            ("house", low in w.house_words),
            ("at", low in self.at_starts),
        ):
            if found:
                setattr(word, flag, True)
                said = True
        if low in w.months:
            word.month, said = w.months[low], True
        if low in w.ordinals:
            word.ordinal, said = w.ordinals[low], True
        return said


def _stem_low(word: _Word) -> str:
    """A word's lower-case form without the particle fused to it ("월" of "월에")."""
    return word.low[: word.stem_end - word.start]


def _leading_digits(raw: str) -> int:
    n = 0
    while n < len(raw) and raw[n].isdecimal():
        n += 1
    return n


def _strip(low: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if low.endswith(suffix) and len(low) > len(suffix):
            return low[: -len(suffix)]
    return low


def _syllables(low: str, word: _Word, w: LanguageWords) -> bool:
    """A number written as one word of syllables: "천구백육십사" 1964, "공일공" said 0-1-0."""
    digits = places = 0
    for c in low:
        if c in w.values and w.values[c] < 10:
            digits += 1
        elif c in w.multipliers:
            places += 1
        else:
            return False
    if not places:
        word.value = int("".join(str(w.values[c]) for c in low))
        word.digits = digits
        return True
    word.value = _value([(w.values.get(c), w.multipliers.get(c, 0), 0) for c in low])
    return word.value is not None


def _compound(low: str, word: _Word, w: LanguageWords) -> bool:
    """A number of two words written as one: tens then units ("아흔셋" 93, "서른다섯" 35, "스물한" 21)."""
    for cut in range(1, len(low)):
        tens, units = w.values.get(low[:cut]), w.values.get(low[cut:], w.compound_units.get(low[cut:]))
        if tens is not None and units is not None and tens >= 10 and tens % 10 == 0 and 0 < units < 10:
            word.value = tens + units
            return True
    return False


def _value(parts: list[tuple[int | None, int, int]]) -> int | None:
    """The value of a number said in words: (value, multiplier, prefix multiplier) for each word.

    "mille neuf cent cinquante huit" 1958, "quatre vingt dix sept" 97, "elfu moja mia tisa sitini na moja"
    1961, "उन्नीस सौ उनहत्तर" 1969, "천구백육십사" 1964, "tisini na sita" 96.
    """
    total = section = small = 0
    pending = 0
    said = False
    for value, multiplier, prefix in parts:
        if prefix:
            pending = prefix
            continue
        if multiplier:
            said = True
            if multiplier >= 1000:
                total += (section + small or 1) * multiplier
                section = small = 0
            else:
                section += (small or 1) * multiplier
                small = 0
            continue
        if value is None:
            continue
        said = True
        if pending:
            if pending >= 1000:
                total += value * pending
            else:
                section += value * pending
            pending = 0
            continue
        small += value
    if pending:
        total += pending
        said = True
    return total + section + small if said else None


class _Reading:
    """One reading of one text: marks words with a kind, then joins them into spans."""

    def __init__(self, words: LanguageWords, text: str, tokens: list[_Word]) -> None:
        self.lang = words
        self.text = text
        self.tokens = tokens
        self.kind: list[str | None] = [None] * len(tokens)
        self.rule: list[str] = [""] * len(tokens)
        self.run_of: list[tuple[int, int]] = [(k, k) for k in range(len(tokens))]  # a number's words

    def run(self, saying: Sequence[_Word]) -> list[Detection]:
        """Mark what the words say; ``saying`` are the words that say anything (the others are
        plain words, which no pass starts from)."""
        self.numbers()
        if any(w.letter for w in saying):
            self.spelt_codes()  # (a code holds letters said one by one)
        self.dates()
        if any(w.address or w.house or w.street for w in saying):
            self.addresses()
        if any(w.at or w.dot or w.dot_tld for w in saying):
            self.web_addresses()
        return self.spans()

    # -- helpers -----------------------------------------------------------------------------------

    def gap(self, a: int, b: int) -> str:
        return self.text[self.tokens[a].end : self.tokens[b].start]

    def joined(self, a: int, b: int) -> bool:
        """Words a and b follow each other with only spaces or a hyphen between."""
        if b >= len(self.tokens) or a < 0:
            return False
        gap = self.gap(a, b)
        return len(gap) <= 3 and not gap.strip(" -\u00a0") and self.tokens[a].stem_end == self.tokens[a].end

    def near(self, a: int, b: int) -> bool:
        """Words a and b are in one clause: a comma, or an abbreviation's full stop, may stand between."""
        if b >= len(self.tokens) or a < 0:
            return False
        gap = self.gap(a, b)
        if len(gap) > 3 or "\n" in gap:
            return False
        if "." in gap and not (self.tokens[a].cue or self.tokens[a].address or self.tokens[a].house):
            return False  # a full stop ends the clause, unless it shortens "नं.", "No.", "ave."
        return not gap.strip(" ,.-:\u00a0")

    def mark(self, i: int, j: int, kind: str, rule: str, force: bool = False) -> None:
        for k in range(max(0, i), min(j, len(self.tokens) - 1) + 1):
            if force or self.kind[k] is None:
                self.kind[k], self.rule[k] = kind, rule

    def number_run(self, i: int) -> int:
        """The last word of the number that starts at word i (joiners only between number words)."""
        t = self.tokens
        j = i
        while True:
            if self.joined(j, j + 1) and t[j + 1].number:
                j += 1
            elif self.joined(j, j + 1) and t[j + 1].joiner and self.joined(j + 1, j + 2) and t[j + 2].number:
                j += 2
            else:
                return j

    def groups(self, i: int, j: int) -> list[int]:
        """The numbers said one after another in words i..j ("soixante seize vingt quatre" 76, 24)."""
        out: list[list[tuple[int | None, int, int]]] = []
        current: list[tuple[int | None, int, int]] = []
        last = None
        for t in self.tokens[i : j + 1]:
            if t.joiner and not t.number:
                continue
            part = (t.value, t.multiplier, t.prefix)
            if current and t.value is not None and not t.multiplier and last is not None:
                if not _continues(last, t.value) or t.digits > 1 or (t.digits == 1 and last < 10):
                    out.append(current)
                    current = []
            elif current and t.multiplier and _said_since_multiplier(current) >= t.multiplier:
                out.append(current)  # "soixante seize | vingt quatre": 76 is not multiplied by 20
                current = []
            current.append(part)
            last = _value(current)
        if current:
            out.append(current)
        return [v for v in (_value(g) for g in out) if v is not None]

    def digits_said(self, i: int, j: int) -> int:
        """How many digits words i..j say one by one ("zero seven five four" 4, "deux cent douze" 0)."""
        count = 0
        for k in range(i, j + 1):
            t = self.tokens[k]
            followed = k < j and self.tokens[k + 1].multiplier
            if t.digits and not followed and not (k > i and self.tokens[k - 1].prefix):
                count += t.digits
        return count

    # -- numbers -------------------------------------------------------------------------------------

    def numbers(self) -> None:
        """Phone, record and card numbers said digit by digit; ages of 90 and over."""
        t = self.tokens
        n = len(t)
        i = 0
        while i < n:
            if not t[i].number:
                i += 1
                continue
            j = self.number_run(i)
            for k in range(i, j + 1):
                self.run_of[k] = (i, j)
            self._number(i, j)
            i = j + 1

    def _number(self, i: int, j: int) -> None:
        t = self.tokens
        groups = self.groups(i, j)
        digits = self.digits_said(i, j)
        context = range(max(0, i - 3), i)
        cued = any(t[k].cue for k in context)
        if len(groups) == 1 and 90 <= groups[0] <= 130 and not digits > 3:
            around = [k for k in (i - 2, i - 1, j + 1, j + 2) if 0 <= k < len(t)]
            if any(t[k].age for k in around) or t[j].age:
                self.mark(i, j, "AGE", "age of 90 or over")
                return
        in_groups = sum(len(str(g)) for g in groups)
        spoken_in_groups = len(groups) >= 3 and all(g < 100 for g in groups) and in_groups >= 6
        cued_number = cued and (digits >= 3 or (len(groups) >= 2 and in_groups >= 4))
        if all(word.low.isdecimal() for word in t[i : j + 1]):
            return  # written with digits: WrittenNumbers reads those, amounts and all
        if digits >= 5 or spoken_in_groups or cued_number:
            start = i
            while start - 1 >= 0 and i - start < 4 and t[start - 1].letter and self.joined(start - 1, start):
                start -= 1  # "k r dos cero ...", "n h four four ...": the letters of the code
            plus = start - 1 >= 0 and t[start - 1].plus and self.joined(start - 1, start)
            if plus:
                start -= 1
            end = j
            trailing = end + 1 < len(t) and t[end + 1].letter and len(t[end + 1].low) == 1
            elided = trailing and self.text[t[end + 1].end : t[end + 1].end + 1] in ("'", "’")
            if trailing and not elided and self.joined(end, end + 1):
                end += 1  # "... sete sete b"
            phone = plus or (not cued or digits >= 9) and 9 <= max(digits, in_groups) <= 13
            self.mark(start, end, "PHONE" if phone else "ID", "telephone number" if phone else "number")

    def spelt_codes(self) -> None:
        """Codes said letter by letter and digit by digit, interleaved: "आर सात एम दो टी पाँच" (R7M2T5)."""
        t = self.tokens
        n = len(t)
        k = 0
        while k < n:
            if not (t[k].letter or t[k].digits == 1):
                k += 1
                continue
            j = k
            while j + 1 < n and (t[j + 1].letter or t[j + 1].digits == 1) and self.joined(j, j + 1):
                j += 1
            letters = sum(1 for m in range(k, j + 1) if t[m].letter and not t[m].digits)
            digits = sum(1 for m in range(k, j + 1) if t[m].digits == 1)
            if letters >= 2 and digits >= 3 and any(self.kind[m] is None for m in range(k, j + 1)):
                self.mark(k, j, "ID", "code said letter by letter", force=True)
            k = j + 1

    # -- dates ---------------------------------------------------------------------------------------

    def dates(self) -> None:
        """A month's name with its day or year beside it, and the words between ("veintidós de julio")."""
        t = self.tokens
        for k, word in enumerate(t):
            last = self._month_phrase(k) if self.lang.month_phrase else None
            counted = self._counted_month(k) if _stem_low(word) in MONTH_COUNTERS else None
            if not word.month and last is None and counted is None:
                continue
            start = end = k
            if counted is not None:
                start = counted  # "칠 월 삼 일": from the month's number
            if last is not None:
                end = last  # "mwezi wa tatu": the third month, a date with its day or year beside it
            p = end + 1
            while p < len(t) and p - end <= 2 and self.joined(p - 1, p):
                if t[p].numeric and self._day_or_year(p):
                    end = p = self.run_of[p][1] if t[p].number else p
                    p += 1
                elif t[p].date_word and end == p - 1 and end > k:
                    end = p  # the day's or year's word after it: "15 गते", "십사 일", "2023년"
                    p += 1
                elif t[p].date_word and p + 1 < len(t) and t[p + 1].numeric:
                    p += 1  # "de 2023", "of 2023"
                else:
                    break
            q = start - 1
            for _ in range(3):
                if q < 0 or not self.joined(q, q + 1):
                    break
                if t[q].date_word and q - 1 >= 0 and t[q - 1].numeric and self.joined(q - 1, q):
                    q -= 1  # "veintidós de julio", "२०७५ साल फागुन", "천구백육십사 년 오월"
                if t[q].numeric:
                    first = self.run_of[q][0] if t[q].number else q
                    if not self._day_or_year(first):
                        break
                    start, q = first, first - 1
                else:
                    break
            month_start = counted if counted is not None else k
            if start < month_start or end > (last if last is not None else k):
                self.mark(start, end, "DATE", "date", force=True)  # (a month alone is no one's date)

    def _counted_month(self, k: int) -> int | None:
        """Word k is a month's counter after a number from 1 to 12 ("칠 월"): the number's first word."""
        t = self.tokens
        if _stem_low(t[k]) not in MONTH_COUNTERS or k == 0 or not self.joined(k - 1, k):
            return None
        if t[k - 1].low in IRREGULAR_MONTHS:
            return k - 1  # "시 월": October
        if not t[k - 1].number:
            return None
        first, last = self.run_of[k - 1]
        groups = self.groups(first, last)
        return first if len(groups) == 1 and 1 <= groups[0] <= 12 else None

    def _month_phrase(self, k: int) -> int | None:
        """The last word of a month said by its number ("mwezi wa tatu"), or None."""
        t = self.tokens
        phrase = self.lang.month_phrase
        m = k + len(phrase)
        if m >= len(t) or any(t[k + i].low != word for i, word in enumerate(phrase)):
            return None
        if not all(self.joined(i, i + 1) for i in range(k, m)) or not t[m].number:
            return None
        # The longest start of the number that is a month: "mwezi wa tano elfu mbili ishirini" is
        # the fifth month, then the year said right after it in one run of number words.
        for end in range(self.run_of[m][1], m - 1, -1):
            groups = self.groups(m, end)
            if len(groups) == 1 and 1 <= groups[0] <= 12:
                return end
        return None

    def _day_or_year(self, p: int) -> bool:
        t = self.tokens[p]
        if t.ordinal:
            return True
        end = self.run_of[p][1] if t.number else p
        groups = self.groups(p, end)
        return bool(groups) and (groups[0] in DAY_OR_YEAR or 1000 <= groups[0] <= 2200)

    # -- street addresses ----------------------------------------------------------------------------

    def addresses(self) -> None:
        """A street, house or ward word with its number ("rue 212", "गली नंबर सात", "중앙로 12")."""
        t = self.tokens
        n = len(t)
        k = 0
        while k < n:
            before = self._number_before_street(k)
            if before is not None:
                k = before + 1
                continue
            end = self._address_number(k)
            if end is None:
                k += 1
                continue
            self.mark(k, end, "ADDRESS", "street address", force=True)
            # The street said before the house ("mtaa wa uhuru nyumba namba kumi na nne").
            for b in range(k - 1, max(k - 2 - STREET_NAME_WORDS, -1), -1):
                if not self.joined(b, b + 1) or t[b].number or t[b].cue:
                    break
                if t[b].address and not t[k].address:
                    self.mark(b, k - 1, "ADDRESS", "street address", force=True)
                    break
            # The rest of the address: another street word and number, or the street's name after a
            # house number ("nyumba namba 35, mtaa wa Jamhuri").
            while end + 1 < n and self.near(end, end + 1):
                nxt = self._number_after(end, 4)
                if nxt is not None and nxt > end:
                    self.mark(end + 1, nxt, "ADDRESS", "street address", force=True)
                    end = nxt
                    continue
                if t[end + 1].address:
                    stop = end + 1
                    while stop + 1 < n and stop - end < 3 and self.joined(stop, stop + 1):
                        if t[stop + 1].number or t[stop + 1].cue:
                            break
                        stop += 1
                    self.mark(end + 1, stop, "ADDRESS", "street address", force=True)
                    end = stop
                break
            k = end + 1

    def _number_before_street(self, k: int) -> int | None:
        """A house number, then a street word that comes after it, then the street's name ("douze rue
        des manguiers"): marks them and returns the last word's index, or None."""
        t = self.tokens
        if k + 1 >= len(t) or not t[k].number or not self.near(k, k + 1):
            return None  # (a comma may stand between: "au 14, rue Carnot")
        first, last = self.run_of[k]
        street = k + 1
        if street + 1 < len(t) and t[street].low in HOUSE_NUMBER_ADDED and self.joined(street, street + 1):
            street += 1  # "3 bis rue Victor Hugo": a house numbered after another
        if last != k or t[street].low not in STREETS_AFTER_NUMBER:
            return None
        groups = self.groups(first, last)
        if len(groups) != 1 or not 1 <= groups[0] <= 9999:
            return None
        stop = street
        while stop + 1 < len(t) and stop - k <= STREET_NAME_WORDS and self.joined(stop, stop + 1):
            if t[stop + 1].number or t[stop + 1].cue:
                break
            stop += 1
        self.mark(first, stop, "ADDRESS", "street address", force=True)
        return stop

    def _address_number(self, k: int) -> int | None:
        """The last word of the number that word k, a street, house or ward word, stands before."""
        t = self.tokens
        word = t[k]
        if word.address and word.number:
            return k  # "302번길": the number and the word in one
        if word.address:
            return self._number_after(k, 4)  # "rue 212", "Rua Doze de Outubro, 302"
        if word.house or word.street:
            p = k + 1
            if p < len(t) and t[p].cue and self.near(k, p):
                p += 1  # "nyumba namba 35", "घर नं. ४७"
            if p < len(t) and t[p].number and self.near(p - 1, p):
                end = self.run_of[p][1]
                value = self.groups(p, end)
                # "중앙로 302", "중앙로 삼백이", not "뒤로 일" (to the back, one ...)
                if word.street and not (t[p].digits > 1 or (value and value[0] >= 10)):
                    return None
                return end
        return None

    def _number_after(self, k: int, reach: int) -> int | None:
        """The last word of a number within ``reach`` words after word k, in the same clause."""
        t = self.tokens
        for p in range(k + 1, min(len(t), k + 1 + reach)):
            if not self.near(p - 1, p):
                return None
            if t[p].number:
                return self.run_of[p][1]
        return None

    # -- e-mail and web addresses said aloud ----------------------------------------------------------

    def web_addresses(self) -> None:
        t = self.tokens
        n = len(t)
        k = 0
        while k < n:
            size = self._at(k)
            if size:
                right = self._domain(k + size)
                if right is not None:
                    left = self._email_start(self._local_part(k - 1))
                    if left is not None:
                        self.mark(left, right, "EMAIL", "e-mail address", force=True)
                        k = right + 1
                        continue
            k += 1
        for k in range(n):
            if self.kind[k] == "EMAIL":
                continue
            if t[k].dot_tld or (t[k].dot and k + 1 < n and t[k + 1].tld and self.joined(k, k + 1)):
                if k == 0 or not self.joined(k - 1, k) or t[k - 1].dot:
                    continue
                start = self._url_start(self._local_part(k - 1, numbers=False))
                start = self._www(self._spoken_www(start))
                end = k if t[k].dot_tld else k + 1
                end = self._path(end)
                self.mark(start, end, "URL", "web address", force=True)

    def _url_start(self, start: int) -> int:
        """The first word of a web address said before its last "dot": a site's name said as two
        words ("आशा हॉस्पिटल डॉट इन"), the "dot"s and words before it, and the letters that open it
        ("डब्ल्यू डब्ल्यू डब्ल्यू डॉट", "더블유 더블유 더블유 점")."""
        t = self.tokens
        for _ in range(4):
            if start - 2 >= 0 and t[start - 1].dot and self.joined(start - 2, start - 1):
                if self.joined(start - 1, start):
                    start -= 2
                    continue
            if (
                start - 2 >= 0
                and t[start - 2].dot
                and not t[start - 1].number
                and not t[start - 1].cue
                and self.joined(start - 2, start - 1)
                and self.joined(start - 1, start)
            ):
                start -= 1  # a site's name said as two words
                continue
            break
        while start - 1 >= 0 and t[start - 1].letter and t[start].letter and self.joined(start - 1, start):
            start -= 1
        return start

    def _email_start(self, start: int) -> int:
        """The first word of an e-mail address's local part said in several words: letters spelt
        one by one, parts joined by an underscore or a dash said aloud ("anita underscore verma"),
        and a name said in two words with no dot between them right after the word "e-mail" (one
        word more, no more: "इमेल सीता राई एट ...")."""
        t = self.tokens
        while start >= 1 and t[start].letter and t[start - 1].letter and self.joined(start - 1, start):
            start -= 1  # "एस आई टी ए एट": letters spelt one by one
        while start >= 2 and t[start - 1].low in LOCAL_JOINERS and self.joined(start - 1, start):
            j = start - 1
            while j >= 1 and t[j - 1].low in LOCAL_JOINERS and self.joined(j - 1, j):
                j -= 1  # "guion bajo", "tiret bas"
            if j < 1 or not self.joined(j - 1, j) or t[j - 1].at or t[j - 1].cue:
                break
            start = j - 1
        for c in range(start - 1, max(-1, start - 4), -1):
            if not self.joined(c, c + 1):
                break
            if t[c].low in EMAIL_CUES:
                first = c + 1
                while first < start and t[first].low in EMAIL_FILLERS:
                    first += 1
                return first if start - first <= 1 else start
        return start

    def _www(self, start: int) -> int:
        """The first word of "www" said before a web address from word ``start`` ("double v double v
        double v", "triple doble ve", "더블유 더블유 더블유"), or ``start`` itself."""
        t, first = self.tokens, start
        while first > 0 and self.joined(first - 1, first) and t[first - 1].low in WWW_SAID:
            first -= 1
        while first < start and not t[first].low.startswith(WWW_FIRST):
            first += 1  # (a word before it that only looks like part of "www": "v", "tres")
        return first

    def _at(self, k: int) -> int:
        """How many words the "@" said at word k takes ("arobase" 1, "एट द रेट" 3), or 0."""
        if not self.tokens[k].at:
            return 0
        for phrase in sorted(self.lang.at, key=len, reverse=True):
            if k + len(phrase) <= len(self.tokens) and all(
                self.tokens[k + m].low == word and (m == 0 or self.joined(k + m - 1, k + m))
                for m, word in enumerate(phrase)
            ):
                return len(phrase)
        return 0

    def _domain(self, p: int) -> int | None:
        """The last word of a domain said from word p on ("yahoo dot com", "다음 닷넷"), or None."""
        t = self.tokens
        if p >= len(t) or not self.joined(p - 1, p) or t[p].dot or t[p].at:
            return None
        end, dots = p, 0
        if p + 2 < len(t) and self.joined(p, p + 1) and (t[p + 2].dot or t[p + 2].dot_tld):
            if not (t[p + 1].dot or t[p + 1].dot_tld or t[p + 1].at):
                end = p + 1  # "रेडिफ मेल डॉट कॉम", "world link dot com": a domain said in two words
        while end + 1 < len(t) and self.joined(end, end + 1) and dots < 5:
            if t[end + 1].dot_tld:
                return end + 1
            if t[end + 1].dot and end + 2 < len(t) and self.joined(end + 1, end + 2):
                end += 2
                dots += 1
                continue
            break
        return end if dots and t[end].tld else None  # "yahoo dot com", not "www dot mothers"

    def _local_part(self, q: int, numbers: bool = True) -> int:
        """The first word of what is said before an "@" or a domain ("sali point traore")."""
        t = self.tokens
        if q < 0:
            return 0
        start = q
        if numbers and (t[q].number or t[q].letter):
            # Digits said as a number, of one word or several ("seif themanini na mbili at",
            # "वर्मा सतहत्तर एट"), or letters: the whole number, and the word it is written after,
            # then what comes before that word ("रमेश डॉट वर्मा").
            start = self.run_of[q][0]
            before = start - 1
            if before >= 0 and self.joined(before, start) and not (t[before].cue or t[before].at):
                if not (t[before].dot or t[before].number or t[before].joiner):
                    start = before
        while (
            start - 2 >= 0
            and (t[start - 1].dot or t[start - 1].low in UNDERSCORES)
            and self.joined(start - 2, start - 1)
            and self.joined(start - 1, start)
        ):
            start -= 2
        if start == q and numbers and start - 1 >= 0 and self.joined(start - 1, start):
            if t[start].number or t[start].letter:
                start -= 1  # "제이에이치 칠칠": letters, then digits, then "@"
        return start

    def _spoken_www(self, start: int) -> int:
        """The "www" said before a web address, letter by letter in the language's names of the
        letter ("doble u doble u doble u", "dábliu dábliu dábliu", "double v", "trois w")."""
        t = self.tokens
        first = start
        while start - 1 >= 0 and first - start < WWW_REACH and self.joined(start - 1, start):
            if t[start - 1].low not in SPOKEN_WWW:
                break
            start -= 1
        return start

    def _path(self, end: int) -> int:
        """A web address's path: "slash grace dot otoo", "barra joana ponto macuacua".

        After a slash, the words up to the next "dot" (a name said in parts, three words at most),
        then each "dot" and the word after it, then single letters ("point s n").
        """
        t = self.tokens
        n = len(t)
        while (
            end + 2 < n and t[end + 1].slash and self.joined(end, end + 1) and self.joined(end + 1, end + 2)
        ):
            end += 2
            words, after_dot = 1, False
            while end + 1 < n and self.joined(end, end + 1) and not self._fused(end):
                nxt = t[end + 1]
                if nxt.slash:
                    break
                if nxt.dot and end + 2 < n and self.joined(end + 1, end + 2):
                    end += 2
                    after_dot = True
                elif after_dot and len(nxt.low) == 1:
                    end += 1
                elif not after_dot and words < 3 and not nxt.number and not nxt.cue:
                    end += 1
                    words += 1
                else:
                    break
        return end

    def _fused(self, k: int) -> bool:
        """Word k ends with a particle fused on (Korean): the address said ends with it."""
        low = self.tokens[k].low
        return self.lang.syllable_numbers and any(
            low.endswith(suffix) and len(low) > len(suffix) for suffix in self.lang.suffixes
        )

    # -- spans ---------------------------------------------------------------------------------------

    def spans(self) -> list[Detection]:
        out = []
        t = self.tokens
        for k, j in runs(self.kind, self.near):
            kind = self.kind[k]
            start = t[k].start
            if kind in ("PHONE", "ID") and start > 0 and self.text[start - 1] == "+":
                start -= 1
            out.append(Detection(start, t[j].stem_end, kind, "pattern", self.rule[k]))
        return out


def _said_since_multiplier(parts: list[tuple[int | None, int, int]]) -> int:
    """What was said after the last multiplying word ("quatre" in "mille quatre")."""
    total = 0
    for value, multiplier, prefix in reversed(parts):
        if multiplier or prefix:
            break
        total += value or 0
    return total


def _continues(before: int, value: int) -> bool:
    """Whether ``value`` goes on the number said so far ("twenty" then "three") or starts another."""
    if before == 0:
        return False
    if before % 20 == 0 and before in (60, 80) and value < 20:
        return True  # "soixante dix", "quatre vingt dix sept"
    zeros = len(str(before)) - len(str(before).rstrip("0"))
    return value < 10**zeros
