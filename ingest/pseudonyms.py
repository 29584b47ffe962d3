"""Pseudonyms for published text: the same person gets the same made-up name throughout a story.

Names are matched word by word, case- and accent-insensitively, so "Jomo" after "Jomo Kenyatta" is
given the first name of Kenyatta's pseudonym, "Kenyatta" alone its surname, and relatives who share a
surname share a pseudonymous one. A word's part (given name or surname) is the part it plays where it
first appears in a name of two or more words; a word only ever seen alone is a given name.

Pseudonyms fit the story (``ingest.name_pools``): drawn from the names of the pool its own names
belong to (a Punjabi family in an English story gets Punjabi names), else of its language's pool, in
the script its names are written in; the gender of a given name is kept where the text shows it (a
title or kin word beside the name, the pronoun after it, or the name itself in a pool's list of women's
or men's names). Where no pool fits (a script no pool is written in), or without a language, a short
list of names used across many regions serves. A pseudonym never equals any word of the story's working
text or its known identifiers, and the choice is seeded by the story's id, so publishing again gives
the same names.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable

from .identifiers.known import fold
from .name_pools import BY_LANGUAGE, LATIN_FOR, MAN, POOLS, WOMAN, NamePool

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
# Singh and Kaur are borne by millions of Sikhs (and say the person's gender): kept like a title.
KEPT_WORDS = frozenset(
    "mr mrs ms miss dr doctor prof sister brother nurse mama baba mother father aunt uncle auntie "
    "singh kaur".split()
)
# A letter, or a combining mark of the scripts that write vowels with them (a Devanagari name is
# one word).
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0963\u0970-\u0dff\u0e00-\u0eff\u1000-\u109f\u200c\u200d])"
WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*", re.UNICODE)
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _key(word: str) -> str:
    return fold(POSSESSIVE.sub("", word))


def _name_words(name: str) -> list[str]:
    return [k for k in (_key(w) for w in WORD.findall(name)) if k and k not in KEPT_WORDS]


class Pseudonyms:
    """Hands out a story's pseudonyms; build it from every name in the story, then ask ``replace``."""

    def __init__(
        self, seed: str, names: Iterable[str], avoid: Iterable[str], language: str = "", text: str = ""
    ) -> None:
        names = list(names)
        avoid = list(avoid)
        avoided = {fold(w) for t in avoid for w in WORD.findall(t)}
        rng = random.Random(seed)  # a str seed is hashed with SHA-512: stable across processes
        parts: dict[str, str] = {}
        order: list[str] = []
        shown: dict[str, str] = {}  # each word as first written
        for name in names:
            words = _name_words(name)
            for w in WORD.findall(name):
                shown.setdefault(_key(w), POSSESSIVE.sub("", w))
            for i, word in enumerate(words):
                if word not in parts:
                    order.append(word)
                if len(words) > 1 and (word not in parts or parts[word] == "alone"):
                    parts[word] = "surname" if i == len(words) - 1 and i > 0 else "given"
                parts.setdefault(word, "alone")
        self.pool = choose_pool(language, [shown.get(w, w) for w in order]) if language else None

        def usable(pool_names) -> list[str]:
            found = [n for n in pool_names if fold(n) not in avoided]
            rng.shuffle(found)
            return found

        if self.pool is None:
            given = {"": usable(GIVEN_NAMES)}
            family = usable(SURNAMES)
        else:
            women, men = usable(self.pool.women), usable(self.pool.men)
            given = {"f": women, "m": men, "": []}
            family = usable(self.pool.surnames)
        self._chosen: dict[str, str | None] = {}
        for word in order:
            if parts[word] == "surname":
                self._chosen[word] = family.pop() if family else None
                continue
            gender = gender_of(shown.get(word, word), text) if self.pool is not None else ""
            if self.pool is not None and not gender:
                # Nothing says who is meant: a name of either list, drawn alike.
                gender = rng.choice([g for g in ("f", "m") if given[g]] or [""])
            pool = given[gender]
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


def _latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


def choose_pool(language: str, words: list[str]) -> NamePool | None:
    """The pool a story's names are drawn from: the one whose lists hold most of its own name words
    (an English story of a Punjabi family takes Punjabi names), else its language's in the script its
    names are written in, else None (the names used across regions)."""
    latin = all(_latin(w) for w in words) if words else True
    folded = {fold(w) for w in words}
    best, hits = None, 0
    for pool in POOLS.values():
        if pool.latin != latin:
            continue
        found = len(folded & {fold(n) for n in (*pool.women, *pool.men, *pool.surnames)})
        if found > hits:
            best, hits = pool, found
    if best is not None:
        return best
    key = (LATIN_FOR.get(language) or BY_LANGUAGE.get(language)) if latin else BY_LANGUAGE.get(language)
    pool = POOLS.get(key or "")
    return pool if pool is not None and pool.latin == latin else None


def gender_of(word: str, text: str) -> str:
    """Whether ``word`` (a given name) names a woman ("f") or a man ("m") as the text shows it, or ""
    when it does not say: the kin words and titles right before or after each mention count twice,
    the first pronoun in the few words after it once, and the name in a pool's list of women's or
    men's names three times."""
    votes = {"f": 0, "m": 0}
    key = fold(word)
    for pool in POOLS.values():
        votes["f"] += 3 * (key in {fold(n) for n in pool.women})
        votes["m"] += 3 * (key in {fold(n) for n in pool.men})
    words = [fold(m.group()) for m in WORD.finditer(text)]
    for i, w in enumerate(words):
        if w != key and POSSESSIVE.sub("", w) != key:
            continue
        for j, weight in ((i - 2, 2), (i - 1, 2), (i + 1, 2)):
            if 0 <= j < len(words) and (said := _kin(words[j])):
                votes[said] += weight
        for after in words[i + 2 : i + 8]:
            if said := _kin(after):
                votes[said] += 1
                break
    if votes["f"] == votes["m"]:
        return ""
    return "f" if votes["f"] > votes["m"] else "m"


_WOMAN = frozenset(fold(w) for w in WOMAN)
_MAN = frozenset(fold(w) for w in MAN)
# Korean writes its particles onto the word (할머니가, 아저씨도): a kin word is then the word's start.
_HANGUL_KIN = sorted(((w, "f") for w in _WOMAN if not _latin(w)), key=lambda p: -len(p[0])) + sorted(
    ((w, "m") for w in _MAN if not _latin(w)), key=lambda p: -len(p[0])
)


def _kin(word: str) -> str:
    """ "f" or "m" when ``word`` (folded) is a title, kin word or pronoun of a woman or a man; else ""."""
    if word in _WOMAN:
        return "f"
    if word in _MAN:
        return "m"
    if any("HANGUL" in unicodedata.name(c, "") for c in word[:1]):
        for kin, said in _HANGUL_KIN:
            if "HANGUL" in unicodedata.name(kin[:1], "") and word.startswith(kin) and len(kin) >= 2:
                return said
    return ""
