"""Receiving a recording: stream it to the store's staging area, check it by content, keep it.

The uploaded file name and Content-Type are never used: the name is generated and the format is what
ffmpeg finds in the bytes. Nothing is left in the store when a recording is refused. Also the copies a
job makes (a listening copy, a published recording), kept as their story's one file of a kind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select

from archive.crypto import new_id
from archive.extensions import db
from archive.models import MediaFile, MediaKind
from archive.storage import current_store, keep, media_row

from .audio import AudioInfo, AudioRejected, Limits, ListeningCopy, _megabytes, probe

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


@dataclass
class StagedRecording:
    """An uploaded recording that passed the checks, waiting in the store's staging area."""

    path: Path
    info: AudioInfo

    @property
    def suffix(self) -> str:
        for name in self.info.format_name.split(","):
            if name in _SUFFIXES:
                return _SUFFIXES[name]
        return ".bin"

    def file(self, story_id: str, kind: MediaKind = MediaKind.ORIGINAL) -> tuple[Path, MediaFile]:
        """The staged file and a new row for it under a generated name, for ``archive.storage.keep``."""
        row = media_row(
            story_id,
            kind,
            f"originals/{new_id()}{self.suffix}",
            self.path,
            _MEDIA_TYPES.get(self.suffix, "application/octet-stream"),
            duration_s=self.info.duration_s,
            container=self.info.format_name[:40],
        )
        return self.path, row

    def discard(self) -> None:
        """Delete a staged upload that no story took (a kept one is in the store, not here any more)."""
        self.path.unlink(missing_ok=True)


def stage_recording(stream: BinaryIO, limits: Limits | None = None) -> StagedRecording:
    """Copy an upload to the store's staging area (size-capped) and probe it; raise AudioRejected and
    keep nothing."""
    limits = limits or Limits.from_config(current_app.config)
    staged = current_store().staging_path("originals")
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


def sweep_abandoned_uploads() -> int:
    """Delete staged uploads older than a day; return how many went. A staged file belongs to no story
    until its request commits, and the facilitator of a request that died was never told it was kept,
    so nothing anyone relies on is removed."""
    removed = current_store().sweep_staged()
    if removed:
        log.warning("removed %s upload(s) staged by requests that never finished", removed)
    return removed


def keep_derived(
    story_id: str, kind: MediaKind, copy: ListeningCopy, duration: float | None, stem: str
) -> None:
    """Keep ``copy`` (made by a job) as the story's one file of ``kind``, and commit.

    It is stored as ``derived/<stem>.<ext>`` (a job names it after its id and claim, so the sweep of
    stopped workers' leftovers recognises it); an older file of that kind goes once the commit stands.
    """
    older = list(
        db.session.scalars(select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == kind))
    )
    row = media_row(
        story_id,
        kind,
        f"derived/{stem}{copy.path.suffix}",
        copy.path,
        copy.media_type,
        duration_s=duration,
        container=copy.path.suffix.lstrip("."),
    )
    keep([(copy.path, row)], replacing=older)
