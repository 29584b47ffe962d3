"""`kill -9` of a worker in the middle of a transcription, and a new worker started at once: the job
is taken back and completes once, with one transcript, one listening copy and no leftovers.

Real processes on a real embedded setup: an instance folder with its own config, SQLite database and
Huey SQLite queue, and `story-archive worker` (the same entry point) run as child processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive import PROJECT_ROOT, create_app, jobs
from archive.auth import NewUser, create_user
from archive.database import init_database
from archive.extensions import db
from archive.models import Job, JobState, MediaFile, MediaKind, Story, StoryStatus, Transcript
from consent.records import ConsentTerms
from ingest import audio_jobs
from ingest.recordings import stage_recording
from ingest.stories import TypedStorySubmission, ingest_typed_story
from tests.fixtures.recordings import files_under

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

WAIT_SECONDS = 300  # a bound against hangs, never a speed expectation
# Short, so the test does not wait two minutes for the killed worker's heartbeat to go stale; long
# enough that a live worker busy loading its model is not mistaken for a dead one.
STALE_SECONDS = 15


@pytest.fixture
def instance(tmp_path):
    """An embedded installation in a temp folder; yields (app, instance folder, media folder)."""
    folder, media = tmp_path / "instance", tmp_path / "media"
    folder.mkdir()
    (folder / "config.py").write_text(
        f"SECRET_KEY = 'worker-restart-test'\n"
        f"MEDIA_ROOT = {str(media)!r}\n"
        f"DATABASE_URL = None\n"  # the embedded SQLite file, whatever the suite runs on
        f"JOBS_IMMEDIATE = False\n"
        f"JOB_STALE_SECONDS = {STALE_SECONDS}\n"
    )
    # The same settings as the workers, whose environment has no ARCHIVE_* variables.
    app = create_app({"INSTANCE_PATH": str(folder), "TESTING": True, "DATABASE_URL": None})
    with app.app_context():
        init_database()
    yield app, folder, media
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    app.extensions["search_index"].close()


def start_worker(folder: Path, log: Path) -> subprocess.Popen:
    """Start `story-archive worker` on the instance, in its own process group (the consumer forks)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
    env["ARCHIVE_INSTANCE_PATH"] = str(folder)
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-c", "from archive.shell.cli import main; main()", "worker"],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def wait_for(app, condition, what: str, worker: subprocess.Popen, log: Path):
    """Poll the database until ``condition()`` is true; fail on a timeout or if the worker exits."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with app.app_context():
            value = condition()
            db.session.remove()
        if value:
            return value
        assert worker.poll() is None, f"the worker exited:\n{log.read_text()}"
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}:\n{log.read_text()}")


def bring_in(path: Path) -> str:
    """Bring in a recorded story through the services the upload form uses; return its id."""
    facilitator = create_user(NewUser(email="facilitator@example.org", role="facilitator", password="x" * 12))
    with path.open("rb") as stream:
        staged = stage_recording(stream)
    submission = TypedStorySubmission(
        submission_key="worker-restart",
        title="A long visit",
        text="",
        language="ko",
        topic_slugs=(),
        free_tags=(),
        warning_slugs=(),
        known=(),
        consent=ConsentTerms(
            purposes=frozenset({"teaching"}),
            modalities=frozenset({"text", "audio"}),
            method="signed",
            witness="",
            form_version="2026-1",
        ),
    )
    return ingest_typed_story(submission, facilitator.id, staged).story.id


def test_a_worker_killed_mid_transcription_is_replaced_and_the_job_completes_once(
    instance, long_recording, tmp_path
):
    app, folder, media = instance
    with app.app_context():
        story_id = bring_in(long_recording)
        job_id = db.session.scalar(select(Job.id).where(Job.story_id == story_id))
    log = tmp_path / "workers.log"
    job = lambda: db.session.get(Job, job_id)  # noqa: E731

    first = start_worker(folder, log)
    try:
        # Well into recognition: the speech is decoded and the listening copy made, in its work folder.
        past_decoding = audio_jobs.DECODE_SHARE + 0.2
        wait_for(
            app,
            lambda: job().state == JobState.RUNNING and job().progress > past_decoding,
            "progress",
            first,
            log,
        )
        assert [p for p in files_under(media / "derived") if p.startswith(".work-")]
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop(first)
    with app.app_context():
        assert (job().state, job().attempts) == (JobState.RUNNING, 1)  # as the dead worker left it

    second = start_worker(folder, log)  # at once, as a supervisor restarts it
    try:
        with app.app_context():
            jobs.enqueue(job())  # and the same job's message once more, for good measure
        wait_for(app, lambda: job().state == JobState.SUCCEEDED, "the job to succeed", second, log)
        # One more duplicate after the end; wait until the worker has seen it and let it go.
        ignored = log.read_text().count("message ignored")
        with app.app_context():
            jobs.enqueue(job())
        wait_for(
            app, lambda: log.read_text().count("message ignored") > ignored, "the duplicate", second, log
        )
    finally:
        stop(second)

    with app.app_context():
        done = job()
        assert (done.state, done.attempts, done.progress, done.error) == (JobState.SUCCEEDED, 2, 1.0, None)
        assert db.session.get(Story, story_id).status == StoryStatus.NEEDS_REVIEW
        assert db.session.scalar(select(func.count()).select_from(Transcript)) == 1
        listening = db.session.scalars(
            select(MediaFile.path).where(MediaFile.kind == MediaKind.LISTENING)
        ).all()
        assert len(listening) == 1
        assert len(db.session.get(Transcript, story_id).words) >= 40
        db.session.remove()
    # Only the listening copy in derived/: the killed attempt's work folder is gone, nothing half-written.
    assert files_under(media / "derived") == [listening[0].removeprefix("derived/")]
    assert "was left running by a stopped worker (attempt 1): queued again" in log.read_text()
