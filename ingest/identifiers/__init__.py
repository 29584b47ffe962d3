"""Identifier detection: find what could identify a storyteller in a story's text.

One entry point, :func:`detect`, for every caller (the review workflow, ``redact-spans``, the
benchmark). It runs the recognisers of the story's language (:mod:`.registry`) and returns
non-overlapping :class:`Detection` spans, end-exclusive character offsets into the text, sorted.
:func:`detect_report` returns the same spans with the names of the recognisers that ran, so the
reviewer can be told what was looked for.

Detection must finish on any text: any script, any length up to the story cap, with no recursion on
the input and time linear in its length (``tests/test_detection_properties.py`` and
``make bench-redaction`` check both).

Recall comes first: a missed name is a leaked identity, a false alarm costs a reviewer one click.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .base import Detection, Recogniser, resolve
from .known import KnownIdentifiers
from .known import resemblances as _resemblances
from .registry import has_own_recognisers, recogniser_names, recognisers_for

__all__ = [
    "Detection",
    "Recogniser",
    "Report",
    "detect",
    "detect_report",
    "recogniser_names",
    "resemblances",
]


@dataclass(frozen=True)
class Report:
    """The spans found in a text, and what was run to find them."""

    spans: list[Detection]
    language: str
    recognisers: list[str]  # in a reviewer's words, one phrase each
    own_recognisers: bool  # False: the language has no names recogniser; capitals stood in


def detect(
    text: str,
    language: str = "en",
    known: Iterable[tuple[str, str]] = (),
    *,
    regions: Sequence[str] = (),
    country: str | None = None,
) -> list[Detection]:
    """Return the identifier spans found in ``text``, sorted, none overlapping another.

    ``known`` holds the facilitator's identifiers as (role, value) pairs, e.g. ("speaker", "Jomo
    Kenyatta"); they and their variants are always found, whatever the language. ``regions`` are
    the phone regions a setting names (``PHONE_REGIONS``), ``country`` the story's country if known.
    """
    known = tuple(known)
    found: list[Detection] = []
    for recogniser in recognisers_for(language, tuple(regions), country):
        found.extend(recogniser.find(text, known))
    return resolve(found)


def detect_report(
    text: str,
    language: str = "en",
    known: Iterable[tuple[str, str]] = (),
    *,
    regions: Sequence[str] = (),
    country: str | None = None,
) -> Report:
    """Like :func:`detect`, and say which recognisers ran (for the review page)."""
    spans = detect(text, language, known, regions=regions, country=country)
    return Report(spans, language, recogniser_names(language), has_own_recognisers(language))


def resemblances(
    text: str, known: Sequence[tuple[str, str]], language: str = "en"
) -> list[tuple[int, int, str]]:
    """Where a short text typed about a story (a title, a tag, a note) resembles one of its ``known``
    identifiers: (start, end, role) of each, by the rules that find them in the story in ``language``
    (a part of the name, a near spelling that is no everyday word, joined or split words, another
    script, a number's digits in any grouping). ``archive.identifier_fields`` checks forms with it."""
    finder = next(r for r in recognisers_for(language) if isinstance(r, KnownIdentifiers))
    return _resemblances(finder, text, tuple(known))
