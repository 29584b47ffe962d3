"""Where each word of a published text is heard: the timings behind the synced player and captions.

At publication the working text is redacted into the published text (``ingest.redaction``), and the
recording into the published copy, which keeps the original's length and timeline: a redacted word is
covered in place, never cut out. So a word's time in the transcript is its time in the published copy
too, and ``published_timings`` carries the transcript's timings across to the published text.

The result (``Story.published_timings``) is a list of ``[char_start, char_end, seconds_start,
seconds_end]``, in text order, offsets into the published text: one entry per word, and one per
redaction label, timed over the words it hides (the listener hears the tone there). Words a person
typed without a timing get no entry. Nothing here reads or writes the database.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .redaction import Piece
from .transcript_edit import TimedWord, is_typed

_TOKEN = re.compile(r"\S+")  # the transcript's words, as ingest.transcript_edit.tokens counts them


def published_timings(body: str, pieces: Sequence[Piece], words: Sequence[TimedWord]) -> list[list] | None:
    """Return the timings of the published text made from ``body`` by ``pieces``, or None.

    None when there is nothing to time: a transcript typed by hand, or a working text that no longer
    matches the transcript's words one for one (then no word's place in the recording is known).
    """
    found = list(_TOKEN.finditer(body))
    if not words or is_typed(words) or [m.group() for m in found] != [w.word for w in words]:
        return None
    starts = [m.start() for m in found]
    timings: list[list] = []
    for piece in pieces:
        # The tokens overlapping this piece: the last one starting before its end, back to the first
        # one ending after its start.
        last = bisect.bisect_left(starts, piece.src_end) - 1
        first = last
        while first >= 0 and found[first].end() > piece.src_start:
            first -= 1
        inside = range(first + 1, last + 1)
        if piece.replaced:
            timed = [words[i] for i in inside if words[i].timed]
            if timed:
                begin = min(w.start for w in timed)
                end = max(w.end for w in timed)
                timings.append([piece.out_start, piece.out_end, _seconds(begin), _seconds(end)])
            continue
        shift = piece.out_start - piece.src_start
        for i in inside:
            word = words[i]
            if not word.timed:
                continue
            a = max(found[i].start(), piece.src_start)
            b = min(found[i].end(), piece.src_end)
            timings.append([a + shift, b + shift, _seconds(word.start), _seconds(word.end)])
    return timings


def _seconds(value: float) -> float:
    return round(float(value), 2)
