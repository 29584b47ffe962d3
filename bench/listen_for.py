"""How long the listen-for searches take: the sound-alike search over transcripts of growing length,
and the targeted Vosk pass over the fixture where the name is said four times. Prints numbers only.

    .venv/bin/python bench/listen_for.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import soundalike, targeted_pass  # noqa: E402
from ingest.transcription import transcribe_wav  # noqa: E402

AUDIO = ROOT / "tests" / "fixtures" / "audio"


def main() -> None:
    words = transcribe_wav(AUDIO / "clinic_visit.wav", "ko").words
    heard = [soundalike.Heard(w.word, w.start, w.end) for w in words]
    values = ["김민수", "박은희", "Wanjiru Kamau"]
    print("sound-alike search, 3 identifiers (words: seconds, places found)")
    for repeat in (1, 10, 100, 300):
        stream = []
        for k in range(repeat):
            stream += [soundalike.Heard(h.word, h.start + 10 * k, h.end + 10 * k) for h in heard]
        began = time.perf_counter()
        places = soundalike.find(stream, values)
        print(f"  {len(stream):6d} words: {time.perf_counter() - began:7.3f} s, {len(places)} places")
    wav = AUDIO / "name_said.wav"
    began = time.perf_counter()
    plain = transcribe_wav(wav, "ko")
    plain_s = time.perf_counter() - began
    began = time.perf_counter()
    result = targeted_pass.run(wav, "ko", ["김민수"])
    print(
        f"targeted pass over {plain.duration:.1f} s of speech: {time.perf_counter() - began:.2f} s "
        f"(the full transcription: {plain_s:.2f} s); heard {len(result.heard)} times"
    )


if __name__ == "__main__":
    main()
