"""Template helpers: every filter, global and context value the templates use, registered in one place.

The base's own helpers are here (text as escaped paragraphs, language names, consent codes, times in
a recording for people and for links, roles).
An area with helpers of its own lists them in a ``TemplateHelpers`` next to its views, and the app
shell hands all of them to ``register_template_helpers``, the one function that touches Jinja's
environment. So a template's filter is found by looking in two places: here, and the area's
``TEMPLATE_HELPERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from flask import Flask
from markupsafe import Markup, escape

from .clock import clock, duration, seconds_param
from .crypto import format_code
from .languages import language_name
from .models import Role
from .reports import open_count


def paragraphs(text: str | None) -> Markup:
    """Render plain text as escaped paragraphs: blank lines split them, single newlines break lines."""
    if not text:
        return Markup("")
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("\n").join(
        Markup("<p>") + Markup("<br>").join(escape(line) for line in b.strip().split("\n")) + Markup("</p>")
        for b in blocks
    )


def invalid(field, attrs: Mapping[str, object]) -> dict:
    """A form field's HTML attributes, marked invalid and described by its messages when it has errors
    (``templates/_form.html`` puts the messages under the id ``<field id>-errors``)."""
    if not field.errors:
        return dict(attrs)
    return {**attrs, "aria-invalid": "true", "aria-describedby": f"{field.id}-errors"}


@dataclass(frozen=True)
class TemplateHelpers:
    """An area's filters, globals (seen by imported macros too) and per-request context values."""

    filters: Mapping[str, Callable] = field(default_factory=dict)
    globals: Mapping[str, object] = field(default_factory=dict)
    context: Callable[[], dict] | None = None


BASE = TemplateHelpers(
    filters={
        "paragraphs": paragraphs,
        "language_name": language_name,
        "consent_code": format_code,
        # "4:05" for people (``|clock(2)``: "4:05.25"), "245.5" in links and media fragments.
        "clock": clock,
        "seconds_param": seconds_param,
        "duration": duration,  # "12 min": how long a recording lasts
    },
    globals={"Role": Role, "invalid": invalid, "open_report_count": open_count},
)


def register_template_helpers(app: Flask, areas: Iterable[TemplateHelpers] = ()) -> None:
    """Give ``app``'s templates the base's helpers and those of ``areas``; a name used twice is refused."""
    # Pages travel over slow links: drop the blank lines and indentation that block tags leave behind.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    for helpers in (BASE, *areas):
        for kind, given, known in (
            ("filter", helpers.filters, app.jinja_env.filters),
            ("global", helpers.globals, app.jinja_env.globals),
        ):
            for name, value in given.items():
                if name in known and known[name] is not value:
                    raise ValueError(f"template {kind} {name!r} is registered twice")
                known[name] = value
        if helpers.context is not None:
            app.context_processor(helpers.context)
