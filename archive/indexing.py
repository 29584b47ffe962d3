"""Keep the search index in step with the database, always through the publication rule."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from flask import current_app
from sqlalchemy.orm import selectinload
from whoosh import index as whoosh_index

from .extensions import db
from .models import Story
from .publication import publishable, publishable_stories
from .search import SCHEMA, IndexBusy, IndexedStory, SearchIndex

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


def drop_from_index(story_ids: Iterable[str]) -> bool:
    """Remove stale entries from the index; return False if the index was too busy to write."""
    idx = current_index()
    try:
        for story_id in story_ids:
            idx.remove(story_id)
    except IndexBusy:
        log.warning("index busy; stale entries stay hidden until the next search or `story-archive reindex`")
        return False
    return True


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
    if not whoosh_index.exists_in(str(idx.path)):
        idx.path.mkdir(parents=True, exist_ok=True)
        whoosh_index.create_in(str(idx.path), SCHEMA)
    return idx.rebuild(_publishable_batches(), procs=procs)
