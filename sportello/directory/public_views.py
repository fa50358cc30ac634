"""Public directory pages: search (plain GET, or htmx partial), results map, service, print."""

from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from sportello.accounts.access import public
from sportello.directory import public_selectors as selectors
from sportello.directory.public_forms import SearchForm
from sportello.directory.search import effective_schedules, search_services


def _language() -> str:
    language = get_language() or "it"
    return language if language in dict(settings.LANGUAGES) else "it"


def _search(request: HttpRequest, language: str):
    form = SearchForm(request.GET or None, language=language)
    query, filters = form.search()
    services = search_services(query, language=language, filters=filters)
    params = request.GET.copy()
    params.pop("page", None)
    extra = {"querystring": params.urlencode(), "filtered": bool(filters)}
    return form, (query, filters, services), extra


@public
def search(request: HttpRequest) -> HttpResponse:
    language = _language()
    form, (query, filters, services), extra = _search(request, language)
    page = selectors.result_page(
        query=query,
        filters=filters,
        services=services,
        number=request.GET.get("page"),
        language=language,
    )
    context = {
        "form": form,
        "page": page,
        "searched": bool(request.GET),
        **extra,
    }
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "directory/public/_results.html" if partial else "directory/public/search.html"
    response = render(request, template, {**context, "partial": partial})
    patch_vary_headers(response, ["HX-Request"])
    return response


@public
def results_map(request: HttpRequest) -> HttpResponse:
    language = _language()
    form, (_query, _filters, services), extra = _search(request, language)
    return render(
        request,
        "directory/public/map.html",
        {
            "form": form,
            "points": selectors.map_points(services, language=language),
            "limit": selectors.MAP_LIMIT,
            **extra,
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        },
    )


def _service_context(service_id: UUID) -> dict:
    language = _language()
    service = selectors.public_service(service_id)
    schedules = effective_schedules(service)
    locations = [sal.location for sal in service.service_at_locations.all()]
    return {
        "service": service,
        "untranslated": selectors.untranslated_fields(
            service, selectors.TRANSLATED_FIELDS, language
        ),
        "documents": [
            (document, bool(selectors.untranslated_fields(document, ["document"], language)))
            for document in service.required_documents.all()
        ],
        "hours": selectors.opening_hours(schedules, language=language),
        "open_now": selectors.is_open(schedules),
        "locations": [
            {
                "location": location,
                "address": selectors.address_line(location),
                "phones": [
                    (phone, selectors.tel_href(phone.number)) for phone in location.phones.all()
                ],
            }
            for location in locations
        ],
        "points": [
            {
                "name": location.name,
                "address": selectors.address_line(location),
                "lat": float(location.latitude),
                "lng": float(location.longitude),
            }
            for location in locations
            if location.latitude is not None and location.longitude is not None
        ],
        "phones": [(phone, selectors.tel_href(phone.number)) for phone in service.phones.all()],
        "spoken": selectors.spoken_languages(service, language),
        "checked_on": selectors.format_day(service.assured_date, language),
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
    }


@public
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render(request, "directory/public/service.html", _service_context(service_id))


@public
def service_print(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render(request, "directory/public/service_print.html", _service_context(service_id))
