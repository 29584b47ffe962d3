"""Scrub benchmark: the rewrite of one index segment after a withdrawal, timed and profiled.

Builds (once, under ``bench/.data/scrub-<docs>``) a Whoosh index of one segment of ``--docs`` stories
from bench/search.py's generator, then, ``--rounds`` times: copies it, deletes one story and runs the
scrub (``SearchIndex.scrub``) on the copy, reporting wall and CPU time (the process's own, so other
work on the machine moves it less). With ``--profile FILE`` the last round runs under cProfile and the
top functions are printed.

With ``--compare`` each round also times Whoosh's own copy (``add_reader``, the scrub before the copy
in place) on the same deletion. PASS when the copy in place takes under ``TARGET_CPU_S`` of CPU.

Usage: ``python bench/scrub.py [--docs 1000] [--rounds 3] [--compare] [--profile out.prof]``
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import search as corpus  # noqa: E402  bench/search.py: the generator

from archive.search.backend import IndexedStory  # noqa: E402
from archive.search.whoosh_index import SearchIndex, segments  # noqa: E402

DATA = ROOT / "bench" / ".data"
# The scrub's share of the 10 s from a withdrawal's request to its words gone from the index files
# (issue 15), beside the POST (~1-2 s) and the wait for the upkeep worker (under 1 s).
TARGET_CPU_S = 3.0


def build(docs: int) -> tuple[Path, list[str]]:
    folder = DATA / f"scrub-{docs}"
    ids_file = folder / "ids.txt"
    if ids_file.exists():
        return folder / "index", ids_file.read_text().split()
    shutil.rmtree(folder, ignore_errors=True)
    vocab = corpus.build_vocabulary()
    stories = [corpus.generate_story(vocab, n) for n in range(docs)]
    index = SearchIndex(folder / "index", segment_docs=docs)
    t0 = time.perf_counter()
    index.rebuild(
        IndexedStory(
            id=s.id,
            title=s.title,
            body=s.text,
            tags=s.topics,
            warnings=[s.warning] if s.warning else [],
            language=s.language,
            published=s.published_at,
        )
        for s in stories
    )
    index.close()
    print(f"built {docs} stories in one segment in {time.perf_counter() - t0:.1f} s", flush=True)
    ids_file.write_text("\n".join(s.id for s in stories))
    return folder / "index", [s.id for s in stories]


def whoosh_copy(index_, writer, segment):
    """The scrub as it was before the copy in place: Whoosh's ``add_reader`` into a new segment."""
    return segments._rewrite_alone(index_, writer, segment)


def one_round(
    source: Path, story_id: str, profile: Path | None = None, way: str = "in place"
) -> tuple[float, float]:
    segments_scrub = segments.scrub_segment
    if way == "whoosh":
        segments.scrub_segment = whoosh_copy
    try:
        return _one_round(source, story_id, profile)
    finally:
        segments.scrub_segment = segments_scrub


def _one_round(source: Path, story_id: str, profile: Path | None = None) -> tuple[float, float]:
    work = source.parent / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    index = SearchIndex(work, segment_docs=10**9)
    index.remove_many([story_id], scrub=False)
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    assert index.scrub()
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert not index.has_deleted_documents()
    index.close()
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="stories in the segment (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="scrubs to time (default 3)")
    parser.add_argument("--profile", type=Path, help="profile the last round into this file")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="alternate with Whoosh's own copy (the scrub before the copy in place)",
    )
    args = parser.parse_args(argv)
    source, ids = build(args.docs)
    rng = random.Random(7)
    ways = ["in place", "whoosh"] if args.compare else ["in place"]
    walls: dict[str, list[float]] = {way: [] for way in ways}
    cpus: dict[str, list[float]] = {way: [] for way in ways}
    for n in range(args.rounds):
        last = n == args.rounds - 1
        story_id = rng.choice(ids)
        for way in ways:
            wall, cpu = one_round(source, story_id, args.profile if last and way == "in place" else None, way)
            walls[way].append(wall)
            cpus[way].append(cpu)
            load = os.getloadavg()
            print(
                f"  {way}: scrub of a {args.docs}-story segment: {wall:.2f} s wall, {cpu:.2f} s CPU "
                f"(load {load[0]:.2f})",
                flush=True,
            )
    for way in ways:
        print(
            f"{way}: scrub of one {args.docs}-story segment: wall p50 {statistics.median(walls[way]):.2f} s, "
            f"CPU p50 {statistics.median(cpus[way]):.2f} s over {len(walls[way])} rounds"
        )
    cpu = statistics.median(cpus["in place"])
    ok = cpu < TARGET_CPU_S
    print(f"{'PASS' if ok else 'MISS'}: CPU p50 {cpu:.2f} s against a budget of {TARGET_CPU_S:.1f} s")
    if args.profile:
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(25)
        pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
