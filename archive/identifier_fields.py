"""Free text people type about a story, checked against the story's known identifiers.

A title, a free tag, a clip's title and note, a teaching set's title and description, a reflection
prompt and its questions are shown as typed: no reviewer reads them out of the story's text. Each is
checked by :func:`check_fields`, the one function every such form calls, with the same rules that find
a known identifier's variants in a story (a part of the name, a near spelling, words joined or split,
another script, a phone number's digits in another grouping).

The rules live in ``ingest.identifiers`` (identifier detection); this module is the seam the library
reaches them through (the library may not import ``ingest``): the application factory hands the
finder to :func:`use_finder`. Until it does, only the exact value, whole words in any case, is found.

A refusal says which identifier the words resemble by its role ("the storyteller's name"), and quotes
only the words the person typed, never the identifier itself: an educator must not learn it from the
message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from flask import current_app

from .crypto import IdentifierCipher
from .errors import ValidationFailed
from .models import IdentifierRole, Story

# (text, known (role, value) pairs, language) -> (start, end, role) of each resemblance in the text
Finder = Callable[[str, Sequence[tuple[str, str]], str], Iterable[tuple[int, int, str]]]

ROLE_WORDS: dict[str, str] = {
    IdentifierRole.SPEAKER: "the storyteller's name",
    IdentifierRole.RELATIVE: "the name of someone in the storyteller's family",
    IdentifierRole.VILLAGE: "the storyteller's village or town",
    IdentifierRole.CLINIC: "the clinic the storyteller went to",
    IdentifierRole.OTHER: "an identifier the facilitator wrote down (a number or a name)",
}


def _exact(text: str, known: Sequence[tuple[str, str]], language: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for role, value in known:
        words = re.findall(r"\w+", value)
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)", re.I)
        found.extend((m.start(), m.end(), role) for m in pattern.finditer(text))
    return found


_finder: Finder = _exact


def use_finder(finder: Finder) -> None:
    """Find resemblances with ``finder`` (the application factory passes identifier detection's)."""
    global _finder
    _finder = finder


def resemblances(
    text: str, known: Sequence[tuple[str, str]], language: str = "en"
) -> list[tuple[int, int, str]]:
    """Where ``text`` resembles one of ``known``: (start, end, role), sorted, overlapping ones merged
    (the role of the longest)."""
    named = [(role, value) for role, value in known if value and value.strip()]
    if not text or not named:
        return []
    merged: list[tuple[int, int, str]] = []
    for start, end, role in sorted(set(_finder(text, named, language or "en")), key=lambda f: (f[0], -f[1])):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, role))
    return merged


def check_fields(
    fields: Mapping[str, tuple[str, str | Sequence[str]]],
    known: Sequence[tuple[str, str]],
    language: str = "en",
) -> dict[str, list[str]]:
    """Return {field: [messages]} for each field whose text resembles a known identifier; empty when none.

    ``fields`` maps a form field's name to (what the form calls it, its text or texts): for example
    ``{"title": ("title", "Zawadi and the cough"), "free_tags": ("tag", ["achieng", "cough"])}``.
    """
    reasons: dict[str, list[str]] = {}
    for field, (label, value) in fields.items():
        texts = [value] if isinstance(value, str) else list(value)
        for text in texts:
            for start, end, role in resemblances(text, known, language)[:1]:
                words = text[start:end]
                reasons.setdefault(field, []).append(
                    f"The {label} “{words}” looks like {ROLE_WORDS.get(role, ROLE_WORDS['other'])}. "
                    f"It is shown as typed, without redaction, so leave it out of the {label}."
                )
    return reasons


def known_of(story: Story | None) -> list[tuple[str, str]]:
    """A story's known identifiers as (role, plain value); none for no story."""
    if story is None or not story.identifiers:
        return []
    cipher = IdentifierCipher(current_app.config["IDENTIFIER_KEY"])
    return [(ki.role, cipher.decrypt(ki.value_encrypted)) for ki in story.identifiers]


def refuse_identifiers(
    fields: Mapping[str, tuple[str, str | Sequence[str]]], stories: Iterable[Story]
) -> None:
    """Raise ValidationFailed when a field resembles a known identifier of one of ``stories`` (each in
    its own language): for a clip's or a teaching set's words about the stories they hold."""
    reasons: dict[str, list[str]] = {}
    for story in {s.id: s for s in stories if s is not None}.values():
        for name, messages in check_fields(fields, known_of(story), story.language or "en").items():
            reasons.setdefault(name, []).extend(m for m in messages if m not in reasons.get(name, []))
    if reasons:
        raise ValidationFailed(reasons)
