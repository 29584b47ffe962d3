"""The keys a backup must hold, sealed with a passphrase, and restoring a backup into a fresh instance.

A backup without the instance's keys cannot be used: known identifiers and witness names are
encrypted with ``IDENTIFIER_KEY`` (derived from ``SECRET_KEY`` unless set apart), so on a new machine
every review and publication failed ("identifier could not be decrypted"). ``backup`` now writes
``keys.sealed``: both keys, encrypted with a key derived from a passphrase (scrypt, then Fernet:
AES-128-CBC with HMAC-SHA256), so the backup folder alone is not enough to read the identifiers.
Keep the passphrase apart from the backups; without it the keys cannot be read back.

``restore SRC`` puts a backup into an instance that holds no stories yet: the database (through
SQLite's backup API), the search index, the media folder and the keys (``instance/secret_key``, and
``instance/identifier_key`` when it was set apart), then brings the database up to date. The running
process keeps the keys it started with: start the site again afterwards.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from flask import current_app
from sqlalchemy import func, select

from .errors import ValidationFailed
from .extensions import db
from .models import Story

KEYS_FILE = "keys.sealed"
FORMAT = "story-archive keys"
# scrypt's cost: 2**15 x 8 x 128 bytes = 32 MiB and about a tenth of a second per try, so guessing a
# passphrase is slow; the parameters are written with the file, so they may grow later.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE_CHARS = 12


@dataclass(frozen=True)
class Keys:
    """An instance's keys: what signs sessions and derives the rest, and what encrypts identifiers."""

    secret_key: str
    identifier_key: str

    @property
    def identifier_key_apart(self) -> bool:
        return self.identifier_key != derived_identifier_key(self.secret_key)


def derived_identifier_key(secret_key: str) -> str:
    """IDENTIFIER_KEY when it is not set apart (``archive.shell.factory.configure_paths``)."""
    return "identifiers:" + secret_key


def current_keys() -> Keys:
    """The current app's keys."""
    cfg = current_app.config
    return Keys(cfg["SECRET_KEY"], cfg["IDENTIFIER_KEY"])


def _fernet(passphrase: str, salt: bytes, n: int, r: int, p: int) -> Fernet:
    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal_keys(keys: Keys, passphrase: str, dest: Path) -> None:
    """Write ``keys`` to ``dest``, encrypted with ``passphrase`` (mode 0600)."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValidationFailed(
            f"Choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters for the backup's keys."
        )
    salt = secrets.token_bytes(16)
    payload = json.dumps({"secret_key": keys.secret_key, "identifier_key": keys.identifier_key})
    sealed = {
        "format": FORMAT,
        "version": 1,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex()},
        "keys": _fernet(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).encrypt(payload.encode()).decode(),
    }
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(sealed, out, indent=1)


def open_keys(src: Path, passphrase: str) -> Keys:
    """Read the keys sealed in ``src``; ValidationFailed for a wrong passphrase or a damaged file."""
    try:
        sealed = json.loads(src.read_text())
        kdf = sealed["kdf"]
        if sealed.get("format") != FORMAT or kdf.get("name") != "scrypt":
            raise ValueError("not a keys file of story-archive")
        fernet = _fernet(passphrase, bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ValidationFailed(f"{src} is not a readable keys file of a backup ({err}).") from err
    try:
        payload = json.loads(fernet.decrypt(sealed["keys"].encode()))
    except InvalidToken as err:
        raise ValidationFailed("The passphrase does not open this backup's keys.") from err
    return Keys(payload["secret_key"], payload["identifier_key"])


def restore(src: Path, passphrase: str | None) -> list[str]:
    """Put the backup in ``src`` into the current instance, which must hold no stories; return what was
    restored. The database is brought up to date by the caller (``init_database``)."""
    src = Path(src)
    if not (src / "archive.db").is_file():
        raise ValidationFailed(f"{src} holds no archive.db: not a backup made by `story-archive backup`.")
    if db.engine.url.get_backend_name() != "sqlite":
        raise ValidationFailed(
            "restore puts back the embedded SQLite database; with PostgreSQL restore the database with "
            "pg_restore, then run restore with --files-only."
        )
    return _restore(src, passphrase, with_database=True)


def restore_files(src: Path, passphrase: str | None) -> list[str]:
    """Put back the index, media and keys of a ``backup --files-only`` (the database comes apart)."""
    return _restore(Path(src), passphrase, with_database=False)


def _restore(src: Path, passphrase: str | None, with_database: bool) -> list[str]:
    cfg = current_app.config
    media, index = Path(cfg["MEDIA_ROOT"]), Path(cfg["INDEX_DIR"])
    keys = None
    if (src / KEYS_FILE).is_file():
        if not passphrase:
            raise ValidationFailed("This backup's keys are sealed: give the passphrase it was made with.")
        keys = open_keys(src / KEYS_FILE, passphrase)  # before anything is written
    if with_database:
        stories = db.session.scalar(select(func.count(Story.id)))
        db.session.remove()
        if stories:
            raise ValidationFailed(
                f"This instance holds {stories} stories already: restore only into a new instance "
                "(a new ARCHIVE_INSTANCE_PATH and MEDIA_ROOT)."
            )
    if (src / "media").is_dir() and media.is_dir() and any(_stored_files(media)):
        raise ValidationFailed(f"{media} holds recordings already: restore only into an empty media folder.")
    done = []
    if with_database:
        db.engine.dispose()  # no connection of this process may hold the file meanwhile
        source = sqlite3.connect(f"file:{src / 'archive.db'}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(str(db.engine.url.database))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        done.append("database")
    if (src / "index").is_dir():
        current_app.extensions["search_index"].close()
        shutil.rmtree(index, ignore_errors=True)
        shutil.copytree(src / "index", index)
        done.append("search index")
    if (src / "media").is_dir():
        shutil.copytree(src / "media", media, dirs_exist_ok=True)
        done.append("media")
    if keys is not None:
        instance = Path(current_app.instance_path)
        _write_private(instance / "secret_key", keys.secret_key)
        if keys.identifier_key_apart:
            _write_private(instance / "identifier_key", keys.identifier_key)
        done.append("keys")
    return done


def _stored_files(media: Path):
    for area in ("originals", "derived"):
        folder = media / area
        if folder.is_dir():
            yield from (entry for entry in folder.iterdir() if not entry.name.startswith("."))


def _write_private(path: Path, value: str) -> None:
    """Write ``value`` to ``path`` with mode 0600, replacing what was there."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value)
    os.replace(tmp, path)
