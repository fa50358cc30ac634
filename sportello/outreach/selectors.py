"""Reads of the diffuse desk: the rota expanded into dated occurrences, visits and their tallies."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from sportello.accounts.models import Role, User
from sportello.outreach.languages import LANGUAGE_NAMES
from sportello.outreach.models import AnonymousContact, CalendarToken, Visit, VisitPlan
from sportello.territory.models import Municipality, Place


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


def rota_list(
    *, municipality: Municipality | None = None, include_inactive: bool = False
) -> QuerySet[VisitPlan]:
    """Rota slots for the staff list, by municipality, weekday and time."""
    plans = VisitPlan.objects.select_related("place__municipality", "operator").order_by(
        "place__municipality__name", "weekday", "starts_at", "place__name"
    )
    if municipality is not None:
        plans = plans.filter(place__municipality=municipality)
    if not include_inactive:
        plans = plans.filter(active=True)
    return plans


def visit_list(*, user: User) -> QuerySet[Visit]:
    """Visits `user` may see, newest first, each annotated with `people` (contacts counted)."""
    visits = (
        Visit.objects.select_related("place__municipality", "operator")
        .annotate(people=Count("contacts"))
        .order_by("-date", "-created_at")
    )
    if user.role != Role.COORDINATOR:
        visits = visits.filter(operator=user)
    return visits


def visit_totals(visits: QuerySet[Visit]) -> dict:
    """Number of visits, minutes and people met over `visits` (two queries)."""
    totals = visits.order_by().aggregate(count=Count("id", distinct=True), minutes=Sum("minutes"))
    people = AnonymousContact.objects.filter(visit__in=visits.order_by().values("id")).count()
    minutes = totals["minutes"] or 0
    return {
        "visits": totals["count"],
        "minutes": minutes,
        "hours": round(minutes / 60),
        "people": people,
    }


def contacts_of(visit: Visit) -> list[AnonymousContact]:
    """The people met at `visit`, each with `language_name` for display."""
    contacts = list(visit.contacts.select_related("need").order_by("id"))
    for contact in contacts:
        contact.language_name = LANGUAGE_NAMES.get(contact.language, contact.language)
    return contacts


def user_for_calendar_token(token: str) -> User | None:
    """The active operator a live calendar token belongs to, or None (unknown, revoked)."""
    if not token or len(token) > 128:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    row = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=digest, revoked_at__isnull=True)
        .first()
    )
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    user = row.user
    if not user.is_active or user.role not in (Role.OPERATOR, Role.COORDINATOR):
        return None
    return user


def has_calendar_token(user: User) -> bool:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).exists()


@dataclass(frozen=True)
class Day:
    date: dt.date
    visits: list[PlannedVisit]


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of `day`'s week."""
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return monday, monday + dt.timedelta(days=6)


def public_week(*, start: dt.date, days: int = 7, skip_empty: bool = False) -> list[Day]:
    """Everyone's planned visits day by day from `start` (days without visits left out with
    `skip_empty`), one query. For public pages: templates show places and times, never who."""
    end = start + dt.timedelta(days=days - 1)
    by_date: dict[dt.date, list[PlannedVisit]] = {}
    for item in planned_visits(None, start=start, end=end):
        by_date.setdefault(item.date, []).append(item)
    week = [
        Day(date=start + dt.timedelta(days=i), visits=by_date.get(start + dt.timedelta(days=i), []))
        for i in range(days)
    ]
    return [day for day in week if day.visits] if skip_empty else week
