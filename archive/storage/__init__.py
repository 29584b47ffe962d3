"""The storage seam: one ``Store`` for every media file, and one way to keep a file with its row.

A file is named by its key, the ``MediaFile.path`` of its row (``originals/<id>.m4a``,
``derived/<job>-<claim>.opus``): names are always generated, never the uploader's. Everything that
reads, writes, serves or deletes a recording goes through the store of the current app
(``current_store``), so where the bytes live is the store's business alone: the filesystem by default
(``filesystem.FileStore``, under ``MEDIA_ROOT``), an object store at scale.

``keep`` is the one way a new file and its row come to exist together: the file goes into the store
and the row is committed, or neither stays.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from flask import Flask, Response, current_app

from archive.extensions import db
from archive.models import MediaFile

from .filesystem import FileStore
from .s3 import S3Store
from .store import ABANDONED_AFTER_SECONDS, PENDING_PREFIX, STAGED_PREFIX, Store

__all__ = [
    "ABANDONED_AFTER_SECONDS",
    "PENDING_PREFIX",
    "STAGED_PREFIX",
    "FileStore",
    "S3Store",
    "Store",
    "configure_store",
    "current_store",
    "keep",
    "media_row",
    "send",
]

log = logging.getLogger(__name__)

# The stores a deployment may choose with MEDIA_STORE.
STORES = {
    "filesystem": lambda app: FileStore(Path(app.config["MEDIA_ROOT"])),
    "s3": S3Store.from_config,
}


def configure_store(app: Flask) -> None:
    """Give ``app`` the store its ``MEDIA_STORE`` setting names (``filesystem``: under MEDIA_ROOT;
    ``s3``: the bucket ``S3_BUCKET``)."""
    name = app.config.get("MEDIA_STORE") or "filesystem"
    if name not in STORES:
        raise ValueError(f"MEDIA_STORE must be one of {', '.join(sorted(STORES))}, not {name!r}")
    app.extensions["media_store"] = STORES[name](app)


def current_store() -> Store:
    """The current app's store."""
    return current_app.extensions["media_store"]


def keep(files: Sequence[tuple[Path, MediaFile]], replacing: Sequence[MediaFile] = ()) -> None:
    """Keep new files with their rows, in one commit: each local file goes into the store beside its
    row's key (pending), the rows are added and the session commits, and only then does each file take
    its key's name; ``replacing`` (older rows) are deleted in the same commit and their files removed
    once it stands.

    So a process killed at any moment leaves no file under a key without its committed row: before the
    commit, a pending file no row names (removed by ``archive.integrity`` at the next start); after
    it, a committed row whose file is still pending (renamed to its key at the next start). If
    anything fails, the session is rolled back and every file is put back where it was (so a caller
    may try again, or discard it), and the error raised.
    """
    store = current_store()
    reserved: list[tuple[Path, str]] = []
    replaced = [old.path for old in replacing]  # read now: the rows are gone after the commit
    try:
        for old in replacing:
            db.session.delete(old)
        for source, row in files:
            db.session.add(row)
            store.reserve(source, row.path)
            reserved.append((source, row.path))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for source, key in reversed(reserved):
            store.release(key, source)
        raise
    for _source, key in reserved:
        try:
            store.settle(key)
        except OSError:
            # The rows stand; the file waits pending and the next start's check settles it.
            log.exception("a kept file could not take its name yet; the next start settles it")
    store.remove(replaced)


def media_row(story_id: str, kind: str, key: str, source: Path, media_type: str, **details) -> MediaFile:
    """A new ``MediaFile`` row for the local file ``source``, to be stored under ``key`` (``keep``)."""
    return MediaFile(
        story_id=story_id,
        kind=kind,
        path=key,
        media_type=media_type,
        size_bytes=source.stat().st_size,
        **details,
    )


def send(media: MediaFile, revalidate: bool = False) -> Response:
    """Send a stored file to the one person allowed to hear it, with byte ranges for seeking.

    By default ``private, no-store``: nothing is kept on the listener's disk. That is right for the
    recordings heard by reviewers (unredacted) and storytellers (perhaps on a clinic's shared
    computer).

    ``revalidate=True`` is for an educator's published recording, heard again and again over slow,
    paid-by-the-megabyte links: ``private, no-cache`` with an ETag and Last-Modified lets the browser
    keep the file (never a shared cache) but use it only after asking here first. The question is a
    conditional request that runs the caller's checks like any other, so a recording still allowed
    costs a 304 and no download, and one withdrawn or narrowed since answers 404 at once: the copy in
    the browser's cache is never played again. What stays on the educator's own disk is the redacted
    copy they were allowed to hear, as any recording they listened to; the browser evicts it in time.
    """
    return current_store().send(media.path, media.media_type, revalidate)
