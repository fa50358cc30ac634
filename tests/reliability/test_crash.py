"""Crash safety: the production server (gunicorn, as `sportello serve` runs it) is killed with
SIGKILL — master and workers at once — in the middle of a burst of writes from several operators,
and started again on the same database. Every registration the server acknowledged (a redirect to
the new person's code) must be there after the restart, and the database must pass its integrity
checks. Runs on SQLite, or on PostgreSQL when the suite does (DATABASE_URL).
"""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "crash-test-operator-password"
CLIENTS = 4
ACKNOWLEDGED_BEFORE_KILL = 40
CREATE_OPERATOR = (
    "from django.core.management import call_command;"
    "from sportello.accounts.models import Role, User;"
    "call_command('setup', no_demo=True);"
    "user = User(username='operatore', role=Role.OPERATOR);"
    f"user.set_password('{PASSWORD}');"
    "user.save()"
)
CODE = re.compile(r"^/app/people/(SM-[0-9A-Z]{3}-[0-9A-Z]{3})/$")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("sportello")
    return [str(script)] if script.exists() else [sys.executable, str(ROOT / "manage.py")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """An operator's browser, reduced to what matters here: cookies, CSRF token, no redirects."""

    def __init__(self, port: int):
        self.port = port
        self.connection = HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookies: dict[str, str] = {}

    def reconnect(self) -> None:
        self.connection.close()
        self.connection = HTTPConnection("127.0.0.1", self.port, timeout=10)

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location", ""), content

    def sign_in(self) -> None:
        self.request("GET", "/app/login/")
        status, location, _ = self.request(
            "POST", "/app/login/", {"username": "operatore", "password": PASSWORD}
        )
        assert status == 302 and "/login/" not in location, "the operator could not sign in"


class Server:
    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.port = env, log, _free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            # Its own process group: the kill takes the gunicorn master and every worker.
            self.process = subprocess.Popen(
                [*_command(), "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                connection = HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start:\n" + self.log.read_text()[-3000:])

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def installation(tmp_path):
    """A set-up installation with one operator, on its own database (a SQLite file, or a fresh
    PostgreSQL database next to the test run's one, dropped at the end)."""
    env = {
        **os.environ,
        "SPORTELLO_VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "false",
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "4",
        # Password sign-in only: the two-step sign-in has its own tests.
        "SPORTELLO_REQUIRE_2FA": "false",
    }
    url = os.environ.get("DATABASE_URL", "")
    name = f"sportello_crash_{os.getpid()}"
    if url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    else:
        env.pop("DATABASE_URL", None)
    subprocess.run(
        [*_command(), "shell", "--no-imports", "-c", CREATE_OPERATOR],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    yield env
    if url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def burst(port: int, acknowledged: list[str], killed: threading.Event, errors: list) -> None:
    """Register people as fast as the server answers, until the server is killed."""
    try:
        _burst(port, acknowledged, killed)
    except Exception as exc:  # seen by the test, not lost in the thread
        errors.append(exc)


def _burst(port: int, acknowledged: list[str], killed: threading.Event) -> None:
    client = Client(port)
    for attempt in range(5):
        try:
            client.sign_in()
            break
        except OSError:  # a kept-alive connection closed meanwhile, or the server is gone
            if killed.is_set() or attempt == 4:
                return
            client.reconnect()
    number = 0
    while True:
        number += 1
        try:
            status, location, _ = client.request(
                "POST",
                "/app/people/new/",
                {
                    "gender": "not_stated",
                    "generation": "unknown",
                    "first_name": f"Crash{threading.get_ident()}x{number}",
                    "family_name": "Prova Sintetica",
                },
            )
        except OSError:  # no answer: this registration is not acknowledged
            if killed.is_set():
                return
            client.reconnect()  # a kept-alive connection closed by the server: go on
            continue
        match = CODE.match(location)
        assert status == 302 and match, f"unexpected answer {status} {location}"
        acknowledged.append(match.group(1))  # the server said: registered, here is the code


def _database_codes_and_checks(env: dict) -> tuple[set[str], list[str]]:
    """Codes of the people in the database, and what its integrity checks found wrong."""
    url = env.get("DATABASE_URL", "")
    if not url:
        conn = sqlite3.connect(Path(env["SPORTELLO_VAR_DIR"]) / "sportello.sqlite3")
        try:
            problems = []
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
            if integrity != [("ok",)]:
                problems.append(f"integrity_check: {integrity[:5]}")
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
            if foreign:
                problems.append(f"foreign_key_check: {foreign[:5]}")
            codes = {code for (code,) in conn.execute("SELECT code FROM casework_beneficiary")}
        finally:
            conn.close()
        return codes, problems
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return {code for (code,) in conn.execute("SELECT code FROM casework_beneficiary")}, (
            _postgres_problems(conn)
        )


def _postgres_problems(conn) -> list[str]:
    """Every foreign key points at a row (checked by query, constraint by constraint), and, with
    amcheck, every B-tree index is sound and holds every row of its table."""
    from psycopg import sql

    problems = []
    foreign_keys = conn.execute(
        "SELECT c.conname, c.conrelid::regclass::text, a.attname, "
        "       c.confrelid::regclass::text, af.attname "
        "FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND cardinality(c.conkey) = 1"
    ).fetchall()
    assert foreign_keys, "no foreign keys found"
    for name, table, column, target, target_column in foreign_keys:
        orphans = conn.execute(
            sql.SQL(
                "SELECT count(*) FROM {t} WHERE {c} IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM {ft} WHERE {ft}.{fc} = {t}.{c})"
            ).format(
                t=sql.Identifier(table),
                c=sql.Identifier(column),
                ft=sql.Identifier(target),
                fc=sql.Identifier(target_column),
            )
        ).fetchone()[0]
        if orphans:
            problems.append(f"{name}: {orphans} row(s) point at nothing")
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
    except Exception:
        return problems
    indexes = conn.execute(
        "SELECT i.indexrelid::regclass::text FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE am.amname = 'btree' AND n.nspname = 'public'"
    ).fetchall()
    assert len(indexes) > 50, "amcheck found no indexes to check"
    for (index,) in indexes:
        try:
            conn.execute("SELECT bt_index_check(%s::regclass, true)", [index])
        except Exception as exc:
            problems.append(f"{index}: {exc}")
    return problems


def test_every_acknowledged_write_survives_a_sigkill_of_the_whole_server(installation, tmp_path):
    server = Server(installation, tmp_path / "server.log")
    server.start()
    acknowledged: list[str] = []
    killed = threading.Event()
    errors: list[Exception] = []
    clients = [
        threading.Thread(target=burst, args=(server.port, acknowledged, killed, errors))
        for _ in range(CLIENTS)
    ]
    try:
        for client in clients:
            client.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        killed.set()
        server.kill()  # mid-burst: requests are in flight in every worker
        for client in clients:
            client.join(timeout=15)
        assert not any(client.is_alive() for client in clients)
        assert errors == []
        assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL, "the burst did not get going"

        server.start()  # the same database, the same port
        checker = Client(server.port)
        checker.sign_in()
        for code in acknowledged:
            status, _, page = checker.request("GET", f"/app/people/{code}/")
            assert status == 200 and code.encode() in page, f"{code} was acknowledged but is gone"
    finally:
        killed.set()
        server.stop()

    codes, problems = _database_codes_and_checks(installation)
    assert set(acknowledged) <= codes
    assert len(set(acknowledged)) == len(acknowledged)
    assert problems == []
