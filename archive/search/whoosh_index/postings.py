"""Reading a term's postings a block at a time, from Whoosh's own codec (``whoosh.codec.whoosh3``):
document numbers, weights and, when asked, positions, decoded in C where Whoosh steps in Python.

These functions reach into Whoosh's private matcher state (``_ids``, ``_weights``, ``_values``,
``_read_data``): they are checked against Whoosh's own results by the search tests and
``bench/search.py``, and fall back to Whoosh's public matchers for any other codec."""

from __future__ import annotations

import contextlib
import itertools
import pickle
import threading
from dataclasses import dataclass

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import Term
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE

from .analysis import COUNTS_OF


def term_docs(searcher, fieldname: str, text) -> set[int]:
    """All live documents holding one term."""
    return set(read_postings(searcher, fieldname, text).ids)


@dataclass
class Postings:
    """One term's live postings: global document numbers, weights and raw values (positions; None
    unless asked for), or None for weights and values when the codec is not Whoosh's default (then
    only ids are read)."""

    ids: list[int]
    weights: list[float] | None
    values: list[bytes] | None


_query_postings = threading.local()  # one query's postings, by (field, term): read once, used thrice


@contextlib.contextmanager
def postings_of_one_query():
    """Keep the postings read while answering one query (a phrase reads each word for its documents,
    its positions and its scores), and drop them when the query is answered."""
    _query_postings.memo = {}
    try:
        yield
    finally:
        _query_postings.memo = None


def read_postings(searcher, fieldname: str, text, positions: bool = False) -> Postings:
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
            read_block(matcher)
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
    found = Postings(ids, weights, values)
    if memo is not None:
        memo[key] = found
    return found


def read_block(matcher: W3LeafMatcher) -> None:
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


def decode_positions(value: bytes) -> set[int]:
    """Whoosh's Positions format: a 4-byte count, then the pickled gaps between positions (the codec
    drops the pickle's final "."). The same as ``Positions.decode_positions``, without its per-call
    overhead, which showed in phrase queries over thousands of candidates."""
    body = value[_INT_SIZE:]
    if not body.endswith(b"."):
        body += b"."
    return set(itertools.accumulate(pickle.loads(body)))  # the index's own data, as Whoosh reads it


def values_one_by_one(searcher, fieldname: str, text):
    matcher = Term(fieldname, text).matcher(searcher)
    while matcher.is_active():
        yield matcher.id(), matcher.value()
        matcher.next()
