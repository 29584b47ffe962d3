"""Decoding recordings: every phone format is recognised by content, normalised to 16 kHz mono s16 WAV
of the right length, and nothing derived keeps the source's tags. Runs with the system ffmpeg (when
there is one) and with imageio-ffmpeg's, which has no ffprobe."""

from __future__ import annotations

import math
import os
import shutil
import stat
import wave
from array import array
from pathlib import Path

import pytest
from flask import Flask

from ingest import audio
from tests.fixtures.audio import IMAGEIO_FFMPEG, MANIFEST, entry, fixture, tags
from tests.fixtures.audio import ffmpeg as run_ffmpeg

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def envelope(path: Path, window_s: float = 0.1) -> list[float]:
    """Loudness (RMS) of each window of a mono s16 WAV."""
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        samples = array("h", w.readframes(w.getnframes()))
        step = int(w.getframerate() * window_s)
    return [
        math.sqrt(sum(s * s for s in samples[i : i + step]) / step)
        for i in range(0, len(samples) - step, step)
    ]


def correlation(a: list[float], b: list[float]) -> float:
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    return cov / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))


@pytest.mark.parametrize("item", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_each_format_is_recognised_and_normalised_to_16k_mono_s16(ffmpeg, item, out):
    seen: list[float] = []
    during: set[tuple[str, ...]] = set()

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction < 1:  # while ffmpeg writes, the WAV is a hidden temp file, not story.wav
            during.add(tuple(sorted(os.listdir(out))))

    result = audio.normalise(fixture(item["file"]), out / "story.wav", progress=progress)

    info = result.source  # what probe() found
    assert (info.format_name, info.codec) == (item["container"], item["codec"])
    assert info.duration_s == pytest.approx(item["duration"], abs=0.2)
    assert info.channels == 1
    # AMR is narrow-band; Opus always decodes at 48 kHz; the rest keep the fixtures' 16 kHz.
    assert info.sample_rate == {"amr_nb": 8000, "opus": 48000}.get(item["codec"], 16000)

    assert all(len(names) == 1 and names[0].endswith(".part") for names in during), during
    assert result.path == out / "story.wav"
    assert sorted(os.listdir(out)) == ["story.wav"]  # no temp file left beside it
    with wave.open(str(result.path), "rb") as w:
        shape = (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype())
        frames = w.getnframes()
    assert shape == (1, 2, 16000, "NONE")
    assert frames / 16000 == pytest.approx(item["duration"], abs=0.2)
    assert result.duration_s == pytest.approx(frames / 16000, abs=0.001)
    # A bare 44-byte header: no LIST/INFO, bext or id3 chunk that could carry tags.
    assert result.path.stat().st_size == 44 + 2 * frames
    # The same speech, not silence or noise: loudness rises and falls with the source's.
    assert correlation(envelope(result.path), envelope(fixture(item["source"]))) > 0.9
    assert seen and seen[-1] == 1.0 and seen == sorted(seen) and all(0 <= f <= 1 for f in seen)


def test_the_extension_does_not_decide_the_format(ffmpeg, tmp_path):
    # An m4a sent as .mp3, an AMR sent as .wav: read as what they are.
    for name, real, container in [("a.mp3", "clinic_visit.m4a", "mov"), ("b.wav", "clinic_visit.amr", "amr")]:
        shutil.copy(fixture(real), tmp_path / name)
        assert audio.probe(tmp_path / name).format_name == container


INJECTED = {
    "title": "Kim Minji talks about her fever",
    "artist": "Dr Park Seo-yeon",
    "location": "+37.5665+126.9780/",  # ISO 6709, the way phones write GPS
    "encoder": "SM-A515F Voice Recorder",
}
# Which of the injected tags each container keeps (a stream encoder tag survives only in some).
KEPT_BY_SOURCE = {
    "m4a": {"title", "artist", "location"},
    "mp3": {"title", "artist", "location"},  # its encoder tag is cut to 9 bytes in the LAME header
    "ogg": {"title", "artist", "location", "encoder"},
    "webm": {"title", "artist", "location", "encoder"},
    "flac": {"title", "artist", "location"},
}


def leaks(data: bytes) -> list[str]:
    """The injected values found in ``data``, in any text encoding a container might use."""
    return [
        value
        for value in INJECTED.values()
        if any(value.encode(codec) in data for codec in ("utf-8", "utf-16-le", "utf-16-be"))
    ]


@pytest.mark.parametrize("suffix", sorted(KEPT_BY_SOURCE))
def test_tags_and_gps_do_not_survive(ffmpeg, suffix, tmp_path, out):
    tagged = tmp_path / f"tagged.{suffix}"
    args = ["-i", str(fixture(f"clinic_visit.{suffix}"))]
    for key in ("title", "artist", "location"):
        args += ["-metadata", f"{key}={INJECTED[key]}"]
    # ffmpeg replaces a file-level encoder tag with its own; a stream-level one survives stream copy.
    args += ["-metadata:s:a:0", f"encoder={INJECTED['encoder']}", "-movflags", "use_metadata_tags"]
    run_ffmpeg(*args, "-c", "copy", str(tagged))
    kept = {key for key, value in INJECTED.items() if value in leaks(tagged.read_bytes())}
    assert kept == KEPT_BY_SOURCE[suffix], "the source must carry the tags for this test to mean anything"
    assert {key for key, value in tags(tagged) if value == INJECTED.get(key)} >= {"title", "location"}

    wav = audio.normalise(tagged, out / "story.wav").path
    copy = audio.listening_copy(tagged, out / "story-listen.ogg").path  # straight from the tagged source
    for derived in (wav, copy):
        assert leaks(derived.read_bytes()) == [], derived.name
        # Only ffmpeg's own encoder name may appear.
        found = tags(derived)
        assert all(key == "encoder" and value.startswith("Lav") for key, value in found), found


def test_listening_copy_is_small_mono_opus(ffmpeg, out):
    wav = audio.normalise(fixture("fever.wav"), out / "fever.wav").path
    copy = audio.listening_copy(wav, out / "fever-listen.anything")

    assert copy.path == out / "fever-listen.ogg"
    assert (copy.media_type, copy.encoder) == ("audio/ogg", "libopus")
    info = audio.probe(copy.path)
    assert (info.format_name, info.codec, info.channels) == ("ogg", "opus", 1)
    assert info.duration_s == pytest.approx(entry("fever.wav")["duration"], abs=0.2)
    # About 24 kbit/s, with Ogg's overhead; the source WAV is 256 kbit/s.
    assert copy.path.stat().st_size * 8 / info.duration_s < 32_000
    assert sorted(os.listdir(out)) == ["fever-listen.ogg", "fever.wav"]


def test_listening_copy_is_not_held_to_the_upload_size_cap(ffmpeg, out):
    # The job's 16 kHz WAV may be larger than the upload was (a long story's WAV outgrows the 200 MB
    # cap); the duration cap still holds.
    wav = audio.normalise(fixture("fever.wav"), out / "fever.wav").path
    assert wav.stat().st_size > 1000
    copy = audio.listening_copy(wav, out / "fever-listen", audio.Limits(max_bytes=1000))
    assert audio.probe(copy.path).duration_s == pytest.approx(entry("fever.wav")["duration"], abs=0.2)
    with pytest.raises(audio.AudioRejected) as refused:
        audio.listening_copy(wav, out / "too-long", audio.Limits(max_seconds=1.0))
    assert refused.value.reason == "too_long"


def test_listening_copy_falls_back_to_mp3(ffmpeg, out):
    wav = audio.normalise(fixture("medicine.wav"), out / "medicine.wav").path
    copy = audio.listening_copy(wav, out / "medicine-listen.ogg", formats=(audio.MP3_LISTENING,))

    assert copy.path == out / "medicine-listen.mp3"
    assert copy.media_type == "audio/mpeg"
    assert not copy.path.read_bytes().startswith(b"ID3")  # no tag block at all
    assert all(key == "encoder" for key, _ in tags(copy.path))
    info = audio.probe(copy.path)
    assert (info.format_name, info.channels) == ("mp3", 1)
    assert info.duration_s == pytest.approx(entry("medicine.wav")["duration"], abs=0.2)


def test_listening_copy_needs_an_encoder_the_build_has(ffmpeg, out):
    missing = audio.ListeningFormat("libnosuchcodec", "ogg", ".ogg", "audio/ogg", ())
    with pytest.raises(audio.AudioToolError, match="libnosuchcodec"):
        audio.listening_copy(fixture("fever.wav"), out / "x.ogg", formats=(missing,))
    assert os.listdir(out) == []


def test_ffmpeg_binary_setting_then_path_then_imageio(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_FFMPEG_BINARY", raising=False)
    on_path = tmp_path / "bin" / "ffmpeg"
    on_path.parent.mkdir()
    on_path.write_text("#!/bin/sh\nexit 1\n")
    on_path.chmod(on_path.stat().st_mode | stat.S_IXUSR)

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert audio.ffmpeg_binary() == IMAGEIO_FFMPEG
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert audio.ffmpeg_binary() == str(on_path)
    monkeypatch.setenv("ARCHIVE_FFMPEG_BINARY", "/opt/ffmpeg/bin/ffmpeg")
    assert audio.ffmpeg_binary() == "/opt/ffmpeg/bin/ffmpeg"

    app = Flask("settings")
    with app.app_context():
        assert audio.ffmpeg_binary() == str(on_path)  # inside the app, the app's config decides
        app.config["FFMPEG_BINARY"] = "/srv/ffmpeg"
        assert audio.ffmpeg_binary() == "/srv/ffmpeg"
        with audio.using_ffmpeg(IMAGEIO_FFMPEG):
            assert audio.ffmpeg_binary() == IMAGEIO_FFMPEG
        assert audio.ffmpeg_binary() == "/srv/ffmpeg"


def test_works_with_only_imageio_ffmpeg_and_no_ffprobe(tmp_path, out, monkeypatch):
    # A fresh machine: nothing on PATH (no ffmpeg, no ffprobe), no setting.
    monkeypatch.delenv("ARCHIVE_FFMPEG_BINARY", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert not (Path(IMAGEIO_FFMPEG).parent / "ffprobe").exists()

    result = audio.normalise(fixture("clinic_visit.webm"), out / "story.wav")
    copy = audio.listening_copy(result.path, out / "story-listen.ogg")
    assert result.source.format_name == "matroska"
    assert copy.path.exists()


def test_limits_come_from_config():
    limits = audio.Limits.from_config({"MAX_AUDIO_BYTES": 1234, "MAX_AUDIO_SECONDS": 60})
    assert (limits.max_bytes, limits.max_seconds) == (1234, 60.0)
    assert audio.Limits.from_config({}) == audio.Limits()
    assert audio.Limits().max_bytes == 200 * 1024 * 1024 and audio.Limits().max_seconds == 3 * 3600
