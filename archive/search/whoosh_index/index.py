"""The Whoosh index on disk (``SearchIndex``): opened lazily, one cached searcher per thread, all writes
through one writer at a time (waiting at most ``writer_timeout`` for the lock), and queries answered
with the faster paths of ``matching``, ``scoring`` and ``facets``.

Fields: queries name ``title`` and ``body`` (stemmed words with their positions), and Whoosh's BM25F
scores them. Two more are derived from the body as it is written and never scored: ``body_pairs``, each
pair of neighbouring words, which answers a phrase without reading positions, and ``body_counts``, the
body's words and counts without positions, from which matching and scoring read: Whoosh stores a
block's positions in the same compressed pickle as its documents and counts, and they are most of its
bytes. An index written before these fields (``SCHEMA_VERSION``) is still searched, the slower way,
until ``init``/``serve``/``reindex`` rebuilds it.

Answering a query: the matching documents come from whole posting lists and set operations; scores for
all of them are computed in bulk from counts and cached lengths; only the page's candidates are ranked
by Whoosh's own matchers, so the order is exactly Whoosh's; totals and facet counts are exact.
``bench/search.py`` measures it against plain Whoosh on the same index."""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from whoosh import collectors, index, qparser, writing
from whoosh.fields import Schema
from whoosh.index import LockError
from whoosh.query import Query

from archive.errors import ValidationFailed
from archive.search.backend import Hit, IndexBusy, IndexedStory, SearchPage

from .analysis import COUNTS_OF, PAIRS_OF, SCHEMA, SCHEMA_VERSION, VERSION_FILE, query_parser, words_parser
from .facets import Facets, as_bits, facet_counts, narrowed
from .matching import matching_docs, positive_terms
from .postings import postings_of_one_query
from .scoring import bulk_scores, rank_by_whoosh
from .segments import needs_scrub, segment_policy
from .snippets import snippet_fragments

# The ``heard`` field's one value (a story that may not be heard has no ``heard`` term).
HEARD = "yes"


class SearchIndex:
    """A Whoosh index on disk, opened lazily, with one cached searcher per thread."""

    def __init__(
        self,
        path: str | Path,
        writer_timeout: float = 15.0,
        segment_docs: int = 1000,
        create_missing: bool = True,
    ):
        self.path = Path(path)
        # Whether a first use makes an empty index where there is none. The app's says no: there the
        # index is made by ``prepare`` at start, and one missing later was deleted (see ``_index``).
        self.create_missing = create_missing
        self.writer_timeout = writer_timeout
        # The most stories one segment holds: what scrubbing after a withdrawal rewrites at most.
        self.segment_docs = max(1, int(segment_docs))
        self._ix: index.Index | None = None
        self._open_lock = threading.Lock()
        self._local = threading.local()
        # Raised by ``forget``: a thread's cached searcher of an older epoch is thrown away unused.
        self._epoch = 0

    # -- opening -------------------------------------------------------------------------------
    def _index(self, create: bool | None = None) -> index.Index:
        """The open index; with ``create`` (by default ``create_missing``) an empty one is made where
        there is none.

        Without it a missing index is an error, never quietly a new empty one: a search that found
        nothing because the folder was deleted would look like a library with no stories.
        """
        create = self.create_missing if create is None else create
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    if create and not index.exists_in(str(self.path)):
                        self.path.mkdir(parents=True, exist_ok=True)
                        self._ix = self._create()
                    else:
                        self._ix = index.open_dir(str(self.path))
        return self._ix

    def _create(self) -> index.Index:
        ix = index.create_in(str(self.path), SCHEMA)
        (self.path / VERSION_FILE).write_text(str(SCHEMA_VERSION))
        return ix

    def is_current(self) -> bool:
        """Whether the index on disk was built with this code's schema and analyzers."""
        if not index.exists_in(str(self.path)):
            return True  # it will be created with the current schema
        version = self.path / VERSION_FILE
        return version.exists() and version.read_text().strip() == str(SCHEMA_VERSION)

    def recreate(self) -> None:
        """Throw the index away and create an empty one with the current schema (then rebuild it)."""

        with self._open_lock:
            self._drop_searcher()
            self._ix = None
            self._epoch += 1
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir(parents=True)
            self._ix = self._create()

    def open(self, create: bool = False) -> None:
        """Open the index now (with ``create``, making an empty one where there is none)."""
        self._index(create=create)

    def forget(self) -> None:
        """Drop the open index and every thread's cached searcher (each thread's at its next use).

        After the index was found damaged, or rebuilt: a thread keeping a searcher of the old files
        went on failing (or answering from them) until the process restarted.
        """
        with self._open_lock:
            self._ix = None
            self._epoch += 1
        self._drop_searcher()

    def readable(self) -> bool:
        """Whether the index exists and its table of contents can be read."""
        try:
            index.open_dir(str(self.path)).doc_count_all()
        except Exception:  # missing, truncated or garbled files: not readable, whatever the error
            return False
        return True

    def _drop_searcher(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        self._local.facets = None
        if searcher is not None:
            with contextlib.suppress(Exception):  # its files may be gone: closing is all we can try
                searcher.close()

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and getattr(self._local, "epoch", None) != self._epoch:
            self._drop_searcher()
            searcher = None
        if searcher is None:
            searcher = self._index().searcher()
        else:
            try:
                current = searcher.up_to_date()
            except Exception:  # the files it read are gone: open the index again
                current = False
            if not current:
                # A fresh searcher, not searcher.refresh(): refresh() reuses segment readers by segment
                # id and so keeps showing documents deleted from a segment that was not rewritten.
                self._drop_searcher()
                searcher = self._index().searcher()
        self._local.searcher = searcher
        self._local.epoch = self._epoch
        return searcher

    def _writer(self, timeout: float | None = None, **kwargs):
        try:
            return self._index().writer(timeout=self.writer_timeout if timeout is None else timeout, **kwargs)
        except LockError as err:
            raise IndexBusy("The search index is busy; please try again in a moment.") from err

    # -- writing -------------------------------------------------------------------------------
    def _fields(self, doc: IndexedStory, schema: Schema | None = None) -> dict:
        """The fields to write for ``doc`` into an index of ``schema`` (by default the one on disk)."""
        fields = {
            "id": doc.id,
            "title": doc.title,
            "body": doc.body,
            "tags": ",".join(doc.tags),
            "warnings": ",".join(doc.warnings),
            "language": doc.language,
        }
        if doc.published is not None:
            fields["published"] = doc.published
        schema = self._index().schema if schema is None else schema
        if doc.heard and "heard" in schema:
            fields["heard"] = HEARD
        for source, derived in itertools.chain(PAIRS_OF.items(), COUNTS_OF.items()):
            if derived in schema:  # not in an index built before it: that one is written as it is
                fields[derived] = fields[source]
        return fields

    def add(self, doc: IndexedStory) -> None:
        """Add or replace one story."""
        self.add_many([doc])

    def add_many(self, docs: Iterable[IndexedStory], timeout: float | None = None) -> int:
        """Add or replace several stories in one commit (waiting ``timeout`` for the lock, by default
        ``writer_timeout``); return how many were written."""
        writer = self._writer(timeout=timeout)
        count = 0
        try:
            for doc in docs:
                writer.update_document(**self._fields(doc, writer.schema))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=segment_policy(self._index(), self.segment_docs, scrub=False))
        return count

    def remove(self, story_id: str) -> None:
        """Remove one story (see ``remove_many``)."""
        self.remove_many([story_id])

    def remove_many(self, story_ids: Iterable[str], timeout: float | None = None, scrub: bool = True) -> None:
        """Remove stories; with ``scrub``, also rewrite the segments that held them (see ``scrub``).

        Without ``scrub`` the commit only marks the documents deleted: no search finds them from the
        next searcher on, but their words stay in the segment files until ``scrub`` runs.
        """
        writer = self._writer(timeout=timeout)
        try:
            for story_id in story_ids:
                writer.delete_by_term("id", story_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=segment_policy(self._index(), self.segment_docs, scrub=scrub))

    def has_deleted_documents(self) -> bool:
        """Whether some segment still holds the words of documents marked deleted (in its files)."""
        return any(needs_scrub(segment) for segment in self._index()._segments())

    def scrub(self, timeout: float | None = None) -> bool:
        """Rewrite every segment that holds deleted documents, so no index file keeps their words.

        Stored fields (title, text, tags), the terms dictionary and the postings of a deleted document
        all live in its segment's files until the segment is rewritten without it. Each segment is
        rewritten on its own, so the cost is that of the segments touched (at most ``segment_docs``
        stories each), not of the index. Returns False when there was nothing to rewrite.
        """
        if not self.has_deleted_documents():
            return False
        writer = self._writer(timeout=timeout)
        writer.commit(mergetype=segment_policy(self._index(), self.segment_docs, scrub=True))
        return True

    def segment_sizes(self) -> list[int]:
        """The number of documents (deleted ones included) in each segment."""
        return [segment.doc_count_all() for segment in self._index()._segments()]

    def rebuild(self, docs: Iterable[IndexedStory], procs: int = 1, limitmb: int = 128) -> int:
        """Replace the whole index with ``docs`` in one commit (old segments are dropped).

        With one process the documents are written into segments of at most ``segment_docs`` each (by
        unlocked segment writers, under this writer's lock), so that a later scrub stays cheap. With
        several processes Whoosh writes one segment per process.
        """
        if procs > 1:
            return self._rebuild_multiprocess(docs, procs, limitmb)
        ix = self._index()
        writer = self._writer(limitmb=limitmb)
        segments, sub, count = [], None, 0
        try:
            for doc in docs:
                if sub is None:
                    sub = writing.SegmentWriter(ix, _lk=False, limitmb=limitmb)
                sub.add_document(**self._fields(doc))
                count += 1
                if sub.doc_count() >= self.segment_docs:
                    segments.append(sub._finalize_segment())
                    sub = None
            if sub is not None:
                segments.append(sub._finalize_segment())
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=lambda _writer, _old: segments)  # the old segments are dropped
        return count

    def _rebuild_multiprocess(self, docs: Iterable[IndexedStory], procs: int, limitmb: int) -> int:
        writer = self._writer(limitmb=limitmb, procs=procs, multisegment=True)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**self._fields(doc, writer.schema))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)
        return count

    def copy_to(self, dest: str | Path) -> None:
        """Copy the index files to ``dest`` while holding the write lock (a consistent snapshot)."""

        writer = self._writer()
        try:
            shutil.copytree(self.path, dest, ignore=shutil.ignore_patterns("*.lock", "*_LOCK"))
        finally:
            writer.cancel()

    def contains(self, story_id: str) -> bool:
        return self._searcher().document_number(id=story_id) is not None

    def doc_count(self) -> int:
        return self._searcher().doc_count()

    # -- reading -------------------------------------------------------------------------------
    @functools.cached_property
    def _parser(self) -> qparser.QueryParser:
        return query_parser()

    @functools.cached_property
    def _words_parser(self) -> qparser.QueryParser:
        return words_parser()

    def parse(self, text: str) -> Query:
        """Parse an educator's query; anything the grammar cannot use is taken as plain words.

        The fallback reads the words with a parser that knows no operators at all: the words of
        ``NOT NOT NOT`` are operators again to the first parser, which is how the old fallback failed.
        """
        try:
            return self._parser.parse(text)
        except Exception:  # Whoosh's grammar raises bare IndexError/ValueError on odd input
            return self._words_parser.parse(" ".join(re.findall(r"\w+", text)))

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
        """Search redacted stories; empty ``text`` lists the newest first; ``exclude_ids`` are masked,
        and with ``only_ids`` only those stories are searched (``count_ids``: how many matches are
        among these, as ``facets["ids"]``); with ``heard`` only those indexed as heard, whose matches
        ``facets["heard"]`` counts in any case.

        Stories carrying any of ``without_warnings`` are left out (``SearchPage.left_out`` says how many
        matches that took away). The total and the facet counts come from the set of matching documents
        intersected with sets kept per searcher (``Facets``), and only the page's hits are ranked in
        full: Whoosh's ``groupedby`` would instead rebuild the tag lists and score every match on every
        query. Without ``snippets`` the hits carry no snippet (an export reads the text elsewhere).
        """
        text = (text or "").strip()
        if len(text) > max_chars:
            raise ValidationFailed({"q": [f"Search for at most {max_chars} characters."]})
        page = max(1, page)
        searcher = self._searcher()
        facets = self._facets(searcher)
        q = self.parse(text) if text else None

        restrict: set[int] | None = None  # the documents the filters and the mask leave
        for tag in tags:
            restrict = narrowed(restrict, facets.tags.get(tag, frozenset()))
        if language:
            restrict = narrowed(restrict, facets.languages.get(language, frozenset()))
        if only_ids is not None:
            restrict = narrowed(restrict, frozenset(facets.docnums(only_ids)))
        if heard:
            restrict = narrowed(restrict, facets.heard.get(HEARD, frozenset()))
        masked = _docnums(searcher, exclude_ids)
        if masked:
            restrict = (set(facets.live) if restrict is None else restrict) - masked

        with postings_of_one_query():
            scores = bulk_scores(searcher, q, facets) if q is not None else None
            if q is None:
                matched = facets.live if restrict is None else restrict
            elif scores is not None:
                matched = set(scores) if restrict is None else restrict.intersection(scores)
            else:
                matched = matching_docs(searcher, q, facets.live)
                if restrict is not None:
                    matched &= restrict
            left_out = 0
            if without_warnings:
                # After matching, not in `restrict`, so that what was left out can be counted.
                excluded: set[int] = set()
                for warning in without_warnings:
                    excluded |= facets.warnings.get(warning, frozenset())
                if excluded:
                    before = len(matched)
                    matched = matched - excluded
                    left_out = before - len(matched)
            total = len(matched)
            first = (page - 1) * per_page
            if first >= total:
                docnums: list[int] = []
            elif q is None:
                docnums = list(
                    itertools.islice((n for n in facets.newest if n in matched), first, first + per_page)
                )
            elif scores is not None:
                docnums = rank_by_whoosh(searcher, q, matched, scores, first + per_page)[first:]
            else:
                # Whoosh's default collector "replaces" matchers as its threshold rises: a union of title and
                # body whose body side can no longer reach the threshold alone is replaced by its title side,
                # and a story matching both then loses the body's share of its score (bench/search.py found
                # a page ranked differently from the same query's full scoring). No replacing here.
                collector: collectors.Collector = collectors.TopCollector(
                    limit=first + per_page, usequality=True, replace=0
                )
                if restrict is not None or left_out:
                    collector = collectors.FilterCollector(collector, allow=matched)
                searcher.search_with_collector(q, collector)
                ranked = collector.results()
                docnums = [ranked.docnum(i) for i in range(first, min(len(ranked.top_n), first + per_page))]

        highlight_words = positive_terms(q, "body") if q is not None else frozenset()
        hits = []
        for docnum in docnums:
            stored = searcher.stored_fields(docnum)
            fragments = snippet_fragments(stored.get("body", ""), highlight_words) if snippets else []
            hits.append(
                Hit(
                    id=stored["id"],
                    title=stored.get("title", ""),
                    snippet=" … ".join(f.html for f in fragments),
                    tags=[t for t in stored.get("tags", "").split(",") if t],
                    warnings=[t for t in stored.get("warnings", "").split(",") if t],
                    language=stored.get("language", ""),
                    fragments=fragments,
                    heard=stored.get("heard") == HEARD,
                )
            )
        matched_bits = as_bits(matched, facets.size)
        counts = {
            "tags": facet_counts(facets.bits("tags"), matched_bits),
            "language": facet_counts(facets.bits("languages"), matched_bits),
            "warnings": facet_counts(facets.bits("warnings"), matched_bits),
            "heard": facet_counts(facets.bits("heard"), matched_bits),
        }
        if count_ids is not None:
            counts["ids"] = [("counted", len(matched & facets.docnums(count_ids)))]
        return SearchPage(
            query=text, hits=hits, total=total, page=page, per_page=per_page, facets=counts, left_out=left_out
        )

    def heard_ids(self) -> set[str]:
        """The ids of the live stories indexed as heard."""
        searcher = self._searcher()
        docs = self._facets(searcher).heard.get(HEARD, frozenset())
        return {searcher.stored_fields(n)["id"] for n in docs}

    def marked_words(self, text: str) -> frozenset[str]:
        """The analysed words a snippet marks for the query ``text`` (see ``first_mark``)."""
        text = (text or "").strip()
        return positive_terms(self.parse(text), "body") if text else frozenset()

    def _facets(self, searcher) -> Facets:
        cached = getattr(self._local, "facets", None)
        if cached is None or cached.searcher is not searcher:
            cached = Facets.read(searcher)
            self._local.facets = cached
        return cached

    def close(self) -> None:
        self._drop_searcher()


def _docnums(searcher, story_ids: Iterable[str]) -> set[int]:
    """The live document numbers of these stories (ids not in the index are left out)."""
    return {n for n in (searcher.document_number(id=i) for i in story_ids) if n is not None}
