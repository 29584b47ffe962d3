"""Background jobs: Huey carries the messages, the ``jobs`` table holds the truth.

Pages read the job row (state, progress, error), never the queue. A job is claimed with a conditional
UPDATE, so a message delivered twice runs the job once. A worker that dies mid-job leaves a row in
``running`` whose heartbeat goes stale: each claim also schedules a watch message (``watch_job``) that
any live worker runs once the heartbeat could be stale, and ``recover`` runs when a worker starts, so
the job is queued again whether its worker restarts at once, later, or never.
Embedded default: Huey on SQLite in ``instance/jobs.db``; ``QUEUE_URL=redis://...`` for many workers.
In tests ``JOBS_IMMEDIATE`` runs each job inside the request that queued it.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import MemoryHuey
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import select, update

from archive.extensions import db
from archive.models import Job, JobState, Story, StoryStatus, utcnow

from .recordings import sweep_abandoned_uploads

log = logging.getLogger(__name__)

# Bound at import so tasks can be declared; ``configure_queue`` points it at the real storage.
huey = MemoryHuey("story-archive", results=False, utc=True)

_worker_app: Flask | None = None


class JobCancelled(Exception):
    """The job must stop: its story no longer wants it, or another worker took it over."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def configure_queue(app: Flask) -> None:
    """Point the queue at the configured storage (SQLite file by default, Redis when configured)."""
    url = app.config.get("QUEUE_URL")
    if url:
        huey.storage_class = RedisStorage
        huey.storage_kwargs = {"url": url}
    else:
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": str(Path(app.instance_path) / "jobs.db")}
    huey.immediate = bool(app.config.get("JOBS_IMMEDIATE"))
    huey.storage = huey.create_storage()
    app.extensions["huey"] = huey


def use_app(app: Flask) -> None:
    """Run jobs in ``app`` (the embedded workers of ``serve`` share the web server's app)."""
    global _worker_app
    _worker_app = app


@contextlib.contextmanager
def job_context():
    """Run inside the current app (immediate mode, CLI) or this worker process's own app."""
    global _worker_app
    if has_app_context():
        yield
        return
    if _worker_app is None:
        from archive import create_app

        _worker_app = create_app()
    with _worker_app.app_context():
        yield


def new_job(story_id: str, kind: str) -> Job:
    """Add a queued job row (in the caller's transaction); call ``enqueue`` after committing."""
    job = Job(story_id=story_id, kind=kind, state=JobState.QUEUED)
    db.session.add(job)
    return job


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
    return token if result.rowcount == 1 else None


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
        if result.rowcount != 1:
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
    values = {"state": state, "error": error, "finished_at": utcnow()}
    if state == JobState.SUCCEEDED:
        values["progress"] = 1.0
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.claim == token, Job.state == JobState.RUNNING)
        .values(**values)
    )
    return result.rowcount == 1


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
    if result.rowcount != 1:
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
    return values["state"]


def recover() -> int:
    """Bring back what stopped workers left; run when a worker (or ``serve``) starts.

    Stale running jobs are queued again (or failed after their last attempt) and their temp files
    removed; running jobs whose heartbeat is still fresh get a watch, since their worker may have died
    a moment ago; stories waiting for a model that has arrived since are queued; and every queued job
    is sent again, as its message may have been lost with a worker. Returns how many were sent.
    """
    from . import audio_jobs

    stale_after = current_app.config["JOB_STALE_SECONDS"]
    for job in stale_running(stale_after):
        take_back(job, stale_after)
    audio_jobs.requeue_waiting_with_model()
    audio_jobs.sweep_leftovers()
    swept = sweep_abandoned_uploads()
    if swept:
        log.warning("removed %s upload(s) staged by requests that never finished", swept)
    for job_id, token, heartbeat in db.session.execute(
        select(Job.id, Job.claim, Job.heartbeat_at).where(Job.state == JobState.RUNNING)
    ).all():
        watch(job_id, token, heartbeat)
    queued = list(db.session.scalars(select(Job).where(Job.state == JobState.QUEUED)))
    db.session.commit()
    for job in queued:
        enqueue(job)
    return len(queued)


@huey.task()
def watch_job(job_id: str, token: str) -> None:
    """Huey task: see whether a claimed job's worker is still alive (see ``check_stale``)."""
    with job_context():
        check_stale(job_id, token)


def watch(job_id: str, token: str | None, heartbeat_at: datetime | None = None) -> None:
    """Schedule a check of this claim for when its heartbeat would be stale if its worker had died."""
    if token is None:
        return
    stale_after = float(current_app.config["JOB_STALE_SECONDS"])
    delay = stale_after + 1.0
    if heartbeat_at is not None:
        delay = max(1.0, (heartbeat_at - utcnow()).total_seconds() + stale_after + 1.0)
    watch_job.schedule((job_id, token), delay=delay)


def check_stale(job_id: str, token: str) -> str:
    """Take the job back if this claim's worker has stopped, or watch again while it is alive.

    Returns what it found: "done" (finished or already taken back), "alive" or the job's new state.
    """
    job = db.session.get(Job, job_id)
    if job is None or job.state != JobState.RUNNING or job.claim != token:
        db.session.rollback()
        return "done"
    stale_after = current_app.config["JOB_STALE_SECONDS"]
    heartbeat = job.heartbeat_at
    if heartbeat is not None and heartbeat >= utcnow() - timedelta(seconds=stale_after):
        db.session.rollback()
        watch(job_id, token, heartbeat)
        return "alive"
    state = take_back(job, stale_after)
    if state is None:
        watch(job_id, token)  # it heartbeat just now after all
        return "alive"
    from . import audio_jobs

    audio_jobs.sweep_leftovers()
    if state == JobState.QUEUED:
        enqueue(db.session.get(Job, job_id))
    return state


def enqueue(job: Job, delay: float = 0) -> None:
    """Send the job's message; the job row must be committed first."""
    from . import audio_jobs

    task = audio_jobs.TASKS[job.kind]
    if delay:
        task.schedule((job.id,), delay=delay)
    else:
        task(job.id)
