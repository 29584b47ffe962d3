"""A backup restores into a fresh instance, on another machine's keys, and everything works there:
review (known identifiers decrypted), publish, search, the story page, withdrawal by the storyteller.

Issue 15, item 7: ``backup`` left out the instance's secret key, from which the key for known
identifiers is derived, so on a fresh machine review and publish answered 500; there was no restore.
The keys now go into the backup sealed with a passphrase (``keys.sealed``), and ``restore`` puts a
backup into a new instance.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import create_app
from archive.database import init_database
from archive.extensions import db
from archive.models import KnownIdentifier
from archive.restore import KEYS_FILE
from ingest.redaction import cipher
from tests.conftest import PASSWORD, PG_URL, BrowserClient
from tests.fixtures.stories import consent_copy_id, said_aloud, sign_in_patient

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="backup and restore copy the embedded SQLite database")

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    return path


def fresh_app(base):
    """A new instance as a new machine has it: its own generated secret key, no stories."""
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(base / "instance"),
            "MEDIA_ROOT": str(base / "media"),
            "JOBS_IMMEDIATE": True,
        }
    )
    app.test_client_class = BrowserClient
    with app.app_context():
        init_database()
        db.session.remove()
    return app


def sign_in(app, email: str) -> BrowserClient:
    client = app.test_client()
    response = client.submit("/login", {"email": email, "password": PASSWORD}, page="/login")
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def test_backup_restore_on_a_fresh_instance_then_review_publish_search_withdraw(
    app, runner, tmp_path, passphrase_file, ingest, publish, login_as
):
    _, published_id, _, _ = ingest(title="Published before the backup")
    publish(published_id)
    # Consent said aloud: its recording and tag-free copy are media the backup must hold too.
    _, waiting_id, code, secret = ingest(title="Waiting for review at the backup", **said_aloud())
    reviewer_email = login_as("reviewer").email
    educator_email = login_as("educator").email
    admin_email = login_as("admin").email

    dest = tmp_path / "backup"
    made = runner.invoke(args=["backup", str(dest), "--passphrase-file", str(passphrase_file)])
    assert made.exit_code == 0, made.output
    sealed = (dest / KEYS_FILE).read_text()
    assert app.config["SECRET_KEY"] not in sealed, "the keys are sealed, not copied"
    assert json.loads(sealed)["kdf"]["name"] == "scrypt"

    new_machine = tmp_path / "new-machine"
    empty = fresh_app(new_machine)
    assert empty.config["SECRET_KEY"] != app.config["SECRET_KEY"]
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    refused = empty.test_cli_runner().invoke(args=["restore", str(dest), "--passphrase-file", str(wrong)])
    assert refused.exit_code != 0 and "passphrase does not open" in refused.output
    done = empty.test_cli_runner().invoke(
        args=["restore", str(dest), "--passphrase-file", str(passphrase_file)]
    )
    assert done.exit_code == 0, done.output
    assert "Restored database, search index, media, keys" in done.output

    restored = fresh_app(new_machine)  # the site started again, on the restored keys
    assert restored.config["IDENTIFIER_KEY"] == app.config["IDENTIFIER_KEY"]
    with restored.app_context():
        token = db.session.scalars(
            select(KnownIdentifier.value_encrypted).where(KnownIdentifier.story_id == waiting_id)
        ).first()
        assert cipher().decrypt(token)
        db.session.remove()

    reviewer = sign_in(restored, reviewer_email)
    assert reviewer.get(f"/review/{waiting_id}").status_code == 200
    publish(waiting_id, reviewer=reviewer)

    educator = sign_in(restored, educator_email)
    for story_id, title in (
        (published_id, "Published before the backup"),
        (waiting_id, "Waiting for review"),
    ):
        found = educator.get("/api/v1/search", query_string={"q": f'"{title}"'}).get_json()
        assert story_id in [hit["id"] for hit in found["results"]], title
        assert educator.get(f"/stories/{story_id}").status_code == 200

    patient = restored.test_client()
    sign_in_patient(patient, code, secret)
    assert patient.get("/consent/").status_code == 200
    with sign_in(restored, admin_email).get(
        f"/admin/consent-recordings/{consent_copy_id(restored, waiting_id)}"
    ) as heard:
        assert heard.status_code == 200 and heard.get_data(), "the consent recording came back with media"
    assert patient.submit("/consent/withdraw", {}, page="/consent/withdraw").status_code == 302
    assert educator.get(f"/stories/{waiting_id}").status_code == 404
    found = educator.get("/api/v1/search", query_string={"q": '"Waiting for review"'}).get_json()
    assert waiting_id not in [hit["id"] for hit in found["results"]]
    with restored.app_context():
        db.session.remove()
        db.engine.dispose()
        restored.extensions["search_index"].close()


def test_restore_refuses_an_instance_that_holds_stories(app, runner, tmp_path, passphrase_file, ingest):
    ingest()
    dest = tmp_path / "backup"
    assert runner.invoke(args=["backup", str(dest), "--passphrase-file", str(passphrase_file)]).exit_code == 0
    again = runner.invoke(args=["restore", str(dest), "--passphrase-file", str(passphrase_file)])
    assert again.exit_code != 0 and "holds 1 stories already" in again.output


def test_a_backup_without_keys_says_so_loudly(app, runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "b"), "--without-keys"])
    assert result.exit_code == 0, result.output
    assert "WARNING: the keys were left out" in result.output
    assert not (tmp_path / "b" / KEYS_FILE).exists()


def test_a_backup_needs_a_passphrase_and_files_only_exists(app, runner, tmp_path, passphrase_file):
    no_terminal = runner.invoke(args=["backup", str(tmp_path / "a")])
    assert no_terminal.exit_code != 0 and "--passphrase-file" in no_terminal.output
    files = runner.invoke(
        args=["backup", str(tmp_path / "c"), "--files-only", "--passphrase-file", str(passphrase_file)]
    )
    assert files.exit_code == 0, files.output
    assert not (tmp_path / "c" / "archive.db").exists() and (tmp_path / "c" / "index").is_dir()


def test_a_backup_leaves_out_staged_uploads_and_work_folders(app, runner, tmp_path, passphrase_file):
    media = Path(app.config["MEDIA_ROOT"])
    (media / "originals").mkdir(parents=True, exist_ok=True)
    (media / "originals" / ".incoming-half-an-upload").write_bytes(b"RIFF")
    (media / "derived" / ".work-job-claim").mkdir(parents=True)
    (media / "originals" / "kept.wav").write_bytes(b"RIFF kept")
    dest = tmp_path / "backup"
    assert runner.invoke(args=["backup", str(dest), "--passphrase-file", str(passphrase_file)]).exit_code == 0
    assert (dest / "media" / "originals" / "kept.wav").exists()
    assert not (dest / "media" / "originals" / ".incoming-half-an-upload").exists()
    assert not (dest / "media" / "derived" / ".work-job-claim").exists()
