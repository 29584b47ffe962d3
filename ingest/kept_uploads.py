"""Recordings kept for a refused new-story form's next try.

On a slow, paid link a recording costs minutes and money to send, so a form refused for a missing
consent box must not cost the upload again. A recording that passed its checks (content, size,
duration) stays where the store staged it (``Store.staging_path``, a hidden name), and a
``KeptUpload`` row remembers it under a hash of
an unguessable token that the form carries back in a hidden field. Only the facilitator who sent it
can use the token; it lasts ``KEPT_RECORDING_SECONDS``; the form shows "Recording kept: name,
length" with a button to remove it. An expired or abandoned one is swept away with its files
(``sweep_kept``: on every new-story form sent, and when workers start), and a staged file no row names
goes after a day like any unfinished upload (``Store.sweep_staged``).

When the form is saved, the kept recording is taken (``take``): the row is deleted in the story's own
transaction, so a failed save keeps it for the next try and a saved story owns the file.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath, PureWindowsPath

from flask import current_app
from sqlalchemy import delete, select

from archive.crypto import hash_token
from archive.extensions import db
from archive.models import KeptUpload, utcnow
from archive.storage import ABANDONED_AFTER_SECONDS
from archive.text import clean_line

from .audio import AudioInfo
from .consent_recordings import StagedConsentRecording
from .recordings import StagedRecording
from .redaction import cipher

log = logging.getLogger(__name__)

FIELDS = ("recording", "consent_recording")
NAME_CHARS = 80
EXPIRED = "The recording kept from before was removed after a while; choose the file again."


@dataclass(frozen=True)
class Kept:
    """A kept recording as the form shows it: its token (for the hidden field), name and length."""

    token: str
    field: str
    name: str
    duration_s: float


def lifetime() -> timedelta:
    """How long a kept recording waits: ``KEPT_RECORDING_SECONDS``, always less than the day after
    which any staged file is swept as abandoned."""
    seconds = float(current_app.config["KEPT_RECORDING_SECONDS"])
    return timedelta(seconds=max(60.0, min(seconds, ABANDONED_AFTER_SECONDS - 3600)))


def display_name(filename: str | None) -> str:
    """The file's own name without any folder, cleaned and shortened, for "Recording kept: ..."."""
    raw = filename or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name
    name = clean_line(base)
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def keep_for_retry(
    staged: StagedRecording | StagedConsentRecording, field_name: str, filename: str | None, user_id: int
) -> Kept:
    """Keep a checked recording for the form's next try; add its row (the caller commits)."""
    if field_name not in FIELDS:
        raise ValueError(f"no recording field {field_name!r}")
    token = secrets.token_urlsafe(24)
    original = staged.original if isinstance(staged, StagedConsentRecording) else staged
    # Names may be a person's ("Wanjiru's story.m4a"): kept encrypted like known identifiers.
    name = display_name(filename)
    now = utcnow()
    db.session.add(
        KeptUpload(
            token_hash=hash_token(token),
            user_id=user_id,
            field=field_name,
            path=str(original.path),
            copy_path=str(staged.copy_path) if isinstance(staged, StagedConsentRecording) else None,
            copy_media_type=staged.copy_media_type if isinstance(staged, StagedConsentRecording) else None,
            info=_info_row(original.info),
            name_encrypted=cipher().encrypt(name),
            created_at=now,
            expires_at=now + lifetime(),
        )
    )
    return Kept(token, field_name, name, original.info.duration_s)


def _row(token: str | None, field_name: str, user_id: int, now: datetime | None = None) -> KeptUpload | None:
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    row = db.session.scalar(
        select(KeptUpload).where(
            KeptUpload.token_hash == hash_token(token),
            KeptUpload.user_id == user_id,
            KeptUpload.field == field_name,
        )
    )
    if row is None or row.expires_at <= (now or utcnow()) or not _files_there(row):
        return None
    return row


def find(token: str | None, field_name: str, user_id: int) -> Kept | None:
    """The kept recording named by a form's token, if it is this user's, for this field, and still kept."""
    row = _row(token, field_name, user_id)
    if row is None:
        return None
    return Kept(
        token.strip(), field_name, cipher().decrypt(row.name_encrypted), float(row.info["duration_s"])
    )


def take(kept: Kept, user_id: int) -> StagedRecording | StagedConsentRecording | None:
    """Take a kept recording for the story being saved: its row is deleted in the caller's transaction
    (restored if that rolls back, so the recording is still kept for the next try), and the staged
    recording returned stays on disk whatever the save does (``discard`` leaves it to the row)."""
    row = _row(kept.token, kept.field, user_id)
    if row is None:
        return None
    original = _HeldRecording(Path(row.path), _info(row.info))
    # A bulk delete, not the row's: a double click's second request may find it gone already.
    db.session.execute(delete(KeptUpload).where(KeptUpload.id == row.id))
    if row.copy_path is None:
        return original
    return _HeldConsentRecording(original, Path(row.copy_path), row.copy_media_type or "audio/ogg")


def drop_taken(staged: StagedRecording | StagedConsentRecording | None) -> None:
    """Delete the files of a taken recording no story kept (the form had been saved already); its
    row went with the caller's commit."""
    if isinstance(staged, StagedConsentRecording):
        _remove([str(staged.original.path), str(staged.copy_path)])
    elif staged is not None:
        _remove([str(staged.path)])


def forget(token: str | None, field_name: str, user_id: int) -> bool:
    """Remove a kept recording (the form's "Remove" button, or a new file chosen instead); commit."""
    row = _row(token, field_name, user_id)
    if row is None:
        return False
    paths = [row.path, row.copy_path]
    db.session.delete(row)
    db.session.commit()
    _remove(paths)
    return True


def sweep_kept(now: datetime | None = None) -> int:
    """Delete kept recordings past their time, rows and files; return how many went."""
    now = now or utcnow()
    rows = db.session.execute(
        select(KeptUpload.id, KeptUpload.path, KeptUpload.copy_path).where(KeptUpload.expires_at <= now)
    ).all()
    if not rows:
        return 0
    db.session.execute(delete(KeptUpload).where(KeptUpload.id.in_([r.id for r in rows])))
    db.session.commit()
    _remove([p for r in rows for p in (r.path, r.copy_path)])
    log.info("removed %s recording(s) kept for forms that were not sent again", len(rows))
    return len(rows)


def _remove(paths: list[str | None]) -> None:
    for path in paths:
        if path:
            Path(path).unlink(missing_ok=True)


def _files_there(row: KeptUpload) -> bool:
    return Path(row.path).is_file() and (row.copy_path is None or Path(row.copy_path).is_file())


def _info_row(info: AudioInfo) -> dict:
    return {
        "format_name": info.format_name,
        "codec": info.codec,
        "duration_s": info.duration_s,
        "sample_rate": info.sample_rate,
        "channels": info.channels,
    }


def _info(row: dict) -> AudioInfo:
    return AudioInfo(
        format_name=str(row["format_name"]),
        codec=str(row["codec"]),
        duration_s=float(row["duration_s"]),
        sample_rate=int(row["sample_rate"]),
        channels=int(row["channels"]),
    )


@dataclass
class _HeldRecording(StagedRecording):
    """A kept story recording taken for a save: ``discard`` leaves it to its row, which the save's
    transaction deletes (saved: the story owns the file) or keeps (refused: kept for the next try)."""

    def discard(self) -> None:
        pass


@dataclass
class _HeldConsentRecording(StagedConsentRecording):
    """A kept consent recording and its copy, taken for a save (see ``_HeldRecording``)."""

    def discard(self) -> None:
        pass
