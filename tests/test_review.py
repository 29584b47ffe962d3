"""The reviewer's workflow: marks, decisions, text corrections, and publishing only when all is decided."""

from __future__ import annotations

import re

from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionSpan, Story


def _base(client, page):
    """The fingerprint of the text as the review page showed it (the edit form's hidden field)."""
    match = re.search(r'name="base" type="hidden" value="(\w+)"', client.get(page).get_data(as_text=True))
    assert match, "no base fingerprint on the review page"
    return match.group(1)


def _spans(app, story_id):
    with app.app_context():
        story = db.session.get(Story, story_id)
        return [(story.body[s.start : s.end], s.kind, s.source, s.decision) for s in story.spans]


def test_known_identifiers_are_marked_at_ingest_and_cannot_be_rejected(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    marked = _spans(app, story_id)
    assert ("Wanjiru Achieng", "NAME", "known", "accepted") in marked
    assert ("Gachika", "LOCATION", "known", "accepted") in marked
    assert ("Gitaru Hill Health Centre", "LOCATION", "known", "accepted") in marked
    reviewer = login_as("reviewer")
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    assert "always removed" in page
    with app.app_context():
        exact = (RedactionSpan.source == "known", RedactionSpan.rule == "known identifier")
        known_id = db.session.scalar(select(RedactionSpan.id).where(*exact))  # locked; variants are not
    r = reviewer.submit(
        f"/review/{story_id}/decisions", {f"span-{known_id}": "rejected"}, page=f"/review/{story_id}"
    )
    assert r.status_code == 302
    assert "always redacted" in reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    assert all(d == "accepted" for *_, d in _spans(app, story_id))


def test_publish_waits_for_every_decision(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    with app.app_context():  # a detector's proposal, waiting for a person
        story = db.session.get(Story, story_id)
        start = story.body.index("tomatoes")
        story.spans.append(RedactionSpan(start=start, end=start + 8, kind="OTHER", source="pattern"))
        db.session.commit()
        pending_id = story.spans[-1].id
    reviewer = login_as("reviewer")
    page = f"/review/{story_id}"
    r = reviewer.submit(f"{page}/publish", {}, page=page)
    assert r.status_code == 302 and r.location.endswith(page)
    assert "Decide on every highlighted span first (1 left)" in reviewer.get(page).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Story, story_id).status == "needs_review"
    reviewer.submit(f"{page}/decisions", {f"span-{pending_id}": "rejected"}, page=page)
    r = reviewer.submit(f"{page}/publish", {}, page=page)
    assert r.location.endswith("/review/")
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == "published"
        assert "tomatoes" in story.published_text  # rejected: kept
        assert "[NAME]" in story.published_text and "Otieno" not in story.published_text


def test_reviewer_marks_by_words_or_by_position(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    reviewer = login_as("reviewer")
    page = f"/review/{story_id}"
    r = reviewer.submit(f"{page}/spans", {"words": "tomatoes", "kind": "OTHER"}, page=page)
    assert r.status_code == 302
    assert "Marked 1 place for redaction" in reviewer.get(page).get_data(as_text=True)
    with app.app_context():
        body = db.session.get(Story, story_id).body
    start = body.index("bicycle")
    reviewer.submit(f"{page}/spans", {"start": start, "end": start + 7, "kind": "OTHER"}, page=page)
    for words, message in [("elephant", "does not appear"), ("", "Give the words")]:
        reviewer.submit(f"{page}/spans", {"words": words, "kind": "NAME"}, page=page)
        assert message in reviewer.get(page).get_data(as_text=True)
    reviewer.submit(f"{page}/spans", {"start": 5, "end": 10**6, "kind": "NAME"}, page=page)
    assert "not part of the story text" in reviewer.get(page).get_data(as_text=True)
    reviewer.submit(f"{page}/spans", {"words": "Otieno", "kind": "PERSON"}, page=page)
    assert "Choose what kind" in reviewer.get(page).get_data(as_text=True)
    reviewer.submit(f"{page}/publish", {}, page=page)
    with app.app_context():
        text = db.session.get(Story, story_id).published_text
    assert "tomatoes" not in text and "bicycle" not in text and text.count("[REDACTED]") == 2


def test_text_corrections_keep_marks_aligned_and_find_known_identifiers_again(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    reviewer = login_as("reviewer")
    page = f"/review/{story_id}"
    reviewer.submit(f"{page}/spans", {"words": "tomatoes", "kind": "OTHER"}, page=page)
    with app.app_context():
        body = db.session.get(Story, story_id).body
    edited = "Told in Gachika market.\n\n" + body.replace("sputum test", "test of the phlegm")
    r = reviewer.submit(f"{page}/text", {"text": edited, "base": _base(reviewer, page)}, page=page)
    assert r.status_code == 302
    marked = _spans(app, story_id)
    assert ("tomatoes", "OTHER", "manual", "accepted") in marked
    assert sum(1 for m in marked if "Gachika" in m[0]) == 2  # the new one as "Gachika market"
    reviewer.submit(f"{page}/text", {"text": "   ", "base": _base(reviewer, page)}, page=page)
    assert "cannot be empty" in reviewer.get(page).get_data(as_text=True)
    reviewer.submit(f"{page}/publish", {}, page=page)
    with app.app_context():
        text = db.session.get(Story, story_id).published_text
    assert text.startswith("Told in [PLACE].")  # "Gachika market" is one place
    assert "test of the phlegm" in text and "tomatoes" not in text


def test_a_published_story_leaves_the_queue(app, ingest, publish, login_as):
    _, story_id, _, _ = ingest()
    reviewer = publish(story_id)
    assert f"/review/{story_id}" not in reviewer.get("/review/").get_data(as_text=True)
    assert reviewer.get(f"/review/{story_id}").status_code == 404
    assert reviewer.submit(f"/review/{story_id}/publish", {}, page="/review/").status_code == 404


def test_a_stale_edit_is_refused_and_kept_for_the_reviewer(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    page = f"/review/{story_id}"
    first, second = login_as("reviewer"), login_as("reviewer")
    base = _base(second, page)  # the second reviewer opens the page ...
    r = first.submit(
        f"{page}/text", {"text": "First reviewer's version.", "base": _base(first, page)}, page=page
    )
    assert r.status_code == 302  # ... the first saves a correction meanwhile ...
    r = second.submit(f"{page}/text", {"text": "Second reviewer's version.", "base": base}, page=page)
    assert r.status_code == 409  # ... and the second's stale save is refused, not lost:
    html = r.get_data(as_text=True)
    assert "changed by someone else" in html and "Second reviewer&#39;s version." in html
    with app.app_context():
        assert db.session.get(Story, story_id).body == "First reviewer's version."
