"""Redaction spans: finding known identifiers, keeping spans aligned through edits, and redacting.

Offsets are character offsets into the story's working text, end-exclusive.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app

from archive.crypto import IdentifierCipher
from archive.models import (
    IdentifierRole,
    RedactionSpan,
    SpanDecision,
    SpanKind,
    SpanSource,
    Story,
    utcnow,
)

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


def refresh_known_spans(story: Story) -> None:
    """Replace the story's known-identifier spans with those found in its current text (always accepted)."""
    for span in [s for s in story.spans if s.source == SpanSource.KNOWN]:
        story.spans.remove(span)
    now = utcnow()
    for found in known_identifier_spans(story.body or "", known_values(story)):
        story.spans.append(
            RedactionSpan(
                start=found.start,
                end=found.end,
                kind=found.kind,
                source=SpanSource.KNOWN,
                decision=SpanDecision.ACCEPTED,
                decided_at=now,
            )
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


def redact(text: str, spans: Iterable[Span]) -> str:
    """Replace each span with its label, e.g. ``[NAME]``."""
    parts, pos = [], 0
    for s in merged(spans):
        parts.append(text[pos : s.start])
        parts.append(LABELS.get(s.kind, LABELS[SpanKind.OTHER]))
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


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
