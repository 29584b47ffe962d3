"""A story's recordings by what they are: the one educators may hear, found only among safe copies.

Where the files live is the store's business (``archive.storage``); this module only chooses rows.
"""

from __future__ import annotations

from sqlalchemy import select

from .extensions import db
from .models import MediaFile, MediaKind
from .storage import current_store


def derived_copy(media: MediaFile | None) -> MediaFile | None:
    """``media`` if it is a copy the archive made (under ``derived/``) whose file is there; else None.

    Keys are generated, but a row naming anything else (an original upload, say) is never served as a
    copy."""
    if media is None or not media.path.startswith("derived/") or not current_store().exists(media.path):
        return None
    return media


def latest_of_kind(story_id: str, kind: MediaKind) -> MediaFile | None:
    """The story's newest file of ``kind``, or None."""
    return db.session.scalar(
        select(MediaFile)
        .where(MediaFile.story_id == story_id, MediaFile.kind == kind)
        .order_by(MediaFile.created_at.desc())
        .limit(1)
    )


def published_recording(story_id: str) -> MediaFile | None:
    """Return the row of a story's published recording (the redacted copy), if its file is there.

    Only rows of kind PUBLISHED qualify, so nothing here can hand out the unredacted listening copy
    or the original; a row whose path leads outside ``derived/`` is never returned either. Whether the
    story may be heard at all is the publication rule's question, asked by the caller.
    """
    return derived_copy(latest_of_kind(story_id, MediaKind.PUBLISHED))
