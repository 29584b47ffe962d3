"""The suite's own helpers: cheap hashing is only for tests that are not about passwords, the
session's recorded story is each test's own copy, and each story builder makes the state it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text

from archive.crypto import hash_secret, verify_secret
from archive.extensions import db
from archive.models import (
    Consent,
    ConsentEvent,
    ConsentMethod,
    MediaFile,
    MediaKind,
    Story,
    StoryStatus,
    Transcript,
)
from archive.search import current_index
from consent.records import WITNESSED_METHODS
from tests.fixtures.auth import CHEAP_HASHER
from tests.fixtures.stories import NOT_NAMES, STORY


@pytest.mark.real_hashing
def test_real_hashing_keeps_the_production_cost():
    stored = hash_secret("a long enough password")
    production = PasswordHasher()  # argon2-cffi's defaults (RFC 9106, low memory) are the archive's
    assert stored.startswith(
        f"$argon2id$v=19$m={production.memory_cost},t={production.time_cost},p={production.parallelism}$"
    )
    assert production.memory_cost >= 65536 and production.time_cost >= 3
    assert verify_secret(stored, "a long enough password") and not verify_secret(stored, "another one")


def test_other_tests_hash_cheaply_and_still_check():
    stored = hash_secret("a long enough password")
    assert stored.startswith(
        f"$argon2id$v=19$m={CHEAP_HASHER.memory_cost},t={CHEAP_HASHER.time_cost},p={CHEAP_HASHER.parallelism}$"
    )
    assert verify_secret(stored, "a long enough password") and not verify_secret(stored, "another one")
    assert not verify_secret(None, "a long enough password")


def test_the_recorded_story_is_this_tests_own_copy(app, recorded, recorded_story_source, auth, withdraw):
    media_root = Path(app.config["MEDIA_ROOT"])
    with app.app_context():
        story = db.session.get(Story, recorded.story_id)
        assert story.status == StoryStatus.PUBLISHED and story.published_timings
        files = db.session.scalars(select(MediaFile).where(MediaFile.story_id == story.id)).all()
        assert MediaKind.PUBLISHED in {f.kind for f in files}
        keys = [f.path for f in files]
        assert all((media_root / key).is_file() for key in keys), "the files came with the rows"
        assert db.session.scalar(select(func.count()).select_from(Transcript)) >= 1
        db.session.remove()
    educator = auth.staff("educator")
    assert educator.get(f"/stories/{recorded.story_id}").status_code == 200
    audio = educator.get(f"/stories/{recorded.story_id}/audio")
    assert audio.status_code == 200 and audio.get_data()
    audio.close()
    assert recorded.facilitator.get(f"/ingest/stories/{recorded.story_id}").status_code == 200
    assert auth.storyteller(recorded).get("/consent/mine").status_code == 200

    withdraw(recorded.code, recorded.secret)
    assert educator.get(f"/stories/{recorded.story_id}").status_code == 404
    assert not any((media_root / key).exists() for key in keys), "withdrawal erased this test's copy"
    # The session's source is untouched: the next test's copy is published again.
    engine = create_engine(f"sqlite:///{recorded_story_source.database}")
    with engine.connect() as conn:
        status = conn.execute(
            text("SELECT status FROM stories WHERE id = :id"), {"id": recorded.story_id}
        ).scalar_one()
    engine.dispose()
    assert status == "published"
    assert all((recorded_story_source.media / key).is_file() for key in keys), "the source keeps its files"


# -- the story builders (tests/fixtures/stories.py) make the states they name ------------------------
def story_state(app, made) -> dict:
    """What a builder left: the story's and consent's states, its spans, and whether it is indexed."""
    with app.app_context():
        story = db.session.get(Story, made.story_id)
        consent = db.session.get(Consent, made.consent_id)
        state = {
            "status": story.status,
            "consent": consent.status,
            "method": consent.method,
            "witness": consent.witness_encrypted is not None,
            "purposes": set(consent.purposes),
            "modalities": set(consent.modalities),
            "language": story.language,
            "published_text": story.published_text,
            "spans": {(story.body[s.start : s.end], s.decision) for s in story.spans}
            if story.body
            else set(),
            "identifiers": len(story.identifiers),
            "events": list(
                db.session.scalars(
                    select(ConsentEvent.event)
                    .where(ConsentEvent.consent_id == consent.id)
                    .order_by(ConsentEvent.id)
                )
            ),
            "consent_recordings": db.session.scalar(
                select(func.count())
                .select_from(MediaFile)
                .where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.CONSENT_LISTENING)
            ),
            "indexed": current_index().contains(story.id),
        }
        db.session.remove()
    return state


def test_a_pending_story_waits_for_review_with_its_detected_spans(app, stories):
    made = stories.pending(f"{STORY} Ask Zawadi Otieno at Lumumba.", known={"speaker": "Zawadi Otieno"})
    state = story_state(app, made)
    assert (state["status"], state["consent"], state["indexed"]) == ("needs_review", "active", False)
    # A known identifier is taken out at once; what the model proposes waits for the reviewer.
    assert state["identifiers"] == 1 and ("Zawadi Otieno", "accepted") in state["spans"]
    assert ("Lumumba", "pending") in state["spans"]
    assert state["events"] == ["granted"] and state["published_text"] is None
    # The card opens the storyteller's pages.
    assert stories.auth.storyteller(made).get("/consent/mine").status_code == 200


def test_a_published_story_went_through_review_and_the_rule(app, stories):
    state = story_state(app, stories.published(known={"speaker": "Zawadi Otieno"}))
    assert (state["status"], state["indexed"]) == ("published", True)
    assert state["published_text"] == STORY, "the reviewer rejected what is not a name"
    assert state["spans"] == {(words, "rejected") for words in NOT_NAMES}
    # Accepted spans are redacted: the publication ran through the review service.
    named = stories.published(f"{STORY} Zawadi Otieno told me.", known={"speaker": "Zawadi Otieno"})
    assert "Zawadi" not in story_state(app, named)["published_text"]
    # In a language: a text in it (detection reads the text in the story's language).
    swahili = story_state(app, stories.published("Nilisubiri kliniki siku nzima.", language="sw"))
    assert (swahili["status"], swahili["indexed"], swahili["language"]) == ("published", True, "sw")
    # Research only: published, but the rule keeps it out of the index.
    assert not story_state(app, stories.published(purposes=("research",)))["indexed"]


@pytest.mark.parametrize("method", list(ConsentMethod))
def test_each_kind_of_consent_is_made_as_the_form_would(app, stories, method):
    state = story_state(app, stories.published(method=method))
    assert state["method"] == method and state["status"] == "published"
    assert state["witness"] == (method in WITNESSED_METHODS)
    assert state["consent_recordings"] == (1 if method == ConsentMethod.VERBAL_RECORDED else 0)


def test_narrowed_and_withdrawn_stories_left_the_library(app, stories):
    narrowed = story_state(app, stories.narrowed(keep_purposes=("research",)))
    assert narrowed["purposes"] == {"research"} and narrowed["consent"] == "active"
    assert narrowed["status"] == "published" and not narrowed["indexed"]
    withdrawn = story_state(app, stories.withdrawn())
    assert (withdrawn["status"], withdrawn["consent"], withdrawn["indexed"]) == (
        "withdrawn",
        "withdrawn",
        False,
    )
    assert withdrawn["published_text"] is None and withdrawn["events"][-1] == "withdrawn"


def test_a_shelved_story_is_rows_only_yet_indexed_by_the_rule_and_its_card_opens(app, stories):
    made = stories.shelved("A shelved story.", topics=("stigma", "ferry"))
    state = story_state(app, made)
    assert (state["status"], state["indexed"], state["events"]) == ("published", True, [])
    assert stories.auth.storyteller(made).get("/consent/mine").status_code == 200
    assert not story_state(app, stories.shelved("Research only.", purposes=("research",)))["indexed"]
