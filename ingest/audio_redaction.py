"""Audio redaction: where the accepted identifiers are in a recording, and the copy educators hear.

``redaction_intervals`` maps each accepted span of the working text (character offsets; for a recorded
story the text is its transcript) to the transcript words it overlaps, and those words to stretches
of the recording, padded on each side and merged. It refuses (``AudioUnmappable``) whenever a span
cannot be placed: a transcript typed by hand has no timings, and a span over untimed words, or over
no word at all, would leave an identifier audible. Then no recording is published, only the text.

``redact_audio`` makes the published copy from the decoded recording: each interval silenced or
covered by a soft tone, the voice disguised first where the consent asks for it, then encoded like the
listening copy (same formats, no tags).

Nothing here touches the database, so both are tested directly.
"""

from __future__ import annotations

import math
import os
import re
import sys
import tempfile
import wave
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from archive.errors import ArchiveError

from .audio import (
    LISTENING_FORMATS,
    RECOGNITION_RATE,
    Limits,
    ListeningCopy,
    ListeningFormat,
    filtered_wav,
    listening_copy,
)
from .transcript_edit import TimedWord, is_typed

#: The two ways an interval may be covered (``AUDIO_REDACTION_STYLE``).
STYLES = ("tone", "silence")
#: The tone: a soft 1 kHz sine at -20 dBFS, plainly a marker and not loud enough to startle.
TONE_HZ = 1000.0
TONE_LEVEL = 0.1
#: The tone rises and falls over this much of its interval (inside it), so it starts without a click.
TONE_RAMP_S = 0.010
#: Speech fades out over this much just before an interval and back in just after it (outside it), so
#: inside an interval nothing of the speech remains at all, and the cut makes no click.
SPEECH_FADE_S = 0.005
#: Two intervals closer than this are joined: a sliver of speech between two redacted words carries
#: nothing a listener needs, and it would sound like a glitch.
JOIN_GAP_S = 0.100
#: The voice disguise: resample by this factor (pitch and formants move down together, about 3.9
#: semitones), then stretch the tempo back so the duration, and so every interval, stays in place.
DISGUISE_FACTOR = 0.8

_TOKEN = re.compile(r"\S+")  # the transcript's words, as transcript_edit.tokens counts them
_BLOCK = RECOGNITION_RATE  # samples processed at a time: one second


class AudioUnmappable(ArchiveError):
    """An accepted span cannot be placed in the recording, so the recording must not be published.

    ``message`` is for the reviewer and facilitator; it names character offsets, never the words
    (they are the identifiers).
    """

    status = 409


class SpanLike(Protocol):
    start: int
    end: int


class TextSpan(NamedTuple):
    """Characters ``start .. end`` (end-exclusive) of the working text."""

    start: int
    end: int


@dataclass(frozen=True)
class Interval:
    """A stretch of the recording, in seconds."""

    start: float
    end: float


NO_TIMINGS = (
    "The transcript was typed by hand, so the recording has no word timings: the redacted words cannot "
    "be found in it. The text is published; the recording is not."
)
TEXT_DIFFERS = (
    "The story text no longer matches the transcript's words, so the redacted words cannot be found in "
    "the recording. The text is published; the recording is not."
)


def _not_placed(span: SpanLike) -> str:
    return (
        f"A redacted passage (characters {span.start}–{span.end}) has no timing in the recording, so it "
        "cannot be silenced there. The text is published; the recording is not."
    )


def redaction_intervals(
    text: str,
    words: Sequence[TimedWord],
    spans: Iterable[SpanLike],
    duration: float,
    padding: float,
) -> list[Interval]:
    """Return the stretches of the recording to cover for ``spans`` of ``text``: the timed words each
    span overlaps, ``padding`` seconds either side, joined when they touch or nearly do, within
    0..``duration``. Raise AudioUnmappable when any span cannot be placed, and for a transcript typed
    by hand or a text that no longer matches the transcript's words, spans or not."""
    # Checked even with no span to place: a transcript typed by hand (or a text that drifted from the
    # words) is no proof of what the recording says, so it cannot vouch for a recording with nothing
    # redacted either.
    if is_typed(words) or not words:
        raise AudioUnmappable(NO_TIMINGS)
    found = list(_TOKEN.finditer(text))
    if [m.group() for m in found] != [w.word for w in words]:
        raise AudioUnmappable(TEXT_DIFFERS)
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    raw: list[Interval] = []
    for span in spans:
        covered = [
            w for m, w in zip(found, words, strict=True) if m.start() < span.end and span.start < m.end()
        ]
        if not covered or not all(w.timed for w in covered):
            raise AudioUnmappable(_not_placed(span))
        start = min(w.start for w in covered)
        end = max(w.end for w in covered)
        raw.append(Interval(max(0.0, start - padding), min(duration, end + padding)))
    return merge_intervals(raw)


def merge_intervals(intervals: Iterable[Interval], join_gap: float = JOIN_GAP_S) -> list[Interval]:
    """Sort intervals and join those that overlap or lie less than ``join_gap`` seconds apart."""
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: (i.start, i.end)):
        if iv.end <= iv.start:
            continue
        if merged and iv.start - merged[-1].end < join_gap:
            merged[-1] = Interval(merged[-1].start, max(merged[-1].end, iv.end))
        else:
            merged.append(iv)
    return merged


def disguise_filter(factor: float = DISGUISE_FACTOR, rate: int = RECOGNITION_RATE) -> str:
    """The ffmpeg filter graph of the voice disguise: pitch and formants by ``factor``, duration kept.

    ``asetrate`` plays the samples at ``factor`` times the rate (lower and slower), ``aresample``
    brings the rate back, ``atempo`` restores the speed; all three are in every ffmpeg build.
    """
    return f"asetrate={round(rate * factor)},aresample={rate},atempo={1 / factor:.6f}"


def redact_audio(
    src_wav: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    intervals: Sequence[Interval],
    style: str = "tone",
    disguise: bool = False,
    limits: Limits | None = None,
    formats: tuple[ListeningFormat, ...] = LISTENING_FORMATS,
    progress: Callable[[float], None] | None = None,
) -> ListeningCopy:
    """Make the published copy of a decoded recording (a 16 kHz mono WAV from ``normalise``).

    Every interval is silenced or covered by the tone (``style``); with ``disguise`` the voice is
    disguised first (its duration kept, so the intervals still fall on the same words). The result is
    encoded like the listening copy, at ``dest`` with the format's suffix. Intermediate files live in
    a temp folder beside ``dest`` and go however this ends. ``progress`` is called as work goes (a
    job's heartbeat).
    """
    if style not in STYLES:
        raise ValueError(f"AUDIO_REDACTION_STYLE must be one of {', '.join(STYLES)}, not {style!r}")
    limits = limits or Limits()
    dest = Path(dest)
    src = Path(src_wav)
    frames = _frame_count(src)
    beat = progress or (lambda _f: None)
    with tempfile.TemporaryDirectory(prefix=".redact-", dir=dest.parent) as tmp:
        speech = src
        if disguise:
            speech = filtered_wav(src, Path(tmp) / "disguised.wav", disguise_filter(), limits, beat).path
        redacted = Path(tmp) / "redacted.wav"
        _cover(speech, redacted, frames, intervals, style, beat)
        return listening_copy(redacted, dest, limits, formats, progress=beat)


def _frame_count(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RECOGNITION_RATE):
            raise ValueError(f"{path.name} is not a 16 kHz mono 16-bit WAV")
        return w.getnframes()


def _cover(
    src: Path,
    dest: Path,
    frames: int,
    intervals: Sequence[Interval],
    style: str,
    progress: Callable[[float], None],
) -> None:
    """Write ``frames`` samples of ``src`` to ``dest`` with every interval covered; a disguised source
    a few samples longer or shorter than the recording is cut or padded with silence to its length."""
    rate = RECOGNITION_RATE
    cuts = [(round(iv.start * rate), round(iv.end * rate)) for iv in merge_intervals(intervals, 0.0)]
    cuts = [(max(0, a), min(frames, b)) for a, b in cuts if min(frames, b) > max(0, a)]
    tone = _tone_period(rate) if style == "tone" else None
    with wave.open(str(src), "rb") as r, wave.open(str(dest), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        done = 0
        while done < frames:
            count = min(_BLOCK, frames - done)
            block = array("h", r.readframes(count))
            if sys.byteorder == "big":
                block.byteswap()
            if len(block) < count:
                block.extend(array("h", bytes(2 * (count - len(block)))))
            _cover_block(block, done, cuts, tone, rate)
            if sys.byteorder == "big":
                block.byteswap()
            w.writeframes(block.tobytes())
            done += count
            progress(done / frames)


def _tone_period(rate: int) -> list[int]:
    """One whole period of the tone in samples (16 at 1 kHz and 16 kHz), so it repeats seamlessly."""
    period = rate // math.gcd(rate, int(TONE_HZ))
    amplitude = TONE_LEVEL * 32767
    return [round(amplitude * math.sin(2 * math.pi * TONE_HZ * k / rate)) for k in range(period)]


def _cover_block(
    block: array, offset: int, cuts: list[tuple[int, int]], tone: list[int] | None, rate: int
) -> None:
    """Cover the samples ``offset .. offset+len(block)`` of the recording that fall in ``cuts``."""
    end = offset + len(block)
    fade = max(1, round(SPEECH_FADE_S * rate))
    ramp = max(1, round(TONE_RAMP_S * rate))
    for a, b in cuts:
        if b + fade <= offset or a - fade >= end:
            continue
        # Speech fades out before the interval and back in after it.
        for n in range(max(offset, a - fade), min(end, a)):
            block[n - offset] = int(block[n - offset] * (a - n) / (fade + 1))
        for n in range(max(offset, b), min(end, b + fade)):
            block[n - offset] = int(block[n - offset] * (n - b + 1) / (fade + 1))
        lo, hi = max(offset, a), min(end, b)
        if hi <= lo:
            continue
        if tone is None:
            block[lo - offset : hi - offset] = array("h", bytes(2 * (hi - lo)))
            continue
        edge = min(ramp, (b - a) // 2)
        period = len(tone)
        for n in range(lo, hi):
            into = min(n - a, b - 1 - n)
            gain = 1.0 if into >= edge else 0.5 - 0.5 * math.cos(math.pi * into / edge)
            block[n - offset] = round(tone[n % period] * gain)
