"""Identifier detection benchmark: the scores of the project's method on the labelled development data,
per language and style, and its speed.

Files (see ``../shared/data/deid/README.md``):
- ``dev-written.jsonl`` and ``dev-spoken.jsonl``: the same 2,025 English records in two styles;
- ``multilingual-dev.jsonl``: story lines in eight languages (sw, fr, es, pt, hi, ne, ko, en), each
  written and spoken; scored per language and style, each record with its own language and ``known``.

Each record goes through ``ingest.identifiers.detect`` and is scored the way the project is scored
(``ingest/identifiers/evaluate.py``): token recall, token precision, F2, documents with a missed
identifier token, and hard negatives flagged. Speed is characters of text per second of detection in
this one process (one core), over ``--repeats`` timed passes after the scored pass (which is also the
warm-up: word lists loaded), reported as the median pass. ``--scaling`` also times detection on one
text made ever longer (10,000 to 200,000 characters, with and without full stops): the rate should
stay flat, as time linear in the text.

Targets (issues 4 and 12): token recall >= 0.99 written and >= 0.98 spoken on the English files,
>= 0.97 in every language and style of the multilingual file; token precision >= 0.70 written and
>= 0.60 spoken; >= 200,000 characters per second per core. Each is printed with PASS or MISS.

Any other ``*.jsonl`` file in ``--data`` is scored the same way, grouped by language, ``set`` (when a
record names one, e.g. ``clinical``) and style: ``--data tests/data/heldout`` scores the project's own
held-out lines (``tests/data/heldout/README.md``). ``--misses`` prints, per group, each missed gold
token and each wrongly flagged token with its line, to find causes.

Usage: ``python bench/redaction.py [--repeats 3] [--data DIR] [--only en,sw] [--misses] [--scaling]``;
``make bench-redaction``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.identifiers import detect  # noqa: E402
from ingest.identifiers.evaluate import TOKEN, Score, score_record  # noqa: E402
from ingest.identifiers.lexicon import english  # noqa: E402

RECALL = {"written": 0.99, "spoken": 0.98}  # the English files
RECALL_MULTILINGUAL = 0.97
PRECISION = {"written": 0.70, "spoken": 0.60}
CHARS_PER_SECOND = 200_000


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def known(record: dict) -> list[tuple[str, str]]:
    return [(role, value) for role, value in record.get("known") or []]


def run(records: list[dict], repeats: int, misses: bool = False) -> tuple[Score, list[float]]:
    score = Score()
    for record in records:  # the scored pass, also the warm-up
        language = record.get("language") or "en"
        found = detect(record["text"], language, known(record))
        predicted = [(s.start, s.end) for s in found]
        score_record(score, record["text"], record["spans"], predicted)
        if misses:
            show_misses(record, predicted)
    rates = []
    for _ in range(repeats):
        began = time.process_time()
        for record in records:
            detect(record["text"], record.get("language") or "en", known(record))
        rates.append(score.characters / max(time.process_time() - began, 1e-9))
    return score, rates


def show_misses(record: dict, predicted: list[tuple[int, int]]) -> None:
    """Print the gold tokens missed and the tokens wrongly flagged in one record, with its text."""
    text = record["text"]
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]

    def overlaps(span: tuple[int, int], spans) -> bool:
        return any(span[0] < e and s < span[1] for s, e in spans)

    gold = [(s["start"], s["end"]) for s in record["spans"]]
    missed = [text[s:e] for s, e in tokens if overlaps((s, e), gold) and not overlaps((s, e), predicted)]
    wrong = [
        text[s:e]
        for s, e in predicted
        if any(overlaps(t, [(s, e)]) and not overlaps(t, gold) for t in tokens)
    ]
    if missed or wrong:
        print(f"  {record['id']}: {text}")
        if missed:
            print(f"      missed: {' '.join(missed)}")
        if wrong:
            print(f"      flagged: {' | '.join(wrong)}")


def mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def row(label: str, score: Score, rate: float, recall_target: float, style: str) -> tuple[str, int]:
    recall_ok = score.recall >= recall_target
    precision_ok = score.precision >= PRECISION[style]
    rate_ok = rate >= CHARS_PER_SECOND or not rate  # no timed pass (--repeats 0): speed not judged
    speed = f"{rate:>11,.0f} {mark(rate_ok)}" if rate else f"{'-':>11}"
    line = (
        f"{label:19} {score.documents:5} {score.recall:7.4f} {mark(recall_ok)} {score.precision:7.4f} "
        f"{mark(precision_ok)} {score.leaking:4}/{score.documents:<5} "
        f"{score.negatives_flagged:3}/{score.negatives:<4} {speed}"
    )
    return line, (not recall_ok) + (not precision_ok) + (not rate_ok)


def scaling() -> None:
    """Characters per second on one text made longer: flat when time is linear in the text."""
    piece = (
        "the nurse said o and o again and my number is zero seven two two four five six seven eight nine "
        "we went to the clinic on the fourth of march two thousand nineteen "
    )
    print("\nscaling: one text made longer (characters per second should stay flat)")
    for language in ("en", "sw", "ko"):
        detect(piece, language)  # warm-up: word lists loaded
        rates = []
        for size in (10_000, 50_000, 200_000):
            for stops in (False, True):
                text = (piece * (size // len(piece) + 1))[:size]
                if stops:
                    text = text.replace(" we went", ". We went")
                began = time.process_time()
                detect(text, language)
                rates.append(
                    f"{size:>7,}{'.' if stops else ' '} {size / (time.process_time() - began):>10,.0f}"
                )
        print(f"  {language}: " + " | ".join(rates))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed passes over each file (0: scores only)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "deid")
    parser.add_argument("--only", default="", help="comma-separated languages of the multilingual file")
    parser.add_argument("--scaling", action="store_true", help="also time one text made ever longer")
    parser.add_argument("--misses", action="store_true", help="print each missed and wrongly flagged token")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no labelled data at {args.data}: nothing to measure")
        return 0
    began = time.perf_counter()
    english()
    print(f"word lists ready in {time.perf_counter() - began:.1f} s (built once per machine, then cached)")
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; one process"
    )
    header = (
        f"{'':19} {'docs':>5} {'recall':>7}      {'precis':>7}      {'leaking':>10} {'neg flagged':>8} "
        f"{'chars/s':>11}"
    )
    print("\n" + header)
    missed = 0
    by_kind: dict[str, dict] = {}
    for style in ("written", "spoken"):
        path = args.data / f"dev-{style}.jsonl"
        if not path.is_file():
            continue
        score, rates = run(load(path), args.repeats, args.misses)
        line, misses = row(f"en dev {style}", score, statistics.median(rates or [0.0]), RECALL[style], style)
        print(line)
        missed += misses
        by_kind[f"en dev {style}"] = score.as_dict()["recall_by_kind"]
    english_files = {f"dev-{style}.jsonl" for style in ("written", "spoken")}
    for path in sorted(args.data.glob("*.jsonl")):
        if path.name in english_files:
            continue
        groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for record in load(path):
            subset = record.get("set", "")
            groups[(record["language"], "" if subset == "story" else subset, record["style"])].append(record)
        wanted = {code for code in args.only.split(",") if code}
        if path.name != "multilingual-dev.jsonl":
            print(f"{path.name}:")
        for (language, subset, style), records in sorted(
            groups.items(), key=lambda g: (g[0][0] != "en", g[0])
        ):
            if wanted and language not in wanted:
                continue
            score, rates = run(records, args.repeats, args.misses)
            label = f"{language}{'-' + subset if subset else ''} {style}"
            target = RECALL_MULTILINGUAL
            if language == "en" and path.name != "multilingual-dev.jsonl":
                target = RECALL[style]  # other English files: the English targets
            line, misses = row(label, score, statistics.median(rates or [0.0]), target, style)
            print(line)
            missed += misses
            by_kind[label] = score.as_dict()["recall_by_kind"]
    print("\nrecall by kind")
    for label, kinds in by_kind.items():
        print(f"  {label:19} " + ", ".join(f"{k} {v:.3f}" for k, v in kinds.items()))
    if args.scaling:
        scaling()
    print(f"\n{missed} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
