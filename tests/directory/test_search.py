"""The directory search: the same cases run on SQLite (FTS5) and PostgreSQL (tsvector) — the suite
runs once per database. Each case checks both ways of searching: the queryset (staff pages, API)
and the public pages' search in the index (same services, same order, same count)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from sportello.accounts.models import Role
from sportello.directory import search, services
from sportello.directory.models import Schedule, Service
from sportello.directory.search import (
    SearchFilters,
    public_search,
    search_index_update,
    search_services,
)
from sportello.directory.snapshots import service_snapshot
from tests.directory.search_data import make_service

pytestmark = pytest.mark.django_db

MONDAY_9_30_IN_ROME = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)  # 09:30 CET
MONDAY_12_30_IN_ROME = dt.datetime(2026, 11, 23, 11, 30, tzinfo=dt.UTC)


def names(query: str, language: str = "it", **filters) -> list[str]:
    """The names found by search_services(), after checking that the public search finds the
    same services in the same order."""
    now = filters.pop("now", None)
    found = search_services(query, language=language, filters=SearchFilters(**filters), now=now)
    listed = [service.name_it for service in found]
    public = public_search(query, filters=SearchFilters(**filters), language=language, now=now)
    by_id = Service.objects.in_bulk(public.ids)
    assert [by_id[pk].name_it for pk in public.ids] == listed, (query, filters)
    assert (public.total, public.more, public.at_least) == (len(listed), False, False)
    return listed


def test_it_finds_words_whatever_their_accents_and_case():
    make_service("Caffè sociale", description_it="Un luogo di incontro")
    make_service("Ufficio anagrafe")

    assert names("CAFFE") == ["Caffè sociale"]
    assert names("caffè SOCIALE") == ["Caffè sociale"]
    assert names("incóntro") == ["Caffè sociale"]


def test_it_finds_words_as_they_are_typed():
    make_service("Corso di italiano A1")
    make_service("Centro per l'impiego")

    assert names("ita") == ["Corso di italiano A1"]
    assert names("corso di ital") == ["Corso di italiano A1"]
    assert names("cors ital") == ["Corso di italiano A1"]


def test_it_finds_close_word_forms_and_ignores_little_words():
    make_service("Corsi di lingua italiana per adulti")

    assert names("corso di italiano") == ["Corsi di lingua italiana per adulti"]
    assert names("il corso della lingua") == ["Corsi di lingua italiana per adulti"]


def test_it_searches_every_language_and_shows_the_readers_one():
    make_service(
        "Corso di italiano A2",
        name_ar="دورة اللغة الإيطالية",
        name_en="Italian course A2",
        description_fr="Cours d'italien pour adultes",
    )

    assert names("الإيطالية") == ["Corso di italiano A2"]
    assert names("course") == ["Corso di italiano A2"]
    assert names("cours italien") == ["Corso di italiano A2"]
    with translation.override("ar"):
        found = search_services("corso di italiano", language="ar")
        assert [service.name for service in found] == ["دورة اللغة الإيطالية"]


def test_it_ignores_arabic_vowel_marks():
    make_service("Mediazione", name_ar="وَسَاطَة ثقافية")

    assert names("وساطة") == ["Mediazione"]


def test_a_match_in_the_name_comes_before_a_match_in_the_description():
    make_service("Sportello lavoro", description_it="Aiuto per il curriculum e i colloqui")
    make_service("Biblioteca civica", description_it="Prestito libri, corsi, sportello lavoro")
    make_service("Caritas", description_it="Distribuzione di abiti")

    assert names("lavoro") == ["Sportello lavoro", "Biblioteca civica"]


def test_it_finds_services_by_category_organization_and_town():
    make_service("Sportello", categories=("housing",), municipality="fubine-monferrato")

    assert names("casa") == ["Sportello"]  # the category's Italian name
    assert names("housing") == ["Sportello"]  # …and its English one
    assert names("fubine") == ["Sportello"]
    assert names("ente prova") == ["Sportello"]


def test_inactive_services_are_not_in_public_results():
    make_service("Corso di cucito", status=Service.Status.TEMPORARILY_CLOSED)
    make_service("Corso di italiano")

    assert names("corso") == ["Corso di italiano"]
    staff = search_services("corso", language="it", include_inactive=True)
    assert sorted(service.name_it for service in staff) == ["Corso di cucito", "Corso di italiano"]


def test_an_empty_query_lists_every_service_by_name_in_the_readers_language():
    make_service("Zeta", name_en="Alpha")
    make_service("Beta")

    assert names("") == ["Beta", "Zeta"]
    assert [s.name_it for s in search_services("", language="en")] == ["Zeta", "Beta"]


@pytest.mark.parametrize(
    "query", ['"', "corso AND", "NOT", "*", "ita*", "a:b", "'; DROP TABLE x; --", "(", "---"]
)
def test_odd_queries_do_not_break_the_search(query):
    make_service("Corso di italiano")

    names(query)  # no error


def test_the_index_follows_changes_made_by_write_functions():
    service = make_service("Sportello donne")
    service.name_it = "Centro antiviolenza"
    service.save(update_fields=["name_it"])

    assert names("centro") == []  # not re-indexed yet
    search_index_update(service)
    assert names("centro") == ["Centro antiviolenza"]
    assert names("donne") == []


def test_reindex_rebuilds_the_whole_index():
    service = make_service("Sportello donne")
    Service.objects.filter(pk=service.pk).update(name_it="Centro antiviolenza")

    call_command("reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert names("antiviolenza") == ["Centro antiviolenza"]


def test_filter_by_category():
    make_service("Consultorio", categories=("health", "family"))
    make_service("Centro per l'impiego", categories=("job",))

    assert names("", category="health") == ["Consultorio"]
    assert names("centro", category="health") == []


def test_filter_by_municipality_covers_service_areas_and_locations(ottiglio):
    make_service("Anagrafe di Ottiglio", municipality="ottiglio")
    covering = make_service("Consorzio socio-assistenziale")
    covering.service_areas.set([ottiglio])
    search_index_update(covering)
    make_service("Biblioteca di Fubine", municipality="fubine-monferrato")

    assert names("", municipality="ottiglio") == [
        "Anagrafe di Ottiglio",
        "Consorzio socio-assistenziale",
    ]


def test_filter_by_language_free_and_without_documents():
    make_service("ISI STP", languages=("ar", "fr"), is_free=True, welcomes_undocumented=True)
    make_service("Patronato", languages=("ro",), is_free=True)
    make_service("Avvocato", languages=("ar",))

    assert names("", free=True) == ["ISI STP", "Patronato"]
    assert names("", without_documents=True) == ["ISI STP"]
    found = search_services("", language="it", filters=SearchFilters(language="ar"))
    assert [s.name_it for s in found] == ["Avvocato", "ISI STP"]


def test_open_now_uses_the_time_in_rome():
    make_service("Morning desk", hours=((1, "09:00", "12:00"), (1, "14:00", "17:00")))
    make_service("Tuesday desk", hours=((2, "09:00", "12:00"),))

    assert names("", open_now=True, now=MONDAY_9_30_IN_ROME) == ["Morning desk"]
    assert names("", open_now=True, now=MONDAY_12_30_IN_ROME) == []  # lunch break


def test_open_on_a_weekday_honours_seasonal_hours():
    summer = make_service("Summer school")
    Schedule.objects.create(
        service=summer,
        weekday=3,
        opens_at=dt.time(9),
        closes_at=dt.time(12),
        valid_from=dt.date(2027, 6, 1),
        valid_to=dt.date(2027, 8, 31),
    )
    search_index_update(summer)
    make_service("Wednesday desk", hours=((3, "15:00", "18:00"),))

    assert names("", weekday=3, now=MONDAY_9_30_IN_ROME) == ["Wednesday desk"]
    in_july = dt.datetime(2027, 7, 5, 8, 0, tzinfo=dt.UTC)
    assert names("", weekday=3, now=in_july) == ["Summer school", "Wednesday desk"]
    assert names("", weekday=4, now=in_july) == []


def test_a_service_without_own_hours_uses_its_locations_hours():
    service = make_service("Sportello in municipio", municipality="ottiglio")
    location = service.service_at_locations.get().location
    Schedule.objects.create(
        location=location, weekday=1, opens_at=dt.time(9), closes_at=dt.time(11)
    )
    search_index_update(service)

    assert names("", open_now=True, now=MONDAY_9_30_IN_ROME) == ["Sportello in municipio"]
    assert names("", open_now=True, now=MONDAY_12_30_IN_ROME) == []


def test_a_search_can_be_used_as_a_subquery():
    make_service("Corso di italiano")
    make_service("Corso di cucito")
    found = search_services("italiano", language="it")

    assert list(Service.objects.filter(pk__in=found.values("pk"))) == [found.get()]
    assert found.count() == 1


def test_public_ranking_in_the_index_finds_what_the_service_queryset_finds(ottiglio):
    make_service("Corso di italiano", categories=("italian-l2",), municipality="ottiglio")
    make_service("Corso di italiano serale", is_free=True, hours=((1, "18:00", "20:00"),))
    make_service("Sportello", description_it="Anche un corso di italiano", is_free=True)
    make_service("Ambulatorio STP", welcomes_undocumented=True, categories=("health",))
    cases = [
        ("corso italiano", SearchFilters()),
        ("corso", SearchFilters(free=True)),
        ("ital", SearchFilters(municipality="ottiglio")),
        ("ambulatorio", SearchFilters(without_documents=True, category="health")),
        ("corso", SearchFilters(weekday=1)),
    ]
    for query, filters in cases:
        found = public_search(query, filters=filters, now=MONDAY_9_30_IN_ROME)
        services = search_services(query, language="it", filters=filters, now=MONDAY_9_30_IN_ROME)
        assert set(found.ids) == set(services.values_list("pk", flat=True)), (query, filters)
        assert found.total == services.count() == len(found.ids) > 0
        assert not found.more and not found.at_least


def test_public_ranking_puts_names_with_every_word_first():
    make_service("Biblioteca", description_it="Corso di italiano il martedì")
    course = make_service("Corso di italiano")

    found = public_search("corso italiano")
    assert (found.ids[0], found.total) == (course.id, 2)
    assert public_search("corso italiano", window=slice(1, 2)).ids != [course.id]


def test_a_deactivated_service_leaves_the_public_results_when_reindexed():
    service = make_service("Sportello donne", is_free=True)
    service.status = Service.Status.INACTIVE
    service.save(update_fields=["status"])
    search_index_update(service)

    assert names("donne") == []
    assert public_search("donne").ids == []
    assert public_search("donne").total == 0


def test_filters_without_words_are_listed_by_name_from_the_index():
    make_service("Zeta clinic", categories=("health",), welcomes_undocumented=True)
    alpha = make_service("Alpha clinic", categories=("health",), welcomes_undocumented=True)
    make_service("Beta office", categories=("documents",), welcomes_undocumented=True)
    filters = SearchFilters(category="health", without_documents=True)

    listed = public_search("", filters=filters, language="it")
    listing = search_services("", language="it", filters=filters)
    assert listed.ids == list(listing.values_list("pk", flat=True)) == [alpha.id, listed.ids[1]]
    assert listed.total == 2


def test_a_listing_without_words_pages_by_name_in_the_readers_language():
    for name_it, name_ar in (("Delta", "ج"), ("Alfa", "د"), ("Gamma", ""), ("Beta", "أ")):
        make_service(name_it, name_ar=name_ar)

    assert public_search("", language="it", window=slice(1, 3)).ids == [
        Service.objects.get(name_it=name).pk for name in ("Beta", "Delta")
    ]
    arabic = public_search("", language="ar")
    assert [Service.objects.get(pk=pk).name_it for pk in arabic.ids] == [
        "Gamma",  # no Arabic name: sorted by its Italian one
        "Beta",
        "Delta",
        "Alfa",
    ]
    assert (arabic.total, arabic.more) == (4, False)


def test_counts_stop_at_the_limit_and_say_there_are_more(monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search, "RANK_CANDIDATES", 2)
    for number in range(5):
        make_service(f"Corso {number}", categories=("italian-l2",))
    library = make_service(
        "Biblioteca", description_it="Anche un corso di lettura", categories=("italian-l2",)
    )

    ranked = public_search("corso")
    assert (ranked.total, ranked.more) == (3, True)
    assert 0 < ranked.pageable <= 3 and len(ranked.ids) == ranked.pageable
    assert library.pk not in ranked.ids[:-1]  # names holding the word come first
    listed = public_search("", filters=SearchFilters(category="italian-l2"))
    assert (listed.total, listed.more, listed.pageable) == (3, True, 3)
    assert [Service.objects.get(pk=pk).name_it for pk in listed.ids] == [
        "Biblioteca",
        "Corso 0",
        "Corso 1",
    ]
    assert public_search("", window=slice(3, 6)).ids == []  # past the pageable results

    monkeypatch.setattr(search, "COUNT_LIMIT", 10)
    every = public_search("corso")  # few enough to rank them all
    assert (every.total, every.more, len(every.ids)) == (6, False, 6)
    assert every.ids[-1] == library.pk


def test_opening_hours_checked_on_part_of_the_matches_give_a_lower_bound(monkeypatch):
    monkeypatch.setattr(search, "HOURS_LIMIT", 2)
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search, "RANK_CANDIDATES", 1)
    for number in range(4):
        make_service(f"Corso {number}", hours=((1, "09:00", "12:00"),))
    make_service("Corso serale", hours=((1, "18:00", "20:00"),))

    for query in ("corso", ""):
        found = public_search(query, filters=SearchFilters(open_now=True), now=MONDAY_9_30_IN_ROME)
        assert found.at_least and not found.more
        assert 1 <= found.total <= 4 and found.ids


def test_staff_edits_reach_the_public_search_at_once(users):
    operator = users[Role.OPERATOR]
    service = make_service("Sportello donne", categories=("legal",), hours=((1, "09:00", "12:00"),))
    data = service_snapshot(service)
    data.update(
        name_it="Centro antiviolenza",
        categories=["health"],
        schedules=[
            {
                "weekday": 2,
                "opens_at": "09:00",
                "closes_at": "12:00",
                "valid_from": None,
                "valid_to": None,
                "notes": "",
            }
        ],
    )
    services.service_update(by=operator, service=service, data=data, expected_version=None)

    assert public_search("antiviolenza").ids == [service.pk]
    assert public_search("donne").ids == []
    assert public_search("", filters=SearchFilters(category="health")).ids == [service.pk]
    assert public_search("", filters=SearchFilters(category="legal")).ids == []
    tuesday = MONDAY_9_30_IN_ROME + dt.timedelta(days=1)
    open_now = SearchFilters(open_now=True)
    assert public_search("centro", filters=open_now, now=tuesday).ids == [service.pk]
    assert public_search("centro", filters=open_now, now=MONDAY_9_30_IN_ROME).ids == []

    services.service_set_status(by=operator, service=service, status=Service.Status.INACTIVE)
    assert public_search("antiviolenza").total == 0
    assert public_search("", filters=SearchFilters(category="health")).ids == []
    assert public_search("").ids == []


@pytest.mark.parametrize("expansion", [32, 1])
def test_a_long_prefix_finds_every_word_it_begins_among_many_matches(monkeypatch, expansion):
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)  # more matches: counted, not ranked
    monkeypatch.setattr(search, "MAX_EXPANSION", expansion)  # 1: looked up as a prefix
    centres = {
        make_service(name).pk
        for name in ("Centro per l'impiego", "Centrale operativa", "Centri estivi")
    }
    make_service("Concerto")

    found = public_search("centr")  # centro, centrale, centri: three matches
    assert (found.total, found.more, found.pageable) == (2, True, 2)
    assert set(found.ids) < centres
