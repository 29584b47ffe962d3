"""English: names, places, dates, numbers and addresses, written or spoken.

One pass over the words of the text. Each word is looked at with what is around it: the lexicon says
whether it is an everyday word, a personal name or a place; a capital letter in the middle of a
sentence (in written text only: a transcript has none) says it is a proper noun; a title ("dr",
"mrs"), a phrase ("my name is", "she lives in") or a neighbouring name settles the words that are
both names and ordinary words ("grace", "hope", "may"). Numbers are read in both forms: digits, and
the words a recogniser prints for them ("zero seven two two", "nineteen fifty two", "the fourth of
march two thousand nineteen").

A word rarer than everyday English is proposed as a name or place even when no list holds it: names
from everywhere are more than any list, and a reviewer's click on a false alarm is cheap beside a
leaked name. Medical words are kept out by their shape (-itis, -statin, -mab, ...) and eponyms by the
word after them ("Parkinson's disease", "Down syndrome").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .base import Detection
from .lexicon import FUNCTION_WORDS, Lexicon, english

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

DIGITS = {"zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
DIGITS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"}
TEENS |= {"eighteen", "nineteen"}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
NUMBER_WORDS = set(DIGITS) - {"o"} | TEENS | TENS | {"hundred", "thousand", "double", "triple", "and"}
ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth",
}  # fmt: skip
SUFFIXES = {"st", "nd", "rd", "th"}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
}  # fmt: skip
# Months that are also everyday words: a date only with a day or a year beside them.
SHY_MONTHS = {"may", "march", "mar", "jan", "sep", "oct", "nov", "dec", "jun", "jul", "aug", "apr", "feb"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
WEEKDAYS |= {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
SHY_WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

TITLES = {
    "dr", "doctor", "mr", "mrs", "ms", "miss", "mister", "madam", "prof", "professor", "sister", "nurse",
    "auntie", "aunty", "uncle", "mama", "baba", "mzee", "bibi", "sheikh", "imam", "pastor", "reverend",
    "rev", "father", "fr", "chief", "hon", "sir", "dame", "lady", "lord", "sr", "jr", "mwalimu", "bwana",
}  # fmt: skip
ABBREVIATED_TITLES = {"dr", "mr", "mrs", "ms", "prof", "rev", "fr", "sr", "jr", "hon", "st"}
# Words that put a name or a place right after them.
NAME_CUES = {("name", "is"), ("named",), ("called",), ("call", "me"), ("names", "are"), ("name's",)}
# People are named right after these: "said gladys", "told grace", "given alma".
# (In written text only before a capital: "God gave rock and roll".)
SPEECH_CUES = {"said", "told", "asked", "thanked", "married", "given", "gave"}
PLACE_CUES = {"in", "at", "from", "near", "to", "village", "town", "city", "county", "district", "of"}
# Before an acronym, words that make it a place or an organisation ("seen at UCSF"), not a condition.
ACRONYM_CUES = {"at", "from", "near", "to", "in"}
# Words for the kind of a facility, that end its name ("Kenyatta National Hospital", "UCLA Med Center").
FACILITY_HEADS = {
    "hospital", "clinic", "centre", "center", "dispensary", "hospice", "infirmary", "polyclinic",
    "pharmacy", "university", "college", "school", "institute", "foundation", "church", "mosque",
    "temple", "corporation", "associates", "technologies", "consulting", "inc", "ltd", "llc", "corp",
    "group", "company", "bank", "ministry", "academy", "presbyterian", "langone",
    "health", "healthcare", "partners", "solutions", "services", "systems", "insights",
}  # fmt: skip
# Words for the kind of an organisation that end its name only when written with a capital after a
# capitalised name ("Tindall Software", "Otieno and Sons", "Jubilee Insurance"); in a transcript they
# are everyday words ("the software", "my insurance").
ORG_HEADS = {
    "software", "agency", "markets", "reports", "sons", "brothers", "movers", "media", "labs",
    "holdings", "enterprises", "industries", "ventures", "capital", "networks", "communications",
    "logistics", "motors", "airlines", "pharmaceuticals", "insurance", "investments", "finance",
    "financial", "resources", "research", "consultants", "studios", "publishing", "incorporated",
    "limited", "plc", "gmbh", "llp",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "local"}
# Words before a facility's kind that say which one only in general: "the local clinic" names none.
GENERIC_FACILITY = {
    "local", "nearest", "nearby", "same", "big", "small", "other", "another", "next", "private",
    "public", "government", "health", "medical", "general", "district", "county", "village", "mission",
    "community", "rural", "city", "town", "state", "main", "new", "old", "dental", "eye", "maternity",
    "children's", "children", "women's", "mental", "teaching", "referral", "regional", "national",
    "primary", "secondary", "high", "nursing", "medicine", "care", "cancer", "heart", "specialist",
}  # fmt: skip
# A year after these words dates the course of an illness, which the teaching needs and which
# (unlike a birth, a marriage or a move) does not point to the person: Safe Harbor keeps years.
CLINICAL_HISTORY = {"diagnosed", "diagnosis", "history", "treated", "started", "onset", "since", "managed"}
# A year beside these words dates a publication, not a person's life.
LITERATURE = {
    "guideline", "guidelines", "recommendation", "recommendations", "study", "studies", "trial", "trials",
    "update", "updates", "criteria", "edition", "version", "report", "statement", "consensus", "review",
    "data", "published", "publication", "paper", "papers", "literature", "classification", "standards",
    "research", "evidence", "meta", "analysis", "journal", "protocol", "protocols",
}  # fmt: skip
FACILITY = {
    "hospital", "clinic", "health", "centre", "center", "dispensary", "medical", "med", "school",
    "church", "mosque", "temple", "university", "college", "ward", "pharmacy", "market", "village",
    "district", "county", "province", "region", "state", "street", "st", "road", "rd", "avenue", "ave",
    "lane", "drive", "estate", "hospice", "infirmary", "institute", "foundation", "trust", "ministry",
    "academy", "associates", "group", "company", "ltd", "inc", "corp", "llc", "bank", "hotel", "camp",
    "station", "valley", "hill", "hills", "river", "lake", "sub", "subcounty", "location", "division",
    "memorial", "general", "regional", "referral", "teaching", "maternity", "children's", "polyclinic",
    "facility",
}  # fmt: skip
STREET = {
    "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "boulevard", "blvd", "way", "court",
    "ct", "place", "pl", "apt", "apartment", "suite", "unit", "box", "floor", "plot", "house", "flat",
    "block", "estate", "close", "crescent", "highway", "hwy", "po", "p.o", "building", "route",
    # Other languages' street words, and military mail (PSC 1234, Box 567, APO AA 34001).
    "ul", "rue", "via", "viale", "calle", "avenida", "avda", "av", "rua", "strasse", "straße", "gasse",
    "weg", "vej", "vägen", "gatan", "katu", "utca", "út", "útja", "plaza", "piazza", "largo", "travessa",
    "chaussee", "psc", "apo", "fpo", "dpo", "cmr", "barabara", "mtaa",
}  # fmt: skip
# Street words that follow a street's own name ("Moi Avenue").
STREET_NAMES = {
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "boulevard",
    "blvd",
    "highway",
}
# Street words that come before the street's own name in many languages ("Rue des Peupliers",
# "ul. Kwiatowa", "Avenida Paulista", "Cité Ennasr"). Those that are English words too ("via", "place")
# count only written with a capital or after a house number.
STREET_FIRST = {
    "rue", "rua", "rúa", "avenida", "avda", "calle", "carrer", "viale", "piazza", "praça", "praca",
    "travessa", "ul", "ulica", "aleja", "chaussee", "chaussée", "paseo", "strada", "cité", "quartier",
    "via", "avenue", "boulevard", "av", "plaza", "largo", "place", "cite",
}  # fmt: skip
STREET_FIRST_SHY = {"via", "avenue", "boulevard", "av", "plaza", "largo", "place", "cite"}
# Street words that follow the street's name but are also everyday words or other languages' words
# ("Solbakken gate 14", "Petőfi u. 22", "Okafor Courts"): part of an address only right after a name,
# and before a house number or inside an address already begun.
STREET_AFTER = {
    "gate", "gata", "gaten", "gatan", "vei", "veien", "vegen", "vej", "straat", "laan", "gracht",
    "plein", "utca", "u", "út", "körút", "tér", "trail", "harbor", "harbour", "bypass", "courts", "court",
    "square", "terrace", "parkway", "mews", "crossing", "gardens", "grove", "alley", "turnpike",
    "expressway", "freeway", "plaza", "circle", "heights", "ridge",
}  # fmt: skip
# Street words that end a street's name after its house number, whatever the name's words are
# ("four one maple crescent", "14 Acacia Street", "nine jacaranda close").
STREET_ENDS = STREET_NAMES | {
    "close", "court", "way", "crescent", "place", "pl", "terrace", "square", "gardens", "grove", "mall",
    "hill", "hills", "heights", "circle", "parkway", "bypass", "row",
}  # fmt: skip
# Little words inside place and street names in other languages: "São José do Rio Preto", "Villanueva
# de la Serena", "Lhota u Příbramě", "Rua Quinze de Novembro", "Brandýs nad Labem".
PARTICLES = {
    "de", "la", "le", "les", "des", "du", "do", "da", "dos", "das", "del", "della", "delle", "dei", "di",
    "el", "los", "las", "van", "von", "der", "den", "ter", "zu", "zum", "zur", "am", "im", "an", "sur",
    "en", "e", "y", "u", "v", "z", "ve", "na", "nad", "pod", "od", "pri",
}  # fmt: skip
# Ships and bases that stand for an address in military mail: "USNS Comfort, FPO AA 34055".
SHIP_PREFIXES = {"uss", "usns", "usnv", "uscgc", "hms", "hmas", "hmcs", "hmnzs"}
# Words after which a capitalised or listed name is a medical eponym, not a person.
EPONYM_NEXT = {
    "disease", "syndrome", "palsy", "sarcoma", "lymphoma", "test", "sign", "criteria", "scale", "procedure",
    "maneuver", "manoeuvre", "ulcer", "reflex", "phenomenon", "disorder", "law", "classification",
    "score", "tube", "catheter", "fracture", "method", "technique",
}  # fmt: skip
MEDICAL_SHAPE = re.compile(
    r"(?:itis|osis|emia|aemia|ectomy|otomy|ostomy|oma|omas|pathy|plasty|scopy|graphy|algia|uria|plegia|"
    r"trophy|genic|ology|ologist|iatric|iatrics|cardia|lytic|mab|nib|pril|sartan|olol|statin|azole|mycin|"
    r"cillin|cycline|floxacin|vir|tide|zepam|azepam|azepine|oxetine|profen|parin|dronate|gliptin|"
    r"gliflozin|semide|thiazide|triptan|setron|prazole|tidine|terol|sone|olone|asone|idine|amide|"
    r"afil|caine|formin|glitazone|oxacin|micin|ectasis|emesis|phagia|pnea|noea|rrhea|rrhoea|cytosis|"
    r"penia|philia|phobia|megaly|sclerosis|tension|glycemia|kalemia|natremia|thyroidism|ase|ases|"
    r"gram|grams|logy|opsy|opsies|itis's|aban|arone|dipine|oxine|ptan|tinib|zumab|ximab|parin|lukast|"
    r"olamine|sartan|dronate|afil|cort|mide|pine)$"
)
# English word-making endings: a rare word built this way is a word ("anticoagulation",
# "sundowning"), not a name. Names in the lists are still found.
WORD_SHAPE = re.compile(
    r"(?:ations?|itions?|ments?|ness|ities|ity|ous|ives?|isms?|ants|ance|ences?|able|ible|ful|less|"
    r"izes?|ized|izing|ises|ised|ising|ings?|ally|ically|ologys?|ists|ers|ated|ating)$"
)
# Endings of inflected English words that a dictionary lists only in their base form.
INFLECTED = re.compile(r"(?:ed|ing|ings|ier|iest|est|ly|er|ers|ies)$")
# Shorthand of medicine, said or written: never a name or an organisation to hide.
MEDICAL_TERMS = frozenset(
    """
    bmi dvt pe gerd copd dka hhs egfr gfr hba hba1c sglt sglt2 glp hfref hfpef inr crp esr ldl hdl tsh
    ecg ekg eeg emg mri ct pet icu nicu er ed opd ipd iv im sc po prn bd tds qid od hiv aids tb mdr xdr
    art arv prep pep uti sti std ptsd adhd ocd ckd esrd aki chf cad mi cabg pci afib chads vasc
    ada aha acc esc nice kdigo nsaid nsaids ace arb ssri snri ppi dmards dmard ra sle ms als
    ibd ibs uc hpv hbv hcv rsv covid cpap bipap cbc fbc lft lfts rft bp hr rr spo2 fev fvc
    """.split()
)
# Capitalised words that are not identifiers: the pronoun, nationalities and faiths are not
# identifiers under Safe Harbor, nor are the names of medicines and conditions.
CAPITALISED_COMMON = {
    "i", "i'm", "i've", "i'll", "i'd", "god", "allah", "jesus", "christ", "lord", "bible", "quran", "koran",
    "christian", "christians", "muslim", "muslims", "islam", "hindu", "buddhist", "catholic",
    "protestant", "english", "swahili", "african", "africa", "asian", "european", "american", "british",
    "indian", "internet", "covid", "aids", "hiv", "tb", "ok", "okay", "mom", "mum", "dad", "mama", "papa",
    "grandma", "grandpa", "ramadan", "eid", "christmas", "easter", "diwali", "new", "year", "years",
}  # fmt: skip
# Short words a recogniser prints that are never an ID's letters.
NOT_ID_LETTERS = {
    "a", "i", "to", "in", "on", "at", "is", "it", "of", "my", "an", "or", "be", "he", "we", "me", "no", "so",
    "up", "us", "do", "go", "am", "as", "by", "if", "the", "and", "for", "was", "are", "our", "his", "her",
    "she", "you", "who", "had", "has", "all", "but", "not", "can", "one", "two", "six", "ten", "per", "oh",
    "o", "about", "around", "after", "before", "number", "with", "from", "till", "until",
}  # fmt: skip
# Words that follow "Patricia A" but not "a" as an article.
AFTER_INITIAL = {
    "who", "from", "was", "is", "has", "had", "with", "seen", "treated", "at", "admitted", "diagnosed",
    "presented", "evaluated", "visited", "referred", "currently", "last", "recently", "and", "came",
}  # fmt: skip
CONNECTORS = {"van", "von", "de", "der", "den", "da", "dos", "das", "del", "la", "le", "bin", "binti", "ibn"}
CONNECTORS |= {"al", "el", "ould", "wa", "abu", "bint", "ben", "mac", "mc", "st", "di", "du"}
TLDS = {"com", "org", "net", "edu", "gov", "info", "io", "biz", "int"}
COUNTRY_TLDS = {
    "uk", "ke", "ng", "gh", "za", "ug", "tz", "et", "so", "rw", "in", "pk", "bd", "np", "lk", "au", "ca",
    "de", "fr", "nl", "se", "dk", "no", "fi", "be", "at", "ch", "it", "es", "pt", "br", "mx", "ar", "uy",
    "jp", "cn", "hu", "pl", "cz", "ru", "ie", "nz", "co", "us",
}  # fmt: skip
AGE_AFTER = {"year", "years", "yr", "yrs", "yo"}
AGE_BEFORE = {"aged", "age", "ages"}
ID_CUES = {
    "number", "no", "id", "mrn", "code", "card", "account", "policy", "insurance", "record", "ref",
    "reference", "passport", "license", "licence", "nhs", "nhif", "ssn", "phone", "call", "room", "bed",
}  # fmt: skip
RECORD_CUES = ID_CUES - {"number", "no", "phone", "call", "room", "bed"}
PHONE_CUES = {"phone", "number", "call", "tel", "telephone", "mobile", "cell", "fax", "whatsapp", "reach"}
UNITS = {
    "mg", "ml", "dl", "kg", "g", "mcg", "units", "unit", "iu", "mmol", "mm", "cm", "km", "kcal", "calories",
    "steps", "percent", "bpm", "mmhg", "hours", "hrs", "minutes", "mins", "days", "weeks", "months",
    "times", "tablets", "pills", "doses", "shillings", "ksh", "naira", "rupees", "dollars", "usd",
    "pounds", "cedis", "birr", "people", "children", "patients",
}  # fmt: skip


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    raw: str
    low: str  # lower case, possessive removed
    capital: bool  # starts with a capital letter (in text that has lower case letters)
    sentence_start: bool
    digits: bool


def _tokens(text: str, cased: bool) -> list[_Token]:
    out = []
    last_end = 0
    for m in WORD.finditer(text):
        raw = m.group()
        low = raw.casefold()
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        gap = text[last_end : m.start()]
        sentence_start = not out or any(c in '.!?\n:;"“' for c in gap)
        # "d'Italie", "l'Aquila", "D'Angelo": the capital after an elided article is the name's.
        capital = raw[0].isupper() or (raw[1:2] in ("'", "’") and raw[2:3].isupper())
        out.append(
            _Token(
                m.start(),
                m.end(),
                raw,
                low,
                cased and capital,
                sentence_start,
                any(c.isdigit() for c in raw),
            )
        )
        last_end = m.end()
    return out


class EnglishRecogniser:
    """Finds names, places, dates, numbers and addresses in English text, as written or as heard."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = english()
        return self._lexicon

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        cased = any(c.isupper() for c in text) and any(c.islower() for c in text)
        tokens = _tokens(text, cased)
        if not tokens:
            return []
        return _Pass(self.lexicon, text, tokens, cased).run()


class _Pass:
    """One reading of one text: marks each word with a kind, then joins marked words into spans."""

    def __init__(self, lexicon: Lexicon, text: str, tokens: list[_Token], cased: bool) -> None:
        self.lex = lexicon
        self.text = text
        self.tokens = tokens
        self.cased = cased
        self.kind: list[str | None] = [None] * len(tokens)
        self.rule: list[str] = [""] * len(tokens)
        self.source: list[str] = [""] * len(tokens)

    def mark(self, i: int, kind: str, rule: str, source: str = "pattern") -> None:
        if self.kind[i] is None:
            self.kind[i], self.rule[i], self.source[i] = kind, rule, source

    def low(self, i: int) -> str:
        return self.tokens[i].low if 0 <= i < len(self.tokens) else ""

    def run(self) -> list[Detection]:
        self.numbers()
        self.dates()
        self.spoken_addresses()
        self.names_and_places()
        self.addresses()
        self.address_parts()
        return self.spans()

    # -- numbers ----------------------------------------------------------------------------------

    def _is_number_word(self, i: int) -> bool:
        low = self.low(i)
        if low == "and":
            return self._is_number_word(i - 1) and self._is_number_word(i + 1)
        if low == "o":
            return self._is_number_word(i - 1) or self._is_number_word(i + 1)
        return low in NUMBER_WORDS

    def numbers(self) -> None:
        """Digit runs and spoken number runs: phone numbers, IDs, years, ages of 90 and over."""
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            if tokens[i].digits or self._is_number_word(i):
                j = i
                while j + 1 < len(tokens) and self._joins_number(j, j + 1):
                    j += 1
                self._number_run(i, j)
                i = j + 1
            else:
                i += 1

    def _joins_number(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        if len(gap) > 3 or any(c.isalpha() for c in gap) or "\n" in gap:
            return False
        tb = self.tokens[b]
        if tb.digits:
            return self.tokens[a].digits or self._is_number_word(a)
        if self._is_number_word(b):
            return not self.tokens[a].digits or gap.strip() == ""
        return tb.low in SUFFIXES and (self.tokens[a].digits or self._is_number_word(a))

    def _number_run(self, i: int, j: int) -> None:
        tokens = self.tokens
        words = [t.low for t in tokens[i : j + 1]]
        digit_count = sum(sum(c.isdigit() for c in t.raw) for t in tokens[i : j + 1]) + sum(
            1 for w in words if w in DIGITS and w != "o"
        )
        has_letters = any(t.digits and any(c.isalpha() for c in t.raw) for t in tokens[i : j + 1])
        before, after = self.low(i - 1), self.low(j + 1)
        value = _spoken_value(words)
        # Ages: 90 and over only.
        if after in AGE_AFTER or before in AGE_AFTER or before in AGE_BEFORE or self._year_old(j):
            if value is not None and value >= 90:
                self._mark_run(i, j, "AGE", "age of 90 or over")
            return
        if has_letters:
            if digit_count >= 3:
                self._mark_run(i, j, "ID", "code with letters and digits")
                self._id_letters(i)
            return  # "SGLT2", "HbA1c", "T2DM": medical shorthand
        if after in UNITS and digit_count < 5:
            return
        if self._is_year(i, j, words, value):
            before = {self.low(k) for k in range(i - 4, i)}
            nearby = before | {self.low(j + 1), self.low(j + 2)}
            if nearby & LITERATURE or before & CLINICAL_HISTORY:
                return  # "the 2021 guidelines", "diagnosed in 2019": no one's life is dated by these
            self._mark_run(i, j, "DATE", "year")
            return
        cued = bool({self.low(k) for k in range(i - 3, i)} & ID_CUES)
        if digit_count >= 5 or (digit_count >= (3 if cued else 4) and not self._plain_count(i, j)):
            records = {self.low(k) for k in range(i - 4, i)} & RECORD_CUES
            kind = "PHONE" if not records and self._phone_like(i, j, digit_count) else "ID"
            self._mark_run(i, j, kind, "telephone number" if kind == "PHONE" else "number")
            self._id_letters(i, digit_count)
            return
        # A short number is an identifier only beside a date or an address; those passes look.

    def _plain_count(self, i: int, j: int) -> bool:
        """A number said as an amount ("three hundred", "twenty five") rather than digit by digit."""
        words = [t.low for t in self.tokens[i : j + 1]]
        if any(t.digits for t in self.tokens[i : j + 1]):
            raw = "".join(t.raw for t in self.tokens[i : j + 1])
            return len(raw) <= 3 and self.low(j + 1) in UNITS
        return (
            any(w in TENS or w in TEENS or w in {"hundred", "thousand"} for w in words)
            and not sum(w in DIGITS for w in words) >= 3
        )

    def _phone_like(self, i: int, j: int, digit_count: int) -> bool:
        span = self.text[self.tokens[i].start : self.tokens[j].end]
        context = {self.low(k) for k in range(i - 4, i)}
        return (
            bool(context & PHONE_CUES)
            or span.startswith("+")
            or (7 <= digit_count <= 13 and bool(re.search(r"[\s().-]", span)) and "/" not in span)
        )

    def _year_old(self, j: int) -> bool:
        return self.low(j + 1) in {"year", "years"} and self.low(j + 2) == "old"

    def _is_year(self, i: int, j: int, words: list[str], value: int | None) -> bool:
        if i == j and self.tokens[i].digits:
            raw = self.tokens[i].raw
            return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2099
        return (
            value is not None and 1900 <= value <= 2099 and words[0] in {"nineteen", "twenty", "two", "one"}
        )

    def _id_letters(self, i: int, digits: int = 0) -> None:
        """Take in the letters an ID starts with ("rx eight seven ...", "MRN P1234", "hp seven ...")."""
        k = i - 1
        while k >= 0 and k >= i - 2:
            t = self.tokens[k]
            gap = self.text[t.end : self.tokens[k + 1].start]
            everyday = self.lex.is_everyday(t.low)
            joined = gap in {"", "-", "#", "/"} and t.raw.isupper()  # "BA-98765432", "ABC-987654"
            if (
                len(t.low) <= 3
                and t.low.isalpha()
                and len(gap) <= 2
                and (joined or (t.low not in NOT_ID_LETTERS and (digits >= 5 or not everyday)))
            ):
                self.mark(k, "ID", "letters of a code")
                k -= 1
            else:
                break

    def _mark_run(self, i: int, j: int, kind: str, rule: str) -> None:
        for k in range(i, j + 1):
            self.mark(k, kind, rule)

    # -- dates ------------------------------------------------------------------------------------

    def dates(self) -> None:
        """Month names with their day and year, weekdays, and numeric dates (4/22/22, 2023-05-12)."""
        tokens = self.tokens
        for m in re.finditer(r"(?<![\w/.-])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w/-])", self.text):
            for k, t in enumerate(tokens):
                if t.start < m.end() and m.start() < t.end:
                    self.kind[k] = None
                    self.mark(k, "DATE", "date")
        for k, t in enumerate(tokens):
            low = t.low
            if low in WEEKDAYS:
                if low not in SHY_WEEKDAYS or (t.capital and self.cased):
                    self.mark(k, "DATE", "day of the week")
                    if self.low(k - 1) in {"last", "next", "this", "on"} - {"on"}:
                        self.mark(k - 1, "DATE", "day of the week")
                continue
            if low not in MONTHS:
                continue
            day_or_year = self._number_near(k - 1, -1) or self._number_near(k + 1, 1)
            if (
                low in SHY_MONTHS
                and not day_or_year
                and not (self.cased and t.capital and not t.sentence_start)
            ):
                continue
            self.kind[k] = None
            self.mark(k, "DATE", "date")
            if self.low(k - 1) in {"last", "next", "this"}:
                self.mark(k - 1, "DATE", "date")
            self._extend_date(k, 1)
            self._extend_date(k, -1)

    def _number_near(self, k: int, step: int) -> bool:
        if self.low(k) in {"the", "of"}:
            k += step
        low = self.low(k)
        return bool(low) and (
            self.tokens[k].digits or self._is_number_word(k) or low in ORDINALS or low.rstrip("stndrh") == ""
        )

    def _extend_date(self, k: int, step: int) -> None:
        """Mark the day, ordinal and year words on one side of a month name."""
        n = k + step
        taken = 0
        while 0 <= n < len(self.tokens) and taken < 8:
            low = self.low(n)
            t = self.tokens[n]
            if t.digits or self._is_number_word(n) or low in ORDINALS or low in SUFFIXES:
                self.kind[n] = None
                self.mark(n, "DATE", "date")
            elif low == "of" and taken < 3 and self.kind[n - step] == "DATE":
                self.mark(n, "DATE", "date")  # "the 15th of January": "of" is inside the date
            elif low == "the" and taken < 3:
                pass
            else:
                break
            n += step
            taken += 1
        if step == -1:
            # "the fourth of": keep "the" and "of" out of the span, they identify nothing.
            return

    # -- spoken e-mail and web addresses ------------------------------------------------------------

    def spoken_addresses(self) -> None:
        """ "abdi dot warsame at gmail dot com", "http www clinic com", "name domain com"."""
        tokens = self.tokens
        for k, t in enumerate(tokens):
            low = t.low
            if low in {"www", "http", "https"}:
                j = k
                while j + 1 < len(tokens) and j - k < 8 and not self._ends_address(j):
                    j += 1
                self._mark_run(k, j, "URL", "web address")
                continue
            if low in TLDS and k > 0 and self.kind[k] is None and not self.cased:
                start = self._address_start(k)
                said = {self.low(n) for n in range(start, k)}
                # "jourrapide com", "gmail dot com"; "net" only after "dot": "a mosquito net" is a net.
                if start == k or (low == "net" and "dot" not in said):
                    continue
                end = k
                while end + 1 < len(tokens) and self.low(end + 1) in COUNTRY_TLDS | {"dot"}:
                    end += 1
                kind = "EMAIL" if "at" in said or ("dot" not in said and k - start >= 2) else "URL"
                self._mark_run(start, end, kind, "e-mail address" if kind == "EMAIL" else "web address")

    def _address_start(self, k: int) -> int:
        """Walk back from a top-level domain over the words of the address it ends."""
        separators = {"dot", "at", "underscore", "dash", "hyphen"}
        start = k
        while start - 1 >= 0 and k - start < 10:
            prev = self.low(start - 1)
            if prev in separators:
                start -= 1
            elif (start == k or self.low(start) in separators) and prev not in FUNCTION_WORDS - separators:
                start -= 1  # the word before a spoken "dot" or "at" belongs to the address, whatever it is
            elif self._address_word(start - 1) and prev not in FUNCTION_WORDS:
                start -= 1
            else:
                break
        while start < k and self.low(start) in separators:
            start += 1
        return start

    def _address_word(self, k: int) -> bool:
        low = self.low(k)
        return (
            low in {"dot", "at", "underscore", "dash", "hyphen"}
            or not self.lex.is_everyday(low)
            or (low in self.lex.names)
        )

    def _ends_address(self, j: int) -> bool:
        low = self.low(j)
        return (low in TLDS or low in COUNTRY_TLDS) and self.low(j + 1) not in COUNTRY_TLDS | TLDS | {
            "dot",
            "slash",
        }

    # -- names and places -------------------------------------------------------------------------

    def names_and_places(self) -> None:
        tokens = self.tokens
        lex = self.lex
        n = len(tokens)
        candidate = [False] * n
        why = [""] * n
        for k, t in enumerate(tokens):
            low = t.low
            if self.kind[k] is not None or t.digits or len(low) < 2 and not (t.capital and self.cased):
                continue
            if low in CAPITALISED_COMMON or low in MONTHS or low in WEEKDAYS or low in TITLES:
                continue
            if self._eponym(k) or low in MEDICAL_TERMS or MEDICAL_SHAPE.search(low) and low not in lex.names:
                continue
            if low in UNITS and k > 0 and (tokens[k - 1].digits or self._is_number_word(k - 1)):
                continue  # "five mcg": a unit after a number, whatever a list of names holds
            cue = self._named_after_cue(k)
            if self.cased and not t.capital and not cue and not self._lower_case_pair(k):
                continue  # written text spells names with a capital: a lower-case word is a word
            listed = (low in lex.names or low in lex.places) and low not in lex.ambiguous
            if low in lex.languages and not self._named_after_cue(k):
                continue  # "Amharic", "Wolof", "Spanish": a language names no one
            foreign = not t.raw.isascii() and len(low) >= 3 and not lex.is_everyday(low)
            if foreign and (t.capital or not self.cased):
                candidate[k], why[k] = True, "rare word"  # a name in another script: "ΠΑΦΟΣ", "Ørsta"
                continue
            if self.cased and t.raw.isupper() and len(t.raw) >= 2 and not (listed and len(low) >= 4):
                # An acronym is a place or an organisation after "at", "from" ("seen at UCSF") or
                # before a facility's kind ("NYU Langone"); otherwise shorthand ("COPD", "INR").
                if (
                    self.low(k - 1) in ACRONYM_CUES
                    or self.low(k + 1) in FACILITY | FACILITY_HEADS
                    or (len(low) >= 5 and not lex.is_everyday(low) and low not in MEDICAL_TERMS)
                    or any(0 <= m < len(self.tokens) and self.tokens[m].digits for m in (k - 1, k + 1))
                ):
                    candidate[k], why[k] = True, "capital letters"  # "SCHEIBBS", "WA 16469", "at UCSF"
                continue
            if listed:
                candidate[k], why[k] = True, "name list"
            elif not lex.is_everyday(low) and low.isalpha() and len(low) >= 2:
                shaped = len(low) >= 7 and WORD_SHAPE.search(low) and not (t.capital and not t.sentence_start)
                if shaped or self._demonym(low) or low in lex.languages:
                    continue  # (a capital in running text outweighs the shape: "Simpletuition")
                candidate[k], why[k] = True, "rare word"
            elif low in lex.ambiguous and (cue or (self.cased and t.capital and not t.sentence_start)):
                candidate[k], why[k] = True, "name after a cue" if cue else "capital letter"
            elif self.cased and t.capital and self._after_title_or_initial(k, candidate):
                # "Mrs. Weeks", "Halima W. Mills": the full stop of a title or an initial ends
                # no sentence, and the capital after it is a surname's, however common the word.
                candidate[k], why[k] = True, "name after a title"
            elif self.cased and t.capital and not t.sentence_start and not self._title_case(k):
                candidate[k], why[k] = True, "capital letter"  # "Google", "City Hospital", "Allianz"
            elif self.cased and t.capital and t.sentence_start and self._proper_noun(k):
                candidate[k], why[k] = True, "proper noun"  # "Garrett, can you ...", "Meredith sat with me"
        self._place_phrases(candidate, why)
        # Ambiguous words and initials beside a name are part of it ("Grace Wanjiru", "Mary J.").
        for k in range(n):
            if candidate[k] or self.kind[k] is not None:
                continue
            t = tokens[k]
            beside = (k > 0 and candidate[k - 1] and self._close(k - 1, k)) or (
                k + 1 < n and candidate[k + 1] and self._close(k, k + 1)
            )
            if not beside:
                if self._initial(k) and self.low(k - 1) in TITLES:
                    candidate[k], why[k] = True, "initial"  # "Dr. A. at Stanford"
                continue
            if t.low in STREET or t.low in FACILITY:
                continue  # "Moi Avenue", "Kisumu Hospital": the address and facility passes take these
            if t.low in lex.ambiguous and (not self.cased or t.capital):
                candidate[k], why[k] = True, "beside a name"
            elif self.cased and t.capital and not t.sentence_start and t.low not in CAPITALISED_COMMON:
                candidate[k], why[k] = True, "beside a name"  # "Hicks and Brown", "Climate Corporation"
            elif self._initial(k):
                candidate[k], why[k] = True, "initial"
        for k in range(2, n):
            # "dale and white", "graves and reed": a name joined to a name by "and".
            joined = self.low(k - 1) == "and" and candidate[k - 2] and self._joinable(k - 2, k - 1)
            if joined and not candidate[k] and self.low(k) in lex.ambiguous:
                if not self.cased or tokens[k].capital:
                    candidate[k], why[k] = True, "beside a name"
        for k in range(n - 2):
            # "Park and Mann were engineers": the same, the name that is also a word first. Written
            # only: both capitalised, so "hope and grace" stays a pair of words.
            joined = self.low(k + 1) == "and" and candidate[k + 2] and self._joinable(k + 1, k + 2)
            if joined and self.cased and not candidate[k] and self.low(k) in lex.ambiguous:
                if tokens[k].capital and tokens[k + 2].capital and self.kind[k] is None:
                    candidate[k], why[k] = True, "beside a name"
        for k in range(n):
            if not candidate[k]:
                continue
            kind = self._name_or_place(k)
            self.mark(k, kind, why[k], "name_list" if why[k] == "name list" else "model")
        self._facility_names()
        self._after_place_cues()
        self._titles_connectors_facilities()

    def _proper_noun(self, k: int) -> bool:
        """Whether word k, capitalised at the start of a sentence, is a proper noun all the same:
        a common word of the web that no dictionary spells in lower case ("Garrett", "Meredith",
        "Walmart"), not an inflection ("Terrified", "Darker"), a compound ("Paperwork"),
        shorthand ("Mgmt") or a field's label ("Fax:")."""
        low = self.low(k)
        lex = self.lex
        if len(low) < 4 or not low.isalpha() or low in lex.ordinary or low in FUNCTION_WORDS:
            return False
        if low in lex.languages or self._demonym(low) or INFLECTED.search(low):
            return False
        after = self.text[self.tokens[k].end : self.tokens[k].end + 1]
        if not any(c in "aeiouy" for c in low) or after in (".", ":"):
            return False
        return not any(low[:i] in lex.ordinary and low[i:] in lex.ordinary for i in range(3, len(low) - 2))

    def _after_title_or_initial(self, k: int, candidate: list[bool]) -> bool:
        """Word k follows a title ("Dr.", "Mrs") or the initial of a name ("Alice K.", "Dr. L.")."""
        p = k - 1
        if p < 0:
            return False
        if self.low(p) in TITLES:
            return self._close_title(p, k)
        gap = self.text[self.tokens[p].end : self.tokens[k].start]
        return (
            gap in {" ", ". "}
            and self._initial(p)
            and p >= 1
            and self._close_title(p - 1, p)
            and (candidate[p - 1] or self.low(p - 1) in TITLES)
        )

    def _lower_case_pair(self, k: int) -> bool:
        """Two names side by side typed in lower case ("follow up with benjamin a seiler")."""
        lex = self.lex

        def name_like(m: int) -> bool:
            low = self.low(m)
            return (
                bool(low) and low.isalpha() and low not in lex.everyday and (low in lex.names or len(low) > 3)
            )

        if not name_like(k):
            return False
        for m in (k - 1, k + 1, k - 2, k + 2):
            if (
                0 <= m < len(self.tokens)
                and name_like(m)
                and (abs(m - k) == 1 or len(self.low((m + k) // 2)) == 1)
            ):
                return True
        return False

    def _title_case(self, k: int) -> bool:
        """Whether the text around word k capitalises every word (a heading, a title), so a capital
        letter says nothing."""
        around = [t for t in self.tokens[max(0, k - 4) : k + 5] if len(t.raw) > 3]
        return len(around) >= 5 and all(t.raw[0].isupper() for t in around)

    def _demonym(self, low: str) -> bool:
        """A word for people of a country ("ecuadoreans", "bruneians"): not an identifier."""
        for ending in ("ians", "eans", "ans", "ian", "ean", "an", "eses", "ese", "ish", "is", "i"):
            if low.endswith(ending) and len(low) - len(ending) >= 4:
                return low[:5] in self.lex.place_prefixes
        return False

    def _initial(self, k: int) -> bool:
        """A single letter beside a name: "Mary J.", "Dr. L. Wang", "john s seen at"."""
        t = self.tokens[k]
        if len(t.raw) != 1 or not t.raw.isalpha():
            return False
        if self.cased:
            return t.raw.isupper() and (t.raw != "I" or self.text[t.end : t.end + 1] == ".")
        if t.low == "i":
            return False
        if t.low == "a":
            after = self.low(k + 1)
            return after in AFTER_INITIAL or (
                after.isalpha() and not self.lex.is_everyday(after) or after in self.lex.names
            )
        return True

    def _place_phrases(self, candidate: list[bool], why: list[str]) -> None:
        """Place names of two or three words: "new york", "south africa", "united kingdom"."""
        phrases = self.lex.place_phrases
        tokens = self.tokens
        for k in range(len(tokens) - 1):
            for size in (3, 2):
                if k + size > len(tokens):
                    continue
                words = tuple(t.low for t in tokens[k : k + size])
                if words in phrases and all(self._close(m, m + 1) for m in range(k, k + size - 1)):
                    if self.cased and not all(t.capital for t in tokens[k : k + size]):
                        continue
                    for m in range(k, k + size):
                        candidate[m], why[m] = True, "place name"
                    break

    def _close(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        return len(gap) <= 2 and "\n" not in gap and not any(c in gap for c in ".!?;:")

    def _named_after_cue(self, k: int) -> bool:
        prev = self.low(k - 1)
        if prev in TITLES or (prev in SPEECH_CUES and (not self.cased or self.tokens[k].capital)):
            return True
        return (prev,) in NAME_CUES or (self.low(k - 2), prev) in NAME_CUES

    def _eponym(self, k: int) -> bool:
        nxt = self.low(k + 1)
        if nxt in EPONYM_NEXT:
            return True
        raw = self.tokens[k].raw
        return raw.endswith(("'s", "’s")) and self.low(k + 1) in EPONYM_NEXT | {"disease"}

    def _name_or_place(self, k: int) -> str:
        low = self.low(k)
        lex = self.lex
        prev = self.low(k - 1)
        if self.low(k + 1) in FACILITY or prev in {"village", "town", "city", "county", "district"}:
            return "LOCATION"
        if prev in TITLES or self._named_after_cue(k):
            return "NAME"
        if low in lex.places and (low not in lex.names or prev in PLACE_CUES - {"of", "to"}):
            return "LOCATION"
        if low in lex.names:
            return "NAME"
        if prev in PLACE_CUES - {"of", "to"}:
            return "LOCATION"
        return "NAME"

    def _titles_connectors_facilities(self) -> None:
        tokens = self.tokens
        n = len(tokens)
        for k in range(n):
            if self.kind[k] not in ("NAME", "LOCATION"):
                continue
            # A title before a name is part of it ("Dr. Smith", "mama wanjiru").
            p = k - 1
            if p >= 0 and self.kind[p] is None and self.low(p) in TITLES and self._close_title(p, k):
                self.mark(p, self.kind[k], "title before a name", self.source[k])
            # Facility words after a place ("Houston Clinic", "UCLA Med Center").
            q = k + 1
            while q < n and self.kind[q] is None and self.low(q) in FACILITY and self._close(q - 1, q):
                self.kind[q], self.rule[q], self.source[q] = "LOCATION", "name of a place", self.source[k]
                if self.kind[k] == "NAME":
                    self.kind[k] = "LOCATION"
                q += 1
        for k in range(1, n - 1):
            if self.kind[k] is not None or self.kind[k - 1] is None or self.kind[k + 1] is None:
                continue
            low = self.low(k)
            if (
                low in CONNECTORS
                and self.kind[k - 1] in ("NAME", "LOCATION")
                and self.kind[k + 1] in ("NAME", "LOCATION")
            ):
                self.mark(k, self.kind[k - 1], "part of a name", self.source[k - 1])
            elif (
                low in {"and", "&"}
                and self._spaced(k - 1, k)
                and (
                    {self.kind[k - 1], self.kind[k + 1]} <= {"LOCATION", "ADDRESS"}
                    or (k >= 2 and self.kind[k - 2] is not None and self._joinable(k - 2, k - 1))
                )
            ):  # "Compliance And Risks", "jones smith and davis"
                self.mark(k, "LOCATION", "part of a name", self.source[k - 1])  # "Compliance And Risks"

    def _facility_names(self) -> None:
        """The words before a facility's kind name it: "ucla medical center", "city hospital".

        Walks back from the kind ("hospital", "clinic", ...) over up to four words: the word right
        before it whatever it is ("methodist hospital"), then names, places, rare or capitalised words
        and generic ones ("general", "medical"). A name made only of generic words counts unless a
        determiner shows it is a common noun: "admitted to city hospital" names a place, "the district
        hospital" and "my clinic" do not. "Health" is a kind only after a name ("ucla health"), never
        in "mental health". The place after "of" or "in" joins the name ("children's hospital of
        philadelphia").
        """
        tokens = self.tokens
        n = len(tokens)
        for k, t in enumerate(tokens):
            organisation = self.cased and t.capital and not t.sentence_start and t.low in ORG_HEADS
            if t.low not in FACILITY_HEADS and not organisation:
                continue
            if k == 0 or self.kind[k] not in (None, "LOCATION", "NAME"):
                continue
            start = k
            while start - 1 >= 0 and k - start < 4:
                if self._facility_word(start - 1, first=start == k):
                    start -= 1
                elif (
                    self.cased
                    and start == k
                    and self.low(start - 1) == "and"
                    and start >= 2
                    and self._facility_word(start - 2, first=False)
                    and self._spaced(start - 2, start - 1)
                ):
                    start -= 2  # "Otieno and Sons", "Kamau and Associates"
                else:
                    break
            if start == k:
                continue
            named = [m for m in range(start, k) if tokens[m].low not in GENERIC_FACILITY]
            if organisation and not named:
                continue  # "Health Insurance" names no one
            determiner = self.low(start - 1) in DETERMINERS
            after_place = None if organisation else self._place_after(k)
            if not named and (determiner or t.low in {"health", "care"}) and after_place is None:
                continue
            end = after_place if after_place is not None else k
            for m in range(start, end + 1):
                if self.kind[m] is None or self.kind[m] in ("NAME", "LOCATION"):
                    self.kind[m], self.rule[m], self.source[m] = "LOCATION", "name of a facility", "model"
        for k in range(1, n):
            # "St. Brigid's", "Saint Mary's": a saint's name with a possessive is a hospital, a
            # school or a church, and the "'s" is part of its name.
            saint = self.low(k - 1) in {"st", "saint"} and (not self.cased or tokens[k - 1].capital)
            if saint and self.kind[k] in ("NAME", "LOCATION") and tokens[k].raw.endswith(("'s", "’s")):
                for m in (k - 1, k):
                    self.kind[m], self.rule[m], self.source[m] = "LOCATION", "name of a facility", "model"
        for k in range(n):
            # "health care" ends the name it follows ("stanford health care").
            if self.low(k) == "care" and self.low(k - 1) == "health" and self.kind[k - 1] == "LOCATION":
                self.mark(k, "LOCATION", "name of a facility", "model")

    def _after_place_cues(self) -> None:
        """Everyday words between "at", "to", "from" and a place join it: "at cedars sinai", "at ucla
        medical center". Spoken text has no capitals to show they are part of the name."""
        if self.cased:
            return
        tokens = self.tokens
        for k, t in enumerate(tokens):
            if t.low not in {"at", "to", "from", "in", "near"}:
                continue
            m = k + 1
            while m < len(tokens) and m - k <= 2 and self.kind[m] is None and self._joinable(m - 1, m):
                if tokens[m].low in FUNCTION_WORDS or tokens[m].digits or tokens[m].low in DETERMINERS:
                    break
                m += 1
            if m == k + 1 or m >= len(tokens) or self.kind[m] != "LOCATION" or not self._joinable(m - 1, m):
                continue
            for q in range(k + 1, m):
                self.mark(q, "LOCATION", "part of a place's name", self.source[m])

    def _facility_word(self, m: int, first: bool) -> bool:
        t = self.tokens[m]
        ampersand = self.text[t.end : self.tokens[m + 1].start] == " & "  # "Brigham & Women's"
        if not (self._close(m, m + 1) or ampersand) or t.digits:
            return False
        if t.low in FUNCTION_WORDS or t.low in TITLES - {"st"}:
            return False
        if self.kind[m] not in (None, "NAME", "LOCATION") or len(t.low) == 1:
            return False
        if self.cased:
            return t.capital
        if first or t.low in GENERIC_FACILITY or t.low in FACILITY or t.low in {"st", "saint", "mount", "mt"}:
            return True
        return self.kind[m] is not None or not self.lex.is_everyday(t.low) or t.low in self.lex.places

    def _place_after(self, k: int) -> int | None:
        """The last word of a place named right after a facility ("... hospital of philadelphia")."""
        m = k + 1
        if self.low(m) in {"of", "in"}:
            m += 1
        if m >= len(self.tokens) or self.kind[m] != "LOCATION" or not self._close(k, k + 1):
            return None
        while m + 1 < len(self.tokens) and self.kind[m + 1] == "LOCATION" and self._close(m, m + 1):
            m += 1
        return m

    def _close_title(self, p: int, k: int) -> bool:
        gap = self.text[self.tokens[p].end : self.tokens[k].start]
        if gap == " ":
            return True
        return gap in {". ", "."} and self.low(p) in ABBREVIATED_TITLES  # "Dr. Smith", not "father. Jomo"

    # -- addresses --------------------------------------------------------------------------------

    def spoken_numbers_near(self, k: int) -> bool:
        return self.tokens[k].digits or self._is_number_word(k)

    def addresses(self) -> None:
        """Numbers beside street words, names or places: house numbers, postcodes, flat numbers."""
        tokens = self.tokens
        n = len(tokens)
        for k in range(n):
            if self.kind[k] is not None or not self.spoken_numbers_near(k):
                continue
            near = [m for m in (k - 2, k - 1, k + 1, k + 2) if 0 <= m < n]
            if any(self.low(m) in STREET for m in near) or any(
                self.kind[m] in ("LOCATION", "ADDRESS")
                or (self.kind[m] == "NAME" and self.rule[m] != "title before a name")
                for m in near
                if abs(m - k) == 1
            ):
                self._address_run(k)
        numeric = ("ADDRESS", "LOCATION", "ID", "PHONE")
        for k in range(n):
            if self.kind[k] is None and self.low(k) in STREET:
                if any(self.kind[m] in numeric for m in (k - 1, k + 1) if 0 <= m < n) or (
                    k > 0 and self.kind[k - 1] == "NAME" and self.low(k) in STREET_NAMES
                ):
                    self.mark(k, "ADDRESS", "street address")
                    if self.low(k) == "o" or self.low(k - 1) == "p":
                        self.mark(k - 1, "ADDRESS", "street address")
        for k in range(1, n - 1):
            # Short words inside an address belong to it: "rue de la Hulotais", "Piroska u. 97".
            if (
                self.kind[k] is None
                and len(self.low(k)) <= 3
                and not self.tokens[k].digits
                and self.kind[k - 1] in ("ADDRESS", "LOCATION", "NAME")
                and self.kind[k + 1] in ("ADDRESS", "LOCATION", "NAME")
                and "ADDRESS" in (self.kind[k - 1], self.kind[k + 1])
                and self._joinable(k - 1, k)
                and self._joinable(k, k + 1)
            ):
                self.mark(k, "ADDRESS", "street address")
        for k in range(1, n - 1):
            if self.low(k - 1) == "p" and self.low(k) == "o" and self.low(k + 1) == "box":  # "P.O. Box"
                for m in (k - 1, k, k + 1):
                    self.mark(m, "ADDRESS", "street address")
        for k in range(n):
            if self.low(k) == "corner" and self.low(k + 1) == "of":
                # "the corner of 74 Sikelianou Street and Radolic Harbor"
                end = min(n, k + 10)
                if any(self.kind[m] is not None for m in range(k + 2, end)):
                    for m in (k - 1, k, k + 1):
                        if self.low(m) in {"the", "corner", "of"}:
                            self.mark(m, "ADDRESS", "street address")
                    for m in range(k + 2, end):
                        if self.low(m) == "and" and self.kind[m - 1] and self.kind[m + 1 if m + 1 < n else m]:
                            self.mark(m, "ADDRESS", "street address")
                    self._corner_street(k + 2, end)

    def address_parts(self) -> None:
        """The parts of an address that are not numbers beside street words: a street named after
        its kind ("Rue des Peupliers", "ul. Kwiatowa 17"), a street word after a name ("Solbakken gate
        14"), the little words inside names ("São José do Rio Preto"), the town and region lines below
        a street ("Suite 4 / Okotoks / , AB / Canada"), "and" between a name and the street of a
        corner, and ordinals that name a street ("212 Third Avenue")."""
        lows = [t.low for t in self.tokens]
        words = set(lows)
        # Each step looks only when its words are there: most stories hold no address at all.
        if not words.isdisjoint(STREET_FIRST):
            self._streets_named_after_kind()
        self._streets_named_before_kind(lows, words)
        if not words.isdisjoint(PARTICLES):
            self._particles(lows)
        kinds = set(self.kind)
        if not kinds.isdisjoint(("ADDRESS", "ID", "PHONE")) or not words.isdisjoint(STREET):
            self._address_lines()
        for k in range(len(self.tokens) - 1) if not words.isdisjoint(SHIP_PREFIXES) else ():
            # "USNS Comfort, FPO AA 34055": a ship's name is the address of those aboard.
            if lows[k] in SHIP_PREFIXES and self._joinable(k, k + 1):
                nxt = self.tokens[k + 1]
                if self.kind[k + 1] in ("NAME", "LOCATION") or (self.cased and nxt.capital):
                    for m in (k, k + 1):
                        self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
        if "and" not in words or "ADDRESS" not in self.kind:
            return
        for k in range(1, len(self.tokens) - 1):
            # "Amani and ul. Lipowa 9", "Kimathi Street and Biashara Street": "and" at a corner.
            if (
                lows[k] == "and"
                and self.kind[k] is None
                and self.kind[k - 1] in ("NAME", "LOCATION", "ADDRESS")
                and self.text[self.tokens[k - 1].end : self.tokens[k].start] == " "
                and self._joinable(k, k + 1)
                and self._street_begins(k + 1)
            ):
                self.mark(k, "ADDRESS", "street address")

    def _street_begins(self, k: int) -> bool:
        """Whether a street address with its house number begins at word k ("ul. Lipowa 9")."""
        for m in range(k, min(k + 5, len(self.tokens))):
            if m > k and not self._joinable(m - 1, m):
                return False
            if self.kind[m] == "ADDRESS" and (self.tokens[m].digits or self._is_number_word(m)):
                return True
            if self.kind[m] is None and self.low(m) not in PARTICLES | STREET_FIRST | STREET:
                return False
        return False

    def _spaced(self, a: int, b: int) -> bool:
        """Words a and b are set apart by one or two spaces only."""
        return self.text[self.tokens[a].end : self.tokens[b].start] in (" ", "  ")

    def _in_address(self, k: int, back: int = 8) -> bool:
        """Whether an address (a house, flat or box number beside a street word or a name) was
        written in the few words before word k."""
        for m in range(max(0, k - back), k):
            if self.kind[m] == "ADDRESS" or (self.kind[m] is not None and self.low(m) in STREET):
                return True  # "... 410 Birchwood Drive", where the street's words read as a place
            if m > 0 and self.tokens[m].digits and self.kind[m] in ("ID", "PHONE"):
                # "Vestergade 1204": a long house number reads as a number, but follows a street's name
                if self.kind[m - 1] in ("NAME", "LOCATION") or self.low(m - 1) in STREET:
                    return True
        return False

    def _number_before(self, k: int) -> bool:
        p = k - 1
        return p >= 0 and self._joinable(p, k) and (self.tokens[p].digits or self._is_number_word(p))

    def _streets_named_after_kind(self) -> None:
        tokens = self.tokens
        n = len(tokens)
        for k in range(n):
            low = self.low(k)
            if low not in STREET_FIRST or self.kind[k] not in (None, "NAME", "LOCATION", "ADDRESS"):
                continue
            numbered = self._number_before(k)
            if low in STREET_FIRST_SHY and not numbered and not (self.cased and tokens[k].capital):
                continue
            last = None
            j = k + 1
            # "ul. Lipowa", then the words of the name with nothing but spaces between them
            while j < n and j - k <= 5 and (self._spaced(j - 1, j) or j == k + 1 and self._joinable(k, j)):
                t = tokens[j]
                if t.digits or self._is_number_word(j) or t.low in STREET:
                    break
                if t.low in PARTICLES and (not self.cased or t.raw.islower()):
                    j += 1
                    continue
                if (
                    self.kind[j] in ("NAME", "LOCATION", "ADDRESS")
                    or (self.cased and t.capital)
                    or (numbered and t.raw.isalpha() and not self.lex.is_everyday(t.low))
                ):
                    last = j
                    j += 1
                    continue
                break
            if last is None:
                continue
            start = k
            while numbered and start - 1 >= 0 and self.kind[start - 1] in (None, "ID", "PHONE", "ADDRESS"):
                if not (tokens[start - 1].digits or self._is_number_word(start - 1)):
                    break
                start -= 1  # the house number: "1208 Rue des Peupliers" (read as a number before)
            for m in range(start, last + 1):
                if self.kind[m] in (None, "NAME", "LOCATION", "ID", "PHONE"):
                    self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
            if last + 1 < n and self._joinable(last, last + 1) and self.spoken_numbers_near(last + 1):
                self._address_run(last + 1)

    def _streets_named_before_kind(self, lows: list[str], words: set[str]) -> None:
        tokens = self.tokens
        n = len(tokens)
        for k in range(1, n) if not words.isdisjoint(STREET_AFTER) else ():
            low = lows[k]
            if low not in STREET_AFTER or self.kind[k] is not None:
                continue
            if self.kind[k - 1] not in ("NAME", "LOCATION", "ADDRESS") or not self._joinable(k - 1, k):
                continue
            if low == "u" and self.text[tokens[k].end : tokens[k].end + 1] != ".":
                continue  # Hungarian "u." for utca is written with its full stop
            number_after = k + 1 < n and self._joinable(k, k + 1) and self.spoken_numbers_near(k + 1)
            if number_after or (low != "u" and self._in_address(k)):
                self.mark(k, "ADDRESS", "street address")
                if number_after:
                    self._address_run(k + 1)
        for k in range(2, n) if not words.isdisjoint(STREET_ENDS) else ():
            # "four one maple crescent", "one four acacia street": a house number, one or two words and
            # a street word; a transcript has no capitals to show the words are the street's name.
            if lows[k] not in STREET_ENDS or self.kind[k] not in (None, "NAME", "LOCATION", "ADDRESS"):
                continue
            for size in (1, 2):
                first = k - size
                if first < 1 or not self._number_before(first):
                    continue
                street = range(first, k + 1)
                spaced = all(self._spaced(m - 1, m) for m in street)
                if spaced and all(self._street_name_word(m) for m in street[:-1]):
                    self._address_run(first - 1)
                    for m in street:
                        if self.kind[m] in (None, "NAME", "LOCATION"):
                            self.kind[m], self.rule[m], self.source[m] = (
                                "ADDRESS",
                                "street address",
                                "pattern",
                            )
                    break
        for k in range(n - 1) if not words.isdisjoint(STREET_NAMES) else ():
            # "212 Third Avenue", "5th Street": an ordinal names the street.
            if lows[k + 1] not in STREET_NAMES:
                continue
            t = tokens[k]
            ordinal = t.low in ORDINALS or (t.digits and t.low[-2:] in SUFFIXES and t.low[:-2].isdigit())
            if not ordinal or self.low(k + 1) not in STREET_NAMES or not self._joinable(k, k + 1):
                continue
            if self._number_before(k) or (self.cased and t.capital) or t.digits:
                for m in (k, k + 1):
                    if self.kind[m] in (None, "DATE"):
                        self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
                if self._number_before(k):
                    self._address_run(k - 1)

    def _street_name_word(self, m: int) -> bool:
        """Whether word m can be (part of) a street's name between its number and its kind."""
        t = self.tokens[m]
        low = t.low
        if self.kind[m] not in (None, "NAME", "LOCATION") or not t.raw.isalpha() or self._is_number_word(m):
            return False
        return low not in FUNCTION_WORDS and low not in DETERMINERS and low not in UNITS and low not in STREET

    def _particles(self, lows: list[str]) -> None:
        """Join the little words inside a name of places or streets ("São José do Rio Preto")."""
        tokens = self.tokens
        n = len(tokens)
        k = 1
        while k < n - 1:
            if lows[k] not in PARTICLES or self.kind[k] is not None or self.kind[k - 1] is None:
                k += 1
                continue
            j = k
            while j < n and j - k < 3 and self.kind[j] is None and self.low(j) in PARTICLES:
                j += 1
            before, after = self.kind[k - 1], self.kind[j] if j < n else None
            named = ("NAME", "LOCATION", "ADDRESS", "ID")  # "... do Sul, RS": "Sul, RS" read as a code
            joined = all(self._joinable(m, m + 1) for m in range(k - 1, j))
            if self.cased:
                shaped = all(tokens[m].raw.islower() for m in range(k, j)) and j < n and tokens[j].capital
                shaped = shaped and tokens[k - 1].capital
            else:
                shaped = bool({before, after} & {"LOCATION", "ADDRESS"})
            if joined and shaped and before in named and after in named:
                kind = "ADDRESS" if "ADDRESS" in (before, after) else "LOCATION"
                kind = "NAME" if before == after == "NAME" else kind
                for m in range(k, j):
                    self.mark(m, kind, "part of a name", self.source[k - 1])
            k = j + 1

    def _address_lines(self) -> None:
        """The town and region written after a street ("..., Recife, PE, Brazil 50030"): a
        capitalised town between address lines, and a short region code or an empty field after
        the town."""
        tokens = self.tokens
        n = len(tokens)
        for k in range(1, n):
            t = tokens[k]
            if self.kind[k] is not None or t.digits or not t.raw.isalpha():
                continue
            prev = self.kind[k - 1]
            if prev not in ("NAME", "LOCATION", "ADDRESS") or not self._in_address(k, 10):
                continue
            gap_before = self.text[tokens[k - 1].end : t.start]
            gap_after = self.text[t.end : tokens[k + 1].start] if k + 1 < n else "\n"
            if len(gap_before.strip()) > 1 or len(gap_after.strip()) > 1:
                continue  # fields are set apart by spaces, new lines and a comma at most
            field_end = k + 1 >= n or any(c in gap_after for c in ",\n") or "  " in gap_after
            field_end = field_end or tokens[k + 1].digits
            next_kind = self.kind[k + 1] if k + 1 < n else None
            if len(t.raw) <= 3:
                # "Recife, PE, Brazil": a region's code, even one that is medical shorthand elsewhere;
                # but "five mcg dl" is a measurement.
                code = t.raw.isupper() if self.cased else t.low not in FUNCTION_WORDS | MEDICAL_TERMS
                code = code and t.low not in UNITS and self.low(k - 1) not in UNITS
                empty = t.low in {"nan", "nil", "na"}  # a field left empty in an export
                if (code or empty) and (field_end or next_kind in ("NAME", "LOCATION", "ADDRESS")):
                    self.mark(k, "ADDRESS", "street address")
                    if k + 1 < n and self.kind[k + 1] is None and tokens[k + 1].digits:
                        self._address_run(k + 1)  # the postcode after the region: "Aalborg nan 9000"
            elif (
                self.cased
                and t.capital
                and prev == "ADDRESS"
                and any(c in gap_before + gap_after for c in ",\n")
                and (next_kind in ("NAME", "LOCATION", "ADDRESS") or field_end)
            ):
                self.mark(k, "LOCATION", "town of an address")

    def _corner_street(self, begin: int, end: int) -> None:
        """The second street of "the corner of 12 Ngong Road and Silver Oak Close": after "and", up to
        three words of a street's name whatever they are, once the first street was an address."""
        for m in range(begin, end):
            if self.low(m) != "and":
                continue
            if not any(self.kind[q] == "ADDRESS" for q in range(begin, m)) or self.kind[m - 1] is None:
                return
            self.mark(m, "ADDRESS", "street address")
            q = m + 1
            while q < len(self.tokens) and q - m <= 3 and self._spaced(q - 1, q):
                if not (self._street_name_word(q) or self.kind[q] is None and self.low(q) in STREET):
                    break
                self.mark(q, "ADDRESS", "street address")
                q += 1
            return

    def _address_run(self, k: int) -> None:
        while k - 1 >= 0 and self.kind[k - 1] is None and self.spoken_numbers_near(k - 1):
            k -= 1  # "one four moi avenue": the whole house number
        j = k
        while j < len(self.tokens) and self.kind[j] is None and self.spoken_numbers_near(j):
            self.mark(j, "ADDRESS", "street address")
            j += 1

    # -- spans ------------------------------------------------------------------------------------

    def spans(self) -> list[Detection]:
        out: list[Detection] = []
        tokens = self.tokens
        k = 0
        while k < len(tokens):
            kind = self.kind[k]
            if kind is None:
                k += 1
                continue
            j = k
            while j + 1 < len(tokens) and self.kind[j + 1] == kind and self._joinable(j, j + 1):
                j += 1
            end = tokens[j].end
            raw = tokens[j].raw
            if raw.endswith(("'s", "’s")) and kind == "NAME":
                end -= 2  # "[NAME]'s": the possessive identifies no one
            if (
                kind == "NAME"
                and self.low(j) in TITLES
                and j + 1 < len(tokens)
                and self.text[end : end + 1] == "."
            ):
                end += 1
            if tokens[j].raw and len(tokens[j].raw) == 1 and self.text[end : end + 1] == ".":
                end += 1  # an initial's full stop
            start = tokens[k].start
            if kind in ("PHONE", "ID") and start > 0 and self.text[start - 1] in "+#":
                start -= 1  # "+254 722 ...", "#R-987654"
            out.append(Detection(start, end, kind, self.source[k] or "pattern", self.rule[k]))
            k = j + 1
        return out

    def _joinable(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        return len(gap) <= 3 and "\n" not in gap


def _spoken_value(words: list[str]) -> int | None:
    """The value of a number in digits or words, when it reads as one ("nineteen fifty two" = 1952)."""
    if all(w.isdigit() for w in words):
        joined = "".join(words)
        return int(joined) if joined and len(joined) <= 6 else None
    groups: list[int] = []
    current = None
    for w in words:
        if w in DIGITS:
            if current is not None and current % 10 == 0 and current >= 20 and current < 100:
                current += DIGITS[w]
            else:
                if current is not None:
                    groups.append(current)
                current = DIGITS[w]
        elif w in TEENS:
            if current is not None:
                groups.append(current)
            current = _TEEN_VALUE[w]
        elif w in TENS:
            if current is not None:
                groups.append(current)
            current = _TENS_VALUE[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            current = (current or 1) * 1000
        elif w == "and":
            continue
        elif w.isdigit():
            if current is not None:
                groups.append(current)
            current = int(w)
        else:
            return None
    if current is not None:
        groups.append(current)
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    # "two thousand nineteen": a thousand-group followed by the rest adds up.
    if groups[0] >= 1000 and len(groups) == 2:
        return groups[0] + groups[1]
    if groups[0] >= 1000 and len(groups) == 3 and groups[1] >= 100:
        return groups[0] + groups[1] + groups[2]
    # "nineteen fifty two" = 19 | 52; "one nine seven seven" = 1 9 7 7; "twenty twenty three".
    if all(g < 10 for g in groups):
        return int("".join(str(g) for g in groups))
    if len(groups) == 2 and 10 <= groups[0] <= 99 and groups[1] <= 99:
        return groups[0] * 100 + groups[1]
    if len(groups) == 3 and 10 <= groups[0] <= 99 and groups[1] % 10 == 0 and groups[2] < 10:
        return groups[0] * 100 + groups[1] + groups[2]
    return None


_TEEN_VALUE = {w: 10 + n for n, w in enumerate("ten eleven twelve thirteen fourteen".split())}
_TEEN_VALUE |= {w: 15 + n for n, w in enumerate("fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TENS_VALUE = {w: 20 + 10 * n for n, w in enumerate(_TENS)}
