"""A second recogniser pass over a recording, listening only for the known identifiers.

Vosk's grammar mode restricts the recogniser to a list of words. Given only the identifiers' words, it
hears them everywhere (every stretch of speech must be one of them), so the list also holds words that
absorb everything else: ``[unk]`` where the model has it, and otherwise a set of short, common
syllables of the language (``FILLERS``), which stand in for "something else was said". Where a name
then wins over those, it was most likely said there.

A model can take a grammar only when its graph is built at run time (``graph/HCLr.fst`` with
``graph/Gr.fst``) and only words of its vocabulary (``graph/words.txt``, or the word table stored in
``Gr.fst`` itself: the small Korean model has no words.txt). A static graph (``HCLG.fst``) takes
none: then the pass does not run, and the review page says so. An identifier whose words the model
does not know cannot be listened for either; the page names it (to reviewers only).
"""

from __future__ import annotations

import functools
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import speech_models
from .transcription import ModelMissing, transcribe_wav

#: Short words that absorb the speech around the names, per language, when the model lacks ``[unk]``.
FILLERS = {
    # Particles, endings and vowels: enough to absorb other speech, few enough that a name still wins
    # where it is said (more syllables, and the name loses to their combinations).
    "ko": "이 가 은 는 을 를 에 서 고 다 요 어 아 오 우 그 저 나 하 지 도".split(),
}
#: The generic fallback: letters, said alone, stand in for other speech in most Latin-script models.
LETTERS = list("abcdefghijklmnopqrstuvwxyz")

NO_RUNTIME_GRAPH = (
    "This language's speech model has a fixed graph, so it cannot be restricted to the known "
    "identifiers: only the sound-alike search ran."
)
NO_MODEL = "No speech model for this language is installed, so only the sound-alike search ran."
NO_FILLER = (
    "This language's speech model has no word for “something else” ([unk]) and the archive has no "
    "stand-in words for the language, so only the sound-alike search ran."
)

_SYMTAB_MAGIC = 2125658996  # OpenFst's SymbolTable
_FST_MAGIC = 2125659606


@dataclass(frozen=True)
class Heard:
    """Identifier ``which`` (its index in the values given) heard from ``start`` to ``end`` seconds."""

    which: int
    start: float
    end: float
    conf: float


@dataclass(frozen=True)
class PassResult:
    supported: bool
    note: str  # why it did not run, or how it ran (never a value)
    refused: tuple[int, ...]  # indexes of the values the model cannot take
    heard: tuple[Heard, ...]
    model: str | None = None


def _read_string(data: bytes, pos: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("<i", data, pos)
    pos += 4
    return data[pos : pos + length].decode("utf-8", "replace"), pos + length


def _symbols_at(data: bytes, pos: int) -> frozenset[str]:
    (magic,) = struct.unpack_from("<i", data, pos)
    if magic != _SYMTAB_MAGIC:
        raise ValueError("no symbol table here")
    _name, pos = _read_string(data, pos + 4)
    _available, size = struct.unpack_from("<qq", data, pos)
    pos += 16
    words = []
    for _ in range(size):
        word, pos = _read_string(data, pos)
        pos += 8  # the key
        words.append(word)
    return frozenset(words)


def _fst_output_symbols(path: Path) -> frozenset[str] | None:
    """The word table an OpenFst file carries (its output symbols), or None if it carries none."""
    data = path.read_bytes()
    (magic,) = struct.unpack_from("<i", data, 0)
    if magic != _FST_MAGIC:
        return None
    pos = 4
    _fst_type, pos = _read_string(data, pos)
    _arc_type, pos = _read_string(data, pos)
    _version, flags = struct.unpack_from("<ii", data, pos)
    pos += 8 + 8 + 8 + 8 + 8  # properties, start, states, arcs
    if flags & 1:  # input symbols first
        isyms = _symbols_at(data, pos)
        if not flags & 2:
            return isyms
        # skip the input table to reach the output one
        _name, p = _read_string(data, pos + 4)
        _avail, size = struct.unpack_from("<qq", data, p)
        p += 16
        for _ in range(size):
            (length,) = struct.unpack_from("<i", data, p)
            p += 4 + length + 8
        pos = p
    if flags & 2:
        return _symbols_at(data, pos)
    return None


@functools.lru_cache(maxsize=8)
def vocabulary(folder: str) -> frozenset[str] | None:
    """The words a model with a run-time graph can take; None for a model whose graph is fixed."""
    graph = Path(folder) / "graph"
    if not (graph / "HCLr.fst").is_file() or not (graph / "Gr.fst").is_file():
        return None
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with open(words_txt, encoding="utf-8", errors="replace") as fh:
            return frozenset(line.split()[0] for line in fh if line.strip())
    try:
        return _fst_output_symbols(graph / "Gr.fst") or frozenset()
    except (ValueError, struct.error, OSError):
        return frozenset()


def _words_of(value: str) -> list[str]:
    return [w for w in re.split(r"[\s\-·.,]+", value.lower()) if w]


def run(wav_path: str | Path, language: str, values: Sequence[str]) -> PassResult:
    """Listen for ``values`` in a 16 kHz mono WAV with the language's model restricted to them."""
    found = speech_models.locate(language)
    if found is None:
        return PassResult(False, NO_MODEL, (), ())
    vocab = vocabulary(str(found.path.resolve()))
    if vocab is None:
        return PassResult(False, NO_RUNTIME_GRAPH, (), ())
    wanted: dict[str, int] = {}
    refused = []
    for which, value in enumerate(values):
        whole = "".join(_words_of(value))
        parts = _words_of(value)
        if whole in vocab:
            wanted.setdefault(whole, which)
        elif parts and all(p in vocab for p in parts):
            for p in parts:
                wanted.setdefault(p, which)
        else:
            refused.append(which)
    if not wanted:
        return PassResult(True, "", tuple(refused), ())
    if "[unk]" in vocab:
        filler, how = ["[unk]"], "the known identifiers and [unk]"
    elif language in FILLERS:
        filler = [w for w in FILLERS[language] if w in vocab]
        how = (
            "the known identifiers, and short syllables standing in for other speech (the model has no [unk])"
        )
    else:
        filler = [w for w in LETTERS if w in vocab]
        how = (
            "the known identifiers, and single letters standing in for other speech (the model has no [unk])"
        )
    filler = [w for w in filler if w not in wanted]
    if not filler:
        return PassResult(False, NO_FILLER, tuple(refused), ())
    try:
        result = transcribe_wav(wav_path, language, grammar=[*wanted, *filler])
    except ModelMissing:
        return PassResult(False, NO_MODEL, (), ())
    heard = tuple(Heard(wanted[w.word], w.start, w.end, w.conf) for w in result.words if w.word in wanted)
    return PassResult(True, f"Listened for {how}.", tuple(refused), heard, result.model)
