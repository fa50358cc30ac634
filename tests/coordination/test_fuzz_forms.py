"""Input fuzzing of the coordination group's file upload: odd names (NUL, right-to-left override,
no name, only a dot), empty and over-the-limit files, several files at once. A refused file is
explained, writes no row and leaves no file on disk; an accepted one gets a safe stored name."""

import datetime as dt

import pytest
from django.conf import settings as conf
from django.core.files.uploadedfile import SimpleUploadedFile

from sportello.accounts.models import Role
from sportello.coordination import services
from sportello.coordination.models import Meeting
from tests.fuzz import rolled_back, row_counts, writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(users, settings, tmp_path) -> Meeting:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COORDINATION_ATTACHMENT_MAX_MB = 1
    return services.meeting_save(
        by=users[Role.COORDINATOR],
        meeting=Meeting(),
        data={"title": "Verifica", "date": dt.date(2011, 11, 16), "venue": "Municipio"},
        agenda=["Indicatori"],
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("verbale.pdf", b""),  # empty
        ("verbale.pdf", b"%PDF" + b"\0" * 2**20),  # over the limit
        ("\x00.pdf", b"%PDF-1.4"),
        ("verbale\u202efdp.exe", b"MZ"),  # shown as "verbaleexe.pdf"
        (".pdf", b"%PDF-1.4"),
        ("....pdf", b"%PDF-1.4"),
        ("😀😀.pdf", b"%PDF-1.4"),
        ("x" * 300 + ".pdf", b"%PDF-1.4"),
        ("../../../../etc/cron.d/x.csv", b"a,b"),
        ("C:\\Windows\\win.ini.txt", b"[fonts]"),
        ("verbale.PDF ", b"%PDF-1.4"),
    ],
)
def test_an_odd_upload_is_refused_or_stored_safely(coordinator_client, meeting, name, content):
    url = f"/app/coordination/meetings/{meeting.code}/attachments/"
    media = meeting_media(meeting)
    with rolled_back():
        before = row_counts()
        response = coordinator_client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert 'class="errorlist' in response.content.decode()
            assert not writes(before)
            assert not list(media.rglob("*")) if media.exists() else True
        else:
            attachment = meeting.attachments.get()
            stored = attachment.file.name
            assert stored.startswith(f"coordination/{meeting.code}/") and ".." not in stored
            assert "\x00" not in attachment.name and "\u202e" not in attachment.name


def meeting_media(meeting):
    return conf.MEDIA_ROOT / "coordination" / str(meeting.code)


def test_no_file_or_two_files_are_refused(coordinator_client, meeting):
    url = f"/app/coordination/meetings/{meeting.code}/attachments/"
    before = row_counts()
    assert coordinator_client.post(url, {}).status_code == 400
    assert coordinator_client.post(url, {"file": "not a file"}).status_code == 400
    two = [SimpleUploadedFile("a.txt", b"a"), SimpleUploadedFile("b.exe", b"MZ")]
    response = coordinator_client.post(url, {"file": two})
    assert response.status_code in (302, 400)
    assert not meeting.attachments.filter(name__endswith=".exe").exists()
    if response.status_code == 400:
        assert not writes(before)
