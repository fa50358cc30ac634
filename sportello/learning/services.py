"""Writes of the courses: each one a keyword-only function in a transaction, with its audit row
(codes only, never a name)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, Role, User
from sportello.accounts.services import audit_object
from sportello.casework.models import Beneficiary
from sportello.learning.models import (
    Assessment,
    Attendance,
    Course,
    Enrolment,
    Selection,
    Session,
    session_hours,
)


@transaction.atomic
def course_create(*, by: User, **data) -> Course:
    course = Course(**data)
    if course.kind != Course.Kind.ITALIAN_L2:
        course.level = ""
    if course.trainer.role != Role.TRAINER:
        raise ValidationError({"trainer": _("Choose a user with the trainer role.")})
    if course.ends_on < course.starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first day.")})
    course.full_clean()
    course.save()
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=course)
    return course


@transaction.atomic
def session_create(*, by: User, course: Course, **data) -> Session:
    session = Session(course=course, **data)
    if session_hours(session.starts_at, session.ends_at) <= Decimal(0):
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    session.full_clean()
    session.save()
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=session)
    return session


@transaction.atomic
def enrolment_add_learner(*, by: User, course: Course, beneficiary: Beneficiary) -> Enrolment:
    if not course.is_l2:
        raise ValidationError(_("Only Italian L2 courses enrol people followed by the desk."))
    if course.enrolments.filter(beneficiary=beneficiary).exists():
        raise ValidationError(_("This person is already enrolled."))
    enrolment = Enrolment.objects.create(course=course, beneficiary=beneficiary)
    audit_object(
        user=by, action=AuditEvent.Action.CREATE, obj=enrolment, detail=f"{beneficiary.code}"
    )
    return enrolment


@transaction.atomic
def enrolment_add_trainee(
    *, by: User, course: Course, name: str, association: str, email: str, languages: list[str]
) -> Enrolment:
    if course.is_l2:
        raise ValidationError(_("Trainees are enrolled in the operator training only."))
    enrolment = Enrolment.objects.create(
        course=course, name=name, association=association, email=email, languages=languages
    )
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=enrolment)
    return enrolment


@transaction.atomic
def attendance_set(*, by: User, session: Session, enrolment: Enrolment, present: bool) -> None:
    """Mark one person present or absent at one session (one tap of the register)."""
    if enrolment.course_id != session.course_id:
        raise ValidationError(_("This person is not enrolled in this course."))
    Attendance.objects.update_or_create(
        session=session, enrolment=enrolment, defaults={"present": present}
    )
    audit_object(
        user=by,
        action=AuditEvent.Action.UPDATE,
        obj=session,
        detail=f"attendance {enrolment.code} {'present' if present else 'absent'}",
    )


@transaction.atomic
def assessment_save(*, by: User, enrolment: Enrolment, **scores) -> Assessment:
    if enrolment.course.is_l2:
        raise ValidationError(_("Only trainees of the operator training are assessed."))
    assessment, _created = Assessment.objects.update_or_create(
        enrolment=enrolment, defaults={**scores, "assessed_by": by}
    )
    assessment.full_clean()
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=enrolment, detail="assessment")
    return assessment


@transaction.atomic
def selection_decide(*, by: User, course: Course, enrolment: Enrolment, reasons: str) -> Selection:
    if enrolment.course_id != course.pk or course.is_l2:
        raise ValidationError(_("Choose a trainee of this training module."))
    selection = Selection(course=course, enrolment=enrolment, reasons=reasons, decided_by=by)
    selection.full_clean()
    selection.save()
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=selection)
    return selection


@transaction.atomic
def selection_give_operator_role(*, by: User, selection: Selection, username: str) -> User:
    """Create (or update) the selected person's account with the operator role."""
    if by.role != Role.COORDINATOR:
        raise ValidationError(_("Only the coordinator gives the operator role."))
    enrolment = selection.enrolment
    user = selection.user
    if user is None and enrolment.email:
        user = (
            User.objects.filter(email__iexact=enrolment.email)
            .exclude(role=Role.COORDINATOR)
            .first()
        )
    if user is None:
        if User.objects.filter(username=username).exists():
            raise ValidationError({"username": _("This username is taken.")})
        first, _space, last = enrolment.name.partition(" ")
        user = User(username=username, email=enrolment.email, first_name=first, last_name=last)
        user.set_unusable_password()
        action = AuditEvent.Action.CREATE
    else:
        action = AuditEvent.Action.UPDATE
    user.role = Role.OPERATOR
    user.full_clean()
    user.save()
    selection.user = user
    selection.save(update_fields=["user"])
    audit_object(
        user=by, action=action, obj=user, detail=f"role=operator selection {selection.code}"
    )
    return user
