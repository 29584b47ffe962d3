"""Index scrubbing: deleted stories leave the search at once and the index files at the next scrub, which
rewrites only the segments that held them; segments never grow past ``segment_docs``, so a scrub's cost
does not grow with the archive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import jobs
from archive.jobs import JobKind
from archive.search import IndexedStory
from archive.search.whoosh_index import SearchIndex
from tests.fixtures.recordings import run_queued_jobs


def story(n: int, word: str = "") -> IndexedStory:
    return IndexedStory(id=f"s{n:03d}", title=f"Story {n}", body=f"A long walk to the clinic {word}".strip())


def index_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.rglob("*") if p.is_file()).lower()


def segment_ids(index: SearchIndex) -> set[str]:
    return {segment.segment_id() for segment in index._index()._segments()}


@pytest.fixture
def index(tmp_path):
    idx = SearchIndex(tmp_path / "index", segment_docs=5)
    yield idx
    idx.close()


def test_a_rebuild_writes_segments_of_at_most_segment_docs(index):
    assert index.rebuild(story(n) for n in range(12)) == 12
    assert sorted(index.segment_sizes()) == [2, 5, 5]
    assert index.query("clinic").total == 12


def test_a_deletion_hides_at_once_and_a_scrub_rewrites_only_its_segment(index):
    index.rebuild([story(n, "zoptrail" if n == 7 else "") for n in range(12)])
    index.remove_many(["s007"], scrub=False)
    assert index.query("zoptrail").total == 0 and not index.contains("s007")
    assert index.has_deleted_documents()
    assert b"zoptrail" in index_bytes(index.path), "a plain delete leaves the words in the files"
    before = segment_ids(index)

    assert index.scrub() is True
    assert not index.has_deleted_documents()
    assert b"zoptrail" not in index_bytes(index.path)
    after = segment_ids(index)
    assert len(before & after) == 2 and len(after - before) == 1, "the other segments are left as they were"
    assert sorted(index.segment_sizes()) == [2, 5, 5], (
        "the same document numbers, the deleted one an empty place"
    )
    assert index.query("clinic").total == 11
    assert index.scrub() is False, "nothing left to rewrite"


def test_stories_added_one_at_a_time_fold_into_segments_within_the_cap(index):
    for n in range(23):
        index.add(story(n))
    assert max(index.segment_sizes()) <= 5
    assert len(index.segment_sizes()) < 23, "small segments are folded together"
    assert index.query("clinic").total == 23


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_IMMEDIATE": False}


def test_a_withdrawal_queues_the_scrub_and_a_worker_does_it(app):
    from archive.extensions import db

    idx = app.extensions["search_index"]
    with app.app_context():
        idx.add_many([story(1, "quimbrel"), story(2)])
        idx.remove_many(["s001"], scrub=False)  # as withdraw() leaves it
        jobs.send(JobKind.SCRUB_INDEX)  # what withdraw() sends
        assert b"quimbrel" in index_bytes(idx.path)
        assert run_queued_jobs() >= 1
        assert b"quimbrel" not in index_bytes(idx.path)
        assert idx.contains("s002") and not idx.has_deleted_documents()
        db.session.remove()
