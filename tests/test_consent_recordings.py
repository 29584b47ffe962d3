"""Recordings of consent given aloud: uploaded with the consent, checked by content, kept like originals
under generated names, never transcribed or shown in the library, heard (as a copy without the file's
tags) only by admins and by the storyteller, and deleted with everything else on withdrawal.

Everything runs through the real views with the real ffmpeg (imageio-ffmpeg's when there is no other),
the real SQLite file and, for the recorded story, the real Korean Vosk model.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import (
    Consent,
    ConsentEvent,
    ConsentMethod,
    Job,
    MediaFile,
    MediaKind,
    Story,
    StoryStatus,
    Transcript,
)
from ingest import audio
from ingest.views import MULTIPART_FRAMING_BYTES
from tests.fixtures.audio import entry, fixture, tags
from tests.fixtures.audio import ffmpeg as run_ffmpeg
from tests.fixtures.stories import (
    consent_copy_id,
    read_card,
    row_counts,
    said_aloud,
    sign_in_patient,
    story_form,
    story_id_from,
)

NEW = "/ingest/new"
GENERATED = re.compile(r"[A-Za-z0-9_-]{16,}")  # archive.crypto.new_id: 96 random bits, URL-safe


def media_files(app) -> list[str]:
    """Every file under MEDIA_ROOT (hidden staging files included), relative, sorted."""
    root = Path(app.config["MEDIA_ROOT"])
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def media_rows(app, story_id: str | None = None) -> list[tuple[str, str]]:
    """(kind, path) of the media rows, of one story or all."""
    with app.app_context():
        stmt = select(MediaFile.kind, MediaFile.path).order_by(MediaFile.kind)
        if story_id:
            stmt = stmt.where(MediaFile.story_id == story_id)
        rows = [tuple(r) for r in db.session.execute(stmt)]
        db.session.remove()
    return rows


def staged_only(app, count: int) -> bool:
    """Whether MEDIA_ROOT holds exactly ``count`` files, all staged under hidden names (no story's)."""
    files = media_files(app)
    return len(files) == count and all(Path(f).name.startswith(".incoming-") for f in files)


def upload(path: Path, name: str = "consent.m4a") -> tuple[io.BytesIO, str]:
    return io.BytesIO(path.read_bytes()), name


def fetch(client, url: str, **kwargs):
    """GET ``url``, read the body and close the response (a sent file stays open until then)."""
    with client.get(url, **kwargs) as response:
        response.get_data()
    return response


def field_errors(page: str, field: str) -> str:
    """The text of the error list right after the form field ``field`` (empty when there is none)."""
    match = re.search(rf'name="{field}"[^>]*>(<ul class="errors"[^>]*>.*?</ul>)?', page, re.S)
    assert match, f"no field {field} on the page"
    return html.unescape(match.group(1) or "")


def submit(client, **overrides):
    return client.submit(NEW, story_form(**overrides), page=NEW)


def saved(response) -> tuple[str, str, str]:
    """(story id, code, secret) from the consent card a successful submission shows."""
    page = response.get_data(as_text=True)
    assert response.status_code == 201, page
    code, secret = read_card(page)
    return story_id_from(page), code, secret


@pytest.fixture
def facilitator(sign_in):
    return sign_in("facilitator")


# -- the form: required for consent said aloud, refused for the other ways ------------------------
def test_consent_said_aloud_needs_its_recording(app, facilitator):
    before = row_counts(app)
    response = submit(facilitator, method="verbal_recorded")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "choose the file of the storyteller agreeing" in field_errors(page, "consent_recording")
    assert row_counts(app) == before
    assert media_files(app) == []


@pytest.mark.parametrize(
    "method, witness", [("signed", ""), ("thumbprint", "Grace Njeri"), ("guardian", "Grace Njeri")]
)
def test_other_ways_of_consent_refuse_a_recording_rather_than_drop_it(app, facilitator, method, witness):
    before = row_counts(app)
    response = submit(
        facilitator, method=method, witness=witness, consent_recording=upload(fixture("fever.wav"))
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kept only when consent was said aloud and recorded" in field_errors(page, "consent_recording")
    assert row_counts(app) == before
    # Not the story's: the checked upload and its copy wait for the form's next try, under hidden names.
    assert media_rows(app) == []
    assert staged_only(app, 2)
    assert "Recording kept: <strong>consent.m4a</strong>" in page


def text_file(_tmp: Path) -> Path:
    path = _tmp / "consent.m4a"
    path.write_bytes(b"Consent given on 3 May by Kim Minji, witness Park Seo-yeon.\n" * 40)
    return path


def empty_file(_tmp: Path) -> Path:
    path = _tmp / "consent.m4a"
    path.write_bytes(b"")
    return path


def zip_file(_tmp: Path) -> Path:
    path = _tmp / "consent.m4a"
    with zipfile.ZipFile(path, "w") as z:
        z.write(fixture("fever.wav"), "fever.wav")
    return path


BAD = {
    "text renamed .m4a": (text_file, {}, "not a recording the archive can read"),
    "empty file": (empty_file, {}, "The file is empty"),
    "zip renamed .m4a": (zip_file, {}, "not a recording the archive can read"),
    # fever.wav lasts 7.5 s and weighs 234 KB.
    "over the consent duration cap": (
        lambda _tmp: fixture("fever.wav"),
        {"MAX_CONSENT_RECORDING_SECONDS": 5},
        "up to 5.0 s. A consent recording holds only the consent",
    ),
    "over the consent size cap": (
        lambda _tmp: fixture("fever.wav"),
        {"MAX_CONSENT_RECORDING_BYTES": 100_000},
        "larger than 98 KB. Split it into shorter parts. A consent recording holds only the consent",
    ),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_a_bad_consent_recording_is_refused_and_leaves_nothing(app, facilitator, tmp_path, case):
    make, config, says = case
    app.config.update(config)
    before = row_counts(app)
    response = submit(facilitator, **{**said_aloud(), "consent_recording": upload(make(tmp_path))})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert says in field_errors(page, "consent_recording")
    assert row_counts(app) == before
    assert media_rows(app) == []
    assert media_files(app) == []


def test_the_story_recording_waits_for_the_next_try_when_the_consent_recording_is_refused(
    app, facilitator, tmp_path
):
    response = submit(
        facilitator,
        text="",
        language="ko",
        recording=upload(fixture("clinic_visit.m4a"), "story.m4a"),
        **{**said_aloud(), "consent_recording": upload(text_file(tmp_path))},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "not a recording" in field_errors(page, "consent_recording")
    assert media_rows(app) == [] and staged_only(app, 1)
    assert "Recording kept: <strong>story.m4a</strong>" in page


def test_both_recordings_are_reported_at_once_and_neither_is_kept(app, facilitator, tmp_path):
    response = submit(
        facilitator,
        text="",
        recording=upload(empty_file(tmp_path), "story.m4a"),
        **{**said_aloud(), "consent_recording": upload(zip_file(tmp_path))},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The file is empty" in field_errors(page, "recording")
    assert "not a recording" in field_errors(page, "consent_recording")
    assert media_files(app) == [] and media_rows(app) == []


def test_a_refused_text_field_keeps_the_recording_for_the_next_try_only(app, facilitator):
    before = row_counts(app)
    response = submit(facilitator, title="", **said_aloud())
    assert response.status_code == 400
    assert row_counts(app) == before
    assert media_rows(app) == [] and staged_only(app, 2)


# -- stored like an original, never transcribed -----------------------------------------------
def test_kept_under_generated_names_with_the_story_and_no_job(app, facilitator):
    name = "Kim Minji consent 보건소 ../../x.m4a"
    sent = fixture("clinic_visit.m4a").read_bytes()
    story_id, _, _ = saved(
        submit(
            facilitator, **{**said_aloud(), "consent_recording": upload(fixture("clinic_visit.m4a"), name)}
        )
    )

    rows = dict(media_rows(app, story_id))
    assert set(rows) == {MediaKind.CONSENT_RECORDING, MediaKind.CONSENT_LISTENING}
    original, copy = Path(rows[MediaKind.CONSENT_RECORDING]), Path(rows[MediaKind.CONSENT_LISTENING])
    assert original.parent == Path("originals") and original.suffix == ".m4a"  # from the content
    assert copy.parent == Path("derived") and copy.suffix == ".ogg"
    assert GENERATED.fullmatch(original.stem) and GENERATED.fullmatch(copy.stem)
    root = Path(app.config["MEDIA_ROOT"])
    assert (root / original).read_bytes() == sent, "the original is kept exactly as uploaded"
    assert media_files(app) == sorted([str(original), str(copy)]), "no staging file left, nothing else"
    assert not any("Minji" in p or "보건소" in p for p in media_files(app))

    with app.app_context():
        story = db.session.get(Story, story_id)
        assert (story.kind, story.status) == ("text", StoryStatus.NEEDS_REVIEW)  # typed text, in review
        assert story.consent.method == "verbal_recorded"
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0
        assert db.session.get(Transcript, story_id) is None


def test_a_resent_form_keeps_one_recording(app, facilitator):
    form = story_form(**said_aloud())
    first = facilitator.submit(NEW, form, page=NEW)
    assert first.status_code == 201
    again = facilitator.submit(NEW, {**form, **said_aloud()}, page=NEW)  # same submission key
    assert again.status_code == 302
    assert len(media_files(app)) == 2 and len(media_rows(app)) == 2


def test_a_recorded_story_transcribes_its_own_recording_only(app, facilitator):
    # The story is clinic_visit (8.7 s); the consent recording is fever.wav (7.5 s), other sentences.
    story_id, _, _ = saved(
        submit(
            facilitator,
            text="",
            language="ko",
            recording=upload(fixture("clinic_visit.m4a"), "story.m4a"),
            **said_aloud("fever.wav"),
        )
    )
    with app.app_context():
        jobs = db.session.execute(select(Job.story_id, Job.kind, Job.state)).all()
        assert [tuple(j) for j in jobs] == [(story_id, "transcribe", "succeeded")]
        transcript = db.session.get(Transcript, story_id)
        story = db.session.get(Story, story_id)
        assert story.status == StoryStatus.NEEDS_REVIEW
        assert transcript.duration_s == pytest.approx(entry("clinic_visit.wav")["duration"], abs=0.2)
        heard = story.body.replace(" ", "")
        # Words only the consent recording says (fever, wet towel, forehead) are not in the story.
        for word in ("열이", "물수건으로", "이마를"):
            assert word not in heard
        kinds = sorted(k for (k,) in db.session.execute(select(MediaFile.kind)))
        assert kinds == sorted(
            [
                MediaKind.ORIGINAL,
                MediaKind.LISTENING,
                MediaKind.CONSENT_RECORDING,
                MediaKind.CONSENT_LISTENING,
            ]
        )
        db.session.remove()


def test_never_in_the_review_library_api_or_search(app, facilitator, sign_in, publish):
    story_id, _, _ = saved(submit(facilitator, **said_aloud()))
    copy_id = consent_copy_id(app, story_id)
    reviewer = sign_in("reviewer")
    review_page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    publish(story_id, reviewer=reviewer)
    educator = sign_in("educator")
    seen = {
        "review page": review_page,
        "library page": educator.get(f"/stories/{story_id}").get_data(as_text=True),
        "API story": educator.get(f"/api/v1/stories/{story_id}").get_data(as_text=True),
        "search": educator.get("/library", query_string={"q": "tomatoes"}).get_data(as_text=True),
        "facilitator's page": facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True),
    }
    assert story_id in seen["search"], "the story itself is found"
    for where, page in seen.items():
        assert copy_id not in page, where
        assert "/admin/consent-recordings" not in page and "/consent/recordings" not in page, where


# -- listening: a copy without tags, for admins and the storyteller only ------------------------
INJECTED = {
    "title": "Kim Minji agrees",
    "artist": "Dr Park Seo-yeon",
    "location": "+37.5665+126.9780/",  # GPS as phones write it (ISO 6709)
    "encoder": "SM-A515F Voice Recorder",  # a device name
}


@pytest.fixture
def tagged_m4a(tmp_path) -> Path:
    path = tmp_path / "tagged.m4a"
    args = ["-i", str(fixture("clinic_visit.m4a"))]
    for key in ("title", "artist", "location"):
        args += ["-metadata", f"{key}={INJECTED[key]}"]
    args += ["-metadata:s:a:0", f"encoder={INJECTED['encoder']}", "-movflags", "use_metadata_tags"]
    run_ffmpeg(*args, "-c", "copy", str(path))
    return path


def leaks(data: bytes) -> list[str]:
    return [
        v for v in INJECTED.values() if any(v.encode(c) in data for c in ("utf-8", "utf-16-le", "utf-16-be"))
    ]


def test_the_copy_served_has_no_tags_and_is_the_recording(app, facilitator, sign_in, tagged_m4a, tmp_path):
    carried = {key for key, value in INJECTED.items() if value in leaks(tagged_m4a.read_bytes())}
    assert {"title", "artist", "location"} <= carried, "the upload must carry tags for this to mean anything"
    story_id, _, _ = saved(submit(facilitator, **{**said_aloud(), "consent_recording": upload(tagged_m4a)}))
    original = Path(app.config["MEDIA_ROOT"]) / dict(media_rows(app, story_id))[MediaKind.CONSENT_RECORDING]
    assert original.read_bytes() == tagged_m4a.read_bytes(), "the original is kept as it came, tags and all"

    admin = sign_in("admin")
    response = fetch(admin, f"/admin/consent-recordings/{consent_copy_id(app, story_id)}")
    body = response.get_data()
    assert response.status_code == 200
    assert response.mimetype == "audio/ogg"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert body != tagged_m4a.read_bytes()

    served = tmp_path / "served.ogg"
    served.write_bytes(body)
    assert leaks(body) == []
    found = tags(served)
    assert found and all(key == "encoder" and value.startswith("Lav") for key, value in found), found
    info = audio.probe(served)
    assert (info.format_name, info.codec, info.channels) == ("ogg", "opus", 1)
    assert info.duration_s == pytest.approx(entry("clinic_visit.m4a")["duration"], abs=0.2)


def test_ranges_let_a_player_seek(app, facilitator, sign_in):
    story_id, _, _ = saved(submit(facilitator, **said_aloud()))
    url = f"/admin/consent-recordings/{consent_copy_id(app, story_id)}"
    admin = sign_in("admin")
    whole = fetch(admin, url).get_data()
    part = fetch(admin, url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert part.get_data() == whole[100:200]
    assert part.headers["Cache-Control"] == "private, no-store"


@pytest.fixture
def two_recorded(app, facilitator, sign_in):
    """Two stories brought in by one facilitator, each with consent said aloud; their card and copy id."""
    stories = {}
    for title in ("First", "Second"):
        story_id, code, secret = saved(submit(facilitator, title=title, **said_aloud()))
        stories[title] = {
            "story": story_id,
            "code": code,
            "secret": secret,
            "copy": consent_copy_id(app, story_id),
        }
    return stories


def test_who_can_listen(app, facilitator, sign_in, two_recorded):
    mine, theirs = two_recorded["First"], two_recorded["Second"]
    admin_url, patient_url = "/admin/consent-recordings/{}", "/consent/recordings/{}"
    patient = app.test_client()
    sign_in_patient(patient, mine["code"], mine["secret"])
    other_patient = app.test_client()
    sign_in_patient(other_patient, theirs["code"], theirs["secret"])
    admin = sign_in("admin")

    def status(client, url):
        return fetch(client, url).status_code

    assert status(admin, admin_url.format(mine["copy"])) == 200
    assert status(patient, patient_url.format(mine["copy"])) == 200
    assert status(other_patient, patient_url.format(theirs["copy"])) == 200
    # Staff other than admins, the facilitator who uploaded it included, and admins on the patient's
    # address (they have no storyteller's sign-in) all get 404.
    for role, client in [
        ("uploader", facilitator),
        ("reviewer", sign_in("reviewer")),
        ("educator", sign_in("educator")),
    ]:
        assert status(client, admin_url.format(mine["copy"])) == 404, role
        assert status(client, patient_url.format(mine["copy"])) == 404, role
    assert status(admin, patient_url.format(mine["copy"])) == 404
    assert status(patient, admin_url.format(mine["copy"])) == 302  # to the staff sign-in
    assert status(other_patient, patient_url.format(mine["copy"])) == 404

    # The original's id finds nothing on either address, for anyone.
    with app.app_context():
        original_id = db.session.scalar(
            select(MediaFile.id).where(
                MediaFile.story_id == mine["story"], MediaFile.kind == MediaKind.CONSENT_RECORDING
            )
        )
    assert status(admin, admin_url.format(original_id)) == 404
    assert status(patient, patient_url.format(original_id)) == 404


def test_a_refused_listener_cannot_tell_a_recording_from_nothing(app, facilitator, two_recorded):
    mine, theirs = two_recorded["First"], two_recorded["Second"]
    other_patient = app.test_client()
    sign_in_patient(other_patient, theirs["code"], theirs["secret"])
    answers = {
        "another storyteller's recording": other_patient.get(f"/consent/recordings/{mine['copy']}"),
        "an unknown id": other_patient.get("/consent/recordings/NoSuchRecording000000000"),
        "no sign-in": app.test_client().get(f"/consent/recordings/{mine['copy']}"),
    }
    bodies = {name: (r.status_code, r.get_data(as_text=True)) for name, r in answers.items()}
    assert len(set(bodies.values())) == 1, bodies
    assert next(iter(bodies.values()))[0] == 404
    staff = {
        "uploader, admin address": facilitator.get(f"/admin/consent-recordings/{mine['copy']}"),
        "uploader, unknown id": facilitator.get("/admin/consent-recordings/NoSuchRecording000000000"),
    }
    staff_bodies = {name: (r.status_code, r.get_data(as_text=True)) for name, r in staff.items()}
    assert len(set(staff_bodies.values())) == 1 and next(iter(staff_bodies.values()))[0] == 404


def test_pages_offer_a_player_without_javascript(app, sign_in, two_recorded):
    mine, theirs = two_recorded["First"], two_recorded["Second"]
    patient = app.test_client()
    sign_in_patient(patient, mine["code"], mine["secret"])
    page = patient.get("/consent/mine").get_data(as_text=True)
    assert f'<audio controls preload="none" src="/consent/recordings/{mine["copy"]}">' in page
    assert theirs["copy"] not in page

    listing = sign_in("admin").get("/admin/consent-recordings").get_data(as_text=True)
    for story in (mine, theirs):
        assert f'<audio controls preload="none" src="/admin/consent-recordings/{story["copy"]}">' in listing
    assert "<script" not in page and "<script" not in listing


# -- withdrawal ---------------------------------------------------------------------------------
def test_withdrawal_deletes_the_recording_and_its_copy(app, facilitator, sign_in, withdraw):
    story_id, code, secret = saved(submit(facilitator, **said_aloud()))
    copy_id = consent_copy_id(app, story_id)
    admin = sign_in("admin")
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    assert len(media_files(app)) == 2
    assert fetch(patient, f"/consent/recordings/{copy_id}").status_code == 200

    withdraw(code, secret)

    assert media_files(app) == [], "both files are gone from disk"
    assert media_rows(app) == []
    assert admin.get(f"/admin/consent-recordings/{copy_id}").status_code == 404
    assert patient.get(f"/consent/recordings/{copy_id}").status_code == 404
    assert copy_id not in admin.get("/admin/consent-recordings").get_data(as_text=True)
    with app.app_context():
        events = [e for (e,) in db.session.execute(select(ConsentEvent.event).order_by(ConsentEvent.id))]
        db.session.remove()
    assert events == ["granted", "viewed", "viewed", "withdrawn"], "the audit trail remains"


# -- the request cap covers both recordings ----------------------------------------------------
def test_the_request_cap_fits_both_recordings_at_their_caps(app, facilitator):
    story, consent = fixture("clinic_visit.flac"), fixture("clinic_visit.wav")
    # Each file just under its own cap; together they are more than the story recording's cap, the
    # text fields and the multipart framing allow, so only a cap counting both lets them through. The
    # site-wide cap is far below the upload: the form's own cap must be in place before the form is
    # read (CSRF protection reads it before the view runs).
    app.config.update(
        MAX_CONTENT_LENGTH=10_000,
        MAX_AUDIO_BYTES=story.stat().st_size + 100,
        MAX_CONSENT_RECORDING_BYTES=consent.stat().st_size + 100,
        MAX_FORM_MEMORY_SIZE=100_000,  # at least werkzeug's 64 KiB read buffer
    )
    without_consent = app.config["MAX_AUDIO_BYTES"] + 100_000 + MULTIPART_FRAMING_BYTES
    assert story.stat().st_size + consent.stat().st_size > without_consent
    response = submit(
        facilitator,
        text="",
        recording=upload(story, "story.flac"),
        **{**said_aloud(), "consent_recording": upload(consent, "consent.wav")},
    )
    story_id, _, _ = saved(response)
    kinds = {kind for kind, _ in media_rows(app, story_id)}
    assert {MediaKind.ORIGINAL, MediaKind.CONSENT_RECORDING, MediaKind.CONSENT_LISTENING} <= kinds


def test_a_request_over_the_cap_is_refused_whole(app, facilitator):
    app.config.update(MAX_AUDIO_BYTES=20_000, MAX_CONSENT_RECORDING_BYTES=20_000, MAX_FORM_MEMORY_SIZE=70_000)
    before = row_counts(app)
    response = submit(
        facilitator, **{**said_aloud(), "consent_recording": upload(fixture("clinic_visit.wav"))}
    )
    assert response.status_code == 413
    assert row_counts(app) == before
    assert media_files(app) == []


def test_only_the_form_s_users_get_the_larger_cap(app, sign_in):
    # 277 KB against a site-wide cap of 10 KB: refused before the form is read, for anyone else.
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    for client in (app.test_client(), sign_in("educator")):
        data = {**story_form(), **said_aloud("clinic_visit.wav"), "csrf_token": client.csrf_token()}
        assert client.post(NEW, data=data).status_code == 413


def test_the_demo_s_consents_said_aloud_come_with_a_recording(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        said_aloud = set(
            db.session.scalars(
                select(Story.id).join(Story.consent).where(Consent.method == ConsentMethod.VERBAL_RECORDED)
            )
        )
        with_copy = set(
            db.session.scalars(
                select(MediaFile.story_id).where(MediaFile.kind == MediaKind.CONSENT_LISTENING)
            )
        )
        db.session.remove()
    assert said_aloud and with_copy == said_aloud
    assert len(media_files(app)) == 2 * len(said_aloud)
