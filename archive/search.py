"""The search index: a cache of published, redacted stories, rebuilt from the database by ``reindex``.

Narrow interface: ``add``/``add_many``, ``remove``, ``rebuild``, ``query``. The index holds only
stories that pass the publication rule at the time they were written, and views re-check the rule on
every hit, so a stale index can hide a story but never reveal one. All writes go through one Whoosh
writer at a time, waiting at most ``writer_timeout`` seconds for the lock.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import bleach
from markupsafe import escape
from whoosh import highlight, index, qparser, sorting, writing
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.index import LockError
from whoosh.query import And, Every, Or, Query, Term
from whoosh.reading import SegmentReader

from .errors import ArchiveError, ValidationFailed


def _combining_marks() -> str:
    """Return a regex character class body of the Basic Multilingual Plane's combining marks.

    Python's ``\\w`` leaves out vowel signs and viramas (Unicode Mn/Mc), which would cut Hindi, Bengali,
    Tamil or Amharic words into pieces; the tokenizer treats them as part of a word.
    """
    ranges, start, prev = [], None, None
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc"):
            if start is None:
                start = cp
            elif cp != prev + 1:
                ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


_WORD = rf"[\w{_combining_marks()}]+"
ANALYZER = StemmingAnalyzer(expression=rf"{_WORD}(?:\.?{_WORD})*")

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=ANALYZER, stored=True, field_boost=2.0),
    body=TEXT(analyzer=ANALYZER, stored=True),
    tags=KEYWORD(stored=True, commas=True),
    warnings=KEYWORD(stored=True, commas=True),
    language=ID(stored=True),
    published=DATETIME(stored=True, sortable=True),
)

# Only what educators need from a query language: words, "phrases", AND/OR/NOT, grouping, boosts.
# Fields, ranges and wildcards are left out: fields reach stored ids, and wildcards expand without bound.
_REMOVED_PLUGINS = (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin, qparser.EveryPlugin)

_SNIPPET_TAGS = ["mark"]

# Bump when SCHEMA or ANALYZER changes: `story-archive init` (and `serve`) then rebuilds the index.
SCHEMA_VERSION = 2
_VERSION_FILE = "schema-version"


class IndexBusy(ArchiveError):
    status = 503


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


@dataclass
class Hit:
    id: str
    title: str
    snippet: str
    tags: list[str]
    warnings: list[str]
    language: str


@dataclass
class SearchPage:
    query: str
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _rewrite_segments_with_deletions(writer, segments):
    """Whoosh merge policy: rewrite every segment that has deleted documents, then merge small ones."""
    kept = []
    for segment in segments:
        if segment.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return writing.MERGE_SMALL(writer, kept)


class SearchIndex:
    """A Whoosh index on disk, opened lazily, with one cached searcher per thread."""

    def __init__(self, path: str | Path, writer_timeout: float = 15.0):
        self.path = Path(path)
        self.writer_timeout = writer_timeout
        self._ix: index.Index | None = None
        self._open_lock = threading.Lock()
        self._local = threading.local()

    # -- opening -------------------------------------------------------------------------------
    def _index(self) -> index.Index:
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    if index.exists_in(str(self.path)):
                        self._ix = index.open_dir(str(self.path))
                    else:
                        self._ix = self._create()
        return self._ix

    def _create(self) -> index.Index:
        ix = index.create_in(str(self.path), SCHEMA)
        (self.path / _VERSION_FILE).write_text(str(SCHEMA_VERSION))
        return ix

    def is_current(self) -> bool:
        """Whether the index on disk was built with this code's schema and analyzers."""
        if not index.exists_in(str(self.path)):
            return True  # it will be created with the current schema
        version = self.path / _VERSION_FILE
        return version.exists() and version.read_text().strip() == str(SCHEMA_VERSION)

    def recreate(self) -> None:
        """Throw the index away and create an empty one with the current schema (then rebuild it)."""
        import shutil

        with self._open_lock:
            self.close()
            self._ix = None
            if self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir(parents=True)
            self._ix = self._create()

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._index().searcher()
        elif not searcher.up_to_date():
            # A fresh searcher, not searcher.refresh(): refresh() reuses segment readers by segment
            # id and so keeps showing documents deleted from a segment that was not rewritten.
            searcher.close()
            searcher = self._index().searcher()
        self._local.searcher = searcher
        return searcher

    def _writer(self, timeout: float | None = None, **kwargs):
        try:
            return self._index().writer(timeout=self.writer_timeout if timeout is None else timeout, **kwargs)
        except LockError as err:
            raise IndexBusy("The search index is busy; please try again in a moment.") from err

    # -- writing -------------------------------------------------------------------------------
    @staticmethod
    def _fields(doc: IndexedStory) -> dict:
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
        return fields

    def add(self, doc: IndexedStory) -> None:
        """Add or replace one story."""
        self.add_many([doc])

    def add_many(self, docs: Iterable[IndexedStory]) -> int:
        """Add or replace several stories in one commit; return how many were written."""
        writer = self._writer()
        count = 0
        try:
            for doc in docs:
                writer.update_document(**self._fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return count

    def remove(self, story_id: str) -> None:
        """Remove one story (see ``remove_many``)."""
        self.remove_many([story_id])

    def remove_many(self, story_ids: Iterable[str], timeout: float | None = None) -> None:
        """Remove stories and rewrite the segments that held them, so their words leave the files.

        A plain Whoosh delete only marks documents as deleted; their terms and stored text stay in the
        segment files until that segment is merged. Withdrawal promises the words are gone, so every
        segment with deletions is rewritten in the same commit.
        """
        writer = self._writer(timeout=timeout)
        try:
            for story_id in story_ids:
                writer.delete_by_term("id", story_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=_rewrite_segments_with_deletions)

    def rebuild(self, docs: Iterable[IndexedStory], procs: int = 1, limitmb: int = 128) -> int:
        """Replace the whole index with ``docs`` in one commit (old segments are dropped)."""
        kwargs = {"limitmb": limitmb}
        if procs > 1:
            kwargs.update(procs=procs, multisegment=True)
        writer = self._writer(**kwargs)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**self._fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)
        return count

    def copy_to(self, dest: str | Path) -> None:
        """Copy the index files to ``dest`` while holding the write lock (a consistent snapshot)."""
        import shutil

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
        parser = qparser.MultifieldParser(["title", "body"], SCHEMA, group=qparser.AndGroup)
        for plugin_class in _REMOVED_PLUGINS:
            parser.remove_plugin_class(plugin_class)
        return parser

    def parse(self, text: str) -> Query:
        """Parse an educator's query; anything the grammar cannot use is taken as plain words."""
        try:
            return self._parser.parse(text)
        except Exception:  # the grammar gave up on odd input: search the words themselves
            return self._parser.parse(" ".join(re.findall(r"\w+", text)))

    def query(
        self,
        text: str,
        tags: Sequence[str] = (),
        language: str | None = None,
        page: int = 1,
        per_page: int = 10,
        max_chars: int = 500,
        exclude_ids: Iterable[str] = (),
    ) -> SearchPage:
        """Search redacted stories; empty ``text`` lists the newest first; ``exclude_ids`` are masked."""
        text = (text or "").strip()
        if len(text) > max_chars:
            raise ValidationFailed({"q": [f"Search for at most {max_chars} characters."]})
        page = max(1, page)
        searcher = self._searcher()
        q: Query = self.parse(text) if text else Every()
        filters: list[Query] = [Term("tags", t) for t in tags]
        if language:
            filters.append(Term("language", language))
        filt = And(filters) if filters else None
        excluded = [Term("id", story_id) for story_id in exclude_ids]
        mask = Or(excluded) if excluded else None
        facets = {
            "tags": sorting.FieldFacet("tags", allow_overlap=True),
            "language": sorting.FieldFacet("language"),
        }
        sortedby = None if text else sorting.FieldFacet("published", reverse=True)
        results = searcher.search_page(
            q,
            page,
            pagelen=per_page,
            filter=filt,
            mask=mask,
            groupedby=facets,
            maptype=sorting.Count,
            sortedby=sortedby,
            terms=bool(text),
        )
        results.results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
        results.results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        hits = []
        if page <= results.pagecount or results.total == 0:
            for hit in results:
                snippet = hit.highlights("body", top=2) if text else ""
                if not snippet:
                    snippet = str(escape(hit["body"][:240]))
                hits.append(
                    Hit(
                        id=hit["id"],
                        title=hit["title"],
                        snippet=bleach.clean(snippet, tags=_SNIPPET_TAGS, attributes={}, strip=True),
                        tags=[t for t in hit.get("tags", "").split(",") if t],
                        warnings=[t for t in hit.get("warnings", "").split(",") if t],
                        language=hit.get("language", ""),
                    )
                )
        groups = results.results
        facet_counts = {
            name: sorted(
                ((k, v) for k, v in groups.groups(name).items() if k),
                key=lambda kv: (-kv[1], kv[0]),
            )
            for name in facets
        }
        return SearchPage(
            query=text, hits=hits, total=results.total, page=page, per_page=per_page, facets=facet_counts
        )

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None
