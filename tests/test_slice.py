"""The whole typed-story slice, walked through the test client by all four kinds of user."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Text, cast, func, or_, select, text

from archive.extensions import db
from archive.models import Consent, ConsentEvent, KnownIdentifier, RedactionSpan, Story


def test_ingest_review_publish_search_withdraw(app, client, login_as, ingest, publish):
    # Facilitator brings the story in with consent, and gets a consent card.
    facilitator, story_id, code, secret = ingest()
    assert len(story_id) >= 16 and not story_id.isdigit()

    # Educator cannot see it before review.
    educator = login_as("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert f"/stories/{story_id}" not in educator.get("/library?q=sputum").get_data(as_text=True)

    # Reviewer marks a word the facilitator did not list, and publishes.
    publish(story_id, words_to_redact=(("Wanjiru", "NAME"),))

    # Educator finds it by phrase and by tag; no known identifier is visible anywhere.
    hits = educator.get('/library?q="nobody explained"').get_data(as_text=True)
    assert f"/stories/{story_id}" in hits
    by_tag = educator.get("/library?tag=stigma").get_data(as_text=True)
    assert f"/stories/{story_id}" in by_tag
    page = educator.get(f"/stories/{story_id}").get_data(as_text=True)
    api = educator.get(f"/api/v1/stories/{story_id}").get_json()
    for body in (hits, by_tag, page, str(api)):
        for identifier in ("Wanjiru", "Achieng", "Otieno", "Gachika", "Gitaru"):
            assert identifier not in body
    assert "[NAME]" in page and "[PLACE]" in page
    assert "the waiting room was full" in page

    # Patient withdraws with code and secret (with a confirmation step).
    r = client.submit("/consent/", {"code": code, "secret": secret})
    assert r.status_code == 302
    assert "sputum test" in client.get("/consent/mine").get_data(as_text=True)
    confirm = client.get("/consent/withdraw")
    assert confirm.status_code == 200 and "cannot be undone" in confirm.get_data(as_text=True)
    r = client.submit("/consent/withdraw", {}, page="/consent/withdraw")
    assert r.status_code == 302
    assert "taken back" in client.get("/consent/mine").get_data(as_text=True)

    # Gone for the educator: search, story page, API.
    assert f"/stories/{story_id}" not in educator.get('/library?q="nobody explained"').get_data(as_text=True)
    assert f"/stories/{story_id}" not in educator.get("/library?tag=stigma").get_data(as_text=True)
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert educator.get(f"/api/v1/stories/{story_id}").status_code == 404
    assert educator.get("/api/v1/search?q=sputum").get_json()["total"] == 0

    with app.app_context():
        index = app.extensions["search_index"]
        assert not index.contains(story_id)
        assert index.query('"sputum test"').total == 0
        story = db.session.get(Story, story_id)
        assert story.status == "withdrawn"
        assert story.body is None and story.published_text is None and story.title == ""
        assert db.session.scalar(select(func.count()).select_from(KnownIdentifier)) == 0
        assert db.session.scalar(select(func.count()).select_from(RedactionSpan)) == 0
        consent = db.session.get(Consent, story.consent_id)
        assert consent.status == "withdrawn" and consent.witness_encrypted is None
        events = [e.event for e in db.session.scalars(select(ConsentEvent).order_by(ConsentEvent.id))]
        assert events == ["granted", "viewed", "withdrawn"]
        # No text of the story anywhere in the database: every text column of every row.
        for table in db.metadata.sorted_tables:
            # Every text column, PostgreSQL's tsvector (the search table's lexemes) read as text.
            cols = [cast(c, Text) for c in table.columns if c.type.python_type is str]
            if not cols:
                continue
            found = db.session.execute(
                select(func.count()).select_from(table).where(or_(*[c.like("%sputum%") for c in cols]))
            ).scalar()
            assert found == 0, f"story text left in {table.name}"
        if db.engine.url.get_backend_name() == "sqlite":
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            raw = Path(db.engine.url.database).read_bytes()
            assert b"sputum" not in raw and b"Otieno" not in raw
