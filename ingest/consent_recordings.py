"""Consent given aloud, as it comes in with the new-story form: its recording checked by content like a
story's, and a copy made without the container's tags, both staged under hidden names until the story
is saved (``ingest.stories``), then kept with the story (``keep``).

What happens to the recording afterwards (who may hear it, and only as the tag-free copy) is consent's
(``consent.recordings``); it is never transcribed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from archive.crypto import new_id
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.media import derived_dir, media_root
from archive.models import MediaFile, MediaKind

from .audio import AudioRejected, Limits, listening_copy
from .recordings import StagedRecording, stage_recording

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
