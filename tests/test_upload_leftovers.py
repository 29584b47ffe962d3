"""Uploads staged by a request that died (``.incoming-*``) are removed when a worker starts, once they
are older than a day; a fresh one, which may belong to a request still running, is left alone."""

from __future__ import annotations

import os
import time
from pathlib import Path

from archive.jobs import recover
from archive.storage import ABANDONED_AFTER_SECONDS


def test_worker_start_removes_day_old_staged_uploads_only(app):
    media = Path(app.config["MEDIA_ROOT"])
    made = {}
    for folder, name in [
        ("originals", ".incoming-old"),
        ("originals", ".incoming-new"),
        ("derived", ".incoming-old.ogg"),
        ("derived", ".incoming-old.ogg.0123456789abcdef.part"),  # an encode killed mid-write
        ("originals", "kept.m4a"),  # a stored recording: never touched, however old
    ]:
        path = media / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"audio")
        made[f"{folder}/{name}"] = path
    long_ago = time.time() - ABANDONED_AFTER_SECONDS - 60
    old = ["originals/.incoming-old", "derived/.incoming-old.ogg", "originals/kept.m4a"]
    for key in [*old, "derived/.incoming-old.ogg.0123456789abcdef.part"]:
        os.utime(made[key], (long_ago, long_ago))

    with app.app_context():
        recover()

    assert {key for key, path in made.items() if path.exists()} == {
        "originals/.incoming-new",
        "originals/kept.m4a",
    }


def test_database_errors_do_not_quote_the_values_they_were_given(app):
    # Their text is logged and may be kept as a failed job's error: it must not carry a story's words.
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from archive.extensions import db

    with app.app_context():
        try:
            db.session.execute(text("SELECT :words + no_such_column"), {"words": "Amani fell ill at Kisumu"})
        except DBAPIError as err:
            assert "Kisumu" not in str(err)
        else:
            raise AssertionError("the statement should have failed")
        finally:
            db.session.rollback()
