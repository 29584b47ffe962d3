"""Offline transcription with Vosk: words with timings and confidences, reproducible run to run.

Each worker process loads the model for a language once (``model_for``) and shares it between its
threads; every transcription gets its own recogniser.

Reproducible transcripts: Kaldi's feature extraction adds a little random noise to every frame
("dither"), drawn from the C library's process-wide random generator, so the same recording gives a
different transcript on each run (vosk-api issue #868). The model is therefore loaded through a view of
its folder whose ``conf/mfcc.conf`` turns that off, and the same amount of noise (Gaussian, one
sample step) is added here from a fixed table instead. The features stay like those the model was
trained with, which matters for recordings with digital silence (on our fixtures, turning dither off
without adding noise back lost a fifth of the recognised sounds), and a recording always gives the
same words. Where the view cannot be made (no symlinks), the model folder is loaded as it is.
"""

from __future__ import annotations

import array
import contextlib
import functools
import json
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from archive.languages import language_name

from . import speech_models
from .audio import Limits, normalise

log = logging.getLogger(__name__)

#: Frames fed to the recogniser at a time (a quarter of a second at 16 kHz).
CHUNK_FRAMES = 4000
#: Share of ``transcribe_file``'s progress given to decoding; recognition takes the rest.
DECODE_SHARE = 0.1

# Tokens that are not speech: Kaldi's markers ([unk], [noise]) and, in the small Korean model's
# vocabulary, footnote marks from its Wikipedia text ([1], [19]).
_NOT_SPEECH = re.compile(r"^\[[^\]]*\]$")


def _how_to_get(lang: str) -> str:
    how = f"`story-archive models add {lang} PATH` (a model folder already on this machine)"
    if lang in speech_models.CATALOGUE:
        how = f"`story-archive models install {lang}`, or {how}"
    return how


class ModelMissing(ArchiveError):
    """No speech model is installed for a language."""

    status = 503

    def __init__(self, lang: str):
        self.lang = lang
        super().__init__(
            f"No speech model for {language_name(lang)} ({lang}) is installed. "
            f"Add one with {_how_to_get(lang)}."
        )


class ModelUnusable(ArchiveError):
    """A model folder was found but Vosk could not load it."""

    status = 500

    def __init__(self, lang: str, path: Path):
        self.lang = lang
        super().__init__(
            f"The speech model for {language_name(lang)} ({lang}) at {path} could not be loaded; it may be "
            f"damaged. Replace it with {_how_to_get(lang)}."
        )


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    conf: float


@dataclass(frozen=True)
class Transcript:
    """What the recogniser heard: the text, each word with its timing (seconds) and confidence (0..1),
    and the recording's duration. ``model`` names the model used (kept with the transcript)."""

    text: str
    words: list[Word]
    duration: float
    model: str = field(default="", compare=False)

    def as_json(self) -> dict[str, Any]:
        """The command line's JSON contract: text, words (word, start, end, conf) and duration."""
        return {"text": self.text, "words": [asdict(w) for w in self.words], "duration": self.duration}


@dataclass(frozen=True)
class LoadedModel:
    lang: str
    path: Path
    source: str
    name: str
    model: Any  # vosk.Model
    kaldi_dither: bool  # True when loaded as it is: Kaldi adds its own (irreproducible) noise


# ---------------------------------------------------------------------------------------------------
# The per-process model cache


_models: dict[tuple[str, int, int], LoadedModel] = {}
_loading: dict[tuple[str, int, int], threading.Lock] = {}
_guard = threading.Lock()


def _reset_after_fork() -> None:
    # A child of a forking worker starts with no models and fresh locks (one held at fork would hang).
    global _guard
    _models.clear()
    _loading.clear()
    _guard = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


@functools.cache
def _vosk() -> Any:
    # Loaded on the first transcription, not at start: the web process and most commands never need it.
    import vosk

    vosk.SetLogLevel(-1)  # Kaldi's progress chatter would fill the worker's log
    return vosk


def model_for(lang: str, models_dir: Path | None = None) -> LoadedModel:
    """Return the loaded model for ``lang``, loading it on first use in this process; raise ModelMissing.

    The cache is keyed by the model folder and the identity of its acoustic model file, so a model
    reinstalled in place is loaded afresh while jobs that hold the old one finish with it.
    """
    found = speech_models.locate(lang, models_dir)
    if found is None:
        raise ModelMissing(lang)
    folder = found.path.resolve()
    st = (folder / "am" / "final.mdl").stat()
    key = (str(folder), st.st_ino, st.st_mtime_ns)
    with _guard:
        cached = _models.get(key)
        if cached is not None:
            return cached
        lock = _loading.setdefault(key, threading.Lock())
    with lock:  # one thread loads; the others wait for it rather than load the same model again
        with _guard:
            cached = _models.get(key)
        if cached is not None:
            return cached
        loaded = _load(found, folder)
        with _guard:
            for stale in [k for k in _models if k[0] == key[0]]:
                del _models[stale]
            _models[key] = loaded
            _loading.pop(key, None)
    return loaded


def loaded_models() -> list[LoadedModel]:
    """The models this process holds."""
    with _guard:
        return list(_models.values())


def forget_models() -> None:
    """Drop every loaded model (they are freed once no transcription uses them)."""
    with _guard:
        _models.clear()


def _load(found: speech_models.InstalledModel, folder: Path) -> LoadedModel:
    vosk = _vosk()
    name = speech_models.describe(found)
    began = time.perf_counter()
    with _without_kaldi_dither(folder) as view:
        try:
            model = vosk.Model(str(view or folder))
        except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
            raise ModelUnusable(found.lang, folder) from err
    # A load takes seconds and the model's memory: one line each, so a worker's log shows that it
    # loads a model once, not per job.
    log.info("loaded speech model %s for %s in %.1f s", name, found.lang, time.perf_counter() - began)
    return LoadedModel(found.lang, folder, found.source, name, model, kaldi_dither=view is None)


@contextlib.contextmanager
def _without_kaldi_dither(folder: Path) -> Iterator[Path | None]:
    """Yield a temp view of ``folder`` (links to its parts, a copied ``conf/`` with ``--dither=0``
    appended to ``mfcc.conf``), or None when no view can be made. Vosk reads everything while it
    loads, so the view is removed as soon as the model is loaded."""
    conf = folder / "conf"
    if not (conf / "mfcc.conf").is_file():
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="archive-vosk-") as tmp:
        view: Path | None = Path(tmp)
        try:
            for item in folder.iterdir():
                if item.name != "conf":
                    (view / item.name).symlink_to(item, target_is_directory=item.is_dir())
            (view / "conf").mkdir()
            for item in conf.iterdir():
                if item.is_file():
                    shutil.copyfile(item, view / "conf" / item.name)
                else:
                    (view / "conf" / item.name).symlink_to(item, target_is_directory=True)
            with open(view / "conf" / "mfcc.conf", "a", encoding="utf-8") as fh:
                fh.write("\n--dither=0\n")  # Kaldi reads options in order: the last one counts
        except OSError:  # no symlinks here (some Windows setups): load the folder as it is
            view = None
        yield view


# ---------------------------------------------------------------------------------------------------
# Reproducible dither
#
# The noise is added to every sample the recogniser sees, so it has to cost little next to Vosk's own
# work. A loop over samples in Python took 0.25-0.65 s per 82 s of audio (2-3% of Vosk's decoding
# time, bench/transcribe.py); ``_dither`` instead treats a chunk's samples as the 16-bit lanes of one
# big integer and adds the whole chunk's noise in one integer addition, which runs in C (12 ms).

#: Samples in the noise table before it repeats.
NOISE_PERIOD = 65_521


@functools.cache
def _noise_table() -> array.array:
    """A fixed table of Gaussian noise (standard deviation one sample step), written out twice so any
    window of up to its length can be sliced without wrapping."""
    rng = random.Random(868)
    table = array.array("h", (round(rng.gauss(0.0, 1.0)) for _ in range(NOISE_PERIOD)))
    return table + table


@functools.cache
def _noise_lanes() -> tuple[bytes, int]:
    """The noise table as little-endian unsigned 16-bit lanes holding noise + bias, and the bias (the
    lanes must not be negative, or the addition in ``_dither`` would borrow from the next lane)."""
    table = _noise_table()
    bias = -min(table)
    lanes = array.array("H", (n + bias for n in table))
    if sys.byteorder == "big":
        lanes.byteswap()
    return lanes.tobytes(), bias


@functools.lru_cache(maxsize=8)
def _lane_constants(samples: int) -> tuple[int, int]:
    """For ``samples`` lanes of 16 bits: the integer with 1 in every lane, and the one with 0x8000."""
    ones = int.from_bytes(b"\x01\x00" * samples, "little")
    return ones, ones * 0x8000


def _dither(pcm: bytes, offset: int) -> bytes:
    """Add the fixed noise to 16-bit little-endian samples, clipped to 16 bits; ``offset`` (samples
    already fed) keeps it continuous, so the result does not depend on how the audio is chunked."""
    if len(pcm) % 2:
        raise ValueError("16-bit samples: the byte count must be even")
    highs = pcm[1::2]
    if b"\x7f" in highs or b"\x80" in highs:
        # A sample at or beyond +-32512 may clip when the noise is added; the lane addition below
        # cannot clip, so such chunks (rare in speech) take the sample-by-sample way.
        return _dither_clipping(pcm, offset)
    noise, bias = _noise_lanes()
    out = []
    for begin in range(0, len(pcm) // 2, NOISE_PERIOD):
        piece = pcm[2 * begin : 2 * (begin + NOISE_PERIOD)]
        count = len(piece) // 2
        start = (offset + begin) % NOISE_PERIOD
        ones, signs = _lane_constants(count)
        # Flipping each lane's sign bit turns a sample s into s + 32768 (0..65535), so every lane is
        # non-negative and the sum of the two integers is, lane by lane, sample + noise: no sample
        # here is within reach of clipping, so no lane overflows into its neighbour.
        lanes = int.from_bytes(piece, "little") ^ signs
        lanes += int.from_bytes(noise[2 * start : 2 * (start + count)], "little") - bias * ones
        out.append((lanes ^ signs).to_bytes(2 * count, "little"))
    return b"".join(out)


def _dither_clipping(pcm: bytes, offset: int) -> bytes:
    """``_dither`` one sample at a time, clipping each sum to 16 bits."""
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    table = _noise_table()
    out = array.array("h")
    for begin in range(0, len(samples), NOISE_PERIOD):
        start = (offset + begin) % NOISE_PERIOD
        piece = samples[begin : begin + NOISE_PERIOD]
        noise = table[start : start + len(piece)]
        out.extend(max(-32768, min(32767, s + n)) for s, n in zip(piece, noise, strict=True))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


# ---------------------------------------------------------------------------------------------------
# Transcribing


def transcribe_wav(
    wav_path: str | os.PathLike[str],
    lang: str,
    progress: Callable[[float], None] | None = None,
    *,
    models_dir: Path | None = None,
    grammar: list[str] | None = None,
) -> Transcript:
    """Transcribe a 16-bit mono PCM WAV (as ``audio.normalise`` writes) with the model for ``lang``.

    ``progress`` is called with the fraction of the audio consumed (0..1). Raises ModelMissing when
    no model serves ``lang``, and ValueError for a WAV that is not 16-bit mono PCM. ``grammar``
    restricts the recogniser to those words (Vosk's grammar mode; see ``ingest.targeted_pass``).
    """
    loaded = model_for(lang, models_dir)
    vosk = _vosk()
    with wave.open(os.fspath(wav_path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2 or wav.getcomptype() != "NONE":
            raise ValueError(f"{wav_path} is not a 16-bit mono PCM WAV; run audio.normalise first.")
        rate, total = wav.getframerate(), wav.getnframes()
        if grammar:
            recogniser = vosk.KaldiRecognizer(loaded.model, rate, json.dumps(grammar, ensure_ascii=False))
        else:
            recogniser = vosk.KaldiRecognizer(loaded.model, rate)
        recogniser.SetWords(True)
        words: list[Word] = []
        done = 0
        while data := wav.readframes(CHUNK_FRAMES):
            if not loaded.kaldi_dither:
                data = _dither(data, done)
            done += len(data) // 2
            if recogniser.AcceptWaveform(data):
                words += _words(recogniser.Result())
            if progress and total:
                progress(min(1.0, done / total))
        words += _words(recogniser.FinalResult())
    if progress:
        progress(1.0)
    duration = round(total / rate, 3) if rate else 0.0
    return Transcript(" ".join(w.word for w in words), words, duration, loaded.name)


def _words(result_json: str) -> list[Word]:
    result = json.loads(result_json)
    return [
        Word(r["word"], round(float(r["start"]), 3), round(float(r["end"]), 3), round(float(r["conf"]), 3))
        for r in result.get("result", [])
        if not _NOT_SPEECH.match(r["word"])
    ]


def transcribe_file(
    path: str | os.PathLike[str],
    lang: str,
    limits: Limits | None = None,
    progress: Callable[[float], None] | None = None,
    *,
    models_dir: Path | None = None,
    workdir: str | os.PathLike[str] | None = None,
) -> Transcript:
    """Decode any accepted recording to 16 kHz mono and transcribe it: the upload's pipeline.

    Progress runs 0..DECODE_SHARE while decoding, then up to 1 while recognising. The normalised WAV
    lives in a temp folder (in ``workdir`` if given) that is removed however this ends. Raises
    ModelMissing before any decoding when no model serves ``lang``, and AudioRejected (with a message
    for the person who sent the recording) when the recording cannot be taken.
    """
    model_for(lang, models_dir)  # no model: say so before spending minutes decoding
    decode_progress = (lambda f: progress(DECODE_SHARE * f)) if progress else None
    recognise_progress = (lambda f: progress(DECODE_SHARE + (1 - DECODE_SHARE) * f)) if progress else None
    with tempfile.TemporaryDirectory(prefix="archive-transcribe-", dir=workdir) as tmp:
        wav = normalise(path, Path(tmp) / "speech.wav", limits or Limits(), progress=decode_progress)
        return transcribe_wav(wav.path, lang, recognise_progress, models_dir=models_dir)
