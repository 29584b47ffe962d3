"""Which recognisers run for which language.

Every language gets the recognisers that do not depend on it: the facilitator's known identifiers,
e-mail, web and IP addresses, and phone numbers, dates and codes written with digits. Every language
also gets numbers, dates, e-mail and street addresses said in its own words (:mod:`.spoken`, driven
by :mod:`.languages`: CLDR and num2words where they cover it, tables written here where they do not).

A language adds recognisers of its own in ``LANGUAGES``: one line, the language's code and the
factories of its recognisers (names and places, and for English its own reading of numbers). A
language without a line falls back to :class:`~.capitals.CapitalisedNames`, and the reviewer is
told (:func:`recogniser_names`) that only these ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from .base import Recogniser
from .capitals import CapitalisedNames
from .digits import WrittenNumbers
from .english import EnglishRecogniser
from .known import KnownIdentifiers
from .languages import territories
from .lexicon import english
from .names_places import NamesAndPlaces
from .patterns import WrittenAddresses
from .profiles import PROFILES
from .spoken import SpokenNumbers

Factory = Callable[[], Recogniser]


def _english_known() -> Recogniser:
    return KnownIdentifiers(is_common=lambda word: english().is_everyday(word))


# ISO 639 code -> the factories of that language's own recognisers. A KnownIdentifiers among them
# (with the language's everyday words, so a near spelling that is a word is not taken for a name)
# replaces the default one.
LANGUAGES: dict[str, tuple[Factory, ...]] = {
    "en": (_english_known, EnglishRecogniser),
}


@cache
def _names_and_places(code: str) -> NamesAndPlaces:
    """One reader of names and places per language, whose memory of the words it has seen serves
    the known identifiers' everyday words too."""
    return NamesAndPlaces(PROFILES[code])


def _profiled(code: str) -> tuple[Factory, ...]:
    """Known identifiers with the language's everyday words, and its names and places."""

    def known() -> Recogniser:
        return KnownIdentifiers(is_common=_names_and_places(code).is_everyday)

    return (known, lambda: _names_and_places(code))


# Kiswahili, French, Spanish, Portuguese, Hindi, Nepali, Korean: one recogniser, one profile each.
LANGUAGES |= {code: _profiled(code) for code in PROFILES}


def _code(language: str) -> str:
    """The language part of a tag ("sw-KE" -> "sw"), lower case; "" for what is not a language."""
    code = (language or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code.isascii() and code.isalpha() and 2 <= len(code) <= 3 else ""


@cache
def recognisers_for(
    language: str, regions: tuple[str, ...] = (), country: str | None = None
) -> tuple[Recogniser, ...]:
    """Return the recognisers to run on text in ``language`` (an ISO 639 code or a tag like "sw-KE").

    ``regions`` are the phone regions a setting names (``PHONE_REGIONS``); ``country`` is the story's
    own country when known. Phone numbers are checked against those and the countries where the
    language is spoken.
    """
    code = _code(language)
    own = tuple(factory() for factory in LANGUAGES.get(code, ()))
    if not any(isinstance(r, KnownIdentifiers) for r in own):
        own = (KnownIdentifiers(), *own)
    if code not in LANGUAGES:
        own = (*own, CapitalisedNames())
    phone_regions = (*([country] if country else []), *regions, *territories(code))
    universal = (WrittenAddresses(), WrittenNumbers(phone_regions), SpokenNumbers(code))
    return (*own, *universal)


def recogniser_names(language: str) -> list[str]:
    """What a reviewer is told ran on a story in ``language``: one phrase for each recogniser."""
    return [getattr(r, "name", type(r).__name__) for r in recognisers_for(language)]


def has_own_recognisers(language: str) -> bool:
    """Whether ``language`` has names and places of its own, or only the fallback."""
    return _code(language) in LANGUAGES


def languages() -> Sequence[str]:
    """The codes of the languages with recognisers of their own."""
    return sorted(LANGUAGES)
