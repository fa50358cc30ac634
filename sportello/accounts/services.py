"""Writes of the accounts app: users and the audit log."""

from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import models, transaction
from django.http import HttpRequest

from sportello.accounts.models import AuditEvent, Role, User
from sportello.territory.models import Municipality


def audit(
    *,
    user: User | None,
    action: str,
    object_type: str,
    object_code: object = "",
    detail: str = "",
) -> AuditEvent:
    """Record who read / changed / exported what. Pass codes and types, never personal data."""
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEvent.objects.create(
        user=user,
        role=getattr(user, "role", "") or "",
        action=action,
        object_type=object_type,
        object_code=str(object_code)[:64],
        detail=detail[:200],
    )


def audit_object(*, user: User | None, action: str, obj: models.Model, detail: str = "") -> None:
    audit(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_code=getattr(obj, "code", obj.pk),
        detail=detail,
    )


@transaction.atomic
def user_create(
    *,
    by: User,
    username: str,
    email: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    municipalities: list[Municipality] | None = None,
    language: str = "it",
    request: HttpRequest | None = None,
) -> User:
    """Create a user without a usable password and e-mail them a link to choose one."""
    user = User(
        username=username,
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.municipalities.set(municipalities or [])
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=user, detail=f"role={role}")
    if email:
        transaction.on_commit(lambda: user_send_invitation(user=user, request=request))
    return user


class _InvitationForm(PasswordResetForm):
    """Django's reset form mails only users with a usable password; an invited user has none."""

    def __init__(self, user: User):
        super().__init__({"email": user.email})
        self.invited = user

    def get_users(self, email):
        yield self.invited


def user_send_invitation(*, user: User, request: HttpRequest | None) -> None:
    form = _InvitationForm(user)
    if form.is_valid():
        form.save(
            request=request,
            domain_override=None if request else urlparse(settings.SITE_ROOT).netloc,
            use_https=bool(request and request.is_secure()),
            subject_template_name="accounts/invitation_subject.txt",
            email_template_name="accounts/invitation_email.txt",
        )


@transaction.atomic
def user_update(
    *,
    by: User,
    user: User,
    role: Role,
    email: str,
    first_name: str,
    last_name: str,
    municipalities: list[Municipality],
    language: str,
    is_active: bool,
) -> User:
    changes = []
    if user.role != role:
        changes.append(f"role {user.role}->{role}")
    if user.is_active != is_active:
        changes.append("activated" if is_active else "deactivated")
    user.role = role
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.is_active = is_active
    user.full_clean()
    user.save(update_fields=["role", "email", "first_name", "last_name", "language", "is_active"])
    user.municipalities.set(municipalities)
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=user, detail="; ".join(changes))
    return user
