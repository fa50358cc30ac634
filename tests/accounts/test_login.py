from sportello.accounts.models import AuditEvent
from tests.conftest import PASSWORD


def test_a_user_signs_in_and_lands_on_the_staff_home(client, users):
    response = client.post(
        "/app/login/", {"username": "trainer", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/app/"
    assert "trainer" in response.content.decode()
    assert AuditEvent.objects.filter(action="login", user=users["trainer"]).exists()


def test_an_operator_lands_on_today_unless_a_page_was_asked_for(client, users):
    response = client.post("/app/login/", {"username": "operator", "password": PASSWORD})
    assert response["Location"] == "/app/today/"
    client.post("/app/logout/")
    response = client.post(
        "/app/login/?next=/app/places/", {"username": "operator", "password": PASSWORD}
    )
    assert response["Location"] == "/app/places/"
    assert AuditEvent.objects.filter(action="login", user=users["operator"]).exists()


def test_a_wrong_password_says_neither_which_part_was_wrong_nor_loses_the_username(client, users):
    response = client.post(
        "/app/login/", {"username": "operator", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="it"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "nome utente e password corretti" in page
    assert 'value="operator"' in page
    # The same message for an unknown user: nobody learns which usernames exist.
    unknown = client.post("/app/login/", {"username": "nobody", "password": "wrong"})
    assert "nome utente e password corretti" in unknown.content.decode()
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() == 2
    assert not failed.filter(detail__contains="nobody").exists()


def test_an_inactive_user_cannot_sign_in(client, users):
    users["operator"].is_active = False
    users["operator"].save()
    response = client.post("/app/login/", {"username": "operator", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(client_for):
    client = client_for("operator")
    response = client.post("/app/logout/")
    assert response.status_code == 302
    assert client.get("/app/").status_code == 302


def test_the_session_ends_after_the_idle_time(client, users, settings):
    client.post("/app/login/", {"username": "operator", "password": PASSWORD})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # every request pushes the expiry forward


def test_the_staff_language_follows_the_users_choice(client_for, users):
    users["operator"].language = "en"
    users["operator"].save()
    client = client_for(None)
    client.post("/app/login/", {"username": "operator", "password": PASSWORD})
    assert "Welcome" in client.get("/app/").content.decode()
    client.post("/i18n/setlang/", {"language": "it", "next": "/app/"})
    users["operator"].refresh_from_db()
    assert users["operator"].language == "it"
    assert "Ciao" in client.get("/app/").content.decode()


def test_staff_pages_do_not_switch_to_a_public_only_language(client_for):
    client = client_for("operator")
    client.cookies["django_language"] = "ar"
    page = client.get("/app/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="it"' in page
    assert 'dir="ltr"' in page
