"""Bringing in a partner's collection: a manifest (CSV, one row per story) and a folder of recordings.

Every row is read and checked first, all of it that can be checked without saving: the story's
details and consent terms by the new-story form's own checks (``ingest.stories.check_submission``),
its files by content (``ingest.audio.probe``, with the form's caps), and the manifest's own rules
(a key on every row, each key once, files inside the folder). A dry run stops there and lists each
row's problems. The import then saves each good row on its own, as the form does (the same staging,
consent and transcription job), so one bad row never takes others with it.

A row's key makes it idempotent: the story's submission key is derived from the importing account and
the row's key, so running the same manifest again finds every row saved already and imports nothing
new. New stories' consent cards (code and one-time secret) are rendered on one printable page.

Columns (UTF-8 CSV with a header; lists separated by ";"):
  key, title, language, text | recording, topics, free_tags, warnings, speaker, relatives, village,
  clinic, other_identifiers, uses, material, method, given_on, form_version, witness, comes_of_age_on,
  consent_recording, expires_on, place, storyteller_language, voice_disguise, preview_wanted
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from flask import current_app, render_template
from sqlalchemy import select

from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import Story
from consent.card import consent_card
from consent.forms import start_of
from consent.records import ConsentTerms

from .audio import AudioRejected, Limits, probe
from .consent_recordings import consent_limits
from .stories import TypedStorySubmission, check_submission, ingest_typed_story, stage_each

REQUIRED = ("key", "title", "language", "uses", "material", "method")
OPTIONAL = (
    "text",
    "recording",
    "topics",
    "free_tags",
    "warnings",
    "speaker",
    "relatives",
    "village",
    "clinic",
    "other_identifiers",
    "given_on",
    "form_version",
    "witness",
    "comes_of_age_on",
    "consent_recording",
    "expires_on",
    "place",
    "storyteller_language",
    "voice_disguise",
    "preview_wanted",
)
COLUMNS = REQUIRED + OPTIONAL
MAX_KEY_CHARS = 200
MAX_ROWS = 10_000
YES = ("yes", "y", "true", "1")


class ManifestRefused(Exception):
    """The manifest as a whole cannot be read (not CSV, missing or unknown columns, too many rows)."""


@dataclass
class Row:
    """One manifest row: its line, key, what would be sent, and what is wrong with it."""

    line: int
    key: str
    submission: TypedStorySubmission | None = None
    recording: Path | None = None
    consent_recording: Path | None = None
    problems: list[str] = field(default_factory=list)
    saved_already: bool = False


@dataclass
class Outcome:
    """What one import did: rows imported (with their story and the card's secret), saved before, refused."""

    imported: list[tuple[Row, Story, str]] = field(default_factory=list)
    already: list[Row] = field(default_factory=list)
    refused: list[Row] = field(default_factory=list)


def submission_key(facilitator_id: int, key: str) -> str:
    """The submission key of a row: the same account and row key always give the same story."""
    digest = hashlib.sha256(f"{facilitator_id}\x00{key}".encode()).hexdigest()
    return f"import-{digest[:40]}"


def read_manifest(manifest: Path, folder: Path, facilitator_id: int) -> list[Row]:
    """Read and check every row of ``manifest`` (files under ``folder``); raise ManifestRefused when the
    manifest itself is unusable."""
    rows = []
    seen: dict[str, int] = {}
    for line, raw in _records(manifest):
        row = _row(line, raw, folder.resolve(), facilitator_id)
        if row.key:
            if row.key in seen:
                row.problems.append(f"the key {row.key!r} is used on line {seen[row.key]} already")
                row.saved_already = False  # the story saved under the key is the first line's
            seen.setdefault(row.key, line)
        rows.append(row)
    return rows


def _records(manifest: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in REQUIRED if c not in header]
            unknown = [c for c in header if c not in COLUMNS]
            if missing or unknown:
                raise ManifestRefused(
                    "The manifest's header "
                    + (f"lacks {', '.join(missing)}" if missing else "")
                    + ("; " if missing and unknown else "")
                    + (f"has columns no story takes: {', '.join(unknown)}" if unknown else "")
                    + f". Columns: {', '.join(COLUMNS)}."
                )
            reader.fieldnames = header
            for number, record in enumerate(reader, start=2):
                if number - 1 > MAX_ROWS:
                    raise ManifestRefused(f"The manifest has more than {MAX_ROWS:,} rows; split it.")
                if None in record:
                    record.pop(None)
                    record["__extra__"] = "yes"
                if not any((v or "").strip() for k, v in record.items() if k != "__extra__"):
                    continue  # a blank line
                yield reader.line_num, {k: (v or "").strip() for k, v in record.items()}
    except UnicodeDecodeError as err:
        raise ManifestRefused("The manifest is not UTF-8 text: save it as CSV UTF-8.") from err
    except csv.Error as err:
        raise ManifestRefused(f"The manifest is not a CSV file a spreadsheet writes: {err}") from err


def _items(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _day(value: str, column: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{column}: {value!r} is not a date written as YYYY-MM-DD")
        return None


def _file(value: str, column: str, folder: Path, problems: list[str]) -> Path | None:
    if not value:
        return None
    path = (folder / value).resolve()
    if not path.is_relative_to(folder):
        problems.append(f"{column}: {value!r} is outside the folder")
        return None
    if not path.is_file():
        problems.append(f"{column}: no file {value!r} in the folder")
        return None
    return path


def _row(line: int, raw: dict[str, str], folder: Path, facilitator_id: int) -> Row:
    problems: list[str] = []
    key = raw.get("key", "")
    if raw.get("__extra__"):
        problems.append("the row has more cells than the header has columns")
    if not key:
        problems.append("key: every row needs a key of its own (it makes running the import again safe)")
    elif len(key) > MAX_KEY_CHARS:
        problems.append(f"key: longer than {MAX_KEY_CHARS} characters")
    recording = _file(raw.get("recording", ""), "recording", folder, problems)
    consent_recording = _file(raw.get("consent_recording", ""), "consent_recording", folder, problems)
    given_on = _day(raw.get("given_on", ""), "given_on", problems)
    expires_on = _day(raw.get("expires_on", ""), "expires_on", problems)
    known = [("speaker", raw.get("speaker", ""))] if raw.get("speaker") else []
    known += [("relative", v) for v in _items(raw.get("relatives", ""))]
    known += [(role, raw[role]) for role in ("village", "clinic") if raw.get(role)]
    known += [("other", v) for v in _items(raw.get("other_identifiers", ""))]
    sub = TypedStorySubmission(
        submission_key=submission_key(facilitator_id, key),
        title=raw.get("title", ""),
        text=raw.get("text", ""),
        language=raw.get("language", "").lower(),
        topic_slugs=_items(raw.get("topics", "")),
        free_tags=_items(raw.get("free_tags", "")),
        warning_slugs=_items(raw.get("warnings", "")),
        known=tuple(known),
        consent=ConsentTerms(
            purposes=frozenset(_items(raw.get("uses", ""))),
            modalities=frozenset(_items(raw.get("material", ""))),
            method=raw.get("method", ""),
            witness=raw.get("witness", ""),
            form_version=raw.get("form_version", "") or current_app.config["CONSENT_FORM_VERSION"],
            given_at=start_of(given_on),
            expires_at=datetime.combine(expires_on, time.min) if expires_on else None,
            comes_of_age_on=_day(raw.get("comes_of_age_on", ""), "comes_of_age_on", problems),
            place=raw.get("place", ""),
            storyteller_language=raw.get("storyteller_language", "").lower(),
            voice_disguise=raw.get("voice_disguise", "").lower() in YES,
            preview_wanted=raw.get("preview_wanted", "").lower() in YES,
        ),
    )
    row = Row(line, key, sub, recording, consent_recording, problems)
    if key and db.session.scalar(select(Story.id).where(Story.submission_key == sub.submission_key)):
        row.saved_already = True
        return row
    # A recording named but missing is reported above; the row still counts as a recorded story.
    has_recording, has_consent = bool(raw.get("recording")), bool(raw.get("consent_recording"))
    for name, messages in check_submission(sub, has_recording, has_consent).items():
        problems.extend(f"{_column(name)}: {m}" for m in messages)
    for path, column, limits in (
        (recording, "recording", Limits.from_config(current_app.config)),
        (consent_recording, "consent_recording", consent_limits(current_app.config)),
    ):
        if path is not None:
            try:
                probe(path, limits)
            except AudioRejected as err:
                problems.append(f"{column}: {err.message}")
    return row


# Where a check's reasons point, as the manifest names the column.
_COLUMNS = {
    "consent_purposes": "uses",
    "consent_modalities": "material",
    "consent_method": "method",
    "consent_witness": "witness",
    "consent_form_version": "form_version",
    "consent_given_at": "given_on",
    "consent_expires_at": "expires_on",
    "consent_comes_of_age_on": "comes_of_age_on",
    "consent_place": "place",
    "consent_storyteller_language": "storyteller_language",
    "consent_voice_disguise": "voice_disguise",
    "tags": "topics",
    "known": "identifiers",
    "": "row",
}


def _column(name: str) -> str:
    return _COLUMNS.get(name, name)


def import_rows(rows: list[Row], facilitator_id: int) -> Outcome:
    """Save each good row that is not saved already, each in its own transaction, as the new-story
    form saves a story (recordings staged by content, consent granted, transcription queued)."""
    outcome = Outcome()
    for row in rows:
        if row.saved_already:
            outcome.already.append(row)
            continue
        if row.problems or row.submission is None:
            outcome.refused.append(row)
            continue
        try:
            outcome.imported.append((row, *_save(row, facilitator_id)))
        except ValidationFailed as err:
            db.session.rollback()
            row.problems.extend(f"{_column(k)}: {m}" for k, ms in err.reasons.items() for m in ms)
            outcome.refused.append(row)
    return outcome


def _save(row: Row, facilitator_id: int) -> tuple[Story, str]:
    streams = [open(p, "rb") if p else None for p in (row.recording, row.consent_recording)]  # noqa: SIM115
    try:
        staged, reasons = stage_each(*streams)
    finally:
        for stream in streams:
            if stream is not None:
                stream.close()
    if reasons:
        staged.discard()
        raise ValidationFailed(reasons)
    result = ingest_typed_story(row.submission, facilitator_id, staged.recording, staged.consent_recording)
    if result.secret is None:  # saved meanwhile by another run of the same manifest
        row.saved_already = True
        raise ValidationFailed({"row": ["saved by another import running at the same time"]})
    return result.story, result.secret


def cards_page(outcome: Outcome) -> str:
    """One printable page with the consent card of every story this import brought in."""
    cards = [(row, story, consent_card(story, secret)) for row, story, secret in outcome.imported]
    return render_template("ingest/import_cards.html", cards=cards)
