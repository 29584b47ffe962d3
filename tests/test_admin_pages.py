"""The admin's failed jobs (with a retry that runs the job again for real) and the consent audit trail
as a page with filters (and the same filters on its CSV)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from archive.extensions import db
from archive.jobs import JobKind
from archive.models import Job, JobState, MediaFile, MediaKind, Story, utcnow


def test_a_failed_job_is_listed_with_why_and_retried(app, recorded, sign_in):
    with app.app_context():
        job = db.session.scalar(
            select(Job).where(Job.story_id == recorded.story_id, Job.kind == JobKind.PUBLISH_AUDIO)
        )
        job.state, job.error, job.finished_at = JobState.FAILED, "ffmpeg stopped <early>", utcnow()
        for media in db.session.scalars(
            select(MediaFile).where(
                MediaFile.story_id == recorded.story_id, MediaFile.kind == MediaKind.PUBLISHED
            )
        ):
            db.session.delete(media)
        db.session.commit()
        job_id = job.id
    admin = sign_in("admin")
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "Recording for educators" in page and "ffmpeg stopped &lt;early&gt;" in page
    assert f'action="/admin/jobs/{job_id}/retry"' in page

    response = admin.submit(f"/admin/jobs/{job_id}/retry", {}, page="/admin/jobs")
    assert response.status_code == 303
    assert "queued again" in admin.get("/admin/jobs").get_data(as_text=True)
    with app.app_context():
        newest = db.session.scalars(
            select(Job)
            .where(Job.story_id == recorded.story_id, Job.kind == JobKind.PUBLISH_AUDIO)
            .order_by(Job.created_at.desc())
        ).first()
        assert newest.id != job_id and newest.state == JobState.SUCCEEDED  # jobs run in the request
        assert db.session.scalar(
            select(MediaFile).where(
                MediaFile.story_id == recorded.story_id, MediaFile.kind == MediaKind.PUBLISHED
            )
        )
    # Retried: no longer listed, and a second retry of the old row is refused.
    assert job_id not in admin.get("/admin/jobs").get_data(as_text=True)
    assert admin.submit(f"/admin/jobs/{job_id}/retry", {}, page="/admin/jobs").status_code == 409


def test_the_audit_trail_page_filters_events(app, sign_in, ingest, withdraw):
    facilitator = sign_in("facilitator")
    _, kept, _, _ = ingest(facilitator)
    _, gone, code, secret = ingest(facilitator, title="Taken back")
    withdraw(code, secret)
    with app.app_context():
        kept_consent = db.session.get(Story, kept).consent_id
        gone_consent = db.session.get(Story, gone).consent_id
    admin = sign_in("admin")

    every = admin.get("/admin/consent-events").get_data(as_text=True)
    assert kept_consent in every and gone_consent in every
    withdrawn = admin.get("/admin/consent-events?event=withdrawn").get_data(as_text=True)
    assert gone_consent in withdrawn and kept_consent not in withdrawn
    assert "1 event." in withdrawn
    by_patient = admin.get("/admin/consent-events?channel=patient_web").get_data(as_text=True)
    assert gone_consent in by_patient and kept_consent not in by_patient and "storyteller" in by_patient
    one = admin.get(f"/admin/consent-events?consent={kept_consent}").get_data(as_text=True)
    assert kept_consent in one and gone_consent not in one
    tomorrow = (utcnow() + timedelta(days=1)).date().isoformat()
    assert "No event matches." in admin.get(f"/admin/consent-events?since={tomorrow}").get_data(as_text=True)
    # Unreadable filters are left out, not a 500.
    assert admin.get("/admin/consent-events?event=<x>&since=yesterday&page=z").status_code == 200

    rows = list(
        csv.DictReader(
            io.StringIO(admin.get("/admin/consent-events.csv?event=withdrawn").get_data(as_text=True))
        )
    )
    assert [(r["consent_id"], r["event"]) for r in rows] == [(gone_consent, "withdrawn")]
