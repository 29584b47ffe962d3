"""One family of errors raised by services, and one error shape for every response.

Services raise these; views turn them into form messages or status codes. Unexpected errors become a
500 page after the database session is rolled back, so nothing half-written survives a failure.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from flask import Flask, jsonify, render_template, request, url_for
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from .extensions import db
from .i18n import N_, storyteller_page
from .requests import MAX_ROW_ID, UNREADABLE_HEADER

log = logging.getLogger(__name__)

T = TypeVar("T")
# The longest id in a URL (``crypto.new_id`` makes 16 characters; the columns hold 32).
MAX_ID_CHARS = 32


class ArchiveError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class ValidationFailed(ArchiveError):
    """Input was refused; ``reasons`` maps a field name (or ``""``) to a list of messages."""

    status = 400

    def __init__(self, reasons: dict[str, list[str]] | str):
        if isinstance(reasons, str):
            reasons = {"": [reasons]}
        self.reasons = reasons
        flat = "; ".join(m for msgs in reasons.values() for m in msgs)
        super().__init__(flat)


class NotAllowed(ArchiveError):
    status = 403


# The words of the site's one 404: an unknown address, an unknown id, and a thing the asker may not
# know exists (another educator's private set, a withdrawn story, a recording not theirs) all read alike.
NOTHING_HERE = N_("There is nothing at this address.")


class NotFound(ArchiveError):
    """The one way to say 404, from a view or a service: ``raise NotFound()``."""

    status = 404

    def __init__(self, message: str = NOTHING_HERE):
        super().__init__(message)


def get_or_404(model: type[T], key: str | int | None) -> T:
    """Return the row of ``model`` with primary key ``key``; raise NotFound for an unknown key, and
    without asking the database for a string key longer than any id."""
    if key is None or (isinstance(key, str) and len(key) > MAX_ID_CHARS):
        raise NotFound()
    if isinstance(key, int) and not 0 < key <= MAX_ROW_ID:  # the driver would overflow: no such row
        raise NotFound()
    row = db.session.get(model, key)
    if row is None:
        raise NotFound()
    return row


class Conflict(ArchiveError):
    status = 409


class RateLimited(ArchiveError):
    status = 429


def wants_json() -> bool:
    """Answer in JSON for the API and for clients that prefer it over HTML."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


# Titles and messages are marked for the catalogue: on a storyteller's page (archive.i18n) an error
# page speaks their language, like the page it replaces; elsewhere gettext leaves them in English.
_TITLES = {
    400: N_("That request could not be used"),
    401: N_("Please sign in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed here"),
    413: N_("Too large"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong"),
    503: N_("Not available just now"),
}
ERROR = N_("Error")
EXPIRED_FORM = N_("The form had expired or was sent from elsewhere. Please reload the page and try again.")
UNREADABLE_FILENAME = N_(
    "The name of a file you chose could not be read (it is not written in Unicode, UTF-8), so nothing "
    "was saved. Rename the file with ordinary letters and digits, then go back to the form with your "
    "browser's Back button (what you typed is still there), choose the file again and send it."
)
UNEXPECTED = N_("The archive hit an unexpected problem. Nothing was changed.")
_HTTP_MESSAGES = {
    400: N_("The request was incomplete or malformed. Please go back and try again."),
    401: N_("Please sign in to see this page."),
    403: N_("Your account is not allowed to see this page."),
    404: NOTHING_HERE,
    405: N_("This address does not accept that kind of request."),
    413: N_("What you sent is larger than this site accepts."),
    429: N_("Too many attempts. Please wait a while and try again."),
}


def error_response(status: int, message: str):
    """Render the one error shape, as JSON or HTML depending on the request."""
    title = gettext(_TITLES.get(status, ERROR))
    message = gettext(message) if message else message  # a message not in the catalogue stays as it is
    if wants_json():
        return jsonify({"error": {"status": status, "title": title, "message": message}}), status
    back = url_for("consent.start") if storyteller_page() else url_for("library.home")
    return render_template(
        "errors/error.html", status=status, title=title, message=message, back=back
    ), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ArchiveError)
    def _archive_error(err: ArchiveError):
        db.session.rollback()
        return error_response(err.status, err.message)

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        # Keep Werkzeug's default text out of the way: it can echo request details.
        status = err.code or 500
        if status >= 500:
            db.session.rollback()
        message = _HTTP_MESSAGES.get(status, err.description or "")
        if status == 400 and err.description and "CSRF" in str(err.description):
            # A form the server could not read at all has no CSRF token either: say what was wrong.
            unreadable = getattr(request, "form_problem", None) == UNREADABLE_HEADER
            message = UNREADABLE_FILENAME if unreadable else EXPIRED_FORM
        return error_response(status, message)

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.endpoint)
        return error_response(500, UNEXPECTED)
