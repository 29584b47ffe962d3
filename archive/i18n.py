"""Translations of the storyteller's pages (Flask-Babel): English plus the catalogues in ``translations/``.

Only the patient's pages (the ``consent`` blueprint, with their header, footer and error pages) are
translated; staff pages stay in English. The language of a patient's page is, in order: the one they
chose with ``?lang=`` (remembered for the session), their own language once they are signed in (the
one the facilitator recorded for their card, else their story's: ``g.story_language``, set by the
consent views), the browser's Accept-Language, and English. A language counts only if it has a
compiled catalogue, so adding ``translations/<code>/LC_MESSAGES/messages.mo`` adds a language (see the
README, "Languages of the storyteller's pages").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import Babel, get_locale

from . import SITE_FILES

babel = Babel()
DEFAULT_LOCALE = "en"
# Blueprints whose pages are translated, and the addresses under which they live (so an error page
# there, an unknown address included, speaks the storyteller's language too).
TRANSLATED_BLUEPRINTS = frozenset({"consent"})
TRANSLATED_PATHS = ("/consent/",)
_CHOSEN = "lang"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here (where it is shown, it is)."""
    return message


def storyteller_page() -> bool:
    """Whether this request's page is one of the storyteller's (translated) pages."""
    if not has_request_context():
        return False
    return request.blueprint in TRANSLATED_BLUEPRINTS or (request.path + "/").startswith(TRANSLATED_PATHS)


def translations_dir() -> Path:
    return SITE_FILES / "translations"


@cache
def _available(directory: str) -> tuple[str, ...]:
    folder = Path(directory)
    found = sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/messages.mo"))
    return (DEFAULT_LOCALE, *[code for code in found if code != DEFAULT_LOCALE])


def available_locales() -> tuple[str, ...]:
    """Return the languages the patient's pages can be shown in, English first."""
    return _available(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


def reader_language(code: str | None) -> str:
    """The language of the storyteller's card and pages for a story in ``code``: that language if the
    pages speak it, else English."""
    return code if code in available_locales() else DEFAULT_LOCALE


def select_locale() -> str:
    """Choose the language of this request's page (see the module's docstring)."""
    if not storyteller_page():
        return DEFAULT_LOCALE
    available = available_locales()
    chosen = request.args.get(_CHOSEN, "")[:8]
    if chosen in available:
        session[_CHOSEN] = chosen
        return chosen
    if session.get(_CHOSEN) in available:
        return session[_CHOSEN]
    story_language = g.get("story_language")
    if story_language in available:
        return story_language
    return request.accept_languages.best_match(available) or DEFAULT_LOCALE


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(translations_dir()))
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _language():
        return {"page_lang": str(get_locale() or DEFAULT_LOCALE), "page_locales": locale_choices()}


def locale_choices() -> list[tuple[str, str]]:
    """Return (code, the language's own name) for each available language, to offer on the pages."""
    return [
        (code, (Locale.parse(code).get_display_name(code) or code).capitalize())
        for code in available_locales()
    ]
