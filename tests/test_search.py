"""Searching the library: odd queries never break it, words are stemmed, phrases keep their order,
facets count right, pages neither repeat nor skip, snippets are marked and escaped, and ``reindex``
rebuilds the index from the database alone. Every test runs against each search backend
(``SEARCH_BACKENDS``: Whoosh, and PostgreSQL when the suite runs there). The stories are shelved
straight to rows (``stories.shelved``): these tests are about finding stories, not bringing them in."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from archive import create_app
from archive.auth import NewUser, create_user
from archive.database import init_database
from archive.extensions import db
from archive.models import Story, StoryStatus, utcnow
from archive.search.whoosh_index import SearchIndex
from tests.conftest import PASSWORD, PG_URL, SEARCH_BACKENDS, BrowserClient, _config
from tests.fixtures.stories import Stories

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def search_backend(request) -> str:
    return request.param


@dataclass(frozen=True)
class ReadingRoom:
    app: Flask
    stories: dict[str, str]
    educator: FlaskClient


def _one_room_per_module(fixture_name, config) -> str:
    # The read-only tests share one library. With PostgreSQL every test empties the one shared
    # database, so there each test builds its own.
    return "function" if PG_URL else "module"


@pytest.fixture(scope=_one_room_per_module)
def room(tmp_path_factory, database_template, search_backend):
    """An app (real SQLite file, real index) holding four stories: two that differ only in word order,
    one with markup in it, one in Swahili; and an educator signed in to it."""
    base = tmp_path_factory.mktemp("reading-room")
    if not PG_URL:
        (base / "instance").mkdir()
        shutil.copy(database_template, base / "instance" / "archive.db")
    app = create_app(_config(base, PG_URL or None, search_backend))
    app.test_client_class = BrowserClient
    with app.app_context():
        init_database()
        create_user(NewUser(email="reader@example.org", role="educator", password=PASSWORD))
    builders = Stories(app)
    stories = {
        "nobody-explained": builders.shelved(
            "Nobody explained what the sputum test was for, and I waited all day.",
            title="The sputum test",
            topics=("diagnosis", "stigma"),
        ).story_id,
        "explained-nobody": builders.shelved(
            "The doctor explained: nobody gets better without the full course.",
            title="The full course",
            topics=("stigma",),
        ).story_id,
        "markup": builders.shelved(
            f"Somebody wrote {SCRIPT} and <b>Kamau</b> on the clinic wall, and the nurse painted over it.",
            title=f"The wall {SCRIPT}",
            topics=("diagnosis",),
        ).story_id,
        "swahili": builders.shelved(
            "Nilisubiri kliniki siku nzima bila maelezo.",
            title="Kusubiri",
            topics=("waiting",),
            language="sw",
        ).story_id,
    }
    educator = app.test_client()
    signed_in = educator.submit(
        "/login", {"email": "reader@example.org", "password": PASSWORD}, page="/login"
    )
    assert signed_in.status_code == 302
    yield ReadingRoom(app, stories, educator)
    with app.app_context():
        db.session.remove()
        if PG_URL:
            with db.engine.begin() as conn:
                names = ", ".join(f'"{t.name}"' for t in reversed(db.metadata.sorted_tables))
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        db.engine.dispose()
    app.extensions["search"].close()


@pytest.fixture
def library(room) -> dict[str, str]:
    return room.stories


@pytest.fixture
def educator(request) -> FlaskClient:
    """The reading room's educator for tests on the shared library, else a new one on the test's app."""
    if "room" in request.fixturenames:
        return request.getfixturevalue("room").educator
    return request.getfixturevalue("login_as")("educator")


def found(educator, query: str) -> set[str]:
    body = educator.get(f"/api/v1/search?{query}").get_json()
    return {r["id"] for r in body["results"]}


# -- queries that must never break the page ------------------------------------------------------
ODD_QUERIES = {
    "unclosed-range": "title:[a TO",
    "lone-star": "*",
    "unclosed-quote": '"unclosed',
    "only-operators": "AND OR NOT",
    "open-brackets": "((((",
    "field-on-id": "id:xyz",
    "unicode": "ट्यूबरकुलोसिस 🩺 قلب",
    "nul-byte": "sputum\x00test",
    "boost-without-word": "^2",
    "fuzzy-overflow": "sputum~99999999",
    "just-punctuation": "\"'()[]{}:^~*?-+!",
    "wildcard-prefix": "sput*",
    "html": SCRIPT,
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_queries_give_results_or_a_clear_400_never_a_500(library, educator, query):
    page = educator.get(f"/library?q={quote(query)}")
    assert page.status_code in (200, 400)
    html = page.get_data(as_text=True)
    assert "unexpected problem" not in html and "<h1>Library</h1>" in html
    if page.status_code == 400:
        assert 'class="errors"' in html
    assert SCRIPT not in html  # the query is echoed escaped, if at all
    api = educator.get(f"/api/v1/search?q={quote(query)}")
    assert api.status_code in (200, 400)
    body = api.get_json()
    if api.status_code == 400:
        assert set(body) == {"error"} and body["error"]["status"] == 400
    else:
        assert {"query", "total", "results", "facets", "page", "pages"} <= set(body)


@pytest.mark.parametrize("where", ["library-page", "api"])
def test_a_10000_character_query_is_refused_with_a_message(room, library, educator, where):
    query = quote("sputum " * 1430)
    limit = room.app.config["MAX_QUERY_CHARS"]
    if where == "library-page":
        page = educator.get(f"/library?q={query}")
        html = page.get_data(as_text=True)
        assert page.status_code == 400
        assert f"Search for at most {limit} characters." in html
        assert "4 stories" in html  # the rest of the page still works: the library is listed
    else:
        response = educator.get(f"/api/v1/search?q={query}")
        assert response.status_code == 400
        assert response.get_json() == {
            "error": {
                "status": 400,
                "title": "That request could not be used",
                "message": f"Search for at most {limit} characters.",
            }
        }


@pytest.mark.parametrize(
    "args",
    [
        "page=abc",
        "page=-3",
        "page=0",
        "page=99999999999999999999",
        f"lang={quote(SCRIPT)}",
        "tag=" + "x" * 5000,
    ],
    ids=["page-not-a-number", "page-negative", "page-zero", "page-huge", "lang-markup", "tag-very-long"],
)
def test_odd_parameters_are_tolerated(library, educator, args):
    for url in (f"/library?{args}", f"/api/v1/search?{args}"):
        response = educator.get(url)
        assert response.status_code == 200, url
        assert SCRIPT.encode() not in response.data


def test_invalid_utf8_in_the_query_is_not_a_500(library, educator):
    assert educator.get("/library?q=%ff%fe%fd").status_code in (200, 400)
    assert educator.get("/api/v1/search?q=%ff%fe%fd").status_code in (200, 400)


# -- what a query finds --------------------------------------------------------------------------
def test_words_are_stemmed(library, educator):
    both = {library["nobody-explained"], library["explained-nobody"]}
    assert found(educator, "q=explaining") == both
    assert found(educator, "q=explains") == both
    assert found(educator, "q=wait") == {library["nobody-explained"]}  # 'waited'


def test_phrases_match_only_their_word_order(library, educator):
    assert found(educator, "q=nobody+explained") == {library["nobody-explained"], library["explained-nobody"]}
    assert found(educator, f"q={quote(chr(34) + 'nobody explained' + chr(34))}") == {
        library["nobody-explained"]
    }
    assert found(educator, f"q={quote(chr(34) + 'explained nobody' + chr(34))}") == {
        library["explained-nobody"]
    }
    assert found(educator, f"q={quote(chr(34) + 'sputum nobody' + chr(34))}") == set()


def test_facets_count_every_match_not_just_the_page(room, library, educator, monkeypatch):
    monkeypatch.setitem(room.app.config, "SEARCH_PAGE_SIZE", 1)
    body = educator.get("/api/v1/search").get_json()
    assert body["total"] == 4 and len(body["results"]) == 1
    assert body["facets"]["tags"] == [
        {"value": "diagnosis", "count": 2},
        {"value": "stigma", "count": 2},
        {"value": "waiting", "count": 1},
    ]
    assert body["facets"]["language"] == [{"value": "en", "count": 3}, {"value": "sw", "count": 1}]
    page = educator.get("/library").get_data(as_text=True)
    assert "Being told a diagnosis</a> (2)" in page and "Stigma</a> (2)" in page
    assert "English</a> (3)" in page and "Swahili</a> (1)" in page


def test_two_tags_filter_with_and(library, educator):
    assert found(educator, "tag=diagnosis") == {library["nobody-explained"], library["markup"]}
    assert found(educator, "tag=diagnosis&tag=stigma") == {library["nobody-explained"]}
    assert found(educator, "tag=stigma&tag=waiting") == set()
    body = educator.get("/api/v1/search?tag=diagnosis&tag=stigma").get_json()
    assert body["total"] == 1
    assert {f["value"]: f["count"] for f in body["facets"]["tags"]} == {"diagnosis": 1, "stigma": 1}


def test_language_filter_and_facet(library, educator):
    assert found(educator, "lang=sw") == {library["swahili"]}
    assert found(educator, "lang=en&tag=stigma&q=explained") == {
        library["nobody-explained"],
        library["explained-nobody"],
    }
    body = educator.get("/api/v1/search?lang=sw").get_json()
    assert body["total"] == 1 and body["facets"]["language"] == [{"value": "sw", "count": 1}]


def test_pages_have_right_totals_and_never_repeat_or_skip(app, stories, educator):
    app.config["SEARCH_PAGE_SIZE"] = 3
    start = utcnow() - timedelta(days=10)
    ids = {
        stories.shelved(
            f"Story {i} about the ferry to the clinic.", published_at=start + timedelta(hours=i)
        ).story_id
        for i in range(7)
    }
    # Every word query ranks ties; the empty query lists the newest first.
    for query in ("q=ferry", ""):
        seen: list[str] = []
        for page in (1, 2, 3):
            body = educator.get(f"/api/v1/search?{query}&page={page}").get_json()
            assert (body["total"], body["pages"], body["page"]) == (7, 3, page)
            assert len(body["results"]) == (3 if page < 3 else 1)
            seen += [r["id"] for r in body["results"]]
        assert len(seen) == len(set(seen)) == 7 and set(seen) == ids
        assert educator.get(f"/api/v1/search?{query}&page=4").get_json()["results"] == []
    newest_first = [r["id"] for r in educator.get("/api/v1/search").get_json()["results"]]
    with app.app_context():
        published = [db.session.get(Story, i).published_at for i in newest_first]
    assert published == sorted(published, reverse=True)
    html = educator.get("/library?q=ferry&page=2").get_data(as_text=True)
    assert "Page 2 of 3" in html and 'rel="prev"' in html and 'rel="next"' in html


@pytest.mark.parametrize("app_config", [{"SEARCH_RANK_LIMIT": 4, "SEARCH_PAGE_SIZE": 3}])
def test_past_the_rank_limit_the_newest_are_ranked_and_the_rest_follow_by_date(
    app, stories, educator, search_backend
):
    start = utcnow() - timedelta(days=10)
    # The older a story, the more often it says the word: ranking alone would list the oldest first.
    ids = [
        stories.shelved(
            "The ferry. " * (9 - i) + f"Story {i}.", published_at=start + timedelta(hours=i)
        ).story_id
        for i in range(9)
    ]
    seen: list[str] = []
    for page in (1, 2, 3):
        body = educator.get(f"/api/v1/search?q=ferry&page={page}").get_json()
        assert (body["total"], body["pages"]) == (9, 3)
        seen += [r["id"] for r in body["results"]]
    assert len(seen) == len(set(seen)) == 9 and set(seen) == set(ids)
    if search_backend == "postgres":
        # The newest four (SEARCH_RANK_LIMIT) by rank, then the other five newest first.
        assert seen == [ids[5], ids[6], ids[7], ids[8], ids[4], ids[3], ids[2], ids[1], ids[0]]
    else:  # Whoosh ranks every match
        assert seen == ids


# -- snippets and escaping -----------------------------------------------------------------------
def test_snippets_mark_the_words_found(library, educator):
    hit = educator.get("/api/v1/search?q=sputum").get_json()["results"][0]
    assert "<mark>sputum</mark>" in hit["snippet_html"]
    assert "<mark>" in educator.get("/library?q=explaining").get_data(as_text=True)


def test_markup_in_a_story_is_escaped_in_snippet_and_page(library, educator):
    page = educator.get("/library?q=wall").get_data(as_text=True)
    assert "<mark>wall</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page and "<b>Kamau" not in page
    snippet = educator.get("/api/v1/search?q=wall").get_json()["results"][0]["snippet_html"]
    assert "&lt;/script&gt;" in snippet and "<mark>wall</mark>" in snippet
    assert "<script" not in snippet and "<b>" not in snippet
    story = educator.get(f"/stories/{library['markup']}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story and "&lt;b&gt;Kamau&lt;/b&gt;" in story
    assert "<script>" not in story and "<b>" not in story


def test_snippet_without_a_body_match_shows_markup_as_text_like_the_story_page(library, educator):
    page = educator.get("/library?tag=diagnosis").get_data(as_text=True)
    assert "&lt;b&gt;Kamau&lt;/b&gt;" in page


def test_hindi_words_are_found(app, stories, educator):
    story_id = stories.shelved("मुझे खांसी थी और डॉक्टर ने समझाया।", title="खांसी", language="hi").story_id
    assert found(educator, f"q={quote('खांसी')}") == {story_id}


# -- reindex -------------------------------------------------------------------------------------
def test_reindex_rebuilds_a_deleted_index_with_only_publishable_stories(
    app, stories, runner, educator, search_backend
):
    visible = {
        stories.shelved("The ferry to the clinic left without us.").story_id,
        stories.shelved("The ferry was late, and the midwife waited.").story_id,
    }
    refused = [
        stories.shelved("A ferry story for research only.", purposes=("research",)).story_id,
        stories.shelved(
            "A ferry story whose consent ends now.", expires_at=utcnow() + timedelta(seconds=1)
        ).story_id,
        stories.shelved("A ferry story under review.", status=StoryStatus.NEEDS_REVIEW).story_id,
    ]
    index_dir = Path(app.config["INDEX_DIR"])
    with app.app_context():
        db.session.get(Story, refused[1]).consent.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert found(educator, "q=ferry") == visible

    if search_backend == "postgres":
        with app.app_context():
            db.session.execute(text("DELETE FROM story_search"))
            db.session.commit()
        assert found(educator, "q=ferry") == set()
    else:
        shutil.rmtree(index_dir)
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 2 published stories." in result.output
    if search_backend == "postgres":
        with app.app_context():
            rows = set(db.session.scalars(text("SELECT story_id FROM story_search")))
        assert rows == visible
        assert found(educator, "q=ferry") == visible
        return

    fresh = SearchIndex(index_dir)  # what a new process would open
    try:
        assert fresh.doc_count() == 2
        assert {h.id for h in fresh.query("ferry").hits} == visible
        assert not any(fresh.contains(i) for i in refused)
    finally:
        fresh.close()
    assert found(educator, "q=ferry") == visible
    body = educator.get("/api/v1/search").get_json()
    assert body["total"] == 2
