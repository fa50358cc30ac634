"""Integration paths: open with a goal, edit, close with an outcome; two operators editing the same
path never silently overwrite each other (optimistic locking)."""

import datetime as dt

import pytest
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework.models import Goal, Path
from sportello.directory.models import TaxonomyTerm
from tests.casework.tutoring_helpers import open_path, person, second_operator, signed_in


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


@pytest.fixture
def someone(operator):
    return person(operator)


def test_an_operator_opens_a_path_with_a_first_goal(operator, someone):
    term = TaxonomyTerm.objects.get(code="italian-l2")
    response = signed_in(operator).post(
        f"/app/people/{someone.code}/paths/new/",
        {
            "start_date": timezone.localdate().isoformat(),
            "status": "active",
            "goal_category": term.pk,
            "goal_text": "Frequentare il corso A2",
            "goal_due_date": "",
        },
        follow=True,
    )
    path = Path.objects.get(beneficiary=someone)
    assert response.redirect_chain[-1][0] == f"/app/paths/{path.code}/"
    assert path.status == "active" and path.operator == operator
    assert "Frequentare il corso A2" in response.content.decode()
    assert Goal.objects.get(path=path).text == "Frequentare il corso A2"
    assert AuditEvent.objects.filter(action="create", object_code=str(path.code)).exists()


def test_a_start_date_in_the_future_is_refused_and_nothing_is_saved(operator, someone):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = signed_in(operator).post(
        f"/app/people/{someone.code}/paths/new/",
        {"start_date": tomorrow.isoformat(), "status": "active"},
    )
    assert response.status_code == 200
    assert "This date is in the future." in response.content.decode()
    assert not Path.objects.exists()


def test_closing_needs_an_outcome(operator, someone):
    path = open_path(operator, someone)
    client = signed_in(operator)
    url = f"/app/paths/{path.code}/close/"
    data = {"version": path.version, "status": "completed", "closed_on": timezone.localdate()}

    refused = client.post(url, {**data, "outcome": ""})
    assert refused.status_code == 200
    path.refresh_from_db()
    assert path.status == "proposed" and path.closed_on is None

    client.post(url, {**data, "outcome": "Corso finito, certificato A2"})
    path.refresh_from_db()
    assert path.status == "completed"
    assert path.outcome == "Corso finito, certificato A2"
    assert path.closed_on == timezone.localdate()
    # A closed path cannot be closed (or edited) again.
    again = client.post(url, {**data, "version": path.version, "outcome": "x"}, follow=True)
    assert "already closed" in again.content.decode()


def test_the_outcome_is_stored_encrypted(operator, someone):
    from django.db import connection

    path = open_path(operator, someone)
    signed_in(operator).post(
        f"/app/paths/{path.code}/close/",
        {
            "version": path.version,
            "status": "interrupted",
            "closed_on": timezone.localdate(),
            "outcome": "Trasferita a Torino per lavoro",
        },
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT outcome FROM casework_path WHERE id = %s", [path.pk])
        raw = cursor.fetchone()[0]
    assert raw and "Torino" not in raw


def test_two_operators_editing_the_same_path_do_not_overwrite_each_other(operator, someone):
    colleague = second_operator()
    someone.operators.add(colleague)
    path = open_path(operator, someone)
    first, second = signed_in(operator), signed_in(colleague)
    url = f"/app/paths/{path.code}/edit/"
    # Both open the edit form: the same version.
    assert f'value="{path.version}"' in first.get(url).content.decode()
    assert f'value="{path.version}"' in second.get(url).content.decode()
    started = path.start_date

    first.post(url, {"version": path.version, "start_date": started, "status": "active"})
    late = second.post(
        url,
        {
            "version": path.version,
            "start_date": started - dt.timedelta(days=3),
            "status": "proposed",
        },
    )

    assert late.status_code == 409
    page = late.content.decode()
    assert "changed by someone else meanwhile" in page
    assert "Current version" in page
    path.refresh_from_db()
    assert path.status == "active"  # the first save stands
    assert path.start_date == started
    assert path.version == 2
    # The second operator's input is kept, now on top of the current version: saving again works.
    assert f'value="{path.version}"' in page
    again = second.post(
        url,
        {"version": path.version, "start_date": started, "status": "proposed"},
    )
    assert again.status_code == 302
    path.refresh_from_db()
    assert path.status == "proposed" and path.version == 3


def test_closing_a_path_someone_else_just_closed_changes_nothing(operator, someone):
    path = open_path(operator, someone)
    client = signed_in(operator)
    url = f"/app/paths/{path.code}/close/"
    data = {"status": "completed", "closed_on": timezone.localdate()}
    client.post(url, {**data, "version": path.version, "outcome": "Primo esito"})
    response = client.post(
        url, {**data, "version": path.version, "outcome": "Secondo"}, follow=True
    )
    path.refresh_from_db()
    assert path.outcome == "Primo esito"
    assert "already closed" in response.content.decode()


def test_goals_can_be_added_and_marked_achieved(operator, someone):
    path = open_path(operator, someone)
    client = signed_in(operator)
    term = TaxonomyTerm.objects.get(code="job")
    client.post(
        f"/app/paths/{path.code}/goals/",
        {"category": term.pk, "text": "Iscriversi al Centro per l'impiego", "due_date": ""},
    )
    goal = Goal.objects.get(path=path)
    client.post(f"/app/paths/{path.code}/goals/achieved/", {"goal": goal.pk})
    goal.refresh_from_db()
    assert goal.achieved_on == timezone.localdate()


def test_an_operator_who_does_not_follow_the_person_cannot_open_the_path(operator, someone):
    path = open_path(operator, someone)
    outsider = signed_in(second_operator())
    assert outsider.get(f"/app/paths/{path.code}/").status_code == 404
    assert outsider.get(f"/app/people/{someone.code}/paths/new/").status_code == 404


@pytest.mark.parametrize("role", [Role.MUNICIPAL_OFFICER, Role.TRAINER, Role.PARTNER_STAFF])
def test_other_roles_are_refused_every_path_url(role, users, client_for, operator, someone):
    path = open_path(operator, someone)
    client = client_for(role)
    for url in [
        f"/app/paths/{path.code}/",
        f"/app/paths/{path.code}/edit/",
        f"/app/paths/{path.code}/close/",
        f"/app/people/{someone.code}/paths/",
        f"/app/people/{someone.code}/paths/new/",
    ]:
        assert client.get(url).status_code in (403, 404), url
