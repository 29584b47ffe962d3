"""Where audio files live: ``MEDIA_ROOT`` with ``originals/`` and ``derived/``, names always generated."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def remove_media_files(paths: list[str]) -> None:
    """Delete stored media files (paths relative to MEDIA_ROOT); missing ones are already gone."""
    root = media_root()
    for rel in paths:
        (root / rel).unlink(missing_ok=True)
