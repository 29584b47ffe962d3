"""What the reviewer's workbench shows besides the decisions: the working text as timed, marked
segments for the follow-the-words player, the word timings it fetches, the queue's facts, and the
redacted listening copy made on request before publication.

The segments and timings follow the library player's contract (``archive/static/player.js``): each
segment carries ``data-o``, the UTF-16 offset of its first character in the text, and its ``.tx``
element holds that text character for character; the timings are ``{"v": 1, "w": [...]}``, four
integers per word relative to the word before. Here the text is the working text, never shown to
educators.
"""

from __future__ import annotations

import bisect
import functools
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import func, select

from archive.clock import clock
from archive.errors import Conflict
from archive.extensions import db
from archive.media import derived_copy, latest_of_kind
from archive.models import (
    MediaFile,
    MediaKind,
    RedactionSpan,
    SpanDecision,
    Story,
    StoryStatus,
    Transcript,
    User,
    utcnow,
)
from archive.publication import change_while_consented
from archive.storage import current_store
from archive.word_timings import compact_timings, utf16_offsets

from . import targeted_pass
from .audio import Limits, normalise
from .audio_redaction import redact_audio
from .listen_for import propose, word_places
from .published_audio import MIN_PADDING_S, intervals_to_cover
from .recordings import keep_derived
from .redaction import known_values, log_event
from .transcript_edit import TimedWord, from_rows, unsure

SEGMENT_WORDS = 40
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n\s*")


def timings_payload(text: str, words: Sequence[TimedWord]) -> dict:
    """The working text's word timings in the player's compact form (no word of the text in it)."""
    places = word_places(text, words) or []
    timed = [(a, b, w.start, w.end) for (a, b), w in zip(places, words, strict=True) if w.timed]
    return compact_timings(text, timed)


@dataclass(frozen=True)
class Segment:
    """A run of the working text on the review page. Its ``html`` (the text with its marks and doubtful
    words highlighted) is built when a page shows it: a long story's page shows one part of them."""

    offset16: int  # for the player script
    offset: int  # code points, for selecting words to mark
    seconds: float | None
    doubtful: tuple[int, ...]  # where its words the recogniser was unsure of start
    _render: Callable[[], Markup] = field(repr=False, compare=False)

    @functools.cached_property
    def html(self) -> Markup:
        return self._render()


def segments(story: Story, words: Sequence[TimedWord], threshold: float) -> list[Segment]:
    """The working text cut into paragraphs and runs of about 40 words, each with its first word's
    time, marked spans and doubtful words as highlights (classes, never text inside the sentence)."""
    text = story.body or ""
    places = word_places(text, words) or []
    starts = [p[0] for p in places]
    to16 = utf16_offsets(text)
    spans = sorted(story.spans, key=lambda s: (s.start, -s.end))
    span_starts = [sp.start for sp in spans]
    longest = max((sp.end - sp.start for sp in spans), default=0)
    doubtful = [(*places[i], w) for i, w in enumerate(words) if i < len(places) and unsure(w, threshold)]
    doubt_starts = [d[0] for d in doubtful]
    cuts: list[tuple[int, int]] = []
    pos = 0
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk else len(text)
        inside = places[bisect.bisect_left(starts, pos) : bisect.bisect_left(starts, end)]
        for k in range(0, max(1, len(inside)), SEGMENT_WORDS):
            a = inside[k][0] if inside else pos
            nxt = inside[k + SEGMENT_WORDS][0] if k + SEGMENT_WORDS < len(inside) else end
            if k == 0:
                a = pos
            b = nxt
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                cuts.append((a, b))
        pos = brk.end() if brk else end
    out = []
    for a, b in cuts:
        i, j = bisect.bisect_left(starts, a), min(bisect.bisect_left(starts, b), len(words))
        first = next((words[k].start for k in range(i, j) if words[k].timed), None)
        near = [
            sp
            for sp in spans[bisect.bisect_left(span_starts, a - longest) : bisect.bisect_left(span_starts, b)]
            if sp.end > a
        ]
        shaky = doubtful[bisect.bisect_left(doubt_starts, a) : bisect.bisect_left(doubt_starts, b)]
        out.append(
            Segment(
                to16(a),
                a,
                first,
                tuple(d[0] for d in shaky),
                functools.partial(_marked, text, a, b, near, shaky),
            )
        )
    return out


@dataclass(frozen=True)
class Part:
    """One part of a long story's review page: characters ``start..end`` of the working text."""

    number: int
    start: int
    end: int
    seconds: float | None  # where the part begins in the recording, when its words are timed
    pending: int  # marks beginning in this part that still wait for a decision


# A marked span weighs on the review page about as much as this many bytes of text: its highlight and
# its row in the decisions table (~450 bytes) against the ~4 bytes a byte of text costs (the marked
# text, the correction box and the preview).
MARK_BYTES = 110
# A word the recogniser was unsure of is highlighted with its confidence and time (~65 bytes).
DOUBT_BYTES = 20
_SENTENCE_END = re.compile(r"[.!?。！？।॥]['\"”’)]*\s+$|\n\s*$")


def parts(
    story: Story,
    limit_bytes: int,
    starts: Sequence[tuple[int, float | None]] | None = None,
    doubtful: Sequence[int] = (),
) -> list[Part]:
    """Cut the working text into parts of about ``limit_bytes`` bytes (UTF-8) for the review page,
    each marked span counting as ``MARK_BYTES`` more and each doubtful word (``doubtful``, where
    they start) as ``DOUBT_BYTES`` more.

    A part ends between words, never inside a marked span, and where it can at the end of a sentence
    or paragraph; with ``starts`` (the timed segments' offsets and times) only at a segment's start,
    so each part's transcript begins with a segment and a time. A tail shorter than a quarter of the
    limit joins the part before. A short story is one part. Bytes, not words or characters, because
    the page budget is in bytes and a word of Korean or Hindi weighs three times one of English.
    """
    text = story.body or ""
    limit = max(1, limit_bytes)
    covered = _covered(story.spans)
    mark_starts = sorted(s.start for s in story.spans)
    doubt_starts = sorted(doubtful)
    if starts is None:
        candidates: list[tuple[int, float | None]] = [(m.start(), None) for m in re.finditer(r"\S+", text)]
    else:
        candidates = sorted(starts)
    cuts: list[tuple[int, float | None]] = [(0, candidates[0][1] if candidates else None)]
    size, prev = 0, 0
    for offset, seconds in candidates:
        if offset <= cuts[-1][0]:
            continue
        size += len(text[prev:offset].encode())
        size += MARK_BYTES * (bisect.bisect_left(mark_starts, offset) - bisect.bisect_left(mark_starts, prev))
        size += DOUBT_BYTES * (
            bisect.bisect_left(doubt_starts, offset) - bisect.bisect_left(doubt_starts, prev)
        )
        prev = offset
        if size < limit * 0.8 or _inside(covered, offset):
            continue
        if size >= limit * 1.25 or _SENTENCE_END.search(text, max(0, offset - 4), offset):
            cuts.append((offset, seconds))
            size = 0
    if len(cuts) > 1 and size + len(text[prev:].encode()) < limit / 4:
        cuts.pop()
    bounds = [c[0] for c in cuts] + [len(text)]
    out = []
    for n, (start, seconds) in enumerate(cuts):
        end = bounds[n + 1]
        pending = sum(1 for s in story.spans if start <= s.start < end and s.decision == SpanDecision.PENDING)
        out.append(Part(n + 1, start, end, seconds, pending))
    return out


def _covered(spans: Sequence[RedactionSpan]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s.start, s.end) for s in spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(covered: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls strictly inside a marked span (cutting there would split it)."""
    at = bisect.bisect_right(covered, (offset, float("inf"))) - 1
    return at >= 0 and covered[at][0] < offset < covered[at][1]


def splice(text: str, start: int, end: int, replacement: str) -> str:
    """``text`` with characters ``start..end`` replaced by ``replacement``, keeping the whitespace
    that stood at the part's edges (a text box may drop a trailing newline, which would join the
    part's last word to the next part's first)."""
    old = text[start:end]
    lead = old[: len(old) - len(old.lstrip())]
    trail = old[len(old.rstrip()) :]
    core = replacement.strip()
    return text[:start] + (lead + core + trail if core else lead or trail) + text[end:]


def _marked(text: str, a: int, b: int, spans: list[RedactionSpan], doubtful: list[tuple]) -> Markup:
    bounds = {a, b}
    for s in spans:
        if s.start < b and a < s.end:
            bounds.update((max(a, s.start), min(b, s.end)))
    for p, q, _w in doubtful:
        if p < b and a < q:
            bounds.update((max(a, p), min(b, q)))
    edges = sorted(bounds)
    html = []
    for x, y in zip(edges, edges[1:], strict=False):
        piece = escape(text[x:y].replace("\r", " "))
        span = next((s for s in spans if s.start <= x and y <= s.end), None)
        shaky = next((w for p, q, w in doubtful if p <= x and y <= q), None)
        classes = []
        if span is not None:
            classes += ["m", f"k-{span.kind.lower()}", f"d-{span.decision}", f"s-{span.source}"]
        if shaky is not None:
            classes.append("unsure")
        title = ""
        if shaky is not None:
            title = f"confidence {shaky.conf:.2f} · {clock(shaky.start, 2)}–{clock(shaky.end, 2)}"
        if classes:
            html.append(
                Markup('<mark class="{}"{}>').format(
                    " ".join(classes), Markup(' title="{}"').format(title) if title else ""
                )
                + piece
                + Markup("</mark>")
            )
        else:
            html.append(piece)
    return Markup("").join(html)


# ---------------------------------------------------------------------------------------------------
# The queue


@dataclass(frozen=True)
class QueueRow:
    story: Story
    recorded: bool
    seconds: float | None  # the recording's length
    words: int  # the typed story's length
    brought_by: str | None
    waited: timedelta
    undecided: int


def queue_rows(stories: Sequence[Story]) -> list[QueueRow]:
    """What each waiting story is: recorded or typed, how long, who brought it in, how long it waited."""
    ids = [s.id for s in stories]
    timed = select(Transcript.story_id, Transcript.duration_s).where(Transcript.story_id.in_(ids))
    durations = {k: v for k, v in db.session.execute(timed)}
    originals_q = (
        select(MediaFile.story_id, func.max(MediaFile.duration_s))
        .where(MediaFile.story_id.in_(ids), MediaFile.kind == MediaKind.ORIGINAL)
        .group_by(MediaFile.story_id)
    )
    originals = {k: v for k, v in db.session.execute(originals_q)}
    users = {s.facilitator_id for s in stories if s.facilitator_id}
    emails = {}
    if users:
        emails = {k: v for k, v in db.session.execute(select(User.id, User.email).where(User.id.in_(users)))}
    now = utcnow()
    rows = []
    for s in stories:
        recorded = s.kind == "audio"
        rows.append(
            QueueRow(
                s,
                recorded,
                (durations.get(s.id) or originals.get(s.id)) if recorded else None,
                len((s.body or "").split()),
                emails.get(s.facilitator_id),
                now - s.created_at,
                sum(1 for sp in s.spans if sp.decision == SpanDecision.PENDING),
            )
        )
    return rows


def waited(delta: timedelta) -> str:
    """How long a story has waited, as a person says it."""
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return "less than an hour"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24} days"


# ---------------------------------------------------------------------------------------------------
# The redacted listening copy, before publication


def preview_copy(story_id: str) -> MediaFile | None:
    return derived_copy(latest_of_kind(story_id, MediaKind.PREVIEW))


def make_preview(story: Story) -> bool:
    """Make the redacted copy as publishing would now, and keep it as the story's PREVIEW file; False
    when the story has no recording and timed transcript to make it from.

    Raises AudioUnmappable (a span that cannot be placed) as the publication job would fail.
    """
    transcript = db.session.get(Transcript, story.id)
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    if transcript is None or original is None:
        return False
    cfg = current_app.config
    padding = max(MIN_PADDING_S, float(cfg["AUDIO_REDACTION_PADDING_MS"]) / 1000)
    intervals = intervals_to_cover(story, transcript, padding)
    store = current_store()
    limits = Limits.from_config(cfg)
    stem = f"preview-{story.id}-{utcnow().strftime('%Y%m%d%H%M%S%f')}"
    work = store.work_dir(stem)
    try:
        with store.local_copy(original.path) as source:
            wav = normalise(source, work / "speech.wav", limits)
        copy = redact_audio(
            wav.path,
            work / "preview",
            intervals,
            style=cfg["AUDIO_REDACTION_STYLE"],
            disguise=bool(story.consent.voice_disguise),
            limits=limits,
        )
        # Kept only while the story still waits for review under an active consent: a withdrawal that
        # came while ffmpeg ran must not find a copy of the voice kept after it.
        if not change_while_consented(story.id, (StoryStatus.NEEDS_REVIEW,)):
            db.session.rollback()
            raise Conflict("This story is no longer waiting for review, so no copy was made.")
        keep_derived(story.id, MediaKind.PREVIEW, copy, wav.duration_s, stem)
        return True
    finally:
        shutil.rmtree(work, ignore_errors=True)


def search_again(story: Story, reviewer_id: int) -> int:
    """Look for the known identifiers again (by sound, and with the targeted pass over the recording
    decoded afresh): after the identifiers were corrected, say. Return how many places were added."""
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    search = None
    values = [value for _role, value in known_values(story)]
    if original is not None and values:
        store = current_store()
        work = store.work_dir(f"search-{story.id}-{utcnow().strftime('%Y%m%d%H%M%S%f')}")
        try:
            with store.local_copy(original.path) as source:
                wav = normalise(source, work / "speech.wav", Limits.from_config(current_app.config))
            search = targeted_pass.run(wav.path, story.language, values)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    added = propose(story, search)
    log_event(story, "searched again", reviewer_id)
    db.session.commit()
    return added


def words_of(story: Story) -> list[TimedWord]:
    transcript = db.session.get(Transcript, story.id)
    return from_rows(transcript.words) if transcript is not None else []
