"""Deny by default: every view states who may use it with one of these decorators.

    @roles(Role.COORDINATOR, Role.OPERATOR)   # staff view: anonymous → login, other roles → 403
    @public                                   # anyone, no login

    @roles(Role.COORDINATOR)                  # a sensitive action (export, erasure, role
    @recent_auth                              # change): the password (and code) typed in the
                                              # last SPORTELLO_REAUTH_MINUTES, else confirm first

A staff view also refuses a session that has not finished signing in: one that typed the password
but not yet the code of its authenticator app, or (when two-step sign-in is required for the role)
has not enrolled one. It is sent to that step first, and comes back afterwards (accounts/signin.py).

The authorization-matrix test (tests/test_authorization_matrix.py) walks every URL and checks that
each view carries one of them, and that each role gets the expected answer.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from sportello.accounts import signin
from sportello.accounts.models import Role

ALL_STAFF = tuple(Role)

View = Callable[..., HttpResponse]


def _signed_in_as(
    allowed: tuple[Role, ...], *, pending_ok: frozenset[str] = frozenset()
) -> Callable[[View], View]:
    """Signed in with one of the `allowed` roles; a session still owing a sign-in step that is
    not in `pending_ok` is sent to that step first."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            step = signin.pending_step(request)
            if step is not None and step not in pending_ok:
                return redirect(signin.step_url(step, request.get_full_path()))
            if user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def roles(*allowed: Role) -> Callable[[View], View]:
    if not allowed:
        raise ValueError("roles() needs at least one role")
    return _signed_in_as(allowed)


def public(view: View) -> View:
    view.allowed_roles = "public"  # type: ignore[attr-defined]
    return view


def staff(view: View) -> View:
    """Any signed-in user, whatever the role (own password, own home page)."""
    return roles(*ALL_STAFF)(view)


def second_step(view: View) -> View:
    """The code step: the password was right and the session still owes its second step (the
    view sends a session that owes none on its way)."""
    return _signed_in_as(ALL_STAFF, pending_ok=frozenset({signin.CODE, signin.ENROL}))(view)


def enrolment(view: View) -> View:
    """Adding an authenticator app: open to a session that must enrol before anything else, and to
    signed-in users; a session owing the code of an app it already has is sent to type it (the
    password alone never adds a phone)."""
    return _signed_in_as(ALL_STAFF, pending_ok=frozenset({signin.ENROL}))(view)


def recent_auth(view: View | None = None, *, back: str = "") -> View | Callable[[View], View]:
    """Under @roles: a sensitive action needs the password (and the code, with an app) typed in
    the last SPORTELLO_REAUTH_MINUTES. Otherwise the user confirms first (/app/account/confirm/)
    and comes back: to the page for a GET, to the form for a POST (the POST is never replayed).
    `back`: the URL name of the form for a POST-only view (reversed with the view's arguments
    when it takes them), used when the browser sent no Referer."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not signin.recently_confirmed(request):
                return redirect(signin.confirm_url(request, _reverse(back, kwargs)))
            return view(request, *args, **kwargs)

        wrapper.requires_recent_auth = True  # type: ignore[attr-defined]
        return wrapper

    return decorator(view) if view is not None else decorator


def _reverse(name: str, kwargs: dict) -> str:
    if not name:
        return ""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return reverse(name)
