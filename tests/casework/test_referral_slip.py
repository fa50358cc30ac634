"""The printable referral slip: in the person's language (Arabic right-to-left), with the service's
name, address, hours and what to bring, and the person's code — never their name."""

import pytest

from sportello.accounts.models import AuditEvent, Role
from sportello.casework import services
from sportello.casework.selectors import slip_data, slip_language
from tests.casework.tutoring_helpers import (
    FAMILY_NAME,
    FIRST_NAME,
    a_service,
    open_path,
    pdf_fonts,
    pdf_text,
    person,
    share_consent,
    signed_in,
)


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


def sent_referral(operator, languages):
    someone = person(operator, languages=languages)
    service = a_service()
    referral = services.referral_create(
        by=operator, path=open_path(operator, someone), service=service
    )
    share_consent(someone, service, operator)
    services.referral_send(by=operator, referral=referral)
    return referral


def test_the_slip_of_an_arabic_speaker_is_in_arabic(operator, tmp_path):
    referral = sent_referral(operator, ["ar", "fr"])
    response = signed_in(operator).get(f"/app/referrals/{referral.code}/slip.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert b"/Lang(ar)" in pdf
    text = pdf_text(pdf, tmp_path)
    # Arabic glyphs set with the Arabic font. (Text extraction cannot give Arabic words back in
    # order — the font draws letters and their dots as separate glyphs — so count letters.)
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 30
    assert "NotoSansArabic" in pdf_fonts(pdf, tmp_path)
    assert "09:00–12:00" in text  # hours read left to right, 24-hour clock
    assert referral.path.beneficiary.code in text
    assert "Via Roma 45" in text
    assert "Codice fiscale" in text  # what to bring
    assert "Corso di italiano di prova" in text  # the Italian name too, to show at the desk
    assert FIRST_NAME not in text and FAMILY_NAME not in text


def test_the_arabic_slip_names_the_days_and_the_service_in_arabic(operator):
    referral = sent_referral(operator, ["ar"])
    data = slip_data(referral, "ar")
    assert data["lang"] == "ar"
    assert data["hours"][0]["days"] == [["الاثنين", "09:00–12:00"]]
    assert data["service"] == "دورة اللغة الإيطالية"
    assert data["service_it"] == "Corso di italiano di prova"
    assert data["code"] == referral.path.beneficiary.code


def test_the_slip_language_is_the_first_public_language_of_the_person(operator):
    someone = person(operator, languages=["wo", "ro", "ar"])
    assert slip_language(someone) == "ro"
    assert slip_language(person(operator, languages=["wo"])) == "it"


def test_another_language_can_be_chosen_and_the_export_is_audited(operator, tmp_path):
    referral = sent_referral(operator, ["ar"])
    response = signed_in(operator).get(f"/app/referrals/{referral.code}/slip.pdf?lang=it")
    text = pdf_text(response.content, tmp_path)
    assert "Lunedì" in text
    assert AuditEvent.objects.filter(
        action="export", object_code=str(referral.code), detail="slip it"
    ).exists()


def test_an_unknown_language_is_not_found(operator):
    referral = sent_referral(operator, ["ar"])
    client = signed_in(operator)
    assert client.get(f"/app/referrals/{referral.code}/slip.pdf?lang=xx").status_code == 404
