"""After saving, until publication: the facilitator who brought a story in (and a reviewer) corrects its
title, topics, warnings and known identifiers, checked as at upload, and the facilitator hears what
they uploaded. All through the real views and services (``ingest.details``)."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionEvent, SpanSource, Story
from ingest.redaction import is_locked, known_values
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import send_recording
from tests.fixtures.stories import read_card, story_form, story_id_from


def details_url(story_id: str) -> str:
    return f"/ingest/stories/{story_id}/details"


# The fields of the correction form, as the test story's facilitator first sent them.
DETAILS = (
    "title",
    "topics",
    "free_tags",
    "warnings",
    "speaker",
    "relatives",
    "village",
    "clinic",
    "other_identifiers",
)


def correction(**overrides) -> dict:
    """The correction form as the test story's facilitator would send it, with ``overrides``."""
    sent = story_form()
    return {**{name: sent[name] for name in DETAILS}, **overrides}


def story_state(app, story_id: str) -> dict:
    with app.app_context():
        story = db.session.get(Story, story_id)
        state = {
            "title": story.title,
            "tags": sorted(t.slug for t in story.tags),
            "known": sorted(v for _, v in known_values(story)),
            "marked": sorted(
                (story.body[s.start : s.end], s.source, is_locked(s)) for s in story.spans if story.body
            ),
            "log": [
                e.action
                for e in db.session.scalars(
                    select(RedactionEvent)
                    .where(RedactionEvent.story_id == story_id)
                    .order_by(RedactionEvent.id)
                )
            ],
        }
        db.session.remove()
    return state


def test_the_facilitator_corrects_the_details_and_the_marks_follow(app, ingest):
    facilitator, story_id, _, _ = ingest()
    before = story_state(app, story_id)
    assert ("Otieno", SpanSource.KNOWN, True) in before["marked"]
    page = facilitator.get(details_url(story_id)).get_data(as_text=True)
    assert 'value="The cough that would not leave"' in page and re.search(r">\s*Otieno</textarea>", page)

    # "Otieno" was a mistake (the husband is not named in the story as such); the neighbours' name
    # "tomatoes" is not a name either, but "Gitaru" alone is the village the storyteller uses.
    response = facilitator.submit(
        details_url(story_id),
        correction(
            title="Waiting for the sputum test",
            topics=["diagnosis"],
            warnings=["death"],
            free_tags="tuberculosis",
            relatives="",
            other_identifiers="Gitaru",
        ),
        page=details_url(story_id),
    )

    assert response.status_code == 302 and response.location.endswith(f"/ingest/stories/{story_id}")
    after = story_state(app, story_id)
    assert after["title"] == "Waiting for the sputum test"
    assert after["tags"] == ["death", "diagnosis", "tuberculosis"]
    assert "Otieno" not in after["known"] and "Gitaru" in after["known"]
    # No longer a known identifier, so no longer locked away; detection may still propose it as a name.
    assert not any(
        words == "Otieno" and (locked or source == SpanSource.KNOWN)
        for words, source, locked in after["marked"]
    )
    assert ("Gitaru", SpanSource.KNOWN, True) in after["marked"] or any(
        "Gitaru" in words and locked for words, _, locked in after["marked"]
    )
    assert after["log"][-1] == "details corrected"
    with app.app_context():
        assert "bicycle-ambulance" not in {t.slug for t in db.session.scalars(select(Story)).one().tags}
        db.session.remove()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "Give the story a short title."),
        ({"title": "t" * 201}, "Keep the title to at most 200 characters."),
        ({"title": "Otieno's bicycle"}, "looks like the name of someone in the storyteller's family"),
        ({"free_tags": "gachika market"}, "looks like the storyteller's village or town"),
        ({"topics": ["no-such-topic"]}, "Choose tags from the list."),
        ({"relatives": "\n".join(f"Name{i}" for i in range(31))}, "List at most 30 known identifiers."),
    ],
    ids=[
        "no-title",
        "long-title",
        "title-names-a-relative",
        "tag-names-the-village",
        "unknown-topic",
        "31-names",
    ],
)
def test_a_correction_is_checked_as_at_upload(app, ingest, overrides, message):
    facilitator, story_id, _, _ = ingest()
    before = story_state(app, story_id)
    response = facilitator.submit(details_url(story_id), correction(**overrides), page=details_url(story_id))
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert message in page and 'class="error-summary"' in page
    assert story_state(app, story_id) == before


def test_a_reviewer_may_correct_and_goes_back_to_the_review(app, ingest, sign_in):
    _, story_id, _, _ = ingest()
    reviewer = sign_in("reviewer")
    response = reviewer.submit(
        details_url(story_id), correction(title="A corrected title"), page=details_url(story_id)
    )
    assert response.status_code == 302 and response.location.endswith(f"/review/{story_id}")
    assert story_state(app, story_id)["title"] == "A corrected title"


def test_another_facilitator_and_a_published_story_get_nothing(app, ingest, sign_in, publish):
    facilitator, story_id, _, _ = ingest()
    assert sign_in("facilitator").get(details_url(story_id)).status_code == 404
    publish(story_id)
    assert facilitator.get(details_url(story_id)).status_code == 404
    response = facilitator.submit(details_url(story_id), correction(title="Too late"), page="/ingest/new")
    assert response.status_code == 404
    assert story_state(app, story_id)["title"] == "The cough that would not leave"


def test_the_facilitator_hears_the_upload_until_publication(app, sign_in):
    facilitator = sign_in("facilitator")
    sent = send_recording(
        facilitator, fixture("clinic_visit.ogg"), language="sw", speaker="", title="Kliniki"
    )
    assert sent.status_code == 201
    html_page = sent.get_data(as_text=True)
    read_card(html_page)
    story_id = story_id_from(html_page)
    page = facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True)
    assert f'src="/ingest/stories/{story_id}/listen"' in page
    with facilitator.get(f"/ingest/stories/{story_id}/listen") as heard:
        assert heard.status_code == 200 and heard.mimetype.startswith("audio/")
        assert heard.headers["Cache-Control"] == "private, no-store"
        assert heard.get_data() != fixture("clinic_visit.ogg").read_bytes()  # the copy, never the original
    assert sign_in("facilitator").get(f"/ingest/stories/{story_id}/listen").status_code == 404
    assert sign_in("educator").get(f"/ingest/stories/{story_id}/listen").status_code == 403
