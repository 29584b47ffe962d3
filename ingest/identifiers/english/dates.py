"""Dates: month names with their day and year, weekdays, and dates written with digits."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..digits import calendar_date
from .reading import Reading
from .words import (
    MONTHS,
    ORDINALS,
    SHY_MONTHS,
    SHY_WEEKDAYS,
    SUFFIXES,
    WEEKDAYS,
)

NUMERIC_DATE = re.compile(r"(?<![\w/.-])\d{1,4}([/.-])\d{1,2}\1\d{1,4}(?![\w/-])")
# A month and day with no year ("on 11/5", "extubated 10/31"), as clinical notes write them: a date
# only after a word that says when, since alone it may be a score or a fraction ("pain 7/10", "1/2 tab").
MONTH_DAY = re.compile(r"(?<![\w/.-])(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\w/.-]|/)")
WHEN_CUES = {
    "on", "since", "from", "until", "till", "by", "thru", "through", "dated", "dos", "adm", "admitted",
    "discharged", "intubated", "extubated", "transferred", "seen", "born", "dob", "surgery", "op",
}  # fmt: skip
NOT_AFTER_MONTH_DAY = {"tab", "tabs", "tablet", "tablets", "dose", "doses", "of", "strength", "cup"}


class Dates(Reading):
    """Dates: month names with their day and year, weekdays, and dates written with digits."""

    # -- dates ------------------------------------------------------------------------------------

    def dates(self) -> None:
        """Month names with their day and year, weekdays, and numeric dates (4/22/22, 2023-05-12)."""
        tokens = self.tokens
        starts = [t.start for t in tokens]
        for m in NUMERIC_DATE.finditer(self.text):
            if not calendar_date(m.group()):
                continue  # "6/90/0": an examination's figures, no day of the calendar
            # The words the date overlaps: from the last one starting before it, while they start inside.
            k = max(0, bisect_right(starts, m.start()) - 1)
            while k < len(tokens) and tokens[k].start < m.end():
                if m.start() < tokens[k].end:
                    self.kind[k] = None
                    self.mark(k, "DATE", "date")
                k += 1
        for m in MONTH_DAY.finditer(self.text):
            k = bisect_right(starts, m.start()) - 1
            if k < 1 or tokens[k].start != m.start() or self.low(k - 1) not in WHEN_CUES:
                continue
            end = k
            while end + 1 < len(tokens) and tokens[end + 1].start < m.end():
                end += 1
            if self.low(end + 1) in NOT_AFTER_MONTH_DAY:
                continue
            for n in range(k, end + 1):
                self.kind[n] = None
                self.mark(n, "DATE", "month and day after a word of time")
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
