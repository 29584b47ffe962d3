"""Several machines, as real processes: two web hosts (`serve`, each with its own instance folder and
no job workers of its own) and one `worker`, sharing PostgreSQL (search in it), Redis (the queue) and an
S3 bucket (moto's server). Both hosts start at once on a fresh database (the migrations' advisory lock).

A story published through host A is found through host B at once; its recording, stored by one host,
is heard by a reviewer on the other. A recording (a 9 s Korean WAV) sent through host B's new-story
form over HTTP is decoded and transcribed by the `worker` process with the real Korean model, and a
reviewer on host A reads its transcript and hears its listening copy from the bucket. Withdrawn
through B, both stories are gone from A's search, pages and audio in the same moment, with no search
row and no media object left.

Runs with the PostgreSQL suite (``make test-postgres``); needs Redis (``ARCHIVE_TEST_REDIS_URL``, db 9
of the local server by default) and moto. In CI a missing one fails the test instead of skipping it.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from huey.storage import PriorityRedisStorage
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from archive import create_app
from archive.auth import NewUser, create_user
from archive.crypto import format_code, new_consent_secret, new_id
from archive.extensions import db
from archive.jobs.queue import QUEUES
from archive.models import MediaFile, MediaKind, Story, StoryStatus, Transcript
from archive.storage import current_store, keep, media_row
from tests.conftest import PASSWORD, PG_URL
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import RECORDED, UNNAMED
from tests.fixtures.s3 import CREDENTIALS, bucket_keys, free_port
from tests.fixtures.stories import PENDING_ROW_RE, read_card, story_form, story_id_from, story_row
from tests.test_periodic_jobs import REDIS_URL, redis_workers

pytestmark = pytest.mark.skipif(not PG_URL, reason="several hosts share a PostgreSQL database")

START_WAIT_S = 120
# The worker decodes, keeps a listening copy and transcribes one 9 s recording with the Korean model,
# on a shared 2-core machine: generous, as it is only how long the test waits before giving up.
TRANSCRIBED_WAIT_S = 600
TOKEN_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
STORY = "The ferry to the health centre was late, and the waiting room was cold all morning."


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """A browser's cookies and forms against one host, over real HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def submit(self, path: str, data: dict, page: str) -> int:
        status, html = self.get(page)
        token = TOKEN_RE.search(html.decode())
        assert token, f"no CSRF token on {page} ({status})"
        body = urllib.parse.urlencode({**data, "csrf_token": token.group(1)}).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Referer", self.base + page)
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status
        except urllib.error.HTTPError as err:
            return err.code

    def send_files(self, path: str, fields: dict, files: dict[str, Path], page: str) -> tuple[int, str]:
        """Send a multipart form with ``files`` (field name: path) as a browser does; return the answer."""
        status, html = self.get(page)
        token = TOKEN_RE.search(html.decode())
        assert token, f"no CSRF token on {page} ({status})"
        boundary = secrets.token_hex(16)
        parts: list[bytes] = []
        for name, value in [*fields.items(), ("csrf_token", token.group(1))]:
            for one in value if isinstance(value, list) else [value]:
                head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                parts.append(head.encode() + str(one).encode() + b"\r\n")
        for name, file in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file.name}"'
                "\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            parts.append(head.encode() + file.read_bytes() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header("Referer", self.base + page)
        try:
            with self.opener.open(request, timeout=120) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    def sign_in(self, email: str) -> Browser:
        assert self.submit("/login", {"email": email, "password": PASSWORD}, "/login") == 302
        return self

    def found(self, query: str) -> set[str]:
        status, body = self.get(f"/api/v1/search?q={urllib.parse.quote(query)}")
        assert status == 200, body
        return {hit["id"] for hit in json.loads(body)["results"]}


@pytest.fixture
def shared(tmp_path, s3_settings):
    """A fresh PostgreSQL database, the archive's queue emptied and a bucket: what the hosts share."""
    # The archive's queue emptied (its keys only: other tests may use the same Redis db meanwhile).
    redis_workers("several-hosts")  # skips (or fails in CI) without Redis
    for queue in QUEUES.values():
        PriorityRedisStorage(name=queue.name, url=REDIS_URL).flush_all()
    url = make_url(PG_URL)
    name = f"{url.database}_hosts"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    settings = {
        "ARCHIVE_DATABASE_URL": url.set(database=name).render_as_string(hide_password=False),
        "ARCHIVE_QUEUE_URL": REDIS_URL,
        "ARCHIVE_SECRET_KEY": "the key every host shares",
        "ARCHIVE_MEDIA_STORE": "s3",
        "ARCHIVE_S3_BUCKET": s3_settings["S3_BUCKET"],
        "ARCHIVE_S3_ENDPOINT_URL": s3_settings["S3_ENDPOINT_URL"],
        "ARCHIVE_S3_REGION": "us-east-1",
        **CREDENTIALS,
    }
    yield settings
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def start(command: list[str], folder: Path, shared: dict, **extra: str) -> subprocess.Popen:
    """Start ``story-archive COMMAND`` as a host of its own: its own instance and media folders."""
    env = {
        **os.environ,
        **shared,
        "ARCHIVE_INSTANCE_PATH": str(folder / "instance"),
        "ARCHIVE_MEDIA_ROOT": str(folder / "media"),
        **extra,
    }
    folder.mkdir(exist_ok=True)
    with (folder / "log").open("wb") as log:  # the process keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-c", "from archive.shell.cli import main; main()", *command],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_until_serving(proc: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while True:
        try:
            with urllib.request.urlopen(base + "/login", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        assert proc.poll() is None, f"the host ended: {log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"the host did not start: {log.read_text()[-3000:]}"
        time.sleep(0.3)


def test_two_hosts_and_a_worker_share_one_library(tmp_path, shared):
    procs: list[subprocess.Popen] = []
    here = None
    folders = {name: tmp_path / name for name in ("a", "b", "worker")}
    for folder in folders.values():
        folder.mkdir()
    ports = {"a": free_port(), "b": free_port()}
    try:
        # Both web hosts start together on the fresh database: one migrates, the other waits.
        for name in ("a", "b"):
            command = ["serve", "--port", str(ports[name])]
            procs.append(start(command, folders[name], shared, ARCHIVE_SERVE_WORKERS="0"))
        bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for proc, name in zip(procs, ("a", "b"), strict=True):
            wait_until_serving(proc, bases[name], folders[name] / "log")
        procs.append(start(["worker"], folders["worker"], shared))

        # The test's own process is a third host: it adds the accounts and a story waiting for review.
        here = create_app(
            {
                "SECRET_KEY": shared["ARCHIVE_SECRET_KEY"],
                "DATABASE_URL": shared["ARCHIVE_DATABASE_URL"],
                "QUEUE_URL": REDIS_URL,
                "INSTANCE_PATH": str(tmp_path / "here"),
                "MEDIA_ROOT": str(tmp_path / "here-media"),
                "MEDIA_STORE": "s3",
                "S3_BUCKET": shared["ARCHIVE_S3_BUCKET"],
                "S3_ENDPOINT_URL": shared["ARCHIVE_S3_ENDPOINT_URL"],
                "S3_REGION": "us-east-1",
            }
        )
        with here.app_context():
            for role in ("reviewer", "educator", "facilitator"):
                create_user(NewUser(email=f"{role}@example.org", role=role, password=PASSWORD))
            # Rows, not the ingest service: a recorded story whose listening copy is the stand-in below.
            secret = new_consent_secret()
            story = story_row(
                STORY,
                title="The late ferry",
                kind="audio",
                status=StoryStatus.NEEDS_REVIEW,
                modalities=("text", "audio"),
                secret=secret,
            )
            db.session.commit()
            story_id, code = story.id, format_code(story.consent.code)
            # The recording, as the worker keeps a listening copy: into the shared bucket.
            recording = current_store().staging_path("derived")
            recording.write_bytes(b"OggS the listening copy")
            key = f"derived/{new_id()}.ogg"
            keep([(recording, media_row(story_id, MediaKind.LISTENING, key, recording, "audio/ogg"))])
            db.session.remove()
        assert [k for k in bucket_keys(shared_settings(shared)) if k == key] == [key]

        # Published through host A ...
        reviewer_a = Browser(bases["a"]).sign_in("reviewer@example.org")
        page = f"/review/{story_id}"
        status, html = reviewer_a.get(page)
        assert status == 200
        waiting = PENDING_ROW_RE.findall(html.decode())
        if waiting:
            decisions = {f"span-{span}": "accepted" for span in waiting}
            assert reviewer_a.submit(f"{page}/decisions", decisions, page) == 302
        assert reviewer_a.submit(f"{page}/publish", {}, page) == 302
        # ... found through host B at once, and heard by a reviewer on B from the shared store.
        educator_b = Browser(bases["b"]).sign_in("educator@example.org")
        assert educator_b.found("ferry") == {story_id}
        reviewer_b = Browser(bases["b"]).sign_in("reviewer@example.org")
        assert reviewer_b.get(f"{page}/listen") == (200, b"OggS the listening copy")
        educator_a = Browser(bases["a"]).sign_in("educator@example.org")
        assert educator_a.get(f"/stories/{story_id}")[0] == 200

        # A recording brought in through host B's new-story form, as a phone sends it ...
        facilitator_b = Browser(bases["b"]).sign_in("facilitator@example.org")
        form = story_form(**{**RECORDED, **UNNAMED})
        status, html = facilitator_b.send_files(
            "/ingest/new", form, {"recording": fixture("clinic_visit.wav")}, "/ingest/new"
        )
        assert status == 201, html[-3000:]
        recorded_id, (recorded_code, recorded_secret) = story_id_from(html), read_card(html)
        # ... transcribed by the worker process (neither host runs jobs) with the Korean model ...
        assert transcribed(here, recorded_id, folders) == StoryStatus.NEEDS_REVIEW
        with here.app_context():
            transcript = db.session.get(Transcript, recorded_id)
            assert transcript is not None and transcript.words, "the worker heard no words"
            assert "ko" in (transcript.model or ""), transcript.model
            words = [row[0] for row in transcript.words]
            kept = {row.path for row in db.session.scalars(select(MediaFile).filter_by(story_id=recorded_id))}
            db.session.remove()
        # The original and the listening copy are objects in the bucket, nothing on a host's disk.
        assert kept and kept <= set(bucket_keys(shared_settings(shared)))
        for name in ("a", "b", "worker"):
            assert not [p for p in (folders[name] / "media").rglob("*") if p.is_file()], name
        # ... read and heard by a reviewer on host A, the recording from the shared bucket.
        status, html = reviewer_a.get(f"/review/{recorded_id}")
        assert status == 200
        assert all(word in html.decode() for word in words), "the transcript is not on A's review page"
        status, audio = reviewer_a.get(f"/review/{recorded_id}/listen")
        assert status == 200 and audio.startswith(b"OggS") and len(audio) > 10_000

        # Withdrawn by their storytellers through host B ...
        patient_b = Browser(bases["b"])
        assert patient_b.submit("/consent/", {"code": code, "secret": secret}, "/consent/") == 302
        assert patient_b.submit("/consent/withdraw", {}, "/consent/withdraw") == 302
        speaker_b = Browser(bases["b"])
        signed = {"code": recorded_code, "secret": recorded_secret}
        assert speaker_b.submit("/consent/", signed, "/consent/") == 302
        assert speaker_b.submit("/consent/withdraw", {}, "/consent/withdraw") == 302
        # ... gone from host A in the same moment: search, page, audio, and everything shared.
        assert educator_a.found("ferry") == set()
        assert educator_a.get(f"/stories/{story_id}")[0] == 404
        assert educator_a.get(f"/stories/{story_id}/audio")[0] == 404
        assert reviewer_a.get(f"{page}/listen")[0] == 404
        assert reviewer_a.get(f"/review/{recorded_id}")[0] == 404
        assert reviewer_a.get(f"/review/{recorded_id}/listen")[0] == 404
        engine = create_engine(shared["ARCHIVE_DATABASE_URL"])
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT count(*) FROM story_search")).scalar()
            media = conn.execute(text("SELECT count(*) FROM media_files")).scalar()
        engine.dispose()
        assert (rows, media) == (0, 0)
        assert bucket_keys(shared_settings(shared)) == []
        for proc in procs:
            assert proc.poll() is None, "every host still runs"
    finally:
        if here is not None:
            with here.app_context():
                db.engine.dispose()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def transcribed(here, story_id: str, folders: dict[str, Path]) -> StoryStatus:
    """Wait for the worker to finish with a story's recording; return the story's status then."""
    deadline = time.monotonic() + TRANSCRIBED_WAIT_S
    while True:
        with here.app_context():
            status = db.session.get(Story, story_id).status
            db.session.remove()
        if status not in (StoryStatus.PROCESSING, StoryStatus.DRAFT):
            return status
        assert time.monotonic() < deadline, (
            f"not transcribed: {(folders['worker'] / 'log').read_text()[-3000:]}"
        )
        time.sleep(1)


def shared_settings(shared: dict) -> dict:
    return {"S3_BUCKET": shared["ARCHIVE_S3_BUCKET"], "S3_ENDPOINT_URL": shared["ARCHIVE_S3_ENDPOINT_URL"]}


def test_a_host_on_postgresql_refuses_a_key_of_its_own(tmp_path, shared):
    env = {k: v for k, v in shared.items() if k != "ARCHIVE_SECRET_KEY"}
    folder = tmp_path / "keyless"
    folder.mkdir()
    proc = start(["init"], folder, env)
    assert proc.wait(timeout=START_WAIT_S) != 0
    output = (folder / "log").read_text()
    assert "SECRET_KEY is not set" in output and "ARCHIVE_SECRET_KEY" in output
    assert not (folder / "instance" / "secret_key").exists()
