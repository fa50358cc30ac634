"""Writes of the accounts app: users and the audit log."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import models, transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sportello.accounts.models import AuditEvent, Role, User
from sportello.core import crypto
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


# Two-step sign-in (django-otp): one authenticator app (TOTPDevice) and one set of single-use
# recovery codes (StaticDevice) per user. Audit rows name the user by code; never a code or a key.

RECOVERY_CODES = 10
TWO_FACTOR = "two_factor"


@dataclass(frozen=True)
class CodeCheck:
    """The answer to a code typed: how it matched (None: it did not) or, when the device refused
    to look at it after repeated wrong codes (django-otp's exponential back-off), until when."""

    method: str | None = None  # "app" | "recovery"
    wait_until: datetime | None = None
    recovery_left: int = 0


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def two_factor_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator of an enrolment in progress (the same one on every reload,
    so the QR code does not change under the user's phone)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    return device


def _throttled_until(device) -> datetime | None:
    allowed, data = device.verify_is_allowed()
    return None if allowed else (data or {}).get("locked_until")


@transaction.atomic
def two_factor_enable(*, user: User, device: TOTPDevice, code: str) -> list[str] | CodeCheck:
    """Confirm the authenticator with a code it shows. Returns the new recovery codes (to be
    shown once), or a failed CodeCheck."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    wait = _throttled_until(device)
    if wait is not None:
        return CodeCheck(wait_until=wait)
    if not device.verify_token(normalise_code(code)):
        return CodeCheck()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit(
        user=user,
        action=AuditEvent.Action.CREATE,
        object_type=TWO_FACTOR,
        object_code=user.code,
        detail=f"authenticator app added; {len(codes)} recovery codes",
    )
    return codes


# Recovery codes are stored as a keyed hash (the data key's blind index, cut to the 16 characters
# of django-otp's StaticToken.token): a copy of the database alone does not give a second factor.
RECOVERY_CODE_DIGEST_LENGTH = 16


def recovery_code_digest(code: str) -> str:
    """What the database holds for a recovery code (as typed: spaces, dashes and case ignored)."""
    return crypto.blind_index(normalise_code(code), purpose="recovery code")[
        :RECOVERY_CODE_DIGEST_LENGTH
    ]


def recovery_code_add(*, user: User) -> str:
    """One more single-use recovery code for the user (the server administrator's last resort,
    `sportello recoverycode`); returned to be shown once. Turns the recovery codes on if needed."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    code = StaticToken.random_token()
    StaticToken.objects.create(device=device, token=recovery_code_digest(code))
    audit(
        user=None,
        action=AuditEvent.Action.CREATE,
        object_type=TWO_FACTOR,
        object_code=user.code,
        detail="one recovery code added by the server administrator",
    )
    return code


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_code_digest(code)) for code in codes
    )
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(user)
    audit(
        user=user,
        action=AuditEvent.Action.UPDATE,
        object_type=TWO_FACTOR,
        object_code=user.code,
        detail=f"recovery codes replaced ({len(codes)} new)",
    )
    return codes


@transaction.atomic
def two_factor_check(*, user: User, code: str) -> CodeCheck:
    """A code typed at sign-in: six digits go to the authenticator app, anything else is tried as
    a recovery code (eight characters, which is then used up)."""
    code = normalise_code(code)
    if code.isdigit() and len(code) == 6:
        devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        method = "app"
    else:
        devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        method = "recovery"
        code = recovery_code_digest(code)
    for device in devices:
        wait = _throttled_until(device)
        if wait is not None:
            return CodeCheck(wait_until=wait)
        if device.verify_token(code):
            left = StaticToken.objects.filter(device__user=user).count()
            return CodeCheck(method=method, recovery_left=left)
    return CodeCheck()


@transaction.atomic
def two_factor_remove(*, by: User, user: User) -> None:
    """Remove the authenticator app and the recovery codes: the user turns it off, or the
    coordinator resets it for someone who lost their phone."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit(
        user=by,
        action=AuditEvent.Action.DELETE,
        object_type=TWO_FACTOR,
        object_code=user.code,
        detail="turned off by the user" if by.pk == user.pk else "reset by the coordinator",
    )
