"""Consent expiry: a story whose consent period ended is hidden at once (every way an educator reaches
it, old links included), the facilitator is told, and after the grace period it is withdrawn.

The form refuses an end date in the past, so the tests move a consent's end into the past in the
database, as the passing of time would.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, Story, utcnow
from consent.expiry import expire_consents

UNIQUE = "Plimsoddle"


def end_period(app, story_id: str, ago: timedelta = timedelta(hours=1)) -> str:
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        consent.expires_at = utcnow() - ago
        db.session.commit()
        consent_id = consent.id
        db.session.remove()
    return consent_id


def events_of(app, consent_id: str) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(ConsentEvent.event, ConsentEvent.channel)
            .where(ConsentEvent.consent_id == consent_id)
            .order_by(ConsentEvent.id)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def run_expiry(app, now=None):
    with app.app_context():
        report = expire_consents(now)
        db.session.remove()
    return report


@pytest.fixture
def published(app, ingest, publish):
    facilitator, story_id, code, secret = ingest(title=f"The {UNIQUE} road", speaker="")
    publish(story_id)
    return facilitator, story_id, code, secret


def test_an_ended_consent_hides_the_story_and_is_withdrawn_after_the_grace_period(app, published, sign_in):
    facilitator, story_id, _, _ = published
    educator = sign_in("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 200
    consent_id = end_period(app, story_id)

    # The rule refuses the story the moment its period ends, before the job runs: old links too.
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert educator.get(f"/api/v1/stories/{story_id}").status_code == 404

    report = run_expiry(app)
    assert report.expired == [consent_id] and report.withdrawn == []
    with app.app_context():
        consent = db.session.get(Consent, consent_id)
        assert consent.status == "expired" and consent.expired_at is not None
        assert not app.extensions["search_index"].contains(story_id)
        assert db.session.get(Story, story_id).published_text, "hidden, not yet deleted"
        db.session.remove()
    assert events_of(app, consent_id)[-1] == ("expired", "expiry")
    assert educator.get(f"/api/v1/search?q={UNIQUE}").get_json()["total"] == 0
    assert f"/stories/{story_id}" not in educator.get(f"/library?q={UNIQUE}").get_data(as_text=True)
    for url in (f"/stories/{story_id}", f"/api/v1/stories/{story_id}", f"/stories/{story_id}/audio"):
        assert educator.get(url).status_code == 404, url

    # The facilitator is told, on the list and on the story's page, and when it will be deleted.
    due = (utcnow() + timedelta(days=app.config["CONSENT_EXPIRY_GRACE_DAYS"])).strftime("%Y-%m-%d")
    for page in ("/ingest/stories", f"/ingest/stories/{story_id}"):
        html = facilitator.get(page).get_data(as_text=True)
        assert "The consent period ended on" in html and "hidden from the library" in html, page
        assert f"deleted on {due}" in html, page

    # Idempotent: a second run (another worker, cron) changes nothing.
    assert run_expiry(app).expired == []
    assert [e for e, _ in events_of(app, consent_id)].count("expired") == 1

    # Within the grace period nothing more happens; after it, the story is withdrawn.
    grace = timedelta(days=app.config["CONSENT_EXPIRY_GRACE_DAYS"])
    assert run_expiry(app, utcnow() + grace - timedelta(hours=1)).withdrawn == []
    report = run_expiry(app, utcnow() + grace + timedelta(minutes=1))
    assert report.withdrawn == [consent_id]
    assert events_of(app, consent_id)[-1] == ("withdrawn", "expiry")
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert (story.status, story.title, story.body, story.published_text) == ("withdrawn", "", None, None)
        db.session.remove()
    assert run_expiry(app, utcnow() + grace * 2).withdrawn == []
    assert [e for e, _ in events_of(app, consent_id)].count("withdrawn") == 1
    assert "Withdrawn by the storyteller" in facilitator.get("/ingest/stories").get_data(as_text=True)


def test_a_consent_renewed_during_the_grace_period_is_not_withdrawn(app, published):
    _, story_id, _, _ = published
    consent_id = end_period(app, story_id)
    run_expiry(app)
    with app.app_context():  # the storyteller extends the period (the self-service pages do this)
        consent = db.session.get(Consent, consent_id)
        consent.status, consent.expires_at = "active", utcnow() + timedelta(days=365)
        db.session.commit()
        db.session.remove()
    grace = timedelta(days=app.config["CONSENT_EXPIRY_GRACE_DAYS"])
    assert run_expiry(app, utcnow() + grace + timedelta(days=1)).withdrawn == []
    with app.app_context():
        assert db.session.get(Story, story_id).status == "published"
        db.session.remove()


def test_a_consent_without_an_end_or_ending_later_is_left_alone(app, published):
    _, story_id, _, _ = published
    assert run_expiry(app).expired == []
    with app.app_context():
        db.session.get(Story, story_id).consent.expires_at = utcnow() + timedelta(days=1)
        db.session.commit()
        db.session.remove()
    assert run_expiry(app).expired == []


def test_the_command_does_what_the_periodic_job_does(app, published, runner):
    _, story_id, _, _ = published
    consent_id = end_period(app, story_id)
    result = runner.invoke(args=["expire-consents"])
    assert result.exit_code == 0, result.output
    assert "1 consent(s) expired" in result.output
    assert events_of(app, consent_id)[-1] == ("expired", "expiry")
    result = runner.invoke(args=["expire-consents"])
    assert "0 consent(s) expired" in result.output


def test_the_periodic_task_is_registered_on_the_queue(app):
    from archive.jobs import TASKS, JobKind, binding, huey_of
    from consent.expiry import expire_consents

    upkeep = huey_of(JobKind.EXPIRE_CONSENTS)
    assert TASKS[JobKind.EXPIRE_CONSENTS].task_class in set(upkeep._registry._periodic_tasks)
    with app.app_context():
        assert binding().handlers[JobKind.EXPIRE_CONSENTS] is expire_consents
