"""Sample objects for the authorization matrix: a person followed by the operator, with a path,
a sent referral (and its live one-time link), a follow-up, an intake and a place's intake link."""

import datetime as dt

from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework import services
from sportello.casework.models import Beneficiary, Consent, FollowUp, Intake, Path
from sportello.directory.models import TaxonomyTerm


def tutoring_sample_kwargs(users, place, service) -> dict:
    operator = users[Role.OPERATOR]
    person = Beneficiary.objects.create(gender="female", languages=["ar"])
    person.operators.set([operator])
    path = Path.objects.create(
        beneficiary=person, operator=operator, start_date=dt.date(2026, 1, 5)
    )
    Consent.objects.create(
        beneficiary=person,
        purpose=Consent.Purpose.SHARE_WITH_SERVICE,
        service=service,
        text_version="test",
        given_at=timezone.now(),
        recorded_by=operator,
    )
    referral = services.referral_create(by=operator, path=path, service=service)
    token = services.referral_send(by=operator, referral=referral)
    follow_up = FollowUp.objects.create(
        beneficiary=person, path=path, operator=operator, due_date=timezone.localdate()
    )
    term = TaxonomyTerm.objects.first()
    intake = Intake.objects.create(
        place=place, sender_name="x", how_to_reach="y", need=term, person_agreed=True
    )
    link, link_token = services.intake_link_create(by=operator, place=place)
    by_person = {"code": person.code}
    return {
        "tutoring:person_paths": by_person,
        "tutoring:path_create": by_person,
        "tutoring:referral_create": by_person,
        "tutoring:followup_create": by_person,
        **{
            name: {"code": path.code}
            for name in [
                "tutoring:path_detail",
                "tutoring:path_edit",
                "tutoring:path_close",
                "tutoring:goal_add",
                "tutoring:goal_achieved",
            ]
        },
        **{
            name: {"code": referral.code}
            for name in [
                "tutoring:referral_detail",
                "tutoring:referral_send",
                "tutoring:referral_state",
                "tutoring:referral_link",
                "tutoring:referral_slip",
            ]
        },
        "tutoring:followup_done": {"code": follow_up.code},
        "tutoring:intake_detail": {"code": intake.code},
        "tutoring:intake_accept": {"code": intake.code},
        "tutoring:intake_dismiss": {"code": intake.code},
        "tutoring:intake_link_revoke": {"code": link.code},
        "links:provider": {"token": token},
        "links:intake": {"token": link_token},
    }
