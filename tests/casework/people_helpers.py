"""Helpers for the people tests: a second operator, people with an invented identity, services to
suggest, and a dump of every text in the database (for the erasure tests)."""

import datetime as dt

from django.conf import settings
from django.db import connection
from django.test import Client

from sportello.accounts.models import Role, User
from sportello.casework import services
from sportello.casework.models import Consent
from sportello.casework.services import IdentityData
from sportello.directory.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.territory.models import Municipality
from tests.conftest import make_user, sign_in

NAME = ("Zenobia", "Quintessenza Demo")
PHONE = "+39 000 000 4321"
NOTE = "Preferisce il mattino: nota di prova unica"


def other_operator() -> User:
    return make_user("operatore2", Role.OPERATOR)


def english(client: Client) -> Client:
    """Staff pages in English, so assertions on texts survive the Italian catalogue."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signed_in(user: User) -> Client:
    return english(sign_in(Client(), user))


def person(by: User, *, identity: bool = False, **profile):
    """A person; with `identity`, an invented name and phone (and the consent to be called that a
    phone number needs)."""
    fields = {"gender": "female", "year_of_birth": 1990, **profile}
    data = IdentityData(first_name=NAME[0], family_name=NAME[1], phone=PHONE) if identity else None
    consents = [Consent.Purpose.CONTACT_BY_PHONE] if identity else []
    return services.beneficiary_create(by=by, identity=data, consents=consents, **fields)


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


def service(
    name: str,
    category: str,
    *,
    municipality: Municipality | None = None,
    lat: str | None = None,
    lng: str | None = None,
    languages: tuple[str, ...] = (),
    free: bool = False,
    without_documents: bool = False,
    hours: bool = True,
    checked: dt.date | None = None,
    status: str = Service.Status.ACTIVE,
    areas: tuple[Municipality, ...] = (),
) -> Service:
    created = Service.objects.create(
        organization=Organization.objects.create(name=f"Ente {name}"),
        name_it=name,
        is_free=free,
        welcomes_undocumented=without_documents,
        assured_date=checked,
        status=status,
    )
    created.categories.set([term(category)])
    created.service_areas.set(areas)
    if municipality is not None or lat is not None:
        location = Location.objects.create(
            name=f"Sede {name}",
            municipality=municipality,
            latitude=lat if lat is not None else (municipality.latitude if municipality else None),
            longitude=lng
            if lng is not None
            else (municipality.longitude if municipality else None),
        )
        ServiceAtLocation.objects.create(service=created, location=location)
    for code in languages:
        ServiceLanguage.objects.create(service=created, code=code, name=code)
    if hours:
        Schedule.objects.create(
            service=created, weekday=1, opens_at=dt.time(9), closes_at=dt.time(12)
        )
    return created


def database_text() -> str:
    """Every value of every column of every table, as one string (a database 'dump')."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    parts.append(str(value))
    return "\n".join(parts)
