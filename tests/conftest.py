"""Shared fixtures: an app on a real database and a real Whoosh index in a temp folder, a test client
that fills in CSRF tokens the way a browser does, and role helpers.

By default every test gets its own SQLite file, copied from one migrated template (migrated once a
session: a test's app never runs Alembic). With
``ARCHIVE_DATABASE_URL=postgresql+psycopg://...`` the suite runs against PostgreSQL instead: the schema
is migrated once and every table is emptied after each test. Under pytest-xdist (``-n 2``) each worker
has a database of its own, ``<name>_<worker>``, created here and dropped at the end.

Fixtures live in tests/fixtures/: signing in (auth.py), the story builders (stories.py), recordings
and the one published recorded story built per session (recordings.py), audio, browser.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, make_url, text

from archive import create_app, vocabulary
from archive.database import init_database
from archive.extensions import db
from archive.search import current_index

pytest_plugins = [
    "tests.fixtures.auth",
    "tests.fixtures.audio",
    "tests.fixtures.stories",
    "tests.fixtures.recordings",
    "tests.fixtures.browser",
    "tests.fixtures.s3",
]


def _worker_database(url: str) -> str:
    """Under pytest-xdist, the worker's own database: the URL's name with ``_gw0``, ``_gw1``... added.

    Set in the environment too, so the commands a test starts in a subprocess use it as well.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    parsed = make_url(url)
    if parsed.database and parsed.database.endswith(f"_{worker}"):
        return url  # already the worker's (a subprocess that inherited it)
    own = parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)
    os.environ["ARCHIVE_DATABASE_URL"] = own
    return own


PG_BASE_URL = os.environ.get("ARCHIVE_DATABASE_URL", "")
PG_URL = _worker_database(PG_BASE_URL)
# The search backends a search test runs against: search in PostgreSQL too when the suite runs there.
SEARCH_BACKENDS = ("whoosh", "postgres") if PG_URL else ("whoosh",)
SHARED = Path(__file__).resolve().parents[2] / "shared"
PASSWORD = "correct horse battery"  # every staff account's in tests (tests/fixtures/auth.py)
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


class BrowserClient(FlaskClient):
    """A test client whose ``submit`` sends a form with the CSRF token a browser would have."""

    def csrf_token(self, page: str = "/consent/") -> str:
        html = self.get(page).get_data(as_text=True)
        match = TOKEN_RE.search(html)
        assert match, f"no CSRF token on {page}"
        return match.group(1) or match.group(2)

    def submit(self, url: str, data: dict | None = None, page: str = "/consent/", **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token(page))
        return self.post(url, data=data, **kwargs)


def _pg_reachable(url: str) -> bool:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception as err:  # any failure to connect means "not reachable"; say why
        print(f"PostgreSQL at {url} is not reachable: {err}")
        return False


def _create_worker_database(base_url: str, url: str) -> None:
    """Create the worker's database (empty) through the base one; no-op without xdist."""
    if url == base_url:
        return
    name = make_url(url).database
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _drop_worker_database(base_url: str, url: str) -> None:
    if url == base_url:
        return
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Migrate a database once: a SQLite template file, or the PostgreSQL schema."""
    if PG_URL:
        if not _pg_reachable(PG_BASE_URL):
            if os.environ.get("CI") == "true":
                pytest.exit("ARCHIVE_DATABASE_URL is set but PostgreSQL is unreachable in CI", returncode=3)
            pytest.skip("PostgreSQL is not reachable here")
        _create_worker_database(PG_BASE_URL, PG_URL)
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            for table in inspect(conn).get_table_names():
                conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
        engine.dispose()
    base = tmp_path_factory.mktemp("template")
    app = create_app(_config(base, PG_URL or None))
    with app.app_context():
        init_database()
        db.engine.dispose()
    app.extensions["search"].close()
    yield None if PG_URL else base / "instance" / "archive.db"
    if PG_URL:
        _drop_worker_database(PG_BASE_URL, PG_URL)


def _config(base: Path, database_url: str | None, search_backend: str = "whoosh") -> dict:
    return {
        "TESTING": True,
        # Whoosh unless a test asks for another (``search_backend``), on PostgreSQL too.
        "SEARCH_BACKEND": search_backend,
        "SECRET_KEY": "test-secret-key",
        "INSTANCE_PATH": str(base / "instance"),
        "MEDIA_ROOT": str(base / "media"),
        "DATABASE_URL": database_url,
        "JOBS_IMMEDIATE": True,  # a queued job runs inside the request that queued it
    }


@pytest.fixture
def app_config() -> dict:
    """Settings to add to the test app's; override (or parametrize) this fixture to change them."""
    return {}


@pytest.fixture
def search_backend() -> str:
    """The test app's search backend; a search test module parametrizes it over ``SEARCH_BACKENDS``:

    ``search_backend = pytest.fixture(scope="module", params=SEARCH_BACKENDS)(lambda request: request.param)``
    """
    return "whoosh"


@pytest.fixture
def app(tmp_path, database_template, app_config, search_backend):
    if PG_URL:
        application = create_app({**_config(tmp_path, PG_URL, search_backend), **app_config})
    else:
        instance = tmp_path / "instance"
        instance.mkdir()
        shutil.copy(database_template, instance / "archive.db")
        application = create_app({**_config(tmp_path, None, search_backend), **app_config})
    application.test_client_class = BrowserClient
    with application.app_context():
        ready_copy()
    yield application
    with application.app_context():
        db.session.remove()
        if PG_URL:
            with db.engine.begin() as conn:
                names = [t.name for t in reversed(db.metadata.sorted_tables)]
                conn.execute(
                    text("TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE")
                )
        db.engine.dispose()
        application.extensions["search"].close()


def ready_copy() -> None:
    """What ``init_database`` does for a database already at the newest migration (the template, or
    the PostgreSQL schema migrated this session): seed the vocabulary (a PostgreSQL test starts from
    emptied tables), create the index. Alembic is not run again; tests/test_migrations.py runs it."""
    vocabulary.seed()
    current_index().prepare()


@pytest.fixture
def client(app) -> BrowserClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
