from unittest import mock

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import DatabaseError
from django.urls import path

from sportello.accounts.access import public
from sportello.territory.models import Place


def test_healthz_answers_ok_with_the_database_reachable(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, db):
    with mock.patch("sportello.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_the_root_sends_an_arabic_browser_to_the_arabic_home(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_the_public_home_says_where_the_operator_goes(client, ottiglio):
    Place.objects.create(
        name="Scuola di Ottiglio", kind="school", municipality=ottiglio, address="Via 1"
    )
    page = client.get("/it/").content.decode()
    assert "Scuola di Ottiglio" in page
    assert "Vignale Monferrato" in page
    assert 'lang="it"' in page


def test_the_arabic_home_is_right_to_left(client, db):
    page = client.get("/ar/").content.decode()
    assert 'dir="rtl"' in page
    assert 'lang="ar"' in page
    # The language switcher offers every public language, each in its own script.
    for name in ("Italiano", "English", "Français", "العربية", "Română", "Shqip"):
        assert name in page


def test_a_missing_public_page_is_a_404_in_the_readers_language(client, db):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


def raising_view(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/", public(raising_view)),
    *i18n_patterns(path("boom/", public(raising_view))),
]
handler500 = "sportello.core.views.server_error"


@pytest.mark.urls("tests.core.test_pages")
def test_a_server_error_shows_a_friendly_page_without_a_traceback(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="it")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Qualcosa non ha funzionato" in page
    assert "RuntimeError" not in page
    assert "Traceback" not in page
    arabic = client.get("/ar/boom/")
    assert arabic.status_code == 500
    assert 'dir="rtl"' in arabic.content.decode()


def test_the_demo_banner_appears_only_with_demo_data(client, db, monkeypatch):
    from django.core.management import call_command

    from sportello.core import demo

    monkeypatch.setattr(demo, "LOADERS", [])
    assert "dimostrativ" not in client.get("/it/").content.decode()
    call_command("demo", stdout=mock.MagicMock())
    assert "fittizi" in client.get("/it/").content.decode()


def test_private_pages_are_never_kept_in_the_browser_cache(client_for, client):
    operator = client_for("operator")
    for response in (
        operator.get("/app/"),
        operator.get("/app/places/"),
        client.get("/app/login/"),
        client.get("/r/not-a-token/"),
    ):
        assert response["Cache-Control"] == "no-store"
    # Public pages may be cached (the directory is meant to be cacheable at the edge).
    assert "no-store" not in client.get("/it/").get("Cache-Control", "")
