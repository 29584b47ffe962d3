"""Run another checkout's bench script with its clock read as CPU time, for A/B runs on a busy machine.

``python bench/ab_cpu.py ROOT SCRIPT [ARGS ...]`` imports ``ROOT/bench/SCRIPT.py`` (with ROOT's code
first on the path; run it with ROOT's own virtual environment) and replaces the ``time`` the script
reads with one whose ``perf_counter`` is ``time.process_time``: this process's CPU seconds (user and
system, every thread), not the wall clock. Every figure the script prints as seconds or milliseconds is
then CPU time of this process, which other people's work on the machine moves far less than wall time.
Sleeps and waits count nothing, and work done by child processes (``reindex_all(procs=2)``, workers
started as processes) is not counted: use it for in-process work (``search``, ``withdraw``).

Used for the comparison of issue 13 (old and new code on the same machine, runs interleaved); see
bench/README.md.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
import types
from pathlib import Path


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    name = sys.argv[2]
    argv = sys.argv[3:]
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [str(root), str(root / "bench")] + [p for p in sys.path if p != here]
    module = importlib.import_module(name)
    clock = types.SimpleNamespace(**{k: getattr(time, k) for k in dir(time) if not k.startswith("__")})
    clock.perf_counter = time.process_time
    module.time = clock
    print(f"[ab_cpu] {root} bench/{name}.py {' '.join(argv)}: times below are CPU time of this process")
    print(f"[ab_cpu] load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    started = time.process_time()
    try:
        return module.main(argv)
    finally:
        print(
            f"[ab_cpu] CPU {time.process_time() - started:.1f} s in all; load average after: "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
