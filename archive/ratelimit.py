"""Counting failed attempts in the database, so limits hold across processes and restarts.

Keys are HMACs of what is counted (a consent code, an e-mail, a client address), so the table never
holds the value itself.

An attempt is reserved before the secret is checked (``reserve``): its rows are written and committed
first, then the rows of every other attempt are counted. Counting first and writing after the slow
hash let 30 attempts sent at once all pass the count (10 tries at a consent card instead of 5).

Past its free failures a key asks for growing waits, not a lock: ``ATTEMPT_BASE_DELAY_SECONDS``,
doubled with each further failure, never more than the window. The wait runs from the last failure on
the limit's *clock*: for a code or an e-mail, the failures of that code from this same address, so a
stranger's failures elsewhere slow the stranger, never the storyteller (or staff member) who brings
the right secret from their own phone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Limit:
    """``free`` failures under ``key`` in the window, then growing waits measured from the last failure
    under ``clock`` (``key`` itself when None)."""

    key: str
    free: int
    clock: str | None = None


@dataclass(frozen=True)
class Reservation:
    """The rows an attempt wrote before it was checked; ``wait`` > 0: refused, try again in that many
    seconds (the rows are gone again)."""

    ids: tuple[int, ...]
    wait: int = 0


def delay(over: int, window_seconds: int) -> int:
    """The wait (seconds) after ``over`` failures beyond the free ones: base, doubled each time, never
    more than the window."""
    base = max(1, int(current_app.config.get("ATTEMPT_BASE_DELAY_SECONDS", 60)))
    return min(window_seconds, base * 2 ** min(over, 30))


def reserve(limits: Sequence[Limit], window_seconds: int) -> Reservation:
    """Write this attempt's rows (committed), then check every limit against the other attempts' rows.

    Refused (``wait`` > 0): the rows are deleted again, as the attempt was never checked. Allowed: the
    caller checks the secret, then calls ``succeeded`` (the rows go) or leaves them as the failure.
    Of attempts sent at once, each counts the others' rows, so no more pass than the limit allows.
    """
    keys = list(dict.fromkeys(k for limit in limits for k in (limit.key, limit.clock or limit.key)))
    rows = [FailedAttempt(key=key) for key in keys]
    db.session.add_all(rows)
    prune(_longest_window())
    db.session.commit()
    mine = tuple(row.id for row in rows)
    now = utcnow()
    since = now - timedelta(seconds=window_seconds)
    others = (FailedAttempt.at > since) & FailedAttempt.id.not_in(mine)
    wait = 0
    for limit in limits:
        count = db.session.scalar(
            select(func.count()).select_from(FailedAttempt).where(others, FailedAttempt.key == limit.key)
        )
        if not count or count < limit.free:
            continue
        last = db.session.scalar(
            select(func.max(FailedAttempt.at)).where(others, FailedAttempt.key == (limit.clock or limit.key))
        )
        if last is None:
            continue
        left = delay(count - limit.free, window_seconds) - (now - last).total_seconds()
        wait = max(wait, math.ceil(left))
    if wait > 0:
        db.session.execute(delete(FailedAttempt).where(FailedAttempt.id.in_(mine)))
        db.session.commit()
        return Reservation((), wait)
    return Reservation(mine)


def succeeded(reservation: Reservation, clear_keys: Iterable[str] = ()) -> None:
    """The attempt was right: its rows go, and so do the failures under ``clear_keys`` (in the caller's
    transaction)."""
    if reservation.ids:
        db.session.execute(delete(FailedAttempt).where(FailedAttempt.id.in_(reservation.ids)))
    clear(clear_keys)
