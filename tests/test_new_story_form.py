"""The new-story form forgives: every problem comes back in one round, listed at the top with links to
the fields; a recording that passed its checks is kept on the server for the next try (only for the
facilitator who sent it, only for a while, removable); the language picker offers what this server
can transcribe first, and any other valid code.

All through the real views, with the real ffmpeg and a SQLite file; recordings are in Swahili (no
speech model here), so saved ones wait for a model instead of being transcribed.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import KeptUpload, MediaFile, MediaKind, Story, utcnow
from ingest.kept_uploads import sweep_kept
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import files_under, recording_form
from tests.fixtures.stories import read_card, row_counts, story_form, story_id_from

NEW = "/ingest/new"
KEPT_RE = re.compile(r'name="recording_kept" type="hidden" value="([^"]*)"')
SUMMARY_RE = re.compile(r'<div class="error-summary"[^>]*>.*?</div>', re.S)


def send(client, data: dict, **overrides):
    return client.submit(NEW, {**data, **overrides}, page=NEW, content_type="multipart/form-data")


def summary(page: str) -> str:
    match = SUMMARY_RE.search(page)
    assert match, "no error summary on the page"
    return html.unescape(match.group(0))


def kept_rows(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(KeptUpload))
        db.session.remove()
    return count


def staged(app) -> list[str]:
    return [f for f in files_under(app.config["MEDIA_ROOT"]) if Path(f).name.startswith(".incoming-")]


def recorded(**overrides) -> dict:
    """A recorded Swahili story with consent for teaching, text and audio."""
    return recording_form(
        fixture("clinic_visit.ogg"), "Mama Amina at the clinic.ogg", language="sw", **overrides
    )


def test_a_refused_form_keeps_the_recording_and_lists_every_problem_at_the_top(app, sign_in):
    facilitator = sign_in("facilitator")
    before = row_counts(app)

    refused = send(facilitator, recorded(purposes=[], title=""))

    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    top = summary(page)
    # At the top, before the form's fields, taking focus; each message links to its field.
    assert page.index('class="error-summary"') < page.index('name="title"')
    assert "autofocus" in top.split(">")[0] and 'tabindex="-1"' in top.split(">")[0]
    assert '<a href="#title">Give the story a short title.</a>' in top
    assert '<a href="#purposes-0">Record at least one purpose the storyteller agreed to.</a>' in top
    assert page.startswith("<!doctype html>") and "<title>Error: " in page
    # The recording stays on the server, said so by its name and length, and nothing else was saved.
    assert "Recording kept: <strong>Mama Amina at the clinic.ogg</strong>, 0:08." in page
    assert row_counts(app) == before and kept_rows(app) == 1
    assert len(staged(app)) == 1
    token = KEPT_RE.search(page).group(1)
    assert len(token) >= 32

    # The next try sends no file, only the token: the story is saved with the kept recording.
    data = recorded()
    del data["recording"]
    saved = send(
        facilitator,
        data,
        recording_kept=token,
        submission_key=re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1),
    )
    assert saved.status_code == 201, saved.get_data(as_text=True)
    story_id = story_id_from(saved.get_data(as_text=True))
    with app.app_context():
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        assert original is not None and original.duration_s == pytest.approx(8.68, abs=0.1)
        db.session.remove()
    media = Path(app.config["MEDIA_ROOT"])
    assert (media / original.path).read_bytes() == fixture("clinic_visit.ogg").read_bytes()
    assert kept_rows(app) == 0 and staged(app) == []


def test_cheap_problems_and_a_bad_recording_come_back_together(app, sign_in, tmp_path):
    facilitator = sign_in("facilitator")
    text_file = tmp_path / "story.m4a"
    text_file.write_bytes(b"not a recording at all\n" * 50)
    data = recording_form(text_file, "story.m4a", language="sw", title="", method="thumbprint")

    page = send(facilitator, data).get_data(as_text=True)

    top = summary(page)
    for message in (
        "Give the story a short title.",
        "A thumbprint or a guardian's consent needs a witness name.",
        "not a recording",
    ):
        assert message in top, message
    assert kept_rows(app) == 0 and staged(app) == []  # a refused file is never kept


def test_a_kept_recording_serves_only_the_facilitator_who_sent_it(app, sign_in):
    first = sign_in("facilitator")
    page = send(first, recorded(purposes=[])).get_data(as_text=True)
    token = KEPT_RE.search(page).group(1)

    other = sign_in("facilitator")
    data = recorded()
    del data["recording"]
    response = send(other, data, recording_kept=token)

    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "The recording kept from before was removed after a while" in text
    assert "Recording kept" not in text
    assert kept_rows(app) == 1  # still the first facilitator's


def test_a_kept_recording_can_be_removed(app, sign_in):
    facilitator = sign_in("facilitator")
    page = send(facilitator, recorded(purposes=[])).get_data(as_text=True)
    token = KEPT_RE.search(page).group(1)
    data = recorded()
    del data["recording"]

    response = send(facilitator, data, recording_kept=token, forget=["recording"])

    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "The story text is empty. Type the story, or choose a recording." in text
    assert kept_rows(app) == 0 and staged(app) == []


def test_a_new_file_takes_the_place_of_the_kept_one(app, sign_in):
    facilitator = sign_in("facilitator")
    page = send(facilitator, recorded(purposes=[])).get_data(as_text=True)
    token = KEPT_RE.search(page).group(1)

    again = send(
        facilitator,
        recording_form(fixture("fever.wav"), "fever.wav", language="sw", purposes=[]),
        recording_kept=token,
    )

    text = again.get_data(as_text=True)
    assert "Recording kept: <strong>fever.wav</strong>" in text
    assert kept_rows(app) == 1 and len(staged(app)) == 1


def test_abandoned_recordings_are_swept_with_their_rows(app, sign_in):
    facilitator = sign_in("facilitator")
    send(facilitator, recorded(purposes=[]))
    assert kept_rows(app) == 1 and len(staged(app)) == 1
    with app.app_context():
        assert sweep_kept() == 0  # not yet
        row = db.session.scalar(select(KeptUpload))
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert sweep_kept() == 1
        db.session.remove()
    assert kept_rows(app) == 0 and staged(app) == []


def test_the_kept_file_s_name_is_stored_encrypted(app, sign_in):
    facilitator = sign_in("facilitator")
    send(facilitator, recorded(purposes=[]))
    for stored in Path(app.instance_path).glob("archive.db*"):
        assert b"Mama Amina" not in stored.read_bytes(), stored.name


def test_the_picker_offers_transcribed_languages_first_and_no_dead_ones(sign_in):
    page = sign_in("facilitator").get(NEW).get_data(as_text=True)
    select_html = page.split('<select id="language"', 1)[1].split("</select>", 1)[0]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select_html, re.S)
    assert [label for label, _ in groups][0] == "Transcribed on this server"
    # The Korean model ships with the test extras: Korean is offered first, marked.
    assert 'value="ko">Korean · 한국어 ✓ transcribed</option>' in groups[0][1]
    later = groups[1][1]
    assert "a recording waits" in groups[1][0]
    for code in ("sw", "hi", "ne", "pt", "am", "yo"):
        assert f'value="{code}"' in later, code
    for dead in ("ae", "vo", "cu", "pi", "ie"):  # Avestan, Volapük, Church Slavic, Pali, Interlingue
        assert f'value="{dead}"' not in select_html, dead
    assert len(re.findall(r"<option ", select_html)) < 100


@pytest.mark.parametrize(
    "typed, saved_as",
    [("lu", "lu"), (" FJ ", "fj")],
    ids=["luba-katanga", "fijian-with-spaces-and-capitals"],
)
def test_any_other_valid_code_can_be_typed(app, ingest, typed, saved_as):
    _, story_id, _, _ = ingest(language="other", language_other=typed)
    with app.app_context():
        assert db.session.get(Story, story_id).language == saved_as
        db.session.remove()


def test_an_unknown_typed_code_is_refused_on_its_field(sign_in):
    facilitator = sign_in("facilitator")
    response = facilitator.submit(NEW, story_form(language="other", language_other="xx"), page=NEW)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#language_other">Choose the language of the story' in summary(page)
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="language_other"', page)


def test_the_storyteller_s_language_is_kept_for_their_card(app, ingest):
    facilitator, story_id, code, secret = ingest(language="en", storyteller_language="ko")
    with app.app_context():
        assert db.session.get(Story, story_id).consent.storyteller_language == "ko"
        db.session.remove()


def test_the_form_is_one_form_titled_for_both(sign_in):
    page = sign_in("facilitator").get(NEW).get_data(as_text=True)
    assert "<title>New story (recorded or typed)" in page
    assert "<h1>Bring in a story: recorded or typed</h1>" in page
    assert page.count("<form") == 2  # sign-out in the header, and this one


def test_consent_fields_say_which_way_of_giving_consent_they_belong_to(sign_in):
    page = sign_in("facilitator").get(NEW).get_data(as_text=True)
    for part, legend in (
        ("for-witness", "For a thumbprint or a guardian's consent: the witness"),
        ("for-recording", "For consent said aloud and recorded: its recording"),
        ("for-minor", "For a guardian's consent for a minor"),
    ):
        assert re.search(rf'<fieldset class="when {part}"[^>]*><legend>{re.escape(legend)}', page)


def test_a_saved_story_leaves_no_kept_row(app, sign_in):
    facilitator = sign_in("facilitator")
    response = send(facilitator, recorded())
    assert response.status_code == 201
    read_card(response.get_data(as_text=True))
    assert kept_rows(app) == 0 and staged(app) == []
