"""Withdrawal: a withdrawn story is gone from everything at once, and only an audit row remains.

What it leaves nowhere, in order:

1. the database, in one transaction: text, title, transcript, spans, known identifiers, free tags,
   media rows, job errors, the consent's witness, place and coming-of-age date; teaching sets keep the
   story's place but lose the educators' words about it (``archive.erasure.forget_teaching``);
   SQLite's ``secure_delete`` zeroes the freed space, and a WAL checkpoint (TRUNCATE) right after the
   commit drops the log's older copies of the pages;
2. media: originals, listening copies, published recordings, consent recordings;
3. the search index: the documents are deleted at once (no search finds them from the next query),
   then ``scrub_index`` rewrites the segments that held them so no index file keeps their words. The
   scrub is a background job (it takes about a second per thousand stories in the segment); with
   ``JOBS_IMMEDIATE`` it runs in the request, and the expiry job and ``expire-consents`` run any
   scrub left over.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select, update

from archive.database import checkpoint_wal
from archive.erasure import forget_teaching, schedule_scrub
from archive.extensions import db
from archive.indexing import purge_pending, queue_removal
from archive.jobs import WITHDRAWN as JOB_WITHDRAWN
from archive.models import (
    Consent,
    ConsentStatus,
    Job,
    JobState,
    KnownIdentifier,
    MediaFile,
    RedactionSpan,
    StoryStatus,
    Tag,
    Transcript,
    story_tags,
    utcnow,
)
from archive.storage import current_store

from .records import record_event

log = logging.getLogger(__name__)


def withdraw(
    consent: Consent,
    channel: str,
    actor_id: int | None = None,
    only_if: tuple[str, ...] = (ConsentStatus.ACTIVE, ConsentStatus.EXPIRED),
) -> bool:
    """Withdraw ``consent`` and erase its stories' content; return False if it was withdrawn already.

    In one request: the stories' text, title, tags, spans and known identifiers are deleted and the
    consent is marked withdrawn, keeping only who/when/how in the audit trail; in the same transaction
    the stories are queued for removal from the index, which happens right after the commit. Free tags
    that only these stories used are deleted too. ``only_if``: the consent statuses to act on (the
    expiry job withdraws only a consent still expired, not one the storyteller renewed a moment ago).
    """
    # Two withdrawals at once must do one. PostgreSQL: the row lock orders them. SQLite has no row
    # locks, and a status read before the write lock is stale by the time the second one writes: the
    # conditional UPDATE is the transaction's first write, so it takes the database's write lock (the
    # other withdrawal waits for it) and checks the status under that lock.
    now = utcnow()
    db.session.scalar(db.select(Consent.id).where(Consent.id == consent.id).with_for_update())
    claimed = db.session.execute(
        update(Consent)
        .where(Consent.id == consent.id, Consent.status.in_(only_if))
        .values(status=ConsentStatus.WITHDRAWN, withdrawn_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        return False
    locked = db.session.get(Consent, consent.id, populate_existing=True)
    story_ids = [s.id for s in locked.stories]
    queue_removal(story_ids)
    media_paths: list[str] = []
    if story_ids:
        media_paths = list(
            db.session.scalars(select(MediaFile.path).where(MediaFile.story_id.in_(story_ids)))
        )
        db.session.execute(delete(MediaFile).where(MediaFile.story_id.in_(story_ids)))
        db.session.execute(delete(Transcript).where(Transcript.story_id.in_(story_ids)))
        db.session.execute(delete(RedactionSpan).where(RedactionSpan.story_id.in_(story_ids)))
        db.session.execute(delete(KnownIdentifier).where(KnownIdentifier.story_id.in_(story_ids)))
        # Jobs keep no content, but an old error may quote what a failed step was handling: replace
        # it, and close the jobs that wait, so nothing picks the story up again. A running job sees the
        # withdrawal at its next heartbeat and cancels itself.
        db.session.execute(
            update(Job)
            .where(Job.story_id.in_(story_ids), Job.state != JobState.RUNNING)
            .values(error=JOB_WITHDRAWN)
        )
        db.session.execute(
            update(Job)
            .where(Job.story_id.in_(story_ids), Job.state.in_((JobState.QUEUED, JobState.WAITING_FOR_MODEL)))
            .values(state=JobState.CANCELLED, claim=None, finished_at=now)
        )
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
        story.published_timings = None
        story.withdrawn_at = now
    # The consent row stays for the audit trail; what it holds about the person goes.
    locked.witness_encrypted = None
    locked.place_encrypted = None
    locked.comes_of_age_on = None
    forget_teaching(story_ids)
    record_event(locked, "withdrawn", channel, actor_id)
    db.session.commit()
    db.session.expire_all()
    # Recordings, listening copies and consent recordings go once the database no longer names them.
    current_store().remove(media_paths)
    # The database now refuses the story everywhere; take it out of the index. If the index is locked,
    # the queued removal masks it from every search until a later write succeeds.
    purge_pending()
    # The WAL still holds the pages as they were before the delete; fold it into the file and empty it
    # (last, so the removal queue's commit just above leaves nothing in the WAL either).
    if not checkpoint_wal():
        log.warning("WAL checkpoint after a withdrawal was blocked by a reader; SQLite's next one will do it")
    schedule_scrub()
    return True
