"""Counting failed attempts in the database, so limits hold across processes and restarts.

Keys are HMACs of what is counted (a consent code, an e-mail, a client address), so the table never
holds the value itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import delete, func, select

from .crypto import keyed_digest
from .extensions import db, rows_changed
from .models import FailedAttempt, utcnow


def attempt_key(scope: str, value: str) -> str:
    return keyed_digest(current_app.config["SECRET_KEY"], f"{scope}:{value}")


def client_address() -> str:
    return request.remote_addr or "unknown"


def failures(key: str, window_seconds: int) -> int:
    since = utcnow() - timedelta(seconds=window_seconds)
    stmt = (
        select(func.count())
        .select_from(FailedAttempt)
        .where(FailedAttempt.key == key, FailedAttempt.at > since)
    )
    return db.session.scalar(stmt) or 0


def record_failure(keys: Iterable[str]) -> None:
    """Record one failed attempt under each key and commit at once (the request may end in an error).

    Rows too old for any window are pruned on the way, so a stream of failures cannot fill the table.
    """
    for key in keys:
        db.session.add(FailedAttempt(key=key))
    prune(_longest_window())
    db.session.commit()


def _longest_window(at_least: int = 24 * 3600) -> int:
    """Return the longest ``*_WINDOW_SECONDS`` setting (and never less than a day), in seconds."""
    windows = [int(v) for k, v in current_app.config.items() if k.endswith("_WINDOW_SECONDS") and v]
    return max([at_least, *windows])


def clear(keys: Iterable[str]) -> None:
    db.session.execute(delete(FailedAttempt).where(FailedAttempt.key.in_(list(keys))))


def prune(older_than_seconds: int = 24 * 3600) -> int:
    """Delete attempt rows too old to matter; return how many were deleted."""
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    result = db.session.execute(delete(FailedAttempt).where(FailedAttempt.at < cutoff))
    return rows_changed(result) or 0
