"""The acceptance test of issue 4: a recorded story whose speech holds a known identifier goes through
upload, transcription, detection, review and publication; the published text has no trace of it, and
the recording educators hear is covered over exactly the timed span of that word.

Everything is real: the facilitator's form, ffmpeg, the Korean Vosk model, the detection that runs on
the transcript, the reviewer's views, the publish_audio job (run in the request, JOBS_IMMEDIATE), and
the educator's library page and audio route. The recording is ``clinic_visit.wav``; the model hears
its last sentence as "... 마유미 여의도 ...", so the facilitator names a relative "마유미", written
exactly as the recogniser writes it (a facilitator would type the name as the storyteller says it;
matching a recogniser's spellings is the detection engine's own test).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.extensions import db
from archive.models import Job, MediaFile, MediaKind, Story, Transcript
from ingest.transcript_edit import from_rows
from tests.fixtures import sound
from tests.fixtures.recordings import decide_every_span

NAME = "마유미"


@pytest.fixture
def app_config():
    return {"AUDIO_REDACTION_STYLE": "tone", "AUDIO_REDACTION_PADDING_MS": 150}


def test_a_spoken_identifier_is_gone_from_the_published_text_and_covered_in_the_recording(
    app, upload_recording, sign_in
):
    uploaded = upload_recording("clinic_visit.wav", relatives=NAME, modalities=["text", "audio"])
    story_id = uploaded.story_id
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == "needs_review", "the recording was transcribed in the request"
        words = from_rows(db.session.get(Transcript, story_id).words)
        spoken = [w for w in words if w.word == NAME]
        assert len(spoken) == 1, f"the model should hear {NAME} once: {[w.word for w in words]}"
        word = spoken[0]
        assert any(story.body[s.start : s.end] == NAME and s.source == "known" for s in story.spans)
        listening = db.session.scalar(
            db.select(MediaFile.path).where(
                MediaFile.story_id == story_id, MediaFile.kind == MediaKind.LISTENING
            )
        )
        db.session.remove()

    reviewer = sign_in("reviewer")
    decide_every_span(reviewer, story_id)
    published = reviewer.submit(f"/review/{story_id}/publish", {}, page=f"/review/{story_id}")
    assert published.status_code == 302 and published.location.endswith("/review/")

    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == "published"
        assert NAME not in story.published_text and "[NAME]" in story.published_text
        job = db.session.scalar(db.select(Job).where(Job.story_id == story_id, Job.kind == "publish_audio"))
        assert job.state == "succeeded", job.error
        media = db.session.scalar(
            db.select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.PUBLISHED)
        )
        accepted = sorted((s.start, s.end) for s in story.spans if s.decision == "accepted")
        body = story.body
        text, timings = story.published_text, story.published_timings
        db.session.remove()

    educator = sign_in("educator")
    page = educator.get(f"/stories/{story_id}").get_data(as_text=True)
    assert NAME not in page, "no trace of the name on the educator's page"
    assert f'<audio data-player controls preload="none" src="/stories/{story_id}/audio"' in page
    # The synced player's word timings carry places and times only: never the name.
    timed = educator.get(f"/stories/{story_id}/timings.json").get_data(as_text=True)
    assert NAME not in timed and '"w":[' in timed
    heard = educator.get(f"/stories/{story_id}/audio")
    assert heard.status_code == 200 and heard.mimetype == media.media_type
    assert heard.headers["Cache-Control"] == "private, no-cache"
    path = app.config["MEDIA_ROOT"] + "/" + media.path
    assert heard.get_data() == Path(path).read_bytes()
    heard.close()

    # The recording educators hear, against the unredacted listening copy (the same encoder).
    published_audio = sound.samples(path)
    original = sound.samples(app.config["MEDIA_ROOT"] + "/" + listening)
    assert abs(len(published_audio) - len(original)) <= 0.02 * sound.RATE
    # The synced player's timings: the label stands where the name was heard, and every other word
    # of the published text keeps its transcript time.
    label = next(t for t in timings if text[t[0] : t[1]] == "[NAME]")
    assert label[2:] == [round(word.start, 2), round(word.end, 2)]
    heard = {(w.word, round(w.start, 2), round(w.end, 2)) for w in words}
    kept = [(text[a:b], t0, t1) for a, b, t0, t1 in timings if not text[a:b].startswith("[")]
    assert kept and all(entry in heard for entry in kept)
    pad = 0.150
    lo, hi = word.start - pad, word.end + pad
    inside = sound.part(published_audio, lo + 0.02, hi - 0.02)  # clear of the tone's 10 ms ramps
    spoken_there = sound.part(original, word.start, word.end)
    assert sound.rms(spoken_there) > 0.03, "the name is spoken there in the listening copy"
    # Covered by the tone and by nothing else: at the tone's level (-20 dBFS, the Opus copy within
    # 1 dB) and all its energy at 1 kHz, so nothing of the voice is left under it.
    assert sound.dbfs(sound.rms(inside)) == pytest.approx(-23.0, abs=1.0)
    assert sound.tone_share(inside, 1000.0) > 0.95
    voice = sound.part(original, lo + 0.02, hi - 0.02)
    assert abs(sound.correlation(sound.without_tone(inside, 1000.0), voice)) < 0.05
    # Exactly that span: just outside it the speech is as it was, tone-free. The stretches compared
    # are those of the other words, outside every accepted span's padded interval.
    covered = _covered_times(body, words, accepted, pad)
    for other in words:
        if other.word == NAME or any(a < other.end and other.start < b for a, b in covered):
            continue
        if other.end - other.start < 0.1:
            continue
        before = sound.rms(sound.part(original, other.start, other.end))
        after = sound.part(published_audio, other.start, other.end)
        assert sound.rms(after) == pytest.approx(before, rel=0.1), other
        assert sound.tone_share(after, 1000.0) < 0.05, other
        assert sound.correlation(after, sound.part(original, other.start, other.end)) > 0.9, other


def _covered_times(body: str, words, accepted, pad: float) -> list[tuple[float, float]]:
    """The padded stretches of every word an accepted span touches (the body's words are the
    transcript's words, one for one)."""
    places = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    assert len(places) == len(words)
    return [
        (w.start - pad, w.end + pad)
        for (a, b), w in zip(places, words, strict=True)
        if any(s < b and a < e for s, e in accepted)
    ]
