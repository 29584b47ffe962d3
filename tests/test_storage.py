"""The storage seam: a file and its row are kept together or not at all, an older file goes once its
replacement stands, and no key reaches outside the store."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from archive.errors import NotFound
from archive.extensions import db
from archive.models import MediaFile, MediaKind
from archive.storage import current_store, keep, media_row
from tests.fixtures.consents import shelve_typed_story


def staged(data: bytes):
    path = current_store().staging_path("derived")
    path.write_bytes(data)
    return path


def test_a_kept_file_stands_with_its_row_and_replaces_the_older_one(app):
    with app.app_context():
        story, _ = shelve_typed_story()
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
