"""Referrals to directory services (closed loop), the printable slip, and the receiving service's
one-time link (no account: it shows the person's code and the note the person agreed to share)."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sportello.accounts.access import public, roles
from sportello.accounts.models import AuditEvent
from sportello.accounts.services import audit, audit_object
from sportello.casework import selectors, services
from sportello.casework.access import get_beneficiary_for, get_referral_for
from sportello.casework.models import Consent, Need, Path, Referral
from sportello.casework.path_forms import ReferralForm, ReferralStateForm
from sportello.casework.path_views import DESK, person_url
from sportello.core.pdf import render_pdf


@roles(*DESK)
def referral_create(request: HttpRequest, code: str) -> HttpResponse:
    """Refer the person to a service (?service=<id>&need=<code> preselect a suggestion). The
    referral starts as a draft; sending it is a separate, consent-checked step."""
    beneficiary = get_beneficiary_for(request.user, code, write=True)
    paths = list(
        beneficiary.paths.filter(status__in=[Path.Status.PROPOSED, Path.Status.ACTIVE]).order_by(
            "-start_date"
        )
    )
    needs = beneficiary.needs.filter(status=Need.Status.OPEN).select_related("category")
    need = (
        needs.filter(code=request.GET.get("need")).first()
        if _uuid(request.GET.get("need"))
        else None
    )
    services_qs = selectors.service_choices_for(None)
    initial = {
        "path": str(paths[0].code) if paths else "new",
        "need": need,
        "service": request.GET.get("service") if _uuid(request.GET.get("service")) else None,
    }
    form = ReferralForm(
        request.POST or None, initial=initial, paths=paths, needs=needs, services=services_qs
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        path = data["path"] or services.path_create(
            by=request.user,
            beneficiary=beneficiary,
            start_date=timezone.localdate(),
            status=Path.Status.ACTIVE,
        )
        referral = services.referral_create(
            by=request.user,
            path=path,
            service=data["service"],
            need=data["need"],
            note_for_service=data["note_for_service"],
        )
        messages.success(request, _("Referral prepared. Check it, then send it to the service."))
        return redirect("tutoring:referral_detail", code=referral.code)
    return render(
        request,
        "casework/referral_create.html",
        {"beneficiary": beneficiary, "form": form, "person_url": person_url(beneficiary)},
    )


def _uuid(value: str | None) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _referral_page(request: HttpRequest, referral: Referral, *, token: str = "", status=200):
    beneficiary = referral.path.beneficiary
    page = selectors.referral_page(referral)
    states = services.referral_next_states(referral)
    return render(
        request,
        "casework/referral_detail.html",
        {
            "referral": referral,
            "path": referral.path,
            "beneficiary": beneficiary,
            "person_url": person_url(beneficiary),
            "state_form": ReferralStateForm(states=states) if states else None,
            "provider_url": (
                request.build_absolute_uri(reverse("links:provider", kwargs={"token": token}))
                if token
                else ""
            ),
            "slip_language": selectors.slip_language(beneficiary),
            "slip_languages": [
                (code, name)
                for code, name in settings.LANGUAGES
                if code in settings.PUBLIC_LANGUAGES
            ],
            "is_final": referral.state in services.REFERRAL_FINAL,
            "consent_url": _consent_url(referral),
            **page,
        },
        status=status,
    )


def _consent_url(referral: Referral) -> str:
    """The people pages' consent form, preset to sharing with this referral's service."""
    beneficiary = referral.path.beneficiary
    try:
        url = reverse("casework:consent_add", kwargs={"code": beneficiary.code})
    except NoReverseMatch:
        return person_url(beneficiary)
    return f"{url}?purpose={Consent.Purpose.SHARE_WITH_SERVICE}&service={referral.service_id}"


@roles(*DESK)
def referral_detail(request: HttpRequest, code) -> HttpResponse:
    referral = get_referral_for(request.user, code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=referral)
    return _referral_page(request, referral)


@roles(*DESK)
@require_POST
def referral_send(request: HttpRequest, code) -> HttpResponse:
    """Send the referral. The one-time link for the service is shown in this response only:
    the database keeps just its hash."""
    referral = get_referral_for(request.user, code, write=True)
    try:
        token = services.referral_send(by=request.user, referral=referral)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("tutoring:referral_detail", code=referral.code)
    referral.refresh_from_db()
    messages.success(
        request,
        _("Referral sent. Give the service the link below (it works once, until the outcome)."),
    )
    return _referral_page(request, referral, token=token)


@roles(*DESK)
@require_POST
def referral_link_renew(request: HttpRequest, code) -> HttpResponse:
    referral = get_referral_for(request.user, code, write=True)
    try:
        token = services.referral_link_renew(by=request.user, referral=referral)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("tutoring:referral_detail", code=referral.code)
    messages.success(request, _("New link created: the previous one no longer works."))
    return _referral_page(request, referral, token=token)


@roles(*DESK)
@require_POST
def referral_state(request: HttpRequest, code) -> HttpResponse:
    """The operator records a change (e.g. the service phoned, or the person withdrew)."""
    referral = get_referral_for(request.user, code, write=True)
    form = ReferralStateForm(request.POST, states=services.referral_next_states(referral))
    if not form.is_valid():
        messages.error(request, _("Choose one of the states offered."))
        return redirect("tutoring:referral_detail", code=referral.code)
    try:
        services.referral_transition(
            referral=referral,
            state=form.cleaned_data["state"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Referral updated."))
    return redirect("tutoring:referral_detail", code=referral.code)


@roles(*DESK)
def referral_slip(request: HttpRequest, code) -> HttpResponse:
    """The printable slip (PDF) in the person's language, or ?lang=xx among the public ones."""
    referral = get_referral_for(request.user, code)
    language = request.GET.get("lang") or selectors.slip_language(referral.path.beneficiary)
    if language not in settings.PUBLIC_LANGUAGES:
        raise Http404("No such language.")
    pdf = render_pdf("casework/referral_slip.typ", selectors.slip_data(referral, language))
    audit_object(
        user=request.user, action=AuditEvent.Action.EXPORT, obj=referral, detail=f"slip {language}"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"slip-{referral.path.beneficiary.code}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the receiving service's one-time link (no account) ----------------------------------------


def _no_store(response: HttpResponse) -> HttpResponse:
    """Secret-link pages: never cached; the URL (with its token) is never sent to other sites.
    "same-origin", not "no-referrer": with no referrer the browser posts "Origin: null" and the
    CSRF check refuses the service's answer."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public
@never_cache
def provider(request: HttpRequest, token: str) -> HttpResponse:
    """What the receiving service sees: the person's code, the date, and — while the person's
    consent to share with this service stands — the note for the service. Never a name. The
    service records received / in progress / completed / declined / no-show; after a final
    state the link is used up. Unknown, expired and used links get the same page (410)."""
    link = services.referral_link_lookup(token)
    if link is None:
        return _no_store(render(request, "casework/provider_gone.html", status=410))
    referral = link.referral
    states = services.referral_next_states(referral, provider=True)
    form = ReferralStateForm(request.POST or None, states=states)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_transition(
                referral=referral,
                state=form.cleaned_data["state"],
                by_provider=True,
                note=form.cleaned_data["note"],
            )
        except services.NotAllowed as exc:
            form.add_error("state", str(exc))
        else:
            referral.refresh_from_db()
            if referral.state in services.REFERRAL_FINAL:
                return _no_store(
                    render(request, "casework/provider_done.html", {"referral": referral})
                )
            return _no_store(redirect("links:provider", token=token))
    shared = services.has_sharing_consent(referral.path.beneficiary, referral.service)
    # The service reads the person's code (and the note): a read like any other, by no account.
    audit(
        user=None,
        action=AuditEvent.Action.READ,
        object_type="casework.referral",
        object_code=referral.code,
        detail="via link" + (" with note" if shared and referral.note_for_service else ""),
    )
    return _no_store(
        render(
            request,
            "casework/provider.html",
            {
                "referral": referral,
                "code": referral.path.beneficiary.code,
                "note": referral.note_for_service if shared else "",
                "form": form,
                "expires_at": link.expires_at,
            },
        )
    )
