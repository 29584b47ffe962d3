"""A reviewer's change that started before a withdrawal committed must not bring the story back.

The reviewer's request has the story and its consent loaded (still active) when the storyteller's
withdrawal commits in another request; publishing, correcting the text or typing a transcript then
fails with a Conflict, and the story stays withdrawn with no text in the database or the index.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from archive.errors import Conflict
from archive.extensions import db
from archive.models import Story, StoryStatus, Transcript, User
from archive.search import current_index
from ingest import review

UNIQUE = "zebracrossing"


def withdraw_elsewhere(stories, story_id: str) -> None:
    """Withdraw in another thread (its own session), as the storyteller's request would."""
    outcome: list[bool] = []
    thread = threading.Thread(target=lambda: outcome.append(stories.withdraw(story_id)))
    thread.start()
    thread.join()
    assert outcome == [True]


def assert_gone(app, story_id: str) -> None:
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.WITHDRAWN
        assert story.body is None and story.published_text is None and story.title == ""
        assert db.session.get(Transcript, story_id) is None
        assert current_index().query(UNIQUE).total == 0


@pytest.mark.parametrize("change", ["publish", "edit_text"])
def test_a_review_begun_before_a_withdrawal_changes_nothing(app, stories, ingest, change):
    _, story_id, _, _ = ingest(text=f"The {UNIQUE} near the clinic was where I fell ill.", speaker="")
    with app.app_context():
        reviewer_id = db.session.scalar(select(User.id).where(User.role == "reviewer")) or 0
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.NEEDS_REVIEW and story.consent.status == "active"  # loaded

        withdraw_elsewhere(stories, story_id)

        with pytest.raises(Conflict):
            if change == "publish":
                review.publish(story, reviewer_id)
            else:
                review.edit_text(story, f"Corrected: the {UNIQUE} by the road.", reviewer_id, 200_000)
        db.session.remove()
    assert_gone(app, story_id)


def test_a_transcript_typed_as_the_story_is_withdrawn_is_not_kept(app, stories, upload_recording):
    story_id = upload_recording("fever.wav", language="sw").story_id  # waits for a Swahili model
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.NEEDS_MODEL and story.consent.status == "active"  # loaded

        withdraw_elsewhere(stories, story_id)

        with pytest.raises(Conflict):
            review.type_transcript(story_id, f"Homa ilianza usiku karibu na {UNIQUE}.", 200_000)
        db.session.remove()
    assert_gone(app, story_id)
