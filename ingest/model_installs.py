"""Speech models installed from the admin's page: from the catalogue (or a mirror) in the background
with its progress on the page, or from a model archive the admin uploads.

``speech_models.install`` does the work (download resumed, SHA-256 checked, unpacked atomically); this
module runs it away from the request and keeps where it stands in a small file beside the models
(``.progress-<lang>.json``: state, bytes so far, total, the message of a failure), which any web process
can read, so the page shows it without JavaScript (it refreshes itself while an install runs). When a
model arrives, the stories that waited for it are queued (``resume_waiting_for``).

The install runs in a thread of the web process that started it (an admin installs a model rarely; a
worker process holds no request). With ``JOBS_IMMEDIATE`` (the tests) it runs in the request. A process
that stops mid-download leaves the ``.part`` file: the next install resumes it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from archive.extensions import db
from archive.jobs import immediate
from archive.languages import language_name

from .audio_jobs import resume_waiting_for
from .speech_models import SpeechModelError, install, models_folder

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Progress:
    lang: str
    state: str  # running, done or failed
    have: int = 0
    total: int | None = None
    message: str = ""

    @property
    def percent(self) -> int | None:
        return None if not self.total else min(100, round(100 * self.have / self.total))


def _progress_path(lang: str, root: Path | None = None) -> Path:
    return (root or models_folder()) / f".progress-{lang}.json"


def _write(root: Path, progress: Progress) -> None:
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".progress.", dir=root)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(progress.__dict__, fh)
    os.replace(tmp, _progress_path(progress.lang, root))


def installs() -> list[Progress]:
    """Every install started from the page that is running, or ended since it was last cleared."""
    root = models_folder()
    found = []
    for path in sorted(root.glob(".progress-*.json")) if root.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(Progress(**data))
        except (OSError, ValueError, TypeError):
            continue
    return found


def clear(lang: str) -> None:
    """Forget an ended install's line on the page (a running one stays)."""
    if not any(p.lang == lang and p.state == RUNNING for p in installs()):
        _progress_path(lang).unlink(missing_ok=True)


def start_install(lang: str, url: str | None = None, sha256: str | None = None) -> None:
    """Install the model for ``lang`` from the catalogue (or ``url``, checked against ``sha256``) in
    the background; raise SpeechModelError at once if one is already running for ``lang``."""
    root = models_folder()
    if any(p.lang == lang and p.state == RUNNING for p in installs()):
        raise SpeechModelError(f"A model for {language_name(lang)} is being installed already.")
    _write(root, Progress(lang, RUNNING, message="starting"))
    app = current_app._get_current_object()
    if immediate():
        _run(app, root, lang, url=url, sha256=sha256)
    else:
        threading.Thread(
            target=_run, args=(app, root, lang), kwargs={"url": url, "sha256": sha256}, daemon=True
        ).start()


def install_upload(lang: str, stream, root: Path | None = None) -> Progress:
    """Install a model archive (a zip) the admin uploaded: stored beside the models, its SHA-256 taken
    as it is written (the admin vouches for the file; the page shows the checksum to compare), then
    unpacked and checked like a download. Return how it ended."""
    root = root or models_folder()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=f".upload-{lang}.", suffix=".zip", dir=root)
    try:
        with os.fdopen(fd, "wb") as fh:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                fh.write(chunk)
        _write(root, Progress(lang, RUNNING, message="unpacking the uploaded archive"))
        _run(current_app._get_current_object(), root, lang, archive=tmp, sha256=digest.hexdigest())
    finally:
        Path(tmp).unlink(missing_ok=True)
    return next(p for p in installs() if p.lang == lang)


def _run(app: Flask, root: Path, lang: str, **options) -> None:
    with app.app_context():

        def progress(have: int, total: int | None) -> None:
            _write(root, Progress(lang, RUNNING, have, total, "downloading"))

        try:
            report = install(lang, models_dir=root, progress=progress, **options)
        except SpeechModelError as err:
            _write(root, Progress(lang, FAILED, message=err.message))
            return
        except Exception:  # noqa: BLE001 (the page must say it ended; the log has the trace)
            log.exception("installing the speech model for %s failed", lang)
            _write(root, Progress(lang, FAILED, message="The install stopped with an error; see the log."))
            return
        try:
            resumed = resume_waiting_for(lang)
        finally:
            db.session.remove()
        done = "already installed" if report.already_installed else f"installed {report.name}"
        waiting = f"; {resumed} waiting recording{'s' if resumed != 1 else ''} queued" if resumed else ""
        _write(root, Progress(lang, DONE, message=f"{done} (SHA-256 {report.sha256}){waiting}."))
