"""Educators' library: browse and search published stories, read one story.

Every hit from the index and every story page goes through the publication rule again, so a stale
index can never show a story that was withdrawn or narrowed since it was indexed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    has_request_context,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from sqlalchemy.orm import defer, joinedload
from wtforms import HiddenField
from wtforms.validators import AnyOf

from . import player, vocabulary
from .auth import _safe_next as safe_next
from .auth import home_for, role_required
from .errors import ValidationFailed
from .extensions import db
from .indexing import current_index, drop_from_index, purge_pending
from .media import published_recording, send_private
from .models import Modality, Role, Story
from .publication import publishable
from .search import Hit, SearchPage
from .search_facets import search_facets
from .timings import time_at

bp = Blueprint("library", __name__)


@dataclass(frozen=True)
class LibraryQuery:
    """What an educator asked for: words, topic tags (all of them), a language, content warnings to
    leave out (any of them), a page. The same parameters serve the page, the API and the CSV."""

    text: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    page: int = 1
    without: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, args) -> LibraryQuery:
        try:
            page = int(args.get("page", 1))
        except ValueError:
            page = 1
        return cls(
            text=args.get("q", "")[:20_000],
            tags=_slugs(args.getlist("tag")),
            language=args.get("lang", "")[:3],
            page=min(max(page, 1), 1000),
            without=_slugs(args.getlist("without")),
        )

    def args(self, **changes) -> dict:
        """This query as URL parameters for ``url_for`` (``changes`` replace some), empty ones left out."""
        values = {
            "q": self.text,
            "tag": list(self.tags),
            "lang": self.language,
            "without": list(self.without),
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", [], (), None, 1)}


def _slugs(values: list[str]) -> tuple[str, ...]:
    """At most ten distinct, non-empty slugs of at most 60 characters (a tag's slug is no longer)."""
    return tuple(dict.fromkeys(v[:60] for v in values if v))[:10]


def search_library(query: LibraryQuery) -> SearchPage:
    """Search the index, keeping only hits the publication rule allows now.

    Stories queued for removal from the index (a withdrawal that found the index busy) are removed
    first, or masked out of the query if the index is still busy, so totals and facet counts are
    exact. Every hit is then checked against the rule again; a hit the rule refuses is an entry
    nobody queued (a consent that expired since it was indexed): it is removed and the search runs
    again. If the index is busy, such hits are left out of this page and taken off its counts.
    Last, each snippet of a story that may be heard gets the moment its first marked word is said.
    """
    masked = purge_pending(timeout=_READ_PATH_TIMEOUT)
    for _ in range(_STALE_ROUNDS):
        result = _query_index(query, masked)
        stories = _page_stories(result)
        stale = _stale_hits(result, stories)
        if not stale:
            break
        if not drop_from_index([hit.id for hit in stale]):
            result = _without(result, stale)
            break
    else:
        result = _without(result, stale)
    _place_in_audio(result, stories)
    return result


# Each round removes the stale hits of one page; a few rounds clear any realistic backlog.
_STALE_ROUNDS = 5
# A search waits at most this long for the index lock; queued removals are masked meanwhile.
_READ_PATH_TIMEOUT = 0.5


def _query_index(query: LibraryQuery, masked: set[str], **options) -> SearchPage:
    cfg = current_app.config
    options.setdefault("per_page", cfg["SEARCH_PAGE_SIZE"])
    return current_index().query(
        query.text,
        tags=query.tags,
        language=query.language or None,
        page=query.page,
        max_chars=cfg["MAX_QUERY_CHARS"],
        exclude_ids=masked,
        without_warnings=query.without,
        **options,
    )


def _page_stories(result: SearchPage) -> dict[str, Story]:
    """Load the page's stories (with their consents) by primary key, one query for the page.

    (The rule as a SQL condition tempts SQLite into scanning the status index, every published story,
    when no statistics exist; ids first, then the rule itself in Python.)
    """
    ids = [hit.id for hit in result.hits]
    if not ids:
        return {}
    # The working text is never needed here (and is not the educators' to see): left unloaded.
    stmt = select(Story).where(Story.id.in_(ids)).options(joinedload(Story.consent), defer(Story.body))
    return {story.id: story for story in db.session.scalars(stmt)}


def _stale_hits(result: SearchPage, stories: dict[str, Story]) -> list[Hit]:
    """Return the hits of this page that the publication rule refuses (or that are no story at all)."""
    return [hit for hit in result.hits if not publishable(stories.get(hit.id))]


def _place_in_audio(result: SearchPage, stories: dict[str, Story]) -> None:
    """Give each snippet of a story whose recording may be heard the moment its first mark is said.

    The index holds the published text, the same text ``published_timings`` counts offsets in, so an
    offset from the snippet is a place in the timings. Only the page's hits are looked at.
    """
    for hit in result.hits:
        story = stories.get(hit.id)
        if story is None or not story.published_timings or not publishable(story, Modality.AUDIO):
            continue
        for fragment in hit.fragments:
            if fragment.offset is not None:
                fragment.seconds = time_at(story.published_timings, fragment.offset)


def _without(result: SearchPage, stale: list[Hit]) -> SearchPage:
    """Leave ``stale`` hits out of the page, its total and its facet counts."""
    gone = {hit.id for hit in stale}
    result.hits = [hit for hit in result.hits if hit.id not in gone]
    result.total = max(0, result.total - len(gone))
    less: dict[str, Counter] = {"tags": Counter(), "language": Counter(), "warnings": Counter()}
    for hit in stale:
        less["tags"].update(set(hit.tags))
        less["warnings"].update(set(hit.warnings))
        less["language"][hit.language] += 1
    for name, counts in result.facets.items():
        minus = less.get(name, Counter())
        result.facets[name] = [(value, n - minus[value]) for value, n in counts if n - minus[value] > 0]
    return result


def visible_story_or_404(story_id: str) -> Story:
    """Return a story an educator may read; 404 for unknown, unpublished and withdrawn alike."""
    story = db.session.get(Story, story_id) if len(story_id) <= 32 else None
    if not publishable(story):
        abort(404)
    return story


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
    from .search_export import search_csv_rows

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


def audible_recording(story: Story):
    """The recording an educator may hear for ``story``: its published (redacted) copy, and only while
    the publication rule allows the audio; None otherwise. No other recording is ever served here."""
    if not publishable(story, Modality.AUDIO):
        return None
    return published_recording(story.id)


# The text-only preference: a cookie set by a small form (POST, CSRF-checked), read on every library
# page. Per browser rather than per account: it answers the link this phone is on, not the person.
TEXT_ONLY_COOKIE = "text_only"
TEXT_ONLY_MAX_AGE = 365 * 24 * 3600


def text_only_mode() -> bool:
    """Return True when this browser asked for library pages without recordings or the player script."""
    return request.cookies.get(TEXT_ONLY_COOKIE) == "1"


@bp.app_context_processor
def _listening_globals():
    # Every template (the clip and teaching-set pages too) can leave audio out the same way.
    return {"text_only": text_only_mode() if has_request_context() else False}


# Times on pages: "4:05" for people, "245.5" in links and media fragments. ("clock" is taken: the
# review page's m:ss.cc.)
bp.add_app_template_filter(player.clock, "story_clock")
bp.add_app_template_filter(player.seconds_param, "story_seconds")


@bp.route("/stories/<story_id>")
@role_required(Role.EDUCATOR)
def story(story_id: str):
    """Show a story: behind its content warnings first, then its recording and text, synced when timed.

    ``?t=SECONDS`` (a search hit's moment) cues the player there and marks the word heard then;
    ``?warned=1`` is the "Show the story" link of the warning page.
    """
    item = visible_story_or_404(story_id)
    cue = player.parse_cue(request.args.get("t"))
    cue_raw = request.args.get("t") if cue is not None else None
    if item.warnings and request.args.get("warned") != "1":
        # Nothing of the story itself (text, recording, tools) is on this page: only the warning.
        return render_template("library/story_warning.html", story=item, cue_raw=cue_raw)
    if current_user.role == Role.EDUCATOR:  # the storyteller is told how often teachers opened it
        count_view(item)
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
    )


def count_view(story: Story) -> None:
    """Add one educator's view to the story's count, in one UPDATE so concurrent views all count."""
    db.session.execute(update(Story).where(Story.id == story.id).values(view_count=Story.view_count + 1))
    db.session.commit()


@bp.route("/stories/<story_id>/audio")
@role_required(Role.EDUCATOR)
def audio(story_id: str):
    """Serve a story's published recording (byte ranges for seeking); 404 whenever it may not be heard.

    Cached by the listener's browser but revalidated on every use (``send_private(revalidate=True)``):
    a phone that heard it before gets a 304 instead of the file again, and a story withdrawn or
    narrowed since answers 404 at once.
    """
    item = db.session.get(Story, story_id) if len(story_id) <= 32 else None
    media = audible_recording(item) if item is not None else None
    if media is None:
        abort(404)
    return send_private(media, revalidate=True)


@bp.route("/stories/<story_id>/timings.json")
@role_required(Role.EDUCATOR)
def timings(story_id: str):
    """Send where each word of the published text is heard (``archive.player.timings_payload``).

    Only while both the text and the recording may be shown, and only for a story whose published
    text is timed; 404 otherwise, like an unknown story. Private and revalidated, with an ETag, so a
    listener who presses play again gets a 304.
    """
    item = db.session.get(Story, story_id) if len(story_id) <= 32 else None
    if not publishable(item) or not item.published_timings or audible_recording(item) is None:
        abort(404)
    body = json.dumps(
        player.timings_payload(item.published_text, item.published_timings), separators=(",", ":")
    )
    response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)


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
