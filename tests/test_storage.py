"""The storage seam: a file and its row are kept together or not at all, an older file goes once its
replacement stands, and no key reaches outside the store; on the filesystem and in an S3 bucket (moto's
server), where a recording is also sent with byte ranges and conditional requests."""

from __future__ import annotations

import pytest
from flask import request as flask_request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from archive.errors import NotFound
from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story
from archive.storage import current_store, keep, media_row
from tests.fixtures.stories import Stories


@pytest.fixture(params=["filesystem", "s3"])
def app_config(request) -> dict:
    """Every test here runs on both stores."""
    return request.getfixturevalue("s3_settings") if request.param == "s3" else {}


def staged(data: bytes):
    path = current_store().staging_path("derived")
    path.write_bytes(data)
    return path


def test_a_kept_file_stands_with_its_row_and_replaces_the_older_one(app):
    made = Stories(app).published()
    with app.app_context():
        story = db.session.get(Story, made.story_id)
        store = current_store()
        first_file = staged(b"first copy")
        first = media_row(story.id, MediaKind.LISTENING, "derived/first.ogg", first_file, "audio/ogg")
        keep([(first_file, first)])
        assert not first_file.exists() and store.exists("derived/first.ogg")

        second_file = staged(b"second copy")
        second = media_row(story.id, MediaKind.LISTENING, "derived/second.ogg", second_file, "audio/ogg")
        keep([(second_file, second)], replacing=[first])
        rows = db.session.scalars(select(MediaFile.path).where(MediaFile.story_id == story.id)).all()
        assert rows == ["derived/second.ogg"]
        assert store.exists("derived/second.ogg") and not store.exists("derived/first.ogg")
        with store.local_copy("derived/second.ogg") as local:
            assert local.read_bytes() == b"second copy"
        db.session.remove()


def test_a_failed_commit_puts_the_file_back_and_keeps_no_row(app):
    with app.app_context():
        store = current_store()
        path = staged(b"a recording")
        orphan = media_row("NoSuchStory00000", MediaKind.ORIGINAL, "originals/orphan.wav", path, "audio/wav")
        with pytest.raises(IntegrityError):  # no story of that id: the foreign key refuses the row
            keep([(path, orphan)])
        assert path.read_bytes() == b"a recording", "the staged file is back, to be kept again or discarded"
        assert not store.exists("originals/orphan.wav")
        assert db.session.scalar(select(MediaFile.id).where(MediaFile.path == "originals/orphan.wav")) is None
        db.session.remove()


OUTSIDE = ["../instance/archive.db", "originals/../../x", "elsewhere/file", "/etc/passwd"]


@pytest.mark.parametrize("key", OUTSIDE)
def test_no_key_reaches_outside_its_area(app, key):
    with app.app_context():
        store = current_store()
        assert not store.exists(key)
        with pytest.raises(NotFound):
            store.send(key, "audio/wav", revalidate=False)


def read(response) -> bytes:
    """The body of a sent file (made conditional and ranged by its request), its file closed."""
    response.direct_passthrough = False
    response.make_conditional(flask_request)
    try:
        return response.get_data()
    finally:
        response.close()


def test_a_recording_is_sent_whole_in_ranges_and_not_again_when_unchanged(app):
    data = bytes(range(256)) * 40
    made = Stories(app).published()
    with app.app_context():
        story = db.session.get(Story, made.story_id)
        path = staged(data)
        keep([(path, media_row(story.id, MediaKind.LISTENING, "derived/heard.ogg", path, "audio/ogg"))])
        db.session.remove()
    store = app.extensions["media_store"]
    with app.test_request_context("/"):
        whole = store.send("derived/heard.ogg", "audio/ogg", revalidate=True)
        assert whole.status_code == 200 and read(whole) == data
        assert whole.headers["Cache-Control"] == "private, no-cache" and whole.headers["ETag"]
        etag = whole.headers["ETag"]
    with app.test_request_context("/", headers={"Range": "bytes=100-299"}):
        part = store.send("derived/heard.ogg", "audio/ogg", revalidate=False)
        assert part.status_code == 206 and read(part) == data[100:300]
        assert part.headers["Content-Range"] == f"bytes 100-299/{len(data)}"
        assert part.headers["Cache-Control"] == "private, no-store"
    with app.test_request_context("/", headers={"Range": f"bytes={len(data) + 10}-"}):
        beyond = store.send("derived/heard.ogg", "audio/ogg", revalidate=False)
        beyond.close()
        assert beyond.status_code == 416 and beyond.headers["Content-Range"] == f"bytes */{len(data)}"
    with app.test_request_context("/", headers={"If-None-Match": etag}):
        unchanged = store.send("derived/heard.ogg", "audio/ogg", revalidate=True)
        unchanged.close()
        assert unchanged.status_code == 304
    with app.app_context():
        store.remove(["derived/heard.ogg", "derived/never-there.ogg"])  # one already gone: no error
        assert not store.exists("derived/heard.ogg")
        assert list(store.keys("derived")) == []
    with app.test_request_context("/"), pytest.raises(NotFound):
        store.send("derived/heard.ogg", "audio/ogg", revalidate=False)
