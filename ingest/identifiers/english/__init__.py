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

from collections.abc import Iterable, Sequence

from ..base import Detection
from ..lexicon import Lexicon, english
from .addresses import Addresses
from .dates import Dates
from .names import Names
from .numbers import Numbers
from .reading import read_tokens
from .web import SpokenWebAddresses


class EnglishRecogniser:
    """Finds names, places, dates, numbers and addresses in English text, as written or as heard."""

    name = "English names, places, dates, numbers and addresses"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = english()
        return self._lexicon

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        cased = any(c.isupper() for c in text) and any(c.islower() for c in text)
        tokens = read_tokens(text, cased)
        if not tokens:
            return []
        return _Pass(self.lexicon, text, tokens, cased).run()


class _Pass(Numbers, Dates, SpokenWebAddresses, Names, Addresses):
    """Each part marks the words it recognises, in this order; the marks then make the spans."""

    def run(self) -> list[Detection]:
        self.numbers()
        self.dates()
        self.spoken_addresses()
        self.names_and_places()
        self.addresses()
        self.address_parts()
        return self.spans()
