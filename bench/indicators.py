"""Benchmark of the indicators: the dashboard (exact and suppressed), the evaluation report and the
raw SQL aggregate of the same figures, on a generated regional-scale dataset.

    .venv/bin/python -m bench.indicators                       # 100k people, 1M encounters
    .venv/bin/python -m bench.indicators --people 20000        # a fifth of it
    .venv/bin/python -m bench.indicators --database-url postgres://postgres@127.0.0.1:5432/test

Each run uses its own throwaway database: a temporary SQLite file, or a database
`sportello_bench_indicators` created next to the one named by --database-url and dropped at the
end. Per person followed: 10 encounters, 2 needs, half a path with 4 referrals and a follow-up;
plus 1 visit with 3 anonymous contacts per 5 people and 1 anonymous encounter per 20, all within
the project period (the dashboard's default, so the queries read everything). Rows are inserted
with bulk_create in batches.

"Raw SQL" runs the very SQL of the dashboard's aggregate queries with a plain cursor (no ORM, no
suppression, no template): the floor the page is compared with. Each figure is timed after one
warm-up call, so the suppressed page reuses its cached pattern (tables.py, `_protected`); the
first, uncached computation adds about a second. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time

from bench.search import drop_database

DATABASE = "sportello_bench_indicators"

BATCH = 5000
START, END = dt.date(2011, 6, 1), dt.date(2012, 4, 30)
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _code(i: int) -> str:
    chars = []
    for _ in range(6):
        i, r = divmod(i, len(ALPHABET))
        chars.append(ALPHABET[r])
    body = "".join(chars)
    return f"SM-{body[:3]}-{body[3:]}"


def _batched(model, rows) -> list:
    made = []
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            made += model.objects.bulk_create(batch)
            batch = []
    if batch:
        made += model.objects.bulk_create(batch)
    return made


def generate(people: int, *, seed: int = 20110601) -> dict[str, int]:
    from django.utils import timezone

    from sportello.accounts.models import Role, User
    from sportello.casework.models import (
        AgeBand,
        Beneficiary,
        Encounter,
        FollowUp,
        Need,
        Path,
        Referral,
        ReferralSource,
    )
    from sportello.core.demo import load_places
    from sportello.directory.models import Organization, Service, TaxonomyTerm
    from sportello.outreach.models import AnonymousContact, Visit
    from sportello.territory.models import Municipality, Place

    rng = random.Random(seed)
    load_places()
    places = list(Place.objects.all())
    municipalities = list(Municipality.objects.filter(projects__isnull=False))
    terms = list(TaxonomyTerm.objects.all())
    operator = User.objects.create(username="bench-operator", role=Role.OPERATOR)
    organization = Organization.objects.create(name="Ente (bench)")
    services = []
    for i, term in enumerate(terms * 4):
        service = Service.objects.create(organization=organization, name_it=f"Servizio {i}")
        service.categories.set([term])
        services.append(service)
    days = (END - START).days

    def day() -> dt.date:
        return START + dt.timedelta(days=rng.randrange(days))

    def moment(on: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(on, dt.time(rng.randrange(8, 18))))

    countries = ["RO", "AL", "MA", "EC", "MK", "UA", "CN", "TN", "SN", "NG", "IN", ""]
    sources = [choice for choice, _label in ReferralSource.choices]
    genders = ["female", "male", "female", "male", "other", "not_stated"]
    beneficiaries = _batched(
        Beneficiary,
        (
            Beneficiary(
                code=_code(i),
                year_of_birth=rng.randint(1950, 2010),
                gender=rng.choice(genders),
                citizenship=rng.choice(countries),
                municipality=rng.choice(municipalities),
                generation=rng.choice(["first", "second", "unknown"]),
            )
            for i in range(people)
        ),
    )
    _batched(
        Encounter,
        (
            Encounter(
                date=day(),
                place=rng.choice(places),
                operator=operator,
                beneficiary=b,
                referral_source=rng.choice(sources),
            )
            for b in beneficiaries
            for _ in range(10)
        ),
    )
    _batched(
        Encounter,
        (
            Encounter(
                date=day(),
                place=rng.choice(places),
                operator=operator,
                referral_source=rng.choice(sources),
                gender=rng.choice(genders),
                age_band=rng.choice(AgeBand.values),
            )
            for _ in range(people // 20)
        ),
    )
    _batched(
        Need,
        (Need(beneficiary=b, category=rng.choice(terms)) for b in beneficiaries for _ in range(2)),
    )
    statuses = ["active", "completed", "interrupted", "proposed"]
    paths = _batched(
        Path,
        (
            Path(
                beneficiary=b,
                operator=operator,
                start_date=(start := day()),
                status=(status := rng.choice(statuses)),
                closed_on=min(END, start + dt.timedelta(days=rng.randint(20, 200)))
                if status in ("completed", "interrupted")
                else None,
            )
            for b in beneficiaries[::2]
        ),
    )
    states = [choice for choice, _label in Referral.State.choices]

    def referral(path) -> Referral:
        state = rng.choice(states)
        created = moment(path.start_date)
        sent = created + dt.timedelta(days=1) if state != "draft" else None
        received = (
            sent + dt.timedelta(days=rng.randint(1, 15))
            if sent
            and state
            not in (
                "sent",
                "no_show",
                "withdrawn",
            )
            else None
        )
        closed = (
            (received or sent) + dt.timedelta(days=rng.randint(1, 40))
            if state in ("completed", "declined", "no_show", "withdrawn")
            else None
        )
        return Referral(
            path=path,
            service=rng.choice(services),
            state=state,
            sent_at=sent,
            received_at=received,
            closed_at=closed,
        )

    referrals = _batched(Referral, (referral(p) for p in paths for _ in range(4)))
    # created_at is auto_now_add: move it into the project period with one UPDATE per batch.
    for i in range(0, len(referrals), BATCH):
        for r in referrals[i : i + BATCH]:
            r.created_at = r.sent_at or moment(START)
        Referral.objects.bulk_update(referrals[i : i + BATCH], ["created_at"])
    _batched(
        FollowUp,
        (
            FollowUp(
                beneficiary=p.beneficiary,
                path=p,
                operator=operator,
                due_date=(due := p.start_date + dt.timedelta(days=30)),
                done_on=due + dt.timedelta(days=rng.randint(-5, 5)) if rng.random() < 0.8 else None,
            )
            for p in paths
        ),
    )
    visits = _batched(
        Visit,
        (
            Visit(date=day(), place=rng.choice(places), operator=operator, minutes=90)
            for _ in range(people // 5)
        ),
    )
    _batched(
        AnonymousContact,
        (
            AnonymousContact(
                visit=v,
                gender=rng.choice(genders),
                age_band=rng.choice(AgeBand.values),
                need=rng.choice(terms),
            )
            for v in visits
            for _ in range(3)
        ),
    )
    return {
        "people": people,
        "encounters": Encounter.objects.count(),
        "referrals": Referral.objects.count(),
        "visits": len(visits),
    }


def timed(fn, repeat: int) -> dict[str, list[float]]:
    """Seconds per call after a warm-up: wall-clock, and CPU time of this process (with SQLite
    the database works in-process, so CPU time is the cost even on a machine busy with other
    work)."""
    fn()  # warm-up
    samples: dict[str, list[float]] = {"wall": [], "cpu": []}
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        samples["cpu"].append(time.process_time() - cpu)
        samples["wall"].append(time.perf_counter() - wall)
    return samples


def _run(people: int, repeat: int) -> str:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from sportello.accounts.models import Role, User
    from sportello.indicators.report import evaluation_report
    from sportello.indicators.selectors import Period, figures_for

    call_command("migrate", verbosity=0)
    engine = (
        f"SQLite {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"PostgreSQL {connection.pg_version // 10000}"
    )
    began = time.perf_counter()
    counts = generate(people)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    load = time.perf_counter() - began
    print(f"generated {counts} in {load:.0f} s", file=sys.stderr)
    period = Period(START, END)
    statements: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        figures_for(period)

    def raw() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    slowest = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            began = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            slowest.append((time.perf_counter() - began, sql))
    for seconds, sql in sorted(slowest, reverse=True)[:6]:
        print(f"  {seconds:6.2f} s  {sql[:110]}", file=sys.stderr)

    clients = {}
    for username, role in (
        ("bench-coordinator", Role.COORDINATOR),
        ("bench-officer", Role.MUNICIPAL_OFFICER),
    ):
        user = User.objects.create(username=username, role=role)
        clients[role] = Client()
        clients[role].force_login(user)

    def page(role):
        def get() -> None:
            response = clients[role].get("/app/indicators/")
            assert response.status_code == 200

        return get

    plain = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES={**settings.STORAGES, **plain}):
        page_queries: list[str] = []

        def count(execute, sql, params, many, context):
            page_queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            page(Role.COORDINATOR)()
        results = {
            "raw SQL aggregate (same queries)": timed(raw, repeat),
            "dashboard, coordinator (exact)": timed(page(Role.COORDINATOR), repeat),
            "dashboard, municipal officer (suppressed)": timed(
                page(Role.MUNICIPAL_OFFICER), repeat
            ),
            "evaluation report PDF (it)": timed(
                lambda: evaluation_report(period, family=[period], lang="it"), max(1, repeat // 3)
            ),
        }
    raw_name = "raw SQL aggregate (same queries)"
    lines = [
        f"Database: {engine}; {counts['people']:,} people followed, {counts['encounters']:,} "
        f"encounters, {counts['referrals']:,} referrals, {counts['visits']:,} visits "
        f"(generated in {load:.0f} s). Dashboard queries: {len(page_queries)}; "
        f"aggregate queries: {len(statements)}.",
        "",
        "| what | wall median (s) | wall max (s) | CPU median (s) | × raw SQL (wall) "
        "| × raw SQL (CPU) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base = {clock: statistics.median(results[raw_name][clock]) for clock in ("wall", "cpu")}
    for name, samples in results.items():
        wall, cpu = statistics.median(samples["wall"]), statistics.median(samples["cpu"])
        lines.append(
            f"| {name} | {wall:.2f} | {max(samples['wall']):.2f} | {cpu:.2f} "
            f"| {wall / base['wall']:.2f} | {cpu / base['cpu']:.2f} |"
        )
    return "\n".join(lines)


def setup_django(database_url: str | None, var_dir: str) -> str | None:
    """Point the settings at a throwaway database (its own name, so it never meets the search
    benchmark's); returns the PostgreSQL database to drop."""
    os.environ["SPORTELLO_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
    dropped = None
    if database_url:
        import psycopg
        from psycopg import sql

        dropped = DATABASE
        with psycopg.connect(database_url, autocommit=True) as conn:
            name = sql.Identifier(dropped)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + dropped
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    return dropped


def run(people: int, repeat: int, database_url: str | None) -> str:
    with tempfile.TemporaryDirectory(prefix="sportello-bench-") as var_dir:
        dropped = setup_django(database_url, var_dir)
        try:
            return _run(people, repeat)
        finally:
            if dropped:
                drop_database(database_url, dropped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000, help="people followed")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL (default: SQLite)")
    args = parser.parse_args(argv)
    print(run(args.people, args.repeat, args.database_url or None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
