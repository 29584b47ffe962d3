"""One reading of one English text: its words, the kind each is marked with, and the spans they make."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..base import Detection, runs
from ..lexicon import Lexicon
from .words import (
    NUMBER_WORDS,
    TITLES,
    WORD,
)


@dataclass(slots=True)
class Token:
    start: int
    end: int
    raw: str
    low: str  # lower case, possessive removed
    capital: bool  # starts with a capital letter (in text that has lower case letters)
    sentence_start: bool
    digits: bool


_SENTENCE_BREAKS = frozenset('.!?\n:;"“')
TOKEN_CACHE = 50_000  # words whose reading is remembered (a story repeats its words)
_TOKENS: dict[str, tuple[str, bool, bool]] = {}  # a word -> its lower case, capital, digits


def read_tokens(text: str, cased: bool) -> list[Token]:
    out = []
    last_end = 0
    seen = _TOKENS
    if len(seen) > TOKEN_CACHE:
        seen.clear()
    for m in WORD.finditer(text):
        raw = m.group()
        known = seen.get(raw)
        if known is None:
            low = raw.casefold()
            if low.endswith(("'s", "’s")):
                low = low[:-2]
            # "d'Italie", "l'Aquila", "D'Angelo": the capital after an elided article is the name's.
            capital = raw[0].isupper() or (raw[1:2] in ("'", "’") and raw[2:3].isupper())
            known = seen[raw] = (low, capital, any(c.isdecimal() for c in raw))
        low, capital, digits = known
        start = m.start()
        if out:
            gap = text[last_end:start]
            sentence_start = gap != " " and not _SENTENCE_BREAKS.isdisjoint(gap)
        else:
            sentence_start = True
        out.append(Token(start, m.end(), raw, low, cased and capital, sentence_start, digits))
        last_end = m.end()
    return out


class _Lows(dict):
    """Each word's lower case by its index; "" before the first word and after the last."""

    def __missing__(self, i: int) -> str:
        return ""


class Reading:
    """One reading of one text: marks each word with a kind, then joins marked words into spans."""

    def __init__(self, lexicon: Lexicon, text: str, tokens: list[Token], cased: bool) -> None:
        self.lex = lexicon
        self.text = text
        self.tokens = tokens
        self.cased = cased
        self.kind: list[str | None] = [None] * len(tokens)
        self.rule: list[str] = [""] * len(tokens)
        self.source: list[str] = [""] * len(tokens)
        self.lows = [t.low for t in tokens]
        self.number_word = _number_words(self.lows)
        # low(i): word i's lower case, "" before the first word and after the last. Read as often as
        # any word is, so it is a dictionary's own look-up rather than a method.
        self.low: Callable[[int], str] = _Lows(enumerate(self.lows)).__getitem__

    def mark(self, i: int, kind: str, rule: str, source: str = "pattern") -> None:
        if self.kind[i] is None:
            self.kind[i], self.rule[i], self.source[i] = kind, rule, source

    def _is_number_word(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.number_word[i]

    def _mark_run(self, i: int, j: int, kind: str, rule: str) -> None:
        for k in range(i, j + 1):
            self.mark(k, kind, rule)

    def _close(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        return len(gap) <= 2 and "\n" not in gap and not any(c in gap for c in ".!?;:")

    def spoken_numbers_near(self, k: int) -> bool:
        return self.tokens[k].digits or self._is_number_word(k)

    def _spaced(self, a: int, b: int) -> bool:
        """Words a and b are set apart by one or two spaces only."""
        return self.text[self.tokens[a].end : self.tokens[b].start] in (" ", "  ")

    # -- spans ------------------------------------------------------------------------------------

    def spans(self) -> list[Detection]:
        out: list[Detection] = []
        tokens = self.tokens
        for k, j in runs(self.kind, self._joinable):
            kind = self.kind[k]
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
        return out

    def _joinable(self, a: int, b: int) -> bool:
        gap = self.text[self.tokens[a].end : self.tokens[b].start]
        return len(gap) <= 3 and "\n" not in gap


def _number_words(lows: list[str]) -> list[bool]:
    """Which words are said as part of a number.

    "o" is a digit beside a number word ("zero o seven", "o o five") and a letter or a cry otherwise;
    "and" joins two number words ("two hundred and five"). Read in one pass each way, never by
    asking a neighbour that asks back: "the nurse said o and o again" is words, not a number.
    """
    n = len(lows)
    base = [low in NUMBER_WORDS and low != "and" for low in lows]
    number = base[:]
    i = 0
    while i < n:
        if lows[i] != "o":
            i += 1
            continue
        j = i
        while j + 1 < n and lows[j + 1] == "o":
            j += 1
        if (i > 0 and base[i - 1]) or (j + 1 < n and base[j + 1]):
            for k in range(i, j + 1):
                number[k] = True
        i = j + 1
    for k in range(1, n - 1):
        if lows[k] == "and" and number[k - 1] and number[k + 1] and lows[k - 1] != "and":
            number[k] = True
    return number
