"""Index clean-up after a withdrawal never waits behind a transcription.

Issue 15, item 2: with the one job worker busy on a long recording, a withdrawn story's words stayed in
the index files until the recording was done (106 s there; hours for a three-hour one). Upkeep jobs
now have a queue and a worker of their own. The workers here are the ones ``serve`` starts (threads
in this process, on the instance's SQLite queues), with the media worker held busy by a recording
job that does not end until the test lets it.
"""

from __future__ import annotations

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
