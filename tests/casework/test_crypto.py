"""Identities are encrypted at rest and found only through the blind index."""

from django.db import connection

from sportello.casework.models import Beneficiary, Identity
from sportello.core import crypto


def test_identity_columns_hold_no_plaintext(db):
    person = Beneficiary.objects.create(gender="female", year_of_birth=1990)
    Identity.objects.create(
        beneficiary=person,
        first_name="Amina",
        family_name="El Idrissi",
        phone="0142 555 017",
        name_index=crypto.blind_index("Amina El Idrissi", purpose="name"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, family_name, phone, name_index FROM casework_identity")
        row = cursor.fetchone()
    raw = " ".join(row)
    assert "Amina" not in raw
    assert "Idrissi" not in raw
    # The whole number: a bare "555" can occur by chance in the random ciphertext or index.
    assert "0142 555 017" not in raw
    assert "0142555017" not in raw
    assert Identity.objects.get().first_name == "Amina"


def test_the_blind_index_ignores_case_accents_and_spacing_but_not_the_name():
    same = {
        crypto.blind_index(name, purpose="name")
        for name in ("Ámina  el idrissi", "AMINA EL IDRISSI", " amina el idrissi ")
    }
    assert len(same) == 1
    assert crypto.blind_index("Amina El Idrisi", purpose="name") not in same
    # The same text for another purpose gives another index: phones and names never collide.
    assert crypto.blind_index("Amina El Idrissi", purpose="phone") not in same
