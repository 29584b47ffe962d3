"""Whoosh behind the search seam: ``WhooshSearch`` (the backend), over ``SearchIndex`` (the index on
disk), whose internals are split by what they do:

- ``analysis``: tokenizer, analyzers, schema and its version, the query language;
- ``postings``: reading posting lists a block at a time from Whoosh's codec;
- ``matching``: which documents a query matches (set operations, phrases);
- ``scoring``: BM25F in bulk, and the page ranked by Whoosh's own matchers;
- ``facets``: per-searcher facet values and exact counts;
- ``segments``: capped segments, rewritten one by one when scrubbing;
- ``snippets``: marked stretches of a hit's text.
"""

from .analysis import COUNTS_OF, PAIRS_OF, SCHEMA, SCHEMA_VERSION
from .backend import WhooshSearch
from .index import SearchIndex
from .matching import positive_terms
from .snippets import first_mark, snippet, snippet_fragments

__all__ = [
    "COUNTS_OF",
    "PAIRS_OF",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SearchIndex",
    "WhooshSearch",
    "first_mark",
    "positive_terms",
    "snippet",
    "snippet_fragments",
]
