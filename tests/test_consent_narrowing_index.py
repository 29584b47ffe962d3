"""A narrowing that takes a story out of the library takes it out of the index files too.

Removing the text or the teaching use takes the story out of search in the same request. A Whoosh
delete only marks the document deleted, so, as after a withdrawal, the segments that held it are
rewritten (the scrub): at once with JOBS_IMMEDIATE, else by the next worker. A narrowing that leaves the
story in the library (research removed) rewrites nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.extensions import db
from archive.search import run_scrub
from tests.fixtures.recordings import run_queued_jobs
from tests.fixtures.stories import NOT_NAMES, STORY, sign_in_patient

UNIQUE = "Quoxtrail"


def index_bytes(app) -> bytes:
    folder = Path(app.extensions["search_index"].path)
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file()).lower()


def keep(patient, purposes, modalities):
    return patient.submit(
        "/consent/change/uses",
        {"purposes": list(purposes), "modalities": list(modalities)},
        page="/consent/change",
    )


@pytest.fixture
def story(app, stories):
    """A published story with a word no other story has, and its storyteller signed in."""
    # Detection takes the made-up word for a name; the reviewer rejects that, so it is published.
    card = stories.published(
        f"{STORY} The road past {UNIQUE} was long.",
        modalities=("text", "audio"),
        rejected=(*NOT_NAMES, UNIQUE),
    )
    assert UNIQUE.lower().encode() in index_bytes(app)
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    return card, patient


@pytest.mark.parametrize(
    ("purposes", "modalities"),
    [(["research"], ["text", "audio"]), (["teaching", "research"], ["audio"])],
    ids=["teaching-removed", "text-removed"],
)
def test_a_story_taken_out_of_the_library_leaves_no_word_in_the_index_files(
    app, story, sign_in, purposes, modalities
):
    card, patient = story
    assert keep(patient, purposes, modalities).status_code == 302
    with app.app_context():
        assert not app.extensions["search_index"].contains(card.story_id)
    assert UNIQUE.lower().encode() not in index_bytes(app)
    assert not app.extensions["search_index"].has_deleted_documents()


def test_ending_the_period_now_scrubs_the_index_too(app, story):
    card, patient = story
    ended = patient.submit("/consent/change/period", {"ends_on": "2000-01-01"}, page="/consent/change")
    assert ended.status_code == 302
    assert UNIQUE.lower().encode() not in index_bytes(app)


def test_removing_research_leaves_the_index_untouched(app, story):
    card, patient = story
    assert keep(patient, ["teaching"], ["text", "audio"]).status_code == 302
    with app.app_context():
        assert app.extensions["search_index"].contains(card.story_id)
    assert UNIQUE.lower().encode() in index_bytes(app)


class TestWithAQueue:
    @pytest.fixture
    def app_config(self) -> dict:
        return {"JOBS_IMMEDIATE": False}

    def test_the_scrub_is_queued_and_a_worker_does_it(self, app, story):
        card, patient = story
        assert keep(patient, ["research"], ["text", "audio"]).status_code == 302
        with app.app_context():
            assert not app.extensions["search_index"].contains(card.story_id)
            assert UNIQUE.lower().encode() in index_bytes(app), "marked deleted, words still in the files"
            assert run_queued_jobs() >= 1
            assert UNIQUE.lower().encode() not in index_bytes(app)
            assert run_scrub() is False, "nothing left to rewrite"
            db.session.remove()
