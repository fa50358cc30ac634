"""The resource directory (banca dati delle risorse), aligned with Open Referral HSDS 3.0.

Names follow HSDS where they can (see ../shared/hsds/schema/*.json). Every object has a UUID id,
which is also its HSDS id. Texts people read are translated with django-modeltranslation
(directory/translation.py): Italian is canonical; missing translations fall back to Italian.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.territory.models import Municipality, latitude_validators, longitude_validators

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ./-]{4,20}$",
    _("Enter a phone number: digits, with spaces, dots or dashes, e.g. 0142 555 123."),
)


class TaxonomyTerm(models.Model):
    """One term of our single taxonomy: it classifies both people's needs and services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Health, psychosocial, legal, documents: stricter visibility and suppression."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Mapping to an external HSDS taxonomy (e.g. Open Eligibility) for exchange.
    external_taxonomy = models.CharField(max_length=60, blank=True)
    external_code = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    legal_status = models.CharField(_("legal status"), max_length=100, blank=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = models.CharField(
        _("interpretation services"), max_length=300, blank=True
    )
    application_process = models.TextField(_("how to access"), blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    alert = models.CharField(_("alert"), max_length=300, blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    is_free = models.BooleanField(_("free of charge"), default=False)
    welcomes_undocumented = models.BooleanField(
        _("welcomes people without a residence permit or documents"),
        default=False,
        help_text=_("A property of the service (e.g. an STP clinic), never of a person."),
    )
    categories = models.ManyToManyField(
        TaxonomyTerm, related_name="services", verbose_name=_("categories")
    )
    service_areas = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="covered_by_services",
        verbose_name=_("municipalities covered"),
    )
    # Freshness: who last confirmed the record is correct, and when (HSDS assured_date/assurer).
    assured_date = models.DateField(_("last checked"), null=True, blank=True)
    assurer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        VIRTUAL = "virtual", _("Virtual")
        POSTAL = "postal", _("Postal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organization"),
    )
    location_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web address"), blank=True, help_text=_("For virtual locations."))
    transportation = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("An Italian postal code has five digits."))],
    )
    state_province = models.CharField(
        _("province"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter province code, e.g. AL."))],
    )
    country = models.CharField(_("country"), max_length=2, default="IT")
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_locations",
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=latitude_validators,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=longitude_validators,
    )
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service at location")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="sal_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Phone(models.Model):
    class Type(models.TextChoices):
        TEXT = "text", _("Text message")
        VOICE = "voice", _("Voice")
        FAX = "fax", _("Fax")
        CELL = "cell", _("Mobile")
        VIDEO = "video", _("Video")
        PAGER = "pager", _("Pager")
        TEXTPHONE = "textphone", _("Textphone")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=30, validators=[phone_validator])
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone")

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """One opening interval on one weekday: several rows per day give lunch breaks;
    valid_from/valid_to give seasonal hours. Exported to HSDS as freq=WEEKLY, byday=MO…"""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(
        _("day"), choices=Weekday.choices, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_validity_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ServiceLanguage(models.Model):
    """A language spoken at the service (HSDS `language`), by ISO 639-1 code."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language code"), max_length=3)
    name = models.CharField(_("language"), max_length=60)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language spoken")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_language_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("option"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_description = models.CharField(_("amount description"), max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("cost option")

    def __str__(self) -> str:
        return self.option


class RequiredDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.CharField(_("document"), max_length=300)
    uri = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("required document")

    def __str__(self) -> str:
        return self.document


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact")

    def __str__(self) -> str:
        return self.name or self.department or self.email


class ServiceVersion(models.Model):
    """History: a snapshot of a service (with its related rows) after every change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.number}"


class EditProposal(models.Model):
    """An edit proposed by a municipal officer; an operator or the coordinator accepts it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    base_version = models.PositiveIntegerField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField()
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"proposal {self.id} ({self.status})"


class SearchEntry(models.Model):
    """The full-text index row of one service: an SQLite FTS5 virtual table or, on PostgreSQL, a
    table with a weighted tsvector and a GIN index (migrations 0003 to 0006). Not managed by
    Django; written only by directory.search.search_index_update(). The flags copy the service's
    so that public searches rank and filter in the index alone; so do marker words of its
    categories, towns, languages and days open, and (PostgreSQL; on SQLite in the table
    `directory_service_listing` next to it) the names it is sorted by and its weekly hours."""

    service = models.OneToOneField(
        Service,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_column="service_id",
        db_constraint=False,
        related_name="search_entry",
    )
    active = models.BooleanField(default=False)
    free = models.BooleanField(default=False)
    undocumented = models.BooleanField(default=False)

    class Meta:
        managed = False
        db_table = "directory_service_search"

    def __str__(self) -> str:
        return f"search entry of {self.service_id}"
