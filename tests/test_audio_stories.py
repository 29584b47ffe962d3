"""Recorded stories through the web, end to end: a phone recording is uploaded with consent, transcribed
in the background by the real Korean Vosk model with the real ffmpeg, corrected and published by a
reviewer, and found by an educator; a language without a model waits until one is added.

Jobs run inside the request that queues them here (JOBS_IMMEDIATE, as in every web test); the queue,
retries, withdrawal mid-job and a killed worker are in test_audio_jobs.py and test_worker_restart.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.jobs import recover
from archive.models import Job, JobState, MediaFile, MediaKind, Story, StoryStatus, Transcript
from ingest import speech_models
from ingest.transcription import model_for
from tests.fixtures.audio import entry, fixture, tags
from tests.fixtures.recordings import files_under
from tests.test_speech_models import model_zip, sha256
from tests.test_transcription import RECALL_FLOOR, recall

# The same speech in three phone formats. Only ogg runs on both databases: a format changes what ffmpeg
# decodes, not one row, job or search of the way from upload to the library, which ogg takes on both.
SAME_ROWS_AS_OGG = pytest.mark.one_database(
    "the format changes only what ffmpeg decodes; the rows, the job and the search on the way to the "
    "library are clinic_visit.ogg's, which runs on both databases"
)
PHONE_RECORDINGS = [
    pytest.param("clinic_visit.m4a", marks=SAME_ROWS_AS_OGG, id="clinic_visit.m4a"),
    "clinic_visit.ogg",
    pytest.param("clinic_visit.amr", marks=SAME_ROWS_AS_OGG, id="clinic_visit.amr"),
]
BASE_RE = re.compile(r'name="base" type="hidden" value="(\w+)"')


def spoken_words(name: str) -> list[str]:
    """The words of what was said in a fixture, without punctuation."""
    return [w.strip(".,?!") for w in entry(name)["text"].split()]


def found_by(client, query: str) -> list[str]:
    """The ids of the stories an educator's search for ``query`` finds (through the JSON API)."""
    response = client.get("/api/v1/search", query_string={"q": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [hit["id"] for hit in response.get_json()["results"]]


def loaded(app, story_id: str):
    """The story, its job, transcript and media rows, as the database holds them now."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        job = db.session.scalar(select(Job).where(Job.story_id == story_id))
        transcript = db.session.get(Transcript, story_id)
        media = {
            m.kind: m for m in db.session.scalars(select(MediaFile).where(MediaFile.story_id == story_id))
        }
        db.session.expunge_all()
        return story, job, transcript, media


def correct_text(reviewer, story_id: str, text: str) -> None:
    """Save a corrected text through the reviewer's page, as a reviewer does after listening."""
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    base = BASE_RE.search(page).group(1)
    response = reviewer.submit(
        f"/review/{story_id}/text", {"text": text, "base": base}, page=f"/review/{story_id}"
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.mark.parametrize("name", PHONE_RECORDINGS)
def test_a_phone_recording_goes_from_upload_to_the_library(app, upload, sign_in, publish, name):
    spoken = entry(name)
    facilitator, story_id, _, _ = upload(fixture(name), name=f"voice note{Path(name).suffix}")

    # Transcribed in the background: the job ran to the end and the story waits for review.
    story, job, transcript, media = loaded(app, story_id)
    assert (story.kind, story.status) == ("audio", StoryStatus.NEEDS_REVIEW)
    assert (job.state, job.progress, job.attempts, job.error) == (JobState.SUCCEEDED, 1.0, 1, None)

    # Words with timings inside the recording, in order, and the model that heard them.
    words = transcript.words
    assert len(words) >= 10
    assert transcript.duration_s == pytest.approx(spoken["duration"], abs=0.05)
    assert all(0 <= start < end <= transcript.duration_s for _, start, end, _ in words)
    assert all(a[1] < b[1] and a[2] <= b[1] + 1e-3 for a, b in zip(words, words[1:], strict=False))
    assert all(0.0 <= conf <= 1.0 for *_, conf in words)
    with app.app_context():
        assert transcript.model == speech_models.describe(speech_models.locate("ko"))
    assert story.body == " ".join(w[0] for w in words)
    assert recall(spoken["text"], story.body) >= RECALL_FLOOR[name]  # what was said was heard

    # The original, byte for byte under a generated name, and a small listening copy without tags.
    original, listening = media[MediaKind.ORIGINAL], media[MediaKind.LISTENING]
    assert re.fullmatch(r"originals/[\w-]{16}" + re.escape(Path(name).suffix), original.path)
    assert (media_root_of(app) / original.path).read_bytes() == fixture(name).read_bytes()
    listening_file = media_root_of(app) / listening.path
    assert listening.path.startswith("derived/") and listening_file.is_file()
    assert listening.size_bytes == listening_file.stat().st_size
    assert listening.size_bytes * 8 / spoken["duration"] <= 40_000  # at most ~40 kbit/s
    # No tag of the recording's survives: only the encoder's own name (Opus requires a vendor string).
    assert all(key == "encoder" and value.startswith("Lav") for key, value in tags(listening_file))
    assert files_under(media_root_of(app)) == sorted([original.path, listening.path])
    assert "voice note" not in str(files_under(media_root_of(app)))

    # The facilitator's page and its progress JSON say it is done; nothing refreshes any more.
    assert facilitator.get(f"/ingest/stories/{story_id}/progress").get_json() == {
        "status": "needs_review",
        "job": {"state": "succeeded", "progress": 1.0, "error": None},
    }
    page = facilitator.get(f"/ingest/stories/{story_id}")
    assert page.status_code == 200 and "Refresh" not in page.headers
    assert "needs review" in page.get_data(as_text=True)
    assert html.escape(words[0][0]) in page.get_data(as_text=True)

    # A reviewer listens, types what was said in place of what the recogniser heard, and publishes.
    reviewer = sign_in("reviewer")
    review_page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    assert html.escape(story.body, quote=False) in review_page
    correct_text(reviewer, story_id, spoken["text"])
    publish(story_id, reviewer=reviewer)

    # An educator finds it by a phrase that was said, and not by the words the reviewer corrected away.
    educator = sign_in("educator")
    said = spoken_words(name)
    assert story_id in found_by(educator, f'"{said[3]} {said[4]}"')  # e.g. "보건소에 갔습니다"
    misheard = [w for w in story.body.split() if w not in said]
    assert misheard and story_id not in found_by(educator, misheard[0])
    assert spoken["sentences"][0] in educator.get(f"/stories/{story_id}").get_data(as_text=True)


def media_root_of(app) -> Path:
    return Path(app.config["MEDIA_ROOT"])


def test_words_both_said_and_recognised_find_the_story_as_transcribed(app, upload, sign_in, publish):
    """Published as the recogniser wrote it, the story is found by the words it got right.

    Measured on the fixtures: the AMR recording's transcript shares a whole word with what was said
    (the m4a and ogg ones share sounds but no whole word; see test_transcription.py on jamo recall).
    """
    name = "clinic_visit.amr"
    _, story_id, _, _ = upload(fixture(name))
    story, *_ = loaded(app, story_id)
    both = sorted(set(spoken_words(name)) & set(story.body.split()))
    assert both, f"no whole word of {spoken_words(name)} in {story.body!r}"
    publish(story_id, reviewer=sign_in("reviewer"))
    educator = sign_in("educator")
    for word in both:
        assert story_id in found_by(educator, word), word


# -- a language without a speech model ------------------------------------------------------------
@pytest.fixture
def swahili_model(tmp_path) -> Path:
    """A folder standing in for a Swahili model: a link to the Korean one (Vosk has no Swahili model)."""
    link = tmp_path / "vosk-model-sw"
    link.symlink_to(speech_models.locate("ko").path, target_is_directory=True)
    return link


def test_a_recording_in_a_language_without_a_model_waits_then_is_transcribed_when_it_arrives(
    app, upload, sign_in, runner, swahili_model
):
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"), language="sw")

    story, job, transcript, media = loaded(app, story_id)
    assert story.status == StoryStatus.NEEDS_MODEL and transcript is None
    assert job.state == JobState.WAITING_FOR_MODEL
    assert "story-archive models add sw PATH" in job.error
    # Decoded all the same: a reviewer typing the transcript meanwhile must be able to hear it.
    assert set(media) == {MediaKind.ORIGINAL, MediaKind.LISTENING}
    assert files_under(media_root_of(app)) == sorted(m.path for m in media.values())  # no leftovers

    # The facilitator learns which language, that it will come, and that a reviewer may type it.
    page = facilitator.get(f"/ingest/stories/{story_id}")
    assert "Refresh" not in page.headers
    text = html.unescape(page.get_data(as_text=True))
    assert "No speech model for Swahili (sw) is installed" in text
    assert "transcribed automatically as soon as an administrator adds a model" in text
    assert "a reviewer may type the transcript by hand" in text
    assert "story-archive models" not in text  # commands are for admins

    # The admin sees what waits, per language, and the command that brings the model.
    admin = sign_in("admin")
    index = html.unescape(admin.get("/admin/").get_data(as_text=True))
    assert "Swahili (sw): 1 recording." in index
    assert "<code>story-archive models add sw PATH</code>" in index
    assert "models install sw" not in index  # Vosk has no Swahili model to install
    assert "story-archive models add sw PATH" in html.unescape(
        admin.get(f"/ingest/stories/{story_id}").get_data(as_text=True)
    )

    result = runner.invoke(args=["models", "add", "sw", str(swahili_model)])
    assert result.exit_code == 0, result.output
    assert "1 recording waiting for this model queued for transcription." in result.output

    story, job, transcript, media = loaded(app, story_id)
    assert story.status == StoryStatus.NEEDS_REVIEW
    assert (job.state, job.progress, job.error) == (JobState.SUCCEEDED, 1.0, None)
    assert len(transcript.words) >= 10 and transcript.language == "sw"
    with app.app_context():  # the folder's model, loaded once per process whatever language asks
        assert transcript.model == model_for("sw").name != ""
    assert set(media) == {MediaKind.ORIGINAL, MediaKind.LISTENING}
    assert "Swahili" not in html.unescape(admin.get("/admin/").get_data(as_text=True))


def test_a_worker_starting_picks_up_recordings_whose_model_arrived_meanwhile(app, upload, swahili_model):
    _, story_id, _, _ = upload(fixture("clinic_visit.ogg"), language="sw")
    with app.app_context():
        speech_models.add("sw", swahili_model)  # put in place without the command (no resume)
    story, *_ = loaded(app, story_id)
    assert story.status == StoryStatus.NEEDS_MODEL

    with app.app_context():
        recover()  # what `story-archive worker` and `serve` run as they start

    story, job, transcript, _ = loaded(app, story_id)
    assert story.status == StoryStatus.NEEDS_REVIEW
    assert job.state == JobState.SUCCEEDED and len(transcript.words) >= 10


def test_installing_a_model_also_queues_what_waited(app, upload, runner, tmp_path):
    """`models install` (from a zip on this machine: no network in tests) queues the waiting story too.

    The zip holds the registry tests' tiny fake model, so the job that follows cannot load it: that
    shows as a failed try waiting for the next one, not as a story still waiting for a model.
    """
    facilitator, story_id, _, _ = upload(fixture("clinic_visit.ogg"), language="sw")
    archive = tmp_path / "vosk-model-small-sw-0.1.zip"
    archive.write_bytes(model_zip(top="vosk-model-small-sw-0.1"))

    result = runner.invoke(
        args=["models", "install", "sw", "--archive", str(archive), "--sha256", sha256(archive.read_bytes())]
    )

    assert result.exit_code == 0, result.output
    assert "1 recording waiting for this model queued for transcription." in result.output
    story, job, transcript, _ = loaded(app, story_id)
    assert (story.status, job.state, job.attempts, transcript) == (
        StoryStatus.PROCESSING,
        JobState.QUEUED,
        1,
        None,
    )
    assert job.error.startswith("ModelUnusable: The speech model for Swahili (sw)")
    page = html.unescape(facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True))
    assert "The last try did not work (ModelUnusable: The speech model for Swahili" in page
