"""Small directory fixtures for the search and public-page tests (not the demo data)."""

import datetime as dt
from decimal import Decimal

from sportello.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.directory.search import search_index_update
from sportello.territory.models import Municipality


def make_service(
    name_it: str,
    *,
    description_it: str = "",
    categories: tuple[str, ...] = (),
    municipality: str = "",
    languages: tuple[str, ...] = (),
    hours: tuple[tuple[int, str, str], ...] = (),
    organization: Organization | None = None,
    **fields,
) -> Service:
    """A service with the given texts and related rows, indexed for search."""
    if organization is None:
        organization, _ = Organization.objects.get_or_create(name="Ente di prova")
    service = Service.objects.create(
        organization=organization, name_it=name_it, description_it=description_it, **fields
    )
    service.categories.set(TaxonomyTerm.objects.filter(code__in=categories))
    if municipality:
        place = Municipality.objects.get(slug=municipality)
        location = Location.objects.create(
            name=f"Sede di {name_it}",
            address_1="Piazza del Municipio 1",
            city=place.name,
            postal_code=place.postal_code,
            state_province="AL",
            municipality=place,
            latitude=place.latitude,
            longitude=place.longitude + Decimal("0.001"),
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    for code in languages:
        ServiceLanguage.objects.create(service=service, code=code, name=code)
    for weekday, opens, closes in hours:
        Schedule.objects.create(
            service=service,
            weekday=weekday,
            opens_at=dt.time.fromisoformat(opens),
            closes_at=dt.time.fromisoformat(closes),
        )
    search_index_update(service)
    return service
