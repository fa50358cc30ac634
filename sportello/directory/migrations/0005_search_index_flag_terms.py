"""SQLite: the full-text index gets a `flags` column of marker words (active, free, without
documents), so public searches filter on them inside the FTS5 query instead of reading each
matching row's stored content. PostgreSQL: nothing to change. The SQLite index is emptied:
`sportello reindex` refills it (`sportello demo` does too)."""

from django.db import migrations

COLUMNS = "service_id UNINDEXED, active UNINDEXED, free UNINDEXED, undocumented UNINDEXED, "
OPTIONS = "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'"


def recreate(with_flags: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE directory_service_search")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE directory_service_search USING fts5("
            + COLUMNS
            + ("name, body, extra, flags, " if with_flags else "name, body, extra, ")
            + OPTIONS
            + ")"
        )
        if apps.get_model("directory", "Service").objects.exists():
            print("\n  The search index is empty now: run `sportello reindex`.")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_search_index_flags"),
    ]

    operations = [
        migrations.RunPython(recreate(True), recreate(False)),
    ]
