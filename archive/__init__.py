"""story-archive: patients' stories of illness and care, kept with consent, served for teaching."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: defaults, instance config, ``ARCHIVE_*`` environment, then test overrides."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "ARCHIVE_INSTANCE_PATH", str(PROJECT_ROOT / "instance")
    )
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.from_object("archive.config")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("ARCHIVE")
    if test_config:
        app.config.update(test_config)

    configure_paths(app)
    check_settings(app)
    configure_database(app)
    configure_extensions(app)
    configure_security(app)
    configure_blueprints(app)

    from .errors import register_error_handlers

    register_error_handlers(app)

    from .cli import register_commands

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
        cfg["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    if not cfg.get("IDENTIFIER_KEY"):
        cfg["IDENTIFIER_KEY"] = "identifiers:" + cfg["SECRET_KEY"]


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
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'archive.db'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    # hide_parameters: a database error's message (logged, and kept as a failed job's error) would
    # otherwise quote the statement's values, which may be a story's text or a transcript.
    if url.startswith("sqlite"):
        app.config.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}, "hide_parameters": True}
        )
    else:
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True, "hide_parameters": True})

    from . import sqlite_pragmas  # noqa: F401  (registers the connect hook)


def configure_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (tables must be known before Migrate binds)
    from .extensions import csrf, db, login_manager, migrate
    from .search import SearchIndex

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.session_protection = "strong"
    from . import i18n

    i18n.init_app(app)
    from ingest.jobs import configure_queue

    configure_queue(app)
    app.extensions["search_index"] = SearchIndex(
        app.config["INDEX_DIR"],
        writer_timeout=app.config["INDEX_WRITER_TIMEOUT"],
        segment_docs=app.config["INDEX_SEGMENT_DOCS"],
    )

    from .auth import BearerAwareSessionInterface, load_user_from_request, load_user_from_session

    login_manager.user_loader(load_user_from_session)
    login_manager.request_loader(load_user_from_request)
    app.session_interface = BearerAwareSessionInterface()


def configure_security(app: Flask) -> None:
    """Headers that keep pages from being framed, sniffed, or cached where they hold private data."""
    from flask import request
    from flask_login import current_user
    from werkzeug.middleware.proxy_fix import ProxyFix

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
        private = current_user.is_authenticated or request.path.startswith("/consent")
        # A view may have said how its answer is cached already: ``private, no-store``, or ``private,
        # no-cache`` (kept by the browser alone, used only after the server allows it again: the
        # published recordings and word timings). The site's own CSS and scripts hold nothing private
        # and are revalidated (304) rather than downloaded again with every page over a slow link.
        said = h.get("Cache-Control", "")
        if private and "private" not in said and "no-store" not in said and request.endpoint != "static":
            h["Cache-Control"] = "no-store"
        return response

    from .templating import register_template_helpers

    register_template_helpers(app)


def configure_blueprints(app: Flask) -> None:
    from consent.staff_views import bp as consent_staff_bp
    from consent.views import bp as consent_bp
    from ingest.review_views import bp as review_bp
    from ingest.views import bp as ingest_bp

    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .library import bp as library_bp

    for bp in (auth_bp, library_bp, api_bp, admin_bp, ingest_bp, review_bp, consent_bp, consent_staff_bp):
        app.register_blueprint(bp)

    # Teaching sets and clips (issue 6); withdrawal calls archive.teaching.forget_withdrawn itself.
    from .teaching import bp as teaching_bp

    app.register_blueprint(teaching_bp)
