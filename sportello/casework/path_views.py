"""Integration paths (percorsi), their goals and follow-ups: operator and coordinator pages."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.accounts.access import roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit_object
from sportello.casework import selectors, services
from sportello.casework.access import get_beneficiary_for, get_followup_for, get_path_for
from sportello.casework.models import Beneficiary, Path
from sportello.casework.path_forms import (
    FollowUpDoneForm,
    FollowUpForm,
    GoalForm,
    PathCloseForm,
    PathCreateForm,
    PathEditForm,
)

DESK = (Role.COORDINATOR, Role.OPERATOR)


def person_url(beneficiary: Beneficiary) -> str:
    """The person's page (built by the people pages); the path list as a fallback."""
    try:
        return reverse("casework:person", kwargs={"code": beneficiary.code})
    except NoReverseMatch:
        return reverse("tutoring:person_paths", kwargs={"code": beneficiary.code})


@roles(*DESK)
def person_paths(request: HttpRequest, code: str) -> HttpResponse:
    """The person's paths with goals, referrals and follow-ups."""
    beneficiary = get_beneficiary_for(request.user, code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=beneficiary, detail="paths")
    return render(
        request,
        "casework/person_paths.html",
        {
            "beneficiary": beneficiary,
            "paths": selectors.paths_of(beneficiary),
            "person_url": person_url(beneficiary),
            "follow_up_withdrawn_at": selectors.follow_up_withdrawn_at(beneficiary),
        },
    )


@roles(*DESK)
def path_create(request: HttpRequest, code: str) -> HttpResponse:
    beneficiary = get_beneficiary_for(request.user, code, write=True)
    form = PathCreateForm(request.POST or None, initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        path = services.path_create(
            by=request.user,
            beneficiary=beneficiary,
            start_date=form.cleaned_data["start_date"],
            status=form.cleaned_data["status"],
            goals=form.goals(),
        )
        messages.success(request, _("Integration path opened."))
        return redirect("tutoring:path_detail", code=path.code)
    return render(
        request,
        "casework/path_create.html",
        {"beneficiary": beneficiary, "form": form, "person_url": person_url(beneficiary)},
    )


@roles(*DESK)
def path_detail(request: HttpRequest, code) -> HttpResponse:
    path = get_path_for(request.user, code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=path)
    return render(
        request,
        "casework/path_detail.html",
        {
            "path": path,
            "beneficiary": path.beneficiary,
            "person_url": person_url(path.beneficiary),
            "is_open": path.status in (Path.Status.PROPOSED, Path.Status.ACTIVE),
            "follow_up_withdrawn_at": selectors.follow_up_withdrawn_at(path.beneficiary),
            "goal_form": GoalForm(),
            "follow_up_form": FollowUpForm(
                initial={"due_date": timezone.localdate() + dt.timedelta(days=7)}
            ),
            "today": timezone.localdate(),
            **selectors.path_page(path),
        },
    )


def _stale(request: HttpRequest, template: str, exc: services.StaleVersion, make_form):
    """Someone saved the path meanwhile: nothing was written. Show the current version, keep
    what the user typed, and let them save again on top of it, knowingly."""
    current = exc.current
    if current.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        messages.error(request, _("Someone else closed this path meanwhile: nothing was changed."))
        return redirect("tutoring:path_detail", code=current.code)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = make_form(data, current)
    form.is_valid()
    return render(
        request,
        template,
        {"path": current, "beneficiary": current.beneficiary, "form": form, "stale": True},
        status=409,
    )


@roles(*DESK)
def path_edit(request: HttpRequest, code) -> HttpResponse:
    path = get_path_for(request.user, code, write=True)
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        messages.error(request, _("This path is closed."))
        return redirect("tutoring:path_detail", code=path.code)
    initial = {"version": path.version, "start_date": path.start_date, "status": path.status}
    form = PathEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.path_update(
                by=request.user,
                path=path,
                version=data["version"],
                start_date=data["start_date"],
                status=data["status"],
            )
        except services.StaleVersion as exc:
            return _stale(
                request, "casework/path_edit.html", exc, lambda data, _path: PathEditForm(data)
            )
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
            return redirect("tutoring:path_detail", code=path.code)
        messages.success(request, _("Changes saved."))
        return redirect("tutoring:path_detail", code=path.code)
    return render(
        request,
        "casework/path_edit.html",
        {"path": path, "beneficiary": path.beneficiary, "form": form},
    )


@roles(*DESK)
def path_close(request: HttpRequest, code) -> HttpResponse:
    path = get_path_for(request.user, code, write=True)
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        messages.error(request, _("This path is already closed."))
        return redirect("tutoring:path_detail", code=path.code)
    initial = {"version": path.version, "closed_on": timezone.localdate()}
    form = PathCloseForm(request.POST or None, initial=initial, path=path)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.path_close(
                by=request.user,
                path=path,
                version=data["version"],
                status=data["status"],
                outcome=data["outcome"],
                closed_on=data["closed_on"],
            )
        except services.StaleVersion as exc:
            return _stale(
                request,
                "casework/path_close.html",
                exc,
                lambda data, current: PathCloseForm(data, path=current),
            )
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Path closed."))
            return redirect("tutoring:path_detail", code=path.code)
    return render(
        request,
        "casework/path_close.html",
        {"path": path, "beneficiary": path.beneficiary, "form": form},
    )


@roles(*DESK)
@require_POST
def goal_add(request: HttpRequest, code) -> HttpResponse:
    path = get_path_for(request.user, code, write=True)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.goal_add(by=request.user, path=path, goal=form.goal())
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Goal added."))
    else:
        messages.error(request, _("The goal was not added: choose its area and describe it."))
    return redirect(reverse("tutoring:path_detail", kwargs={"code": path.code}) + "#goals")


@roles(*DESK)
@require_POST
def goal_achieved(request: HttpRequest, code) -> HttpResponse:
    path = get_path_for(request.user, code, write=True)
    goal_id = request.POST.get("goal", "")
    goal = (
        path.goals.filter(pk=int(goal_id), achieved_on__isnull=True).first()
        if goal_id.isascii() and goal_id.isdigit()
        else None
    )
    if goal is None:
        messages.error(request, _("This goal is already achieved or does not exist."))
    else:
        services.goal_mark_achieved(by=request.user, goal=goal)
        messages.success(request, _("Goal marked as achieved."))
    return redirect(reverse("tutoring:path_detail", kwargs={"code": path.code}) + "#goals")


@roles(*DESK)
def followup_create(request: HttpRequest, code: str) -> HttpResponse:
    """A follow-up for the person; with ?path=<code> (or from a path page) tied to that path."""
    beneficiary = get_beneficiary_for(request.user, code, write=True)
    path_code = request.POST.get("path") or request.GET.get("path")
    path = get_path_for(request.user, path_code, write=True) if path_code else None
    if path is not None and path.beneficiary_id != beneficiary.pk:
        path = None
    back = (
        reverse("tutoring:path_detail", kwargs={"code": path.code}) + "#follow-ups"
        if path is not None
        else person_url(beneficiary)
    )
    withdrawn_at = selectors.follow_up_withdrawn_at(beneficiary)
    if withdrawn_at is not None:  # the person said "stop following me": no form, the reason
        messages.error(request, services.follow_up_stopped_message(withdrawn_at))
        return redirect(back)
    initial = {"due_date": timezone.localdate() + dt.timedelta(days=7)}
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.followup_create(
            by=request.user,
            beneficiary=beneficiary,
            path=path,
            due_date=form.cleaned_data["due_date"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Follow-up added to the agenda."))
        return redirect(back)
    return render(
        request,
        "casework/followup_form.html",
        {
            "beneficiary": beneficiary,
            "path": path,
            "form": form,
            "person_url": person_url(beneficiary),
        },
    )


@roles(*DESK)
def followup_done(request: HttpRequest, code) -> HttpResponse:
    follow_up = get_followup_for(request.user, code, write=True)
    if request.method != "POST":
        audit_object(user=request.user, action=AuditEvent.Action.READ, obj=follow_up)
    form = FollowUpDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_done(
                by=request.user, followup=follow_up, note=form.cleaned_data["note"]
            )
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Follow-up done."))
        next_url = request.POST.get("next", "")
        if next_url.startswith("/app/") and "//" not in next_url:
            return redirect(next_url)
        return redirect("tutoring:today")
    return render(
        request,
        "casework/followup_done.html",
        {"follow_up": follow_up, "form": form, "person_url": person_url(follow_up.beneficiary)},
    )
