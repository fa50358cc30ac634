"""The raw figures behind the indicators: a fixed number of aggregate queries per period,
whatever the size of the data (GROUP BY in the database, never a loop over rows).

Every count is kept by municipality (the project's five; anything else or unknown is "other"),
so a filter or a breakdown by municipality is a sum in Python, not another query.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone

from sportello.casework.models import (
    Beneficiary,
    Encounter,
    FollowUp,
    Need,
    Path,
    Referral,
)
from sportello.casework.selectors import still_followed
from sportello.directory.models import TaxonomyTerm
from sportello.indicators.countries import citizenship_group
from sportello.outreach.models import AnonymousContact, Visit
from sportello.territory.models import Municipality, Project

OTHER = "other"  # municipality outside the project, or not recorded


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def current_project() -> Project | None:
    return (
        Project.objects.select_related("lead_municipality")
        .prefetch_related("partner_municipalities", "targets")
        .order_by("-start_date")
        .first()
    )


def project_municipalities() -> list[Municipality]:
    return list(Municipality.objects.filter(projects__isnull=False).distinct().order_by("name"))


def age_band(year_of_birth: int | None, on: dt.date) -> str:
    """The age band at the end of the period, from the year of birth only."""
    if not year_of_birth:
        return "unknown"
    age = on.year - year_of_birth
    for limit, band in ((13, "0-13"), (17, "14-17"), (29, "18-29"), (49, "30-49"), (64, "50-64")):
        if age <= limit:
            return band
    return "65+"


@dataclass
class Figures:
    """Exact counts for one period; keys start with the municipality slug (or OTHER)."""

    period: Period
    people: Counter = field(default_factory=Counter)  # (m, gender, age, citizenship, generation)
    people_months: Counter = field(default_factory=Counter)  # (month, m) distinct per month
    in_path: Counter = field(default_factory=Counter)  # m
    paths: Counter = field(default_factory=Counter)  # (m, state at the period's end)
    needs: Counter = field(default_factory=Counter)  # (m, category code)
    encounters: Counter = field(default_factory=Counter)  # (m, referral source)
    encounter_months: Counter = field(default_factory=Counter)  # (month, m)
    referrals: Counter = field(default_factory=Counter)  # (m, category code, state)
    referral_months: Counter = field(default_factory=Counter)  # (month, m)
    days_to_received: Counter = field(default_factory=Counter)  # (m, days)
    days_to_completed: Counter = field(default_factory=Counter)  # (m, days)
    visits: Counter = field(default_factory=Counter)  # (m, place kind)
    visit_minutes: Counter = field(default_factory=Counter)  # m
    visit_months: Counter = field(default_factory=Counter)  # (month, m)
    follow_ups: Counter = field(default_factory=Counter)  # (m, on_time | late | not_done)


def _municipality_keys() -> dict[int | None, str]:
    return {m.pk: m.slug for m in Municipality.objects.filter(projects__isnull=False)}


def _first_category():
    return Subquery(
        TaxonomyTerm.objects.filter(services=OuterRef("service"))
        .order_by("position", "code")
        .values("code")[:1]
    )


def _month(field: str):
    """'YYYY-MM' of a date column: a native string function, not a Python function per row
    (SQLite's TruncMonth is one), which matters at a million encounters."""
    return Substr(Cast(field, output_field=CharField()), 1, 7)


def _month_start(key) -> dt.date:
    if isinstance(key, str):
        year, month = key.split("-")[:2]
        return dt.date(int(year), int(month), 1)
    return key.date() if isinstance(key, dt.datetime) else key


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def moments(period: Period) -> dict:
    """A filter on a timestamp for the local days of the period, as plain comparisons (a
    `__date` lookup would convert every row in Python on SQLite)."""
    return {"gte": _day_start(period.start), "lt": _day_start(period.end + dt.timedelta(days=1))}


def _local_month(field: str, period: Period):
    """The local month of a timestamp as 'YYYY-MM', from comparisons with each month's start."""
    whens = []
    day = period.start.replace(day=1)
    while day <= period.end:
        following = (day + dt.timedelta(days=32)).replace(day=1)
        whens.append(When(**{f"{field}__lt": _day_start(following)}, then=Value(f"{day:%Y-%m}")))
        day = following
    return Case(*whens, default=Value(""), output_field=CharField())


class ElapsedDays(Func):
    """Whole days (24-hour periods) from `earlier` to `later`, computed by the database."""

    output_field = IntegerField()

    def __init__(self, later: str, earlier: str):
        super().__init__(F(later), F(earlier))

    def _parts(self, compiler):
        later, later_params = compiler.compile(self.source_expressions[0])
        earlier, earlier_params = compiler.compile(self.source_expressions[1])
        return later, earlier, (*later_params, *earlier_params)

    def as_sqlite(self, compiler, connection, **extra):
        later, earlier, params = self._parts(compiler)
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)", params

    def as_postgresql(self, compiler, connection, **extra):
        later, earlier, params = self._parts(compiler)
        return f"FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400)::integer", params


def figures_for(period: Period, *, municipalities: list[Municipality] | None = None) -> Figures:
    """All the counts of a period: 20 aggregate queries (19 with `municipalities` given)."""
    muni = (
        {m.pk: m.slug for m in municipalities}
        if municipalities is not None
        else _municipality_keys()
    )

    def m(pk) -> str:
        return muni.get(pk, OTHER)

    start, end = period.start, period.end
    f = Figures(period=period)
    dates = {"date__range": (start, end)}

    # People reached: (a) people followed with an encounter in the period, each once;
    # (b) anonymous contacts counted during visits; (c) encounters that stayed anonymous.
    met = Encounter.objects.filter(beneficiary=OuterRef("pk"), **dates)
    for row in (
        Beneficiary.objects.filter(Exists(met))
        .values("municipality", "gender", "year_of_birth", "citizenship", "generation")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (
            m(row["municipality"]),
            row["gender"] or "not_stated",
            age_band(row["year_of_birth"], end),
            citizenship_group(row["citizenship"]),
            row["generation"] or "unknown",
        )
        f.people[key] += row["n"]
    for row in (
        AnonymousContact.objects.filter(visit__date__range=(start, end))
        .values("visit__place__municipality", "gender", "age_band")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (
            m(row["visit__place__municipality"]),
            row["gender"] or "not_stated",
            row["age_band"] or "unknown",
            "not_recorded",
            "unknown",
        )
        f.people[key] += row["n"]
    anonymous = Encounter.objects.filter(beneficiary__isnull=True, **dates)
    for row in (
        anonymous.values("place__municipality", "gender", "age_band")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (
            m(row["place__municipality"]),
            row["gender"] or "not_stated",
            row["age_band"] or "unknown",
            "not_recorded",
            "unknown",
        )
        f.people[key] += row["n"]

    # People reached per month (a person counts once in each month they were met).
    for row in (
        Encounter.objects.filter(beneficiary__isnull=False, **dates)
        .annotate(month=_month("date"))
        .values("month", "beneficiary__municipality")
        .annotate(n=Count("beneficiary", distinct=True))
        .order_by()
    ):
        f.people_months[(_month_start(row["month"]), m(row["beneficiary__municipality"]))] += row[
            "n"
        ]
    for row in (
        AnonymousContact.objects.filter(visit__date__range=(start, end))
        .annotate(month=_month("visit__date"))
        .values("month", "visit__place__municipality")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.people_months[(_month_start(row["month"]), m(row["visit__place__municipality"]))] += row[
            "n"
        ]
    for row in (
        anonymous.annotate(month=_month("date"))
        .values("month", "place__municipality")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.people_months[(_month_start(row["month"]), m(row["place__municipality"]))] += row["n"]

    # Integration paths under way at some time in the period (proposed ones are not yet paths).
    overlapping = Path.objects.filter(start_date__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    overlapping = overlapping.exclude(status=Path.Status.PROPOSED)
    in_path = overlapping.filter(beneficiary=OuterRef("pk"))
    for row in (
        Beneficiary.objects.filter(Exists(in_path))
        .values("municipality")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.in_path[m(row["municipality"])] += row["n"]
    state = Case(
        When(status=Path.Status.COMPLETED, closed_on__lte=end, then=Value("completed")),
        When(status=Path.Status.INTERRUPTED, closed_on__lte=end, then=Value("interrupted")),
        default=Value("open"),
        output_field=CharField(),
    )
    for row in (
        overlapping.annotate(state=state)
        .values("beneficiary__municipality", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.paths[(m(row["beneficiary__municipality"]), row["state"])] += row["n"]

    # Needs expressed: recorded for people followed, and the main need of anonymous contacts
    # and anonymous encounters.
    for row in (
        Need.objects.filter(**{f"created_at__{op}": v for op, v in moments(period).items()})
        .values("beneficiary__municipality", "category__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.needs[(m(row["beneficiary__municipality"]), row["category__code"])] += row["n"]
    for row in (
        AnonymousContact.objects.filter(visit__date__range=(start, end), need__isnull=False)
        .values("visit__place__municipality", "need__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.needs[(m(row["visit__place__municipality"]), row["need__code"])] += row["n"]
    for row in (
        Encounter.needs.through.objects.filter(
            encounter__beneficiary__isnull=True, encounter__date__range=(start, end)
        )
        .values("encounter__place__municipality", "taxonomyterm__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (m(row["encounter__place__municipality"]), row["taxonomyterm__code"])
        f.needs[key] += row["n"]

    # Encounters: by who pointed the person to the desk; the person's municipality, else the
    # place's.
    encounters = Encounter.objects.filter(**dates).annotate(
        muni=Coalesce("beneficiary__municipality", "place__municipality")
    )
    for row in encounters.values("muni", "referral_source").annotate(n=Count("pk")).order_by():
        f.encounters[(m(row["muni"]), row["referral_source"])] += row["n"]
    for row in (
        encounters.annotate(month=_month("date"))
        .values("month", "muni")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.encounter_months[(_month_start(row["month"]), m(row["muni"]))] += row["n"]

    # Referrals made in the period: their state now, and the category of the need (else the
    # service's first category).
    referrals = Referral.objects.filter(
        **{f"created_at__{op}": v for op, v in moments(period).items()}
    )
    for row in (
        referrals.annotate(category=Coalesce("need__category__code", _first_category()))
        .values("path__beneficiary__municipality", "category", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (m(row["path__beneficiary__municipality"]), row["category"] or "other", row["state"])
        f.referrals[key] += row["n"]
    for row in (
        referrals.annotate(month=_local_month("created_at", period))
        .values("month", "path__beneficiary__municipality")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        month = _month_start(row["month"])
        f.referral_months[(month, m(row["path__beneficiary__municipality"]))] += row["n"]
    for target, field_name, filters in (
        (f.days_to_received, "received_at", {"received_at__isnull": False}),
        (f.days_to_completed, "closed_at", {"state": Referral.State.COMPLETED}),
    ):
        for row in (
            referrals.filter(sent_at__isnull=False, **filters)
            .annotate(days=ElapsedDays(field_name, "sent_at"))
            .values("path__beneficiary__municipality", "days")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            days = int(row["days"] or 0)
            target[(m(row["path__beneficiary__municipality"]), max(days, 0))] += row["n"]

    # Visits of the diffuse desk, by the place's municipality and kind, and their time.
    visits = Visit.objects.filter(**dates)
    for row in (
        visits.values("place__municipality", "place__kind")
        .annotate(n=Count("pk"), minutes=Sum("minutes"))
        .order_by()
    ):
        f.visits[(m(row["place__municipality"]), row["place__kind"])] += row["n"]
        f.visit_minutes[m(row["place__municipality"])] += row["minutes"] or 0
    for row in (
        visits.annotate(month=_month("date"))
        .values("month", "place__municipality")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.visit_months[(_month_start(row["month"]), m(row["place__municipality"]))] += row["n"]

    # Follow-ups due in the period: done on time, done late, not done (yet). A follow-up not done
    # of a person who withdrew their consent to follow-up is no longer due: it cannot be done.
    outcome = Case(
        When(done_on__isnull=True, then=Value("not_done")),
        When(done_on__lte=F("due_date"), then=Value("on_time")),
        default=Value("late"),
        output_field=CharField(),
    )
    for row in (
        FollowUp.objects.filter(due_date__range=(start, end))
        .exclude(Q(done_on__isnull=True) & ~still_followed("beneficiary_id"))
        .annotate(outcome=outcome)
        .values("beneficiary__municipality", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        f.follow_ups[(m(row["beneficiary__municipality"]), row["outcome"])] += row["n"]
    return f


def busy_years(after: dt.date) -> set[int]:
    """Calendar years after `after` with any encounter or visit recorded (two small queries)."""
    years = {d.year for d in Encounter.objects.filter(date__gt=after).dates("date", "year")}
    years |= {d.year for d in Visit.objects.filter(date__gt=after).dates("date", "year")}
    return years
