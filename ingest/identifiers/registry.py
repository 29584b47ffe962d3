"""Which recognisers run for which language.

Every language gets the universal recognisers: the facilitator's known identifiers and the written
patterns that read the same in any language (e-mail, web and IP addresses). A language with a
recogniser of its own adds it in ``LANGUAGES``; a language without one still has the universal ones,
and its stories reach the reviewer with whatever they found.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .base import Recogniser
from .english import EnglishRecogniser
from .known import KnownIdentifiers
from .lexicon import english
from .patterns import WrittenAddresses


def _english() -> tuple[Recogniser, ...]:
    return (KnownIdentifiers(is_common=lambda word: english().is_everyday(word)), EnglishRecogniser())


# ISO 639 code -> the recognisers of that language (known identifiers included, with its vocabulary).
LANGUAGES: dict[str, Callable[[], tuple[Recogniser, ...]]] = {"en": _english}


@cache
def recognisers_for(language: str) -> tuple[Recogniser, ...]:
    """Return the recognisers to run on text in ``language`` (an ISO 639 code)."""
    own = LANGUAGES.get(language)
    specific = own() if own else (KnownIdentifiers(),)
    return (*specific, WrittenAddresses())
