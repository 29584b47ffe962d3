"""The largest request body each address accepts, known before the body is read.

The app refuses a body over its cap with a 413, but only once the web server has taken the whole body
in (waitress buffers it to memory or disk first). So the server asks here, from the request line alone,
and answers 413 without reading: every address takes ``MAX_CONTENT_LENGTH``, and an area whose form
carries recordings registers a larger cap for its own address (``register``).
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask, path: str, cap: int) -> None:
    """Let requests to ``path`` (exactly) carry bodies of up to ``cap`` bytes."""
    app.extensions.setdefault("request_caps", {})[path] = int(cap)


def cap_for(app: Flask, path: str) -> int:
    """The largest body, in bytes, that a request to ``path`` may carry."""
    caps = app.extensions.get("request_caps", {})
    return caps.get(path.split("?", 1)[0], int(app.config["MAX_CONTENT_LENGTH"]))
