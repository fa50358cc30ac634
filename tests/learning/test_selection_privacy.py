"""The reasons of an operator selection speak about the trainees: they are encrypted at rest like
the assessment notes, including the ones written before they were."""

import importlib

from django.db import connection

from sportello.learning.models import Selection
from tests.learning.matrix_data import learning_sample_kwargs

REASONS = "Parla arabo e tigrino; punteggio più alto (prova)"


def _raw_reasons() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reasons FROM learning_selection")
        return [row[0] for row in cursor.fetchall()]


def test_the_reasons_are_not_readable_in_the_database(users):
    learning_sample_kwargs(users, None)
    Selection.objects.update(reasons=REASONS)
    raw = _raw_reasons()
    assert raw and all(REASONS not in value and "arabo" not in value for value in raw)
    assert Selection.objects.get().reasons == REASONS


def test_reasons_written_in_clear_before_are_encrypted_by_the_migration(users):
    learning_sample_kwargs(users, None)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE learning_selection SET reasons = %s", [REASONS])
    assert _raw_reasons() == [REASONS]
    migration = importlib.import_module(
        "sportello.learning.migrations.0002_selection_reasons_encrypted"
    )
    editor = type("Editor", (), {"connection": connection})()
    migration.encrypt(None, editor)
    assert REASONS not in _raw_reasons()[0]
    assert Selection.objects.get().reasons == REASONS
    migration.decrypt(None, editor)  # and back, for a rollback
    assert _raw_reasons() == [REASONS]
