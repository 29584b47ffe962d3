"""Withdrawal under concurrency: two withdrawals at once do it once; a withdrawal while the published
recording is being made leaves no recording behind; a consent that expires while a reviewer publishes
stops the publication.

(A withdrawal during transcription is in test_audio_jobs.py; a review begun before a withdrawal in
test_review_against_withdrawal.py.)
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.errors import Conflict
from archive.extensions import db
from archive.models import Consent, ConsentEvent, Job, JobState, MediaFile, MediaKind, Story, User, utcnow
from consent.expiry import expire_consents
from consent.withdrawal import withdraw
from ingest import review
from ingest.published_audio import WITHDRAWN
from tests.fixtures.recordings import decide_every_span, files_under, run_queued_jobs
from tests.test_audio_jobs import Worker, wait_until


def consent_id_of(app, story_id: str) -> str:
    with app.app_context():
        consent_id = db.session.scalar(select(Story.consent_id).where(Story.id == story_id))
        db.session.remove()
    return consent_id


def test_two_withdrawals_at_once_withdraw_once(app, ingest, publish):
    _, story_id, _, _ = ingest()
    publish(story_id)
    consent_id = consent_id_of(app, story_id)
    start = threading.Barrier(2)
    results, errors = [], []

    def take_back(channel: str) -> None:
        try:
            with app.app_context():
                consent = db.session.get(Consent, consent_id)
                start.wait()
                results.append(withdraw(consent, channel=channel))
                db.session.remove()
        except BaseException as err:  # handed to the test
            errors.append(err)

    threads = [threading.Thread(target=take_back, args=(c,)) for c in ("patient_web", "staff_web")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(results) == [False, True]
    with app.app_context():
        events = db.session.scalars(select(ConsentEvent.event).where(ConsentEvent.consent_id == consent_id))
        assert list(events).count("withdrawn") == 1
        assert db.session.get(Story, story_id).status == "withdrawn"
        db.session.remove()


@pytest.fixture
def queued_app_config() -> dict:
    return {"JOBS_IMMEDIATE": False, "JOB_RETRY_DELAY_SECONDS": 0}


class TestWhileTheRecordingIsMade:
    @pytest.fixture
    def app_config(self, queued_app_config):
        return queued_app_config

    def test_a_withdrawal_while_the_published_recording_is_made_leaves_none(
        self, app, upload, long_recording, sign_in
    ):
        _, story_id, _, _ = upload(long_recording, speaker="", modalities=["text", "audio"])
        with app.app_context():
            run_queued_jobs()  # transcription
            db.session.remove()
        reviewer = sign_in("reviewer")
        decide_every_span(reviewer, story_id)
        response = reviewer.submit(f"/review/{story_id}/publish", {}, page=f"/review/{story_id}")
        assert response.status_code == 302

        def publish_job():
            with app.app_context():
                stmt = select(Job).where(Job.story_id == story_id, Job.kind == "publish_audio")
                job = db.session.scalar(stmt)
                db.session.expunge_all()
                db.session.remove()
                return job

        worker = Worker(app)
        worker.start()
        wait_until(lambda: publish_job().progress > 0.1, "the published recording to be under way")
        with app.app_context():
            consent = db.session.get(Consent, consent_id_of(app, story_id))
            assert withdraw(consent, channel="staff_web")
            db.session.remove()
        worker.finish()

        job = publish_job()
        assert (job.state, job.error) == (JobState.CANCELLED, WITHDRAWN)
        with app.app_context():
            kinds = db.session.scalars(select(MediaFile.kind).where(MediaFile.story_id == story_id)).all()
            assert MediaKind.PUBLISHED not in kinds and kinds == []
            db.session.remove()
        assert files_under(Path(app.config["MEDIA_ROOT"])) == []
        assert sign_in("educator").get(f"/stories/{story_id}/audio").status_code == 404


def test_a_consent_that_expires_while_a_reviewer_publishes_stops_the_publication(app, ingest):
    _, story_id, _, _ = ingest(speaker="")
    with app.app_context():
        reviewer_id = db.session.scalar(select(User.id).where(User.role == "reviewer")) or 0
        story = db.session.get(Story, story_id)
        assert story.consent.status == "active"  # loaded, as the reviewer's request has it

        def expire_elsewhere():
            with app.app_context():
                db.session.get(Consent, story.consent_id).expires_at = utcnow() - timedelta(minutes=1)
                db.session.commit()
                assert expire_consents().expired
                db.session.remove()

        thread = threading.Thread(target=expire_elsewhere)
        thread.start()
        thread.join(60)

        with pytest.raises(Conflict):
            review.publish(story, reviewer_id)
        db.session.remove()
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status != "published" and story.published_text is None
        assert not app.extensions["search_index"].contains(story_id)
        db.session.remove()
