"""Follow-ups: added from a person or a path with a due date, done with a note (encrypted)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework.models import FollowUp
from tests.casework.tutoring_helpers import open_path, person, signed_in


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


def test_a_follow_up_from_the_person_defaults_to_next_week(operator):
    someone = person(operator)
    client = signed_in(operator)
    page = client.get(f"/app/people/{someone.code}/follow-ups/new/").content.decode()
    assert (timezone.localdate() + dt.timedelta(days=7)).isoformat() in page
    due = timezone.localdate() + dt.timedelta(days=3)
    client.post(
        f"/app/people/{someone.code}/follow-ups/new/",
        {"due_date": due.isoformat(), "note": "Chiedere del corso"},
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.beneficiary, follow_up.operator, follow_up.due_date) == (
        someone,
        operator,
        due,
    )
    assert follow_up.path is None


def test_a_follow_up_from_a_path_belongs_to_the_path(operator):
    someone = person(operator)
    path = open_path(operator, someone)
    response = signed_in(operator).post(
        f"/app/people/{someone.code}/follow-ups/new/",
        {"path": path.code, "due_date": timezone.localdate().isoformat(), "note": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/app/paths/{path.code}/#follow-ups"
    assert FollowUp.objects.get().path == path


def test_marking_done_keeps_the_note_encrypted(operator):
    someone = person(operator)
    follow_up = FollowUp.objects.create(
        beneficiary=someone, operator=operator, due_date=timezone.localdate()
    )
    signed_in(operator).post(
        f"/app/follow-ups/{follow_up.code}/done/", {"note": "Ha trovato lavoro a Casale"}
    )
    follow_up.refresh_from_db()
    assert follow_up.done_on == timezone.localdate()
    assert "Ha trovato lavoro a Casale" in follow_up.note
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM casework_followup WHERE id = %s", [follow_up.pk])
        assert "Casale" not in cursor.fetchone()[0]


def test_a_due_date_long_past_is_refused(operator):
    someone = person(operator)
    response = signed_in(operator).post(
        f"/app/people/{someone.code}/follow-ups/new/",
        {"due_date": "2001-01-01", "note": ""},
    )
    assert response.status_code == 200
    assert "more than a year ago" in response.content.decode()
    assert not FollowUp.objects.exists()
