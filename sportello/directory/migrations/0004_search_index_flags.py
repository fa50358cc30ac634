"""The search index gets copies of the service's public flags (active, free, welcomes people
without documents), so that public searches rank and filter in the index alone, without reading
the wide service rows. The index is emptied: `sportello reindex` refills it (`sportello demo`
does too)."""

from django.db import migrations, models


def add_flags(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE directory_service_search")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE directory_service_search USING fts5("
            "service_id UNINDEXED, active UNINDEXED, free UNINDEXED, undocumented UNINDEXED, "
            "name, body, extra, "
            "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
    else:
        for flag in ("active", "free", "undocumented"):
            schema_editor.execute(
                f"ALTER TABLE directory_service_search "
                f"ADD COLUMN {flag} boolean NOT NULL DEFAULT false"
            )
    if apps.get_model("directory", "Service").objects.exists():
        print("\n  The search index is empty now: run `sportello reindex`.")


def drop_flags(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE directory_service_search")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE directory_service_search USING fts5("
            "service_id UNINDEXED, name, body, extra, "
            "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
    else:
        for flag in ("active", "free", "undocumented"):
            schema_editor.execute(f"ALTER TABLE directory_service_search DROP COLUMN {flag}")


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0003_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="active",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="free",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="undocumented",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(add_flags, drop_flags),
    ]
