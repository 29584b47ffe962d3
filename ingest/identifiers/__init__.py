"""Identifier detection: find what could identify a storyteller in a story's text.

One entry point, :func:`detect`, for every caller (the review workflow, ``redact-spans``, the
benchmark). It runs the recognisers of the story's language plus those that hold in every language
(known identifiers, e-mail and web addresses, IP addresses), and returns non-overlapping
:class:`Detection` spans, end-exclusive character offsets into the text.

Recall comes first: a missed name is a leaked identity, a false alarm costs a reviewer one click.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import Detection, Recogniser, resolve
from .registry import recognisers_for

__all__ = ["Detection", "Recogniser", "detect"]


def detect(text: str, language: str = "en", known: Iterable[tuple[str, str]] = ()) -> list[Detection]:
    """Return the identifier spans found in ``text``, sorted, none overlapping another.

    ``known`` holds the facilitator's identifiers as (role, value) pairs, e.g. ("speaker", "Jomo
    Kenyatta"); they and their variants are always found, whatever the language.
    """
    found: list[Detection] = []
    for recogniser in recognisers_for(language):
        found.extend(recogniser.find(text, known))
    return resolve(found)
