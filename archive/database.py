"""Creating and upgrading the database, and the embedded-default backup."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import text

from . import vocabulary
from .extensions import db
from .search import current_index, reindex_all
from .storage import current_store

# Any fixed number names the lock; this one is "story-archive migrations" by its first letters.
MIGRATION_LOCK = 0x5A_4D_16


def init_database() -> None:
    """Bring the schema to the newest migration, seed the vocabulary, create the index. Idempotent:
    on PostgreSQL under an advisory lock, so hosts started together migrate one after the other."""
    with migration_lock():
        upgrade(directory=current_app.extensions["migrate"].directory)
        vocabulary.seed()
    if not current_index().prepare():
        reindex_all()  # built by an older release with another schema or analyzer
    refresh_statistics()


@contextlib.contextmanager
def migration_lock() -> Iterator[None]:
    """Hold PostgreSQL's advisory lock ``MIGRATION_LOCK`` (on a connection of its own) while the body
    runs: a second host starting meanwhile waits, then finds the schema at head and seeds nothing new.
    SQLite needs none (one host; its own file lock orders writers)."""
    if db.engine.url.get_backend_name() != "postgresql":
        yield
        return
    with db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            conn.commit()


def refresh_statistics() -> None:
    """Let SQLite's planner learn the tables' shapes (``PRAGMA optimize``; cheap, and skipped when fresh).

    Without statistics SQLite answered the library's per-search rule check by walking every published
    story through the status index instead of looking ids up by primary key: 50 ms a search at 50k
    stories, against 0.1 ms with them (bench/search.py).
    """
    if db.engine.url.get_backend_name() == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize=0x10002")
            conn.commit()


def checkpoint_wal(wait_ms: int = 1000) -> bool:
    """Copy the SQLite write-ahead log into the database file and empty it; say whether it could.

    With ``secure_delete`` a delete zeroes the freed space in the pages it changes, but those pages are
    written to the WAL first, and the WAL still holds the earlier versions of the same pages (with the
    deleted text) until a checkpoint. ``TRUNCATE`` copies the WAL into the database and cuts it to zero
    bytes. It waits (up to ``wait_ms``) for readers of older snapshots, and gives up if one stays:
    then the next checkpoint (SQLite's automatic one, or the next withdrawal's) finishes the job.
    PostgreSQL has no such step here: see the README on what withdrawal can and cannot erase there.
    """
    if db.engine.url.get_backend_name() != "sqlite":
        return False
    with db.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(current_app.config['SQLITE_BUSY_TIMEOUT_MS'])}")
    return busy == 0


def backup(dest: Path, files_only: bool = False) -> list[str]:
    """Copy the database (SQLite online backup), the search index and media into ``dest``; with
    ``files_only`` the index and media alone (the database is backed up apart, e.g. with pg_dump).

    Returns the names of what was copied. The index is copied while holding its write lock, so the
    copy is a consistent commit.
    """
    url = db.engine.url
    if not files_only and url.get_backend_name() != "sqlite":
        raise NotImplementedError(
            "backup copies the embedded SQLite database; for PostgreSQL use pg_dump, then run "
            "backup with --files-only"
        )
    if not files_only and not url.database:
        raise ValueError("backup needs the SQLite database's file; this one has none")
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty; choose a new folder for the backup")
    dest.mkdir(parents=True, exist_ok=True)
    if files_only:
        return backup_files(dest)
    copied = []
    src = sqlite3.connect(str(url.database))
    try:
        out = sqlite3.connect(dest / "archive.db")
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    copied.append("archive.db")
    copied += backup_files(dest)
    return copied


def backup_files(dest: Path) -> list[str]:
    """Copy the index (under its write lock) and the media folder into ``dest``."""
    copied = []
    current_index().snapshot(dest / "index")
    if (dest / "index").exists():  # search in PostgreSQL keeps nothing outside the database
        copied.append("index")
    if current_store().snapshot(dest / "media"):
        copied.append("media")
    return copied
