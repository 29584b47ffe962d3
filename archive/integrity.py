"""What a crash can leave behind, found and put right: ``story-archive check [--repair]``, and its safe
part at every start of ``serve`` and ``worker``.

Files are written so that a process killed at any moment (kill -9, a power cut) leaves only states
this module recognises (``archive.storage.keep``: a file takes its key's name only after its row is
committed). What it looks for, under the media store and the instance folder:

- **unsettled files**: a committed row whose file is still pending: renamed to its key (always safe);
- **pending files without a row**: a keep whose commit never happened: removed;
- **staged files no row claims**: uploads and copies made by a request that died (``.incoming-*``),
  and scratch folders of programs it ran; every place files wait is a ``Staging`` registered on the
  app (``register_staging``), so a new kind of upload adds its own;
- **stopped attempts' work folders**: a job attempt's ``.work-*`` folder whose job is not running;
- **files without rows**: a file under a key no row names (made before this order was kept, or put
  there by hand): reported, removed by ``--repair``;
- **rows without files**: a media row whose file is gone: reported, deleted by ``--repair`` (the
  story then has no such recording, which every page handles), and kept-for-retry rows whose
  recording is gone.

The first four are the **safe part**, done at every start: nothing anyone relies on is touched. A file
still being written by a request in another live process looks abandoned, so each process holds the
instance (a shared lock on ``instance/.running.lock``); only a process that finds no other holder
treats every unclaimed staged file as abandoned, others leave those younger than
``STAGING_GRACE_SECONDS``.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import delete, select

from .extensions import db
from .models import Job, JobState, KeptUpload, MediaFile
from .storage import current_store

log = logging.getLogger(__name__)

#: A staged file younger than this may belong to a request still running in another process.
STAGING_GRACE_SECONDS = 3600
LOCK_NAME = ".running.lock"


@dataclass(frozen=True)
class Staging:
    """A place where files wait before a row owns them.

    ``entries`` lists what waits there (files or folders) with each one's age in seconds; ``claimed``
    gives those a row still names (a recording kept for a form's next try, an upload being resumed),
    which are never removed.
    """

    name: str
    entries: Callable[[], Iterable[tuple[Path, float]]]
    claimed: Callable[[], set[Path]] = lambda: set()


def register_staging(app: Flask, staging: Staging) -> None:
    """Tell ``check`` about a place where files wait (tus uploads, say), so it finds what is left there."""
    app.extensions.setdefault("staging", []).append(staging)


def staging_areas() -> list[Staging]:
    """Every place files wait, as registered on the current app."""
    return list(current_app.extensions.get("staging", ()))


def scratch_dir() -> Path:
    """The instance's folder for programs' scratch files (ffmpeg's input links, Vosk's model view): in
    the instance rather than the system's temp folder, so ``check`` finds what a killed process left."""
    folder = Path(current_app.instance_path) / "tmp"
    folder.mkdir(exist_ok=True)
    return folder


def register_default_staging(app: Flask) -> None:
    """The places every installation has: the store's staged files, and the scratch folder."""
    register_staging(app, Staging("staged upload", _staged_files, _kept_paths))
    register_staging(app, Staging("scratch folder", _scratch_entries))


def _staged_files() -> Iterator[tuple[Path, float]]:
    yield from current_store().staged()


def _kept_paths() -> set[Path]:
    rows = db.session.execute(select(KeptUpload.path, KeptUpload.copy_path)).all()
    return {Path(p) for row in rows for p in row if p}


def _scratch_entries() -> Iterator[tuple[Path, float]]:
    folder = Path(current_app.instance_path) / "tmp"
    if not folder.is_dir():
        return
    now = time.time()
    for entry in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            yield entry, now - entry.lstat().st_mtime


@dataclass
class Report:
    """What a check found (and, with repair, what it did), by kind."""

    settled: list[str] = field(default_factory=list)
    pending_without_row: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)
    work_folders: list[str] = field(default_factory=list)
    files_without_rows: list[str] = field(default_factory=list)
    rows_without_files: list[str] = field(default_factory=list)
    kept_without_files: list[str] = field(default_factory=list)

    LABELS = {
        "settled": "kept files whose name was not yet given (committed rows)",
        "pending_without_row": "files being kept when their commit never happened",
        "abandoned": "staged files and scratch folders no request will finish",
        "work_folders": "work folders of job attempts that stopped",
        "files_without_rows": "media files no row names",
        "rows_without_files": "media rows whose file is missing",
        "kept_without_files": "recordings kept for a form's next try whose files are missing",
    }

    def lines(self) -> list[str]:
        out = []
        for name, label in self.LABELS.items():
            items = getattr(self, name)
            if items:
                out.append(f"{len(items)} {label}:")
                out += [f"  {item}" for item in items]
        return out

    @property
    def left_over(self) -> bool:
        return any(getattr(self, name) for name in self.LABELS if name != "settled")


def check(repair: bool = False, safe: bool = True, sole: bool = False) -> Report:
    """Find (and put right) what crashes left; see the module's docstring.

    ``safe`` does the safe part (settle, remove pending files without rows, abandoned staged files and
    stopped attempts' work folders); ``repair`` also removes files without rows and deletes rows without
    files. ``sole``: no other process holds the instance, so no staged file can be in use.
    Without either, it only reports.
    """
    store = current_store()
    report = Report()
    grace = 0.0 if sole else float(current_app.config.get("STAGING_GRACE_SECONDS", STAGING_GRACE_SECONDS))
    rows = dict(db.session.execute(select(MediaFile.path, MediaFile.id)).all())
    db.session.commit()

    for key, age in list(store.pending()):
        if key in rows:
            report.settled.append(key)
            if safe or repair:
                store.settle(key)
        elif age >= grace:
            report.pending_without_row.append(key)
            if safe or repair:
                store.drop_pending(key)

    for staging in staging_areas():
        claimed = staging.claimed()
        for path, age in list(staging.entries()):
            if path in claimed or age < grace:
                continue
            report.abandoned.append(f"{staging.name}: {path.name}")
            if safe or repair:
                _remove(path)

    running = {
        f"{job_id}-{claim}"
        for job_id, claim in db.session.execute(
            select(Job.id, Job.claim).where(Job.state == JobState.RUNNING)
        ).all()
    }
    db.session.commit()
    for work in list(store.work_dirs()):
        name = work.name.split("-", 1)[1] if "-" in work.name else work.name
        if name in running:
            continue
        report.work_folders.append(work.name)
        if safe or repair:
            shutil.rmtree(work, ignore_errors=True)

    stored = {key for area in ("originals", "derived") for key in store.keys(area)}
    for key in sorted(stored - set(rows)):
        report.files_without_rows.append(key)
        if repair:
            store.remove([key])
    for key in sorted(set(rows) - stored - set(report.settled)):
        if store.exists(key):
            continue  # settled meanwhile by the request that kept it
        report.rows_without_files.append(key)
        if repair:
            db.session.execute(delete(MediaFile).where(MediaFile.id == rows[key]))
    kept = db.session.execute(select(KeptUpload.id, KeptUpload.path, KeptUpload.copy_path)).all()
    gone = [r.id for r in kept if not all(Path(p).is_file() for p in (r.path, r.copy_path) if p)]
    report.kept_without_files += [f"kept recording {row_id}" for row_id in gone]
    if gone and (safe or repair):
        db.session.execute(delete(KeptUpload).where(KeptUpload.id.in_(gone)))
    db.session.commit()
    if report.left_over or report.settled:
        log.warning("check%s: %s", " (repaired)" if repair else "", "; ".join(report.lines()[:20]))
    return report


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def hold_instance(app: Flask) -> Callable[[], None]:
    """Hold the instance for this process's life, first alone if no other process holds it.

    Returns a function to call once the start's check is done: it lets other processes in (they wait
    for it meanwhile). ``app.extensions["sole_at_start"]`` says whether this process started alone.
    """
    fd = os.open(Path(app.instance_path) / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        sole = True
    except BlockingIOError:
        fcntl.flock(fd, fcntl.LOCK_SH)
        sole = False
    app.extensions["instance_hold"] = fd
    app.extensions["sole_at_start"] = sole

    def share() -> None:
        fcntl.flock(fd, fcntl.LOCK_SH)

    return share


def others_hold_instance(app: Flask) -> bool:
    """Whether a running process holds the instance (``check`` run beside a live site)."""
    fd = os.open(Path(app.instance_path) / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases a lock taken
    return False


def check_at_start(app: Flask) -> Report:
    """The safe part of the check, as a process starts (``serve``, ``worker``), holding the instance."""
    share = hold_instance(app)
    try:
        report = check(safe=True, sole=app.extensions["sole_at_start"])
    finally:
        share()
    return report
