"""Field encryption and blind indexes for personal data.

One secret, the *data key*, lives in a file outside the database (settings.DATA_KEY_FILE). From it
we derive, with HKDF, one key for Fernet encryption (AES-128-CBC + HMAC-SHA256) and one for the
blind index (HMAC-SHA256 of a normalised value), so a name can be found by exact match without
decrypting rows and without storing anything a dictionary attack on the database alone can reverse.

In development the key file is created on first use. In production it is never created silently
(SPORTELLO_DATA_KEY_AUTOCREATE). Backups (`sportello backup`) are encrypted with another key derived
from it and never contain it: keep its copies apart from them (docs/operations.md).
"""

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models


class DataKeyMissing(RuntimeError):
    pass


def key_path() -> Path:
    return Path(settings.DATA_KEY_FILE)


def create_key(path: Path | None = None) -> Path:
    path = path or key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as key_file:
        key_file.write(base64.urlsafe_b64encode(os.urandom(32)))
    return path


def read_master_key(file: Path) -> bytes:
    """The data key's 32 (or more) secret bytes, read from its file; never creates it."""
    if not file.exists():
        raise DataKeyMissing(f"The data key file {file} does not exist.")
    try:
        master = base64.urlsafe_b64decode(file.read_bytes().strip())
    except ValueError:
        master = b""
    if len(master) < 32:
        raise DataKeyMissing(f"The data key file {file} is not a valid key.")
    return master


def derive_key(master: bytes, info: bytes, *, salt: bytes | None = None, length: int = 32) -> bytes:
    """A key for one purpose (named by `info`), derived from the data key with HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(master)


def master_key() -> bytes:
    """The data key of this installation, created first when the settings allow it (development)."""
    keys()
    return read_master_key(key_path())


@cache
def _keys(path: str) -> tuple[Fernet, bytes]:
    file = Path(path)
    if not file.exists() and (settings.DEBUG or getattr(settings, "DATA_KEY_AUTOCREATE", False)):
        create_key(file)
    master = read_master_key(file)
    fernet = Fernet(base64.urlsafe_b64encode(derive_key(master, b"sportello field encryption")))
    return fernet, derive_key(master, b"sportello blind index")


def keys() -> tuple[Fernet, bytes]:
    return _keys(str(key_path()))


def encrypt(text: str) -> str:
    return keys()[0].encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return keys()[0].decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DataKeyMissing("Encrypted data cannot be read with the current data key.") from exc


def normalise(value: str) -> str:
    """Case-, accent- and spacing-insensitive form: 'Ámina  EL-Idrissi ' → 'amina el-idrissi'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip()


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed hash of the normalised value; empty input gives an empty index."""
    value = normalise(value)
    if not value:
        return ""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(keys()[1], message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code sees plain text. Not searchable, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
