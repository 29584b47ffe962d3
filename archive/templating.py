"""Template helpers: tag labels, language names, consent codes, and text as escaped paragraphs."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from .crypto import format_code
from .languages import language_name


def paragraphs(text: str | None) -> Markup:
    """Render plain text as escaped paragraphs: blank lines split them, single newlines break lines."""
    if not text:
        return Markup("")
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("\n").join(
        Markup("<p>") + Markup("<br>").join(escape(line) for line in b.strip().split("\n")) + Markup("</p>")
        for b in blocks
    )


def register_template_helpers(app: Flask) -> None:
    # Pages travel over slow links: drop the blank lines and indentation that block tags leave behind.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.filters["consent_code"] = format_code

    @app.context_processor
    def _globals():
        from .models import Role

        return {"Role": Role}
