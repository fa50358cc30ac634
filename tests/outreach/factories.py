"""Small builders for the outreach tests."""

import datetime as dt

from sportello.outreach.models import VisitPlan


def make_slot(place, operator, weekday, start="09:00", end="11:00", **extra) -> VisitPlan:
    return VisitPlan.objects.create(
        place=place,
        operator=operator,
        weekday=weekday,
        starts_at=dt.time.fromisoformat(start),
        ends_at=dt.time.fromisoformat(end),
        **extra,
    )
