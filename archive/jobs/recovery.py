"""Jobs that outlive their worker: taken back and queued again, whether the worker restarts at once,
later, or never.

A worker that dies mid-job leaves a row in ``running`` whose heartbeat goes stale: each claim also
schedules a watch (``watch``, a ``WATCH_JOB`` message) that any live worker runs once the heartbeat
could be stale, and ``recover`` runs when workers start.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from archive.extensions import db
from archive.models import Job, JobState, utcnow

from .kinds import JobKind
from .queue import binding, enqueue, send
from .rows import stale_running, take_back


def recover() -> int:
    """Bring back what stopped workers left; run when a worker (or ``serve``) starts.

    Stale running jobs are queued again (or failed after their last attempt); the areas then tidy what
    stopped workers left and queue what they can (the bound ``recovering`` steps); running jobs whose
    heartbeat is still fresh get a watch, since their worker may have died a moment ago; and every
    queued job is sent again, as its message may have been lost with a worker. Returns how many were
    sent.
    """
    stale_after = current_app.config["JOB_STALE_SECONDS"]
    for job in stale_running(stale_after):
        take_back(job, stale_after)
    for step in binding().recovering:
        step()
    for job_id, token, heartbeat in db.session.execute(
        select(Job.id, Job.claim, Job.heartbeat_at).where(Job.state == JobState.RUNNING)
    ).all():
        watch(job_id, token, heartbeat)
    queued = list(db.session.scalars(select(Job).where(Job.state == JobState.QUEUED)))
    db.session.commit()
    for job in queued:
        enqueue(job)
    return len(queued)


def watch(job_id: str, token: str | None, heartbeat_at: datetime | None = None) -> None:
    """Schedule a check of this claim for when its heartbeat would be stale if its worker had died."""
    if token is None:
        return
    stale_after = float(current_app.config["JOB_STALE_SECONDS"])
    delay = stale_after + 1.0
    if heartbeat_at is not None:
        delay = max(1.0, (heartbeat_at - utcnow()).total_seconds() + stale_after + 1.0)
    send(JobKind.WATCH_JOB, job_id, token, delay=delay)


def check_stale(job_id: str, token: str) -> str:
    """Take the job back if this claim's worker has stopped, or watch again while it is alive (the
    ``WATCH_JOB`` handler).

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
    for step in binding().taken_back:
        step()
    if state == JobState.QUEUED:
        enqueue(job)
    return state
