"""The public, read-only Open Referral HSDS 3.0 API under /api/hsds/ (django-ninja).

Endpoints, parameters and the page envelope follow ../shared/hsds/schema/openapi.json; the
bodies come from directory/hsds.py. Only active services are shown, with what the public
directory shows about them. Texts are in the language asked with `?lang=` or, failing that,
the first public language of the Accept-Language header; Italian when none matches.
The OpenAPI description of this API is served at /api/hsds/openapi.json.
"""

import math
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError

from sportello.accounts.access import public
from sportello.directory import hsds
from sportello.directory.models import Location, Schedule, Service
from sportello.directory.search import search_services

MAX_PER_PAGE = 200

api = NinjaAPI(
    title="Sportello — Open Referral HSDS 3.0 API",
    version="3.0",
    description=(
        "The resource directory of the Sportello migrante diffuso (Ottiglio, Alfiano Natta, "
        "Villadeati, Fubine Monferrato, Vignale Monferrato) as Open Referral HSDS 3.0. "
        "Public and read-only. Add `lang=it|en|fr|ar|ro|sq` (or send Accept-Language) for "
        "texts in that language; Italian is used where no translation exists."
    ),
    urls_namespace="hsds",
    docs_url=None,
)


# --- response schemas (HSDS 3.0, optional fields left out when empty) ----------------------


class TaxonomyOut(Schema):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTermOut(Schema):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    taxonomy_detail: TaxonomyOut | None = None
    language: str | None = None
    term_uri: str | None = None


class AttributeOut(Schema):
    id: str
    link_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_term: TaxonomyTermOut | None = None
    value: str | None = None


class LanguageOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    phone_id: str | None = None
    name: str | None = None
    code: str | None = None
    note: str | None = None


class PhoneOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    organization_id: str | None = None
    number: str
    extension: int | None = None
    type: str | None = None
    description: str | None = None
    languages: list[LanguageOut] = []


class ScheduleOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    service_at_location_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    freq: str | None = None
    wkst: str | None = None
    interval: int | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None
    notes: str | None = None


class ServiceAreaOut(Schema):
    id: str
    service_id: str | None = None
    name: str | None = None
    description: str | None = None


class CostOptionOut(Schema):
    id: str
    service_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None


class RequiredDocumentOut(Schema):
    id: str
    service_id: str | None = None
    document: str | None = None
    uri: str | None = None


class ContactOut(Schema):
    id: str
    service_id: str | None = None
    organization_id: str | None = None
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None


class AddressOut(Schema):
    id: str
    location_id: str | None = None
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class AccessibilityOut(Schema):
    id: str
    location_id: str | None = None
    description: str | None = None


class LocationOut(Schema):
    id: str
    location_type: str
    url: str | None = None
    organization_id: str | None = None
    name: str | None = None
    description: str | None = None
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut] | None = None
    accessibility: list[AccessibilityOut] | None = None
    phones: list[PhoneOut] | None = None
    schedules: list[ScheduleOut] | None = None
    languages: list[LanguageOut] | None = None
    contacts: list[ContactOut] | None = None


class OrganizationOut(Schema):
    id: str
    name: str
    alternate_name: str | None = None
    description: str
    email: str | None = None
    website: str | None = None
    legal_status: str | None = None


class ServiceListOut(Schema):
    id: str
    organization_id: str | None = None
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    interpretation_services: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    alert: str | None = None
    last_modified: str | None = None
    organization: OrganizationOut | None = None


class ServiceAtLocationInServiceOut(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    description: str | None = None
    location: LocationOut | None = None
    schedules: list[ScheduleOut] | None = None
    phones: list[PhoneOut] | None = None
    contacts: list[ContactOut] | None = None


class ServiceOut(ServiceListOut):
    phones: list[PhoneOut] = []
    schedules: list[ScheduleOut] = []
    service_areas: list[ServiceAreaOut] = []
    service_at_locations: list[ServiceAtLocationInServiceOut] = []
    languages: list[LanguageOut] = []
    cost_options: list[CostOptionOut] = []
    required_documents: list[RequiredDocumentOut] = []
    contacts: list[ContactOut] = []
    attributes: list[AttributeOut] = []


class ServiceAtLocationOut(ServiceAtLocationInServiceOut):
    service: ServiceListOut | None = None


class OrganizationFullOut(OrganizationOut):
    phones: list[PhoneOut] = []
    contacts: list[ContactOut] = []
    locations: list[LocationOut] = []
    services: list[ServiceListOut] = []


class Page(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    contents: list[ServiceListOut]


class OrganizationPage(Page):
    contents: list[OrganizationOut]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocationOut]


class TaxonomyPage(Page):
    contents: list[TaxonomyOut]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTermOut]


class Root(Schema):
    version: str
    profile: str
    openapi_url: str


class Problem(Schema):
    detail: Any


# --- parameters, language and paging ------------------------------------------------------


class Paging(Schema):
    page: int = Query(1, ge=1, description="Page number, from 1.")
    per_page: int = Query(
        50, ge=1, le=MAX_PER_PAGE, description=f"Items per page, 1 to {MAX_PER_PAGE}."
    )


def api_language(request: HttpRequest, lang: str | None) -> str:
    allowed = settings.PUBLIC_LANGUAGES
    if lang is not None:
        if lang not in allowed:
            raise HttpError(422, f"lang must be one of: {', '.join(allowed)}.")
        return lang
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        primary = code.split("-")[0].lower()
        if primary in allowed:
            return primary
    return settings.LANGUAGE_CODE


@contextmanager
def speaking(request: HttpRequest, response: HttpResponse, lang: str | None) -> Iterator[str]:
    """Activate the language asked by ?lang= / Accept-Language for the body of a view."""
    language = api_language(request, lang)
    response["Content-Language"] = language
    with translation.override(language):
        yield language


def page_of(items: QuerySet | Sequence, paging: Paging, render: Callable[[Any], dict]) -> dict:
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = max(1, math.ceil(total / paging.per_page))
    start = (paging.page - 1) * paging.per_page
    # A page past the end is empty without asking the database: an offset beyond 64 bits
    # (?page=10**30) is an error in SQLite and PostgreSQL.
    window = items[start : start + paging.per_page] if start < total else []
    contents = [render(item) for item in window]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def parse_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise HttpError(404, "Not found.") from None


def in_utc(value: datetime | None) -> datetime | None:
    """A time given in the query, in UTC (a time without offset is in the site's time zone).
    Any offset Python accepts (up to ±23:59) becomes one every database accepts (PostgreSQL
    refuses offsets past ±15:59); a time whose UTC is before year 1 or after 9999 is clamped."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return (datetime.min if value.year == 1 else datetime.max).replace(tzinfo=UTC)


def listed_services(search: str) -> QuerySet[Service]:
    """Active services matching `search` (directory/search.py: full text in all languages),
    best match first; without a search, alphabetical in the active language."""
    return search_services(search, language=translation.get_language() or "it")


def responses(schema) -> dict:
    # 400: a request no client should send (a NUL character or invalid UTF-8 in the address),
    # refused before the API by core.middleware.UnreadableRequestMiddleware, in JSON here.
    return {200: schema, 400: Problem, 404: Problem, 422: Problem}


# --- endpoints -----------------------------------------------------------------------------
# Every view takes `lang` and runs inside `speaking(...)`; filters are cumulative (AND).

LANG = Query(None, description="Language of the texts: " + ", ".join(settings.PUBLIC_LANGUAGES))


@api.get("/", response=Root, url_name="root", summary="API version and profile")
def root(request: HttpRequest):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": hsds.HSDS_PROFILE,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
    }


@api.get(
    "/services",
    response=responses(ServicePage),
    exclude_none=True,
    url_name="services",
    summary="Paginated list of active services",
)
def services(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[Paging],
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
    lang: str | None = LANG,
):
    with speaking(request, response, lang):
        queryset = hsds.filter_services(
            listed_services(search),
            taxonomy_term_id=taxonomy_term_id,
            taxonomy_id=taxonomy_id,
            organization_id=organization_id,
            modified_after=in_utc(modified_after),
        ).select_related("organization")
        return page_of(queryset, paging, lambda s: hsds.service_dict(s, full=False))


@api.get(
    "/services/{id}",
    response=responses(ServiceOut),
    exclude_none=True,
    url_name="service",
    summary="A fully nested service",
)
def service(request: HttpRequest, response: HttpResponse, id: str, lang: str | None = LANG):
    with speaking(request, response, lang):
        found = hsds.with_full_service(hsds.public_services()).filter(id=parse_id(id)).first()
        if found is None:
            raise HttpError(404, "Not found.")
        return hsds.service_dict(found)


@api.get(
    "/organizations",
    response=responses(OrganizationPage),
    exclude_none=True,
    url_name="organizations",
    summary="Organizations providing active services",
)
def organizations(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[Paging],
    search: str = "",
    lang: str | None = LANG,
):
    with speaking(request, response, lang):
        queryset = hsds.public_organizations()
        needle = search.strip()
        if needle:
            queryset = queryset.filter(
                Q(name__icontains=needle) | Q(alternate_name__icontains=needle)
            )
        return page_of(queryset, paging, hsds.organization_dict)


@api.get(
    "/organizations/{id}",
    response=responses(OrganizationFullOut),
    exclude_none=True,
    url_name="organization",
    summary="An organization with its locations and services",
)
def organization(request: HttpRequest, response: HttpResponse, id: str, lang: str | None = LANG):
    with speaking(request, response, lang):
        locations = Location.objects.select_related("municipality").prefetch_related(
            *hsds.LOCATION_PREFETCH
        )
        found = (
            hsds.public_organizations()
            .filter(id=parse_id(id))
            .prefetch_related("phones", "contacts", Prefetch("locations", queryset=locations))
            .first()
        )
        if found is None:
            raise HttpError(404, "Not found.")
        services = hsds.public_services().filter(organization=found).order_by("name", "id")
        return hsds.organization_full_dict(found, list(services))


@api.get(
    "/service_at_locations",
    response=responses(ServiceAtLocationPage),
    exclude_none=True,
    url_name="service_at_locations",
    summary="Where active services are given",
)
def service_at_locations(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[Paging],
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
    lang: str | None = LANG,
):
    with speaking(request, response, lang):
        services = hsds.filter_services(
            listed_services(search),
            taxonomy_term_id=taxonomy_term_id,
            taxonomy_id=taxonomy_id,
            organization_id=organization_id,
            modified_after=in_utc(modified_after),
        )
        queryset = (
            hsds.public_service_at_locations()
            .filter(service__in=services.values("id"))
            .select_related("service", "service__organization", "location")
            .order_by("service__name", "location__name", "id")
        )
        return page_of(queryset, paging, lambda sal: hsds.service_at_location_dict(sal, full=False))


@api.get(
    "/service_at_locations/{id}",
    response=responses(ServiceAtLocationOut),
    exclude_none=True,
    url_name="service_at_location",
    summary="A service at one location, nested",
)
def service_at_location(
    request: HttpRequest, response: HttpResponse, id: str, lang: str | None = LANG
):
    with speaking(request, response, lang):
        found = (
            hsds.public_service_at_locations()
            .filter(id=parse_id(id))
            .select_related(
                "service", "service__organization", "location", "location__municipality"
            )
            .prefetch_related(
                Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")),
                *[f"location__{name}" for name in hsds.LOCATION_PREFETCH],
            )
            .first()
        )
        if found is None:
            raise HttpError(404, "Not found.")
        return hsds.service_at_location_dict(found)


@api.get(
    "/taxonomies",
    response=responses(TaxonomyPage),
    exclude_none=True,
    url_name="taxonomies",
    summary="Our taxonomies",
)
def taxonomies(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[Paging],
    search: str = "",
    lang: str | None = LANG,
):
    with speaking(request, response, lang):
        needle = search.strip().lower()
        items = [t for t in hsds.TAXONOMIES if needle in t.name.lower()]
        return page_of(items, paging, hsds.taxonomy_dict)


@api.get(
    "/taxonomies/{id}",
    response=responses(TaxonomyOut),
    exclude_none=True,
    url_name="taxonomy",
    summary="One taxonomy",
)
def taxonomy(request: HttpRequest, response: HttpResponse, id: str, lang: str | None = LANG):
    with speaking(request, response, lang):
        wanted = parse_id(id)
        for item in hsds.TAXONOMIES:
            if item.id == wanted:
                return hsds.taxonomy_dict(item)
        raise HttpError(404, "Not found.")


@api.get(
    "/taxonomy_terms",
    response=responses(TaxonomyTermPage),
    exclude_none=True,
    url_name="taxonomy_terms",
    summary="The terms of our taxonomies",
)
def taxonomy_terms(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[Paging],
    search: str = "",
    taxonomy_id: uuid.UUID | None = None,
    lang: str | None = LANG,
):
    with speaking(request, response, lang):
        terms = [hsds.taxonomy_term_dict(t) for t in hsds.all_taxonomy_terms()]
        if taxonomy_id is not None:
            terms = [t for t in terms if t["taxonomy_id"] == str(taxonomy_id)]
        needle = search.strip().lower()
        if needle:
            terms = [t for t in terms if needle in t["name"].lower() or needle in t["code"]]
        return page_of(terms, paging, lambda t: t)


@api.get(
    "/taxonomy_terms/{id}",
    response=responses(TaxonomyTermOut),
    exclude_none=True,
    url_name="taxonomy_term",
    summary="One taxonomy term",
)
def taxonomy_term(request: HttpRequest, response: HttpResponse, id: str, lang: str | None = LANG):
    with speaking(request, response, lang):
        wanted = parse_id(id)
        for term in hsds.all_taxonomy_terms():
            if term.id == wanted:
                return hsds.taxonomy_term_dict(term)
        raise HttpError(404, "Not found.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


def urls() -> tuple[list, str, str]:
    """The API's URL patterns, each view marked public for the authorization matrix."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        public(pattern.callback)
    return patterns, app_name, namespace
