"""Receiving a recording: stream it to disk under a generated name, check it by content, keep it.

The uploaded file name and Content-Type are never used: the name is generated and the format is what
ffmpeg finds in the bytes. Nothing is left in ``media/`` when a recording is refused.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from archive.crypto import new_id
from archive.extensions import db
from archive.media import media_root
from archive.models import MediaFile, MediaKind

from .audio import AudioInfo, AudioRejected, Limits, _megabytes, probe

log = logging.getLogger(__name__)

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
    path = media_root() / "originals"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class StagedRecording:
    """An uploaded recording that passed the checks, waiting in ``originals/`` under a hidden name."""

    path: Path
    info: AudioInfo
    # Where the file waited before ``keep`` moved it, so ``unkeep`` can put it back.
    staged_path: Path | None = None

    @property
    def suffix(self) -> str:
        for name in self.info.format_name.split(","):
            if name in _SUFFIXES:
                return _SUFFIXES[name]
        return ".bin"

    def keep(self, story_id: str, kind: MediaKind = MediaKind.ORIGINAL) -> MediaFile:
        """Move into place under a generated name and add its row (in the caller's transaction)."""
        final = originals_dir() / f"{new_id()}{self.suffix}"
        os.replace(self.path, final)
        self.staged_path, self.path = self.path, final
        media = MediaFile(
            story_id=story_id,
            kind=kind,
            path=str(final.relative_to(media_root())),
            media_type=_MEDIA_TYPES.get(self.suffix, "application/octet-stream"),
            size_bytes=final.stat().st_size,
            duration_s=self.info.duration_s,
            container=self.info.format_name[:40],
        )
        db.session.add(media)
        return media

    def unkeep(self) -> None:
        """Undo ``keep`` after a failed commit: back to its staged name, so a retried save can keep it
        again and a refused one discards it (the row went with the rolled-back transaction)."""
        if self.staged_path is not None:
            os.replace(self.path, self.staged_path)
            self.path, self.staged_path = self.staged_path, None

    def discard(self) -> None:
        """Delete a staged upload that no story took; a kept one belongs to its row and stays."""
        if self.staged_path is None:
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
                        f"The recording is larger than {_megabytes(limits.max_bytes)}. "
                        "Split it into shorter parts.",
                    )
                out.write(chunk)
        info = probe(staged, limits)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return StagedRecording(staged, info)


#: An upload is staged as ``.incoming-*`` for the seconds between its checks and its commit; one older
#: than this belongs to a request that died (a killed web process) and holds no story's recording.
ABANDONED_AFTER_SECONDS = 24 * 3600


def sweep_abandoned_uploads(now: float | None = None) -> int:
    """Delete staged uploads (``.incoming-*`` in originals/ and derived/) older than a day; return how
    many went. A staged file belongs to no story until its request commits, and the facilitator of a
    request that died was never told it was kept, so nothing anyone relies on is removed."""
    now = time.time() if now is None else now
    root = media_root()
    removed = 0
    for folder in (root / "originals", root / "derived"):
        if not folder.is_dir():
            continue
        for entry in folder.glob(".incoming-*"):
            try:
                if entry.is_file() and now - entry.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                    entry.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # its request committed or cleaned up meanwhile
    if removed:
        log.warning("removed %s upload(s) staged by requests that never finished", removed)
    return removed
