"""Cleaning text people type or paste before it is checked and stored."""

from __future__ import annotations

import unicodedata


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters other than newlines and tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def clean_line(text: str) -> str:
    """Clean a one-line value: no control characters, and any run of whitespace becomes one space."""
    return " ".join(clean_text(text).split())


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """Return a CSV cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
