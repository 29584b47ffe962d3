"""Taking in a typed story together with its consent, in one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from archive.errors import ValidationFailed
from archive.extensions import db
from archive.i18n import reader_language
from archive.jobs import JobKind, enqueue, new_job
from archive.languages import is_language
from archive.models import ConsentMethod, Story, StoryStatus
from archive.storage import keep
from archive.text import clean_line, clean_text
from consent.records import ConsentTerms, DeviceCard, check_card, grant, validate_terms, with_form

from .consent_recordings import StagedConsentRecording, stage_consent_recording
from .details import StoryDetails, check_details, controlled_tags, identifier_rows, resolve_tags
from .recordings import StagedRecording, stage_recording
from .redaction import refresh_detected_spans

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TypedStorySubmission:
    submission_key: str
    title: str
    text: str
    language: str
    topic_slugs: tuple[str, ...]
    free_tags: tuple[str, ...]
    warning_slugs: tuple[str, ...]
    known: tuple[tuple[str, str], ...]  # (role, value)
    consent: ConsentTerms
    # The card the storyteller was given on the facilitator's phone, offline; None: the server makes one.
    card: DeviceCard | None = None

    @property
    def details(self) -> StoryDetails:
        return StoryDetails(self.title, self.topic_slugs, self.free_tags, self.warning_slugs, self.known)


@dataclass(frozen=True)
class Ingested:
    story: Story
    secret: str | None  # None when the submission had been saved before (a resent form)


# How often a story is written again after losing a race for a new free tag to another story.
SAVE_ATTEMPTS = 3


def _cleaned(sub: TypedStorySubmission) -> TypedStorySubmission:
    """Return the submission as it would be stored, so limits are checked on what is kept.

    A NUL or other control character would be kept by SQLite but refused by PostgreSQL (a 500), and a
    browser sends each newline as two characters; both are settled here, before validation.
    """
    details = sub.details.cleaned()
    return replace(
        sub,
        title=details.title,
        text=clean_text(sub.text),
        topic_slugs=details.topic_slugs,
        warning_slugs=details.warning_slugs,
        free_tags=details.free_tags,
        known=details.known,
        consent=with_form(
            replace(
                sub.consent,
                witness=clean_line(sub.consent.witness),
                place=clean_line(sub.consent.place),
                form_version=clean_line(sub.consent.form_version),
                storyteller_language=sub.consent.storyteller_language or reader_language(sub.language),
            ),
            sub.language,
        ),
    )


def _validate(
    sub: TypedStorySubmission, has_recording: bool = False, has_consent_recording: bool = False
) -> dict[str, list[str]]:
    cfg = current_app.config
    reasons = check_details(sub.details, sub.language)

    def bad(name, message):
        reasons.setdefault(name, []).append(message)

    if has_recording and sub.text.strip():
        bad("text", "Send either a recording or a typed text, not both: the recording is transcribed.")
    elif not has_recording and not sub.text.strip():
        bad("text", "The story text is empty. Type the story, or choose a recording.")
    elif len(sub.text) > cfg["MAX_STORY_CHARS"]:
        bad("text", f"The story is longer than {cfg['MAX_STORY_CHARS']:,} characters; split it into parts.")
    if not is_language(sub.language):
        bad("language", "Choose the language of the story (an ISO 639-1 code such as en, sw or hi).")
    if not sub.submission_key or len(sub.submission_key) > 64:
        bad("", "The form was incomplete. Please reload it and try again.")
    for name, messages in validate_terms(sub.consent).items():
        reasons.setdefault(f"consent_{name}", []).extend(messages)
    resent = db.session.scalar(select(Story.id).where(Story.submission_key == sub.submission_key))
    if sub.card is not None and resent is None:
        # A form sent again after its answer was lost holds the card its story was saved with.
        for name, messages in check_card(sub.card).items():
            reasons.setdefault(name, []).extend(messages)
    said_aloud = sub.consent.method == ConsentMethod.VERBAL_RECORDED
    if said_aloud and not has_consent_recording:
        bad(
            "consent_recording",
            "Consent said aloud is kept as its recording: choose the file of the storyteller agreeing.",
        )
    elif has_consent_recording and not said_aloud:
        # Refused, not dropped: keeping a file nobody asked for, or silently losing one the facilitator
        # believes is saved, would both be wrong; the method may simply have been mis-clicked.
        bad(
            "consent_recording",
            "A consent recording is kept only when consent was said aloud and recorded. Choose that "
            "way of giving consent, or leave the consent recording out.",
        )
    return reasons


def check_submission(
    sub: TypedStorySubmission, has_recording: bool = False, has_consent_recording: bool = False
) -> dict[str, list[str]]:
    """Every check of the form that needs no decoding, as {field: [messages]} (empty when fine).

    The new-story form runs these before it probes any recording, and reports them with whatever the
    recordings' checks find, so a facilitator sees every problem in one round.
    """
    sub = _cleaned(sub)
    reasons = _validate(sub, has_recording, has_consent_recording)
    for name, messages in controlled_tags(sub.details)[1].items():
        reasons.setdefault(name, []).extend(messages)
    return reasons


@dataclass(frozen=True)
class Uploads:
    """The checked recordings sent with one form: the story's and the consent's (either may be absent)."""

    recording: StagedRecording | None = None
    consent_recording: StagedConsentRecording | None = None

    def discard(self) -> None:
        for staged in (self.recording, self.consent_recording):
            if staged is not None:
                staged.discard()


def stage_each(
    recording: BinaryIO | None = None, consent_recording: BinaryIO | None = None
) -> tuple[Uploads, dict[str, list[str]]]:
    """Check the story's recording and the consent recording by content, each against its own caps.

    Return the ones that passed, staged, and what was wrong with the others (under ``recording`` and
    ``consent_recording``), so the facilitator fixes both in one go and a good file is not lost because
    the other was refused (the form keeps it: ``ingest.kept_uploads``).
    """
    reasons: dict[str, list[str]] = {}
    uploads = Uploads()
    try:
        for name, stream, stage in (
            ("recording", recording, stage_recording),
            ("consent_recording", consent_recording, stage_consent_recording),
        ):
            if stream is None:
                continue
            try:
                uploads = replace(uploads, **{name: stage(stream)})
            except ValidationFailed as err:
                for field, messages in err.reasons.items():
                    reasons.setdefault(field, []).extend(messages)
    except BaseException:
        uploads.discard()
        raise
    return uploads, reasons


def ingest_typed_story(
    sub: TypedStorySubmission,
    facilitator_id: int,
    recording: StagedRecording | None = None,
    consent_recording: StagedConsentRecording | None = None,
) -> Ingested:
    """Save a story with its consent and known identifiers: typed ones go to review at once, recorded
    ones (``recording``, already checked by ``stage_recording``) to transcription. A consent given
    aloud brings its ``consent_recording`` (checked by ``stage_consent_recording``), which is kept
    with the story and never transcribed.

    The same submission key twice (a double click, a resent form) returns the story saved the first
    time instead of making a second one. Staged recordings are either kept with the story or deleted.
    """
    kept = False
    try:
        existing = _already_saved(sub.submission_key, facilitator_id)
        if existing is not None:
            return existing
        sub = _cleaned(sub)
        reasons = _validate(
            sub, has_recording=recording is not None, has_consent_recording=consent_recording is not None
        )
        if reasons:
            raise ValidationFailed(reasons)
        result = _save_with_retries(sub, facilitator_id, recording, consent_recording)
        kept = result.secret is not None
        return result
    finally:
        if not kept:
            Uploads(recording, consent_recording).discard()


def _save_with_retries(sub, facilitator_id, recording, consent_recording) -> Ingested:
    attempts_left = SAVE_ATTEMPTS
    while True:
        attempts_left -= 1
        try:
            return _save(sub, facilitator_id, recording, consent_recording)
        except IntegrityError:
            # Another request got there first: the same form sent twice at once (keep its story), or
            # another story creating one of the same new free tags (try again: the tag exists now).
            db.session.rollback()
            existing = _already_saved(sub.submission_key, facilitator_id)
            if existing is not None:
                return existing
            if not attempts_left:
                raise


def _save(
    sub: TypedStorySubmission,
    facilitator_id: int,
    recording: StagedRecording | None,
    consent_recording: StagedConsentRecording | None,
) -> Ingested:
    """Write the story, its consent, tags, identifiers and recordings in one transaction.

    Files go into the store under their generated names only after the rows have been flushed (a tag
    lost to another story fails before any file moves), and come back if the commit fails, so a retry
    can keep them.
    """
    tags = resolve_tags(sub.details)
    consent, secret = grant(sub.consent, recorded_by_id=facilitator_id, card=sub.card)
    story = Story(
        title=sub.title,
        language=sub.language,
        kind="text",
        status=StoryStatus.PROCESSING,
        body=sub.text,
        submission_key=sub.submission_key,
        facilitator_id=facilitator_id,
        consent=consent,
        tags=tags,
        identifiers=identifier_rows(sub.known),
    )
    db.session.add(story)
    if recording is None:
        # Typed stories skip transcription; identifier detection runs now, then a person reviews.
        refresh_detected_spans(story)
        story.status = StoryStatus.NEEDS_REVIEW
    else:
        story.kind = "audio"
        story.body = None
    db.session.flush()
    files = []
    job = None
    if recording is not None:
        files.append(recording.file(story.id))
        job = new_job(story.id, JobKind.TRANSCRIBE)
    if consent_recording is not None:
        # Kept, not queued: the only job is the story's own transcription, which reads ORIGINAL.
        files += consent_recording.files(story.id)
    # The rows and the files together: on a failed commit the files are back where they were staged,
    # so a retry can keep them and a refusal discards them.
    keep(files)
    if job is not None:
        try:
            enqueue(job)
        except Exception:  # the story and its files are saved: a queue that is down must not undo that
            log.exception("job %s saved but not sent to the queue; the next worker start sends it", job.id)
    return Ingested(story, secret)


def _already_saved(submission_key: str, facilitator_id: int) -> Ingested | None:
    existing = db.session.scalar(select(Story).where(Story.submission_key == submission_key))
    if existing is None:
        return None
    if existing.facilitator_id != facilitator_id:
        raise ValidationFailed({"": ["The form was incomplete. Please reload it and try again."]})
    return Ingested(existing, None)
