"""The application factory: ``create_app`` and its ``configure_*`` steps.

Each step binds one part of the app: paths and settings, the database, the extensions, the job queue
and the functions that run each kind of job, the search backend, the media store, security headers,
template helpers, blueprints, error handlers and commands. The factory is the one place (with the
commands) that imports every area.
"""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path

from flask import Flask, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from archive import (
    PROJECT_ROOT,
    SITE_FILES,
    i18n,
    identifier_fields,
    integrity,
    jobs,
    logs,
    models,  # noqa: F401  (the tables must be known before Migrate binds)
    requests,
    search,
    sqlite_pragmas,
    storage,
)
from archive.auth import BearerAwareSessionInterface, load_user_from_request, load_user_from_session
from archive.auth import bp as auth_bp
from archive.errors import register_error_handlers
from archive.extensions import csrf, db, login_manager, migrate
from archive.library.views import TEMPLATE_HELPERS as LIBRARY_HELPERS
from archive.library.views.api import bp as api_bp
from archive.library.views.course import bp as course_bp
from archive.library.views.library import bp as library_bp
from archive.library.views.teaching import bp as teaching_bp
from archive.restore import derived_identifier_key
from archive.search import heal_index, run_scrub
from archive.templating import register_template_helpers
from consent.expiry import expire_consents
from consent.views.admin import bp as consent_admin_bp
from consent.views.staff import bp as consent_staff_bp
from consent.views.storyteller import TEMPLATE_HELPERS as STORYTELLER_HELPERS
from consent.views.storyteller import bp as consent_bp
from ingest import audio_jobs, kept_uploads, published_audio, recordings, resumable, review
from ingest.identifiers import resemblances
from ingest.reports_views import bp as reports_bp
from ingest.review_views import bp as review_bp
from ingest.upload_views import bp as uploads_bp
from ingest.views import bp as ingest_bp

from .admin import bp as admin_bp
from .commands import register_commands


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: defaults, instance config, ``ARCHIVE_*`` environment, then test overrides."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "ARCHIVE_INSTANCE_PATH", str(PROJECT_ROOT / "instance")
    )
    # Named "archive": Flask finds the package's static/ folder (and names its logger) by this name.
    app = Flask(
        "archive",
        instance_path=str(Path(instance_path).resolve()),
        instance_relative_config=True,
        template_folder=str(SITE_FILES / "templates"),
    )
    app.config.from_object("archive.config")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("ARCHIVE")
    if test_config:
        app.config.update(test_config)

    requests.init_app(app)  # before the blueprints: their <int:...> routes use its converter
    configure_paths(app)
    check_settings(app)
    logs.request_ids(app)  # first: every later hook's log lines carry the request's id
    configure_database(app)
    configure_extensions(app)
    configure_jobs(app)
    configure_identifier_checks(app)
    configure_search(app)
    configure_media(app)
    configure_security(app)
    configure_templates(app)
    configure_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def configure_paths(app: Flask) -> None:
    """Derive every unset path from the instance folder, and make sure the folders exist."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    cfg = app.config
    cfg["INDEX_DIR"] = str(Path(cfg["INDEX_DIR"] or instance / "index"))
    cfg["MEDIA_ROOT"] = str(Path(cfg["MEDIA_ROOT"] or PROJECT_ROOT / "media"))
    if not cfg.get("SECRET_KEY"):
        if str(cfg.get("DATABASE_URL") or "").startswith("postgresql"):
            raise SharedKeyMissing()
        cfg["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    apart = instance / "identifier_key"  # written by `restore` when the backed-up key was set apart
    if not cfg.get("IDENTIFIER_KEY") and apart.is_file():
        cfg["IDENTIFIER_KEY"] = apart.read_text().strip()
    if not cfg.get("IDENTIFIER_KEY"):
        cfg["IDENTIFIER_KEY"] = derived_identifier_key(cfg["SECRET_KEY"])


class SharedKeyMissing(RuntimeError):
    """A host on PostgreSQL would sign with a key of its own: refused, with the settings to share."""

    def __init__(self) -> None:
        super().__init__(
            "SECRET_KEY is not set. With the database in PostgreSQL, every host (web and worker) must "
            "use the same keys, or moving between hosts signs people out, forms fail, and identifiers "
            "encrypted on one host cannot be read on another. Set ARCHIVE_SECRET_KEY (and, if you "
            "keep it apart, ARCHIVE_IDENTIFIER_KEY) to the same value on every host, e.g. one made "
            "with: python -c 'import secrets; print(secrets.token_hex(32))'"
        )


def check_settings(app: Flask) -> None:
    """Refuse to start with a setting that has no meaning, rather than fail at the first use."""
    replacement = app.config["REDACTION_REPLACEMENT"]
    if replacement not in ("label", "pseudonym"):
        raise ValueError(f"REDACTION_REPLACEMENT must be 'label' or 'pseudonym', not {replacement!r}")


def _instance_secret(path: Path) -> str:
    """Read the instance's generated secret key, creating it (mode 0600) on first use."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def configure_database(app: Flask) -> None:
    """Choose the database (SQLite in the instance folder unless DATABASE_URL says otherwise)."""
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'archive.db'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    # hide_parameters: a database error's message (logged, and kept as a failed job's error) would
    # otherwise quote the statement's values, which may be a story's text or a transcript.
    if url.startswith("sqlite"):
        app.config.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}, "hide_parameters": True}
        )
        sqlite_pragmas.install()
    else:
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True, "hide_parameters": True})


def configure_identifier_checks(app: Flask) -> None:
    """Check the free text typed about a story (titles, tags, notes, prompts) by identifier detection's
    rules for known identifiers (``archive.identifier_fields``), in the library as at ingest."""
    identifier_fields.use_finder(resemblances)


def configure_extensions(app: Flask) -> None:
    """Bind the database, migrations (the models' tables known), CSRF, sign-in and translations."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(SITE_FILES / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user_from_session)
    login_manager.request_loader(load_user_from_request)
    app.session_interface = BearerAwareSessionInterface()
    i18n.init_app(app)


def configure_jobs(app: Flask) -> None:
    """Point the queue at its storage and say which function runs each kind of job."""
    jobs.configure_queue(app)
    jobs.bind(
        app,
        jobs.Binding(
            handlers={
                jobs.JobKind.TRANSCRIBE: audio_jobs.run_transcription,
                jobs.JobKind.PUBLISH_AUDIO: published_audio.run_publish_audio,
                jobs.JobKind.SCRUB_INDEX: functools.partial(run_scrub, raise_busy=True),
                jobs.JobKind.WATCH_JOB: jobs.check_stale,
                jobs.JobKind.EXPIRE_CONSENTS: expire_consents,
                jobs.JobKind.PUBLISH_APPROVED: review.publish_approved,
                jobs.JobKind.REBUILD_INDEX: heal_index,
            },
            # When workers start: stories whose speech model has arrived go back to transcription,
            # and what stopped workers and unfinished uploads left in media/ goes.
            recovering=(
                audio_jobs.requeue_waiting_with_model,
                audio_jobs.sweep_leftovers,
                recordings.sweep_abandoned_uploads,
                kept_uploads.sweep_kept,
                resumable.sweep,
            ),
            taken_back=(audio_jobs.sweep_leftovers,),
        ),
    )


def configure_search(app: Flask) -> None:
    """Choose the search backend (SEARCH_BACKEND): a cache of published stories, rebuilt from the
    database by ``reindex``."""
    search.configure_search(app)


def configure_security(app: Flask) -> None:
    """Headers that keep pages from being framed, sniffed, or cached where they hold private data."""
    hops = int(app.config.get("TRUSTED_PROXIES", 0) or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.after_request
    def _headers(response):
        h = response.headers
        h.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "same-origin")
        hsts = int(app.config.get("HSTS_SECONDS") or 0)
        if hsts > 0 and request.is_secure:
            sub = "; includeSubDomains" if app.config.get("HSTS_INCLUDE_SUBDOMAINS") else ""
            h.setdefault("Strict-Transport-Security", f"max-age={hsts}{sub}")
        private = current_user.is_authenticated or request.path.startswith("/consent")
        # A view may have said how its answer is cached already: ``private, no-store``, or ``private,
        # no-cache`` (kept by the browser alone, used only after the server allows it again: the
        # published recordings and word timings). The site's own CSS and scripts hold nothing private
        # and are revalidated (304) rather than downloaded again with every page over a slow link.
        said = h.get("Cache-Control", "")
        if private and "private" not in said and "no-store" not in said and request.endpoint != "static":
            h["Cache-Control"] = "no-store"
        return response


def configure_media(app: Flask) -> None:
    """Choose where media files live (MEDIA_STORE), and tell ``check`` where files wait before a row
    owns them."""
    storage.configure_store(app)
    integrity.register_default_staging(app)


def configure_templates(app: Flask) -> None:
    """Register every template filter and global of every area, in one place."""
    register_template_helpers(app, (LIBRARY_HELPERS, STORYTELLER_HELPERS))


def configure_blueprints(app: Flask) -> None:
    """Register every area's pages."""
    for bp in (
        auth_bp,
        library_bp,
        api_bp,
        teaching_bp,
        course_bp,
        admin_bp,
        ingest_bp,
        uploads_bp,
        review_bp,
        reports_bp,
        consent_bp,
        consent_staff_bp,
        consent_admin_bp,
    ):
        app.register_blueprint(bp)
