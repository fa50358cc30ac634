"""The coordination group of the five municipalities and the coordinator: its members (each with a
substitute), its meetings (agenda, attendees, minutes, attachments) and the decisions taken.

Nothing here names a person followed by the desk: the group discusses aggregated, suppressed
figures only (a meeting may hold a snapshot of the dashboard's headline figures).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    """A seat in the group: one per municipality (its representative, a municipal officer) and
    one for the coordinator (no municipality). Each seat may name a substitute."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.OneToOneField(
        "territory.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordination_member",
        verbose_name=_("municipality"),
        help_text=_("Empty for the coordinator's seat."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordination_seats",
        verbose_name=_("representative"),
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordination_substitute_seats",
        verbose_name=_("substitute"),
    )

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(municipality__isnull=True),
                name="coordination_one_coordinator_seat_per_user",
            ),
        ]

    def __str__(self) -> str:
        return self.seat_name

    @property
    def seat_name(self) -> str:
        return self.municipality.name if self.municipality_id else str(_("Coordinator"))


class Meeting(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    place = models.ForeignKey(
        "territory.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("place"),
    )
    venue = models.CharField(
        _("other venue"),
        max_length=200,
        blank=True,
        help_text=_("When it is not one of the project's places, e.g. “video call”."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # The dashboard's headline figures as a municipal officer saw them when they were embedded:
    # {"period": "...", "taken_at": "...", "figures": [{"label", "value", "unit", "target"}]}.
    headlines = models.JSONField(_("headline figures"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def where(self) -> str:
        if self.place_id:
            return f"{self.place.name}, {self.place.municipality.name}"
        return self.venue


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="coordination_agenda_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        SUBSTITUTE = "substitute", _("Substitute present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)

    class Meta:
        ordering = ["member__municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="coordination_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.status}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A safe name chosen by us: the meeting's code and a random one, with the original's
    (checked) extension. The original name is kept in the row, for display only."""
    suffix = Path(filename).suffix.lower()
    return f"coordination/{instance.meeting.code}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("owner"),
        help_text=_("The seat in the group responsible for carrying it out."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]
