"""Random ids, consent codes and secrets, password and token hashing, identifier encryption."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Readable on a printed card and typed on a phone keypad: no 0/O, 1/I/L, U/V confusion.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 8
SECRET_LENGTH = 10

_hasher = PasswordHasher()
# A real hash to verify against when the code is unknown, so timing does not reveal which codes exist.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def new_id() -> str:
    """Return an unguessable id for use in URLs (96 random bits, 16 characters).

    Never one that starts with "-" or "_": an id is written into CSV exports, where a cell starting
    with "-" is defused as a possible formula (so it would no longer read as the id), and one
    starting with "-" reads as an option on a command line.
    """
    while True:
        value = secrets.token_urlsafe(12)
        if value[0].isalnum():
            return value


def _random_chars(n: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


def new_consent_code() -> str:
    """Return a new consent code (stored and compared without the dash)."""
    return _random_chars(CODE_LENGTH)


def new_consent_secret() -> str:
    return _random_chars(SECRET_LENGTH)


def normalise_code(raw: str) -> str:
    """Uppercase and drop spaces and dashes, as people type codes in many ways."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code: str, group: int = 4) -> str:
    """Group a code for printing: ``ABCD-EFGH``."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def hash_secret(secret: str) -> str:
    """Hash a password or consent secret with Argon2id."""
    return _hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Check a secret against its hash; with no hash, spend the same time and fail."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def hash_token(token: str) -> str:
    """Hash a high-entropy API token (a fast hash is enough for 256 random bits)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_token() -> str:
    return "sa_" + secrets.token_urlsafe(32)


def keyed_digest(key: str, value: str) -> str:
    """HMAC a value (e.g. a client address) so it can be counted without being stored."""
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


class IdentifierCipher:
    """Encrypts known identifiers at rest with a key derived from configuration."""

    def __init__(self, key_material: str):
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"story-archive identifiers")
        self._fernet = Fernet(base64.urlsafe_b64encode(hkdf.derive(key_material.encode())))

    def encrypt(self, value: str) -> bytes:
        return self._fernet.encrypt(value.encode())

    def decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken as err:
            raise ValueError("identifier could not be decrypted with the configured key") from err
