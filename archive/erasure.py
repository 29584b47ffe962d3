"""Erasure: everything a story owns, and taking it away when the story may no longer be kept.

Withdrawal (by the storyteller, by staff on their word, or by the expiry job after the grace period)
and narrowing call into this one module, so what a withdrawn story leaves behind is decided in one
place.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, update

from archive import jobs
from archive.extensions import db
from archive.indexing import run_scrub
from archive.models import Clip, StoryView, TeachingSetItem

log = logging.getLogger(__name__)


def forget_teaching(story_ids: list[str]) -> None:
    """Delete the stories' clips and blank the prompts and questions of their set items, keeping the
    items so each set shows "Withdrawn by the storyteller" in the story's place (in the caller's
    transaction).

    An educator's clip titles, notes, prompts and questions about a story may quote it, so they go with
    it.
    """
    if not story_ids:
        return
    db.session.execute(
        update(TeachingSetItem)
        .where(TeachingSetItem.story_id.in_(story_ids))
        .values(prompt="", questions="", clip_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(Clip).where(Clip.story_id.in_(story_ids)).execution_options(synchronize_session=False)
    )


def forget_readers(story_ids: list[str]) -> None:
    """Delete the record of which educators opened the stories today (in the caller's transaction)."""
    if story_ids:
        db.session.execute(
            delete(StoryView)
            .where(StoryView.story_id.in_(story_ids))
            .execution_options(synchronize_session=False)
        )


def schedule_scrub() -> None:
    """Have the index segments that hold deleted stories rewritten: in this request with
    ``JOBS_IMMEDIATE``, else by a worker. Call it after a story left the index (a withdrawal, or a
    narrowing that takes the story out of the library), once the removal is committed."""
    if jobs.immediate():
        run_scrub()
        return
    try:
        jobs.send(jobs.JobKind.SCRUB_INDEX)
    except Exception:  # the change stands: a queue that is down must not turn it into an error
        log.exception("scrub not sent to the queue; the expiry job (every quarter hour) runs it")
