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

import json
from collections import defaultdict
from pathlib import Path

import pytest

from ingest.identifiers import detect
from ingest.identifiers.evaluate import Score, score_record

HELDOUT = Path(__file__).parent / "data" / "heldout" / "heldout.jsonl"

RECALL = {"written": 0.97, "spoken": 0.97}
ENGLISH_RECALL = {"written": 0.99, "spoken": 0.98}
PRECISION = {"written": 0.70, "spoken": 0.60}

# Groups under a target today: (recall, precision) they must keep. Measured on 2026-12-07.
FLOORS = {
    ("en", "clinical", "written"): (0.97, 0.77),
    ("es", "story", "spoken"): (0.92, 0.95),
    ("fr", "story", "spoken"): (0.91, 0.95),
    ("fr", "story", "written"): (0.96, 0.95),
    ("hi", "story", "spoken"): (0.88, 0.95),
    ("hi", "story", "written"): (0.82, 0.95),
    ("ko", "story", "spoken"): (0.82, 0.95),
    ("ko", "story", "written"): (0.91, 0.95),
    ("ne", "story", "spoken"): (0.87, 0.95),
    ("ne", "story", "written"): (0.79, 0.95),
    ("pt", "story", "spoken"): (0.94, 0.95),
    ("pt", "story", "written"): (0.96, 0.95),
    ("sw", "story", "spoken"): (0.84, 0.94),
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
