"""The transcription job: decode a story's recording, make its listening copy, transcribe it offline.

The job never brings a story back. It checks at every heartbeat that the story still wants a
transcript (a withdrawal stops it within a second), and it saves only through conditional UPDATEs that
require the story to be processing, its consent active and the claim its own, taken in the same
transaction as the consent's row lock that a withdrawal takes; so a withdrawal and a save are ordered,
and a transcript saved a moment before a withdrawal is deleted by it. Nor does it ever replace a
transcript a reviewer typed by hand (``close_for_typed_transcript``).

Files: each attempt works in ``derived/.work-<job>-<claim>/`` and names its listening copy
``derived/<job>-<claim>.<ext>``, so the leftovers of a worker killed mid-job can be told from the files
of a job still running, and ``sweep_leftovers`` (run by recovery) removes them.
"""

from __future__ import annotations

import logging
import re
import shutil

from flask import current_app
from sqlalchemy import func, select

from archive.errors import Conflict
from archive.extensions import db
from archive.jobs import (
    WITHDRAWN,
    JobCancelled,
    JobKind,
    claim,
    enqueue,
    finish,
    latest,
    progress_reporter,
    requeue,
    watch,
)
from archive.languages import language_name
from archive.models import (
    Consent,
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
from archive.publication import change_while_consented
from archive.storage import current_store

from . import targeted_pass
from .audio import AudioRejected, Limits, ListeningCopy, listening_copy, normalise
from .listen_for import propose
from .recordings import keep_derived
from .redaction import known_values, refresh_detected_spans
from .speech_models import locate, model_commands
from .targeted_pass import PassResult
from .transcript_edit import from_rows, is_typed
from .transcription import DECODE_SHARE, ModelMissing, model_for, transcribe_wav

log = logging.getLogger(__name__)

WORKING = (StoryStatus.PROCESSING,)  # the one status in which a job may still give a story its words


NOT_WAITING = "The story no longer waits for a transcript (it was changed while the job waited or ran)."

# ``.work-<job id>-<claim>`` folders and ``<job id>-<claim>.<ext>`` listening copies in derived/.
_ATTEMPT_RE = re.compile(r"(?P<work>\.work-)?(?P<job>[\w-]+)-(?P<claim>[0-9a-f]{16})(?P<suffix>\.\w+)?")


def run_transcription(job_id: str) -> str:
    """Claim and run a transcription job (the ``TRANSCRIBE`` handler); return the state it ended in,
    or "skipped" when the job was not waiting (a duplicate message, or one for a job that is running
    elsewhere or finished)."""
    token = claim(job_id)
    if token is None:
        log.info("job %s is not queued (running elsewhere or finished): message ignored", job_id)
        return "skipped"
    watch(job_id, token)  # should this worker die, a live one takes the job back
    try:
        return _transcribe(job_id, token)
    except Exception as err:  # anything else may pass (a locked database, a full disk): retry, then fail
        db.session.rollback()
        log.exception("transcription job %s failed", job_id)
        return _retry_or_fail(job_id, token, f"{type(err).__name__}: {err}")


def _transcribe(job_id: str, token: str) -> str:
    job = db.session.get(Job, job_id)
    story = db.session.get(Story, job.story_id)
    story_id = job.story_id
    if story is None or story.status == StoryStatus.WITHDRAWN or story.consent.status != ConsentStatus.ACTIVE:
        return _cancel(job_id, token, WITHDRAWN)
    if story.status != StoryStatus.PROCESSING:
        return _cancel(job_id, token, NOT_WAITING)
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    if original is None:
        return _fail(job_id, token, story_id, "The story has no recording to transcribe.")
    language, source_key = story.language, original.path
    values = [value for _role, value in known_values(story)]  # listened for; never logged
    db.session.commit()  # release the read transaction while the long work runs

    try:
        model_for(language)  # loaded once per process
        have_model = True
    except ModelMissing:
        # No model yet: still decode and keep the listening copy, so a reviewer who types the
        # transcript meanwhile can hear the recording; the story then waits for its model.
        have_model = False
    report = progress_reporter(job_id, token, still_wanted=lambda: _reason_to_stop(story_id))
    store = current_store()
    limits = Limits.from_config(current_app.config)
    copy: ListeningCopy | None = None
    wav = work = None
    try:
        report(0.0)  # a heartbeat after the model load, which may take seconds
        work = store.work_dir(f"{job_id}-{token}")
        with store.local_copy(source_key) as source:
            wav = normalise(source, work / "speech.wav", limits, progress=lambda f: report(DECODE_SHARE * f))
        # Encoding a 3-hour story takes minutes: its calls are heartbeats (and withdrawal checks), the
        # bar staying where decoding left it.
        copy = listening_copy(wav.path, work / "listening", limits, progress=lambda _f: report(DECODE_SHARE))
        if not have_model:
            return _wait_for_model(job_id, token, story_id, copy, wav.duration_s)
        transcript = transcribe_wav(
            wav.path, language, progress=lambda f: report(DECODE_SHARE + (1 - DECODE_SHARE) * f)
        )
        # The second pass listens for the known identifiers alone: names the recogniser does not know
        # are rarely in its transcript, however clearly they are said.
        search = targeted_pass.run(wav.path, language, values) if values else None
        report(1.0)
        return _save(job_id, token, story_id, transcript, copy, search)
    except JobCancelled as err:
        db.session.rollback()
        return _cancel(job_id, token, err.message)
    except ModelMissing:  # removed while this job decoded
        db.session.rollback()
        return _wait_for_model(job_id, token, story_id, copy, wav.duration_s if wav else 0.0)
    except AudioRejected as err:
        db.session.rollback()
        return _fail(job_id, token, story_id, err.message)
    finally:
        # The normalised speech and an unsaved listening copy go however the job ends.
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _reason_to_stop(story_id: str) -> str | None:
    """Why the job should stop now (the story was withdrawn or changed), or None to go on."""
    row = db.session.execute(
        select(Story.status, Consent.status)
        .join(Consent, Story.consent_id == Consent.id)
        .where(Story.id == story_id)
    ).first()
    if row is None or row[0] == StoryStatus.WITHDRAWN or row[1] != ConsentStatus.ACTIVE:
        return WITHDRAWN
    if row[0] != StoryStatus.PROCESSING:
        return NOT_WAITING
    return None


def _save(
    job_id: str, token: str, story_id: str, transcript, copy: ListeningCopy, search: PassResult | None = None
) -> str:
    """Keep the transcript and the listening copy, if the story still wants them and the claim stands."""
    existing = db.session.get(Transcript, story_id)
    if existing is not None and is_typed(from_rows(existing.words)):
        # A person's transcript is never replaced by the recogniser's (the story should not have been
        # sent back to transcription at all; this holds even if something did), and the story goes
        # back to review rather than stay stuck in processing.
        if not finish(job_id, token, JobState.SUPERSEDED, "A reviewer typed the transcript by hand."):
            raise JobCancelled("Another worker took this job over.")
        story = db.session.get(Story, story_id)
        if story.status == StoryStatus.PROCESSING:
            story.status = StoryStatus.NEEDS_REVIEW
        db.session.commit()
        return JobState.SUPERSEDED
    if not change_while_consented(story_id, WORKING, status=StoryStatus.NEEDS_REVIEW, body=transcript.text):
        raise JobCancelled(_reason_to_stop(story_id) or NOT_WAITING)
    if not finish(job_id, token, JobState.SUCCEEDED):
        raise JobCancelled("Another worker took this job over.")
    story = db.session.get(Story, story_id, populate_existing=True)
    refresh_detected_spans(story)
    existing = db.session.get(Transcript, story_id)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    db.session.add(
        Transcript(
            story_id=story_id,
            language=story.language,
            words=[[w.word, w.start, w.end, w.conf] for w in transcript.words],
            duration_s=transcript.duration,
            model=transcript.model or None,
        )
    )
    db.session.flush()
    propose(story, search)  # where the known identifiers may be said, by sound and by the targeted pass
    keep_derived(story_id, MediaKind.LISTENING, copy, transcript.duration, f"{job_id}-{token}")
    return JobState.SUCCEEDED


def _cancel(job_id: str, token: str, message: str) -> str:
    finish(job_id, token, JobState.CANCELLED, message)
    db.session.commit()
    log.info("job %s cancelled", job_id)
    return JobState.CANCELLED


def _wait_for_model(job_id: str, token: str, story_id: str, copy=None, duration: float = 0.0) -> str:
    """Park the story in needs_model, keeping its listening copy if the story is still ours to keep.

    Ordered against a withdrawal like ``_save``: the consent's row lock, then a conditional UPDATE.
    """
    moved = change_while_consented(story_id, WORKING, status=StoryStatus.NEEDS_MODEL)
    if moved:
        language = db.session.scalar(select(Story.language).where(Story.id == story_id))
        state, message = JobState.WAITING_FOR_MODEL, ModelMissing(language).message
    else:  # withdrawn or changed meanwhile: nothing to wait for
        state, message = JobState.CANCELLED, _reason_to_stop(story_id) or NOT_WAITING
    if not finish(job_id, token, state, message):
        db.session.rollback()  # taken over: the story is the new attempt's to move
        return "skipped"
    if moved and copy is not None:
        keep_derived(story_id, MediaKind.LISTENING, copy, duration, f"{job_id}-{token}")
    else:
        db.session.commit()
    return state


def _fail(job_id: str, token: str, story_id: str, message: str) -> str:
    if not finish(job_id, token, JobState.FAILED, message):
        db.session.rollback()  # taken over: the story is the new attempt's to move
        return "skipped"
    story = db.session.get(Story, story_id)
    if story is not None and story.status == StoryStatus.PROCESSING:
        story.status = StoryStatus.FAILED
    db.session.commit()
    return JobState.FAILED


def _retry_or_fail(job_id: str, token: str, message: str) -> str:
    job = db.session.get(Job, job_id)
    if job is None or job.claim != token:
        db.session.rollback()
        return "skipped"  # taken over by another worker meanwhile: its result counts
    if job.attempts < current_app.config["JOB_MAX_ATTEMPTS"]:
        requeue(job)
        job.error = message  # shown while the next attempt waits
        db.session.commit()
        enqueue(job, delay=current_app.config["JOB_RETRY_DELAY_SECONDS"])
        return JobState.QUEUED
    return _fail(job_id, token, job.story_id, message)


def retry(story: Story) -> Job:
    """Queue a failed story's transcription again (the facilitator's or admin's retry button)."""
    if story.status not in (StoryStatus.FAILED, StoryStatus.NEEDS_MODEL):
        raise Conflict("Only a story whose transcription failed or waits for a model can be retried.")
    job = latest(story.id, JobKind.TRANSCRIBE)
    if job is None:
        raise Conflict("This story has no recording to transcribe.")
    requeue(job)
    job.attempts = 0
    story.status = StoryStatus.PROCESSING
    db.session.commit()
    enqueue(job)
    return job


def _requeue_waiting(language: str) -> list[Job]:
    """Move the stories waiting for a model in ``language`` back to processing (caller commits)."""
    stories = db.session.scalars(
        select(Story).where(Story.status == StoryStatus.NEEDS_MODEL, Story.language == language)
    ).all()
    jobs = []
    for story in stories:
        job = latest(story.id, JobKind.TRANSCRIBE)
        # Only a job still waiting: one closed for a typed transcript (close_for_typed_transcript) stays.
        if job is not None and job.state == JobState.WAITING_FOR_MODEL:
            requeue(job)
            job.attempts = 0  # waiting for a model was not a failed try
            story.status = StoryStatus.PROCESSING
            jobs.append(job)
    return jobs


def resume_waiting_for(language: str) -> int:
    """Queue again the stories that waited for a model in ``language``; return how many."""
    jobs = _requeue_waiting(language)
    db.session.commit()
    for job in jobs:
        enqueue(job)
    return len(jobs)


def requeue_waiting_with_model() -> int:
    """Move back to processing the stories waiting for a model that is now installed (recovery sends
    their messages); return how many. Catches a model added while no worker ran, or by hand."""
    languages = db.session.scalars(
        select(Story.language).where(Story.status == StoryStatus.NEEDS_MODEL).distinct()
    ).all()
    count = 0
    for language in languages:
        if locate(language) is not None:
            count += len(_requeue_waiting(language))
            log.info("a speech model for %s has arrived: stories waiting for it are queued", language)
    db.session.commit()
    return count


def waiting_for_models() -> list[tuple[str, str, int, list[str]]]:
    """(code, name, stories waiting, commands that would bring a model) per language with waiting stories."""
    rows = db.session.execute(
        select(Story.language, func.count())
        .where(Story.status == StoryStatus.NEEDS_MODEL)
        .group_by(Story.language)
        .order_by(Story.language)
    ).all()
    return [(lang, language_name(lang), count, model_commands(lang)) for lang, count in rows]


def sweep_leftovers() -> int:
    """Delete what killed workers left in the store; return how many entries went.

    A job attempt's work folder (``.work-<job>-<claim>``) or an unrecorded ``derived/<job>-<claim>.<ext>``
    copy belongs to an attempt; it is left alone while that attempt still holds its job (running under
    that claim) and removed otherwise. Files named any other way are never touched.
    """
    store = current_store()
    running = {
        (job_id, token)
        for job_id, token in db.session.execute(
            select(Job.id, Job.claim).where(Job.state == JobState.RUNNING)
        ).all()
    }
    recorded = set(db.session.scalars(select(MediaFile.path).where(MediaFile.path.like("derived/%"))).all())
    db.session.commit()
    removed = 0
    for work in store.work_dirs():
        match = _ATTEMPT_RE.fullmatch(work.name)
        if match is not None and match["work"] and (match["job"], match["claim"]) not in running:
            shutil.rmtree(work, ignore_errors=True)
            removed += 1
    for key in list(store.keys("derived")):
        match = _ATTEMPT_RE.fullmatch(key.removeprefix("derived/"))
        if match is None or match["work"] or (match["job"], match["claim"]) in running or key in recorded:
            continue
        store.remove([key])
        removed += 1
    if removed:
        log.warning("removed %s file(s) left in media/derived by stopped workers", removed)
    return removed


def close_for_typed_transcript(story_id: str) -> None:
    """Close the story's unfinished transcription jobs because a reviewer typed its transcript.

    In the caller's transaction. A closed job is neither resumed when a model arrives, nor retried,
    nor recovered at the next start, so the typed transcript stays.
    """
    open_states = (JobState.QUEUED, JobState.WAITING_FOR_MODEL, JobState.FAILED)
    for job in db.session.scalars(
        select(Job).where(
            Job.story_id == story_id, Job.kind == JobKind.TRANSCRIBE, Job.state.in_(open_states)
        )
    ):
        job.state = JobState.SUPERSEDED
        job.claim = None
        job.error = None
        job.finished_at = utcnow()
