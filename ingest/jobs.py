"""Background jobs: Huey carries the messages, the ``jobs`` table holds the truth.

Pages read the job row (state, progress, error), never the queue. A job is claimed with a conditional
UPDATE, so a message delivered twice runs the job once; a worker that dies mid-job leaves a row in
``running`` whose heartbeat goes stale, and ``recover`` queues it again when a worker next starts.
Embedded default: Huey on SQLite in ``instance/jobs.db``; ``QUEUE_URL=redis://...`` for many workers.
In tests ``JOBS_IMMEDIATE`` runs each job inside the request that queued it.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import MemoryHuey
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import select, update

from archive.extensions import db
from archive.models import Job, JobState, utcnow

log = logging.getLogger(__name__)

# Bound at import so tasks can be declared; ``configure_queue`` points it at the real storage.
huey = MemoryHuey("story-archive", results=False, utc=True)

_worker_app: Flask | None = None


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


def progress_reporter(job_id: str, token: str, every: float = 1.0) -> Callable[[float], None]:
    """Return a callback that records progress and a heartbeat at most every ``every`` seconds."""
    last = 0.0

    def report(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < every and fraction < 1.0:
            return
        last = now
        db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.claim == token)
            .values(progress=max(0.0, min(1.0, fraction)), heartbeat_at=utcnow())
        )
        db.session.commit()

    return report


def finish(job_id: str, token: str, state: str, error: str | None = None) -> None:
    """Record how a job ended (only by the worker holding the claim)."""
    values = {"state": state, "error": error, "finished_at": utcnow()}
    if state == JobState.SUCCEEDED:
        values["progress"] = 1.0
    db.session.execute(update(Job).where(Job.id == job_id, Job.claim == token).values(**values))


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


def recover() -> int:
    """Queue again jobs lost by a dead worker or a lost message; return how many were sent."""
    stale_after = current_app.config["JOB_STALE_SECONDS"]
    for job in stale_running(stale_after):
        log.warning(
            "job %s (story %s) was left running by a stopped worker; queueing it again", job.id, job.story_id
        )
        requeue(job)
    db.session.commit()
    queued = list(db.session.scalars(select(Job).where(Job.state == JobState.QUEUED)))
    for job in queued:
        enqueue(job)
    return len(queued)


def enqueue(job: Job, delay: float = 0) -> None:
    """Send the job's message; the job row must be committed first."""
    from . import audio_jobs

    task = audio_jobs.TASKS[job.kind]
    if delay:
        task.schedule((job.id,), delay=delay)
    else:
        task(job.id)
