"""Numbers written with digits, read the same in every language: phone numbers, dates, record and
card numbers.

- Phone numbers: runs of digits with the separators people type (spaces, dashes, dots, brackets, a
  leading +), checked with ``phonenumbers`` against the regions that may apply: those a setting
  names (``PHONE_REGIONS``), the story's own country when known, and the countries where the story's
  language is spoken (CLDR). A run that no region's plan knows is still an identifier when it is
  long: a record or card number.
- Dates written with digits: "12/05/2021", "2023-05-12", "12.05.2021", "1964년 5월 21일", "2023年3月".
- Codes of letters and digits ("KLF/2019/0442", "QX-17-20931", "R7M2T5W84", "220934817731C").

Digits in any script count ("९७४१२०३३८६", "४४०९/२०२१"). What is not an identifier: amounts with
their currency or unit ("15,000 shillings", "500 mg"), blood pressures and other short fractions
("120/80"), decimals ("9.1"), year ranges ("2019-2021") and shorthand with few digits ("CD4",
"HbA1c", "SpO2", "COVID-19").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import phonenumbers

from .base import Detection

# The pieces of a phone, record or card number: Latin letters and digits of any script, so that a
# particle fused after it ("010-5521-0946예요") does not hide it. Pieces are joined when a separator
# people type stands between them (a space, a dash, a slash, a dot, brackets).
DIGIT_PIECE = re.compile(r"\d[A-Za-z\d]*")
LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
SEPARATOR = re.compile(r"[ \u00a0]?[-/.()#]?[ \u00a0]?|[ \u00a0]?\)[ \u00a0]?\(?")
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([/.-])\d{1,2}\2\d{1,2}"
    r"|(?:0?[1-9]|1[0-2])/(?:19|20)\d\d)(?![\d/-])"
)
CJK_DATE = re.compile(
    r"\d{2,4}\s?[년年]\s?\d{1,2}\s?[월月](?:\s?\d{1,2}\s?[일日])?|\d{1,2}\s?[월月]\s?\d{1,2}\s?[일日]"
)
YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s?[-–/]\s?(?:19|20)?\d\d$")
FRACTION = re.compile(r"^[1-9]\d{0,2}\s?/\s?\d{1,3}$")  # 120/80, 18/11: a pressure or a score
AMOUNT = re.compile(r"^\d{1,3}(?:([,.\u00a0 ])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?$|^\d{1,2}(?:,\d{2})+,\d{3}$")
DECIMAL = re.compile(r"^\d+[.,]\d{1,2}$")
RANGE = re.compile(r"^(\d{2,3})\s?[-–]\s?(\d{2,3})$")
# Clock times: "10:30", "0300" (a four-figure time said without its colon is checked by the reader).
CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])[:h.][0-5]\d$")
# A measure's value with a decimal point somewhere in it: "4.1", "7.32/48/65", "11.2".
MEASURED = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?(?:\s?[/–-]\s?\d{1,3}(?:[.,]\d{1,2})?){0,3}$")
# Shorthand and units written against digits: "500mg", "5ml", "37C".
UNIT_LETTERS = re.compile(
    r"^\d+(?:[.,]\d+)?(?:mg|mcg|g|kg|ml|l|dl|mmol|mmhg|iu|u|cm|mm|km|m|c|f|h|hrs|min|s|x|am|pm|st|nd|rd|th|k)$",
    re.IGNORECASE,
)
# Words and signs of money and measure written before or after a number.
MEASURE = frozenset(
    """
    mg mcg g kg ml l dl mmol mmhg iu units unit cm mm km m kcal bpm % percent tablets pills doses
    ksh kes tsh tzs ush ugx shillings shilingi sh fcfa cfa xof xaf francs franc fc htg gourdes gourde
    rs rupees rupee inr npr ₹ रुपये रुपया रुपैयाँ रु पैसे ₩ 원 won krw usd $ dollars dollar eur € euros
    euro £ gbp naira ngn ₦ cedis ghs birr etb mt mzn meticais metical reais real r$ brl pesos peso mxn
    soles sol pen quetzales gtq bolivianos bob colones
    """.split()
)
# Regions a number is checked against, the surest first (the story's country, the setting, then
# where the language is most spoken): a long run is an identifier whatever the answer, which only
# says whether to call it a phone number.
# The decimal digits of the scripts stories are told in (Arabic, Devanagari and the other Indic
# scripts, Thai, Lao, Tibetan, Myanmar, full-width) as ASCII digits, for the patterns that spell [0-9].
ASCII_DIGITS = {
    zero + n: str(n)
    for zero in (0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50, 0xED0)
    + (0xF20, 0x1040, 0xFF10)
    for n in range(10)
}
MAX_REGIONS = 4
MIN_DIGITS = 5  # a run of this many digits identifies, in any language, unless it is an amount
DIGIT = re.compile(r"\d")


class WrittenNumbers:
    """Phone numbers, dates and codes written with digits, in any language."""

    name = "phone numbers, dates and codes written with digits"

    def __init__(self, regions: Sequence[str] = ()) -> None:
        self.regions = tuple(dict.fromkeys(r.upper() for r in regions if r))

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        if not DIGIT.search(text):
            return []  # every pattern here starts from a digit: most sentences have none
        found = []
        dated: list[tuple[int, int]] = []
        for pattern in (NUMERIC_DATE, CJK_DATE):
            for m in pattern.finditer(text):
                if pattern is NUMERIC_DATE and not calendar_date(m.group()):
                    continue
                dated.append((m.start(), m.end()))
                found.append(Detection(m.start(), m.end(), "DATE", "pattern", "date"))
        dated.sort()
        starts = [a for a, _ in dated]
        for start, end in self._runs(text):
            at = bisect_right(starts, start) - 1
            if at >= 0 and end <= dated[at][1]:
                continue  # the digits of a date already found
            if start > 0 and text[start - 1] == "+":
                start -= 1
            kind = self._kind(text[start:end], text, start, end)
            if kind:
                rule = "telephone number" if kind == "PHONE" else "number"
                found.append(Detection(start, end, kind, "pattern", rule))
        return found

    def _runs(self, text: str) -> Iterable[tuple[int, int]]:
        """Runs of pieces with digits, joined by the separators of numbers ("0754 902 117",
        "KLF/2019/0442", "+509 2814 6630"); a short run of letters may lead ("QX-17-20931") or end
        one after a dash or a slash ("4471-B").

        Only pieces with a digit are looked for, each from its first digit; the letters before it
        are walked back over once, so the pass stays linear in the text.
        """
        start = end = -1
        shorthand = False
        for m in DIGIT_PIECE.finditer(text):
            a, b = m.start(), m.end()
            while a > max(end, 0) and text[a - 1] in LATIN:
                a -= 1  # "HbA1c", "R7M2T5W84": the letters are the piece's too
            gap = text[end:a]
            piece = text[a:b]
            # "CD4 350", "HbA1c 9.1", "PCV13 #3": shorthand with a digit or two, then a value; after a
            # value and a space, the next test's name ("RR 24 SpO2 88", "Cl 98 HCO3 29")
            led = piece[:1].isalpha() and sum(c.isdecimal() for c in piece) <= 2
            apart = " " in gap and (shorthand or led)
            if start >= 0 and a - end <= 3 and SEPARATOR.fullmatch(gap) and not apart:
                end, shorthand = b, False
                continue
            if start >= 0:
                yield start, _letters_after(text, end)
            start, end = _letters_before(text, a), b
            shorthand = led
        if start >= 0:
            yield start, _letters_after(text, end)

    def _kind(self, run: str, text: str, start: int, end: int) -> str | None:
        digits = len(DIGIT.findall(run))
        letters = sum(c.isalpha() for c in run)
        if digits < 3 or YEAR_RANGE.match(run) or FRACTION.match(run) or DECIMAL.match(run):
            return None
        if letters:
            if UNIT_LETTERS.match(run) or (digits < 3):
                return None
            return "ID" if digits >= 3 and (digits >= 4 or letters >= 2) else None
        if is_amount_or_measure(run) or (AMOUNT.match(run) and self._measured(text, start, end)):
            return None  # "15,000", "1.500.000", "75 000", "1 500 500 FCFA"
        if digits < MIN_DIGITS:
            return None
        if self._measured(text, start, end) and digits <= 7 and " " not in run.strip():
            return None  # "10000 steps", "25000 shillings"
        return "PHONE" if self._phone(run) else "ID"

    def _measured(self, text: str, start: int, end: int) -> bool:
        """A currency or unit written just before or after the number ("KSh 15,000", "500 mg")."""
        before = text[max(0, start - 12) : start].split()
        after = text[end : end + 12].split()
        words = [before[-1] if before else "", after[0] if after else ""]
        return any(w.strip(".,:;()").casefold() in MEASURE for w in words if w)

    def _phone(self, run: str) -> bool:
        digits = "".join(c for c in run if c.isdecimal())
        if not 6 <= len(digits) <= 15:
            return False
        candidate = run if run.isascii() else str(int(digits)) if digits[0] != "0" else "0" + str(int(digits))
        for region in self.regions[:MAX_REGIONS] or ("ZZ",):
            try:
                number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return True
        return candidate.startswith("+") or (digits.startswith("0") and 9 <= len(digits) <= 12)


def calendar_date(written: str) -> bool:
    """Whether "12/05/2021" could be a day in the calendar (and "3.14.15" could not)."""
    parts = [int(p) for p in re.split(r"[/.-]", written)]
    if len(parts) == 2:
        return True  # "03/2023": a month and its year
    first, second, third = parts
    a, b = (second, third) if first > 31 else (first, second)
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


def is_amount_or_measure(written: str) -> bool:
    """Whether digits as written are an amount or a measure, not an identifier: thousands set apart by
    commas or dots ("15,000", "1.500.000", "1,20,000"), round thousands ("75 000"), a pressure or a
    score ("180/110"), a decimal or a blood gas ("9.1", "7.32/48/65"), a clock time ("10:30")."""
    written = written.translate(ASCII_DIGITS)  # "१५०/१००" is a pressure as "150/100" is
    amount = AMOUNT.match(written)
    if amount and (amount.group(1) in (",", ".") or written.endswith("000")):
        return True
    measured = MEASURED.match(written) and ("." in written or "," in written or written.count("/") >= 3)
    return bool(FRACTION.match(written) or measured or CLOCK.match(written) or _value_range(written))


def _value_range(written: str) -> bool:
    """A range of two values of the same size, the second the larger ("110-130", "60-80"): a measure
    that moved between them, where a code's parts are not ordered so."""
    m = RANGE.match(written)
    return bool(m) and len(m.group(1)) == len(m.group(2)) and int(m.group(1)) < int(m.group(2))


def _letters_before(text: str, start: int) -> int:
    """Where a code starts that has up to four letters and a dash, slash, dot or # before its digits."""
    if start < 2 or text[start - 1] not in "-/#.":
        return start
    q = start - 1
    while q > 0 and text[q - 1] in LATIN and start - 1 - q < 5:
        q -= 1
    letters = start - 1 - q
    if 1 <= letters <= 4 and (q == 0 or not text[q - 1].isalnum()):
        return q
    return start


def _letters_after(text: str, end: int) -> int:
    """Where a code ends that has letters after a dash or slash ("4471-B", "40412-SJH")."""
    if end + 1 >= len(text) or text[end] not in "-/":
        return end
    q = end + 1
    while q < len(text) and text[q] in LATIN and q - end <= 5:
        q += 1
    letters = text[end + 1 : q]
    if (1 <= len(letters) <= 2 or (len(letters) <= 4 and letters.isupper())) and (
        q == len(text) or not text[q].isalnum()
    ):
        return q
    return end
