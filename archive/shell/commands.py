"""The commands of ``story-archive`` (and ``flask --app archive``), registered on every app.

Each area keeps its own commands (``ingest.cli``, ``ingest.identifiers.cli``, ``consent.cli``); this
module adds the site's (serve, worker, init, demo, accounts, index, backup) and registers them all.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from archive import integrity, jobs
from archive.auth import NewUser
from archive.auth import create_user as make_user
from archive.database import backup as run_backup
from archive.database import init_database, refresh_statistics
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.logs import configure_logging
from archive.restore import KEYS_FILE, MIN_PASSPHRASE_CHARS, current_keys, restore_files, seal_keys
from archive.restore import restore as run_restore
from archive.search import reindex_all
from consent.cli import reconsent_due
from consent.expiry import expire_consents as run_expiry
from ingest.cli import import_manifest, models, transcribe
from ingest.identifiers.cli import redact_eval, redact_spans
from ingest.identifiers.lexicon import english

from .demo import load_demo
from .serving import make_server


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
        restore,
        check,
        transcribe,
        models,
        redact_spans,
        redact_eval,
        reconsent_due,
        expire_consents,
        import_manifest,
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
    _report_start_check(integrity.check_at_start(app))
    consumers = []
    if int(app.config["SERVE_WORKERS"]) > 0 and not app.config.get("JOBS_IMMEDIATE"):
        # Huey's consumer takes SIGINT, SIGTERM and SIGHUP for itself when it starts, as it would in a
        # process of its own, and then only sets a flag that nothing here reads: Ctrl+C and a service
        # manager's stop would no longer stop the server. Give the signals back to the server.
        previous = {signum: signal.getsignal(signum) for signum in _STOP_SIGNALS}
        consumers, sent = start_embedded_workers(app)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        click.echo(
            f"{consumers[0].workers} job worker(s) started, and {consumers[1].workers} for upkeep; "
            f"{sent} waiting job(s) queued."
        )
    # SIGTERM (a service manager's stop) ends the server like Ctrl+C: the job workers finish or leave
    # their job to be taken up again at the next start, then the process exits with status 0.
    signal.signal(signal.SIGTERM, _stop_serving)
    click.echo(f"story-archive is serving on http://{host}:{port}/  (Ctrl+C stops it)")
    try:
        make_server(app, host, port, threads).run()  # returns on Ctrl+C or SIGTERM
    finally:
        click.echo("Stopping: job workers finish what they are doing (or leave it for the next start).")
        for consumer in consumers:
            consumer.stop(graceful=True)


# How often an idle upkeep worker looks for a job, at most every second: Huey's default waits up to
# 10 s between looks once idle, so the index scrub a withdrawal sends could sit that long unseen (a
# look is one read of the queue's table or one Redis call).
UPKEEP_POLLING = {"max_delay": 1.0}


def start_embedded_workers(app: Flask) -> tuple[list, int]:
    """Start the job workers of ``serve`` as threads of this process, in ``app``: ``SERVE_WORKERS`` for
    recordings and ``SERVE_UPKEEP_WORKERS`` (at least one) for upkeep, on a queue of its own so that
    index clean-up after a withdrawal never waits behind a transcription. Return the consumers (media
    first) and how many waiting jobs were queued again."""
    jobs.use_app(app)
    sent = jobs.recover()
    sizes = {
        jobs.Queue.MEDIA: int(app.config["SERVE_WORKERS"]),
        jobs.Queue.UPKEEP: max(1, int(app.config["SERVE_UPKEEP_WORKERS"])),
    }
    consumers = []
    for queue, count in sizes.items():
        upkeep = queue == jobs.Queue.UPKEEP
        consumer = jobs.QUEUES[queue].create_consumer(
            workers=count, worker_type="thread", periodic=upkeep, **(UPKEEP_POLLING if upkeep else {})
        )
        consumer.start()
        consumers.append(consumer)
    return consumers, sent


_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _stop_serving(signum, frame) -> None:
    raise KeyboardInterrupt


@click.command("worker")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes for recordings.")
@click.option(
    "--queue",
    "which",
    default="all",
    show_default=True,
    type=click.Choice(["all", "media", "upkeep"]),
    help="Which queue to serve: recordings (media), index clean-up and other upkeep, or both.",
)
@with_appcontext
def worker(workers: int, which: str) -> None:
    """Run job workers only (transcription, and upkeep in a thread of its own), e.g. on more machines
    with ARCHIVE_QUEUE_URL=redis://..."""
    # A worker's log is its only voice: jobs taken back, duplicates ignored, failures (ids, never content).
    configure_logging(current_app.config["LOG_LEVEL"])
    _report_start_check(integrity.check_at_start(current_app._get_current_object()))
    sent = jobs.recover()
    click.echo(f"{sent} waiting job(s) queued; starting {workers} worker process(es) ({which}).")
    # The worker processes are forked from this one and run their jobs in this app; each opens its
    # own database connections.
    jobs.use_app(current_app._get_current_object())
    db.engine.dispose()
    consumers = []
    if which in ("all", "media"):
        media = jobs.QUEUES[jobs.Queue.MEDIA].create_consumer(
            workers=workers, worker_type="process", periodic=False
        )
        consumers.append(media)
    if which in ("all", "upkeep"):
        # Threads, started after the media processes were forked: upkeep jobs are short and mostly wait
        # on the index and the database.
        consumers.append(
            jobs.QUEUES[jobs.Queue.UPKEEP].create_consumer(
                workers=1, worker_type="thread", periodic=True, **UPKEEP_POLLING
            )
        )
    _run_consumers(consumers)


def _run_consumers(consumers: list) -> None:
    """Start the consumers, wait for SIGINT or SIGTERM (looking after their workers meanwhile), and stop
    them gracefully: Huey's ``run`` does this for one consumer, and each would take the signals."""
    stopping = threading.Event()
    for consumer in consumers:
        consumer.start()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    while not stopping.wait(5.0):
        for consumer in consumers:
            consumer.check_worker_health()
    for consumer in consumers:
        consumer.stop(graceful=True)
        consumer.huey.notify_interrupted_tasks()


def _report_start_check(report: integrity.Report) -> None:
    if report.settled or report.left_over:
        click.echo("Checked what a stopped process may have left:")
        for line in report.lines():
            click.echo(line)
        if report.files_without_rows or report.rows_without_files:
            click.echo("Run `story-archive check --repair` to remove files without rows, rows without files.")


@click.command("check")
@click.option(
    "--repair", is_flag=True, help="Put right what is found: remove leftovers, delete rows without files."
)
@with_appcontext
def check(repair: bool) -> None:
    """Find what crashes left: rows without files and files without rows under media/, staged uploads
    and scratch folders no request will finish, unfinished keeps (exit status 1 if any, unless
    repaired)."""
    app = current_app._get_current_object()
    sole = not integrity.others_hold_instance(app)
    report = integrity.check(repair=repair, safe=repair, sole=sole)
    if not sole:
        click.echo(
            "The site is running: staged files younger than STAGING_GRACE_SECONDS may be in use and "
            "are left out."
        )
    if not report.left_over and not report.settled:
        click.echo("Nothing left over.")
        return
    for line in report.lines():
        click.echo(line)
    if repair:
        click.echo("Repaired.")
    else:
        click.echo("Run `story-archive check --repair` to put these right.")
        sys.exit(1)


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
@click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File whose first line is the passphrase sealing the keys (else STORY_ARCHIVE_BACKUP_PASSPHRASE, "
    "else asked for).",
)
@click.option(
    "--files-only", is_flag=True, help="Leave the database out (PostgreSQL: back it up with pg_dump)."
)
@click.option(
    "--without-keys", is_flag=True, help="Leave the keys out: the backup cannot be restored without them."
)
@with_appcontext
def backup(dest: Path, passphrase_file: Path | None, files_only: bool, without_keys: bool) -> None:
    """Copy the database (online, consistent), the search index, media and the keys (sealed with a
    passphrase) into the new folder DEST."""
    passphrase = None if without_keys else _passphrase(passphrase_file, confirm=True)
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise click.ClickException(f"Choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters.")
    try:
        copied = run_backup(dest, files_only=files_only)
    except (FileExistsError, NotImplementedError) as err:
        raise click.ClickException(str(err)) from err
    if passphrase is not None:
        seal_keys(current_keys(), passphrase, dest / KEYS_FILE)
        copied.append(f"the keys (sealed with the passphrase, in {KEYS_FILE})")
    click.echo(f"Backed up {', '.join(copied)} to {dest}.")
    if without_keys:
        click.echo(
            "WARNING: the keys were left out. Known identifiers and witness names in this backup can be "
            "read only with this instance's SECRET_KEY (instance/secret_key) and IDENTIFIER_KEY: keep "
            "them safe and apart, or make the backup again with a passphrase.",
            err=True,
        )


@click.command("restore")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File whose first line is the backup's passphrase (else STORY_ARCHIVE_BACKUP_PASSPHRASE, else "
    "asked for).",
)
@click.option(
    "--files-only", is_flag=True, help="Restore the index, media and keys (the database comes apart)."
)
@with_appcontext
def restore(src: Path, passphrase_file: Path | None, files_only: bool) -> None:
    """Restore a backup made by `backup` into this instance, which must hold no stories yet; then start
    the site again."""
    sealed = (src / KEYS_FILE).is_file()
    passphrase = _passphrase(passphrase_file, confirm=False) if sealed else None
    try:
        done = (restore_files if files_only else run_restore)(src, passphrase)
    except ValidationFailed as err:
        raise click.ClickException(err.message) from err
    click.echo(f"Restored {', '.join(done)} from {src}.")
    if not sealed:
        click.echo(
            "WARNING: the backup holds no keys. Set SECRET_KEY (and IDENTIFIER_KEY if it was set apart) to "
            "the old instance's, or known identifiers cannot be read.",
            err=True,
        )
    elif os.environ.get("ARCHIVE_SECRET_KEY") or os.environ.get("ARCHIVE_IDENTIFIER_KEY"):
        click.echo(
            "WARNING: ARCHIVE_SECRET_KEY / ARCHIVE_IDENTIFIER_KEY are set in the environment and win over "
            "the restored keys in the instance folder: unset them, or set them to the restored ones.",
            err=True,
        )
    click.echo("Start the site again (`story-archive serve`); it brings the database up to date first.")


def _passphrase(path: Path | None, confirm: bool) -> str:
    """The backup passphrase: from a file, the environment, or asked for on a terminal."""
    if path is not None:
        lines = path.read_text().splitlines()
        return lines[0] if lines else ""
    if os.environ.get("STORY_ARCHIVE_BACKUP_PASSPHRASE"):
        return os.environ["STORY_ARCHIVE_BACKUP_PASSPHRASE"]
    if not sys.stdin.isatty():
        raise click.ClickException(
            "No terminal to ask for the backup's passphrase: give --passphrase-file or set "
            "STORY_ARCHIVE_BACKUP_PASSPHRASE (or, for a backup, --without-keys)."
        )
    return click.prompt("Passphrase for the backup's keys", hide_input=True, confirmation_prompt=confirm)
