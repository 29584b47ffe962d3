"""The search index: a cache of published, redacted stories, rebuilt from the database by ``reindex``.

Narrow interface: ``add``/``add_many``, ``remove``, ``rebuild``, ``query``. The index holds only
stories that pass the publication rule at the time they were written, and views re-check the rule on
every hit, so a stale index can hide a story but never reveal one. All writes go through one Whoosh
writer at a time, waiting at most ``writer_timeout`` seconds for the lock.

Fields: queries name ``title`` and ``body`` (stemmed words with their positions), and Whoosh's BM25F
scores them. Two more are derived from the body as it is written and never scored: ``body_pairs``, each
pair of neighbouring words, which answers a phrase without reading positions (``_phrase_docs``), and
``body_counts``, the body's words and counts without positions, from which matching and scoring read
(``_postings``): Whoosh stores a block's positions in the same compressed pickle as its documents and
counts, and they are most of its bytes. An index written before these fields (``SCHEMA_VERSION``) is
still searched, the slower way, until ``init``/``serve``/``reindex`` rebuilds it.

Answering a query (``SearchIndex.query``): the matching documents come from whole posting lists and set
operations; scores for all of them are computed in bulk from counts and cached lengths
(``_bulk_scores``); only the page's candidates are ranked by Whoosh's own matchers
(``_rank_by_whoosh``), so the order is exactly Whoosh's; totals and facet counts are exact
(``_counts``). ``bench/search.py`` measures it against plain Whoosh on the same index.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import heapq
import itertools
import math
import operator
import pickle
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from markupsafe import escape
from whoosh import collectors, formats, index, qparser, scoring, writing
from whoosh.analysis import Filter, StemFilter, StemmingAnalyzer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, FieldType, Schema
from whoosh.index import LockError
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Every, Not, NullQuery, Or, Phrase, Query, Term
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.system import _INT_SIZE

from .clock import clock
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
_TOKEN_EXPRESSION = rf"{_WORD}(?:\.?{_WORD})*"
ANALYZER = StemmingAnalyzer(expression=_TOKEN_EXPRESSION)
PAIR_SEPARATOR = " "  # never inside a word: the tokenizer splits on spaces


class WordPairFilter(Filter):
    """Join each word to the next one ("walk clinic"), over the words the body's analyzer keeps.

    Whoosh's ``BiWordFilter`` does the same but emits a lone word when a text has only one, and fails on
    a text with none; a story's body may be either. Stop words are gone and positions renumbered before
    this filter, exactly as in ``body``, so "walk to the clinic" gives the pair "walk clinic", the same
    two words Whoosh's phrase query "walk to the clinic" looks for side by side.
    """

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            text = token.text
            if previous is not None:
                token.text = previous + PAIR_SEPARATOR + text
                yield token
            previous = text


# The pickled schema names this filter (archive.search.WordPairFilter): keep the name while old
# indexes may be opened.
PAIR_ANALYZER = ANALYZER | WordPairFilter()
# Word pairs of `body`, to answer phrases from posting lists (see `_phrase_docs`): which stories hold a
# pair, nothing else (no frequencies, positions or stored text), so scores are untouched.
PAIRS_OF = {"body": "body_pairs"}
# The words of `body` again with their counts but without positions, for everything but a phrase's
# positions: `body`'s posting blocks are mostly positions, which Whoosh stores in the same compressed
# block as the documents and counts, so a search for a word in nearly every story read them all just
# to score it (see `_postings`). Same analyzer, so the same counts; scores take lengths and idf from
# `body` (the same numbers).
COUNTS_OF = {"body": "body_counts"}

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=ANALYZER, stored=True, field_boost=2.0),
    body=TEXT(analyzer=ANALYZER, stored=True),
    # scorable only so that Whoosh keeps their lengths: a field without them costs a file-exists check
    # per posting written (whoosh.codec.whoosh3 looks the missing lengths file up every time). Never
    # scored: queries name `title` and `body` only.
    body_pairs=FieldType(formats.Existence(), PAIR_ANALYZER, scorable=True),
    body_counts=FieldType(formats.Frequency(), ANALYZER, scorable=True),
    tags=KEYWORD(stored=True, commas=True),
    warnings=KEYWORD(stored=True, commas=True),
    language=ID(stored=True),
    published=DATETIME(stored=True, sortable=True),
)

# Only what educators need from a query language: words, "phrases", AND/OR/NOT, grouping, boosts.
# Fields, ranges and wildcards are left out: fields reach stored ids, and wildcards expand without bound.
_REMOVED_PLUGINS = (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin, qparser.EveryPlugin)

# Bump when SCHEMA or ANALYZER changes: `story-archive init` (and `serve`) then rebuilds the index.
# Until then an older index is still searched (without the faster paths that need the new fields).
# 3: the `body_pairs` and `body_counts` fields.
SCHEMA_VERSION = 3
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

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


# Folding small segments together pays only when there are a few of them (one per publish, otherwise).
_MERGE_FANIN = 4


def _segment_policy(index_, cap: int, scrub: bool):
    """Whoosh merge policy that keeps every segment at most ``cap`` documents.

    With ``scrub``, each segment holding deleted documents is rewritten on its own (a plain Whoosh
    delete only marks a document deleted: its words and stored text stay in the segment's files until
    the segment is rewritten). Rewriting costs time in proportion to the segment's size, which is why
    segments are capped: a withdrawal rewrites at most ``cap`` stories, whatever the archive's size.
    Small segments (one per publish) are folded into the commit's new segment, ``_MERGE_FANIN`` or more
    at a time, as long as the result stays within the cap.
    """

    def policy(writer, segments):
        kept, small = [], []
        for segment in segments:
            if scrub and segment.has_deletions():
                rewritten = _rewrite_alone(index_, writer, segment)
                if rewritten is not None:
                    kept.append(rewritten)
            elif segment.doc_count_all() < cap:
                small.append(segment)
            else:
                kept.append(segment)
        small.sort(key=lambda s: s.doc_count_all())
        total, fold = writer.doc_count(), []
        for segment in small:
            if total + segment.doc_count_all() > cap:
                break
            total += segment.doc_count_all()
            fold.append(segment)
        if len(fold) < _MERGE_FANIN:
            fold = []
        for segment in fold:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)  # deleted documents are left behind
            reader.close()
        return kept + [s for s in small if s not in fold]

    return policy


def _rewrite_alone(index_, writer, segment):
    """Copy ``segment``'s live documents into a new segment of their own; None if none are left.

    A second, unlocked segment writer does the copy (as Whoosh's multiprocessing writer does): the
    commit's own writer would merge every rewritten segment into one and break the cap. The caller
    holds the index lock and commits the new segment in place of the old one.
    """
    reader = SegmentReader(writer.storage, writer.schema, segment)
    try:
        if reader.doc_count() == 0:
            return None
        sub = writing.SegmentWriter(index_, _lk=False)
        sub.add_reader(reader)
        return sub._finalize_segment()
    finally:
        reader.close()


@dataclass
class _Facets:
    """What one searcher's documents look like, read once per searcher and reused by every query.

    ``tags``, ``warnings`` and ``languages`` map each value to the documents that carry it, ``live``
    is every document not deleted, ``newest`` the live documents by publication date, newest first. A
    searcher sees a fixed snapshot of the index, so this never goes stale; a new searcher (after any
    write) gets its own.
    """

    searcher: object
    live: frozenset[int]
    tags: dict[str, frozenset[int]]
    languages: dict[str, frozenset[int]]
    newest: list[int]
    warnings: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """One more than the highest document number (deleted documents included)."""
        return self.searcher.reader().doc_count_all()

    def bits(self, facet: str) -> dict[str, int]:
        """``tags``, ``warnings`` or ``languages`` with each value's documents as bits (see ``_bits``)."""
        cache = self.__dict__.setdefault("_bits", {})
        if facet not in cache:
            cache[facet] = {value: _bits(docs, self.size) for value, docs in getattr(self, facet).items()}
        return cache[facet]

    def lengths(self, fieldname: str) -> list[float]:
        """Every document's length in ``fieldname`` as the scorer sees it (quantised, 1 when absent)."""
        cache = self.__dict__.setdefault("_lengths", {})
        if fieldname not in cache:
            reader = self.searcher.reader()
            cache[fieldname] = [
                reader.doc_field_length(n, fieldname, 1) or 1 for n in range(reader.doc_count_all())
            ]
        return cache[fieldname]

    def norms(self, fieldname: str, k1: float, b: float) -> list[float]:
        """BM25F's length part per document, ``k1 * (1 - b + b * length / average length)``: the same
        for every query on this searcher, so computed once."""
        cache = self.__dict__.setdefault("_norms", {})
        key = (fieldname, k1, b)
        if key not in cache:
            average = self.searcher.avg_field_length(fieldname) or 1
            cache[key] = [k1 * ((1 - b) + b * length / average) for length in self.lengths(fieldname)]
        return cache[key]

    @classmethod
    def read(cls, searcher) -> _Facets:
        reader = searcher.reader()
        live = frozenset(reader.all_doc_ids())

        def by_value(fieldname: str) -> dict[str, frozenset[int]]:
            found = {}
            for term in reader.lexicon(fieldname):
                docs = frozenset(reader.postings(fieldname, term).all_ids())
                if docs:
                    found[term.decode("utf-8")] = docs
            return found

        if reader.has_column("published"):
            column = reader.column_reader("published", translate=False)
            newest = sorted(live, key=lambda n: (-(column[n] or 0), n))
        else:
            newest = sorted(live)
        return cls(searcher, live, by_value("tags"), by_value("language"), newest, by_value("warnings"))


def _matching_docs(searcher, q: Query, live: frozenset[int]) -> set[int]:
    """Return the document numbers ``q`` matches, as Whoosh's ``docs_for_query`` would, but faster.

    Words, AND, OR and NOT are answered with set operations on whole posting lists, read a block at a
    time (``_term_docs``); Whoosh's own matchers step through them one document at a time in Python,
    which took most of a query's time at 50,000 stories. Phrases (which need word positions) and any
    other kind of query are left to Whoosh.
    """
    if type(q) is Term:  # exact types: Ordered is an And, and must keep its order
        return _term_docs(searcher, q.fieldname, q.text)
    if type(q) is Or and not q.minmatch:
        found: set[int] = set()
        for sub in q.subqueries:
            found |= _matching_docs(searcher, sub, live)
        return found
    if type(q) is And:
        subs = sorted(q.subqueries, key=lambda sub: not isinstance(sub, Term))
        found = _matching_docs(searcher, subs[0], live)
        for sub in subs[1:]:
            if not found:
                break
            found &= _matching_docs(searcher, sub, live)
        return found
    if type(q) is AndNot:
        return _matching_docs(searcher, q.a, live) - _matching_docs(searcher, q.b, live)
    if type(q) is Not:
        return set(live) - _matching_docs(searcher, q.query, live)
    if type(q) is Phrase:
        docs = _phrase_docs(searcher, q)
        if docs is not None:
            return docs
    if type(q) is Every:
        return set(live)
    if q is NullQuery:
        return set()
    return set(searcher.docs_for_query(q))


def _bulk_scores(searcher, q: Query, facets: _Facets) -> dict[int, float] | None:
    """Score every document ``q`` matches, a posting block at a time; None if ``q`` is not made of
    words, phrases, AND, OR and AND NOT (the rest is scored by Whoosh itself).

    The scores are Whoosh's BM25F, computed in bulk: for a word, ``idf * tf * (K1 + 1) / (tf + K1 *
    (1 - B + B * length / average length))``. Sums may differ from Whoosh's in the last bits (another
    order of additions), so they only choose the candidates for a page; ``_rank_by_whoosh`` then ranks
    those with Whoosh's own matchers. Scoring 7,000 matches this way takes a fraction of the time
    Whoosh's matcher tree needs, stepping one document at a time.
    """
    weighting = searcher.weighting
    if type(weighting) is not scoring.BM25F:
        return None

    def walk(node: Query) -> dict[int, float] | None:
        kind = type(node)
        if kind is Term:
            if not searcher.schema[node.fieldname].scorable:
                return None
            found = _term_scores(searcher, weighting, node.fieldname, node.text, facets)
        elif kind is Or and not node.minmatch and not node.scale:
            parts = [walk(sub) for sub in node.subqueries]
            if any(part is None for part in parts):
                return None
            parts.sort(key=len, reverse=True)
            found = dict(parts[0]) if parts else {}
            for part in parts[1:]:
                for docnum, score in part.items():
                    found[docnum] = found.get(docnum, 0.0) + score
        elif kind is And:
            parts = [walk(sub) for sub in node.subqueries]
            if not parts or any(part is None for part in parts):
                return None
            parts.sort(key=len)
            found = dict(parts[0])
            for part in parts[1:]:
                found = {d: s + part[d] for d, s in found.items() if d in part}
        elif kind is Phrase:
            # Whoosh scores a phrase as the sum of its words' scores in the documents where the words
            # stand in order; which documents those are, Whoosh's own phrase matcher decides.
            if not searcher.schema[node.fieldname].scorable:
                return None
            docs = _phrase_docs(searcher, node)
            if docs is None:
                docs = set(searcher.docs_for_query(node))
            found = dict.fromkeys(docs, 0.0)
            for word in node.words if docs else ():
                scores = _term_scores(searcher, weighting, node.fieldname, word, facets, only=found)
                for docnum, score in scores.items():
                    found[docnum] += score
        elif kind is AndNot:
            found = walk(node.a)
            if found is None:
                return None
            excluded = _matching_docs(searcher, node.b, facets.live)
            found = {d: s for d, s in found.items() if d not in excluded}
        else:
            return None
        if node.boost != 1.0:
            found = {d: s * node.boost for d, s in found.items()}
        return found

    return walk(q)


def _phrase_docs(searcher, node: Phrase) -> set[int] | None:
    """The live documents where the phrase's words stand next to each other in order, or None when
    this phrase is not the plain kind (another slop, a field without positions).

    Positions are those the index stored after stop words were dropped and the rest renumbered, as the
    query's words were, so "walk to the clinic" is the phrase "walk clinic" on both sides, exactly as
    Whoosh matches it. Candidates come from posting lists read a block at a time (``_term_docs``):

    - with a pair field (``PAIRS_OF``, schema 3 on): the stories holding every pair of neighbouring
      words. For two words that is the answer itself, no positions read; for three or more, positions
      are decoded only in those candidates ("a b" and "b c" may stand in different places).
    - otherwise (an index built before the pair field): the stories holding every word, all of whose
      positions are decoded; thousands of stories for a phrase of two common words.

    Whoosh's span matchers step through every candidate in Python and took most of a phrase query's
    time; they still rank the page (``_rank_by_whoosh``).
    """
    field = searcher.schema[node.fieldname]
    if node.slop != 1 or not field.format or not field.format.supports("positions"):
        return None
    try:
        words = [field.to_bytes(word) for word in node.words]
    except ValueError:
        return set()
    if not words:
        return set()
    pairs_field = PAIRS_OF.get(node.fieldname)
    if len(words) > 1 and pairs_field in searcher.schema:
        pair_field = searcher.schema[pairs_field]
        pairs = {pair_field.to_bytes(a + PAIR_SEPARATOR + b) for a, b in itertools.pairwise(node.words)}
        terms = [(pairs_field, pair) for pair in pairs]
    else:
        terms = [(node.fieldname, word) for word in set(words)]
    reader = searcher.reader()
    if any(term not in reader for term in terms):
        return set()
    terms.sort(key=lambda term: reader.doc_frequency(*term))  # the rarest first: smaller sets
    candidates = _term_docs(searcher, *terms[0])
    for term in terms[1:]:
        if not candidates:
            return set()
        candidates &= _term_docs(searcher, *term)
    if len(words) == 1 or not candidates or (len(words) == 2 and terms[0][0] == pairs_field):
        return candidates
    places = [_positions(searcher, node.fieldname, word, candidates) for word in words]
    return {docnum for docnum in candidates if _in_order(places, docnum)}


def _in_order(places: list[dict[int, set[int]]], docnum: int) -> bool:
    """Whether word i+1 stands right after word i somewhere in the document (set shifts, in C)."""
    ends = places[0][docnum]
    for following in places[1:]:
        ends = following[docnum].intersection([p + 1 for p in ends])
        if not ends:
            return False
    return True


def _positions(searcher, fieldname: str, word: bytes, docs: Set[int]) -> dict[int, set[int]]:
    """Where ``word`` stands in each of ``docs`` (which all hold it), decoded from its postings."""
    postings = _postings(searcher, fieldname, word, positions=True)
    if postings.values is None:  # another codec: Whoosh's own decoder, one value at a time
        decode = searcher.schema[fieldname].format.decode_positions
        return {d: set(decode(v)) for d, v in _values_one_by_one(searcher, fieldname, word) if d in docs}
    return {
        docnum: _decode_positions(value)
        for docnum, value in zip(postings.ids, postings.values, strict=True)
        if docnum in docs
    }


def _decode_positions(value: bytes) -> set[int]:
    """Whoosh's Positions format: a 4-byte count, then the pickled gaps between positions (the codec
    drops the pickle's final "."). The same as ``Positions.decode_positions``, without its per-call
    overhead, which showed in phrase queries over thousands of candidates."""
    body = value[_INT_SIZE:]
    if not body.endswith(b"."):
        body += b"."
    return set(itertools.accumulate(pickle.loads(body)))  # the index's own data, as Whoosh reads it


def _values_one_by_one(searcher, fieldname: str, text):
    matcher = Term(fieldname, text).matcher(searcher)
    while matcher.is_active():
        yield matcher.id(), matcher.value()
        matcher.next()


def _term_scores(
    searcher, weighting, fieldname: str, text, facets: _Facets, only: Set[int] | None = None
) -> dict[int, float]:
    """BM25F score of one term in every live document that holds it, or in those of them in ``only``
    (see ``_bulk_scores``)."""
    reader = searcher.reader()
    if (fieldname, text) not in reader:
        return {}  # and no idf to compute: Whoosh's formula fails on an index with no live story
    postings = _postings(searcher, fieldname, text)
    if postings.weights is None:
        found = _term_scores_one_by_one(searcher, fieldname, text, facets)
        return found if only is None else {d: score for d, score in found.items() if d in only}
    k1 = weighting.K1
    numerator = searcher.idf(fieldname, text) * (k1 + 1)
    norms = facets.norms(fieldname, k1, weighting._field_B.get(fieldname, weighting.B))
    ids, tfs = postings.ids, postings.weights
    if only is not None:
        if len(only) * 16 < len(ids):  # a few: look each up (ids are in order)
            wanted = sorted(only)
            places = map(functools.partial(bisect.bisect_left, ids), wanted)
            kept = [k for k, docnum in zip(places, wanted, strict=True) if k < len(ids) and ids[k] == docnum]
        else:
            kept = [k for k, docnum in enumerate(ids) if docnum in only]
        ids, tfs = [ids[k] for k in kept], [tfs[k] for k in kept]
    # numerator * tf / (tf + norm) for each posting, with every step a C iterator: a comprehension
    # spent ~7 ms on a word in nearly every one of 50,000 stories.
    denominators = map(operator.add, tfs, map(norms.__getitem__, ids))
    return dict(zip(ids, map(operator.truediv, map(numerator.__mul__, tfs), denominators), strict=True))


def _term_scores_one_by_one(searcher, fieldname: str, text, facets: _Facets) -> dict[int, float]:
    """The same through Whoosh's matcher (a posting format other than the default codec's)."""
    matcher = Term(fieldname, text).matcher(searcher)
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def _rank_by_whoosh(searcher, q: Query, matched: Set[int], scores: dict[int, float], count: int) -> list[int]:
    """The ``count`` best of ``matched``, ranked by Whoosh's own scores (highest first, then by document).

    ``scores`` (from ``_bulk_scores``) pick the candidates: every document within a hair of the
    ``count``-th best, so a last-bit difference between the two ways of adding cannot leave one out.
    Whoosh's matcher then scores just those, skipping to each in turn.
    """
    if not matched:
        return []
    if len(matched) == len(scores):  # all of them (matched is never more): pairs made in C
        ranked = zip(scores.values(), scores.keys(), strict=True)
    else:
        ranked = ((scores[d], d) for d in matched)
    # Twice as many as needed, compared as (score, document) tuples in C: the candidates are among
    # them unless ties reach past the end, and only then is every match looked at again.
    best = heapq.nlargest(2 * count, ranked)
    floor = best[min(count, len(best)) - 1][0]
    floor -= abs(floor) * 1e-9 + 1e-12
    if len(best) < 2 * count or best[-1][0] < floor:
        candidates = sorted(d for score, d in best if score >= floor)
    else:
        candidates = sorted(d for d in matched if scores[d] >= floor)
    exact: dict[int, float] = {}
    matcher = q.matcher(searcher)
    for docnum in candidates:
        if not matcher.is_active():
            break
        matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            exact[docnum] = matcher.score()
    for docnum in candidates:  # never expected: a candidate Whoosh does not match keeps its bulk score
        exact.setdefault(docnum, scores[docnum])
    return sorted(exact, key=lambda d: (-exact[d], d))[:count]


def _term_docs(searcher, fieldname: str, text) -> set[int]:
    """All live documents holding one term."""
    return set(_postings(searcher, fieldname, text).ids)


@dataclass
class _Postings:
    """One term's live postings: global document numbers, weights and raw values (positions; None
    unless asked for), or None for weights and values when the codec is not Whoosh's default (then
    only ids are read)."""

    ids: list[int]
    weights: list[float] | None
    values: list[bytes] | None


_query_postings = threading.local()  # one query's postings, by (field, term): read once, used thrice


@contextlib.contextmanager
def _postings_of_one_query():
    """Keep the postings read while answering one query (a phrase reads each word for its documents,
    its positions and its scores), and drop them when the query is answered."""
    _query_postings.memo = {}
    try:
        yield
    finally:
        _query_postings.memo = None


def _postings(searcher, fieldname: str, text, positions: bool = False) -> _Postings:
    """Read a term's postings a block at a time (Whoosh's own matchers step one document per call).

    Without ``positions`` they are read from the field's twin without positions (``COUNTS_OF``) where
    the index has one: the same documents and weights in a fraction of the bytes.
    """
    reader = searcher.reader()
    if not positions and COUNTS_OF.get(fieldname) in reader.schema:
        fieldname = COUNTS_OF[fieldname]
    memo = getattr(_query_postings, "memo", None)
    key = (fieldname, text)
    if memo is not None and key in memo:
        return memo[key]
    ids: list[int] = []
    weights: list[float] | None = []
    values: list[bytes] | None = [] if positions else None
    for leaf, base in reader.leaf_readers() if fieldname in reader.schema else ():
        try:
            matcher = leaf.postings(fieldname, text)
        except TermNotFound:
            continue
        deleted = frozenset()
        if isinstance(matcher, FilterMatcher):  # the leaf has deletions; leave them out below
            deleted = leaf.deleted_docs_set
            matcher = matcher.child
        if not isinstance(matcher, W3LeafMatcher):
            ids += [i + base for i in matcher.all_ids() if i not in deleted]
            weights = values = None
            continue
        while matcher.is_active():
            start = matcher._i
            _read_block(matcher)
            if positions and matcher._values is None:
                matcher._read_values()
            block_ids = matcher._ids[start:]
            if weights is None:  # an earlier leaf had another codec: documents only
                ids.extend(i + base for i in block_ids if i not in deleted)
            elif not deleted:  # the usual case: whole blocks
                ids.extend(map(base.__add__, block_ids) if base else block_ids)
                weights.extend(matcher._weights[start:])
                if values is not None:
                    values.extend(matcher._values[start:])
            else:
                kept = [k for k, docnum in enumerate(block_ids, start) if docnum not in deleted]
                ids.extend(matcher._ids[k] + base for k in kept)
                weights.extend(matcher._weights[k] for k in kept)
                if values is not None:
                    values.extend(matcher._values[k] for k in kept)
            matcher._next_block()
    found = _Postings(ids, weights, values)
    if memo is not None:
        memo[key] = found
    return found


def _read_block(matcher: W3LeafMatcher) -> None:
    """Decode the current block's documents and weights, as ``_read_ids`` and ``_read_weights`` do.

    Whoosh stores a block's documents as gaps and adds them up in a Python generator; over a word
    found in most of 50,000 stories that loop was a third of reading its postings. ``accumulate``
    does the same sums in C.
    """
    if matcher._data is None:
        matcher._read_data()
    if matcher._ids is None:
        ids = matcher._data[0]
        matcher._ids = ids if matcher._byteids else tuple(itertools.accumulate(ids))
    if matcher._weights is None:
        weights = matcher._data[1]
        if weights is None or isinstance(weights, float):  # all 1.0, or all the same
            matcher._weights = (1.0 if weights is None else weights,) * matcher._blocklength
        else:
            matcher._weights = weights


def _narrow(current: set[int] | None, allowed: frozenset[int]) -> set[int]:
    return set(allowed) if current is None else current & allowed


def _counts(groups: dict[str, int], matched: int) -> list[tuple[str, int]]:
    """Facet counts: how many matched documents carry each value, most first, then by value.

    Documents are sets of bits (``_bits``), so each count is one AND and a bit count, done in C: counting
    by set intersections looked up every matched story once per tag, ~9 ms for a word in most of
    50,000 stories.
    """
    counts = ((value, (docs & matched).bit_count()) for value, docs in groups.items())
    return sorted(((v, n) for v, n in counts if n and v), key=lambda kv: (-kv[1], kv[0]))


def _bits(docs: Iterable[int], size: int) -> int:
    """``docs`` (document numbers below ``size``) as an int with bit 8n set for document n.

    A byte a document, not a bit: setting a byte is one cheap store (~2 ms for 50,000 documents, the
    whole cost of counting), and ``int.from_bytes`` reads them as one int.
    """
    flags = bytearray(size)
    for docnum in docs:
        flags[docnum] = 1
    return int.from_bytes(flags, "little")


def _positive_terms(q: Query, fieldname: str) -> frozenset[str]:
    """The (analysed) words of ``q`` in ``fieldname`` that a hit may contain: NOT parts left out."""
    found: set[str] = set()

    def walk(node: Query) -> None:
        if isinstance(node, Not):
            return
        if isinstance(node, AndNot):
            walk(node.a)
        elif isinstance(node, Term):
            if node.fieldname == fieldname:
                found.add(node.text)
        elif isinstance(node, Phrase):
            if node.fieldname == fieldname:
                found.update(node.words)
        else:
            for child in node.children():
                walk(child)

    walk(q)
    return frozenset(found)


_TOKEN = re.compile(_TOKEN_EXPRESSION)
_stem = functools.lru_cache(maxsize=100_000)(
    next(item for item in ANALYZER.items if isinstance(item, StemFilter)).stemfn
)
SNIPPET_CHARS = 240  # one fragment at most
_SURROUND = 60  # characters of context kept before a marked word
_FRAGMENTS = 2


def snippet(body: str, words: frozenset[str]) -> str:
    """Return HTML: up to two stretches of ``body`` around the searched ``words``, each in <mark>.

    Words are found the way the index found them (same tokenizer, lower case, same stemmer), so
    "coughing" is marked for a search of "cough". Everything but the <mark> tags is escaped here, so the
    result is safe to render as it is. Without ``words`` or a match: the opening of the story.
    """
    return " … ".join(fragment.html for fragment in snippet_fragments(body, words))


def _marks(body: str, words: frozenset[str]) -> list[tuple[int, int]]:
    if not words:
        return []
    return [m.span() for m in _TOKEN.finditer(body) if _stem(m.group().lower()) in words]


def first_mark(body: str, words: frozenset[str]) -> int | None:
    """Where the first of the searched ``words`` starts in ``body`` (as ``snippet`` marks them), or None."""
    if words:
        for m in _TOKEN.finditer(body):
            if _stem(m.group().lower()) in words:
                return m.start()
    return None


def snippet_fragments(body: str, words: frozenset[str]) -> list[Fragment]:
    """``snippet``'s stretches, in text order, each with the offset in ``body`` of its first marked word."""
    marks = _marks(body, words)
    if not marks:
        return [Fragment(str(escape(_trim_end(body, SNIPPET_CHARS))))]
    fragments = []  # (score, start, end, marks inside)
    i = 0
    while i < len(marks):
        start = max(0, marks[i][0] - _SURROUND)
        start = _word_start(body, start, marks[i][0])
        limit = start + SNIPPET_CHARS
        j = i
        while j + 1 < len(marks) and marks[j + 1][1] <= limit:
            j += 1
        inside = marks[i : j + 1]
        end = len(body) if limit >= len(body) else _word_end(body, limit, inside[-1][1])
        distinct = len({_stem(body[a:b].lower()) for a, b in inside})
        fragments.append(((distinct, len(inside)), start, end, inside))
        i = j + 1
    best = sorted(fragments, key=lambda f: (-f[0][0], -f[0][1], f[1]))[:_FRAGMENTS]
    parts = []
    for _score, start, end, inside in sorted(best, key=lambda f: f[1]):
        html, at = [], start
        for a, b in inside:
            html.append(str(escape(body[at:a])))
            html.append(f"<mark>{escape(body[a:b])}</mark>")
            at = b
        html.append(str(escape(body[at:end])))
        parts.append(Fragment("".join(html).strip(), inside[0][0]))
    return parts


def _word_start(text: str, at: int, before: int) -> int:
    """Move ``at`` forward to the start of a word (not past ``before``), so no fragment opens mid-word."""
    if at == 0 or text[at - 1].isspace():
        return at
    space = text.find(" ", at, before)
    return at if space == -1 else space + 1


def _word_end(text: str, at: int, after: int) -> int:
    """Move ``at`` back to the end of a word (not before ``after``)."""
    if at >= len(text) or text[at].isspace():
        return at
    space = text.rfind(" ", after, at)
    return at if space == -1 else space


def _trim_end(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: _word_end(text, limit, limit // 2)]


class SearchIndex:
    """A Whoosh index on disk, opened lazily, with one cached searcher per thread."""

    def __init__(self, path: str | Path, writer_timeout: float = 15.0, segment_docs: int = 1000):
        self.path = Path(path)
        self.writer_timeout = writer_timeout
        # The most stories one segment holds: what scrubbing after a withdrawal rewrites at most.
        self.segment_docs = max(1, int(segment_docs))
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
        for source, derived in itertools.chain(PAIRS_OF.items(), COUNTS_OF.items()):
            if derived in schema:  # not in an index built before it: that one is written as it is
                fields[derived] = fields[source]
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
                writer.update_document(**self._fields(doc, writer.schema))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=_segment_policy(self._index(), self.segment_docs, scrub=False))
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
        writer.commit(mergetype=_segment_policy(self._index(), self.segment_docs, scrub=scrub))

    def has_deleted_documents(self) -> bool:
        """Whether some segment still holds documents marked deleted (their words are in its files)."""
        return any(segment.has_deletions() for segment in self._index()._segments())

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
        writer.commit(mergetype=_segment_policy(self._index(), self.segment_docs, scrub=True))
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
        without_warnings: Sequence[str] = (),
        snippets: bool = True,
    ) -> SearchPage:
        """Search redacted stories; empty ``text`` lists the newest first; ``exclude_ids`` are masked.

        Stories carrying any of ``without_warnings`` are left out (``SearchPage.left_out`` says how many
        matches that took away). The total and the facet counts come from the set of matching documents
        intersected with sets kept per searcher (``_Facets``), and only the page's hits are ranked in
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
            restrict = _narrow(restrict, facets.tags.get(tag, frozenset()))
        if language:
            restrict = _narrow(restrict, facets.languages.get(language, frozenset()))
        masked = {n for n in (searcher.document_number(id=i) for i in exclude_ids) if n is not None}
        if masked:
            restrict = (set(facets.live) if restrict is None else restrict) - masked

        with _postings_of_one_query():
            scores = _bulk_scores(searcher, q, facets) if q is not None else None
            if q is None:
                matched = facets.live if restrict is None else restrict
            elif scores is not None:
                matched = set(scores) if restrict is None else restrict.intersection(scores)
            else:
                matched = _matching_docs(searcher, q, facets.live)
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
                docnums = _rank_by_whoosh(searcher, q, matched, scores, first + per_page)[first:]
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

        highlight_words = _positive_terms(q, "body") if q is not None else frozenset()
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
                )
            )
        matched_bits = _bits(matched, facets.size)
        counts = {
            "tags": _counts(facets.bits("tags"), matched_bits),
            "language": _counts(facets.bits("languages"), matched_bits),
            "warnings": _counts(facets.bits("warnings"), matched_bits),
        }
        return SearchPage(
            query=text, hits=hits, total=total, page=page, per_page=per_page, facets=counts, left_out=left_out
        )

    def marked_words(self, text: str) -> frozenset[str]:
        """The analysed words a snippet marks for the query ``text`` (see ``first_mark``)."""
        text = (text or "").strip()
        return _positive_terms(self.parse(text), "body") if text else frozenset()

    def _facets(self, searcher) -> _Facets:
        cached = getattr(self._local, "facets", None)
        if cached is None or cached.searcher is not searcher:
            cached = _Facets.read(searcher)
            self._local.facets = cached
        return cached

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None
