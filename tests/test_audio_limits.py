"""Refusing recordings: each bad input gets a clear reason and leaves nothing in the destination folder.

The bad inputs are made here, at test time, from the committed fixtures. Runs with the system ffmpeg
(when there is one) and with imageio-ffmpeg's.
"""

from __future__ import annotations

import os
import shutil
import struct
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archive.errors import ValidationFailed
from ingest import audio
from tests.fixtures.audio import IMAGEIO_FFMPEG, entry, fixture
from tests.fixtures.audio import ffmpeg as run_ffmpeg

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

WAV = fixture("fever.wav")  # 16 kHz mono s16le, 44-byte header: data size at 40, channels at 22


def patched_wav(folder: Path, name: str, **fields: int) -> Path:
    """A copy of the fixture WAV with header fields overwritten."""
    offsets = {"riff_size": (4, "<I"), "channels": (22, "<H"), "rate": (24, "<I"), "data_size": (40, "<I")}
    data = bytearray(WAV.read_bytes())
    for key, value in fields.items():
        offset, fmt = offsets[key]
        struct.pack_into(fmt, data, offset, value)
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def truncated(folder: Path, keep: float) -> Path:
    data = WAV.read_bytes()
    return write(folder, "cut.wav", data[: int(len(data) * keep)])


def zipped(folder: Path) -> Path:
    path = folder / "recording.m4a"
    with zipfile.ZipFile(path, "w") as z:
        z.write(WAV, "fever.wav")
    return path


def opus_in_mp4(folder: Path) -> Path:
    path = folder / "opus.m4a"
    run_ffmpeg("-i", str(fixture("clinic_visit.ogg")), "-c", "copy", "-f", "mp4", str(path))
    return path


def playlist(folder: Path, target: Path) -> Path:
    text = f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n"
    return write(folder, "story.wav", text.encode())


def ffconcat(folder: Path, target: Path) -> Path:
    return write(folder, "story.wav", f"ffconcat version 1.0\nfile '{target}'\n".encode())


TEN_HOURS = 10 * 3600 * 16000 * 2  # bytes of 16 kHz mono s16 audio


@dataclass(frozen=True)
class Bad:
    make: Callable[[Path], Path]
    reason: str
    says: str  # words the message must contain
    limits: dict = field(default_factory=dict)


BAD = {
    "empty file": Bad(lambda d: write(d, "story.m4a", b""), "empty", "empty"),
    "text renamed .mp3": Bad(
        lambda d: write(d, "story.mp3", b"Visit notes: fever for three days, paracetamol.\n" * 40),
        "unsupported_format",
        "not a recording",
    ),
    "wav cut off in its data": Bad(lambda d: truncated(d, 0.6), "incomplete", "cut off"),
    "wav cut off in its header": Bad(lambda d: truncated(d, 30 / WAV.stat().st_size), "damaged", "damaged"),
    "wav header claiming 4 GiB": Bad(
        lambda d: patched_wav(d, "big.wav", riff_size=0xFFFFFFFF, data_size=0xFFFFFFFE), "too_long", "37 h"
    ),
    "wav header claiming 10 hours": Bad(
        lambda d: patched_wav(d, "long.wav", riff_size=TEN_HOURS + 36, data_size=TEN_HOURS),
        "too_long",
        "10 h",
    ),
    "wav with 0 channels": Bad(
        lambda d: patched_wav(d, "none.wav", channels=0), "bad_channels", "no sound channels"
    ),
    "wav with 12 channels": Bad(
        lambda d: patched_wav(d, "many.wav", channels=12), "bad_channels", "12 channels"
    ),
    "wav at 4 kHz": Bad(lambda d: patched_wav(d, "slow.wav", rate=4000), "bad_sample_rate", "4000 Hz"),
    "wav with 0 Hz": Bad(lambda d: patched_wav(d, "zero.wav", rate=0), "bad_sample_rate", "sample rate"),
    "hls playlist renamed .wav": Bad(lambda d: playlist(d, WAV), "unsupported_format", "not a recording"),
    "ffconcat script renamed .wav": Bad(lambda d: ffconcat(d, WAV), "unsupported_format", "not a recording"),
    "zip renamed .m4a": Bad(zipped, "unsupported_format", "not a recording"),
    "opus in an mp4 box": Bad(opus_in_mp4, "unsupported_codec", "opus"),
    "over the size cap": Bad(
        lambda d: shutil.copy(WAV, d / "story.wav"), "too_large", "up to 98 KB", {"max_bytes": 100_000}
    ),
    "over the duration cap": Bad(
        lambda d: shutil.copy(WAV, d / "story.wav"), "too_long", "up to 5.0 s", {"max_seconds": 5}
    ),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_bad_input_is_refused_and_leaves_nothing(ffmpeg, case, tmp_path, out):
    src = Path(case.make(tmp_path))
    limits = audio.Limits(**case.limits)

    with pytest.raises(audio.AudioRejected) as refused:
        audio.normalise(src, out / "story.wav", limits)

    err = refused.value
    assert err.reason == case.reason, (err.reason, err.message, err.detail)
    assert case.says in err.message
    assert isinstance(err, ValidationFailed) and err.reasons == {"audio": [err.message]}
    assert os.listdir(out) == []


@pytest.mark.parametrize(
    # Not the size cap: the listening copy is made from files the archive already took (see
    # test_audio_decode's test_listening_copy_is_not_held_to_the_upload_size_cap).
    "name",
    ["hls playlist renamed .wav", "wav cut off in its data", "empty file", "over the duration cap"],
)
def test_listening_copy_refuses_the_same_inputs(ffmpeg, name, tmp_path, out):
    case = BAD[name]
    with pytest.raises(audio.AudioRejected) as refused:
        audio.listening_copy(case.make(tmp_path), out / "listen.ogg", audio.Limits(**case.limits))
    assert refused.value.reason == case.reason
    assert os.listdir(out) == []


@pytest.mark.parametrize("reason", ["empty", "too_large"])
def test_size_is_checked_before_ffmpeg_runs(tmp_path, reason):
    src = write(tmp_path, "story.wav", b"" if reason == "empty" else WAV.read_bytes())
    with audio.using_ffmpeg(str(tmp_path / "no-such-ffmpeg")):  # running it would raise AudioToolError
        with pytest.raises(audio.AudioRejected) as refused:
            audio.probe(src, audio.Limits(max_bytes=1000))
    assert refused.value.reason == reason


@pytest.mark.parametrize("make", [playlist, ffconcat], ids=["hls playlist", "ffconcat script"])
def test_playlists_and_scripts_never_open_what_they_name(ffmpeg, make, tmp_path, out):
    # The target is a FIFO: whoever opens it for reading wakes the writer thread below. If ffmpeg
    # followed the playlist, the writer would wake (and ffmpeg would read nothing and carry on).
    target = tmp_path / "patient-list.wav"
    os.mkfifo(target)
    opened = threading.Event()

    def writer() -> None:
        with open(target, "wb"):  # blocks until a reader opens the FIFO
            opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    src = make(tmp_path, target)

    with pytest.raises(audio.AudioRejected) as refused:
        audio.normalise(src, out / "story.wav", audio.Limits(probe_timeout_s=10))

    assert refused.value.reason == "unsupported_format"
    assert not opened.is_set(), "ffmpeg opened the file the playlist names"
    # The detector works: opening the FIFO for reading does wake the writer.
    reader = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    thread.join(timeout=5)
    os.close(reader)
    assert opened.is_set()
    assert os.listdir(out) == []


@pytest.fixture(scope="session")
def ten_hours_of_silence(tmp_path_factory) -> Path:
    """A real ten-hour recording (silence, 8 kHz FLAC: about 70 KB on disk, two seconds to make)."""
    path = tmp_path_factory.mktemp("long") / "ten-hours.flac"
    run_ffmpeg(
        "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:nb_samples=65535",
        "-t", "36000", "-c:a", "flac", "-compression_level", "0", str(path),
    )  # fmt: skip
    return path


def test_ten_hours_of_silence_is_refused_for_its_length(ffmpeg, ten_hours_of_silence, out):
    assert ten_hours_of_silence.stat().st_size < 200_000
    with pytest.raises(audio.AudioRejected) as refused:
        audio.normalise(ten_hours_of_silence, out / "story.wav")
    assert refused.value.reason == "too_long"
    assert "10 h 00 min" in refused.value.message
    assert os.listdir(out) == []


def test_decoding_stops_at_the_cap_when_the_container_understates_its_length(ffmpeg, tmp_path, out):
    # A WebM whose header says 1 s but which holds 8.7 s: probing believes the header, decoding
    # stops one second past the cap and the decoded length is what counts.
    data = bytearray(fixture("clinic_visit.webm").read_bytes())
    at = data.index(b"\x44\x89\x88")  # Segment Info > Duration, an 8-byte float in milliseconds
    struct.pack_into(">d", data, at + 3, 1000.0)
    src = write(tmp_path, "short.webm", bytes(data))
    limits = audio.Limits(max_seconds=4)

    assert audio.probe(src, limits).duration_s == pytest.approx(1.0)
    seen: list[float] = []
    with pytest.raises(audio.AudioRejected) as refused:
        audio.normalise(src, out / "story.wav", limits, progress=seen.append)
    assert refused.value.reason == "too_long"
    assert "longer than 4.0 s" in refused.value.message
    assert refused.value.detail == "decoding stopped at 5.00 s"  # the cap plus one second, not 8.7 s
    assert seen and seen == sorted(seen) and all(0 <= f <= 1 for f in seen)
    assert os.listdir(out) == []
    # Without the cap, the whole recording comes out.
    assert audio.normalise(src, out / "story.wav").duration_s == pytest.approx(8.68, abs=0.2)


def test_a_wav_written_as_a_stream_is_accepted(ffmpeg, tmp_path, out):
    # Recorders and ffmpeg writing to a pipe leave the sizes at 0xFFFFFFFF ("unknown"): not a claim.
    src = patched_wav(tmp_path, "streamed.wav", riff_size=0xFFFFFFFF, data_size=0xFFFFFFFF)
    info = audio.probe(src)
    assert info.duration_s == pytest.approx(entry("fever.wav")["duration"], abs=0.2)
    result = audio.normalise(src, out / "story.wav")
    assert result.duration_s == pytest.approx(entry("fever.wav")["duration"], abs=0.05)


NAMES = [
    "../../etc/passwd.wav",
    "ñandú 病院 보건소.ogg",
    "-y.wav",
    "pipe:1.mp3",
    "concat:a.wav|b.wav",
    "file:input.m3u8",
    "name\nwith a newline.m4a",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_are_never_used(ffmpeg, name, tmp_path, out):
    # The content is Ogg Opus whatever the name says; the name is neither read nor passed to ffmpeg.
    uploads = tmp_path / "uploads" / "a" / "b"
    uploads.mkdir(parents=True)
    src = uploads / name
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture("clinic_visit.ogg"), src)

    assert audio.probe(src).format_name == "ogg"
    dest = out / (Path(name).name + ".wav")
    result = audio.normalise(src, dest)
    assert result.path == dest and dest.exists()
    assert os.listdir(out) == [dest.name]


def test_decoding_runs_with_a_timeout(tmp_path, out):
    # A decode that cannot finish in time is stopped and reported, and leaves nothing behind.
    with audio.using_ffmpeg(IMAGEIO_FFMPEG), pytest.raises(audio.AudioRejected) as refused:
        audio.normalise(fixture("fever.wav"), out / "story.wav", audio.Limits(decode_timeout_s=0.0001))
    assert refused.value.reason == "timeout"
    assert os.listdir(out) == []
