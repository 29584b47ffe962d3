"""Audio decoding: recognise a recording by its content, check it against limits, and normalise it.

Every recording is read by ffmpeg in a separate process, under the same rules:

- The container is recognised by ffmpeg's own content probing, never by the file's name or the
  Content-Type it came with. ffmpeg only ever sees a neutral name (``input``, a link in a private temp
  folder), so neither an extension nor a name such as ``-y``, ``pipe:1`` or ``concat:a|b`` can steer it.
- ``-format_whitelist`` restricts the demuxers ffmpeg may open to the allowed containers; playlists and
  scripts (hls, concat, image2, ...) are refused before they read a single line, so they never open
  what they point to. ``-protocol_whitelist file`` keeps everything on the local disk, and
  ``-codec_whitelist`` keeps every other decoder from running on uploaded bytes.
- After probing, every run forces the recognised demuxer (``-f``), so nothing is probed twice.
- The size cap is checked before ffmpeg runs; the duration cap uses the duration the container declares
  and decoding stops at the cap plus one second (``-t``), so a lying header cannot make ffmpeg run for
  hours; every run has a timeout.
- Nothing derived carries the source's metadata: ``-map_metadata -1`` and bit-exact output, so no title,
  GPS position, device name or encoder string survives into the normalised WAV or the listening copy.

Only the ``ffmpeg`` binary is needed, never ``ffprobe`` (the binary in the imageio-ffmpeg wheel has
none): probing reads ffmpeg's report of the input and the header of a few milliseconds decoded to WAV.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
import shutil
import stat
import struct
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import imageio_ffmpeg
from flask import current_app, has_app_context

from archive.errors import ArchiveError, ValidationFailed
from archive.integrity import scratch_dir

#: Sample rate of the mono WAV handed to speech recognition.
RECOGNITION_RATE = 16_000

#: Allowed containers (ffmpeg demuxer short names) and the codecs each may hold.
CONTAINERS: dict[str, frozenset[str]] = {
    "wav": frozenset(
        {
            "pcm_u8",
            "pcm_s16le",
            "pcm_s24le",
            "pcm_s32le",
            "pcm_f32le",
            "pcm_f64le",
            "pcm_alaw",
            "pcm_mulaw",
            "adpcm_ima_wav",
            "adpcm_ms",
        }
    ),
    "mp3": frozenset({"mp3"}),
    "mov": frozenset({"aac", "alac"}),  # mov, mp4, m4a, 3gp
    "ogg": frozenset({"opus", "vorbis"}),
    "amr": frozenset({"amr_nb", "amr_wb"}),
    "flac": frozenset({"flac"}),
    "matroska": frozenset({"opus", "vorbis"}),  # matroska, webm
}
FORMAT_WHITELIST = ",".join(CONTAINERS)

# Decoder names (not codec names) ffmpeg may use for the codecs above, native or external.
DECODER_WHITELIST = ",".join(
    sorted(
        CONTAINERS["wav"]
        | {
            "mp3",
            "mp3float",
            "aac",
            "aac_fixed",
            "alac",
            "opus",
            "libopus",
            "vorbis",
            "libvorbis",
            "amrnb",
            "amrwb",
            "libopencore_amrnb",
            "libopencore_amrwb",
            "flac",
        }
    )
)

ACCEPTED_FORMATS = "m4a, ogg/opus, amr, mp3, wav, flac or webm"

# Messages shown to the person who uploaded the recording.
DAMAGED = "The recording could not be read; the file may be damaged."
NO_CHANNELS = "The recording has no sound channels; the file may be damaged."
NO_SAMPLE_RATE = "The recording has no sample rate; the file may be damaged."
TOO_SLOW = "The recording could not be read in time; the file may be damaged."

# WAV data sizes that mean "unknown" (a recorder or ffmpeg writing to a stream), not a claim.
_WAV_SIZE_UNKNOWN = (0, 0xFFFFFFFF)


class AudioRejected(ValidationFailed):
    """An uploaded recording was refused; ``message`` is for the person who sent it.

    ``reason`` is a stable code for tests and job rows; ``detail`` is ffmpeg's own account (metadata
    removed), for logs only.
    """

    def __init__(self, reason: str, message: str, detail: str = ""):
        super().__init__({"audio": [message]})
        self.reason = reason
        self.detail = detail


class AudioToolError(ArchiveError):
    """ffmpeg is missing or failed in a way that is not the recording's fault."""

    status = 500


@dataclass(frozen=True)
class Limits:
    """What a recording may be. ``from_config`` reads them from the application's settings."""

    max_bytes: int = 200 * 1024 * 1024
    max_seconds: float = 3 * 3600.0
    min_sample_rate: int = 8_000
    max_sample_rate: int = 192_000
    max_channels: int = 8
    probe_timeout_s: float = 60.0
    decode_timeout_s: float = 15 * 60.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        """Build limits from MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS and AUDIO_DECODE_TIMEOUT_SECONDS."""
        default = cls()
        return cls(
            max_bytes=int(config.get("MAX_AUDIO_BYTES", default.max_bytes)),
            max_seconds=float(config.get("MAX_AUDIO_SECONDS", default.max_seconds)),
            decode_timeout_s=float(config.get("AUDIO_DECODE_TIMEOUT_SECONDS", default.decode_timeout_s)),
        )


@dataclass(frozen=True)
class AudioInfo:
    """What probing found: the demuxer's short name (``mov``, ``matroska``, ...), the first audio
    stream's codec, its duration in seconds, and the decoded sample rate and channel count."""

    format_name: str
    codec: str
    duration_s: float
    sample_rate: int
    channels: int


@dataclass(frozen=True)
class Normalised:
    """A 16 kHz mono s16le WAV made from a recording, and what the recording was."""

    path: Path
    duration_s: float
    source: AudioInfo


@dataclass(frozen=True)
class ListeningFormat:
    """One way to encode the listening copy."""

    encoder: str
    muxer: str
    suffix: str
    media_type: str
    args: tuple[str, ...]


OPUS_LISTENING = ListeningFormat(
    "libopus", "ogg", ".ogg", "audio/ogg", ("-b:a", "24k", "-application", "voip", "-vbr", "on")
)
# No ID3 tag at all: ffmpeg's mp3 muxer writes one (with an encoder string) by default.
MP3_LISTENING = ListeningFormat(
    "libmp3lame", "mp3", ".mp3", "audio/mpeg", ("-b:a", "32k", "-id3v2_version", "0", "-write_xing", "0")
)
LISTENING_FORMATS = (OPUS_LISTENING, MP3_LISTENING)


@dataclass(frozen=True)
class ListeningCopy:
    path: Path
    media_type: str
    encoder: str


# ---------------------------------------------------------------------------------------------------
# The ffmpeg binary

_ffmpeg_override: ContextVar[str | None] = ContextVar("ffmpeg_override", default=None)


def ffmpeg_binary() -> str:
    """Return the ffmpeg to run: FFMPEG_BINARY if set, else ``ffmpeg`` on PATH, else imageio-ffmpeg's.

    FFMPEG_BINARY is read from the application's config inside an app context, and from the
    ``ARCHIVE_FFMPEG_BINARY`` environment variable outside one. ``using_ffmpeg`` overrides all three.
    """
    forced = _ffmpeg_override.get()
    if forced:
        return forced
    configured = None
    if has_app_context():
        configured = current_app.config.get("FFMPEG_BINARY")
    else:
        configured = os.environ.get("ARCHIVE_FFMPEG_BINARY")
    if configured:
        return str(configured)
    on_path = shutil.which("ffmpeg")
    if on_path:
        return on_path
    return imageio_ffmpeg.get_ffmpeg_exe()


@contextlib.contextmanager
def using_ffmpeg(binary: str) -> Iterator[None]:
    """Run every ffmpeg call in this block (in this thread or task) with ``binary``."""
    token = _ffmpeg_override.set(binary)
    try:
        yield
    finally:
        _ffmpeg_override.reset(token)


@functools.lru_cache(maxsize=8)
def _encoders(binary: str) -> frozenset[str]:
    result = _run([binary, "-hide_banner", "-nostdin", "-encoders"], timeout=30)
    names = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split()
        # Lines look like " A....D libopus   libopus Opus (codec opus)"; the legend lines have "=".
        if len(parts) >= 2 and len(parts[0]) == 6 and "=" not in line:
            names.add(parts[1])
    return frozenset(names)


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except FileNotFoundError as err:
        raise AudioToolError(f"ffmpeg was not found at {cmd[0]}; set FFMPEG_BINARY.") from err


# ---------------------------------------------------------------------------------------------------
# Probing


def _input_args(demuxer: str | None) -> list[str]:
    """The reading rules every run shares; ``demuxer`` forces the container once it is known."""
    args = [
        "-hide_banner",
        "-nostdin",
        "-protocol_whitelist",
        "file",
        "-format_whitelist",
        FORMAT_WHITELIST,
        "-codec_whitelist",
        DECODER_WHITELIST,
    ]
    if demuxer:
        args += ["-f", demuxer]
    return args


@contextlib.contextmanager
def _neutral_name(src: Path) -> Iterator[str]:
    """Yield a ``file:`` URL for ``src`` whose name says nothing, so only the content counts."""
    # In the instance's scratch folder when there is an app: a process killed meanwhile leaves the
    # folder where ``story-archive check`` finds it.
    where = scratch_dir() if has_app_context() else None
    with tempfile.TemporaryDirectory(prefix="archive-audio-", dir=where) as tmp:
        link = Path(tmp) / "input"
        try:
            link.symlink_to(src.resolve())
        except OSError:  # no symlinks (some Windows setups): a copy keeps the promise
            shutil.copyfile(src, link)
        yield f"file:{link}"


def _check_file(path: Path, limits: Limits, size_capped: bool = True) -> int:
    try:
        st = path.stat()
    except FileNotFoundError as err:
        raise AudioRejected("missing", "The recording could not be found; please upload it again.") from err
    if not stat.S_ISREG(st.st_mode):
        raise AudioRejected("not_a_file", "That is not a recording file.")
    if st.st_size == 0:
        raise AudioRejected("empty", "The file is empty. Please record again or choose another file.")
    if size_capped and st.st_size > limits.max_bytes:
        raise AudioRejected(
            "too_large",
            f"The file is {_megabytes(st.st_size)}; recordings up to {_megabytes(limits.max_bytes)} "
            "can be uploaded.",
        )
    return st.st_size


def probe(path: str | os.PathLike[str], limits: Limits = Limits()) -> AudioInfo:
    """Recognise a recording by its content and check it against ``limits``; raise AudioRejected."""
    src = Path(path)
    size = _check_file(src, limits)
    with _neutral_name(src) as url:
        return _probe(url, src, size, limits)


def _probe(url: str, src: Path, size: int, limits: Limits) -> AudioInfo:
    binary = ffmpeg_binary()
    # ffmpeg reports the input (container, declared duration, streams) on stderr, and a few decoded
    # milliseconds, written as WAV to stdout, give the real sample rate and channel count.
    cmd = [binary, *_input_args(None), "-i", url]
    cmd += ["-map", "0:a:0", "-t", "0.05", "-map_metadata", "-1", "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"]
    try:
        result = _run(cmd, timeout=limits.probe_timeout_s)
    except subprocess.TimeoutExpired as err:
        raise AudioRejected("timeout", TOO_SLOW) from err
    report = result.stderr.decode("utf-8", "replace")
    with open(src, "rb") as f:
        head = f.read(64 * 1024)
    wav_header = _parse_wav_header(head)
    if result.returncode != 0:
        raise _probe_failure(report, head, wav_header)

    found = _parse_report(report)
    if found is None:
        raise AudioRejected("damaged", DAMAGED, _detail(report))
    format_name, codec, declared, estimated = found
    demuxer = format_name.split(",")[0]
    if demuxer not in CONTAINERS:  # the whitelist already holds this; say so if a build ever differs
        raise _unsupported(report)
    if codec not in CONTAINERS[demuxer]:
        raise AudioRejected(
            "unsupported_codec",
            f"This {_container_label(demuxer)} file holds {codec} audio, which the archive cannot take. "
            f"Please upload the recording as {ACCEPTED_FORMATS}.",
            _detail(report),
        )

    rate, channels = _decoded_shape(result.stdout)
    _check_shape(rate, channels, limits)

    if demuxer == "wav" and wav_header is not None:
        declared = _check_wav_claims(wav_header, size, limits) or declared
    if declared is None or estimated:
        # No duration in the container, or only ffmpeg's guess from the bitrate: count the packets
        # (read, not decoded), stopping a little after the cap.
        declared = _measure(binary, url, demuxer, limits)
    if declared > limits.max_seconds:
        raise _too_long(declared, limits)
    return AudioInfo(demuxer, codec, round(declared, 3), rate, channels)


_INPUT_RE = re.compile(r"^Input #0, (?P<format>[\w,]+), from ", re.MULTILINE)
_DURATION_RE = re.compile(r"^\s+Duration: (?:(?P<h>\d+):(?P<m>\d\d):(?P<s>\d\d(?:\.\d+)?)|N/A)", re.MULTILINE)
_AUDIO_RE = re.compile(r"^\s+Stream #0:\d+\S*: Audio: (?P<codec>\w+)", re.MULTILINE)


def _parse_report(report: str) -> tuple[str, str, float | None, bool] | None:
    """Read (format, first audio codec, declared duration or None, duration only estimated)."""
    # Only the input's part of the report: the output's stream lines follow "Stream mapping:".
    head = report.split("Stream mapping:", 1)[0]
    fmt = _INPUT_RE.search(head)
    audio = _AUDIO_RE.search(head)
    if not fmt or not audio:
        return None
    duration = _DURATION_RE.search(head)
    declared = None
    if duration and duration.group("h") is not None:
        declared = int(duration["h"]) * 3600 + int(duration["m"]) * 60 + float(duration["s"])
    estimated = "Estimating duration from bitrate" in head
    return fmt["format"], audio["codec"], declared, estimated


def _decoded_shape(wav_bytes: bytes) -> tuple[int, int]:
    """Sample rate and channels from the fmt chunk of ffmpeg's WAV output (any channel count)."""
    header = _parse_wav_header(wav_bytes)
    if header is None:
        raise AudioRejected("damaged", DAMAGED)
    return header.sample_rate, header.channels


def _check_shape(rate: int, channels: int, limits: Limits) -> None:
    if channels < 1:
        raise AudioRejected("bad_channels", NO_CHANNELS)
    if channels > limits.max_channels:
        raise AudioRejected(
            "bad_channels",
            f"The recording has {channels} channels; the archive takes 1 to {limits.max_channels}.",
        )
    if not limits.min_sample_rate <= rate <= limits.max_sample_rate:
        raise AudioRejected(
            "bad_sample_rate",
            f"The recording's sample rate is {rate} Hz; the archive takes "
            f"{limits.min_sample_rate // 1000} to {limits.max_sample_rate // 1000} kHz.",
        )


def _probe_failure(report: str, head: bytes, wav_header: _WavHeader | None) -> AudioRejected:
    detail = _detail(report)
    if "Codec (" in report and "not on whitelist" in report:
        return AudioRejected(
            "unsupported_codec",
            f"The recording is in a sound format the archive cannot take. "
            f"Please upload it as {ACCEPTED_FORMATS}.",
            detail,
        )
    if "not on whitelist" in report:
        return _unsupported(report)
    if "matches no streams" in report:
        return AudioRejected("no_audio", "The file holds no sound recording.", detail)
    # A WAV header names the fault exactly; ffmpeg's wording for it differs between versions.
    if wav_header is not None and wav_header.channels == 0:
        return AudioRejected("bad_channels", NO_CHANNELS, detail)
    if wav_header is not None and wav_header.sample_rate == 0:
        return AudioRejected("bad_sample_rate", NO_SAMPLE_RATE, detail)
    if "Invalid data found when processing input" in report and not _looks_like_audio(head):
        return _unsupported(report)
    return AudioRejected("damaged", DAMAGED, detail)


# The first bytes of the allowed containers; used only to word an error ("damaged", not "not audio").
_MAGIC = (b"RIFF", b"OggS", b"fLaC", b"#!AMR", b"ID3", b"\x1aE\xdf\xa3")


def _looks_like_audio(head: bytes) -> bool:
    return head.startswith(_MAGIC) or head[4:8] == b"ftyp"


def _unsupported(report: str) -> AudioRejected:
    return AudioRejected(
        "unsupported_format",
        f"This file is not a recording the archive can read. Please upload a voice recording as "
        f"{ACCEPTED_FORMATS}.",
        _detail(report),
    )


def _too_long(seconds: float, limits: Limits, at_least: bool = False, detail: str = "") -> AudioRejected:
    cap = _spoken_length(limits.max_seconds)
    length = f"longer than {cap}" if at_least else f"{_spoken_length(seconds)} long"
    return AudioRejected(
        "too_long",
        f"The recording is {length}; the archive takes recordings up to {cap}.",
        detail,
    )


def _measure(binary: str, url: str, demuxer: str, limits: Limits) -> float:
    """Return the time of the last audio packet, reading packets without decoding them."""
    # Packets last well under a minute, so stopping 60 s past the cap still shows a recording over it.
    cmd = [binary, *_input_args(demuxer), "-t", f"{limits.max_seconds + 60:.3f}", "-i", url]
    cmd += ["-map", "0:a:0", "-c", "copy", "-f", "null", "-nostats", "-progress", "pipe:1", "-"]
    try:
        result = _run(cmd, timeout=limits.probe_timeout_s)
    except subprocess.TimeoutExpired as err:
        raise AudioRejected("timeout", TOO_SLOW) from err
    if result.returncode != 0:
        raise AudioRejected("damaged", DAMAGED, _detail(result.stderr))
    times = _OUT_TIME_RE.findall(result.stdout.decode("ascii", "replace"))
    return int(times[-1]) / 1e6 if times else 0.0


# ---------------------------------------------------------------------------------------------------
# WAV headers: the one container whose claims are trivial to forge, and that ffmpeg quietly ignores


@dataclass(frozen=True)
class _WavHeader:
    channels: int
    sample_rate: int
    byte_rate: int
    data_offset: int | None
    data_size: int | None


def _parse_wav_header(head: bytes) -> _WavHeader | None:
    """Read the fmt and data chunk headers of a RIFF/WAVE file; None if it is not one."""
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    fmt: tuple[int, int, int] | None = None
    pos = 12
    while pos + 8 <= len(head):
        chunk, length = head[pos : pos + 4], struct.unpack_from("<I", head, pos + 4)[0]
        if chunk == b"fmt " and pos + 20 <= len(head):
            channels, rate, byte_rate = struct.unpack_from("<HII", head, pos + 10)
            fmt = (channels, rate, byte_rate)
        elif chunk == b"data":
            break
        pos += 8 + length + (length & 1)
    if fmt is None:
        return None
    if pos + 8 <= len(head) and head[pos : pos + 4] == b"data":
        return _WavHeader(*fmt, data_offset=pos + 8, data_size=struct.unpack_from("<I", head, pos + 4)[0])
    return _WavHeader(*fmt, data_offset=None, data_size=None)


def _check_wav_claims(header: _WavHeader, size: int, limits: Limits) -> float | None:
    """Refuse a WAV that claims to be longer than the cap or holds less than it claims.

    ffmpeg uses the file's size instead of a data size larger than the file, so it would take such a
    file as shorter than it says; we say what is wrong instead.
    """
    if header.data_size is None or header.data_offset is None or header.data_size in _WAV_SIZE_UNKNOWN:
        return None
    claimed = header.data_size / header.byte_rate if header.byte_rate else None
    if claimed is not None and claimed > limits.max_seconds:
        raise _too_long(claimed, limits)
    if header.data_offset + header.data_size > size:
        held = _percent(size - header.data_offset, header.data_size)
        raise AudioRejected(
            "incomplete",
            f"The recording is cut off: the file holds {held} of the sound its header announces. "
            "It may not have finished copying or uploading; please send it again.",
        )
    return claimed


# ---------------------------------------------------------------------------------------------------
# Decoding


_OUT_TIME_RE = re.compile(r"^out_time_us=(\d+)$", re.MULTILINE)


def normalise(
    src: str | os.PathLike[str],
    dest_wav: str | os.PathLike[str],
    limits: Limits = Limits(),
    progress: Callable[[float], None] | None = None,
) -> Normalised:
    """Decode a recording to a 16 kHz mono s16le WAV at ``dest_wav``, without its metadata.

    ``progress`` is called with the fraction done (0..1) as ffmpeg goes. The WAV is written to a temp
    file beside ``dest_wav`` and renamed into place, so nothing is left behind on failure.
    """
    src_path, dest = Path(src), Path(dest_wav)
    size = _check_file(src_path, limits)
    with _neutral_name(src_path) as url:
        info = _probe(url, src_path, size, limits)
        out = [
            "-map",
            "0:a:0",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-ac",
            "1",
            "-ar",
            str(RECOGNITION_RATE),
            "-c:a",
            "pcm_s16le",
            "-flags:a",
            "+bitexact",
            "-fflags",
            "+bitexact",
            "-f",
            "wav",
        ]
        with _atomic_output(dest) as tmp:
            _decode(url, info, out, tmp, limits, progress)
            try:
                with wave.open(str(tmp), "rb") as w:
                    frames, rate = w.getnframes(), w.getframerate()
            except (wave.Error, EOFError) as err:
                raise AudioRejected("damaged", DAMAGED) from err
            duration = frames / rate
            if frames == 0:
                raise AudioRejected("no_audio", "The recording holds no sound.")
            if duration > limits.max_seconds:
                # The container claimed less than it holds; decoding stopped one second past the cap.
                raise _too_long(
                    duration, limits, at_least=True, detail=f"decoding stopped at {duration:.2f} s"
                )
    if progress:
        progress(1.0)
    return Normalised(dest, round(duration, 3), info)


def listening_copy(
    src_wav: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    limits: Limits = Limits(),
    formats: tuple[ListeningFormat, ...] = LISTENING_FORMATS,
    progress: Callable[[float], None] | None = None,
) -> ListeningCopy:
    """Encode a small mono copy for listening on slow connections, without metadata.

    Uses the first of ``formats`` the ffmpeg build can encode (Opus at 24 kbit/s, else MP3); the
    copy is written at ``dest`` with its suffix replaced by the format's (``.ogg`` or ``.mp3``).
    ``progress`` is called as the encoding goes, like ``normalise``'s (a job's heartbeat).
    """
    binary = ffmpeg_binary()
    available = _encoders(binary)
    chosen = next((f for f in formats if f.encoder in available), None)
    if chosen is None:
        wanted = ", ".join(f.encoder for f in formats)
        raise AudioToolError(f"The ffmpeg at {binary} can encode none of: {wanted}.")
    src_path, target = Path(src_wav), Path(dest).with_suffix(chosen.suffix)
    # The source is a file the archive already took: a staged upload that passed the size cap, or a
    # job's own 16 kHz WAV, which may rightly be larger than the upload was (32 kB a second: a 3-hour
    # story is 346 MB against a 200 MB cap). The duration and stream checks still apply.
    size = _check_file(src_path, limits, size_capped=False)
    with _neutral_name(src_path) as url:
        info = _probe(url, src_path, size, limits)
        out = ["-map", "0:a:0", "-map_metadata", "-1", "-map_chapters", "-1", "-ac", "1"]
        out += ["-c:a", chosen.encoder, *chosen.args]
        out += ["-flags:a", "+bitexact", "-fflags", "+bitexact", "-f", chosen.muxer]
        with _atomic_output(target) as tmp:
            _decode(url, info, out, tmp, limits, progress)
    return ListeningCopy(target, chosen.media_type, chosen.encoder)


def filtered_wav(
    src_wav: str | os.PathLike[str],
    dest_wav: str | os.PathLike[str],
    audio_filter: str,
    limits: Limits = Limits(),
    progress: Callable[[float], None] | None = None,
) -> Normalised:
    """Run a WAV the archive made through an ffmpeg audio filter into a 16 kHz mono s16le WAV.

    ``audio_filter`` is an ``-af`` filter graph written by the archive, never by a user (the voice
    disguise). Like ``listening_copy`` the source is not held to the upload size cap; the output is
    written atomically and carries no metadata.
    """
    src_path, dest = Path(src_wav), Path(dest_wav)
    size = _check_file(src_path, limits, size_capped=False)
    with _neutral_name(src_path) as url:
        info = _probe(url, src_path, size, limits)
        out = ["-map", "0:a:0", "-map_metadata", "-1", "-map_chapters", "-1", "-af", audio_filter]
        out += ["-ac", "1", "-ar", str(RECOGNITION_RATE), "-c:a", "pcm_s16le"]
        out += ["-flags:a", "+bitexact", "-fflags", "+bitexact", "-f", "wav"]
        with _atomic_output(dest) as tmp:
            _decode(url, info, out, tmp, limits, progress)
            with wave.open(str(tmp), "rb") as w:
                duration = w.getnframes() / w.getframerate()
    return Normalised(dest, round(duration, 3), info)


@contextlib.contextmanager
def _atomic_output(dest: Path) -> Iterator[Path]:
    """Yield a temp path beside ``dest``; rename it to ``dest`` on success, remove it on failure."""
    if not dest.parent.is_dir():
        raise FileNotFoundError(f"no folder for {dest}")
    # ffmpeg creates the file, so it gets the usual permissions (umask), not mkstemp's 0600.
    # Named after ``dest``: a process killed mid-write leaves ``.incoming-….part`` beside a staged
    # upload, which the sweep of abandoned uploads (ingest.recordings) finds by that prefix.
    tmp = dest.parent / f"{dest.name}.{secrets.token_hex(8)}.part"
    if not tmp.name.startswith("."):
        tmp = tmp.with_name("." + tmp.name)
    try:
        yield tmp
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _decode(
    url: str,
    info: AudioInfo,
    out_args: list[str],
    tmp: Path,
    limits: Limits,
    progress: Callable[[float], None] | None,
) -> None:
    """Run ffmpeg on ``url`` with the container forced, stopping one second past the duration cap."""
    binary = ffmpeg_binary()
    cmd = [binary, *_input_args(info.format_name), "-t", f"{limits.max_seconds + 1:.3f}", "-i", url]
    cmd += ["-loglevel", "error", "-nostats", "-progress", "pipe:1", *out_args, "-n", f"file:{tmp}"]
    expected = min(info.duration_s, limits.max_seconds + 1)
    timed_out = threading.Event()
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError as err:
            raise AudioToolError(f"ffmpeg was not found at {binary}; set FFMPEG_BINARY.") from err

        def stop() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(limits.decode_timeout_s, stop)
        timer.start()
        with proc:  # closes the pipe and waits for ffmpeg, however this block ends
            try:
                assert proc.stdout is not None
                for raw in proc.stdout:
                    line = raw.decode("ascii", "replace").strip()
                    if progress and expected > 0 and line.startswith("out_time_us="):
                        value = line.partition("=")[2]
                        if value.isdigit():
                            progress(min(1.0, int(value) / 1e6 / expected))
            except BaseException:  # the progress callback raised: do not leave ffmpeg running
                proc.kill()
                raise
            finally:
                timer.cancel()
        returncode = proc.returncode
        errors.seek(0)
        report = errors.read()
    if timed_out.is_set() and returncode != 0:
        raise AudioRejected("timeout", TOO_SLOW)
    if returncode != 0:
        raise AudioRejected("damaged", DAMAGED, _detail(report))


# ---------------------------------------------------------------------------------------------------
# Wording


def _detail(report: str | bytes, lines: int = 12) -> str:
    """The end of ffmpeg's report without Metadata blocks, which hold whatever the file's tags say."""
    if isinstance(report, bytes):
        report = report.decode("utf-8", "replace")
    kept, skip_deeper = [], None
    for line in report.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_deeper is not None and indent > skip_deeper:
            continue
        skip_deeper = indent if line.strip() in ("Metadata:", "Chapters:") else None
        if skip_deeper is None:
            kept.append(line)
    return "\n".join(kept[-lines:])


def _container_label(demuxer: str) -> str:
    return {"mov": "m4a/mp4", "matroska": "webm/mkv"}.get(demuxer, demuxer)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _spoken_length(seconds: float) -> str:
    """A length as a message says it: 3 h 05 min, 4 min 02 s, 7.5 s."""
    total = int(seconds)
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{seconds:.1f} s"


def _percent(part: int, whole: int) -> str:
    return f"{max(0, min(99, int(100 * part / whole)))}%"
