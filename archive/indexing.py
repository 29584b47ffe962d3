"""Keep the search index in step with the database, always through the publication rule."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload
from whoosh import index as whoosh_index

from .extensions import db
from .models import IndexRemoval, Story
from .publication import publishable, publishable_stories
from .search import IndexBusy, IndexedStory, SearchIndex

log = logging.getLogger(__name__)


def current_index() -> SearchIndex:
    return current_app.extensions["search_index"]


def indexed_form(story: Story) -> IndexedStory:
    """Return what the index may hold of a story: the redacted text and its metadata."""
    return IndexedStory(
        id=story.id,
        title=story.title,
        body=story.published_text or "",
        tags=[t.slug for t in story.topics],
        warnings=[t.slug for t in story.warnings],
        language=story.language,
        published=story.published_at,
    )


def sync_story(story: Story) -> bool:
    """Add the story to the index if it is publishable, else make sure it is absent; return which."""
    idx = current_index()
    if publishable(story):
        idx.add(indexed_form(story))
        return True
    idx.remove(story.id)
    return False


def queue_removal(story_ids: Iterable[str]) -> None:
    """Queue index removal of these stories in the caller's transaction (see ``IndexRemoval``)."""
    for story_id in story_ids:
        if db.session.get(IndexRemoval, story_id) is None:
            db.session.add(IndexRemoval(story_id=story_id))


def purge_pending(timeout: float | None = None, limit: int = 500) -> set[str]:
    """Remove queued stories from the index; return the ids still waiting (the index was busy).

    Cheap when the queue is empty (one indexed read), so searches call it before every query.
    """
    pending = list(db.session.scalars(select(IndexRemoval.story_id).limit(limit)))
    if not pending:
        return set()
    try:
        # Marked deleted only: searches stop finding them at once; rewriting the segments that held
        # them (so no file keeps their words) is ``SearchIndex.scrub``, which withdrawal schedules.
        current_index().remove_many(pending, timeout=timeout, scrub=False)
    except IndexBusy:
        log.warning("index busy; %d queued removals stay masked until the next try", len(pending))
        return set(pending)
    db.session.execute(delete(IndexRemoval).where(IndexRemoval.story_id.in_(pending)))
    db.session.commit()
    return set()


def drop_from_index(story_ids: Iterable[str]) -> bool:
    """Queue and remove stale entries; return False if the index was too busy to write now."""
    queue_removal(story_ids)
    db.session.commit()
    return not purge_pending(timeout=_STALE_TIMEOUT)


# Stale entries are met on the read path: never wait long for the index lock there.
_STALE_TIMEOUT = 0.5


def _publishable_batches(batch: int = 500) -> Iterator[IndexedStory]:
    stmt = publishable_stories().options(selectinload(Story.tags)).order_by(Story.id)
    for story in db.session.scalars(stmt.execution_options(yield_per=batch)):
        yield indexed_form(story)


def reindex_all(procs: int = 1) -> int:
    """Rebuild the index from the database; return the number of stories indexed.

    The index is only a cache, and deleting its folder is how a damaged one is thrown away: if the
    folder is gone (even under a process that had the index open), an empty index is created first.
    """
    idx = current_index()
    if not whoosh_index.exists_in(str(idx.path)) or not idx.is_current():
        idx.recreate()
    return idx.rebuild(_publishable_batches(), procs=procs)


def run_scrub(raise_busy: bool = False) -> bool:
    """Remove what is still queued, then rewrite the segments that hold deleted stories' words.

    Idempotent and stateless: the index itself says which segments hold deleted documents, so a scrub
    lost with a worker is done by the next one (the expiry job runs one every time). Returns whether
    something was rewritten; a busy index is retried (``raise_busy``, the ``SCRUB_INDEX`` job) or left
    for the next run.
    """
    purge_pending()
    try:
        return current_index().scrub()
    except IndexBusy:
        if raise_busy:
            raise
        log.warning("index busy: the scrub of deleted stories waits for the next run")
        return False
