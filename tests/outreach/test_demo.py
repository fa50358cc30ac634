"""The demo rota and visits: every municipality weekly, visits in the project period and lately."""

import datetime as dt

from django.utils import timezone

from sportello.accounts.models import User
from sportello.core.demo import load_places, load_users
from sportello.outreach.demo import PROJECT_END, PROJECT_START, load_outreach
from sportello.outreach.models import AnonymousContact, Visit, VisitPlan
from sportello.outreach.selectors import planned_visits
from sportello.territory.models import Municipality


def load(db):
    load_places()
    load_users()
    load_outreach()


def test_each_municipality_is_visited_every_week(db):
    load(db)
    operator = User.objects.get(username="operatore")
    week = planned_visits(operator, start=dt.date(2011, 10, 3), end=dt.date(2011, 10, 9))
    project = Municipality.objects.filter(projects__isnull=False).distinct()
    assert {v.place.municipality.slug for v in week} == {m.slug for m in project}
    today = timezone.localdate()
    assert planned_visits(operator, start=today, end=today + dt.timedelta(days=6))


def test_visits_cover_the_project_period_and_the_last_weeks(db):
    load(db)
    visits = Visit.objects.all()
    in_project = visits.filter(date__range=(PROJECT_START, PROJECT_END)).count()
    weeks = (PROJECT_END - PROJECT_START).days / 7
    assert 3 * weeks <= in_project <= 5 * weeks
    recent = visits.filter(date__gte=timezone.localdate() - dt.timedelta(weeks=8))
    assert recent.count() >= 16
    contacts = AnonymousContact.objects.filter(visit__date__lte=PROJECT_END)
    assert contacts.count() >= 150  # with the people followed, the seed's target of people reached
    assert {c.language for c in contacts} >= {"ar", "ro", "sq", "fr", "en", "es", "zh", "uk"}
    assert contacts.values("need").distinct().count() >= 12
    # Old visits are no longer correctable: they were recorded on their day.
    oldest = visits.order_by("date").first()
    assert timezone.localdate(oldest.created_at) == oldest.date


def test_loading_twice_changes_nothing(db):
    load(db)
    counts = (VisitPlan.objects.count(), Visit.objects.count(), AnonymousContact.objects.count())
    load_outreach()
    assert counts == (
        VisitPlan.objects.count(),
        Visit.objects.count(),
        AnonymousContact.objects.count(),
    )
