"""Commands for speech: ``transcribe`` one recording, and ``models`` (list, install, add).

Registered by the app shell (``archive.shell.commands``). Vosk itself is loaded only when a recording
is transcribed, so starting the application does not load it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from archive.crypto import format_code
from archive.errors import ArchiveError
from archive.extensions import db
from archive.languages import is_language, language_name
from archive.models import Role, User, utcnow

from . import bulk_import
from .audio import Limits
from .audio_jobs import resume_waiting_for
from .speech_models import CATALOGUE, add, install, installed, locate, models_folder, registrations
from .transcription import transcribe_file


def _language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    code = value.strip().lower()
    if not is_language(code):
        raise click.BadParameter(f"{value!r} is not an ISO 639-1 language code (such as en, ko, hi, sw).")
    return code


@contextmanager
def _progress_bar(label: str, length: int) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback that moves a progress bar on a terminal's stderr, or None off a terminal
    (so logs and pipes stay clean)."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        shown = 0

        def advance(to: int) -> None:
            nonlocal shown
            if to > shown:
                bar.update(to - shown)
                shown = to

        yield advance


def _download_reporter() -> Callable[[int, int | None], None] | None:
    """A callback that shows megabytes downloaded on a terminal's stderr (the total is known only
    once the server answers), or None off a terminal."""
    if not sys.stderr.isatty():
        return None
    last = -1

    def report(done: int, total: int | None) -> None:
        nonlocal last
        tenth = done * 10 // 2**20  # redraw every 0.1 MB at most
        if tenth != last:
            last = tenth
            of = f" of {total / 2**20:.1f}" if total else ""
            click.echo(f"\rDownloading {done / 2**20:.1f}{of} MB", nl=False, err=True)

    return report


@click.command("transcribe")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--language",
    "-l",
    "lang",
    required=True,
    callback=_language,
    help="ISO 639-1 code of the language spoken (en, ko, hi, ...).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print JSON: {"text", "words": [{"word", "start", "end", "conf"}], "duration"} (seconds).',
)
@with_appcontext
def transcribe(file: Path, lang: str, as_json: bool) -> None:
    """Transcribe one recording offline, through the same decoding and recognition as an upload."""
    limits = Limits.from_config(current_app.config)
    with _progress_bar("Transcribing", 1000) as advance:
        report = (lambda f: advance(round(f * 1000))) if advance else None
        try:
            transcript = transcribe_file(file, lang, limits, progress=report)
        except ArchiveError as err:  # no model, a refused recording, ffmpeg missing: say so and fail
            raise click.ClickException(err.message) from err
    if as_json:
        click.echo(json.dumps(transcript.as_json(), ensure_ascii=False))
    else:
        click.echo(transcript.text)


@click.group("models")
def models() -> None:
    """Speech models: list them, install one from Vosk, or add a model folder already on disk."""


@models.command("list")
@with_appcontext
def list_models() -> None:
    """Show the models that can transcribe, and the ones that can be installed."""
    click.echo(f"Models folder: {models_folder()}")
    usable = installed()
    seen: set[str] = set()
    if usable:
        click.echo("\nInstalled (the first of each language is used):")
        for model in usable:
            used = "" if model.lang in seen else "  (used)"
            seen.add(model.lang)
            click.echo(
                f"  {model.lang}  {language_name(model.lang):<12} {model.source:<9} {model.path}{used}"
            )
    else:
        click.echo("\nNo speech model is installed: recordings wait until one is.")
    broken = [r for r in registrations() if r.problems]
    if broken:
        click.echo("\nAdded but not usable now:")
        for reg in broken:
            click.echo(f"  {reg.lang}  {reg.path}: {'; '.join(reg.problems)}")
    available = [m for lang, m in sorted(CATALOGUE.items()) if lang not in seen]
    if available:
        click.echo("\nAvailable (story-archive models install LANG):")
        for entry in available:
            note = "" if entry.sha256 else "  (checksum not known: needs --sha256)"
            click.echo(
                f"  {entry.lang}  {language_name(entry.lang):<12} {entry.name}  ~{entry.approx_mb} MB{note}"
            )


@models.command("install")
@click.argument("lang", callback=_language)
@click.option("--sha256", help="SHA-256 of the model's zip; required where the catalogue has none.")
@click.option("--url", help="Download from this address (a mirror) instead of Vosk's site.")
@click.option(
    "--archive",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Install a model zip already on this machine (e.g. from a USB stick) instead of downloading.",
)
@with_appcontext
def install_model(lang: str, sha256: str | None, url: str | None, archive: Path | None) -> None:
    """Download, verify and install the Vosk model for LANG; an interrupted download resumes."""
    report = _download_reporter()
    try:
        result = install(lang, sha256=sha256, url=url, archive=archive, progress=report)
    except ArchiveError as err:
        raise click.ClickException(err.message) from err
    finally:
        if report:
            click.echo(err=True)  # end the progress line
    if result.already_installed:
        click.echo(f"{result.name} is already installed for {language_name(lang)} ({lang}) in {result.path}.")
    else:
        click.echo(f"Installed {result.name} for {language_name(lang)} ({lang}) in {result.path}.")
    used = locate(lang)
    if used is not None and used.path != result.path:
        click.echo(
            f"Note: {lang} is transcribed with the model {used.source} at {used.path}, which comes first."
        )
    _resume_waiting(lang)


@models.command("add")
@click.argument("lang", callback=_language)
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def add_model(lang: str, path: Path) -> None:
    """Use the Vosk model folder at PATH (already unpacked on this machine) for LANG."""
    try:
        model = add(lang, path)
    except ArchiveError as err:
        raise click.ClickException(err.message) from err
    click.echo(f"Added {model.path} as the speech model for {language_name(lang)} ({lang}).")
    _resume_waiting(lang)


def _resume_waiting(lang: str) -> None:
    """Queue the recordings that waited for this language's model, and say how many."""
    count = resume_waiting_for(lang)
    if count:
        plural = "s" if count != 1 else ""
        click.echo(f"{count} recording{plural} waiting for this model queued for transcription.")


@click.command("import")
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--as", "account", required=True, help="E-mail of the facilitator (or admin) bringing the stories in."
)
@click.option("--dry-run", is_flag=True, help="Check every row and list each one's problems; save nothing.")
@click.option(
    "--cards",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the printable page of the new stories' consent cards "
    "(default: beside the manifest, MANIFEST-cards-TIME.html). It holds the one-time secrets.",
)
@click.option(
    "--site-url",
    default="http://localhost:5000",
    show_default=True,
    help="The archive's public address, printed on the consent cards.",
)
@with_appcontext
def import_manifest(
    manifest: Path, folder: Path, account: str, dry_run: bool, cards: Path | None, site_url: str
) -> None:
    """Bring in a partner's collection: MANIFEST.csv (one row per story) and the FOLDER of recordings.

    Every row is checked first; a dry run lists each row's problems. Each good row is then saved on
    its own, like the new-story form, and a row saved before (by its key) is not saved again. Prints
    a report; writes the new consent cards on one printable page. Columns: see ingest.bulk_import.
    """
    user = db.session.scalar(select(User).where(User.email == account.strip().lower()))
    if user is None or user.role not in (Role.FACILITATOR, Role.ADMIN):
        raise click.ClickException(f"{account} is no facilitator's or admin's account here.")
    try:
        rows = bulk_import.read_manifest(manifest, folder, user.id)
    except bulk_import.ManifestRefused as err:
        raise click.ClickException(str(err)) from err
    if dry_run:
        bad = [r for r in rows if r.problems and not r.saved_already]
        for row in rows:
            state = "saved before" if row.saved_already else ("refused" if row.problems else "ready")
            click.echo(f"line {row.line} ({row.key or 'no key'}): {state}")
            for problem in row.problems if not row.saved_already else ():
                click.echo(f"    {problem}")
        ready = sum(1 for r in rows if not r.problems and not r.saved_already)
        saved = sum(1 for r in rows if r.saved_already)
        click.echo(
            f"Dry run: {len(rows)} rows; {ready} ready, {saved} saved before, {len(bad)} with problems."
        )
        if bad:
            sys.exit(1)
        return
    outcome = bulk_import.import_rows(rows, user.id)
    for row, story, _secret in outcome.imported:
        click.echo(
            f"line {row.line} ({row.key}): imported as story {story.id}, consent code "
            f"{format_code(story.consent.code)}"
        )
    for row in outcome.already:
        click.echo(f"line {row.line} ({row.key}): saved before, not imported again")
    for row in outcome.refused:
        click.echo(f"line {row.line} ({row.key or 'no key'}): refused")
        for problem in row.problems:
            click.echo(f"    {problem}")
    click.echo(
        f"Imported {len(outcome.imported)}, saved before {len(outcome.already)}, "
        f"refused {len(outcome.refused)} (of {len(rows)} rows)."
    )
    if outcome.imported:
        target = cards or manifest.with_name(f"{manifest.stem}-cards-{utcnow():%Y%m%d-%H%M%S}.html")
        with current_app.test_request_context(base_url=site_url):
            page = bulk_import.cards_page(outcome)
        # The page holds every new secret: readable by its owner alone, and never overwritten.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        click.echo(
            f"Consent cards for the {len(outcome.imported)} new stories: {target} (print it, then delete it)."
        )
    if outcome.refused:
        sys.exit(1)
