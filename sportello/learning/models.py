"""Courses: the Italian L2 course and the operator-training module, their sessions, the people
enrolled, the attendance register, trainee assessments and the operator selection.

An L2 learner is a Beneficiary (by code; the name comes from the encrypted Identity and is shown
to the course's trainer only with the "course_identity" consent). A trainee of the operator
training is not a beneficiary: their name and e-mail are stored encrypted on the enrolment.
"""

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.core.crypto import EncryptedTextField


class Course(models.Model):
    class Kind(models.TextChoices):
        ITALIAN_L2 = "italian_l2", _("Italian L2")
        OPERATOR_TRAINING = "operator_training", _("Operator training")

    class Level(models.TextChoices):
        PRE_A1 = "pre_a1", _("pre-A1")
        A1 = "a1", "A1"
        A2 = "a2", "A2"
        B1 = "b1", "B1"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(
        _("CEFR level"),
        max_length=8,
        choices=Level.choices,
        blank=True,
        help_text=_("Italian L2 courses only."),
    )
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    place = models.ForeignKey(
        "territory.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="courses_taught",
        verbose_name=_("trainer"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("course")

    def __str__(self) -> str:
        return self.title

    @property
    def is_l2(self) -> bool:
        return self.kind == self.Kind.ITALIAN_L2


class Session(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("session")

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"

    @property
    def hours(self) -> Decimal:
        return session_hours(self.starts_at, self.ends_at)


def session_hours(starts_at: dt.time, ends_at: dt.time) -> Decimal:
    minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    return (Decimal(max(minutes, 0)) / 60).quantize(Decimal("0.01"))


class Enrolment(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    # Italian L2: the person followed (by code).
    beneficiary = models.ForeignKey(
        "casework.Beneficiary",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    # Operator training: the trainee (not a person followed), stored encrypted.
    name = EncryptedTextField(_("name"), blank=True)
    association = models.CharField(_("association"), max_length=200, blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enrolled_at", "pk"]
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "beneficiary"], name="enrolment_unique_beneficiary"
            ),
        ]

    def __str__(self) -> str:
        return str(self.code)


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_unique_person_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrolment_id}"


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Assessment(models.Model):
    """A trainee assessed against the written criteria of the selection (scores 1–5)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="assessment")
    aptitude = models.PositiveSmallIntegerField(_("aptitude for the work"), validators=SCORE)
    languages = models.PositiveSmallIntegerField(_("languages spoken"), validators=SCORE)
    territory = models.PositiveSmallIntegerField(_("knowledge of the territory"), validators=SCORE)
    migration_background = models.PositiveSmallIntegerField(
        _("own migration background"), validators=SCORE
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now=True)

    CRITERIA = ("aptitude", "languages", "territory", "migration_background")

    def __str__(self) -> str:
        return f"assessment {self.enrolment_id}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in self.CRITERIA)


class Selection(models.Model):
    """The decision of who becomes the project's operator, with its reasons."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="selections")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="selections")
    reasons = EncryptedTextField(_("reasons"))  # about the trainees: encrypted like assessments
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The operator account given to the selected person.",
    )

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return str(self.code)
