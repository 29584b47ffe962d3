"""The ``Store`` interface: where media files live, by key (see ``archive.storage``)."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import Response

#: A staged file's name starts with this until it is kept: it belongs to no story yet.
STAGED_PREFIX = ".incoming-"
#: A file being kept waits under this prefix and its key's name until its row is committed, then it is
#: renamed to the key: a file under a key always has its committed row (``archive.storage.keep``).
PENDING_PREFIX = ".keeping-"
#: A staged file older than this belongs to a request that died (a killed web process).
ABANDONED_AFTER_SECONDS = 24 * 3600


class Store(ABC):
    """Where media files live, by key. Local paths appear only where a program needs a file on disk
    (ffmpeg reads and writes files): a staged upload, a local copy to read, a work folder."""

    @abstractmethod
    def staging_path(self, area: str) -> Path:
        """A new local path where a file may be written before it is kept (``area`` is the key's first
        part, ``originals`` or ``derived``); named ``STAGED_PREFIX...`` so that an abandoned one is
        recognised (``sweep_staged``)."""

    @abstractmethod
    def put(self, source: Path, key: str) -> None:
        """Take the local file ``source`` into the store under ``key`` (it is moved, not copied)."""

    @abstractmethod
    def take_back(self, key: str, source: Path) -> None:
        """Undo ``put``: the file is at ``source`` again and no longer under ``key``."""

    @abstractmethod
    def reserve(self, source: Path, key: str) -> None:
        """Move the local file ``source`` into the store beside ``key``, not yet under it (pending), before
        the row of ``key`` is committed."""

    @abstractmethod
    def settle(self, key: str) -> bool:
        """Make a pending file the file of ``key`` once its row is committed; False if none was pending.
        Done twice (a crash recovery and the request racing) is no error."""

    @abstractmethod
    def release(self, key: str, source: Path) -> None:
        """Undo ``reserve`` (the commit failed): the file is at ``source`` again."""

    @abstractmethod
    def pending(self) -> Iterator[tuple[str, float]]:
        """Every key with a pending file, and the file's age in seconds."""

    @abstractmethod
    def drop_pending(self, key: str) -> None:
        """Delete the pending file of ``key`` (its row was never committed)."""

    @abstractmethod
    def staged(self) -> Iterator[tuple[Path, float]]:
        """Every staged file (``staging_path``) still there, and its age in seconds."""

    @abstractmethod
    def local_copy(self, key: str) -> contextlib.AbstractContextManager[Path]:
        """A context giving a local path with the file's bytes, for as long as it lasts (ffmpeg)."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""

    @abstractmethod
    def remove(self, keys: Iterable[str]) -> None:
        """Delete these files; one already gone is no error."""

    @abstractmethod
    def keys(self, area: str) -> Iterator[str]:
        """Every key under ``area`` (``originals`` or ``derived``), staged files left out."""

    @abstractmethod
    def send(self, key: str, media_type: str, revalidate: bool) -> Response:
        """The response that sends the file (byte ranges, conditional requests); see ``send``."""

    @abstractmethod
    def work_dir(self, name: str) -> Path:
        """A new local folder for one job attempt's files (``work_dirs`` lists them all)."""

    @abstractmethod
    def work_dirs(self) -> Iterator[Path]:
        """Every job attempt's work folder still there."""

    @abstractmethod
    def sweep_staged(self, older_than: float = ABANDONED_AFTER_SECONDS) -> int:
        """Delete staged files older than ``older_than`` seconds; return how many went."""

    @abstractmethod
    def snapshot(self, dest: Path) -> bool:
        """Copy every stored file into the folder ``dest`` (a backup); False when there is none."""
