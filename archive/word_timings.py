"""Word timings as the follow-the-words player reads them, shared by the educators' story page
(``archive.library.player``) and the reviewer's workbench (``ingest.workbench``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Return a function mapping Python offsets into ``text`` to UTF-16 offsets, as a browser counts
    (they differ after a character outside the Basic Multilingual Plane, such as an emoji)."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return lambda i: i
    extra = [0]
    for ch in text:
        extra.append(extra[-1] + (ord(ch) > 0xFFFF))
    return lambda i: i + extra[min(i, len(text))]


def compact_timings(text: str, timings: Iterable[Sequence]) -> dict:
    """The player's compact form of ``timings`` (``(char_start, char_end, t0, t1)`` per word of
    ``text``, in order): ``{"v": 1, "w": [...]}`` with four integers per word, each relative to the
    word before so the list stays short (a 30-minute story: ~50 KB): the start offset's distance from
    the previous word's start and the word's length, both in UTF-16 units (as JavaScript counts), then
    the start time's distance from the previous start and the duration, both in hundredths of a
    second. No word of the text is in it, only places and times."""
    to16 = utf16_offsets(text)
    flat: list[int] = []
    prev_offset = prev_time = 0
    for start, end, t0, t1 in timings:
        a, b = to16(int(start)), to16(int(end))
        c0, c1 = round(float(t0) * 100), round(float(t1) * 100)
        flat += [a - prev_offset, b - a, c0 - prev_time, max(0, c1 - c0)]
        prev_offset, prev_time = a, c0
    return {"v": 1, "w": flat}
