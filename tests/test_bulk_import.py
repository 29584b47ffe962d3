"""``story-archive import MANIFEST.csv FOLDER``: a partner's collection of typed and recorded stories, ten
rows broken in different ways. The dry run names every broken row and why, and saves nothing; the
import brings in exactly the good rows (recordings checked by content and queued like uploads) and
writes their consent cards on one printable page; running it again imports nothing new.
Real CLI runner, real ffmpeg, a SQLite file."""

from __future__ import annotations

import csv
import re
import shutil
import stat

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import Job, MediaFile, MediaKind, Story
from tests.fixtures.audio import fixture

HEADER = ["key", "title", "language", "text", "recording", "topics", "free_tags", "speaker", "uses",
          "material", "method", "given_on", "form_version", "witness"]  # fmt: skip
TEXT = "The clinic was far. My mother walked with me before dawn, and the nurse was kind to us."


def good_row(i: int, recorded: bool) -> dict:
    return {
        "key": f"partner-{i:03d}",
        "title": f"Story number {i}",
        "language": "sw" if recorded else "en",
        "text": "" if recorded else TEXT,
        "recording": f"audio/story-{i}.ogg" if recorded else "",
        "topics": "diagnosis",
        "free_tags": "walking; dawn",
        "speaker": "Amina Yusuf",
        "uses": "teaching; research",
        "material": "text; audio" if recorded else "text",
        "method": "signed",
        "given_on": "2025-11-03",
        "form_version": "partner-2025",
        "witness": "",
    }


# Ten broken rows, each wrong in its own way: (what it breaks, what the report must say).
BROKEN = [
    ({"key": ""}, "every row needs a key"),
    ({"key": "partner-001"}, "is used on line 2 already"),
    ({"recording": "audio/nowhere.ogg", "text": ""}, "no file 'audio/nowhere.ogg'"),
    ({"recording": "audio/not-audio.ogg", "text": ""}, "recording:"),
    ({"uses": ""}, "uses:"),
    ({"language": "xx1"}, "language:"),
    ({"recording": "audio/story-1.ogg"}, "either a recording or a typed text"),
    ({"recording": "../outside.ogg", "text": ""}, "outside the folder"),
    ({"given_on": "31/12/2025"}, "not a date"),
    ({"method": "thumbprint"}, "witness:"),
]


@pytest.fixture
def collection(tmp_path):
    """A manifest of 20 good rows (6 recorded) and the 10 broken ones, with its folder."""
    folder = tmp_path / "collection"
    (folder / "audio").mkdir(parents=True)
    (tmp_path / "outside.ogg").write_bytes(fixture("clinic_visit.ogg").read_bytes())
    (folder / "audio" / "not-audio.ogg").write_text("a letter, not a recording\n" * 50)
    rows = []
    for i in range(1, 21):
        recorded = i % 10 in (1, 4, 7)
        if recorded:
            shutil.copy(fixture("clinic_visit.ogg"), folder / "audio" / f"story-{i}.ogg")
        rows.append(good_row(i, recorded))
    broken_lines = {}
    for n, (change, reason) in enumerate(BROKEN):
        row = {**good_row(100 + n, False), **change}
        rows.append(row)
        broken_lines[len(rows) + 1] = reason  # line numbers count the header as line 1
    manifest = tmp_path / "partner.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return manifest, folder, broken_lines


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        result = (
            db.session.scalar(select(func.count()).select_from(Story)),
            db.session.scalar(
                select(func.count()).select_from(MediaFile).where(MediaFile.kind == MediaKind.ORIGINAL)
            ),
            db.session.scalar(select(func.count()).select_from(Job)),
        )
        db.session.remove()
    return result


def run(runner, manifest, folder, email, *extra):
    return runner.invoke(args=["import", str(manifest), str(folder), "--as", email, *extra])


def test_dry_run_names_every_broken_row_and_saves_nothing(app, runner, make_user, collection):
    manifest, folder, broken = collection
    email = make_user("facilitator")

    result = run(runner, manifest, folder, email, "--dry-run")

    assert result.exit_code == 1, result.output
    report = result.output
    for line, reason in broken.items():
        block = re.search(rf"^line {line} \([^)]*\): refused\n((?:    .*\n)+)", report, re.M)
        assert block, f"line {line} is not reported as refused:\n{report}"
        assert reason in block.group(1), f"line {line}: {reason!r} not in {block.group(1)!r}"
    assert report.count(": ready") == 20
    assert "30 rows; 20 ready, 0 saved before, 10 with problems." in report
    assert counts(app) == (0, 0, 0)


def test_import_brings_in_the_good_rows_once_with_their_cards(app, runner, make_user, collection, tmp_path):
    manifest, folder, broken = collection
    email = make_user("facilitator")
    cards = tmp_path / "cards.html"

    first = run(
        runner, manifest, folder, email, "--cards", str(cards), "--site-url", "https://archive.example"
    )

    assert first.exit_code == 1, first.output  # ten rows refused
    assert "Imported 20, saved before 0, refused 10 (of 30 rows)." in first.output
    assert counts(app) == (20, 6, 6)  # six recordings, each staged by content and queued
    page = cards.read_text()
    assert stat.S_IMODE(cards.stat().st_mode) == 0o600
    assert page.count('class="consent-card"') == 20 and "https://archive.example/consent/" in page
    with app.app_context():
        codes = {s.consent.code for s in db.session.scalars(select(Story))}
        audio = db.session.scalars(select(Story).where(Story.kind == "audio")).all()
        assert {s.title for s in audio} == {f"Story number {i}" for i in (1, 4, 7, 11, 14, 17)}
        db.session.remove()
    assert all(f"{c[:4]}-{c[4:]}" in page for c in codes)
    assert "Amina" not in first.output  # no identifier in the report

    again = run(runner, manifest, folder, email)
    assert "Imported 0, saved before 20, refused 10 (of 30 rows)." in again.output
    assert counts(app) == (20, 6, 6)
    dry = run(runner, manifest, folder, email, "--dry-run")
    assert "30 rows; 0 ready, 20 saved before, 10 with problems." in dry.output


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("key,title,language\n", "lacks uses, material, method"),
        ("key,title,language,uses,material,method,colour\n", "has columns no story takes: colour"),
    ],
)
def test_a_manifest_that_is_not_one_is_refused_whole(app, runner, make_user, tmp_path, header, message):
    manifest = tmp_path / "m.csv"
    manifest.write_text(header)
    result = run(runner, manifest, tmp_path, make_user("facilitator"))
    assert result.exit_code != 0 and message in result.output


def test_only_a_facilitator_or_admin_imports(app, runner, make_user, collection):
    manifest, folder, _ = collection
    result = run(runner, manifest, folder, make_user("educator"))
    assert result.exit_code != 0 and "no facilitator's or admin's account" in result.output
