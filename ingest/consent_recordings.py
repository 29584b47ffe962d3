"""Consent given aloud, as it comes in with the new-story form: its recording checked by content like a
story's, and a copy made without the container's tags, both staged under hidden names until the story
is saved (``ingest.stories``), then kept with the story (``archive.storage.keep``).

What happens to the recording afterwards (who may hear it, and only as the tag-free copy) is consent's
(``consent.recordings``); it is never transcribed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from archive.crypto import new_id
from archive.errors import ValidationFailed
from archive.models import MediaFile, MediaKind
from archive.storage import current_store, media_row

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
    """A consent recording that passed the checks, and its tag-free copy, both staged."""

    original: StagedRecording
    copy_path: Path
    copy_media_type: str

    def files(self, story_id: str) -> list[tuple[Path, MediaFile]]:
        """Both files with new rows under generated names, for ``archive.storage.keep``: the upload as
        it came (never served) and the tag-free copy (the only form in which it is heard)."""
        copy = media_row(
            story_id,
            MediaKind.CONSENT_LISTENING,
            f"derived/{new_id()}{self.copy_path.suffix}",
            self.copy_path,
            self.copy_media_type,
            duration_s=self.original.info.duration_s,
        )
        return [self.original.file(story_id, MediaKind.CONSENT_RECORDING), (self.copy_path, copy)]

    def discard(self) -> None:
        """Delete both staged files (a refused form keeps nothing)."""
        self.original.discard()
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
        copy = listening_copy(staged.path, current_store().staging_path("derived"), limits)
    except AudioRejected as err:
        staged.discard()
        raise _refused(err) from err
    except BaseException:
        staged.discard()
        raise
    return StagedConsentRecording(staged, copy.path, copy.media_type)
