"""Transcription as a queued job: progress while it runs, failures that show and retries that work,
a withdrawal in the middle of a job, messages delivered twice, and what recovery cleans up.

Here jobs are not run inside the request: the upload leaves a message in the instance's SQLite queue
and the test takes it from there as a worker does (``run_queued_jobs``), in a thread where the test
must act while the job runs. The real worker process, killed mid-job, is in test_worker_restart.py.
"""

from __future__ import annotations

import html
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive import jobs
from archive.extensions import db
from archive.models import (
    Job,
    JobState,
    MediaFile,
    MediaKind,
    Story,
    StoryStatus,
    Transcript,
)
from ingest import audio_jobs
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import files_under, run_queued_jobs

# Long enough for a test to act while the job runs; see ``Waiter`` for the bound on every wait.
WAIT_SECONDS = 300


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_IMMEDIATE": False, "JOB_RETRY_DELAY_SECONDS": 0, "JOB_MAX_ATTEMPTS": 3}


def job_of(app, story_id: str) -> Job:
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.story_id == story_id))
        db.session.expunge_all()
        return job


def story_of(app, story_id: str) -> Story:
    with app.app_context():
        story = db.session.get(Story, story_id)
        db.session.expunge_all()
        return story


def counts(app, story_id: str) -> dict[str, int]:
    with app.app_context():
        found = {
            "transcripts": db.session.scalar(
                select(func.count()).select_from(Transcript).where(Transcript.story_id == story_id)
            ),
            "listening": db.session.scalar(
                select(func.count())
                .select_from(MediaFile)
                .where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.LISTENING)
            ),
            "media": db.session.scalar(
                select(func.count()).select_from(MediaFile).where(MediaFile.story_id == story_id)
            ),
        }
        db.session.remove()
        return found


def wait_until(condition, what: str):
    """Poll ``condition`` until it returns something true; fail after WAIT_SECONDS (a hang, not speed)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"gave up waiting for {what}")


class Worker(threading.Thread):
    """A worker thread: runs every queued message in the app, keeps what went wrong for the test."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.error = app, None

    def run(self):
        try:
            with self.app.app_context():
                run_queued_jobs()
                db.session.remove()
        except BaseException as err:  # handed to the test, which fails with it
            self.error = err

    def finish(self):
        self.join(WAIT_SECONDS)
        assert not self.is_alive(), "the job did not finish"
        if self.error:
            raise self.error


def test_progress_shows_while_the_job_runs_with_and_without_javascript(app, upload, long_recording):
    facilitator, story_id, _, _ = upload(long_recording)
    page_url, progress_url = f"/ingest/stories/{story_id}", f"/ingest/stories/{story_id}/progress"

    # Queued: the page refreshes itself and the JSON says so.
    page = facilitator.get(page_url)
    assert page.headers["Refresh"] == "5"
    assert '<progress max="100" value="0">' in page.get_data(as_text=True)
    assert facilitator.get(progress_url).get_json() == {
        "status": "processing",
        "job": {"state": "queued", "progress": 0.0, "error": None},
    }

    worker = Worker(app)
    worker.start()
    # Running: progress moves on in the JSON and on the page, which still refreshes itself.
    seen = wait_until(
        lambda: (p := facilitator.get(progress_url).get_json())["job"]["progress"] >= 0.3 and p,
        "progress past 30%",
    )
    assert seen["status"] == "processing" and seen["job"]["state"] == "running"
    page = facilitator.get(page_url)
    assert page.headers["Refresh"] == "5"
    shown = int(page.get_data(as_text=True).split('<progress max="100" value="')[1].split('"')[0])
    assert 30 <= shown <= 100
    worker.finish()

    assert facilitator.get(progress_url).get_json() == {
        "status": "needs_review",
        "job": {"state": "succeeded", "progress": 1.0, "error": None},
    }
    assert "Refresh" not in facilitator.get(page_url).headers


def test_a_failed_transcription_shows_its_error_and_the_retry_button_works(app, upload):
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    with app.app_context():
        original = Path(app.config["MEDIA_ROOT"]) / db.session.scalar(
            select(MediaFile.path).where(MediaFile.story_id == story_id)
        )
    kept = original.read_bytes()
    original.unlink()  # lost from disk between the upload and the job (a failed disk, a bad restore)

    with app.app_context():
        assert run_queued_jobs() == 1

    job = job_of(app, story_id)
    assert (story_of(app, story_id).status, job.state) == (StoryStatus.FAILED, JobState.FAILED)
    assert job.error == "The recording could not be found; please upload it again."
    page = facilitator.get(f"/ingest/stories/{story_id}")
    assert "Refresh" not in page.headers
    text = html.unescape(page.get_data(as_text=True))
    assert "Transcription failed: The recording could not be found; please upload it again." in text
    assert f'<form method="post" action="/ingest/stories/{story_id}/retry">' in text
    assert 'name="csrf_token"' in text.split(f"/ingest/stories/{story_id}/retry")[1].split("</form>")[0]
    assert facilitator.get(f"/ingest/stories/{story_id}/progress").get_json()["status"] == "failed"

    original.write_bytes(kept)  # put back from a backup
    response = facilitator.submit(f"/ingest/stories/{story_id}/retry", {}, page=f"/ingest/stories/{story_id}")
    assert response.status_code == 302 and response.location.endswith(f"/ingest/stories/{story_id}")
    job = job_of(app, story_id)
    assert (story_of(app, story_id).status, job.state, job.attempts) == ("processing", "queued", 0)

    with app.app_context():
        assert run_queued_jobs() == 1
    job = job_of(app, story_id)
    assert (story_of(app, story_id).status, job.state, job.attempts, job.error) == (
        StoryStatus.NEEDS_REVIEW,
        JobState.SUCCEEDED,
        1,
        None,
    )
    assert counts(app, story_id) == {"transcripts": 1, "listening": 1, "media": 2}


def run_one_message(app) -> None:
    """Run the next queued message only, as one worker taking one message does."""
    with app.app_context():
        task = jobs.huey.dequeue()
        assert task is not None, "no message in the queue"
        jobs.huey.execute(task)


def test_a_transient_failure_is_retried_and_then_succeeds(app, upload, tmp_path):
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    app.config["FFMPEG_BINARY"] = str(tmp_path / "ffmpeg-not-installed-yet")

    run_one_message(app)

    job = job_of(app, story_id)
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    assert job.error.startswith("AudioToolError: ffmpeg was not found")
    assert story_of(app, story_id).status == StoryStatus.PROCESSING
    page = html.unescape(facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True))
    assert "The last try did not work (AudioToolError: ffmpeg was not found" in page
    assert "Trying again: attempt 2 of 3." in page

    app.config["FFMPEG_BINARY"] = None  # the administrator installs it
    with app.app_context():
        assert run_queued_jobs() == 1
    job = job_of(app, story_id)
    assert (job.state, job.attempts, job.error) == (JobState.SUCCEEDED, 2, None)
    assert story_of(app, story_id).status == StoryStatus.NEEDS_REVIEW


def test_a_failure_that_lasts_fails_visibly_after_the_last_attempt(app, upload, tmp_path):
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    app.config["FFMPEG_BINARY"] = str(tmp_path / "ffmpeg-not-installed")

    with app.app_context():
        assert run_queued_jobs() == 3  # JOB_MAX_ATTEMPTS

    job = job_of(app, story_id)
    assert (job.state, job.attempts) == (JobState.FAILED, 3)
    assert story_of(app, story_id).status == StoryStatus.FAILED
    page = html.unescape(facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True))
    assert f"Transcription failed: {job.error}" in page and "ffmpeg was not found" in job.error
    assert "Try again</button>" in page
    assert counts(app, story_id) == {"transcripts": 0, "listening": 0, "media": 1}
    assert [p for p in files_under(app.config["MEDIA_ROOT"]) if not p.startswith("originals/")] == []


# -- withdrawal while a job waits or runs -------------------------------------------------------
def test_a_withdrawal_while_the_job_runs_stops_it_and_keeps_nothing(app, stories, upload, long_recording):
    facilitator, story_id, _, _ = upload(long_recording)
    media = Path(app.config["MEDIA_ROOT"])
    worker = Worker(app)
    worker.start()
    # Recognising: the speech is decoded and the listening copy made, in the job's work folder.
    wait_until(lambda: job_of(app, story_id).progress > audio_jobs.DECODE_SHARE + 0.1, "recognition to start")
    work = [p for p in files_under(media) if p.startswith("derived/.work-")]
    assert any(p.endswith("/speech.wav") for p in work) and any("/listening." in p for p in work), work

    assert stories.withdraw(story_id, channel="staff_web")  # as staff do, on the storyteller's word
    worker.finish()

    job = job_of(app, story_id)
    assert job.state == JobState.CANCELLED
    assert job.error == audio_jobs.WITHDRAWN
    assert job.progress < 1.0  # stopped at the next heartbeat, not at the end of the recording
    story = story_of(app, story_id)
    assert (story.status, story.title, story.body) == (StoryStatus.WITHDRAWN, "", None)
    assert counts(app, story_id) == {"transcripts": 0, "listening": 0, "media": 0}
    assert files_under(media) == []

    # Nothing comes back: not when a worker starts and recovers, nor for the facilitator.
    with app.app_context():
        jobs.recover()
        run_queued_jobs()
    assert story_of(app, story_id).status == StoryStatus.WITHDRAWN
    assert job_of(app, story_id).state == JobState.CANCELLED
    assert counts(app, story_id) == {"transcripts": 0, "listening": 0, "media": 0}
    assert files_under(media) == []
    assert facilitator.get(f"/ingest/stories/{story_id}").status_code == 404


def test_a_withdrawal_before_the_job_starts_cancels_it(app, stories, upload):
    _, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    assert stories.withdraw(story_id, channel="staff_web")  # as staff do, on the storyteller's word

    with app.app_context():
        assert run_queued_jobs() == 2  # the transcription, and the index scrub the withdrawal sent

    job = job_of(app, story_id)  # closed by the withdrawal itself: the worker never claimed it
    assert (job.state, job.error, job.attempts) == (JobState.CANCELLED, audio_jobs.WITHDRAWN, 0)
    assert counts(app, story_id) == {"transcripts": 0, "listening": 0, "media": 0}
    assert files_under(app.config["MEDIA_ROOT"]) == []


# -- messages delivered twice ---------------------------------------------------------------------
def test_one_job_delivered_twice_at_once_runs_once(app, upload):
    _, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    job_id = job_of(app, story_id).id
    start = threading.Barrier(2)
    results: list[str] = []

    def deliver():
        with app.app_context():
            start.wait()
            results.append(audio_jobs.run_transcription(job_id))
            db.session.remove()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)

    assert sorted(results) == ["skipped", JobState.SUCCEEDED]
    # The upload's own message, delivered later, finds nothing to do either.
    with app.app_context():
        assert run_queued_jobs() == 1
    job = job_of(app, story_id)
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 1)
    assert counts(app, story_id) == {"transcripts": 1, "listening": 1, "media": 2}
    assert len(files_under(Path(app.config["MEDIA_ROOT"]) / "derived")) == 1


# -- recovery ---------------------------------------------------------------------------------------
def test_recovery_removes_a_dead_attempts_files_and_leaves_a_live_ones(app, upload):
    """Stopped workers leave a work folder (and perhaps an unsaved listening copy) named after their
    attempt; recovery removes those of attempts that no longer hold their job, and nothing else."""
    _, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    derived = Path(app.config["MEDIA_ROOT"]) / "derived"
    with app.app_context():
        job_id = db.session.scalar(select(Job.id).where(Job.story_id == story_id))
        live = jobs.claim(job_id)  # a worker holding the job now, heartbeat fresh
    dead = "0123456789abcdef"
    for token in (live, dead):
        (derived / f".work-{job_id}-{token}").mkdir(parents=True)
        (derived / f".work-{job_id}-{token}" / "speech.wav").write_bytes(b"RIFF")
        (derived / f"{job_id}-{token}.ogg").write_bytes(b"OggS")
    (derived / "notes.txt").write_text("not named like an attempt: never touched")

    with app.app_context():
        jobs.recover()

    assert files_under(derived) == sorted(
        [f".work-{job_id}-{live}/speech.wav", f"{job_id}-{live}.ogg", "notes.txt"]
    )


def test_a_job_whose_worker_died_on_its_last_attempt_fails_visibly(app, upload):
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.story_id == story_id))
        for _ in range(3):  # three workers claimed it and died (say, out of memory on this recording)
            job.state = JobState.QUEUED
            db.session.commit()
            assert jobs.claim(job.id)
        app.config["JOB_STALE_SECONDS"] = 0
        jobs.recover()

    job = job_of(app, story_id)
    assert (job.state, job.attempts) == (JobState.FAILED, 3)
    assert story_of(app, story_id).status == StoryStatus.FAILED
    page = html.unescape(facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True))
    assert "The worker stopped 3 times while working on this recording." in page
    assert "Try again</button>" in page


# -- a worker taken for dead that was not ---------------------------------------------------------
@pytest.mark.parametrize("after", ["queued again and claimed anew", "failed after its last try"])
def test_a_worker_whose_job_was_taken_back_changes_nothing(app, upload, after):
    _, story_id, _, _ = upload(fixture("clinic_visit.ogg"))
    with app.app_context():
        job_id = job_of(app, story_id).id
        stale = jobs.claim(job_id)
        job = db.session.get(Job, job_id)
        job.heartbeat_at = job.heartbeat_at - timedelta(hours=1)  # the worker looks dead
        if after == "failed after its last try":
            job.attempts = app.config["JOB_MAX_ATTEMPTS"]
        db.session.commit()
        assert jobs.take_back(db.session.get(Job, job_id), stale_after=60) is not None
        fresh = jobs.claim(job_id) if after == "queued again and claimed anew" else None
        before = job_of(app, story_id)

        # The stale worker comes back with a failure of its own, then with no model for the story.
        assert audio_jobs._fail(job_id, stale, story_id, "ffmpeg broke") == "skipped"
        assert audio_jobs._wait_for_model(job_id, stale, story_id) == "skipped"

        job = job_of(app, story_id)
        story = db.session.get(Story, story_id)
        db.session.remove()
    assert (job.state, job.claim, job.error) == (before.state, before.claim, before.error)
    if fresh:  # the new attempt runs on, its story still processing
        assert (job.state, job.claim, story.status) == (JobState.RUNNING, fresh, StoryStatus.PROCESSING)
    else:  # failed for good by the take-back, with its own reason
        assert (job.state, story.status) == (JobState.FAILED, StoryStatus.FAILED)
        assert job.error.startswith("The worker stopped 3 times")
