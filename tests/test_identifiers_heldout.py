"""Identifier detection scored on the project's own held-out lines (``tests/data/heldout``), written
without reading the development records: eight languages, written and spoken, and English clinical
notes. The scorer is the project's (``ingest.identifiers.evaluate``), as ``bench/redaction.py
--data tests/data/heldout`` prints it.

Issue 12's targets (token recall >= 0.97 in every language and style, English >= 0.99 written and
>= 0.98 spoken; precision >= 0.70 written and >= 0.60 spoken) are asserted for the groups that meet
them. The groups that do not meet them yet are held at the figures they reach today (``FLOORS``), so
that a change that loses ground fails here; raise a floor when a fix lifts a group, and move the group
to the targets once it meets them. No timings are asserted.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from ingest.identifiers import detect
from ingest.identifiers.evaluate import Score, score_record

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

HELDOUT = Path(__file__).parent / "data" / "heldout" / "heldout.jsonl"

RECALL = {"written": 0.97, "spoken": 0.97}
ENGLISH_RECALL = {"written": 0.99, "spoken": 0.98}
PRECISION = {"written": 0.70, "spoken": 0.60}

# Groups under a target today: (recall, precision) they must keep. Measured on 2026-12-07 (raised
# after the recall fixes: fr written, Hindi and Korean now meet the targets; then Kiswahili,
# French, Spanish and Portuguese spoken and Portuguese written, after the rules for towns said after
# a preposition, verbs of naming and facilities named with everyday words).
FLOORS = {
    ("en", "clinical", "written"): (0.97, 0.77),
    ("ne", "story", "spoken"): (0.94, 0.95),
    ("ne", "story", "written"): (0.90, 0.95),
}


def _groups() -> dict[tuple[str, str, str], list[dict]]:
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    with HELDOUT.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            groups[(record["language"], record["set"], record["style"])].append(record)
    return dict(groups)


GROUPS = _groups()


def _score(records: list[dict]) -> Score:
    score = Score()
    for record in records:
        found = detect(record["text"], record["language"])
        score_record(score, record["text"], record["spans"], [(s.start, s.end) for s in found])
    return score


def test_every_group_is_held_to_a_target_or_a_floor():
    assert set(FLOORS) <= set(GROUPS)
    assert len(GROUPS) == 17  # 8 languages in two styles, and the clinical notes


@pytest.mark.parametrize("group", sorted(GROUPS), ids=lambda g: "-".join(g))
def test_heldout_scores(group):
    language, _, style = group
    score = _score(GROUPS[group])
    if group in FLOORS:
        recall, precision = FLOORS[group]
    else:
        recall = (ENGLISH_RECALL if language == "en" else RECALL)[style]
        precision = PRECISION[style]
    assert score.recall >= recall, f"{group}: token recall {score.recall:.4f} < {recall}"
    assert score.precision >= precision, f"{group}: token precision {score.precision:.4f} < {precision}"
    assert score.precision >= PRECISION[style]  # every group meets the precision target today


# One made-up example of each cause the held-out lines showed and a word list or pattern now covers
# (new sentences: the held-out lines themselves are scored above).
FOUND = [
    ("en", "Her grandmother is 96 and lives alone.", "96", "AGE"),
    ("en", "her grandmother is ninety six and lives alone", "ninety six", "AGE"),
    ("en", "Pt is a 91 y/o M with CAP.", "91", "AGE"),
    ("en", "Pt extubated 9/14, transferred to floor.", "9/14", "DATE"),
    ("es", "nació el nueve del cuatro del dos mil diez", "nueve del cuatro del dos mil diez", "DATE"),
    (
        "pt",
        "nasceu a três do sete de mil novecentos e oitenta",
        "três do sete de mil novecentos e oitenta",
        "DATE",
    ),
    ("ko", "아버지는 아흔두 살이신데 건강하세요", "아흔두", "AGE"),
    ("ne", "२०८० जेठ ५ गते र ५ मे २०२३ मा अस्पताल गएँ।", "५ मे २०२३", "DATE"),
    ("fr", "Elle est née à Saint-Louis et vit à Aix-en-Provence.", "Aix-en-Provence", "LOCATION"),
    ("fr", "Ma sœur Anne-Marie Sow m'a accompagnée.", "Anne-Marie Sow", "NAME"),
]

NOT_FOUND = [
    ("en", "Pain 6/10, took 1/2 tab of tramadol, HR is 104."),
    ("en", "we took a matatu to the market then a trotro home and ate ugali"),
    ("sw", "Nilipewa Septrin na Panadol, na baadaye Coartem kwa malaria."),
    ("fr", "On m'a donné du Coartem et du Bactrim, 500 mg matin et soir."),
    ("es", "El médico habló del dengue y del zika; el enfermero era nicaragüense."),
    ("pt", "Tomei Fansidar e Coartem; o CD4 estava em 300."),
    ("ne", "मेरो प्रेसर १६०/११० थियो।"),
    ("ko", "어머니께서 오월에 오셨어요. 친구 덕분에 월요일마다 운동해요."),
]


def _covered(text: str, part: str, spans) -> bool:
    at = text.index(part)
    return any(s.start < at + len(part) and at < s.end for s in spans) and all(
        any(s.start <= at + k < s.end for s in spans) for k, c in enumerate(part) if c.isalnum()
    )


@pytest.mark.parametrize(("language", "text", "part", "kind"), FOUND)
def test_causes_found_in_the_heldout_lines_are_covered(language, text, part, kind):
    spans = detect(text, language)
    assert _covered(text, part, spans), (text, [(text[s.start : s.end], s.kind) for s in spans])
    at = text.index(part)
    assert {s.kind for s in spans if s.start < at + len(part) and at < s.end} == {kind}


@pytest.mark.parametrize(("language", "text"), NOT_FOUND)
def test_words_the_heldout_lines_showed_are_not_identifiers(language, text):
    spans = detect(text, language)
    assert spans == [], [(text[s.start : s.end], s.kind) for s in spans]


# The second held-out set (tests/data/heldout2), written by another author to measure how detection
# generalises. It is only checked to build and load here: no score floors, so that nobody tunes to it.
HELDOUT2 = Path(__file__).parent / "data" / "heldout2"


def _builder():
    spec = importlib.util.spec_from_file_location("heldout_build", HELDOUT.parent / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_second_heldout_set_is_what_its_sources_build():
    built = _builder().build(HELDOUT2)
    with (HELDOUT2 / "heldout.jsonl").open(encoding="utf-8") as f:
        stored = [json.loads(line) for line in f]
    assert built == stored  # the committed file is rebuilt from source/ after every edit
    assert len({r["id"] for r in stored}) == len(stored)
    assert all(r["id"].startswith("heldout2-") for r in stored)


def test_the_second_heldout_set_loads_with_valid_spans():
    with (HELDOUT2 / "heldout.jsonl").open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    groups = {(r["language"], r["set"], r["style"]) for r in records}
    assert len(groups) == 17  # 8 languages in two styles, and the clinical notes
    kinds = {"NAME", "LOCATION", "ADDRESS", "DATE", "PHONE", "EMAIL", "ID", "URL", "IP", "AGE"}
    for record in records:
        text, at = record["text"], 0
        for span in record["spans"]:
            assert at <= span["start"] < span["end"] <= len(text), record["id"]
            piece = text[span["start"] : span["end"]]
            assert piece == piece.strip() and span["type"] in kinds, record["id"]
            at = span["end"]
        if record["style"] == "spoken":
            assert not any(ch.isdigit() for ch in text), record["id"]
    negatives = sum(not r["spans"] for r in records)
    assert 0.2 <= negatives / len(records) <= 0.45  # hard negatives, about a quarter to a third


def test_the_first_heldout_set_still_builds_as_stored():
    with HELDOUT.open(encoding="utf-8") as f:
        stored = [json.loads(line) for line in f]
    assert _builder().build() == stored
