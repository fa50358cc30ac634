import math
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sportello.accounts import selectors, services, signin, throttle
from sportello.accounts.access import (
    enrolment,
    public,
    recent_auth,
    roles,
    second_step,
    staff,
)
from sportello.accounts.forms import AuditFilterForm, CodeForm, ConfirmForm, EnrolForm, UserForm
from sportello.accounts.models import AuditEvent, Role


class LoginView(auth_views.LoginView):
    """The password step. A user with an authenticator app goes on to the code step; one who
    must have it and has none, to the enrolment; anyone else is signed in."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        return self.get_redirect_url() or signin.landing(self.request.user)

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        step = signin.pending_step(self.request)
        services.audit(
            user=user,
            action=AuditEvent.Action.LOGIN,
            object_type="session",
            detail="password" if step is None else f"password; {step} next",
        )
        if step != signin.CODE:  # the code step clears the failures only once it is passed
            throttle.clear(self.request, user.username)
            signin.confirmed(self.request)
        if step is None:
            response = redirect(self.get_success_url())
        else:
            response = redirect(signin.step_url(step, self.get_redirect_url()))
        _remember_language(response, user)
        return response

    def form_invalid(self, form):
        # No username in the row: a mistyped username can be someone's name. A lockout
        # (accounts/throttle.py) is answered by `locked_out` below, through axes' middleware.
        locked = getattr(self.request, "axes_locked_out", False)
        services.audit(
            user=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            object_type="session",
            detail="locked out" if locked else "",
        )
        return super().form_invalid(form)


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the sign-in page, saying the account is locked and until when."""
    until = throttle.locked_until(request, credentials)
    if until is not None:
        until = timezone.localtime(until)
        at = (
            formats.time_format(until, "H:i")
            if until.date() == timezone.localdate()
            else formats.date_format(until, "SHORT_DATETIME_FORMAT")
        )
        message = _(
            "This account is temporarily locked after too many failed attempts. "
            "Try again after %(time)s."
        ) % {"time": at}
    else:
        message = _(
            "This account is temporarily locked after too many failed attempts. Try again later."
        )
    return render(
        request,
        "accounts/login.html",
        {"form": AuthenticationForm(request), "locked": message, "next": ""},
        status=429,
    )


def _remember_language(response: HttpResponse, user) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        user.language,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        max_age=settings.LANGUAGE_COOKIE_AGE,
    )


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.audit(
                user=request.user, action=AuditEvent.Action.LOGOUT, object_type="session"
            )
        return super().post(request, *args, **kwargs)


login = public(LoginView.as_view())
logout = public(LogoutView.as_view())
password_change = staff(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = staff(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@roles(Role.COORDINATOR)
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/user_list.html", {"users": selectors.user_list()})


@roles(Role.COORDINATOR)
@recent_auth
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_create(
            by=request.user,
            username=data["username"],
            email=data["email"],
            role=data["role"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            municipalities=list(data["municipalities"]),
            language=data["language"],
            request=request,
        )
        messages.success(
            request,
            _("User %(username)s created; an invitation to choose a password was sent.")
            % {"username": user.username},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form})


@roles(Role.COORDINATOR)
@recent_auth
def user_edit(request: HttpRequest, code) -> HttpResponse:
    user = selectors.get_user_for(code)
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if user == request.user and (data["role"] != Role.COORDINATOR or not data["is_active"]):
            form.add_error(
                None, _("You cannot remove your own coordinator role or deactivate yourself.")
            )
        else:
            services.user_update(
                by=request.user,
                user=user,
                role=data["role"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                municipalities=list(data["municipalities"]),
                language=data["language"],
                is_active=data["is_active"],
            )
            messages.success(request, _("Changes saved."))
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "edited": user,
            "two_factor": selectors.has_two_factor(user),
            "two_factor_required": signin.two_factor_required(user),
        },
    )


@roles(Role.COORDINATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.audit_events(**filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


# Two-step sign-in ---------------------------------------------------------------------------


def _wait_message(check: services.CodeCheck) -> str:
    seconds = max(1, math.ceil((check.wait_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes: wait %(n)d second and try again.",
        "Too many wrong codes: wait %(n)d seconds and try again.",
        seconds,
    ) % {"n": seconds}


@second_step
def login_code(request: HttpRequest) -> HttpResponse:
    """The code step: the authenticator app's code or a single-use recovery code."""
    user = request.user
    next_url = signin.safe_next(request, "")
    if signin.pending_step(request) != signin.CODE:
        return redirect(next_url or signin.landing(user))
    if throttle.is_locked(request, user.username):
        return _lock_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.two_factor_check(user=user, code=form.cleaned_data["code"])
        if check.method:
            throttle.clear(request, user.username)
            request.session.cycle_key()
            signin.finish(request)
            signin.confirmed(request)
            detail = (
                "authenticator app"
                if check.method == "app"
                else f"recovery code ({check.recovery_left} left)"
            )
            services.audit(
                user=user, action=AuditEvent.Action.LOGIN, object_type="session", detail=detail
            )
            if check.method == "recovery":
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(n)d is left. Make new ones from your "
                        "account page.",
                        "You used a recovery code: %(n)d are left. Make new ones from your "
                        "account page if you are running out.",
                        check.recovery_left,
                    )
                    % {"n": check.recovery_left},
                )
            return redirect(next_url or signin.landing(user))
        services.audit(
            user=user,
            action=AuditEvent.Action.LOGIN_FAILED,
            object_type="session",
            detail="code refused: wait" if check.wait_until else "wrong code",
        )
        if throttle.record_failure(request, user.username):
            return _lock_out(request)
        form.add_error("code", _code_refused(check))
    return render(request, "accounts/login_code.html", {"form": form, "next": next_url})


def _code_refused(check) -> str:
    """What the code field says when a code is refused: wait, or check the app."""
    if check.wait_until:
        return _wait_message(check)
    return _("This code is not right. Check the app and type the code shown now.")


def _lock_out(request: HttpRequest) -> HttpResponse:
    """Too many wrong codes: the half-finished session ends, and the sign-in page says why."""
    user = request.user
    services.audit(
        user=user,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="session",
        detail="locked out",
    )
    credentials = {"username": user.username}
    auth_logout(request)
    return locked_out(request, credentials=credentials)


def _grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


@enrolment
@recent_auth
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), confirm with a code, then
    read the recovery codes once."""
    user = request.user
    next_url = signin.safe_next(request, "")
    if selectors.has_two_factor(user):
        messages.info(request, _("Two-step sign-in is already on."))
        return redirect("accounts:account")
    device = services.two_factor_start(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        result = services.two_factor_enable(user=user, device=device, code=code)
        if isinstance(result, list):
            request.session.cycle_key()
            signin.finish(request)
            signin.confirmed(request)
            request.session[signin.NEW_RECOVERY_CODES] = result
            messages.success(request, _("Two-step sign-in is on."))
            codes_url = reverse("accounts:recovery_codes")
            if next_url:
                codes_url += "?" + urlencode({"next": next_url})
            return redirect(codes_url)
        form.add_error(
            "code",
            _wait_message(result)
            if result.wait_until
            else _("This code is not right. Check that the app shows Sportello and try again."),
        )
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=_("QR code to scan with the authenticator app")
    )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr": mark_safe(qr),  # noqa: S308 (segno's SVG of our own otpauth URL)
            "secret": _grouped(secret),
            "required": signin.two_factor_required(user),
            "next": next_url,
        },
    )


def _formatted(codes: list[str]) -> list[str]:
    return [_grouped(code).replace(" ", "-") for code in codes]


@staff
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown until the user says they have kept them; then never again."""
    codes = request.session.get(signin.NEW_RECOVERY_CODES) or []
    next_url = signin.safe_next(request, reverse("accounts:account"))
    if request.method == "POST":
        request.session.pop(signin.NEW_RECOVERY_CODES, None)
        return redirect(next_url)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": _formatted(codes), "next": signin.safe_next(request, "")},
    )


@staff
def recovery_codes_print(request: HttpRequest) -> HttpResponse:
    codes = request.session.get(signin.NEW_RECOVERY_CODES) or []
    if not codes:
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/recovery_codes_print.html",
        {"codes": _formatted(codes), "today": timezone.localdate()},
    )


@staff
@require_POST
@recent_auth(back="accounts:account")
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    if not selectors.has_two_factor(request.user):
        return redirect("accounts:account")
    request.session[signin.NEW_RECOVERY_CODES] = services.recovery_codes_regenerate(
        user=request.user
    )
    messages.success(request, _("New recovery codes made: the old ones no longer work."))
    return redirect("accounts:recovery_codes")


@staff
@require_POST
@recent_auth(back="accounts:account")
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if signin.two_factor_required(user):
        messages.error(request, _("Two-step sign-in is required for your role."))
    elif selectors.has_two_factor(user):
        services.two_factor_remove(by=user, user=user)
        messages.success(request, _("Two-step sign-in is off."))
    return redirect("accounts:account")


@staff
def account(request: HttpRequest) -> HttpResponse:
    """The user's own account: two-step sign-in, recovery codes, password."""
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "device": selectors.two_factor_device(user),
            "recovery_left": selectors.recovery_codes_left(user),
            "required": signin.two_factor_required(user),
        },
    )


@roles(Role.COORDINATOR)
@require_POST
@recent_auth(back="accounts:user_edit")
def two_factor_reset(request: HttpRequest, code) -> HttpResponse:
    """For someone who lost their phone and their recovery codes: they enrol again at the next
    sign-in (or may, when it is not required for their role)."""
    user = selectors.get_user_for(code)
    if selectors.has_two_factor(user):
        services.two_factor_remove(by=request.user, user=user)
        messages.success(
            request,
            _("Two-step sign-in of %(username)s reset: a new app is set up at the next sign-in.")
            % {"username": user.username},
        )
    return redirect("accounts:user_edit", code=user.code)


@enrolment  # also for a session that must enrol and took too long over it (no redirect loop)
def reauth(request: HttpRequest) -> HttpResponse:
    """Confirm who you are before a sensitive action (see access.recent_auth), then go back."""
    user = request.user
    next_url = signin.safe_next(request, signin.landing(user))
    if throttle.is_locked(request, user.username):
        return _lock_out(request)
    with_code = selectors.has_two_factor(user)
    form = ConfirmForm(request.POST or None, with_code=with_code)
    if request.method == "POST" and form.is_valid():
        # Through the authentication backends, so a wrong password is counted as at sign-in.
        found = authenticate(
            request, username=user.username, password=form.cleaned_data["password"]
        )
        password_ok = found is not None and found.pk == user.pk
        if getattr(request, "axes_locked_out", False):
            return _lock_out(request)
        check = None
        if password_ok and with_code:
            check = services.two_factor_check(user=user, code=form.cleaned_data["code"])
        if password_ok and (check is None or check.method):
            throttle.clear(request, user.username)
            signin.confirmed(request)
            services.audit(
                user=user,
                action=AuditEvent.Action.LOGIN,
                object_type="session",
                detail="identity confirmed again" + (f" ({check.method})" if check else ""),
            )
            return redirect(next_url)
        services.audit(
            user=user,
            action=AuditEvent.Action.LOGIN_FAILED,
            object_type="session",
            detail="confirmation: wrong password"
            if not password_ok
            else "confirmation: wrong code",
        )
        if password_ok:
            if throttle.record_failure(request, user.username):
                return _lock_out(request)
            form.add_error("code", _code_refused(check))
        else:
            form.add_error("password", _("This password is not right."))
    return render(
        request,
        "accounts/reauth.html",
        {
            "form": form,
            "next": next_url,
            "minutes": settings.RECENT_AUTH_MINUTES,
            "with_code": with_code,
        },
    )
