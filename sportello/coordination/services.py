"""Writes of the coordination group: seats, meetings (agenda, attendance, minutes, attachments,
embedded headline figures) and decisions. Only the coordinator calls these."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, Role, User
from sportello.accounts.services import audit_object
from sportello.coordination import selectors
from sportello.coordination.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Meeting,
    Member,
)
from sportello.territory.models import Municipality

# Extension → the content type we serve it with (never the one the browser sent).
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _check_seat(*, municipality: Municipality | None, user: User, substitute: User | None):
    if municipality is not None:
        for field, person in (("user", user), ("substitute", substitute)):
            if person is None:
                continue
            if (
                person.role != Role.MUNICIPAL_OFFICER
                or not person.municipalities.filter(pk=municipality.pk).exists()
            ):
                raise ValidationError(
                    {
                        field: _("Choose a municipal officer of %(municipality)s.")
                        % {"municipality": municipality.name}
                    }
                )
    else:
        if user.role != Role.COORDINATOR:
            raise ValidationError({"user": _("The coordinator's seat is held by a coordinator.")})
        if substitute is not None and substitute.role not in (Role.COORDINATOR, Role.OPERATOR):
            raise ValidationError(
                {"substitute": _("The coordinator's substitute is a coordinator or an operator.")}
            )
    if substitute is not None and substitute.pk == user.pk:
        raise ValidationError({"substitute": _("The substitute is someone else.")})


@transaction.atomic
def member_save(
    *,
    by: User,
    member: Member,
    municipality: Municipality | None,
    user: User,
    substitute: User | None,
) -> Member:
    _check_seat(municipality=municipality, user=user, substitute=substitute)
    taken = Member.objects.filter(municipality=municipality).exclude(pk=member.pk)
    if municipality is not None and taken.exists():
        raise ValidationError(
            {
                "municipality": _("%(municipality)s already has a seat.")
                % {"municipality": municipality.name}
            }
        )
    if municipality is None and taken.filter(user=user).exists():
        raise ValidationError({"user": _("This coordinator already has a seat.")})
    creating = member.pk is None
    member.municipality = municipality
    member.user = user
    member.substitute = substitute
    if creating:
        member.save()
    else:
        member.save(update_fields=["municipality", "user", "substitute"])
    audit_object(
        user=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=member,
    )
    return member


MEETING_FIELDS = ["title", "date", "starts_at", "place", "venue", "minutes"]


@transaction.atomic
def meeting_save(*, by: User, meeting: Meeting, data: dict, agenda: list[str]) -> Meeting:
    """Create or update a meeting; `agenda` replaces its agenda items (one text each, in order)."""
    creating = meeting.pk is None
    for field in MEETING_FIELDS:
        setattr(meeting, field, data.get(field) or ("" if field in ("venue", "minutes") else None))
    if creating:
        meeting.created_by = by
        meeting.save()
    else:
        meeting.save(update_fields=MEETING_FIELDS)
    items = [text.strip() for text in agenda if text.strip()]
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meeting, position=i, text=text[:300])
            for i, text in enumerate(items, 1)
        ]
    )
    audit_object(
        user=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=meeting,
    )
    return meeting


@transaction.atomic
def meeting_attendance_set(*, by: User, meeting: Meeting, statuses: dict[Member, str]) -> None:
    """Record who was there: for each seat, present, substitute present or absent."""
    for member, status in statuses.items():
        if status not in Attendance.Status.values:
            raise ValidationError(_("Unknown attendance status."))
        Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": status}
        )
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=meeting, detail="attendance")


@transaction.atomic
def meeting_headlines_embed(*, by: User, meeting: Meeting) -> Meeting:
    """Snapshot the suppressed headline figures into the meeting's agenda (replacing an older
    snapshot): the minutes keep the figures that were discussed."""
    meeting.headlines = selectors.headline_figures()
    meeting.save(update_fields=["headlines"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=meeting, detail="headlines")
    return meeting


@transaction.atomic
def meeting_headlines_remove(*, by: User, meeting: Meeting) -> Meeting:
    meeting.headlines = None
    meeting.save(update_fields=["headlines"])
    audit_object(user=by, action=AuditEvent.Action.UPDATE, obj=meeting, detail="headlines off")
    return meeting


def attachment_check(upload: UploadedFile) -> str:
    """The content type the file will be served with; ValidationError when it is refused."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(sorted(s.lstrip(".") for s in ATTACHMENT_TYPES))}
        )
    limit = settings.COORDINATION_ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.COORDINATION_ATTACHMENT_MAX_MB}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    return ATTACHMENT_TYPES[suffix]


@transaction.atomic
def attachment_add(*, by: User, meeting: Meeting, upload: UploadedFile) -> Attachment:
    content_type = attachment_check(upload)
    name = get_valid_filename(Path(upload.name).name)[-150:] or "file"
    attachment = Attachment(
        meeting=meeting,
        name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit_object(user=by, action=AuditEvent.Action.CREATE, obj=attachment)
    return attachment


@transaction.atomic
def attachment_delete(*, by: User, attachment: Attachment) -> None:
    audit_object(user=by, action=AuditEvent.Action.DELETE, obj=attachment)
    attachment.file.delete(save=False)
    attachment.delete()


DECISION_FIELDS = ["text", "owner", "due_date", "status"]


@transaction.atomic
def decision_save(*, by: User, decision: Decision, data: dict) -> Decision:
    creating = decision.pk is None
    was_open = creating or decision.status == Decision.Status.OPEN
    for field in DECISION_FIELDS:
        if field in data:
            setattr(decision, field, data[field])
    if not decision.status:
        decision.status = Decision.Status.OPEN
    if decision.status == Decision.Status.OPEN:
        decision.closed_at = None
    elif was_open:
        decision.closed_at = timezone.now()
    decision.full_clean(exclude=["meeting", "owner"])
    if creating:
        decision.save()
    else:
        decision.save(update_fields=[*DECISION_FIELDS, "closed_at"])
    audit_object(
        user=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=decision,
    )
    return decision
