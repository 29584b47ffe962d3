"""An educator reports a problem with a published story; it reaches the reviewers as an item of their
own page (linked from the review queue), with its note encrypted at rest, and goes when the story is
withdrawn.
"""

from __future__ import annotations

import html

from sqlalchemy import select

from archive.extensions import db
from archive.models import StoryReport


def test_a_report_reaches_the_reviewers_and_is_closed(app, sign_in, ingest, publish, withdraw):
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(facilitator)
    reviewer = sign_in("reviewer")
    publish(story_id, reviewer=reviewer)
    educator = sign_in("educator")

    page = educator.get(f"/stories/{story_id}").get_data(as_text=True)
    assert f'action="/stories/{story_id}/report"' in page and "Report a problem with this story" in page

    # Nothing chosen: refused with the error summary, on a page of its own.
    refused = educator.submit(f"/stories/{story_id}/report", {"note": "x"}, page="/library")
    assert refused.status_code == 400 and 'id="error-summary"' in refused.get_data(as_text=True)

    note = "The name Wanjiru Kamau is still in the second paragraph <b>"
    sent = educator.submit(
        f"/stories/{story_id}/report", {"kind": "redaction", "note": note, "at": "12.5"}, page="/library"
    )
    assert sent.status_code == 303 and sent.location.startswith(f"/stories/{story_id}")
    assert "Your report is with the reviewers" in educator.get(sent.location).get_data(as_text=True)
    with app.app_context():
        report = db.session.scalar(select(StoryReport))
        assert b"Wanjiru" not in report.note_encrypted and report.at_seconds == 12.5
        report_id = report.id

    queue = reviewer.get("/review/").get_data(as_text=True)
    assert '<a href="/review/reports/">Reports from educators</a>' in queue and "(1 open)" in queue
    listing = reviewer.get("/review/reports/").get_data(as_text=True)
    assert html.escape(note, quote=False) in listing and "<b>" not in listing.split("<main")[1]
    assert "at 0:12" in listing
    one = reviewer.get(f"/review/reports/{report_id}").get_data(as_text=True)
    assert "The text educators read" in one
    # Educators and facilitators never see the reports.
    assert educator.get("/review/reports/").status_code == 403
    assert facilitator.get(f"/review/reports/{report_id}").status_code == 403

    closed = reviewer.submit(f"/review/reports/{report_id}/close", {}, page="/review/reports/")
    assert closed.status_code == 303
    assert "No report is open" in reviewer.get("/review/reports/").get_data(as_text=True)
    assert reviewer.get(f"/review/reports/{report_id}").status_code == 404
    with app.app_context():
        assert db.session.get(StoryReport, report_id).resolved_at is not None

    # A withdrawn story takes its reports with it, notes and all.
    educator.submit(f"/stories/{story_id}/report", {"kind": "transcript", "note": ""}, page="/library")
    withdraw(code, secret)
    with app.app_context():
        assert db.session.scalars(select(StoryReport)).all() == []


def test_reports_only_on_stories_an_educator_may_read(app, sign_in, ingest):
    _, waiting, _, _ = ingest(sign_in("facilitator"))
    educator = sign_in("educator")
    response = educator.submit(f"/stories/{waiting}/report", {"kind": "other", "note": "?"}, page="/library")
    assert response.status_code == 404
