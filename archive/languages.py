"""Languages: ISO 639-1 codes from pycountry's copy of the ISO tables, and the living languages people
bring stories in, which the new-story form offers first (any other valid code can still be typed).
"""

import re
import unicodedata
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError

# Living languages people tell stories of illness and care in where community health workers record
# them: East, West, Central and Southern Africa; South and South-East Asia; the Middle East and Central
# Asia; Latin America; and the languages of the places in between. ISO 639-1 codes only (the form
# takes any other valid code typed in); a language spoken by millions but missing here is a gap to
# fill, not a decision.
STORY_LANGUAGES = (
    # Africa
    "af", "ak", "am", "ee", "ff", "ha", "ig", "ki", "lg", "ln", "mg", "ny", "om", "rn", "rw", "sn",
    "so", "st", "sw", "ti", "tn", "wo", "xh", "yo", "zu",
    # South Asia
    "as", "bn", "gu", "hi", "kn", "ml", "mr", "ne", "or", "pa", "ps", "si", "ta", "te", "ur",
    # East and South-East Asia
    "id", "ja", "jv", "km", "ko", "lo", "ms", "my", "su", "th", "tl", "vi", "zh",
    # the Middle East, the Caucasus and Central Asia
    "ar", "az", "fa", "he", "hy", "ka", "kk", "ku", "ky", "mn", "tg", "tr", "uz",
    # Europe and the Americas
    "ay", "de", "el", "en", "es", "fr", "gn", "ht", "it", "nl", "pl", "pt", "qu", "ro", "ru", "uk",
)  # fmt: skip


# ISO's notes that mean nothing to a facilitator: "Swahili (macrolanguage)", "Modern Greek (1453-)".
_ISO_NOTE = re.compile(r" \((?:macrolanguage|1453-)\)$")


@cache
def languages() -> dict[str, str]:
    """Return {code: English name} for every ISO 639-1 language, sorted by name."""
    pairs = [
        (lang.alpha_2, _ISO_NOTE.sub("", lang.name))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    ]
    return dict(sorted(pairs, key=lambda p: p[1]))


def is_language(code: str) -> bool:
    return code in languages()


def language_name(code: str) -> str:
    return languages().get(code, code)


@cache
def own_name(code: str) -> str:
    """The language's name in itself ("Kiswahili", "한국어"), or "" where Babel does not know it."""
    try:
        name = Locale.parse(code).get_language_name(code) or ""
    except (UnknownLocaleError, ValueError):
        return ""
    # A capital first letter where the script has capitals in running text (not Georgian's Mtavruli).
    if name and unicodedata.name(name[0], "").startswith(("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")):
        name = name[:1].upper() + name[1:]
    return name


def named(code: str) -> str:
    """A language as a facilitator meets it: "Swahili · Kiswahili", or the English name alone."""
    english, own = language_name(code), own_name(code)
    return f"{english} · {own}" if own and own.casefold() != english.casefold() else english
