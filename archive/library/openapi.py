"""The OpenAPI 3.1 description of the educators' JSON API (``/api/v1``), served at
``/api/v1/openapi.json`` and checked against the API itself by schemathesis in the test suite
(tests/test_api_schema.py): every answer of every operation must match what is written here.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

VERSION = "1.0.0"

_ERROR = {
    "type": "object",
    "description": "The one error shape of the site.",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "title", "message"],
            "additionalProperties": False,
            "properties": {
                "status": {"type": "integer"},
                "title": {"type": "string"},
                "message": {"type": "string"},
            },
        }
    },
}

_STRINGS = {"type": "array", "items": {"type": "string"}}

_FACET = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["value", "count"],
        "additionalProperties": False,
        "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 0}},
    },
}

_HIT = {
    "type": "object",
    "required": ["id", "title", "snippet_html", "tags", "content_warnings", "language", "url"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "snippet_html": {
            "type": "string",
            "description": "The excerpt, escaped, with only <mark> around the words found.",
        },
        "tags": _STRINGS,
        "content_warnings": _STRINGS,
        "language": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
    },
}

_SEARCH = {
    "type": "object",
    "required": ["query", "page", "pages", "total", "results", "facets"],
    "additionalProperties": False,
    "properties": {
        "query": {"type": "string"},
        "page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
        "total": {"type": "integer", "minimum": 0},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {
            "type": "object",
            "description": "Counts over every match: topics, languages, content warnings, and "
            "``heard`` (stories whose recording may be heard).",
            "required": ["tags", "language", "warnings"],
            "additionalProperties": _FACET,
            "properties": {"tags": _FACET, "language": _FACET, "warnings": _FACET, "heard": _FACET},
        },
    },
}

_STORY = {
    "type": "object",
    "required": ["id", "title", "language", "text", "tags", "content_warnings", "published_at", "url"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "language": {"type": "string"},
        "text": {"type": "string", "description": "The published (redacted) text."},
        "tags": _STRINGS,
        "content_warnings": _STRINGS,
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
    },
}


def _json(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _query_param(name: str, description: str, schema: dict, explode: bool = False) -> dict[str, Any]:
    param = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if explode:
        param.update(style="form", explode=True)
    return param


def api_description() -> dict[str, Any]:
    """The OpenAPI document of ``/api/v1`` (paths relative to the site's root)."""
    max_query = current_app.config["MAX_QUERY_CHARS"]
    common = {
        "401": _error("Not signed in: no session, or no valid bearer token."),
        "403": _error("Signed in, but not as an educator or admin."),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "story-archive library API",
            "version": VERSION,
            "description": (
                "Published, redacted stories for educators, under the same publication rule as the "
                "library's pages. Authenticate with a token from the Account page "
                "(`Authorization: Bearer <token>`) or a signed-in session."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/api/v1/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search published stories",
                    "parameters": [
                        _query_param(
                            "q",
                            'Words, "phrases", AND, OR, NOT, -word and brackets; empty lists the '
                            f"newest first. Over {max_query} characters: 400.",
                            {"type": "string"},
                        ),
                        _query_param("tag", "Topics; a story must carry all of them.", _STRINGS, True),
                        _query_param("lang", "A language code (ISO 639-1).", {"type": "string"}),
                        _query_param(
                            "without", "Content warnings; stories carrying any are left out.", _STRINGS, True
                        ),
                        _query_param(
                            "heard",
                            "1: only stories whose recording educators may hear.",
                            {"type": "string", "enum": ["1", ""]},
                        ),
                        _query_param(
                            "page",
                            "Page number from 1 (anything else reads as 1; at most 1000).",
                            {"type": "integer", "minimum": 1},
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of results, with exact totals and facet counts.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Search"}}
                            },
                        },
                        "400": _error("The query was refused (too long); the message says why."),
                        **common,
                        "503": _error("Search is being rebuilt, or the index is busy: try again shortly."),
                    },
                }
            },
            "/api/v1/stories/{story_id}": {
                "get": {
                    "operationId": "story",
                    "summary": "One published story",
                    "parameters": [
                        {"name": "story_id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "The story as educators may read it now.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Story"}}
                            },
                        },
                        **common,
                        "404": _error("Unknown, unpublished and withdrawn stories all answer alike."),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from the Account page.",
                },
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": {"Error": _ERROR, "Hit": _HIT, "Search": _SEARCH, "Story": _STORY},
        },
    }
