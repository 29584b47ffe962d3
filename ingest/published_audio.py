"""The published recording: made by a background job when a recorded story is published.

Publishing a recorded story whose consent lets educators hear it queues a ``publish_audio`` job
(``schedule_published_audio``). The job decodes the original again, maps every accepted span to the
recording (``audio_redaction.redaction_intervals``), covers those stretches with a tone or silence,
disguises the voice where the consent asks, and keeps the result as the story's one PUBLISHED file.
Until it exists the library shows the text only; if a span cannot be placed (a transcript typed by
hand), the job fails with the reason, nothing is made, and the story stays text only for good.

Like transcription, the job runs under a claim with heartbeats (a withdrawal stops it within a
second), is retried after unexpected errors (``JOB_MAX_ATTEMPTS``), and saves only through the
publication guard, so a withdrawal and the save are ordered: the save fails after a withdrawal, and a
withdrawal after the save deletes the file with every other recording of the story. Once saved, the
story's index entry is written again, now as one that may be heard. Its files follow
the transcription job's names (``derived/.work-<job>-<claim>/``, ``derived/<job>-<claim>.<ext>``), so
the sweep of stopped workers' leftovers covers them too.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

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
    submit,
    watch,
)
from archive.media import published_recording
from archive.models import (
    Consent,
    ConsentStatus,
    Job,
    JobState,
    MediaFile,
    MediaKind,
    Modality,
    SpanDecision,
    Story,
    StoryStatus,
    TimeMark,
    Transcript,
)
from archive.publication import change_while_consented, publishable
from archive.search import refresh_stories
from archive.storage import current_store

from .audio import AudioRejected, Limits, ListeningCopy, normalise
from .audio_redaction import (
    AudioUnmappable,
    Interval,
    TextSpan,
    merge_intervals,
    redact_audio,
    redaction_intervals,
)
from .recordings import keep_derived
from .transcript_edit import from_rows
from .transcription import DECODE_SHARE

log = logging.getLogger(__name__)

#: The smallest padding used, whatever AUDIO_REDACTION_PADDING_MS says: the Opus encoder works in
#: 20 ms frames, and the recogniser's word edges are rougher than that.
MIN_PADDING_S = 0.030

NOT_WANTED = "The story is no longer published with its recording, so no published recording was made."


def schedule_published_audio(story: Story) -> Job | None:
    """Queue the making of a just-published story's recording for educators; return the job, or None
    when educators may never hear it (a typed story, or a consent without audio or teaching). Commits.

    A queue that is down is logged: the job row waits and the next worker start sends it.
    """
    if story.kind != "audio" or not publishable(story, Modality.AUDIO):
        return None
    return submit(story.id, JobKind.PUBLISH_AUDIO)


def run_publish_audio(job_id: str) -> str:
    """Claim and run a publish_audio job (the ``PUBLISH_AUDIO`` handler); return the state it ended
    in ("skipped" if not queued)."""
    token = claim(job_id)
    if token is None:
        log.info("job %s is not queued (running elsewhere or finished): message ignored", job_id)
        return "skipped"
    watch(job_id, token)
    try:
        return _make(job_id, token)
    except Exception as err:  # a locked database, a full disk: try again, then fail
        db.session.rollback()
        log.exception("publish_audio job %s failed", job_id)
        return _retry_or_fail(job_id, token, f"{type(err).__name__}: {err}")


def _reason_to_stop(story_id: str) -> str | None:
    """Why the job should stop now (withdrawn, or no longer to be heard), or None to go on."""
    story = db.session.get(Story, story_id, populate_existing=True)
    if story is None or story.status == StoryStatus.WITHDRAWN:
        return WITHDRAWN
    consent = db.session.get(Consent, story.consent_id, populate_existing=True)
    if consent.status != ConsentStatus.ACTIVE:
        return WITHDRAWN
    if story.kind != "audio" or not publishable(story, Modality.AUDIO):
        return NOT_WANTED
    return None


def _make(job_id: str, token: str) -> str:
    job = db.session.get(Job, job_id)
    story_id = job.story_id
    reason = _reason_to_stop(story_id)
    if reason:
        return _cancel(job_id, token, reason)
    story = db.session.get(Story, story_id)
    original = db.session.scalar(
        select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.ORIGINAL)
    )
    transcript = db.session.get(Transcript, story_id)
    if original is None or transcript is None:
        return _finish(job_id, token, JobState.FAILED, "The story has no recording or transcript to publish.")
    cfg = current_app.config
    padding = max(MIN_PADDING_S, float(cfg["AUDIO_REDACTION_PADDING_MS"]) / 1000)
    try:
        intervals = intervals_to_cover(story, transcript, padding)
    except AudioUnmappable as err:
        # Not a passing fault: trying again would place nothing more. The story stays text only.
        return _finish(job_id, token, JobState.FAILED, err.message)
    disguise = bool(story.consent.voice_disguise)
    source_key = original.path
    db.session.commit()  # release the read transaction while the long work runs

    report = progress_reporter(job_id, token, still_wanted=lambda: _reason_to_stop(story_id))
    store = current_store()
    limits = Limits.from_config(cfg)
    work = None
    try:
        report(0.0)
        work = store.work_dir(f"{job_id}-{token}")
        with store.local_copy(source_key) as source:
            wav = normalise(source, work / "speech.wav", limits, progress=lambda f: report(DECODE_SHARE * f))
        copy = redact_audio(
            wav.path,
            work / "published",
            intervals,
            style=cfg["AUDIO_REDACTION_STYLE"],
            disguise=disguise,
            limits=limits,
            progress=lambda f: report(DECODE_SHARE + (1 - DECODE_SHARE) * f),
        )
        return _save(job_id, token, story_id, copy, wav.duration_s)
    except JobCancelled as err:
        db.session.rollback()
        return _cancel(job_id, token, err.message)
    except AudioRejected as err:
        db.session.rollback()
        return _finish(job_id, token, JobState.FAILED, err.message)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def intervals_to_cover(story: Story, transcript: Transcript, padding: float) -> list[Interval]:
    """The stretches of a story's recording to cover: every accepted span's words, and every stretch
    a reviewer marked by time, padded and merged. Raises AudioUnmappable as ``redaction_intervals``."""
    spans = [TextSpan(s.start, s.end) for s in story.spans if s.decision == SpanDecision.ACCEPTED]
    intervals = redaction_intervals(
        story.body or "", from_rows(transcript.words), spans, transcript.duration_s, padding
    )
    duration = transcript.duration_s
    marked = [
        Interval(
            max(0.0, m.start_s - padding), min(duration, m.end_s + padding) if duration else m.end_s + padding
        )
        for m in db.session.scalars(select(TimeMark).where(TimeMark.story_id == story.id))
    ]
    return merge_intervals([*intervals, *marked])


def _save(job_id: str, token: str, story_id: str, copy: ListeningCopy, duration: float) -> str:
    """Keep ``copy`` as the story's published recording if the story is still published and consented
    and the claim stands; an older published file goes once the commit stands."""
    if not change_while_consented(story_id, (StoryStatus.PUBLISHED,)):
        raise JobCancelled(_reason_to_stop(story_id) or NOT_WANTED)
    # The storyteller may have removed the audio since the last heartbeat: asked again under the
    # lock taken above, so a narrowing and this save are ordered like a withdrawal and the save.
    reason = _reason_to_stop(story_id)
    if reason:
        raise JobCancelled(reason)
    if not finish(job_id, token, JobState.SUCCEEDED):
        raise JobCancelled("Another worker took this job over.")
    keep_derived(story_id, MediaKind.PUBLISHED, copy, duration, f"{job_id}-{token}")
    # Now it may be heard: the index says so from here on (the "Can be heard" filter and count). An
    # index too busy now is put right by the next search that shows the story, or the expiry job.
    refresh_stories([story_id])
    return JobState.SUCCEEDED


def _finish(job_id: str, token: str, state: str, message: str | None) -> str:
    """End the job (the story itself stays published either way)."""
    if not finish(job_id, token, state, message):
        db.session.rollback()  # taken over meanwhile: the new attempt's result counts
        return "skipped"
    db.session.commit()
    return state


def _cancel(job_id: str, token: str, message: str) -> str:
    state = _finish(job_id, token, JobState.CANCELLED, message)
    log.info("job %s cancelled", job_id)
    return state


def _retry_or_fail(job_id: str, token: str, message: str) -> str:
    job = db.session.get(Job, job_id)
    if job is None or job.claim != token or job.state != JobState.RUNNING:
        db.session.rollback()
        return "skipped"
    if job.attempts < current_app.config["JOB_MAX_ATTEMPTS"]:
        requeue(job)
        job.error = message
        db.session.commit()
        enqueue(job, delay=current_app.config["JOB_RETRY_DELAY_SECONDS"])
        return JobState.QUEUED
    return _finish(job_id, token, JobState.FAILED, message)


@dataclass(frozen=True)
class PublishedAudio:
    """What became of a published recorded story's recording, for the facilitator's page."""

    heard: bool  # the consent lets educators hear it
    disguised: bool
    job: Job | None
    media: MediaFile | None


def published_audio(story: Story) -> PublishedAudio | None:
    """The state of a recorded story's published recording; None for a typed or unpublished story."""
    if story.kind != "audio" or story.status != StoryStatus.PUBLISHED:
        return None
    job = latest(story.id, JobKind.PUBLISH_AUDIO)
    return PublishedAudio(
        heard=publishable(story, Modality.AUDIO),
        disguised=bool(story.consent.voice_disguise),
        job=job,
        media=published_recording(story.id),
    )
