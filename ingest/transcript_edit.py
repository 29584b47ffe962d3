"""A reviewer's corrections to a transcript, with the recogniser's word timings carried across.

The reviewer edits a transcript as plain text. Its words (runs of non-space characters) are lined up
with the words the recogniser heard, and each new word gets a time span from the old ones:

- a word left as it was keeps its timing, its confidence and whether a person had checked it;
  a change of letter case or punctuation alone ("갔습니다" -> "갔습니다.") counts as left as it was,
  because the sound it stands for is the same;
- n old words replaced by n new words: each new word takes the span of the old word in its place;
- n old words replaced by m new words: the new words share the old words' whole span, split in
  proportion to their length in characters;
- inserted words share the gap between the words around them (the start of the recording before the
  first word, its end after the last one); where the neighbours touch, the gap has no length and the
  inserted words get a zero-length span at that instant rather than time taken from a checked word;
- deleted words are dropped.

Stored form (``Transcript.words``), kept readable by code that knows only the recogniser's four
fields: ``[word, start, end, conf]`` for a word as heard, ``[word, start, end, 1.0, "edited"]`` for a
word a person typed or corrected. A transcript typed by hand has no timings: start and end are null.

Nothing here touches the database or the application, so every rule above is tested directly.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .redaction import common_ends

#: Marks a stored word as typed or corrected by a person (the fifth field).
EDITED = "edited"
#: Confidence given to a word a person typed: a person's word is not in doubt.
PERSON_CONFIDENCE = 1.0

# Lining up two long, wholly different word lists cell by cell costs time quadratic in their lengths.
# The unchanged start and end are matched directly; past this many cells the changed middle is taken
# as one replacement (its words share the middle's span), which is what such a rewrite means anyway.
_DIFF_CELLS = 4_000_000

_TOKEN = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")


@dataclass(frozen=True)
class TimedWord:
    """One word of a transcript: its text, where it is in the recording (seconds), how sure the
    recogniser was (0..1), and whether a person typed or corrected it."""

    word: str
    start: float | None
    end: float | None
    conf: float | None
    edited: bool = False

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


def tokens(text: str) -> list[str]:
    """Split text into words the way the transcript counts them: runs of non-space characters."""
    return _TOKEN.findall(text)


def from_rows(rows: Iterable[Sequence]) -> list[TimedWord]:
    """Read stored words (``[word, start, end, conf]`` with an optional ``"edited"``)."""
    words = []
    for row in rows:
        word, start, end, conf = row[0], row[1], row[2], row[3]
        words.append(
            TimedWord(
                str(word),
                None if start is None else float(start),
                None if end is None else float(end),
                None if conf is None else float(conf),
                len(row) > 4 and row[4] == EDITED,
            )
        )
    return words


def to_rows(words: Iterable[TimedWord]) -> list[list]:
    """Write words in the stored form; the fifth field appears only on words a person checked."""
    return [
        [w.word, w.start, w.end, w.conf, EDITED] if w.edited else [w.word, w.start, w.end, w.conf]
        for w in words
    ]


def typed_words(text: str) -> list[TimedWord]:
    """Words of a transcript typed by hand: checked by a person, with no timings."""
    return [TimedWord(t, None, None, PERSON_CONFIDENCE, True) for t in tokens(text)]


def is_typed(words: Sequence[TimedWord]) -> bool:
    """Whether a transcript was typed by a person: it has words and none of them has a timing."""
    return bool(words) and not any(w.timed for w in words)


def _key(token: str) -> str:
    """What a word is compared by: its letters and digits, in one Unicode form and letter case.

    Browsers may send composed or decomposed Hangul; NFC makes them equal. A token with no letters
    or digits at all (a dash, an ellipsis) is compared as written.
    """
    normal = unicodedata.normalize("NFC", token).casefold()
    return "".join(_WORD_CHARS.findall(normal)) or normal


def realign(old: Sequence[TimedWord], new_tokens: Sequence[str], duration: float | None) -> list[TimedWord]:
    """Return the edited word list ``new_tokens`` with timings carried over from ``old``.

    ``duration`` (seconds) bounds the gap after the last word; every timing stays within 0..duration
    and in order when the old ones were. Untimed old words (a typed transcript) give untimed words.
    """
    old_keys = [_key(w.word) for w in old]
    new_keys = [_key(t) for t in new_tokens]
    out: list[TimedWord] = []
    for tag, i1, i2, j1, j2 in _opcodes(old_keys, new_keys):
        if tag == "equal":
            out.extend(
                replace(old[i], word=new_tokens[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            out.extend(
                TimedWord(new_tokens[j], old[i].start, old[i].end, PERSON_CONFIDENCE, True)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        elif tag == "replace":
            out.extend(_spread(new_tokens[j1:j2], old[i1].start, old[i2 - 1].end))
        elif tag == "insert":
            if out:
                lo = out[-1].end
            else:
                lo = 0.0 if (not old or old[0].timed) else None
            hi = old[i1].start if i1 < len(old) else _end_of_recording(lo, duration)
            out.extend(_spread(new_tokens[j1:j2], lo, hi))
        # "delete": the old words are simply not carried over.
    return _within(out, duration)


def _end_of_recording(lo: float | None, duration: float | None) -> float | None:
    if lo is None:
        return None
    return duration if duration is not None and duration >= lo else lo


def _spread(words: Sequence[str], lo: float | None, hi: float | None) -> list[TimedWord]:
    """Share lo..hi among ``words`` in proportion to their length; untimed if either end is unknown."""
    if lo is None or hi is None:
        return [TimedWord(w, None, None, PERSON_CONFIDENCE, True) for w in words]
    hi = max(hi, lo)
    weights = [max(1, len(w)) for w in words]
    total = sum(weights)
    # Boundaries are rounded once each and shared by neighbouring words, so the spans stay in order
    # and touch exactly; the first and last are lo and hi themselves.
    bounds = [lo]
    running = 0
    for weight in weights[:-1]:
        running += weight
        bounds.append(round(lo + (hi - lo) * running / total, 3))
    bounds.append(hi)
    return [TimedWord(w, bounds[k], bounds[k + 1], PERSON_CONFIDENCE, True) for k, w in enumerate(words)]


def _within(words: list[TimedWord], duration: float | None) -> list[TimedWord]:
    """Clamp timings into 0..duration (a recogniser's last word may end a hair past the audio)."""
    if duration is None:
        return words

    def clamp(t: float | None) -> float | None:
        return None if t is None else min(max(t, 0.0), duration)

    return [replace(w, start=clamp(w.start), end=clamp(w.end)) if w.timed else w for w in words]


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes for ``a`` -> ``b``, with the common start and end matched directly."""
    prefix, suffix = common_ends(a, b)
    a_end, b_end = len(a) - suffix, len(b) - suffix
    ops: list[tuple[str, int, int, int, int]] = []
    if prefix:
        ops.append(("equal", 0, prefix, 0, prefix))
    a_mid, b_mid = a[prefix:a_end], b[prefix:b_end]
    if a_mid and b_mid and len(a_mid) * len(b_mid) <= _DIFF_CELLS:
        # autojunk off: common short words (particles, "the") would otherwise be ignored as noise,
        # and the alignment would slip around them.
        matcher = difflib.SequenceMatcher(a=a_mid, b=b_mid, autojunk=False)
        ops += [
            (tag, prefix + i1, prefix + i2, prefix + j1, prefix + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    elif a_mid and b_mid:
        ops.append(("replace", prefix, a_end, prefix, b_end))
    elif a_mid:
        ops.append(("delete", prefix, a_end, prefix, prefix))
    elif b_mid:
        ops.append(("insert", prefix, prefix, prefix, b_end))
    if suffix:
        ops.append(("equal", a_end, len(a), b_end, len(b)))
    return ops


# ---------------------------------------------------------------------------------------------------
# Showing a transcript to the reviewer


@dataclass(frozen=True)
class Shown:
    """A piece of the transcript as the review page shows it: a word (with its timing and whether
    the recogniser was unsure of it), or the spaces and line breaks between words."""

    text: str
    word: TimedWord | None = None
    unsure: bool = False


def unsure(word: TimedWord, threshold: float) -> bool:
    """Whether the recogniser was unsure of a word a person has not checked yet."""
    return not word.edited and word.conf is not None and word.conf < threshold


def shown(text: str, words: Sequence[TimedWord], threshold: float) -> list[Shown]:
    """Pair the working text's words with the transcript's, keeping the text's line breaks.

    The working text of an audio story is the transcript's words with the reviewer's spacing; if the
    two ever disagree, the transcript's own words are shown, joined by spaces, so no mark lands on the
    wrong word.
    """
    found = list(_TOKEN.finditer(text))
    if [m.group() for m in found] != [w.word for w in words]:
        text = " ".join(w.word for w in words)
        found = list(_TOKEN.finditer(text))
    parts: list[Shown] = []
    pos = 0
    for match, word in zip(found, words, strict=True):
        if match.start() > pos:
            parts.append(Shown(text[pos : match.start()]))
        parts.append(Shown(match.group(), word, unsure(word, threshold)))
        pos = match.end()
    if pos < len(text):
        parts.append(Shown(text[pos:]))
    return parts
