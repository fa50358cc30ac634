"""Sample objects for the authorization matrix: a seat, a meeting with an attachment, a decision."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.coordination import services
from sportello.coordination.models import Decision, Meeting, Member


def coordination_sample_kwargs(users, ottiglio, *, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = users[Role.COORDINATOR]
    member = services.member_save(
        by=coordinator,
        member=Member(),
        municipality=ottiglio,
        user=users[Role.MUNICIPAL_OFFICER],
        substitute=None,
    )
    meeting = services.meeting_save(
        by=coordinator,
        meeting=Meeting(),
        data={"title": "Riunione", "date": timezone.localdate(), "venue": "Videochiamata"},
        agenda=["Punto uno"],
    )
    attachment = services.attachment_add(
        by=coordinator,
        meeting=meeting,
        upload=SimpleUploadedFile("ordine del giorno.txt", b"Ordine del giorno"),
    )
    decision = services.decision_save(
        by=coordinator,
        decision=Decision(meeting=meeting),
        data={"text": "Fare una cosa", "owner": member, "due_date": None, "status": "open"},
    )
    return {
        "coordination:member_edit": {"code": member.code},
        "coordination:meeting_detail": {"code": meeting.code},
        "coordination:meeting_edit": {"code": meeting.code},
        "coordination:meeting_attendance": {"code": meeting.code},
        "coordination:meeting_headlines": {"code": meeting.code},
        "coordination:meeting_pdf": {"code": meeting.code},
        "coordination:attachment_add": {"code": meeting.code},
        "coordination:decision_create": {"code": meeting.code},
        "coordination:attachment_download": {"code": attachment.code},
        "coordination:attachment_delete": {"code": attachment.code},
        "coordination:decision_edit": {"code": decision.code},
    }
