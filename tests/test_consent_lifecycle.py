"""The acceptance test of issue 5: grant, narrow (audio removed), withdraw, and after each step every
way an educator can reach a story; after withdrawal, no file under the instance folder or media/ holds
its words.

The story goes through the real flow: a facilitator brings in a recording with consent for the text
and the voice, the real Korean model transcribes it, a reviewer publishes it and the published
recording is made; the storyteller removes the audio, then withdraws, through the self-service pages
with code and secret.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.library.stories import WITHDRAWN
from archive.models import ConsentEvent, Story, Transcript
from tests.fixtures.recordings import files_under
from tests.fixtures.stories import sign_in_patient
from tests.test_course_links import make_link
from tests.test_teaching_sets import add, new_set

# Made-up words, so a hit anywhere on disk can only come from this story.
TITLE = "Quorbly visit to Zentharo"
FREE_TAG = "vexmorrow grindle"
MADE_UP = ("Quorbly", "Zentharo", "vexmorrow", "grindle")


def reachable(educator, story_id: str, word: str, teaching: dict) -> dict[str, bool]:
    """Every way a story is reached: library search, API search, story page, API, recording; a
    teaching set, its printable packet and its course link (with their recordings); the transcript
    exports."""
    library = educator.get(f"/library?q={word}").get_data(as_text=True)
    api_search = educator.get(f"/api/v1/search?q={word}").get_json()
    set_page = educator.get(f"/teaching/sets/{teaching['set']}").get_data(as_text=True)
    packet = educator.get(f"/teaching/sets/{teaching['set']}/packet").get_data(as_text=True)
    course = teaching["student"].get(f"/course/{teaching['token']}").get_data(as_text=True)
    return {
        "search": f"/stories/{story_id}" in library,
        "api search": any(hit["id"] == story_id for hit in api_search["results"]),
        "page": educator.get(f"/stories/{story_id}").status_code == 200,
        "api": educator.get(f"/api/v1/stories/{story_id}").status_code == 200,
        "recording": _audio_status(educator, f"/stories/{story_id}/audio") == 200,
        "teaching set": TITLE in set_page,
        "set recording": f"/stories/{story_id}/audio" in set_page,
        "packet": TITLE in packet,
        "course link": TITLE in course,
        "course recording": _audio_status(
            teaching["student"], f"/course/{teaching['token']}/stories/{story_id}/audio"
        )
        == 200,
        "text export": educator.get(f"/stories/{story_id}/transcript.txt").status_code == 200,
        "subtitles": educator.get(f"/stories/{story_id}/transcript.vtt").status_code == 200,
    }


def _audio_status(client, url: str) -> int:
    response = client.get(url)
    response.close()
    return response.status_code


def files_holding(roots: list[Path], words: list[str]) -> list[str]:
    """Return 'file: word' for every file under ``roots`` whose bytes contain a word (UTF-8, any case
    for Latin letters)."""
    found = []
    needles = [(w, w.lower().encode()) for w in words]
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                data = path.read_bytes().lower()
                found += [f"{path.relative_to(root.parent)}: {w}" for w, needle in needles if needle in data]
    return found


@pytest.fixture
def published_recording(app, upload_recording, publish_recorded):
    """A recorded story with text and voice consented, published with its published recording."""
    up = upload_recording(
        "clinic_visit.wav", title=TITLE, free_tags=FREE_TAG, modalities=["text", "audio"], speaker="김민지"
    )
    publish_recorded(up.story_id)
    with app.app_context():
        words = db.session.get(Transcript, up.story_id).words
        spoken = sorted({w[0] for w in words if len(w[0]) >= 2})
        db.session.remove()
    assert spoken, "the recording was not transcribed"
    return up, spoken


def test_grant_narrow_then_withdraw_reaches_nothing_and_leaves_nothing_on_disk(
    app, published_recording, sign_in, withdraw
):
    up, spoken = published_recording
    educator = sign_in("educator")
    # An educator puts the story in a teaching set, with a prompt, and gives students a course link.
    set_id = new_set(educator, title="Listening to a clinic visit")
    add(educator, set_id, story_id=up.story_id)
    _, token = make_link(educator, set_id)
    teaching = {"set": set_id, "token": token, "student": app.test_client()}
    everywhere = dict.fromkeys(reachable(educator, up.story_id, "Zentharo", teaching), True)
    assert reachable(educator, up.story_id, "Zentharo", teaching) == everywhere

    instance, media = Path(app.instance_path), Path(app.config["MEDIA_ROOT"])
    words = [*MADE_UP, *spoken, "김민지"]
    assert files_holding([instance, media], ["Zentharo"]), "the story's words were never on disk"

    # Narrow: the storyteller keeps the text and removes the audio, through the self-service page.
    patient = app.test_client()
    sign_in_patient(patient, up.code, up.secret)
    response = patient.submit(
        "/consent/change/uses",
        {"purposes": ["teaching", "research"], "modalities": ["text"]},
        page="/consent/change",
    )
    assert response.status_code == 302
    no_audio = {"recording": False, "set recording": False, "course recording": False, "subtitles": False}
    assert reachable(educator, up.story_id, "Zentharo", teaching) == {**everywhere, **no_audio}
    assert not [p for p in files_under(media) if p.startswith("derived/")], "no recording is kept to publish"

    withdraw(up.code, up.secret)

    nowhere = dict.fromkeys(everywhere, False)
    assert reachable(educator, up.story_id, "Zentharo", teaching) == nowhere
    for page in (f"/teaching/sets/{set_id}", f"/teaching/sets/{set_id}/packet"):
        assert WITHDRAWN in educator.get(page).get_data(as_text=True), page
    assert WITHDRAWN in teaching["student"].get(f"/course/{token}").get_data(as_text=True)
    for word in ("Quorbly", "vexmorrow", spoken[0]):
        assert educator.get(f"/api/v1/search?q={word}").get_json()["total"] == 0, word
    assert files_holding([instance, media], words) == []
    with app.app_context():
        assert app.extensions["search_index"].has_deleted_documents() is False
        events = db.session.scalars(
            select(ConsentEvent.event).join(Story, Story.consent_id == ConsentEvent.consent_id)
        ).all()
        assert events.count("withdrawn") == 1
        db.session.remove()
