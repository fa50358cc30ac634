"""Helpers for the tutoring tests (paths, referrals, follow-ups, intakes, the day)."""

import datetime as dt
import shutil
import subprocess

from django.test import Client
from django.utils import timezone

from sportello.accounts.models import Role, User
from sportello.casework import services
from sportello.casework.models import Beneficiary, Consent, Identity, Path
from sportello.directory.models import (
    Location,
    Organization,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from sportello.territory.models import Municipality
from tests.conftest import make_user, sign_in

FIRST_NAME = "Zenobia"
FAMILY_NAME = "Quintessenza Demo"
NOTE = "Parla arabo; preferisce il mattino (nota di prova)"


def english_client() -> Client:
    """Pages in English (the msgids), so the tests do not depend on the translations."""
    return Client(headers={"accept-language": "en"})


def signed_in(user: User) -> Client:
    return sign_in(english_client(), user)


def second_operator() -> User:
    return make_user("operatore2", Role.OPERATOR)


def person(operator: User, *, languages=("ar",), identity: bool = True) -> Beneficiary:
    someone = Beneficiary.objects.create(
        gender="female", year_of_birth=1990, languages=list(languages)
    )
    someone.operators.set([operator])
    if identity:
        Identity.objects.create(beneficiary=someone, first_name=FIRST_NAME, family_name=FAMILY_NAME)
    return someone


def open_path(operator: User, someone: Beneficiary, **extra) -> Path:
    fields = {"start_date": timezone.localdate() - dt.timedelta(days=10), **extra}
    return services.path_create(by=operator, beneficiary=someone, **fields)


def a_service(name: str = "Corso di italiano di prova", category: str = "italian-l2") -> Service:
    service = Service.objects.create(
        organization=Organization.objects.create(name="CPIA di prova"),
        name_it=name,
        name_ar="دورة اللغة الإيطالية",
    )
    service.categories.set([TaxonomyTerm.objects.get(code=category)])
    location = Location.objects.create(
        name="Sede di prova",
        address_1="Via Roma 45",
        city="Casale Monferrato",
        postal_code="15033",
        municipality=Municipality.objects.get(slug="ottiglio"),
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(service=service, weekday=1, opens_at=dt.time(9), closes_at=dt.time(12))
    RequiredDocument.objects.create(service=service, document_it="Codice fiscale")
    return service


def share_consent(someone: Beneficiary, service: Service, by: User) -> Consent:
    return Consent.objects.create(
        beneficiary=someone,
        purpose=Consent.Purpose.SHARE_WITH_SERVICE,
        service=service,
        text_version="test",
        given_at=timezone.now(),
        recorded_by=by,
    )


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text in logical order (pdftotext -raw), whitespace collapsed."""
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed"
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
