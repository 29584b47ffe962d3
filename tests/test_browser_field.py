"""The new-story page in the field, in Debian's Chromium with a fake microphone playing espeak-ng
speech (``--use-file-for-fake-audio-capture``): record with the level meter moving, pause and
resume, listen back; lose the connection (``context.set_offline``), save, get the consent card made on
the phone, reload the page offline (the service worker serves it, the story is still listed from
IndexedDB); come back online, press Send, and the story is on the server, processing, once.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story, StoryStatus
from ingest import resumable
from tests.fixtures.audio import fixture
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS, send_with_recording
from tests.test_browser_people import sign_in_staff

# `make test-postgres` leaves these out (tests/conftest.py): one browser run is enough.
pytestmark = pytest.mark.one_database(
    "what Chromium does offline (the fake microphone, IndexedDB, the service worker, the pieces "
    "sent again) cannot differ between databases; the resumable upload's rows behind it are tested on "
    "both in tests/test_resumable_uploads.py"
)

WAV = fixture("field_story.wav")


@pytest.fixture
def app_config():
    # No job runs inside the request: the saved story stays "processing" for the page to show.
    return {"JOBS_IMMEDIATE": False}


@pytest.fixture
def field_browser(sync_playwright):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={WAV}",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


def fill_consented_story(page, title: str) -> None:
    page.fill("input[name=title]", title)
    page.select_option("select[name=language]", "sw")
    page.check("input[name=purposes][value=teaching]")
    page.check("input[name=modalities][value=text]")
    page.check("input[name=modalities][value=audio]")
    page.check("input[name=method][value=signed]")


def test_record_offline_keep_on_the_phone_then_send_when_back_online(
    app, live_server, quick_user, field_browser
):
    context = field_browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, permissions=["microphone"]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    sign_in_staff(page, live_server, quick_user("facilitator"))
    page.goto(f"{live_server}/ingest/new")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_selector("#recorder:not([hidden])")
    page.wait_for_selector("#offline-queue:not([hidden])")

    # Record: the meter moves with the voice; pause and resume; stop; listen back.
    page.click("#rec-start")
    page.wait_for_function("() => document.getElementById('rec-state').textContent === 'Recording.'")
    page.wait_for_function("() => document.getElementById('rec-level').value > 0.02")
    page.wait_for_function("() => document.getElementById('rec-time').textContent !== '0:00'")
    page.click("#rec-pause")
    page.wait_for_function("() => document.getElementById('rec-state').textContent.startsWith('Paused')")
    page.click("#rec-pause")
    page.wait_for_function("() => document.getElementById('rec-time').textContent === '0:02'")
    page.click("#rec-stop")
    page.wait_for_selector("#rec-review:not([hidden])")
    recorded = page.evaluate(
        "(() => { const f = document.getElementById('recording').files[0];"
        " return [f.name, f.size, f.type]; })()"
    )
    assert recorded[0].endswith(".webm") and recorded[1] > 1000 and recorded[2] == "audio/webm"
    page.wait_for_function("() => document.getElementById('rec-audio').duration > 0")

    # No connection: the story is kept on the phone and the storyteller gets their card at once.
    fill_consented_story(page, "Safari ya zahanati")
    context.set_offline(True)
    page.click("form#new-story > button")
    page.wait_for_selector("#card-made:not([hidden])")
    code, secret = (
        t.replace("-", "").replace(" ", "") for t in page.locator("#card-made dd").all_inner_texts()
    )
    assert len(code) == 8 and len(secret) == 10
    assert page.locator("#queue-list li").count() == 1
    assert "Safari ya zahanati" in page.inner_text("#queue-list")

    # Still offline, the page opens again from the service worker, with the story listed.
    page.reload()
    page.wait_for_selector("#queue-list li")
    assert "card " + code[:4] + "-" + code[4:] in page.inner_text("#queue-list")
    with app.app_context():
        assert db.session.scalar(select(Story)) is None
        db.session.remove()

    # Back online: Send. The recording goes resumably, then the form; the phone forgets the story.
    context.set_offline(False)
    page.click("#queue-list li button:text-is('Send')")
    page.wait_for_function("() => document.getElementById('send-state').textContent.startsWith('Sent:')")
    page.wait_for_selector("#queue-empty:not([hidden])")
    assert page.locator("#queue-list li").count() == 0

    with app.app_context():
        (story,) = db.session.scalars(select(Story)).all()
        assert story.kind == "audio" and story.status == StoryStatus.PROCESSING
        assert story.consent.code == code
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        assert original.path.endswith(".webm") and original.duration_s > 1.5
        assert resumable.staged_uploads() == []
        story_id = story.id
        db.session.remove()
    page.goto(f"{live_server}/ingest/stories/{story_id}")
    assert "State: processing" in page.inner_text("p.meta")
    assert errors == []
    context.close()


def test_a_recording_sent_with_the_form_resumes_after_a_dropped_piece(app, live_server, quick_user, chromium):
    """Online, a chosen file goes ahead resumably: a piece lost on the way (the request fails) is
    asked about and sent again from where the server stands; no finished piece is sent twice."""
    context = chromium.new_context(service_workers="block")  # so the page's own requests can be watched
    page = context.new_page()
    sign_in_staff(page, live_server, quick_user("facilitator"))
    page.goto(f"{live_server}/ingest/new")
    dropped = []

    def drop_the_second_piece(route):
        if (
            route.request.method == "PATCH"
            and route.request.headers.get("upload-offset") == "65536"
            and not dropped
        ):
            dropped.append(True)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/ingest/uploads/*", drop_the_second_piece)
    offsets = []
    page.on(
        "requestfinished",
        lambda r: offsets.append(int(r.headers["upload-offset"])) if r.method == "PATCH" else None,
    )
    recording = fixture("clinic_visit.flac")  # 153,753 bytes: three pieces of 64 KB
    fill_consented_story(page, "Safari ya zahanati")
    page.set_input_files("#recording", str(recording))
    send_with_recording(page, "form#new-story > button")
    assert page.is_visible("#consent-card")
    assert dropped and offsets == [0, 65536, 131072]  # each finished piece once, the lost one again
    with app.app_context():
        story = db.session.scalar(select(Story))
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story.id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        assert original.size_bytes == recording.stat().st_size and original.path.endswith(".flac")
        assert resumable.staged_uploads() == []
        db.session.remove()
    context.close()
