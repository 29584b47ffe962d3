"""Known identifiers: the names and places the facilitator wrote down at ingest.

A recogniser mishears names in ways of its own: one name split in two ("joe mo" for Jomo), two merged
("jomokenyatta"), near spellings ("wanjeru" for Wanjiru), a possessive ("jomo's"). And people are
named in part: the first name alone, once the full name has been said. So each value is looked for
whole and by its parts, across runs of up to three words, allowing a few letters' difference that
grows with the length of the name. A near spelling that is an everyday word ("may" near "Mary") is
not taken: the exact name always is.

A name is also typed in one script and said in another: "Savita Joshi" on the form, सविता जोशी in
the story; "Park Eun-hee" and 박은희; "Jhansi" and झाँसी. Where the script of the words differs
from the script of the value, the two are compared by their phonetic keys (:mod:`.phonetic`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from . import phonetic
from .base import Detection

ROLE_KINDS = {"speaker": "NAME", "relative": "NAME", "village": "LOCATION", "clinic": "LOCATION"}
# Names and places are said in part ("Jomo" for Jomo Kenyatta); another identifier only whole.
BY_PARTS = {"speaker", "relative", "village", "clinic"}
# Runs of word characters, with the vowel signs and marks that Python's \w leaves out of Devanagari
# ("सविता" is one word, not three pieces).
WORD = re.compile(r"(?:\w|[\u0900-\u0963\u0971-\u097f\u200c\u200d])+", re.UNICODE)
MAX_RUN = 3  # a name heard as up to three words
FOLD_CACHE = 50_000  # words whose folded form is remembered (a story repeats its words)
_FOLDED: dict[str, tuple[str, bool, bool]] = {}  # a word -> folded, Latin letters only, none


def fold(word: str) -> str:
    """Lower case without accents, so "Szöllösy" and "szollosy" compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tolerance(length: int) -> int:
    """How many letters a hearing of a name of this length may differ by."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class _Target:
    letters: str  # the folded letters of the value or part, without spaces
    kind: str
    rule: str
    exact_words: tuple[str, ...]
    latin: bool  # written in Latin letters
    key: str  # the phonetic key, to find it in another script
    digits: bool  # holds a digit: heard only exactly


def _targets(known: Sequence[tuple[str, str]], is_common: Callable[[str], bool]) -> list[_Target]:
    out: dict[str, _Target] = {}
    for role, value in known:
        kind = ROLE_KINDS.get(role, "OTHER")
        words = [fold(w) for w in WORD.findall(value)]
        if not words:
            continue
        whole = "".join(words)
        out.setdefault(whole, _target(whole, kind, "known identifier", tuple(words)))
        if len(words) > 1 and role in BY_PARTS:
            for word in words:
                # A part alone: the first name or surname said by itself. Initials and everyday
                # words ("Grace" in "Mary Grace") are left to the whole-name match.
                if len(word) >= 2 and not word.isdecimal() and not is_common(word):
                    out.setdefault(word, _target(word, kind, "part of a known identifier", (word,)))
    return list(out.values())


def _latin(letters: str) -> bool:
    return all(c < "\u0250" for c in letters)


def _foreign(letters: str) -> bool:
    """Without a Latin letter (nor a digit): all in another script."""
    return all(c >= "\u0250" for c in letters)


def _target(letters: str, kind: str, rule: str, words: tuple[str, ...]) -> _Target:
    key = phonetic.key(letters) if kind in ("NAME", "LOCATION") and not letters.isdecimal() else ""
    digits = any(c.isdecimal() for c in letters)
    return _Target(letters, kind, rule, words, _latin(letters), key, digits)


class KnownIdentifiers:
    """Finds the facilitator's identifiers and the variants a recogniser or a speaker produces."""

    name = "the identifiers the facilitator wrote down, and their variants"

    def __init__(self, is_common: Callable[[str], bool] = lambda word: False) -> None:
        self.is_common = is_common

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        targets = _targets(known, self.is_common)
        if not targets:
            return []
        folded = _FOLDED
        if len(folded) > FOLD_CACHE:
            folded.clear()
        tokens = []
        latin = []  # each word in Latin letters only
        foreign = []  # each word without a Latin letter
        for m in WORD.finditer(text):
            raw = m.group()
            seen = folded.get(raw)
            if seen is None:
                low = fold(raw)
                seen = folded[raw] = (low, _latin(low), _foreign(low))
            tokens.append((m.start(), m.end(), seen[0]))
            latin.append(seen[1])
            foreign.append(seen[2])
        # Between each word and the one before: whether the gap ends a name as written ("Jomo  Kenyatta",
        # "Jomo\nKenyatta", "J. Kenyatta" do not), and whether it is one space, a hyphen or an apostrophe.
        ends = [True] * len(tokens)
        plains = [False] * len(tokens)
        for j in range(1, len(tokens)):
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            ends[j] = len(gap) > 3 or bool(gap.strip(" \t\n-'’.,")) or gap.count("\n") > 1
            plains[j] = gap in {" ", "-", "'", "’"}
        # How far each value's letters may be from a run's and still be a hearing of it (0: only
        # exactly, as a number is), and so which values a run of each length may be: a run is
        # compared only with those, and in another script only with the values whose sound is of
        # about the length of its own (in the values' order, as :func:`.base.resolve` settles ties).
        near = [0 if t.digits else tolerance(len(t.letters)) for t in targets]
        # A run in Latin letters only and a value without them (or the other way round) have no
        # letter in common, so differ by more letters than a hearing may: the run is not compared
        # with it (but still by sound, below). Keyed by (run in Latin letters, run without any).
        by_size: dict[tuple[bool, bool], dict[int, list[int]]] = {
            scripts: {} for scripts in ((True, False), (False, True), (False, False))
        }
        by_sound: dict[int, list[int]] = {}
        for n, t in enumerate(targets):
            apart = (True, False) if _foreign(t.letters) else (False, True) if t.latin else None
            for size in range(len(t.letters) - near[n], len(t.letters) + near[n] + 1):
                for scripts, sizes in by_size.items():
                    if scripts != apart:
                        sizes.setdefault(size, []).append(n)
            if t.key:
                for size in range(max(3, len(t.key) - 1), len(t.key) + 2):
                    by_sound.setdefault(size, []).append(n)
        # For a run in Latin letters or not, the most words of a value in the other script.
        other_words = {
            run_latin: max((len(t.exact_words) for t in targets if t.key and t.latin != run_latin), default=0)
            for run_latin in (True, False)
        }
        crossing = set(latin) != {t.latin for t in targets} or len({t.latin for t in targets}) > 1
        longest = max(len(t.letters) for t in targets) + 2
        run_limit = max(MAX_RUN, max(len(t.exact_words) for t in targets))  # "Gitaru Hill Health Centre"
        found = []
        for i in range(len(tokens)):
            letters = ""
            exact_before = False  # a shorter run from i was already a name exactly
            plain = True  # words joined by one space, a hyphen or an apostrophe only
            run_latin = True  # every word of the run in Latin letters
            run_foreign = True  # no word of the run with a Latin letter
            for j in range(i, min(i + run_limit, len(tokens))):
                if j > i:
                    if ends[j]:
                        break  # the name as written: "Jomo  Kenyatta", "Jomo\nKenyatta", "J. Kenyatta"
                    plain = plain and plains[j]
                letters += tokens[j][2]
                if len(letters) > longest:
                    break
                run_latin = run_latin and latin[j]
                run_foreign = run_foreign and foreign[j]
                key: str | None = None  # the run's sound, worked out once for all the values
                scripts = (run_latin and not run_foreign, run_foreign and not run_latin)  # (no letters: both)
                candidates: Sequence[int] = by_size[scripts].get(len(letters), ())
                if crossing and plain and not exact_before and j - i + 1 <= other_words[run_latin]:
                    key = phonetic.key(text[tokens[i][0] : tokens[j][1]])
                    sounding = by_sound.get(len(key), ())
                    if sounding:
                        candidates = sorted({*candidates, *sounding})
                exact_here = False
                for n in candidates:
                    target = targets[n]
                    if letters == target.letters:
                        hit = target.rule
                    elif exact_before or not plain:
                        continue  # "jomo is" is no hearing of a name: "jomo" already was one
                    elif near[n]:
                        hit = self._match(letters, tokens[i : j + 1], target)
                    else:
                        hit = None  # a number, or a name too short to be heard otherwise
                    if (
                        not hit
                        and crossing
                        and target.key
                        and plain
                        and not exact_before
                        and run_latin != target.latin
                        and j - i + 1 <= len(target.exact_words)
                    ):
                        if key is None:
                            key = phonetic.key(text[tokens[i][0] : tokens[j][1]])
                        hit = self._across_scripts(key, target, j - i + 1)
                    if hit:
                        found.append(Detection(tokens[i][0], tokens[j][1], target.kind, "known", hit))
                        exact_here = exact_here or letters == target.letters
                exact_before = exact_before or exact_here
        return found

    def _across_scripts(self, key: str, target: _Target, words: int) -> str | None:
        """The value in another script: "Savita Joshi" for सविता जोशी, "Jhansi" for झाँसी.

        The caller passes only runs in the other script than the value's, of no more words than it
        has (a key drops short vowels: "सविता जोशी है" would pass for "Savita Joshi"), and the
        run's sound ``key``."""
        if len(key) < 3 or abs(len(key) - len(target.key)) > 1:
            return None
        if key == target.key:
            return f"{target.rule}, in another script"
        # One letter of the key may differ, for a run of as many words as the value has.
        allowed = 1 if len(target.key) >= 6 and words == len(target.exact_words) else 0
        if allowed and Levenshtein.distance(key, target.key, score_cutoff=allowed) <= allowed:
            return f"{target.rule}, in another script"
        return None

    def _match(self, letters: str, run: list[tuple[int, int, str]], target: _Target) -> str | None:
        if letters == target.letters:
            return target.rule
        if target.digits:
            return None  # a number is heard in other groupings, never with other digits or letters
        allowed = tolerance(len(target.letters))
        if not allowed or abs(len(letters) - len(target.letters)) > allowed:
            return None
        if Levenshtein.distance(letters, target.letters, score_cutoff=allowed) > allowed:
            return None
        if any(self.is_common(word) and word not in target.letters for _, _, word in run):
            return None  # "may" is not a hearing of "Mary", nor "jomo is" of "Jomo"
        return f"{target.rule}, as heard"


# A number a facilitator wrote down is found in a field by its last digits, however it is grouped or
# prefixed: "0722 123 456" in "Call 0722123456", "+254 722 123 456" or "0722-123-456".
_DIGIT_RUN = re.compile(r"\+?\d(?:[\d \-.()/]{0,3}\d)*")
DIGITS_COMPARED = 9  # a national number without its trunk zero or country code
DIGITS_AT_LEAST = 7


def _digits_tail(value: str) -> str:
    digits = "".join(c for c in value if c.isdecimal())
    return digits[-DIGITS_COMPARED:] if len(digits) >= DIGITS_AT_LEAST else ""


def resemblances(
    finder: KnownIdentifiers, text: str, known: Sequence[tuple[str, str]]
) -> list[tuple[int, int, str]]:
    """Where ``text`` (a title, a tag, a note) resembles one of ``known``: (start, end, role).

    The rules of :meth:`KnownIdentifiers.find`, value by value so each finding keeps its role, and a
    number's digits in any grouping.
    """
    found = []
    for role, value in known:
        found.extend((d.start, d.end, role) for d in finder.find(text, [(role, value)]))
        tail = _digits_tail(value)
        if tail:
            for m in _DIGIT_RUN.finditer(text):
                if tail in "".join(c for c in m.group() if c.isdecimal()):
                    found.append((m.start(), m.end(), role))
    return found
