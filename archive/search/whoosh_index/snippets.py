"""Snippets: the stretches of a hit's text around the searched words, each word marked as the index
found it (same tokenizer, lower case, same stemmer), everything else escaped."""

from __future__ import annotations

import functools
import re

from markupsafe import escape
from whoosh.analysis import StemFilter

from archive.search.backend import Fragment

from .analysis import ANALYZER, TOKEN_EXPRESSION

_TOKEN = re.compile(TOKEN_EXPRESSION)

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
