from django.core.management.base import BaseCommand

from sportello.directory.search import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the directory's full-text search index from scratch (SQLite FTS5 or PostgreSQL "
        "tsvector). Safe to run at any time; needed after a bulk change made outside the "
        "directory's write functions (e.g. SQL, restore of a backup)."
    )

    def handle(self, *args, **options) -> None:
        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"{done}/{total}")

        count = search_index_rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} services."))
