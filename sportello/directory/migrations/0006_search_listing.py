"""The public search filters, lists, pages and checks opening hours in the index alone:

- categories, towns, languages spoken and weekdays with opening hours become marker words of the
  index row (SQLite: the FTS5 `flags` column; PostgreSQL: lexemes of the tsvector);
- the name a listing is sorted by in each language, and the weekly hours, are copied next to the
  text: PostgreSQL, as columns of the index table (with an index per language over the active
  services); SQLite, in a table `directory_service_listing` joined to the FTS5 one on its rowid;
- PostgreSQL gets the names alone as a second tsvector (names-first ranking without rechecking
  weights), and GIN indexes without a pending list (`fastupdate = off`: an edit goes straight
  into the index, and a search never scans a list of pending entries);
- SQLite gets the list of the words in the index (`directory_service_search_terms`), so that a
  word typed in part is looked up as the few whole words it begins.

The new rows and columns are filled by `sportello reindex` (`sportello demo` does it too)."""

from django.db import migrations

LANGUAGES = ("it", "en", "fr", "ar", "ro", "sq")


def forwards(apps, schema_editor):
    run = schema_editor.execute
    sorts = ", ".join(f"sort_{code} varchar(200) NOT NULL" for code in LANGUAGES)
    if schema_editor.connection.vendor == "sqlite":
        run(
            "CREATE TABLE directory_service_listing ("
            "key integer NOT NULL PRIMARY KEY, "  # the rowid of the service's FTS5 row
            "service_id char(32) NOT NULL UNIQUE REFERENCES directory_service (id) "
            "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
            f"active bool NOT NULL, {sorts}, hours text NOT NULL)"
        )
        table = "directory_service_listing"
        run("CREATE TABLE directory_service_search_terms (term text PRIMARY KEY) WITHOUT ROWID")
    else:
        run(
            "ALTER TABLE directory_service_search "
            "ADD COLUMN names tsvector NOT NULL DEFAULT ''::tsvector, "
            + ", ".join(f"ADD COLUMN sort_{code} varchar(200) NOT NULL DEFAULT ''" for code in LANGUAGES)
            + ", ADD COLUMN hours text NOT NULL DEFAULT ''"
        )
        run(
            "CREATE INDEX directory_service_search_names ON directory_service_search "
            "USING GIN (names) WITH (fastupdate = off)"
        )
        run("ALTER INDEX directory_service_search_document SET (fastupdate = off)")
        run("SELECT gin_clean_pending_list('directory_service_search_document'::regclass)")
        table = "directory_service_search"
    for code in LANGUAGES:
        run(
            f"CREATE INDEX directory_service_sort_{code} ON {table} (sort_{code}, service_id) "
            "WHERE active"
        )
    if apps.get_model("directory", "Service").objects.exists():
        print("\n  The search index needs rebuilding: run `sportello reindex`.")


def backwards(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "sqlite":
        run("DROP TABLE directory_service_listing")
        run("DROP TABLE directory_service_search_terms")
    else:
        for code in LANGUAGES:
            run(f"DROP INDEX directory_service_sort_{code}")
        run("DROP INDEX directory_service_search_names")
        run(
            "ALTER TABLE directory_service_search DROP COLUMN names, "
            + ", ".join(f"DROP COLUMN sort_{code}" for code in LANGUAGES)
            + ", DROP COLUMN hours"
        )
        run("ALTER INDEX directory_service_search_document RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_search_index_flag_terms"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
