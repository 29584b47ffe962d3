"""Receiving a recording: stream it to disk under a generated name, check it by content, keep it.

The uploaded file name and Content-Type are never used: the name is generated and the format is what
ffmpeg finds in the bytes. Nothing is left in ``media/`` when a recording is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from archive.crypto import new_id
from archive.extensions import db
from archive.models import MediaFile, MediaKind

from .audio import AudioInfo, AudioRejected, Limits, _megabytes, probe

# Stored originals get a suffix from the container ffmpeg recognised, never from the upload's name.
_SUFFIXES = {
    "wav": ".wav",
    "mp3": ".mp3",
    "mov": ".m4a",
    "mp4": ".m4a",
    "m4a": ".m4a",
    "ogg": ".ogg",
    "amr": ".amr",
    "flac": ".flac",
    "matroska": ".webm",
    "webm": ".webm",
}
_MEDIA_TYPES = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".amr": "audio/amr",
    ".flac": "audio/flac",
    ".webm": "audio/webm",
}


def originals_dir() -> Path:
    path = Path(current_app.config["MEDIA_ROOT"]) / "originals"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class StagedRecording:
    """An uploaded recording that passed the checks, waiting in ``originals/`` under a hidden name."""

    path: Path
    info: AudioInfo

    @property
    def suffix(self) -> str:
        for name in self.info.format_name.split(","):
            if name in _SUFFIXES:
                return _SUFFIXES[name]
        return ".bin"

    def keep(self, story_id: str) -> MediaFile:
        """Move into place under a generated name and add its row (in the caller's transaction)."""
        final = originals_dir() / f"{new_id()}{self.suffix}"
        os.replace(self.path, final)
        self.path = final
        media = MediaFile(
            story_id=story_id,
            kind=MediaKind.ORIGINAL,
            path=str(final.relative_to(Path(current_app.config["MEDIA_ROOT"]))),
            media_type=_MEDIA_TYPES.get(self.suffix, "application/octet-stream"),
            size_bytes=final.stat().st_size,
            duration_s=self.info.duration_s,
            container=self.info.format_name[:40],
        )
        db.session.add(media)
        return media

    def unkeep(self, media: MediaFile) -> None:
        """Undo ``keep`` after a failed commit: the file goes."""
        self.discard()

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def stage_recording(stream: BinaryIO, limits: Limits | None = None) -> StagedRecording:
    """Copy an upload to ``originals/`` (size-capped), probe it; raise AudioRejected and keep nothing."""
    limits = limits or Limits.from_config(current_app.config)
    staged = originals_dir() / f".incoming-{new_id()}"
    try:
        with open(staged, "wb") as out:
            copied = 0
            while chunk := stream.read(1024 * 1024):
                copied += len(chunk)
                if copied > limits.max_bytes:
                    raise AudioRejected(
                        "too_large",
                        f"The recording is larger than {_megabytes(limits.max_bytes)}, the most this "
                        "archive takes. Split it into shorter parts.",
                    )
                out.write(chunk)
        info = probe(staged, limits)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return StagedRecording(staged, info)
