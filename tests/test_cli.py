"""The command-line contract: init, create-user, demo, reindex, backup."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import Story, StoryStatus, User
from archive.search.whoosh_index import SearchIndex
from archive.shell.demo import DEMO_ACCOUNTS, demo_stories


def test_init_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["init"])
        assert result.exit_code == 0, result.output
        assert "ready" in result.output


@pytest.mark.real_hashing
def test_create_user_reads_password_from_environment(app, runner, monkeypatch):
    monkeypatch.setenv("STORY_ARCHIVE_PASSWORD", "a long enough password")
    result = runner.invoke(args=["create-user", "Nurse@Example.org", "--role", "educator"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nurse@example.org"))
        assert user.role == "educator"
        assert "a long enough password" not in user.password_hash


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["x@example.org", "--role", "chief"], "a long enough password", "Invalid value for '--role'"),
        (["x@example.org", "--role", "educator"], "short", "at least 10 characters"),
        (["not-an-email", "--role", "educator"], "a long enough password", "valid e-mail"),
    ],
    ids=["unknown-role", "short-password", "bad-email"],
)
def test_create_user_refuses_bad_input(app, runner, monkeypatch, args, password, message):
    monkeypatch.setenv("STORY_ARCHIVE_PASSWORD", password)
    result = runner.invoke(args=["create-user", *args])
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_create_user_refuses_duplicate(app, runner, monkeypatch):
    monkeypatch.setenv("STORY_ARCHIVE_PASSWORD", "a long enough password")
    assert runner.invoke(args=["create-user", "a@example.org", "--role", "admin"]).exit_code == 0
    again = runner.invoke(args=["create-user", "A@example.org", "--role", "admin"])
    assert again.exit_code != 0 and "exists already" in again.output


def test_create_user_without_terminal_or_variable_says_what_to_do(runner, monkeypatch):
    monkeypatch.delenv("STORY_ARCHIVE_PASSWORD", raising=False)
    result = runner.invoke(args=["create-user", "a@example.org", "--role", "admin"])
    assert result.exit_code != 0 and "STORY_ARCHIVE_PASSWORD" in result.output


def test_demo_loads_a_living_library_once_without_leaking_identifiers(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "10 published, 2 waiting for review" in first.output
    for email, password in DEMO_ACCOUNTS.values():
        assert email in first.output and password in first.output
    assert re.search(r"code [A-Z0-9]{4}-[A-Z0-9]{4}  secret [A-Z0-9]{10}", first.output)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0 and "loaded already" in second.output

    with app.app_context():
        stories = db.session.scalars(select(Story)).all()
        assert len(stories) == len(demo_stories()) == 12
        published = [s for s in stories if s.status == StoryStatus.PUBLISHED]
        assert len(published) == 10
        index = app.extensions["search_index"]
        # The research-only demo story is published but never reaches the teaching library.
        assert index.doc_count() == sum(1 for s in published if s.consent.purpose_teaching) == 9
        by_title = {s.title: s for s in published}
        for item in demo_stories():
            story = by_title.get(item["title"])
            if story is None:
                continue
            known = item["known"]
            for value in [known["speaker"], *known["relatives"], known["village"], known["clinic"]]:
                assert value.lower() not in story.published_text.lower(), (item["title"], value)
            for part in re.findall(r"[A-Z][a-z]{2,}", known["speaker"]):
                assert not re.search(rf"\b{part}\b", story.published_text), (item["title"], part)


def test_reindex_rebuilds_from_the_database(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        index = app.extensions["search_index"]
        index.rebuild([])
        assert index.doc_count() == 0
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "Indexed 9 published stories" in result.output
    with app.app_context():
        assert app.extensions["search_index"].query('"nobody explained"').total >= 1


def test_backup_copies_database_index_and_media(app, runner, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("backup of PostgreSQL is pg_dump's job (README)")
    assert runner.invoke(args=["demo"]).exit_code == 0
    dest = tmp_path / "backup"
    sealing = {"STORY_ARCHIVE_BACKUP_PASSPHRASE": "a passphrase for the keys"}
    result = runner.invoke(args=["backup", str(dest)], env=sealing)
    assert result.exit_code == 0, result.output
    assert (dest / "keys.sealed").is_file()
    with sqlite3.connect(dest / "archive.db") as conn:
        assert conn.execute("select count(*) from stories").fetchone()[0] == 12
    copy = SearchIndex(dest / "index")
    assert copy.doc_count() == 9
    assert copy.query('"nobody explained"').total >= 1
    copy.close()
    again = runner.invoke(args=["backup", str(dest)], env=sealing)
    assert again.exit_code != 0 and "not empty" in again.output


def test_init_rebuilds_an_index_made_with_an_older_schema(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    index = app.extensions["search_index"]
    (index.path / "schema-version").write_text("1")
    assert not index.is_current()
    assert runner.invoke(args=["init"]).exit_code == 0
    assert index.is_current()
    with app.app_context():
        assert index.doc_count() == 9
