"""The coordination group: the coordinator runs meetings and decisions; a municipal officer reads
the group, the meetings, the minutes (PDF) and the attachments, and changes nothing."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.coordination import services
from sportello.coordination.models import Attendance, Decision, Meeting, Member
from sportello.indicators.selectors import current_project
from sportello.outreach.models import Visit
from sportello.territory.models import Place


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seat(users, ottiglio) -> Member:
    return services.member_save(
        by=users[Role.COORDINATOR],
        member=Member(),
        municipality=ottiglio,
        user=users[Role.MUNICIPAL_OFFICER],
        substitute=None,
    )


@pytest.fixture
def meeting(users) -> Meeting:
    return services.meeting_save(
        by=users[Role.COORDINATOR],
        meeting=Meeting(),
        data={"title": "Verifica intermedia", "date": dt.date(2011, 11, 16), "venue": "Municipio"},
        agenda=["Indicatori", "Volantini"],
    )


def test_coordinator_creates_a_meeting_with_its_agenda(coordinator_client):
    response = coordinator_client.post(
        "/app/coordination/meetings/new/",
        {
            "title": "Riunione di avvio",
            "date": "2011-06-15",
            "venue": "Videochiamata",
            "agenda": "Presentazione\n\nCalendario delle visite\n",
            "minutes": "Si concorda il calendario.",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/app/coordination/meetings/{meeting.code}/"
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "<li>Presentazione</li><li>Calendario delle visite</li>" in page
    assert "Si concorda il calendario." in page


def test_a_meeting_needs_a_place_or_a_venue(coordinator_client):
    response = coordinator_client.post(
        "/app/coordination/meetings/new/", {"title": "Riunione", "date": "2011-06-15"}
    )
    assert response.status_code == 200
    assert 'id="id_venue_error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_seat_is_held_by_an_officer_of_that_municipality(coordinator_client, users, ottiglio):
    response = coordinator_client.post(
        "/app/coordination/members/new/",
        {"municipality": "ottiglio", "user": users[Role.OPERATOR].code},
    )
    assert response.status_code == 200
    assert not Member.objects.exists()
    response = coordinator_client.post(
        "/app/coordination/members/new/",
        {"municipality": "ottiglio", "user": users[Role.MUNICIPAL_OFFICER].code},
    )
    assert response.status_code == 302
    assert Member.objects.get().user == users[Role.MUNICIPAL_OFFICER]


def test_attendance_records_a_substitute(coordinator_client, meeting, seat):
    response = coordinator_client.post(
        f"/app/coordination/meetings/{meeting.code}/attendance/",
        {f"m-{seat.code}": "substitute"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, member=seat).status == "substitute"


def test_open_decisions_highlight_the_overdue_ones(client_for, meeting, seat, users):
    today = timezone.localdate()
    for text, due, status in [
        ("Late decision", today - dt.timedelta(days=1), "open"),
        ("Future decision", today + dt.timedelta(days=10), "open"),
        ("Done decision", today - dt.timedelta(days=5), "done"),
    ]:
        services.decision_save(
            by=users[Role.COORDINATOR],
            decision=Decision(meeting=meeting),
            data={"text": text, "owner": seat, "due_date": due, "status": status},
        )
    page = client_for(Role.MUNICIPAL_OFFICER).get("/app/coordination/decisions/").content.decode()
    assert "Done decision" not in page
    late = page.index("Late decision")
    assert page.rfind('<tr class="overdue">', 0, late) > page.rfind("<tr", 0, late) - 1
    future_row = page[page.rfind("<tr", 0, page.index("Future decision")) :][:30]
    assert "overdue" not in future_row


def test_closing_a_decision_records_when(coordinator_client, meeting):
    decision = services.decision_save(
        by=meeting.created_by,
        decision=Decision(meeting=meeting),
        data={"text": "Ristampare i volantini", "owner": None, "due_date": None, "status": "open"},
    )
    response = coordinator_client.post(
        f"/app/coordination/decisions/{decision.code}/",
        {"text": decision.text, "status": "done"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done" and decision.closed_at is not None


def test_officer_reads_the_meeting_but_sees_no_controls(client_for, meeting):
    page = client_for(Role.MUNICIPAL_OFFICER).get(f"/app/coordination/meetings/{meeting.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Verifica intermedia" in html and "<li>Indicatori</li>" in html
    assert f"/app/coordination/meetings/{meeting.code}/edit/" not in html
    assert 'enctype="multipart/form-data"' not in html


def test_embedded_headline_figures_stay_what_was_discussed(coordinator_client, meeting, ottiglio):
    response = coordinator_client.post(f"/app/coordination/meetings/{meeting.code}/headlines/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    visits = next(f for f in meeting.headlines["figures"] if f["code"] == "visits")
    assert visits["value"] == "0"
    # Later activity does not change the minutes: the figures are a snapshot.
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    Visit.objects.create(
        date=current_project().start_date, place=place, operator=meeting.created_by, minutes=60
    )
    page = coordinator_client.get(f"/app/coordination/meetings/{meeting.code}/").content.decode()
    assert "Visite nei luoghi pubblici" in page
    meeting.refresh_from_db()
    assert next(f for f in meeting.headlines["figures"] if f["code"] == "visits")["value"] == "0"


def test_headline_figures_are_suppressed_like_an_officers(users, meeting, ottiglio):
    """One visit is a small number: the snapshot shows "<5", never the exact 1."""
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    Visit.objects.create(
        date=current_project().start_date, place=place, operator=users[Role.OPERATOR], minutes=60
    )
    services.meeting_headlines_embed(by=users[Role.COORDINATOR], meeting=meeting)
    visits = next(f for f in meeting.headlines["figures"] if f["code"] == "visits")
    assert visits["value"] == "<5"


def test_attachments_are_checked_stored_safely_and_served_to_staff(
    coordinator_client, client_for, meeting, settings
):
    url = f"/app/coordination/meetings/{meeting.code}/attachments/"
    refused = coordinator_client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert refused.status_code == 400
    assert "pdf" in refused.content.decode()
    settings.COORDINATION_ATTACHMENT_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1))
    assert coordinator_client.post(url, {"file": big}).status_code == 400
    ok = coordinator_client.post(
        url, {"file": SimpleUploadedFile("../../Ordine del giorno.pdf", b"%PDF-1.4 demo")}
    )
    assert ok.status_code == 302
    attachment = meeting.attachments.get()
    assert attachment.name == "Ordine_del_giorno.pdf"
    assert attachment.file.name.startswith(f"coordination/{meeting.code}/")
    assert ".." not in attachment.file.name
    response = client_for(Role.MUNICIPAL_OFFICER).get(
        f"/app/coordination/attachments/{attachment.code}/"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="read", object_code=str(attachment.code), role=Role.MUNICIPAL_OFFICER
    ).exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is missing")
def test_minutes_pdf_holds_agenda_attendance_and_decisions(
    client_for, meeting, seat, users, tmp_path
):
    services.meeting_attendance_set(
        by=users[Role.COORDINATOR], meeting=meeting, statuses={seat: "present"}
    )
    services.decision_save(
        by=users[Role.COORDINATOR],
        decision=Decision(meeting=meeting),
        data={"text": "Ristampare i volantini", "owner": seat, "due_date": None, "status": "open"},
    )
    meeting.minutes = "Discussione # [non markup]"
    meeting.save(update_fields=["minutes"])
    response = client_for(Role.MUNICIPAL_OFFICER).get(
        f"/app/coordination/meetings/{meeting.code}/minutes.pdf"
    )
    assert response.status_code == 200
    path = tmp_path / "minutes.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ["Verifica intermedia", "Indicatori", "Ottiglio", "Ristampare i volantini"]:
        assert expected in text
    assert "Discussione # [non markup]" in text


def test_home_page_queries_do_not_grow_with_meetings(
    client_for, users, django_assert_max_num_queries
):
    for i in range(15):
        services.meeting_save(
            by=users[Role.COORDINATOR],
            meeting=Meeting(),
            data={"title": f"Riunione {i}", "date": dt.date(2011, 6, 1 + i), "venue": "Sala"},
            agenda=[],
        )
    client = client_for(Role.MUNICIPAL_OFFICER)
    with django_assert_max_num_queries(12):
        page = client.get("/app/coordination/")
    assert page.content.decode().count("Riunione ") == 15
