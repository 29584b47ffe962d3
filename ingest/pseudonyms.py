"""Pseudonyms for published text: the same person gets the same made-up name throughout a story.

Names are matched word by word, case- and accent-insensitively, so "Jomo" after "Jomo Kenyatta" is
given the first name of Kenyatta's pseudonym, "Kenyatta" alone its surname, and relatives who share a
surname share a pseudonymous one. A word's part (given name or surname) is the part it plays where it
first appears in a name of two or more words; a word only ever seen alone is a given name.

Pseudonyms come from a short list of names used across many regions, so that none suggests the
storyteller's own origin. A pseudonym never equals any word of the story's working text or its known
identifiers, and the choice is seeded by the story's id, so publishing again gives the same names.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from .identifiers.known import fold

GIVEN_NAMES = (
    "Amara", "Kiran", "Noa", "Sami", "Lina", "Tarik", "Mei", "Ravi", "Zara", "Iman", "Nia", "Omari",
    "Lena", "Yuki", "Asha", "Dara", "Eli", "Ines", "Kai", "Leila", "Mira", "Nadia", "Oren", "Priya",
    "Rafa", "Sana", "Tomas", "Uma", "Vera", "Wen", "Yara", "Zain", "Aiko", "Bilal", "Chiara", "Davi",
    "Emre", "Farah", "Hana", "Idris", "Jonas", "Kemi", "Luca", "Maya", "Nico", "Olu", "Pita", "Rumi",
    "Selin", "Teo", "Ayla", "Bram", "Cyra", "Dion", "Esme", "Femi", "Gia", "Hugo", "Ilya", "Juno",
)  # fmt: skip
SURNAMES = (
    "Moreau", "Nakamura", "Silva", "Haddad", "Kowalski", "Lindqvist", "Okafor", "Petrov", "Rossi",
    "Santos", "Tanaka", "Varga", "Weber", "Yilmaz", "Novak", "Costa", "Duarte", "Ferreira", "Horvat",
    "Ibarra", "Jansen", "Keller", "Laine", "Mendes", "Nilsen", "Olsen", "Pereira", "Quinn", "Rahman",
    "Sato", "Torres", "Ueda", "Vidal", "Walsh", "Xavier", "Young", "Zeller", "Alves", "Brandt", "Castro",
    "Dumont", "Eriksen", "Fontaine", "Garcia", "Hansen", "Iversen", "Jovanovic", "Kato", "Lopez", "Marin",
)  # fmt: skip

# Titles and kin words that say nothing about who is meant: kept as they are inside a name.
KEPT_WORDS = frozenset(
    "mr mrs ms miss dr doctor prof sister brother nurse mama baba mother father aunt uncle auntie".split()
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _key(word: str) -> str:
    return fold(POSSESSIVE.sub("", word))


def _name_words(name: str) -> list[str]:
    return [k for k in (_key(w) for w in WORD.findall(name)) if k and k not in KEPT_WORDS]


class Pseudonyms:
    """Hands out a story's pseudonyms; build it from every name in the story, then ask ``replace``."""

    def __init__(self, seed: str, names: Iterable[str], avoid: Iterable[str]) -> None:
        names = list(names)
        avoided = {fold(w) for text in avoid for w in WORD.findall(text)}
        rng = random.Random(seed)  # a str seed is hashed with SHA-512: stable across processes
        given = [n for n in GIVEN_NAMES if fold(n) not in avoided]
        family = [n for n in SURNAMES if fold(n) not in avoided]
        rng.shuffle(given)
        rng.shuffle(family)
        parts: dict[str, str] = {}
        order: list[str] = []
        for name in names:
            words = _name_words(name)
            for i, word in enumerate(words):
                if word not in parts:
                    order.append(word)
                if len(words) > 1 and (word not in parts or parts[word] == "alone"):
                    parts[word] = "surname" if i == len(words) - 1 and i > 0 else "given"
                parts.setdefault(word, "alone")
        self._chosen: dict[str, str | None] = {}
        for word in order:
            pool = family if parts[word] == "surname" else given
            self._chosen[word] = pool.pop() if pool else None

    def replace(self, name: str) -> str | None:
        """Return ``name`` with each of its words replaced by its pseudonym; None if one has none."""
        if any(c.isdigit() for c in name):
            return None  # a number is no part of a name we can stand in for: label it
        out, pos = [], 0
        for m in WORD.finditer(name):
            key = _key(m.group())
            if key in KEPT_WORDS:
                continue
            chosen = self._chosen.get(key)
            if chosen is None:
                return None
            possessive = POSSESSIVE.search(m.group())
            chosen += possessive.group() if possessive else ""
            out += [name[pos : m.start()], chosen.lower() if m.group().islower() else chosen]
            pos = m.end()
        if not out:
            return None  # no name in it at all ("Dr" alone): the label says more
        out.append(name[pos:])
        return "".join(out)
