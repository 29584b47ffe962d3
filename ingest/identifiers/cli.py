"""``redact-spans`` and ``redact-eval``: identifier detection from the command line, on JSONL files.

Neither needs the database or the web application: they read records, run :func:`detect`, and write
to stdout. Every record that holds a text is answered: an odd language code runs the recognisers
every language gets, unusable ``known`` entries are left out (and said so on stderr). A line without
a usable text (not JSON, not an object, no "text" string) is answered on stdout by an error record
in its place, ``{"id", "line", "error"}``, and on stderr; the command then ends with exit status 1,
so a pipeline notices, and every good line has still been answered.

A record may name its ``"country"`` (ISO 3166, "KE"); ``--phone-regions KE,TZ`` names the countries
whose phone numbers to expect in every record (the ``PHONE_REGIONS`` setting of the site).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from typing import IO

import click

from . import detect
from .evaluate import Score, score_record

LANGUAGE_HELP = "Language of records that do not name one."


class BadRecord(ValueError):
    """A line that is not a record this command can read (with the record's id when it had one)."""

    def __init__(self, message: str, record_id: object = None) -> None:
        super().__init__(message)
        self.record_id = record_id


def _records(stream: IO[str]) -> Iterator[tuple[int, dict | BadRecord]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, BadRecord(f"not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield number, BadRecord('a record is an object with a "text" string')
            continue
        if isinstance(record.get("id"), dict | list):
            record["id"] = json.dumps(record["id"])  # kept, as text
        if not isinstance(record.get("text"), str):
            yield number, BadRecord('a record is an object with a "text" string', record.get("id"))
            continue
        yield number, record


def _known(record: dict) -> tuple[list[tuple[str, str]], int]:
    """Known identifiers as (role, value): ["Jomo"], [["speaker", "Jomo"]] or [{"role", "value"}];
    with the number of entries that were none of these and were left out."""
    items = record.get("known") or []
    if isinstance(items, str | dict):
        items = [items]
    if not isinstance(items, list):
        return [], 1
    out, unusable = [], 0
    for item in items:
        if isinstance(item, str):
            out.append(("other", item))
        elif isinstance(item, dict) and isinstance(item.get("value"), str):
            out.append((str(item.get("role") or "other"), item["value"]))
        elif isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            out.append((item[0], item[1]))
        else:
            unusable += 1
    return out, unusable


def _language(record: dict, default: str) -> str:
    """The record's language, or ``default``; a code no recogniser knows runs the universal ones."""
    language = record.get("language")
    return language.strip() if isinstance(language, str) and language.strip() else default


def _country(record: dict) -> str | None:
    """The story's country (ISO 3166 alpha-2, e.g. "KE"), when the record gives one."""
    country = record.get("country")
    return country.strip().upper() if isinstance(country, str) and len(country.strip()) == 2 else None


def _regions(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    regions = tuple(r.strip().upper() for r in (value or "").split(",") if r.strip())
    bad = [r for r in regions if len(r) != 2 or not r.isalpha()]
    if bad:
        raise click.BadParameter(f"not ISO 3166 country codes: {', '.join(bad)}")
    return regions


REGIONS_OPTION = click.option(
    "--phone-regions",
    default="",
    callback=_regions,
    help='Countries whose phone numbers to expect, e.g. KE,TZ (besides a record\'s "country" and '
    "where its language is spoken).",
)


def _complain(source: str, number: int, error: Exception, what: str = "skipped") -> None:
    click.echo(f"{source}:{number}: {what}: {error}", err=True)


@click.command("redact-spans")
@click.argument("infile", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option(
    "--language", "default_language", default="en", show_default=True, help="For records without one."
)
@REGIONS_OPTION
def redact_spans(infile: IO[str], default_language: str, phone_regions: tuple[str, ...]) -> None:
    """Find identifiers in each record of INFILE (JSONL, - for stdin) and print their spans.

    Each line in: {"id", "text", ["language"], ["known"]}. Each line out: {"id", "spans": [{"start",
    "end", "type"}]}, end-exclusive character offsets into "text"; for a line without a usable text,
    {"id", "line", "error"} in its place.
    """
    bad = 0
    for number, record in _records(infile):
        if isinstance(record, BadRecord):
            _complain(infile.name, number, record)
            out = {"id": record.record_id, "line": number, "error": str(record)}
            sys.stdout.write(json.dumps(out) + "\n")
            bad += 1
            continue
        known, unusable = _known(record)
        if unusable:
            _complain(
                infile.name, number, BadRecord(f'{unusable} "known" entries left out: not text'), "note"
            )
        language = _language(record, default_language)
        spans = detect(record["text"], language, known, regions=phone_regions, country=_country(record))
        out = {
            "id": record.get("id"),
            "spans": [{"start": s.start, "end": s.end, "type": s.kind} for s in spans],
        }
        sys.stdout.write(json.dumps(out) + "\n")
    if bad:
        raise click.exceptions.Exit(1)


@click.command("redact-eval")
@click.argument("infile", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option(
    "--language", "default_language", default="en", show_default=True, help="For records without one."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@REGIONS_OPTION
def redact_eval(
    infile: IO[str], default_language: str, as_json: bool, phone_regions: tuple[str, ...]
) -> None:
    """Score detection against the labelled spans in INFILE (the format of shared/data/deid).

    Prints token recall and precision, F2, documents with a missed identifier token, hard negatives
    (records with no spans) flagged, and characters per second of detection on one core.
    """
    score = Score()
    bad = 0
    elapsed = 0.0
    for number, record in _records(infile):
        try:
            if isinstance(record, BadRecord):
                raise record
            gold = record.get("spans")
            if not isinstance(gold, list) or not all(_is_span(s, len(record["text"])) for s in gold):
                raise BadRecord('"spans" is a list of {"start", "end", "type"} inside the text')
            language, (known, _) = _language(record, default_language), _known(record)
        except BadRecord as exc:
            _complain(infile.name, number, exc)
            bad += 1
            continue
        began = time.perf_counter()
        found = detect(record["text"], language, known, regions=phone_regions, country=_country(record))
        elapsed += time.perf_counter() - began
        score_record(score, record["text"], gold, [(s.start, s.end) for s in found])
    figures = score.as_dict()
    figures["characters"] = score.characters
    figures["characters_per_second"] = int(score.characters / elapsed) if elapsed else None
    figures["skipped_lines"] = bad
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for key, value in figures.items():
            click.echo(f"{key:32} {value}")
    if bad:
        raise click.exceptions.Exit(1)


def _is_span(span: object, length: int) -> bool:
    return (
        isinstance(span, dict)
        and isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
        and 0 <= span["start"] < span["end"] <= length
        and isinstance(span.get("type"), str)
    )
