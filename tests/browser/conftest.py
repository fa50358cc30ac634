"""Browser tests: Playwright drives Debian's Chromium against the real production server.

`server` starts what the README's run command starts — `sportello setup` (migrations,
translations, collectstatic, demo data) then `sportello serve` (gunicorn + whitenoise, DEBUG off),
with its own throwaway database: a SQLite file, or a fresh PostgreSQL database when the suite runs
on PostgreSQL. Tests act through the pages only.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "browser-test-demo-password"


@dataclass
class Server:
    url: str
    password: str
    env: dict

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database (for set-up, not asserts)."""
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_database(url: str, name: str) -> str:
    """Create (or re-create) a database next to the test run's one and return its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "SPORTELLO_VAR_DIR": str(var_dir),
        "SPORTELLO_DEMO_PASSWORD": DEMO_PASSWORD,
        "DEBUG": "false",
        "WEB_CONCURRENCY": "2",
    }
    db_url = os.environ.get("DATABASE_URL", "")
    pg_name = f"sportello_browser_{os.getpid()}"
    if db_url.startswith("postgres"):
        env["DATABASE_URL"] = _postgres_database(db_url, pg_name)
    else:
        env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "setup"], env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = (var_dir / "server.log").open("w")
    process = subprocess.Popen(
        [*manage, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("the server did not start:\n" + (var_dir / "server.log").read_text())
    try:
        yield Server(url=url, password=DEMO_PASSWORD, env=env)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if db_url.startswith("postgres"):
            import psycopg
            from psycopg import sql

            with psycopg.connect(db_url, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(pg_name)
                    )
                )


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A phone-sized page (360×740) in a fresh context (no cookies, empty cache)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, server: Server, username: str) -> None:
    page.goto(f"{server.url}/app/login/")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_load_state()
