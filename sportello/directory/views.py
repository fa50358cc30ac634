"""The operators' directory pages under /app/directory/.

Coordinator and operators edit; a municipal officer reads and proposes edits, which an operator
or the coordinator accepts or rejects.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.accounts.access import roles
from sportello.accounts.models import Role
from sportello.directory import selectors, services
from sportello.directory.forms import (
    LANGUAGE_LABELS,
    DecisionForm,
    EditorForm,
    ProposalForm,
    ServiceFilterForm,
    build_forms,
    forms_valid,
    service_data,
)
from sportello.directory.models import EditProposal, Schedule, Service
from sportello.directory.snapshots import LANGUAGE_CODES, service_snapshot

EDITORS = (Role.COORDINATOR, Role.OPERATOR)
READERS = (*EDITORS, Role.MUNICIPAL_OFFICER)
PAGE_SIZE = 50


@roles(*READERS)
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    services_found = selectors.staff_service_list(
        q=filters.get("q", ""),
        category=filters.get("category"),
        municipality=filters.get("municipality"),
        status=filters.get("status", ""),
        stale_only=filters.get("stale", False),
    )
    page = Paginator(services_found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/service_list.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(page.object_list),
            "query": query.urlencode(),
            "can_edit": request.user.role in EDITORS,
            "stale_after": settings.STALE_AFTER_DAYS,
        },
    )


def _rows(services_page) -> list[dict]:
    return [
        {
            "service": service,
            "towns": selectors.municipalities_of(service),
            "stale": selectors.is_stale(service) and service.status in selectors.CHECKED_STATUSES,
        }
        for service in services_page
    ]


@roles(*EDITORS)
def stale_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/stale_list.html",
        {
            "rows": _rows(selectors.stale_services()),
            "stale_after": settings.STALE_AFTER_DAYS,
        },
    )


@roles(*READERS)
def service_detail(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    snapshot = service_snapshot(service)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "data": snapshot,
            "hours": _hours(snapshot["schedules"]),
            "translations": _translations(snapshot),
            "stale": selectors.is_stale(service),
            "can_edit": request.user.role in EDITORS,
            "can_propose": request.user.role == Role.MUNICIPAL_OFFICER,
            "statuses": Service.Status.choices,
            "pending": selectors.proposals_for(request.user).filter(service=service),
        },
    )


def _hours(schedules: list[dict]) -> list[dict]:
    """Opening hours grouped by day and validity, e.g. Monday 09:00–12:30, 14:00–16:00."""
    groups: dict[tuple, list[str]] = {}
    for row in schedules:
        key = (row["weekday"], row["valid_from"] or "", row["valid_to"] or "")
        groups.setdefault(key, []).append(f"{row['opens_at']}–{row['closes_at']}")
    return [
        {
            "day": Schedule.Weekday(day).label,
            "intervals": ", ".join(intervals),
            "valid_from": valid_from,
            "valid_to": valid_to,
        }
        for (day, valid_from, valid_to), intervals in sorted(groups.items())
    ]


def _translations(snapshot: dict) -> list[dict]:
    """Which languages have the service's name and description."""
    return [
        {
            "code": code,
            "label": LANGUAGE_LABELS[code],
            "name": snapshot[f"name_{code}"],
            "complete": bool(snapshot[f"name_{code}"] and snapshot[f"description_{code}"]),
        }
        for code in LANGUAGE_CODES
    ]


@roles(*EDITORS)
def service_create(request: HttpRequest) -> HttpResponse:
    form, formsets = build_forms(
        EditorForm, request.POST or None, initial={"status": Service.Status.ACTIVE}
    )
    if request.method == "POST" and forms_valid(form, formsets):
        service = services.service_create(
            by=request.user,
            data=service_data(form, formsets),
            assured=form.cleaned_data["mark_checked"],
        )
        messages.success(request, _("Service “%(name)s” added.") % {"name": service.name})
        return redirect("directory:service_detail", service_id=service.pk)
    return _render_form(request, form, formsets, title=_("Add a service"))


@roles(*EDITORS)
def service_edit(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    current = service_snapshot(service)
    form, formsets = build_forms(
        EditorForm, request.POST or None, initial={**current, "version": service.version}
    )
    if request.method == "POST" and forms_valid(form, formsets):
        try:
            services.service_update(
                by=request.user,
                service=service,
                data=service_data(form, formsets, previous=current),
                expected_version=form.cleaned_data["version"],
                assured=form.cleaned_data["mark_checked"],
            )
        except services.StaleEditError:
            service.refresh_from_db()
            messages.error(
                request,
                _(
                    "Someone else saved this service while you were editing it (it is now at "
                    "version %(version)s). Nothing was saved: open the service again, check the "
                    "changes in its history and make yours again."
                )
                % {"version": service.version},
            )
            return _render_form(
                request, form, formsets, title=service.name, service=service, conflict=True
            )
        messages.success(request, _("Changes saved."))
        return redirect("directory:service_detail", service_id=service.pk)
    return _render_form(request, form, formsets, title=service.name, service=service)


@roles(Role.MUNICIPAL_OFFICER)
def service_propose(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    current = service_snapshot(service)
    form, formsets = build_forms(ProposalForm, request.POST or None, initial=current)
    if request.method == "POST" and forms_valid(form, formsets):
        services.proposal_create(
            by=request.user,
            service=service,
            data=service_data(form, formsets, previous=current),
            comment=form.cleaned_data["comment"],
        )
        messages.success(
            request,
            _(
                "Thank you: your proposal was sent. An operator will review it before it is "
                "published."
            ),
        )
        return redirect("directory:service_detail", service_id=service.pk)
    return _render_form(
        request, form, formsets, title=service.name, service=service, proposing=True
    )


def _render_form(request, form, formsets, *, title, service=None, **extra) -> HttpResponse:
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "formsets": formsets,
            "title": title,
            "service": service,
            "has_errors": form.is_bound
            and (
                bool(form.errors)
                or any(
                    any(formset.errors) or formset.non_form_errors()
                    for formset in formsets.values()
                )
            ),
            **extra,
        },
        status=409 if extra.get("conflict") else 200,
    )


@require_POST
@roles(*EDITORS)
def service_status(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    status = request.POST.get("status", "")
    if status not in Service.Status.values:
        messages.error(request, _("Choose a valid status."))
    elif status != service.status:
        services.service_set_status(by=request.user, service=service, status=status)
        messages.success(
            request, _("Status changed to “%(status)s”.") % {"status": service.get_status_display()}
        )
    return redirect("directory:service_detail", service_id=service.pk)


@require_POST
@roles(*EDITORS)
def service_confirm(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    services.service_confirm(by=request.user, service=service)
    messages.success(
        request, _("“%(name)s” marked as checked today. Thank you.") % {"name": service.name}
    )
    next_url = request.POST.get("next", "")
    if next_url == "stale":
        return redirect("directory:stale_list")
    return redirect("directory:service_detail", service_id=service.pk)


@roles(*READERS)
def service_history(request: HttpRequest, service_id) -> HttpResponse:
    service = selectors.get_service_for(service_id)
    return render(
        request,
        "directory/service_history.html",
        {"service": service, "entries": selectors.service_history(service)},
    )


@roles(*READERS)
def proposal_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", EditProposal.Status.PENDING)
    if status not in EditProposal.Status.values:
        status = EditProposal.Status.PENDING
    return render(
        request,
        "directory/proposal_list.html",
        {
            "proposals": selectors.proposals_for(request.user, status=status),
            "status": status,
            "statuses": EditProposal.Status.choices,
            "can_decide": request.user.role in EDITORS,
        },
    )


@roles(*READERS)
def proposal_detail(request: HttpRequest, proposal_id) -> HttpResponse:
    proposal = selectors.get_proposal_for(request.user, proposal_id)
    can_decide = request.user.role in EDITORS and proposal.status == EditProposal.Status.PENDING
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        decision = request.POST.get("decision")
        if form.is_valid() and decision in ("accept", "reject"):
            note = form.cleaned_data["note"]
            if decision == "accept":
                services.proposal_accept(by=request.user, proposal=proposal, note=note)
                messages.success(request, _("Proposal accepted: the service is updated."))
            else:
                services.proposal_reject(by=request.user, proposal=proposal, note=note)
                messages.success(request, _("Proposal rejected."))
            return redirect("directory:proposal_list")
    return render(
        request,
        "directory/proposal_detail.html",
        {
            "proposal": proposal,
            "changes": selectors.proposal_changes(proposal),
            "moved_on": proposal.base_version is not None
            and proposal.service.version != proposal.base_version,
            "can_decide": can_decide,
            "form": form,
        },
    )
