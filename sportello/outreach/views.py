"""Staff pages of the diffuse desk: the rota, the visits, the operator's calendar link."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sportello.accounts.access import roles
from sportello.accounts.models import Role
from sportello.outreach import selectors, services
from sportello.outreach.access import get_plan_for, get_visit_for
from sportello.outreach.forms import (
    QUICK_MINUTES,
    ContactEditFormSet,
    ContactFormSet,
    RotaFilterForm,
    VisitForm,
    VisitPlanForm,
    contact_initial,
)
from sportello.outreach.models import VisitPlan

OUTREACH = (Role.COORDINATOR, Role.OPERATOR)
VISITS_PER_PAGE = 50
CALENDAR_DAYS = 14


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@roles(*OUTREACH)
def rota_list(request: HttpRequest) -> HttpResponse:
    form = RotaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.rota_list(
        municipality=filters.get("municipality"),
        include_inactive=bool(filters.get("inactive")),
    )
    return render(
        request,
        "outreach/rota_list.html",
        {"form": form, "plans": plans, "is_coordinator": request.user.role == Role.COORDINATOR},
    )


def _plan_form_page(request: HttpRequest, plan: VisitPlan) -> HttpResponse:
    initial = {}
    if plan.pk:
        initial = {
            "place": plan.place.code,
            "weekday": plan.weekday,
            "starts_at": plan.starts_at,
            "ends_at": plan.ends_at,
            "operator": plan.operator.code,
            "valid_from": plan.valid_from,
            "valid_to": plan.valid_to,
        }
    form = VisitPlanForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_plan_save(by=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Rota saved."))
            return redirect("outreach:rota_list")
    return render(request, "outreach/rota_form.html", {"form": form, "plan": plan})


@roles(*OUTREACH)
def rota_create(request: HttpRequest) -> HttpResponse:
    return _plan_form_page(request, VisitPlan(active=True))


@roles(*OUTREACH)
def rota_edit(request: HttpRequest, code) -> HttpResponse:
    return _plan_form_page(request, get_plan_for(request.user, code, write=True))


@roles(*OUTREACH)
@require_POST
def rota_deactivate(request: HttpRequest, code) -> HttpResponse:
    plan = get_plan_for(request.user, code, write=True)
    services.visit_plan_deactivate(by=request.user, plan=plan)
    messages.success(
        request,
        _("%(day)s at %(place)s is no longer on the rota.")
        % {"day": plan.get_weekday_display(), "place": plan.place.name},
    )
    return redirect("outreach:rota_list")


@roles(*OUTREACH)
@never_cache
def calendar(request: HttpRequest) -> HttpResponse:
    """The operator's coming visits and their secret calendar (iCal) link."""
    new_link = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("The calendar link no longer works."))
            return redirect("outreach:calendar")
        token = services.calendar_token_create(user=request.user)
        new_link = request.build_absolute_uri(reverse("ical:feed", kwargs={"token": token}))
    today = timezone.localdate()
    upcoming = selectors.planned_visits(
        request.user, start=today, end=today + dt.timedelta(days=CALENDAR_DAYS - 1)
    )
    return render(
        request,
        "outreach/calendar.html",
        {
            "upcoming": upcoming,
            "days": CALENDAR_DAYS,
            "new_link": new_link,
            "webcal_link": "webcal://" + new_link.split("://", 1)[-1] if new_link else "",
            "has_link": bool(new_link) or selectors.has_calendar_token(request.user),
        },
    )


@roles(*OUTREACH)
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = selectors.visit_list(user=request.user)
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/visit_list.html",
        {
            "page": page,
            "totals": selectors.visit_totals(visits),
            "is_coordinator": request.user.role == Role.COORDINATOR,
        },
    )


def _tallies(formset) -> list[services.ContactTally]:
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return [
        services.ContactTally(
            gender=form.cleaned_data["gender"],
            age_band=form.cleaned_data["age_band"],
            language=form.cleaned_data.get("language") or "",
            need=form.cleaned_data.get("need"),
        )
        for form in formset.forms
        if form not in deleted and form.is_valid() and form.is_used()
    ]


def _visit_form_page(request: HttpRequest, *, visit=None, initial: dict, contacts: list):
    form = VisitForm(request.POST or None, initial=initial)
    formset_class = ContactFormSet if visit is None else ContactEditFormSet
    formset = formset_class(request.POST or None, initial=contacts, prefix="contacts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {**form.cleaned_data, "contacts": _tallies(formset)}
        try:
            if visit is None:
                visit = services.visit_create(by=request.user, **data)
            else:
                services.visit_update(by=request.user, visit=visit, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Visit saved: %(count)s people met.") % {"count": len(data["contacts"])},
            )
            return redirect("outreach:visit_detail", code=visit.code)
    return render(
        request,
        "outreach/visit_form.html",
        {"form": form, "formset": formset, "visit": visit, "quick_minutes": QUICK_MINUTES},
    )


@roles(*OUTREACH)
def visit_create(request: HttpRequest) -> HttpResponse:
    now = timezone.localtime()
    planned = selectors.current_planned_visit(request.user, at=now.replace(tzinfo=None))
    initial = {"date": now.date(), "minutes": 60}
    if planned is not None:
        initial["place"] = planned.place.code
        initial["minutes"] = int((planned.end - planned.start).total_seconds() // 60)
    return _visit_form_page(request, initial=initial, contacts=[])


@roles(*OUTREACH)
def visit_detail(request: HttpRequest, code) -> HttpResponse:
    visit = get_visit_for(request.user, code)
    return render(
        request,
        "outreach/visit_detail.html",
        {
            "visit": visit,
            "contacts": selectors.contacts_of(visit),
            "editable": services.visit_is_editable(visit),
        },
    )


@roles(*OUTREACH)
def visit_edit(request: HttpRequest, code) -> HttpResponse:
    visit = get_visit_for(request.user, code, write=True)
    if not services.visit_is_editable(visit):
        messages.error(request, _("A visit can only be corrected on the day it was recorded."))
        return redirect("outreach:visit_detail", code=visit.code)
    initial = {"date": visit.date, "place": visit.place.code, "minutes": visit.minutes}
    return _visit_form_page(request, visit=visit, initial=initial, contacts=contact_initial(visit))
