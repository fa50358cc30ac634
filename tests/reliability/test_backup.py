"""`sportello backup` / `sportello restore`: an encrypted archive of the database and the uploaded
files that comes back whole into a fresh database, and is refused when damaged.

The round trip runs on the test run's database (SQLite, or PostgreSQL with DATABASE_URL) and
restores through the real console script into a new SQLite file or a new PostgreSQL database.
"""

import io
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections

from sportello.accounts.models import Role, User
from sportello.casework import services
from sportello.casework.services import IdentityData, full_name_index
from sportello.coordination.models import Meeting
from sportello.coordination.services import attachment_add
from sportello.core import crypto
from sportello.core.backup import (
    HEADER,
    TAG_SIZE,
    BackupError,
    create_backup,
    database_tables,
    postgres_tool,
    restore_archive,
)
from sportello.core.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = [("Zelinda", "Backupova Prova"), ("Ottavio", "Ripristino Demo"), ("Nives", "Cifrata")]
NOTE = "Nota di prova del backup: deve tornare identica"
SMALL_CHUNK = 4096


def sportello(*args: str, env: dict) -> subprocess.CompletedProcess:
    """The `sportello` console script, as an administrator runs it."""
    script = Path(sys.executable).with_name("sportello")
    command = [str(script)] if script.exists() else [sys.executable, str(ROOT / "manage.py")]
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def var(settings, tmp_path) -> Path:
    """The installation's var directory (temporary files, uploads) for the test."""
    var_dir = tmp_path / "var"
    settings.VAR_DIR = var_dir
    settings.MEDIA_ROOT = var_dir / "media"
    (var_dir / "media").mkdir(parents=True)
    return var_dir


def _postgres_url(database: dict, name: str) -> str:
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database(tmp_path):
    """A settings.DATABASES entry for a database that does not exist yet (SQLite) or is empty
    (PostgreSQL: created for the test, dropped after it)."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored" / "sportello.sqlite3")}
        return
    import psycopg
    from psycopg import sql

    name = f"{source['NAME']}_restored"[:60]
    maintenance = _postgres_url(source, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source, "NAME": name}
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def open_database(database: dict):
    """A Django connection to another database (the restored one), for introspection."""
    connections.settings["restored"] = database
    try:
        yield connections["restored"]
    finally:
        connections["restored"].close()
        del connections["restored"]
        del connections.settings["restored"]


def every_row(conn) -> dict[str, list[tuple]]:
    """Every table the database has (introspected: models, m2m, django_*, the search index), each
    with all its rows ordered by primary key (by every column when it has none)."""
    quote = conn.ops.quote_name
    rows = {}
    with conn.cursor() as cursor:
        for table in conn.introspection.table_names(cursor):
            columns = [c.name for c in conn.introspection.get_table_description(cursor, table)]
            order = conn.introspection.get_primary_key_columns(cursor, table) or columns
            cursor.execute(
                f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} "  # noqa: S608
                f"ORDER BY {', '.join(quote(c) for c in order)}"
            )
            rows[table] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
    return rows


def media_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fill_with_demo_and_people() -> list[str]:
    load_demo()
    operator = User.objects.get(username="operatore")
    codes = []
    for first, family in PEOPLE:
        person = services.beneficiary_create(
            by=operator,
            gender="female",
            identity=IdentityData(first_name=first, family_name=family, email="x@example.org"),
        )
        services.note_add(by=operator, beneficiary=person, text=NOTE)
        codes.append(person.code)
    coordinator = User.objects.get(role=Role.COORDINATOR, username="coordinatore")
    meeting = Meeting.objects.order_by("date").first()
    attachment_add(
        by=coordinator,
        meeting=meeting,
        upload=SimpleUploadedFile("verbale.txt", b"Verbale di prova\n" * 200),
    )
    return codes


def test_a_backup_restored_into_a_fresh_database_has_every_row_file_and_identity(
    committed_writes, var, fresh_database, tmp_path
):
    codes = fill_with_demo_and_people()
    archive = tmp_path / "off-site" / "sportello.sportello-backup"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "Backup written" in out.getvalue()

    # Encrypted at rest: nothing of the database, the notes or the files can be read in it.
    data = archive.read_bytes()
    assert data.startswith(b"SPORTELLO-BACKUP")
    for clear in (b"SQLite format 3", b"PGDMP", NOTE.encode(), b"Verbale di prova", b"operatore"):
        assert clear not in data
    assert b"manifest" not in data

    # Restore with the real console script into a fresh installation that has the same data
    # key: a new SQLite file in its own var directory, or the new PostgreSQL database.
    restored_var = tmp_path / "restored-var"
    env = {
        **os.environ,
        "SPORTELLO_VAR_DIR": str(restored_var),
        "SPORTELLO_DATA_KEY_FILE": str(django_settings.DATA_KEY_FILE),
        "DEBUG": "false",
    }
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        fresh_database = {**fresh_database, "NAME": str(restored_var / "sportello.sqlite3")}
    else:
        env["DATABASE_URL"] = _postgres_url(fresh_database, fresh_database["NAME"])
    done = sportello("restore", str(archive), env=env)
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout

    with open_database(fresh_database) as restored:
        source_rows, restored_rows = every_row(connection), every_row(restored)
    assert sorted(restored_rows) == sorted(source_rows)
    assert len(source_rows) > 60
    assert "casework_beneficiary_operators" in source_rows  # m2m tables are compared too
    assert "django_migrations" in source_rows
    for table, rows in source_rows.items():
        assert restored_rows[table] == rows, f"{table} differs after the restore"
    assert sum(len(rows) for rows in source_rows.values()) > 1000

    assert media_files(restored_var / "media") == media_files(var / "media")
    assert any(name.startswith("coordination/") for name in media_files(var / "media"))

    # The restored app reads the encrypted identities and notes with the same data key, and
    # finds a person by the blind index of their name.
    first, family = PEOPLE[0]
    shown = sportello(
        "shell",
        "--no-imports",
        "-c",
        "from sportello.casework.models import Identity, Note;"
        f"i = Identity.objects.get(beneficiary__code='{codes[0]}');"
        "print(i.first_name, '|', i.family_name);"
        f"print(Identity.objects.filter(name_index='{full_name_index(first, family)}').count());"
        f"print(Note.objects.filter(beneficiary__code='{codes[0]}').get().text)",
        env=env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [f"{first} | {family}", "1", NOTE]


@pytest.fixture
def archive(db, var, tmp_path) -> Path:
    """A small archive (the migrated database and one uploaded file) in 4 KiB parts."""
    (var / "media" / "coordination").mkdir()
    (var / "media" / "coordination" / "allegato.txt").write_bytes(b"allegato di prova\n" * 500)
    path = tmp_path / "small.sportello-backup"
    create_backup(path, chunk_size=SMALL_CHUNK)
    return path


def _untouched(database: dict, media_root: Path) -> bool:
    if connection.vendor == "sqlite" and Path(database["NAME"]).exists():
        return False
    return database_tables(database) == [] and not media_files(media_root)


def test_a_damaged_cut_short_or_altered_archive_is_refused_and_the_target_left_untouched(
    archive, fresh_database, tmp_path
):
    data = archive.read_bytes()
    part = SMALL_CHUNK + TAG_SIZE
    assert len(data) > HEADER.size + 3 * part
    middle = len(data) // 2
    variants = {
        "one byte changed in the middle": data[:middle]
        + bytes([data[middle] ^ 1])
        + data[middle + 1 :],
        "one byte changed in the header": data[:30] + bytes([data[30] ^ 1]) + data[31:],
        "cut at a part boundary": data[: HEADER.size + 2 * part],
        "cut inside a part": data[: HEADER.size + 2 * part + 100],
        "last part missing": data[: HEADER.size + ((len(data) - HEADER.size) // part) * part],
        "a part removed": data[: HEADER.size + part] + data[HEADER.size + 2 * part :],
        "parts swapped": data[: HEADER.size]
        + data[HEADER.size + part : HEADER.size + 2 * part]
        + data[HEADER.size : HEADER.size + part]
        + data[HEADER.size + 2 * part :],
        "bytes appended": data + data[-part:],
    }
    media_root = tmp_path / "restored-media"
    for what, damaged in variants.items():
        if damaged == data:
            continue
        path = tmp_path / "damaged.sportello-backup"
        path.write_bytes(damaged)
        with pytest.raises(BackupError, match="damaged, cut short or was altered") as refused:
            restore_archive(path, database=fresh_database, media_root=media_root)
        assert "nothing was restored" in str(refused.value), what
        assert _untouched(fresh_database, media_root), what
    assert not list(Path(django_settings.VAR_DIR).glob(".restore-*"))  # no decrypted leftovers

    # Through the command the administrator sees the same message, not a traceback.
    with pytest.raises(CommandError, match="damaged, cut short or was altered"):
        call_command("restore", str(path), stdout=io.StringIO())


def test_an_archive_is_refused_under_another_data_key_with_a_message_naming_both_keys(
    archive, fresh_database, settings, tmp_path
):
    settings.DATA_KEY_FILE = crypto.create_key(tmp_path / "other.key")
    with pytest.raises(BackupError, match="encrypted with another data key") as refused:
        restore_archive(archive, database=fresh_database, media_root=tmp_path / "m")
    assert "SPORTELLO_DATA_KEY_FILE" in str(refused.value)
    settings.DATA_KEY_FILE = tmp_path / "missing.key"
    with pytest.raises(BackupError, match=r"missing\.key does not exist"):
        restore_archive(archive, database=fresh_database, media_root=tmp_path / "m")
    assert not (tmp_path / "missing.key").exists()  # a restore never invents a key
    assert _untouched(fresh_database, tmp_path / "m")


def test_check_verifies_an_archive_and_shows_its_manifest_without_touching_anything(archive):
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "The archive is intact and this data key opens it." in out.getvalue()
    assert f"{connection.vendor} " in out.getvalue()
    result = restore_archive(archive, check_only=True)
    manifest = result.manifest
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = sorted(f"{app}.{name}" for app, name in cursor.fetchall())
    assert manifest["migrations"] == applied
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["app_version"] and manifest["created_at"] and manifest["key_id"]
    assert manifest["files"]["media/coordination/allegato.txt"] == {
        "size": 18 * 500,
        "sha256": __import__("hashlib").sha256(b"allegato di prova\n" * 500).hexdigest(),
    }


def test_restore_refuses_a_database_that_has_tables_unless_forced(
    archive, fresh_database, tmp_path
):
    media_root = tmp_path / "restored-media"
    restore_archive(archive, database=fresh_database, media_root=media_root)
    tables = database_tables(fresh_database)
    assert "django_migrations" in tables

    # Someone wrote into the restored database meanwhile.
    count = "SELECT count(*) FROM django_migrations"
    with open_database(fresh_database) as target, target.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', %s)",
            ["2026-01-01 00:00:00"],
        )
        cursor.execute(count)
        written = cursor.fetchone()[0]
    with pytest.raises(BackupError, match=r"not empty \(\d+ tables\).*--force"):
        restore_archive(archive, database=fresh_database, media_root=media_root)

    # The default database (the running installation) is refused the same way by the command.
    with pytest.raises(CommandError, match="The target database is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())

    result = restore_archive(archive, database=fresh_database, media_root=media_root, force=True)
    with open_database(fresh_database) as target, target.cursor() as cursor:
        cursor.execute(count)
        assert cursor.fetchone()[0] == written - 1 == len(result.manifest["migrations"])
    assert media_files(media_root) == {"coordination/allegato.txt": b"allegato di prova\n" * 500}


def test_missing_or_too_old_postgresql_client_programs_are_refused_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump was not found on PATH\..*postgresql-client"):
        postgres_tool("pg_dump")
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)'\n")
    fake.chmod(0o755)
    assert postgres_tool("pg_dump", server_version=150020) == (str(fake), "15.20")
    assert postgres_tool("pg_dump", server_version=140011)[1] == "15.20"
    with pytest.raises(
        BackupError, match=r"server is version 17 but pg_dump is version 15.*postgresql-client-17"
    ):
        postgres_tool("pg_dump", server_version=170002)
