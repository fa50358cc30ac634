"""Users with one role each, and the audit log of who read, changed or exported what."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    OPERATOR = "operator", _("Social operator")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer")
    TRAINER = "trainer", _("Trainer")
    PARTNER_STAFF = "partner_staff", _("Partner staff")


# Roles that may see a person's data (used by 2FA rules and the privacy documentation).
ROLES_WITH_PERSONAL_DATA = frozenset({Role.COORDINATOR, Role.OPERATOR, Role.TRAINER})


class User(AbstractUser):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipalities = models.ManyToManyField(
        "territory.Municipality",
        blank=True,
        related_name="officers",
        verbose_name=_("municipalities"),
        help_text=_("For municipal officers: the municipalities they represent."),
    )
    language = models.CharField(
        _("interface language"),
        max_length=5,
        choices=[("it", "Italiano"), ("en", "English")],
        default="it",
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """One row per read, change or export of protected data. Never holds personal data:
    the object is named by its type and public code only."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        EXPORT = "export", _("Export")
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50)
    object_code = models.CharField(_("object code"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_code"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_code}"
