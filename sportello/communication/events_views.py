"""Events: the public pages (/<lang>/events/…) with the registration form, and the
coordinator's pages (/app/events/…): events, registrations and attendance.

Registrants' names and addresses are personal data: only the coordinator sees them, and each
opening of the list is audited. The public form is rate-limited per address and carries two
spam traps (a honeypot field and a signed minimum fill time), with no third-party service.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sportello.accounts.access import public, roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit_object
from sportello.communication import events_selectors as selectors
from sportello.communication import events_services as services
from sportello.communication.events_forms import AttendanceForm, EventForm, RegistrationForm
from sportello.communication.models import Event


@public
def public_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.upcoming_and_past()
    return render(
        request, "communication/events/public_list.html", {"upcoming": upcoming, "past": past}
    )


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@public
@never_cache
def public_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.get_public_event(slug)
    form = RegistrationForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        throttled = not services.registration_allowed(address=request.META.get("REMOTE_ADDR", ""))
        if throttled:
            form.add_error(
                None,
                _("Too many registrations were sent from your connection. Please try again later."),
            )
        elif form.is_bot:
            # Pretend success: a bot learns nothing; nothing is saved.
            messages.success(request, _("Thank you: you are registered."))
            return redirect(request.path)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_create(
                    event=event,
                    name=data["name"],
                    organisation=data["organisation"],
                    email=data["email"],
                    language=request.LANGUAGE_CODE,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Thank you: you are registered."))
                return redirect(request.path)
        if form.is_bound and "started" in form.errors:
            # A fresh stamp, so that sending the (kept) details again works.
            form.data = form.data.copy()
            form.data["started"] = RegistrationForm(event=event).initial["started"]
        status = 429 if throttled else 400
    return render(
        request,
        "communication/events/public_detail.html",
        {
            "event": event,
            "where": selectors.event_where(event),
            "programme": [line for line in event.programme.splitlines() if line.strip()],
            "form": form,
            "open": services.registration_is_open(event),
        },
        status=status,
    )


@roles(Role.COORDINATOR)
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "communication/events/staff_list.html", {"events": selectors.staff_events()}
    )


def _event_page(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(by=request.user, event=form.save(commit=False))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:registrations", code=event.code)
    return render(request, "communication/events/event_form.html", {"form": form, "event": event})


@roles(Role.COORDINATOR)
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_page(request, Event())


@roles(Role.COORDINATOR)
def event_edit(request: HttpRequest, code) -> HttpResponse:
    return _event_page(request, selectors.get_event(code))


@roles(Role.COORDINATOR)
@never_cache
def registrations(request: HttpRequest, code) -> HttpResponse:
    """The registrants (personal data: the coordinator only; audited) and their attendance."""
    event = selectors.get_event(code)
    people = list(event.registrations.order_by("name", "id"))
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        registrations=people,
        initial={"attended": [str(r.code) for r in people if r.attended]},
    )
    if request.method == "POST" and form.is_valid():
        came = services.event_attendance_set(
            by=request.user, event=event, attended_codes=set(form.cleaned_data["attended"])
        )
        messages.success(request, _("Attendance saved: %(n)s present.") % {"n": came})
        return redirect("events:registrations", code=event.code)
    audit_object(
        user=request.user, action=AuditEvent.Action.READ, obj=event, detail="registrations"
    )
    return render(
        request,
        "communication/events/registrations.html",
        {
            "event": event,
            "people": people,
            "form": form,
            "attended": sum(1 for r in people if r.attended),
        },
    )
