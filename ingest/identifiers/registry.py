"""Which recognisers run for which language.

Every language gets the universal recognisers (known identifiers, and the written patterns that read
the same in any language: e-mail, web and IP addresses). A language with recognisers of its own adds
them here; a language without any still has those, and its stories reach the reviewer with whatever
they found.
"""

from __future__ import annotations

from functools import cache

from .base import Recogniser
from .known import KnownIdentifiers


@cache
def recognisers_for(language: str) -> tuple[Recogniser, ...]:
    """Return the recognisers to run on text in ``language`` (an ISO 639 code)."""
    universal: tuple[Recogniser, ...] = (KnownIdentifiers(),)
    return universal
