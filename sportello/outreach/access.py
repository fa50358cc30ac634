"""Object-level access to rota slots and visits: the coordinator sees and changes all of them;
an operator sees and changes their own; anyone else gets 404 (existence is not revealed).

`write` marks the call sites that change the object; reading and writing follow the same rule
today (whether a visit may still be corrected is `services.visit_is_editable`)."""

from django.http import Http404

from sportello.accounts.models import Role, User
from sportello.outreach.models import Visit, VisitPlan


def get_plan_for(user: User, code, *, write: bool = False) -> VisitPlan:
    plan = VisitPlan.objects.select_related("place__municipality", "operator").filter(code=code)
    if user.role == Role.OPERATOR:
        plan = plan.filter(operator=user)
    elif user.role != Role.COORDINATOR:
        raise Http404
    found = plan.first()
    if found is None:
        raise Http404
    return found


def get_visit_for(user: User, code, *, write: bool = False) -> Visit:
    visits = Visit.objects.select_related("place__municipality", "operator", "plan").filter(
        code=code
    )
    if user.role == Role.OPERATOR:
        visits = visits.filter(operator=user)
    elif user.role != Role.COORDINATOR:
        raise Http404
    found = visits.first()
    if found is None:
        raise Http404
    return found
