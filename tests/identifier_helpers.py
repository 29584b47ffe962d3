"""What the identifier tests ask of detection's spans: is every word of an identifier covered, and
which words were marked."""

from __future__ import annotations

import re

TOKEN = re.compile(r"\w+")


def covered(text: str, words: str, spans) -> bool:
    """Whether every scored token (run of \\w) of ``words`` in ``text`` is inside a span."""
    at = text.index(words)
    return all(
        any(s.start < at + m.end() and at + m.start() < s.end for s in spans) for m in TOKEN.finditer(words)
    )


def marked(text: str, spans) -> list[str]:
    return [text[s.start : s.end] for s in spans]
