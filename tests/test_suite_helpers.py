"""The suite's own helpers: cheap hashing is only for tests that are not about passwords, and the
session's recorded story is each test's own copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text

from archive.crypto import hash_secret, verify_secret
from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story, StoryStatus, Transcript
from tests.fixtures.auth import CHEAP_HASHER


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
