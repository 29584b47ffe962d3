"""Names by their capital letter: the fallback for a language without a names recogniser of its own.

In a script with capitals, a word that starts with one in the middle of a sentence is most often a
name or a place: taken, with the capitalised words beside it ("Ana Lúcia Ferreira"). A sentence's
first word, words in capitals throughout (shorthand: "HIV", "ARV"), and text with no lower case or
no capitals at all (a transcript) say nothing this way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .base import Detection

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:;\"“«\n\u0964]")


class CapitalisedNames:
    """Proposes capitalised words in the middle of a sentence as names."""

    name = "capitalised words (names and places by their capital letter)"

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        if not any(c.isupper() for c in text) or not any(c.islower() for c in text):
            return []
        found = []
        last_end = 0
        run: tuple[int, int] | None = None
        for m in WORD.finditer(text):
            word = m.group()
            gap = text[last_end : m.start()]
            sentence_start = last_end == 0 or SENTENCE_END.search(gap) is not None
            last_end = m.end()
            capital = word[0].isupper() and not word.isupper() and len(word) >= 2
            if capital and run and not gap.strip(" -"):
                run = (run[0], m.end())  # the next word of a name already begun
                continue
            if run:
                found.append(Detection(run[0], run[1], "NAME", "model", "capital letter"))
                run = None
            if capital and not sentence_start:
                run = (m.start(), m.end())
        if run:
            found.append(Detection(run[0], run[1], "NAME", "model", "capital letter"))
        return found
