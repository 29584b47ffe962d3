"""The reviewer's work: decide on every span, correct the text, then publish."""

from __future__ import annotations

from sqlalchemy import select

from archive.errors import Conflict, NotFound, ValidationFailed
from archive.extensions import db
from archive.indexing import current_index, indexed_form
from archive.models import (
    Consent,
    RedactionSpan,
    SpanDecision,
    SpanKind,
    SpanSource,
    Story,
    StoryStatus,
    utcnow,
)
from archive.publication import publishable
from archive.text import clean_text

from .redaction import accepted_spans, find_phrases, redact, refresh_known_spans, remap

REVIEWABLE = {StoryStatus.NEEDS_REVIEW}


def review_queue() -> list[Story]:
    stmt = select(Story).where(Story.status == StoryStatus.NEEDS_REVIEW).order_by(Story.created_at)
    return list(db.session.scalars(stmt))


def story_for_review(story_id: str) -> Story:
    story = db.session.get(Story, story_id)
    if story is None or story.status not in REVIEWABLE:
        raise NotFound("There is no story to review at this address.")
    return story


def _check_kind(kind: str) -> str:
    if kind not in {k.value for k in SpanKind}:
        raise ValidationFailed({"kind": ["Choose what kind of identifier this is."]})
    return kind


def add_span(story: Story, start: int, end: int, kind: str, reviewer_id: int) -> RedactionSpan:
    """Mark characters start..end of the working text for redaction (accepted: a person chose it)."""
    text = story.body or ""
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ValidationFailed({"span": ["That selection is not part of the story text."]})
    span = RedactionSpan(
        start=start,
        end=end,
        kind=_check_kind(kind),
        source=SpanSource.MANUAL,
        decision=SpanDecision.ACCEPTED,
        decided_by_id=reviewer_id,
        decided_at=utcnow(),
    )
    story.spans.append(span)
    db.session.commit()
    return span


def add_spans_by_words(story: Story, words: str, kind: str, reviewer_id: int) -> int:
    """Mark every whole-word occurrence of ``words`` (any letter case); return how many were marked."""
    words = words.strip()
    if not words:
        raise ValidationFailed({"words": ["Type the words to redact, exactly as they appear."]})
    kind = _check_kind(kind)
    existing = {(s.start, s.end) for s in story.spans}
    found = [f for f in find_phrases(story.body or "", [(kind, words)]) if (f.start, f.end) not in existing]
    if not found:
        raise ValidationFailed({"words": [f"“{words[:80]}” does not appear in the story as whole words."]})
    now = utcnow()
    for f in found:
        story.spans.append(
            RedactionSpan(
                start=f.start,
                end=f.end,
                kind=kind,
                source=SpanSource.MANUAL,
                decision=SpanDecision.ACCEPTED,
                decided_by_id=reviewer_id,
                decided_at=now,
            )
        )
    db.session.commit()
    return len(found)


def decide(story: Story, decisions: dict[int, str], reviewer_id: int) -> None:
    """Record accept/reject decisions by span id. Known identifiers are always redacted."""
    spans = {s.id: s for s in story.spans}
    now = utcnow()
    for span_id, decision in decisions.items():
        span = spans.get(span_id)
        if span is None:
            raise ValidationFailed({"spans": ["The page was out of date. Please reload it."]})
        if decision not in (SpanDecision.ACCEPTED, SpanDecision.REJECTED):
            raise ValidationFailed({"spans": ["Accept or reject each span."]})
        if span.source == SpanSource.KNOWN and decision == SpanDecision.REJECTED:
            raise ValidationFailed({"spans": ["Identifiers the facilitator named are always redacted."]})
        if span.decision != decision:
            span.decision = decision
            span.decided_by_id = reviewer_id
            span.decided_at = now
    db.session.commit()


def edit_text(story: Story, new_text: str, reviewer_id: int, max_chars: int) -> int:
    """Replace the working text; keep spans aligned; return how many spans were dropped by the edit."""
    new_text = clean_text(new_text)
    if not new_text:
        raise ValidationFailed({"text": ["The story text cannot be empty."]})
    if len(new_text) > max_chars:
        raise ValidationFailed({"text": [f"The text is longer than {max_chars:,} characters."]})
    old_text = story.body or ""
    if new_text == old_text:
        return 0
    dropped = remap(old_text, new_text, [s for s in story.spans if s.source != SpanSource.KNOWN])
    for span in dropped:
        story.spans.remove(span)
    story.body = new_text
    refresh_known_spans(story)
    db.session.commit()
    return len(dropped)


def publish(story: Story, reviewer_id: int) -> Story:
    """Publish after review: redact accepted spans, then index if the consent allows teaching use."""
    if story.status != StoryStatus.NEEDS_REVIEW:
        raise Conflict("This story is not waiting for review.")
    consent = db.session.get(Consent, story.consent_id)
    if consent is None or consent.status != "active":
        raise Conflict("The storyteller's consent is no longer active; the story cannot be published.")
    refresh_known_spans(story)  # the facilitator's identifiers are found again in the final text
    pending = [s for s in story.spans if s.decision == SpanDecision.PENDING]
    if pending:
        raise ValidationFailed({"spans": [f"Decide on every highlighted span first ({len(pending)} left)."]})
    story.published_text = redact(story.body or "", accepted_spans(story))
    story.status = StoryStatus.PUBLISHED
    story.published_at = utcnow()
    story.reviewer_id = reviewer_id
    db.session.flush()
    # Index before committing: if the commit fails, the views' rule check hides the indexed copy;
    # if indexing fails, nothing is published.
    if publishable(story):
        current_index().add(indexed_form(story))
    db.session.commit()
    return story
