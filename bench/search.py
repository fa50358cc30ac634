"""Benchmark of the directory search: server time of the public search page over a fixed query mix,
with the full-text index and with a naive `icontains` search, at growing numbers of services.

    .venv/bin/python -m bench.search --sizes 1000,10000,50000
    .venv/bin/python -m bench.search --sizes 1000,10000,50000 \
        --database-url postgres://postgres@127.0.0.1:5432/test

Each run uses its own throwaway database (a temporary SQLite file, or a database
`sportello_bench_search` created next to the one named by --database-url and dropped at the end).
Two levels are timed in-process, with the index and with the naive search:
- search: the query string parsed by the page's form, then what the page asks of the search —
  the number of results, the ids of the first 20 in order, and those 20 services' cards;
- page: a Django test client GETs /it/directory/?q=… (middleware, search, template).
Wall-clock time, and CPU time: of this process on SQLite (all the work happens in-process), of
this process plus its PostgreSQL backend on PostgreSQL (read from /proc/<pid>/schedstat, when
the server runs on this machine) — the server's cost even on a machine busy with other work.
After loading, PostgreSQL is vacuumed and analysed (the state autovacuum leaves). Prints
markdown tables.
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


def backend_pid() -> int | None:
    """The process id of this connection's PostgreSQL backend (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu(pid: int | None) -> float | None:
    """Seconds of CPU used so far by that PostgreSQL backend, when readable (the server runs on
    this machine)."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def measure(run, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per call of run(params) over the query mix, `repeat` rounds after a warm-up
    round: wall-clock and CPU time (this process, plus its PostgreSQL backend when readable —
    one connection is kept open throughout, see setup_django; if it was not, no CPU time)."""
    for params in QUERIES:
        run(params)
    pid = backend_pid()
    samples: dict[str, list[float]] = {"wall": [], "cpu": []}
    for _ in range(repeat):
        for params in QUERIES:
            server = backend_cpu(pid)
            wall, cpu = time.perf_counter(), time.process_time()
            run(params)
            cpu = time.process_time() - cpu
            wall = time.perf_counter() - wall
            samples["wall"].append(wall * 1000)
            after = backend_cpu(pid)
            if pid is None or (server is not None and after is not None):
                samples["cpu"].append((cpu + (after - server if pid else 0)) * 1000)
    if pid is not None and backend_pid() != pid:
        samples["cpu"] = []
    return samples


def search_once(params: dict, *, naive: bool) -> int:
    """What the results page asks of the search: count, first page of ids, their cards."""
    from sportello.directory.public_forms import SearchForm
    from sportello.directory.public_selectors import result_cards
    from sportello.directory.search import naive_search_services, public_search

    query, filters = SearchForm(params, language="it").search()
    if naive:
        found = naive_search_services(query, language="it", filters=filters)
        total = found.count()
        ids = list(found.values_list("pk", flat=True)[:20])
    else:
        found = public_search(query, filters=filters, language="it")
        ids, total = found.ids, found.total
    cards = result_cards(ids, "it")
    assert len(cards) == len(ids)
    return total


def setup_django(database_url: str | None, var_dir: str) -> str | None:
    """Point the settings at a throwaway database; returns the PostgreSQL db name to drop."""
    os.environ["SPORTELLO_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DATABASE_CONN_MAX_AGE"] = "36000"  # one connection (and backend) throughout
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
    from sportello.directory import public_selectors, public_views
    from sportello.directory.search import naive_search_services, public_search, search_services

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
                    cursor.execute("VACUUM ANALYZE")
            load = time.perf_counter() - began
            print(f"{size} services loaded and indexed in {load:.0f} s", file=sys.stderr)
            rounds = max(1, repeat // 2) if size > 10000 else repeat

            def page(params):
                assert client.get(f"/it/directory/?{urlencode(params)}").status_code == 200

            results = {
                ("search", "index"): measure(lambda p: search_once(p, naive=False), repeat),
                ("search", "naive"): measure(lambda p: search_once(p, naive=True), rounds),
                ("page", "index"): measure(page, repeat),
            }
            # The same page over the naive search: no index, its queryset counted and listed.
            public_views.search_services = naive_search_services
            public_selectors.public_search = lambda *args, **kwargs: None
            results["page", "naive"] = measure(page, rounds)
            public_views.search_services = search_services
            public_selectors.public_search = public_search
            indexed, naive = results["search", "index"], results["search", "naive"]
            rows.append((size, results))
            p50, n50 = statistics.median(indexed["wall"]), statistics.median(naive["wall"])
            print(f"  search p50: index {p50:.1f} ms, naive {n50:.1f} ms", file=sys.stderr)
    head = [
        f"Database: {engine}; {len(QUERIES)} queries × {repeat} rounds per size "
        "(naive: half the rounds above 10k services).",
    ]
    clocks = ["wall", "cpu"] if all(r[("page", "naive")]["cpu"] for _s, r in rows) else ["wall"]
    lines = head + [
        line
        for level in ("search", "page")
        for clock in clocks
        for line in table(rows, level, clock)
    ]
    return "\n".join(lines)


CLOCKS = {"wall": "wall-clock time", "cpu": "CPU time"}
LEVELS = {
    "search": "Search (count, first 20 ids in order, their 20 cards)",
    "page": "Whole results page (GET /it/directory/?q=…)",
}


def table(rows, level: str, clock: str) -> list[str]:
    from django.db import connection

    CLOCKS["cpu"] = (
        "CPU time (this process)"
        if connection.vendor == "sqlite"
        else "CPU time (this process and its PostgreSQL backend)"
    )
    base_p95 = percentile(rows[0][1][level, "index"][clock], 95)
    lines = [
        "",
        f"{LEVELS[level]}, {CLOCKS[clock]}:",
        "",
        "| services | index p50 (ms) | index p95 (ms) | naive p50 (ms) | naive p95 (ms) "
        "| faster (p50) | faster (p95) | index p95 / p95 at smallest |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, results in rows:
        indexed, naive = results[level, "index"][clock], results[level, "naive"][clock]
        p50, p95 = statistics.median(indexed), percentile(indexed, 95)
        n50, n95 = statistics.median(naive), percentile(naive, 95)
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
