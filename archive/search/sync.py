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
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from archive import jobs
from archive.extensions import db
from archive.models import MediaFile, MediaKind, Modality, Story
from archive.publication import publishable, publishable_clause, publishable_stories

from .backend import IndexBusy, IndexedStory, SearchBackend, SearchUnavailable

log = logging.getLogger(__name__)


def current_index() -> SearchBackend:
    """The current app's search backend."""
    return current_app.extensions["search"]


def indexed_form(story: Story, heard: bool | None = None) -> IndexedStory:
    """Return what the index may hold of a story: the redacted text and its metadata, and whether its
    recording may be heard now (``heard``: already known by the caller; else asked here)."""
    return IndexedStory(
        id=story.id,
        title=story.title,
        body=story.published_text or "",
        tags=[t.slug for t in story.topics],
        warnings=[t.slug for t in story.warnings],
        language=story.language,
        published=story.published_at,
        heard=may_be_heard(story) if heard is None else heard,
    )


def _published_recording_exists():
    return (
        select(MediaFile.id)
        .where(MediaFile.story_id == Story.id, MediaFile.kind == MediaKind.PUBLISHED)
        .exists()
    )


def may_be_heard(story: Story) -> bool:
    """Whether an educator may hear the story's recording now: the rule allows the audio and its
    published (redacted) recording exists. What the index keeps as ``IndexedStory.heard``."""
    if not publishable(story, Modality.AUDIO):
        return False
    stmt = select(MediaFile.id).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.PUBLISHED)
    return db.session.scalar(stmt.limit(1)) is not None


def audible_story_ids() -> set[str]:
    """Every story the index may hold (the rule allows its text) that ``may_be_heard`` says yes to, in
    one statement (a rebuild, a reconciliation): it walks every published story, which is why searches
    never call it."""
    stmt = (
        select(Story.id)
        .join(Story.consent)
        .where(
            publishable_clause(Modality.TEXT),
            publishable_clause(Modality.AUDIO),
            _published_recording_exists(),
        )
    )
    return set(db.session.scalars(stmt))


def sync_story(story: Story, timeout: float | None = None) -> bool:
    """Add the story to the index if it is publishable (waiting at most ``timeout`` for the index),
    else make sure it is absent; return which."""
    if publishable(story):
        current_index().add([indexed_form(story)], timeout=timeout)
        return True
    current_index().remove([story.id])
    return False


def refresh_stories(story_ids: Iterable[str], timeout: float | None = None) -> set[str]:
    """After a commit: write these stories again as the database has them now (a story whose recording
    came, went or was replaced; one the rule now refuses leaves the index). Return the ids the index
    was too busy to take; they stay as they were until the next write of them or ``reconcile_heard``.
    The library never relies on it: it asks the rule for every hit it shows. ``timeout``: how long
    to wait for the index (a search waits little)."""
    waiting: set[str] = set()
    for story_id in dict.fromkeys(story_ids):
        story = db.session.get(Story, story_id, populate_existing=True)
        if story is None:
            continue
        try:
            sync_story(story, timeout=timeout)
        except IndexBusy:
            log.warning("index busy: a story's entry waits for its next write")
            waiting.add(story_id)
    return waiting


def reconcile_heard() -> int:
    """Write again every story whose ``heard`` in the index differs from the database (one the index
    was too busy to take when its recording came or went); return how many differed. Run by the
    expiry job, every quarter hour."""
    purge_pending()
    try:
        indexed = current_index().heard_ids()
    except SearchUnavailable:  # waiting for its rebuild, which writes every entry as it should be
        return 0
    wrong = audible_story_ids() ^ indexed
    if wrong:
        refresh_stories(sorted(wrong))
    return len(wrong)


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
    heard = audible_story_ids()  # once for the whole build, not a look-up per story
    stmt = publishable_stories().options(selectinload(Story.tags)).order_by(Story.id)
    for story in db.session.scalars(stmt.execution_options(yield_per=batch)):
        yield indexed_form(story, heard=story.id in heard)


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
