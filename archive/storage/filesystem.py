"""Media files on a filesystem: ``MEDIA_ROOT`` with ``originals/`` (uploads as they came) and
``derived/`` (copies the archive made), the embedded default.

Staged files wait in the folder they will be kept in (``originals/.incoming-*``), so keeping one is a
rename on the same disk; a job attempt works in ``derived/.work-<job>-<claim>/``. Hosts that share
this store must share the folder (a network volume).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import Response, send_file
from werkzeug.exceptions import RequestedRangeNotSatisfiable

from archive.crypto import new_id
from archive.errors import NotFound

from .store import ABANDONED_AFTER_SECONDS, PENDING_PREFIX, STAGED_PREFIX, Store

AREAS = ("originals", "derived")
WORK_PREFIX = ".work-"


class FileStore(Store):
    """Files under ``root``; a key is a path relative to it, always inside one of ``AREAS``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        """The file of ``key``; a key that would lead outside its area is refused (NotFound)."""
        area = key.split("/", 1)[0]
        path = (self.root / key).resolve()
        if area not in AREAS or not path.is_relative_to((self.root / area).resolve()):
            raise NotFound()
        return path

    def _area(self, area: str) -> Path:
        if area not in AREAS:
            raise ValueError(f"no area {area!r}")
        folder = self.root / area
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def staging_path(self, area: str) -> Path:
        return self._area(area) / f"{STAGED_PREFIX}{new_id()}"

    def put(self, source: Path, key: str) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def take_back(self, key: str, source: Path) -> None:
        os.replace(self.path(key), source)

    def _pending_path(self, key: str) -> Path:
        path = self.path(key)
        return path.with_name(PENDING_PREFIX + path.name)

    def reserve(self, source: Path, key: str) -> None:
        target = self._pending_path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        _sync_folder(target.parent)

    def settle(self, key: str) -> bool:
        try:
            os.replace(self._pending_path(key), self.path(key))
        except FileNotFoundError:
            return False  # settled already (by the request, or by a check after a crash)
        _sync_folder(self.path(key).parent)
        return True

    def release(self, key: str, source: Path) -> None:
        os.replace(self._pending_path(key), source)

    def pending(self) -> Iterator[tuple[str, float]]:
        now = time.time()
        for area in AREAS:
            folder = self.root / area
            if folder.is_dir():
                for entry in folder.glob(f"{PENDING_PREFIX}*"):
                    with contextlib.suppress(FileNotFoundError):
                        age = now - entry.stat().st_mtime
                        yield f"{area}/{entry.name.removeprefix(PENDING_PREFIX)}", age

    def drop_pending(self, key: str) -> None:
        self._pending_path(key).unlink(missing_ok=True)

    def staged(self) -> Iterator[tuple[Path, float]]:
        now = time.time()
        for area in AREAS:
            folder = self.root / area
            if folder.is_dir():
                for entry in folder.glob(f"{STAGED_PREFIX}*"):
                    with contextlib.suppress(FileNotFoundError):
                        yield entry, now - entry.stat().st_mtime

    @contextlib.contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        yield self.path(key)  # the file itself: on the same disk, nothing to copy

    def exists(self, key: str) -> bool:
        try:
            return self.path(key).is_file()
        except NotFound:
            return False

    def remove(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.path(key).unlink(missing_ok=True)

    def keys(self, area: str) -> Iterator[str]:
        folder = self.root / area
        if not folder.is_dir():
            return
        for entry in folder.iterdir():
            if entry.is_file() and not entry.name.startswith((STAGED_PREFIX, WORK_PREFIX, PENDING_PREFIX)):
                yield f"{area}/{entry.name}"

    def send(self, key: str, media_type: str, revalidate: bool) -> Response:
        path = self.path(key)
        if not path.is_file():  # removed by a withdrawal that committed while this request ran
            raise NotFound()
        try:
            response = send_file(path, mimetype=media_type, conditional=True, etag=True, max_age=None)
        except RequestedRangeNotSatisfiable:
            # A bare 416 with the file's length (RFC 9110), so a player can ask again within it; not
            # the site's HTML error page, which a media element cannot read.
            response = Response(status=416, headers={"Content-Range": f"bytes */{path.stat().st_size}"})
        response.headers["Cache-Control"] = "private, no-cache" if revalidate else "private, no-store"
        return response

    def work_dir(self, name: str) -> Path:
        folder = self._area("derived") / f"{WORK_PREFIX}{name}"
        folder.mkdir(parents=True)
        return folder

    def work_dirs(self) -> Iterator[Path]:
        folder = self.root / "derived"
        if folder.is_dir():
            yield from (entry for entry in folder.glob(f"{WORK_PREFIX}*") if entry.is_dir())

    def sweep_staged(self, older_than: float = ABANDONED_AFTER_SECONDS) -> int:
        now = time.time()
        removed = 0
        for area in AREAS:
            folder = self.root / area
            if not folder.is_dir():
                continue
            for entry in folder.glob(f"{STAGED_PREFIX}*"):
                try:
                    if entry.is_file() and now - entry.stat().st_mtime > older_than:
                        entry.unlink()
                        removed += 1
                except FileNotFoundError:
                    continue  # its request committed or cleaned up meanwhile
        return removed

    def snapshot(self, dest: Path) -> bool:
        if not self.root.exists():
            return False
        # Staged uploads and job attempts' work belong to no story yet (a restore could not use them);
        # a pending keep may have its committed row, so it goes too and is settled at the next start.
        unfinished = shutil.ignore_patterns(f"{STAGED_PREFIX}*", f"{WORK_PREFIX}*")
        shutil.copytree(self.root, dest, ignore=unfinished)
        return True


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (a crash of the process alone never loses it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every filesystem syncs a folder; the rename itself stands
    finally:
        os.close(fd)
