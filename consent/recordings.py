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

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select

from archive.crypto import new_id
from archive.errors import NotFound, ValidationFailed
from archive.extensions import db
from archive.media import NOTHING_HERE, consent_recording_copy, derived_dir, media_root
from archive.models import Consent, MediaFile, MediaKind
from ingest.audio import AudioRejected, Limits, listening_copy
from ingest.recordings import StagedRecording, stage_recording

# The form field a refusal is reported on.
FIELD = "consent_recording"
# Said when a consent recording is too long: most likely the story's recording, chosen in the wrong field.
WRONG_FIELD_HINT = (
    " A consent recording holds only the consent being read out and agreed to; the story itself goes "
    "in the Recording field above."
)


def consent_limits(config) -> Limits:
    """The story-recording limits, with the consent recording's own size and duration caps."""
    return replace(
        Limits.from_config(config),
        max_bytes=int(config["MAX_CONSENT_RECORDING_BYTES"]),
        max_seconds=float(config["MAX_CONSENT_RECORDING_SECONDS"]),
    )


def _refused(err: AudioRejected) -> ValidationFailed:
    message = err.message + (WRONG_FIELD_HINT if err.reason in ("too_long", "too_large") else "")
    return ValidationFailed({FIELD: [message]})


@dataclass
class StagedConsentRecording:
    """A consent recording that passed the checks, and its tag-free copy, both under hidden names."""

    original: StagedRecording
    copy_path: Path
    copy_media_type: str
    staged_copy_path: Path | None = None

    def keep(self, story_id: str) -> MediaFile:
        """Move both files into place under generated names and add their rows (in the caller's
        transaction); return the copy's row."""
        self.original.keep(story_id, MediaKind.CONSENT_RECORDING)
        final = derived_dir() / f"{new_id()}{self.copy_path.suffix}"
        os.replace(self.copy_path, final)
        self.staged_copy_path, self.copy_path = self.copy_path, final
        copy = MediaFile(
            story_id=story_id,
            kind=MediaKind.CONSENT_LISTENING,
            path=str(final.relative_to(media_root())),
            media_type=self.copy_media_type,
            size_bytes=final.stat().st_size,
            duration_s=self.original.info.duration_s,
        )
        db.session.add(copy)
        return copy

    def unkeep(self) -> None:
        """Undo ``keep`` after a failed commit: both files go back to their staged names."""
        self.original.unkeep()
        if self.staged_copy_path is not None:
            os.replace(self.copy_path, self.staged_copy_path)
            self.copy_path, self.staged_copy_path = self.staged_copy_path, None

    def discard(self) -> None:
        """Delete both files (a refused form keeps nothing)."""
        self.original.discard()
        if self.staged_copy_path is None:  # a kept copy belongs to its row and stays
            self.copy_path.unlink(missing_ok=True)


def stage_consent_recording(stream: BinaryIO) -> StagedConsentRecording:
    """Check an uploaded consent recording by content and make its tag-free copy.

    Raise ValidationFailed on the ``consent_recording`` field, leaving nothing on disk, when the file is
    not a recording the archive reads or is over MAX_CONSENT_RECORDING_BYTES / _SECONDS.
    """
    limits = consent_limits(current_app.config)
    try:
        staged = stage_recording(stream, limits)
    except AudioRejected as err:
        raise _refused(err) from err
    try:
        # The copy is encoded from the upload itself: ffmpeg writes no tag of the source (see
        # ingest.audio.listening_copy), and ``.incoming-`` marks it as not yet part of any story.
        copy = listening_copy(staged.path, derived_dir() / f".incoming-{new_id()}", limits)
    except AudioRejected as err:
        staged.discard()
        raise _refused(err) from err
    except BaseException:
        staged.discard()
        raise
    return StagedConsentRecording(staged, copy.path, copy.media_type)


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
        raise NotFound(NOTHING_HERE)
    return consent_recording_copy(media_id, consent_id=consent.id)
