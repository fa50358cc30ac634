"""Sample objects for the authorization matrix (people pages): a person followed by the operator,
one of their needs, and an anonymous encounter of the operator."""

from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework import services
from sportello.casework.models import ReferralSource
from sportello.directory.models import TaxonomyTerm

PEOPLE_URLS_WITH_CODE = [
    "casework:person",
    "casework:person_identity",
    "casework:person_edit",
    "casework:note_add",
    "casework:consent_add",
    "casework:consent_withdraw",
    "casework:need_create",
    "casework:person_encounter_create",
    "casework:person_transfer",
    "casework:person_export",
    "casework:person_export_json",
    "casework:person_export_pdf",
    "casework:person_erase",
]


def people_sample_kwargs(users) -> dict:
    operator = users[Role.OPERATOR]
    person = services.beneficiary_create(by=operator, gender="female", year_of_birth=1990)
    need = services.need_create(
        by=operator, beneficiary=person, category=TaxonomyTerm.objects.get(code="italian-l2")
    )
    encounter = services.encounter_create(
        by=operator, date=timezone.localdate(), referral_source=ReferralSource.SELF
    )
    return {
        **{name: {"code": person.code} for name in PEOPLE_URLS_WITH_CODE},
        "casework:need": {"code": person.code, "need": need.code},
        "casework:need_pick": {"code": person.code, "need": need.code},
        "casework:encounter_link": {"encounter": encounter.code},
    }
