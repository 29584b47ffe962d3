"""Which documents a query matches, answered with set operations on whole posting lists (words, AND,
OR, NOT) and word pairs or positions (phrases), instead of Whoosh's matchers stepping one document at a
time; and which of a query's words a hit may contain (the words a snippet marks)."""

from __future__ import annotations

import itertools
from collections.abc import Set

from whoosh.query import And, AndNot, Every, Not, NullQuery, Or, Phrase, Query, Term

from .analysis import PAIR_SEPARATOR, PAIRS_OF
from .postings import decode_positions, read_postings, term_docs, values_one_by_one


def matching_docs(searcher, q: Query, live: frozenset[int]) -> set[int]:
    """Return the document numbers ``q`` matches, as Whoosh's ``docs_for_query`` would, but faster.

    Words, AND, OR and NOT are answered with set operations on whole posting lists, read a block at a
    time (``term_docs``); Whoosh's own matchers step through them one document at a time in Python,
    which took most of a query's time at 50,000 stories. Phrases (which need word positions) and any
    other kind of query are left to Whoosh.
    """
    if type(q) is Term:  # exact types: Ordered is an And, and must keep its order
        return term_docs(searcher, q.fieldname, q.text)
    if type(q) is Or and not q.minmatch:
        found: set[int] = set()
        for sub in q.subqueries:
            found |= matching_docs(searcher, sub, live)
        return found
    if type(q) is And:
        subs = sorted(q.subqueries, key=lambda sub: not isinstance(sub, Term))
        found = matching_docs(searcher, subs[0], live)
        for sub in subs[1:]:
            if not found:
                break
            found &= matching_docs(searcher, sub, live)
        return found
    if type(q) is AndNot:
        return matching_docs(searcher, q.a, live) - matching_docs(searcher, q.b, live)
    if type(q) is Not:
        return set(live) - matching_docs(searcher, q.query, live)
    if type(q) is Phrase:
        docs = phrase_docs(searcher, q)
        if docs is not None:
            return docs
    if type(q) is Every:
        return set(live)
    if q is NullQuery:
        return set()
    return set(searcher.docs_for_query(q))


def phrase_docs(searcher, node: Phrase) -> set[int] | None:
    """The live documents where the phrase's words stand next to each other in order, or None when
    this phrase is not the plain kind (another slop, a field without positions).

    Positions are those the index stored after stop words were dropped and the rest renumbered, as the
    query's words were, so "walk to the clinic" is the phrase "walk clinic" on both sides, exactly as
    Whoosh matches it. Candidates come from posting lists read a block at a time (``term_docs``):

    - with a pair field (``PAIRS_OF``, schema 3 on): the stories holding every pair of neighbouring
      words. For two words that is the answer itself, no positions read; for three or more, positions
      are decoded only in those candidates ("a b" and "b c" may stand in different places).
    - otherwise (an index built before the pair field): the stories holding every word, all of whose
      positions are decoded; thousands of stories for a phrase of two common words.

    Whoosh's span matchers step through every candidate in Python and took most of a phrase query's
    time; they still rank the page (``rank_by_whoosh``).
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
    candidates = term_docs(searcher, *terms[0])
    for term in terms[1:]:
        if not candidates:
            return set()
        candidates &= term_docs(searcher, *term)
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
    postings = read_postings(searcher, fieldname, word, positions=True)
    if postings.values is None:  # another codec: Whoosh's own decoder, one value at a time
        decode = searcher.schema[fieldname].format.decode_positions
        return {d: set(decode(v)) for d, v in values_one_by_one(searcher, fieldname, word) if d in docs}
    return {
        docnum: decode_positions(value)
        for docnum, value in zip(postings.ids, postings.values, strict=True)
        if docnum in docs
    }


def positive_terms(q: Query, fieldname: str) -> frozenset[str]:
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
