"""Consent given aloud: its recording is checked and kept like a story's original, is never transcribed,
and is heard only by admins and by the storyteller, as a copy without the container's tags.

A consent recording belongs to the story brought in with the consent (``MediaFile.story_id``), so
withdrawing the consent deletes it with everything else of the story, and no schema change was needed.
Two rows are kept: the upload as it came (kind CONSENT_RECORDING, in ``originals/``, never served) and a
re-encoded copy without metadata (kind CONSENT_LISTENING, in ``derived/``). The copy is made while the
upload is checked, so a recording that cannot be re-encoded refuses the form in front of the facilitator
instead of failing later in front of a listener, and the original's bytes are never sent to anyone.

The transcription job only ever reads a story's ORIGINAL, and no job is created for a consent recording,
so its words never reach a transcript, the review text, the index, the library or the API.
"""

from __future__ import annotations

from sqlalchemy import select

from archive.errors import NotFound
from archive.extensions import db
from archive.models import Consent, ConsentStatus, MediaFile, MediaKind, Story


def consent_recording_copy(media_id: str, consent_id: str | None = None) -> MediaFile:
    """Return the tag-free copy of a consent recording; raise NotFound otherwise.

    Only rows of kind CONSENT_LISTENING qualify, so the id of an original (or of a story's listening
    copy) finds nothing. With ``consent_id``, the copy must also belong to that consent's story. A
    withdrawn consent's files are deleted with it; the status is checked as well so that a copy is
    never served in the moment between the withdrawal's commit and the files' removal.
    """
    stmt = (
        select(MediaFile)
        .join(Story, Story.id == MediaFile.story_id)
        .join(Consent, Consent.id == Story.consent_id)
        .where(
            MediaFile.id == media_id,
            MediaFile.kind == MediaKind.CONSENT_LISTENING,
            Consent.status != ConsentStatus.WITHDRAWN,
        )
    )
    if consent_id is not None:
        stmt = stmt.where(Consent.id == consent_id)
    media = db.session.scalar(stmt)
    if media is None:
        raise NotFound()
    return media


# Consent recordings listed per page on the admin's page: each row holds a player, kept idle until
# pressed (preload="none"), so a page of them costs only its HTML.
CONSENT_RECORDINGS_PER_PAGE = 50


def consent_recording_copies(page: int = 1):
    """Return one page of consent recordings, newest first: (Flask-SQLAlchemy Pagination of the copies'
    rows, [(copy, story), ...] for that page).

    Withdrawn consents have no recordings left (withdrawal deletes them); they are excluded by status
    as well, like everywhere a copy is looked up.
    """
    stmt = (
        select(MediaFile)
        .join(Story, Story.id == MediaFile.story_id)
        .join(Consent, Consent.id == Story.consent_id)
        .where(MediaFile.kind == MediaKind.CONSENT_LISTENING, Consent.status != ConsentStatus.WITHDRAWN)
        .order_by(MediaFile.created_at.desc(), MediaFile.id)
    )
    pages = db.paginate(stmt, page=page, per_page=CONSENT_RECORDINGS_PER_PAGE, error_out=False, count=True)
    ids = {media.story_id for media in pages.items}
    stories = {s.id: s for s in db.session.scalars(select(Story).where(Story.id.in_(ids)))} if ids else {}
    return pages, [(media, stories[media.story_id]) for media in pages.items]


def recordings_of(consent: Consent) -> list[MediaFile]:
    """Return the tag-free copies of the consent recordings kept with this consent's stories."""
    story_ids = [story.id for story in consent.stories]
    if not story_ids:
        return []
    return list(
        db.session.scalars(
            select(MediaFile)
            .where(MediaFile.story_id.in_(story_ids), MediaFile.kind == MediaKind.CONSENT_LISTENING)
            .order_by(MediaFile.created_at)
        )
    )


def copy_for_storyteller(consent: Consent | None, media_id: str) -> MediaFile:
    """Return the copy named by ``media_id`` if it is this storyteller's own; raise NotFound otherwise.

    ``consent`` is the one the browser proved with code and secret (None when it has not), so every
    other case (no sign-in, another storyteller's recording, an original's id) gets the same 404.
    """
    if consent is None:
        raise NotFound()
    return consent_recording_copy(media_id, consent_id=consent.id)
