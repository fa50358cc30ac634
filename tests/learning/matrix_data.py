"""Sample objects for the authorization matrix: an operator-training course taught by the
trainer of the test users, with one session, one trainee who completed it and a selection."""

import datetime as dt
from decimal import Decimal

from sportello.accounts.models import Role
from sportello.learning.models import Attendance, Course, Enrolment, Selection, Session


def learning_sample_kwargs(users, place) -> dict:
    course = Course.objects.create(
        kind=Course.Kind.OPERATOR_TRAINING,
        title="Formazione di prova",
        planned_hours=Decimal(2),
        place=place,
        trainer=users[Role.TRAINER],
        starts_on=dt.date(2011, 7, 1),
        ends_on=dt.date(2011, 7, 31),
    )
    session = Session.objects.create(
        course=course, date=dt.date(2011, 7, 4), starts_at=dt.time(18), ends_at=dt.time(20)
    )
    trainee = Enrolment.objects.create(course=course, name="Tirocinante Prova", languages=["it"])
    Attendance.objects.create(session=session, enrolment=trainee, present=True)
    selection = Selection.objects.create(course=course, enrolment=trainee, reasons="Prova")
    on_course = {"code": course.code}
    return {
        "learning:course_detail": on_course,
        "learning:session_create": on_course,
        "learning:enrol": on_course,
        "learning:signatures": on_course,
        "learning:selection": on_course,
        "learning:register": {"code": session.code},
        "learning:session_signatures": {"code": session.code},
        "learning:certificate": {"code": trainee.code},
        "learning:assessment": {"code": trainee.code},
        "learning:give_operator_role": {"code": selection.code},
    }
