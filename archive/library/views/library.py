"""Educators' library: browse and search published stories, read one story.

Every hit from the index and every story page goes through the publication rule again, so a stale
index can never show a story that was withdrawn or narrowed since it was indexed.
"""

from __future__ import annotations

import hashlib
import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf

from archive import reports, vocabulary
from archive.auth import home_for, role_required, safe_next
from archive.errors import NotFound, ValidationFailed, get_or_404
from archive.extensions import db
from archive.forms import RadioChoices, apply_reasons, choices
from archive.models import Role, Story
from archive.publication import publishable
from archive.storage import send as send_media

from .. import player
from ..exports import provenance
from ..facets import search_facets
from ..query import LibraryQuery, search_library
from ..search_csv import search_csv_rows
from ..stories import audible_recording, count_view, visible_story

bp = Blueprint("library", __name__)


@bp.route("/")
def home():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    return render_template("library/home.html")


@bp.route("/library")
@role_required(Role.EDUCATOR)
def index():
    """Search the library: hits with warnings first, snippets with the moment they are heard, facets."""
    query = LibraryQuery.from_args(request.args)
    error = None
    try:
        result = search_library(query)
    except ValidationFailed as err:
        error = err.message
        result = search_library(LibraryQuery(tags=query.tags, language=query.language, without=query.without))
    status = 400 if error else 200
    return render_template(
        "library/index.html",
        query=query,
        result=result,
        error=error,
        facets=search_facets(result, query),
        warning_labels={slug: info.label for slug, info in vocabulary.tag_info("warning").items()},
    ), status


@bp.route("/library/search.csv")
@role_required(Role.EDUCATOR)
def search_csv():
    """The metadata of every story the search finds (up to a cap), as CSV with a citation per story."""
    # A refused query raises ValidationFailed here, before any row: the error page says why.
    rows = search_csv_rows(LibraryQuery.from_args(request.args))
    return Response(
        stream_with_context(rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": 'attachment; filename="library-search.csv"',
            "Cache-Control": "no-store",  # consent may change: never keep an old copy
        },
    )


# The text-only preference: a cookie set by a small form (POST, CSRF-checked), read on every library
# page. Per browser rather than per account: it answers the link this phone is on, not the person.
TEXT_ONLY_COOKIE = "text_only"
TEXT_ONLY_MAX_AGE = 365 * 24 * 3600


def text_only_mode() -> bool:
    """Return True when this browser asked for library pages without recordings or the player script."""
    return request.cookies.get(TEXT_ONLY_COOKIE) == "1"


def _prefetched() -> bool:
    """Whether the browser fetched the page ahead of a click (a link prefetch or prerender): not a view."""
    purpose = request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or ""
    return request.method != "GET" or purpose.lower().startswith(("prefetch", "prerender"))


@bp.route("/stories/<story_id>")
@role_required(Role.EDUCATOR)
def story(story_id: str):
    """Show a story: behind its content warnings first, then its recording and text, synced when timed.

    ``?t=SECONDS`` (a search hit's moment) cues the player there and marks the word heard then;
    ``?warned=1`` is the "Show the story" link of the warning page.
    """
    item = visible_story(story_id)
    cue = player.parse_cue(request.args.get("t"))
    cue_raw = request.args.get("t") if cue is not None else None
    if item.warnings and request.args.get("warned") != "1":
        # Nothing of the story itself (text, recording, tools) is on this page: only the warning.
        return render_template("library/story_warning.html", story=item, cue_raw=cue_raw)
    if current_user.role == Role.EDUCATOR and not _prefetched():
        count_view(item, current_user.id)  # the storyteller is told how many teachers opened it
    recording = None if text_only_mode() else audible_recording(item)
    # Timed segments and their "0:12" links serve a recording; without one the text reads as written.
    timings = (item.published_timings or None) if recording else None
    return render_template(
        "library/story.html",
        story=item,
        recording=recording,
        cue=cue,
        cue_raw=cue_raw,
        transcript=player.timed_transcript(item.published_text, timings, cue) if timings else None,
        # Without a recording to follow, the words' timings are of no use to the page.
        timings_url=url_for("library.timings", story_id=item.id) if recording and timings else None,
        provenance=provenance(item),
        reporting=ReportForm(formdata=None, at=cue_raw or ""),
    )


@bp.route("/stories/<story_id>/audio")
@role_required(Role.EDUCATOR)
def audio(story_id: str):
    """Serve a story's published recording (byte ranges for seeking); 404 whenever it may not be heard.

    Cached by the listener's browser but revalidated on every use (``revalidate=True``):
    a phone that heard it before gets a 304 instead of the file again, and a story withdrawn or
    narrowed since answers 404 at once.
    """
    media = audible_recording(get_or_404(Story, story_id))
    if media is None:
        raise NotFound()
    return send_media(media, revalidate=True)


@bp.route("/stories/<story_id>/timings.json")
@role_required(Role.EDUCATOR)
def timings(story_id: str):
    """Send where each word of the published text is heard (``archive.library.player.timings_payload``).

    Only while both the text and the recording may be shown, and only for a story whose published
    text is timed; 404 otherwise, like an unknown story. Private and revalidated, with an ETag, so a
    listener who presses play again gets a 304.
    """
    item = get_or_404(Story, story_id)
    if not publishable(item) or not item.published_timings or audible_recording(item) is None:
        raise NotFound()
    body = json.dumps(
        player.timings_payload(item.published_text, item.published_timings), separators=(",", ":")
    )
    response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)


class ReportForm(FlaskForm):
    """A problem with a story; checked by ``archive.reports.report_problem``."""

    kind = RadioChoices("What is wrong?", choices=choices(reports.KINDS.items()), validate_choice=False)
    note = TextAreaField("Where, and what (a few words; reviewers only read it)")
    at = HiddenField()


@bp.route("/stories/<story_id>/report", methods=["POST"])
@role_required(Role.EDUCATOR)
def report(story_id: str):
    """An educator reports a problem with a story they may read: it waits in the reviewers' queue."""
    item = visible_story(story_id)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            at = player.parse_cue(form.at.data or None)
        except ValidationFailed:
            at = None  # the player's position is a help, never a reason to refuse a report
        try:
            reports.report_problem(item, current_user.id, form.kind.data or "", form.note.data or "", at)
        except ValidationFailed as err:
            db.session.rollback()
            apply_reasons(form, err.reasons)
        else:
            flash("Thank you. Your report is with the reviewers.")
            return redirect(
                url_for("library.story", story_id=item.id, warned=1 if item.warnings else None) + "#story",
                code=303,
            )
    return render_template("library/report.html", story=item, form=form), 400


class TextOnlyForm(FlaskForm):
    """Turn text-only mode on or off; ``next`` is the page to go back to."""

    text_only = HiddenField(validators=[AnyOf(["0", "1"])])
    next = HiddenField()


@bp.route("/library/text-only", methods=["POST"])
@role_required(Role.EDUCATOR)
def text_only():
    """Turn this browser's text-only mode on (``text_only=1``) or off (``0``), then go back."""
    form = TextOnlyForm()
    if not form.validate_on_submit():
        raise ValidationFailed({"text_only": ["Choose text only or recordings."]})
    response = redirect(safe_next(form.next.data) or url_for("library.index"), code=303)
    if form.text_only.data == "1":
        response.set_cookie(
            TEXT_ONLY_COOKIE,
            "1",
            max_age=TEXT_ONLY_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    else:
        response.delete_cookie(TEXT_ONLY_COOKIE, httponly=True, samesite="Lax")
    return response
