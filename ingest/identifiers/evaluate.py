"""Scoring detection against labelled records, the way the project is scored.

A token is a run of word characters. A gold token (inside a labelled span) counts as caught when any
predicted span overlaps it; token precision is the share of predicted tokens (tokens a predicted span
overlaps) that are gold tokens. A document leaks when one of its gold tokens is missed; a hard
negative (a record with no spans) is flagged when anything in it is predicted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

TOKEN = re.compile(r"\w+")


@dataclass
class Score:
    """Counts over a set of records, and the figures made from them."""

    gold_tokens: int = 0
    caught: int = 0
    predicted_tokens: int = 0
    predicted_gold: int = 0
    documents: int = 0
    leaking: int = 0
    negatives: int = 0
    negatives_flagged: int = 0
    characters: int = 0
    missed_by_kind: Counter = field(default_factory=Counter)
    gold_by_kind: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.caught / self.gold_tokens if self.gold_tokens else 1.0

    @property
    def precision(self) -> float:
        return self.predicted_gold / self.predicted_tokens if self.predicted_tokens else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    @property
    def negatives_flagged_share(self) -> float:
        return self.negatives_flagged / self.negatives if self.negatives else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "token_recall": round(self.recall, 4),
            "token_precision": round(self.precision, 4),
            "f2": round(self.f2, 4),
            "documents_with_leak": self.leaking,
            "hard_negatives": self.negatives,
            "hard_negatives_flagged": self.negatives_flagged,
            "hard_negatives_flagged_share": round(self.negatives_flagged_share, 4),
            "recall_by_kind": {
                kind: round(1 - self.missed_by_kind[kind] / n, 4)
                for kind, n in sorted(self.gold_by_kind.items())
            },
        }


def _covered(tokens: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each token, whether any span overlaps it (spans sorted or not)."""
    flags = [False] * len(tokens)
    for start, end in spans:
        for i, (ts, te) in enumerate(tokens):
            if ts < end and start < te:
                flags[i] = True
    return flags


def score_record(score: Score, text: str, gold: list[dict], predicted: list[tuple[int, int]]) -> None:
    """Add one record's counts to ``score``."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    is_gold = _covered(tokens, ((s["start"], s["end"]) for s in gold))
    is_predicted = _covered(tokens, predicted)
    kinds: list[str | None] = [None] * len(tokens)
    for s in gold:
        for i, (ts, te) in enumerate(tokens):
            if ts < s["end"] and s["start"] < te and kinds[i] is None:
                kinds[i] = s["type"]
    score.documents += 1
    score.characters += len(text)
    leak = False
    for g, p, kind in zip(is_gold, is_predicted, kinds, strict=True):
        if g:
            score.gold_tokens += 1
            score.gold_by_kind[kind] += 1
            if p:
                score.caught += 1
            else:
                leak = True
                score.missed_by_kind[kind] += 1
        if p:
            score.predicted_tokens += 1
            score.predicted_gold += g
    score.leaking += leak
    if not gold:
        score.negatives += 1
        score.negatives_flagged += any(is_predicted)
