"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from archive import create_app
from archive.extensions import db
from archive.models import ConsentEvent
from consent.events import EventDetails


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


# The sentences earlier releases wrote in ``consent_events.detail``, and the details each becomes.
SENTENCES = [
    ("granted", "form v2026-1", {"form_version": "2026-1"}),
    ("renewed", "form v2, by the storyteller who came of age", {"form_version": "2", "came_of_age": True}),
    ("reconsent_due", "form v2027-1", {"form_version": "2027-1"}),
    ("changed", "teaching removed", {"removed": "teaching"}),
    ("changed", "audio removed", {"removed": "audio"}),
    ("changed", "period ended now", {"period": "ended_now"}),
    ("changed", "period end removed", {"period": "no_end"}),
    ("changed", "period end set to 2027-03-01", {"period": "ends", "ends_on": "2027-03-01"}),
    ("expired", "period ended 2026-10-02", {"ended_on": "2026-10-02"}),
    ("reconsent_due", "came of age on 2026-09-30", {"came_of_age_on": "2026-09-30"}),
    ("viewed", None, {}),
]


# A consent as an earlier release stored it (the columns every release has).
CONSENT_ROW = text(
    "INSERT INTO consents (id, code, status, purpose_teaching, purpose_public, purpose_research, "
    "modality_text, modality_audio, voice_disguise, method, form_version, given_at) VALUES ('c1', "
    "'ABCDEFGH', 'active', 1, 0, 0, 1, 0, 0, 'signed', '2026-1', '2026-01-01 00:00:00')"
)


def old_archive(tmp_path):
    """An app on its own SQLite file, to be migrated step by step."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'old.db'}",
        }
    )


def test_consent_event_sentences_become_structured_details_and_back(tmp_path):
    """Migration 0007 reads every sentence earlier releases wrote into structured details; its
    downgrade writes the same sentences back."""
    app = old_archive(tmp_path)
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision="0006")
        with db.engine.begin() as conn:
            conn.execute(CONSENT_ROW)
            for event, detail, _ in SENTENCES:
                conn.execute(
                    text(
                        "INSERT INTO consent_events (consent_id, event, channel, at, detail) "
                        "VALUES ('c1', :event, 'staff_web', '2026-01-02 00:00:00', :detail)"
                    ),
                    {"event": event, "detail": detail},
                )
        upgrade(directory=directory)
        rows = db.session.execute(select(ConsentEvent).order_by(ConsentEvent.id)).scalars().all()
        assert [(e.event, e.details) for e in rows] == [(event, details) for event, _, details in SENTENCES]
        assert [EventDetails.from_json(e.details).text() or None for e in rows] == [
            d for _, d, _ in SENTENCES
        ]
        db.session.remove()
        downgrade(directory=directory, revision="0006")
        with db.engine.connect() as conn:
            back = conn.execute(text("SELECT detail FROM consent_events ORDER BY id")).scalars().all()
        assert back == [detail for _, detail, _ in SENTENCES]
        db.engine.dispose()


def test_migration_0008_keeps_every_row_of_an_archive_in_use(tmp_path):
    """0008 adds columns to consents and stories in place: a rebuild of either table (SQLite's batch
    mode) would be refused by the stories' keys, or would take the consent events with it (ON DELETE
    CASCADE). Up and down again, every row stays."""
    app = old_archive(tmp_path)
    tables = ("consents", "consent_events", "stories", "known_identifiers")

    def counts():
        with db.engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}

    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision="0007")
        with db.engine.begin() as conn:
            conn.execute(CONSENT_ROW)
            conn.execute(
                text(
                    "INSERT INTO consent_events (consent_id, event, channel, at, details) "
                    "VALUES ('c1', 'granted', 'staff_web', '2026-01-02 00:00:00', '{}')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO stories (id, title, language, kind, status, submission_key, consent_id, "
                    "created_at, updated_at, view_count) VALUES ('s1', 'A story', 'en', 'text', "
                    "'published', 'key', 'c1', '2026-01-01', '2026-01-01', 3)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO known_identifiers (story_id, role, value_encrypted) "
                    "VALUES ('s1', 'speaker', x'00')"
                )
            )
        before = counts()
        assert set(before.values()) == {1}
        upgrade(directory=directory)
        assert counts() == before
        downgrade(directory=directory, revision="0007")
        assert counts() == before
        db.engine.dispose()
