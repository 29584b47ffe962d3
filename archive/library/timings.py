"""Reading ``Story.published_timings``: when a place in a published text is heard in the recording.

The timings are made at publication (``ingest.published_timings``): ``[char_start, char_end,
seconds_start, seconds_end]`` per word or redaction label of the published text, in text order.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def time_at(timings: Sequence[Sequence] | None, offset: int) -> float | None:
    """Return when the character at ``offset`` of the published text is heard: the start of the word
    it falls in, or of the next timed word after it; None past the last one or without timings."""
    if not timings:
        return None
    i = bisect.bisect_right([t[1] for t in timings], offset)
    return None if i >= len(timings) else float(timings[i][2])


def passage_times(timings: Sequence[Sequence] | None, start: int, end: int) -> tuple[float, float] | None:
    """Return the stretch of the recording where characters ``start..end`` are heard, or None when
    no timed word falls in them."""
    inside = [t for t in timings or () if t[0] < end and start < t[1]]
    if not inside:
        return None
    return float(min(t[2] for t in inside)), float(max(t[3] for t in inside))
