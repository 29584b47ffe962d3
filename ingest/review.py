"""The reviewer's work: decide on every span, correct the text, then publish.

Detection runs again after every correction and at publication (``redaction.refresh_detected_spans``),
keeping the decisions already made. Every decision, mark, drop, bulk decision, correction and
publication is written to the redaction audit log (``RedactionEvent``) with the reviewer and the time,
never with the words.

For a recorded story the working text is its transcript: correcting the text realigns the transcript's
word timings (``transcript_edit``), and a story left without a transcript (no speech model for its
language, or transcription failed) can have one typed by hand.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from archive.errors import Conflict, NotFound, ValidationFailed
from archive.extensions import db
from archive.jobs import JobKind, latest
from archive.media import derived_copy, latest_of_kind
from archive.models import (
    ConsentEventKind,
    ConsentStatus,
    Job,
    MediaFile,
    MediaKind,
    RedactionEvent,
    RedactionSpan,
    SpanDecision,
    SpanKind,
    Story,
    StoryStatus,
    Transcript,
    User,
    utcnow,
)
from archive.publication import change_while_consented, publishable
from archive.search import current_index, indexed_form
from archive.text import clean_text
from consent.events import record_event

from .audio_jobs import close_for_typed_transcript
from .listen_for import unsettled
from .published_audio import schedule_published_audio
from .published_timings import published_timings
from .redaction import (
    READ_EVERY_WORD,
    accepted_spans,
    detection_unfinished,
    find_phrases,
    is_locked,
    log_event,
    mark_by_hand,
    published_text_mapped,
    refresh_detected_spans,
    remap,
)
from .transcript_edit import Shown, from_rows, is_typed, realign, shown, to_rows, tokens, typed_words, unsure

log = logging.getLogger(__name__)

# Shown on the review page, and as the refusal to publish, while detection has not finished on the text.
UNFINISHED = (
    "Identifier detection did not finish on this story, so nothing beyond the known identifiers was "
    "marked: check every word. Mark every name, place, date, number and address you find, then tick "
    "“I read every word” and publish."
)

REVIEWABLE = {StoryStatus.NEEDS_REVIEW}
REVIEWABLE_STATUSES = tuple(REVIEWABLE)
# Recorded stories left without a transcript, which a reviewer may type by hand.
AWAITING_TRANSCRIPT = (StoryStatus.NEEDS_MODEL, StoryStatus.FAILED)


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
    span = mark_by_hand(story, start, end, _check_kind(kind), reviewer_id)
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
    for f in found:
        mark_by_hand(story, f.start, f.end, kind, reviewer_id)
    db.session.commit()
    return len(found)


LOCKED = "Identifiers the facilitator named are always redacted."


def decide(story: Story, decisions: dict[int, str], reviewer_id: int) -> int:
    """Record accept/reject decisions by span id; return how many changed.

    A known identifier found exactly as the facilitator wrote it cannot be rejected; its variants can.
    Each change is logged with the reviewer and the time.
    """
    spans = {s.id: s for s in story.spans}
    changes = []
    for span_id, decision in decisions.items():
        span = spans.get(span_id)
        if span is None:
            raise ValidationFailed({"spans": ["The page was out of date. Please reload it."]})
        if decision not in (SpanDecision.ACCEPTED, SpanDecision.REJECTED):
            raise ValidationFailed({"spans": ["Accept or reject each span."]})
        if is_locked(span) and decision == SpanDecision.REJECTED:
            raise ValidationFailed({"spans": [LOCKED]})
        changes.append((span, decision))
    changed = _apply(story, changes, reviewer_id)
    db.session.commit()
    return changed


def decide_kind(story: Story, kind: str, decision: str, reviewer_id: int) -> int:
    """Accept or reject every span of one kind at once; return how many changed.

    Rejecting all leaves exact known identifiers accepted (they are always redacted). The bulk
    decision is logged once, and each span it changed is logged too.
    """
    kind = _check_kind(kind)
    if decision not in (SpanDecision.ACCEPTED, SpanDecision.REJECTED):
        raise ValidationFailed({"decision": ["Accept or reject."]})
    spans = [s for s in story.spans if s.kind == kind]
    if not spans:
        raise ValidationFailed({"kind": ["There is no marked span of that kind. Please reload the page."]})
    changes = [(s, decision) for s in spans if not (is_locked(s) and decision == SpanDecision.REJECTED)]
    log_event(story, f"{decision} all", reviewer_id, kind=kind)
    changed = _apply(story, changes, reviewer_id)
    db.session.commit()
    return changed


def _apply(story: Story, changes: list[tuple[RedactionSpan, str]], reviewer_id: int) -> int:
    now, changed = utcnow(), 0
    for span, decision in changes:
        if span.decision != decision:
            span.decision = decision
            span.decided_by_id = reviewer_id
            span.decided_at = now
            log_event(story, decision, reviewer_id, span)
            changed += 1
    return changed


@dataclass(frozen=True)
class LogEntry:
    """One line of the decision log as the review page shows it: never the span's words."""

    event: RedactionEvent
    actor: str | None  # the reviewer's e-mail; None for detection itself, or an account since deleted


def decision_log(story: Story) -> list[LogEntry]:
    """Return the story's redaction audit log, newest first."""
    rows = db.session.execute(
        select(RedactionEvent, User.email)
        .outerjoin(User, User.id == RedactionEvent.actor_id)
        .where(RedactionEvent.story_id == story.id)
        .order_by(RedactionEvent.at.desc(), RedactionEvent.id.desc())
    )
    return [LogEntry(event, email) for event, email in rows]


def text_fingerprint(text: str | None) -> str:
    """A short digest of a working text: what the review page's edit form says it was opened on."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:32]


class TextChanged(Conflict):
    """Someone saved another version of the text after this reviewer opened it (409): nothing saved."""

    def __init__(self):
        super().__init__("The text was changed by someone else after this page was opened.")


def edit_text(story: Story, new_text: str, reviewer_id: int, max_chars: int, base: str | None = None) -> int:
    """Replace the working text, keep spans aligned, and run detection on the new text.

    Spans move with the unchanged text around them, keeping their decisions; a span whose own words
    were edited is dropped (and logged), and detection then proposes what the new words hold.
    Return how many spans were dropped.

    ``base`` is the ``text_fingerprint`` of the text the reviewer edited. It is compared with the
    text as it is once the story is taken for the change (``change_while_consented``: the consent's
    row lock on PostgreSQL, SQLite's write lock), so of two reviewers saving at the same moment the
    second always finds the first's text and gets TextChanged: comparing before taking the story let
    both pass the check and the later save overwrite the earlier one.
    """
    if base is not None and base != text_fingerprint(story.body):
        raise TextChanged()  # first: what was typed is shown again beside the newer text
    new_text = clean_text(new_text)
    if not new_text:
        raise ValidationFailed({"text": ["The story text cannot be empty."]})
    if len(new_text) > max_chars:
        raise ValidationFailed({"text": [f"The text is longer than {max_chars:,} characters."]})
    if new_text == (story.body or ""):
        return 0
    if not change_while_consented(story.id, REVIEWABLE_STATUSES):
        db.session.rollback()
        raise Conflict("This story is no longer waiting for review, so the text was not changed.")
    # Under the lock now: the text as the last committed save left it, not as this request read it.
    db.session.refresh(story, ["body"])
    if base is not None and base != text_fingerprint(story.body):
        db.session.rollback()
        raise TextChanged()
    old_text = story.body or ""
    dropped = remap(old_text, new_text, list(story.spans))
    for span in dropped:  # logged where they stood in the text before the edit
        log_event(story, "dropped", reviewer_id, span)
        story.spans.remove(span)
    transcript = db.session.get(Transcript, story.id)
    if transcript is not None:
        # The working text of a recorded story is its transcript: the words follow the text, keeping
        # the timings of the words that stayed and giving new ones a place in the recording.
        words = realign(from_rows(transcript.words), tokens(new_text), transcript.duration_s)
        transcript.words = to_rows(words)
    story.body = new_text
    log_event(story, "text edited", reviewer_id)
    dropped += refresh_detected_spans(story, actor_id=reviewer_id)
    db.session.commit()
    return len(dropped)


def publish(
    story: Story, reviewer_id: int | None, replacement: str = "label", read_every_word: bool = False
) -> Story:
    """Publish after review: redact accepted spans, then index if the consent allows teaching use.

    Detection runs once more on the final text; publishing is refused while any span waits for a
    decision, and, where detection did not finish, until the reviewer says they read every word
    (``read_every_word``). ``replacement`` is ``REDACTION_REPLACEMENT``: labels, or pseudonyms for names.

    A storyteller who asked to see their story first (``Consent.preview_wanted``) is sent it instead:
    the text as it would be published is kept for their page and the story waits for their yes
    (``consent.approval``); the publication then runs again (``publish_approved``). A yes given to a
    text that has changed since is asked for again. Check ``story.status`` to tell which happened.
    """
    if story.status != StoryStatus.NEEDS_REVIEW:
        raise Conflict("This story is not waiting for review.")
    if not change_while_consented(story.id, REVIEWABLE_STATUSES):
        db.session.rollback()
        raise Conflict("The storyteller's consent is no longer active; the story cannot be published.")
    refresh_detected_spans(story, actor_id=reviewer_id)
    if detection_unfinished(story):
        if not read_every_word:
            db.session.commit()  # keep the log of the failed run
            raise ValidationFailed({"read_every_word": [UNFINISHED]})
        log_event(story, READ_EVERY_WORD, reviewer_id)
    waiting = unsettled(story)
    if waiting:
        db.session.commit()
        raise ValidationFailed(
            {
                "identifiers": [
                    f"Settle every known identifier in the listen-for list first ({len(waiting)} left): "
                    "confirm the places found, mark where it is said, or say it is not said."
                ]
            }
        )
    pending = [s for s in story.spans if s.decision == SpanDecision.PENDING]
    if pending:
        # Keep what detection found (normally nothing new) so the reviewer sees what is left.
        db.session.commit()
        raise ValidationFailed({"spans": [f"Decide on every highlighted span first ({len(pending)} left)."]})
    text, pieces = published_text_mapped(story, replacement)
    if story.consent.preview_wanted and not (story.approved_at is not None and story.published_text == text):
        return _ask_the_storyteller(story, text, reviewer_id)
    story.published_text = text
    story.names_changed = replacement == "pseudonym" and any(
        s.kind == SpanKind.NAME for s in accepted_spans(story)
    )
    transcript = db.session.get(Transcript, story.id)
    words = from_rows(transcript.words) if transcript is not None else []
    story.published_timings = published_timings(story.body or "", pieces, words)
    log_event(story, "published", reviewer_id)
    story.status = StoryStatus.PUBLISHED
    story.published_at = utcnow()
    story.reviewer_id = reviewer_id
    db.session.flush()
    # Index before committing: if the commit fails, the views' rule check hides the indexed copy;
    # if indexing fails, nothing is published.
    if publishable(story):
        current_index().add([indexed_form(story)])
    db.session.commit()
    schedule_published_audio(story)  # the redacted recording, for a recorded story heard by educators
    return story


def _ask_the_storyteller(story: Story, text: str, reviewer_id: int | None) -> Story:
    """Send the story as it would be published to its storyteller's page, and wait for their yes."""
    now = utcnow()
    story.published_text = text  # what they read; the publication rule shows it to no educator yet
    story.approval_asked_at, story.approval_asked_by_id, story.approved_at = now, reviewer_id, None
    log_event(story, "sent to storyteller", reviewer_id)
    record_event(story.consent, ConsentEventKind.APPROVAL_ASKED, "staff_web", reviewer_id)
    db.session.commit()
    return story


def publish_approved(story_id: str) -> None:
    """Publish a story its storyteller said yes to (the ``PUBLISH_APPROVED`` job), as the reviewer who
    sent it to them asked. Nothing happens if it no longer waits (published, withdrawn, or a span
    undecided since: the reviewer then publishes it again from the review page)."""
    story = db.session.get(Story, story_id)
    if story is None or story.status != StoryStatus.NEEDS_REVIEW or story.approved_at is None:
        return
    asked_by = story.approval_asked_by_id
    reviewer = asked_by if asked_by is not None and db.session.get(User, asked_by) is not None else None
    try:
        publish(story, reviewer, current_app.config["REDACTION_REPLACEMENT"])
    except (ValidationFailed, Conflict) as err:
        db.session.rollback()
        log.info("approved story %s not published: %s", story_id, err.message)


# ---------------------------------------------------------------------------------------------------
# Recorded stories: the transcript as the reviewer sees it, the listening copy, typing by hand


@dataclass(frozen=True)
class TranscriptReview:
    """A recorded story's transcript laid out for the review page."""

    parts: list[Shown]
    unsure: int  # words the recogniser was unsure of, not yet checked by a person
    corrected: int  # words a person typed or corrected
    timed: bool  # False for a transcript typed by hand
    threshold: float
    model: str | None


def transcript_review(story: Story, threshold: float) -> TranscriptReview | None:
    """Return the story's transcript with its doubtful words picked out, or None for a typed story."""
    transcript = db.session.get(Transcript, story.id)
    if transcript is None:
        return None
    words = from_rows(transcript.words)
    return TranscriptReview(
        parts=shown(story.body or "", words, threshold),
        unsure=sum(1 for w in words if unsure(w, threshold)),
        corrected=sum(1 for w in words if w.edited),
        timed=not is_typed(words),
        threshold=threshold,
        model=transcript.model,
    )


def listening_copy(story_id: str) -> MediaFile:
    """Return the row of a story's listening copy; NotFound if there is none to hear.

    Only the small derived copy is ever served (never the original upload), and never for a withdrawn
    story: withdrawal deletes the file and its row, and the status check covers the moment between.
    """
    story = db.session.get(Story, story_id)
    if story is None or story.status == StoryStatus.WITHDRAWN or story.consent.status != ConsentStatus.ACTIVE:
        raise NotFound("There is no recording to hear at this address.")
    media = derived_copy(latest_of_kind(story.id, MediaKind.LISTENING))
    if media is None:
        raise NotFound("There is no recording to hear at this address.")
    return media


def has_listening_copy(story: Story) -> bool:
    try:
        listening_copy(story.id)
    except NotFound:
        return False
    return True


@dataclass(frozen=True)
class AwaitingTranscript:
    """A recorded story with no transcript, and why: its latest transcription job."""

    story: Story
    job: Job | None


def awaiting_transcript() -> list[AwaitingTranscript]:
    """Recorded stories waiting for a speech model or whose transcription failed, oldest first."""
    stories = db.session.scalars(
        select(Story).where(Story.status.in_(AWAITING_TRANSCRIPT)).order_by(Story.created_at)
    ).all()
    return [AwaitingTranscript(story, _latest_job(story.id)) for story in stories]


def _latest_job(story_id: str) -> Job | None:
    return latest(story_id, JobKind.TRANSCRIBE)


def story_awaiting_transcript(story_id: str) -> AwaitingTranscript:
    """Return a recorded story a reviewer may type the transcript of; NotFound otherwise."""
    story = db.session.get(Story, story_id)
    if story is None or story.status not in AWAITING_TRANSCRIPT:
        raise NotFound("There is no recording waiting for a transcript at this address.")
    return AwaitingTranscript(story, _latest_job(story.id))


def type_transcript(story_id: str, text: str, max_chars: int) -> Story:
    """Store a transcript a reviewer typed while listening, and send the story to review.

    The typed words have no timings. The story's transcription job is closed in the same transaction,
    so a speech model arriving later leaves this transcript alone. Detection runs on the typed text as
    on any other. Raises Conflict when the story stopped waiting meanwhile (a model arrived and is
    transcribing it, another reviewer typed it first, it was withdrawn).
    """
    text = clean_text(text)
    if not text:
        raise ValidationFailed({"text": ["Type what the storyteller says in the recording."]})
    if len(text) > max_chars:
        raise ValidationFailed({"text": [f"The transcript is longer than {max_chars:,} characters."]})
    story = db.session.get(Story, story_id)
    if story is None or story.kind != "audio" or story.status == StoryStatus.WITHDRAWN:
        raise NotFound("There is no recording waiting for a transcript at this address.")
    if not change_while_consented(story.id, tuple(AWAITING_TRANSCRIPT), status=StoryStatus.NEEDS_REVIEW):
        db.session.rollback()
        raise Conflict(
            "This story is no longer waiting for a transcript (it may have been transcribed or typed "
            "meanwhile), so what you typed was not saved. It is in the box below."
        )
    existing = db.session.get(Transcript, story.id)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    db.session.add(
        Transcript(
            story_id=story.id,
            language=story.language,
            words=to_rows(typed_words(text)),
            duration_s=(original.duration_s if original is not None else None) or 0.0,
            model=None,
        )
    )
    story.body = text
    refresh_detected_spans(story)
    story.status = StoryStatus.NEEDS_REVIEW
    close_for_typed_transcript(story.id)
    db.session.commit()
    return story
