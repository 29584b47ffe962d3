"""Snippets: the stretches of a hit's text around the searched words, each word marked as the index
found it (same tokenizer, lower case, same stemmer), everything else escaped."""

from __future__ import annotations

import functools
import re

from whoosh.analysis import StemFilter

from archive.search.backend import Fragment
from archive.search.fragments import SNIPPET_CHARS, fragments_at

from .analysis import ANALYZER, TOKEN_EXPRESSION

_TOKEN = re.compile(TOKEN_EXPRESSION)

_stem = functools.lru_cache(maxsize=100_000)(
    next(item for item in ANALYZER.items if isinstance(item, StemFilter)).stemfn
)

__all__ = ["SNIPPET_CHARS", "first_mark", "snippet", "snippet_fragments"]


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
    return fragments_at(body, _marks(body, words), key=lambda word: _stem(word.lower()))
