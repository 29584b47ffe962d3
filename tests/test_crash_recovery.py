"""kill -9 of a real ``story-archive serve`` at each step of an upload loses nothing and leaves nothing
half-made, and ``story-archive check`` finds (and ``--repair`` puts right) whatever a crash left.

Issue 15, item 3: a recording moved to its final name before the commit, staged ``.incoming-*`` files
and a scratch folder survived a crash for ever (and went into every backup). Now a file takes its key's
name only after its row is committed (``archive.storage.keep``), and the next start settles or removes
what a killed process left (``archive.integrity``).

Each case starts the real server on the test's instance with one function made to stop at a chosen
moment (``tests/fixtures/paused_serve.py``), sends the new-story form with a recording through HTTP,
waits until the server is exactly there, kills it with SIGKILL, starts it again (the check at start
runs), stops it, and runs ``story-archive check`` as its own process: it must report nothing left
over. Then every media row has its file and every file its row, and the story is either saved whole
or not at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from archive.extensions import db
from archive.models import KeptUpload, MediaFile, Story
from tests.conftest import PASSWORD, PG_URL, TOKEN_RE
from tests.fixtures.audio import fixture as audio_fixture
from tests.fixtures.live_serve import ROOT, WAIT_S, Server
from tests.fixtures.stories import story_form

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="the embedded defaults (SQLite) are what serve runs on")

# (what the server was doing when killed, the function that stops there)
STEPS = [
    ("probing the staged upload (scratch folder made)", "ingest.audio:_probe:before"),
    ("upload staged and probed", "ingest.recordings:probe:after"),
    ("recording kept for the form's next try", "ingest.kept_uploads:take:before"),
    ("file moved beside its key, rows not committed", "archive.storage.filesystem:FileStore.reserve:after"),
    ("rows committed, file not yet under its key", "archive.storage.filesystem:FileStore.settle:before"),
    ("file under its key, answer not sent", "archive.storage.filesystem:FileStore.settle:after"),
]


def _signed_in(url: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(url + "/login", timeout=30).text
    token = TOKEN_RE.search(page)
    answer = session.post(
        url + "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token.group(1) or token.group(2)},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text
    return session


def _send_upload(session: requests.Session, url: str, outcome: dict) -> None:
    page = session.get(url + "/ingest/new", timeout=30).text
    token = TOKEN_RE.search(page)
    data = story_form(title="A visit", text="", language="ko", modalities=["text", "audio"])
    data["csrf_token"] = token.group(1) or token.group(2)
    recording = audio_fixture("fever.wav").read_bytes()
    try:
        answer = session.post(
            url + "/ingest/new",
            data=data,
            files={"recording": ("fever.wav", recording, "audio/wav")},
            timeout=WAIT_S * 2,
        )
        outcome["status"] = answer.status_code
    except requests.ConnectionError:
        outcome["status"] = "killed"


def _run_cli(app, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "ARCHIVE_INSTANCE_PATH": app.instance_path,
        "ARCHIVE_MEDIA_ROOT": app.config["MEDIA_ROOT"],
        "ARCHIVE_SECRET_KEY": app.config["SECRET_KEY"],
    }
    env.pop("ARCHIVE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", "from archive.shell.cli import main; main()", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_S * 2,
    )


def _hidden_and_stored(media: Path) -> tuple[set[str], set[str]]:
    hidden, stored = set(), set()
    for area in ("originals", "derived"):
        folder = media / area
        if folder.is_dir():
            for entry in folder.iterdir():
                (hidden if entry.name.startswith(".") else stored).add(f"{area}/{entry.name}")
    return hidden, stored


def _state(app) -> tuple[int, set[str], set[str]]:
    with app.app_context():
        stories = len(db.session.scalars(select(Story.id)).all())
        rows = set(db.session.scalars(select(MediaFile.path)).all())
        kept = {
            p for row in db.session.execute(select(KeptUpload.path, KeptUpload.copy_path)) for p in row if p
        }
        db.session.remove()
    return stories, rows, kept


@pytest.mark.parametrize(("step", "pause_at"), STEPS, ids=[s for s, _ in STEPS])
def test_kill_9_at_each_step_of_an_upload_leaves_nothing_half_made(app, make_user, tmp_path, step, pause_at):
    email = make_user("facilitator")
    media = Path(app.config["MEDIA_ROOT"])
    server = Server(app, tmp_path, pause_at)
    outcome: dict = {}
    try:
        session = _signed_in(server.url, email)
        sender = threading.Thread(target=_send_upload, args=(session, server.url, outcome))
        sender.start()
        server.wait_paused()
    finally:
        server.kill()
    sender.join(WAIT_S)
    assert outcome.get("status") == "killed", outcome

    # The next start settles or removes what the killed process left; then a check finds nothing.
    output = Server(app, tmp_path).stop()
    checked = _run_cli(app, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr + output
    assert "Nothing left over." in checked.stdout

    stories, rows, kept = _state(app)
    hidden, stored = _hidden_and_stored(media)
    assert stored == rows, "every file under a key has its row, and every row its file"
    assert {str(media / h) for h in hidden} == kept, "only a recording kept for the form's next try waits"
    assert stories in (0, 1)
    if stories:
        assert len(rows) == 1, "a saved story has its recording"
    scratch = Path(app.instance_path) / "tmp"
    assert not scratch.exists() or not any(scratch.iterdir()), "no scratch folder is left"


def test_check_reports_and_repairs_what_an_older_crash_left(app, make_user, tmp_path, ingest):
    """Files without rows (a recording moved under its name before a commit that never came), a row
    whose file is gone, an abandoned staged upload and scratch folder: reported with exit status 1,
    then put right by --repair."""
    _, story_id, _, _ = ingest()
    media = Path(app.config["MEDIA_ROOT"])
    (media / "originals").mkdir(parents=True, exist_ok=True)
    (media / "originals" / "Z2hvc3Rmcm9tY3Jhc2g.wav").write_bytes(b"RIFF an orphan")
    (media / "originals" / ".incoming-abandoned").write_bytes(b"RIFF half an upload")
    scratch = Path(app.instance_path) / "tmp" / "archive-audio-left"
    scratch.mkdir(parents=True)
    (scratch / "input").symlink_to(media / "originals" / ".incoming-abandoned")
    with app.app_context():
        db.session.add(
            MediaFile(
                story_id=story_id,
                kind="original",
                path="originals/gone.wav",
                media_type="audio/wav",
                size_bytes=3,
            )
        )
        db.session.commit()
        db.session.remove()

    found = _run_cli(app, "check")
    assert found.returncode == 1, found.stdout + found.stderr
    for what in (
        "originals/Z2hvc3Rmcm9tY3Jhc2g.wav",
        "originals/gone.wav",
        ".incoming-abandoned",
        "archive-audio-left",
    ):
        assert what in found.stdout, found.stdout
    assert (media / "originals" / "Z2hvc3Rmcm9tY3Jhc2g.wav").exists(), (
        "a check without --repair changes nothing"
    )

    repaired = _run_cli(app, "check", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    again = _run_cli(app, "check")
    assert again.returncode == 0 and "Nothing left over." in again.stdout, again.stdout
    _, rows, _ = _state(app)
    assert "originals/gone.wav" not in rows
    assert not (media / "originals" / "Z2hvc3Rmcm9tY3Jhc2g.wav").exists()
    assert not scratch.exists()
