"""The load script (`bench/load.py`) works end to end: a handful of staff users and public
readers against the production server (gunicorn, SQLite, demo data) for a few seconds — every
request answered, every write the server acknowledged found in the database. Not a timing test:
the figures belong to docs/performance.md."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_load_run_answers_every_request_and_loses_no_write(tmp_path):
    figures = tmp_path / "load.json"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            *("--duration", "8", "--staff", "4", "--public", "6", "--think", "0.1"),
            *("--quiet", "--json", str(figures)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert figures.exists(), done.stdout + done.stderr
    result = json.loads(figures.read_text())

    assert result["kinds"]["staff: sign in"]["requests"] == 4
    assert result["public_requests"]["requests"] > 0
    assert result["errors"] == 0, result["error_reasons"]
    assert result["writes_acknowledged"] > 0
    assert result["lost_writes"] == 0, result["writes"]
    assert result["writes_saved_twice"] == 0, result["writes"]
    assert done.returncode == 0
