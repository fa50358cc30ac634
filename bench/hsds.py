"""HSDS exchange benchmark: export, dry-run import and import of N synthetic services, and the
server time of the HSDS API, on a throwaway database.

    python -m bench.hsds --sizes 1000,5000          # SQLite
    python -m bench.hsds --database-url postgres://postgres@127.0.0.1:5432/postgres

Not a test: it prints a Markdown table for docs/hsds.md.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.search import drop_database, percentile, setup_django


def _timed(work) -> tuple[float, object]:
    began = time.perf_counter()
    result = work()
    return time.perf_counter() - began, result


def _api_ms(client, url: str, repeat: int) -> list[float]:
    assert client.get(url).status_code == 200
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return samples


def _run(sizes: list[int], repeat: int, work_dir: Path) -> str:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.generate import generate
    from sportello.directory.datapackage import export_package, import_package
    from sportello.directory.models import Location, Organization, Service

    call_command("migrate", verbosity=0)
    engine = "SQLite" if connection.vendor == "sqlite" else "PostgreSQL"
    client = Client()
    rows = []
    done = 0
    for size in sizes:
        generate(size - done, start=done)
        done = size
        archive = work_dir / f"directory-{size}.zip"
        export_s, counts = _timed(lambda archive=archive: export_package(archive))
        dry_s, dry = _timed(lambda archive=archive: import_package(archive, dry_run=True))
        assert dry.ok, dry.errors[:3]
        service = Service.objects.order_by("pk").first()
        lists = _api_ms(client, "/api/hsds/services?per_page=50", repeat)
        detail = _api_ms(client, f"/api/hsds/services/{service.pk}", repeat)
        searched = _api_ms(client, "/api/hsds/services?search=corso%20italiano", repeat)
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organization.objects.all().delete()
        import_s, report = _timed(lambda archive=archive: import_package(archive, dry_run=False))
        assert report.ok and Service.objects.count() == size, report.errors[:3]
        rows.append(
            (
                size,
                sum(counts.values()),
                archive.stat().st_size,
                export_s,
                dry_s,
                import_s,
                lists,
                detail,
                searched,
            )
        )
        print(f"{size} services: export {export_s:.1f} s, import {import_s:.1f} s", file=sys.stderr)
    lines = [
        f"Database: {engine}; API times are server time in process (Django test client), "
        f"{repeat} requests each.",
        "",
        "| services | rows | ZIP | export | dry run | import | /services p50/p95 | "
        "/services/{id} p50/p95 | search p50/p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, nrows, nbytes, export_s, dry_s, import_s, lists, detail, searched in rows:

        def ms(samples):
            return f"{statistics.median(samples):.0f} / {percentile(samples, 95):.0f} ms"

        lines.append(
            f"| {size:,} | {nrows:,} | {nbytes / 2**20:.1f} MB | {export_s:.1f} s | {dry_s:.1f} s "
            f"| {import_s:.1f} s | {ms(lists)} | {ms(detail)} | {ms(searched)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="numbers of services, growing")
    parser.add_argument("--repeat", type=int, default=20, help="requests per API URL")
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="sportello-bench-hsds-") as var_dir:
        dropped = setup_django(args.database_url, var_dir)
        try:
            print(_run(sizes, args.repeat, Path(var_dir)))
        finally:
            if dropped:
                drop_database(args.database_url, dropped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
