"""Directory fixtures for the HSDS API and data-package tests (synthetic, not the demo data)."""

import datetime as dt
from decimal import Decimal

from sportello.directory import hsds, import_jobs
from sportello.directory.models import (
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.directory.search import search_index_update
from sportello.territory.models import Municipality


def make_full_service(
    name_it: str = "Corso di italiano per adulti",
    *,
    organization: Organization | None = None,
    status: str = Service.Status.ACTIVE,
    categories: tuple[str, ...] = ("italian-l2",),
    municipality: str = "ottiglio",
) -> Service:
    """An active service with every kind of related row, Arabic and English translations."""
    if organization is None:
        organization = Organization.objects.create(
            name="CPIA di prova (demo)",
            description_it="Centro per l'istruzione degli adulti.",
            description_ar="مركز تعليم الكبار.",
            email="cpia@example.org",
            website="https://cpia.example.org",
        )
    place = Municipality.objects.get(slug=municipality)
    service = Service.objects.create(
        organization=organization,
        name_it=name_it,
        name_en=f"{name_it} (EN)",
        name_ar="دورة اللغة الإيطالية للكبار",
        description_it="Lezioni di italiano, livelli A1 e A2.",
        description_ar="دروس اللغة الإيطالية، المستويات A1 و A2.",
        eligibility_description_it="Adulti stranieri.",
        application_process_it="Iscrizione in segreteria.",
        fees_description_it="Gratuito.",
        url="https://cpia.example.org/italiano",
        email="italiano@example.org",
        status=status,
        minimum_age=16,
        is_free=True,
        welcomes_undocumented=True,
        assured_date=dt.date(2025, 3, 1),
    )
    service.categories.set(TaxonomyTerm.objects.filter(code__in=categories))
    service.service_areas.set([place])
    location = Location.objects.create(
        organization=organization,
        name=f"Sede di {place.name}",
        address_1="Piazza del Municipio 1",
        city=place.name,
        postal_code=place.postal_code,
        state_province="AL",
        municipality=place,
        latitude=place.latitude,
        longitude=place.longitude + Decimal("0.001"),
        accessibility="Ingresso senza gradini.",
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location)
    Phone.objects.create(service=service, number="0142 555 0101", extension="12")
    Phone.objects.create(location=location, number="0142 555 0102", type=Phone.Type.CELL)
    for weekday, opens, closes in (
        (1, "09:00", "12:30"),
        (1, "14:00", "17:00"),
        (3, "09:00", "12:00"),
    ):
        Schedule.objects.create(
            service=service,
            weekday=weekday,
            opens_at=dt.time.fromisoformat(opens),
            closes_at=dt.time.fromisoformat(closes),
            valid_from=dt.date(2025, 9, 1),
            valid_to=dt.date(2026, 6, 30),
        )
    Schedule.objects.create(
        service_at_location=sal,
        weekday=5,
        opens_at=dt.time(10),
        closes_at=dt.time(12),
    )
    ServiceLanguage.objects.create(service=service, code="ar", name="arabo")
    ServiceLanguage.objects.create(service=service, code="it", name="italiano")
    CostOption.objects.create(service=service, option="Iscrizione", amount=Decimal("0"))
    RequiredDocument.objects.create(
        service=service, document_it="Codice fiscale", document_ar="الرمز الضريبي"
    )
    Contact.objects.create(service=service, department="Segreteria", email="segreteria@example.org")
    search_index_update(service)
    return service


def hsds_sample_kwargs(ottiglio: Municipality, *, settings, tmp_path) -> dict[str, dict]:
    """URL parameters of the HSDS API's {id} endpoints and of the import pages (for the
    authorization matrix). Import jobs are kept under tmp_path."""
    service = make_full_service(municipality=ottiglio.slug)
    settings.HSDS_IMPORTS_DIR = tmp_path / "hsds-imports"
    job = import_jobs.job_create(by=None, filename="p.json", payload=b"[]", dry_run=True)
    return {
        "datapackage:job": {"job_id": job.id},
        "datapackage:progress": {"job_id": job.id},
        "datapackage:apply": {"job_id": job.id},
        "hsds:service": {"id": service.id},
        "hsds:organization": {"id": service.organization_id},
        "hsds:service_at_location": {"id": service.service_at_locations.get().id},
        "hsds:taxonomy": {"id": hsds.CATEGORIES.id},
        "hsds:taxonomy_term": {"id": TaxonomyTerm.objects.get(code="italian-l2").id},
    }
