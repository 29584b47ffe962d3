"""The server's log: time (UTC), level, the request's id, and what happened, never what a story says.

``story-archive serve`` calls ``configure_logging`` once. Every request gets a random id
(``request_ids``), sent back in the ``X-Request-Id`` header so a person who reports an error page can
quote it, and put on every line logged while the request runs. Each request is logged in one line by
its route's pattern (``/stories/<story_id>``), never by its path: the values in a path are a story's,
a clip's or a consent's ids, and a query string may hold words searched for. No form field, title,
transcript or name is logged anywhere; the modules that log write ids of jobs and counts only.
"""

from __future__ import annotations

import logging
import secrets
import sys
import time
from typing import TextIO

from flask import Flask, Response, g, has_request_context, request

FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
HEADER = "X-Request-Id"
access_log = logging.getLogger("archive.requests")


class RequestIdFilter(logging.Filter):
    """Put the current request's id (``-`` outside a request) on a record as ``request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class _Handler(logging.StreamHandler):
    """The handler ``configure_logging`` adds (found again by its class, so it is added once)."""


def configure_logging(level: int | str = logging.INFO, stream: TextIO | None = None) -> logging.Handler:
    """Send every logger's records at ``level`` or above to ``stream`` (stderr) in ``FORMAT``, with
    times in UTC. Replaces an earlier call's handler, and the plain console handler Alembic's
    ``fileConfig`` puts on the root logger (run it after ``init_database``). Return the handler."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler) or type(h) is logging.StreamHandler]:
        root.removeHandler(old)
    handler = _Handler(stream or sys.stderr)
    formatter = logging.Formatter(FORMAT, DATE_FORMAT)
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return handler


def request_ids(app: Flask) -> None:
    """Give each request of ``app`` a random id, answer it in ``X-Request-Id``, log one line per request."""

    @app.before_request
    def _start() -> None:
        g.request_id = secrets.token_hex(8)
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = g.get("request_id")
        if request_id is None:  # a request refused before its first hook ran
            return response
        response.headers[HEADER] = request_id
        rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
        took_ms = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        access_log.info("%s %s %s %.0f ms", request.method, rule, response.status_code, took_ms)
        return response
