"""Who sees which course: the coordinator every course, a trainer only the courses they teach;
anyone else gets a 404 (the existence of a course is not revealed).

Views call these helpers instead of querying the models themselves.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from sportello.accounts.models import Role, User
from sportello.learning.models import Course, Enrolment, Selection, Session


def courses_for(user: User) -> QuerySet[Course]:
    if not user.is_authenticated or not user.is_active:
        return Course.objects.none()
    if user.role == Role.COORDINATOR:
        return Course.objects.all()
    if user.role == Role.TRAINER:
        return Course.objects.filter(trainer=user)
    return Course.objects.none()


def get_course_for(user: User, code) -> Course:
    try:
        return courses_for(user).select_related("place__municipality", "trainer").get(code=code)
    except (Course.DoesNotExist, ValidationError):
        raise Http404("No such course.") from None


def get_session_for(user: User, code) -> Session:
    try:
        return Session.objects.select_related(
            "course", "course__trainer", "course__place__municipality"
        ).get(code=code, course__in=courses_for(user))
    except (Session.DoesNotExist, ValidationError):
        raise Http404("No such session.") from None


def get_enrolment_for(user: User, code) -> Enrolment:
    try:
        return Enrolment.objects.select_related(
            "course", "course__trainer", "course__place__municipality", "beneficiary"
        ).get(code=code, course__in=courses_for(user))
    except (Enrolment.DoesNotExist, ValidationError):
        raise Http404("No such enrolment.") from None


def get_selection_for(user: User, code) -> Selection:
    if user.role != Role.COORDINATOR:
        raise Http404("No such selection.")
    try:
        return Selection.objects.select_related("enrolment", "course", "user").get(code=code)
    except (Selection.DoesNotExist, ValidationError):
        raise Http404("No such selection.") from None


def may_see_names(user: User, course: Course) -> bool:
    """Learners' names (with their consent): the course's trainer and the coordinator."""
    return user.role == Role.COORDINATOR or course.trainer_id == user.pk
