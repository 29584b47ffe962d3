"""Facets of a library search: topics under the vocabulary's category headings with exact counts, free
tags apart, content warnings shown before a hit and filterable with exact counts, and stale index
entries masked out of every count; against each search backend (``SEARCH_BACKENDS``). The stories are
shelved straight to rows (``stories.shelved``): these tests are about facets over many stories."""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta

import pytest

from archive.extensions import db
from archive.models import Story, utcnow
from tests.conftest import SEARCH_BACKENDS


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def search_backend(request) -> str:
    return request.param


@contextlib.contextmanager
def index_busy(app):
    """Another process's long write to a Whoosh index: nothing can be removed meanwhile. (Search in
    PostgreSQL has no index lock: nothing to hold.)"""
    if "search_index" not in app.extensions:
        yield
        return
    index = app.extensions["search_index"]
    index.writer_timeout = 0.1
    writer = index._index().writer()
    try:
        yield
    finally:
        writer.cancel()


def section(html: str, heading: str) -> str:
    """The list under a facet heading (an <h3> of a category or an <h2> of the sidebar)."""
    after = re.split(rf"<h[23]>{re.escape(heading)}</h[23]>", html)[1]
    return after.split("</ul>")[0]


def test_topics_are_grouped_under_their_categories_with_free_tags_last(app, stories, sign_in):
    stories.shelved("The test came back positive.", topics=("diagnosis", "stigma", "tb", "ferry"))
    stories.shelved("Three nights on the ward.", topics=("stigma", "hospital-ward"))
    stories.shelved("We waited at the river.", topics=("waiting", "ferry"))
    html = sign_in("educator").get("/library").get_data(as_text=True)
    aside = html.split('<aside class="facets"')[1].split("</aside>")[0]
    headings = re.findall(r"<h3>([^<]+)</h3>", aside)
    assert headings == [
        "Experience of illness",
        "Care setting",
        "Clinical area",
        "Communication and empathy",
        "Other tags",
    ]
    assert re.findall(r">([^<>]+)</a> \((\d+)\)", section(aside, "Communication and empathy")) == [
        ("Stigma", "2"),
        ("Waiting", "1"),
    ]
    assert ">Being told a diagnosis</a> (1)" in section(aside, "Experience of illness")
    assert ">On a hospital ward</a> (1)" in section(aside, "Care setting")
    assert ">Tuberculosis (TB)</a> (1)" in section(aside, "Clinical area")
    assert ">Ferry</a> (2)" in section(aside, "Other tags")
    # A category none of the matches carries has no heading.
    narrowed = sign_in("educator").get("/library?q=ward").get_data(as_text=True)
    aside = narrowed.split('<aside class="facets"')[1].split("</aside>")[0]
    assert re.findall(r"<h3>([^<]+)</h3>", aside) == ["Care setting", "Communication and empathy"]


def test_a_chosen_topic_can_be_removed_and_links_keep_the_other_filters(app, stories, sign_in):
    stories.shelved("The test came back positive.", topics=("diagnosis", "stigma"), warnings=("death",))
    stories.shelved("Nobody told us the test result.", topics=("diagnosis",))
    html = (
        sign_in("educator").get("/library?q=test&tag=diagnosis&without=death&lang=en").get_data(as_text=True)
    )
    experience = section(html, "Experience of illness")
    assert "<strong>Being told a diagnosis</strong> (1)" in experience
    remove = re.search(r'<a href="([^"]+)" aria-label="Remove the topic Being told a diagnosis"', experience)
    assert remove and "tag=" not in remove.group(1)
    assert "q=test" in remove.group(1) and "without=death" in remove.group(1) and "lang=en" in remove.group(1)


def grief_stories(stories) -> dict[str, str]:
    return {
        "suicide": stories.shelved(
            "Grief after my brother's suicide.", warnings=("suicide",), topics=("stigma",)
        ).story_id,
        "both": stories.shelved(
            "Grief, death and suicide in one year.", warnings=("death", "suicide")
        ).story_id,
        "death": stories.shelved(
            "Grief when my mother died.", warnings=("death",), topics=("stigma",)
        ).story_id,
        "none": stories.shelved("Grief for the life I had before the illness.", topics=("stigma",)).story_id,
    }


def api(client, query: str) -> dict:
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 200
    return response.get_json()


def test_leaving_out_warnings_gives_exact_totals_and_counts(app, stories, sign_in):
    grief = grief_stories(stories)
    app.config["SEARCH_PAGE_SIZE"] = 1  # counts are of every match, not of the page
    educator = sign_in("educator")
    everything = api(educator, "q=grief")
    assert everything["total"] == 4
    assert everything["facets"]["warnings"] == [
        {"value": "death", "count": 2},
        {"value": "suicide", "count": 2},
    ]

    one = api(educator, "q=grief&without=suicide")
    assert one["total"] == 2
    assert one["facets"]["warnings"] == [{"value": "death", "count": 1}]
    assert one["facets"]["tags"] == [{"value": "stigma", "count": 2}]
    two = api(educator, "q=grief&without=suicide&without=death")
    assert two["total"] == 1 and [r["id"] for r in two["results"]] == [grief["none"]]
    assert two["facets"]["warnings"] == []
    with_tag = api(educator, "tag=stigma&without=death")
    assert with_tag["total"] == 2
    assert {r["id"] for r in api(educator, "tag=stigma&without=death&page=2")["results"]} | {
        r["id"] for r in with_tag["results"]
    } == {grief["suicide"], grief["none"]}

    page = educator.get("/library?q=grief&without=suicide").get_data(as_text=True)
    assert "2 stories for “grief”." in page
    assert "2 more are left out for the content warnings you chose." in page
    warnings = section(page, "Content warnings")
    assert "<strong>Suicide</strong>: left out" in warnings and "Death (1)" in warnings
    again = re.search(r'<a href="([^"]+)" aria-label="Show stories with Suicide again"', warnings)
    assert again and "without" not in again.group(1) and "q=grief" in again.group(1)
    leave = re.search(r'<a href="([^"]+)" aria-label="Leave out stories with Death"', warnings)
    assert leave and "without=suicide" in leave.group(1) and "without=death" in leave.group(1)
    # The search box keeps the choice, so a new search still leaves the same stories out.
    assert '<input type="hidden" name="without" value="suicide">' in page


def test_unknown_or_odd_warnings_to_leave_out_change_nothing(app, stories, sign_in):
    grief_stories(stories)
    educator = sign_in("educator")
    for query in ("without=nosuch", "without=" + "x" * 5000, "without=", "without=%3Cscript%3E"):
        body = api(educator, f"q=grief&{query}")
        assert body["total"] == 4, query
        page = educator.get(f"/library?q=grief&{query}")
        assert page.status_code == 200 and b"<script>" not in page.data


def test_a_hit_shows_its_warnings_before_anything_else_and_hides_its_excerpt(app, stories, sign_in):
    grief = grief_stories(stories)
    html = sign_in("educator").get("/library?q=grief").get_data(as_text=True)
    hits = html.split('<ol class="hits">')[1].split("</ol>")[0]
    items = {
        story_id: item for item in hits.split("<li>")[1:] for story_id in grief.values() if story_id in item
    }
    warned = items[grief["both"]]
    assert warned.strip().startswith('<p class="warning">Content warning: Death, Suicide</p>')
    assert (
        warned.index("Content warning")
        < warned.index("<h3>")
        < warned.index("<details")
        < warned.index("<mark>Grief</mark>")
    )
    assert "<summary>Show excerpt</summary>" in warned
    plain = items[grief["none"]]
    assert "Content warning" not in plain and "<details" not in plain and "<mark>Grief</mark>" in plain


def test_stale_entries_are_masked_out_of_every_count(app, stories, sign_in, withdraw, ingest, publish):
    """A consent that lapsed since indexing (nobody queued its removal): dropped, and counted nowhere;
    with the index busy, still left out of the page and of the tag and warning counts."""
    grief = grief_stories(stories)
    educator = sign_in("educator")
    with app.app_context():
        lapsed = db.session.get(Story, grief["both"])
        lapsed.consent.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    with index_busy(app):
        busy = api(educator, "q=grief")
        page = educator.get("/library?q=grief").get_data(as_text=True)
    assert busy["total"] == 3 and grief["both"] not in {r["id"] for r in busy["results"]}
    assert busy["facets"]["warnings"] == [{"value": "death", "count": 1}, {"value": "suicide", "count": 1}]
    assert f"/stories/{grief['both']}" not in page and "3 stories" in page
    free = api(educator, "q=grief&without=death")
    assert free["total"] == 2 and free["facets"]["warnings"] == [{"value": "suicide", "count": 1}]
    with app.app_context():
        assert not app.extensions["search"].contains(grief["both"])  # dropped for good
