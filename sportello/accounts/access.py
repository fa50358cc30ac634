"""Deny by default: every view states who may use it with one of these decorators.

    @roles(Role.COORDINATOR, Role.OPERATOR)   # staff view: anonymous → login, other roles → 403
    @public                                   # anyone, no login

The authorization-matrix test (tests/test_authorization_matrix.py) walks every URL and checks that
each view carries one of them, and that each role gets the expected answer.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sportello.accounts.models import Role

ALL_STAFF = tuple(Role)

View = Callable[..., HttpResponse]


def roles(*allowed: Role) -> Callable[[View], View]:
    if not allowed:
        raise ValueError("roles() needs at least one role")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def public(view: View) -> View:
    view.allowed_roles = "public"  # type: ignore[attr-defined]
    return view


def staff(view: View) -> View:
    """Any signed-in user, whatever the role (own password, own home page)."""
    return roles(*ALL_STAFF)(view)
