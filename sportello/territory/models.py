"""The project's frame: the municipalities, the public places the operator visits, the project."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Italy's bounding box (with a margin for Lampedusa and the Alps): coordinates outside it are typos.
ITALY_LAT = (35.2, 47.2)
ITALY_LNG = (6.5, 18.6)

latitude_validators = [MinValueValidator(ITALY_LAT[0]), MaxValueValidator(ITALY_LAT[1])]
longitude_validators = [MinValueValidator(ITALY_LNG[0]), MaxValueValidator(ITALY_LNG[1])]


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    province = models.CharField(_("province"), max_length=2, default="AL")
    postal_code = models.CharField(_("postal code"), max_length=5)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, validators=latitude_validators
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, validators=longitude_validators
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    """A public place of the territory the operator visits (the 'diffuse desk')."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        LIBRARY = "library", _("Library")
        MEDICAL_CLINIC = "medical_clinic", _("Medical clinic")
        PAEDIATRIC_CLINIC = "paediatric_clinic", _("Paediatric clinic")
        TOWN_HALL = "town_hall", _("Town hall")
        PLACE_OF_WORSHIP = "place_of_worship", _("Place of worship")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("municipality"),
    )
    address = models.CharField(_("address"), max_length=200)
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
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="place_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class Project(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    funders = models.CharField(_("funders"), max_length=300)
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("lead municipality"),
    )
    partner_municipalities = models.ManyToManyField(
        Municipality, related_name="projects", verbose_name=_("partner municipalities")
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="project_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A numeric target of the project, keyed by the code of the indicator that measures it."""

    class Code(models.TextChoices):
        PEOPLE_REACHED = "people_reached", _("People reached")
        PEOPLE_IN_PATH = "people_in_path", _("People in an integration path")
        FLYERS_DISTRIBUTED = "flyers_distributed", _("Flyers distributed")
        OPERATORS_TRAINED = "operators_trained", _("Association operators trained")
        L2_HOURS = "l2_hours", _("Hours of Italian L2 course")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("indicator"), max_length=40, choices=Code.choices)
    value = models.PositiveIntegerField(_("target value"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="target_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.value}"
