"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from archive.extensions import db


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True})
        diff = compare_metadata(ctx, db.metadata)
    assert diff == [], f"models differ from migrations; run `flask --app archive db migrate`: {diff}"


def test_sqlite_runs_with_wal_foreign_keys_and_secure_delete(app):
    with app.app_context():
        if db.engine.url.get_backend_name() != "sqlite":
            pytest.skip("SQLite pragmas do not apply to PostgreSQL")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
