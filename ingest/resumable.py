"""Resumable uploads of recordings: the tus 1.0 protocol's core, creation and termination.

A facilitator on a weak link sends a recording in pieces; when the connection falls, the client asks
how much arrived (HEAD) and sends only the rest (PATCH at that offset), even after a server restart.
The finished upload is then named in the new-story form (``recording_upload``) instead of a file, and
goes through the same content checks as a file sent with the form (``ingest.recordings.stage_recording``).

Uploads wait under the instance folder (``instance/uploads/``), each as two files under a generated
name: ``<id>.part`` (the bytes so far) and ``<id>.json`` (who sent it, for which field, how long it will
be). The offset is the size of the ``.part`` file, so nothing else can disagree with it. Every byte
received is kept, also from a request cut in the middle, and one request at a time writes an upload
(a lock on its file). Each account may hold a few uploads and bytes at once (``UPLOAD_MAX_PER_ACCOUNT``,
``UPLOAD_MAX_BYTES_PER_ACCOUNT``); uploads untouched for ``UPLOAD_ABANDONED_SECONDS`` are swept
(``sweep``), and ``staged_uploads`` lists everything in the folder for ``story-archive check``.

Read from tusd and tus-py-client's behaviour: 409 on an offset that is not the server's, 412 on another
protocol version, 415 on another body type, 413 past the cap, 404 for an upload that is gone.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from archive.crypto import new_id
from archive.errors import ArchiveError, Conflict, NotFound

from . import quotas
from .audio import AudioRejected, probe
from .consent_recordings import consent_limits
from .recordings import Limits
from .redaction import cipher

log = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
EXTENSIONS = ("creation", "termination")
FIELDS = ("recording", "consent_recording")
DATA_SUFFIX = ".part"
INFO_SUFFIX = ".json"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{15}$")
# Read from the request this much at a time, so a cut connection keeps all but the last few bytes.
READ_BYTES = 64 * 1024
# Upload-Metadata is a short header: a field name and a file name, in base64.
MAX_METADATA_CHARS = 2048
NAME_CHARS = 200
# A file without its other half is a crash's leftover once no request can be between writing the two.
LEFTOVER_SECONDS = 60


class Busy(ArchiveError):
    """Another request is writing this upload (tus: 423 Locked); the client tries again."""

    status = 423


class TooLarge(ArchiveError):
    status = 413


class TooMany(ArchiveError):
    """The account holds its most uploads or bytes already (a 429 says: finish or delete some)."""

    status = 429


class BadUpload(ArchiveError):
    status = 400


@dataclass(frozen=True)
class Upload:
    """One resumable upload as its files say it."""

    id: str
    user_id: int
    field: str
    length: int
    offset: int
    created_at: float
    touched_at: float
    # The file's own name as the client said it (a person's name, often): kept encrypted, shown only
    # to the one who sent it ("Recording kept: ...").
    name: str = ""

    @property
    def complete(self) -> bool:
        return self.offset == self.length


@dataclass(frozen=True)
class StagedUpload:
    """A file in the uploads folder, for ``story-archive check``: whose, how big, how old, and whether
    it is whole (data with its description) or a leftover (one without the other)."""

    path: Path
    upload_id: str
    user_id: int | None
    size: int
    age_seconds: float
    leftover: bool


def folder() -> Path:
    """The uploads folder under the instance folder (made on first use, readable by its owner only)."""
    path = Path(current_app.instance_path) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _paths(upload_id: str) -> tuple[Path, Path]:
    base = folder()
    return base / f"{upload_id}{DATA_SUFFIX}", base / f"{upload_id}{INFO_SUFFIX}"


def limits_for(field: str) -> Limits:
    """The size and duration caps of the form field the upload is for (story or consent recording)."""
    cfg = current_app.config
    return consent_limits(cfg) if field == "consent_recording" else Limits.from_config(cfg)


def parse_metadata(header: str | None) -> dict[str, str]:
    """Read ``Upload-Metadata`` (``key base64value,key2 base64value``); refuse anything malformed."""
    raw = (header or "").strip()
    if not raw:
        return {}
    if len(raw) > MAX_METADATA_CHARS:
        raise BadUpload("Upload-Metadata is too long.")
    pairs: dict[str, str] = {}
    for item in raw.split(","):
        parts = item.strip().split(" ")
        if not parts[0] or len(parts) > 2 or parts[0] in pairs:
            raise BadUpload("Upload-Metadata is not a list of keys and base64 values.")
        try:
            value = base64.b64decode(parts[1], validate=True).decode() if len(parts) == 2 else ""
        except (binascii.Error, UnicodeDecodeError) as err:
            raise BadUpload("Upload-Metadata is not a list of keys and base64 values.") from err
        pairs[parts[0]] = value
    return pairs


def create(user_id: int, length: int, metadata: dict[str, str]) -> Upload:
    """Start an upload of ``length`` bytes for the field named in ``metadata`` (``field``, by default
    the story's recording), within the field's size cap and the account's share of the folder."""
    field = metadata.get("field") or "recording"
    if field not in FIELDS:
        raise BadUpload("An upload is for a story's recording or a consent recording.")
    cap = limits_for(field).max_bytes
    if length <= 0:
        raise BadUpload("An empty recording cannot be uploaded.")
    if length > cap:
        raise TooLarge(
            f"The recording is larger than {cap // (1024 * 1024)} MB. Split it into shorter parts."
        )
    # The account's daily quota counts the recording's bytes now, before any is taken (ingest.quotas).
    quotas.check(user_id, length)
    sweep()
    cfg = current_app.config
    mine = [u for u in uploads() if u.user_id == user_id]
    if len(mine) >= int(cfg["UPLOAD_MAX_PER_ACCOUNT"]):
        raise TooMany(
            "You have as many unfinished uploads as an account may hold. Send the stories they belong "
            "to, or wait until they are cleared."
        )
    if sum(u.length for u in mine) + length > int(cfg["UPLOAD_MAX_BYTES_PER_ACCOUNT"]):
        raise TooMany("Your unfinished uploads hold as much as an account may. Send their stories first.")
    upload_id = new_id()
    data, info = _paths(upload_id)
    now = time.time()
    # The data file first: a description never names a missing file (a crash between leaves a
    # leftover .part the sweep removes).
    fd = os.open(data, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    name = metadata.get("filename", "")[:NAME_CHARS]
    record = {"user_id": user_id, "field": field, "length": length, "created_at": now}
    if name:
        record["name"] = cipher().encrypt(name).decode()
    _write_info(info, record)
    return Upload(upload_id, user_id, field, length, 0, now, now, name)


def _write_info(path: Path, record: dict) -> None:
    temp = path.with_name(f".{path.name}.{new_id()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(record, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)


def _read(upload_id: str) -> Upload | None:
    if not _ID.match(upload_id or ""):
        return None
    data, info = _paths(upload_id)
    try:
        record = json.loads(info.read_text())
        stat = data.stat()
    except (FileNotFoundError, ValueError):
        return None
    return Upload(
        upload_id,
        int(record["user_id"]),
        str(record["field"]),
        int(record["length"]),
        stat.st_size,
        float(record["created_at"]),
        stat.st_mtime,
        cipher().decrypt(record["name"].encode()) if record.get("name") else "",
    )


def find(upload_id: str, user_id: int) -> Upload:
    """The upload ``upload_id`` if it is ``user_id``'s; NotFound otherwise (another's is not told apart
    from one that never was)."""
    upload = _read(upload_id)
    if upload is None or upload.user_id != user_id:
        raise NotFound()
    return upload


def uploads() -> list[Upload]:
    """Every whole upload in the folder."""
    found = []
    for info in folder().glob(f"*{INFO_SUFFIX}"):
        upload = _read(info.name[: -len(INFO_SUFFIX)])
        if upload is not None:
            found.append(upload)
    return found


def append(upload: Upload, offset: int, stream: BinaryIO, content_length: int) -> Upload:
    """Write the bytes of a PATCH at ``offset``, which must be where the upload stands (else Conflict),
    and return the upload as it stands after. Bytes received before a cut connection are kept.

    On the last byte the recording is checked by content (``ingest.audio.probe``, with its field's
    size and duration caps): a refused one is deleted and AudioRejected raised.
    """
    if content_length > upload.length - offset:
        raise TooLarge("More bytes were sent than the upload was declared to hold.")
    data, _ = _paths(upload.id)
    with _locked(data) as fh:
        stand = os.fstat(fh.fileno()).st_size
        if offset != stand:
            raise Conflict(f"The upload stands at byte {stand}, not {offset}: ask (HEAD) and resume there.")
        fh.seek(stand)
        left = content_length
        try:
            while left > 0:
                chunk = stream.read(min(READ_BYTES, left))
                if not chunk:
                    break
                fh.write(chunk)
                left -= len(chunk)
        finally:
            # Kept whatever happened: a cut connection resumes after the last byte that arrived.
            fh.flush()
            os.fsync(fh.fileno())
    if left > 0:
        raise BadUpload("The connection ended before every byte arrived: ask where the upload stands.")
    now = _read(upload.id)
    if now is None:
        raise NotFound()
    if now.complete:
        try:
            probe(data, limits_for(now.field))
        except AudioRejected:
            terminate(now)
            raise
    return now


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[BinaryIO]:
    try:
        fh = open(path, "r+b")  # noqa: SIM115  (closed below, after the lock)
    except FileNotFoundError as err:
        raise NotFound() from err
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise Busy("Another request is sending this upload; try again in a moment.") from err
        yield fh
    finally:
        fh.close()  # closing the file lets the lock go


def terminate(upload: Upload) -> None:
    """Delete an upload's files (tus termination, a refused recording, or one taken by a story)."""
    data, info = _paths(upload.id)
    info.unlink(missing_ok=True)
    data.unlink(missing_ok=True)


def completed(upload_id: str | None, user_id: int, field: str) -> Upload | None:
    """The finished upload a form names for ``field``, if it is this user's; None otherwise."""
    try:
        upload = find((upload_id or "").strip(), user_id)
    except NotFound:
        return None
    return upload if upload.complete and upload.field == field else None


def open_data(upload: Upload) -> BinaryIO:
    """The finished upload's bytes, to be staged like a file sent with the form."""
    data, _ = _paths(upload.id)
    return open(data, "rb")  # noqa: SIM115  (the caller closes it)


def abandoned_after() -> float:
    return float(current_app.config["UPLOAD_ABANDONED_SECONDS"])


def staged_uploads(now: float | None = None) -> list[StagedUpload]:
    """Everything in the uploads folder: whole uploads and leftovers (a ``.part`` without its
    description, a description without its data, a temporary file a crash left). A whole upload's
    files are as old as its last byte written."""
    now = time.time() if now is None else now
    entries = []
    base = folder()
    for path in sorted(base.iterdir()):
        if not path.is_file():
            continue
        name = path.name
        upload_id = name.split(".")[0] if not name.startswith(".") else name.split(".")[1]
        upload = _read(upload_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue  # finished or deleted meanwhile
        touched = upload.touched_at if upload else stat.st_mtime
        entries.append(
            StagedUpload(
                path=path,
                upload_id=upload_id,
                user_id=upload.user_id if upload else None,
                size=stat.st_size,
                age_seconds=max(0.0, now - touched),
                leftover=upload is None or name.startswith("."),
            )
        )
    return entries


def sweep(now: float | None = None) -> int:
    """Delete uploads untouched for UPLOAD_ABANDONED_SECONDS and leftovers older than a minute;
    return how many files went."""
    limit = abandoned_after()
    removed = 0
    for entry in staged_uploads(now):
        if (entry.leftover and entry.age_seconds > LEFTOVER_SECONDS) or entry.age_seconds > limit:
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
                removed += 1
    if removed:
        log.info("removed %s file(s) of abandoned resumable uploads", removed)
    return removed
