"""Object-level access to the people followed: the one place that decides who sees whom.

- the coordinator sees everyone;
- an operator sees the people they follow (`Beneficiary.operators`);
- anyone else gets a 404, so the existence of a code is never revealed.

Views call `get_beneficiary_for(request.user, code)` instead of querying Beneficiary themselves.
"""

from django.db.models import QuerySet
from django.http import Http404

from sportello.accounts.models import Role, User
from sportello.casework.models import Beneficiary


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
