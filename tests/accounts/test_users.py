import re

from django.core import mail

from sportello.accounts.models import AuditEvent, Role, User


def test_the_coordinator_adds_a_user_who_gets_an_invitation_to_choose_a_password(
    coordinator_client, ottiglio, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            "/app/users/new/",
            {
                "username": "clerk.fubine",
                "first_name": "Anna",
                "last_name": "Prova",
                "email": "clerk@example.org",
                "role": Role.MUNICIPAL_OFFICER,
                "municipalities": [ottiglio.pk],
                "language": "it",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="clerk.fubine")
    assert user.role == Role.MUNICIPAL_OFFICER
    assert list(user.municipalities.all()) == [ottiglio]
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "clerk.fubine" in mail.outbox[0].body
    link = re.search(r"http://testserver(/app/password/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    new = "my own long password 2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(action="create", object_code=str(user.code)).exists()


def test_a_municipal_officer_needs_a_municipality_and_the_form_keeps_what_was_typed(
    coordinator_client,
):
    response = coordinator_client.post(
        "/app/users/new/",
        {
            "username": "clerk",
            "first_name": "Anna",
            "email": "clerk@example.org",
            "role": Role.MUNICIPAL_OFFICER,
            "language": "it",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "scegli almeno un comune" in page
    assert 'value="Anna"' in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.filter(username="clerk").exists()


def test_a_taken_username_is_refused(coordinator_client, users):
    response = coordinator_client.post(
        "/app/users/new/",
        {"username": "Operator", "email": "x@example.org", "role": "operator", "language": "it"},
    )
    assert "già in uso" in response.content.decode()
    assert User.objects.filter(username__iexact="operator").count() == 1


def test_changing_a_role_is_audited_without_personal_data(coordinator_client, users):
    operator = users["operator"]
    response = coordinator_client.post(
        f"/app/users/{operator.code}/",
        {
            "first_name": "Nuovo",
            "last_name": "Nome",
            "email": "op@example.org",
            "role": Role.TRAINER,
            "language": "it",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.role == Role.TRAINER
    event = AuditEvent.objects.get(action="update", object_code=str(operator.code))
    assert "operator->trainer" in event.detail
    assert "Nuovo" not in event.detail


def test_the_coordinator_cannot_lock_themselves_out(coordinator_client, users):
    me = users["coordinator"]
    response = coordinator_client.post(
        f"/app/users/{me.code}/",
        {"email": "c@example.org", "role": Role.OPERATOR, "language": "it", "is_active": "on"},
    )
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.role == Role.COORDINATOR


def test_an_unknown_user_code_is_a_404(coordinator_client, users):
    response = coordinator_client.get("/app/users/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_the_user_list_does_not_query_per_user(
    coordinator_client, users, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = coordinator_client.get("/app/users/")
    assert response.status_code == 200
    for user in users.values():
        assert user.username in response.content.decode()
