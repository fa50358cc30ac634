"""Reads of the courses: hours attended, completion, the register, names per consent, the
figures the indicators registry shows."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from sportello.accounts.models import User
from sportello.casework.models import Consent, Identity
from sportello.learning.access import courses_for, may_see_names
from sportello.learning.models import Attendance, Course, Enrolment, Session, session_hours


def completion_hours(course: Course) -> Decimal:
    percent = Decimal(settings.COURSE_COMPLETION_PERCENT)
    return (course.planned_hours * percent / 100).quantize(Decimal("0.01"))


def course_list(user: User) -> list[Course]:
    courses = list(
        courses_for(user)
        .select_related("place", "trainer")
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            session_count=Count("sessions", filter=Q(sessions__cancelled=False), distinct=True),
        )
    )
    return courses


@dataclass
class Learner:
    enrolment: Enrolment
    label: str  # the name (trainee, or learner with consent shown to the trainer) or the code
    code: str  # the beneficiary's code ("" for trainees)
    named: bool
    languages: list[str]
    hours: Decimal
    completed: bool

    @property
    def first_language(self) -> str:
        """The person's language for the certificate (besides Italian), if any."""
        return next((lang for lang in self.languages if lang != "it"), "")


def _consenting(enrolments: list[Enrolment]) -> set[int]:
    ids = [e.beneficiary_id for e in enrolments if e.beneficiary_id]
    return set(
        Consent.objects.filter(
            beneficiary_id__in=ids,
            purpose=Consent.Purpose.COURSE_IDENTITY,
            withdrawn_at__isnull=True,
        ).values_list("beneficiary_id", flat=True)
    )


def _hours_by_enrolment(course: Course) -> dict[int, Decimal]:
    hours: dict[int, Decimal] = {}
    rows = Attendance.objects.filter(
        session__course=course, session__cancelled=False, present=True
    ).values_list("enrolment_id", "session__starts_at", "session__ends_at")
    for enrolment_id, starts_at, ends_at in rows:
        hours[enrolment_id] = hours.get(enrolment_id, Decimal(0)) + session_hours(
            starts_at, ends_at
        )
    return hours


def learners(user: User, course: Course) -> list[Learner]:
    """Everyone enrolled, with hours attended and completion; names only where allowed."""
    enrolments = list(course.enrolments.select_related("beneficiary"))
    show_names = may_see_names(user, course)
    consenting = _consenting(enrolments) if show_names else set()
    identities = {
        identity.beneficiary_id: identity
        for identity in Identity.objects.filter(beneficiary_id__in=consenting)
    }
    hours = _hours_by_enrolment(course)
    needed = completion_hours(course)
    result = []
    for enrolment in enrolments:
        b = enrolment.beneficiary
        if b is None:
            label, code, named, languages = enrolment.name, "", True, enrolment.languages
        else:
            identity = identities.get(b.pk)
            name = (
                f"{identity.first_name} {identity.family_name}".strip()
                if identity and b.erased_at is None
                else ""
            )
            label, code, named, languages = name or b.code, b.code, bool(name), b.languages
        attended = hours.get(enrolment.pk, Decimal(0))
        result.append(
            Learner(
                enrolment=enrolment,
                label=label,
                code=code,
                named=named,
                languages=list(languages or []),
                hours=attended,
                completed=attended >= needed,
            )
        )
    return result


def sessions_of(course: Course) -> list[Session]:
    return list(
        course.sessions.annotate(present=Count("attendances", filter=Q(attendances__present=True)))
    )


def hours_held(course: Course, *, today: dt.date | None = None) -> Decimal:
    today = today or timezone.localdate()
    return sum(
        (s.hours for s in course.sessions.filter(cancelled=False, date__lte=today)), Decimal(0)
    )


def present_ids(session: Session) -> set[int]:
    return set(session.attendances.filter(present=True).values_list("enrolment_id", flat=True))


# --- figures for the indicators registry (whole project, not per municipality) ---------------
# A fixed number of queries whatever the data: the dashboard's query count must not grow.


def _l2_lessons(start: dt.date, end: dt.date) -> list[tuple[dt.time, dt.time, int, int]]:
    """Each Italian L2 lesson held in the period: (start, end, learners enrolled, present)."""
    end = min(end, timezone.localdate())
    enrolled = (
        Enrolment.objects.filter(course=OuterRef("course"))
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    present = (
        Attendance.objects.filter(session=OuterRef("pk"), present=True)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Session.objects.filter(
            cancelled=False,
            date__gte=start,
            date__lte=end,
            course__kind=Course.Kind.ITALIAN_L2,
        )
        .annotate(
            enrolled=Coalesce(Subquery(enrolled), 0), present_count=Coalesce(Subquery(present), 0)
        )
        .values_list("starts_at", "ends_at", "enrolled", "present_count")
    )


def l2_hours_held(start: dt.date, end: dt.date) -> Decimal:
    """Hours of Italian L2 lessons held between start and end (cancelled ones excluded)."""
    return sum((session_hours(a, b) for a, b, _n, _p in _l2_lessons(start, end)), Decimal(0))


def l2_attendance(start: dt.date, end: dt.date) -> tuple[int, int]:
    """(presences, places): presences over enrolled learners × L2 lessons held in the period."""
    lessons = _l2_lessons(start, end)
    return sum(p for *_x, p in lessons), sum(n for _a, _b, n, _p in lessons)


def operators_trained(start: dt.date, end: dt.date) -> int:
    """Trainees of operator-training courses ending in the period who attended at least the
    completion share of the planned hours (one query)."""
    rows = Attendance.objects.filter(
        present=True,
        session__cancelled=False,
        session__course__kind=Course.Kind.OPERATOR_TRAINING,
        session__course__ends_on__gte=start,
        session__course__ends_on__lte=end,
    ).values_list(
        "enrolment_id", "session__starts_at", "session__ends_at", "session__course__planned_hours"
    )
    hours: dict[int, Decimal] = {}
    planned: dict[int, Decimal] = {}
    for enrolment_id, starts_at, ends_at, planned_hours in rows:
        hours[enrolment_id] = hours.get(enrolment_id, Decimal(0)) + session_hours(
            starts_at, ends_at
        )
        planned[enrolment_id] = planned_hours
    percent = Decimal(settings.COURSE_COMPLETION_PERCENT) / 100
    return sum(1 for e, h in hours.items() if h >= (planned[e] * percent).quantize(Decimal("0.01")))
