"""The story page's listening view: the published text cut into timed segments, a cue from a link, and
the compact word timings the synced player fetches.

Only ``Story.published_text`` and ``Story.published_timings`` are read here, never the working text or
the transcript; whether they may be shown at all is the publication rule's question, asked by the view.

The page carries one timestamp per segment (a link that works without JavaScript), not one element per
word: a 30-minute story has some 4,500 words, and per-word markup with timings would double its weight.
The words' timings travel apart, as ``timings_payload``, fetched only when the listener presses play.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from archive.errors import ValidationFailed
from archive.word_timings import compact_timings, utf16_offsets

# A segment ends at the first sentence end after this many characters (~40 words, ~15 s of speech),
# or at the first space after the longer limit when the text has no punctuation (a raw transcript).
SEGMENT_MIN_CHARS = 280
SEGMENT_MAX_CHARS = 560
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?।。！？…][\"'”’)\]]*\s+")
_CUE_RE = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6})?")
# The longest cue a link may carry: longer than any recording the archive accepts (MAX_AUDIO_SECONDS).
_MAX_CUE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Segment:
    """A stretch of the published text: ``text[start:end]``, heard from ``seconds`` (None: untimed)."""

    start: int
    end: int
    seconds: float | None


# With word timings, a segment is cut by time, whatever the script: at the first sentence end once it
# lasts this long, else before the first word said this long after it began. A timestamp then comes
# about every 30 seconds in Korean as in English (560 characters of Korean are a minute or two).
SEGMENT_MIN_SECONDS = 24.0
SEGMENT_MAX_SECONDS = 30.0


def segments(text: str, timings: Sequence[Sequence] | None = None) -> list[Segment]:
    """Cut ``text`` into paragraphs, and long paragraphs into runs of sentences; time each from
    ``timings`` when given. Untimed text is cut by length; timed text by time (about every 30 s), and
    a stretch of it without timings by length too. Segments never include the blank lines between
    paragraphs."""
    found: list[Segment] = []
    ends = [t[1] for t in timings or ()]
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        pieces = _split_by_time(text, pos, end, timings, ends) if timings else [(pos, end)]
        for start, stop in pieces:
            for a, b in _split_paragraph(text, start, stop, timed=bool(timings)):
                found.append(Segment(a, b, _first_time(timings, ends, a, b)))
        pos = brk.end() if brk else end
    return found


def _split_by_time(
    text: str, start: int, end: int, timings: Sequence[Sequence], ends: list[int]
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` before the words where a new segment begins by time."""
    cuts = [start]
    i = bisect.bisect_left(ends, start + 1)
    began: float | None = None
    while i < len(timings) and timings[i][0] < end:
        _, word_end, t0, t1 = timings[i][:4]
        began = float(t0) if began is None else began
        following = timings[i + 1] if i + 1 < len(timings) and timings[i + 1][0] < end else None
        if following is not None:
            too_long = float(following[2]) - began >= SEGMENT_MAX_SECONDS
            sentence = float(t1) - began >= SEGMENT_MIN_SECONDS and _ends_sentence(text, int(word_end))
            if too_long or sentence:
                cuts.append(int(following[0]))
                began = None
        i += 1
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


def _ends_sentence(text: str, word_end: int) -> bool:
    """Whether a sentence ends with the word ending at ``word_end`` (its own last character, or the
    punctuation right after it)."""
    return any(
        _SENTENCE_END.match(text, at) or (at < len(text) and _SENTENCE_END_AT_END.fullmatch(text, at))
        for at in (max(0, word_end - 1), word_end)
    )


_SENTENCE_END_AT_END = re.compile(r"[.!?।。！？…][\"'”’)\]]*\s*")


def _split_paragraph(text: str, start: int, end: int, timed: bool = False) -> list[tuple[int, int]]:
    """Cut a paragraph by length (a timed one only where a stretch of it is far longer, as a stretch
    without timings may be)."""
    limit = SEGMENT_MAX_CHARS * (4 if timed else 1)
    pieces = []
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            break
        cut = end
        if end - start > limit:
            sentence = _SENTENCE_END.search(text, start + SEGMENT_MIN_CHARS, end)
            space = text.find(" ", start + limit, end)
            candidates = [m for m in (sentence.end() if sentence else -1, space) if m > 0]
            cut = min(candidates) if candidates else end
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop))
        start = cut
    return pieces


def _first_time(timings: Sequence[Sequence] | None, ends: list[int], start: int, end: int) -> float | None:
    """When the first timed word inside ``start..end`` is heard (``ends``: each timing's end offset)."""
    if not timings:
        return None
    i = bisect.bisect_left(ends, start + 1)
    if i < len(timings) and timings[i][0] < end:
        return float(timings[i][2])
    return None


def parse_cue(value: str | None) -> float | None:
    """Read the ``t`` of a link to a moment of a story (seconds, such as ``12`` or ``74.5``); None when
    absent.

    Raise ValidationFailed for anything else: words, signs, exponents, spaces, or more than a day.
    The form is strict because the page also uses it as the id of the cued passage (``#t=12``).
    """
    if value is None or value == "":
        return None
    if not _CUE_RE.fullmatch(value) or float(value) > _MAX_CUE_SECONDS:
        raise ValidationFailed(
            {"t": ["The time in this link (t=…) must be a number of seconds, such as t=12 or t=74.5."]}
        )
    return float(value)


def entry_at(timings: Sequence[Sequence] | None, seconds: float) -> int | None:
    """Return the index of the timed word heard at ``seconds`` (or the next one); None without timings
    or past the end."""
    if not timings:
        return None
    ends = [t[3] for t in timings]
    i = bisect.bisect_right(ends, seconds)
    # A word ends exactly where the cue falls: the cue is the next word's start, if there is one.
    return i if i < len(timings) else None


def render_segment(text: str, segment: Segment, mark: tuple[int, int] | None = None) -> Markup:
    """Return the segment's text, escaped, with the characters ``mark`` (absolute offsets) in a
    ``<mark class="cue">``.

    The text is given character for character (a carriage return as a space, since an HTML parser
    turns ``\\r\\n`` into one character), so a script can map offsets of the published text onto it.
    """
    piece = text[segment.start : segment.end].replace("\r", " ")
    if mark is None or not (segment.start <= mark[0] < segment.end):
        return escape(piece)
    a = mark[0] - segment.start
    b = min(mark[1], segment.end) - segment.start
    return (
        escape(piece[:a])
        + Markup('<mark class="cue">')
        + escape(piece[a:b])
        + Markup("</mark>")
        + escape(piece[b:])
    )


def timings_payload(text: str, timings: Sequence[Sequence]) -> dict:
    """Return the word timings in the form ``/stories/<id>/timings.json`` sends them
    (``archive.word_timings.compact_timings``)."""
    return compact_timings(text, timings)


@dataclass(frozen=True)
class ShownSegment:
    """A segment as the story page shows it: escaped text (a cued word marked), where it starts in the
    published text in UTF-16 units (for the player script), when it is heard, and whether the cue is
    in it."""

    html: Markup
    offset: int
    seconds: float | None
    cued: bool


def timed_transcript(text: str, timings: Sequence[Sequence], cue: float | None = None) -> list[ShownSegment]:
    """Return the published text as timed segments, with the word heard at ``cue`` marked."""
    mark = None
    if cue is not None:
        i = entry_at(timings, cue)
        if i is not None:
            mark = (int(timings[i][0]), int(timings[i][1]))
    to16 = utf16_offsets(text)
    shown = []
    for seg in segments(text, timings):
        cued = mark is not None and seg.start <= mark[0] < seg.end
        shown.append(ShownSegment(render_segment(text, seg, mark), to16(seg.start), seg.seconds, cued))
    return shown
