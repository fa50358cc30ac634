"""The diffuse desk: the weekly rota of places, and the visits with anonymous tallies."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.casework.models import AgeBand, Gender
from sportello.directory.models import Schedule, TaxonomyTerm
from sportello.territory.models import Place


class VisitPlan(models.Model):
    """One recurring slot of the rota: a place, a weekday and hours, for an operator."""

    Weekday = Schedule.Weekday  # one list of weekdays for opening hours and the rota

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="visit_plans", verbose_name=_("place")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="visit_plans",
        verbose_name=_("operator"),
    )
    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Weekday.choices, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("rota slot")
        verbose_name_plural = _("rota")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="visitplan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M} {self.place}"


class Visit(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="visits", verbose_name=_("place")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("operator"),
    )
    plan = models.ForeignKey(
        VisitPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    minutes = models.PositiveSmallIntegerField(
        _("time spent (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("visit")

    def __str__(self) -> str:
        return f"visit {self.code}"


class AnonymousContact(models.Model):
    """One person met during a visit, counted without identifying them."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="contacts")
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    language = models.CharField(_("main language"), max_length=3, blank=True)
    need = models.ForeignKey(
        TaxonomyTerm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("main need"),
    )

    class Meta:
        verbose_name = _("anonymous contact")

    def __str__(self) -> str:
        return f"contact at {self.visit_id}"


class CalendarToken(models.Model):
    """A revocable secret for an operator's iCal feed; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"
