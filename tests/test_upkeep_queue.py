"""Index clean-up after a withdrawal never waits behind a transcription.

Issue 15, item 2: with the one job worker busy on a long recording, a withdrawn story's words stayed in
the index files until the recording was done (106 s there; hours for a three-hour one). Upkeep jobs
now have a queue and a worker of their own. The workers here are the ones ``serve`` starts (threads
in this process, on the instance's SQLite queues), with the media worker held busy by a recording
job that does not end until the test lets it.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace

import pytest

from archive import jobs
from archive.jobs import JobKind
from archive.shell.commands import UPKEEP_POLLING, start_embedded_workers
from tests.test_index_scrub import index_bytes

WORD = b"zorbleflanx"
# How long the test waits for the words to leave the index files at most; the target is 10 s,
# which bench/withdraw.py measures. This is only a bound so a failure does not hang.
GIVE_UP_S = 90


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_IMMEDIATE": False, "SERVE_WORKERS": 1, "SERVE_UPKEEP_WORKERS": 1}


def test_kinds_of_upkeep_and_of_recordings_wait_in_queues_of_their_own():
    media = {kind for kind in JobKind if jobs.huey_of(kind) is jobs.huey}
    assert media == {JobKind.TRANSCRIBE, JobKind.PUBLISH_AUDIO}
    assert jobs.huey_of(JobKind.SCRUB_INDEX) is jobs.upkeep_huey is not jobs.huey
    assert jobs.huey_of(JobKind.WATCH_JOB) is jobs.upkeep_huey


def test_withdrawn_words_leave_the_index_files_while_a_transcription_runs(app, ingest, publish, withdraw):
    _, story_id, code, secret = ingest(text="A long walk to the clinic past the zorbleflanx tree.")
    publish(story_id)
    index = app.extensions["search_index"]
    assert WORD in index_bytes(index.path)

    busy, release = threading.Event(), threading.Event()

    def long_transcription(job_id: str) -> None:
        busy.set()
        release.wait(GIVE_UP_S * 2)

    bound = app.extensions["jobs"]
    app.extensions["jobs"] = replace(
        bound, handlers={**bound.handlers, JobKind.TRANSCRIBE: long_transcription}
    )
    with app.app_context():
        consumers, _ = start_embedded_workers(app)
    try:
        with app.app_context():
            jobs.send(JobKind.TRANSCRIBE, "a-three-hour-recording")
        assert busy.wait(GIVE_UP_S), "the media worker never took the recording"

        withdraw(code, secret)

        deadline = time.monotonic() + GIVE_UP_S
        while WORD in index_bytes(index.path) and time.monotonic() < deadline:
            time.sleep(0.2)
        still_transcribing = not release.is_set()
        gone = WORD not in index_bytes(index.path)
    finally:
        release.set()
        for consumer in consumers:
            consumer.stop(graceful=True)
    assert still_transcribing
    assert gone, "the withdrawn story's words waited in the index files behind the transcription"
    with app.app_context():
        assert not index.has_deleted_documents()


def test_an_idle_upkeep_worker_looks_for_jobs_every_second_at_least(app):
    """Huey's workers wait longer and longer between looks while idle (up to 10 s by default): a scrub
    sent after an idle hour would wait that long before anyone saw it."""
    with app.app_context():
        consumers, _ = start_embedded_workers(app)
    try:
        media, upkeep = consumers
        assert upkeep.max_delay == UPKEEP_POLLING["max_delay"] <= 1.0
        assert all(worker.max_delay <= 1.0 for worker, _process in upkeep.worker_threads)
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)


def test_media_workers_give_way_to_upkeep_for_the_cpu(app):
    """A transcription's thread runs at a lower CPU priority (nice) than the upkeep worker's, so a scrub
    beside a long recording gets the CPU first; a request's own thread (immediate mode) is never
    lowered, since no unprivileged process can raise it again."""
    seen: dict[JobKind, int] = {}
    done = threading.Event()

    def note(kind: JobKind):
        def handler(*args) -> None:
            seen[kind] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            if len(seen) == 2:
                done.set()

        return handler

    bound = app.extensions["jobs"]
    app.extensions["jobs"] = replace(
        bound,
        handlers={
            **bound.handlers,
            JobKind.TRANSCRIBE: note(JobKind.TRANSCRIBE),
            JobKind.SCRUB_INDEX: note(JobKind.SCRUB_INDEX),
        },
    )
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    if before >= 19:
        pytest.skip("the tests run at the lowest priority already")
    app.config["MEDIA_WORKER_NICE"] = min(19, before + 5)  # whatever the nice the tests run at
    with app.app_context():
        consumers, _ = start_embedded_workers(app)
    try:
        with app.app_context():
            jobs.send(JobKind.TRANSCRIBE, "a-recording")
            jobs.send(JobKind.SCRUB_INDEX)
        assert done.wait(GIVE_UP_S)
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)
    assert seen[JobKind.TRANSCRIBE] == app.config["MEDIA_WORKER_NICE"] > before
    assert seen[JobKind.SCRUB_INDEX] == before
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


def test_a_media_job_run_in_the_request_leaves_its_thread_as_it_was(app):
    seen = []

    def transcription(*args) -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    bound = app.extensions["jobs"]
    app.extensions["jobs"] = replace(bound, handlers={**bound.handlers, JobKind.TRANSCRIBE: transcription})
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    for queue in jobs.QUEUES.values():
        queue.immediate = True  # as JOBS_IMMEDIATE makes them: the job runs in this thread
    try:
        with app.app_context():
            jobs.send(JobKind.TRANSCRIBE, "a-recording")
    finally:
        for queue in jobs.QUEUES.values():
            queue.immediate = False
    assert seen == [before]
