"""Withdrawal: a withdrawn story is gone from everything at once, and only an audit row remains."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select

from archive.extensions import db
from archive.indexing import current_index
from archive.models import (
    Consent,
    ConsentStatus,
    KnownIdentifier,
    RedactionSpan,
    StoryStatus,
    Tag,
    story_tags,
    utcnow,
)
from archive.search import IndexBusy

from .records import record_event

log = logging.getLogger(__name__)


def withdraw(consent: Consent, channel: str, actor_id: int | None = None) -> bool:
    """Withdraw ``consent`` and erase its stories' content; return False if it was withdrawn already.

    In one request: stories leave the index first (so search stops showing them even if the database
    write then fails), then their text, title, tags, spans and known identifiers are deleted and the
    consent is marked withdrawn, keeping only who/when/how in the audit trail. Free tags that only these
    stories used are deleted too.
    """
    # Lock the consent row where the database supports it, so two withdrawals at once do one.
    locked = db.session.scalar(db.select(Consent).where(Consent.id == consent.id).with_for_update())
    if locked is None or locked.status == ConsentStatus.WITHDRAWN:
        db.session.rollback()
        return False
    now = utcnow()
    story_ids = [s.id for s in locked.stories]
    index = current_index()
    for story_id in story_ids:
        try:
            index.remove(story_id)
        except IndexBusy:
            # The views re-check consent on every hit, so the story is already unreachable; the entry
            # is removed by the next `story-archive reindex`.
            log.error("index busy while withdrawing story %s; run `story-archive reindex`", story_id)
    if story_ids:
        db.session.execute(delete(RedactionSpan).where(RedactionSpan.story_id.in_(story_ids)))
        db.session.execute(delete(KnownIdentifier).where(KnownIdentifier.story_id.in_(story_ids)))
        # Free tags are the facilitator's own words about this story and may name people or places:
        # those no other story uses go with it. The admin's controlled vocabulary stays.
        free_tag_ids = list(
            db.session.scalars(
                select(Tag.id).where(
                    Tag.controlled.is_(False),
                    Tag.id.in_(select(story_tags.c.tag_id).where(story_tags.c.story_id.in_(story_ids))),
                )
            )
        )
        db.session.execute(delete(story_tags).where(story_tags.c.story_id.in_(story_ids)))
        if free_tag_ids:
            db.session.execute(
                delete(Tag).where(Tag.id.in_(free_tag_ids), Tag.id.not_in(select(story_tags.c.tag_id)))
            )
    for story in locked.stories:
        story.status = StoryStatus.WITHDRAWN
        story.title = ""
        story.body = None
        story.published_text = None
        story.withdrawn_at = now
    locked.status = ConsentStatus.WITHDRAWN
    locked.withdrawn_at = now
    locked.witness_encrypted = None
    record_event(locked, "withdrawn", channel, actor_id)
    db.session.commit()
    db.session.expire_all()
    return True
