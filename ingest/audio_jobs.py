"""The transcription job: decode a story's recording, make its listening copy, transcribe it offline.

The job never brings a story back: the transcript is saved only if the story is still waiting for it
and its consent is still active, checked under a row lock in the transaction that saves it. Nor does
it ever replace a transcript a reviewer typed by hand (``close_for_typed_transcript``).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from archive.crypto import new_id
from archive.extensions import db
from archive.media import media_root
from archive.models import (
    ConsentStatus,
    Job,
    JobState,
    MediaFile,
    MediaKind,
    Story,
    StoryStatus,
    Transcript,
    utcnow,
)

from .audio import AudioRejected, Limits, listening_copy, normalise
from .jobs import claim, enqueue, finish, huey, job_context, progress_reporter, requeue, still_mine
from .redaction import refresh_known_spans
from .transcript_edit import from_rows, is_typed

log = logging.getLogger(__name__)

# Share of the progress bar for decoding; recognition takes the rest.
DECODE_SHARE = 0.1


@huey.task()
def transcribe_story(job_id: str) -> None:
    """Huey task: run one transcription job (see ``run_transcription``)."""
    with job_context():
        run_transcription(job_id)


TASKS = {"transcribe": transcribe_story}


def run_transcription(job_id: str) -> str:
    """Claim and run a transcription job; return the state it ended in (or "skipped")."""
    from .transcription import ModelMissing, transcribe_wav

    token = claim(job_id)
    if token is None:
        return "skipped"  # already running elsewhere, or finished
    job = db.session.get(Job, job_id)
    story = db.session.get(Story, job.story_id)
    if story is None or story.status != StoryStatus.PROCESSING:
        finish(job_id, token, JobState.FAILED, "The story is no longer waiting for a transcript.")
        db.session.commit()
        return JobState.FAILED
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    language = story.language
    story_id = story.id
    if original is None:
        return _fail(job_id, token, story_id, "The story has no recording to transcribe.")
    db.session.commit()  # release the read transaction while the long work runs

    report = progress_reporter(job_id, token)
    derived = media_root() / "derived"
    derived.mkdir(parents=True, exist_ok=True)
    listening_path: Path | None = None
    limits = Limits.from_config(current_app.config)
    try:
        with tempfile.TemporaryDirectory(dir=derived, prefix=".work-") as work:
            wav = normalise(
                media_root() / original.path,
                Path(work) / "speech.wav",
                limits,
                progress=lambda f: report(DECODE_SHARE * f),
            )
            copy = listening_copy(wav.path, derived / f"{new_id()}.ogg", limits)
            listening_path = copy.path
            transcript = transcribe_wav(
                wav.path, language, progress=lambda f: report(DECODE_SHARE + (1 - DECODE_SHARE) * f)
            )
    except ModelMissing:
        # The listening copy is kept: a reviewer may type the transcript meanwhile, and must hear it.
        kept = (copy, wav.duration_s) if listening_path else (None, 0.0)
        return _wait_for_model(job_id, token, story_id, *kept)
    except AudioRejected as err:
        _remove(listening_path)
        return _fail(job_id, token, story_id, err.message)
    except Exception as err:  # anything else may pass (a locked database, a full disk): retry, then fail
        _remove(listening_path)
        db.session.rollback()
        log.exception("transcription job %s failed (attempt %s)", job_id, job.attempts)
        return _retry_or_fail(job_id, token, story_id, f"{type(err).__name__}: {err}")
    return _save(job_id, token, story_id, transcript, copy)


def _save(job_id: str, token: str, story_id: str, transcript, copy) -> str:
    story = db.session.scalar(select(Story).where(Story.id == story_id).with_for_update())
    if (
        story is None
        or story.status != StoryStatus.PROCESSING
        or story.consent.status != ConsentStatus.ACTIVE
        or not still_mine(job_id, token)
    ):
        # Withdrawn (or taken over) while we worked: keep nothing.
        _remove(copy.path)
        finish(job_id, token, JobState.FAILED, "The story was withdrawn or changed during transcription.")
        db.session.commit()
        return JobState.FAILED
    existing = db.session.get(Transcript, story_id)
    if existing is not None and is_typed(from_rows(existing.words)):
        # A person's transcript is never replaced by the recogniser's (the story should not have been
        # sent back to transcription at all; this holds even if something did), and the story goes
        # back to review rather than stay stuck in processing.
        _remove(copy.path)
        story.status = StoryStatus.NEEDS_REVIEW
        finish(job_id, token, JobState.SUPERSEDED, "A reviewer typed the transcript by hand.")
        db.session.commit()
        return JobState.SUPERSEDED
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    db.session.add(
        Transcript(
            story_id=story_id,
            language=story.language,
            words=[[w.word, w.start, w.end, w.conf] for w in transcript.words],
            duration_s=transcript.duration,
            model=transcript.model[:120] or None,
        )
    )
    _keep_listening_copy(story_id, copy, transcript.duration)
    story.body = transcript.text
    refresh_known_spans(story)
    story.status = StoryStatus.NEEDS_REVIEW
    finish(job_id, token, JobState.SUCCEEDED)
    db.session.commit()
    return JobState.SUCCEEDED


def _keep_listening_copy(story_id: str, copy, duration: float) -> None:
    """Record ``copy`` as the story's listening copy, deleting any older one (caller commits)."""
    for old in db.session.scalars(
        select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.LISTENING)
    ):
        _remove(media_root() / old.path)
        db.session.delete(old)
    db.session.add(
        MediaFile(
            story_id=story_id,
            kind=MediaKind.LISTENING,
            path=str(copy.path.relative_to(media_root())),
            media_type=copy.media_type,
            size_bytes=copy.path.stat().st_size,
            duration_s=duration,
        )
    )


def _wait_for_model(job_id: str, token: str, story_id: str, copy=None, duration: float = 0.0) -> str:
    """Park the story in needs_model, keeping its listening copy if the story is still ours to keep."""
    # Locked and checked like ``_save``: a copy recorded after a withdrawal committed would outlive it.
    story = db.session.scalar(select(Story).where(Story.id == story_id).with_for_update())
    waiting = (
        story is not None
        and story.status == StoryStatus.PROCESSING
        and story.consent.status == ConsentStatus.ACTIVE
        and still_mine(job_id, token)
    )
    if waiting:
        story.status = StoryStatus.NEEDS_MODEL
        if copy is not None:
            _keep_listening_copy(story_id, copy, duration)
    elif copy is not None:
        _remove(copy.path)
    finish(job_id, token, JobState.WAITING_FOR_MODEL, "No speech model is installed for this language yet.")
    db.session.commit()
    return JobState.WAITING_FOR_MODEL


def _fail(job_id: str, token: str, story_id: str, message: str) -> str:
    story = db.session.get(Story, story_id)
    if story is not None and story.status == StoryStatus.PROCESSING:
        story.status = StoryStatus.FAILED
    finish(job_id, token, JobState.FAILED, message)
    db.session.commit()
    return JobState.FAILED


def _retry_or_fail(job_id: str, token: str, story_id: str, message: str) -> str:
    job = db.session.get(Job, job_id)
    if job.attempts < current_app.config["JOB_MAX_ATTEMPTS"] and job.claim == token:
        requeue(job)
        job.error = message
        db.session.commit()
        enqueue(job, delay=current_app.config["JOB_RETRY_DELAY_SECONDS"])
        return JobState.QUEUED
    return _fail(job_id, token, story_id, message)


def retry(story: Story) -> Job:
    """Queue a failed story's transcription again (the facilitator's or admin's retry button)."""
    from archive.errors import Conflict

    if story.status not in (StoryStatus.FAILED, StoryStatus.NEEDS_MODEL):
        raise Conflict("Only a story whose transcription failed or waits for a model can be retried.")
    job = db.session.scalar(
        select(Job).where(Job.story_id == story.id, Job.kind == "transcribe").order_by(Job.created_at.desc())
    )
    if job is None:
        raise Conflict("This story has no recording to transcribe.")
    requeue(job)
    job.attempts = 0
    story.status = StoryStatus.PROCESSING
    db.session.commit()
    enqueue(job)
    return job


def resume_waiting_for(language: str) -> int:
    """Queue again the stories that waited for a model in ``language``; return how many.

    Only stories still in needs_model whose job still waits: a story whose transcript a reviewer typed
    has moved on to review and its job was closed (``close_for_typed_transcript``), so it is skipped.
    """
    stories = db.session.scalars(
        select(Story).where(Story.status == StoryStatus.NEEDS_MODEL, Story.language == language)
    ).all()
    jobs = []
    for story in stories:
        job = db.session.scalar(
            select(Job)
            .where(Job.story_id == story.id, Job.kind == "transcribe")
            .order_by(Job.created_at.desc())
        )
        if job is not None and job.state == JobState.WAITING_FOR_MODEL:
            requeue(job)
            story.status = StoryStatus.PROCESSING
            jobs.append(job)
    db.session.commit()
    for job in jobs:
        enqueue(job)
    return len(jobs)


def close_for_typed_transcript(story_id: str) -> None:
    """Close the story's unfinished transcription jobs because a reviewer typed its transcript.

    In the caller's transaction. A closed job is neither resumed when a model arrives, nor retried,
    nor recovered at the next start, so the typed transcript stays.
    """
    open_states = (JobState.QUEUED, JobState.WAITING_FOR_MODEL, JobState.FAILED)
    for job in db.session.scalars(
        select(Job).where(Job.story_id == story_id, Job.kind == "transcribe", Job.state.in_(open_states))
    ):
        job.state = JobState.SUPERSEDED
        job.claim = None
        job.error = None
        job.finished_at = utcnow()


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
