"""Whoosh as the archive's search backend: the index on disk (``SearchIndex``) and, in the database, the
queue of stories waiting to leave it (``IndexRemoval``).

The index lives apart from the database, so it is written after each commit. A removal is queued in the
transaction that makes the story unpublishable; if the index is locked right then, the row stays,
searches mask the story out, and the next write or search retries the removal. A removal only marks a
document deleted (no search finds it from the next searcher on); ``purge_residue`` rewrites the
segments that held it, so no index file keeps its words.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from flask import Flask
from sqlalchemy import delete, select

from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import IndexRemoval

from ..backend import Health, IndexBusy, IndexedStory, SearchBackend, SearchPage, SearchUnavailable
from .index import SearchIndex
from .snippets import first_mark

log = logging.getLogger(__name__)


class WhooshSearch(SearchBackend):
    """The embedded default: a Whoosh index in ``INDEX_DIR`` (``index``, the ``SearchIndex``)."""

    def __init__(self, index: SearchIndex):
        self.index = index
        # Called (with no arguments) when a read finds the index deleted or damaged: the app asks for
        # a rebuild from the database (``archive.search.sync.heal_index``).
        self.on_damage: Callable[[], None] | None = None

    @contextlib.contextmanager
    def _reading(self):
        """Turn a failure to read the index into SearchUnavailable, drop every cached searcher (each
        thread opens a new one at its next search) and report the damage; refusals pass through."""
        try:
            yield
        except (IndexBusy, ValidationFailed):
            raise
        except Exception as err:
            # The error's kind only: its text may name files of the index.
            log.warning("search index unreadable (%s): searches wait for a rebuild", type(err).__name__)
            self.index.forget()
            if self.on_damage is not None:
                self.on_damage()
            raise SearchUnavailable() from err

    @classmethod
    def from_config(cls, app: Flask) -> WhooshSearch:
        cfg = app.config
        return cls(
            SearchIndex(
                cfg["INDEX_DIR"],
                writer_timeout=cfg["INDEX_WRITER_TIMEOUT"],
                segment_docs=cfg["INDEX_SEGMENT_DOCS"],
                create_missing=False,
            )
        )

    def add(self, docs: Iterable[IndexedStory], timeout: float | None = None) -> int:
        with self._reading():
            return self.index.add_many(docs, timeout=timeout)

    def remove(self, story_ids: Iterable[str]) -> None:
        with self._reading():
            self.index.remove_many(story_ids, scrub=True)

    def queue_removal(self, story_ids: Iterable[str]) -> None:
        for story_id in story_ids:
            if db.session.get(IndexRemoval, story_id) is None:
                db.session.add(IndexRemoval(story_id=story_id))

    def purge_pending(self, timeout: float | None = None, limit: int = 500) -> set[str]:
        """Remove queued stories from the index (cheap when none wait: one indexed read, so searches
        call it before every query); return the ids still waiting."""
        pending = list(db.session.scalars(select(IndexRemoval.story_id).limit(limit)))
        if not pending:
            return set()
        try:
            # Marked deleted only: searches stop finding them at once; rewriting the segments that
            # held them (so no file keeps their words) is ``purge_residue``.
            with self._reading():
                self.index.remove_many(pending, timeout=timeout, scrub=False)
        except (IndexBusy, SearchUnavailable):
            # Busy, or unreadable and waiting for its rebuild (which leaves these stories out anyway).
            log.warning("index busy; %d queued removals stay masked until the next try", len(pending))
            return set(pending)
        db.session.execute(delete(IndexRemoval).where(IndexRemoval.story_id.in_(pending)))
        db.session.commit()
        return set()

    def rebuild(self, docs: Iterator[IndexedStory], procs: int = 1, fresh: bool = False) -> int:
        """The index is only a cache, and deleting its folder is how a damaged one is thrown away: if
        the folder is gone (even under a process that had the index open), was written by an older
        release, or cannot be read (``fresh``, or its table of contents is unreadable), an empty index
        is created first."""
        if fresh or not self.index.readable() or not self.index.is_current():
            self.index.recreate()
        count = self.index.rebuild(docs, procs=procs)
        self.index.forget()  # every thread's next search opens the new index
        return count

    def query(
        self,
        text: str,
        tags: Sequence[str] = (),
        language: str | None = None,
        page: int = 1,
        per_page: int = 10,
        max_chars: int = 500,
        exclude_ids: Iterable[str] = (),
        without_warnings: Sequence[str] = (),
        snippets: bool = True,
        only_ids: Iterable[str] | None = None,
        count_ids: Iterable[str] | None = None,
        heard: bool = False,
    ) -> SearchPage:
        with self._reading():
            return self.index.query(
                text,
                tags=tags,
                language=language,
                page=page,
                per_page=per_page,
                max_chars=max_chars,
                exclude_ids=exclude_ids,
                without_warnings=without_warnings,
                snippets=snippets,
                only_ids=only_ids,
                count_ids=count_ids,
                heard=heard,
            )

    def marked_words(self, text: str) -> frozenset[str]:
        return self.index.marked_words(text)

    def first_mark(self, body: str, words: frozenset[str], language: str = "") -> int | None:
        return first_mark(body, words)

    def purge_residue(self, timeout: float | None = None) -> bool:
        return self.index.scrub(timeout=timeout)

    def snapshot(self, dest: Path) -> None:
        self.index.copy_to(dest)

    def health(self) -> Health:
        try:
            return Health(ok=True, stories=self.index.doc_count())
        except Exception as err:  # a deleted or damaged index: say so, searches cannot be answered
            return Health(ok=False, problem=f"{type(err).__name__}: {err}")

    def heard_ids(self) -> set[str]:
        with self._reading():
            return self.index.heard_ids()

    def contains(self, story_id: str) -> bool:
        return self.index.contains(story_id)

    def doc_count(self) -> int:
        return self.index.doc_count()

    def prepare(self) -> bool:
        current = self.index.is_current()
        self.index.open(create=True)  # on first run creates the index
        return current

    def close(self) -> None:
        self.index.close()
