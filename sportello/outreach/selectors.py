"""Reads of the diffuse desk: the rota expanded into dated occurrences, visits and their tallies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sportello.accounts.models import User
from sportello.outreach.models import VisitPlan
from sportello.territory.models import Place


@dataclass(frozen=True)
class PlannedVisit:
    """One dated occurrence of a rota slot (a `VisitPlan` on a given day)."""

    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    place: Place  # with `municipality` loaded
    operator_id: int
    plan: VisitPlan

    @property
    def start(self) -> dt.datetime:
        """Naive local start (Europe/Rome wall-clock time); make it aware where needed."""
        return dt.datetime.combine(self.date, self.starts_at)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.ends_at)


def active_plans(*, operator: User | None = None) -> QuerySet[VisitPlan]:
    """Active rota slots at active places, with place, municipality and operator loaded."""
    plans = VisitPlan.objects.filter(active=True, place__active=True).select_related(
        "place__municipality", "operator"
    )
    if operator is not None:
        plans = plans.filter(operator=operator)
    return plans


def planned_visits(
    operator: User | None = None,
    *,
    start: dt.date,
    end: dt.date,
) -> list[PlannedVisit]:
    """The operator's calendar: every active rota slot expanded into dated occurrences.

    `start` and `end` are both **inclusive** dates. A slot occurs on each date in the range whose
    ISO weekday (Monday = 1 … Sunday = 7) equals `VisitPlan.weekday`, provided the date lies within
    the slot's `valid_from` / `valid_to` (either may be empty = open-ended). Deactivated slots and
    slots at deactivated places never occur. `operator=None` gives everyone's visits (the public
    "where is the operator this week" page; the coordinator's overview).

    Returns `PlannedVisit` items sorted by date, start time, place name; each carries `place` (with
    `place.municipality`), `operator_id` and the source `plan` (with `plan.operator`). One query,
    whatever the range.

        from sportello.outreach.selectors import planned_visits
        today = timezone.localdate()
        for item in planned_visits(request.user, start=today, end=today):
            item.place.name, item.starts_at, item.ends_at
    """
    if end < start:
        return []
    plans = list(
        active_plans(operator=operator).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        )
    )
    by_weekday: dict[int, list[VisitPlan]] = {}
    for plan in plans:
        by_weekday.setdefault(plan.weekday, []).append(plan)

    occurrences: list[PlannedVisit] = []
    day = start
    while day <= end:
        for plan in by_weekday.get(day.isoweekday(), ()):
            if plan.valid_from and day < plan.valid_from:
                continue
            if plan.valid_to and day > plan.valid_to:
                continue
            occurrences.append(
                PlannedVisit(
                    date=day,
                    starts_at=plan.starts_at,
                    ends_at=plan.ends_at,
                    place=plan.place,
                    operator_id=plan.operator_id,
                    plan=plan,
                )
            )
        day += dt.timedelta(days=1)
    occurrences.sort(key=lambda o: (o.date, o.starts_at, o.place.name))
    return occurrences


def current_planned_visit(operator: User, *, at: dt.datetime) -> PlannedVisit | None:
    """The operator's planned visit of the moment on `at`'s day (local time): the slot running
    now, else the next one today, else the last one that ended today; None on a day off."""
    today = planned_visits(operator, start=at.date(), end=at.date())
    now = at.time()
    for item in today:
        if item.starts_at <= now < item.ends_at:
            return item
    upcoming = [item for item in today if item.starts_at > now]
    if upcoming:
        return upcoming[0]
    return today[-1] if today else None
