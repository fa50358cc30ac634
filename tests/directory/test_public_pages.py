"""Public directory pages: search (plain GET and htmx), service detail, print view, map."""

import datetime as dt
import json
import re

import pytest
from django.test import Client

from sportello.directory import search
from sportello.directory.models import Phone, RequiredDocument, Service
from tests.directory.search_data import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    service = make_service(
        "Corso di italiano A1",
        name_ar="دورة اللغة الإيطالية A1",
        description_it="Lezioni serali per adulti.",
        categories=("italian-l2",),
        municipality="fubine-monferrato",
        languages=("it", "ar"),
        hours=((1, "09:00", "12:00"), (1, "14:30", "17:00"), (4, "20:00", "22:00")),
        is_free=True,
        assured_date=dt.date(2026, 3, 2),
    )
    Phone.objects.create(service=service, number="0142 555 006")
    RequiredDocument.objects.create(service=service, document_it="Documento d'identità")
    return service


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_search_works_as_a_plain_get_form(client: Client, course):
    make_service("Centro per l'impiego")

    response = client.get("/it/directory/", {"q": "corso di italiano"})

    page = text_of(response)
    assert response.status_code == 200
    assert '<form method="get" action="/it/directory/"' in page
    assert "Corso di italiano A1" in page
    assert "Centro per l" not in page
    assert re.search(r'id="result-count"[^>]*>1 ', page)


def test_htmx_gets_only_the_results_and_the_count(client: Client, course):
    response = client.get("/it/directory/", {"q": "ital"}, headers={"HX-Request": "true"})

    page = text_of(response)
    assert "<html" not in page
    assert "Corso di italiano A1" in page
    # The count's text goes into the page's live region (innerHTML), which stays and is heard.
    assert 'id="result-count"' in page and 'hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client: Client, course):
    response = client.get(
        "/it/directory/",
        {"q": "ital"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


def test_the_page_asks_htmx_to_search_as_you_type(client: Client):
    page = text_of(client.get("/it/directory/"))

    assert 'hx-get="/it/directory/"' in page
    assert "input changed delay:300ms" in page
    assert "vendor/htmx-2.0.11.min.js" in page
    assert "<script>" not in page  # no inline script


def test_filters_narrow_the_results(client: Client, course):
    make_service("Caritas", categories=("economic-support",), municipality="ottiglio")

    page = text_of(client.get("/it/directory/", {"category": "italian-l2"}))
    assert "Corso di italiano A1" in page and "Caritas" not in page

    page = text_of(client.get("/it/directory/", {"municipality": "ottiglio", "free": "on"}))
    assert 'class="card empty"' in page and 'class="results"' not in page


def test_an_unknown_filter_value_is_reported_and_the_rest_still_searches(client: Client, course):
    response = client.get("/it/directory/", {"q": "corso", "category": "nonsense"})

    page = text_of(response)
    assert response.status_code == 200
    assert 'class="errorlist"' in page
    assert "Corso di italiano A1" in page


def test_results_page_needs_a_fixed_number_of_queries(
    client: Client, course, django_assert_max_num_queries
):
    for number in range(30):
        make_service(f"Corso {number}", categories=("job",), municipality="ottiglio")

    with django_assert_max_num_queries(12):
        response = client.get("/it/directory/", {"q": "corso"})
    assert 'rel="next"' in text_of(response)


def test_arabic_pages_are_right_to_left_with_arabic_names(client: Client, course):
    page = text_of(client.get("/ar/directory/", {"q": "corso di italiano"}))

    assert '<html lang="ar" dir="rtl">' in page
    assert "دورة اللغة الإيطالية A1" in page


def test_the_service_page_shows_what_a_person_needs(client: Client, course):
    response = client.get(f"/it/directory/{course.id}/")

    page = text_of(response)
    assert response.status_code == 200
    assert "Lezioni serali per adulti." in page
    assert "Lunedì" in page and "09:00" in page and "14:30" in page and "Giovedì" in page
    assert 'href="tel:+390142555006"' in page
    assert "Piazza del Municipio 1, 15043 Fubine Monferrato (AL)" in page
    assert "arabo, italiano" in page
    assert "2 marzo 2026" in page
    assert "Documento d&#x27;identità" in page
    assert "data-map" in page and "vendor/leaflet-1.9.4/leaflet.js" in page


def test_hours_and_languages_are_in_the_readers_language(client: Client, course):
    page = text_of(client.get(f"/ar/directory/{course.id}/"))

    assert "الاثنين" in page  # Monday
    assert "الإيطالية" in page  # Italian, a language spoken
    assert "دورة اللغة الإيطالية A1" in page


def test_a_text_without_translation_is_shown_in_italian_with_a_note(client: Client, course):
    page = text_of(client.get(f"/ar/directory/{course.id}/"))

    assert '<div class="text" lang="it" dir="ltr"><p>Lezioni serali per adulti.</p></div>' in page
    assert 'class="untranslated"' in page
    italian = text_of(client.get(f"/it/directory/{course.id}/"))
    assert 'class="untranslated"' not in italian


def test_a_service_that_is_not_public_is_not_found(client: Client):
    service = make_service("Vecchio sportello", status=Service.Status.DEFUNCT)

    assert client.get(f"/it/directory/{service.id}/").status_code == 404
    assert client.get(f"/it/directory/{service.id}/print/").status_code == 404


def test_a_temporarily_closed_service_says_so(client: Client):
    service = make_service("Sportello estivo", status=Service.Status.TEMPORARILY_CLOSED)

    page = text_of(client.get(f"/it/directory/{service.id}/"))
    assert '<p class="notice warning">' in page


def test_the_printable_view_fits_what_matters_on_one_page(client: Client, course):
    page = text_of(client.get(f"/it/directory/{course.id}/print/"))

    assert "directory/print.css" in page
    assert "Corso di italiano A1" in page
    assert "Piazza del Municipio 1" in page and "0142 555 006" in page
    assert "20:00" in page
    assert "<script>" not in page


def test_the_map_lists_every_address_as_text_and_uses_the_configured_tiles(
    client: Client, course, settings
):
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"

    page = text_of(client.get("/it/directory/map/", {"q": "italiano"}))

    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert "Piazza del Municipio 1, 15043 Fubine Monferrato (AL)" in page
    points = json.loads(
        re.search(r'id="map-points" type="application/json">(.*?)</script>', page).group(1)
    )
    assert [point["name"] for point in points] == ["Corso di italiano A1"]
    assert points[0]["url"] == f"/it/directory/{course.id}/"


def test_the_public_home_links_to_the_directory(client: Client):
    assert 'href="/it/directory/"' in client.get("/it/").content.decode()


def test_a_search_with_too_many_results_says_more_than_and_pages_what_it_can(
    client: Client, monkeypatch
):
    monkeypatch.setattr(search, "COUNT_LIMIT", 25)
    for number in range(30):
        make_service(f"Corso {number:02}", categories=("job",))

    page = text_of(client.get("/it/directory/", {"category": "job"}))
    assert "Più di 25 servizi trovati · pagina 1 di 2" in page
    assert "Corso 00" in page and "Corso 19" in page and "Corso 20" not in page
    second = text_of(client.get("/it/directory/", {"category": "job", "page": "2"}))
    assert "Corso 24" in second and "Corso 25" not in second and 'rel="next"' not in second

    exact = text_of(client.get("/it/directory/", {"q": "corso 07"}))
    assert re.search(r'id="result-count"[^>]*>1 servizio trovato', exact)


def test_the_filters_keep_their_values_and_mark_the_invalid_one(client: Client, course):
    page = text_of(
        client.get("/it/directory/", {"municipality": "fubine-monferrato", "category": "nope"})
    )

    assert '<option value="fubine-monferrato" selected>Fubine Monferrato</option>' in page
    category = re.search(r'<select name="category"[^>]*>', page).group()
    assert 'aria-invalid="true"' in category and 'id="id_category"' in category
    assert 'aria-describedby="id_category_error"' in category
    assert 'id="id_category_error"' in page  # the error it points to
    assert '<option value="" selected>Qualsiasi giorno</option>' in page  # "Open on": any day
