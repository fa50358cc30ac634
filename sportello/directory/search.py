"""Full-text search over the directory: one interface, two backends chosen by the database.

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

The index is kept in sync explicitly — no signals: the directory's write functions call
search_index_update(service) after saving a service or its related rows.
"""

import datetime as dt
import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    UUIDField,
    Value,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from sportello.directory.models import (
    Schedule,
    SearchEntry,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)

TABLE = "directory_service_search"
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
    words = re.findall(r"[^\W_]+", fold(query))
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


def facet_words(service: Service) -> str:
    """SQLite: the marker words of the service's categories, towns (service areas and locations)
    and languages spoken, so the FTS5 query filters on them (prefetched related rows)."""
    words = [_facet_word("c", term.code) for term in service.categories.all()]
    towns = [municipality.slug for municipality in service.service_areas.all()]
    towns += [
        sal.location.municipality.slug
        for sal in service.service_at_locations.all()
        if sal.location.municipality is not None
    ]
    words += [_facet_word("m", slug) for slug in towns]
    words += [_facet_word("l", language.code) for language in service.languages.all()]
    return " ".join(dict.fromkeys(words))


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


def _write(services: list[Service]) -> None:
    """Insert or replace the index rows of these services (with related rows prefetched)."""
    pk = Service._meta.pk
    rows = [
        (
            pk.get_db_prep_value(service.pk, connection),
            service.status == Service.Status.ACTIVE,
            service.is_free,
            service.welcomes_undocumented,
            *document_for(service),
        )
        for service in services
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} "  # noqa: S608
                "(rowid, service_id, active, free, undocumented, name, body, extra, flags) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (_rowid(service.pk), *row, _flag_words(*row[1:4]) + " " + facet_words(service))
                    for service, row in zip(services, rows, strict=True)
                ],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (service_id, active, free, undocumented, document) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C')) "
                "ON CONFLICT (service_id) DO UPDATE SET document = EXCLUDED.document, "
                "active = EXCLUDED.active, free = EXCLUDED.free, "
                "undocumented = EXCLUDED.undocumented",
                rows,
            )


INDEX_PREFETCH = (
    "categories",
    "service_areas",
    "languages",
    "service_at_locations__location__municipality",
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


def open_filter(
    weekday: int, day: dt.date, at: dt.time | None = None, *, correlated: bool = False
) -> Q:
    """Services (by pk) open on `day` (a date falling on `weekday`), at time `at` if given.

    A service's hours are its own schedules (or those of its service-at-location rows); a
    service without any uses the hours of its locations. `pk IN (…)` subqueries over the
    schedules, so the same condition filters services and index entries; `correlated`: EXISTS
    per row instead (through the foreign-key indexes), cheaper when few rows are checked."""
    matching = _schedule_conditions(weekday, day, at)
    if correlated:
        service = OuterRef("pk")
        own = Q(Exists(Schedule.objects.filter(matching, service=service))) | Q(
            Exists(Schedule.objects.filter(matching, service_at_location__service=service))
        )
        any_own = Q(Exists(Schedule.objects.filter(service=service))) | Q(
            Exists(Schedule.objects.filter(service_at_location__service=service))
        )
        at_location = Exists(
            Schedule.objects.filter(matching, location__service_at_locations__service=service)
        )
        return own | (~any_own & Q(at_location))
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


def filter_condition(filters: SearchFilters, *, now=None, facets: bool = True) -> Q:
    """The filters other than the flags, as `pk IN (…)` subqueries over small link tables:
    they apply alike to Service (pk) and to SearchEntry (pk = service_id). Without `facets`:
    none (SQLite's public search has the others as marker words and checks hours itself)."""
    condition = Q()
    if not facets:
        return condition
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
    local = timezone.localtime(now or timezone.now())
    if filters.open_now:
        at = local.time().replace(microsecond=0)
        condition &= open_filter(local.isoweekday(), local.date(), at)
    if filters.weekday:
        day = local.date() + dt.timedelta(days=(filters.weekday - local.isoweekday()) % 7)
        condition &= open_filter(filters.weekday, day)
    return condition


def hours_condition(filters: SearchFilters, *, now=None, correlated: bool = False) -> Q:
    """Only the opening-hours filters (open now, open on a weekday)."""
    local = timezone.localtime(now or timezone.now())
    condition = Q()
    if filters.open_now:
        at = local.time().replace(microsecond=0)
        condition &= open_filter(local.isoweekday(), local.date(), at, correlated=correlated)
    if filters.weekday:
        day = local.date() + dt.timedelta(days=(filters.weekday - local.isoweekday()) % 7)
        condition &= open_filter(filters.weekday, day, correlated=correlated)
    return condition


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
    use ranked_service_ids(), which ranks in the index alone with bounded work."""
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


# Public result pages rank at most this many candidates from each of two passes (services whose
# names hold every word, then any match): ranking work stays bounded however common the words
# and however large the directory. The count of results stays exact.
RANK_CANDIDATES = 500


def _filter_words(filters: SearchFilters) -> list[str]:
    """SQLite: the marker words a public search's filters require (hours aside)."""
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
    return words


# Above this many services, a listing without words is paged from the service table instead.
LISTING_LIMIT = 20000


def _listed_service_ids(filters: SearchFilters, *, language: str, now, window: slice):
    """SQLite, filters without words: the services whose index rows carry the filters' marker
    words, in alphabetical order of the name in `language`. None when the filters require no
    marker word or select too many services."""
    words = _filter_words(filters)
    if not words:
        return None
    expression = " AND ".join(f"(flags : {word})" for word in words)
    expression = f"({expression}) NOT (flags : {FLAG_WORDS['inactive']})"
    match = IndexSQL("{index}.directory_service_search MATCH %s", [expression], BooleanField())
    ids = list(
        SearchEntry.objects.filter(match).values_list("service_id", flat=True)[: LISTING_LIMIT + 1]
    )
    if len(ids) > LISTING_LIMIT:
        return None
    services = Service.objects.filter(pk__in=ids)
    if filters.open_now or filters.weekday:
        services = services.filter(hours_condition(filters, now=now, correlated=True))
        total = services.count()
    else:
        total = len(ids)
    ordered = services.annotate(sort_name=_sort_name(language)).order_by("sort_name", "pk")
    return list(ordered.values_list("pk", flat=True)[window]), total


def _public_pass(terms: list[str], filters: SearchFilters, *, names_only: bool):
    """(key, condition, score) of one ranking pass over the index alone (public services only).
    `key` identifies the index row cheaply: the FTS5 rowid, or the service id on PostgreSQL."""
    if connection.vendor == "sqlite":
        expression = " ".join(f'"{term}"*' for term in terms)
        if names_only:
            expression = f"name : ({expression})"
        words = _filter_words(filters)
        for word in words:
            expression = f"({expression}) AND (flags : {word})"
        # Few rows are inactive: excluding them costs the ranking nothing.
        expression = f"({expression}) NOT (flags : {FLAG_WORDS['inactive']})"
        return (
            IndexSQL("{index}.rowid", [], IntegerField()),
            IndexSQL("{index}.directory_service_search MATCH %s", [expression], BooleanField()),
            IndexSQL(
                f"{1.0 if names_only else 0.0}"
                " - bm25({index}.directory_service_search, 0, 0, 0, 0, 10.0, 2.0, 1.0, 0)",
                [],
                FloatField(),
            ),
        )
    weight = "A" if names_only else ""
    matching = " & ".join(f"'{term}':*{weight}" for term in terms)
    ranking = " & ".join(f"'{term}':*" for term in terms)
    return (
        IndexSQL("{index}.service_id", [], UUIDField()),
        IndexSQL("{index}.document @@ to_tsquery('simple', %s)", [matching], BooleanField()),
        IndexSQL(
            f"{1.0 if names_only else 0.0} + ts_rank({{index}}.document, to_tsquery('simple', %s))",
            [ranking],
            FloatField(),
        ),
    )


def ranked_service_ids(
    query: str,
    *,
    filters: SearchFilters | None = None,
    now=None,
    window: slice = slice(0, 20),
    language: str = "it",
) -> tuple[list, int] | None:
    """(ids of the services in `window` of the results, best first; how many results) for the
    public pages: active services matching `query` and the filters, ranked in the index alone
    (names holding every word first, then bm25 / ts_rank) among at most RANK_CANDIDATES per
    pass. Without words, on SQLite, filters listed from the index in alphabetical order of the
    name in `language`. None when the index cannot answer (list search_services() then)."""
    terms = query_terms(query)
    filters = filters or SearchFilters()
    sqlite = connection.vendor == "sqlite"
    if not terms:
        if sqlite:
            return _listed_service_ids(filters, language=language, now=now, window=window)
        return None
    entries = SearchEntry.objects.filter(filter_condition(filters, now=now, facets=not sqlite))
    if not sqlite:
        entries = entries.filter(active=True)
        if filters.free:
            entries = entries.filter(free=True)
        if filters.without_documents:
            entries = entries.filter(undocumented=True)
    # SQLite checks opening hours on the candidates only (bounded work): with these filters the
    # count is exact when all matches are candidates, else it counts the candidates that pass.
    hours = sqlite and bool(filters.open_now or filters.weekday)
    scores: dict = {}
    service_of: dict = {}
    total = 0
    for names_only in (True, False):
        key, condition, score = _public_pass(terms, filters, names_only=names_only)
        matching = entries.filter(condition)
        if not names_only and not hours:
            total = matching.count()
        fields = ("key", "score", "service_id") if hours else ("key", "score")
        rows = matching.annotate(key=key, score=score).order_by().values_list(*fields)
        rows = list(rows[:RANK_CANDIDATES])
        for row in rows:
            scores[row[0]] = max(scores.get(row[0], row[1]), row[1])
            if hours:
                service_of[row[0]] = row[2]
    if hours:
        open_ids = set(
            Service.objects.filter(pk__in=set(service_of.values()))
            .filter(hours_condition(filters, now=now, correlated=True))
            .values_list("pk", flat=True)
        )
        scores = {k: v for k, v in scores.items() if service_of[k] in open_ids}
        total = len(scores)
    best = [row_key for row_key, _score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]
    keys = best[window]
    if sqlite:
        if hours:
            return [service_of[row_key] for row_key in keys], total
        key, _condition, _score = _public_pass(terms, filters, names_only=False)
        ids = dict(
            SearchEntry.objects.annotate(key=key)
            .filter(key__in=keys)
            .values_list("key", "service_id")
        )
        return [ids[row_key] for row_key in keys if row_key in ids], total
    return keys, total


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
