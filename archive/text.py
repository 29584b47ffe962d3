"""Cleaning text people type or paste before it is checked and stored."""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationFailed


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters other than newlines and tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def checked_text(raw: str | None, limit: int, field: str, label: str, required: bool = False) -> str:
    """Return ``raw`` cleaned (``clean_text``); raise ValidationFailed on ``field`` when it is required
    and empty, or longer than ``limit`` characters. ``label`` names it in the message.

    Markup is kept as typed: it is escaped wherever it is shown, so a ``<script>`` reads as text.
    """
    text = clean_text(raw or "")
    if required and not text:
        raise ValidationFailed({field: [f"Give a {label}."]})
    if len(text) > limit:
        raise ValidationFailed({field: [f"The {label} is too long (at most {limit:,} characters)."]})
    return text


def clean_line(text: str) -> str:
    """Clean a one-line value: no control characters, and any run of whitespace becomes one space."""
    return " ".join(clean_text(text).split())


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """Return a CSV cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(label: str) -> str:
    """Return the tag slug of ``label``: Latin letters and digits without accents, lower case, words
    joined by dashes, at most 60 characters ("" when nothing of it is in Latin script)."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return _SLUG_RE.sub("-", folded).strip("-")[:60]
