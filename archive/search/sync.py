"""Keep the search index in step with the database, always through the publication rule.

The areas call these functions; each asks the configured backend (``current_index``), so none of them
knows whether the index is Whoosh on disk or tables of the database.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator

from flask import current_app
from sqlalchemy.orm import selectinload

from archive import jobs
from archive.extensions import db
from archive.models import Story
from archive.publication import publishable, publishable_stories

from .backend import IndexBusy, IndexedStory, SearchBackend

log = logging.getLogger(__name__)


def current_index() -> SearchBackend:
    """The current app's search backend."""
    return current_app.extensions["search"]


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
    if publishable(story):
        current_index().add([indexed_form(story)])
        return True
    current_index().remove([story.id])
    return False


def queue_removal(story_ids: Iterable[str]) -> None:
    """In the caller's transaction: these stories leave the index when it commits."""
    current_index().queue_removal(story_ids)


def purge_pending(timeout: float | None = None) -> set[str]:
    """After a commit: apply queued removals; return the ids still waiting (the index was busy)."""
    return current_index().purge_pending(timeout)


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


def reindex_all(procs: int = 1, fresh: bool = False) -> int:
    """Rebuild the index from the database; return the number of stories indexed. ``fresh`` throws the
    old index away first (one found damaged), whatever state it is in."""
    return current_index().rebuild(_publishable_batches(), procs=procs, fresh=fresh)


# A search that finds the index damaged asks for one rebuild; the searches after it within this many
# seconds (answered "being rebuilt") do not ask again.
HEAL_ASKED_SECONDS = 120.0


def ask_for_rebuild() -> None:
    """A read found the index deleted or damaged: send one ``REBUILD_INDEX`` job (unless one was sent
    in the last ``HEAL_ASKED_SECONDS`` by this process, or ``SEARCH_SELF_HEAL`` is off)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's own object
    if not app.config.get("SEARCH_SELF_HEAL", True):
        return
    with _heal_lock:
        asked = app.extensions.get("search_heal_asked_at")
        now = time.monotonic()
        if asked is not None and now - asked < HEAL_ASKED_SECONDS:
            return
        app.extensions["search_heal_asked_at"] = now
    try:
        jobs.send(jobs.JobKind.REBUILD_INDEX)
    except Exception:  # a queue that is down: the next search that finds the damage asks again
        app.extensions.pop("search_heal_asked_at", None)
        log.exception("index rebuild not sent to the queue")


_heal_lock = threading.Lock()


def heal_index() -> int:
    """The ``REBUILD_INDEX`` job: build a fresh index from the database; return how many stories."""
    try:
        count = reindex_all(fresh=True)
    finally:
        current_app.extensions.pop("search_heal_asked_at", None)
    log.warning("search index rebuilt from the database after it was found damaged: %d stories", count)
    return count


def run_scrub(raise_busy: bool = False) -> bool:
    """Remove what is still queued, then rewrite the segments that hold deleted stories' words.

    Idempotent and stateless: the index itself says which segments hold deleted documents, so a scrub
    lost with a worker is done by the next one (the expiry job runs one every time). Returns whether
    something was rewritten; a busy index is retried (``raise_busy``, the ``SCRUB_INDEX`` job) or left
    for the next run.
    """
    purge_pending()
    try:
        return current_index().purge_residue()
    except IndexBusy:
        if raise_busy:
            raise
        log.warning("index busy: the scrub of deleted stories waits for the next run")
        return False
