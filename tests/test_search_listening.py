"""What each search hit is, for an educator choosing what to play in class: recorded or typed, and how
long its recording is heard; and the "Can be heard" facet, counted over every match, which keeps only
the stories whose recording may be heard now.

A real recorded story (the session's: Korean speech, the real Vosk model, published through the
reviewer's views with its redacted recording) beside a typed one.
"""

from __future__ import annotations

import re

from archive.extensions import db
from archive.models import Story
from archive.search.backend import IndexedStory
from archive.search.whoosh_index.index import SearchIndex


def hit_of(html: str, story_id: str) -> str:
    items = html.split('<ol class="hits">')[1].split("</ol>")[0].split("<li>")[1:]
    return next(item for item in items if f"/stories/{story_id}" in item)


def recordings_facet(html: str) -> str:
    return html.split("<h2>Recordings</h2>")[1].split("<h2>")[0]


def test_hits_say_recorded_or_typed_and_how_long_and_can_be_heard_narrows(app, stories, recorded, sign_in):
    typed = stories.shelved("타자로 친 이야기입니다.", title="Typed", language="ko").story_id
    educator = sign_in("educator")

    html = educator.get("/library").get_data(as_text=True)
    meta = hit_of(html, recorded.story_id)
    length = re.search(r'<p class="meta">Recorded, (\d+) s · ', meta)
    assert length and 1 <= int(length.group(1)) < 60, meta
    assert '<p class="meta">Typed · ' in hit_of(html, typed)
    facet = recordings_facet(html)
    assert re.search(r'<a href="/library\?heard=1">Can be heard</a> \(1\)', facet), facet

    only = educator.get("/library?heard=1").get_data(as_text=True)
    assert f"/stories/{recorded.story_id}" in only and f"/stories/{typed}" not in only
    assert "<strong>Can be heard</strong> (1)" in recordings_facet(only)
    assert 'name="heard" value="1"' in only  # a new search keeps the filter
    api = educator.get("/api/v1/search?heard=1").get_json()
    assert [r["id"] for r in api["results"]] == [recorded.story_id]
    assert api["facets"]["heard"] == [{"value": "yes", "count": 1}]

    # The storyteller narrows the consent to text: nothing can be heard, the hit says so.
    with app.app_context():
        db.session.get(Story, recorded.story_id).consent.modality_audio = False
        db.session.commit()
    html = educator.get("/library").get_data(as_text=True)
    assert '<p class="meta">Recorded, text only · ' in hit_of(html, recorded.story_id)
    assert "Can be heard</a> (0)" in recordings_facet(html)
    assert "0 stories" in educator.get("/library?heard=1").get_data(as_text=True)


def test_the_index_maps_story_ids_to_live_documents_only(tmp_path):
    """``only_ids`` and ``count_ids`` read a map of ids to documents, once per searcher: a story
    written again (its old copy deleted, sharing its id) and a removed story are read right."""
    index = SearchIndex(tmp_path / "index")
    docs = [IndexedStory(id=f"s{n}", title="t", body=f"the nurse said {n}", language="en") for n in range(5)]
    index.add_many(docs)
    index.add(IndexedStory(id="s1", title="again", body="the nurse said again", language="en"))
    index.remove("s2")
    page = index.query("nurse", only_ids=["s1", "s2", "s3", "nope"], count_ids=["s1", "s2", "s4"])
    assert sorted(hit.id for hit in page.hits) == ["s1", "s3"] and page.total == 2
    assert page.facets["ids"] == [("counted", 1)]  # s1 among the matches; s4 is not one of them
    assert index.query("nurse", count_ids=["s1", "s2", "s4"]).facets["ids"] == [("counted", 2)]
