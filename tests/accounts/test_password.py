import re

from django.core import mail

from tests.conftest import PASSWORD


def test_password_reset_sends_a_link_that_sets_a_new_password(client, users):
    response = client.post("/app/password/reset/", {"email": "trainer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/app/password/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "a much longer new password 7"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert done.status_code == 200
    users["trainer"].refresh_from_db()
    assert users["trainer"].check_password(new)


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, users):
    response = client.post("/app/password/reset/", {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert mail.outbox == []


def test_a_used_or_broken_reset_link_explains_itself(client, users):
    response = client.get("/app/password/reset/MQ/not-a-token/")
    assert "non è più valido" in response.content.decode()


def test_password_change_refuses_short_and_common_passwords(client_for, users):
    client = client_for("operator")
    response = client.post(
        "/app/password/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "troppo corta" in page  # at least 12 characters
    assert "troppo comune" in page
    users["operator"].refresh_from_db()
    assert users["operator"].check_password(PASSWORD)
