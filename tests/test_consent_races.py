"""Consent changes racing other requests, with real threads and their own connections to the SQLite file.

- a narrowing (audio removed) racing a withdrawal: whichever commits first, the consent ends withdrawn
  once, with every recording gone and nothing in the index;
- a narrowing racing a publication: a story whose consent no longer covers teaching (or the text) is
  never put in the index, whether the narrowing commits before the reviewer's request reads the
  consent again or while it publishes.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.errors import NotAllowed
from archive.extensions import db
from archive.models import (
    Consent,
    ConsentEvent,
    MediaFile,
    MediaKind,
    Story,
    StoryStatus,
    utcnow,
)
from archive.search import current_index
from consent.changes import Uses, narrow
from consent.withdrawal import withdraw
from ingest import review

UNIQUE = "Quoxtrail"
# A story waiting for review with every span decided (``stories.decided``): only publishing is left.
WAITING = f"The {UNIQUE} by the clinic was where I waited."


def run_together(*jobs) -> list[BaseException]:
    """Run each job in its own thread (and app context, so its own session), started at once."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(app, job):
        try:
            with app.app_context():
                start.wait()
                job()
                db.session.remove()
        except BaseException as err:  # handed to the test
            errors.append(err)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a thread did not finish"
    return errors


def add_recordings(app, story_id: str) -> list[Path]:
    """Give a published story the three recordings a recorded one has (original, listening, published)."""
    root = Path(app.config["MEDIA_ROOT"])
    paths = []
    with app.app_context():
        for kind, folder in (
            (MediaKind.ORIGINAL, "originals"),
            (MediaKind.LISTENING, "derived"),
            (MediaKind.PUBLISHED, "derived"),
        ):
            relative = f"{folder}/{story_id}-{kind}.ogg"
            (root / folder).mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(b"OggS" + UNIQUE.encode() * 10)
            db.session.add(
                MediaFile(story_id=story_id, kind=kind, path=relative, media_type="audio/ogg", size_bytes=44)
            )
            paths.append(root / relative)
        db.session.get(Story, story_id).kind = "audio"
        db.session.commit()
        db.session.remove()
    return paths


@pytest.mark.parametrize("attempt", range(3))
def test_a_narrowing_racing_a_withdrawal_ends_withdrawn_once_with_nothing_left(app, published_card, attempt):
    card = published_card(modalities=("text", "audio"))
    files = add_recordings(app, card.story_id)
    outcome: dict[str, object] = {}

    def remove_audio():
        consent = db.session.get(Consent, card.consent_id)
        try:
            outcome["narrowed"] = narrow(
                consent, Uses(frozenset({"teaching", "research"}), frozenset({"text"})), "patient_web"
            )
        except NotAllowed:
            outcome["narrowed"] = "refused: withdrawn first"

    def take_back():
        outcome["withdrawn"] = withdraw(db.session.get(Consent, card.consent_id), channel="staff_web")

    assert run_together((app, remove_audio), (app, take_back)) == []

    assert outcome["withdrawn"] is True
    assert outcome["narrowed"] in (["audio"], "refused: withdrawn first")
    with app.app_context():
        story = db.session.get(Story, card.story_id)
        assert story.status == StoryStatus.WITHDRAWN and story.body is None and story.published_text is None
        assert story.consent.status == "withdrawn"
        assert db.session.scalars(select(MediaFile).where(MediaFile.story_id == card.story_id)).all() == []
        kinds = db.session.scalars(
            select(ConsentEvent.event)
            .where(ConsentEvent.consent_id == card.consent_id)
            .order_by(ConsentEvent.id)
        ).all()
        assert kinds.count("withdrawn") == 1 and kinds[-1] == "withdrawn", kinds
        assert kinds.count("changed") == (1 if outcome["narrowed"] == ["audio"] else 0)
        assert not current_index().contains(card.story_id)
        db.session.remove()
    assert [p for p in files if p.exists()] == []


# -- a narrowing racing a publication ----------------------------------------------------------------------
def narrow_elsewhere(app, consent_id: str, uses: Uses) -> None:
    """Narrow in another thread (its own session), as the storyteller's request would."""
    assert run_together((app, lambda: narrow(db.session.get(Consent, consent_id), uses, "patient_web"))) == []


def assert_out_of_the_library(app, story_id: str, sign_in) -> None:
    with app.app_context():
        assert not current_index().contains(story_id)
        assert current_index().query(UNIQUE).total == 0
        db.session.remove()
    educator = sign_in("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert story_id not in educator.get(f"/library?q={UNIQUE}").get_data(as_text=True)


@pytest.mark.parametrize(
    "uses",
    [
        Uses(frozenset({"research"}), frozenset({"text"})),
        Uses(frozenset({"teaching", "research"}), frozenset({"audio"})),
    ],
    ids=["teaching-removed", "text-removed"],
)
def test_a_narrowing_committed_while_a_reviewer_publishes_keeps_the_story_out_of_the_index(
    app, stories, sign_in, uses
):
    story_id = stories.decided(WAITING, modalities=("text", "audio")).story_id
    reviewer_id = stories.staff_id("reviewer")
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.consent.purpose_teaching and story.consent.modality_text  # loaded, as the request has it

        narrow_elsewhere(app, story.consent_id, uses)

        review.publish(story, reviewer_id)  # still allowed: the story is published, not shown
        db.session.remove()
    with app.app_context():
        assert db.session.get(Story, story_id).status == StoryStatus.PUBLISHED
        db.session.remove()
    assert_out_of_the_library(app, story_id, sign_in)


@pytest.mark.parametrize("attempt", range(3))
def test_a_narrowing_and_a_publication_at_once_leave_the_story_out_of_the_index(
    app, stories, sign_in, attempt
):
    story_id = stories.decided(WAITING).story_id
    rid = stories.staff_id("reviewer")
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        db.session.remove()

    def publish():
        review.publish(db.session.get(Story, story_id), rid)

    def remove_teaching():
        narrow(
            db.session.get(Consent, consent_id),
            Uses(frozenset({"research"}), frozenset({"text"})),
            "patient_web",
        )

    assert run_together((app, publish), (app, remove_teaching)) == []
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.PUBLISHED and not story.consent.purpose_teaching
        assert story.published_at <= utcnow()
        db.session.remove()
    assert_out_of_the_library(app, story_id, sign_in)
