"""The public HSDS 3.0 API (/api/hsds/): every answer validates against the official schemas."""

import datetime as dt
import uuid

import pytest
from django.test import Client

from sportello.directory import hsds
from sportello.directory.models import Organization, Service, TaxonomyTerm
from tests.directory.hsds_data import make_full_service
from tests.directory.hsds_schema import assert_valid, assert_valid_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> Client:
    return Client()


@pytest.fixture
def service(ottiglio) -> Service:
    return make_full_service()


def get(api: Client, url: str, **headers) -> dict:
    response = api.get(url, headers=headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_root_gives_the_version_the_profile_and_where_the_openapi_file_is(api):
    root = get(api, "/api/hsds/")
    assert root["version"] == "3.0"
    assert root["profile"].startswith("https://")
    assert root["openapi_url"] == "http://testserver/api/hsds/openapi.json"

    openapi = get(api, "/api/hsds/openapi.json")
    for path in (
        "/api/hsds/services",
        "/api/hsds/services/{id}",
        "/api/hsds/organizations",
        "/api/hsds/organizations/{id}",
        "/api/hsds/service_at_locations",
        "/api/hsds/service_at_locations/{id}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomies/{id}",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/taxonomy_terms/{id}",
    ):
        assert path in openapi["paths"]
    parameters = {p["name"] for p in openapi["paths"]["/api/hsds/services"]["get"]["parameters"]}
    assert {"search", "page", "per_page", "taxonomy_term_id", "organization_id"} <= parameters
    assert {"modified_after", "lang"} <= parameters


def test_a_full_service_validates_and_carries_hours_languages_areas_and_properties(api, service):
    data = get(api, f"/api/hsds/services/{service.id}")

    assert_valid(data, "compiled/service.json")
    assert data["name"] == "Corso di italiano per adulti"
    assert data["organization"]["name"] == "CPIA di prova (demo)"
    hours = {(s["byday"], s["opens_at"], s["closes_at"]) for s in data["schedules"]}
    assert hours == {
        ("MO", "09:00:00", "12:30:00"),
        ("MO", "14:00:00", "17:00:00"),
        ("WE", "09:00:00", "12:00:00"),
    }
    assert {s["freq"] for s in data["schedules"]} == {"WEEKLY"}
    assert data["schedules"][0]["valid_from"] == "2025-09-01"
    assert data["schedules"][0]["valid_to"] == "2026-06-30"
    assert sorted(lang["code"] for lang in data["languages"]) == ["ar", "it"]
    assert [area["name"] for area in data["service_areas"]] == ["Ottiglio"]
    assert [p["number"] for p in data["phones"]] == ["0142 555 0101"]
    assert data["phones"][0]["extension"] == 12
    (sal,) = data["service_at_locations"]
    assert sal["location"]["addresses"][0]["city"] == "Ottiglio"
    assert sal["location"]["addresses"][0]["state_province"] == "AL"
    assert sal["location"]["phones"][0]["number"] == "0142 555 0102"
    assert [s["byday"] for s in sal["schedules"]] == ["FR"]
    terms = {a["taxonomy_term"]["code"]: a for a in data["attributes"]}
    assert set(terms) == {"italian-l2", "welcomes-undocumented", "free-of-charge"}
    assert terms["welcomes-undocumented"]["value"] == "true"
    assert terms["italian-l2"]["taxonomy_term"]["taxonomy"] == "Sportello — needs and services"


def test_the_service_list_shows_active_services_only(api, service):
    for status in ("inactive", "defunct", "temporarily closed"):
        make_full_service(f"Servizio {status}", status=status)

    page = get(api, "/api/hsds/services")

    assert_valid_page(page, "compiled/service_list.json")
    assert [s["name"] for s in page["contents"]] == ["Corso di italiano per adulti"]
    assert page["total_items"] == 1


def test_unknown_or_inactive_ids_are_not_found(api, service):
    closed = make_full_service("Servizio chiuso", status=Service.Status.DEFUNCT)
    for url in (
        f"/api/hsds/services/{uuid.uuid4()}",
        "/api/hsds/services/not-a-uuid",
        f"/api/hsds/services/{closed.id}",
        f"/api/hsds/organizations/{closed.organization_id}",
        f"/api/hsds/service_at_locations/{closed.service_at_locations.get().id}",
        f"/api/hsds/taxonomies/{uuid.uuid4()}",
        f"/api/hsds/taxonomy_terms/{uuid.uuid4()}",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found."}


def test_texts_come_in_the_language_asked_with_fallback_to_italian(api, service):
    arabic = get(api, f"/api/hsds/services/{service.id}?lang=ar")
    assert arabic["name"] == "دورة اللغة الإيطالية للكبار"
    assert arabic["description"].startswith("دروس اللغة الإيطالية")
    assert arabic["eligibility_description"] == "Adulti stranieri."  # not translated: Italian
    assert arabic["required_documents"][0]["document"] == "الرمز الضريبي"
    category = next(a for a in arabic["attributes"] if a["taxonomy_term"]["code"] == "italian-l2")
    assert category["taxonomy_term"]["name"] == "اللغة الإيطالية"
    assert category["taxonomy_term"]["language"] == "ar"

    response = Client().get(f"/api/hsds/services/{service.id}", headers={"accept-language": "ar"})
    assert response.json()["name"] == "دورة اللغة الإيطالية للكبار"
    assert response["Content-Language"] == "ar"

    english = get(api, "/api/hsds/services?lang=en")
    assert english["contents"][0]["name"] == "Corso di italiano per adulti (EN)"
    french = get(api, f"/api/hsds/services/{service.id}?lang=fr")
    assert french["name"] == "Corso di italiano per adulti"


def test_pages_have_the_hsds_envelope(api, ottiglio):
    organization = Organization.objects.create(name="Ente")
    for n in range(5):
        make_full_service(f"Servizio {n}", organization=organization)

    first = get(api, "/api/hsds/services?per_page=2")
    last = get(api, "/api/hsds/services?per_page=2&page=3")
    beyond = get(api, "/api/hsds/services?per_page=2&page=4")

    assert first | {"contents": []} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "contents": [],
    }
    assert [s["name"] for s in first["contents"]] == ["Servizio 0", "Servizio 1"]
    assert (last["size"], last["last_page"], last["first_page"]) == (1, True, False)
    assert [s["name"] for s in last["contents"]] == ["Servizio 4"]
    assert (beyond["empty"], beyond["size"], beyond["contents"]) == (True, 0, [])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=two", "page"),
        ("per_page=0", "per_page"),
        ("per_page=1000", "per_page"),
        ("modified_after=yesterday", "modified_after"),
        ("taxonomy_term_id=health", "taxonomy_term_id"),
        ("organization_id=42", "organization_id"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_message(api, query, parameter):
    response = api.get(f"/api/hsds/services?{query}")

    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", parameter]
    assert problem["msg"]


def test_an_unknown_language_is_refused(api):
    response = api.get("/api/hsds/services?lang=de")

    assert response.status_code == 422
    assert response.json() == {"detail": "lang must be one of: it, en, fr, ar, ro, sq."}


def test_filters_are_cumulative(api, ottiglio):
    cpia = Organization.objects.create(name="CPIA")
    asl = Organization.objects.create(name="ASL")
    italian = make_full_service("Italiano A1", organization=cpia)
    make_full_service("Consultorio", organization=asl, categories=("health", "family"))
    Service.objects.filter(pk=italian.pk).update(welcomes_undocumented=False)
    health = TaxonomyTerm.objects.get(code="health")
    undocumented = hsds.PROPERTY_TERMS[0]

    def names(query: str) -> list[str]:
        return [s["name"] for s in get(api, f"/api/hsds/services?{query}")["contents"]]

    assert names(f"taxonomy_term_id={health.id}") == ["Consultorio"]
    assert names(f"taxonomy_term_id={undocumented.id}") == ["Consultorio"]
    assert names(f"organization_id={cpia.id}") == ["Italiano A1"]
    assert names(f"organization_id={cpia.id}&taxonomy_term_id={health.id}") == []
    assert names(f"taxonomy_id={hsds.CATEGORIES.id}") == ["Consultorio", "Italiano A1"]
    assert names("search=consultorio") == ["Consultorio"]
    arabic = get(api, "/api/hsds/services?search=consultorio&lang=ar")["contents"]
    assert [s["name"] for s in arabic] == ["دورة اللغة الإيطالية للكبار"]  # the Arabic name

    Service.objects.filter(pk=italian.pk).update(
        last_modified=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    assert names("modified_after=2024-01-01T00:00:00Z") == ["Consultorio"]
    assert names("modified_after=2024-01-01") == ["Consultorio"]


def test_organizations_list_those_with_active_services(api, service):
    make_full_service("Servizio chiuso", status=Service.Status.INACTIVE)

    page = get(api, "/api/hsds/organizations")
    assert_valid_page(page, "compiled/organization_list.json")
    assert [o["name"] for o in page["contents"]] == ["CPIA di prova (demo)"]

    full = get(api, f"/api/hsds/organizations/{service.organization_id}?lang=ar")
    assert_valid(full, "compiled/organization.json")
    assert full["description"] == "مركز تعليم الكبار."
    assert [s["name"] for s in full["services"]] == ["دورة اللغة الإيطالية للكبار"]
    assert full["locations"][0]["addresses"][0]["postal_code"] == "15038"


def test_service_at_locations_validate_and_filter(api, service):
    other = make_full_service("Consultorio", categories=("health",))

    page = get(api, "/api/hsds/service_at_locations")
    assert_valid_page(page, "compiled/service_at_location_list.json")
    assert page["total_items"] == 2
    health = TaxonomyTerm.objects.get(code="health")
    only = get(api, f"/api/hsds/service_at_locations?taxonomy_term_id={health.id}")
    assert [item["service_id"] for item in only["contents"]] == [str(other.id)]

    sal = service.service_at_locations.get()
    full = get(api, f"/api/hsds/service_at_locations/{sal.id}?lang=ar")
    assert_valid(full, "compiled/service_at_location.json")
    assert full["service"]["name"] == "دورة اللغة الإيطالية للكبار"
    assert full["location"]["name"] == "Sede di Ottiglio"


def test_our_taxonomy_is_published_with_its_terms(api):
    taxonomies = get(api, "/api/hsds/taxonomies")
    assert_valid_page(taxonomies, "taxonomy.json")
    assert [t["name"] for t in taxonomies["contents"]] == [
        "Sportello — needs and services",
        "Sportello — service properties",
    ]
    assert_valid(get(api, f"/api/hsds/taxonomies/{hsds.CATEGORIES.id}"), "taxonomy.json")

    terms = get(api, f"/api/hsds/taxonomy_terms?taxonomy_id={hsds.CATEGORIES.id}&lang=ar")
    assert_valid_page(terms, "taxonomy_term.json")
    assert terms["total_items"] == 14
    assert terms["contents"][0]["code"] == "italian-l2"
    assert terms["contents"][0]["name"] == "اللغة الإيطالية"
    assert "sensitive" not in terms["contents"][0]

    health = TaxonomyTerm.objects.get(code="health")
    term = get(api, f"/api/hsds/taxonomy_terms/{health.id}?lang=en")
    assert_valid(term, "taxonomy_term.json")
    assert term["name"] == "Health access"
    prop = get(api, f"/api/hsds/taxonomy_terms/{hsds.PROPERTY_TERMS[1].id}")
    assert prop["code"] == "free-of-charge"


def test_lists_take_a_fixed_number_of_queries(api, ottiglio, django_assert_max_num_queries):
    organization = Organization.objects.create(name="Ente")
    for n in range(12):
        make_full_service(f"Servizio {n}", organization=organization)
    service = Service.objects.first()

    with django_assert_max_num_queries(6):
        assert get(api, "/api/hsds/services?per_page=50")["size"] == 12
    with django_assert_max_num_queries(6):
        assert get(api, "/api/hsds/service_at_locations")["size"] == 12
    with django_assert_max_num_queries(20):
        get(api, f"/api/hsds/services/{service.id}")
    with django_assert_max_num_queries(12):
        assert len(get(api, f"/api/hsds/organizations/{organization.id}")["services"]) == 12


# Found by the API fuzzing (tests/test_api_fuzz.py): each was a server error.


@pytest.mark.parametrize("endpoint", ["services", "organizations", "service_at_locations"])
def test_a_page_far_past_the_end_is_empty_not_an_error(api, service, endpoint):
    # The offset used to reach the database: beyond 64 bits it is an error there.
    page = get(api, f"/api/hsds/{endpoint}?page={10**30}")
    assert (page["empty"], page["contents"], page["page_number"]) == (True, [], 10**30)


@pytest.mark.parametrize("offset", ["-17:25", "%2B23:59"])
def test_modified_after_takes_any_offset_python_takes(api, service, offset):
    # PostgreSQL refuses UTC offsets past 15:59 that Python (and the schema) accepts.
    for endpoint in ("services", "service_at_locations"):
        page = get(api, f"/api/hsds/{endpoint}?modified_after=2000-06-05T18:45:39{offset}")
        assert page["total_items"] == 1
    assert get(api, "/api/hsds/services?modified_after=0001-01-01T00:00:00")["total_items"] == 1
    assert get(api, "/api/hsds/services?modified_after=9999-12-31T23:59:59-23:00")["empty"]


def test_a_nul_character_is_refused_in_json_as_the_schema_says(api, service):
    # It used to reach PostgreSQL, which refuses NUL in text (a 500); core.middleware now refuses
    # the request, and for the API in JSON with a status the OpenAPI schema documents.
    openapi = get(api, "/api/hsds/openapi.json")
    for endpoint in ("services", "organizations", "taxonomies", "taxonomy_terms"):
        response = api.get(f"/api/hsds/{endpoint}?search=ab%00c")
        assert response.status_code == 400
        assert response.json() == {"detail": "Bad request."}
        assert "400" in openapi["paths"][f"/api/hsds/{endpoint}"]["get"]["responses"]
    assert api.get("/api/hsds/organizations?search=ab%1Fc").status_code == 200
