"""Intakes (segnalazioni): partner staff send them (signed in, or through a place's link without
an account) and see only an acknowledgement; the desk accepts or dismisses them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sportello.accounts.access import public, roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit_object
from sportello.casework import selectors, services
from sportello.casework.access import get_intake_for
from sportello.casework.intake_forms import IntakeForm, IntakeLinkForm
from sportello.casework.models import Intake, IntakeLink
from sportello.casework.path_views import DESK

SENDERS = (Role.PARTNER_STAFF, Role.MUNICIPAL_OFFICER, Role.OPERATOR, Role.COORDINATOR)


def _create(form: IntakeForm, *, place=None, **extra) -> Intake:
    data = form.cleaned_data
    return services.intake_create(
        place=place or data["place"],
        source=data["source"],
        sender_name=data["sender_name"],
        how_to_reach=data["how_to_reach"],
        need=data["need"],
        note=data["note"],
        person_agreed=data["person_agreed"],
        **extra,
    )


@roles(*SENDERS)
def intake_new(request: HttpRequest) -> HttpResponse:
    initial = {"sender_name": request.user.get_full_name()}
    form = IntakeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _create(form, by=request.user)
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("tutoring:intake_sent")
    return render(request, "casework/intake_form.html", {"form": form, "place": None})


@roles(*SENDERS)
def intake_sent(request: HttpRequest) -> HttpResponse:
    """The acknowledgement: nothing about the intake or anyone else's."""
    return render(
        request, "casework/intake_sent.html", {"again_url": reverse("tutoring:intake_new")}
    )


@public
@never_cache
def intake_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """A place's intake form, without an account. Revoked or unknown links: 404, same page."""
    link = services.intake_link_lookup(token)
    if link is None:
        response = render(request, "casework/intake_link_gone.html", status=404)
        response["Referrer-Policy"] = "same-origin"
        return response
    form = IntakeForm(request.POST or None, fixed_place=link.place)
    if request.method == "POST" and form.is_valid():
        try:
            _create(form, place=link.place, link=link)
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            response = render(request, "casework/intake_sent.html", {"again_url": request.path})
            response["Referrer-Policy"] = "same-origin"
            return response
    response = render(
        request, "casework/intake_form.html", {"form": form, "place": link.place, "by_link": True}
    )
    response["Referrer-Policy"] = "same-origin"
    return response


@roles(*DESK)
def intake_inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Intake.Status.NEW)
    if status not in Intake.Status.values:
        status = Intake.Status.NEW
    return render(
        request,
        "casework/intake_inbox.html",
        {
            "intakes": selectors.intake_inbox(status)[:200],
            "status": status,
            "statuses": Intake.Status.choices,
        },
    )


def _register_url(intake: Intake) -> str:
    try:
        return reverse("casework:person_new") + f"?encounter={intake.encounter.code}"
    except NoReverseMatch:
        return ""


@roles(*DESK)
def intake_detail(request: HttpRequest, code) -> HttpResponse:
    """One intake, with how to reach the person (decrypted: the read is audited)."""
    intake = get_intake_for(request.user, code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=intake)
    return render(
        request,
        "casework/intake_detail.html",
        {
            "intake": intake,
            "register_url": _register_url(intake) if intake.encounter_id else "",
        },
    )


@roles(*DESK)
@require_POST
def intake_accept(request: HttpRequest, code) -> HttpResponse:
    intake = get_intake_for(request.user, code)
    try:
        services.intake_accept(by=request.user, intake=intake)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("tutoring:intake_detail", code=intake.code)
    intake.refresh_from_db()
    register_url = _register_url(intake)
    if request.POST.get("register") and register_url:
        return redirect(register_url)
    messages.success(request, _("Intake accepted: it is now an encounter of yours."))
    return redirect("tutoring:intake_detail", code=intake.code)


@roles(*DESK)
@require_POST
def intake_dismiss(request: HttpRequest, code) -> HttpResponse:
    intake = get_intake_for(request.user, code)
    try:
        services.intake_dismiss(by=request.user, intake=intake)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Intake dismissed."))
    return redirect("tutoring:intake_inbox")


@roles(*DESK)
def intake_links(request: HttpRequest) -> HttpResponse:
    """Each place's link for partner staff without an account; a new link is shown once."""
    form = IntakeLinkForm(request.POST or None)
    new_url = ""
    if request.method == "POST" and form.is_valid():
        _link, token = services.intake_link_create(
            by=request.user, place=form.cleaned_data["place"]
        )
        new_url = request.build_absolute_uri(reverse("links:intake", kwargs={"token": token}))
        messages.success(request, _("Link created. Copy it now: for safety it is not shown again."))
        form = IntakeLinkForm()
    return render(
        request,
        "casework/intake_links.html",
        {"form": form, "links": selectors.intake_links(), "new_url": new_url},
    )


@roles(*DESK)
@require_POST
def intake_link_revoke(request: HttpRequest, code) -> HttpResponse:
    link = IntakeLink.objects.filter(code=code).first()
    if link is not None:
        services.intake_link_revoke(by=request.user, link=link)
        messages.success(request, _("Link revoked: it no longer works."))
    return redirect("tutoring:intake_links")
