"""The queue binding: Huey carries the messages, one task per kind of job, and runs each in the app.

Embedded default: Huey on SQLite in ``instance/jobs.db``; ``QUEUE_URL=redis://...`` for many workers.
With ``JOBS_IMMEDIATE`` (tests, scripts) a job runs inside the request that queues it.

Each ``Queue`` is a Huey of its own (its own messages, its own consumer and workers): a worker busy
for hours on a recording (``MEDIA``) never holds up index clean-up after a withdrawal, the watch on a
stopped worker or consent expiry (``UPKEEP``), which have workers of their own in ``serve`` and in
``worker``.

The queue never builds the application and never imports an area's code. The app shell binds both:
``bind`` says which function runs each ``JobKind`` (and what to tidy when workers start or a stopped
worker's job is taken back), and ``use_app`` gives the workers of ``serve`` and ``worker`` the app
their jobs run in.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import MemoryHuey
from huey.api import TaskWrapper
from huey.storage import BaseStorage, PriorityRedisStorage, SqliteStorage

from archive.extensions import db
from archive.models import Job

from .kinds import JobKind, Queue
from .rows import new_job

log = logging.getLogger(__name__)

# Bound at import so that the tasks below exist in every process; ``configure_queue`` points them at the
# configured storage. ``huey`` is the media queue's (the name it always had, so messages waiting from
# an older release are still found).
huey = MemoryHuey("story-archive", results=False, utc=True)
upkeep_huey = MemoryHuey("story-archive-upkeep", results=False, utc=True)
QUEUES: dict[Queue, MemoryHuey] = {Queue.MEDIA: huey, Queue.UPKEEP: upkeep_huey}
# Each queue's SQLite file in the instance folder (embedded default): apart, so that a long write on
# one never makes the other wait for SQLite's lock.
_SQLITE_FILES = {Queue.MEDIA: "jobs.db", Queue.UPKEEP: "jobs-upkeep.db"}

_worker_app: Flask | None = None


@dataclass(frozen=True)
class Binding:
    """What the app shell tells the queue: the function that runs each kind of job (called with the
    message's arguments, inside the app), what to run when workers start (``recovering``: an area's
    clean-up of what stopped workers left, and jobs it can queue again), and what to run after a stopped
    worker's job was taken back (``taken_back``)."""

    handlers: Mapping[JobKind, Callable[..., object]]
    recovering: Sequence[Callable[[], object]] = ()
    taken_back: Sequence[Callable[[], object]] = ()


def configure_queue(app: Flask) -> None:
    """Point each queue at the configured storage (SQLite files by default, Redis when configured)."""
    url = app.config.get("QUEUE_URL")
    for queue, instance in QUEUES.items():
        if url:
            # Huey's plain Redis storage refuses a task with a priority; the kinds have them (kinds.py).
            instance.storage_class = PriorityRedisStorage
            instance.storage_kwargs = {"url": url}  # keys are apart by the queue's name
        else:
            instance.storage_class = SqliteStorage
            instance.storage_kwargs = {"filename": str(Path(app.instance_path) / _SQLITE_FILES[queue])}
        instance.immediate = bool(app.config.get("JOBS_IMMEDIATE"))
        instance.storage = instance.create_storage()
    app.extensions["huey"] = huey
    app.extensions["queues"] = QUEUES


def huey_of(kind: JobKind) -> MemoryHuey:
    """The Huey of the queue ``kind`` waits in."""
    return QUEUES[kind.spec.queue]


def bind(app: Flask, binding: Binding) -> None:
    """Give ``app`` the functions that run its jobs; every kind needs one, so a new kind cannot be
    queued without something to run it."""
    missing = [kind.value for kind in JobKind if kind not in binding.handlers]
    if missing:
        raise ValueError(f"no handler bound for job kind(s): {', '.join(missing)}")
    app.extensions["jobs"] = binding


def binding() -> Binding:
    """The current app's ``Binding``."""
    return current_app.extensions["jobs"]


def use_app(app: Flask) -> None:
    """Run jobs in ``app``: the embedded workers of ``serve`` share the web server's app, and the
    processes of ``worker`` are forked from the command's own."""
    global _worker_app
    _worker_app = app


@contextlib.contextmanager
def job_context():
    """Run inside the current app (immediate mode, the command line) or the app ``use_app`` gave."""
    if has_app_context():
        yield
        return
    if _worker_app is None:
        raise RuntimeError(
            "No application to run jobs in: `story-archive serve` and `story-archive worker` give one "
            "(archive.jobs.use_app) before their workers start."
        )
    with _worker_app.app_context():
        yield


def claim_period(storage: BaseStorage, kind: JobKind, now: float | None = None) -> bool:
    """Whether this worker runs the periodic job ``kind`` for the current minute.

    Every worker's scheduler sends a periodic job's message at its minute, so with workers on several
    machines each minute's job would run once per worker. The first to write the minute's key in the
    queue's storage (Redis ``HSETNX``, or SQLite's ``insert or abort``: atomic in both) runs it; the
    others skip it. The key of the minute before is deleted, so the storage keeps one per kind.
    """
    minute = int((time.time() if now is None else now) // 60)
    key = f"periodic:{kind.value}:{minute}"
    if not storage.put_if_empty(key, b"1"):
        return False
    last = storage.pop_data(f"periodic:{kind.value}:last")
    if isinstance(last, bytes) and last.decode() != key:
        storage.delete_data(last.decode())
    storage.put_data(f"periodic:{kind.value}:last", key.encode())
    return True


def yield_to_upkeep(nice: int) -> None:
    """Lower the CPU priority of this worker thread (and of the ffmpeg it starts) to ``nice``.

    A transcription takes a core for as long as the recording lasts; in ``serve`` its worker is a thread
    of the same process as the upkeep worker and the web server, and the scheduler shared the process's
    time equally among them: a withdrawal's index scrub (2 s of work) took 20-30 s beside one on a busy
    machine (bench/withdraw.py --busy-worker). Linux gives each thread its own nice value; raising it
    needs no privilege and cannot be undone without one, which is why only media worker threads (never
    a request's thread, as in immediate mode) do it. Nothing happens where the system has no nice.
    """
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    thread = threading.get_native_id()
    if os.getpriority(os.PRIO_PROCESS, thread) < nice:
        os.setpriority(os.PRIO_PROCESS, thread, nice)


def _task(kind: JobKind) -> TaskWrapper:
    """Declare the Huey task of ``kind``: it runs the bound handler in the app, with the message's args;
    a periodic one runs on one worker only each time (``claim_period``)."""

    def run(*args) -> None:
        queue = QUEUES[kind.spec.queue]  # the storage of the queue whose workers' schedulers send it
        if kind.spec.every is not None and not queue.immediate and not claim_period(queue.storage, kind):
            log.info("%s: another worker runs this one", kind.value)
            return
        with job_context():
            if kind.spec.queue == Queue.MEDIA and not queue.immediate:
                yield_to_upkeep(current_app.config["MEDIA_WORKER_NICE"])
            binding().handlers[kind](*args)

    # Huey names a task after its function; the kind's value keeps the name stable across code moves,
    # so messages still waiting in a queue find their task after an upgrade.
    run.__name__ = run.__qualname__ = f"run_{kind.value}"
    spec = kind.spec
    instance = QUEUES[spec.queue]
    if spec.every is not None:
        return instance.periodic_task(spec.every, priority=spec.priority, name=kind.value)(run)
    return instance.task(
        retries=spec.retries, retry_delay=spec.retry_delay, priority=spec.priority, name=kind.value
    )(run)


TASKS: dict[JobKind, TaskWrapper] = {kind: _task(kind) for kind in JobKind}


def send(kind: JobKind, *args, delay: float = 0) -> None:
    """Send a message for a job of ``kind`` with ``args`` (now, or in ``delay`` seconds)."""
    task = TASKS[kind]
    if delay:
        task.schedule(args, delay=delay)
    else:
        task(*args)


def enqueue(job: Job, delay: float = 0) -> None:
    """Send a job row's message; the row must be committed first."""
    send(JobKind(job.kind), job.id, delay=delay)


def submit(story_id: str, kind: JobKind) -> Job:
    """Add a job row for ``story_id``, commit it, and send its message; return the row.

    A queue that is down is logged, not raised: the row waits, and the next worker start sends it.
    """
    job = new_job(story_id, kind)
    db.session.commit()
    try:
        enqueue(job)
    except Exception:
        log.exception("job %s saved but not sent to the queue; the next worker start sends it", job.id)
    return job


def immediate() -> bool:
    """Whether jobs run inside the request that queues them (``JOBS_IMMEDIATE``)."""
    return bool(huey.immediate)
