"""If identifier detection raises all the same, nothing the facilitator typed is lost, and nothing is
published without a person reading every word.

Detection is written to finish on any text (``test_detection_properties.py``); to see what happens if
it ever does not, the detector alone is made to raise here. Everything else is real: the facilitator's
form, the saving of the story, its consent, tags and identifiers, the review page and publication.
"""

from __future__ import annotations

import html
import logging

import pytest

from archive.extensions import db
from archive.models import Story, StoryStatus
from ingest import redaction
from tests.review_helpers import base, events, spans

TEXT = (
    "Jina langu ni Neema Wambura. Nilienda zahanati ya Kivukoni tarehe 3 Machi 2023. "
    "Simu yangu ni 0733 902 118."
)
FORM = {
    "text": TEXT,
    "language": "sw",
    "title": "Homa ya usiku",
    "free_tags": "homa, usiku",
    "speaker": "Neema Wambura",
    "relatives": "",
    "village": "",
    "clinic": "",
}


@pytest.fixture
def broken_detection(monkeypatch):
    """Make the detector raise, with the story's words in its message (which must reach no log)."""

    def fail(text, *args, **kwargs):
        raise RuntimeError(f"detector broke on {text!r}")

    monkeypatch.setattr(redaction, "detect", fail)
    return monkeypatch


def test_the_story_and_every_field_are_saved_and_wait_for_a_full_reading(
    app, ingest, login_as, broken_detection, caplog
):
    with caplog.at_level(logging.INFO):
        _, story_id, code, secret = ingest(**FORM)
    assert code and secret, "the consent card is printed"
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.NEEDS_REVIEW
        assert story.body == TEXT and story.title == "Homa ya usiku" and story.language == "sw"
        assert {t.label for t in story.topics if not t.controlled} == {"homa", "usiku"}
        assert [ki.role for ki in story.identifiers] == ["speaker"]
        db.session.remove()
    # The known identifier is still marked (and locked) without the detector.
    assert ("Neema Wambura", "NAME", "known", "known identifier", "accepted") in spans(app, story_id)
    assert ("detection failed", None, None, None) in events(app, story_id)
    logged = caplog.text
    assert "did not finish" in logged and "RuntimeError" in logged
    assert "Neema" not in logged and "0733" not in logged, "no words of the story in the log"

    reviewer = login_as("reviewer")
    page = html.unescape(reviewer.get(f"/review/{story_id}").get_data(as_text=True))
    assert "Detection did not finish, check every word." in page
    assert 'name="read_every_word"' in page

    refused = reviewer.submit(f"/review/{story_id}/publish", {}, page=f"/review/{story_id}")
    assert refused.status_code == 302
    with app.app_context():
        assert db.session.get(Story, story_id).status == StoryStatus.NEEDS_REVIEW
        db.session.remove()
    assert "check every word" in html.unescape(reviewer.get(f"/review/{story_id}").get_data(as_text=True))

    # The reviewer marks what they read, says so, and publishes.
    for words, kind in (("Kivukoni", "LOCATION"), ("3 Machi 2023", "DATE"), ("0733 902 118", "PHONE")):
        marked = reviewer.submit(
            f"/review/{story_id}/spans", {"words": words, "kind": kind}, page=f"/review/{story_id}"
        )
        assert marked.status_code == 302
    published = reviewer.submit(
        f"/review/{story_id}/publish", {"read_every_word": "y"}, page=f"/review/{story_id}"
    )
    assert published.status_code == 302 and published.location.endswith("/review/")
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.PUBLISHED
        for words in ("Neema", "Kivukoni", "0733", "2023"):
            assert words not in story.published_text
        db.session.remove()
    assert ("read every word", None, None, reviewer.email) in events(app, story_id)


def test_detection_that_finishes_later_lifts_the_notice(app, ingest, login_as, broken_detection):
    _, story_id, _, _ = ingest(**FORM)
    broken_detection.undo()  # the detector works again, e.g. after a fix is deployed
    reviewer = login_as("reviewer")
    page = f"/review/{story_id}"
    edited = TEXT + " Asante."
    saved = reviewer.submit(f"{page}/text", {"text": edited, "base": base(reviewer, page)}, page=page)
    assert saved.status_code == 302
    shown = html.unescape(reviewer.get(page).get_data(as_text=True))
    assert "Detection did not finish" not in shown
    assert ("detection finished", None, None, reviewer.email) in events(app, story_id)
    marked = [m[0] for m in spans(app, story_id)]
    assert "0733 902 118" in marked and "3 Machi 2023" in marked
