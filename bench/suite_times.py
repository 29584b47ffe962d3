"""Where the test suite's time goes: CPU and wall time of every test's set-up, call and tear-down.

As a pytest plugin it appends one JSON line per phase to ``$SUITE_TIMES`` (default
``suite-times.jsonl``), from every xdist worker::

    SUITE_TIMES=/tmp/sqlite.jsonl .venv/bin/python -m pytest -n 2 -p bench.suite_times

CPU time is the process's own (all threads) plus the children it has waited for (ffmpeg, servers,
chromium), so it barely moves with other work on the machine, unlike wall time; a PostgreSQL
server's CPU is not counted. Run as a script it prints the totals, the costliest modules and tests,
and each worker's busy CPU against its wall time::

    .venv/bin/python bench/suite_times.py /tmp/sqlite.jsonl

On two cores, a suite whose CPU is well under 2 x its wall time on a quiet machine is waiting part
of the time, and could share the machine with something else (the other database's suite).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

OUT = Path(os.environ.get("SUITE_TIMES", "suite-times.jsonl"))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _write(record: dict) -> None:
    record |= {"worker": os.environ.get("PYTEST_XDIST_WORKER"), "at": time.time(), "load": os.getloadavg()[0]}
    with OUT.open("a") as out:
        out.write(json.dumps(record) + "\n")


def _timed(phase: str):
    @pytest.hookimpl(hookwrapper=True)
    def hook(item, *args):
        wall, cpu = time.monotonic(), _cpu()
        yield
        _write({"id": item.nodeid, "phase": phase, "wall": time.monotonic() - wall, "cpu": _cpu() - cpu})

    return hook


pytest_runtest_setup = _timed("setup")
pytest_runtest_call = _timed("call")
pytest_runtest_teardown = _timed("teardown")


def pytest_sessionstart(session) -> None:
    _write({"phase": "start", "cpu": _cpu()})


def pytest_collection_finish(session) -> None:
    _write({"phase": "collected", "cpu": _cpu()})


def pytest_sessionfinish(session) -> None:
    _write({"phase": "finish", "cpu": _cpu()})


def summary(path: Path, top: int = 20) -> None:
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    tests = [r for r in records if "id" in r]
    loads = [r["load"] for r in records]
    print(f"{len({r['id'] for r in tests})} tests; load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"CPU in tests {sum(r['cpu'] for r in tests):.1f} s, wall {sum(r['wall'] for r in tests):.1f} s")
    for phase in ("setup", "call", "teardown"):
        print(f"  {phase:8} CPU {sum(r['cpu'] for r in tests if r['phase'] == phase):8.1f} s")
    workers = defaultdict(dict)
    for r in records:
        if "id" not in r:
            workers[r["worker"]][r["phase"]] = r
    for name, marks in sorted(workers.items(), key=lambda w: str(w[0])):
        if "start" in marks and "finish" in marks:
            wall = marks["finish"]["at"] - marks["start"]["at"]
            cpu = marks["finish"]["cpu"] - marks["start"]["cpu"]
            collected = marks.get("collected", marks["start"])["cpu"] - marks["start"]["cpu"]
            who = f"worker {name}" if name else "the run (its workers included)"
            print(f"{who}: CPU {cpu:.1f} s (collection {collected:.1f}) in {wall:.1f} s")
    modules: Counter = Counter()
    for r in tests:
        modules[r["id"].split("::")[0]] += r["cpu"]
    print(f"\nmodules by CPU (top {top})")
    for module, cpu in modules.most_common(top):
        print(f"  {cpu:8.1f} s  {module}")
    print(f"\ntest phases by CPU (top {top})")
    for r in sorted(tests, key=lambda r: -r["cpu"])[:top]:
        print(f"  {r['cpu']:8.1f} s CPU {r['wall']:8.1f} s wall  {r['phase']:8} {r['id']}")


if __name__ == "__main__":
    summary(Path(sys.argv[1]))
