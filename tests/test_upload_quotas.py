"""Per-account daily upload quotas: past the stories or the bytes of the last 24 hours, the new-story form
answers 429 with a message saying which limit and when, saves nothing, and leaves other accounts alone.

Issue 15, item 9: one facilitator made 120 stories (87 MB) in 35 minutes with nothing to stop them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from archive.extensions import db
from archive.models import MediaFile, Story, utcnow
from tests.fixtures.audio import fixture as audio_fixture
from tests.fixtures.recordings import send_recording
from tests.fixtures.stories import story_form


def _stories(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count(Story.id)))
        db.session.remove()
    return count


def _send_typed(client):
    return client.submit("/ingest/new", story_form(), page="/ingest/new")


@pytest.mark.parametrize("app_config", [{"UPLOAD_STORIES_PER_DAY": 2, "UPLOAD_BYTES_PER_DAY": 0}])
def test_the_story_past_the_daily_count_is_refused_with_429_and_a_message(app, sign_in):
    facilitator = sign_in("facilitator")
    assert _send_typed(facilitator).status_code == 201
    assert _send_typed(facilitator).status_code == 201

    refused = _send_typed(facilitator)

    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "2 stories in the last 24 hours" in page and "daily limit" in page
    assert "can be added after" in page
    assert _stories(app) == 2
    # Someone else's account has its own count.
    assert _send_typed(sign_in("facilitator")).status_code == 201


@pytest.mark.parametrize("app_config", [{"UPLOAD_STORIES_PER_DAY": 1, "UPLOAD_BYTES_PER_DAY": 0}])
def test_stories_older_than_a_day_no_longer_count(app, sign_in):
    facilitator = sign_in("facilitator")
    assert _send_typed(facilitator).status_code == 201
    assert _send_typed(facilitator).status_code == 429
    with app.app_context():
        db.session.execute(update(Story).values(created_at=utcnow() - timedelta(hours=24, minutes=1)))
        db.session.commit()

    assert _send_typed(facilitator).status_code == 201


def test_the_api_shape_of_the_refusal_is_json(app, sign_in):
    app.config["UPLOAD_STORIES_PER_DAY"] = 1
    facilitator = sign_in("facilitator")
    assert _send_typed(facilitator).status_code == 201

    refused = facilitator.submit(
        "/ingest/new", story_form(), page="/ingest/new", headers={"Accept": "application/json"}
    )

    assert refused.status_code == 429
    assert refused.get_json()["error"]["status"] == 429


@pytest.mark.parametrize("app_config", [{"JOBS_IMMEDIATE": False}])  # no transcription: bytes as sent
def test_recordings_past_the_daily_bytes_are_refused_before_they_are_read(app, sign_in):
    recording = audio_fixture("fever.wav")
    size = recording.stat().st_size
    # Room for the first recording and its form, not for a second one.
    app.config.update(UPLOAD_STORIES_PER_DAY=0, UPLOAD_BYTES_PER_DAY=size + size // 2)
    facilitator = sign_in("facilitator")
    assert send_recording(facilitator, recording).status_code == 201
    with app.app_context():
        kept = db.session.scalar(select(func.sum(MediaFile.size_bytes)))
        db.session.remove()
    assert kept == size

    refused = send_recording(facilitator, recording)

    assert refused.status_code == 429
    assert "daily limit" in refused.get_data(as_text=True)
    assert _stories(app) == 1
    media = app.config["MEDIA_ROOT"]
    with app.app_context():
        assert len(list(app.extensions["media_store"].keys("originals"))) == 1, media
        db.session.remove()


def test_quotas_switched_off_refuse_nothing(app, sign_in):
    app.config.update(UPLOAD_STORIES_PER_DAY=0, UPLOAD_BYTES_PER_DAY=0)
    facilitator = sign_in("facilitator")
    for _ in range(3):
        assert _send_typed(facilitator).status_code == 201
