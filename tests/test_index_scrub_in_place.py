"""The scrub's copy in place: a segment rewritten without its deleted stories holds exactly what a
fresh index of the stories left holds (every term's postings, stored fields and lengths), nothing of
the deleted ones (no term only they used, no posting, no stored field), and keeps its document numbers,
with the deleted ones as empty places. Checked on a segment large enough for posting lists of several
blocks (Whoosh writes 128 postings a block), with deletions on the blocks' edges."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from signal import SIGKILL

import pytest
from whoosh.reading import SegmentReader

from archive.search import IndexedStory
from archive.search.whoosh_index import SearchIndex
from archive.search.whoosh_index.segments import needs_scrub, scrubbed_docs

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

WORDS = "walk clinic nurse fever cough night morning doctor waiting room bed window".split()


def story(n: int) -> IndexedStory:
    # Every story has "clinic" (a posting list of several blocks); a word of its own; some words of
    # a few; and counts that differ, so weights and positions differ from story to story.
    body = " ".join(
        ["clinic"] * (1 + n % 3)
        + [WORDS[(n * 7 + k) % len(WORDS)] for k in range(n % 5 + 2)]
        + [f"zq{n:03d}word", "walk to the clinic"]
    )
    return IndexedStory(
        id=f"s{n:03d}",
        title=f"Story {n} {WORDS[n % len(WORDS)]}",
        body=body,
        tags=["pain"] if n % 4 == 0 else ["care", "night"],
        warnings=["death"] if n % 9 == 0 else [],
        language="en" if n % 2 else "fr",
    )


def index_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.rglob("*") if p.is_file()).lower()


def contents(index: SearchIndex) -> dict:
    """Everything the index holds about its live stories, by story id (document numbers differ)."""
    ix = index._index()
    held: dict = {"terms": {}, "stored": {}, "lengths": {}}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {n: reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            postings = []
            while matcher.is_active():
                postings.append((ids[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            if postings:
                held["terms"][(fieldname, text)] = sorted(postings)
        for n, story_id in ids.items():
            held["stored"][story_id] = reader.stored_fields(n)
            held["lengths"][story_id] = {f: reader.doc_field_length(n, f) for f in ix.schema.names()}
        held["doc_frequency"] = {t: reader.doc_frequency(*t) for t in held["terms"]}
        # Terms from a prefix on: read through the terms table's ordered index, not its hash tables.
        held["from"] = {p: list(reader.expand_prefix("body", p)) for p in ("c", "n", "zq1", "zq2")}
    return held


def raw_segments(index: SearchIndex):
    """Each segment's reader, deleted documents included (what a reader of the files would find)."""
    ix = index._index()
    return [(s, SegmentReader(ix.storage, ix.schema, s)) for s in ix._segments()]


SIZE = 300
GONE = [0, 127, 128, 129, 200, 255, 256, 299]  # block edges, the first and the last document


@pytest.fixture
def built(tmp_path):
    scrubbed = SearchIndex(tmp_path / "scrubbed", segment_docs=SIZE)
    scrubbed.rebuild(story(n) for n in range(SIZE))
    fresh = SearchIndex(tmp_path / "fresh", segment_docs=SIZE)
    fresh.rebuild(story(n) for n in range(SIZE) if n not in GONE)
    yield scrubbed, fresh
    scrubbed.close()
    fresh.close()


def test_a_scrubbed_segment_holds_what_a_fresh_index_of_the_stories_left_holds(built):
    scrubbed, fresh = built
    scrubbed.remove_many([f"s{n:03d}" for n in GONE], scrub=False)
    assert scrubbed.scrub() is True
    assert contents(scrubbed) == contents(fresh)
    assert scrubbed.segment_sizes() == [SIZE], "the same document numbers: the deleted ones stay as places"
    assert not scrubbed.has_deleted_documents() and scrubbed.scrub() is False


def test_nothing_of_a_deleted_story_is_left_in_its_segment(built):
    scrubbed, _fresh = built
    scrubbed.remove_many([f"s{n:03d}" for n in GONE], scrub=False)
    assert b"zq127word" in index_bytes(scrubbed.path)
    scrubbed.scrub()
    for n in GONE:
        assert f"zq{n:03d}word".encode() not in index_bytes(scrubbed.path)
    [(segment, reader)] = raw_segments(scrubbed)
    try:
        assert set(segment.deleted_docs()) == set(GONE) == scrubbed_docs(segment)
        assert not needs_scrub(segment)
        for docnum in GONE:
            assert reader.stored_fields(docnum) == {}
            assert not any(reader.doc_field_length(docnum, f) for f in reader.schema.names())
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text).child if reader.has_deletions() else None
            assert matcher is not None
            assert not set(matcher.all_ids()) & set(GONE), (fieldname, text)
            assert text.decode(errors="replace") not in {f"zq{n:03d}word" for n in GONE}
    finally:
        reader.close()


def test_searches_after_an_in_place_scrub_answer_as_on_a_fresh_index(built):
    scrubbed, fresh = built
    scrubbed.remove_many([f"s{n:03d}" for n in GONE], scrub=False)
    scrubbed.scrub()
    for text in ("clinic", '"walk to the clinic"', "fever OR nurse", "zq128word", "zq130word", ""):
        for tags in ((), ("pain",)):
            a, b = scrubbed.query(text, tags=tags, per_page=50), fresh.query(text, tags=tags, per_page=50)
            assert a.total == b.total and a.facets == b.facets, text
            assert sorted(h.id for h in a.hits) == sorted(h.id for h in b.hits), text
            assert [h.snippet for h in sorted(a.hits, key=lambda h: h.id)] == [
                h.snippet for h in sorted(b.hits, key=lambda h: h.id)
            ]


def test_later_deletions_in_a_scrubbed_segment_are_scrubbed_too(built):
    scrubbed, fresh = built
    scrubbed.remove_many(["s000", "s128"], scrub=False)
    scrubbed.scrub()
    scrubbed.remove_many([f"s{n:03d}" for n in GONE if n not in (0, 128)], scrub=False)
    assert scrubbed.has_deleted_documents(), "the new deletions still hold their words"
    assert scrubbed.scrub() is True
    assert contents(scrubbed) == contents(fresh)


def test_a_segment_half_empty_is_copied_without_its_places(tmp_path):
    index = SearchIndex(tmp_path / "index", segment_docs=10)
    index.rebuild(story(n) for n in range(10))
    index.remove_many([f"s{n:03d}" for n in range(4)], scrub=False)
    index.scrub()
    assert index.segment_sizes() == [10], "four places of ten: still in place"
    index.remove_many(["s004", "s005"], scrub=False)
    index.scrub()
    assert index.segment_sizes() == [4], "six of ten: copied the Whoosh way, without the places"
    assert not index.has_deleted_documents()
    assert index.query("clinic").total == 4
    index.close()


# Run in a child process: the scrub stops (and says so) halfway through writing the new segment's files.
SCRUB_THEN_WAIT = """
import sys, time
from pathlib import Path
from archive.search.whoosh_index import SearchIndex, segments

write_table = segments._write_terms_table

def halfway(table, records):
    write_table(table, records[: len(records) // 2])
    Path(sys.argv[2]).write_text("halfway")
    time.sleep(600)

segments._write_terms_table = halfway
SearchIndex(sys.argv[1], segment_docs=10**6).scrub()
"""


def test_kill_9_in_the_middle_of_a_scrub_leaves_a_usable_index(built, tmp_path):
    scrubbed, _fresh = built
    scrubbed.remove_many(["s127", "s128"], scrub=False)
    signal = tmp_path / "halfway"
    child = subprocess.Popen([sys.executable, "-c", SCRUB_THEN_WAIT, str(scrubbed.path), str(signal)])
    try:
        deadline = time.monotonic() + 120
        while not signal.exists():
            assert child.poll() is None, "the scrub ended before it was stopped"
            assert time.monotonic() < deadline, "the scrub never reached its half"
            time.sleep(0.05)
        child.send_signal(SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -SIGKILL

    reopened = SearchIndex(scrubbed.path, segment_docs=SIZE)
    assert reopened.query("clinic").total == SIZE - 2, "the index is as it was before the scrub"
    assert not reopened.contains("s127") and reopened.has_deleted_documents()
    assert reopened.scrub() is True, "the next scrub does it (the lock died with the process)"
    assert b"zq127word" not in index_bytes(scrubbed.path)
    assert reopened.query("clinic").total == SIZE - 2
    segment_files = [p.name for p in scrubbed.path.iterdir() if p.name.startswith("MAIN_")]
    assert len(segment_files) == 2 and {Path(n).suffix for n in segment_files} == {".seg", ""}, (
        "the half-written files went with the next commit: one segment file (and the lock) are left"
    )
    reopened.close()


def test_copying_an_index_keeps_it_scrubbed(built, tmp_path):
    scrubbed, _fresh = built
    scrubbed.remove_many(["s127"], scrub=False)
    scrubbed.scrub()
    shutil.copytree(scrubbed.path, tmp_path / "copy")
    copy = SearchIndex(tmp_path / "copy", segment_docs=SIZE)
    assert not copy.has_deleted_documents() and copy.query("clinic").total == SIZE - 1
    copy.close()
