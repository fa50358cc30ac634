"""Reliability tests: backups, restores, crash safety.

A backup reads what is committed: pg_dump works in its own session, and SQLite's online backup
cannot run inside the write transaction pytest-django wraps a test in. So here `db` is the test
database *without* that transaction. A test that writes to it also takes `committed_writes`,
which puts the database back as the migrations left it afterwards (flushed, the search index
emptied, the migrations' rows loaded again), so the tests that follow see what they always see.
"""

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert name.startswith("test_") or "memory" in name, f"not a test database: {name}"
        yield


@pytest.fixture
def committed_writes(db):
    saved = connection.creation.serialize_db_to_string()
    try:
        yield
    finally:
        # As Django's own serialized rollback: sequences are not reset, so the rows loaded back
        # keep their ids and the next ones get new ids.
        call_command(
            "flush",
            interactive=False,
            allow_cascade=True,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        with connection.cursor() as cursor:  # the search index is not a model's table
            cursor.execute("DELETE FROM directory_service_search")
        connection.creation.deserialize_db_from_string(saved)
