"""Social tutoring: the people followed, their needs, paths, referrals and follow-ups.

Private by design (see docs/architecture.md, "Privacy by design"):
- a Beneficiary is known by a pseudonymous `code`; identity is optional, in `Identity`, encrypted
  with the data key (core.crypto) and found only by exact match on a keyed hash (blind index);
- every free text a person could be recognised by is an EncryptedTextField;
- there is NO field for immigration or legal status, and none may be added;
- year of birth, not date of birth.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.core.crypto import EncryptedTextField
from sportello.directory.models import Service, TaxonomyTerm
from sportello.territory.models import Municipality, Place

# Codes avoid letters and digits people confuse (0/O, 1/I/L), so they can be read over the phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_beneficiary_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"SM-{body[:3]}-{body[3:]}"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class AgeBand(models.TextChoices):
    CHILD = "0-13", _("0–13")
    TEEN = "14-17", _("14–17")
    YOUNG = "18-29", _("18–29")
    ADULT = "30-49", _("30–49")
    MATURE = "50-64", _("50–64")
    SENIOR = "65+", _("65 and over")
    UNKNOWN = "unknown", _("Unknown")


class ReferralSource(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    SCHOOL_STAFF = "school_staff", _("School staff")
    DOCTOR = "doctor", _("Doctor")
    PAEDIATRICIAN = "paediatrician", _("Paediatrician")
    MUNICIPAL_CLERK = "municipal_clerk", _("Municipal clerk")
    ASSOCIATION = "association", _("Association")
    WORD_OF_MOUTH = "word_of_mouth", _("Word of mouth")
    SELF = "self", _("Came by themselves")
    OUTREACH = "outreach", _("Met by the operator")


class Beneficiary(models.Model):
    class Generation(models.TextChoices):
        FIRST = "first", _("First generation")
        SECOND = "second", _("Second generation")
        UNKNOWN = "unknown", _("Not known")

    code = models.CharField(
        _("code"), max_length=12, unique=True, default=new_beneficiary_code, editable=False
    )
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    citizenship = models.CharField(
        _("citizenship"), max_length=2, blank=True, help_text=_("Country (ISO 3166 code).")
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality of residence or attendance"),
    )
    generation = models.CharField(
        _("generation"), max_length=8, choices=Generation.choices, default=Generation.UNKNOWN
    )
    arrival_year = models.PositiveSmallIntegerField(
        _("year of arrival in Italy"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="beneficiaries",
        verbose_name=_("operators following the person"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="Identity and free text erased (GDPR art. 17)."
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("person followed")
        verbose_name_plural = _("people followed")

    def __str__(self) -> str:
        return self.code


class Identity(models.Model):
    """Optional, encrypted. The blind indexes allow exact lookups without decrypting rows."""

    beneficiary = models.OneToOneField(
        Beneficiary, on_delete=models.CASCADE, related_name="identity"
    )
    first_name = EncryptedTextField(_("first name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    name_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("identity")

    def __str__(self) -> str:
        return f"identity of {self.beneficiary_id}"


class Note(models.Model):
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class Consent(models.Model):
    class Purpose(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow-up by the operator")
        SHARE_WITH_SERVICE = "share_with_service", _("Sharing with a named service for a referral")
        CONTACT_BY_PHONE = "contact_by_phone", _("Contact by phone")
        COURSE_IDENTITY = "course_identity", _("Name shown to the teacher of a course")

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service"),
        help_text=_("For sharing: the service the person agreed to share their data with."),
    )
    text_version = models.CharField(_("text version shown"), max_length=40)
    given_at = models.DateTimeField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"{self.purpose} ({self.beneficiary_id})"


class Encounter(models.Model):
    """A contact with one person at a place; anonymous unless linked to a Beneficiary."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operator"),
    )
    beneficiary = models.ForeignKey(
        Beneficiary, null=True, blank=True, on_delete=models.CASCADE, related_name="encounters"
    )
    referral_source = models.CharField(
        _("who pointed them to the desk"), max_length=20, choices=ReferralSource.choices
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    language = models.CharField(_("main language"), max_length=3, blank=True)
    needs = models.ManyToManyField(
        TaxonomyTerm, blank=True, related_name="+", verbose_name=_("needs")
    )
    information_given = EncryptedTextField(_("information given"), blank=True)
    services_suggested = models.ManyToManyField(
        Service, blank=True, related_name="+", verbose_name=_("services suggested")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("encounter")

    def __str__(self) -> str:
        return f"encounter {self.code}"


class Need(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Addressed")
        CLOSED = "closed", _("Closed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="needs")
    category = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    note = EncryptedTextField(_("note"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("need")

    def __str__(self) -> str:
        return f"need {self.code}"


class Path(models.Model):
    """Percorso di integrazione: proposed → active → completed | interrupted."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Interrupted")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="paths")
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tutor"),
    )
    start_date = models.DateField(_("start date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("integration path")

    def __str__(self) -> str:
        return f"path {self.code}"


class Goal(models.Model):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="goals")
    category = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    text = EncryptedTextField(_("goal"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("goal")

    def __str__(self) -> str:
        return f"goal {self.pk}"


class Referral(models.Model):
    """Closed loop: draft → sent → received → in progress → completed | declined | no-show |
    withdrawn. Every change is a ReferralEvent (who, when)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        NO_SHOW = "no_show", _("Did not show up")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="referrals")
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service")
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    note_for_service = EncryptedTextField(_("note for the service"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")

    def __str__(self) -> str:
        return f"referral {self.code}"


class ReferralEvent(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(max_length=12, choices=Referral.State.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_provider = models.BooleanField(
        default=False, help_text="Recorded through the one-time link."
    )
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.state}"


class ReferralLink(models.Model):
    """The provider's one-time link: only a hash of the token is stored."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_up_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"link for {self.referral_id}"


class FollowUp(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="follow_ups"
    )
    path = models.ForeignKey(
        Path, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operator"),
    )
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("follow-up")

    def __str__(self) -> str:
        return f"follow-up {self.code}"


class Intake(models.Model):
    """A segnalazione from partner staff: someone who may need the desk, with their agreement."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.ForeignKey(
        "IntakeLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intakes",
        help_text="Sent without an account, through this place's link.",
    )
    source = models.CharField(
        _("you are"), max_length=20, choices=ReferralSource.choices, blank=True
    )
    sender_name = EncryptedTextField(_("your name and role"))
    how_to_reach = EncryptedTextField(_("how to reach the person"))
    need = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="+", verbose_name=_("main need")
    )
    note = EncryptedTextField(_("note"), blank=True)
    person_agreed = models.BooleanField(_("the person agreed to be contacted"))
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    encounter = models.ForeignKey(
        Encounter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("intake")

    def __str__(self) -> str:
        return f"intake {self.code}"


class IntakeLink(models.Model):
    """A revocable per-place link partner staff can use without an account."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"intake link for {self.place_id}"


class Transfer(models.Model):
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="transfers")
    from_operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"transfer of {self.beneficiary_id}"
