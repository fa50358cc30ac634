"""Our directory as Open Referral HSDS 3.0 objects (../shared/hsds, docs/hsds.md).

One mapping serves the JSON API (api.py), the nested JSON export and the tabular data package
(datapackage.py), so the three always agree. Functions return plain dicts in the HSDS shape,
with empty optional values left out (HSDS types them as strings or numbers, never null).

Texts are read in the active language (django-modeltranslation falls back to Italian): wrap a
call in `translation.override(code)` to get another language.

Ids: our objects keep their UUIDs as HSDS ids. HSDS objects we store inside another row (a
location's address and accessibility, a service's areas and attributes) get stable ids derived
from their parent with uuid5, so that an export imported twice updates instead of duplicating.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sportello.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/v3.0/"

# Fixed namespace for the ids we derive (never change it: exported ids depend on it).
NAMESPACE = uuid.UUID("6f1d2c1e-3b1a-4d7e-9a55-5b0c2e7f9a10")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # Schedule.weekday 1..7


def derived_id(parent: uuid.UUID | str, kind: str) -> uuid.UUID:
    return uuid.uuid5(uuid.UUID(str(parent)), kind)


@dataclass(frozen=True)
class Taxonomy:
    id: uuid.UUID
    name: str
    description: Any
    version: str = "1"


CATEGORIES = Taxonomy(
    id=uuid.uuid5(NAMESPACE, "taxonomy:categories"),
    name="Sportello — needs and services",
    description=_(
        "The desk's single list of needs and service categories: the same terms classify "
        "what a person needs and what a service offers."
    ),
)
PROPERTIES = Taxonomy(
    id=uuid.uuid5(NAMESPACE, "taxonomy:properties"),
    name="Sportello — service properties",
    description=_("Yes/no facts about a service, given as attributes with the value “true”."),
)
TAXONOMIES = [CATEGORIES, PROPERTIES]


@dataclass(frozen=True)
class PropertyTerm:
    """A yes/no field of Service published as an HSDS attribute."""

    field: str
    code: str
    name: Any
    description: Any
    link_type: str

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"term:{self.code}")


PROPERTY_TERMS = [
    PropertyTerm(
        field="welcomes_undocumented",
        code="welcomes-undocumented",
        name=_("Welcomes people without a residence permit or documents"),
        description=_(
            "The service can be used without a residence permit or identity documents "
            "(e.g. an STP clinic). A property of the service, never of a person."
        ),
        link_type="eligibility",
    ),
    PropertyTerm(
        field="is_free",
        code="free-of-charge",
        name=_("Free of charge"),
        description=_("Using the service costs nothing."),
        link_type="cost",
    ),
]
CATEGORY_LINK_TYPE = "service_category"


def _clean(data: dict, keep: tuple[str, ...] = ()) -> dict:
    """Leave out empty optional values; `keep` names required fields kept even when empty."""
    return {k: v for k, v in data.items() if k in keep or v not in (None, "")}


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _time(value) -> str:
    return value.strftime("%H:%M:%S")


def _datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _language_of(obj, field: str) -> str:
    """The language the text of `field` is actually in (the active one, or Italian)."""
    language = translation.get_language() or "it"
    if getattr(obj, f"{field}_{language}", None):
        return language
    return "it"


# --- reads ---------------------------------------------------------------------------------


def public_services() -> QuerySet[Service]:
    """What the public directory and the API show: active services only."""
    return Service.objects.filter(status=Service.Status.ACTIVE)


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(id__in=public_services().values("organization_id")).order_by(
        "name", "id"
    )


def public_service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__status=Service.Status.ACTIVE)


LOCATION_PREFETCH = ["phones", "schedules"]


def with_full_service(queryset: QuerySet[Service]) -> QuerySet[Service]:
    """Everything a full HSDS service needs, in a fixed number of queries."""
    return queryset.select_related("organization").prefetch_related(
        "phones",
        Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at", "id")),
        "languages",
        "cost_options",
        "required_documents",
        "contacts",
        Prefetch("categories", queryset=TaxonomyTerm.objects.order_by("position", "code")),
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__municipality"
            ).order_by("location__name", "id"),
        ),
        "service_at_locations__schedules",
        *[f"service_at_locations__location__{name}" for name in LOCATION_PREFETCH],
    )


def filter_services(
    queryset: QuerySet[Service],
    *,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[Service]:
    """The HSDS list filters, cumulative (AND); subqueries, so no duplicate rows."""
    categories = Service.categories.through.objects.filter(service=OuterRef("pk"))
    if taxonomy_term_id is not None:
        prop = next((t for t in PROPERTY_TERMS if t.id == taxonomy_term_id), None)
        if prop is not None:
            queryset = queryset.filter(**{prop.field: True})
        else:
            queryset = queryset.filter(Exists(categories.filter(taxonomyterm_id=taxonomy_term_id)))
    if taxonomy_id is not None:
        if taxonomy_id == CATEGORIES.id:
            queryset = queryset.filter(Exists(categories))
        elif taxonomy_id == PROPERTIES.id:
            any_property = Q()
            for term in PROPERTY_TERMS:
                any_property |= Q(**{term.field: True})
            queryset = queryset.filter(any_property)
        else:
            queryset = queryset.none()
    if organization_id is not None:
        queryset = queryset.filter(organization_id=organization_id)
    if modified_after is not None:
        queryset = queryset.filter(last_modified__gte=modified_after)
    return queryset


# --- taxonomy ------------------------------------------------------------------------------


def taxonomy_dict(taxonomy: Taxonomy) -> dict:
    return {
        "id": str(taxonomy.id),
        "name": taxonomy.name,
        "description": str(taxonomy.description),
        "version": taxonomy.version,
    }


def taxonomy_term_dict(term: TaxonomyTerm | PropertyTerm) -> dict:
    if isinstance(term, PropertyTerm):
        taxonomy, language = PROPERTIES, translation.get_language() or "it"
    else:
        taxonomy, language = CATEGORIES, _language_of(term, "name")
    return _clean(
        {
            "id": str(term.id),
            "code": term.code,
            "name": str(term.name),
            "description": _text(term.description),
            "taxonomy": taxonomy.name,
            "taxonomy_id": str(taxonomy.id),
            "taxonomy_detail": taxonomy_dict(taxonomy),
            "language": language,
        },
        keep=("description",),
    )


def all_taxonomy_terms() -> list[TaxonomyTerm | PropertyTerm]:
    return [*TaxonomyTerm.objects.order_by("position", "code"), *PROPERTY_TERMS]


def service_attributes(service: Service) -> list[dict]:
    attributes = [
        {
            "id": str(derived_id(service.id, f"category:{term.code}")),
            "link_id": str(service.id),
            "link_type": CATEGORY_LINK_TYPE,
            "link_entity": "service",
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": taxonomy_term_dict(term),
        }
        for term in service.categories.all()
    ]
    attributes += [
        {
            "id": str(derived_id(service.id, f"property:{prop.code}")),
            "link_id": str(service.id),
            "link_type": prop.link_type,
            "link_entity": "service",
            "taxonomy_term_id": str(prop.id),
            "taxonomy_term": taxonomy_term_dict(prop),
            "value": "true",
        }
        for prop in PROPERTY_TERMS
        if getattr(service, prop.field)
    ]
    return attributes


# --- small objects -------------------------------------------------------------------------


def phone_dict(phone: Phone) -> dict:
    extension = phone.extension.strip()
    return _clean(
        {
            "id": str(phone.id),
            "service_id": _text(phone.service_id),
            "location_id": _text(phone.location_id),
            "organization_id": _text(phone.organization_id),
            "number": phone.number,
            "extension": int(extension) if extension.isdigit() else None,
            "type": phone.type,
            "description": phone.description,
            "languages": [],
        },
        keep=("number",),
    )


def schedule_dict(schedule: Schedule) -> dict:
    return _clean(
        {
            "id": str(schedule.id),
            "service_id": _text(schedule.service_id),
            "location_id": _text(schedule.location_id),
            "service_at_location_id": _text(schedule.service_at_location_id),
            "valid_from": _date(schedule.valid_from),
            "valid_to": _date(schedule.valid_to),
            "freq": "WEEKLY",
            "wkst": "MO",
            "interval": 1,
            "byday": WEEKDAYS[schedule.weekday - 1],
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "description": str(schedule),
            "notes": schedule.notes,
        }
    )


def address_dict(location: Location) -> dict | None:
    if not (location.address_1 or location.city):
        return None
    city = location.city or (location.municipality.name if location.municipality_id else "")
    return {
        "id": str(derived_id(location.id, "address")),
        "location_id": str(location.id),
        "address_1": location.address_1,
        "city": city,
        "state_province": location.state_province,
        "postal_code": location.postal_code,
        "country": location.country,
        "address_type": "postal" if location.location_type == Location.Type.POSTAL else "physical",
    }


def accessibility_dict(location: Location) -> dict | None:
    if not location.accessibility:
        return None
    return {
        "id": str(derived_id(location.id, "accessibility")),
        "location_id": str(location.id),
        "description": location.accessibility,
    }


def location_dict(location: Location, *, full: bool = True) -> dict:
    data = _clean(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "url": location.url,
            "organization_id": _text(location.organization_id),
            "name": location.name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": _number(location.latitude),
            "longitude": _number(location.longitude),
        },
        keep=("location_type",),
    )
    if full:
        address = address_dict(location)
        accessibility = accessibility_dict(location)
        data["addresses"] = [address] if address else []
        data["accessibility"] = [accessibility] if accessibility else []
        data["phones"] = [phone_dict(p) for p in location.phones.all()]
        data["schedules"] = [schedule_dict(s) for s in location.schedules.all()]
        data["languages"] = []
        data["contacts"] = []
    return data


def organization_dict(organization: Organization) -> dict:
    return _clean(
        {
            "id": str(organization.id),
            "name": organization.name,
            "alternate_name": organization.alternate_name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "legal_status": organization.legal_status,
        },
        keep=("description",),
    )


def organization_full_dict(organization: Organization, services: list[Service]) -> dict:
    data = organization_dict(organization)
    data["phones"] = [phone_dict(p) for p in organization.phones.all()]
    data["contacts"] = [contact_dict(c) for c in organization.contacts.all()]
    data["locations"] = [location_dict(loc) for loc in organization.locations.all()]
    data["services"] = [service_dict(s, full=False, with_organization=False) for s in services]
    return data


def contact_dict(contact) -> dict:
    return _clean(
        {
            "id": str(contact.id),
            "service_id": _text(contact.service_id),
            "organization_id": _text(contact.organization_id),
            "name": contact.name,
            "title": contact.title,
            "department": contact.department,
            "email": contact.email,
        }
    )


# --- services ------------------------------------------------------------------------------


def service_dict(service: Service, *, full: bool = True, with_organization: bool = True) -> dict:
    data = _clean(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "alert": service.alert,
            "last_modified": _datetime(service.last_modified),
        }
    )
    if with_organization:
        data["organization"] = organization_dict(service.organization)
    if not full:
        return data
    data["phones"] = [phone_dict(p) for p in service.phones.all()]
    data["schedules"] = [schedule_dict(s) for s in service.schedules.all()]
    data["service_areas"] = [
        {
            "id": str(derived_id(service.id, f"service_area:{m.slug}")),
            "service_id": str(service.id),
            "name": m.name,
            "description": str(_("Municipality of %(name)s") % {"name": m.name}),
        }
        for m in sorted(service.service_areas.all(), key=lambda m: m.name)
    ]
    data["service_at_locations"] = [
        service_at_location_dict(sal, with_service=False)
        for sal in service.service_at_locations.all()
    ]
    data["languages"] = [
        _clean(
            {
                "id": str(lang.id),
                "service_id": str(service.id),
                "name": lang.name,
                "code": lang.code,
                "note": lang.note,
            }
        )
        for lang in service.languages.all()
    ]
    data["cost_options"] = [
        _clean(
            {
                "id": str(cost.id),
                "service_id": str(service.id),
                "valid_from": _date(cost.valid_from),
                "valid_to": _date(cost.valid_to),
                "option": cost.option,
                "currency": cost.currency,
                "amount": _number(cost.amount),
                "amount_description": cost.amount_description,
            }
        )
        for cost in service.cost_options.all()
    ]
    data["required_documents"] = [
        _clean(
            {
                "id": str(doc.id),
                "service_id": str(service.id),
                "document": doc.document,
                "uri": doc.uri,
            }
        )
        for doc in service.required_documents.all()
    ]
    data["contacts"] = [contact_dict(c) for c in service.contacts.all()]
    data["attributes"] = service_attributes(service)
    return data


def service_at_location_dict(
    sal: ServiceAtLocation, *, with_service: bool = True, full: bool = True
) -> dict:
    data = _clean(
        {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "description": sal.description,
        }
    )
    data["location"] = location_dict(sal.location, full=full)
    if full:
        data["schedules"] = [schedule_dict(s) for s in sal.schedules.all()]
        data["phones"] = []
        data["contacts"] = []
    if with_service:
        data["service"] = service_dict(sal.service, full=False)
    return data
