"""The commands of ``story-archive`` (and ``flask --app archive``), registered on every app.

Each area keeps its own commands (``ingest.cli``, ``ingest.identifiers.cli``, ``consent.cli``); this
module adds the site's (serve, worker, init, demo, accounts, index, backup) and registers them all.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from waitress import serve as waitress_serve

from archive import jobs
from archive.auth import NewUser
from archive.auth import create_user as make_user
from archive.database import backup as run_backup
from archive.database import init_database, refresh_statistics
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.logs import configure_logging
from archive.search import reindex_all
from consent.cli import reconsent_due
from consent.expiry import expire_consents as run_expiry
from ingest.cli import models, transcribe
from ingest.identifiers.cli import redact_eval, redact_spans
from ingest.identifiers.lexicon import english

from .demo import load_demo


def register_commands(app: Flask) -> None:
    """Add every command to ``app.cli``."""
    commands = (
        serve,
        worker,
        init,
        demo,
        create_user,
        reindex,
        backup,
        transcribe,
        models,
        redact_spans,
        redact_eval,
        reconsent_due,
        expire_consents,
    )
    for command in commands:
        app.cli.add_command(command)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@with_appcontext
def serve(host: str, port: int, threads: int) -> None:
    """Run the web server (waitress), after bringing the database up to date."""
    init_database()  # Alembic's fileConfig sets up a log of its own: configure ours after it
    configure_logging(current_app.config["LOG_LEVEL"])
    app = current_app._get_current_object()
    consumer = None
    workers = int(app.config["SERVE_WORKERS"])
    if workers > 0 and not app.config.get("JOBS_IMMEDIATE"):
        # Embedded job workers (threads) share this process and this app.
        jobs.use_app(app)
        sent = jobs.recover()
        consumer = jobs.huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
        # Huey's consumer takes SIGINT, SIGTERM and SIGHUP for itself when it starts, as it would in a
        # process of its own, and then only sets a flag that nothing here reads: Ctrl+C and a service
        # manager's stop would no longer stop the server. Give the signals back to the server.
        previous = {signum: signal.getsignal(signum) for signum in _STOP_SIGNALS}
        consumer.start()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        click.echo(f"{workers} job worker(s) started; {sent} waiting job(s) queued.")
    # SIGTERM (a service manager's stop) ends the server like Ctrl+C: the job workers finish or leave
    # their job to be taken up again at the next start, then the process exits with status 0.
    signal.signal(signal.SIGTERM, _stop_serving)
    click.echo(f"story-archive is serving on http://{host}:{port}/  (Ctrl+C stops it)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads)  # returns on Ctrl+C or SIGTERM
    finally:
        click.echo("Stopping: job workers finish what they are doing (or leave it for the next start).")
        if consumer is not None:
            consumer.stop(graceful=True)


_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _stop_serving(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command("worker")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
@with_appcontext
def worker(workers: int) -> None:
    """Run job workers only (transcription), e.g. on more machines with ARCHIVE_QUEUE_URL=redis://..."""
    # A worker's log is its only voice: jobs taken back, duplicates ignored, failures (ids, never content).
    configure_logging(current_app.config["LOG_LEVEL"])
    sent = jobs.recover()
    click.echo(f"{sent} waiting job(s) queued; starting {workers} worker process(es).")
    # The worker processes are forked from this one and run their jobs in this app; each opens its
    # own database connections.
    jobs.use_app(current_app._get_current_object())
    db.engine.dispose()
    consumer = jobs.huey.create_consumer(workers=workers, worker_type="process", periodic=True)
    consumer.run()


@click.command("expire-consents")
@with_appcontext
def expire_consents() -> None:
    """Hide stories whose consent period ended, withdraw those past CONSENT_EXPIRY_GRACE_DAYS, and scrub
    the index (what the workers' periodic job does every quarter hour; for cron)."""
    report = run_expiry()
    click.echo(
        f"{len(report.expired)} consent(s) expired (stories hidden), "
        f"{len(report.withdrawn)} withdrawn after the grace period."
    )


@click.command("init")
@with_appcontext
def init() -> None:
    """Create or upgrade the database, seed the vocabulary, create the search index, and build the
    word lists of identifier detection (once per machine)."""
    init_database()
    click.echo("Database, vocabulary and search index are ready.")
    english()  # seconds the first time on a machine, so no reviewer waits for it
    click.echo("Word lists for identifier detection are ready.")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load a dozen demo stories and demo accounts (once; running it again changes nothing)."""
    init_database()
    report = load_demo()
    click.echo(report)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "facilitator", "reviewer", "educator"]))
@with_appcontext
def create_user(email: str, role: str) -> None:
    """Create a staff account. The password is asked for, or read from STORY_ARCHIVE_PASSWORD."""
    password = os.environ.get("STORY_ARCHIVE_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise click.ClickException("No terminal to ask for a password: set STORY_ARCHIVE_PASSWORD.")
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = make_user(NewUser(email=email, role=role, password=password))
    except ValidationFailed as err:
        raise click.ClickException(err.message) from err
    click.echo(f"Created {user.role} {user.email}.")


@click.command("reindex")
@click.option("--procs", default=1, show_default=True, type=int, help="Indexing processes.")
@with_appcontext
def reindex(procs: int) -> None:
    """Rebuild the search index from the database (only stories that pass the publication rule)."""
    count = reindex_all(procs=procs)
    refresh_statistics()
    click.echo(f"Indexed {count} published stor{'y' if count == 1 else 'ies'}.")


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup(dest: Path) -> None:
    """Copy the database (online, consistent), the search index and media into DEST."""
    try:
        copied = run_backup(dest)
    except (FileExistsError, NotImplementedError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Backed up {', '.join(copied)} to {dest}.")
