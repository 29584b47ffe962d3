"""The storyteller's yes before publication, for a storyteller who asked, in their consent, to read or
hear their story first (``Consent.preview_wanted``).

A reviewer's publication of such a story does not publish it: it sends the story as it would be
published (the redacted text) to the storyteller's page and waits (``ingest.review.publish``). There
the storyteller reads it, hears their recording, and says yes (``approve``); the publication then
runs as a job (``JobKind.PUBLISH_APPROVED``, bound by the shell to ingest's review), since consent
never imports ingest. If the text changed after they saw it, they are asked again; they may also
narrow the consent or take the story back instead, as always.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from archive import jobs
from archive.extensions import db
from archive.models import ConsentEventKind, ConsentStatus, MediaFile, MediaKind, Story, StoryStatus, utcnow

from .changes import lock_consent
from .events import record_event

log = logging.getLogger(__name__)


def waiting_for_yes(story: Story) -> bool:
    """Whether the story waits for its storyteller's yes: sent to them, not yet approved, not published."""
    return bool(
        story.status == StoryStatus.NEEDS_REVIEW
        and story.approval_asked_at is not None
        and story.approved_at is None
        and story.consent.status == ConsentStatus.ACTIVE
    )


def approve(story: Story, channel: str = "patient_web") -> bool:
    """Record the storyteller's yes (in the consent's audit trail too) and ask for the publication;
    return False when the story no longer waits for it (published, withdrawn, approved already)."""
    lock_consent(story.consent)
    story = db.session.get(Story, story.id, populate_existing=True)
    if not waiting_for_yes(story):
        db.session.rollback()
        return False
    story.approved_at = utcnow()
    record_event(story.consent, ConsentEventKind.APPROVED, channel)
    db.session.commit()
    try:
        jobs.send(jobs.JobKind.PUBLISH_APPROVED, story.id)
    except Exception:  # the yes is kept: the reviewer's page says so, and publishing again publishes it
        log.exception("publication of approved story %s not sent to the queue", story.id)
    return True


def preview_recording(story: Story) -> MediaFile | None:
    """The recording a storyteller hears before saying yes: the story's small listening copy (their own
    voice as recorded; teachers hear it later with the identifiers covered). None when there is none,
    or when the story does not wait for their yes."""
    if story.kind != "audio" or not waiting_for_yes(story):
        return None
    return db.session.scalar(
        select(MediaFile)
        .where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.LISTENING)
        .order_by(MediaFile.created_at.desc())
    )
