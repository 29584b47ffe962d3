"""Names of people, places and facilities: word lists, capitals, titles and cues."""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import FUNCTION_WORDS
from .reading import Reading
from .words import (
    ABBREVIATED_TITLES,
    ACRONYM_CUES,
    AFTER_INITIAL,
    CAPITALISED_COMMON,
    CONNECTORS,
    CURRENCIES,
    DETERMINERS,
    EPONYM_NEXT,
    FACILITY,
    FACILITY_HEADS,
    GENERIC_FACILITY,
    HEADING_WORDS,
    ID_CUES,
    INFLECTED,
    MEDICAL_SHAPE,
    MEDICAL_TERMS,
    MONTHS,
    NAME_CUES,
    NUMBERED_LABELS,
    ORG_HEADS,
    ORIGINS,
    PLACE_CUES,
    SPEECH_CUES,
    STREET,
    TITLES,
    UNITS,
    WEEKDAYS,
    WORD_SHAPE,
)


@cache
def _first_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The words the place names of several words start with."""
    return frozenset(phrase[0] for phrase in phrases)


class Names(Reading):
    """Names of people, places and facilities: word lists, capitals, titles and cues."""

    # -- names and places -------------------------------------------------------------------------

    def names_and_places(self) -> None:
        tokens = self.tokens
        lex = self.lex
        n = len(tokens)
        candidate = [False] * n
        why = [""] * n
        eponyms = not EPONYM_NEXT.isdisjoint(self.lows)  # (an eponym needs its kind: "syndrome")
        for k, t in enumerate(tokens):
            low = t.low
            if self.kind[k] is not None or t.digits or len(low) < 2 and not (t.capital and self.cased):
                continue
            if low in CAPITALISED_COMMON or low in MONTHS or low in WEEKDAYS or low in TITLES:
                continue
            if eponyms and self._eponym(k):
                continue
            if low in MEDICAL_TERMS or MEDICAL_SHAPE.search(low) and low not in lex.names:
                continue
            if low in CURRENCIES and any(0 <= m < n and tokens[m].digits for m in (k - 1, k + 1)):
                continue  # "Rs 40,000": a currency beside its amount
            if low in UNITS and k > 0 and (tokens[k - 1].digits or self._is_number_word(k - 1)):
                continue  # "five mcg": a unit after a number, whatever a list of names holds
            if self._slash_shorthand(k):
                continue  # "I/Os", "N/V", "s/p": pieces of shorthand joined by a slash
            cue = self._named_after_cue(k)
            if low in lex.medicines and not cue:
                continue  # "LASIX", "Coartem", "dextrose": a medicine names no one
            if len(low) < 2 and self.text[t.end : t.end + 1] != ".":
                continue  # a letter alone ("70 y/o M", "K 4.1"): an initial only with its full stop
            if self.cased and not t.capital and not cue and not self._lower_case_pair(k):
                if not self._lower_case_name(k):
                    continue  # written text spells names with a capital: a lower-case word is a word
                candidate[k], why[k] = True, "name in lower case"
                continue
            if (
                self.cased
                and t.raw.isupper()
                and self._heading(k)
                and (low not in lex.names or low in lex.dictionary)
            ):
                continue  # "PREOPERATIVE DIAGNOSIS:", "HIV CLINIC NOTE": a heading names no one
            listed = (low in lex.names or low in lex.places) and low not in lex.ambiguous
            if low in lex.languages and not self._named_after_cue(k):
                continue  # "Amharic", "Wolof", "Spanish": a language names no one
            foreign = not t.raw.isascii() and len(low) >= 3 and not lex.is_everyday(low)
            if foreign and (t.capital or not self.cased):
                candidate[k], why[k] = True, "rare word"  # a name in another script: "ΠΑΦΟΣ", "Ørsta"
                continue
            if self.cased and (t.capital or t.raw.isupper()) and len(low) >= 2 and self._before_degree(k):
                candidate[k], why[k] = True, "name before a qualification"  # "J. Obi, MD", "OKAFOR, RN"
                continue
            if self.cased and t.raw.isupper() and len(t.raw) >= 2 and k > 0 and self.low(k - 1) in TITLES:
                if self._close_title(k - 1, k) and low not in MEDICAL_TERMS:
                    candidate[k], why[k] = True, "name after a title"  # "Dr. PATEL", "Mr OTIENO"
                    continue
            if self.cased and t.raw.isupper() and len(t.raw) >= 2 and not (listed and len(low) >= 4):
                # An acronym is a place or an organisation after "at", "from" ("seen at UCSF") or
                # before a facility's kind ("NYU Langone"); otherwise shorthand ("COPD", "INR").
                if (
                    self.low(k - 1) in ACRONYM_CUES
                    or self.low(k + 1) in FACILITY | FACILITY_HEADS
                    or (len(low) >= 5 and not lex.is_everyday(low) and low not in MEDICAL_TERMS)
                    or self._postcode_beside(k)
                ):
                    candidate[k], why[k] = True, "capital letters"  # "SCHEIBBS", "WA 16469", "at UCSF"
                continue
            if listed:
                candidate[k], why[k] = True, "name list"
            elif not lex.is_everyday(low) and low.isalpha() and len(low) >= 2:
                shaped = len(low) >= 7 and WORD_SHAPE.search(low) and not (t.capital and not t.sentence_start)
                verb = len(low) >= 6 and low.endswith("ed") and low not in lex.names  # "Diuresed"
                # A dictionary's word opening a sentence, or said in a transcript ("Sputum", "afebrile")
                worded = (
                    low in lex.dictionary
                    and len(low) >= 6
                    and low not in lex.places
                    and (t.sentence_start or not self.cased)
                    and not (self.cased and k + 1 < n and tokens[k + 1].capital and self._close(k, k + 1))
                )
                if (
                    shaped
                    or verb
                    or worded
                    or _shorthand_case(t.raw)
                    or self._demonym(low)
                    or low in lex.languages
                ):
                    continue  # (a capital in running text outweighs the shape: "Simpletuition")
                candidate[k], why[k] = True, "rare word"
            elif low in lex.ambiguous and (cue or (self.cased and t.capital and not t.sentence_start)):
                candidate[k], why[k] = True, "name after a cue" if cue else "capital letter"
            elif self.cased and t.capital and self._after_title_or_initial(k, candidate):
                # "Mrs. Weeks", "Halima W. Mills": the full stop of a title or an initial ends
                # no sentence, and the capital after it is a surname's, however common the word.
                candidate[k], why[k] = True, "name after a title"
            elif self.cased and t.capital and (low in ORIGINS or self._numbered_label(k)):
                continue  # "Hispanic", "Type 1", "Class III": an origin or a label with its number
            elif self.cased and t.capital and self.text[t.end : t.end + 1] == ":" and lex.is_everyday(low):
                continue  # "Admitted: 03/14", "Allergies:": the label of a field, a word of the dictionary
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
                elif self._initial(k) and k + 1 < n and why[k + 1] == "name before a qualification":
                    if self.text[t.end : tokens[k + 1].start] in (". ", "."):
                        candidate[k], why[k] = True, "initial"  # "J. Obi, MD"
                continue
            if t.low in STREET or t.low in FACILITY:
                continue  # "Moi Avenue", "Kisumu Hospital": the address and facility passes take these
            neighbours = [m for m in (k - 1, k + 1) if 0 <= m < n and candidate[m]]
            if self._label_beside(k, neighbours):
                continue  # "Ann Oduya   MRN: 4471", "Ann Oduya (HCP)": shorthand beside a name
            # "visited grace wanjiku": a name that is also a word, beside a name typed in lower case
            lower_pair = (
                self.cased and not t.capital and any(why[m] == "name in lower case" for m in neighbours)
            )
            if t.low in lex.ambiguous and (not self.cased or t.capital or lower_pair):
                candidate[k], why[k] = True, "beside a name"
            elif self.cased and t.capital and not t.sentence_start and t.low not in CAPITALISED_COMMON:
                # "Hicks and Brown", "Climate Corporation", "Austin, TX", and a qualification after a
                # name ("Grace Otoo, DDS"): labelled data counts it as part of the name
                candidate[k], why[k] = True, "beside a name"
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

    def _label_beside(self, k: int, neighbours: list[int]) -> bool:
        """A short word in capitals beside a name written in small letters, set apart by more than a
        space or a comma (the spaces of a form, a bracket): the shorthand or label of a record ("MRN",
        "HCP"), where a qualification follows its name after a comma ("Grace Otoo, DDS"), a region's
        code its town after a space, and a name in capitals has all its words in capitals."""
        t = self.tokens[k]
        if not (t.raw.isupper() and t.raw.isalpha() and 2 <= len(t.raw) <= 5):
            return False  # (an initial is one letter: "Ruth R Montez")
        if any(self.tokens[m].raw.isupper() for m in neighbours):
            return False
        for m in neighbours:
            a, b = min(m, k), max(m, k)
            gap = self.text[self.tokens[a].end : self.tokens[b].start]
            if gap in (" ", ", ", ". "):
                return False  # "Kevin Veitonen II", "Aalborg NO 9100", "Grace Otoo, DDS"
        return True

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
        """Two names side by side typed in lower case ("follow up with benjamin a seiler"), one of
        them a listed name; not two medicines ("dextrose, kayexalate")."""
        lex = self.lex

        def name_like(m: int) -> bool:
            low = self.low(m)
            raw = self.tokens[m].raw
            return (
                bool(low)
                and low.isalpha()
                and not (raw.isupper() and len(raw) <= 5)  # shorthand beside a word: "edema BLE"
                and low not in lex.everyday
                and low not in lex.medicines
                and low not in MEDICAL_TERMS
                and (low in lex.names or len(low) > 3)
            )

        if not name_like(k):
            return False
        for m in (k - 1, k + 1, k - 2, k + 2):
            if (
                0 <= m < len(self.tokens)
                and name_like(m)
                and (self.low(m) in lex.names or self.low(k) in lex.names or self.tokens[m].capital)
                and (abs(m - k) == 1 or len(self.low((m + k) // 2)) == 1)
                and self._close(min(m, k), max(m, k))
            ):
                return True
        return False

    def _slash_shorthand(self, k: int) -> bool:
        """Word k, of three letters or fewer, is joined by a slash to another as short: shorthand."""
        t = self.tokens[k]
        if len(t.low) > 3 or (t.low in self.lex.names and t.low not in self.lex.ambiguous):
            return False  # "Tom/Ann": two names
        before = k > 0 and self.text[self.tokens[k - 1].end : t.start] == "/" and len(self.low(k - 1)) <= 3
        after = (
            k + 1 < len(self.tokens)
            and self.text[t.end : self.tokens[k + 1].start] == "/"
            and len(self.low(k + 1)) <= 3
        )
        return before or after

    def _numbered_label(self, k: int) -> bool:
        """Word k is a kind or a stage before its number or roman numeral ("Type 1", "Class III")."""
        nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        if self.low(k) not in NUMBERED_LABELS or nxt is None or not self._spaced(k, k + 1):
            return False
        return nxt.raw.isdecimal() or nxt.raw in {"I", "II", "III", "IV", "V", "VI", "A", "B", "C"}

    def _lower_case_name(self, k: int) -> bool:
        """A listed name typed in lower case in written text ("visited wanjiku at home"): no
        dictionary word, no everyday or medical word."""
        low = self.low(k)
        lex = self.lex
        return (
            len(low) >= 4
            and low.isalpha()
            and low in lex.names
            and low not in lex.everyday
            and low not in lex.dictionary
            and low not in lex.medicines
            and low not in MEDICAL_TERMS
            and not MEDICAL_SHAPE.search(low)
        )

    def _heading(self, k: int) -> bool:
        """Whether word k is in a heading or a field's label: a line in capitals of everyday and
        medical words ("DISCHARGE SUMMARY", "HIV CLINIC NOTE"), or capitals before a colon
        ("PREOPERATIVE DIAGNOSIS:")."""
        text = self.text
        t = self.tokens[k]
        start = text.rfind("\n", 0, t.start) + 1
        end = text.find("\n", t.end)
        end = len(text) if end < 0 else end
        if end - start > 120:
            return False
        line = text[start:end]
        label = line[: line.find(":")] if ":" in line else ""
        if label and t.end - start <= len(label) and label.upper() == label:
            return True
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", line)]
        return (
            bool(words)
            and line.upper() == line
            and any(w in HEADING_WORDS for w in words)
            and all(self.lex.is_everyday(w) or w in MEDICAL_TERMS or w in self.lex.dictionary for w in words)
        )

    def _postcode_beside(self, k: int) -> bool:
        """A town or region in capitals beside a postcode or a suite number ("WA 16469", "Suite 603\n
        SMITH'S GREEN", "12345-NYP"), not shorthand beside its value ("SBP 180", "RR 24": medical terms
        are out before this) nor a heading after a date ("1951\nADMISSION": an everyday word)."""
        low = self.low(k)
        if self.lex.is_everyday(low) and low not in self.lex.names and low not in self.lex.places:
            return False
        if low in ID_CUES or self.text[self.tokens[k].end : self.tokens[k].end + 1] == ":":
            return False  # "MRN 4471", "ACCT: 4471": the label of a record's number, not a town
        return any(
            0 <= m < len(self.tokens) and self.tokens[m].raw.isdecimal() and len(self.tokens[m].raw) >= 3
            for m in (k - 1, k + 1)
        )

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
        firsts = _first_words(phrases)
        tokens, lows = self.tokens, self.lows
        for k in range(len(tokens) - 1):
            if lows[k] not in firsts:
                continue  # (most words start no place name)
            for size in (3, 2):
                if k + size > len(tokens):
                    continue
                words = tuple(lows[k : k + size])
                if words in phrases and all(self._close(m, m + 1) for m in range(k, k + size - 1)):
                    if self.cased and not all(t.capital for t in tokens[k : k + size]):
                        continue
                    for m in range(k, k + size):
                        candidate[m], why[m] = True, "place name"
                    break

    def _named_after_cue(self, k: int) -> bool:
        prev = self.low(k - 1)
        if prev in TITLES or (prev in SPEECH_CUES and (not self.cased or self.tokens[k].capital)):
            return True
        return (prev,) in NAME_CUES or (self.low(k - 2), prev) in NAME_CUES

    def _eponym(self, k: int) -> bool:
        """A name that names a disease, a sign or a score: the kind follows it, maybe after the other
        names and words of the eponym ("Guillain-Barré syndrome", "Framingham Risk Score",
        "von Willebrand disease", "Barrett's esophagus")."""
        for m in range(k + 1, min(k + 4, len(self.tokens))):
            t = self.tokens[m]
            gap = self.text[self.tokens[m - 1].end : t.start]
            if gap not in (" ", "-", "–"):
                return False  # the eponym is written on one line: "Allan Björk\nScale ..." is none
            if self.low(m) in EPONYM_NEXT:
                return True
            if not (t.capital or gap != " "):
                return False
        return False

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
            if self.cased and t.raw.isupper() and self._heading(k):
                continue  # "TB CLINIC", "OCCUPATIONAL HEALTH": a heading, no facility's name
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

    def _before_degree(self, k: int) -> bool:
        """Word k is followed by a comma and a clinician's degree ("Obi, MD", "Mensah, RN"): the
        signature of a note names its writer, whatever the word is (the degree takes a capital)."""
        found = DEGREE_AFTER.match(self.text, self.tokens[k].end)
        return found is not None and self.tokens[k].raw[:1].isupper()

    def _close_title(self, p: int, k: int) -> bool:
        gap = self.text[self.tokens[p].end : self.tokens[k].start]
        if gap == " ":
            return True
        return gap in {". ", "."} and self.low(p) in ABBREVIATED_TITLES  # "Dr. Smith", not "father. Jomo"


# A comma, then a clinician's degree or licence after a name, as notes sign them.
DEGREE_AFTER = re.compile(
    r",? ?(?:MD|DO|RN|NP|PA|PA-C|MBBS|MBChB|MBBCh|PhD|DDS|DMD|LPN|CNM|PharmD|BSN|MSN|DNP|APRN|CRNA|FRCS|"
    r"FRCP|MRCP|MPH|LCSW|MSW|RD|PT|DPT|OT|RPh|FNP|FNP-C|CNA|RT|RRT)\b(?![-/])"
)

NAME_PREFIXES = (
    "Mc",
    "Mac",
    "De",
    "Di",
    "Da",
    "Du",
    "Le",
    "La",
    "Van",
    "Von",
    "Fitz",
    "St",
    "Al",
    "El",
    "Ben",
    "Abu",
)


def _shorthand_case(raw: str) -> bool:
    """Capitals inside a word that no name puts there ("KCl", "HBsAb", "GeneXpert", "CrCl"), where
    names have them after a prefix ("McDonald", "DeSouza", "MacLeod", "LeBlanc")."""
    inner = [i for i, c in enumerate(raw) if c.isupper() and i > 0]
    if not inner or raw.isupper() or not raw.isalpha():
        return False
    if len(inner) == 1 and raw[: inner[0]] in NAME_PREFIXES:
        return False
    # Shorthand joins pieces of a letter or two; a company's name joins words ("MysticWeb").
    pieces = re.findall(r"[A-Z][a-z]*", raw)
    return any(len(piece) <= 2 for piece in pieces)
