"""Sample objects for the authorization matrix: a rota slot, a visit (recorded today, so it can be
corrected) and a live calendar link, all belonging to the operator."""

import datetime as dt

from django.utils import timezone

from sportello.accounts.models import Role
from sportello.outreach import services
from sportello.outreach.models import Visit, VisitPlan


def outreach_sample_kwargs(users, place) -> dict:
    operator = users[Role.OPERATOR]
    plan = VisitPlan.objects.create(
        place=place, operator=operator, weekday=1, starts_at=dt.time(9), ends_at=dt.time(11)
    )
    visit = Visit.objects.create(
        date=timezone.localdate(), place=place, operator=operator, minutes=60
    )
    token = services.calendar_token_create(user=operator)
    return {
        "outreach:rota_edit": {"code": plan.code},
        "outreach:rota_deactivate": {"code": plan.code},
        "outreach:visit_detail": {"code": visit.code},
        "outreach:visit_edit": {"code": visit.code},
        "ical:feed": {"token": token},
    }
