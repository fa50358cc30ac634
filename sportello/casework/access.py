"""Object-level access to the people followed: the one place that decides who sees whom.

- the coordinator sees everyone;
- an operator sees the people they follow (`Beneficiary.operators`);
- anyone else gets a 404, so the existence of a code is never revealed.

Views call `get_beneficiary_for(request.user, code)` instead of querying Beneficiary themselves.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from sportello.accounts.models import Role, User
from sportello.casework.models import Beneficiary, FollowUp, Intake, Path, Referral


def beneficiaries_for(user: User) -> QuerySet[Beneficiary]:
    """The people `user` may see (an empty queryset for every other role)."""
    if not user.is_authenticated or not user.is_active:
        return Beneficiary.objects.none()
    if user.role == Role.COORDINATOR:
        return Beneficiary.objects.all()
    if user.role == Role.OPERATOR:
        return Beneficiary.objects.filter(operators=user)
    return Beneficiary.objects.none()


def get_beneficiary_for(user: User, code: str, *, write: bool = False) -> Beneficiary:
    """The person with `code` if `user` may see it (or change it, with write=True); else 404.

    Reading and writing have the same rule today (whoever follows the person may update the
    record); `write=True` additionally refuses erased records, whose identity and free text are
    gone and which can no longer be changed.
    """
    queryset = beneficiaries_for(user)
    if write:
        queryset = queryset.filter(erased_at__isnull=True)
    try:
        return queryset.select_related("municipality").get(code=str(code).strip().upper())
    except Beneficiary.DoesNotExist:
        raise Http404("No person with this code.") from None


def can_see_sensitive(user: User, beneficiary: Beneficiary) -> bool:
    """Health, psychosocial, legal and documents needs: only the person's operators and the
    coordinator."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.COORDINATOR:
        return True
    if user.role == Role.OPERATOR:
        return beneficiary.operators.filter(pk=user.pk).exists()
    return False


def can_transfer(user: User, beneficiary: Beneficiary) -> bool:
    """The coordinator, or an operator who currently follows the person."""
    return can_see_sensitive(user, beneficiary)


# --- paths, referrals, follow-ups, intakes (helper-7): same rule, through the person ------------


def get_path_for(user: User, code, *, write: bool = False) -> Path:
    """The path with `code` if `user` may see its person (see get_beneficiary_for); else 404."""
    people = beneficiaries_for(user)
    if write:
        people = people.filter(erased_at__isnull=True)
    try:
        return Path.objects.select_related("beneficiary", "operator").get(
            code=code, beneficiary__in=people
        )
    except (Path.DoesNotExist, ValidationError):
        raise Http404("No such path.") from None


def get_referral_for(user: User, code, *, write: bool = False) -> Referral:
    people = beneficiaries_for(user)
    if write:
        people = people.filter(erased_at__isnull=True)
    try:
        return Referral.objects.select_related(
            "path__beneficiary", "path__operator", "service", "need__category"
        ).get(code=code, path__beneficiary__in=people)
    except (Referral.DoesNotExist, ValidationError):
        raise Http404("No such referral.") from None


def get_followup_for(user: User, code, *, write: bool = False) -> FollowUp:
    people = beneficiaries_for(user)
    if write:
        people = people.filter(erased_at__isnull=True)
    try:
        return FollowUp.objects.select_related("beneficiary", "path").get(
            code=code, beneficiary__in=people
        )
    except (FollowUp.DoesNotExist, ValidationError):
        raise Http404("No such follow-up.") from None


def can_handle_intakes(user: User) -> bool:
    """Intakes (with how to reach someone) are for the desk: operators and the coordinator."""
    return (
        user.is_authenticated and user.is_active and user.role in (Role.COORDINATOR, Role.OPERATOR)
    )


def get_intake_for(user: User, code) -> Intake:
    if not can_handle_intakes(user):
        raise Http404("No such intake.")
    try:
        return Intake.objects.select_related("place__municipality", "need", "handled_by").get(
            code=code
        )
    except (Intake.DoesNotExist, ValidationError):
        raise Http404("No such intake.") from None
