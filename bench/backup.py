"""Benchmark of `sportello backup` and `sportello restore`: time and size at demo size and at the
regional scale of the indicators benchmark.

    .venv/bin/python -m bench.backup --people demo,100000
    .venv/bin/python -m bench.backup --people demo,100000 \
        --database-url postgres://postgres@127.0.0.1:5432/test

Each size runs in its own process and throwaway databases: a temporary SQLite file (restored into
another temporary file), or `sportello_bench_backup` created next to the PostgreSQL database
given, restored into `sportello_bench_backup_restored`, both dropped at the end. "demo" loads the
demo data (`sportello demo`); a number N generates the indicators benchmark's data for N people
(bench/indicators.py: 10 encounters, 2 needs, half a path with 4 referrals each…), gives 40% of
them an encrypted identity and a note, and puts --media-mb of uploaded files (incompressible) in
the media directory. Timed in-process, as the commands run them: the backup (create_backup), the
check of the archive alone (restore --check) and the restore into the fresh database, which
includes that check and the row count of every table against the manifest. Wall-clock time, and
CPU time of this process and of its children (pg_dump, pg_restore, psql). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search import drop_database

DATABASE = "sportello_bench_backup"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn):
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    return result, time.perf_counter() - wall, _cpu() - cpu


def _fill(people: str, media_mb: int) -> str:
    from sportello.core.demo import load_demo

    if people == "demo":
        load_demo()
        return "demo data"
    from django.conf import settings

    from bench.indicators import generate
    from sportello.casework.models import Beneficiary, Identity, Note
    from sportello.casework.services import full_name_index

    counts = generate(int(people))
    identities, notes = [], []
    for i, beneficiary in enumerate(Beneficiary.objects.only("id").iterator(chunk_size=5000)):
        if i % 5 in (0, 2):  # 40%
            first, family = f"Nome{i}", f"Cognome Prova {i}"
            identities.append(
                Identity(
                    beneficiary=beneficiary,
                    first_name=first,
                    family_name=family,
                    email=f"persona{i}@example.org",
                    name_index=full_name_index(first, family),
                )
            )
            notes.append(Note(beneficiary=beneficiary, text=f"Nota sintetica numero {i}."))
    Identity.objects.bulk_create(identities, batch_size=5000)
    Note.objects.bulk_create(notes, batch_size=5000)
    media = Path(settings.MEDIA_ROOT) / "coordination" / "bench"
    media.mkdir(parents=True, exist_ok=True)
    for i in range(media_mb * 2):
        (media / f"allegato-{i}.pdf").write_bytes(os.urandom(512 * 1024))
    return (
        f"{counts['people']:,} people ({len(identities):,} with an encrypted identity and a "
        f"note), {counts['encounters']:,} encounters, {counts['referrals']:,} referrals, "
        f"{media_mb} MB of uploaded files"
    )


def _database_size(connection) -> int:
    if connection.vendor == "sqlite":
        return Path(connection.settings_dict["NAME"]).stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def one(people: str, media_mb: int, database_url: str | None) -> str:
    """One size, in this process (Django is set up here, on a throwaway database)."""
    with tempfile.TemporaryDirectory(prefix="sportello-bench-backup-") as var_dir:
        os.environ["SPORTELLO_VAR_DIR"] = var_dir
        os.environ["DEBUG"] = "false"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
        names = []
        if database_url:
            import psycopg
            from psycopg import sql

            names = [DATABASE, f"{DATABASE}_restored"]
            with psycopg.connect(database_url, autocommit=True) as conn:
                for name in names:
                    identifier = sql.Identifier(name)
                    conn.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier)
                    )
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
            os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + DATABASE
        else:
            os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        try:
            return _measure(people, media_mb, Path(var_dir))
        finally:
            for name in names:
                drop_database(database_url, name)


def _measure(people: str, media_mb: int, var_dir: Path) -> str:
    from django.core.management import call_command
    from django.db import connection

    from sportello.core.backup import create_backup, restore_archive

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    what = _fill(people, media_mb)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{what}: generated in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    engine = (
        f"SQLite {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"PostgreSQL {connection.pg_version // 10000}"
    )
    database_size = _database_size(connection)
    archive = var_dir / "backups" / "bench.sportello-backup"
    result, backup_wall, backup_cpu = _timed(lambda: create_backup(archive))
    rows = sum(result.manifest["database"]["tables"].values())
    _check, check_wall, check_cpu = _timed(lambda: restore_archive(archive, check_only=True))
    if connection.vendor == "sqlite":
        target = {**connection.settings_dict, "NAME": str(var_dir / "restored" / "db.sqlite3")}
    else:
        target = {**connection.settings_dict, "NAME": f"{DATABASE}_restored"}
    _restored, restore_wall, restore_cpu = _timed(
        lambda: restore_archive(archive, database=target, media_root=var_dir / "restored-media")
    )
    return (
        f"| {engine} | {what} | {rows:,} | {database_size / 1e6:,.0f} | "
        f"{result.size / 1e6:,.0f} | {backup_wall:.1f} ({backup_cpu:.1f}) | "
        f"{check_wall:.1f} ({check_cpu:.1f}) | {restore_wall:.1f} ({restore_cpu:.1f}) |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", default="demo,100000", help="sizes: 'demo' or numbers")
    parser.add_argument("--media-mb", type=int, default=50, help="uploaded files at a number size")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (default: SQLite)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(one(args.one, args.media_mb, args.database_url or None))
        return 0
    lines = [
        "| database | data | rows | database (MB) | archive (MB) | backup s (CPU s) "
        "| check s (CPU s) | restore s (CPU s) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for people in args.people.split(","):
        command = [sys.executable, "-m", "bench.backup", "--one", people.strip()]
        command += ["--media-mb", str(args.media_mb), "--database-url", args.database_url]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        sys.stderr.write(done.stderr)
        lines.append(done.stdout.strip().splitlines()[-1])
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
