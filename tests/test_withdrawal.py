"""Withdrawal: once a storyteller takes a story back, nothing of its content remains anywhere.

Not in any text column of the database (or its file), not in the search index (or its files), not in
the facilitator's list; only the audit trail of who, when and how.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Text, cast, func, or_, select, text

from archive.extensions import db
from archive.models import Consent, ConsentEvent, Story, Tag
from consent.withdrawal import withdraw as withdraw_consent

# Words of the story to be withdrawn that appear in no other story, field by field.
TITLE = "The zebrafish cough"
# Facilitators do type identifying words into free tags: a known identifier is refused there, but a
# name nobody listed (a neighbour's, say) gets through and must go with the story.
FREE_TAG = "Mama Nyokabi choir"
CONTENT = (
    "zebrafish", "sputum", "tomatoes", "Wanjiru", "Achieng", "Otieno", "Gachika", "Gitaru", "choir", "Nyokabi"
)  # fmt: skip

OTHER_TEXT = "A long queue at the district hospital, and tuberculosis medicine that made me tired."


def text_left_in_database(words) -> list[str]:
    """Return 'table: word' for every text column of every table holding any of ``words``."""
    found = []
    for table in db.metadata.sorted_tables:
        # Every column read as text, PostgreSQL's tsvector (the search table's lexemes) included.
        columns = [cast(c, Text) for c in table.columns if c.type.python_type is str]
        for word in words if columns else ():
            stmt = select(func.count()).select_from(table)
            stmt = stmt.where(or_(*[func.lower(c).contains(word.lower()) for c in columns]))
            if db.session.scalar(stmt):
                found.append(f"{table.name}: {word}")
    return found


@pytest.fixture
def two_stories(app, ingest, publish, login_as):
    """Two published stories by one facilitator sharing the free tag 'tuberculosis'; the first has
    identifying words in a free tag of its own."""
    facilitator = login_as("facilitator")
    reviewer = login_as("reviewer")
    _, gone, code, secret = ingest(facilitator, title=TITLE, free_tags=f"tuberculosis, {FREE_TAG}")
    _, kept, _, _ = ingest(
        facilitator,
        title="The long queue",
        text=OTHER_TEXT,
        free_tags="tuberculosis",
        speaker="",
        relatives="",
        village="",
        clinic="",
    )
    for story_id in (gone, kept):
        publish(story_id, reviewer=reviewer)
    with app.app_context():
        assert text_left_in_database(["zebrafish", "sputum", "choir"]), "the test data did not arrive"
    return facilitator, gone, kept, code, secret


def assert_gone_from_the_database(gone: str, kept: str) -> None:
    assert text_left_in_database(CONTENT) == []
    story = db.session.get(Story, gone)
    assert story.status == "withdrawn" and story.withdrawn_at is not None
    assert (story.title, story.body, story.published_text) == ("", None, None)
    assert story.tags == [] and story.spans == [] and story.identifiers == []
    consent = db.session.get(Consent, story.consent_id)
    assert consent.status == "withdrawn" and consent.witness_encrypted is None
    # The other story and the free tag it shares are untouched.
    other = db.session.get(Story, kept)
    assert other.status == "published" and OTHER_TEXT in other.published_text
    assert [t.slug for t in other.topics] == ["diagnosis", "stigma", "tuberculosis"]
    assert db.session.scalar(select(func.count()).select_from(Tag).where(Tag.slug == "tuberculosis")) == 1
    # The audit trail keeps who, when and how.
    events = db.session.scalars(select(ConsentEvent).where(ConsentEvent.consent_id == consent.id)).all()
    assert [(e.event, e.channel) for e in events][-1] == ("withdrawn", "patient_web")
    if db.engine.url.get_backend_name() == "sqlite":
        db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        raw = Path(db.engine.url.database).read_bytes()
        for word in CONTENT:
            assert word.encode() not in raw, f"{word} left in the database file"


def assert_gone_from_the_index(index, gone: str, kept: str) -> None:
    assert not index.contains(gone) and index.contains(kept)
    assert index.doc_count() == 1
    for query in ("zebrafish", '"sputum test"', "tomatoes"):
        assert index.query(query).total == 0, query
    assert index.query("", tags=["mama-nyokabi-choir"]).total == 0


def test_after_withdrawal_nothing_of_the_story_remains(app, two_stories, login_as, withdraw):
    facilitator, gone, kept, code, secret = two_stories
    educator = login_as("educator")
    assert f"/stories/{gone}" in educator.get("/library?q=zebrafish").get_data(as_text=True)

    patient = withdraw(code, secret)
    assert "taken back" in patient.get("/consent/mine").get_data(as_text=True)

    with app.app_context():
        assert_gone_from_the_database(gone, kept)
        assert_gone_from_the_index(app.extensions["search_index"], gone, kept)
    # Educators: no page, no API entry, and the facets count only the story that is left.
    assert educator.get(f"/stories/{gone}").status_code == 404
    assert educator.get(f"/api/v1/stories/{gone}").status_code == 404
    facets = educator.get("/api/v1/search").get_json()["facets"]
    assert [(f["value"], f["count"]) for f in facets["tags"]] == [
        ("diagnosis", 1),
        ("stigma", 1),
        ("tuberculosis", 1),
    ]
    # The facilitator sees that it was withdrawn, and nothing more.
    listing = facilitator.get("/ingest/stories").get_data(as_text=True)
    assert "Withdrawn by the storyteller" in listing
    assert TITLE not in listing and "zebrafish" not in listing.lower()
    assert f"/ingest/stories/{gone}" not in listing and f"/ingest/stories/{kept}" in listing
    assert facilitator.get(f"/ingest/stories/{gone}").status_code == 404
    assert facilitator.get(f"/ingest/stories/{kept}").status_code == 200


def index_bytes(app) -> bytes:
    return b"".join(p.read_bytes() for p in Path(app.config["INDEX_DIR"]).iterdir() if p.is_file()).lower()


def test_index_files_no_longer_hold_the_words_of_a_withdrawn_story(app, stories):
    # Shelved straight to rows: the words reach the index as they are written (no reviewer's redaction).
    gone = stories.shelved("A zebrafish story about sputum.", title="t")
    stories.shelved("A long queue at the hospital.", title="t")
    assert b"zebrafish" in index_bytes(app) and b"sputum" in index_bytes(app)
    assert stories.withdraw(gone.story_id, channel="staff_web")
    for word in (b"zebrafish", b"sputum"):
        assert word not in index_bytes(app), word


def test_story_withdrawn_before_review_is_gone_from_the_review_queue(app, ingest, login_as, withdraw):
    _, story_id, code, secret = ingest(title=TITLE)
    reviewer = login_as("reviewer")
    assert TITLE in reviewer.get("/review/").get_data(as_text=True)
    patient = withdraw(code, secret)
    assert "taken back" in patient.get("/consent/mine").get_data(as_text=True)
    assert TITLE not in reviewer.get("/review/").get_data(as_text=True)
    assert reviewer.get(f"/review/{story_id}").status_code == 404
    response = reviewer.submit(f"/review/{story_id}/publish", {}, page="/review/")
    assert response.status_code == 404
    with app.app_context():
        assert text_left_in_database(CONTENT) == []
        assert not app.extensions["search_index"].contains(story_id)


def test_withdrawing_twice_changes_nothing_the_second_time(app, ingest):
    _, story_id, code, secret = ingest()
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        assert withdraw_consent(consent, channel="staff_web") is True
        withdrawn_at = db.session.get(Consent, consent.id).withdrawn_at
        assert withdraw_consent(db.session.get(Consent, consent.id), channel="patient_web") is False
        assert db.session.get(Consent, consent.id).withdrawn_at == withdrawn_at
        events = db.session.scalars(select(ConsentEvent.event).where(ConsentEvent.consent_id == consent.id))
        assert list(events).count("withdrawn") == 1
