"""Bad recordings sent through the facilitator's form: each one is refused with a clear message on the
recording field, the form comes back with what was typed, nothing is left in media/ or the database,
and the next good upload goes through. Odd file names are accepted but never used.

The bad files are made by test_audio_limits.py's makers (the decoding layer's own bad-input table);
here they travel the whole way: multipart upload, staging, probing, the form and the database.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story
from tests.fixtures.audio import ffmpeg as run_ffmpeg
from tests.fixtures.audio import fixture
from tests.fixtures.recordings import RECORDED, files_under, recording_rows, send_recording
from tests.test_audio_limits import BAD


def ten_hours_of_silence(folder: Path) -> Path:
    """A real ten-hour recording of silence (8 kHz FLAC, about 70 KB on disk)."""
    path = folder / "night.flac"
    run_ffmpeg(
        "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:nb_samples=65535",
        "-t", "36000", "-c:a", "flac", "-compression_level", "0", str(path),
    )  # fmt: skip
    return path


# name -> (maker, words the message must hold, settings for the app); the makers come from the
# decoding layer's table, where each one's reason is checked against audio.normalise directly.
CASES = {
    "empty file": (BAD["empty file"].make, "empty", {}),
    "text renamed .mp3": (BAD["text renamed .mp3"].make, "not a recording", {}),
    "truncated wav": (BAD["wav cut off in its data"].make, "cut off", {}),
    "wav header claiming 4 GiB": (BAD["wav header claiming 4 GiB"].make, "37 h", {}),
    "wav with 0 channels": (BAD["wav with 0 channels"].make, "no sound channels", {}),
    "hls playlist renamed .wav": (BAD["hls playlist renamed .wav"].make, "not a recording", {}),
    "ffconcat script renamed .wav": (BAD["ffconcat script renamed .wav"].make, "not a recording", {}),
    "zip renamed .m4a": (BAD["zip renamed .m4a"].make, "not a recording", {}),
    "over the size cap": (BAD["over the size cap"].make, "larger than 98 KB", {"MAX_AUDIO_BYTES": 100_000}),
    "ten hours of silence": (ten_hours_of_silence, "10 h 00 min", {}),
}

RECORDING_ERRORS_RE = re.compile(
    r'<input[^>]*name="recording"[^>]*>\s*<ul class="errors"[^>]*>(.*?)</ul>', re.S
)


def recording_errors(page: str) -> list[str]:
    """The messages shown under the recording field."""
    match = RECORDING_ERRORS_RE.search(page)
    return [html.unescape(m) for m in re.findall(r"<li>(.*?)</li>", match.group(1))] if match else []


@pytest.mark.parametrize(
    "case, app_config",
    [(name, settings) for name, (_, _, settings) in CASES.items()],
    ids=list(CASES),
)
def test_a_bad_recording_is_refused_and_leaves_nothing(app, sign_in, tmp_path, case, app_config):
    make, says, _ = CASES[case]
    bad = Path(make(tmp_path))
    media = Path(app.config["MEDIA_ROOT"])
    facilitator = sign_in("facilitator")
    before = recording_rows(app)
    assert before["stories"] == before["media_files"] == before["jobs"] == 0

    response = send_recording(facilitator, bad, name=bad.name)

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    messages = recording_errors(page)
    assert len(messages) == 1 and says in messages[0], messages
    # The form comes back with what was typed (a browser never keeps a chosen file).
    assert f'value="{RECORDED["title"]}"' in page
    assert f'value="{RECORDED["free_tags"]}"' in page
    assert f'value="{RECORDED["speaker"]}"' in page
    assert re.search(r'<option selected value="ko">|<option value="ko" selected>', page)
    assert files_under(media) == []
    assert recording_rows(app) == before

    # The archive is unharmed: the next good recording is taken and its job runs.
    response = send_recording(facilitator, fixture("clinic_visit.ogg"), language="sw")
    assert response.status_code == 201, response.get_data(as_text=True)
    with app.app_context():
        story = db.session.scalar(select(Story))
        assert story.status == "needs_model"  # queued, run, and waiting for a Swahili model
        db.session.remove()


NAMES = [
    "../../etc/passwd.ogg",
    "..\\..\\windows\\win.ini.ogg",
    "ñandú 病院 보건소 😷.ogg",
    "-y.ogg",
    "file:input.m3u8",
    "long " * 100 + ".ogg",
]


@pytest.mark.parametrize(
    "name", NAMES, ids=["traversal", "windows traversal", "unicode", "option", "url", "long"]
)
def test_an_odd_file_name_is_accepted_but_never_used(app, sign_in, name):
    # The name only ever reaches the upload's staging: a language without a model keeps the job short
    # (no recognition), and the listening copy is named after its job.
    facilitator = sign_in("facilitator")
    response = send_recording(facilitator, fixture("clinic_visit.ogg"), name=name, language="sw")
    assert response.status_code == 201, response.get_data(as_text=True)

    media = Path(app.config["MEDIA_ROOT"])
    with app.app_context():
        rows = {m.kind: m for m in db.session.scalars(select(MediaFile))}
        db.session.remove()
    assert set(rows) == {MediaKind.ORIGINAL, MediaKind.LISTENING}
    assert re.fullmatch(r"originals/[\w-]{16}\.ogg", rows[MediaKind.ORIGINAL].path)
    assert re.fullmatch(r"derived/[\w-]+-[0-9a-f]{16}\.(ogg|mp3)", rows[MediaKind.LISTENING].path)
    assert files_under(media) == sorted(m.path for m in rows.values())
    assert (media / rows[MediaKind.ORIGINAL].path).read_bytes() == fixture("clinic_visit.ogg").read_bytes()
    assert not (media.parent / "etc").exists() and not (media.parent / "windows").exists()
    pieces = [p for p in re.split(r"[\\/.\s:]+", name) if len(p) > 2 and p != "ogg"]
    for piece in pieces:
        assert piece not in str(files_under(media)), piece
    # Nor is it kept in the database (its file and its write-ahead log).
    for stored in Path(app.instance_path).glob("archive.db*"):
        assert name.encode() not in stored.read_bytes(), stored.name
