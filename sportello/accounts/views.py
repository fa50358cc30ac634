from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from sportello.accounts import selectors, services
from sportello.accounts.access import public, roles, staff
from sportello.accounts.forms import AuditFilterForm, UserForm
from sportello.accounts.models import AuditEvent, Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        # Operators land on their day (visits, follow-ups, referrals, intakes): it is what they
        # open on the phone between two places. Everyone else on the staff home.
        if not self.get_redirect_url() and self.request.user.role == Role.OPERATOR:
            return reverse("tutoring:today")
        return super().get_success_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        services.audit(user=user, action=AuditEvent.Action.LOGIN, object_type="session")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            max_age=settings.LANGUAGE_COOKIE_AGE,
        )
        return response

    def form_invalid(self, form):
        # No username in the row: a mistyped username can be someone's name.
        services.audit(user=None, action=AuditEvent.Action.LOGIN_FAILED, object_type="session")
        return super().form_invalid(form)


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
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


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
