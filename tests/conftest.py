"""Shared fixtures: an app on a real database and a real Whoosh index in a temp folder, a test client
that fills in CSRF tokens the way a browser does, and role helpers.

By default every test gets its own SQLite file, copied from one migrated template (migrated once a
session: a test's app never runs Alembic). With
``ARCHIVE_DATABASE_URL=postgresql+psycopg://...`` the suite runs against PostgreSQL instead: the schema
is migrated once and every table is emptied after each test. Under pytest-xdist (``-n 2``) each worker
has a database of its own, ``<name>_<worker>``, created here and dropped at the end.

Tests that never touch the suite's database carry ``pytestmark = pytest.mark.no_database`` (per module):
``make test-postgres`` deselects them, since they already ran, unchanged, in ``make test``. Two checks
keep the mark honest: a marked test that asks for the database fixture is a collection error, and in
``make test`` a marked test runs with ``ARCHIVE_DATABASE_URL`` pointing at a server that does not exist,
so one that reaches a database some other way fails there (see ``no_database_elsewhere``).

A test that does use the database but checks something that cannot differ between SQLite and
PostgreSQL (what a browser does with a page, how ffmpeg decodes one more format along a path another
test takes on both) carries ``pytest.mark.one_database("why it cannot differ")``: ``make test`` runs it,
``make test-postgres`` deselects it. The reason is required (checked at collection), and every query
path, lock, migration and concurrency test keeps running on both.

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


# Where a ``no_database`` test's database would be: nothing listens on port 1, so any connection fails.
NOWHERE_URL = "postgresql+psycopg://no-database@127.0.0.1:1/no_database"


# Modules that go first, in this order: under xdist the first tests are handed out in large
# consecutive batches and the last ones a few at a time, so a module sent early runs whole on one
# worker (test_transcription's module fixture, some 40 s of CPU, is then built once, not once per
# piece), and the longest single tests do not leave one worker running alone at the end.
FIRST = (
    "tests/test_transcription.py",  # 49 tests on one module fixture (nine transcriptions)
    "tests/test_worker_restart.py",  # one test, ~40 s: two worker processes and a stale heartbeat
    "tests/test_crash_recovery.py",  # six kill -9 steps, a real server started twice in each
)


def pytest_collection_modifyitems(config, items):
    """Put the ``FIRST`` modules first; refuse a ``no_database`` mark on a test that asks for the
    database (through any fixture), and a ``one_database`` mark without its reason or on a test that
    uses no database (that one is ``no_database``)."""
    rank = {module: n for n, module in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(FIRST)))  # stable
    wrong = [
        i.nodeid
        for i in items
        if i.get_closest_marker("no_database") and "database_template" in i.fixturenames
    ]
    if wrong:
        raise pytest.UsageError(
            "marked no_database but uses the database (`make test-postgres` would leave out a test of "
            "PostgreSQL):\n  " + "\n  ".join(wrong)
        )
    unexplained = [
        i.nodeid
        for i in items
        if (mark := i.get_closest_marker("one_database"))
        and not (len(mark.args) == 1 and isinstance(mark.args[0], str) and len(mark.args[0].split()) >= 5)
    ]
    if unexplained:
        raise pytest.UsageError(
            "marked one_database without saying, in a sentence (its one argument), why what it checks "
            "cannot differ between SQLite and PostgreSQL:\n  " + "\n  ".join(unexplained)
        )
    misplaced = [
        i.nodeid
        for i in items
        if i.get_closest_marker("one_database")
        and (i.get_closest_marker("no_database") or "database_template" not in i.fixturenames)
    ]
    if misplaced:
        raise pytest.UsageError(
            "marked one_database but uses no database (mark it no_database instead):\n  "
            + "\n  ".join(misplaced)
        )


@pytest.fixture(autouse=True)
def no_database_elsewhere(request, monkeypatch):
    """A ``no_database`` test runs with the database settings pointing nowhere.

    ``make test-postgres`` deselects these tests because they never touch a database; if one did, by
    building an app or starting a command that reads ``ARCHIVE_DATABASE_URL``, it fails here instead
    of quietly losing its PostgreSQL run. A test that sets its own database (an embedded SQLite file
    whatever the suite runs on) still can.
    """
    if request.node.get_closest_marker("no_database"):
        monkeypatch.setenv("ARCHIVE_DATABASE_URL", NOWHERE_URL)


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


@pytest.fixture
def runner_without_database(tmp_path):
    """The command line on an app whose database was never made (an embedded SQLite file, whatever
    the suite runs on): for the commands that read no database (``transcribe``, ``redact-spans``,
    ``redact-eval``), so their modules can be ``no_database``. A command that did read it would fail
    on the missing tables."""
    application = create_app(_config(tmp_path, None))
    yield application.test_cli_runner()
    with application.app_context():
        db.engine.dispose()
    application.extensions["search"].close()
