"""Full-text search over the directory: one interface, two backends chosen by the database.

    public_search("corso", filters=SearchFilters(free=True), language="ar", window=slice(0, 20))
        → Found: the ids of one page of results and how many there are (the public pages)
    search_services(query, language="ar", filters=SearchFilters(category="health", free=True))
        → a queryset of Service, best match first (no query: every service matching the filters)
    search_index_update(service)   # call from every write function that changes a service
    search_index_rebuild()         # the whole index (`sportello reindex`)

The index (table `directory_service_search`, model SearchEntry, migration 0003) holds, per service,
three weighted texts in all six languages: names (weight 10 / 'A'), descriptions and eligibility
(2 / 'B'), everything else — how to access, costs, categories, organization, towns, languages
spoken (1 / 'C'). On SQLite it is an FTS5 virtual table (unicode61 tokenizer, diacritics removed,
ranked with bm25); on PostgreSQL a tsvector with the `simple` configuration, a GIN index, ranked
with ts_rank. Both index text folded by fold() (lower case, no accents, no Arabic vowel marks), and
every query word matches as a prefix (results as you type), so "Caritàs", "caritas" and "carit"
find the same services.

What the public search filters on is in the index row too, as marker words (FLAG_WORDS,
_facet_word): active, free, without documents, categories, towns, languages spoken, weekdays
with opening hours — in the FTS5 `flags` column, or tsvector lexemes ('#zq…', which no query
word can produce). So does what a page is listed and checked with: the name to sort by in each
language, and the weekly hours (PostgreSQL: columns of the index table; SQLite: a table next to
the FTS5 one, `directory_service_listing`, joined on the FTS5 rowid).

The index is kept in sync explicitly — no signals: the directory's write functions call
search_index_update(service) after saving a service or its related rows.
"""

import datetime as dt
import hashlib
import re
import unicodedata
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from sportello.directory.models import (
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)

TABLE = "directory_service_search"
LISTING = "directory_service_listing"  # SQLite: what is listed and checked (migration 0006)
TERMS = "directory_service_search_terms"  # SQLite: the words in the index (migration 0006)
WORD = re.compile(r"[^\W_]+")  # a word of folded text, as the FTS5 unicode61 tokenizer splits it
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MAX_TERMS = 8

# Words too common to narrow a search: dropped from queries (unless nothing else is left).
_STOPWORDS = (
    "a ad al alla alle ai agli all da dal dalla dai dei degli del della delle di e ed il in la le "
    "lo gli i per su con un una uno the of and for to an de du des et les pour une en si cu "
    "pentru din te dhe ne me nga"
)
STOPWORDS = frozenset(_STOPWORDS.split())


def fold(text: str) -> str:
    """Lower case, without accents or other combining marks (also Arabic short vowels)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def query_terms(query: str) -> list[str]:
    """The words of a query, folded, without stop words, lightly stemmed for prefix matching:
    a final vowel of a word of five letters or more is dropped ("italiano" → "italian" also
    finds "italiana", "corso" → "cors" also finds "corsi")."""
    words = WORD.findall(fold(query))
    # Stop words and single letters (the "d" of "d'italien") would match nearly everything.
    kept = [word for word in words if word not in STOPWORDS and len(word) > 1] or words
    terms = []
    for word in kept[:MAX_TERMS]:
        if len(word) >= 5 and word[-1] in "aeiou":
            word = word[:-1]
        if word not in terms:
            terms.append(word)
    return terms


# --- writing the index -------------------------------------------------------------------------


def _translations(obj, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{code}", None) or "" for code in LANGUAGES]


def document_for(service: Service) -> tuple[str, str, str]:
    """The three texts indexed for a service: names, descriptions, the rest (folded)."""
    names = [*_translations(service, "name"), service.alternate_name]
    body = [
        *_translations(service, "description"),
        *_translations(service, "eligibility_description"),
    ]
    extra = [
        *_translations(service, "application_process"),
        *_translations(service, "fees_description"),
        service.organization.name,
        service.organization.alternate_name,
    ]
    for term in service.categories.all():
        extra += _translations(term, "name")
    for sal in service.service_at_locations.all():
        location = sal.location
        extra += [location.name, location.address_1, location.city]
        if location.municipality is not None:
            extra.append(location.municipality.name)
    for municipality in service.service_areas.all():
        extra.append(municipality.name)
    for language in service.languages.all():
        extra.append(language.name)
    return tuple(
        fold(" ".join(dict.fromkeys(t for t in part if t))) for part in (names, body, extra)
    )


def _facet_word(kind: str, value: str) -> str:
    """A marker word for a filter value: category, town (municipality slug), language spoken."""
    return "zq" + kind + re.sub(r"[^a-z0-9]", "", value.lower())


def effective_schedules(service: Service) -> list[Schedule]:
    """The hours the search checks: the service's own (or its service-at-location ones); when
    it has none, those of its locations (prefetched related rows). The service page shows these
    hours too, and open_filter() applies the same rule."""
    locations = list(service.service_at_locations.all())
    own = list(service.schedules.all())
    for sal in locations:
        own += list(sal.schedules.all())
    if own:
        return own
    return [schedule for sal in locations for schedule in sal.location.schedules.all()]


def facet_words(service: Service, schedules: list[Schedule]) -> list[str]:
    """The marker words of the service's categories, towns (service areas and locations),
    languages spoken and weekdays with opening hours, so that the index query itself filters on
    them (prefetched related rows)."""
    words = [_facet_word("c", term.code) for term in service.categories.all()]
    towns = [municipality.slug for municipality in service.service_areas.all()]
    towns += [
        sal.location.municipality.slug
        for sal in service.service_at_locations.all()
        if sal.location.municipality is not None
    ]
    words += [_facet_word("m", slug) for slug in towns]
    words += [_facet_word("l", language.code) for language in service.languages.all()]
    words += [_facet_word("d", str(day)) for day in sorted({s.weekday for s in schedules})]
    return list(dict.fromkeys(words))


def hours_text(schedules: list[Schedule]) -> str:
    """Weekly hours as the search checks them: "weekday opens closes valid_from valid_to" per
    interval (ISO times and dates, "-" when open-ended), separated by ";"."""
    return ";".join(
        " ".join(
            (
                str(schedule.weekday),
                schedule.opens_at.isoformat(),
                schedule.closes_at.isoformat(),
                schedule.valid_from.isoformat() if schedule.valid_from else "-",
                schedule.valid_to.isoformat() if schedule.valid_to else "-",
            )
        )
        for schedule in sorted(schedules, key=lambda s: (s.weekday, s.opens_at))
    )


def is_open_by(hours: str, checks: list[tuple[int, str, str | None]]) -> bool:
    """Whether hours_text() `hours` pass every check: (weekday, ISO date, ISO time or None) —
    open at that time of that day, or at some time that day. Same conditions as open_filter()."""
    intervals = hours.split(";") if hours else []
    for weekday, day, at in checks:
        prefix = f"{weekday} "
        for interval in intervals:
            if not interval.startswith(prefix):
                continue
            _weekday, opens, closes, start, end = interval.split(" ")
            if (
                (start == "-" or start <= day)
                and (end == "-" or end >= day)
                and (at is None or opens <= at < closes)
            ):
                break
        else:
            return False
    return True


def _rowid(service_id) -> int:
    """The FTS5 row of a service: a 63-bit hash of its UUID, so that one row is found (and
    replaced) by its rowid without scanning the index (service_id is not indexed in FTS5)."""
    digest = hashlib.blake2b(uuid.UUID(str(service_id)).bytes, digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


# SQLite: marker words in the `flags` column, so that the FTS5 query itself filters on them
# (reading the flags stored with each matching row would cost more than the ranking).
FLAG_WORDS = {
    "active": "zqactive",
    "inactive": "zqinactive",
    "free": "zqfree",
    "undocumented": "zqundocumented",
}


def _flag_words(active: bool, free: bool, undocumented: bool) -> str:
    flags = {"active": active, "inactive": not active, "free": free, "undocumented": undocumented}
    return " ".join(FLAG_WORDS[name] for name, value in flags.items() if value)


SORTS = [f"sort_{code}" for code in LANGUAGES]
# The columns besides the text: on SQLite in LISTING, on PostgreSQL in the index table itself.
LISTED = ", ".join(["active", *SORTS, "hours"])


def _write(services: list[Service]) -> None:
    """Insert or replace the index rows (and on SQLite the listing rows and the words) of these
    services, with their related rows prefetched."""
    pk = Service._meta.pk
    sqlite = connection.vendor == "sqlite"
    rows, listings = [], []
    for service in services:
        schedules = effective_schedules(service)
        active = service.status == Service.Status.ACTIVE
        words = _flag_words(active, service.is_free, service.welcomes_undocumented).split()
        words += facet_words(service, schedules)
        names, body, extra = document_for(service)
        service_id = pk.get_db_prep_value(service.pk, connection)
        # The name a listing in each language is sorted by: its translation, else the Italian.
        sorts = [getattr(service, f"name_{code}", "") or service.name_it for code in LANGUAGES]
        listed = (active, *sorts, hours_text(schedules))
        if sqlite:
            key = _rowid(service.pk)
            flags = (service.is_free, service.welcomes_undocumented)
            rows.append((key, service_id, active, *flags, names, body, extra, " ".join(words)))
            listings.append((key, service_id, *listed))
        else:
            markers = ["#" + word for word in words]
            flags = (service.is_free, service.welcomes_undocumented)
            rows.append((service_id, *flags, names, body, extra, markers, names, markers, *listed))
    with connection.cursor() as cursor:
        if sqlite:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} "  # noqa: S608
                "(rowid, service_id, active, free, undocumented, name, body, extra, flags) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            cursor.executemany(
                f"INSERT OR REPLACE INTO {LISTING} (key, service_id, {LISTED}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * (len(LANGUAGES) + 4))})",
                listings,
            )
            words = {word for row in rows for text in row[5:8] for word in WORD.findall(text)}
            cursor.executemany(
                f"INSERT OR IGNORE INTO {TERMS} (term) VALUES (%s)",  # noqa: S608
                [(word,) for word in sorted(words)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} "  # noqa: S608
                f"(service_id, free, undocumented, document, names, {LISTED}) "
                "VALUES (%s, %s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') || "
                "array_to_tsvector(%s::text[]), "
                "to_tsvector('simple', %s) || array_to_tsvector(%s::text[]), "
                f"{', '.join(['%s'] * (len(LANGUAGES) + 2))}) "
                "ON CONFLICT (service_id) DO UPDATE SET "
                + ", ".join(
                    f"{column} = EXCLUDED.{column}"
                    for column in ("free", "undocumented", "document", "names", *LISTED.split(", "))
                ),
                rows,
            )


INDEX_PREFETCH = (
    "categories",
    "service_areas",
    "languages",
    "schedules",
    "service_at_locations__schedules",
    "service_at_locations__location__municipality",
    "service_at_locations__location__schedules",
)


def search_index_update(service: Service) -> None:
    """Re-index one service after it (or its categories, locations, languages…) changed.

    Call it from every write function of the directory, inside its transaction, after the
    service and its related rows are saved. Cheap: a few queries and one index row."""
    service = (
        Service.objects.select_related("organization")
        .prefetch_related(*INDEX_PREFETCH)
        .get(pk=service.pk)
    )
    _write([service])


def search_index_remove(service_id) -> None:
    """Drop a service's index row (after deleting the service)."""
    value = Service._meta.pk.get_db_prep_value(service_id, connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [_rowid(service_id)])  # noqa: S608
            cursor.execute(f"DELETE FROM {LISTING} WHERE key = %s", [_rowid(service_id)])  # noqa: S608
        else:
            cursor.execute(f"DELETE FROM {TABLE} WHERE service_id = %s", [value])  # noqa: S608


def search_index_update_many(service_ids, *, batch_size: int = 500, progress=None) -> int:
    """Re-index many services (importers, bulk loads) in batches. Returns how many."""
    ids = list(service_ids)
    services = Service.objects.select_related("organization").prefetch_related(*INDEX_PREFETCH)
    for start in range(0, len(ids), batch_size):
        batch = services.filter(pk__in=ids[start : start + batch_size])
        _write(list(batch))
        if progress is not None:
            progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)


def search_index_rebuild(*, batch_size: int = 500, progress=None) -> int:
    """Empty the index and index every service again. Returns how many were indexed."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {LISTING}")  # noqa: S608
            cursor.execute(f"DELETE FROM {TERMS}")  # noqa: S608
    ids = Service.objects.order_by("pk").values_list("pk", flat=True)
    return search_index_update_many(ids, batch_size=batch_size, progress=progress)


# --- searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    category: str = ""  # TaxonomyTerm.code
    municipality: str = ""  # Municipality.slug: service area or a location's municipality
    language: str = ""  # ServiceLanguage.code, a language spoken at the service
    free: bool = False
    open_now: bool = False
    weekday: int | None = None  # 1 = Monday … 7 = Sunday: open at some time that day
    without_documents: bool = False  # welcomes people without a residence permit / documents

    def __bool__(self) -> bool:
        return any(
            (
                self.category,
                self.municipality,
                self.language,
                self.free,
                self.open_now,
                self.weekday,
                self.without_documents,
            )
        )


def _schedule_conditions(weekday: int, day: dt.date, at: dt.time | None) -> Q:
    condition = Q(weekday=weekday) & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    condition &= Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    if at is not None:
        condition &= Q(opens_at__lte=at, closes_at__gt=at)
    return condition


def open_filter(weekday: int, day: dt.date, at: dt.time | None = None) -> Q:
    """Services (by pk) open on `day` (a date falling on `weekday`), at time `at` if given.

    A service's hours are its own schedules (or those of its service-at-location rows); a
    service without any uses the hours of its locations. `pk IN (…)` subqueries over the
    schedules, so the same condition filters services and index entries. (The public search
    checks the same rule on the hours copied into its listing rows: is_open_by().)"""
    matching = _schedule_conditions(weekday, day, at)
    own = Schedule.objects.filter(matching, service__isnull=False).values("service_id")
    via_link = Schedule.objects.filter(matching, service_at_location__isnull=False).values(
        "service_at_location__service_id"
    )
    at_location = (
        ServiceAtLocation.objects.filter(
            location__in=Schedule.objects.filter(matching, location__isnull=False).values(
                "location_id"
            )
        )
        .exclude(Exists(Schedule.objects.filter(service=OuterRef("service_id"))))
        .exclude(
            Exists(Schedule.objects.filter(service_at_location__service=OuterRef("service_id")))
        )
        .values("service_id")
    )
    return Q(pk__in=own) | Q(pk__in=via_link) | Q(pk__in=at_location)


def filter_condition(filters: SearchFilters, *, now=None) -> Q:
    """The filters other than the flags, as `pk IN (…)` subqueries over small link tables:
    they apply alike to Service (pk) and to SearchEntry (pk = service_id)."""
    condition = Q()
    if filters.category:
        condition &= Q(
            pk__in=Service.categories.through.objects.filter(
                taxonomyterm__in=TaxonomyTerm.objects.filter(code=filters.category)
            ).values("service_id")
        )
    if filters.municipality:
        areas = Service.service_areas.through.objects.filter(
            municipality__slug=filters.municipality
        ).values("service_id")
        located = ServiceAtLocation.objects.filter(
            location__municipality__slug=filters.municipality
        ).values("service_id")
        condition &= Q(pk__in=areas) | Q(pk__in=located)
    if filters.language:
        condition &= Q(
            pk__in=ServiceLanguage.objects.filter(code=filters.language).values("service_id")
        )
    for weekday, day, at in hours_checks(filters, now=now):
        condition &= open_filter(
            weekday, dt.date.fromisoformat(day), at and dt.time.fromisoformat(at)
        )
    return condition


def hours_checks(filters: SearchFilters, *, now=None) -> list[tuple[int, str, str | None]]:
    """The opening-hours filters as (weekday, ISO date, ISO time or None): open now (this
    weekday, today, at this time in Rome), open on a weekday (its next date, at any time)."""
    local = timezone.localtime(now or timezone.now())
    checks = []
    if filters.open_now:
        at = local.time().replace(microsecond=0)
        checks.append((local.isoweekday(), local.date().isoformat(), at.isoformat()))
    if filters.weekday:
        day = local.date() + dt.timedelta(days=(filters.weekday - local.isoweekday()) % 7)
        checks.append((filters.weekday, day.isoformat(), None))
    return checks


def apply_filters(services: QuerySet[Service], filters: SearchFilters, *, now=None):
    """Narrow a Service queryset by the search filters (subqueries: no duplicate rows)."""
    if filters.free:
        services = services.filter(is_free=True)
    if filters.without_documents:
        services = services.filter(welcomes_undocumented=True)
    return services.filter(filter_condition(filters, now=now))


class IndexSQL(Expression):
    """A piece of SQL over the joined index table, written with `{index}` where the table goes:
    the placeholder becomes the table's alias in the query being compiled, so a search queryset
    also works as a subquery (`pk__in=search_services(...).values("pk")`). (In FTS5, MATCH and
    bm25() take the hidden column named after the table: `{index}.directory_service_search`.)"""

    def __init__(self, template: str, params: list, output_field) -> None:
        super().__init__(output_field=output_field)
        self.template, self.params = template, params

    def as_sql(self, compiler, connection):
        alias = next(
            alias
            for alias, join in compiler.query.alias_map.items()
            if join.table_name == TABLE and alias in compiler.query.alias_refcount
        )
        return self.template.format(index=compiler.quote_name_unless_alias(alias)), self.params


def _match(terms: list[str], flags: tuple[str, ...] = ()) -> tuple[IndexSQL, IndexSQL]:
    """(condition, score) for the current database; a higher score is a better match.

    Services whose names contain every word come first (score + 1), then the text rank: bm25 over
    the weighted columns (SQLite) or ts_rank over the weighted tsvector (PostgreSQL). `flags`
    (SQLite) are FLAG_WORDS keys the match must also have. The SQL is constant; the user's words
    are bound as parameters (and are plain letters and digits)."""
    if connection.vendor == "sqlite":
        expression = " ".join(f'"{term}"*' for term in terms)
        in_names = f"name : ({expression})"
        if flags:
            words = " AND ".join(FLAG_WORDS[flag] for flag in flags)
            expression = f"({expression}) AND (flags : ({words}))"
        return (
            IndexSQL("{index}.directory_service_search MATCH %s", [expression], BooleanField()),
            IndexSQL(
                "(CASE WHEN {index}.rowid IN (SELECT rowid FROM directory_service_search"
                " WHERE directory_service_search MATCH %s) THEN 1.0 ELSE 0.0 END)"
                # columns: service_id, active, free, undocumented, name, body, extra, flags
                " - bm25({index}.directory_service_search, 0, 0, 0, 0, 10.0, 2.0, 1.0, 0)",
                [in_names],
                FloatField(),
            ),
        )
    expression = " & ".join(f"'{term}':*" for term in terms)
    in_names = " & ".join(f"'{term}':*A" for term in terms)
    return (
        IndexSQL("{index}.document @@ to_tsquery('simple', %s)", [expression], BooleanField()),
        IndexSQL(
            "(CASE WHEN {index}.document @@ to_tsquery('simple', %s) THEN 1.0 ELSE 0.0 END)"
            " + ts_rank({index}.document, to_tsquery('simple', %s))",
            [in_names, expression],
            FloatField(),
        ),
    )


def _sort_name(language: str) -> Coalesce:
    if language not in LANGUAGES:
        language = "it"
    return Coalesce(NullIf(f"name_{language}", Value("")), "name_it", output_field=CharField())


def search_services(
    query: str,
    *,
    language: str,
    filters: SearchFilters | None = None,
    include_inactive: bool = False,
    now=None,
) -> QuerySet[Service]:
    """Services matching `query` (any of the six languages) and the filters, best match first
    (ties by id); without a query, in alphabetical order of the name in `language`.

    Only active services unless include_inactive (staff pages). The result is a lazy queryset:
    slice it, count it, filter it further, prefetch what the page shows. Public result pages
    use public_search(), which ranks in the index alone with bounded work."""
    filters = filters or SearchFilters()
    terms = query_terms(query)
    if not terms:
        services = Service.objects.all()
        if not include_inactive:
            services = services.filter(status=Service.Status.ACTIVE)
        services = apply_filters(services, filters, now=now)
        return services.annotate(sort_name=_sort_name(language)).order_by("sort_name", "pk")
    # Flags from the index row: counting and ranking then read no wide service row.
    services = Service.objects.filter(search_entry__isnull=False)
    if not include_inactive:
        services = services.filter(search_entry__active=True)
    if filters.free:
        services = services.filter(search_entry__free=True)
    if filters.without_documents:
        services = services.filter(search_entry__undocumented=True)
    condition, score = _match(terms)
    return (
        services.filter(filter_condition(filters, now=now))
        .filter(condition)
        .annotate(score=score)
        .order_by("-score", "pk")
    )


# --- the public pages' search ------------------------------------------------------------------

# Results are counted up to this many ("more than 500 services found"), and paged up to it. Up
# to this many matches are all ranked (bm25 / ts_rank, as search_services() does).
COUNT_LIMIT = 500
# More matches than that: services whose names hold every word come first, then any match, among
# at most this many of each taken in the index's order — bounded work however common the words
# and however large the directory.
RANK_CANDIDATES = 250
# With "open now" / "open on", the hours of at most this many matches are checked.
HOURS_LIMIT = 2000
# SQLite: a typed prefix is looked up as at most this many whole words (else as a prefix).
MAX_EXPANSION = 32


@dataclass(frozen=True)
class Found:
    """One page of public results: `ids` (in order) and how many results there are — exactly
    `total`, more than `total` (`more`: total is COUNT_LIMIT), or `total` or more (`at_least`:
    the opening hours of HOURS_LIMIT matches were checked, not of all). `pageable`: how many
    results can be paged through (the ranked candidates, at most COUNT_LIMIT)."""

    ids: list
    total: int
    pageable: int
    more: bool = False
    at_least: bool = False


def filter_words(filters: SearchFilters, checks: list[tuple[int, str, str | None]]) -> list[str]:
    """The marker words a public search's filters require in the index row (for the hours
    filters, `checks`: the weekdays; the hours themselves are checked by is_open_by())."""
    words = [
        FLAG_WORDS[flag]
        for flag, wanted in (("free", filters.free), ("undocumented", filters.without_documents))
        if wanted
    ]
    for kind, value in (
        ("c", filters.category),
        ("m", filters.municipality),
        ("l", filters.language),
    ):
        if value:
            words.append(_facet_word(kind, value))
    days = {weekday for weekday, _day, _at in checks}
    return words + [_facet_word("d", str(day)) for day in sorted(days)]


def _uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


class _Index:
    """The SQL of the public search, for the current database. Every method runs one query over
    the index: on SQLite the FTS5 table, joined on its rowid to the listing table when a query
    needs the sort names or hours; on PostgreSQL the one table. `terms` are the user's words
    (query_terms(): letters and digits only) and `markers` the filters' marker words
    (filter_words()), both bound as parameters. Service ids come back as text."""

    def __init__(self, markers: list[str], *, language: str) -> None:
        self.markers, self.sqlite = markers, connection.vendor == "sqlite"
        self.language = language  # one of LANGUAGES: part of column names
        self.expanded: dict[str, list[str]] = {}

    def _fts(self, terms: list[str], *, names_only: bool, whole: bool = True) -> str:
        """SQLite: an FTS5 query — every term (as a prefix) in the names, or in any text column,
        and every marker word in the flags, of an active service. `whole`: a term longer than
        FTS5's prefix indexes is looked up as the whole words it begins, when they are few."""
        expression = " AND ".join(self._term(term) if whole else f'"{term}"*' for term in terms)
        if terms:
            column = "name" if names_only else "{name body extra}"
            expression = f"({column} : ({expression}))"
        for word in self.markers:
            expression = f"{expression} AND (flags : {word})" if expression else f"(flags : {word})"
        return f"({expression}) NOT (flags : {FLAG_WORDS['inactive']})"

    def _term(self, term: str) -> str:
        """SQLite: a query term as FTS5 reads it fastest. FTS5 looks up a prefix of 2 to 4
        letters in its prefix indexes (migration 0003), but merges the matches of every word
        a longer prefix begins before returning the first; "centr" is read as ("centre" OR
        "centro" OR …) instead, the words found in TERMS: then FTS5 reads only as many
        matches as the query asks for."""
        if len(term) <= 4:
            return f'"{term}"*'
        if term not in self.expanded:
            words = [
                word
                for (word,) in self._rows(
                    f"SELECT term FROM {TERMS} WHERE term >= %s AND term < %s LIMIT %s",  # noqa: S608
                    [term, term + "\U0010ffff", MAX_EXPANSION + 1],
                )
            ]
            self.expanded[term] = words if 0 < len(words) <= MAX_EXPANSION else []
        words = self.expanded[term]
        if not words:
            return f'"{term}"*'
        return "(" + " OR ".join(f'"{word}"' for word in words) + ")"

    def _where(self, terms: list[str], *, names_only: bool = False) -> tuple[str, list]:
        """PostgreSQL: the condition on an active service matching every term (as a prefix) in
        the names or anywhere, and every marker."""
        sql, params = [], []
        if terms:
            sql.append("to_tsquery('simple', %s)")
            params.append(" & ".join(f"'{term}':*" for term in terms))
        if self.markers:
            sql.append("%s::tsquery")
            params.append(" & ".join(f"'#{word}'" for word in self.markers))
        column = "names" if names_only else "document"
        if not sql:
            return "active", []
        return f"{column} @@ ({' && '.join(sql)}) AND active", params

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self, terms: list[str], *, limit: int) -> int:
        """How many active services match, counting at most `limit`."""
        if not self.sqlite:
            where, params = self._where(terms)
            sql = f"SELECT 1 FROM {TABLE} WHERE {where}"  # noqa: S608
        elif terms or self.markers:
            sql = f"SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s"  # noqa: S608
            params = [self._fts(terms, names_only=False)]
        else:
            sql, params = f"SELECT 1 FROM {LISTING} WHERE active", []  # noqa: S608
        found = self._rows(f"SELECT count(*) FROM ({sql} LIMIT %s) AS found", [*params, limit])  # noqa: S608
        return found[0][0]

    def ranked(self, terms: list[str], *, hours: bool) -> list[tuple]:
        """(service id, score[, hours]) of every match — call it when there are few: a match
        whose names hold every word scores 1 + its text rank (bm25 / ts_rank), any other its
        text rank, exactly as search_services() ranks them."""
        extra = ", l.hours" if hours else ""
        if self.sqlite:
            in_names = " ".join(f'"{term}"*' for term in terms)
            return self._rows(
                f"SELECT l.service_id, (CASE WHEN s.rowid IN (SELECT rowid FROM {TABLE}"  # noqa: S608
                f" WHERE {TABLE} MATCH %s) THEN 1.0 ELSE 0.0 END)"
                f" - bm25(s.{TABLE}, 0, 0, 0, 0, 10.0, 2.0, 1.0, 0){extra}"
                f" FROM {TABLE} s CROSS JOIN {LISTING} l ON l.key = s.rowid"
                f" WHERE s.{TABLE} MATCH %s",
                [f"name : ({in_names})", self._fts(terms, names_only=False, whole=False)],
            )
        where, params = self._where(terms)
        words = " & ".join(f"'{term}':*" for term in terms)
        return self._rows(
            "SELECT service_id::text, (CASE WHEN names @@ to_tsquery('simple', %s)"  # noqa: S608
            " THEN 1.0 ELSE 0.0 END) + ts_rank(document, to_tsquery('simple', %s))"
            f"{', hours' * hours} FROM {TABLE} WHERE {where}",
            [words, words, *params],
        )

    def candidates(self, terms: list[str], *, names_only: bool, hours: bool, limit: int):
        """(service id[, hours]) of at most `limit` matches — in the names only, or anywhere —
        in the index's order (no ranking: bounded work however many match)."""
        if self.sqlite:
            return self._rows(
                f"SELECT l.service_id{', l.hours' if hours else ''} FROM {TABLE} s"  # noqa: S608
                f" CROSS JOIN {LISTING} l ON l.key = s.rowid WHERE s.{TABLE} MATCH %s LIMIT %s",
                [self._fts(terms, names_only=names_only), limit],
            )
        where, params = self._where(terms, names_only=names_only)
        return self._rows(
            f"SELECT service_id::text{', hours' if hours else ''} FROM {TABLE}"  # noqa: S608
            f" WHERE {where} LIMIT %s",
            [*params, limit],
        )

    def listed(self, *, offset: int, limit: int, hours: bool) -> list[tuple]:
        """(service id[, hours]) of the active services with the markers, by name."""
        order = f"sort_{self.language}, service_id"
        if not self.sqlite:
            where, params = self._where([])
            sql = f"SELECT service_id::text{', hours' * hours} FROM {TABLE} WHERE {where}"  # noqa: S608
        elif self.markers:
            sql = (
                f"SELECT l.service_id{', l.hours' * hours} FROM {TABLE} s"  # noqa: S608
                f" CROSS JOIN {LISTING} l ON l.key = s.rowid WHERE s.{TABLE} MATCH %s"
            )
            order = f"l.sort_{self.language}, l.service_id"
            params = [self._fts([], names_only=False)]
        else:
            sql = f"SELECT service_id{', hours' * hours} FROM {LISTING} WHERE active"  # noqa: S608
            params = []
        return self._rows(f"{sql} ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset])


PLANS = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def _index_plans():
    """PostgreSQL: the public search's queries read the GIN indexes, not the whole table.

    The planner's estimate of how many rows a prefix matches adds up the frequencies of every
    word it begins ("ital": italiano, italiana, italian, italien… — a third of the directory,
    when one service in sixteen matches): with a LIMIT, reading the table in order then looks
    cheaper than the index, and reads thousands of rows to find a few hundred. So the queries
    run with sequential scans (and parallel plans, whose start costs more than these small
    queries) disabled, in a transaction and for it alone (SET LOCAL; inside an outer
    transaction, the previous settings are put back)."""
    if connection.vendor != "postgresql":
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT "
            + ", ".join(
                f"current_setting('{name}'), set_config('{name}', %s, true)" for name in PLANS
            ),
            list(PLANS.values()),
        )
        previous = cursor.fetchone()[::2]
        yield
        if nested:
            cursor.execute(
                "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in PLANS),
                list(previous),
            )


def public_search(
    query: str,
    *,
    filters: SearchFilters | None = None,
    language: str = "it",
    window: slice = slice(0, 20),
    now=None,
) -> Found:
    """One page (`window`) of the public results: active services matching `query` and the
    filters, found in the index alone. With words: names holding every word first, then by
    bm25 / ts_rank (more than COUNT_LIMIT matches: among RANK_CANDIDATES of each kind, see
    _ranked()); without: in alphabetical order of the name in `language`. A constant number of
    queries, each reading a bounded number of rows: counts stop at COUNT_LIMIT, opening hours
    are checked on at most HOURS_LIMIT matches."""
    filters = filters or SearchFilters()
    if language not in LANGUAGES:
        language = "it"
    checks = hours_checks(filters, now=now)
    index = _Index(filter_words(filters, checks), language=language)
    terms = query_terms(query)
    with _index_plans():
        found = _ranked(index, terms, checks) if terms else _listed(index, checks, window)
    ids, total, pageable, more, at_least = found
    if terms:
        ids = ids[: min(pageable, COUNT_LIMIT)][window]
    return Found([_uuid(pk) for pk in ids], total, pageable, more, at_least)


def _bounded(count: int, *, complete: bool) -> tuple[int, bool, bool]:
    """(total, more, at_least) for `count` results found, among all matches or not."""
    if count > COUNT_LIMIT:
        return COUNT_LIMIT, True, False
    return count, False, not complete


def _ranked(index: _Index, terms: list[str], checks):
    """Up to COUNT_LIMIT matches: all of them, ranked. More: names holding every word first,
    then any match, among RANK_CANDIDATES of each, in the index's order. With hours filters,
    the count is of the matches open that weekday, and the open ones are counted among the
    first HOURS_LIMIT of them."""
    hours = bool(checks)
    if index.count(terms, limit=COUNT_LIMIT + 1) <= COUNT_LIMIT:
        scores = {
            service_id: score
            for service_id, score, *text in index.ranked(terms, hours=hours)
            if not hours or is_open_by(text[0], checks)
        }
        total, more, at_least = len(scores), False, False
    else:
        rows = index.candidates(terms, names_only=True, hours=hours, limit=RANK_CANDIDATES)
        scores = {row[0]: 1.0 for row in rows if not hours or is_open_by(row[1], checks)}
        if hours:
            rows = index.candidates(terms, names_only=False, hours=True, limit=HOURS_LIMIT + 1)
            found = [row[0] for row in rows[:HOURS_LIMIT] if is_open_by(row[1], checks)]
            total, more, at_least = _bounded(len(found), complete=len(rows) <= HOURS_LIMIT)
            if at_least:  # the first pass may have found others
                total = min(max(total, len(set(found) | set(scores))), COUNT_LIMIT)
        else:
            rows = index.candidates(terms, names_only=False, hours=False, limit=RANK_CANDIDATES)
            found = [row[0] for row in rows]
            total, more, at_least = COUNT_LIMIT, True, False
        for service_id in found[:RANK_CANDIDATES]:
            scores.setdefault(service_id, 0.0)
    best = sorted(scores, key=lambda service_id: (-scores[service_id], service_id))
    return best, total, min(len(best), total), more, at_least


def _listed(index: _Index, checks, window: slice):
    if checks:
        rows = index.listed(offset=0, limit=HOURS_LIMIT + 1, hours=True)
        found = [pk for pk, hours in rows[:HOURS_LIMIT] if is_open_by(hours, checks)]
        total, more, at_least = _bounded(len(found), complete=len(rows) <= HOURS_LIMIT)
        pageable = min(len(found), COUNT_LIMIT)
        return found[:pageable][window], total, pageable, more, at_least
    total, more, at_least = _bounded(index.count([], limit=COUNT_LIMIT + 1), complete=True)
    start, stop = window.start or 0, min(window.stop, total)
    rows = index.listed(offset=start, limit=stop - start, hours=False) if stop > start else []
    return [pk for (pk,) in rows], total, total, more, at_least


def naive_search_services(
    query: str, *, language: str, filters: SearchFilters | None = None, now=None
) -> QuerySet[Service]:
    """The search without an index — every word `icontains` in any translated name, description,
    eligibility or how-to-access text — the benchmark's baseline (bench/search.py). Not used by
    pages."""
    services = Service.objects.filter(status=Service.Status.ACTIVE)
    if filters:
        services = apply_filters(services, filters, now=now)
    for word in query.split():
        condition = Q()
        for field in ("name", "description", "eligibility_description", "application_process"):
            for code in LANGUAGES:
                condition |= Q(**{f"{field}_{code}__icontains": word})
        services = services.filter(condition)
    return services.annotate(sort_name=_sort_name(language)).order_by("sort_name", "pk")


def search_index_demo_loader() -> None:
    """Demo loader (core/demo.py LOADERS, after the directory's): index every demo service."""
    search_index_rebuild()
