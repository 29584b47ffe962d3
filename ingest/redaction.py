"""Redaction spans: detection on the working text, keeping spans aligned through edits, the audit log,
and redacting.

Offsets are character offsets into the story's working text, end-exclusive. Detection itself lives in
``ingest.identifiers``; this module turns what it finds into spans a reviewer decides on, and keeps
the decisions a person already made when the text changes and detection runs again.
"""

from __future__ import annotations

import difflib
import logging
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from archive.crypto import IdentifierCipher
from archive.extensions import db
from archive.models import (
    IdentifierRole,
    RedactionEvent,
    RedactionSpan,
    SpanDecision,
    SpanKind,
    SpanSource,
    Story,
    utcnow,
)

from .identifiers import Detection, detect
from .identifiers.base import resolve
from .pseudonyms import Pseudonyms

log = logging.getLogger(__name__)

LABELS = {
    SpanKind.NAME: "[NAME]",
    SpanKind.LOCATION: "[PLACE]",
    SpanKind.ADDRESS: "[ADDRESS]",
    SpanKind.DATE: "[DATE]",
    SpanKind.PHONE: "[PHONE]",
    SpanKind.EMAIL: "[EMAIL]",
    SpanKind.ID: "[ID]",
    SpanKind.URL: "[URL]",
    SpanKind.IP: "[IP]",
    SpanKind.AGE: "[AGE]",
    SpanKind.OTHER: "[REDACTED]",
}

ROLE_KINDS = {
    IdentifierRole.SPEAKER: SpanKind.NAME,
    IdentifierRole.RELATIVE: SpanKind.NAME,
    IdentifierRole.VILLAGE: SpanKind.LOCATION,
    IdentifierRole.CLINIC: SpanKind.LOCATION,
    IdentifierRole.OTHER: SpanKind.OTHER,
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def cipher() -> IdentifierCipher:
    return IdentifierCipher(current_app.config["IDENTIFIER_KEY"])


def known_values(story: Story) -> list[tuple[str, str]]:
    """Return the story's known identifiers as (role, plain value)."""
    c = cipher()
    return [(ki.role, c.decrypt(ki.value_encrypted)) for ki in story.identifiers]


def _phrase_pattern(value: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+", value)
    if not words:
        return None
    # Whole words, any run of spaces or punctuation between them, any letter case.
    body = r"\W+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_phrases(text: str, values: Iterable[tuple[str, str]]) -> list[Span]:
    """Find whole-word, case-insensitive occurrences of each (kind, phrase) in ``text``."""
    spans = []
    for kind, value in values:
        pattern = _phrase_pattern(value)
        if pattern is None:
            continue
        spans.extend(Span(m.start(), m.end(), kind) for m in pattern.finditer(text))
    return sorted(set(spans), key=lambda s: (s.start, -s.end))


def known_identifier_spans(text: str, identifiers: Iterable[tuple[str, str]]) -> list[Span]:
    """Find every mention of the facilitator's known identifiers (exact, case-insensitive, whole word)."""
    return find_phrases(text, ((ROLE_KINDS.get(role, SpanKind.OTHER), value) for role, value in identifiers))


# The rule the detection engine gives a known identifier found exactly as the facilitator wrote it
# (``ingest.identifiers.known``). Such a span is always redacted; a variant ("part of a known
# identifier", "..., as heard") starts accepted but a reviewer may reject it.
EXACT_KNOWN_RULE = "known identifier"


def is_locked(span: RedactionSpan) -> bool:
    """Whether a span is a known identifier found exactly, which no reviewer may keep in the text.

    Spans stored before rules were recorded have none; every known span then was an exact match.
    """
    return span.source == SpanSource.KNOWN and span.rule in (None, EXACT_KNOWN_RULE)


def _locked_detection(found: Detection) -> bool:
    return found.source == SpanSource.KNOWN and found.rule == EXACT_KNOWN_RULE


def log_event(
    story: Story,
    action: str,
    actor_id: int | None,
    span: RedactionSpan | None = None,
    *,
    kind: str | None = None,
    place: tuple[int, int] | None = None,
) -> RedactionEvent:
    """Add one entry to the story's redaction audit log: place, kind and source, never the words."""
    if story.id is None:  # a story not yet written: give it its id now, the log refers to it
        db.session.flush()
    if place is None and span is not None:
        place = (span.start, span.end)
    start, end = place if place is not None else (None, None)
    event = RedactionEvent(
        story_id=story.id,
        action=action,
        span_start=start,
        span_end=end,
        kind=kind if kind is not None else (span.kind if span is not None else None),
        source=span.source if span is not None else None,
        actor_id=actor_id,
        at=utcnow(),
    )
    db.session.add(event)
    return event


# The redaction log's entries that say whether detection finished on the story's text, and whether a
# reviewer read every word of a text detection did not finish on.
DETECTION_FAILED = "detection failed"
DETECTION_FINISHED = "detection finished"
READ_EVERY_WORD = "read every word"


def mark_by_hand(story: Story, start: int, end: int, kind: str, reviewer_id: int) -> RedactionSpan:
    """Add characters start..end of the working text as a span a reviewer marked (accepted: a person
    chose it), logged as "added"; the caller has checked the place and the kind, and commits."""
    span = RedactionSpan(
        start=start,
        end=end,
        kind=kind,
        source=SpanSource.MANUAL,
        decision=SpanDecision.ACCEPTED,
        decided_by_id=reviewer_id,
        decided_at=utcnow(),
    )
    story.spans.append(span)
    log_event(story, "added", reviewer_id, span)
    return span


def detection_unfinished(story: Story) -> bool:
    """Whether detection failed on the story's text the last time it ran, and no reviewer has said
    since that they read every word: then only a person's reading stands between it and educators."""
    if story.id is None:
        return False
    last = db.session.scalar(
        select(RedactionEvent.action)
        .where(
            RedactionEvent.story_id == story.id,
            RedactionEvent.action.in_((DETECTION_FAILED, DETECTION_FINISHED, READ_EVERY_WORD)),
        )
        .order_by(RedactionEvent.id.desc())
        .limit(1)
    )
    return last == DETECTION_FAILED


def refresh_detected_spans(story: Story, actor_id: int | None = None) -> list[RedactionSpan]:
    """Run identifier detection on the story's working text and bring its spans in line with it.

    - a known identifier found exactly is accepted and locked (no reviewer may keep it in the text);
    - a variant of a known identifier starts accepted, and a reviewer may reject it;
    - anything else detection finds starts pending, unless an accepted span already covers it;
    - a span already in place (same start, end and kind, after remapping through an edit) keeps the
      decision a person made on it, so a rejected span is not asked about again;
    - spans a reviewer marked or decided on stay even where detection no longer finds them, and so
      do undecided ones (recall first: a person looks at each); an undecided or automatically
      accepted span is replaced only by a new finding over the same words with other bounds or kind.

    Returns the spans dropped, which are logged as ``dropped`` with ``actor_id`` (the person whose edit
    caused it; None for the system). Call it before every review: on a typed story's submission, when
    a transcript arrives or is typed, after each correction of the text, and at publication.

    Detection is written to finish on any text; should it raise all the same, nothing the facilitator
    or a reviewer did is lost: the spans stay as they were, the known identifiers found exactly are
    still marked, and the log says "detection failed", which the review page shows as a notice to
    check every word and publication asks a reviewer to confirm (:func:`detection_unfinished`).
    """
    text = story.body or ""
    known = known_values(story)
    try:
        detections = _detections(text, story.language or "en", known, phone_regions())
    except Exception as err:  # any failure of detection: the story must still be saved
        return _detection_failed(story, text, known, err)
    if detection_unfinished(story):
        log_event(story, DETECTION_FINISHED, actor_id)
    now = utcnow()
    by_key: dict[tuple[int, int, str], RedactionSpan] = {}
    for span in story.spans:
        by_key.setdefault((span.start, span.end, span.kind), span)
    kept: set[int] = set()
    fresh: list[RedactionSpan] = []
    for found in detections:
        existing = by_key.get((found.start, found.end, found.kind))
        locked = _locked_detection(found)
        if existing is not None:
            kept.add(id(existing))
            if existing.source != SpanSource.MANUAL or locked:
                existing.source, existing.rule = found.source, found.rule
            if locked and existing.decision != SpanDecision.ACCEPTED:
                existing.decision = SpanDecision.ACCEPTED
                existing.decided_by_id, existing.decided_at = None, now
            continue
        if not locked and _covered(found, story.spans):
            continue  # already redacted as part of a longer accepted span: nothing to ask
        accepted = found.source == SpanSource.KNOWN
        fresh.append(
            RedactionSpan(
                start=found.start,
                end=found.end,
                kind=found.kind,
                source=found.source,
                rule=found.rule[:60],
                decision=SpanDecision.ACCEPTED if accepted else SpanDecision.PENDING,
                decided_at=now if accepted else None,
            )
        )
    dropped = []
    for span in list(story.spans):
        in_text = 0 <= span.start < span.end <= len(text)
        decided_by_person = span.source == SpanSource.MANUAL or span.decided_by_id is not None
        superseded = id(span) not in kept and any(_overlap(span, f) for f in fresh)
        if in_text and (decided_by_person or not superseded):
            continue
        story.spans.remove(span)
        dropped.append(span)
        log_event(story, "dropped", actor_id, span)
    story.spans.extend(fresh)
    return dropped


def _detection_failed(story: Story, text: str, known: list[tuple[str, str]], err: Exception) -> list:
    """Keep the story's spans, mark its known identifiers found exactly, and log that detection failed.

    The error's kind and where it was raised go to the application log, never its message or values:
    they may quote the story.
    """
    log_event(story, DETECTION_FAILED, None)  # (gives a story not yet written its id)
    log.error(
        "identifier detection did not finish on story %s: %s\n%s",
        story.id,
        type(err).__name__,
        "".join(traceback.format_tb(err.__traceback__)),
    )
    marked = {(s.start, s.end, s.kind) for s in story.spans}
    now = utcnow()
    for span in known_identifier_spans(text, known):
        if (span.start, span.end, span.kind) not in marked:
            story.spans.append(
                RedactionSpan(
                    start=span.start,
                    end=span.end,
                    kind=span.kind,
                    source=SpanSource.KNOWN,
                    rule=EXACT_KNOWN_RULE,
                    decision=SpanDecision.ACCEPTED,
                    decided_at=now,
                )
            )
    return []


def phone_regions() -> tuple[str, ...]:
    """The ``PHONE_REGIONS`` setting as ISO 3166 codes (a list, or one string "KE,TZ")."""
    setting = current_app.config.get("PHONE_REGIONS") or ()
    if isinstance(setting, str):
        setting = setting.split(",")
    codes = (str(code).strip().upper() for code in setting)
    return tuple(code for code in codes if len(code) == 2 and code.isalpha())


def _detections(
    text: str, language: str, known: list[tuple[str, str]], regions: Sequence[str] = ()
) -> list[Detection]:
    """Run detection, with every exact whole-word mention of a known identifier among the findings.

    Detection finds those too; adding them here keeps the promise that they are locked even where the
    engine finds a long name only by its parts (it reads runs of a few words), since merging gives
    the whole mention the exact match's rule.
    """
    if not text:
        return []
    exact = [
        Detection(s.start, s.end, s.kind, SpanSource.KNOWN.value, EXACT_KNOWN_RULE)
        for s in known_identifier_spans(text, known)
    ]
    return resolve([*detect(text, language, known, regions=regions), *exact])


def _overlap(span: RedactionSpan, other: RedactionSpan) -> bool:
    return span.start < other.end and other.start < span.end


def _covered(found: Detection, spans: Iterable[RedactionSpan]) -> bool:
    return any(
        s.decision == SpanDecision.ACCEPTED and s.start <= found.start and found.end <= s.end for s in spans
    )


def merged(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping or touching spans; the merged span keeps the first one's kind."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start <= out[-1].end:
            last = out[-1]
            out[-1] = Span(last.start, max(last.end, s.end), last.kind)
        else:
            out.append(s)
    return out


def redact(
    text: str, spans: Iterable[Span], stand_in: Callable[[Span, str], str | None] | None = None
) -> str:
    """Replace each span with its label, e.g. ``[NAME]``, or with what ``stand_in`` gives for it."""
    return redact_mapped(text, spans, stand_in)[0]


@dataclass(frozen=True)
class Piece:
    """Characters ``src_start..src_end`` of the working text became ``out_start..out_end`` of the
    redacted text: kept as they were, or (``replaced``) one merged span turned into its label."""

    src_start: int
    src_end: int
    out_start: int
    out_end: int
    replaced: bool


def redact_mapped(
    text: str, spans: Iterable[Span], stand_in: Callable[[Span, str], str | None] | None = None
) -> tuple[str, list[Piece]]:
    """Redact like ``redact`` and say where every part of ``text`` went, in order."""
    parts: list[str] = []
    pieces: list[Piece] = []
    pos = out = 0

    def emit(src_start: int, src_end: int, written: str, replaced: bool) -> None:
        nonlocal out
        parts.append(written)
        pieces.append(Piece(src_start, src_end, out, out + len(written), replaced))
        out += len(written)

    for s in merged(spans):
        if s.start > pos:
            emit(pos, s.start, text[pos : s.start], False)
        replacement = stand_in(s, text[s.start : s.end]) if stand_in is not None else None
        emit(s.start, s.end, replacement or LABELS.get(s.kind, LABELS[SpanKind.OTHER]), True)
        pos = max(pos, s.end)
    if pos < len(text):
        emit(pos, len(text), text[pos:], False)
    return "".join(parts), pieces


REPLACEMENTS = ("label", "pseudonym")


def published_text(story: Story, replacement: str = "label") -> str:
    """Return the story's text as educators read it: every accepted span replaced.

    ``replacement`` is ``"label"`` (``[NAME]``, ``[PLACE]``, ...) or ``"pseudonym"``: names then read
    as made-up names, the same person under the same one throughout (see ``ingest.pseudonyms``), and
    every other kind keeps its label.
    """
    return published_text_mapped(story, replacement)[0]


def published_text_mapped(story: Story, replacement: str = "label") -> tuple[str, list[Piece]]:
    """Return ``published_text`` and where each part of the working text went in it."""
    if replacement not in REPLACEMENTS:
        raise ValueError(f"REDACTION_REPLACEMENT must be one of {REPLACEMENTS}, not {replacement!r}")
    text = story.body or ""
    spans = accepted_spans(story)
    if replacement == "label":
        return redact_mapped(text, spans)
    names = [text[s.start : s.end] for s in merged(spans) if s.kind == SpanKind.NAME]
    known = [value for _, value in known_values(story)]
    pseudonyms = Pseudonyms(story.id, names, avoid=[text, *known], language=story.language, text=text)

    def stand_in(span: Span, words: str) -> str | None:
        return pseudonyms.replace(words) if span.kind == SpanKind.NAME else None

    return redact_mapped(text, spans, stand_in)


def accepted_spans(story: Story) -> list[Span]:
    return [Span(s.start, s.end, s.kind) for s in story.spans if s.decision == SpanDecision.ACCEPTED]


def remap(old_text: str, new_text: str, spans: Sequence[RedactionSpan]) -> list[RedactionSpan]:
    """Move spans to their place in an edited text; return the spans whose words did not survive.

    A span moves with the unchanged text around it. A span whose own characters were edited is dropped:
    the words it covered changed, so the reviewer must look again (known identifiers are found afresh).
    """
    blocks = _matching_blocks(old_text, new_text)
    dropped = []
    for span in spans:
        for a, b, size in blocks:
            if a <= span.start and span.end <= a + size:
                shift = b - a
                if _edges(old_text, span.start, span.end) == _edges(
                    new_text, span.start + shift, span.end + shift
                ):
                    span.start += shift
                    span.end += shift
                    break
        else:
            dropped.append(span)
    return dropped


def _edges(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a span starts and ends at word boundaries; a word grown at either edge is a new word."""
    before = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
    after = end < len(text) and (text[end].isalnum() or text[end] == "_")
    return before, after


def common_ends(a: Sequence, b: Sequence) -> tuple[int, int]:
    """How many items ``a`` and ``b`` share at the start, and then at the end (never overlapping):
    an edit usually changes a little in the middle, and this much needs no diff."""
    limit = min(len(a), len(b))
    prefix = 0
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


_DIFF_LIMIT = 20_000


def _matching_blocks(old: str, new: str) -> list[tuple[int, int, int]]:
    """Return (old_start, new_start, size) runs the two texts share.

    The common prefix and suffix are taken directly (linear); only the changed middle goes through
    difflib, and only when it is small enough to diff quickly. A large rewritten middle is treated as
    all changed.
    """
    prefix, suffix = common_ends(old, new)
    blocks = [(0, 0, prefix)]
    old_mid, new_mid = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if old_mid and new_mid and max(len(old_mid), len(new_mid)) <= _DIFF_LIMIT:
        matcher = difflib.SequenceMatcher(a=old_mid, b=new_mid, autojunk=False)
        blocks += [(prefix + a, prefix + b, n) for a, b, n in matcher.get_matching_blocks() if n]
    blocks.append((len(old) - suffix, len(new) - suffix, suffix))
    return blocks
