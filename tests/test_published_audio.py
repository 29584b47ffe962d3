"""The published recording through the real views: made at publication for a story whose consent lets
educators hear it, served to educators with ranges and only while the publication rule allows the
audio, never made when a span cannot be placed, deleted by withdrawal; the voice-disguise consent
option; and no route that lets an educator reach the unredacted listening copy or the original.

Recordings go through the facilitator's form and are transcribed in the request by the real Korean
model; the publish_audio job runs in the publishing request (JOBS_IMMEDIATE).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.jobs import JobKind, new_job
from archive.models import Job, JobState, MediaFile, MediaKind, Story
from ingest.audio_redaction import NO_TIMINGS
from ingest.published_audio import run_publish_audio
from tests.fixtures import sound
from tests.fixtures.audio import IMAGEIO_FFMPEG


def media_of(app, story_id: str) -> dict[str, MediaFile]:
    with app.app_context():
        rows = db.session.scalars(select(MediaFile).where(MediaFile.story_id == story_id)).all()
        found = {m.kind: m for m in rows}
        for m in rows:
            db.session.expunge(m)
        db.session.remove()
    return found


def jobs_of(app, story_id: str) -> list[tuple[str, str, str | None]]:
    with app.app_context():
        rows = db.session.execute(
            select(Job.kind, Job.state, Job.error).where(Job.story_id == story_id).order_by(Job.created_at)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def file_of(app, media: MediaFile) -> Path:
    return Path(app.config["MEDIA_ROOT"]) / media.path


def test_a_published_recording_is_made_and_served_to_educators_with_ranges(
    app, upload_recording, publish_recorded, sign_in
):
    up = upload_recording("clinic_visit.wav", relatives="마유미", modalities=["text", "audio"])
    educator = sign_in("educator")
    assert educator.get(f"/stories/{up.story_id}/audio").status_code == 404, "not before publication"
    publish_recorded(up.story_id)

    assert jobs_of(app, up.story_id)[-1] == ("publish_audio", JobState.SUCCEEDED, None)
    media = media_of(app, up.story_id)
    assert set(media) == {MediaKind.ORIGINAL, MediaKind.LISTENING, MediaKind.PUBLISHED}
    published = media[MediaKind.PUBLISHED]
    assert published.path.startswith("derived/") and published.media_type in ("audio/ogg", "audio/mpeg")
    body = file_of(app, published).read_bytes()
    assert body != file_of(app, media[MediaKind.LISTENING]).read_bytes()

    page = educator.get(f"/stories/{up.story_id}").get_data(as_text=True)
    url = f"/stories/{up.story_id}/audio"
    assert f'<audio data-player controls preload="none" src="{url}"' in page
    assert f'<a href="{url}">Listen to the recording</a>' in page, "a plain link where audio cannot play"
    assert "voice is disguised" not in page

    whole = educator.get(url)
    assert whole.status_code == 200 and whole.get_data() == body
    # Kept by the listener's browser alone, and used only after asking here again (a 304 while the
    # rule allows it; tests/test_low_bandwidth.py has the 404 after a withdrawal).
    assert whole.headers["Cache-Control"] == "private, no-cache"
    assert whole.headers["Accept-Ranges"] == "bytes" and whole.headers["ETag"]
    whole.close()
    part = educator.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.get_data() == body[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(body)}"
    assert part.headers["Cache-Control"] == "private, no-cache"
    part.close()

    # The facilitator's page says what educators hear.
    own = up.facilitator.get(f"/ingest/stories/{up.story_id}").get_data(as_text=True)
    assert "Educators can hear the recording with every redacted identifier covered" in own


def test_an_educator_reaches_no_unredacted_recording_by_any_route(
    app, upload_recording, publish_recorded, sign_in
):
    up = upload_recording("clinic_visit.wav", relatives="마유미", modalities=["text", "audio"])
    publish_recorded(up.story_id)
    media = media_of(app, up.story_id)
    secret = {
        kind: file_of(app, media[kind]).read_bytes() for kind in (MediaKind.ORIGINAL, MediaKind.LISTENING)
    }
    educator = sign_in("educator")
    assert educator.get(f"/review/{up.story_id}/listen").status_code == 403
    ids = [up.story_id, *(m.id for m in media.values())]
    published = file_of(app, media[MediaKind.PUBLISHED]).read_bytes()
    tried = heard = 0
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments or rule.endpoint == "static":
            continue
        for value in ids:
            try:
                url = adapter.build(rule.endpoint, {name: value for name in rule.arguments})
            except ValueError:  # an <int:...> address (a consent form) cannot name a story or a file
                continue
            response = educator.get(url)
            got = response.get_data()
            response.close()
            tried += 1
            for kind, data in secret.items():
                assert got != data, f"{url} sent the {kind} recording"
            if response.mimetype.startswith("audio/"):
                # The only recording an educator ever gets (its opening may match the listening copy
                # byte for byte: the same encoder on the same unredacted first seconds).
                assert got == published, url
                heard += 1
    assert tried >= 10 and heard == 1


def test_consent_without_audio_publishes_text_only(app, upload_recording, publish_recorded, sign_in):
    up = upload_recording("clinic_visit.wav", modalities=["text"])
    publish_recorded(up.story_id)
    assert [kind for kind, *_ in jobs_of(app, up.story_id)] == ["transcribe"], "no recording is made"
    assert MediaKind.PUBLISHED not in media_of(app, up.story_id)
    educator = sign_in("educator")
    assert "<audio" not in educator.get(f"/stories/{up.story_id}").get_data(as_text=True)
    assert educator.get(f"/stories/{up.story_id}/audio").status_code == 404
    own = up.facilitator.get(f"/ingest/stories/{up.story_id}").get_data(as_text=True)
    assert "did not agree to educators hearing the recording" in own


def test_a_published_recording_is_not_served_once_the_rule_refuses_the_audio(
    app, upload_recording, publish_recorded, sign_in
):
    up = upload_recording("clinic_visit.wav", modalities=["text", "audio"])
    publish_recorded(up.story_id)
    educator = sign_in("educator")
    url = f"/stories/{up.story_id}/audio"
    response = educator.get(url)
    assert response.status_code == 200
    response.close()
    with app.app_context():  # the file is still there, but the consent no longer covers the voice
        db.session.get(Story, up.story_id).consent.modality_audio = False
        db.session.commit()
    assert educator.get(url).status_code == 404
    assert "<audio" not in educator.get(f"/stories/{up.story_id}").get_data(as_text=True)


def test_withdrawal_deletes_the_published_recording_and_closes_its_job(
    app, upload_recording, publish_recorded, sign_in, withdraw
):
    up = upload_recording("clinic_visit.wav", modalities=["text", "audio"])
    publish_recorded(up.story_id)
    published = file_of(app, media_of(app, up.story_id)[MediaKind.PUBLISHED])
    assert published.is_file()
    with app.app_context():  # a second job, still waiting in the queue when the storyteller withdraws
        waiting = new_job(up.story_id, JobKind.PUBLISH_AUDIO)
        db.session.commit()
        waiting_id = waiting.id
        db.session.remove()

    withdraw(up.code, up.secret)

    assert not published.exists()
    assert media_of(app, up.story_id) == {}
    assert sign_in("educator").get(f"/stories/{up.story_id}/audio").status_code == 404
    with app.app_context():
        job = db.session.get(Job, waiting_id)
        assert job.state == JobState.CANCELLED
        assert run_publish_audio(waiting_id) == "skipped", "a late message finds nothing to do"
        job.state = JobState.QUEUED  # and even sent back to the queue against every rule,
        db.session.commit()
        assert run_publish_audio(waiting_id) == JobState.CANCELLED  # it makes nothing
        db.session.remove()
    assert media_of(app, up.story_id) == {}
    derived = Path(app.config["MEDIA_ROOT"]) / "derived"
    assert not [p for p in derived.iterdir() if p.name.startswith(waiting_id)], "nothing left behind"


def test_a_typed_transcript_publishes_the_text_and_says_why_not_the_recording(
    app, upload_recording, publish_recorded, sign_in
):
    up = upload_recording("fever.wav", language="sw", speaker="Amani", modalities=["text", "audio"])
    reviewer = sign_in("reviewer")
    form_page = f"/review/{up.story_id}/transcript"
    text = "Mimi ni Amani. Mtoto wangu alikuwa na homa usiku kucha."
    assert reviewer.submit(form_page, {"text": text}, page=form_page).status_code == 302
    review_page = reviewer.get(f"/review/{up.story_id}").get_data(as_text=True)
    assert "<strong>Educators will not hear this recording</strong>" in review_page, "said before publishing"
    publish_recorded(up.story_id, reviewer)

    kind, state, error = jobs_of(app, up.story_id)[-1]
    assert (kind, state, error) == ("publish_audio", JobState.FAILED, NO_TIMINGS)
    assert MediaKind.PUBLISHED not in media_of(app, up.story_id)
    educator = sign_in("educator")
    page = educator.get(f"/stories/{up.story_id}").get_data(as_text=True)
    assert "[NAME]" in page and "<audio" not in page, "the text is published, the recording is not"
    assert educator.get(f"/stories/{up.story_id}/audio").status_code == 404
    own = html.unescape(up.facilitator.get(f"/ingest/stories/{up.story_id}").get_data(as_text=True))
    assert f"The recording is not published: {NO_TIMINGS}" in own
    assert "Amani" not in error


def test_voice_disguise_is_asked_on_the_form_kept_and_applied(
    app, upload_recording, publish_recorded, sign_in
):
    facilitator = sign_in("facilitator")
    form = facilitator.get("/ingest/new").get_data(as_text=True)
    assert 'name="voice_disguise"' in form
    assert "The recording may be heard only with the voice disguised" in form

    up = upload_recording("clinic_visit.wav", facilitator, modalities=["text", "audio"], voice_disguise="y")
    with app.app_context():
        assert db.session.get(Story, up.story_id).consent.voice_disguise is True
        db.session.remove()
    own = facilitator.get(f"/ingest/stories/{up.story_id}").get_data(as_text=True)
    assert "<strong>voice disguised</strong> when heard" in own
    reviewer = sign_in("reviewer")
    assert "the voice only disguised" in reviewer.get(f"/review/{up.story_id}").get_data(as_text=True)
    publish_recorded(up.story_id)

    educator = sign_in("educator")
    assert "the voice is disguised, as the storyteller asked" in educator.get(
        f"/stories/{up.story_id}"
    ).get_data(as_text=True)
    media = media_of(app, up.story_id)
    heard = sound.samples(file_of(app, media[MediaKind.PUBLISHED]), IMAGEIO_FFMPEG)
    plain = sound.samples(file_of(app, media[MediaKind.LISTENING]), IMAGEIO_FFMPEG)
    ratio = sound.pitch(sound.part(heard, 1.4, 1.44)) / sound.pitch(sound.part(plain, 1.4, 1.44))
    assert ratio == pytest.approx(0.8, abs=0.05), "the voice educators hear is lowered"
    own = facilitator.get(f"/ingest/stories/{up.story_id}").get_data(as_text=True)
    assert "and with the voice disguised" in own


def test_voice_disguise_without_the_recording_is_refused(app, sign_in):
    from tests.fixtures.recordings import send_recording

    facilitator = sign_in("facilitator")
    from tests.fixtures.audio import fixture

    response = send_recording(facilitator, fixture("fever.wav"), modalities=["text"], voice_disguise="y")
    assert response.status_code == 400
    assert "A disguised voice applies only when the recording may be used" in response.get_data(as_text=True)
