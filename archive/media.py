"""Where audio files live: ``MEDIA_ROOT`` with ``originals/`` and ``derived/``, names always generated.

Also the one way a stored file leaves the server to someone allowed to hear it: ``send_private``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, send_file
from sqlalchemy import select
from werkzeug.exceptions import RequestedRangeNotSatisfiable

from .errors import NOTHING_HERE, NotFound
from .extensions import db
from .models import MediaFile, MediaKind


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def derived_dir() -> Path:
    """Return ``MEDIA_ROOT/derived`` (created if missing): copies made by the archive, never uploads."""
    path = media_root() / "derived"
    path.mkdir(parents=True, exist_ok=True)
    return path


def remove_media_files(paths: list[str]) -> None:
    """Delete stored media files (paths relative to MEDIA_ROOT); missing ones are already gone."""
    root = media_root()
    for rel in paths:
        (root / rel).unlink(missing_ok=True)


def send_private(media: MediaFile, revalidate: bool = False) -> Response:
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
    path = media_root() / media.path
    if not path.is_file():  # removed by a withdrawal that committed while this request ran
        raise NotFound(NOTHING_HERE)
    try:
        response = send_file(path, mimetype=media.media_type, conditional=True, etag=True, max_age=None)
    except RequestedRangeNotSatisfiable:
        # A bare 416 with the file's length (RFC 9110), so a player can ask again within it; not the
        # site's HTML error page, which a media element cannot read.
        response = Response(status=416, headers={"Content-Range": f"bytes */{path.stat().st_size}"})
    response.headers["Cache-Control"] = "private, no-cache" if revalidate else "private, no-store"
    return response


def published_recording(story_id: str) -> MediaFile | None:
    """Return the row of a story's published recording (the redacted copy), if its file is there.

    Only rows of kind PUBLISHED qualify, so nothing here can hand out the unredacted listening copy
    or the original; a row whose path leads outside ``derived/`` is never returned either. Whether the
    story may be heard at all is the publication rule's question, asked by the caller.
    """
    media = db.session.scalar(
        select(MediaFile)
        .where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.PUBLISHED)
        .order_by(MediaFile.created_at.desc())
    )
    if media is None:
        return None
    derived = (media_root() / "derived").resolve()
    path = (media_root() / media.path).resolve()
    if not path.is_relative_to(derived) or not path.is_file():
        return None
    return media


def keep_derived_copy(story_id: str, kind: str, copy, duration: float | None, stem: str) -> None:
    """Record ``copy`` (a ListeningCopy just encoded) as the story's one file of ``kind``, and commit.

    The file moves to ``derived/<stem>.<ext>`` (a job names it after its id and claim, so the sweep
    of abandoned files recognises it); an older file of that kind is deleted once the commit stands,
    and the new file is removed again if the commit fails, so a row never points at nothing and a
    file never outlives its row.
    """
    replaced = []
    older = select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == kind)
    for old in db.session.scalars(older):
        replaced.append(old.path)
        db.session.delete(old)
    final = media_root() / "derived" / f"{stem}{copy.path.suffix}"
    db.session.add(
        MediaFile(
            story_id=story_id,
            kind=kind,
            path=str(final.relative_to(media_root())),
            media_type=copy.media_type,
            size_bytes=copy.path.stat().st_size,
            duration_s=duration,
            container=copy.path.suffix.lstrip("."),
        )
    )
    copy.path.replace(final)
    try:
        db.session.commit()
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    for path in replaced:
        (media_root() / path).unlink(missing_ok=True)
