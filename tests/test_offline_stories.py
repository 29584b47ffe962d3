"""The new-story form as the page's offline queue sends it: a recording sent ahead by a resumable
upload and named by its id, a consent card made on the phone (its code refused when in use, the page
told by a header), and the same story sent twice saved once (the submission key is the idempotency
key). Through the real views, ffmpeg and a SQLite file."""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story
from consent.records import CARD_CODE_IN_USE
from ingest import resumable
from ingest.views import UPLOAD_GONE
from tests.fixtures.audio import fixture
from tests.fixtures.stories import read_card, sign_in_patient, story_form
from tests.test_resumable_uploads import patch, start, token

NEW = "/ingest/new"
OGG = fixture("clinic_visit.ogg")


def send(client, data: dict):
    return client.submit(NEW, data, page=NEW, content_type="multipart/form-data")


def sent_ahead(client) -> str:
    """Upload the recording resumably, in two pieces; return its upload id."""
    csrf = token(client)
    body = OGG.read_bytes()
    location = start(client, len(body), csrf=csrf).headers["Location"]
    assert patch(client, location, 0, body[:5000], csrf).status_code == 204
    assert patch(client, location, 5000, body[5000:], csrf).status_code == 204
    return location.rsplit("/", 1)[1]


def recorded(**overrides) -> dict:
    return story_form(text="", language="sw", modalities=["text", "audio"], **overrides)


def stories(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Story))
        db.session.remove()
    return count


def test_a_recording_sent_ahead_is_saved_with_its_story_and_the_upload_goes(app, sign_in):
    facilitator = sign_in("facilitator")
    upload_id = sent_ahead(facilitator)

    saved = send(facilitator, recorded(recording_upload=upload_id))

    assert saved.status_code == 201, saved.get_data(as_text=True)[:3000]
    with app.app_context():
        story = db.session.scalar(select(Story))
        assert story.kind == "audio"
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        assert original.size_bytes == OGG.stat().st_size and original.path.endswith(".ogg")
        assert resumable.staged_uploads() == []


def test_an_upload_that_is_not_yours_or_not_finished_is_not_used(app, sign_in):
    owner, stranger = sign_in("facilitator"), sign_in("facilitator")
    upload_id = sent_ahead(owner)
    unfinished = start(owner, 99_999).headers["Location"].rsplit("/", 1)[1]

    for client, named in ((stranger, upload_id), (owner, unfinished)):
        refused = send(client, recorded(recording_upload=named))
        assert refused.status_code == 400
        assert html.escape(UPLOAD_GONE, quote=False) in refused.get_data(as_text=True)
    assert stories(app) == 0
    with app.app_context():
        assert {e.upload_id for e in resumable.staged_uploads()} == {upload_id, unfinished}


def test_a_card_made_on_the_phone_opens_the_storytellers_pages(app, sign_in):
    facilitator = sign_in("facilitator")
    saved = send(facilitator, story_form(card_code="ABCD-EFGH", card_secret="KMNPQRSTWX"))
    assert saved.status_code == 201
    code, secret = read_card(saved.get_data(as_text=True))
    assert code.replace("-", "") == "ABCDEFGH" and secret.replace("-", "") == "KMNPQRSTWX"
    sign_in_patient(app.test_client(), "abcd efgh", "kmnpqrstwx")


def test_a_card_code_in_use_is_refused_and_the_page_told_to_make_a_new_card(app, sign_in):
    facilitator = sign_in("facilitator")
    first = story_form(card_code="ABCDEFGH", card_secret="KMNPQRSTWX")
    assert send(facilitator, first).status_code == 201

    clash = send(facilitator, story_form(card_code="ABCDEFGH", card_secret="ZZZZZZZZZZ"))
    assert clash.status_code == 400 and clash.headers["X-Card-Code-In-Use"] == "1"
    assert html.escape(CARD_CODE_IN_USE, quote=False) in clash.get_data(as_text=True)
    # The same story sent again (its answer lost on the way back): saved once, no clash, no copy.
    again = send(facilitator, first)
    assert again.status_code == 302 and "/ingest/stories/" in again.headers["Location"]
    assert stories(app) == 1


def test_a_card_that_is_not_a_card_is_refused(app, sign_in):
    facilitator = sign_in("facilitator")
    for code, secret in (("ABCDEFG0", "KMNPQRSTWX"), ("ABCDEFGH", ""), ("<script>", "KMNPQRSTWX")):
        refused = send(facilitator, story_form(card_code=code, card_secret=secret))
        assert refused.status_code == 400 and "could not be read" in refused.get_data(as_text=True)
    assert stories(app) == 0


def test_the_page_works_without_scripts_and_brings_its_worker_and_manifest(app, sign_in):
    facilitator = sign_in("facilitator")
    page = facilitator.get(NEW)
    body = page.get_data(as_text=True)
    # Without JavaScript: the file field as before; the recorder and the phone's queue stay hidden.
    assert 'type="file"' in body and 'name="recording"' in body
    assert '<div class="recorder" id="recorder" hidden>' in body
    assert '<section class="offline-queue" id="offline-queue" hidden' in body
    assert "media-src 'self' blob:" in page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in page.headers["Content-Security-Policy"]
    assert 'rel="manifest" href="/ingest/manifest.webmanifest"' in body
    # Under the 60 KB budget with everything it loads on a first visit, its scripts too.
    total = len(page.get_data())
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', body):
        fetched = facilitator.get(asset)
        total += len(fetched.get_data())
        fetched.close()
    assert total < 60_000, total
    worker = facilitator.get("/ingest/sw.js")
    worker.close()
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
    assert worker.headers["Cache-Control"] == "no-store"
    manifest = facilitator.get("/ingest/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.get_json()["start_url"] == NEW and manifest.get_json()["scope"] == "/ingest/"
    # Other staff get neither.
    assert sign_in("educator").get("/ingest/sw.js").status_code == 403


def test_a_refused_form_keeps_the_recording_sent_ahead_for_its_next_try(app, sign_in):
    facilitator = sign_in("facilitator")
    upload_id = sent_ahead(facilitator)

    refused = send(facilitator, recorded(recording_upload=upload_id, purposes=[]))

    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    # Kept like a file sent with the form, under the name it was sent with; the upload is done.
    assert "Recording kept: <strong>Wanjiru Achieng.ogg</strong>, 0:08." in page
    token = re.search(r'name="recording_kept" type="hidden" value="([^"]+)"', page).group(1)
    assert 'name="recording_upload" type="hidden" value=""' in page
    with app.app_context():
        assert resumable.staged_uploads() == []
    saved = send(facilitator, recorded(recording_kept=token))
    assert saved.status_code == 201
    assert stories(app) == 1
