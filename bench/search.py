"""Benchmark of the directory search: server time of the public search page over a fixed query mix,
with the full-text index and with a naive `icontains` search, at growing numbers of services.

    .venv/bin/python -m bench.search --sizes 1000,10000,50000
    .venv/bin/python -m bench.search --sizes 1000,10000,50000 \
        --database-url postgres://postgres@127.0.0.1:5432/test

Each run uses its own throwaway database (a temporary SQLite file, or a database
`sportello_bench_search` created next to the one named by --database-url and dropped at the end).
Times are in-process: a Django test client GETs /it/directory/?q=… (middleware, search, count,
one page of 20 results, template), timed with perf_counter. Prints a markdown table.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from urllib.parse import urlencode

# query string → what it exercises
QUERIES = [
    {"q": "corso di italiano"},  # common words, many matches
    {"q": "ital"},  # a prefix, as typed
    {"q": "permesso di soggiorno"},
    {"q": "medico"},  # matches nothing common: few results
    {"q": "lavoro curriculum"},
    {"q": "casa affitto"},
    {"q": "caritas"},
    {"q": "الإيطالية"},  # Arabic
    {"q": "job centre"},  # English
    {"q": "cours d'italien"},  # French
    {"q": "Fubine"},  # a town
    {"q": "babedi"},  # a rare word
    {"q": "corso", "category": "italian-l2", "free": "on"},
    {"q": "sportello", "municipality": "ottiglio"},
    {"q": "consultorio", "open_now": "on"},
    {"q": "", "category": "health", "without_documents": "on"},
]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per request, every query `repeat` times (after one warm-up round): wall-clock
    time, and CPU time of this process (with SQLite all the search's work happens here, so CPU
    time is the server's cost even on a machine busy with other work)."""
    urls = [f"/it/directory/?{urlencode(params)}" for params in QUERIES]
    for url in urls:
        assert client.get(url).status_code == 200
    samples: dict[str, list[float]] = {"wall": [], "cpu": []}
    for _ in range(repeat):
        for url in urls:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples["cpu"].append((time.process_time() - cpu) * 1000)
            samples["wall"].append((time.perf_counter() - wall) * 1000)
            assert response.status_code == 200
    return samples


def setup_django(database_url: str | None, var_dir: str) -> str | None:
    """Point the settings at a throwaway database; returns the PostgreSQL db name to drop."""
    os.environ["SPORTELLO_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    dropped = None
    if database_url:
        import psycopg
        from psycopg import sql

        dropped = "sportello_bench_search"
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dropped))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dropped)))
        os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + dropped
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    return dropped


def drop_database(database_url: str, name: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def run(sizes: list[int], repeat: int, database_url: str | None) -> str:
    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as var_dir:
        dropped = setup_django(database_url, var_dir)
        try:
            return _run(sizes, repeat)
        finally:
            if dropped:
                drop_database(database_url, dropped)


def _run(sizes: list[int], repeat: int) -> str:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from bench.generate import generate
    from sportello.directory import public_views
    from sportello.directory.search import naive_search_services, search_services

    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        engine = f"SQLite {connection.Database.sqlite_version} (FTS5)"
    else:
        engine = f"PostgreSQL {connection.pg_version // 10000} (tsvector + GIN)"
    client = Client()
    rows = []
    done = 0
    plain_storage = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    # No collected static files here: plain storage for {% static %}.
    with override_settings(STORAGES={**settings.STORAGES, **plain_storage}):
        for size in sizes:
            began = time.perf_counter()
            generate(size - done, start=done)
            done = size
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            load = time.perf_counter() - began
            print(f"{size} services loaded and indexed in {load:.0f} s", file=sys.stderr)
            public_views.search_services = search_services
            indexed = measure(client, repeat)
            public_views.search_services = naive_search_services
            naive = measure(client, max(1, repeat // 2) if size > 10000 else repeat)
            public_views.search_services = search_services
            rows.append((size, indexed, naive))
            p50, n50 = statistics.median(indexed["wall"]), statistics.median(naive["wall"])
            print(f"  index p50 {p50:.1f} ms, naive p50 {n50:.1f} ms (wall)", file=sys.stderr)
    head = [
        f"Database: {engine}; {len(QUERIES)} queries × {repeat} rounds per size "
        "(naive: half the rounds above 10k services).",
    ]
    clocks = ["wall", "cpu"] if connection.vendor == "sqlite" else ["wall"]
    return "\n".join(head + [line for clock in clocks for line in table(rows, clock)])


def table(rows, clock: str) -> list[str]:
    base_p95 = percentile(rows[0][1][clock], 95)
    lines = [
        "",
        f"{'Wall-clock' if clock == 'wall' else 'CPU'} time of the request:",
        "",
        "| services | index p50 (ms) | index p95 (ms) | naive p50 (ms) | naive p95 (ms) "
        "| faster (p50) | faster (p95) | p95 / p95 at smallest |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, indexed, naive in rows:
        p50, p95 = statistics.median(indexed[clock]), percentile(indexed[clock], 95)
        n50, n95 = statistics.median(naive[clock]), percentile(naive[clock], 95)
        lines.append(
            f"| {size:,} | {p50:.1f} | {p95:.1f} | {n50:.1f} | {n95:.1f} "
            f"| {n50 / p50:.1f}× | {n95 / p95:.1f}× | {p95 / base_p95:.2f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="numbers of services, growing")
    parser.add_argument("--repeat", type=int, default=10, help="rounds of the query mix per size")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (default: SQLite)")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    print(run(sizes, args.repeat, args.database_url or None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
