"""Educators' library: browse and search published stories, read one story.

Every hit from the index and every story page goes through the publication rule again, so a stale
index can never show a story that was withdrawn or narrowed since it was indexed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask_login import current_user
from sqlalchemy import select

from . import vocabulary
from .auth import home_for, role_required
from .errors import ValidationFailed
from .extensions import db
from .indexing import current_index
from .models import Role, Story
from .publication import publishable, publishable_clause
from .search import SearchPage

bp = Blueprint("library", __name__)


@dataclass(frozen=True)
class LibraryQuery:
    text: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> LibraryQuery:
        try:
            page = int(args.get("page", 1))
        except ValueError:
            page = 1
        tags = tuple(dict.fromkeys(t[:60] for t in args.getlist("tag") if t))[:10]
        return cls(
            text=args.get("q", "")[:20_000],
            tags=tags,
            language=args.get("lang", "")[:3],
            page=min(max(page, 1), 1000),
        )


def search_library(query: LibraryQuery) -> SearchPage:
    """Search the index, then drop any hit the publication rule no longer allows."""
    cfg = current_app.config
    result = current_index().query(
        query.text,
        tags=query.tags,
        language=query.language or None,
        page=query.page,
        per_page=cfg["SEARCH_PAGE_SIZE"],
        max_chars=cfg["MAX_QUERY_CHARS"],
    )
    ids = [hit.id for hit in result.hits]
    if ids:
        allowed = set(
            db.session.scalars(
                select(Story.id).join(Story.consent).where(Story.id.in_(ids), publishable_clause())
            )
        )
        result.hits = [hit for hit in result.hits if hit.id in allowed]
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
    query = LibraryQuery.from_args(request.args)
    error = None
    try:
        result = search_library(query)
    except ValidationFailed as err:
        error = err.message
        result = search_library(LibraryQuery(tags=query.tags, language=query.language))
    status = 400 if error else 200
    return render_template(
        "library/index.html", query=query, result=result, error=error, labels=vocabulary.labels()
    ), status


@bp.route("/stories/<story_id>")
@role_required(Role.EDUCATOR)
def story(story_id: str):
    item = visible_story_or_404(story_id)
    return render_template("library/story.html", story=item)
