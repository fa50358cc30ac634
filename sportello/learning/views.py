"""Staff pages of the courses (/app/courses/, /app/sessions/, /app/enrolments/): the coordinator
manages every course; a trainer sees and keeps the registers of their own courses only."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.accounts.access import recent_auth, roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit_object
from sportello.casework.access import get_beneficiary_for
from sportello.learning import pdfs, selectors, services
from sportello.learning.access import (
    get_course_for,
    get_enrolment_for,
    get_selection_for,
    get_session_for,
)
from sportello.learning.forms import (
    AssessmentForm,
    CourseForm,
    LearnerForm,
    OperatorRoleForm,
    SelectionForm,
    SessionForm,
    TraineeForm,
)
from sportello.learning.models import Assessment, Course

COURSES = (Role.COORDINATOR, Role.TRAINER)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _audit_names(request: HttpRequest, course: Course, people, what: str) -> None:
    """Showing learners' names is a read of personal data: one audit row (no names in it)."""
    if any(p.named and p.code for p in people):
        audit_object(user=request.user, action=AuditEvent.Action.READ, obj=course, detail=what)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@roles(*COURSES)
def course_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/course_list.html",
        {
            "courses": selectors.course_list(request.user),
            "is_coordinator": request.user.role == Role.COORDINATOR,
        },
    )


@roles(Role.COORDINATOR)
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Course created."))
            return redirect("learning:course_detail", code=course.code)
    return render(request, "learning/course_form.html", {"form": form})


@roles(*COURSES)
def course_detail(request: HttpRequest, code) -> HttpResponse:
    course = get_course_for(request.user, code)
    people = selectors.learners(request.user, course)
    _audit_names(request, course, people, "course page")
    return render(
        request,
        "learning/course_detail.html",
        {
            "course": course,
            "people": people,
            "sessions": selectors.sessions_of(course),
            "hours_held": selectors.hours_held(course),
            "needed": selectors.completion_hours(course),
            "percent": settings.COURSE_COMPLETION_PERCENT,
            "is_coordinator": request.user.role == Role.COORDINATOR,
            "assessments": {
                a.enrolment_id: a for a in Assessment.objects.filter(enrolment__course=course)
            },
            "selections": list(course.selections.select_related("enrolment", "user")),
        },
    )


@roles(*COURSES)
def session_create(request: HttpRequest, code) -> HttpResponse:
    course = get_course_for(request.user, code)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(by=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            return redirect("learning:register", code=session.code)
    return render(request, "learning/session_form.html", {"form": form, "course": course})


@roles(Role.COORDINATOR)
def enrol(request: HttpRequest, code) -> HttpResponse:
    course = get_course_for(request.user, code)
    form_class = LearnerForm if course.is_l2 else TraineeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if course.is_l2:
                person = get_beneficiary_for(request.user, form.cleaned_data["code"], write=True)
                services.enrolment_add_learner(by=request.user, course=course, beneficiary=person)
            else:
                services.enrolment_add_trainee(by=request.user, course=course, **form.cleaned_data)
        except Http404:
            form.add_error("code", _("No person with this code."))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Enrolled."))
            return redirect("learning:course_detail", code=course.code)
    return render(request, "learning/enrol.html", {"form": form, "course": course})


@roles(*COURSES)
def register(request: HttpRequest, code) -> HttpResponse:
    """The attendance register of one session: one big toggle per person, saved per tap (htmx
    swaps the row; without JavaScript the form posts and the page reloads)."""
    session = get_session_for(request.user, code)
    course = session.course
    if request.method == "POST":
        enrolment = get_enrolment_for(request.user, request.POST.get("enrolment", ""))
        present = request.POST.get("present") == "1"
        try:
            services.attendance_set(
                by=request.user, session=session, enrolment=enrolment, present=present
            )
        except ValidationError:
            raise Http404("Not enrolled in this course.") from None
        if not request.headers.get("HX-Request"):
            return redirect("learning:register", code=session.code)
    people = selectors.learners(request.user, course)
    present_ids = selectors.present_ids(session)
    context = {
        "session": session,
        "course": course,
        "needed": selectors.completion_hours(course),
        "present_ids": present_ids,
    }
    if request.method == "POST":  # htmx: only the row that changed
        person = next(p for p in people if p.enrolment.pk == enrolment.pk)
        return render(request, "learning/_register_row.html", {**context, "person": person})
    _audit_names(request, course, people, "attendance register")
    return render(request, "learning/register.html", {**context, "people": people})


@roles(*COURSES)
@recent_auth
def signature_register(request: HttpRequest, code) -> HttpResponse:
    course = get_course_for(request.user, code)
    people = selectors.learners(request.user, course)
    sessions = list(course.sessions.filter(cancelled=False))
    audit_object(user=request.user, action=AuditEvent.Action.EXPORT, obj=course, detail="register")
    return _pdf(pdfs.signature_register(course, sessions, people), "registro-firme.pdf")


@roles(*COURSES)
@recent_auth
def session_signature_register(request: HttpRequest, code) -> HttpResponse:
    session = get_session_for(request.user, code)
    people = selectors.learners(request.user, session.course)
    audit_object(user=request.user, action=AuditEvent.Action.EXPORT, obj=session, detail="register")
    return _pdf(
        pdfs.signature_register(session.course, [session], people),
        f"registro-firme-{session.date:%Y-%m-%d}.pdf",
    )


@roles(*COURSES)
@recent_auth
def certificate(request: HttpRequest, code) -> HttpResponse:
    enrolment = get_enrolment_for(request.user, code)
    people = selectors.learners(request.user, enrolment.course)
    learner = next(p for p in people if p.enrolment.pk == enrolment.pk)
    if not learner.completed:
        raise Http404("Not completed.")
    audit_object(
        user=request.user, action=AuditEvent.Action.EXPORT, obj=enrolment, detail="certificate"
    )
    return _pdf(pdfs.certificate(enrolment.course, learner), "attestato.pdf")


@roles(*COURSES)
def assessment(request: HttpRequest, code) -> HttpResponse:
    enrolment = get_enrolment_for(request.user, code)
    if enrolment.course.is_l2:
        raise Http404("Only trainees are assessed.")
    current = Assessment.objects.filter(enrolment=enrolment).first()
    form = AssessmentForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in AssessmentForm.Meta.fields}
        services.assessment_save(by=request.user, enrolment=enrolment, **data)
        messages.success(request, _("Assessment saved."))
        return redirect("learning:course_detail", code=enrolment.course.code)
    return render(request, "learning/assessment.html", {"form": form, "enrolment": enrolment})


@roles(Role.COORDINATOR)
def selection(request: HttpRequest, code) -> HttpResponse:
    course = get_course_for(request.user, code)
    if course.is_l2:
        raise Http404("No selection for a language course.")
    people = selectors.learners(request.user, course)
    choices = [(str(p.enrolment.code), p.label) for p in people]
    form = SelectionForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        enrolment = next(
            p.enrolment for p in people if str(p.enrolment.code) == form.cleaned_data["enrolment"]
        )
        services.selection_decide(
            by=request.user,
            course=course,
            enrolment=enrolment,
            reasons=form.cleaned_data["reasons"],
        )
        messages.success(request, _("Selection recorded."))
        return redirect("learning:course_detail", code=course.code)
    return render(request, "learning/selection.html", {"form": form, "course": course})


@roles(Role.COORDINATOR)
@require_POST
@recent_auth(back="learning:course_list")
def give_operator_role(request: HttpRequest, code) -> HttpResponse:
    chosen = get_selection_for(request.user, code)
    form = OperatorRoleForm(request.POST)
    if form.is_valid():
        try:
            user = services.selection_give_operator_role(
                by=request.user, selection=chosen, username=form.cleaned_data["username"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(user)s now has the operator role.") % {"user": user.username}
            )
    else:
        messages.error(request, _("Enter a valid username."))
    return redirect("learning:course_detail", code=chosen.course.code)
