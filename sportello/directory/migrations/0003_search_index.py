"""The full-text index of services (directory/search.py): FTS5 on SQLite, tsvector + GIN on
PostgreSQL. Filled by search_index_update() and `sportello reindex`."""

from django.db import migrations, models


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE directory_service_search USING fts5("
            "service_id UNINDEXED, name, body, extra, "
            "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE directory_service_search ("
            "service_id uuid PRIMARY KEY REFERENCES directory_service(id) "
            "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
            "document tsvector NOT NULL)"
        )
        schema_editor.execute(
            "CREATE INDEX directory_service_search_document ON directory_service_search "
            "USING GIN (document)"
        )
    else:
        raise NotImplementedError(f"no full-text search for {vendor}")


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS directory_service_search")


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0002_taxonomy"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        db_column="service_id",
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="directory.service",
                    ),
                ),
            ],
            options={
                "db_table": "directory_service_search",
                "managed": False,
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
