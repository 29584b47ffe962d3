"""Build ``heldout.jsonl`` from the marked-up lines in ``source/``.

Each source file holds one language (``sw.txt``, ``fr.txt``, ... , ``en-clinical.txt``); each
non-blank line not starting with ``#`` is one story line, written as a person would type it, with
its identifiers marked:

- ``[N Amina Juma]``: a span of a type (N NAME, L LOCATION, A ADDRESS, D DATE, P PHONE, I ID,
  E EMAIL, U URL, G AGE, X IP); ``[D 3 Machi 2023|tatu machi elfu mbili ishirini na tatu]`` also gives
  its spoken form.
- ``{500 mg|mia tano miligramu}``: text outside spans that is said differently from how it is
  written (numbers, symbols).

The written record is the line with the marks taken out. The spoken record is the same line as a
speech recogniser prints it: lower case, no punctuation, hyphens as spaces, every marked piece in
its spoken form; phone and ID numbers with no spoken form are read digit by digit in the line's
language. A line that would leave a digit in the spoken text is an error (every number must be said).
Files whose name ends in ``-clinical`` are written notes only (no spoken style).

Run ``python tests/data/heldout/build.py`` after editing a source file; it rewrites heldout.jsonl.
Another set in the same mark-up lives in its own folder (``source/`` beside it): ``python
tests/data/heldout/build.py tests/data/heldout2`` writes ``heldout2/heldout.jsonl`` with ids
``heldout2-...``, so that sets written by different people stay apart and each is scored on its own.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {
    "N": "NAME",
    "L": "LOCATION",
    "A": "ADDRESS",
    "D": "DATE",
    "P": "PHONE",
    "I": "ID",
    "E": "EMAIL",
    "U": "URL",
    "G": "AGE",
    "X": "IP",
}
DIGITS = {
    "en": "zero one two three four five six seven eight nine",
    "sw": "sifuri moja mbili tatu nne tano sita saba nane tisa",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve",
    "pt": "zero um dois três quatro cinco seis sete oito nove",
    "hi": "शून्य एक दो तीन चार पांच छह सात आठ नौ",
    "ne": "शून्य एक दुई तीन चार पाँच छ सात आठ नौ",
    "ko": "공 일 이 삼 사 오 육 칠 팔 구",
}
PLUS = {
    "en": "plus",
    "fr": "plus",
    "es": "más",
    "pt": "mais",
    "sw": "plus",
    "hi": "प्लस",
    "ne": "प्लस",
    "ko": "플러스",
}
MARK = re.compile(r"\[([NLADPIEUGX]) ([^\]|]+)(?:\|([^\]]+))?\]|\{([^}|]+)\|([^}]*)\}")
# what a recogniser never prints: punctuation of every script kept here, hyphens and slashes become spaces
DROP = set('.,;:!?"“”«»()¿¡।॥·…#*')
SPACE = set("-–—/")


def read_digits(value: str, language: str) -> str:
    words = DIGITS[language].split()
    out = []
    for ch in value:
        if ch.isdigit():
            out.append(words[unicodedata.digit(ch)])
        elif ch == "+":
            out.append(PLUS[language])
        elif ch.isalpha():
            out.append(ch.lower())
    return " ".join(out)


def pieces(line: str, language: str):
    """(written, spoken, type) pieces of one marked line; type None outside spans."""
    at = 0
    for m in MARK.finditer(line):
        if m.start() > at:
            plain = line[at : m.start()]
            yield plain, plain, None
        if m.group(1):
            kind, written, spoken = TYPES[m.group(1)], m.group(2), m.group(3)
            if spoken is None:
                spoken = read_digits(written, language) if kind in ("PHONE", "ID") else written
            yield written, spoken, kind
        else:
            yield m.group(4), m.group(5), None
        at = m.end()
    if at < len(line):
        yield line[at:], line[at:], None


def assemble(parts: list[tuple[str, str | None, int]]) -> tuple[str, list[dict]]:
    """Text and spans from (text, type, span number) parts."""
    text, spans = "", []
    for chunk, kind, _ in parts:
        if kind is not None:
            spans.append({"start": len(text), "end": len(text) + len(chunk), "type": kind})
        text += chunk
    return text, spans


def spoken_of(parts: list[tuple[str, str, str | None]]) -> tuple[str, list[dict]]:
    chars: list[tuple[str, int | None]] = []
    kinds: dict[int, str] = {}
    for n, (_, spoken, kind) in enumerate(parts):
        if kind is not None:
            kinds[n] = kind
        for ch in spoken:
            if ch in DROP:
                continue
            if ch in SPACE or ch.isspace():
                chars.append((" ", None))
            else:
                chars.append((ch.lower(), n if kind is not None else None))
    # collapse spaces
    out: list[tuple[str, int | None]] = []
    for ch, tag in chars:
        if ch == " " and (not out or out[-1][0] == " "):
            continue
        out.append((ch, tag))
    while out and out[-1][0] == " ":
        out.pop()
    text = "".join(ch for ch, _ in out)
    spans, i = [], 0
    while i < len(out):
        tag = out[i][1]
        if tag is None:
            i += 1
            continue
        j = i
        while j < len(out) and (
            out[j][1] == tag or (out[j][0] == " " and j + 1 < len(out) and out[j + 1][1] == tag)
        ):
            j += 1
        spans.append({"start": i, "end": j, "type": kinds[tag]})
        i = j
    return text, spans


def build(folder: Path = HERE) -> list[dict]:
    records = []
    prefix = folder.name
    source = "story-archive held-out lines (hand-written)"
    if folder != HERE:
        source = f"story-archive held-out lines, set {prefix} (hand-written)"
    for path in sorted((folder / "source").glob("*.txt")):
        name = path.stem
        language = name.split("-")[0]
        clinical = name.endswith("-clinical")
        n = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            n += 1
            parts = list(pieces(line, language))
            written, wspans = assemble([(w, k, i) for i, (w, _, k) in enumerate(parts)])
            base = {"source": source, "language": language}
            subset = "clinical" if clinical else "story"
            records.append(
                {
                    "id": f"{prefix}-{name}-written-{n}",
                    **base,
                    "set": subset,
                    "style": "written",
                    "text": written,
                    "spans": wspans,
                }
            )
            if clinical:
                continue
            spoken, sspans = spoken_of(parts)
            if any(ch.isdigit() for ch in spoken):
                sys.exit(f"{path.name}:{number}: a digit is left in the spoken line: {spoken}")
            if [s["type"] for s in sspans] != [s["type"] for s in wspans]:
                sys.exit(f"{path.name}:{number}: spans differ between styles")
            records.append(
                {
                    "id": f"{prefix}-{name}-spoken-{n}",
                    **base,
                    "set": subset,
                    "style": "spoken",
                    "text": spoken,
                    "spans": sspans,
                }
            )
    return records


def main(argv: list[str]) -> int:
    folder = Path(argv[0]).resolve() if argv else HERE
    records = build(folder)
    with (folder / "heldout.jsonl").open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} records written to {folder.name}/heldout.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
