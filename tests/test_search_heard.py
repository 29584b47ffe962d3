"""The "Can be heard" filter and its count come from the index: each entry says whether its story's
recording may be heard now (``IndexedStory.heard``), and every path that changes that writes the entry
again. A search never lists every audible story (bench/README.md: that cost ~1.5 us a published story
on every search).

Each path, on each search backend, through the real app: the published-audio job making the recording
(and making it again), the storyteller taking the audio away, withdrawal, the consent's end (the
expiry job) and a new end date, taking the story out of the library (text or teaching removed), a
renewal that asks for the voice to be disguised; and an index too busy to be told, which the page and
the expiry job put right. The story is the session's published recording (``recorded``: Korean speech,
the real Vosk model, its redacted recording made by ffmpeg) beside a typed story.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text

from archive.extensions import db
from archive.models import Consent, MediaFile, MediaKind, Story, utcnow
from archive.search import current_index, indexed_form, reconcile_heard, reindex_all
from consent.changes import PeriodChange, change_period
from consent.expiry import expire_consents
from consent.reconsent import renew
from consent.records import ConsentTerms
from ingest.published_audio import schedule_published_audio
from tests.conftest import PG_URL, SEARCH_BACKENDS
from tests.fixtures.recordings import run_queued_jobs
from tests.fixtures.stories import sign_in_patient

search_backend = pytest.fixture(params=SEARCH_BACKENDS)(lambda request: request.param)


def heard(educator) -> tuple[int, list[str], int]:
    """(the "Can be heard" count of the whole library, the ids a search for what can be heard finds,
    and that search's total), through the API."""
    every = educator.get("/api/v1/search").get_json()
    only = educator.get("/api/v1/search?heard=1").get_json()
    count = {f["value"]: f["count"] for f in every["facets"]["heard"]}.get("yes", 0)
    assert {f["value"]: f["count"] for f in only["facets"]["heard"]}.get("yes", 0) == count
    return count, [r["id"] for r in only["results"]], only["total"]


def indexed_heard(app) -> set[str]:
    with app.app_context():
        return current_index().heard_ids()


@pytest.fixture
def library(app, stories, recorded, sign_in):
    """The recorded story (may be heard) beside a typed one, and an educator."""
    typed = stories.shelved("타자로 친 이야기입니다.", title="Typed", language="ko").story_id
    educator = sign_in("educator")
    assert indexed_heard(app) == {recorded.story_id}  # before any search
    assert heard(educator) == (1, [recorded.story_id], 1)
    return recorded, typed, educator


def test_the_published_audio_job_makes_the_story_heard(app, library):
    """Published before its recording is made (the job waits): not heard; the job makes the
    recording and the entry says heard; made again (an admin's retry) it stays heard, once."""
    made, _typed, educator = library
    with app.app_context():
        media = db.session.scalar(
            select(MediaFile).where(
                MediaFile.story_id == made.story_id, MediaFile.kind == MediaKind.PUBLISHED
            )
        )
        db.session.execute(delete(MediaFile).where(MediaFile.id == media.id))
        db.session.commit()
        reindex_all()  # as the story stood between its publication and the job
    assert indexed_heard(app) == set()  # before any search
    assert heard(educator) == (0, [], 0)
    assert '<p class="meta">Recorded, text only · ' in educator.get("/library").get_data(as_text=True)

    for _ in range(2):  # made, then made again
        with app.app_context():
            job = schedule_published_audio(db.session.get(Story, made.story_id))  # runs now (JOBS_IMMEDIATE)
            assert job is not None and db.session.get(type(job), job.id).state == "succeeded"
        assert indexed_heard(app) == {made.story_id}  # before any search
        assert heard(educator) == (1, [made.story_id], 1)
    html = educator.get("/library?heard=1").get_data(as_text=True)
    assert "<strong>Can be heard</strong> (1)" in html and f"/stories/{made.story_id}" in html


def test_taking_the_audio_away_leaves_the_text_in_the_library_not_heard(app, library):
    made, typed, educator = library
    patient = app.test_client()
    sign_in_patient(patient, made.code, made.secret)
    sent = patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    assert sent.status_code == 302
    assert indexed_heard(app) == set()  # before any search
    assert heard(educator) == (0, [], 0)
    ids = [r["id"] for r in educator.get("/api/v1/search").get_json()["results"]]
    assert sorted(ids) == sorted([made.story_id, typed]), "the text stays in the library"


@pytest.mark.parametrize(
    ("purposes", "modalities"),
    [(["research"], ["text", "audio"]), (["teaching"], ["audio"])],
    ids=["teaching-removed", "text-removed"],
)
def test_a_story_taken_out_of_the_library_is_heard_no_more(app, library, stories, purposes, modalities):
    made, typed, educator = library
    stories.narrow(made.story_id, purposes, modalities)
    assert indexed_heard(app) == set()  # before any search
    assert heard(educator) == (0, [], 0)
    assert [r["id"] for r in educator.get("/api/v1/search").get_json()["results"]] == [typed]


def test_withdrawal_takes_the_story_and_its_count_away(app, library, stories):
    made, _typed, educator = library
    assert stories.withdraw(made.story_id)
    assert indexed_heard(app) == set()  # before any search
    assert heard(educator) == (0, [], 0)


def test_the_end_of_the_consent_and_a_new_end_date(app, library):
    """A consent whose period ended is refused by the rule at once (the page drops the hit, and the
    count with it), the expiry job takes the entry out; a later end date brings it back, heard."""
    made, _typed, educator = library
    with app.app_context():
        consent = db.session.get(Consent, made.consent_id)
        consent.expires_at = utcnow() - timedelta(minutes=1)  # the period ended a minute ago
        db.session.commit()
    assert heard(educator) == (0, [], 0)
    with app.app_context():
        assert made.consent_id in expire_consents().expired
    assert indexed_heard(app) == set()

    with app.app_context():
        consent = db.session.get(Consent, made.consent_id)
        later = PeriodChange(utcnow().replace(microsecond=0) + timedelta(days=90), ends_now=False)
        assert change_period(consent, later, "staff_web")
    assert indexed_heard(app) == {made.story_id}  # before any search
    assert heard(educator) == (1, [made.story_id], 1)


@pytest.mark.parametrize("app_config", [{"JOBS_IMMEDIATE": False}])
def test_a_renewal_asking_for_the_voice_disguised_hears_it_again_once_remade(
    app, library, stories, app_config
):
    """The storyteller consents again and asks for their voice disguised: the recording made with
    their own voice goes at once (not heard), and the job that makes it again disguised makes the
    story heard again."""
    made, _typed, educator = library
    reviewer = stories.staff_id("reviewer")
    with app.app_context():
        db.session.get(Consent, made.consent_id).reconsent_due_at = utcnow()  # as the due job marks it
        db.session.commit()
        terms = ConsentTerms(
            purposes=frozenset({"teaching", "research"}),
            modalities=frozenset({"text", "audio"}),
            method="signed",
            voice_disguise=True,
        )
        renew(db.session.get(Story, made.story_id), terms, reviewer)
    assert indexed_heard(app) == set()  # before any search
    assert heard(educator) == (0, [], 0)
    with app.app_context():
        assert run_queued_jobs() >= 1
        assert db.session.get(Consent, made.consent_id).voice_disguise
    assert indexed_heard(app) == {made.story_id}
    assert heard(educator) == (1, [made.story_id], 1)


def test_a_stale_entry_is_put_right_by_the_page_and_by_the_expiry_job(app, library):
    """A recording gone behind the index's back (a repair that found its file missing): the index
    still says heard. The search that shows the story writes its entry again, so the count and the
    filter say what the rule says; an entry no search showed is put right by the expiry job."""
    made, _typed, educator = library
    with app.app_context():
        db.session.execute(
            delete(MediaFile).where(
                MediaFile.story_id == made.story_id, MediaFile.kind == MediaKind.PUBLISHED
            )
        )
        db.session.commit()
    assert indexed_heard(app) == {made.story_id}
    assert heard(educator) == (0, [], 0)
    assert indexed_heard(app) == set(), "the page wrote the entry again"

    with app.app_context():
        # The index says the opposite of the database again, and no search shows the story.
        story = db.session.get(Story, made.story_id)
        current_index().add([replace(indexed_form(story), heard=True)])
    assert indexed_heard(app) == {made.story_id}
    with app.app_context():
        assert reconcile_heard() == 1
    assert indexed_heard(app) == set()


@pytest.mark.parametrize("app_config", [{"INDEX_WRITER_TIMEOUT": 0.2}])
@pytest.mark.parametrize("search_backend", ["whoosh"])
def test_a_busy_index_never_lets_a_search_find_what_cannot_be_heard(
    app, library, stories, app_config, search_backend
):
    """The Whoosh index locked while the storyteller takes the audio away: the entry still says heard,
    but the page asks the rule and says 0; once the lock is gone the expiry job writes it again."""
    made, _typed, educator = library
    with app.app_context():
        lock = app.extensions["search_index"]._index().writer()
    try:
        stories.narrow(made.story_id, ["teaching"], ["text"])
        assert indexed_heard(app) == {made.story_id}, "the index could not be told"
        assert heard(educator) == (0, [], 0)
        html = educator.get("/library").get_data(as_text=True)
        assert "Can be heard</a> (0)" in html
    finally:
        lock.cancel()
    with app.app_context():
        expire_consents()
    assert indexed_heard(app) == set()


def test_migration_0015_fills_the_rows_already_there_as_the_rule_says(app, library, search_backend):
    """The migration that adds ``story_search.heard`` fills it for the rows an older release wrote,
    from the rule and the published recordings, so nobody has to rebuild."""
    if not PG_URL or search_backend != "postgres":
        pytest.skip("fills the rows of search in PostgreSQL (on SQLite the table stays empty)")
    made, _typed, _educator = library
    path = Path(__file__).resolve().parents[1] / "migrations" / "versions" / "0015_story_search_heard.py"
    spec = importlib.util.spec_from_file_location("migration_0015", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.app_context():
        db.session.execute(text("UPDATE story_search SET heard = false"))  # as the column arrives
        db.session.execute(text(migration.FILL))
        db.session.commit()
    assert indexed_heard(app) == {made.story_id}
