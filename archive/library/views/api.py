"""JSON API for educators (session or bearer token), under the same publication rule as the pages."""

from __future__ import annotations

from flask import Blueprint, current_app, request, url_for

from archive.auth import role_required
from archive.extensions import csrf
from archive.models import Role

from ..openapi import api_description
from ..query import LibraryQuery, search_library
from ..stories import visible_story

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # read-only GET endpoints; no cookie-authenticated writes live here


def json_response(payload: dict):
    """Answer with JSON in which ``<``, ``>`` and ``&`` are written as ``\\u`` escapes.

    Clients decode the same strings, but story text such as ``<script>`` never appears as markup in
    the body, so a sniffing client or a page that pastes the JSON in cannot run it.
    """
    text = current_app.json.dumps(payload)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return current_app.response_class(text + "\n", mimetype="application/json")


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI description of this API (public: it describes the API, it holds no data)."""
    response = json_response(api_description())
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/search")
@role_required(Role.EDUCATOR)
def search():
    """Search published stories: ``q``, repeated ``tag``, ``lang``, ``page``."""
    query = LibraryQuery.from_args(request.args)
    result = search_library(query)
    return json_response(
        {
            "query": result.query,
            "page": result.page,
            "pages": result.pages,
            "total": result.total,
            "results": [
                {
                    "id": hit.id,
                    "title": hit.title,
                    "snippet_html": hit.snippet,
                    "tags": hit.tags,
                    "content_warnings": hit.warnings,
                    "language": hit.language,
                    "url": url_for("api.story", story_id=hit.id, _external=True),
                }
                for hit in result.hits
            ],
            "facets": {
                name: [{"value": v, "count": c} for v, c in counts] for name, counts in result.facets.items()
            },
        }
    )


@bp.route("/stories/<story_id>")
@role_required(Role.EDUCATOR)
def story(story_id: str):
    item = visible_story(story_id)
    return json_response(
        {
            "id": item.id,
            "title": item.title,
            "language": item.language,
            "text": item.published_text,
            "tags": [t.slug for t in item.topics],
            "content_warnings": [t.slug for t in item.warnings],
            "published_at": item.published_at.isoformat() + "Z" if item.published_at else None,
            "url": url_for("library.story", story_id=item.id, _external=True),
        }
    )
