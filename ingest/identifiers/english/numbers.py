"""Numbers said or written: phone numbers, IDs, years and ages of 90 and over."""

from __future__ import annotations

import re

from ..digits import NUMERIC_DATE, calendar_date, is_amount_or_measure
from .reading import Reading
from .words import (
    _TEEN_VALUE,
    _TENS_VALUE,
    AGE_AFTER,
    AGE_BEFORE,
    AGE_PEOPLE,
    CLINICAL_HISTORY,
    CURRENCIES,
    DIGITS,
    ID_CUES,
    LITERATURE,
    MEDICAL_TERMS,
    NOT_ID_LETTERS,
    PHONE_CUES,
    RECORD_CUES,
    SUFFIXES,
    TEENS,
    TENS,
    UNITS,
)


class Numbers(Reading):
    """Numbers said or written: phone numbers, IDs, years and ages of 90 and over."""

    # -- numbers ----------------------------------------------------------------------------------

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
        if ", " in gap or "%" in gap:
            return False  # "RR 24, SpO2 88", "0.005% 1": values one after another, not one number
        if tb.digits:
            return self.tokens[a].digits or self._is_number_word(a)
        if self._is_number_word(b):
            return not self.tokens[a].digits or gap.strip() == ""
        return tb.low in SUFFIXES and (self.tokens[a].digits or self._is_number_word(a))

    def _number_run(self, i: int, j: int) -> None:
        tokens = self.tokens
        words = [t.low for t in tokens[i : j + 1]]
        digit_count = sum(sum(c.isdecimal() for c in t.raw) for t in tokens[i : j + 1]) + sum(
            1 for w in words if w in DIGITS and w != "o"
        )
        has_letters = any(t.digits and any(c.isalpha() for c in t.raw) for t in tokens[i : j + 1])
        before, after = self.low(i - 1), self.low(j + 1)
        value = spoken_value(words)
        # Ages: 90 and over only.
        if (
            after in AGE_AFTER
            or before in AGE_AFTER
            or before in AGE_BEFORE
            or self._year_old(j)
            or self._person_is(i, value)
        ):
            if value is not None and value >= 90:
                self._mark_run(i, j, "AGE", "age of 90 or over")
            return
        written = self.text[tokens[i].start : tokens[j].end]
        if NUMERIC_DATE.fullmatch(written) and calendar_date(written):
            return  # a date: the dates pass reads it (and "DOB" before it is no code's letters)
        if is_amount_or_measure(written):
            return  # "15,000", "Rs 40,000", "BP 180/110": money and measures identify no one
        if self._measurement(i, j, digit_count):
            return  # "SBP 120", "CD4 350", "HbA1c 9.1", "Cr 1.2": a test and its value
        if has_letters:
            if digit_count >= 3:
                self._mark_run(i, j, "ID", "code with letters and digits")
                self._id_letters(i)
            return  # "SGLT2", "HbA1c", "T2DM": medical shorthand
        if before in CURRENCIES or after in CURRENCIES:
            return  # an amount of money
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

    def _measurement(self, i: int, j: int, digit_count: int) -> bool:
        """A value after the name of a test, a vital sign or a medicine ("SBP 120", "CD4 350",
        "LASIX 40"), unless a record's word is before it."""
        tokens = self.tokens
        if {self.low(k) for k in range(i - 3, i)} & RECORD_CUES:
            return False  # "MRN 4471", "card 4471": a record's number
        first = tokens[i]
        if first.digits and not first.low.isdecimal():
            # "CD4 350", "HbA1c 9.1": shorthand with a digit or two, then its value
            shorthand = sum(c.isdecimal() for c in first.raw) <= 2 and len(first.raw) <= 6
            if shorthand and j > i and digit_count - sum(c.isdecimal() for c in first.raw) <= 4:
                return True
        if j > i and self._measure_list(i, j):
            return True
        before = self.low(i - 1)
        before_medical = before in MEDICAL_TERMS or before in self.lex.medicines or before in UNITS
        return before_medical and digit_count <= 4

    def _measure_list(self, i: int, j: int) -> bool:
        """Values run together with the shorthand of the next test between them ("RR 24 SpO2 88",
        "Cl 98 HCO3 29"): every number short, every word a piece of shorthand with a digit or two."""
        inner = False
        for k in range(i, j + 1):
            raw = self.tokens[k].raw
            digits = sum(c.isdecimal() for c in raw)
            if raw.isdecimal():
                if digits > 4:
                    return False
            elif raw.isalnum() and 1 <= digits <= 2 and len(raw) <= 6 and i < k < j:
                inner = True
            elif not raw.isalnum() and not raw.strip(".,/%-"):
                continue
            else:
                return False
        return inner

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

    def _person_is(self, i: int, value: int | None) -> bool:
        """ "My grandfather is 97", "she was ninety one": an age, when a person is what is counted."""
        if value is None or not 90 <= value <= 115 or self.low(i - 1) not in {"is", "was", "turned", "turns"}:
            return False
        return any(self.low(k) in AGE_PEOPLE for k in range(max(0, i - 4), i - 1))

    def _year_old(self, j: int) -> bool:
        return self.low(j + 1) in {"year", "years"} and self.low(j + 2) == "old"

    def _is_year(self, i: int, j: int, words: list[str], value: int | None) -> bool:
        if i == j and self.tokens[i].digits:
            raw = self.tokens[i].raw
            return len(raw) == 4 and raw.isdecimal() and 1900 <= int(raw) <= 2099
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
                and ":" not in gap  # a label's colon ends the code: "DOB: ..."
                and (digits >= 5 or t.low not in MEDICAL_TERMS)  # "SBP 120", but "CC-998877"
                and (joined or (t.low not in NOT_ID_LETTERS and (digits >= 5 or not everyday)))
            ):
                self.mark(k, "ID", "letters of a code")
                k -= 1
            else:
                break


def spoken_value(words: list[str]) -> int | None:
    """The value of a number in digits or words, when it reads as one ("nineteen fifty two" = 1952)."""
    if all(w.isdecimal() for w in words):
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
        elif w.isdecimal():
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
