"""The word lists detection reads are built once per machine and kept in the lexicon cache folder; two
processes that start together with no cache build them once, the second reading the first's copy."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from ingest.identifiers.lexicon import cached

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def _build_and_count(marker: Path) -> dict:
    with marker.open("a") as f:
        f.write("built\n")
    time.sleep(0.5)  # a build takes a while: long enough for the other process to arrive meanwhile
    return {"words": ["jambo", "habari"]}


def _load(path: str, marker: str, results) -> None:
    results.put(cached(Path(path), dict, lambda: _build_and_count(Path(marker))))


def test_two_processes_build_a_word_list_once(tmp_path):
    path, marker = tmp_path / "words-test.pickle", tmp_path / "builds.txt"
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_load, args=(str(path), str(marker), results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert got == [{"words": ["jambo", "habari"]}] * 2
    assert marker.read_text().splitlines() == ["built"], "built by one process only"
    assert cached(path, dict, lambda: {"built": "again"}) == {"words": ["jambo", "habari"]}


def test_a_cache_folder_that_cannot_be_written_still_gives_the_list(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached(blocked / "words.pickle", dict, lambda: {"a": 1}) == {"a": 1}
