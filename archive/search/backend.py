"""The search seam: what the archive asks of a search index, whichever holds it (``SearchBackend``),
and what goes in and comes out (``IndexedStory``, ``SearchPage`` with its ``Hit``s and ``Fragment``s).

The index is a cache of published, redacted stories, rebuilt from the database by ``reindex``. It holds
only stories that passed the publication rule when they were written, and views re-check the rule on
every hit, so a stale index can hide a story but never reveal one.

Two kinds of backend fit: one that lives apart from the database (Whoosh on disk, the embedded
default), written after each commit, with a queue of removals kept in the database so a removal is
never lost to a busy index; and one inside the database (PostgreSQL full-text), written in the same
transaction as publication, narrowing and withdrawal, whose queue is then always empty.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from archive.clock import clock
from archive.errors import ArchiveError


class IndexBusy(ArchiveError):
    status = 503


REBUILDING = "Search is being rebuilt. Please try again in a few minutes; nothing else is affected."


class SearchUnavailable(ArchiveError):
    """The index could not be read (deleted or damaged): searches wait for its rebuild (503). The
    message says only that: never the error, a path or a file of the index."""

    status = 503

    def __init__(self):
        super().__init__(REBUILDING)


@dataclass(frozen=True)
class IndexedStory:
    """What the index keeps of a published story: redacted text and metadata, nothing else."""

    id: str
    title: str
    body: str
    tags: Sequence[str] = ()
    warnings: Sequence[str] = ()
    language: str = ""
    published: datetime | None = None
    # Whether an educator may hear the story's recording now (the rule allows the audio and the
    # published recording exists): kept with the document so that the "Can be heard" filter and its
    # count are the index's own, never a list of every audible story handed in with each search.
    heard: bool = False


@dataclass
class Fragment:
    """One stretch of a snippet: HTML with the searched words in <mark>, and where its first marked
    word starts in the stored body (None for the opening shown when nothing is marked). The library
    turns ``offset`` into the moment the word is heard (``seconds``) for a recorded story."""

    html: str
    offset: int | None = None
    seconds: float | None = None

    @property
    def second(self) -> int | None:
        """The whole second to start listening at (the word starts within it), or None."""
        return None if self.seconds is None else max(0, int(self.seconds))

    @property
    def clock(self) -> str:
        """``second`` as a listener reads it: 2:14, or 1:02:14 past an hour; "" without a time."""
        return clock(self.seconds)


@dataclass
class Hit:
    id: str
    title: str
    snippet: str
    tags: list[str]
    warnings: list[str]
    language: str
    fragments: list[Fragment] = field(default_factory=list)
    heard: bool = False  # what the index says (``IndexedStory.heard``); the library asks the rule again


@dataclass
class SearchPage:
    query: str
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # Matching stories left out because they carry a content warning the educator chose to leave out.
    left_out: int = 0
    # What the caller learnt of each hit from its own records, by story id (the library: recorded or
    # typed, and for how long it may be heard); the index itself leaves it empty.
    listening: dict[str, object] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass(frozen=True)
class Health:
    """Whether searches can be answered now; ``stories`` indexed, or why not (``problem``)."""

    ok: bool
    stories: int | None = None
    problem: str = ""


class SearchBackend(ABC):
    """Where the library's searches run. Every method but ``queue_removal`` runs after the caller's
    commit (or outside any transaction)."""

    # Whether a removal may leave the words of a story in the index's storage until ``purge_residue``
    # runs (a scrub job is then sent after a withdrawal).
    needs_scrub = True

    @abstractmethod
    def add(self, docs: Iterable[IndexedStory], timeout: float | None = None) -> int:
        """Add or replace these stories; return how many were written. ``timeout``: how long to wait
        for a lock (the backend's own default when None); IndexBusy past it."""

    @abstractmethod
    def remove(self, story_ids: Iterable[str]) -> None:
        """Take these stories out now, leaving none of their words in the index's storage."""

    @abstractmethod
    def queue_removal(self, story_ids: Iterable[str]) -> None:
        """In the caller's transaction: these stories leave the index when it commits, whatever
        happens to the process after (``purge_pending`` then applies what the index could not)."""

    @abstractmethod
    def purge_pending(self, timeout: float | None = None) -> set[str]:
        """After a commit: apply the queued removals; return the ids still waiting (the index was
        busy), which queries must leave out (``exclude_ids``)."""

    @abstractmethod
    def rebuild(self, docs: Iterator[IndexedStory], procs: int = 1, fresh: bool = False) -> int:
        """Replace the whole index with ``docs`` (a new, empty one if it was missing or of an older
        layout, or with ``fresh``: one found damaged); return how many were indexed."""

    @abstractmethod
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
        """Search: ``text`` in the query language (words, "phrases", AND/OR/NOT; empty: the newest
        first), with all of ``tags``, in ``language``, none of ``without_warnings`` (``left_out`` counts
        what they took away), ``exclude_ids`` masked, only ``only_ids`` when given, with ``heard`` only
        stories indexed as heard; exact totals and facet counts, ``facets["heard"]`` the matches indexed
        as heard (``[("yes", n)]``, or ``[]`` for none), and with ``count_ids`` how many matches are
        among them (``facets["ids"]``, one pair ``("counted", n)``). Raise ValidationFailed for a query
        over ``max_chars``."""

    @abstractmethod
    def marked_words(self, text: str) -> frozenset[str]:
        """The words a snippet marks for the query ``text``, in the form ``first_mark`` reads."""

    @abstractmethod
    def first_mark(self, body: str, words: frozenset[str], language: str = "") -> int | None:
        """Where the first of ``words`` (from ``marked_words``) starts in ``body`` (a story in
        ``language``), or None."""

    @abstractmethod
    def purge_residue(self, timeout: float | None = None) -> bool:
        """Rewrite whatever storage still holds the words of stories taken out (a removal may only mark
        them deleted); return whether there was any. Raise IndexBusy when it cannot wait that long."""

    @abstractmethod
    def snapshot(self, dest: Path) -> None:
        """Copy a consistent state of the index to the new folder ``dest`` (a backup)."""

    @abstractmethod
    def health(self) -> Health:
        """Whether searches can be answered now."""

    @abstractmethod
    def heard_ids(self) -> set[str]:
        """The stories indexed as heard (``IndexedStory.heard``), to compare with the database."""

    @abstractmethod
    def contains(self, story_id: str) -> bool:
        """Whether a search could find this story now."""

    @abstractmethod
    def doc_count(self) -> int:
        """How many stories a search could find now."""

    @abstractmethod
    def prepare(self) -> bool:
        """Open the index, creating an empty one if there is none; return False when it was built by an
        older release and must be rebuilt (``rebuild``)."""

    @abstractmethod
    def close(self) -> None:
        """Let go of open files and connections (tests, shutdown)."""
