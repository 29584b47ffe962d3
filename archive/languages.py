"""ISO 639-1 language codes, from pycountry's copy of the ISO tables."""

from functools import cache

import pycountry


@cache
def languages() -> dict[str, str]:
    """Return {code: English name} for every ISO 639-1 language, sorted by name."""
    pairs = [(lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    return dict(sorted(pairs, key=lambda p: p[1]))


def is_language(code: str) -> bool:
    return code in languages()


def language_name(code: str) -> str:
    return languages().get(code, code)
