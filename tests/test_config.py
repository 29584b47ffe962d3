"""Settings come from archive/config.py, then instance/config.py, then ARCHIVE_* variables."""

import pytest

from archive import create_app

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def test_layers_override_in_order(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("MAX_STORY_CHARS = 1234\nSEARCH_PAGE_SIZE = 7\n")
    monkeypatch.setenv("ARCHIVE_SEARCH_PAGE_SIZE", "25")
    monkeypatch.delenv("ARCHIVE_DATABASE_URL", raising=False)  # set when the suite runs on PostgreSQL
    app = create_app({"INSTANCE_PATH": str(instance), "MEDIA_ROOT": str(tmp_path / "media")})
    assert app.config["MAX_STORY_CHARS"] == 1234  # instance file over the default
    assert app.config["SEARCH_PAGE_SIZE"] == 25  # environment over the instance file
    assert app.config["MAX_TITLE_CHARS"] == 200  # untouched default
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'archive.db'}"
    assert app.config["INDEX_DIR"] == str(instance / "index")


def test_secret_key_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_SECRET_KEY", raising=False)
    # An embedded (SQLite) site makes its own key; on PostgreSQL a host refuses to (test_several_hosts).
    monkeypatch.delenv("ARCHIVE_DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": str(instance), "MEDIA_ROOT": str(tmp_path / "m")})
    second = create_app({"INSTANCE_PATH": str(instance), "MEDIA_ROOT": str(tmp_path / "m")})
    key_file = instance / "secret_key"
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert key_file.stat().st_mode & 0o077 == 0
    assert first.config["IDENTIFIER_KEY"] != first.config["SECRET_KEY"]
