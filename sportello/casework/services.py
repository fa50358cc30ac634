"""Writes of the casework app. Every function is keyword-only, runs in a transaction and writes
an audit row naming the object by type and code only (never personal data)."""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit, audit_object
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
    Path,
    Referral,
    ReferralEvent,
    ReferralLink,
    ReferralSource,
)
from sportello.core.crypto import blind_index
from sportello.directory.models import Service, TaxonomyTerm
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
) -> Beneficiary:
    """Register a person under a new pseudonymous code. Identity is optional; when given it is
    stored encrypted with blind indexes of the normalised full name and of the phone digits.
    The creating operator follows the person unless `operators` says otherwise."""
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
    return beneficiary


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
