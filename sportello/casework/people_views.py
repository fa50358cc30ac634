"""Staff pages of the people side of casework: /app/people/… and /app/encounters/….

Every view gets the person through casework.access (404 for people the user does not follow),
and every read, change or export of a person's data writes an audit row (codes only)."""

import json
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sportello.accounts.access import recent_auth, roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit, audit_object
from sportello.casework import selectors, services
from sportello.casework.access import (
    beneficiaries_for,
    can_see_sensitive,
    can_transfer,
    get_beneficiary_for,
)
from sportello.casework.consent_texts import CURRENT_VERSION, readings
from sportello.casework.models import Beneficiary, Consent, Encounter, Identity
from sportello.casework.people_export import access_request_pdf
from sportello.casework.people_forms import (
    ConsentForm,
    EditProfileForm,
    EncounterForm,
    EraseForm,
    FindForm,
    IdentityForm,
    LinkEncounterForm,
    NeedForm,
    NeedStatusForm,
    NoteForm,
    RegisterForm,
    TransferForm,
)
from sportello.directory.models import Service

DESK = (Role.COORDINATOR, Role.OPERATOR)
EXPORT_LANGUAGES = ("it", "en")
PAGE_SIZE = 50


class PersonNotFound(Http404):
    pass


def _person(request: HttpRequest, code: str, *, write: bool = False) -> Beneficiary:
    try:
        return get_beneficiary_for(request.user, code, write=write)
    except Http404:
        raise PersonNotFound(code) from None


def clear_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An unknown code (or one the user does not follow: same answer) gets a page that says so."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PersonNotFound:
            return render(
                request,
                "casework/person_not_found.html",
                {"code": str(kwargs.get("code", ""))[:20]},
                status=404,
            )

    return wrapper


def _read(request: HttpRequest, person: Beneficiary, detail: str = "") -> None:
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=person, detail=detail)


# --- list, find, register ----------------------------------------------------------------------


@roles(*DESK)
def person_list(request: HttpRequest) -> HttpResponse:
    # A search is sent by POST: a name or phone number typed must not end up in a URL (browser
    # history, a proxy's access log, the Referer header). A code found opens the person's page.
    form = FindForm(request.POST if request.method == "POST" else None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    found = selectors.find_people(request.user, query) if query else None
    if found is not None:
        audit(
            user=request.user,
            action=AuditEvent.Action.READ,
            object_type="casework.beneficiary",
            detail=f"find by {found.kind}: {len(found.people)} found",
        )
        if found.kind == "code" and len(found.people) == 1:
            return redirect("casework:person", code=found.people[0].code)
    page = None
    if found is None:
        page = Paginator(selectors.beneficiary_list(request.user), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    return render(
        request,
        "casework/person_list.html",
        {"form": form, "found": found, "query": query, "page": page},
    )


@roles(*DESK)
def person_create(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        identity = form.identity()
        if not form.cleaned_data.get("confirm_duplicates"):
            duplicates = selectors.possible_duplicates(
                request.user,
                first_name=identity.first_name,
                family_name=identity.family_name,
                phone=identity.phone,
            )
        if not duplicates:
            person = services.beneficiary_create(
                by=request.user,
                identity=None if identity.is_empty() else identity,
                consents=form.consents(),
                **form.profile(),
            )
            messages.success(
                request,
                _("Registered with code %(code)s. Give the code to the person and write it down.")
                % {"code": person.code},
            )
            return redirect("casework:person", code=person.code)
        # Shown again with the warning; submitting it once more registers the person anyway.
        form = RegisterForm(_with_confirmation(request))
        form.is_valid()
    spoken = [code for code in form["languages"].value() or [] if isinstance(code, str)]
    return render(
        request,
        "casework/person_create.html",
        {
            "form": form,
            "duplicates": duplicates,
            "consent_version": CURRENT_VERSION,
            # In the languages ticked on the form, once it has been sent back.
            "follow_up_readings": readings(Consent.Purpose.FOLLOW_UP, person_languages=spoken),
            "phone_readings": readings(Consent.Purpose.CONTACT_BY_PHONE, person_languages=spoken),
        },
    )


def _with_confirmation(request: HttpRequest):
    data = request.POST.copy()
    data["confirm_duplicates"] = "on"
    return data


# --- the person's page ---------------------------------------------------------------------------


@roles(*DESK)
@clear_404
def person_detail(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code)
    _read(request, person)
    page = selectors.person_page(person)
    sensitive_ok = can_see_sensitive(request.user, person)
    if not sensitive_ok:  # never reached through the access helper; a second lock on the door
        page["needs"] = [n for n in page["needs"] if not n.category.sensitive]
        page["open_needs"] = [n for n in page["open_needs"] if not n.category.sensitive]
    suggestions = selectors.suggestions_for_needs(page["open_needs"], limit=3)
    for need in page["open_needs"]:
        need.suggestions = suggestions.get(need.pk, [])
    return render(
        request,
        "casework/person_detail.html",
        {
            "person": person,
            **page,
            "paths": selectors.paths_of(person),
            "follow_up_withdrawn_at": page["consent_state"].follow_up_withdrawn_at,
            "note_form": NoteForm(),
            "can_transfer": can_transfer(request.user, person),
            "can_erase": request.user.role == Role.COORDINATOR and person.erased_at is None,
        },
    )


@roles(*DESK)
@clear_404
def person_identity(request: HttpRequest, code: str) -> HttpResponse:
    """Identity is shown only here, on request: each opening is an audit row."""
    person = _person(request, code, write=request.method == "POST")
    identity = Identity.objects.filter(beneficiary=person).first()
    may_call = selectors.has_consent(person, Consent.Purpose.CONTACT_BY_PHONE)
    if request.method == "POST":
        form = IdentityForm(request.POST)
        if form.is_valid():
            try:
                services.identity_update(by=request.user, beneficiary=person, data=form.identity())
            except services.NotAllowed as exc:
                form.add_error("phone", str(exc))
            else:
                messages.success(request, _("Identity saved."))
                return redirect("casework:person", code=person.code)
    else:
        _read(request, person, "identity")
        initial = {}
        if identity is not None:
            initial = {
                "first_name": identity.first_name,
                "family_name": identity.family_name,
                "phone": identity.phone,
                "email": identity.email,
            }
        form = IdentityForm(initial=initial)
    return render(
        request,
        "casework/person_identity.html",
        {"person": person, "identity": identity, "form": form, "may_call": may_call},
    )


@roles(*DESK)
@clear_404
def person_edit(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    initial = {
        "gender": person.gender,
        "year_of_birth": person.year_of_birth,
        "citizenship": person.citizenship,
        "languages": person.languages,
        "municipality": person.municipality,
        "generation": person.generation,
        "arrival_year": person.arrival_year,
        "version": person.version,
    }
    form = EditProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.beneficiary_update(
                by=request.user,
                beneficiary=person,
                version=form.cleaned_data["version"],
                **form.profile(),
            )
        except services.StaleVersion:
            messages.error(
                request,
                _(
                    "Someone else changed this person's record while you were editing: nothing "
                    "was saved. The form now shows the current record; make your change again."
                ),
            )
            return redirect("casework:person_edit", code=person.code)
        messages.success(request, _("Changes saved."))
        return redirect("casework:person", code=person.code)
    if request.method == "GET":
        _read(request, person, "edit form")
    return render(request, "casework/person_edit.html", {"person": person, "form": form})


@roles(*DESK)
@require_POST
@clear_404
def note_add(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_add(by=request.user, beneficiary=person, text=form.cleaned_data["text"])
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("Write the note before saving it."))
    return redirect(f"{_person_url(person)}#notes")


def _person_url(person: Beneficiary) -> str:
    return reverse("casework:person", kwargs={"code": person.code})


def _active_service(service_id: str) -> Service | None:
    try:
        return Service.objects.get(pk=service_id, status=Service.Status.ACTIVE)
    except (Service.DoesNotExist, ValidationError, ValueError):
        return None


# --- consent --------------------------------------------------------------------------------------


@roles(*DESK)
@clear_404
def consent_add(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    initial = {}
    if request.GET.get("purpose") in Consent.Purpose.values:
        initial["purpose"] = request.GET["purpose"]
    service = _active_service(request.GET.get("service", ""))
    if service is not None:
        initial = {"purpose": Consent.Purpose.SHARE_WITH_SERVICE, "service": service}
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.consent_record(
            by=request.user,
            beneficiary=person,
            purpose=form.cleaned_data["purpose"],
            service=form.cleaned_data.get("service"),
        )
        messages.success(request, _("Consent recorded."))
        return redirect(f"{_person_url(person)}#consents")
    chosen = initial.get("service")
    service_name = chosen.name if chosen is not None else _("the chosen service")
    texts = [
        {
            "purpose": label,
            "value": value,
            "readings": readings(
                value, person_languages=person.languages, service_name=service_name
            ),
        }
        for value, label in Consent.Purpose.choices
    ]
    return render(
        request,
        "casework/consent_form.html",
        {"person": person, "form": form, "texts": texts, "version": CURRENT_VERSION},
    )


@roles(*DESK)
@require_POST
@clear_404
def consent_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=True)
    try:
        consent = person.consents.get(pk=int(request.POST.get("consent", "")))
    except (Consent.DoesNotExist, ValueError):
        raise PersonNotFound(code) from None
    try:
        services.consent_withdraw(by=request.user, consent=consent)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, WITHDRAWN_MESSAGES.get(consent.purpose, _("Consent withdrawn.")))
    return redirect(f"{_person_url(person)}#consents")


WITHDRAWN_MESSAGES = {
    Consent.Purpose.FOLLOW_UP: gettext_lazy(
        "Consent withdrawn. The person's follow-ups are off the agenda and no new one can be "
        "scheduled."
    ),
    Consent.Purpose.CONTACT_BY_PHONE: gettext_lazy(
        "Consent withdrawn. No phone number is kept for this person any more: do not call them."
    ),
    Consent.Purpose.SHARE_WITH_SERVICE: gettext_lazy(
        "Consent withdrawn. Nothing more is shared with this service."
    ),
    Consent.Purpose.COURSE_IDENTITY: gettext_lazy(
        "Consent withdrawn. The teachers now see the person's code instead of their name."
    ),
}


# --- needs and suggested services ---------------------------------------------------------------


@roles(*DESK)
@clear_404
def need_create(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = services.need_create(by=request.user, beneficiary=person, **form.cleaned_data)
        messages.success(request, _("Need recorded. Here are the matching services."))
        return redirect("casework:need", code=person.code, need=need.code)
    return render(request, "casework/need_form.html", {"person": person, "form": form})


def _need(person: Beneficiary, need_code):
    return get_object_or_404(
        person.needs.select_related("category", "beneficiary__municipality"), code=need_code
    )


@roles(*DESK)
@clear_404
def need_detail(request: HttpRequest, code: str, need) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    need_obj = _need(person, need)
    form = NeedStatusForm(
        request.POST or None, initial={"status": need_obj.status, "priority": need_obj.priority}
    )
    if request.method == "POST" and form.is_valid():
        services.need_update(by=request.user, need=need_obj, **form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect("casework:need", code=person.code, need=need_obj.code)
    audit_object(user=request.user, action=AuditEvent.Action.READ, obj=need_obj)
    return render(
        request,
        "casework/need_detail.html",
        {
            "person": person,
            "need": need_obj,
            "form": form,
            "suggestions": selectors.suggest_services(need_obj),
        },
    )


@roles(*DESK)
@require_POST
@clear_404
def need_pick(request: HttpRequest, code: str, need) -> HttpResponse:
    person = _person(request, code, write=True)
    need_obj = _need(person, need)
    service = _active_service(request.POST.get("service", ""))
    if service is None:
        messages.error(request, _("Choose one of the suggested services."))
        return redirect("casework:need", code=person.code, need=need_obj.code)
    services.need_pick_service(by=request.user, need=need_obj, service=service)
    messages.success(
        request,
        _("“%(service)s” recorded as suggested on today's encounter.") % {"service": service.name},
    )
    return redirect("casework:need", code=person.code, need=need_obj.code)


# --- encounters -----------------------------------------------------------------------------------


@roles(*DESK)
def encounter_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.encounter_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for encounter in page.object_list:
        encounter.shown_needs = selectors.visible_needs(encounter)
    return render(request, "casework/encounter_list.html", {"page": page})


def _encounter_form(request: HttpRequest, person: Beneficiary | None) -> EncounterForm:
    initial = {
        "date": timezone.localdate(),
        "place": selectors.current_place_for(request.user),
    }
    return EncounterForm(request.POST or None, initial=initial, person=person)


def _save_encounter(request, form: EncounterForm, person: Beneficiary | None) -> Encounter:
    data = form.cleaned_data
    return services.encounter_create(
        by=request.user,
        date=data["date"],
        place=data.get("place"),
        referral_source=data["referral_source"],
        beneficiary=person,
        gender=data.get("gender", ""),
        age_band=data.get("age_band", ""),
        language=data.get("language", ""),
        needs=list(data.get("needs") or []),
        information_given=data.get("information_given", ""),
        services_suggested=list(data.get("services_suggested") or []),
    )


@roles(*DESK)
def encounter_create(request: HttpRequest) -> HttpResponse:
    """An anonymous encounter: gender, age band and language only."""
    form = _encounter_form(request, None)
    if request.method == "POST" and form.is_valid():
        _save_encounter(request, form, None)
        messages.success(request, _("Encounter saved."))
        if "another" in request.POST:
            return redirect("casework:encounter_create")
        return redirect("casework:encounter_list")
    return render(request, "casework/encounter_form.html", {"form": form, "person": None})


@roles(*DESK)
@clear_404
def person_encounter_create(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    form = _encounter_form(request, person)
    if request.method == "POST" and form.is_valid():
        _save_encounter(request, form, person)
        messages.success(request, _("Encounter saved."))
        return redirect(f"{_person_url(person)}#encounters")
    return render(request, "casework/encounter_form.html", {"form": form, "person": person})


@roles(*DESK)
def encounter_link(request: HttpRequest, encounter) -> HttpResponse:
    encounter_obj = get_object_or_404(
        selectors.encounters_for(request.user).select_related("place"), code=encounter
    )
    if encounter_obj.beneficiary_id is not None:
        messages.error(request, _("This encounter already belongs to a person."))
        return redirect("casework:encounter_list")
    form = LinkEncounterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = get_beneficiary_for(
                request.user, selectors.normalise_code(form.cleaned_data["code"]), write=True
            )
        except Http404:
            form.add_error(
                "code", _("No person with this code among the people you follow. Check the code.")
            )
        else:
            services.encounter_link(by=request.user, encounter=encounter_obj, beneficiary=person)
            messages.success(request, _("Encounter added to the person's record."))
            return redirect(f"{_person_url(person)}#encounters")
    return render(
        request, "casework/encounter_link.html", {"form": form, "encounter": encounter_obj}
    )


# --- transfers, access request, erasure ---------------------------------------------------------


@roles(*DESK)
@clear_404
def person_transfer(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=request.method == "POST")
    if not can_transfer(request.user, person):
        raise PersonNotFound(code)
    form = TransferForm(request.POST or None, beneficiary=person, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.beneficiary_transfer(
                by=request.user,
                beneficiary=person,
                to_operator=form.cleaned_data["to_operator"],
                from_operator=form.cleaned_data.get("from_operator"),
            )
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The person has been transferred."))
            if beneficiaries_for(request.user).filter(pk=person.pk).exists():
                return redirect("casework:person", code=person.code)
            return redirect("casework:person_list")
    return render(request, "casework/person_transfer.html", {"person": person, "form": form})


@roles(*DESK)
@clear_404
def person_export(request: HttpRequest, code: str) -> HttpResponse:
    """Access request (GDPR art. 15): the page offering the download."""
    person = _person(request, code)
    return render(request, "casework/person_export.html", {"person": person})


@roles(*DESK)
@recent_auth
@clear_404
def person_export_json(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code)
    data = selectors.beneficiary_export(person)
    audit_object(user=request.user, action=AuditEvent.Action.EXPORT, obj=person, detail="json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{person.code}.json"'
    response["Cache-Control"] = "no-store"
    return response


@roles(*DESK)
@recent_auth
@clear_404
def person_export_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The same content as the JSON, readable, in Italian or English (?lang=)."""
    person = _person(request, code)
    language = request.GET.get("lang", "")
    if language not in EXPORT_LANGUAGES:
        language = (
            translation.get_language() if translation.get_language() in EXPORT_LANGUAGES else "it"
        )
    pdf = access_request_pdf(selectors.beneficiary_export(person), language=language)
    audit_object(user=request.user, action=AuditEvent.Action.EXPORT, obj=person, detail="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{person.code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@roles(Role.COORDINATOR)
@recent_auth
@clear_404
def person_erase(request: HttpRequest, code: str) -> HttpResponse:
    person = _person(request, code, write=True)
    form = EraseForm(request.POST or None, beneficiary=person)
    if request.method == "POST" and form.is_valid():
        services.beneficiary_erase(by=request.user, beneficiary=person, reason="request")
        messages.success(
            request,
            _("Identity and free text erased. The anonymous facts remain for the counts."),
        )
        return redirect("casework:person", code=person.code)
    return render(request, "casework/person_erase.html", {"person": person, "form": form})
