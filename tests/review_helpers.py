"""Helpers shared by the review workflow's tests: a story's spans and audit log as plain tuples."""

from __future__ import annotations

import re

from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionEvent, Story, User


def spans(app, story_id: str) -> list[tuple[str, str, str, str | None, str]]:
    """(words, kind, source, rule, decision) of every span, in text order."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        found = [
            (story.body[s.start : s.end], s.kind, s.source, s.rule, s.decision)
            for s in sorted(story.spans, key=lambda s: s.start)
        ]
        db.session.remove()
    return found


def span_id(app, story_id: str, words: str, nth: int = 0) -> int:
    """The id of the ``nth`` span covering exactly ``words``."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        ids = [
            s.id for s in sorted(story.spans, key=lambda s: s.start) if story.body[s.start : s.end] == words
        ]
        db.session.remove()
    assert len(ids) > nth, f"no span over {words!r}"
    return ids[nth]


def events(app, story_id: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(action, kind, source, actor's e-mail) of every audit entry, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(RedactionEvent, User.email)
            .outerjoin(User, User.id == RedactionEvent.actor_id)
            .where(RedactionEvent.story_id == story_id)
            .order_by(RedactionEvent.id)
        ).all()
        db.session.remove()
    return [(e.action, e.kind, e.source, email) for e, email in rows]


def base(client, page: str) -> str:
    """The fingerprint of the text as the review page showed it (the edit form's hidden field)."""
    match = re.search(r'name="base" type="hidden" value="(\w+)"', client.get(page).get_data(as_text=True))
    assert match, "no base fingerprint on the review page"
    return match.group(1)
