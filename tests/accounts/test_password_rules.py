"""The password rules, in Italian, wherever a password is chosen: the invitation link of a new user,
the reset link and the password change. At least 12 characters, not a common password, not only
digits, not too like the username."""

import html
import re

from django.core import mail

from sportello.accounts.models import Role, User
from tests.conftest import PASSWORD

SHORT = "troppo corta: usa almeno 12 caratteri"
COMMON = "troppo comune"
NUMERIC = "interamente numerica"
LIKE_USERNAME = "troppo simile"


def errors(response) -> str:
    return html.unescape(response.content.decode())


def choose(client, url: str, password: str):
    return client.post(url, {"new_password1": password, "new_password2": password})


def test_the_invitation_link_applies_the_rules(
    coordinator_client, client, ottiglio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            "/app/users/new/",
            {
                "username": "mario.rossi",
                "email": "mario@example.org",
                "role": Role.OPERATOR,
                "language": "it",
            },
        )
    link = re.search(r"http://testserver(/app/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True, HTTP_ACCEPT_LANGUAGE="it").redirect_chain[-1][0]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"
    page = errors(choose(client, form_url, "password"))
    assert SHORT in page and COMMON in page
    assert NUMERIC in errors(choose(client, form_url, "382910475562"))
    assert LIKE_USERNAME in errors(choose(client, form_url, "mario.rossi.2026"))
    user = User.objects.get(username="mario.rossi")
    assert not user.has_usable_password()
    assert choose(client, form_url, "dodici caratteri")["Location"] == "/app/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password("dodici caratteri")  # exactly twelve characters are enough


def test_the_password_change_applies_the_rules(client_for, users):
    client = client_for(Role.TRAINER)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "it"

    def change(new):
        return client.post(
            "/app/password/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        )

    assert SHORT in errors(change("undici cara"))  # eleven characters
    assert NUMERIC in errors(change("4829104755621"))
    assert COMMON in errors(change("password1234"))
    users[Role.TRAINER].refresh_from_db()
    assert users[Role.TRAINER].check_password(PASSWORD)
    assert change("un'altra frase lunga")["Location"] == "/app/password/done/"
