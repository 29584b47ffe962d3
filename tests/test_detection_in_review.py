"""The examples of issue 12, through the facilitator's real form and the reviewer's real page: stories in
Kiswahili and Korean reach the reviewer with the name, the place, the date and the phone number marked
and Publish held until each is decided; the words "o and o" no longer lose the facilitator's form.
"""

from __future__ import annotations

import html
import re

import pytest

from archive.extensions import db
from archive.models import Story, StoryStatus
from tests.review_helpers import spans

NO_KNOWN = {"speaker": "", "relatives": "", "village": "", "clinic": ""}

EXAMPLES = [
    (
        "sw",
        "Jina langu ni Amina Juma. Nilienda zahanati ya Kilungu tarehe 3 Machi 2023. "
        "Simu yangu ni 0722 481 396.",
        {"Amina Juma": "NAME", "Kilungu": "LOCATION", "3 Machi 2023": "DATE", "0722 481 396": "PHONE"},
    ),
    (
        "ko",
        "제 이름은 박지영입니다. 서울대학교병원에 2023년 3월 14일에 갔습니다. "
        "전화번호는 010-1234-5678입니다.",
        {"박지영": "NAME", "서울대학교병원": "LOCATION", "2023년 3월 14일": "DATE", "010-1234-5678": "PHONE"},
    ),
]


def marks(page: str) -> list[tuple[str, str]]:
    """(kind, words) of each highlighted span of the review page's text."""
    return [
        (kind.upper(), html.unescape(words))
        for kind, words in re.findall(
            r'<mark class="(?:m )?k-(\w+) [^"]*"[^>]*><span data-at="\d+">([^<]*)</span>', page
        )
    ]


@pytest.mark.parametrize(("language", "text", "identifiers"), EXAMPLES, ids=["sw", "ko"])
def test_a_story_in_its_language_reaches_the_reviewer_marked(
    app, ingest, login_as, language, text, identifiers
):
    _, story_id, _, _ = ingest(text=text, language=language, title="A visit", **NO_KNOWN)
    reviewer = login_as("reviewer")
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    shown = marks(page)
    for words, kind in identifiers.items():
        assert any(words in marked and k == kind for k, marked in shown), (words, shown)
    assert re.search(r"<button disabled>Publish to the library</button>", page), "Publish waits for decisions"
    assert f"{len(identifiers)} spans still need a decision" in page


def test_o_and_o_is_saved_and_reviewed(app, ingest, login_as):
    text = "The nurse said o and o again, and then she said O AND O louder.\nI laughed."
    _, story_id, _, _ = ingest(text=text, **NO_KNOWN)
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.NEEDS_REVIEW and story.body == text
        db.session.remove()
    assert spans(app, story_id) == []
    reviewer = login_as("reviewer")
    response = reviewer.get(f"/review/{story_id}")
    assert response.status_code == 200 and "Detection did not finish" not in response.get_data(as_text=True)
