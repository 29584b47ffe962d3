"""Known identifiers found by how they sound in the recogniser's words, not by how they are spelled.

A recogniser that does not know a name writes whatever it heard: 김민수 comes out as "임미 속이",
"이금민" or "은빛 옥시"; Jomo as "joe mo". The letters differ, the sounds are close. So both the
identifier and the recognised words are turned into the same short alphabet of sounds, one phone per
letter, by the rules of their script:

- Hangul is decomposed into its jamo arithmetically (every syllable is ``0xAC00 + (L*21 + V)*28 + T``),
  and each jamo read as a phone: the silent initial ㅇ as nothing, the final ㅇ as "N", tense and
  aspirated consonants as the plain one (ㄲ ㅋ ㄱ are all "k"), the finals as Korean pronounces them
  (a final ㅅ is "t").
- Every other script goes through ``anyascii`` (one table per script, offline) and then a few rules
  that fold what the world's romanisations write differently: voicing (b/p, d/t, g/k), digraphs
  ("sh", "ch", "ph", "th", "ng"), aspiration ("kh", "bh"), doubled letters, l and r (one sound in
  Korean and Japanese ears), "ee" and "oo".

The recognised words are joined into one stream of phones (word boundaries ignored, so a name split
over two words or merged with the next is found), broken only at long pauses, and each identifier is
aligned against every stretch of the stream (a semi-global alignment: the identifier whole, the
stream from anywhere to anywhere). Substituting one vowel for another, one nasal for another, or a
glide, costs less than a consonant for an unrelated one; a match is proposed when the cost per phone
of the identifier is under a threshold that is stricter for short identifiers.

Nothing here touches the database or logs a value: :func:`find` takes plain words and values and
returns places with the rule that found them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# -- Hangul -----------------------------------------------------------------------------------------

_INITIALS = ["k", "k", "n", "t", "t", "r", "m", "p", "p", "s", "s", "", "c", "c", "c", "k", "t", "p", "h"]
_VOWELS = [
    "a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we",
    "we", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i",
]  # fmt: skip
_FINALS = [
    "", "k", "k", "k", "n", "n", "n", "t", "r", "k", "m", "r", "r", "r",
    "p", "r", "m", "p", "p", "t", "t", "N", "t", "t", "k", "t", "p", "t",
]  # fmt: skip
# Compatibility jamo typed alone (ㄱ, ㅏ) are rare in names; they are read through anyascii.


def _hangul(ch: str) -> str | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    lead, rest = divmod(code, 588)
    vowel, tail = divmod(rest, 28)
    return _INITIALS[lead] + _VOWELS[vowel] + _FINALS[tail]


# -- other scripts through Latin letters ------------------------------------------------------------

_FOLDS = (
    ("tch", "c"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "k"),
    ("ck", "k"),
    ("qu", "kw"),
    ("ng", "N"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("ie", "i"),
    ("eu", "u"),  # the Revised Romanization's ㅡ, ㅓ and ㅐ
    ("eo", "o"),
    ("ae", "e"),
)
_ASPIRATE = re.compile(r"([bcdgjkpt])h")
_LATIN = str.maketrans({"b": "p", "d": "t", "g": "k", "q": "k", "l": "r", "f": "p", "v": "p", "z": "c"})
_LATIN_MORE = str.maketrans({"j": "c", "x": "s"})
_DOUBLE = re.compile(r"(.)\1+")
_Y_VOWEL = re.compile(r"(?<=[^aeiouy])y(?=[^aeiou]|$)")


def _latin(word: str) -> str:
    s = "".join(c for c in anyascii(word).lower() if c.isalpha())
    if not s:
        return ""
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = _ASPIRATE.sub(r"\1", s)
    s = _Y_VOWEL.sub("i", s)
    s = s.translate(_LATIN).translate(_LATIN_MORE)
    return _DOUBLE.sub(r"\1", s)


@lru_cache(maxsize=65536)
def phones(word: str) -> str:
    """The phones of a word: one letter per sound, in the alphabet both scripts share."""
    out = []
    latin: list[str] = []
    for ch in word:
        syllable = _hangul(ch)
        if syllable is None:
            latin.append(ch)
            continue
        if latin:
            out.append(_latin("".join(latin)))
            latin = []
        out.append(syllable)
    if latin:
        out.append(_latin("".join(latin)))
    return "".join(out)


def script_of(text: str) -> str:
    """How a text is turned into phones, in the reviewer's words."""
    if any(_hangul(c) is not None for c in text):
        return "Hangul jamo"
    if all(ord(c) < 0x250 for c in text if c.isalpha()):
        return "Latin letters"
    return "transliteration"


# -- alignment --------------------------------------------------------------------------------------

VOWELS = frozenset("aeiou")
GLIDES = frozenset("ywh")
_NEAR = [
    frozenset("mnN"),  # nasals, and the final ㅇ
    frozenset("tcs"),  # ㄷ ㅈ ㅅ, and final ㅅ heard as t
    frozenset("kh"),
    frozenset("pm"),  # 입니다 is said "imnida"
    frozenset("rn"),  # ㄹ and ㄴ become each other between syllables
    frozenset("tr"),  # a flapped t
]


@lru_cache(maxsize=4096)
def substitution(a: str, b: str) -> float:
    """What hearing ``b`` for ``a`` costs (0 for the same sound, 1 for an unrelated one)."""
    if a == b:
        return 0.0
    if a in VOWELS and b in VOWELS:
        return 0.25 if {a, b} in ({"o", "u"}, {"e", "i"}) else 0.4
    if a in GLIDES or b in GLIDES:
        return 0.5
    if any(a in group and b in group for group in _NEAR):
        return 0.5
    return 1.0


#: Consonants a recogniser often loses or adds: an unaspirated ㄱ at a word's start, a final ㅇ or ㄴ
#: before another nasal.
WEAK = frozenset("kNn")


def gap(a: str) -> float:
    """What losing or adding the sound ``a`` costs: a vowel, glide or weak consonant less than others."""
    if a in GLIDES:
        return 0.3
    if a in VOWELS or a in WEAK:
        return 0.6
    return 0.8


def threshold(length: int) -> float:
    """The highest cost per phone of the identifier still proposed: stricter for short ones, where a
    few sounds' difference is most of the name."""
    if length < 4:
        return 0.0
    if length < 6:
        return 0.15
    if length < 9:
        return 0.2
    return 0.22


@dataclass(frozen=True)
class Alignment:
    start: int  # first phone of the stream matched (inclusive)
    end: int  # last phone matched (exclusive)
    cost: float


def align(target: str, stream: str, limit: float) -> list[Alignment]:
    """Every stretch of ``stream`` that ``target`` aligns with at a total cost of at most ``limit``,
    best first and none overlapping a better one."""
    m, n = len(target), len(stream)
    if not m or not n:
        return []
    # cost[i][j]: target[:i] aligned ending at stream[:j]; start[i][j]: where that alignment began.
    inf = float("inf")
    prev = [0.0] * (n + 1)
    prev_start = list(range(n + 1))
    for i in range(1, m + 1):
        t = target[i - 1]
        cur = [prev[0] + gap(t)] + [inf] * n
        cur_start = [0] * (n + 1)
        for j in range(1, n + 1):
            s = stream[j - 1]
            best, origin = prev[j - 1] + substitution(t, s), prev_start[j - 1]
            down = prev[j] + gap(t)  # a sound of the identifier not heard
            if down < best:
                best, origin = down, prev_start[j]
            right = cur[j - 1] + gap(s)  # a sound heard that the identifier lacks
            if right < best:
                best, origin = right, cur_start[j - 1]
            cur[j], cur_start[j] = best, origin
        prev, prev_start = cur, cur_start
    found = sorted(
        (Alignment(prev_start[j], j, round(prev[j], 3)) for j in range(1, n + 1) if prev[j] <= limit),
        key=lambda a: (a.cost, a.end - a.start),
    )
    chosen: list[Alignment] = []
    for a in found:
        if a.end > a.start and all(a.end <= c.start or c.end <= a.start for c in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


# -- matching words ---------------------------------------------------------------------------------

#: How much of the threshold a part of a value alone gets (a first name said by itself).
PART_STRICTNESS = 0.6
#: A pause this long (seconds) between two words ends a run: a name is not said across it.
PAUSE_S = 1.0


@dataclass(frozen=True)
class Heard:
    """A recognised word: its text and when it was said (None for an untimed word)."""

    word: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Place:
    """Words ``first .. last`` (inclusive, indexes into the words given) sound like identifier
    ``which`` (its index in the values given)."""

    which: int
    first: int
    last: int
    cost: float  # per phone of the identifier: 0 is the same sounds
    rule: str  # how it was found, in the reviewer's words (never the value)


def find(words: Sequence[Heard], values: Sequence[str]) -> list[Place]:
    """Return every run of ``words`` that sounds like one of ``values``, best first per place.

    Each value is matched whole (its words joined) and, for values of several words, each word of
    four sounds or more alone (a first name said by itself).
    """
    runs = _runs(words)
    places: list[Place] = []
    for which, value in enumerate(values):
        parts = [p for p in re.split(r"[\s\-·.,]+", value) if p]
        targets = {"".join(phones(p) for p in parts): 1.0}
        if len(parts) > 1:
            # A part alone has fewer sounds to go by: it must sound closer.
            targets.update({phones(p): PART_STRICTNESS for p in parts if phones(p) not in targets})
        method = script_of(value)
        seen: list[tuple[int, int]] = []
        for target, strictness in targets.items():
            limit = threshold(len(target)) * strictness
            if not limit:
                continue
            for stream, owners in runs:
                for a in align(target, stream, limit * len(target)):
                    first, last = owners[a.start], owners[a.end - 1]
                    if any(first <= b and a2 <= last for a2, b in seen):
                        continue
                    seen.append((first, last))
                    cost = a.cost / len(target)
                    exact = "exactly" if cost == 0 else f"{cost:.2f} off"
                    places.append(
                        Place(which, first, last, round(cost, 3), f"sounds like it ({method}, {exact})")
                    )
    return sorted(places, key=lambda p: (p.first, p.cost))


def _runs(words: Sequence[Heard]) -> list[tuple[str, list[int]]]:
    """The words' phones as streams, broken at long pauses; each phone's word index beside it."""
    runs: list[tuple[str, list[int]]] = []
    stream: list[str] = []
    owners: list[int] = []
    last_end: float | None = None
    for index, w in enumerate(words):
        if w.start is not None and last_end is not None and w.start - last_end > PAUSE_S and stream:
            runs.append(("".join(stream), owners))
            stream, owners = [], []
        p = phones(w.word)
        stream.append(p)
        owners.extend([index] * len(p))
        last_end = w.end if w.end is not None else last_end
    if stream:
        runs.append(("".join(stream), owners))
    return runs
