"""A spelling-free key for names, the same whatever script or romanisation they are written in.

A facilitator types "Savita Joshi" and the story says सविता जोशी; types "Park Eun-hee" and the
story says 박은희; types "Konate" and the story says "Konaté". Each is turned into Latin letters by
``anyascii`` (offline, one table per script), then the differences that romanisations of one sound
make are taken out: aspiration ("bh" and "b"), voicing that Korean spelling marks and English
spelling does not ("g" and "k"), long and short vowels ("ee" and "i"), doubled letters, and the short
"a" that Hindi and Nepali writing leaves unwritten ("Ramkumar" is written रामकुमार, read by
anyascii as "ramprsad"). Two spellings of one name then have the same key, or keys a letter apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_NOT_LETTER = re.compile(r"[^a-z]+")
# Order matters: digraphs before the letters they are made of.
_DIGRAPHS = (
    ("oi", "oe"),  # 최: "Choi" / "Choe"
    ("eo", "o"),  # Korean ㅓ: "yeong" / "young" / "yong"
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "u"),
    ("ee", "i"),
    ("ae", "e"),
    ("ng", "n"),  # ङ before a consonant: रङ्ग "ranga" / "Ranga"
    ("ph", "f"),
    ("ck", "k"),
)
_NASAL = re.compile(r"m(?=[^aeiouy])")  # the anusvara: मंगल "mamgal" / "Mangal"
_ASPIRATE = re.compile(r"([bcdfgjklmnpqrstvwxz])h")
_LETTERS = str.maketrans({"k": "g", "q": "g", "c": "j", "p": "b", "f": "b", "t": "d", "l": "r", "w": "v"})
_LETTERS |= str.maketrans({"z": "j", "x": "s", "y": "i", "o": "u"})  # "Jung" / "Jeong" / "Joong"
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The phonetic key of a word or name: lower-case Latin letters, spelling differences removed."""
    s = _NOT_LETTER.sub("", anyascii(text).lower().replace("d'", "r"))  # ड़ is read "r"
    if not s:
        return ""
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = _NASAL.sub("n", s)
    s = _ASPIRATE.sub(r"\1", s)
    s = s.translate(_LETTERS)
    first, rest = s[0], s[1:].replace("a", "").replace("h", "")
    return _DOUBLE.sub(r"\1", first + rest)


# Devanagari: ृ is read "ri" in names written in Latin ("Kripa"); anusvara and chandrabindu "n"
# ("Ankur" for अंकुर); the nukta dropped (ज़ and ज are one letter in names).
_DEVANAGARI_SIGNS = str.maketrans(
    {"\u0943": "\u094d\u0930\u093f", "\u093c": "", "\u0902": "n", "\u0901": "n"}
)
_ASPIRATED = re.compile(r"([bcdfgjklmnpqrstvwxz])h")
_FLAPS = (("\u0921\u093c", "\u0930"), ("\u0922\u093c", "\u0930"))  # ड़ and ढ़ are "r": "Arora"


@lru_cache(maxsize=65536)
def spelling_key(text: str) -> str:
    """A key that finds one name written in Devanagari and in Latin letters, and few others.

    Narrower than :func:`key`: voicing and vowels other than "a" are kept ("Rati" is not रहती).
    Only what the two writings differ in is taken out: the short "a" that Devanagari leaves
    unwritten (so every "a" after the first letter), "h" after a consonant (aspiration and "sh":
    "Bahadur" and बहादुर, "Shahi" and शाही; "Neha" keeps its "h"), long vowels written double
    ("Meena"), "x" for क्ष, "w" for व, doubled letters.
    """
    if any("\u0900" <= c <= "\u097f" for c in text):
        text = unicodedata.normalize("NFC", text)
        for flap, r in _FLAPS:
            text = text.replace(flap, r)
        text = text.translate(_DEVANAGARI_SIGNS)
    s = _NOT_LETTER.sub("", anyascii(text).lower().replace("d'", "r"))
    if not s:
        return ""
    s = s.replace("x", "ks").replace("q", "k").replace("z", "j").replace("w", "v").replace("f", "p")
    s = s.replace("ee", "i").replace("oo", "u").replace("ng", "n").replace("sh", "s")
    s = s[0] + s[1:].replace("a", "")
    s = _ASPIRATED.sub(r"\1", s)
    return _DOUBLE.sub(r"\1", s)
