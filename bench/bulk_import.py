"""Bulk import benchmark: a partner's collection of 200 rows, typed and recorded mixed, 10 broken.

On a fresh instance in a temporary folder, through the real command line (``story-archive import``):
the dry run must name every broken row (and only those), the import must bring in exactly the 190
good ones, and running it again must import nothing new. Prints what each run said and its time.

Usage: ``python bench/bulk_import.py [--rows 200] [--recorded-every 3]`` (``make bench-import``).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RECORDING = ROOT / "tests" / "fixtures" / "audio" / "clinic_visit.ogg"
EMAIL = "partner-import@example.org"
HEADER = ["key", "title", "language", "text", "recording", "topics", "free_tags", "speaker", "uses",
          "material", "method", "given_on", "form_version", "witness"]  # fmt: skip
TEXT = "The clinic was far. My mother walked with me before dawn, and the nurse was kind to us."
# Ten rows broken in ten ways: the change to a good row.
BROKEN = [
    {"key": ""},
    {"key": "row-0001"},
    {"recording": "audio/nowhere.ogg", "text": ""},
    {"recording": "audio/not-audio.ogg", "text": ""},
    {"uses": ""},
    {"language": "xx1"},
    {"recording": "audio/story-1.ogg"},
    {"recording": "../outside.ogg", "text": ""},
    {"given_on": "31/12/2025"},
    {"method": "thumbprint"},
]


def good_row(i: int, recorded: bool) -> dict:
    return {
        "key": f"row-{i:04d}",
        "title": f"Story {i}",
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


def collection(base: Path, rows: int, every: int) -> tuple[Path, Path, set[int]]:
    folder = base / "collection"
    (folder / "audio").mkdir(parents=True)
    shutil.copy(RECORDING, base / "outside.ogg")
    (folder / "audio" / "not-audio.ogg").write_text("a letter, not a recording\n" * 50)
    records = []
    for i in range(1, rows - len(BROKEN) + 1):
        recorded = i % every == 1
        if recorded:
            shutil.copy(RECORDING, folder / "audio" / f"story-{i}.ogg")
        records.append(good_row(i, recorded))
    for n, change in enumerate(BROKEN):
        position = (n + 1) * len(records) // (len(BROKEN) + 1)  # spread through the manifest
        records.insert(position, {**good_row(9000 + n, False), **change})
    # Line numbers count the header as line 1; the broken rows are titled "Story 900n".
    broken_lines = {line for line, r in enumerate(records, start=2) if r["title"].startswith("Story 900")}
    manifest = base / "partner.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, HEADER)
        writer.writeheader()
        writer.writerows(records)
    return manifest, folder, broken_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--recorded-every", type=int, default=3, help="one row in N is a recording")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        base = Path(tmp)
        env = {
            **os.environ,
            "ARCHIVE_INSTANCE_PATH": str(base / "instance"),
            "ARCHIVE_MEDIA_ROOT": str(base / "media"),
            "STORY_ARCHIVE_PASSWORD": "bench import password",
        }
        cli = str(BIN / "story-archive")
        subprocess.run([cli, "init"], env=env, check=True, capture_output=True)
        subprocess.run(
            [cli, "create-user", EMAIL, "--role", "facilitator"], env=env, check=True, capture_output=True
        )
        manifest, folder, broken = collection(base, args.rows, args.recorded_every)
        recorded = len(list((folder / "audio").glob("story-*.ogg")))
        print(f"manifest: {args.rows} rows, {recorded} recorded, {len(broken)} broken")

        def run(*extra: str) -> tuple[str, float]:
            started = time.monotonic()
            done = subprocess.run(
                [cli, "import", str(manifest), str(folder), "--as", EMAIL, *extra],
                env=env,
                capture_output=True,
                text=True,
            )
            return done.stdout + done.stderr, time.monotonic() - started

        dry, dry_s = run("--dry-run")
        named = {int(m) for m in re.findall(r"^line (\d+) \([^)]*\): refused$", dry, re.M)}
        print(
            f"dry run: {dry_s:.1f} s; {len(named)} rows named refused; "
            f"exactly the broken ones: {named == broken}"
        )
        print("  " + dry.strip().splitlines()[-1])
        first, first_s = run("--cards", str(base / "cards.html"))
        summary = first.strip().splitlines()
        print(f"import: {first_s:.1f} s; " + next(line for line in summary if line.startswith("Imported")))
        again, again_s = run()
        print(
            f"again: {again_s:.1f} s; "
            + next(line for line in again.splitlines() if line.startswith("Imported"))
        )
        cards = (base / "cards.html").read_text().count('class="consent-card"')
        print(f"consent cards on the printable page: {cards}")
        good = args.rows - len(BROKEN)
        ok = (
            named == broken
            and f"Imported {good}, saved before 0, refused {len(BROKEN)}" in first
            and f"Imported 0, saved before {good}, refused {len(BROKEN)}" in again
            and cards == good
        )
        print("PASS" if ok else "MISS")


if __name__ == "__main__":
    main()
