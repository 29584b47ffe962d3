"""Scores: Whoosh's BM25F computed in bulk for every match (to choose a page's candidates), and the
page's candidates ranked by Whoosh's own matchers, so the order is exactly Whoosh's."""

from __future__ import annotations

import bisect
import functools
import heapq
import operator
from collections.abc import Set

from whoosh import scoring
from whoosh.query import And, AndNot, Or, Phrase, Query, Term

from .facets import Facets
from .matching import matching_docs, phrase_docs
from .postings import read_postings


def bulk_scores(searcher, q: Query, facets: Facets) -> dict[int, float] | None:
    """Score every document ``q`` matches, a posting block at a time; None if ``q`` is not made of
    words, phrases, AND, OR and AND NOT (the rest is scored by Whoosh itself).

    The scores are Whoosh's BM25F, computed in bulk: for a word, ``idf * tf * (K1 + 1) / (tf + K1 *
    (1 - B + B * length / average length))``. Sums may differ from Whoosh's in the last bits (another
    order of additions), so they only choose the candidates for a page; ``rank_by_whoosh`` then ranks
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
            docs = phrase_docs(searcher, node)
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
            excluded = matching_docs(searcher, node.b, facets.live)
            found = {d: s for d, s in found.items() if d not in excluded}
        else:
            return None
        if node.boost != 1.0:
            found = {d: s * node.boost for d, s in found.items()}
        return found

    return walk(q)


def _term_scores(
    searcher, weighting, fieldname: str, text, facets: Facets, only: Set[int] | None = None
) -> dict[int, float]:
    """BM25F score of one term in every live document that holds it, or in those of them in ``only``
    (see ``bulk_scores``)."""
    reader = searcher.reader()
    if (fieldname, text) not in reader:
        return {}  # and no idf to compute: Whoosh's formula fails on an index with no live story
    postings = read_postings(searcher, fieldname, text)
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


def _term_scores_one_by_one(searcher, fieldname: str, text, facets: Facets) -> dict[int, float]:
    """The same through Whoosh's matcher (a posting format other than the default codec's)."""
    matcher = Term(fieldname, text).matcher(searcher)
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def rank_by_whoosh(searcher, q: Query, matched: Set[int], scores: dict[int, float], count: int) -> list[int]:
    """The ``count`` best of ``matched``, ranked by Whoosh's own scores (highest first, then by document).

    ``scores`` (from ``bulk_scores``) pick the candidates: every document within a hair of the
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
