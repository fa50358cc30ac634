"""Writes of the casework app. Every function is keyword-only, runs in a transaction and writes
an audit row naming the object by type and code only (never personal data)."""

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.accounts.models import AuditEvent, Role, User
from sportello.accounts.services import audit, audit_object
from sportello.casework.consent_texts import CURRENT_VERSION as CONSENT_VERSION
from sportello.casework.models import (
    Beneficiary,
    Consent,
    Encounter,
    FollowUp,
    Goal,
    Identity,
    Intake,
    IntakeLink,
    Need,
    Note,
    Path,
    Referral,
    ReferralEvent,
    ReferralLink,
    ReferralSource,
    Transfer,
)
from sportello.core.crypto import blind_index
from sportello.directory.models import Service, TaxonomyTerm
from sportello.learning.models import Assessment, Enrolment, Selection
from sportello.territory.models import Municipality, Place

# ---------------------------------------------------------------------------------------------
# People: beneficiaries and identities (helper-6)
# ---------------------------------------------------------------------------------------------

NAME_INDEX = "name"
PHONE_INDEX = "phone"


def full_name_index(first_name: str, family_name: str) -> str:
    """Blind index of the normalised full name ("first family"); empty when both are empty."""
    return blind_index(f"{first_name} {family_name}", purpose=NAME_INDEX)


def phone_digits(phone: str) -> str:
    """Digits only, a leading + kept (00 read as +): '+39 333 12-34' → '+393331234'."""
    phone = phone.strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("00"):
        return "+" + digits[2:]
    return ("+" if phone.startswith("+") else "") + digits


def phone_index(phone: str) -> str:
    return blind_index(phone_digits(phone), purpose=PHONE_INDEX)


@dataclass(frozen=True)
class IdentityData:
    first_name: str = ""
    family_name: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not any([self.first_name, self.family_name, self.phone, self.email])


def _write_identity(beneficiary: Beneficiary, data: IdentityData) -> Identity | None:
    identity = Identity.objects.filter(beneficiary=beneficiary).first()
    if data.is_empty():
        if identity is not None:
            identity.delete()
        return None
    identity = identity or Identity(beneficiary=beneficiary)
    identity.first_name = data.first_name.strip()
    identity.family_name = data.family_name.strip()
    identity.phone = data.phone.strip()
    identity.email = data.email.strip()
    identity.name_index = full_name_index(identity.first_name, identity.family_name)
    identity.phone_index = phone_index(identity.phone) if identity.phone else ""
    identity.save()
    return identity


@transaction.atomic
def beneficiary_create(
    *,
    by: User,
    gender: str,
    year_of_birth: int | None = None,
    citizenship: str = "",
    languages: list[str] | None = None,
    municipality: Municipality | None = None,
    generation: str = Beneficiary.Generation.UNKNOWN,
    arrival_year: int | None = None,
    identity: IdentityData | None = None,
    operators: list[User] | None = None,
    consents: Sequence[str] = (),
) -> Beneficiary:
    """Register a person under a new pseudonymous code, with the consents (purposes other than
    sharing) they gave at registration. Identity is optional; when given it is stored encrypted
    with blind indexes of the normalised full name and of the phone digits. A phone number is
    kept only to call the person, so it needs their consent to be contacted by phone.
    The creating operator follows the person unless `operators` says otherwise."""
    phone = identity is not None and identity.phone.strip()
    if phone and Consent.Purpose.CONTACT_BY_PHONE not in consents:
        raise NotAllowed(PHONE_NEEDS_CONSENT)
    beneficiary = Beneficiary(
        gender=gender,
        year_of_birth=year_of_birth,
        citizenship=citizenship.upper(),
        languages=sorted(set(languages or [])),
        municipality=municipality,
        generation=generation,
        arrival_year=arrival_year,
        created_by=by,
    )
    while Beneficiary.objects.filter(code=beneficiary.code).exists():  # 31^6 codes: rare
        beneficiary.code = Beneficiary._meta.get_field("code").get_default()
    beneficiary.full_clean()
    beneficiary.save()
    if operators is None:
        operators = [by] if by.role == "operator" else []
    beneficiary.operators.set(operators)
    if identity is not None:
        _write_identity(beneficiary, identity)
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=beneficiary)
    for purpose in dict.fromkeys(consents):
        consent_record(by=by, beneficiary=beneficiary, purpose=purpose)
    return beneficiary


def _audit_person(by: User | None, action: str, beneficiary: Beneficiary, detail: str = "") -> None:
    audit_object(user=by, action=action, obj=beneficiary, detail=detail)


@transaction.atomic
def beneficiary_update(
    *,
    by: User,
    beneficiary: Beneficiary,
    version: int,
    gender: str,
    year_of_birth: int | None,
    citizenship: str,
    languages: list[str],
    municipality: Municipality | None,
    generation: str,
    arrival_year: int | None,
) -> Beneficiary:
    """Change the person's profile (not the identity). Raises StaleVersion when someone else saved
    the record since `version` was read: nothing is written then."""
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    _lock_version(Beneficiary, beneficiary, version)
    beneficiary.gender = gender
    beneficiary.year_of_birth = year_of_birth
    beneficiary.citizenship = citizenship.upper()
    beneficiary.languages = sorted(set(languages))
    beneficiary.municipality = municipality
    beneficiary.generation = generation
    beneficiary.arrival_year = arrival_year
    # created_by is empty once the account that registered the person has been deleted.
    beneficiary.full_clean(exclude=["code", "created_by"])
    beneficiary.save(update_fields=PROFILE_FIELDS)
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, "profile")
    return beneficiary


PROFILE_FIELDS = [
    "gender",
    "year_of_birth",
    "citizenship",
    "languages",
    "municipality",
    "generation",
    "arrival_year",
]


@transaction.atomic
def identity_update(*, by: User, beneficiary: Beneficiary, data: IdentityData) -> Identity | None:
    """Replace the identity (all fields empty: the identity is deleted). A phone number needs the
    person's consent to be contacted by phone, in force."""
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    from sportello.casework.selectors import has_consent

    if data.phone.strip() and not has_consent(beneficiary, Consent.Purpose.CONTACT_BY_PHONE):
        raise NotAllowed(PHONE_NEEDS_CONSENT)
    identity = _write_identity(beneficiary, data)
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, "identity")
    return identity


@transaction.atomic
def note_add(*, by: User, beneficiary: Beneficiary, text: str) -> Note:
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    if not text.strip():
        raise NotAllowed(_("Write the note."))
    note = Note.objects.create(beneficiary=beneficiary, text=text.strip(), created_by=by)
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, "note added")
    return note


@transaction.atomic
def consent_record(
    *,
    by: User,
    beneficiary: Beneficiary,
    purpose: str,
    service: Service | None = None,
    text_version: str = CONSENT_VERSION,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record a consent for one purpose (sharing: with one named service), with the version of
    the text shown. An identical consent still in force is returned unchanged."""
    if purpose not in Consent.Purpose.values:
        raise NotAllowed(_("Choose what the person agrees to."))
    if purpose == Consent.Purpose.SHARE_WITH_SERVICE:
        if service is None:
            raise NotAllowed(_("Choose the service the person agrees to share their data with."))
    else:
        service = None
    existing = Consent.objects.filter(
        beneficiary=beneficiary,
        purpose=purpose,
        service=service,
        text_version=text_version,
        withdrawn_at__isnull=True,
    ).first()
    if existing is not None:
        return existing
    consent = Consent.objects.create(
        beneficiary=beneficiary,
        purpose=purpose,
        service=service,
        text_version=text_version,
        given_at=given_at or timezone.now(),
        recorded_by=by,
    )
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, f"consent {purpose} given")
    return consent


@transaction.atomic
def consent_withdraw(*, by: User, consent: Consent) -> Consent:
    """Withdraw a consent (GDPR art. 7(3)); what it allowed stops now:
    - contact by phone: the phone number and its blind index are erased (the number is kept only
      to call the person), unless another consent to be called is still in force;
    - follow-up: the person's follow-ups leave every agenda and no new one can be scheduled
      (selectors.due_follow_ups, followup_create); the record stays until erased;
    - sharing with a service: no referral can be sent to it, no new link made, and its link stops
      showing the note (referral_send, referral_link_renew, the provider view);
    - course identity: the teacher sees the code instead of the name (learning.selectors)."""
    consent = Consent.objects.select_for_update().select_related("beneficiary").get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise NotAllowed(_("This consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    beneficiary = consent.beneficiary
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, f"consent {consent.purpose} withdrawn")
    from sportello.casework.selectors import has_consent

    phone = Consent.Purpose.CONTACT_BY_PHONE
    if consent.purpose == phone and not has_consent(beneficiary, phone):
        _erase_phone(by, beneficiary)
    return consent


def _erase_phone(by: User, beneficiary: Beneficiary) -> None:
    """Empty the stored phone number and its blind index (the identity goes when nothing else is
    left in it). Audited without the number."""
    identity = Identity.objects.select_for_update().filter(beneficiary=beneficiary).first()
    if identity is None or not (identity.phone or identity.phone_index):
        return
    if not (identity.first_name or identity.family_name or identity.email):
        identity.delete()
    else:
        identity.phone = ""
        identity.phone_index = ""
        identity.save(update_fields=["phone", "phone_index"])
    _audit_person(by, AuditEvent.Action.DELETE, beneficiary, "identity: phone erased (consent)")


PHONE_NEEDS_CONSENT = gettext_lazy(
    "The person has not agreed to be contacted by phone: leave the phone empty, or record their "
    "consent to be contacted by phone first."
)


def follow_up_stopped_message(withdrawn_at: dt.datetime) -> str:
    return _(
        "The person withdrew their consent to follow-up on %(date)s: no follow-up can be "
        "scheduled. Record their consent again if they ask to be followed."
    ) % {"date": date_format(timezone.localtime(withdrawn_at).date(), "j F Y")}


def _person_defaults(encounter: Encounter, beneficiary: Beneficiary) -> None:
    """An encounter of a known person takes their gender, age band and first language."""
    from sportello.casework.selectors import age_band_for

    encounter.gender = encounter.gender or beneficiary.gender
    encounter.age_band = encounter.age_band or age_band_for(
        beneficiary.year_of_birth, encounter.date
    )
    encounter.language = encounter.language or (beneficiary.languages or [""])[0]


@transaction.atomic
def encounter_create(
    *,
    by: User,
    date: dt.date,
    referral_source: str,
    place: Place | None = None,
    beneficiary: Beneficiary | None = None,
    gender: str = "",
    age_band: str = "",
    language: str = "",
    needs: list[TaxonomyTerm] = (),
    information_given: str = "",
    services_suggested: list[Service] = (),
) -> Encounter:
    """A contact with one person: anonymous (gender, age band, language only) or, with
    `beneficiary`, part of the person's record."""
    if date > timezone.localdate():
        raise NotAllowed(_("The date of an encounter cannot be in the future."))
    if beneficiary is not None and beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    encounter = Encounter(
        date=date,
        place=place,
        operator=by,
        beneficiary=beneficiary,
        referral_source=referral_source,
        gender=gender,
        age_band=age_band,
        language=language,
        information_given=information_given.strip(),
    )
    if beneficiary is not None:
        _person_defaults(encounter, beneficiary)
    encounter.full_clean()
    encounter.save()
    encounter.needs.set(needs)
    encounter.services_suggested.set(services_suggested)
    audit_object(
        user=by,
        action=AuditEvent.Action.CREATE,
        obj=encounter,
        detail=beneficiary.code if beneficiary else "anonymous",
    )
    return encounter


@transaction.atomic
def encounter_link(*, by: User, encounter: Encounter, beneficiary: Beneficiary) -> Encounter:
    """Attach an anonymous encounter to a person (e.g. when they later ask to be followed)."""
    encounter = Encounter.objects.select_for_update().get(pk=encounter.pk)
    if encounter.beneficiary_id is not None:
        raise NotAllowed(_("This encounter already belongs to a person."))
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    encounter.beneficiary = beneficiary
    _person_defaults(encounter, beneficiary)
    encounter.save(update_fields=["beneficiary", "gender", "age_band", "language"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=encounter, detail=beneficiary.code)
    return encounter


@transaction.atomic
def need_create(
    *,
    by: User,
    beneficiary: Beneficiary,
    category: TaxonomyTerm,
    note: str = "",
    priority: str = Need.Priority.MEDIUM,
) -> Need:
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    need = Need(
        beneficiary=beneficiary,
        category=category,
        note=note.strip(),
        priority=priority,
        created_by=by,
    )
    need.full_clean()
    need.save()
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=need, detail=beneficiary.code)
    return need


@transaction.atomic
def need_update(*, by: User, need: Need, status: str, priority: str) -> Need:
    if status not in Need.Status.values or priority not in Need.Priority.values:
        raise NotAllowed(_("Choose a status and a priority from the lists."))
    need.status = status
    need.priority = priority
    need.save(update_fields=["status", "priority"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=need, detail=f"status={status}")
    return need


@transaction.atomic
def need_pick_service(
    *, by: User, need: Need, service: Service, on: dt.date | None = None
) -> Encounter:
    """The operator suggested `service` for `need`: recorded on today's encounter with the person
    (created when there is none yet)."""
    beneficiary = need.beneficiary
    if beneficiary.erased_at is not None:
        raise NotAllowed(_("This person's record was erased and can no longer be changed."))
    day = on or timezone.localdate()
    encounter = (
        Encounter.objects.filter(beneficiary=beneficiary, operator=by, date=day)
        .order_by("-created_at")
        .first()
    )
    if encounter is None:
        first = beneficiary.encounters.order_by("date", "created_at").first()
        encounter = encounter_create(
            by=by,
            date=day,
            beneficiary=beneficiary,
            place=first.place if first else None,
            referral_source=first.referral_source if first else ReferralSource.OUTREACH,
        )
    encounter.needs.add(need.category)
    encounter.services_suggested.add(service)
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=need, detail="service suggested")
    return encounter


@transaction.atomic
def beneficiary_transfer(
    *,
    by: User,
    beneficiary: Beneficiary,
    to_operator: User,
    from_operator: User | None = None,
) -> Transfer:
    """Move the person from one operator to another, with history (Transfer) and audit. The new
    operator also takes over the open paths and pending follow-ups of the old one."""
    if to_operator.role != Role.OPERATOR or not to_operator.is_active:
        raise NotAllowed(_("Choose an active social operator."))
    current = set(beneficiary.operators.values_list("pk", flat=True))
    if by.role == Role.OPERATOR:
        from_operator = by
    if from_operator is not None and from_operator.pk not in current:
        raise NotAllowed(_("This operator does not follow the person."))
    if to_operator.pk in current and (from_operator is None or from_operator == to_operator):
        raise NotAllowed(_("This operator already follows the person."))
    if from_operator is not None:
        beneficiary.operators.remove(from_operator)
        Path.objects.filter(
            beneficiary=beneficiary,
            operator=from_operator,
            status__in=[Path.Status.PROPOSED, Path.Status.ACTIVE],
        ).update(operator=to_operator)
        FollowUp.objects.filter(
            beneficiary=beneficiary, operator=from_operator, done_on__isnull=True
        ).update(operator=to_operator)
    beneficiary.operators.add(to_operator)
    transfer = Transfer.objects.create(
        beneficiary=beneficiary, from_operator=from_operator, to_operator=to_operator, by=by
    )
    _audit_person(by, AuditEvent.Action.UPDATE, beneficiary, "transfer")
    return transfer


# Erasure (GDPR art. 17) and retention. Every encrypted free text that can belong to a person:
# (model, lookup from the model to the Beneficiary, fields emptied). Rows of Identity and Note
# are deleted outright. A test checks that every EncryptedTextField of the project is listed
# here or deleted, so a new field cannot be forgotten.
ERASED_ROWS = [Identity, Note]
ERASED_TEXTS = [
    (Need, "beneficiary", ["note"]),
    (Encounter, "beneficiary", ["information_given"]),
    (Path, "beneficiary", ["outcome"]),
    (Goal, "path__beneficiary", ["text"]),
    (Referral, "path__beneficiary", ["note_for_service"]),
    (ReferralEvent, "referral__path__beneficiary", ["note"]),
    (FollowUp, "beneficiary", ["note"]),
    (Intake, "encounter__beneficiary", ["sender_name", "how_to_reach", "note"]),
    # Courses: a learner's enrolment (and an assessment, were there one) loses its free text.
    (Enrolment, "beneficiary", ["name", "email"]),
    (Assessment, "enrolment__beneficiary", ["notes"]),
    (Selection, "enrolment__beneficiary", ["reasons"]),
]


@transaction.atomic
def beneficiary_erase(
    *, by: User | None, beneficiary: Beneficiary, reason: str = "request"
) -> None:
    """Delete the person's identity and every free text about them, keeping the anonymous facts
    (year of birth, gender, categories, dates, states) that the indicators count. The encrypted
    values are removed from the database, not just made unreadable. Irreversible."""
    for model in ERASED_ROWS:
        model.objects.filter(beneficiary=beneficiary).delete()
    for model, lookup, fields in ERASED_TEXTS:
        model.objects.filter(**{lookup: beneficiary}).update(**dict.fromkeys(fields, ""))
    # The provider's links to the person's referrals expire with the rest.
    ReferralLink.objects.filter(
        referral__path__beneficiary=beneficiary, expires_at__gt=timezone.now()
    ).update(expires_at=timezone.now())
    beneficiary.erased_at = timezone.now()
    beneficiary.version += 1
    beneficiary.save(update_fields=["erased_at", "version"])
    _audit_person(by, AuditEvent.Action.DELETE, beneficiary, f"erasure ({reason})")


@transaction.atomic
def unlinked_texts_erase(*, intakes: QuerySet[Intake], encounters: QuerySet[Encounter]) -> None:
    """Retention of what never became part of a person's record: empty the texts of these
    intakes and anonymous encounters (selectors.unlinked_intakes_due, anonymous_encounters_due),
    one audit row each."""
    for model, due, blank, detail in (
        (Intake, intakes, {"sender_name": "", "how_to_reach": "", "note": ""}, "texts erased"),
        (Encounter, encounters, {"information_given": ""}, "text erased"),
    ):
        codes = list(due.values_list("code", flat=True))
        model.objects.filter(code__in=codes).update(**blank)
        for code in codes:
            audit(
                user=None,
                action=AuditEvent.Action.DELETE,
                object_type=model._meta.label_lower,
                object_code=code,
                detail=f"{detail} (retention)",
            )


# The audit row of a whole `sportello retention` run (selectors.retention_late reads it).
RETENTION_RUN = "retention"


@transaction.atomic
def retention_run_record(*, erased: dict[str, int]) -> None:
    """Record that a real `sportello retention` run finished, with how many items of each kind it
    erased: counts only, never a code or a name. One audit row per run."""
    audit(
        user=None,
        action=AuditEvent.Action.DELETE,
        object_type=RETENTION_RUN,
        detail="run: " + ", ".join(f"{kind} {count}" for kind, count in erased.items()),
    )


# ---------------------------------------------------------------------------------------------
# Paths, goals, referrals, follow-ups and intakes (helper-7)
# ---------------------------------------------------------------------------------------------


class StaleVersion(Exception):
    """Someone else saved the object since it was loaded: nothing was written."""

    def __init__(self, current):
        super().__init__("changed by someone else meanwhile")
        self.current = current


class NotAllowed(ValueError):
    """The action is not allowed in the object's current state (message for the user)."""


class ConsentMissing(NotAllowed):
    """The person has not agreed (or withdrew) to share their data with this service."""


@dataclass(frozen=True)
class GoalData:
    category: TaxonomyTerm
    text: str
    due_date: dt.date | None = None


def _lock_version(model, obj, version: int) -> None:
    """Optimistic locking: bump `version` only if it is still the one the user loaded."""
    updated = model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion(model.objects.get(pk=obj.pk))
    obj.version = version + 1


@transaction.atomic
def path_create(
    *,
    by: User,
    beneficiary: Beneficiary,
    start_date: dt.date,
    goals: list[GoalData] | None = None,
    status: str = Path.Status.PROPOSED,
) -> Path:
    """Open an integration path for the person, tutored by `by` (if an operator), with goals."""
    if status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("A new path is proposed or active."))
    path = Path(beneficiary=beneficiary, operator=by, start_date=start_date, status=status)
    path.full_clean()
    path.save()
    for goal in goals or []:
        Goal.objects.create(
            path=path, category=goal.category, text=goal.text.strip(), due_date=goal.due_date
        )
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=path, detail=beneficiary.code)
    return path


@transaction.atomic
def path_update(*, by: User, path: Path, version: int, start_date: dt.date, status: str) -> Path:
    """Change the start date and move between proposed and active. Raises StaleVersion if the
    path changed since `version` was read (nothing is written then)."""
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("This path is closed."))
    if status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("Close the path with an outcome instead."))
    _lock_version(Path, path, version)
    path.start_date = start_date
    path.status = status
    path.save(update_fields=["start_date", "status"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=path, detail=f"status={status}")
    return path


@transaction.atomic
def path_close(
    *, by: User, path: Path, version: int, status: str, outcome: str, closed_on: dt.date
) -> Path:
    """Close the path as completed or interrupted; the outcome is required."""
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("This path is already closed."))
    if status not in (Path.Status.COMPLETED, Path.Status.INTERRUPTED):
        raise NotAllowed(_("A path closes as completed or interrupted."))
    if not outcome.strip():
        raise NotAllowed(_("Write the outcome of the path."))
    if closed_on < path.start_date or closed_on > timezone.localdate():
        raise NotAllowed(_("The closing date must be between the start date and today."))
    _lock_version(Path, path, version)
    path.status = status
    path.outcome = outcome.strip()
    path.closed_on = closed_on
    path.save(update_fields=["status", "outcome", "closed_on"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=path, detail=f"closed={status}")
    return path


@transaction.atomic
def goal_add(*, by: User, path: Path, goal: GoalData) -> Goal:
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("This path is closed."))
    created = Goal.objects.create(
        path=path, category=goal.category, text=goal.text.strip(), due_date=goal.due_date
    )
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=path, detail="goal added")
    return created


@transaction.atomic
def goal_mark_achieved(*, by: User, goal: Goal, on: dt.date | None = None) -> Goal:
    goal.achieved_on = on or timezone.localdate()
    goal.save(update_fields=["achieved_on"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=goal.path, detail="goal achieved")
    return goal


# Referrals: the closed loop. Finals have no way out.
R = Referral.State
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SENT, R.WITHDRAWN}),
    R.SENT: frozenset({R.RECEIVED, R.DECLINED, R.NO_SHOW, R.WITHDRAWN}),
    R.RECEIVED: frozenset({R.IN_PROGRESS, R.COMPLETED, R.DECLINED, R.NO_SHOW, R.WITHDRAWN}),
    R.IN_PROGRESS: frozenset({R.COMPLETED, R.DECLINED, R.WITHDRAWN}),
    R.COMPLETED: frozenset(),
    R.DECLINED: frozenset(),
    R.NO_SHOW: frozenset(),
    R.WITHDRAWN: frozenset(),
}
REFERRAL_FINAL = frozenset({R.COMPLETED, R.DECLINED, R.NO_SHOW, R.WITHDRAWN})
# What the receiving service may record through its link (withdrawing is the operator's).
PROVIDER_STATES = frozenset({R.RECEIVED, R.IN_PROGRESS, R.COMPLETED, R.DECLINED, R.NO_SHOW})


def referral_next_states(referral: Referral, *, provider: bool = False) -> list[str]:
    allowed = REFERRAL_TRANSITIONS[referral.state] - {R.SENT}  # sending has its own action
    if provider:
        allowed &= PROVIDER_STATES
    return [state for state in R.values if state in allowed]


def has_sharing_consent(beneficiary: Beneficiary, service: Service) -> bool:
    """The person agreed (and has not withdrawn) to share their data with this service."""
    return Consent.objects.filter(
        beneficiary=beneficiary,
        purpose=Consent.Purpose.SHARE_WITH_SERVICE,
        service=service,
        withdrawn_at__isnull=True,
    ).exists()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A random URL-safe token and the SHA-256 hash that is the only thing stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


@transaction.atomic
def referral_create(
    *,
    by: User,
    path: Path,
    service: Service,
    need: Need | None = None,
    note_for_service: str = "",
) -> Referral:
    if path.status not in (Path.Status.PROPOSED, Path.Status.ACTIVE):
        raise NotAllowed(_("This path is closed."))
    if need is not None and need.beneficiary_id != path.beneficiary_id:
        raise NotAllowed(_("This need belongs to someone else."))
    referral = Referral.objects.create(
        path=path, service=service, need=need, note_for_service=note_for_service.strip()
    )
    ReferralEvent.objects.create(referral=referral, state=R.DRAFT, by=by)
    audit_object(
        user=by, action=AuditEvent.Action.CREATE, obj=referral, detail=path.beneficiary.code
    )
    return referral


def _referral_link_create(referral: Referral) -> str:
    referral.links.filter(used_up_at__isnull=True).update(used_up_at=timezone.now())
    token, hashed = new_token()
    ReferralLink.objects.create(
        referral=referral,
        token_hash=hashed,
        expires_at=timezone.now() + dt.timedelta(days=settings.REFERRAL_LINK_DAYS),
    )
    return token


@transaction.atomic
def referral_send(*, by: User, referral: Referral) -> str:
    """Send a draft referral: requires the person's consent to share with the service. Returns the
    token of the service's one-time link (shown once; only its hash is stored)."""
    referral = (
        Referral.objects.select_for_update().select_related("path__beneficiary").get(pk=referral.pk)
    )
    if referral.state != R.DRAFT:
        raise NotAllowed(_("This referral has already been sent."))
    if not has_sharing_consent(referral.path.beneficiary, referral.service):
        raise ConsentMissing(
            _(
                "The person has not agreed to share their data with this service: record their "
                "consent for this service first."
            )
        )
    now = timezone.now()
    referral.state = R.SENT
    referral.sent_at = now
    referral.save(update_fields=["state", "sent_at"])
    ReferralEvent.objects.create(referral=referral, state=R.SENT, by=by)
    if referral.path.status == Path.Status.PROPOSED:
        Path.objects.filter(pk=referral.path_id).update(
            status=Path.Status.ACTIVE, version=F("version") + 1
        )
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=referral, detail="sent")
    return _referral_link_create(referral)


@transaction.atomic
def referral_link_renew(*, by: User, referral: Referral) -> str:
    """A new one-time link for the service (the old ones stop working)."""
    if referral.state == R.DRAFT or referral.state in REFERRAL_FINAL:
        raise NotAllowed(_("Only a referral waiting for the service has a link."))
    if not has_sharing_consent(referral.path.beneficiary, referral.service):
        raise ConsentMissing(
            _("The person has withdrawn their consent to share with this service.")
        )
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=referral, detail="new link")
    return _referral_link_create(referral)


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    state: str,
    by: User | None = None,
    by_provider: bool = False,
    note: str = "",
) -> Referral:
    """Move the referral along the closed loop (never to "sent": see referral_send). Each change
    is a ReferralEvent with who and when; a final state uses up the service's link."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if state == R.SENT or state not in REFERRAL_TRANSITIONS[referral.state]:
        raise NotAllowed(
            _("A referral that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": referral.get_state_display(),
                "new": R(state).label if state in R.values else state,
            }
        )
    if by_provider and state not in PROVIDER_STATES:
        raise NotAllowed(_("Only the desk can withdraw a referral."))
    now = timezone.now()
    referral.state = state
    fields = ["state"]
    if state == R.RECEIVED or (state in (R.IN_PROGRESS, R.COMPLETED) and not referral.received_at):
        referral.received_at = referral.received_at or now
        fields.append("received_at")
    if state in REFERRAL_FINAL:
        referral.closed_at = now
        fields.append("closed_at")
        referral.links.filter(used_up_at__isnull=True).update(used_up_at=now)
    referral.save(update_fields=fields)
    ReferralEvent.objects.create(
        referral=referral, state=state, by=by, by_provider=by_provider, note=note.strip()
    )
    audit(
        user=by,
        action=AuditEvent.Action.UPDATE,
        object_type="casework.referral",
        object_code=referral.code,
        detail=f"state={state}" + (" via link" if by_provider else ""),
    )
    return referral


def referral_link_lookup(token: str) -> ReferralLink | None:
    """The link for this token if it is still usable (not expired, not used up), else None."""
    if not token or len(token) > 100:
        return None
    hashed = token_hash(token)
    link = (
        ReferralLink.objects.select_related("referral__path__beneficiary", "referral__service")
        .filter(token_hash=hashed)
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, hashed):
        return None
    if link.used_up_at is not None or link.expires_at <= timezone.now():
        return None
    if link.referral.state in REFERRAL_FINAL:
        return None
    return link


# Follow-ups


@transaction.atomic
def followup_create(
    *,
    by: User,
    beneficiary: Beneficiary,
    due_date: dt.date,
    path: Path | None = None,
    note: str = "",
    operator: User | None = None,
) -> FollowUp:
    if path is not None and path.beneficiary_id != beneficiary.pk:
        raise NotAllowed(_("This path belongs to someone else."))
    from sportello.casework.selectors import follow_up_withdrawn_at

    withdrawn_at = follow_up_withdrawn_at(beneficiary)
    if withdrawn_at is not None:
        raise NotAllowed(follow_up_stopped_message(withdrawn_at))
    followup = FollowUp.objects.create(
        beneficiary=beneficiary,
        path=path,
        operator=operator or by,
        due_date=due_date,
        note=note.strip(),
    )
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=followup, detail=beneficiary.code)
    return followup


@transaction.atomic
def followup_done(
    *, by: User, followup: FollowUp, note: str = "", on: dt.date | None = None
) -> FollowUp:
    if followup.done_on is not None:
        raise NotAllowed(_("This follow-up is already done."))
    followup.done_on = on or timezone.localdate()
    if note.strip():
        followup.note = f"{followup.note}\n{note.strip()}".strip()
    followup.save(update_fields=["done_on", "note"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=followup, detail="done")
    return followup


# Intakes


@transaction.atomic
def intake_create(
    *,
    place: Place,
    sender_name: str,
    how_to_reach: str,
    need: TaxonomyTerm,
    person_agreed: bool,
    source: str = "",
    note: str = "",
    by: User | None = None,
    link: IntakeLink | None = None,
) -> Intake:
    """An intake from partner staff (signed in: `by`; or through a place's link: `link`)."""
    if not person_agreed:
        raise NotAllowed(_("Send an intake only when the person agreed to be contacted."))
    if link is not None:
        if link.revoked_at is not None:
            raise NotAllowed(_("This link has been revoked."))
        since = timezone.now() - dt.timedelta(days=1)
        if link.intakes.filter(received_at__gte=since).count() >= settings.INTAKE_LINK_DAILY_LIMIT:
            raise NotAllowed(
                _("Too many intakes through this link today: please try again tomorrow.")
            )
        place = link.place
    intake = Intake.objects.create(
        place=place,
        sent_by=by,
        link=link,
        source=source,
        sender_name=sender_name.strip(),
        how_to_reach=how_to_reach.strip(),
        need=need,
        note=note.strip(),
        person_agreed=True,
    )
    audit(
        user=by,
        action=AuditEvent.Action.CREATE,
        object_type="casework.intake",
        object_code=intake.code,
        detail="via link" if link else "",
    )
    return intake


INTAKE_SOURCES = {
    ReferralSource.TEACHER,
    ReferralSource.SCHOOL_STAFF,
    ReferralSource.DOCTOR,
    ReferralSource.PAEDIATRICIAN,
    ReferralSource.MUNICIPAL_CLERK,
    ReferralSource.ASSOCIATION,
}


@transaction.atomic
def intake_accept(*, by: User, intake: Intake, on: dt.date | None = None) -> Encounter:
    """Accept a new intake: it becomes an encounter of `by` at the intake's place, with its need."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.NEW:
        raise NotAllowed(_("This intake has already been handled."))
    encounter = Encounter.objects.create(
        date=on or timezone.localdate(),
        place=intake.place,
        operator=by,
        referral_source=intake.source
        if intake.source in INTAKE_SOURCES
        else ReferralSource.ASSOCIATION,
    )
    encounter.needs.set([intake.need])
    intake.status = Intake.Status.ACCEPTED
    intake.handled_by = by
    intake.handled_at = timezone.now()
    intake.encounter = encounter
    intake.save(update_fields=["status", "handled_by", "handled_at", "encounter"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=intake, detail="accepted")
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=encounter, detail="from intake")
    return encounter


@transaction.atomic
def intake_dismiss(*, by: User, intake: Intake) -> Intake:
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.NEW:
        raise NotAllowed(_("This intake has already been handled."))
    intake.status = Intake.Status.DISMISSED
    intake.handled_by = by
    intake.handled_at = timezone.now()
    intake.save(update_fields=["status", "handled_by", "handled_at"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=intake, detail="dismissed")
    return intake


@transaction.atomic
def intake_link_create(*, by: User, place: Place) -> tuple[IntakeLink, str]:
    """A place's intake link; returns it and its token (shown once, only the hash is stored)."""
    token, hashed = new_token()
    link = IntakeLink.objects.create(place=place, token_hash=hashed, created_by=by)
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=link, detail=str(place.code))
    return link, token


@transaction.atomic
def intake_link_revoke(*, by: User, link: IntakeLink) -> IntakeLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=link, detail="revoked")
    return link


def intake_link_lookup(token: str) -> IntakeLink | None:
    if not token or len(token) > 100:
        return None
    hashed = token_hash(token)
    link = (
        IntakeLink.objects.select_related("place__municipality").filter(token_hash=hashed).first()
    )
    if link is None or link.revoked_at is not None:
        return None
    if not hmac.compare_digest(link.token_hash, hashed):
        return None
    return link
