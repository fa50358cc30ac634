"""Staff pages of the coordination group, under /app/coordination/.

The coordinator manages the group, its meetings and decisions; municipal officers read them
(group, meetings, minutes, attachments, decisions). Nobody else: operators, trainers and partner
staff have no business in the group (least privilege; docs/architecture.md). Nothing here shows a
person followed by the desk — only suppressed, aggregated figures.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.accounts.access import roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit_object
from sportello.coordination import selectors, services
from sportello.coordination.forms import (
    AttachmentForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MemberForm,
)
from sportello.coordination.minutes import minutes_pdf
from sportello.coordination.models import Attachment, Decision, Meeting, Member

READERS = (Role.COORDINATOR, Role.MUNICIPAL_OFFICER)
MANAGER = (Role.COORDINATOR,)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@roles(*READERS)
def home(request: HttpRequest) -> HttpResponse:
    decisions = selectors.open_decisions()
    return render(
        request,
        "coordination/home.html",
        {
            "members": selectors.member_list(),
            "meetings": selectors.meetings(),
            "open_decisions": len(decisions),
            "overdue": sum(1 for d in decisions if d.overdue),
            "can_manage": request.user.role == Role.COORDINATOR,
        },
    )


def _member_page(request: HttpRequest, member: Member) -> HttpResponse:
    initial = {}
    if member.pk:
        initial = {
            "municipality": member.municipality.slug if member.municipality_id else None,
            "user": member.user.code,
            "substitute": member.substitute.code if member.substitute_id else None,
        }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_save(by=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Seat saved."))
            return redirect("coordination:home")
    return render(request, "coordination/member_form.html", {"form": form, "member": member})


@roles(*MANAGER)
def member_create(request: HttpRequest) -> HttpResponse:
    return _member_page(request, Member())


@roles(*MANAGER)
def member_edit(request: HttpRequest, code) -> HttpResponse:
    return _member_page(request, selectors.get_object(Member, code))


def _meeting_page(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    initial = {}
    if meeting.pk:
        initial = {
            "title": meeting.title,
            "date": meeting.date,
            "starts_at": meeting.starts_at,
            "place": meeting.place.code if meeting.place_id else None,
            "venue": meeting.venue,
            "minutes": meeting.minutes,
            "agenda": "\n".join(item.text for item in meeting.agenda.all()),
        }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.meeting_save(
            by=request.user, meeting=meeting, data=data, agenda=data["agenda"].splitlines()
        )
        messages.success(request, _("Meeting saved."))
        return redirect("coordination:meeting_detail", code=meeting.code)
    return render(request, "coordination/meeting_form.html", {"form": form, "meeting": meeting})


@roles(*MANAGER)
def meeting_create(request: HttpRequest) -> HttpResponse:
    return _meeting_page(request, Meeting())


@roles(*MANAGER)
def meeting_edit(request: HttpRequest, code) -> HttpResponse:
    return _meeting_page(request, selectors.get_meeting(code))


@roles(*READERS)
def meeting_detail(request: HttpRequest, code) -> HttpResponse:
    meeting = selectors.get_meeting(code)
    return render(
        request,
        "coordination/meeting_detail.html",
        {
            "meeting": meeting,
            "headlines": selectors.headline_rows(meeting.headlines),
            "can_manage": request.user.role == Role.COORDINATOR,
            "attachment_form": AttachmentForm(),
        },
    )


@roles(*MANAGER)
def meeting_attendance(request: HttpRequest, code) -> HttpResponse:
    meeting = selectors.get_meeting(code)
    current = {a.member_id: a.status for a in meeting.attendances.all()}
    form = AttendanceForm(request.POST or None, members=selectors.member_list(), current=current)
    if request.method == "POST" and form.is_valid():
        services.meeting_attendance_set(by=request.user, meeting=meeting, statuses=form.statuses())
        messages.success(request, _("Attendance saved."))
        return redirect("coordination:meeting_detail", code=meeting.code)
    return render(request, "coordination/attendance_form.html", {"form": form, "meeting": meeting})


@roles(*MANAGER)
@require_POST
def meeting_headlines(request: HttpRequest, code) -> HttpResponse:
    meeting = selectors.get_meeting(code)
    if request.POST.get("remove"):
        services.meeting_headlines_remove(by=request.user, meeting=meeting)
        messages.success(request, _("Headline figures removed from the agenda."))
    else:
        services.meeting_headlines_embed(by=request.user, meeting=meeting)
        messages.success(request, _("Headline figures added to the agenda."))
    return redirect("coordination:meeting_detail", code=meeting.code)


@roles(*READERS)
def meeting_pdf(request: HttpRequest, code) -> HttpResponse:
    meeting = selectors.get_meeting(code)
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verbale-{meeting.date:%Y%m%d}.pdf"'
    return response


@roles(*MANAGER)
@require_POST
def attachment_add(request: HttpRequest, code) -> HttpResponse:
    meeting = selectors.get_meeting(code)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                by=request.user, meeting=meeting, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, _("File attached."))
            return redirect("coordination:meeting_detail", code=meeting.code)
    return render(
        request,
        "coordination/meeting_detail.html",
        {
            "meeting": meeting,
            "headlines": selectors.headline_rows(meeting.headlines),
            "can_manage": True,
            "attachment_form": form,
        },
        status=400,
    )


@roles(*READERS)
def attachment_download(request: HttpRequest, code) -> HttpResponse:
    attachment = selectors.get_object(Attachment, code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@roles(*MANAGER)
@require_POST
def attachment_delete(request: HttpRequest, code) -> HttpResponse:
    attachment = selectors.get_object(Attachment, code)
    meeting_code = attachment.meeting.code
    services.attachment_delete(by=request.user, attachment=attachment)
    messages.success(request, _("Attachment removed."))
    return redirect("coordination:meeting_detail", code=meeting_code)


@roles(*READERS)
def decision_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coordination/decision_list.html",
        {
            "decisions": selectors.open_decisions(),
            "can_manage": request.user.role == Role.COORDINATOR,
        },
    )


def _decision_page(request: HttpRequest, decision: Decision) -> HttpResponse:
    initial = {}
    if decision.pk:
        initial = {
            "text": decision.text,
            "owner": decision.owner.code if decision.owner_id else None,
            "due_date": decision.due_date,
            "status": decision.status,
        }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_save(by=request.user, decision=decision, data=form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Decision saved."))
            if decision.meeting_id:
                return redirect("coordination:meeting_detail", code=decision.meeting.code)
            return redirect("coordination:decision_list")
    return render(request, "coordination/decision_form.html", {"form": form, "decision": decision})


@roles(*MANAGER)
def decision_create(request: HttpRequest, code) -> HttpResponse:
    return _decision_page(request, Decision(meeting=selectors.get_meeting(code)))


@roles(*MANAGER)
def decision_edit(request: HttpRequest, code) -> HttpResponse:
    return _decision_page(request, selectors.get_object(Decision, code))
