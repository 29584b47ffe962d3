"""Snippets from marked words, whichever backend found them: up to two stretches of a hit's text around
the words a search matched, each word in <mark>, everything else escaped.

A backend says where the marked words are (``marks``: character spans in the stored body, in order);
the stretches are chosen here, the same way for Whoosh and for PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import escape

from .backend import Fragment

SNIPPET_CHARS = 240  # one fragment at most

_SURROUND = 60  # characters of context kept before a marked word

_FRAGMENTS = 2


def fragments_at(
    body: str, marks: Sequence[tuple[int, int]], key: Callable[[str], str] = str.lower
) -> list[Fragment]:
    """The snippet's stretches of ``body`` around ``marks``, in text order, each with the offset of its
    first marked word; the stretches holding the most distinct words (by ``key``) win. Without marks:
    the opening of the story."""
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
        distinct = len({key(body[a:b]) for a, b in inside})
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
