"""What every recogniser returns, and how overlapping findings are settled."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

# When two findings overlap, the one from the surer source decides the kind of the merged span.
SOURCE_RANK = {"known": 0, "pattern": 1, "name_list": 2, "model": 3}
# Then, among patterns, the kind read from the characters themselves wins over one read from words.
KIND_RANK = {"EMAIL": 0, "URL": 1, "IP": 2}


@dataclass(frozen=True, slots=True)
class Detection:
    """A stretch of text that may identify someone: end-exclusive character offsets, a kind (NAME,
    LOCATION, ADDRESS, DATE, PHONE, EMAIL, ID, URL, IP, AGE), the source that found it (known,
    pattern, name_list, model) and the rule, in words a reviewer understands."""

    start: int
    end: int
    kind: str
    source: str
    rule: str


class Recogniser(Protocol):
    """Finds one family of identifiers. ``known`` is the story's (role, value) identifiers.

    ``name`` says in a reviewer's words what it looks for ("phone numbers, dates and codes written
    with digits"): the review page lists what ran on a story.
    """

    name: str

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]: ...


def runs(kinds: Sequence[str | None], joined: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
    """The first and last word of each run of words marked with one kind and joined to each other."""
    k = 0
    while k < len(kinds):
        if kinds[k] is None:
            k += 1
            continue
        j = k
        while j + 1 < len(kinds) and kinds[j + 1] == kinds[k] and joined(j, j + 1):
            j += 1
        yield k, j
        k = j + 1


def _certainty(d: Detection) -> tuple:
    return (SOURCE_RANK.get(d.source, 9), KIND_RANK.get(d.kind, 9), "as heard" in d.rule, d.start - d.end)


def resolve(found: Iterable[Detection]) -> list[Detection]:
    """Merge overlapping findings into one span each, sorted by position.

    The merged span covers all of them (recall first); its kind, source and rule are those of the
    surest finding (known identifiers, then patterns, then lists, then models; an address read from its
    characters before a number read from words), the longest on a tie.
    """
    ordered = sorted(found, key=lambda d: (d.start, -d.end))
    groups: list[list[Detection]] = []
    end = -1
    for d in ordered:
        if groups and d.start < end:
            groups[-1].append(d)
            end = max(end, d.end)
        else:
            groups.append([d])
            end = d.end
    out = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])  # (most findings overlap no other: kept as they are)
            continue
        best = min(group, key=_certainty)
        start = min(d.start for d in group)
        stop = max(d.end for d in group)
        out.append(Detection(start, stop, best.kind, best.source, best.rule))
    return out
