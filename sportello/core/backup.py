"""Encrypted backups of an installation: the database and the uploaded files, in one archive.

`create_backup()` (`sportello backup`) writes a tar stream of

    database/sportello.sqlite3   a copy made with SQLite's online backup API (consistent while the
                                 server runs: one read transaction in WAL mode), or
    database/sportello.pgdump    `pg_dump --format=custom` of an exported snapshot
    media/...                    every file under MEDIA_ROOT (meeting attachments, news images)
    manifest.json                last: app version, applied migrations, database vendor and
                                 version, rows per table, created-at, key id, SHA-256 and size of
                                 every other member

encrypted as it is written. `restore_archive()` (`sportello restore`) decrypts and verifies the
whole archive into a private staging directory before it touches the target, then loads the
database into it (refusing a target that already has tables unless `force`) and puts the files
back.

Encryption (format 1). The key is derived from the data key (SPORTELLO_DATA_KEY_FILE) with
HKDF-SHA256 and a random 16-byte salt per archive; the data key itself is never written to the
archive. The file is a header followed by chunks:

    header   b"SPORTELLO-BACKUP" | format (1 byte) | chunk size (4 bytes, big-endian)
             | salt (16 bytes) | key id (8 bytes: HKDF of the data key, not the key)
    chunk i  AES-256-GCM(key, nonce = i as 11 bytes big-endian | 1 if last else 0,
             data = chunk size bytes of the tar stream compressed with raw DEFLATE, level 1
             (the last chunk: the rest), associated data = header)

Every chunk is authenticated with its position and whether it is the last, so a changed byte
(in the header too), a removed, repeated or reordered chunk and a cut-off end are all detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from sportello.core import crypto

MAGIC = b"SPORTELLO-BACKUP"
FORMAT = 1
HEADER = struct.Struct(">16sBI16s8s")
CHUNK_SIZE = 1 << 20
MIN_CHUNK_SIZE, MAX_CHUNK_SIZE = 1 << 10, 64 << 20
TAG_SIZE = 16
SUFFIX = ".sportello-backup"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/sportello.sqlite3"
PG_MEMBER = "database/sportello.pgdump"

DAMAGED = (
    "The archive is damaged, cut short or was altered (it fails its authentication check{where}); "
    "nothing was restored. Use another copy of the backup."
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# --- keys -------------------------------------------------------------------------------------


def key_id(master: bytes) -> str:
    """A short public name of the data key (an HKDF output, not the key): tells which key an
    archive needs without revealing anything about it."""
    return crypto.derive_key(master, b"sportello backup key id", length=8).hex()


def _archive_key(master: bytes, salt: bytes) -> AESGCM:
    return AESGCM(crypto.derive_key(master, b"sportello backup v1", salt=salt))


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


# --- the encrypted stream ---------------------------------------------------------------------


class _EncryptingWriter:
    """A write-only file object: what is written goes out encrypted, chunk by chunk."""

    def __init__(self, raw, master: bytes, chunk_size: int = CHUNK_SIZE):
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError("chunk size out of range")
        salt = os.urandom(16)
        self.header = HEADER.pack(MAGIC, FORMAT, chunk_size, salt, bytes.fromhex(key_id(master)))
        self._aead = _archive_key(master, salt)
        self._raw = raw
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._counter = 0
        # Level 1: a SQLite copy shrinks by about two thirds for little CPU; pg_dump's output and
        # uploaded files are compressed already and pass almost unchanged.
        self._deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
        self.closed = False
        raw.write(self.header)

    def write(self, data) -> int:
        self._buffer += self._deflate.compress(data)
        self._seal_full_chunks()
        return len(data)

    def _seal_full_chunks(self) -> None:
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = _nonce(self._counter, last)
        self._raw.write(self._aead.encrypt(nonce, plain, self.header))
        self._counter += 1

    def close(self) -> None:
        """Write the last chunk (the underlying file stays open)."""
        if not self.closed:
            self._buffer += self._deflate.flush()
            self._seal_full_chunks()
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self.closed = True


class _DecryptingReader(io.RawIOBase):
    """A read-only file object over an archive: yields the tar stream, each chunk checked."""

    def __init__(self, raw, master: bytes):
        super().__init__()
        header = _read_exactly(raw, HEADER.size)
        if len(header) < HEADER.size or not header.startswith(MAGIC):
            raise BackupError("This file is not a Sportello backup archive.")
        _magic, version, chunk_size, salt, archive_key_id = HEADER.unpack(header)
        if version != FORMAT:
            raise BackupError(
                f"This archive has format {version}; this version of Sportello reads format "
                f"{FORMAT}. Restore it with the Sportello version that wrote it."
            )
        if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
            raise BackupError(DAMAGED.format(where=" of its header"))
        if archive_key_id.hex() != key_id(master):
            raise BackupError(
                f"This archive was encrypted with another data key (key id "
                f"{archive_key_id.hex()}; the key in {crypto.key_path()} has key id "
                f"{key_id(master)}). Put the data key of the installation that made the backup "
                "in SPORTELLO_DATA_KEY_FILE."
            )
        self.header = header
        self._aead = _archive_key(master, salt)
        self._raw = raw
        self._size = chunk_size + TAG_SIZE
        self._pending = _read_exactly(raw, self._size)
        self._counter = 0
        self._inflate = zlib.decompressobj(-15)
        self._compressed = b""  # decrypted, not yet inflated
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not len(buffer):
            return 0
        while True:
            if self._compressed or self._inflate.unconsumed_tail:
                data = self._inflate.unconsumed_tail or self._compressed
                self._compressed = b""
                try:
                    plain = self._inflate.decompress(data, len(buffer))
                except zlib.error:
                    raise BackupError(DAMAGED.format(where=": it does not inflate")) from None
                if plain:
                    buffer[: len(plain)] = plain
                    return len(plain)
                continue
            if self._done:
                if not self._inflate.eof:
                    raise BackupError(DAMAGED.format(where=": its compressed data is cut short"))
                return 0
            self._open_next_chunk()

    def _open_next_chunk(self) -> None:
        sealed = self._pending
        if not sealed:
            raise BackupError(DAMAGED.format(where=": it ends before its last part"))
        self._pending = _read_exactly(self._raw, self._size)
        last = not self._pending
        try:
            self._compressed = self._aead.decrypt(_nonce(self._counter, last), sealed, self.header)
        except InvalidTag:
            raise BackupError(DAMAGED.format(where=f" at part {self._counter + 1}")) from None
        self._counter += 1
        self._done = last


def _read_exactly(raw, size: int) -> bytes:
    parts, missing = [], size
    while missing:
        part = raw.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


# --- database helpers -------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_connect(name: str, *, readonly: bool = False) -> sqlite3.Connection:
    if name.startswith("file:"):  # the test run's shared in-memory database
        return sqlite3.connect(name, uri=True)
    if readonly:
        return sqlite3.connect(f"file:{Path(name).resolve()}?mode=ro", uri=True)
    return sqlite3.connect(name)


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        table: conn.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608
        for table in _sqlite_tables(conn)
    }


def _sqlite_migrations(conn: sqlite3.Connection) -> list[str]:
    if "django_migrations" not in _sqlite_tables(conn):
        return []
    rows = conn.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in rows)


_PG_TABLES = (
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false)) "
    "ORDER BY c.relname"
)

# libpq's environment variables for the connection options Django passes through.
_PG_ENV = {
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "host": "PGHOST",
    "port": "PGPORT",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def _pg_params(database: dict) -> dict[str, str]:
    params = {
        key: str(value)
        for key, value in database.get("OPTIONS", {}).items()
        if key in _PG_ENV and value not in (None, "")
    }
    for key, setting in (
        ("dbname", "NAME"),
        ("user", "USER"),
        ("password", "PASSWORD"),
        ("host", "HOST"),
        ("port", "PORT"),
    ):
        if database.get(setting):
            params[key] = str(database[setting])
    return params


def _pg_connect(database: dict, *, autocommit: bool = False):
    import psycopg

    return psycopg.connect(**_pg_params(database), autocommit=autocommit)


def _pg_env(database: dict) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update({_PG_ENV[key]: value for key, value in _pg_params(database).items()})
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    return env


def _pg_counts(conn) -> dict[str, int]:
    from psycopg import sql

    tables = [name for (name,) in conn.execute(_PG_TABLES).fetchall()]
    return {
        table: conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for table in tables
    }


def _pg_migrations(conn) -> list[str]:
    tables = {name for (name,) in conn.execute(_PG_TABLES).fetchall()}
    if "django_migrations" not in tables:
        return []
    rows = conn.execute("SELECT app, name FROM django_migrations").fetchall()
    return sorted(f"{app}.{name}" for app, name in rows)


def _major(version_number: int) -> int:
    """The major version in libpq's server_version (150020 → 15; PostgreSQL 10 and later)."""
    return version_number // 10000


def _version_text(version_number: int) -> str:
    """libpq's server_version (150020) as PostgreSQL writes it (15.20)."""
    return f"{version_number // 10000}.{version_number % 10000}"


def postgres_tool(name: str, *, server_version: int | None = None) -> tuple[str, str]:
    """The path and version ("15.20") of pg_dump, pg_restore or psql on PATH, refused with a clear
    message when it is missing or older than the server (`server_version` as libpq gives it,
    e.g. 150020): pg_dump cannot dump a server of a newer major version."""
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client programs of the "
            "server's major version or newer (Debian and Ubuntu: apt-get install "
            "postgresql-client)."
        )
    output = subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    match = re.search(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?", output)
    if not match:
        raise BackupError(f"Cannot tell the version of {path} (it printed {output.strip()!r}).")
    client_major = int(match.group(1))
    if server_version is not None and _major(server_version) > client_major:
        server_major = _major(server_version)
        raise BackupError(
            f"The PostgreSQL server is version {server_major} but {name} is version "
            f"{client_major}: {name} cannot work with a newer server. Install the client "
            f"programs of version {server_major} (Debian and Ubuntu: postgresql-client-"
            f"{server_major}) and put them first on PATH."
        )
    return path, match.group(0).split()[-1]


# --- backup -----------------------------------------------------------------------------------


@dataclass
class _Dump:
    member: str
    path: Path
    info: dict
    migrations: list[str]


BUSY_SECONDS = 60


def _dump_sqlite(connection, work: Path) -> _Dump:
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    connection.ensure_connection()
    copy_path = work / "sportello.sqlite3"
    copy = sqlite3.connect(copy_path)
    busy = []

    def give_up_when_busy(status: int, remaining: int, total: int) -> None:
        # SQLite answers BUSY (5) or LOCKED (6) while another connection holds what the copy
        # needs; Python retries every 0.25 s, for ever unless told otherwise.
        busy.append(status) if status in (5, 6) else busy.clear()
        if len(busy) * 0.25 > BUSY_SECONDS:
            raise BackupError(f"The database stayed locked for {BUSY_SECONDS} s; try again.")

    try:
        # One step: a single read transaction, so the copy is one consistent moment even while
        # the server writes (WAL mode lets writers go on meanwhile).
        connection.connection.backup(copy, progress=give_up_when_busy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        counts = _sqlite_counts(copy)
        migrations = _sqlite_migrations(copy)
    finally:
        copy.close()
    info = {"vendor": "sqlite", "version": sqlite3.sqlite_version, "tables": counts}
    return _Dump(SQLITE_MEMBER, copy_path, info, migrations)


def _dump_postgresql(connection, work: Path) -> _Dump:
    database = connection.settings_dict
    dump_path = work / "sportello.pgdump"
    conn = _pg_connect(database)
    try:
        pg_dump, client_version = postgres_tool("pg_dump", server_version=conn.info.server_version)
        # pg_dump reads the snapshot exported here, and the counts and migrations in the manifest
        # are read in the same snapshot: they describe exactly the dump.
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        done = subprocess.run(
            [
                pg_dump,
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={dump_path}",
            ],
            env=_pg_env(database),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()[-2000:]}")
        counts = _pg_counts(conn)
        migrations = _pg_migrations(conn)
        server = conn.info.server_version
    finally:
        conn.close()
    info = {
        "vendor": "postgresql",
        "version": _version_text(server),
        "pg_dump_version": client_version,
        "tables": counts,
    }
    return _Dump(PG_MEMBER, dump_path, info, migrations)


class _HashingReader:
    def __init__(self, raw):
        self._raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    with path.open("rb") as source:
        stat = os.fstat(source.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o600
        reader = _HashingReader(source)
        tar.addfile(info, reader)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(media_root).as_posix(), path


def app_version() -> str:
    try:
        return metadata.version("sportello")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


@dataclass
class BackupResult:
    path: Path
    size: int
    seconds: float
    manifest: dict


def default_backup_path(directory: Path | None = None) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return (directory or Path(settings.VAR_DIR) / "backups") / f"sportello-{stamp}{SUFFIX}"


def create_backup(
    output: Path,
    *,
    connection=None,
    media_root: Path | None = None,
    work_dir: Path | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> BackupResult:
    """Write an encrypted archive of the database of `connection` (default: Django's default
    connection) and of the files under `media_root` (default: MEDIA_ROOT) to `output`.

    The archive is written next to `output` as `<name>.partial` and renamed when complete, so
    a file with the final name is always a whole archive."""
    from django.db import connection as default_connection

    connection = connection or default_connection
    media_root = Path(media_root or settings.MEDIA_ROOT)
    work_dir = Path(work_dir or settings.VAR_DIR)
    master = crypto.master_key()
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; choose another name.")
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = output.with_name(output.name + ".partial")
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=work_dir) as work:
        if connection.vendor == "sqlite":
            dump = _dump_sqlite(connection, Path(work))
        elif connection.vendor == "postgresql":
            dump = _dump_postgresql(connection, Path(work))
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        created_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw:
                writer = _EncryptingWriter(raw, master, chunk_size)
                with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    # The database first: every file its rows name was complete before the
                    # snapshot, so it is in the archive (files added since then may be too).
                    files = {dump.member: _add_file(tar, dump.member, dump.path)}
                    for name, path in _media_files(media_root):
                        try:
                            files[f"media/{name}"] = _add_file(tar, f"media/{name}", path)
                        except FileNotFoundError:  # deleted meanwhile
                            continue
                    manifest = {
                        "format": "sportello-backup",
                        "format_version": FORMAT,
                        "app_version": app_version(),
                        "created_at": created_at,
                        "key_id": key_id(master),
                        "database": dump.info,
                        "migrations": dump.migrations,
                        "files": files,
                    }
                    data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                writer.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, output)
            _fsync_directory(output.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(output, output.stat().st_size, time.monotonic() - began, manifest)


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- restore ----------------------------------------------------------------------------------


def _member_name(member: tarfile.TarInfo, seen: dict) -> str:
    name = member.name
    parts = PurePosixPath(name).parts
    allowed = name == MANIFEST or (
        len(parts) >= 2 and parts[0] in ("database", "media") and member.isfile()
    )
    if (
        not member.isfile()
        or not allowed
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or name in seen
    ):
        raise BackupError(
            f"The archive holds an unexpected entry ({name!r}); nothing was restored."
        )
    return name


def read_archive(archive: Path, staging: Path) -> dict:
    """Decrypt and unpack `archive` into `staging`, check every file against the manifest and
    return the manifest. Raises BackupError (and leaves nothing usable) on any mismatch."""
    key_file = crypto.key_path()
    try:
        master = crypto.read_master_key(key_file)
    except crypto.DataKeyMissing as exc:
        raise BackupError(
            f"{exc} A backup is encrypted with the data key of the installation that made it: "
            "put that key file there (or point SPORTELLO_DATA_KEY_FILE at it)."
        ) from None
    seen: dict[str, dict] = {}
    if not Path(archive).is_file():
        raise BackupError(f"{archive} does not exist or is not a file.")
    with Path(archive).open("rb") as raw_file:
        reader = io.BufferedReader(_DecryptingReader(raw_file, master), CHUNK_SIZE)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    name = _member_name(member, seen)
                    target = staging / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    size = 0
                    source = tar.extractfile(member)
                    with source, target.open("xb") as out:
                        while block := source.read(CHUNK_SIZE):
                            digest.update(block)
                            size += len(block)
                            out.write(block)
                    seen[name] = {"size": size, "sha256": digest.hexdigest()}
            while reader.read(CHUNK_SIZE):  # authenticate the very end (tar padding) too
                pass
        except tarfile.TarError:
            raise BackupError(DAMAGED.format(where=": its contents are not readable")) from None
    if MANIFEST not in seen:
        raise BackupError(DAMAGED.format(where=": it has no manifest"))
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
        files = manifest["files"]
        vendor = manifest["database"]["vendor"]
    except (ValueError, KeyError, TypeError):
        raise BackupError(DAMAGED.format(where=": its manifest is not readable")) from None
    if manifest.get("format") != "sportello-backup":
        raise BackupError("This archive is not a Sportello backup.")
    del seen[MANIFEST]
    if files != seen:
        differ = sorted(set(files) ^ set(seen)) or sorted(
            name for name in files if files[name] != seen[name]
        )
        raise BackupError(
            "The archive's files do not match its manifest "
            f"({', '.join(differ[:5])}); nothing was restored."
        )
    member = {"sqlite": SQLITE_MEMBER, "postgresql": PG_MEMBER}.get(vendor)
    if member not in files:
        raise BackupError(DAMAGED.format(where=": it holds no database"))
    return manifest


def database_tables(database: dict) -> list[str]:
    """The tables of the target database (empty when it does not exist yet)."""
    if database["ENGINE"].endswith("sqlite3"):
        name = str(database["NAME"])
        if not name.startswith("file:") and not Path(name).exists():
            return []
        conn = _sqlite_connect(name, readonly=True)
        try:
            return _sqlite_tables(conn)
        finally:
            conn.close()
    conn = _pg_connect(database, autocommit=True)
    try:
        return [name for (name,) in conn.execute(_PG_TABLES).fetchall()]
    finally:
        conn.close()


def database_counts(database: dict) -> dict[str, int]:
    if database["ENGINE"].endswith("sqlite3"):
        conn = _sqlite_connect(str(database["NAME"]), readonly=True)
        try:
            return _sqlite_counts(conn)
        finally:
            conn.close()
    conn = _pg_connect(database, autocommit=True)
    try:
        return _pg_counts(conn)
    finally:
        conn.close()


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Restoring into {engine} is not supported.")


def _restore_sqlite(staged: Path, database: dict) -> None:
    source = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The database in the archive fails SQLite's integrity check.")
        name = str(database["NAME"])
        if not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        target = _sqlite_connect(name)
        try:
            target.execute("PRAGMA busy_timeout=10000")
            # Page by page through SQLite itself: an existing target (with --force) is replaced
            # whole, its WAL included, and a reader never sees half of it.
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
    finally:
        source.close()


def _restore_postgresql(staged: Path, database: dict, manifest: dict, *, replace: bool) -> None:
    pg_restore, restore_version = postgres_tool("pg_restore")
    psql, _ = postgres_tool("psql")
    dumped_by = manifest["database"].get("pg_dump_version", "0")
    if int(dumped_by.split(".")[0]) > int(restore_version.split(".")[0]):
        raise BackupError(
            f"The archive was made with pg_dump {dumped_by}; pg_restore {restore_version} cannot "
            "read it. Install the PostgreSQL client programs of that version or newer."
        )
    # pg_restore turns the dump into SQL, psql runs it in ONE transaction that stops at the first
    # error: the target ends up either fully restored or as it was. With `replace`, the same
    # transaction first drops what the target holds.
    command = [
        psql,
        "--no-psqlrc",
        "--no-password",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
    ]
    if replace:
        command.append("--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    env = _pg_env(database)
    producer = subprocess.Popen(
        [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(staged)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    consumer = subprocess.run(
        [*command, "--file=-"],
        stdin=producer.stdout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    producer.stdout.close()
    producer_error = producer.stderr.read().decode(errors="replace")
    producer.wait()
    if producer.returncode != 0:
        raise BackupError(f"pg_restore failed: {producer_error.strip()[-2000:]}")
    if consumer.returncode != 0:
        raise BackupError(
            "Restoring into PostgreSQL failed and was rolled back (the target is unchanged): "
            + consumer.stderr.decode(errors="replace").strip()[-2000:]
        )


def _restore_media(staged: Path, media_root: Path) -> int:
    if media_root.exists():
        for child in media_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    media_root.mkdir(parents=True, exist_ok=True)
    count = 0
    if staged.is_dir():
        for path in sorted(staged.rglob("*")):
            if path.is_file():
                target = media_root / path.relative_to(staged)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
                count += 1
    return count


def _known_migrations() -> set[str]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


@dataclass
class RestoreResult:
    manifest: dict
    seconds: float
    files: int = 0
    pending_migrations: list[str] = field(default_factory=list)


def restore_archive(
    archive: Path,
    *,
    database: dict | None = None,
    media_root: Path | None = None,
    work_dir: Path | None = None,
    force: bool = False,
    check_only: bool = False,
) -> RestoreResult:
    """Restore `archive` into `database` (a settings.DATABASES entry; default: the default
    database) and `media_root`. The whole archive is decrypted and checked first; a target that
    already has tables (or files) is refused unless `force`. With `check_only`, stop after the
    checks: nothing is touched."""
    from django.db import connections

    database = database or connections["default"].settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    work_dir = Path(work_dir or settings.VAR_DIR)
    work_dir.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=work_dir))
    try:
        manifest = read_archive(Path(archive), staging)
        if check_only:
            return RestoreResult(manifest, time.monotonic() - began)
        vendor = manifest["database"]["vendor"]
        if vendor != _vendor(database):
            raise BackupError(
                f"This is a backup of a {vendor} database; the target is {_vendor(database)}. "
                "Restore it into the same kind of database (DATABASE_URL)."
            )
        known = _known_migrations()
        unknown = sorted(set(manifest["migrations"]) - known)
        if unknown:
            raise BackupError(
                f"The backup was made by a newer version of Sportello "
                f"({manifest['app_version']}): this version does not know its migrations "
                f"{', '.join(unknown[:5])}. Install that version first; nothing was restored."
            )
        if not force:
            tables = database_tables(database)
            if tables:
                raise BackupError(
                    f"The target database is not empty ({len(tables)} tables). Restore into a "
                    "new database (a new SQLite file, an empty PostgreSQL database), or add "
                    "--force to replace everything in it."
                )
            if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
                raise BackupError(
                    f"The media directory {media_root} already holds files. Restore into an "
                    "empty one, or add --force to replace them."
                )
        if vendor == "sqlite":
            _restore_sqlite(staging / SQLITE_MEMBER, database)
        else:
            _restore_postgresql(staging / PG_MEMBER, database, manifest, replace=force)
        counts = database_counts(database)
        if counts != manifest["database"]["tables"]:
            differ = sorted(
                table
                for table in set(counts) | set(manifest["database"]["tables"])
                if counts.get(table) != manifest["database"]["tables"].get(table)
            )
            raise BackupError(
                "The restored database does not match the backup's manifest (rows of "
                f"{', '.join(differ[:5])}). Do not use it; try the restore again."
            )
        files = _restore_media(staging / "media", media_root)
        pending = sorted(known - set(manifest["migrations"]))
        return RestoreResult(manifest, time.monotonic() - began, files, pending)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
