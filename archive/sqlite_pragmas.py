"""Connection settings for SQLite: WAL, foreign keys, a busy timeout and secure deletion.

``secure_delete`` overwrites deleted content with zeros, so a withdrawn story's words do not linger in
free pages of the database file.
"""

import sqlite3

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _sqlite_on_connect(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    busy = current_app.config["SQLITE_BUSY_TIMEOUT_MS"] if has_app_context() else 10_000
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA secure_delete=ON")
    cur.execute(f"PRAGMA busy_timeout={int(busy)}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def install() -> None:
    """Apply the settings to every new SQLite connection of any engine (once per process)."""
    if not event.contains(Engine, "connect", _sqlite_on_connect):
        event.listen(Engine, "connect", _sqlite_on_connect)
