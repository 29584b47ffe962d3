"""The library's pages: search and story pages (``library``), the JSON API (``api``), teaching sets and
clips (``teaching``), and course pages for students without an account (``course``).

``TEMPLATE_HELPERS`` is what their templates need beyond the base's helpers; the app shell registers
it with the others (``archive.templating``).
"""

from flask import has_request_context

from archive.library.stories import UNAVAILABLE, WITHDRAWN
from archive.templating import TemplateHelpers

from .library import text_only_mode
from .teaching import PROMPT_PLACEHOLDER, QUESTIONS_PLACEHOLDER, story_tools


def _listening() -> dict:
    # Every template (the clip and teaching-set pages too) can leave audio out the same way.
    return {"text_only": text_only_mode() if has_request_context() else False}


TEMPLATE_HELPERS = TemplateHelpers(
    # Globals rather than context values: the templates' imported macros see them too.
    globals={
        "story_tools": story_tools,
        "PROMPT_PLACEHOLDER": PROMPT_PLACEHOLDER,
        "QUESTIONS_PLACEHOLDER": QUESTIONS_PLACEHOLDER,
        "WITHDRAWN": WITHDRAWN,
        "UNAVAILABLE": UNAVAILABLE,
    },
    context=_listening,
)
