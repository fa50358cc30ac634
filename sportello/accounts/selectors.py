from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sportello.accounts.models import AuditEvent, User


def user_list() -> QuerySet[User]:
    return (
        User.objects.prefetch_related("municipalities")
        .annotate(
            has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .order_by("-is_active", "username")
    )


def has_two_factor(user: User) -> bool:
    """Two-step sign-in is on when the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def get_user_for(code) -> User:
    try:
        return User.objects.get(code=code)
    except User.DoesNotExist:
        raise Http404 from None


def audit_events(
    *, user=None, action="", object_type="", object_code="", date_from=None, date_to=None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("user")
    if user:
        events = events.filter(user=user)
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type__icontains=object_type)
    if object_code:
        events = events.filter(object_code=object_code)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events
