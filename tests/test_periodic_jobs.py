"""A periodic job runs once each time across all workers, on Redis (workers on several machines) and on
the embedded SQLite queue: the first worker to claim the minute runs it, the others skip it."""

from __future__ import annotations

import os

import pytest
from huey.storage import RedisStorage, SqliteStorage

from archive.jobs import JobKind
from archive.jobs.queue import claim_period

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

REDIS_URL = os.environ.get("ARCHIVE_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def redis_workers(name: str) -> list[RedisStorage]:
    workers = [RedisStorage(name=name, url=REDIS_URL) for _ in range(3)]  # one connection each
    try:
        workers[0].conn.ping()
    except Exception as err:  # no Redis here: say so, and fail in CI where it must run
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is unreachable: {err}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    return workers


@pytest.fixture(params=["redis", "sqlite"])
def workers(request, tmp_path):
    """Three workers' views of one queue storage."""
    if request.param == "sqlite":
        yield [SqliteStorage(name="periodic-test", filename=str(tmp_path / "jobs.db")) for _ in range(3)]
        return
    name = f"periodic-test-{os.getpid()}"
    storages = redis_workers(name)
    yield storages
    storages[0].flush_results()


def test_each_minute_runs_on_one_worker_only(workers):
    minute = 29_000_000 * 60.0
    for step in range(3):
        now = minute + step * 15 * 60 + 0.5  # quarter-hourly, as the expiry job
        ran = [claim_period(w, JobKind.EXPIRE_CONSENTS, now) for w in workers]
        assert ran.count(True) == 1, ran
        assert not claim_period(workers[0], JobKind.EXPIRE_CONSENTS, now + 30)  # later in that minute


def test_the_storage_keeps_one_key_per_kind(workers):
    minute = 29_100_000 * 60.0
    for step in range(5):
        claim_period(workers[step % 3], JobKind.EXPIRE_CONSENTS, minute + step * 900)
    keys = [k for k in workers[0].result_items() if str(k).startswith("periodic:")]
    assert sorted(keys) == ["periodic:expire_consents:29100060", "periodic:expire_consents:last"]
