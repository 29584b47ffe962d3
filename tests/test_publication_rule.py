"""The publication rule: the Python check and the SQL clause agree, and every view applies it.

Stories whose consent does not allow teaching, or has expired, are never shown, and a stale index entry
(a document left behind for a story that is no longer publishable) never reveals a story. The stories
here are rows (``story_row``), not the services' work: the rule is checked against states no service
would leave (every combination, a stale index entry).
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import ConsentStatus, Modality, Story, StoryStatus, Tag, utcnow
from archive.publication import publishable, publishable_clause
from archive.search import IndexedStory, indexed_form
from tests.fixtures.stories import story_row

NOW = utcnow().replace(microsecond=0)
EXPIRY = {
    "no-end-date": None,
    "ends-tomorrow": NOW + timedelta(days=1),
    "ends-right-now": NOW,
    "ended-yesterday": NOW - timedelta(days=1),
}
PUBLISHED_TEXT = {"no-text": None, "empty-text": "", "text": "The nurse held my hand."}


def test_python_rule_and_sql_clause_agree_on_every_combination(app):
    """Build one row per combination and compare ``publishable`` with ``publishable_clause``."""
    with app.app_context():
        combos = {}
        for combo in itertools.product(
            list(StoryStatus),
            list(ConsentStatus),
            EXPIRY,
            (True, False),  # teaching among the purposes
            (True, False),  # text consented
            (True, False),  # audio consented
            PUBLISHED_TEXT,
        ):
            status, consent_status, expiry, teaching, text, audio, published = combo
            story = story_row(
                PUBLISHED_TEXT[published],
                published_text=PUBLISHED_TEXT[published],
                status=status,
                consent_status=consent_status,
                expires_at=EXPIRY[expiry],
                purposes=("teaching",) if teaching else ("research",),
                modalities=[name for name, given in (("text", text), ("audio", audio)) if given],
            )
            combos[story] = combo
        db.session.commit()
        assert len(combos) == len(StoryStatus) * len(ConsentStatus) * 4 * 2 * 2 * 2 * 3

        for modality in (Modality.TEXT, Modality.AUDIO):
            in_python = {s.id for s in combos if publishable(s, modality, now=NOW)}
            in_sql = set(
                db.session.scalars(
                    select(Story.id).join(Story.consent).where(publishable_clause(modality, now=NOW))
                )
            )
            disagreements = sorted(str(combos[s]) for s in combos if (s.id in in_python) != (s.id in in_sql))
            assert not disagreements, f"{modality}: rule and clause disagree on {disagreements[:5]}"
            # And the rule is the one written in DESIGN.md, not merely self-consistent.
            for story, (status, consent_status, expiry, teaching, text, audio, published) in combos.items():
                expected = (
                    status == StoryStatus.PUBLISHED
                    and consent_status == ConsentStatus.ACTIVE
                    and expiry in ("no-end-date", "ends-tomorrow")
                    and teaching
                    and (audio if modality == Modality.AUDIO else text and published == "text")
                )
                assert (story.id in in_python) is expected, (modality, combos[story])


def test_unknown_modality_is_never_publishable(app):
    with app.app_context():
        story = story_row()
        db.session.commit()
        assert publishable(story, Modality.TEXT)
        assert not publishable(story, "video")
        with pytest.raises(ValueError, match="unknown modality"):
            publishable_clause("video")


# -- the rule in the views ----------------------------------------------------------------------
UNIQUE = "xylophonic"  # a word found nowhere else, to search for


def assert_invisible(educator, story_id: str, query: str = UNIQUE) -> None:
    """The story is in no library result, no API result, no facet count, and has no page."""
    page = educator.get(f"/library?q={query}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"/stories/{story_id}" not in html
    assert "0 stories" in html, "the stale document is still counted in the total"
    listing = educator.get("/library").get_data(as_text=True)
    assert f"/stories/{story_id}" not in listing
    api = educator.get(f"/api/v1/search?q={query}").get_json()
    assert api["results"] == [] and api["total"] == 0, api
    assert api["facets"] == {"tags": [], "language": [], "warnings": [], "heard": []}, api
    assert story_id not in str(educator.get("/api/v1/search").get_json())
    assert educator.get(f"/stories/{story_id}").status_code == 404
    response = educator.get(f"/api/v1/stories/{story_id}")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


@pytest.mark.parametrize(
    "change",
    ["research-only", "expired", "consent-withdrawn-in-db", "text-not-consented", "back-in-review"],
)
def test_a_story_the_rule_refuses_is_never_shown_even_with_an_index_entry(app, login_as, change):
    """Status is 'published' (or was), and a document for it sits in the index: still never shown."""
    with app.app_context():
        story = story_row(
            f"The {UNIQUE} waiting room was full.",
            title=f"The {UNIQUE} clinic",
            tags=(db.session.scalar(select(Tag).where(Tag.slug == "stigma")),),
        )
        db.session.commit()
        story_id = story.id
        app.extensions["search_index"].add(indexed_form(story))  # indexed while publishable

    educator = login_as("educator")
    assert f"/stories/{story_id}" in educator.get(f"/library?q={UNIQUE}").get_data(as_text=True)
    assert educator.get(f"/api/v1/stories/{story_id}").status_code == 200

    with app.app_context():
        story = db.session.get(Story, story_id)
        consent = story.consent
        if change == "research-only":
            consent.purpose_teaching, consent.purpose_research = False, True
        elif change == "expired":
            consent.expires_at = utcnow() - timedelta(minutes=1)
        elif change == "consent-withdrawn-in-db":
            consent.status = ConsentStatus.WITHDRAWN
        elif change == "text-not-consented":
            consent.modality_text, consent.modality_audio = False, True
        elif change == "back-in-review":
            story.status = StoryStatus.NEEDS_REVIEW
        db.session.commit()
        assert app.extensions["search_index"].contains(story_id)  # the index is now stale

    assert_invisible(educator, story_id)


def test_research_only_story_published_through_the_views_is_not_indexed_or_shown(
    app, ingest, publish, login_as
):
    _, story_id, _, _ = ingest(
        purposes=["research"], text=f"A {UNIQUE} story told for research only, never for teaching."
    )
    publish(story_id)
    with app.app_context():
        assert db.session.get(Story, story_id).status == StoryStatus.PUBLISHED
        assert not app.extensions["search_index"].contains(story_id)
    assert_invisible(login_as("educator"), story_id)


def test_stale_entry_for_an_unknown_or_unpublished_story_is_not_shown(app, login_as):
    """A document whose id is no story at all, or a draft, is dropped from results and counts."""
    with app.app_context():
        draft = story_row(None, status=StoryStatus.NEEDS_REVIEW)
        db.session.commit()
        index = app.extensions["search_index"]
        for story_id in (draft.id, "no-such-story"):
            index.add(
                IndexedStory(
                    id=story_id, title="Ghost", body=f"A {UNIQUE} ghost entry", tags=["stigma"], language="en"
                )
            )
        draft_id = draft.id
    educator = login_as("educator")
    for story_id in (draft_id, "no-such-story"):
        assert_invisible(educator, story_id)


def _visible_and_stale(app, n: int = 3) -> tuple[set[str], set[str]]:
    """Index ``n`` visible and ``n`` stale stories (consent expired after indexing); return both id sets."""
    stigma = db.session.scalar(select(Tag).where(Tag.slug == "stigma"))
    visible = [story_row(f"A {UNIQUE} story number {i}.", title=f"Visible {i}") for i in range(n)]
    stale = [story_row(f"A {UNIQUE} stale story {i}.", title=f"Stale {i}", tags=(stigma,)) for i in range(n)]
    db.session.commit()
    app.extensions["search_index"].add_many(indexed_form(s) for s in visible + stale)
    for story in stale:
        story.consent.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    return {s.id for s in visible}, {s.id for s in stale}


def test_stale_entries_leave_the_index_once_seen_and_pages_list_each_story_once(app, login_as):
    app.config["SEARCH_PAGE_SIZE"] = 2
    with app.app_context():
        visible, stale = _visible_and_stale(app)
    educator = login_as("educator")
    for url in (f"/api/v1/search?q={UNIQUE}", "/api/v1/search"):
        seen: list[str] = []
        pages = educator.get(url).get_json()["pages"]
        for page in range(1, pages + 1):
            body = educator.get(f"{url}{'&' if '?' in url else '?'}page={page}").get_json()
            seen += [r["id"] for r in body["results"]]
        assert not set(seen) & stale
        assert sorted(seen) == sorted(set(seen)), "a story was listed twice"
        assert set(seen) == visible, "a visible story was pushed off the pages"
    again = educator.get(f"/api/v1/search?q={UNIQUE}").get_json()
    assert again["total"] == 3 and again["pages"] == 2 and again["facets"]["tags"] == []
    with app.app_context():
        assert not any(app.extensions["search_index"].contains(i) for i in stale)


def _withdrawn_while_index_busy(app, n: int = 3) -> tuple[set[str], set[str]]:
    """Index ``n`` visible and ``n`` more stories, then withdraw the latter while the index is locked."""
    from consent.withdrawal import withdraw

    visible = [story_row(f"A {UNIQUE} story number {i}.", title=f"Visible {i}") for i in range(n)]
    gone = [story_row(f"A {UNIQUE} gone story {i}.", title=f"Gone {i}") for i in range(n)]
    db.session.commit()
    index = app.extensions["search_index"]
    index.add_many(indexed_form(s) for s in visible + gone)
    index.writer_timeout = 0.1
    writer = index._index().writer()
    try:
        for story in gone:
            assert withdraw(story.consent, channel="patient_web")
    finally:
        writer.cancel()
    ids = {s.id for s in gone}
    assert all(index.contains(i) for i in ids)  # the lock kept them in the index, queued for removal
    return {s.id for s in visible}, ids


@pytest.mark.parametrize("index_still_busy", [False, True], ids=["index-free-again", "index-still-busy"])
def test_totals_are_exact_when_withdrawn_entries_wait_in_the_index(app, login_as, index_still_busy):
    """Queued removals are purged before the query, or masked out of it while the index is busy."""
    app.config["SEARCH_PAGE_SIZE"] = 2
    index = app.extensions["search_index"]
    with app.app_context():
        visible, gone = _withdrawn_while_index_busy(app)
        writer = index._index().writer() if index_still_busy else None
    try:
        first = login_as("educator").get(f"/api/v1/search?q={UNIQUE}&page=1").get_json()
    finally:
        if writer is not None:
            writer.cancel()
    assert first["total"] == 3 and first["pages"] == 2, first
    assert {r["id"] for r in first["results"]} <= visible
    with app.app_context():
        assert any(index.contains(i) for i in gone) == index_still_busy


def test_with_a_busy_index_stale_hits_are_left_out_of_the_page_and_its_counts(app, login_as):
    """The index cannot be cleaned while another writer holds it; the page still shows only what it may."""
    app.config["SEARCH_PAGE_SIZE"] = 20
    index = app.extensions["search_index"]
    with app.app_context():
        visible, stale = _visible_and_stale(app)
        index.writer_timeout = 0.1
        writer = index._index().writer()  # another process's long write
    try:
        educator = login_as("educator")
        body = educator.get(f"/api/v1/search?q={UNIQUE}").get_json()
        page = educator.get(f"/library?q={UNIQUE}").get_data(as_text=True)
    finally:
        writer.cancel()
    assert {r["id"] for r in body["results"]} == visible
    assert body["total"] == 3 and body["facets"]["tags"] == []
    assert body["facets"]["language"] == [{"value": "en", "count": 3}]
    assert "3 stories" in page and not any(f"/stories/{i}" in page for i in stale)
    with app.app_context():
        assert all(index.contains(i) for i in stale)  # still there: nothing could be written
