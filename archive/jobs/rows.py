"""Job rows: what the pages read about a background job (state, progress, error), and how a worker
claims, reports on and finishes one.

A job is claimed with a conditional UPDATE, so a message delivered twice runs the job once. A worker
heartbeats while it works (``progress_reporter``); a running job whose heartbeat goes stale belongs to
a stopped worker and is taken back (``take_back``, see ``archive.jobs.recovery``).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from archive.extensions import db, rows_changed
from archive.models import Job, JobState, Story, StoryStatus, utcnow

from .kinds import JobKind

log = logging.getLogger(__name__)

# What a story's jobs say once it is withdrawn (a running job says it too when it stops).
WITHDRAWN = (
    "The storyteller withdrew their consent, so the recording was not transcribed and nothing was kept."
)


class JobCancelled(Exception):
    """The job must stop: its story no longer wants it, or another worker took it over."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def new_job(story_id: str, kind: JobKind) -> Job:
    """Add a queued job row (in the caller's transaction); call ``enqueue`` after committing."""
    if not kind.has_row:
        raise ValueError(f"jobs of kind {kind} have no row")
    job = Job(story_id=story_id, kind=kind, state=JobState.QUEUED)
    db.session.add(job)
    return job


def latest(story_id: str, kind: JobKind) -> Job | None:
    """The story's most recent job of ``kind``, or None."""
    return db.session.scalar(
        select(Job).where(Job.story_id == story_id, Job.kind == kind).order_by(Job.created_at.desc()).limit(1)
    )


def claim(job_id: str) -> str | None:
    """Move a queued job to running; return the claim token, or None if someone else has it."""
    token = secrets.token_hex(8)
    now = utcnow()
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == JobState.QUEUED)
        .values(
            state=JobState.RUNNING,
            claim=token,
            started_at=now,
            heartbeat_at=now,
            attempts=Job.attempts + 1,
            error=None,
        )
    )
    db.session.commit()
    return token if rows_changed(result) == 1 else None


def still_mine(job_id: str, token: str) -> bool:
    """Whether this worker's claim on the job still stands (a recovered job has a new claim)."""
    job = db.session.get(Job, job_id)
    return job is not None and job.claim == token and job.state == JobState.RUNNING


def progress_reporter(
    job_id: str,
    token: str,
    every: float = 1.0,
    still_wanted: Callable[[], str | None] | None = None,
) -> Callable[[float], None]:
    """Return a callback that records progress and a heartbeat at most every ``every`` seconds.

    At each heartbeat it raises JobCancelled when the claim is gone (recovery gave the job to another
    worker) or when ``still_wanted`` returns a reason to stop (the story was withdrawn), so a job
    stops within a heartbeat instead of working on for minutes to throw the result away.
    """
    last: float | None = None

    def report(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if last is not None and now - last < every and fraction < 1.0:
            return
        last = now
        result = db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.claim == token, Job.state == JobState.RUNNING)
            .values(progress=max(0.0, min(1.0, fraction)), heartbeat_at=utcnow())
        )
        db.session.commit()
        if rows_changed(result) != 1:
            raise JobCancelled("Another worker took this job over.")
        reason = still_wanted() if still_wanted else None
        db.session.commit()  # end the read, so this worker holds no snapshot between heartbeats
        if reason:
            raise JobCancelled(reason)

    return report


def finish(job_id: str, token: str, state: str, error: str | None = None) -> bool:
    """Record how a job ended, in the caller's transaction; say whether this worker could.

    Only a worker whose claim still stands on a running job may: one that was taken for dead (its job
    queued again, or failed after its last try) must leave the job, and the story, to what came after.
    """
    values: dict[str, object] = {"state": state, "error": error, "finished_at": utcnow()}
    if state == JobState.SUCCEEDED:
        values["progress"] = 1.0
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.claim == token, Job.state == JobState.RUNNING)
        .values(**values)
    )
    return rows_changed(result) == 1


def requeue(job: Job) -> None:
    """Put a job back in the queue (in the caller's transaction); call ``enqueue`` after committing."""
    job.state = JobState.QUEUED
    job.claim = None
    job.progress = 0.0
    job.error = None
    job.finished_at = None


def stale_running(stale_after: float) -> list[Job]:
    cutoff = utcnow() - timedelta(seconds=stale_after)
    stmt = select(Job).where(Job.state == JobState.RUNNING, Job.heartbeat_at < cutoff)
    return list(db.session.scalars(stmt))


def take_back(job: Job, stale_after: float) -> str | None:
    """Queue again a job whose worker stopped, or fail it for good after its last attempt (a recording
    that kills its worker every time must not loop forever); return the new state, or None if the
    claim turned out to be alive or gone. Commits.

    The change is a conditional UPDATE on the same claim and a heartbeat still older than the cutoff,
    so a worker that heartbeats in the meantime keeps its job.
    """
    cutoff = utcnow() - timedelta(seconds=stale_after)
    last_try = job.attempts >= current_app.config["JOB_MAX_ATTEMPTS"]
    values: dict[str, object]
    if last_try:
        values = {
            "state": JobState.FAILED,
            "error": f"The worker stopped {job.attempts} times while working on this recording. "
            "Try again, or ask an administrator to look at the worker's log.",
            "finished_at": utcnow(),
        }
    else:
        values = {
            "state": JobState.QUEUED,
            "claim": None,
            "progress": 0.0,
            "error": None,
            "finished_at": None,
        }
    result = db.session.execute(
        update(Job)
        .where(
            Job.id == job.id,
            Job.claim == job.claim,
            Job.state == JobState.RUNNING,
            Job.heartbeat_at < cutoff,
        )
        .values(**values)
    )
    if rows_changed(result) != 1:
        db.session.rollback()
        return None
    if last_try:
        db.session.execute(
            update(Story)
            .where(Story.id == job.story_id, Story.status == StoryStatus.PROCESSING)
            .values(status=StoryStatus.FAILED)
        )
    db.session.commit()
    log.warning(
        "job %s (story %s) was left running by a stopped worker (attempt %s): %s",
        job.id,
        job.story_id,
        job.attempts,
        "failed for good" if last_try else "queued again",
    )
    return str(values["state"])
