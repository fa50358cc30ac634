"""Writes of the casework app. Every function is keyword-only, runs in a transaction and writes
an audit row naming the object by type and code only (never personal data)."""

from dataclasses import dataclass

from django.db import transaction

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit_object
from sportello.casework.models import Beneficiary, Identity
from sportello.core.crypto import blind_index
from sportello.territory.models import Municipality

# ---------------------------------------------------------------------------------------------
# People: beneficiaries and identities (helper-6)
# ---------------------------------------------------------------------------------------------

NAME_INDEX = "name"
PHONE_INDEX = "phone"


def full_name_index(first_name: str, family_name: str) -> str:
    """Blind index of the normalised full name ("first family"); empty when both are empty."""
    return blind_index(f"{first_name} {family_name}", purpose=NAME_INDEX)


def phone_digits(phone: str) -> str:
    """Digits only, a leading + kept (00 read as +): '+39 333 12-34' → '+393331234'."""
    phone = phone.strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("00"):
        return "+" + digits[2:]
    return ("+" if phone.startswith("+") else "") + digits


def phone_index(phone: str) -> str:
    return blind_index(phone_digits(phone), purpose=PHONE_INDEX)


@dataclass(frozen=True)
class IdentityData:
    first_name: str = ""
    family_name: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not any([self.first_name, self.family_name, self.phone, self.email])


def _write_identity(beneficiary: Beneficiary, data: IdentityData) -> Identity | None:
    identity = Identity.objects.filter(beneficiary=beneficiary).first()
    if data.is_empty():
        if identity is not None:
            identity.delete()
        return None
    identity = identity or Identity(beneficiary=beneficiary)
    identity.first_name = data.first_name.strip()
    identity.family_name = data.family_name.strip()
    identity.phone = data.phone.strip()
    identity.email = data.email.strip()
    identity.name_index = full_name_index(identity.first_name, identity.family_name)
    identity.phone_index = phone_index(identity.phone) if identity.phone else ""
    identity.save()
    return identity


@transaction.atomic
def beneficiary_create(
    *,
    by: User,
    gender: str,
    year_of_birth: int | None = None,
    citizenship: str = "",
    languages: list[str] | None = None,
    municipality: Municipality | None = None,
    generation: str = Beneficiary.Generation.UNKNOWN,
    arrival_year: int | None = None,
    identity: IdentityData | None = None,
    operators: list[User] | None = None,
) -> Beneficiary:
    """Register a person under a new pseudonymous code. Identity is optional; when given it is
    stored encrypted with blind indexes of the normalised full name and of the phone digits.
    The creating operator follows the person unless `operators` says otherwise."""
    beneficiary = Beneficiary(
        gender=gender,
        year_of_birth=year_of_birth,
        citizenship=citizenship.upper(),
        languages=sorted(set(languages or [])),
        municipality=municipality,
        generation=generation,
        arrival_year=arrival_year,
        created_by=by,
    )
    while Beneficiary.objects.filter(code=beneficiary.code).exists():  # 31^6 codes: rare
        beneficiary.code = Beneficiary._meta.get_field("code").get_default()
    beneficiary.full_clean()
    beneficiary.save()
    if operators is None:
        operators = [by] if by.role == "operator" else []
    beneficiary.operators.set(operators)
    if identity is not None:
        _write_identity(beneficiary, identity)
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=beneficiary)
    return beneficiary
