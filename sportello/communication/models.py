"""Communication: the flyer (one text per language, printed with a QR code to the directory),
its distribution log, public news items. Events are added by the events part of the app."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sportello.territory.models import Place

FLYER_TARGET = 2000  # copies, when the project has no `flyers_distributed` target


def language_choices() -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, names.get(code, code)) for code in settings.PUBLIC_LANGUAGES]


class FlyerText(models.Model):
    """The flyer in one language: written once, printed as A5/A4 and in the multilingual sheet."""

    language = models.CharField(_("language"), max_length=8, unique=True)
    title = models.CharField(_("title"), max_length=120)
    offer = models.TextField(
        _("what the desk offers"), help_text=_("One item per line: each becomes a bullet.")
    )
    free_confidential = models.CharField(_("free and confidential"), max_length=300)
    where_heading = models.CharField(_("heading: where and when"), max_length=80)
    contact_heading = models.CharField(_("heading: how to reach the desk"), max_length=80)
    contact = models.TextField(_("how to reach the desk"))
    qr_caption = models.CharField(_("caption of the QR code"), max_length=160)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("flyer text")
        verbose_name_plural = _("flyer texts")

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"

    def offer_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.offer.splitlines() if line.strip(" -•\t")]


class Distribution(models.Model):
    """Copies of the flyer left at a place on a day, in one language."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="flyer_distributions", verbose_name=_("place")
    )
    language = models.CharField(_("language"), max_length=8)
    copies = models.PositiveIntegerField(
        _("copies"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("flyer distribution")
        verbose_name_plural = _("flyer distributions")

    def __str__(self) -> str:
        return f"{self.date} {self.place} {self.language} ×{self.copies}"


def news_image_path(instance: "NewsItem", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"news/{instance.code}.{extension}"


class NewsItem(models.Model):
    """A public news item; title, body and image alt text are translated (Italian required)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    image = models.FileField(_("image"), upload_to=news_image_path, blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"), max_length=250, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["status", "date"], name="news_status_date")]

    def __str__(self) -> str:
        return self.title


# --- Events (the final seminar and other public events) ----------------------------------------


class Event(models.Model):
    """A public event with its page in every public language (title, summary and programme are
    translated fields: title_it, title_en…) and, while open, a registration form."""

    class Kind(models.TextChoices):
        FINAL_SEMINAR = "final_seminar", _("Final seminar")
        OTHER = "other", _("Public event")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    programme = models.TextField(
        _("programme"), blank=True, help_text=_("One line per item, e.g. “10:00 Welcome”.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("place"),
    )
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("Hall and address, when not one of the project's places."),
    )
    published = models.BooleanField(_("published"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(_("places available"), null=True, blank=True)
    link_report = models.BooleanField(
        _("link the evaluation results"),
        default=False,
        help_text=_("Link the public indicators (the evaluation figures)."),
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """Someone registered to an event through the public form. Personal data: only the
    coordinator sees them; erased with the event's retention (docs/privacy.md)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)  # stored lower-cased
    language = models.CharField(_("language"), max_length=8, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="communication_registration_once_per_email"
            )
        ]

    def __str__(self) -> str:
        return str(self.code)
