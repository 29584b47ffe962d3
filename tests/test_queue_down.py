"""A queue that is down when a recording is saved loses nothing: the story, its consent card and its
files stand, the job row waits as queued, and a worker's start sends it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import jobs
from archive.extensions import db
from archive.models import Job, JobState, MediaFile, Story, StoryStatus
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import files_under, send_recording
from tests.fixtures.stories import read_card


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_IMMEDIATE": False}  # the embedded queue: Huey on SQLite in instance/jobs.db


@pytest.fixture
def locked_queue(app):
    """Hold the queue database's write lock, as a long write by another process would."""
    jobs.configure_queue(app)
    jobs.huey.storage.conn  # noqa: B018 - let Huey create its tables before the lock is taken
    holder = sqlite3.connect(Path(app.instance_path) / "jobs.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield
    holder.execute("ROLLBACK")
    holder.close()


def test_a_recording_saved_while_the_queue_is_down_keeps_its_files(app, sign_in, locked_queue):
    facilitator = sign_in("facilitator")
    response = send_recording(facilitator, fixture("fever.wav"), language="sw")

    html = response.get_data(as_text=True)
    assert response.status_code == 201, html
    assert all(read_card(html))  # the storyteller's card was shown: its secret is not shown again
    with app.app_context():
        story = db.session.scalar(select(Story))
        job = db.session.scalar(select(Job))
        media = [m.path for m in db.session.scalars(select(MediaFile))]
        assert story.status == StoryStatus.PROCESSING and job.state == JobState.QUEUED
    assert media and files_under(Path(app.config["MEDIA_ROOT"])) == sorted(media)

    with app.app_context():
        with pytest.raises(sqlite3.OperationalError):  # still locked: nothing sent, nothing lost
            jobs.recover()
        assert db.session.get(Job, job.id).state == JobState.QUEUED
