"""Load benchmark: simulated educators and an uploading facilitator against a real ``serve`` on loopback.

A fresh instance under ``bench/.data/load-<size>`` (git-ignored; ``--reuse`` keeps it) holds ``--size``
published stories (bench/search.py's seeded generator, ~800 words each) and ``--users`` educator
accounts (real Argon2 hashes: signing in costs what it costs). ``story-archive serve`` runs as its own
process with its embedded job workers. Then, for ``--seconds``:

- each educator (a thread with its own session) signs in, then repeats, after a think time of
  ``--think`` seconds on average: 70% a search with facets (one or two words, often with a topic or a
  language), 20% a story page, 5% browsing the library, 5% signing in again;
- one facilitator sends the new-story form with a recording (the fixtures' Korean speech) every 10 s,
  which the server's worker transcribes with Vosk meanwhile.

It prints, per kind of request, how many, how many failed (an answer other than the expected one, or
no answer), and p50/p95/p99 latency; the total per second; and the machine's load average before and
after (the clients run on the same machine). Target: 0 errors.

Usage: ``python bench/load.py [--size 2000] [--users 50] [--seconds 180] [--think 1.0] [--reuse]``
(``make bench-load``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import search as corpus  # noqa: E402  bench/search.py: the generator and loader
from sqlalchemy import select  # noqa: E402

from archive.auth import NewUser, create_user  # noqa: E402
from archive.database import init_database  # noqa: E402
from archive.extensions import db  # noqa: E402
from archive.models import Story, User  # noqa: E402
from archive.search import reindex_all  # noqa: E402
from tests.fixtures.stories import story_form  # noqa: E402

DATA = ROOT / "bench" / ".data"
PASSWORD = "bench load password"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
MIX = (("search", 70), ("story", 20), ("browse", 5), ("sign-in", 5))
TOPICS = ("diagnosis", "stigma", "family", "treatment", "access-to-care")
UPLOAD_EVERY_S = 10.0
RECORDING = ROOT / "tests" / "fixtures" / "audio" / "fever.wav"


def prepare(size: int, users: int, reuse: bool) -> tuple[Path, object]:
    base = DATA / f"load-{size}"
    marker = base / "built"
    if not (reuse and marker.exists()):
        shutil.rmtree(base, ignore_errors=True)
        app = corpus.make_app(base)
        with app.app_context():
            init_database()
        print(f"loading {size} stories ...", flush=True)
        corpus.load_stories(app, corpus.build_vocabulary(), size, 800)
        with app.app_context():
            reindex_all()
            db.session.remove()
        marker.write_text("ok")
    else:
        print(f"reusing {base}")
    app = corpus.make_app(base)
    with app.app_context():
        init_database()  # migrations added since it was built
        have = set(db.session.scalars(select(User.email)))
        for n in range(users):
            email = f"load-educator{n}@example.org"
            if email not in have:
                create_user(NewUser(email=email, role="educator", password=PASSWORD))
        # A new facilitator each run, so the daily upload quota of earlier runs does not count.
        facilitator = f"load-facilitator-{int(time.time())}@example.org"
        create_user(NewUser(email=facilitator, role="facilitator", password=PASSWORD))
        app.config["BENCH_FACILITATOR"] = facilitator
        db.session.remove()
    return base, app


def story_ids(app) -> list[str]:
    with app.app_context():
        ids = list(db.session.scalars(select(Story.id).where(Story.status == "published")))
        db.session.remove()
    return ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(base: Path, port: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "ARCHIVE_INSTANCE_PATH": str(base / "instance"),
        "ARCHIVE_MEDIA_ROOT": str(base / "media"),
        "ARCHIVE_SECRET_KEY": "bench-secret-key",
        "ARCHIVE_INDEX_WRITER_TIMEOUT": "60",
    }
    env.pop("ARCHIVE_DATABASE_URL", None)
    log = (base / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-c", "from archive.shell.cli import main; main()", "serve", "--port", str(port)]
        + ["--threads", str(threads)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + 120
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=5)
            return server
        except requests.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start; see {base / 'serve.log'}") from None
            time.sleep(0.5)


class Recorder:
    """Latencies and failures per kind of request, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: dict[str, str] = {}

    def timed(self, kind: str, call, expected=(200,)):
        t0 = time.perf_counter()
        try:
            response = call()
            ok = response.status_code in expected
            why = f"status {response.status_code}"
        except requests.RequestException as err:
            response, ok, why = None, False, type(err).__name__
        elapsed = time.perf_counter() - t0
        with self.lock:
            self.times[kind].append(elapsed)
            if not ok:
                self.errors[kind] += 1
                self.examples.setdefault(kind, why)
        return response


def token(html: str) -> str:
    match = TOKEN_RE.search(html)
    return (match.group(1) or match.group(2)) if match else ""


def sign_in(session: requests.Session, url: str, email: str, rec: Recorder) -> None:
    page = rec.timed("sign-in", lambda: session.get(url + "/login", timeout=60))
    data = {"email": email, "password": PASSWORD, "csrf_token": token(page.text if page is not None else "")}
    rec.timed(
        "sign-in",
        lambda: session.post(url + "/login", data=data, allow_redirects=False, timeout=60),
        expected=(302,),
    )


def educator(n: int, url: str, ids: list[str], words: list[str], stop: float, think: float, rec: Recorder):
    rng = random.Random(n)
    session = requests.Session()
    email = f"load-educator{n}@example.org"
    sign_in(session, url, email, rec)
    kinds, weights = zip(*MIX, strict=True)
    while time.monotonic() < stop:
        time.sleep(rng.expovariate(1 / think) if think else 0)
        kind = rng.choices(kinds, weights)[0]
        if kind == "search":
            params = {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}
            if rng.random() < 0.5:
                params["tag"] = rng.choice(TOPICS)
            if rng.random() < 0.2:
                params["lang"] = "en"
            rec.timed("search", lambda p=params, s=session: s.get(url + "/library", params=p, timeout=60))
        elif kind == "story":
            story = rng.choice(ids)
            rec.timed(
                "story",
                lambda i=story, s=session: s.get(f"{url}/stories/{i}", params={"warned": "1"}, timeout=60),
            )
        elif kind == "browse":
            page = rng.randint(1, 5)
            rec.timed(
                "browse", lambda p=page, s=session: s.get(url + "/library", params={"page": p}, timeout=60)
            )
        else:
            session = requests.Session()
            sign_in(session, url, email, rec)


def facilitator(url: str, email: str, stop: float, rec: Recorder) -> None:
    session = requests.Session()
    sign_in(session, url, email, rec)
    recording = RECORDING.read_bytes()
    next_at = time.monotonic()
    while next_at < stop:
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += UPLOAD_EVERY_S
        page = session.get(url + "/ingest/new", timeout=60).text
        data = story_form(title="A load test recording", text="", language="ko", modalities=["text", "audio"])
        data["csrf_token"] = token(page)
        rec.timed(
            "upload",
            lambda d=data: session.post(
                url + "/ingest/new",
                data=d,
                files={"recording": ("fever.wav", recording, "audio/wav")},
                timeout=120,
            ),
            expected=(201,),
        )


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="published stories (default 2000)")
    parser.add_argument("--users", type=int, default=50, help="simulated educators (default 50)")
    parser.add_argument("--seconds", type=float, default=180, help="how long the load runs (default 180)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between requests, s")
    parser.add_argument("--threads", type=int, default=8, help="serve's request threads (default 8)")
    parser.add_argument("--reuse", action="store_true", help="reuse bench/.data/load-<size> if built")
    args = parser.parse_args(argv)

    base, app = prepare(args.size, args.users, args.reuse)
    ids = story_ids(app)
    words = corpus.build_vocabulary().mid
    port = free_port()
    server = start_server(base, port, args.threads)
    url = f"http://127.0.0.1:{port}"
    rec = Recorder()
    before = os.getloadavg()
    print(
        f"{len(ids)} published stories; {args.users} educators (think {args.think} s), one facilitator "
        f"uploading every {UPLOAD_EVERY_S:.0f} s; {args.seconds:.0f} s against serve on {url}",
        flush=True,
    )
    try:
        start = time.monotonic()
        stop = start + args.seconds
        threads = [
            threading.Thread(target=educator, args=(n, url, ids, words, stop, args.think, rec), daemon=True)
            for n in range(args.users)
        ]
        threads.append(
            threading.Thread(target=facilitator, args=(url, app.config["BENCH_FACILITATOR"], stop, rec))
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 180)
        elapsed = time.monotonic() - start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(120)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    after = os.getloadavg()
    total = sum(len(t) for t in rec.times.values())
    errors = sum(rec.errors.values())
    print(
        f"load average before: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}; after: "
        f"{after[0]:.2f} {after[1]:.2f} {after[2]:.2f} ({os.cpu_count()} cpus, clients on the same machine)"
    )
    print(f"{'kind':<8} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in ("search", "story", "browse", "sign-in", "upload"):
        times = rec.times.get(kind, [])
        if not times:
            continue
        print(
            f"{kind:<8} {len(times):>8} {rec.errors.get(kind, 0):>6} {statistics.median(times) * 1000:>8.0f} "
            f"{pct(times, 95) * 1000:>8.0f} {pct(times, 99) * 1000:>8.0f}"
        )
    print(f"total: {total} requests in {elapsed:.0f} s, {total / elapsed:.1f} per second, {errors} errors")
    for kind, why in rec.examples.items():
        print(f"  first failure of {kind}: {why}")
    print(f"{'PASS' if errors == 0 else 'MISS'}: {errors} errors against a target of 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
